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
}

export type NodeDef = SourceNodeDef | ProcessorNodeDef | SinkNodeDef;

/** An internal (repartition or changelog) topic the runtime must create before running. */
export interface InternalTopicConfig {
  /** Name without the application-id prefix, e.g. `KSTREAM-REPARTITION-0000000001-repartition`. */
  readonly name: string;
  /** Fixed by Repartitioned; otherwise resolved at runtime from `partitionsFromSubtopology`'s source topics. */
  readonly numberOfPartitions: number | undefined;
  readonly kind: 'repartition' | 'changelog';
}

/** One independent piece of a topology: what a stream task runs for one input partition. */
export interface Subtopology {
  readonly id: number;
  /** All nodes in creation order, which is a topological order (parents before children). */
  readonly nodes: readonly NodeDef[];
  readonly sources: readonly SourceNodeDef[];
  readonly sinks: readonly SinkNodeDef[];
  readonly storeNames: readonly string[];
  /** Source topic names as written in the topology (internal ones without the prefix). */
  readonly sourceTopics: readonly string[];
  readonly sourcePatterns: readonly RegExp[];
}
