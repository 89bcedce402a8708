import type { Record } from '../../processor/record.ts';
import { ValueAndTimestamp } from '../../state/value-and-timestamp.ts';
import { Change } from '../change.ts';
import { recordDropped } from '../drop-recorder.ts';
import type { KTableState } from '../ktable-state.ts';
import { KeyValueAggregateProcessor } from './key-value-aggregate-support.ts';

/**
 * `KGroupedStream.reduce` (Kafka's KStreamReduce): a key's first value is its initial aggregate;
 * later values are combined with the reducer. Null keys or values are dropped and counted; the
 * result's timestamp is the max of the contributing records' timestamps.
 */
export class KStreamReduce<K, V> extends KeyValueAggregateProcessor<K, V, V> {
  private readonly reducer: (aggregate: V, value: V) => V;

  constructor(reducer: (aggregate: V, value: V) => V, state: KTableState) {
    super(state);
    this.reducer = reducer;
  }

  process(record: Record<K, V>): void {
    if (record.key === null || record.value === null) {
      recordDropped(this.context, 'Skipping record due to null key or value.');
      return;
    }
    const old = this.store.get(record.key);
    const newAgg = old === null ? record.value : this.reducer(old.value, record.value);
    const timestamp = old === null ? record.timestamp : Math.max(record.timestamp, old.timestamp);
    this.store.put(record.key, ValueAndTimestamp.make(newAgg, timestamp));
    const oldAgg = old === null ? null : old.value;
    if (this.forwarder.cached) return;
    this.context.forward(
      record.withValue(new Change<V>(newAgg, this.sendOldValues ? oldAgg : null)).withTimestamp(timestamp),
    );
  }
}
