import type { Record } from '../../processor/record.ts';
import { ValueAndTimestamp } from '../../state/value-and-timestamp.ts';
import { Change } from '../change.ts';
import { recordDropped } from '../drop-recorder.ts';
import type { KTableState } from '../ktable-state.ts';
import { KeyValueAggregateProcessor } from './key-value-aggregate-support.ts';

/**
 * `KGroupedStream.aggregate` and `count` (Kafka's KStreamAggregate): the initializer runs at a key's
 * first record, then the aggregator. Records with a null key or value are dropped and counted. The
 * result's timestamp is the max of the contributing records' timestamps.
 */
export class KStreamAggregate<K, V, VA> extends KeyValueAggregateProcessor<K, V, VA> {
  private readonly initializer: () => VA;
  private readonly aggregator: (key: K, value: V, aggregate: VA) => VA;

  constructor(
    initializer: () => VA,
    aggregator: (key: K, value: V, aggregate: VA) => VA,
    state: KTableState,
  ) {
    super(state);
    this.initializer = initializer;
    this.aggregator = aggregator;
  }

  process(record: Record<K, V>): void {
    if (record.key === null || record.value === null) {
      recordDropped(this.context, 'Skipping record due to null key or value.');
      return;
    }
    const old = this.store.get(record.key);
    let oldAgg: VA;
    let timestamp: number;
    if (old === null) {
      oldAgg = this.initializer();
      timestamp = record.timestamp;
    } else {
      oldAgg = old.value;
      timestamp = Math.max(record.timestamp, old.timestamp);
    }
    const newAgg = this.aggregator(record.key, record.value, oldAgg);
    this.store.put(record.key, ValueAndTimestamp.make(newAgg, timestamp));
    if (this.forwarder.cached) return;
    // As in Kafka, the "old" value of a key's first aggregate is the initializer's result.
    this.context.forward(
      record.withValue(new Change<VA>(newAgg, this.sendOldValues ? oldAgg : null)).withTimestamp(timestamp),
    );
  }
}
