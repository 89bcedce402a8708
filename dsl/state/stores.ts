import type { Serde } from '../../core/serdes/index.ts';
import { ChangeLoggingKeyValueBytesStore } from './change-logging-key-value-bytes-store.ts';
import { InMemoryKeyValueBytesStore } from './in-memory-key-value-bytes-store.ts';
import type { KeyValueBytesStore, KeyValueStore } from './key-value-store.ts';
import { LmdbKeyValueBytesStore } from './lmdb-key-value-bytes-store.ts';
import type { StateStore, StoreBuilder } from './state-store.ts';
import {
  TimestampedTypedKeyValueStore,
  TypedKeyValueStore,
  type TimestampedKeyValueStore,
} from './typed-key-value-store.ts';

/** Makes the bytes layer of a key-value store (Kafka's KeyValueBytesStoreSupplier). */
export interface KeyValueBytesStoreSupplier {
  readonly name: string;
  /** 'in-memory' or 'lmdb' (Kafka: 'in-memory' or 'rocksdb'). */
  readonly metricsScope: string;
  get(): KeyValueBytesStore;
}

class KeyValueStoreBuilder<K, V, S extends StateStore> implements StoreBuilder<S> {
  readonly name: string;
  readonly loggingEnabled: boolean;
  readonly logConfig: Readonly<Record<string, string>>;
  private readonly supplier: KeyValueBytesStoreSupplier;
  private readonly keySerde: Serde<K> | undefined;
  private readonly valueSerde: Serde<V> | undefined;
  private readonly timestamped: boolean;

  constructor(
    supplier: KeyValueBytesStoreSupplier,
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<V> | undefined,
    timestamped: boolean,
    loggingEnabled = true,
    logConfig: Readonly<Record<string, string>> = {},
  ) {
    this.name = supplier.name;
    this.supplier = supplier;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
    this.timestamped = timestamped;
    this.loggingEnabled = loggingEnabled;
    this.logConfig = logConfig;
  }

  get persistent(): boolean {
    return this.supplier.metricsScope === 'lmdb';
  }

  withLoggingEnabled(config: Readonly<Record<string, string>> = {}): StoreBuilder<S> {
    return new KeyValueStoreBuilder<K, V, S>(
      this.supplier,
      this.keySerde,
      this.valueSerde,
      this.timestamped,
      true,
      config,
    );
  }
  withLoggingDisabled(): StoreBuilder<S> {
    return new KeyValueStoreBuilder<K, V, S>(
      this.supplier,
      this.keySerde,
      this.valueSerde,
      this.timestamped,
      false,
      {},
    );
  }

  /** Layers as Kafka stacks them: typed (metered) over changelogging over the bytes store. */
  build(): S {
    const bytes = this.supplier.get();
    const inner = this.loggingEnabled ? new ChangeLoggingKeyValueBytesStore(bytes, this.timestamped) : bytes;
    const store = this.timestamped
      ? new TimestampedTypedKeyValueStore<K, V>(inner, this.keySerde, this.valueSerde)
      : new TypedKeyValueStore<K, V>(inner, this.keySerde, this.valueSerde);
    return store as unknown as S;
  }
}

/** Store names become topic names (`<app>-<store>-changelog`), so they follow Kafka's Named rules. */
export function checkStoreName(name: string): void {
  if (name.length === 0) throw new TypeError('store name must not be empty');
  if (name.length > 249) throw new TypeError(`store name is longer than 249 characters: ${name}`);
  if (!/^[a-zA-Z0-9._-]+$/.test(name))
    throw new TypeError(`store name "${name}" may only use [a-zA-Z0-9._-]`);
}

/** Factory for stores and store builders, named as Kafka's `Stores`. */
export const Stores = {
  /** A store held in memory, ordered by key bytes; restored from its changelog after a restart. */
  inMemoryKeyValueStore(name: string): KeyValueBytesStoreSupplier {
    checkStoreName(name);
    return { name, metricsScope: 'in-memory', get: () => new InMemoryKeyValueBytesStore(name) };
  },
  /** A store on disk (LMDB) for state larger than memory; Kafka's RocksDB store. */
  persistentKeyValueStore(name: string): KeyValueBytesStoreSupplier {
    checkStoreName(name);
    return { name, metricsScope: 'lmdb', get: () => new LmdbKeyValueBytesStore(name) };
  },
  /** The same LMDB store; use it with `timestampedKeyValueStoreBuilder` (Kafka keeps both names). */
  persistentTimestampedKeyValueStore(name: string): KeyValueBytesStoreSupplier {
    return Stores.persistentKeyValueStore(name);
  },
  /** A typed key-value store; undefined serdes fall back to `default.key.serde`/`default.value.serde`. */
  keyValueStoreBuilder<K, V>(
    supplier: KeyValueBytesStoreSupplier,
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<V> | undefined,
  ): StoreBuilder<KeyValueStore<K, V>> {
    return new KeyValueStoreBuilder<K, V, KeyValueStore<K, V>>(supplier, keySerde, valueSerde, false);
  },
  /** A typed store of ValueAndTimestamp values, as every DSL KTable uses. */
  timestampedKeyValueStoreBuilder<K, V>(
    supplier: KeyValueBytesStoreSupplier,
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<V> | undefined,
  ): StoreBuilder<TimestampedKeyValueStore<K, V>> {
    return new KeyValueStoreBuilder<K, V, TimestampedKeyValueStore<K, V>>(
      supplier,
      keySerde,
      valueSerde,
      true,
    );
  },
} as const;

export type { StateStore };
