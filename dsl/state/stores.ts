import type { Serde } from '../../core/serdes/index.ts';
import { InMemoryKeyValueBytesStore } from './in-memory-key-value-bytes-store.ts';
import type { KeyValueBytesStore, KeyValueStore } from './key-value-store.ts';
import { TypedKeyValueStore } from './typed-key-value-store.ts';
import type { StateStore, StoreBuilder } from './state-store.ts';

/** Makes the bytes layer of a key-value store (Kafka's KeyValueBytesStoreSupplier). */
export interface KeyValueBytesStoreSupplier {
  readonly name: string;
  get(): KeyValueBytesStore;
}

class KeyValueStoreBuilder<K, V> implements StoreBuilder<KeyValueStore<K, V>> {
  readonly name: string;
  readonly loggingEnabled: boolean;
  readonly logConfig: Readonly<Record<string, string>>;
  private readonly supplier: KeyValueBytesStoreSupplier;
  private readonly keySerde: Serde<K>;
  private readonly valueSerde: Serde<V>;

  constructor(
    supplier: KeyValueBytesStoreSupplier,
    keySerde: Serde<K>,
    valueSerde: Serde<V>,
    loggingEnabled = true,
    logConfig: Readonly<Record<string, string>> = {},
  ) {
    this.name = supplier.name;
    this.supplier = supplier;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
    this.loggingEnabled = loggingEnabled;
    this.logConfig = logConfig;
  }

  withLoggingEnabled(config: Readonly<Record<string, string>> = {}): StoreBuilder<KeyValueStore<K, V>> {
    return new KeyValueStoreBuilder(this.supplier, this.keySerde, this.valueSerde, true, config);
  }
  withLoggingDisabled(): StoreBuilder<KeyValueStore<K, V>> {
    return new KeyValueStoreBuilder(this.supplier, this.keySerde, this.valueSerde, false, {});
  }
  build(): KeyValueStore<K, V> {
    return new TypedKeyValueStore(this.supplier.get(), this.keySerde, this.valueSerde);
  }
}

/** Factory for stores and store builders, named as Kafka's `Stores`. */
export const Stores = {
  inMemoryKeyValueStore(name: string): KeyValueBytesStoreSupplier {
    if (name.length === 0) throw new TypeError('store name must not be empty');
    return { name, get: () => new InMemoryKeyValueBytesStore(name) };
  },
  keyValueStoreBuilder<K, V>(
    supplier: KeyValueBytesStoreSupplier,
    keySerde: Serde<K>,
    valueSerde: Serde<V>,
  ): StoreBuilder<KeyValueStore<K, V>> {
    return new KeyValueStoreBuilder(supplier, keySerde, valueSerde);
  },
} as const;

export type { StateStore };
