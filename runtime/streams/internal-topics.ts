import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { Topology } from '../../dsl/index.ts';
import type { Admin, NewTopic } from '../../actors/client/index.ts';

/** What `createInternalTopics` found and did. */
export interface InternalTopicsResult {
  /** Partition counts of the source topics the topology reads by name. */
  readonly sourcePartitions: ReadonlyMap<string, number>;
  /** Physical internal topic name -> partition count (created now or already there). */
  readonly internalTopics: ReadonlyMap<string, number>;
  readonly created: readonly string[];
}

/**
 * Kafka Streams' InternalTopicManager: checks the topology's external source topics exist (Kafka's
 * MissingSourceTopicException otherwise), resolves the partition counts of its repartition topics
 * (the largest count among the sources of the sub-topologies that write them) and changelogs (one
 * partition per task), and creates the missing ones: `<application.id>-<name>` with the configs the
 * DSL asks for (compacted changelogs, `retention.ms=-1` repartition topics). An existing internal
 * topic with another partition count is an error, as in Kafka.
 */
export async function createInternalTopics(
  admin: Admin,
  topology: Topology,
  applicationId: string,
  replicationFactor: number,
  timeoutMs: number,
): Promise<InternalTopicsResult> {
  const internal = topology.internalTopics();
  const external = new Set<string>();
  for (const sub of topology.subtopologies())
    for (const t of sub.sourceTopics) if (!internal.has(t)) external.add(t);
  const existing = new Set(await admin.listTopics({ timeoutMs }));
  const missing = [...external].filter((t) => !existing.has(t));
  if (missing.length > 0) {
    throw new KafkaError(
      ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
      `source topics ${missing.join(', ')} of application ${applicationId} do not exist`,
    );
  }
  const physical = (name: string): string => `${applicationId}-${name}`;
  const toDescribe = [...external, ...[...internal.keys()].map(physical).filter((t) => existing.has(t))];
  const counts = new Map<string, number>();
  if (toDescribe.length > 0) {
    for (const d of await admin.describeTopics(toDescribe, { timeoutMs }))
      counts.set(d.name, d.partitions.length);
  }
  let resolved: Map<string, number>;
  try {
    resolved = topology.resolveInternalTopicPartitions((t) => counts.get(t));
  } catch (error) {
    throw new KafkaError(
      ErrorCode.INVALID_CONFIG,
      `${error instanceof Error ? error.message : String(error)} (internal topics fed by pattern sources need Repartitioned.withNumberOfPartitions)`,
    );
  }
  const toCreate: NewTopic[] = [];
  const internalTopics = new Map<string, number>();
  for (const [name, config] of internal) {
    const topic = physical(name);
    const partitions = resolved.get(name)!;
    internalTopics.set(topic, partitions);
    const have = counts.get(topic);
    if (have !== undefined) {
      if (have !== partitions) {
        throw new KafkaError(
          ErrorCode.INVALID_PARTITIONS,
          `existing internal topic ${topic} has ${have} partitions, the topology needs ${partitions}`,
        );
      }
      continue;
    }
    toCreate.push({
      topic,
      numPartitions: partitions,
      replicationFactor,
      configs: { 'message.timestamp.type': 'CreateTime', ...config.config },
    });
  }
  const created: string[] = [];
  for (const t of toCreate) {
    try {
      await admin.createTopics([t], { timeoutMs });
      created.push(t.topic);
    } catch (error) {
      // Another instance of the application created it first.
      if (!KafkaError.is(error, 'TOPIC_ALREADY_EXISTS')) throw error;
    }
  }
  const sourcePartitions = new Map([...external].map((t) => [t, counts.get(t)!]));
  return { sourcePartitions, internalTopics, created };
}
