import type { Serde } from '../../core/serdes/index.ts';

/**
 * Settings of a grouping (Kafka's Grouped): the serdes of the repartition topic and the store, and
 * a name, which names the repartition topic `<application.id>-<name>-repartition` (and, for
 * `groupBy`, the key-selecting processor `<name>-key-select`) instead of generated names.
 */
export class Grouped<K, V> {
  readonly name: string | undefined;
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;

  private constructor(
    name: string | undefined,
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<V> | undefined,
  ) {
    if (name !== undefined && !/^[a-zA-Z0-9._-]+$/.test(name))
      throw new TypeError(`name "${name}" may only use [a-zA-Z0-9._-]`);
    this.name = name;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
  }

  static as<K, V>(name: string): Grouped<K, V> {
    return new Grouped<K, V>(name, undefined, undefined);
  }
  static with<K, V>(keySerde: Serde<K> | undefined, valueSerde: Serde<V> | undefined): Grouped<K, V> {
    return new Grouped<K, V>(undefined, keySerde, valueSerde);
  }
  static keySerde<K, V>(keySerde: Serde<K>): Grouped<K, V> {
    return new Grouped<K, V>(undefined, keySerde, undefined);
  }
  static valueSerde<K, V>(valueSerde: Serde<V>): Grouped<K, V> {
    return new Grouped<K, V>(undefined, undefined, valueSerde);
  }
  withName(name: string): Grouped<K, V> {
    return new Grouped<K, V>(name, this.keySerde, this.valueSerde);
  }
  withKeySerde(keySerde: Serde<K>): Grouped<K, V> {
    return new Grouped<K, V>(this.name, keySerde, this.valueSerde);
  }
  withValueSerde(valueSerde: Serde<V>): Grouped<K, V> {
    return new Grouped<K, V>(this.name, this.keySerde, valueSerde);
  }
}
