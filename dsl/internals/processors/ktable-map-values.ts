import type { Processor, ProcessorContext } from '../../processor/processor.ts';
import type { Record } from '../../processor/record.ts';
import type { TimestampedKeyValueStore } from '../../state/typed-key-value-store.ts';
import { ValueAndTimestamp } from '../../state/value-and-timestamp.ts';
import { Change } from '../change.ts';
import type { KTableState } from '../ktable-state.ts';

/**
 * `KTable.mapValues` (Kafka's KTableMapValues): maps new and (when asked) old values; a delete
 * stays a delete, so the mapper never sees null.
 */
export class KTableMapValues<K, V, VR> implements Processor<K, Change<V>, K, Change<VR>> {
  private context!: ProcessorContext<K, Change<VR>>;
  private store: TimestampedKeyValueStore<K, VR> | undefined;
  private readonly mapper: (value: V, key: K) => VR;
  private readonly state: KTableState;
  private sendOldValues = false;

  constructor(mapper: (value: V, key: K) => VR, state: KTableState) {
    this.mapper = mapper;
    this.state = state;
  }

  init(context: ProcessorContext<K, Change<VR>>): void {
    this.context = context;
    this.sendOldValues = this.state.sendOldValues;
    const storeName = this.state.storeName();
    if (storeName !== undefined)
      this.store = context.getStateStore<TimestampedKeyValueStore<K, VR>>(storeName);
  }

  process(record: Record<K, Change<V>>): void {
    const key = record.key;
    const change = record.value;
    const newValue = change.newValue === null ? null : this.mapper(change.newValue, key);
    let oldValue: VR | null = null;
    if (this.sendOldValues) {
      oldValue =
        this.store !== undefined
          ? ValueAndTimestamp.getValueOrNull(this.store.get(key))
          : change.oldValue === null
            ? null
            : this.mapper(change.oldValue, key);
    }
    this.store?.put(key, ValueAndTimestamp.make(newValue, record.timestamp));
    this.context.forward(record.withValue(new Change(newValue, oldValue)));
  }
}
