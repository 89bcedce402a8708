import { StreamsException } from '../../errors.ts';
import type { Record } from '../../processor/record.ts';
import { ValueAndTimestamp } from '../../state/value-and-timestamp.ts';
import { Change } from '../change.ts';
import type { KTableState } from '../ktable-state.ts';
import { KeyValueAggregateProcessor } from './key-value-aggregate-support.ts';

/**
 * `KGroupedTable.reduce` (Kafka's KTableReduce): subtract the old value, then add the new one; a
 * key's first value is its aggregate. A null result deletes the key.
 */
export class KTableReduce<K, V> extends KeyValueAggregateProcessor<K, Change<V>, V> {
  private readonly adder: (aggregate: V, value: V) => V;
  private readonly subtractor: (aggregate: V, value: V) => V | null;

  constructor(
    adder: (aggregate: V, value: V) => V,
    subtractor: (aggregate: V, value: V) => V | null,
    state: KTableState,
  ) {
    super(state);
    this.adder = adder;
    this.subtractor = subtractor;
  }

  process(record: Record<K, Change<V>>): void {
    if (record.key === null)
      throw new StreamsException(
        `Record key for KTable reduce operator with state ${this.state.storeName()} should not be null.`,
        this.context.taskId,
        undefined,
      );
    const key = record.key;
    const old = this.store.get(key);
    const oldAgg = old === null ? null : old.value;
    let timestamp = record.timestamp;
    let intermediate: V | null = oldAgg;
    if (record.value.oldValue !== null && oldAgg !== null) {
      intermediate = this.subtractor(oldAgg, record.value.oldValue);
      timestamp = Math.max(record.timestamp, old!.timestamp);
    }
    let newAgg: V | null = intermediate;
    if (record.value.newValue !== null) {
      newAgg =
        intermediate === null ? record.value.newValue : this.adder(intermediate, record.value.newValue);
      if (old !== null) timestamp = Math.max(record.timestamp, old.timestamp);
    }
    this.store.put(key, ValueAndTimestamp.make(newAgg, timestamp));
    if (this.forwarder.cached) return;
    this.context.forward(
      record.withValue(new Change<V>(newAgg, this.sendOldValues ? oldAgg : null)).withTimestamp(timestamp),
    );
  }
}
