import { StreamsException } from '../../errors.ts';
import type { Record } from '../../processor/record.ts';
import { ValueAndTimestamp } from '../../state/value-and-timestamp.ts';
import { Change } from '../change.ts';
import type { KTableState } from '../ktable-state.ts';
import { KeyValueAggregateProcessor } from './key-value-aggregate-support.ts';

/**
 * `KGroupedTable.aggregate` and `count` (Kafka's KTableAggregate): subtract the old value first,
 * then add the new one; an insert only adds, a delete only subtracts. A null aggregate (e.g. a
 * subtractor returning null) deletes the key, and its next record starts from the initializer.
 */
export class KTableAggregate<K, V, VA> extends KeyValueAggregateProcessor<K, Change<V>, VA> {
  private readonly initializer: () => VA;
  private readonly adder: (key: K, value: V, aggregate: VA) => VA;
  private readonly subtractor: (key: K, value: V, aggregate: VA) => VA | null;

  constructor(
    initializer: () => VA,
    adder: (key: K, value: V, aggregate: VA) => VA,
    subtractor: (key: K, value: V, aggregate: VA) => VA | null,
    state: KTableState,
  ) {
    super(state);
    this.initializer = initializer;
    this.adder = adder;
    this.subtractor = subtractor;
  }

  process(record: Record<K, Change<V>>): void {
    if (record.key === null)
      throw new StreamsException(
        `Record key for KTable aggregate operator with state ${this.state.storeName()} should not be null.`,
        this.context.taskId,
        undefined,
      );
    const key = record.key;
    const old = this.store.get(key);
    const oldAgg = old === null ? null : old.value;
    let timestamp = record.timestamp;
    let intermediate: VA | null = oldAgg;
    if (record.value.oldValue !== null && oldAgg !== null) {
      intermediate = this.subtractor(key, record.value.oldValue, oldAgg);
      timestamp = Math.max(record.timestamp, old!.timestamp);
    }
    let newAgg: VA | null = intermediate;
    if (record.value.newValue !== null) {
      newAgg = this.adder(key, record.value.newValue, intermediate ?? this.initializer());
      if (old !== null) timestamp = Math.max(record.timestamp, old.timestamp);
    }
    this.store.put(key, ValueAndTimestamp.make(newAgg, timestamp));
    if (this.forwarder.cached) return;
    this.context.forward(
      record.withValue(new Change<VA>(newAgg, this.sendOldValues ? oldAgg : null)).withTimestamp(timestamp),
    );
  }
}
