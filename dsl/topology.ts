import type { Serde } from '../core/serdes/index.ts';
import type { OffsetReset } from './config/consumed.ts';
import type { StreamPartitioner } from './config/partitioning.ts';
import type { TimestampExtractor } from './config/timestamp-extractor.ts';
import { TopologyException } from './errors.ts';
import { InternalTopologyBuilder } from './internals/internal-topology-builder.ts';
import type { AnyProcessor, InternalTopicConfig, Subtopology } from './internals/node-defs.ts';
import { supplierToFactory } from './internals/processors/supplier.ts';
import type { ProcessorSupplier } from './processor/processor.ts';
import type { StateStore, StoreBuilder } from './state/state-store.ts';
import { TopologyDescription } from './topology-description.ts';

/**
 * A compiled topology: sources, processors, sinks and stores, split into sub-topologies. Built by
 * `StreamsBuilder.build()` or assembled directly with the Processor API (`addSource`, ...), as in
 * Kafka. Runtimes (the TopologyTestDriver, stream tasks) instantiate one TopologyTask per
 * sub-topology and input partition.
 */
export class Topology {
  /** @internal */
  readonly internals: InternalTopologyBuilder;

  constructor(internals: InternalTopologyBuilder = new InternalTopologyBuilder()) {
    this.internals = internals;
  }

  addSource(
    name: string,
    topics: readonly string[] | RegExp,
    options: {
      keySerde?: Serde<unknown>;
      valueSerde?: Serde<unknown>;
      timestampExtractor?: TimestampExtractor;
      offsetReset?: OffsetReset;
    } = {},
  ): this {
    this.internals.addSource({
      name,
      topics: topics instanceof RegExp ? [] : topics,
      pattern: topics instanceof RegExp ? topics : undefined,
      keySerde: options.keySerde,
      valueSerde: options.valueSerde,
      timestampExtractor: options.timestampExtractor,
      offsetReset: options.offsetReset,
    });
    return this;
  }

  addProcessor<KIn, VIn, KOut, VOut>(
    name: string,
    supplier: ProcessorSupplier<KIn, VIn, KOut, VOut>,
    ...parentNames: string[]
  ): this {
    const factory = supplierToFactory(supplier);
    this.internals.addProcessor({
      name,
      parents: parentNames,
      supplier: factory as () => AnyProcessor,
      stores: [],
    });
    if (typeof supplier !== 'function')
      for (const s of supplier.stores?.() ?? []) this.addStateStore(s, name);
    return this;
  }

  addSink(
    name: string,
    topic: string,
    options: {
      keySerde?: Serde<unknown>;
      valueSerde?: Serde<unknown>;
      partitioner?: StreamPartitioner<unknown, unknown>;
    },
    ...parentNames: string[]
  ): this {
    this.internals.addSink({
      name,
      parents: parentNames,
      topic,
      extractor: undefined,
      keySerde: options.keySerde,
      valueSerde: options.valueSerde,
      partitioner: options.partitioner,
    });
    return this;
  }

  addStateStore(builder: StoreBuilder<StateStore>, ...processorNames: string[]): this {
    this.internals.addStateStore(builder, true);
    for (const p of processorNames) this.internals.connectProcessorAndStateStores(p, [builder.name]);
    return this;
  }

  connectProcessorAndStateStores(processorName: string, ...storeNames: string[]): this {
    this.internals.connectProcessorAndStateStores(processorName, storeNames);
    return this;
  }

  /** Sub-topologies in id order; validates the graph (unknown stores, cycles) on first use. */
  subtopologies(): readonly Subtopology[] {
    return this.internals.subtopologies();
  }

  /** Repartition and changelog topics the runtime must create (names without the application id). */
  internalTopics(): ReadonlyMap<string, InternalTopicConfig> {
    return this.internals.internalTopics;
  }

  /**
   * Partition counts of the internal repartition topics, given those of the external topics
   * (`partitionsOf` returns undefined for an unknown topic). As in Kafka, a repartition topic
   * without a count from Repartitioned gets the largest partition count among the source topics of
   * the sub-topologies that write to it; chains of repartition topics resolve in turn.
   */
  resolveInternalTopicPartitions(partitionsOf: (topic: string) => number | undefined): Map<string, number> {
    const resolved = new Map<string, number>();
    const pending: string[] = [];
    const internalTopics = this.internals.internalTopics;
    for (const t of internalTopics.values()) {
      if (t.numberOfPartitions !== undefined) resolved.set(t.name, t.numberOfPartitions);
      else pending.push(t.name);
    }
    const subs = this.subtopologies();
    const countOf = (topic: string): number | undefined =>
      internalTopics.has(topic) ? resolved.get(topic) : partitionsOf(topic);
    // An internal topic joined with user topics takes their count up front: that is what
    // co-partitioning enforces, and it breaks cycles such as a foreign-key join's registration and
    // response topics, each written by the sub-topology that reads the other.
    for (const group of this.copartitionGroups()) {
      const external = group.filter((t) => !internalTopics.has(t)).map(partitionsOf);
      if (external.length === 0 || external.some((n) => n === undefined)) continue;
      const target = Math.max(...(external as number[]));
      for (const t of group) {
        const i = pending.indexOf(t);
        if (i < 0 || internalTopics.get(t)?.storeName !== undefined) continue;
        resolved.set(t, target);
        pending.splice(i, 1);
      }
    }
    let progress = true;
    let lenient = false;
    while (pending.length > 0 && progress) {
      progress = false;
      for (let i = pending.length - 1; i >= 0; i--) {
        const topic = pending[i]!;
        const storeName = internalTopics.get(topic)?.storeName;
        // A changelog has one partition per task of the sub-topology owning its store.
        const writers =
          storeName === undefined
            ? subs.filter((sub) => sub.sinks.some((sink) => sink.topic === topic))
            : subs.filter((sub) => sub.storeNames.includes(storeName));
        const sources = writers.flatMap((sub) => sub.sourceTopics);
        const all = sources.map(countOf);
        // Strictly, every upstream count must be known; when that stalls (a cycle), Kafka's rule
        // applies: the largest count known so far, as long as no user topic is unknown.
        const counts = all.filter((c): c is number => c !== undefined);
        const externalMissing = sources.some((t, i) => all[i] === undefined && !internalTopics.has(t));
        if (counts.length === 0 || externalMissing || (!lenient && counts.length < all.length)) continue;
        resolved.set(topic, Math.max(...counts));
        pending.splice(i, 1);
        progress = true;
      }
      if (progress) lenient = false;
      else if (!lenient && pending.length > 0) {
        lenient = true;
        progress = true;
      }
    }
    if (pending.length > 0) {
      throw new TopologyException(
        `cannot resolve the partition count of ${pending.join(', ')}: source topic metadata missing`,
      );
    }
    this.enforceCopartitioning(resolved, partitionsOf);
    return resolved;
  }

  /**
   * Kafka's CopartitionedTopicsEnforcer: within each join's co-partition group the user's topics
   * must have equal partition counts (else TopologyException naming them), and repartition topics
   * without a fixed count take that count, so both sides of a join meet in the same task.
   */
  private enforceCopartitioning(
    resolved: Map<string, number>,
    partitionsOf: (topic: string) => number | undefined,
  ): void {
    const internalTopics = this.internals.internalTopics;
    for (const group of this.copartitionGroups()) {
      const external = group.filter((t) => !internalTopics.has(t));
      const counts = external.map((t) => [t, partitionsOf(t)] as const);
      const missing = counts.filter(([, n]) => n === undefined).map(([t]) => t);
      if (missing.length > 0)
        throw new TopologyException(`cannot check co-partitioning: no metadata for ${missing.join(', ')}`);
      const distinct = new Set(counts.map(([, n]) => n));
      if (distinct.size > 1) {
        throw new TopologyException(
          `the following topics are joined but not co-partitioned (they must have the same number of partitions): ${counts.map(([t, n]) => `${t}=${n}`).join(', ')}`,
        );
      }
      const internal = group.filter((t) => internalTopics.has(t));
      const target =
        distinct.size === 1 ? [...distinct][0]! : Math.max(...internal.map((t) => resolved.get(t) ?? 1));
      for (const t of internal) {
        const fixed = internalTopics.get(t)!.numberOfPartitions;
        if (fixed !== undefined && fixed !== target)
          throw new TopologyException(
            `repartition topic ${t} has ${fixed} partitions but is joined with topics of ${target}: not co-partitioned`,
          );
        resolved.set(t, target);
      }
    }
  }

  /** Throws TopologyException if the joined topics, with these partition counts, are not co-partitioned. */
  checkCopartitioning(partitionsOf: (topic: string) => number | undefined): void {
    this.resolveInternalTopicPartitions(partitionsOf);
  }

  /** Groups of source topics that must have equal partition counts (joins; empty until they exist). */
  copartitionGroups(): readonly (readonly string[])[] {
    return this.internals.copartitionGroups;
  }

  storeBuilders(): ReadonlyMap<string, StoreBuilder<StateStore>> {
    return this.internals.stores;
  }

  /** The topic a runtime reads or writes: internal topics get the `<application.id>-` prefix. */
  physicalTopic(name: string, applicationId: string): string {
    return this.internals.isInternalTopic(name) ? `${applicationId}-${name}` : name;
  }

  describe(): TopologyDescription {
    return new TopologyDescription(this.internals);
  }
}
