import type { Serde } from '../../core/serdes/index.ts';
import { Materialized, StoreType } from '../config/materialized.ts';
import type { StateStore, StoreBuilder } from '../state/state-store.ts';
import { Stores } from '../state/stores.ts';
import type { TimestampedKeyValueStore } from '../state/typed-key-value-store.ts';
import type { SessionStore } from '../state/session-store.ts';
import type { TimestampedWindowStore } from '../state/window-store.ts';
import type { InternalTopologyBuilder } from './internal-topology-builder.ts';
import { TopologyException } from '../errors.ts';
import type {
  KeyValueBytesStoreSupplier,
  SessionBytesStoreSupplier,
  WindowBytesStoreSupplier,
} from '../state/stores.ts';

/** The key-value supplier Materialized names, or undefined; a window or session supplier is a misuse. */
export function keyValueSupplier(m: Materialized<unknown, unknown>): KeyValueBytesStoreSupplier | undefined {
  const supplier = m.storeSupplier;
  if (supplier === undefined) return undefined;
  if ('kind' in supplier)
    throw new TopologyException(
      `store supplier ${supplier.name} makes a ${supplier.kind} store, but this operator needs a key-value store`,
    );
  return supplier;
}

interface SupplierOfKind {
  readonly window: WindowBytesStoreSupplier;
  readonly session: SessionBytesStoreSupplier;
}

/** The window or session supplier Materialized names, or undefined; a supplier of another kind is a misuse. */
function givenSupplier<T extends keyof SupplierOfKind, K, V>(
  m: Materialized<K, V>,
  kind: T,
): SupplierOfKind[T] | undefined {
  const given = m.storeSupplier;
  if (given !== undefined && (!('kind' in given) || given.kind !== kind))
    throw new TopologyException(`store supplier ${given.name} does not make a ${kind} store`);
  return given as SupplierOfKind[T] | undefined;
}

/** Throws unless a window or session store keeps its data at least `minRetentionMs` (`what` says why). */
function checkRetention(
  kind: keyof SupplierOfKind,
  storeName: string,
  retentionMs: number,
  minRetentionMs: number,
  what: string,
): void {
  if (retentionMs < minRetentionMs)
    throw new TopologyException(
      `the retention period of ${kind} store ${storeName} (${retentionMs} ms) must be no smaller than ${what} (${minRetentionMs} ms)`,
    );
}

/** The store builder with its changelog on (with Materialized's topic config) or off, as Materialized says. */
function withMaterializedLogging<S extends StateStore, K, V>(
  storeBuilder: StoreBuilder<S>,
  m: Materialized<K, V>,
): StoreBuilder<S> {
  return m.loggingEnabled
    ? storeBuilder.withLoggingEnabled(m.topicConfig)
    : storeBuilder.withLoggingDisabled();
}

/** Kafka's MaterializedInternal: the resolved store name and whether the user named it. */
export interface ResolvedMaterialized<K, V> {
  readonly materialized: Materialized<K, V>;
  readonly storeName: string;
  /** Set only when the user named the store: that is what makes a KTable queryable. */
  readonly queryableStoreName: string | undefined;
}

/**
 * Names the store as Kafka does: the user's name, or `<prefix>STATE-STORE-<index>` taken from the
 * shared counter right now (so call it where Kafka constructs its MaterializedInternal).
 */
export function resolveMaterialized<K, V>(
  builder: InternalTopologyBuilder,
  materialized: Materialized<K, V> | undefined,
  generatedPrefix: string,
): ResolvedMaterialized<K, V> {
  const m = materialized ?? Materialized.with<K, V>(undefined, undefined);
  if (m.storeName !== undefined)
    return { materialized: m, storeName: m.storeName, queryableStoreName: m.storeName };
  return { materialized: m, storeName: builder.newStoreName(generatedPrefix), queryableStoreName: undefined };
}

/**
 * The timestamped key-value store builder for a KTable or aggregation (Kafka's
 * KeyValueStoreMaterializer): the user's supplier, else the builder's default store type;
 * Materialized serdes win over the operator's; logging as Materialized says. `cacheable` operators
 * (the aggregations, whose processors forward through the cache's flush listener) get a caching
 * layer unless Materialized disables it; the other operators' stores stay uncached for now.
 */
export function timestampedStoreBuilder<K, V>(
  builder: InternalTopologyBuilder,
  resolved: ResolvedMaterialized<K, V>,
  keySerde: Serde<K> | undefined,
  valueSerde: Serde<V> | undefined,
  cacheable = false,
): StoreBuilder<TimestampedKeyValueStore<K, V>> {
  const m = resolved.materialized;
  const type = m.storeType ?? builder.defaultStoreType;
  const supplier =
    keyValueSupplier(m as Materialized<unknown, unknown>) ??
    (type === StoreType.LMDB
      ? Stores.persistentTimestampedKeyValueStore(resolved.storeName)
      : Stores.inMemoryKeyValueStore(resolved.storeName));
  const storeBuilder = Stores.timestampedKeyValueStoreBuilder(
    supplier,
    m.keySerde ?? keySerde,
    m.valueSerde ?? valueSerde,
  );
  const logged = withMaterializedLogging(storeBuilder, m);
  return cacheable && m.cachingEnabled ? logged.withCachingEnabled!() : logged;
}

/**
 * The timestamped window store of a windowed aggregation (Kafka's TimestampedWindowStoreMaterializer):
 * the user's window supplier, else an in-memory store with `retentionMs` (Materialized's, checked
 * against the minimum the windows need) and the window size.
 */
export function timestampedWindowStoreBuilder<K, V>(
  resolved: ResolvedMaterialized<K, V>,
  keySerde: Serde<K> | undefined,
  valueSerde: Serde<V> | undefined,
  windowSizeMs: number,
  minRetentionMs: number,
  defaultRetentionMs: number,
  what: string,
  defaultStoreType: StoreType = StoreType.IN_MEMORY,
): StoreBuilder<TimestampedWindowStore<K, V>> {
  const m = resolved.materialized;
  const persistent = (m.storeType ?? defaultStoreType) === StoreType.LMDB;
  const retention = m.retentionMs ?? defaultRetentionMs;
  checkRetention('window', resolved.storeName, retention, minRetentionMs, what);
  const supplier =
    givenSupplier(m, 'window') ??
    (persistent
      ? Stores.persistentTimestampedWindowStore(resolved.storeName, retention, windowSizeMs, false)
      : Stores.inMemoryWindowStore(resolved.storeName, retention, windowSizeMs, false));
  checkRetention('window', supplier.name, supplier.retentionPeriodMs, minRetentionMs, what);
  const storeBuilder = Stores.timestampedWindowStoreBuilder(
    supplier,
    m.keySerde ?? keySerde,
    m.valueSerde ?? valueSerde,
  );
  return withMaterializedLogging(storeBuilder, m);
}

/** The session store of a session aggregation (Kafka's SessionStoreMaterializer). */
export function sessionStoreBuilder<K, V>(
  resolved: ResolvedMaterialized<K, V>,
  keySerde: Serde<K> | undefined,
  valueSerde: Serde<V> | undefined,
  minRetentionMs: number,
  defaultRetentionMs: number,
  defaultStoreType: StoreType = StoreType.IN_MEMORY,
): StoreBuilder<SessionStore<K, V>> {
  const m = resolved.materialized;
  const persistent = (m.storeType ?? defaultStoreType) === StoreType.LMDB;
  const retention = m.retentionMs ?? defaultRetentionMs;
  const what = 'the session inactivity gap plus the grace period';
  checkRetention('session', resolved.storeName, retention, minRetentionMs, what);
  const supplier =
    givenSupplier(m, 'session') ??
    (persistent
      ? Stores.persistentSessionStore(resolved.storeName, retention)
      : Stores.inMemorySessionStore(resolved.storeName, retention));
  const storeBuilder = Stores.sessionStoreBuilder(
    supplier,
    m.keySerde ?? keySerde,
    m.valueSerde ?? valueSerde,
  );
  return withMaterializedLogging(storeBuilder, m);
}
