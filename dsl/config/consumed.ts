import type { Serde } from '../../core/serdes/index.ts';
import type { TimestampExtractor } from './timestamp-extractor.ts';

export type OffsetReset = 'earliest' | 'latest' | 'none';

/** How a source topic is read: serdes, timestamp extractor, reset policy, processor name. */
export class Consumed<K, V> {
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  readonly timestampExtractor: TimestampExtractor<K, V> | undefined;
  readonly offsetReset: OffsetReset | undefined;
  readonly name: string | undefined;

  private constructor(
    fields: Partial<
      Omit<
        Consumed<K, V>,
        'withName' | 'withTimestampExtractor' | 'withOffsetResetPolicy' | 'withKeySerde' | 'withValueSerde'
      >
    >,
  ) {
    this.keySerde = fields.keySerde;
    this.valueSerde = fields.valueSerde;
    this.timestampExtractor = fields.timestampExtractor;
    this.offsetReset = fields.offsetReset;
    this.name = fields.name;
  }

  static with<K, V>(keySerde: Serde<K>, valueSerde: Serde<V>): Consumed<K, V> {
    return new Consumed<K, V>({ keySerde, valueSerde });
  }
  static as<K, V>(name: string): Consumed<K, V> {
    return new Consumed<K, V>({ name });
  }
  withKeySerde<NK>(keySerde: Serde<NK>): Consumed<NK, V> {
    return new Consumed<NK, V>({ ...this.fields(), keySerde, timestampExtractor: undefined });
  }
  withValueSerde<NV>(valueSerde: Serde<NV>): Consumed<K, NV> {
    return new Consumed<K, NV>({ ...this.fields(), valueSerde, timestampExtractor: undefined });
  }
  withTimestampExtractor(timestampExtractor: TimestampExtractor<K, V>): Consumed<K, V> {
    return new Consumed<K, V>({ ...this.fields(), timestampExtractor });
  }
  withOffsetResetPolicy(offsetReset: OffsetReset): Consumed<K, V> {
    return new Consumed<K, V>({ ...this.fields(), offsetReset });
  }
  withName(name: string): Consumed<K, V> {
    return new Consumed<K, V>({ ...this.fields(), name });
  }
  private fields() {
    return {
      keySerde: this.keySerde,
      valueSerde: this.valueSerde,
      timestampExtractor: this.timestampExtractor,
      offsetReset: this.offsetReset,
      name: this.name,
    };
  }
}
