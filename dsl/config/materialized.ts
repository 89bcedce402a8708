import type { Serde } from '../../core/serdes/index.ts';
import {
  checkStoreName,
  type KeyValueBytesStoreSupplier,
  type SessionBytesStoreSupplier,
  type WindowBytesStoreSupplier,
} from '../state/stores.ts';

/** Any store supplier Materialized accepts: key-value for tables, window or session for windowed aggregations. */
export type StoreSupplier = KeyValueBytesStoreSupplier | WindowBytesStoreSupplier | SessionBytesStoreSupplier;

/** Which store the DSL builds when Materialized names no supplier (Kafka: ROCKS_DB or IN_MEMORY). */
export const StoreType = {
  IN_MEMORY: 'in_memory',
  /** The persistent store: LMDB, our RocksDB. */
  LMDB: 'lmdb',
} as const;
export type StoreType = (typeof StoreType)[keyof typeof StoreType];

interface MaterializedFields<K, V> {
  readonly storeName?: string | undefined;
  readonly storeSupplier?: StoreSupplier | undefined;
  readonly retentionMs?: number | undefined;
  readonly storeType?: StoreType | undefined;
  readonly keySerde?: Serde<K> | undefined;
  readonly valueSerde?: Serde<V> | undefined;
  readonly loggingEnabled?: boolean;
  readonly topicConfig?: Readonly<Record<string, string>>;
  readonly cachingEnabled?: boolean;
}

/**
 * How a KTable or aggregation is materialized (Kafka's Materialized): the store's name (which also
 * names its changelog `<application.id>-<name>-changelog` and makes the table queryable), or a store
 * supplier, the serdes, and the changelog settings.
 *
 * ```ts
 * stream.groupByKey().count(Materialized.as<string, number>('counts').withLoggingDisabled());
 * ```
 */
export class Materialized<K, V> {
  readonly storeName: string | undefined;
  readonly storeSupplier: StoreSupplier | undefined;
  /** For windowed stores: how much stream time to keep (>= window size + grace); see withRetention. */
  readonly retentionMs: number | undefined;
  readonly storeType: StoreType | undefined;
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  readonly loggingEnabled: boolean;
  readonly topicConfig: Readonly<Record<string, string>>;
  /**
   * Whether the store keeps recent updates in the instance's record cache (`statestore.cache.max.bytes`,
   * default on, as in Kafka). On, an aggregation (count, aggregate, reduce of a grouped stream or
   * table) forwards and logs each key's latest value once per commit or cache eviction; off
   * (`withCachingDisabled()`), every update is forwarded as it happens. The TopologyTestDriver runs
   * without a cache, so it always shows every update. Other operators' stores do not cache yet.
   */
  readonly cachingEnabled: boolean;

  private constructor(fields: MaterializedFields<K, V>) {
    this.storeName = fields.storeName;
    this.storeSupplier = fields.storeSupplier;
    this.retentionMs = fields.retentionMs;
    this.storeType = fields.storeType;
    this.keySerde = fields.keySerde;
    this.valueSerde = fields.valueSerde;
    this.loggingEnabled = fields.loggingEnabled ?? true;
    this.topicConfig = fields.topicConfig ?? {};
    this.cachingEnabled = fields.cachingEnabled ?? true;
  }

  /** Materializes into a store with this name (queryable), or built by this supplier. */
  static as<K, V>(storeNameOrSupplier: string | StoreSupplier): Materialized<K, V> {
    if (typeof storeNameOrSupplier === 'string') {
      checkStoreName(storeNameOrSupplier);
      return new Materialized<K, V>({ storeName: storeNameOrSupplier });
    }
    return new Materialized<K, V>({
      storeName: storeNameOrSupplier.name,
      storeSupplier: storeNameOrSupplier,
    });
  }

  /** Serdes only; the store name is generated (and the table is not queryable). */
  static with<K, V>(keySerde: Serde<K> | undefined, valueSerde: Serde<V> | undefined): Materialized<K, V> {
    return new Materialized<K, V>({ keySerde, valueSerde });
  }

  /** A store of this type with a generated name. */
  static withStoreType<K, V>(storeType: StoreType): Materialized<K, V> {
    return new Materialized<K, V>({ storeType });
  }

  private fields(): MaterializedFields<K, V> {
    return { ...this };
  }
  withKeySerde(keySerde: Serde<K>): Materialized<K, V> {
    return new Materialized<K, V>({ ...this.fields(), keySerde });
  }
  withValueSerde(valueSerde: Serde<V>): Materialized<K, V> {
    return new Materialized<K, V>({ ...this.fields(), valueSerde });
  }
  /**
   * For windowed aggregations: keep windows for this much stream time (Kafka's withRetention); it
   * must be at least window size + grace (gap + grace for sessions), which is also the default.
   */
  withRetention(retentionMs: number): Materialized<K, V> {
    if (!Number.isSafeInteger(retentionMs) || retentionMs < 0)
      throw new RangeError(`retention must be a non-negative integer number of ms, got ${retentionMs}`);
    return new Materialized<K, V>({ ...this.fields(), retentionMs });
  }
  withStoreType(storeType: StoreType): Materialized<K, V> {
    return new Materialized<K, V>({ ...this.fields(), storeType });
  }
  /** Logs to the changelog topic (the default), created with these extra topic configs. */
  withLoggingEnabled(topicConfig: Readonly<Record<string, string>> = {}): Materialized<K, V> {
    return new Materialized<K, V>({ ...this.fields(), loggingEnabled: true, topicConfig });
  }
  /** No changelog: the store is not fault-tolerant and is empty after a restart. */
  withLoggingDisabled(): Materialized<K, V> {
    return new Materialized<K, V>({ ...this.fields(), loggingEnabled: false, topicConfig: {} });
  }
  withCachingEnabled(): Materialized<K, V> {
    return new Materialized<K, V>({ ...this.fields(), cachingEnabled: true });
  }
  withCachingDisabled(): Materialized<K, V> {
    return new Materialized<K, V>({ ...this.fields(), cachingEnabled: false });
  }
}
