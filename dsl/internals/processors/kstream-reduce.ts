import type { Processor, ProcessorContext } from '../../processor/processor.ts';
import type { Record } from '../../processor/record.ts';
import type { TimestampedKeyValueStore } from '../../state/typed-key-value-store.ts';
import { ValueAndTimestamp } from '../../state/value-and-timestamp.ts';
import { Change } from '../change.ts';
import { TimestampedTupleForwarder } from '../timestamped-tuple-forwarder.ts';
import { recordDropped } from '../drop-recorder.ts';
import type { KTableState } from '../ktable-state.ts';

/**
 * `KGroupedStream.reduce` (Kafka's KStreamReduce): a key's first value is its initial aggregate;
 * later values are combined with the reducer. Null keys or values are dropped and counted; the
 * result's timestamp is the max of the contributing records' timestamps.
 */
export class KStreamReduce<K, V> implements Processor<K, V, K, Change<V>> {
  private context!: ProcessorContext<K, Change<V>>;
  private store!: TimestampedKeyValueStore<K, V>;
  private forwarder!: TimestampedTupleForwarder<K, V>;
  private readonly reducer: (aggregate: V, value: V) => V;
  private readonly state: KTableState;
  private sendOldValues = false;

  constructor(reducer: (aggregate: V, value: V) => V, state: KTableState) {
    this.reducer = reducer;
    this.state = state;
  }

  init(context: ProcessorContext<K, Change<V>>): void {
    this.context = context;
    this.sendOldValues = this.state.sendOldValues;
    this.store = context.getStateStore(this.state.storeName()!);
    this.forwarder = new TimestampedTupleForwarder(this.store, context, this.sendOldValues);
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
