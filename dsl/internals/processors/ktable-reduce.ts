import type { KTableState } from '../ktable-state.ts';
import { KTableFoldProcessor } from './key-value-aggregate-support.ts';

/**
 * `KGroupedTable.reduce` (Kafka's KTableReduce): subtract the old value, then add the new one; a
 * key's first value is its aggregate. A null result deletes the key.
 */
export class KTableReduce<K, V> extends KTableFoldProcessor<K, V, V> {
  private readonly adder: (aggregate: V, value: V) => V;
  private readonly subtractor: (aggregate: V, value: V) => V | null;

  constructor(
    adder: (aggregate: V, value: V) => V,
    subtractor: (aggregate: V, value: V) => V | null,
    state: KTableState,
  ) {
    super('reduce', state);
    this.adder = adder;
    this.subtractor = subtractor;
  }

  protected subtract(_key: K, value: V, aggregate: V): V | null {
    return this.subtractor(aggregate, value);
  }

  protected add(_key: K, value: V, intermediate: V | null): V {
    return intermediate === null ? value : this.adder(intermediate, value);
  }
}
