import type { Serde } from '../../core/serdes/index.ts';
import type { OffsetReset } from '../config/consumed.ts';
import type { StreamPartitioner, TopicNameExtractor } from '../config/partitioning.ts';
import type { TimestampExtractor } from '../config/timestamp-extractor.ts';
import type { Processor } from '../processor/processor.ts';

/** Processors are stored untyped in the graph; the typed DSL guarantees the shapes fit. */
export type AnyProcessor = Processor<unknown, unknown, unknown, unknown>;

export interface SourceNodeDef {
  readonly kind: 'source';
  readonly name: string;
  /** Topic names as written in the topology; internal topics get `<application.id>-` at runtime. */
  readonly topics: readonly string[];
  readonly pattern: RegExp | undefined;
  readonly keySerde: Serde<unknown> | undefined;
  readonly valueSerde: Serde<unknown> | undefined;
  readonly timestampExtractor: TimestampExtractor | undefined;
  readonly offsetReset: OffsetReset | undefined;
  /** Applied to the resolved value serde (e.g. the Change<V> serde of a KTable repartition topic). */
  readonly wrapValueSerde?: ((inner: Serde<unknown>) => Serde<unknown>) | undefined;
}

export interface ProcessorNodeDef {
  readonly kind: 'processor';
  readonly name: string;
  readonly parents: string[];
  readonly supplier: () => AnyProcessor;
  readonly stores: string[];
}

export interface SinkNodeDef {
  readonly kind: 'sink';
  readonly name: string;
  readonly parents: string[];
  readonly topic: string | undefined;
  readonly extractor: TopicNameExtractor<unknown, unknown> | undefined;
  readonly keySerde: Serde<unknown> | undefined;
  readonly valueSerde: Serde<unknown> | undefined;
  readonly partitioner: StreamPartitioner<unknown, unknown> | undefined;
  /** Applied to the resolved value serde (e.g. the Change<V> serde of a KTable repartition topic). */
  readonly wrapValueSerde?: ((inner: Serde<unknown>) => Serde<unknown>) | undefined;
}

export type NodeDef = SourceNodeDef | ProcessorNodeDef | SinkNodeDef;

/** An internal (repartition or changelog) topic the runtime must create before running. */
export interface InternalTopicConfig {
  /**
   * Name without the application-id prefix, e.g. `KSTREAM-REPARTITION-0000000001-repartition` or
   * `counts-store-changelog`.
   */
  readonly name: string;
  /**
   * Fixed by Repartitioned; otherwise resolved at runtime: a repartition topic from the source topics
   * of the sub-topologies writing it, a changelog from those of the sub-topology owning its store.
   */
  readonly numberOfPartitions: number | undefined;
  readonly kind: 'repartition' | 'changelog';
  /**
   * Topic configs to create it with: `cleanup.policy=compact` for key-value changelogs (plus the
   * store's logConfig), `cleanup.policy=delete` and `retention.ms=-1` for repartition topics.
   */
  readonly config?: Readonly<Record<string, string>>;
  /** For a changelog: the store it backs. */
  readonly storeName?: string;
}

/** One independent piece of a topology: what a stream task runs for one input partition. */
export interface Subtopology {
  readonly id: number;
  /**
   * A global table's sub-topology (Kafka: "for global store (will not generate tasks)"): one
   * instance-wide task reads all partitions of its topics and fills the store before stream tasks
   * run; stream tasks read the store through `TopologyTaskOptions.globalStores`.
   */
  readonly global?: boolean;
  /** All nodes in creation order, which is a topological order (parents before children). */
  readonly nodes: readonly NodeDef[];
  readonly sources: readonly SourceNodeDef[];
  readonly sinks: readonly SinkNodeDef[];
  /** Stores this sub-topology's tasks own (a global store only in its global sub-topology). */
  readonly storeNames: readonly string[];
  /** Source topic names as written in the topology (internal ones without the prefix). */
  readonly sourceTopics: readonly string[];
  readonly sourcePatterns: readonly RegExp[];
}
