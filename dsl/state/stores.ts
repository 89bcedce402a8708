import type { Serde } from '../../core/serdes/index.ts';
import { CachingKeyValueBytesStore } from './caching-key-value-bytes-store.ts';
import { ChangeLoggingKeyValueBytesStore } from './change-logging-key-value-bytes-store.ts';
import { InMemoryKeyValueBytesStore } from './in-memory-key-value-bytes-store.ts';
import type { KeyValueBytesStore, KeyValueStore } from './key-value-store.ts';
import { LmdbKeyValueBytesStore } from './lmdb-key-value-bytes-store.ts';
import type { StateStore, StoreBuilder } from './state-store.ts';
import { ChangeLoggingSessionBytesStore } from './change-logging-session-bytes-store.ts';
import { ChangeLoggingWindowBytesStore } from './change-logging-window-bytes-store.ts';
import { InMemorySessionBytesStore } from './in-memory-session-bytes-store.ts';
import { InMemoryWindowBytesStore } from './in-memory-window-bytes-store.ts';
import type { SessionBytesStore, SessionStore } from './session-store.ts';
import { TypedSessionStore } from './typed-session-store.ts';
import { TimestampedTypedWindowStore, TypedWindowStore } from './typed-window-store.ts';
import type { TimestampedWindowStore, WindowBytesStore, WindowStore } from './window-store.ts';
import { LmdbSessionBytesStore, LmdbWindowBytesStore } from './lmdb-segmented-bytes-store.ts';
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

/** Makes the bytes layer of a window store (Kafka's WindowBytesStoreSupplier). */
export interface WindowBytesStoreSupplier {
  readonly kind: 'window';
  readonly name: string;
  readonly metricsScope: string;
  readonly retentionPeriodMs: number;
  readonly windowSizeMs: number;
  readonly retainDuplicates: boolean;
  get(): WindowBytesStore;
}

/** Makes the bytes layer of a session store (Kafka's SessionBytesStoreSupplier). */
export interface SessionBytesStoreSupplier {
  readonly kind: 'session';
  readonly name: string;
  readonly metricsScope: string;
  readonly retentionPeriodMs: number;
  get(): SessionBytesStore;
}

/** `windowstore.changelog.additional.retention.ms`: a windowed changelog keeps data one more day. */
export const windowChangelogAdditionalRetentionMs = 86_400_000;

function windowedChangelogConfig(retentionPeriodMs: number): Readonly<Record<string, string>> {
  return {
    'cleanup.policy': 'compact,delete',
    'retention.ms': String(retentionPeriodMs + windowChangelogAdditionalRetentionMs),
  };
}

/** Window and session store builders share everything but the layers they stack. */
abstract class WindowedStoreBuilder<S extends StateStore> implements StoreBuilder<S> {
  readonly name: string;
  readonly loggingEnabled: boolean;
  readonly logConfig: Readonly<Record<string, string>>;
  readonly changelogConfig: Readonly<Record<string, string>>;

  constructor(
    name: string,
    retentionPeriodMs: number,
    loggingEnabled: boolean,
    logConfig: Readonly<Record<string, string>>,
  ) {
    this.name = name;
    this.loggingEnabled = loggingEnabled;
    this.logConfig = logConfig;
    this.changelogConfig = windowedChangelogConfig(retentionPeriodMs);
  }

  abstract withLogging(enabled: boolean, config: Readonly<Record<string, string>>): StoreBuilder<S>;
  abstract build(): S;

  withLoggingEnabled(config: Readonly<Record<string, string>> = {}): StoreBuilder<S> {
    return this.withLogging(true, config);
  }
  withLoggingDisabled(): StoreBuilder<S> {
    return this.withLogging(false, {});
  }
}

class WindowStoreBuilder<K, V, S extends StateStore> extends WindowedStoreBuilder<S> {
  private readonly supplier: WindowBytesStoreSupplier;
  private readonly keySerde: Serde<K> | undefined;
  private readonly valueSerde: Serde<V> | undefined;
  private readonly timestamped: boolean;

  constructor(
    supplier: WindowBytesStoreSupplier,
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<V> | undefined,
    timestamped: boolean,
    loggingEnabled = true,
    logConfig: Readonly<Record<string, string>> = {},
  ) {
    super(supplier.name, supplier.retentionPeriodMs, loggingEnabled, logConfig);
    this.supplier = supplier;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
    this.timestamped = timestamped;
  }

  /** LMDB window stores keep files under `state.dir`. */
  get persistent(): boolean {
    return this.supplier.metricsScope.startsWith('lmdb');
  }

  withLogging(enabled: boolean, config: Readonly<Record<string, string>>): StoreBuilder<S> {
    return new WindowStoreBuilder<K, V, S>(
      this.supplier,
      this.keySerde,
      this.valueSerde,
      this.timestamped,
      enabled,
      config,
    );
  }

  build(): S {
    const bytes = this.supplier.get();
    const inner = this.loggingEnabled ? new ChangeLoggingWindowBytesStore(bytes, this.timestamped) : bytes;
    const store = this.timestamped
      ? new TimestampedTypedWindowStore<K, V>(inner, this.keySerde, this.valueSerde)
      : new TypedWindowStore<K, V>(inner, this.keySerde, this.valueSerde);
    return store as unknown as S;
  }
}

class SessionStoreBuilder<K, V> extends WindowedStoreBuilder<SessionStore<K, V>> {
  private readonly supplier: SessionBytesStoreSupplier;
  private readonly keySerde: Serde<K> | undefined;
  private readonly valueSerde: Serde<V> | undefined;

  constructor(
    supplier: SessionBytesStoreSupplier,
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<V> | undefined,
    loggingEnabled = true,
    logConfig: Readonly<Record<string, string>> = {},
  ) {
    super(supplier.name, supplier.retentionPeriodMs, loggingEnabled, logConfig);
    this.supplier = supplier;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
  }

  /** LMDB session stores keep files under `state.dir`. */
  get persistent(): boolean {
    return this.supplier.metricsScope.startsWith('lmdb');
  }

  withLogging(enabled: boolean, config: Readonly<Record<string, string>>): StoreBuilder<SessionStore<K, V>> {
    return new SessionStoreBuilder<K, V>(this.supplier, this.keySerde, this.valueSerde, enabled, config);
  }

  build(): SessionStore<K, V> {
    const bytes = this.supplier.get();
    const inner = this.loggingEnabled ? new ChangeLoggingSessionBytesStore(bytes) : bytes;
    return new TypedSessionStore<K, V>(inner, this.keySerde, this.valueSerde);
  }
}

class KeyValueStoreBuilder<K, V, S extends StateStore> implements StoreBuilder<S> {
  readonly name: string;
  readonly loggingEnabled: boolean;
  readonly cachingEnabled: boolean;
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
    cachingEnabled = false,
  ) {
    this.name = supplier.name;
    this.supplier = supplier;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
    this.timestamped = timestamped;
    this.loggingEnabled = loggingEnabled;
    this.logConfig = logConfig;
    this.cachingEnabled = cachingEnabled;
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
      this.cachingEnabled,
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
      this.cachingEnabled,
    );
  }
  /** Keeps recent writes in the record cache (`statestore.cache.max.bytes`); see CachingKeyValueBytesStore. */
  withCachingEnabled(): StoreBuilder<S> {
    return this.withCaching(true);
  }
  withCachingDisabled(): StoreBuilder<S> {
    return this.withCaching(false);
  }
  private withCaching(enabled: boolean): StoreBuilder<S> {
    return new KeyValueStoreBuilder<K, V, S>(
      this.supplier,
      this.keySerde,
      this.valueSerde,
      this.timestamped,
      this.loggingEnabled,
      this.logConfig,
      enabled,
    );
  }

  /** Layers as Kafka stacks them: typed (metered) over caching over changelogging over the bytes store. */
  build(): S {
    const bytes = this.supplier.get();
    const logged = this.loggingEnabled ? new ChangeLoggingKeyValueBytesStore(bytes, this.timestamped) : bytes;
    const inner = this.cachingEnabled ? new CachingKeyValueBytesStore(logged) : logged;
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
  /**
   * A window store in memory, ordered by window start then key bytes, keeping
   * `retentionPeriodMs` of stream time (>= `windowSizeMs`); `retainDuplicates` keeps every put
   * (stream-stream join buffers).
   */
  inMemoryWindowStore(
    name: string,
    retentionPeriodMs: number,
    windowSizeMs: number,
    retainDuplicates: boolean,
  ): WindowBytesStoreSupplier {
    checkStoreName(name);
    // Validate now, where the user gave the numbers, not when a task builds the store.
    new InMemoryWindowBytesStore(name, retentionPeriodMs, windowSizeMs, retainDuplicates);
    return {
      kind: 'window',
      name,
      metricsScope: 'in-memory-window',
      retentionPeriodMs,
      windowSizeMs,
      retainDuplicates,
      get: () => new InMemoryWindowBytesStore(name, retentionPeriodMs, windowSizeMs, retainDuplicates),
    };
  },
  /** A session store in memory, keeping `retentionPeriodMs` of stream time (>= gap + grace). */
  inMemorySessionStore(name: string, retentionPeriodMs: number): SessionBytesStoreSupplier {
    checkStoreName(name);
    new InMemorySessionBytesStore(name, retentionPeriodMs);
    return {
      kind: 'session',
      name,
      metricsScope: 'in-memory-session',
      retentionPeriodMs,
      get: () => new InMemorySessionBytesStore(name, retentionPeriodMs),
    };
  },
  /**
   * A window store on disk (LMDB), Kafka's RocksDB window store: entries ordered by key bytes then
   * window start within time segments (half the retention, at least a minute), whole segments
   * dropped as they expire; same reads as the in-memory store.
   */
  persistentWindowStore(
    name: string,
    retentionPeriodMs: number,
    windowSizeMs: number,
    retainDuplicates: boolean,
  ): WindowBytesStoreSupplier {
    checkStoreName(name);
    new LmdbWindowBytesStore(name, retentionPeriodMs, windowSizeMs, retainDuplicates);
    return {
      kind: 'window',
      name,
      metricsScope: 'lmdb-window',
      retentionPeriodMs,
      windowSizeMs,
      retainDuplicates,
      get: () => new LmdbWindowBytesStore(name, retentionPeriodMs, windowSizeMs, retainDuplicates),
    };
  },
  /** The same LMDB window store; use it with `timestampedWindowStoreBuilder` (Kafka keeps both names). */
  persistentTimestampedWindowStore(
    name: string,
    retentionPeriodMs: number,
    windowSizeMs: number,
    retainDuplicates: boolean,
  ): WindowBytesStoreSupplier {
    return Stores.persistentWindowStore(name, retentionPeriodMs, windowSizeMs, retainDuplicates);
  },
  /** A session store on disk (LMDB), Kafka's RocksDB session store, keeping `retentionPeriodMs` of stream time. */
  persistentSessionStore(name: string, retentionPeriodMs: number): SessionBytesStoreSupplier {
    checkStoreName(name);
    new LmdbSessionBytesStore(name, retentionPeriodMs);
    return {
      kind: 'session',
      name,
      metricsScope: 'lmdb-session',
      retentionPeriodMs,
      get: () => new LmdbSessionBytesStore(name, retentionPeriodMs),
    };
  },
  /** A typed window store; undefined serdes fall back to the task's defaults. */
  windowStoreBuilder<K, V>(
    supplier: WindowBytesStoreSupplier,
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<V> | undefined,
  ): StoreBuilder<WindowStore<K, V>> {
    return new WindowStoreBuilder<K, V, WindowStore<K, V>>(supplier, keySerde, valueSerde, false);
  },
  /** A typed window store of ValueAndTimestamp values, as windowed aggregations use. */
  timestampedWindowStoreBuilder<K, V>(
    supplier: WindowBytesStoreSupplier,
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<V> | undefined,
  ): StoreBuilder<TimestampedWindowStore<K, V>> {
    return new WindowStoreBuilder<K, V, TimestampedWindowStore<K, V>>(supplier, keySerde, valueSerde, true);
  },
  sessionStoreBuilder<K, V>(
    supplier: SessionBytesStoreSupplier,
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<V> | undefined,
  ): StoreBuilder<SessionStore<K, V>> {
    return new SessionStoreBuilder<K, V>(supplier, keySerde, valueSerde);
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
