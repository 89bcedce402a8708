import type { KTableState } from '../ktable-state.ts';
import { KTableFoldProcessor } from './key-value-aggregate-support.ts';

/**
 * `KGroupedTable.aggregate` and `count` (Kafka's KTableAggregate): subtract the old value first,
 * then add the new one; an insert only adds, a delete only subtracts. A null aggregate (e.g. a
 * subtractor returning null) deletes the key, and its next record starts from the initializer.
 */
export class KTableAggregate<K, V, VA> extends KTableFoldProcessor<K, V, VA> {
  private readonly initializer: () => VA;
  private readonly adder: (key: K, value: V, aggregate: VA) => VA;
  private readonly subtractor: (key: K, value: V, aggregate: VA) => VA | null;

  constructor(
    initializer: () => VA,
    adder: (key: K, value: V, aggregate: VA) => VA,
    subtractor: (key: K, value: V, aggregate: VA) => VA | null,
    state: KTableState,
  ) {
    super('aggregate', state);
    this.initializer = initializer;
    this.adder = adder;
    this.subtractor = subtractor;
  }

  protected subtract(key: K, value: V, aggregate: VA): VA | null {
    return this.subtractor(key, value, aggregate);
  }

  protected add(key: K, value: V, intermediate: VA | null): VA {
    return this.adder(key, value, intermediate ?? this.initializer());
  }
}
