import type { Serde } from '../../core/serdes/index.ts';
import { Materialized, StoreType } from '../config/materialized.ts';
import type { StoreBuilder } from '../state/state-store.ts';
import { Stores } from '../state/stores.ts';
import type { TimestampedKeyValueStore } from '../state/typed-key-value-store.ts';
import type { InternalTopologyBuilder } from './internal-topology-builder.ts';

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
 * Materialized serdes win over the operator's; logging as Materialized says.
 */
export function timestampedStoreBuilder<K, V>(
  builder: InternalTopologyBuilder,
  resolved: ResolvedMaterialized<K, V>,
  keySerde: Serde<K> | undefined,
  valueSerde: Serde<V> | undefined,
): StoreBuilder<TimestampedKeyValueStore<K, V>> {
  const m = resolved.materialized;
  const type = m.storeType ?? builder.defaultStoreType;
  const supplier =
    m.storeSupplier ??
    (type === StoreType.LMDB
      ? Stores.persistentTimestampedKeyValueStore(resolved.storeName)
      : Stores.inMemoryKeyValueStore(resolved.storeName));
  const storeBuilder = Stores.timestampedKeyValueStoreBuilder(
    supplier,
    m.keySerde ?? keySerde,
    m.valueSerde ?? valueSerde,
  );
  return m.loggingEnabled
    ? storeBuilder.withLoggingEnabled(m.topicConfig)
    : storeBuilder.withLoggingDisabled();
}
