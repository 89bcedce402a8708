import type { Serde } from '../core/serdes/index.ts';
import type { InternalTopologyBuilder } from './internals/internal-topology-builder.ts';
import type { KTableValueGetterSupplier } from './internals/ktable-state.ts';
import type { TimestampedKeyValueStore } from './state/typed-key-value-store.ts';

/**
 * A table over every partition of a topic, replicated to each instance (Kafka's GlobalKTable),
 * from `builder.globalTable`. It is fully loaded before any stream task processes, has no notion
 * of time, and needs no co-partitioning: join a stream to it with a key selector,
 * `stream.join(global, (k, v) => v.customerId, joiner)`. Its store restores from the topic itself.
 */
export class GlobalKTable<K, V> {
  /** @internal */
  readonly builder: InternalTopologyBuilder;
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  private readonly storeName: string;
  private readonly queryable: string | undefined;

  /** @internal use StreamsBuilder.globalTable */
  constructor(
    builder: InternalTopologyBuilder,
    storeName: string,
    queryableStoreName: string | undefined,
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<V> | undefined,
  ) {
    this.builder = builder;
    this.storeName = storeName;
    this.queryable = queryableStoreName;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
  }

  /** The store to query, if the user named it; else null. */
  queryableStoreName(): string | null {
    return this.queryable ?? null;
  }

  /** @internal Lookups by key from any task's processors. */
  valueGetterSupplier(): KTableValueGetterSupplier<K, V> {
    const storeName = this.storeName;
    return {
      storeNames: () => [storeName],
      get: () => {
        let store: TimestampedKeyValueStore<K, V>;
        return {
          init: (context) => {
            store = context.getStateStore(storeName);
          },
          get: (key) => store.get(key),
        };
      },
    };
  }
}
