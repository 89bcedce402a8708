import type { Processor, ProcessorContext } from '../../processor/processor.ts';
import type { Record } from '../../processor/record.ts';
import type { TimestampedKeyValueStore } from '../../state/typed-key-value-store.ts';
import { ValueAndTimestamp } from '../../state/value-and-timestamp.ts';
import { Change } from '../change.ts';
import type { KTableState } from '../ktable-state.ts';

/**
 * `KTable.filter` / `filterNot` (Kafka's KTableFilter): a value failing the predicate becomes a
 * tombstone downstream, so the filtered table drops the key. With old values on, a change whose
 * old and new values are both filtered out is not forwarded at all (no repeated tombstones).
 */
export class KTableFilter<K, V> implements Processor<K, Change<V>, K, Change<V>> {
  private context!: ProcessorContext<K, Change<V>>;
  private store: TimestampedKeyValueStore<K, V> | undefined;
  private readonly predicate: (key: K, value: V) => boolean;
  private readonly negate: boolean;
  private readonly state: KTableState;
  private sendOldValues = false;

  constructor(predicate: (key: K, value: V) => boolean, negate: boolean, state: KTableState) {
    this.predicate = predicate;
    this.negate = negate;
    this.state = state;
  }

  init(context: ProcessorContext<K, Change<V>>): void {
    this.context = context;
    this.sendOldValues = this.state.sendOldValues;
    const storeName = this.state.storeName();
    if (storeName !== undefined)
      this.store = context.getStateStore<TimestampedKeyValueStore<K, V>>(storeName);
  }

  private compute(key: K, value: V | null): V | null {
    return value !== null && this.predicate(key, value) !== this.negate ? value : null;
  }

  process(record: Record<K, Change<V>>): void {
    const key = record.key;
    const newValue = this.compute(key, record.value.newValue);
    let oldValue: V | null = null;
    if (this.sendOldValues) {
      // Materialized: what we last emitted for the key is the old value, exactly.
      oldValue =
        this.store !== undefined
          ? ValueAndTimestamp.getValueOrNull(this.store.get(key))
          : this.compute(key, record.value.oldValue);
      if (oldValue === null && newValue === null) return;
    }
    this.store?.put(key, ValueAndTimestamp.make(newValue, record.timestamp));
    this.context.forward(record.withValue(new Change(newValue, oldValue)));
  }
}
