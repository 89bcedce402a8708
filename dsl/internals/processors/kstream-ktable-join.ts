import type { Processor, ProcessorContext } from '../../processor/processor.ts';
import type { Record } from '../../processor/record.ts';
import { recordDropped } from '../drop-recorder.ts';
import type { KTableValueGetter, KTableValueGetterSupplier } from '../ktable-state.ts';
import type { ValueJoiner } from './kstream-kstream-join.ts';

/**
 * A stream-table join (Kafka's KStreamKTableJoin, also behind KStream-GlobalKTable joins): each
 * stream record looks up the table's current value for its join key (the record key, or
 * `keyMapper(key, value)` for a global table) and forwards `joiner(value, tableValue)` with the
 * stream record's timestamp; table updates only change the state. A null value is dropped; a null
 * key or join key is dropped by an inner join and joined with null by a left join (Kafka 3.7+).
 */
export class KStreamKTableJoin<K, V, KT, VT, VR> implements Processor<K, V, K, VR> {
  private context!: ProcessorContext<K, VR>;
  private getter!: KTableValueGetter<KT, VT>;
  private readonly getterSupplier: KTableValueGetterSupplier<KT, VT>;
  private readonly keyMapper: (key: K, value: V) => KT | null;
  private readonly joiner: ValueJoiner<K, V, VT | null, VR>;
  private readonly leftJoin: boolean;

  constructor(
    getterSupplier: KTableValueGetterSupplier<KT, VT>,
    keyMapper: (key: K, value: V) => KT | null,
    joiner: ValueJoiner<K, V, VT | null, VR>,
    leftJoin: boolean,
  ) {
    this.getterSupplier = getterSupplier;
    this.keyMapper = keyMapper;
    this.joiner = joiner;
    this.leftJoin = leftJoin;
  }

  init(context: ProcessorContext<K, VR>): void {
    this.context = context;
    this.getter = this.getterSupplier.get();
    this.getter.init(context);
  }

  process(record: Record<K, V>): void {
    if (record.value === null) {
      recordDropped(this.context, 'Skipping record due to null join key or value.');
      return;
    }
    const joinKey = record.key === null ? null : this.keyMapper(record.key, record.value);
    if (joinKey === null) {
      if (this.leftJoin) this.context.forward(record.withValue(this.joiner(record.value, null, record.key)));
      else recordDropped(this.context, 'Skipping record due to null join key or value.');
      return;
    }
    const tableValue = this.getter.get(joinKey)?.value ?? null;
    if (this.leftJoin || tableValue !== null)
      this.context.forward(record.withValue(this.joiner(record.value, tableValue, record.key)));
  }
}
