import type { Serde } from '../core/serdes/index.ts';
import { Consumed } from './config/consumed.ts';
import { InternalTopologyBuilder } from './internals/internal-topology-builder.ts';
import { NodePrefix } from './internals/names.ts';
import { KStream } from './kstream.ts';
import type { StateStore, StoreBuilder } from './state/state-store.ts';
import { Topology } from './topology.ts';
import { Materialized, StoreType } from './config/materialized.ts';
import { TopologyException } from './errors.ts';
import { SourceTableState } from './internals/ktable-state.ts';
import { resolveMaterialized, timestampedStoreBuilder } from './internals/materialize.ts';
import type { AnyProcessor } from './internals/node-defs.ts';
import { KTableSource } from './internals/processors/ktable-source.ts';
import { KTable } from './ktable.ts';
import { GlobalKTable } from './global-ktable.ts';
import type { TimestampExtractor } from './config/timestamp-extractor.ts';

/** Build-time settings; `application.id` names internal topics at runtime, not here. */
export interface TopologyProps {
  readonly 'topology.optimization'?: 'none';
  /**
   * The store the DSL materializes tables and aggregations in when Materialized names none
   * (Kafka's `default.dsl.store`): 'in_memory' (our default) or 'lmdb' (persistent, for state
   * larger than memory; Kafka's default 'rocksDB').
   */
  readonly 'default.dsl.store'?: StoreType;
}

/** The entry point of the DSL (Kafka's StreamsBuilder). */
export class StreamsBuilder {
  private readonly internals = new InternalTopologyBuilder();

  /** Settings that shape the topology as it is built (Kafka's `new StreamsBuilder(TopologyConfig)`). */
  constructor(props: TopologyProps = {}) {
    const storeType = props['default.dsl.store'];
    if (storeType !== undefined) {
      if (storeType !== StoreType.IN_MEMORY && storeType !== StoreType.LMDB)
        throw new TopologyException(
          `default.dsl.store must be 'in_memory' or 'lmdb', got ${String(storeType)}`,
        );
      this.internals.defaultStoreType = storeType;
    }
  }

  /** A stream over one topic, several topics, or every topic matching a pattern. */
  stream<K, V>(topics: string | readonly string[] | RegExp, consumed?: Consumed<K, V>): KStream<K, V> {
    const c = consumed;
    const name = this.internals.nameOrGenerate(c?.name, NodePrefix.SOURCE);
    const list = typeof topics === 'string' ? [topics] : topics instanceof RegExp ? [] : [...topics];
    this.internals.addSource({
      name,
      topics: list,
      pattern: topics instanceof RegExp ? topics : undefined,
      keySerde: c?.keySerde as Serde<unknown> | undefined,
      valueSerde: c?.valueSerde as Serde<unknown> | undefined,
      timestampExtractor: c?.timestampExtractor as TimestampExtractor | undefined,
      offsetReset: c?.offsetReset,
    });
    return new KStream<K, V>(this.internals, name, c?.keySerde, c?.valueSerde, false);
  }

  /**
   * A table over a topic (Kafka's StreamsBuilder.table): each record upserts its key, a null value
   * deletes it, a null key is dropped. The table is materialized (and queryable) when Materialized
   * names a store, or when a downstream operator needs its old values; its store is then
   * `<topic>-STATE-STORE-<index>` unless named, with changelog `<application.id>-<store>-changelog`.
   */
  table<K, V>(
    topic: string,
    consumed?: Consumed<K, V> | Materialized<K, V>,
    materialized?: Materialized<K, V>,
  ): KTable<K, V> {
    // Kafka's overloads: table(topic), table(topic, Consumed), table(topic, Materialized), both.
    if (consumed instanceof Materialized) return this.table(topic, undefined, consumed);
    const c = consumed;
    const resolved = resolveMaterialized(this.internals, materialized, `${topic}-`);
    const sourceName = this.internals.suffixOrGenerate(c?.name, '-source', NodePrefix.SOURCE);
    const tableSourceName = this.internals.nameOrGenerate(c?.name, NodePrefix.KTABLE_SOURCE);
    // Consumed serdes read the topic, Materialized's stand in for missing ones (that is how
    // table(topic, Materialized) reads its topic); the store prefers Materialized's.
    const keySerde = c?.keySerde ?? materialized?.keySerde;
    const valueSerde = c?.valueSerde ?? materialized?.valueSerde;
    this.internals.addSource({
      name: sourceName,
      topics: [topic],
      pattern: undefined,
      keySerde: keySerde as Serde<unknown> | undefined,
      valueSerde: valueSerde as Serde<unknown> | undefined,
      timestampExtractor: c?.timestampExtractor as TimestampExtractor | undefined,
      offsetReset: c?.offsetReset,
    });
    const internals = this.internals;
    const state = new SourceTableState(() => {
      internals.addStateStore(timestampedStoreBuilder(internals, resolved, keySerde, valueSerde));
      internals.connectProcessorAndStateStores(tableSourceName, [resolved.storeName]);
      return resolved.storeName;
    });
    internals.addProcessor({
      name: tableSourceName,
      parents: [sourceName],
      supplier: () => new KTableSource(state) as AnyProcessor,
      stores: [],
    });
    if (resolved.queryableStoreName !== undefined) state.materialize();
    return new KTable<K, V>(
      internals,
      tableSourceName,
      keySerde,
      valueSerde,
      state,
      resolved.queryableStoreName,
    );
  }

  /**
   * A global table over all partitions of a topic (Kafka's StreamsBuilder.globalTable): every
   * instance holds all of it, it is loaded before processing starts, and it restores from the topic
   * itself (no changelog). Join streams to it with a key selector; no co-partitioning is needed.
   */
  globalTable<K, V>(
    topic: string,
    consumed?: Consumed<K, V> | Materialized<K, V>,
    materialized?: Materialized<K, V>,
  ): GlobalKTable<K, V> {
    if (consumed instanceof Materialized) return this.globalTable(topic, undefined, consumed);
    const c = consumed;
    const resolved = resolveMaterialized(this.internals, materialized, `${topic}-`);
    const sourceName = this.internals.suffixOrGenerate(c?.name, '-source', NodePrefix.SOURCE);
    const processorName = this.internals.nameOrGenerate(c?.name, NodePrefix.KTABLE_SOURCE);
    const keySerde = c?.keySerde ?? materialized?.keySerde;
    const valueSerde = c?.valueSerde ?? materialized?.valueSerde;
    this.internals.addSource({
      name: sourceName,
      topics: [topic],
      pattern: undefined,
      keySerde: keySerde as Serde<unknown> | undefined,
      valueSerde: valueSerde as Serde<unknown> | undefined,
      timestampExtractor: c?.timestampExtractor as TimestampExtractor | undefined,
      offsetReset: c?.offsetReset,
    });
    const storeName = resolved.storeName;
    const state = new SourceTableState(() => storeName);
    state.materialize();
    this.internals.addProcessor({
      name: processorName,
      parents: [sourceName],
      supplier: () => new KTableSource(state) as AnyProcessor,
      stores: [],
    });
    // The topic is the changelog: the store is not logged again.
    this.internals.addStateStore(
      timestampedStoreBuilder(this.internals, resolved, keySerde, valueSerde).withLoggingDisabled(),
    );
    this.internals.connectProcessorAndStateStores(processorName, [storeName]);
    this.internals.addGlobalStore(storeName, [sourceName, processorName]);
    return new GlobalKTable<K, V>(
      this.internals,
      storeName,
      resolved.queryableStoreName,
      keySerde,
      valueSerde,
    );
  }

  /** Registers a state store so processors can name it in `process(supplier, 'store')`. */
  addStateStore(builder: StoreBuilder<StateStore>): this {
    this.internals.addStateStore(builder);
    return this;
  }

  /** Compiles the graph; throws TopologyException for unknown stores or cycles. */
  build(_props: TopologyProps = {}): Topology {
    const topology = new Topology(this.internals);
    topology.subtopologies();
    // What can be checked before the topics exist: repartition topics with fixed, different counts.
    const internal = topology.internalTopics();
    for (const group of topology.copartitionGroups()) {
      const fixed = group
        .map((t) => [t, internal.get(t)?.numberOfPartitions] as const)
        .filter((e): e is readonly [string, number] => e[1] !== undefined);
      if (new Set(fixed.map(([, n]) => n)).size > 1)
        throw new TopologyException(
          `joined topics are not co-partitioned: ${fixed.map(([t, n]) => `${t}=${n}`).join(', ')} (Repartitioned.withNumberOfPartitions must agree)`,
        );
    }
    return topology;
  }
}
