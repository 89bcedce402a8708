import type { Serde } from '../../core/serdes/index.ts';
import type { StreamPartitioner } from '../config/partitioning.ts';
import type { InternalTopologyBuilder } from './internal-topology-builder.ts';
import { NodePrefix, generatedNamePattern, repartitionTopicSuffix } from './names.ts';
import type { AnyProcessor } from './node-defs.ts';
import { PassThrough } from './processors/pass-through.ts';

export interface RepartitionOptions {
  /** The node whose output is repartitioned. */
  readonly parent: string;
  /** The topic name, or its prefix (`-repartition` is appended unless present). */
  readonly topicPrefix: string;
  readonly keySerde: Serde<unknown> | undefined;
  readonly valueSerde: Serde<unknown> | undefined;
  readonly partitioner?: StreamPartitioner<unknown, unknown> | undefined;
  readonly numberOfPartitions?: number | undefined;
  /**
   * Adds the processor Kafka puts before the sink (`KSTREAM-FILTER-…` or `<topic>-filter`). It
   * passes everything: null keys are dropped, and counted, by the aggregation downstream.
   */
  readonly withFilter: boolean;
  readonly wrapValueSerde?: ((inner: Serde<unknown>) => Serde<unknown>) | undefined;
}

/** A repartition topic's sink and source: what an operator adds, and the source to continue from. */
export interface RepartitionNodes {
  readonly topic: string;
  readonly sinkName: string;
  readonly sourceName: string;
}

/** Repartition topics are deleted after use and never expire on time (Kafka's RepartitionTopicConfig). */
export const repartitionTopicConfig: Readonly<Record<string, string>> = {
  'cleanup.policy': 'delete',
  'retention.ms': '-1',
  'message.timestamp.type': 'CreateTime',
};

/**
 * Names a repartition topic and its nodes as Kafka's `createRepartitionedSource` does: it always
 * takes three indices (sink, filter, source) so that later generated names do not depend on
 * naming; generated prefixes give generated node names, user names give `<topic>-sink`,
 * `<topic>-filter`, `<topic>-source`.
 */
export function nameRepartition(
  builder: InternalTopologyBuilder,
  topicPrefix: string,
): {
  topic: string;
  sinkName: string;
  filterName: string;
  sourceName: string;
} {
  const topic = topicPrefix.endsWith(repartitionTopicSuffix)
    ? topicPrefix
    : topicPrefix + repartitionTopicSuffix;
  const genSink = builder.newName(NodePrefix.SINK);
  const genFilter = builder.newName(NodePrefix.FILTER);
  const genSource = builder.newName(NodePrefix.SOURCE);
  if (generatedNamePattern.test(topicPrefix)) {
    return { topic, sinkName: genSink, filterName: genFilter, sourceName: genSource };
  }
  return { topic, sinkName: `${topic}-sink`, filterName: `${topic}-filter`, sourceName: `${topic}-source` };
}

/** Adds the (filter,) sink, internal topic and source; returns the names. */
export function addRepartition(
  builder: InternalTopologyBuilder,
  names: { topic: string; sinkName: string; filterName?: string | undefined; sourceName: string },
  options: RepartitionOptions,
): RepartitionNodes {
  builder.addInternalTopic({
    name: names.topic,
    numberOfPartitions: options.numberOfPartitions,
    kind: 'repartition',
    config: repartitionTopicConfig,
  });
  let sinkParent = options.parent;
  if (options.withFilter && names.filterName !== undefined) {
    builder.addProcessor({
      name: names.filterName,
      parents: [options.parent],
      supplier: () => new PassThrough() as AnyProcessor,
      stores: [],
    });
    sinkParent = names.filterName;
  }
  builder.addSink({
    name: names.sinkName,
    parents: [sinkParent],
    topic: names.topic,
    extractor: undefined,
    keySerde: options.keySerde,
    valueSerde: options.valueSerde,
    partitioner: options.partitioner,
    wrapValueSerde: options.wrapValueSerde,
  });
  builder.addSource({
    name: names.sourceName,
    topics: [names.topic],
    pattern: undefined,
    keySerde: options.keySerde,
    valueSerde: options.valueSerde,
    timestampExtractor: undefined,
    offsetReset: undefined,
    wrapValueSerde: options.wrapValueSerde,
  });
  return { topic: names.topic, sinkName: names.sinkName, sourceName: names.sourceName };
}
