import type { Processor, ProcessorContext } from '../../processor/processor.ts';
import type { Record } from '../../processor/record.ts';
import type { TimestampedKeyValueStore } from '../../state/typed-key-value-store.ts';
import { ValueAndTimestamp } from '../../state/value-and-timestamp.ts';
import { Change } from '../change.ts';
import { recordDropped } from '../drop-recorder.ts';
import type { KTableState } from '../ktable-state.ts';

/**
 * Turns a record stream into table changes (Kafka's KTableSource, behind `builder.table` and
 * `toTable`): each record upserts its key, a null value deletes it, a null key is dropped and
 * counted. Materialized, it keeps the latest value per key and can forward the previous one.
 */
export class KTableSource<K, V> implements Processor<K, V, K, Change<V>> {
  private context!: ProcessorContext<K, Change<V>>;
  private store: TimestampedKeyValueStore<K, V> | undefined;
  private readonly state: KTableState;
  private sendOldValues = false;

  constructor(state: KTableState) {
    this.state = state;
  }

  init(context: ProcessorContext<K, Change<V>>): void {
    this.context = context;
    this.sendOldValues = this.state.sendOldValues;
    const storeName = this.state.storeName();
    if (storeName !== undefined)
      this.store = context.getStateStore<TimestampedKeyValueStore<K, V>>(storeName);
  }

  process(record: Record<K, V>): void {
    if (record.key === null) {
      recordDropped(this.context, 'Skipping record due to null key.');
      return;
    }
    if (this.store === undefined) {
      this.context.forward(record.withValue(new Change<V>(record.value, null)));
      return;
    }
    const old = ValueAndTimestamp.getValueOrNull(this.store.get(record.key));
    this.store.put(record.key, ValueAndTimestamp.make(record.value, record.timestamp));
    this.context.forward(record.withValue(new Change<V>(record.value, this.sendOldValues ? old : null)));
  }
}
