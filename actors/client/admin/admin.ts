/**
 * The admin client (Java's `Admin` / KafkaJS's `admin()`): topics, partitions, cluster, consumer
 * groups, offsets, records and configs, over any ConnectionFactory (the in-process cluster, TCP to
 * Tributary or to Apache Kafka).
 *
 * Every call has a deadline (`timeoutMs`, default `default.api.timeout.ms`) within which retriable
 * errors are retried with backoff after fresh routing: NOT_CONTROLLER re-reads the controller,
 * NOT_LEADER_OR_FOLLOWER the leaders, NOT_COORDINATOR the group's coordinator,
 * COORDINATOR_LOAD_IN_PROGRESS and dropped connections just wait. Errors the broker reports per
 * resource reject the call with an AdminError naming each failed resource (see admin-error.ts).
 *
 * @example
 * const admin = new Admin(cluster.connectionFactory());
 * await admin.createTopics([{ topic: 'orders', numPartitions: 3, replicationFactor: 3, configs: { 'retention.ms': '86400000' } }]);
 * const [orders] = await admin.describeTopics(['orders']);
 * await admin.close();
 */
import { SystemClock, type Clock } from '../../../core/io/index.ts';
import { ConnectionPool } from '../connection-pool.ts';
import type { ConnectionFactory } from '../connection.ts';
import { ClusterMetadata } from '../metadata.ts';
import { done, runOnce } from './admin-call.ts';
import { resolveAdminConfig, type AdminConfig, type AdminConfigInput } from './admin-config.ts';
import { AdminContext } from './admin-context.ts';
import type {
  AlterConfigsOptions,
  AlterConfigsResource,
  CallOptions,
  ClusterDescription,
  ConfigResourceDescription,
  ConsumerGroupOffset,
  CreatedTopic,
  CreatePartitionsOptions,
  CreateTopicsOptions,
  DeletedRecords,
  DeleteRecordsPartition,
  DeleteTopicsOptions,
  DescribeConfigsOptions,
  DescribeConfigsResource,
  FetchOffsetsRequest,
  GroupDescription,
  GroupOverview,
  ListedOffset,
  ListGroupsOptions,
  ListOffsetsOptions,
  ListOffsetsPartition,
  ListTopicsOptions,
  NewPartitions,
  NewTopic,
  ResetOffsetsRequest,
  SetOffsetsRequest,
  TopicCommittedOffsets,
  TopicDescription,
  TopicPartitionOffsets,
} from './admin-types.ts';
import * as configs from './config-operations.ts';
import * as groupOffsets from './group-offsets.ts';
import * as groups from './group-operations.ts';
import * as partitions from './partition-operations.ts';
import * as topics from './topic-operations.ts';

export interface AdminOptions {
  /** The Java AdminClient's configs by their names (`client.id`, `default.api.timeout.ms`, ...). */
  readonly config?: AdminConfigInput;
  /** Time source (a SimulatedClock in tests); default the system clock. */
  readonly clock?: Clock;
}

export class Admin {
  readonly config: AdminConfig;
  /** The client's view of the cluster, refreshed by the calls that read metadata. */
  readonly metadata: ClusterMetadata;
  private readonly ctx: AdminContext;

  constructor(connections: ConnectionFactory, options: AdminOptions = {}) {
    this.config = resolveAdminConfig(options.config);
    const clock = options.clock ?? new SystemClock();
    const pool = new ConnectionPool(connections, { clientId: this.config.clientId });
    this.metadata = new ClusterMetadata(pool, clock, {
      metadataMaxAgeMs: this.config.metadataMaxAgeMs,
      retryBackoffMs: this.config.retryBackoffMs,
      maxBlockMs: this.config.defaultApiTimeoutMs,
      requestTimeoutMs: this.config.requestTimeoutMs,
      // An admin client never creates topics by looking at them.
      allowAutoTopicCreation: false,
    });
    this.ctx = new AdminContext(this.config, clock, pool, this.metadata);
  }

  /**
   * Optional (calls connect lazily): reads the cluster's metadata, so a cluster that cannot be reached
   * fails here rather than at the first call.
   */
  async connect(options: CallOptions = {}): Promise<void> {
    const call = this.ctx.newCall('connect', options.timeoutMs);
    await runOnce(call, async () => done(await this.ctx.fetchMetadata(call, [])));
  }

  /** Closes every connection; later calls reject. Calls in flight fail. */
  async close(): Promise<void> {
    this.ctx.close();
  }

  /** KafkaJS's name for `close`. */
  disconnect(): Promise<void> {
    return this.close();
  }

  get closed(): boolean {
    return this.ctx.closed;
  }

  // ---------------------------------------------------------------- topics

  /**
   * Creates topics through the controller and (unless `waitForLeaders: false` or `validateOnly`) waits
   * until every broker knows their leaders. Rejects with an AdminError naming each topic the broker
   * refused (TOPIC_ALREADY_EXISTS, INVALID_REPLICATION_FACTOR, INVALID_TOPIC_EXCEPTION, INVALID_CONFIG
   * with the key...); the other topics are created all the same.
   */
  createTopics(newTopics: readonly NewTopic[], options?: CreateTopicsOptions): Promise<CreatedTopic[]> {
    return topics.createTopics(this.ctx, newTopics, options);
  }

  /**
   * Deletes topics through the controller and (unless `waitForDeletion: false`) waits until no broker
   * lists them. An unknown topic fails with UNKNOWN_TOPIC_OR_PARTITION.
   */
  deleteTopics(names: readonly string[], options?: DeleteTopicsOptions): Promise<void> {
    return topics.deleteTopics(this.ctx, names, options);
  }

  /** Topic names, sorted; internal topics only with `listInternal`. */
  listTopics(options?: ListTopicsOptions): Promise<string[]> {
    return topics.listTopics(this.ctx, options);
  }

  /** Partitions of each topic with leader, leader epoch, replicas and ISR; unknown topics fail. */
  describeTopics(names: readonly string[], options?: CallOptions): Promise<TopicDescription[]> {
    return topics.describeTopics(this.ctx, names, options);
  }

  /** Grows topics to `count` partitions each (never shrinks: INVALID_PARTITIONS). */
  createPartitions(
    topicPartitions: readonly NewPartitions[],
    options?: CreatePartitionsOptions,
  ): Promise<void> {
    return topics.createPartitions(this.ctx, topicPartitions, options);
  }

  // ---------------------------------------------------------------- cluster

  /** The live brokers, the controller's id and the cluster id. */
  async describeCluster(options: CallOptions = {}): Promise<ClusterDescription> {
    const call = this.ctx.newCall('describeCluster', options.timeoutMs);
    const r = await runOnce(call, async () => done(await this.ctx.fetchMetadata(call, [])));
    return {
      brokers: r.brokers
        .map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack }))
        .sort((a, b) => a.nodeId - b.nodeId),
      controller: r.controllerId,
      clusterId: r.clusterId,
    };
  }

  // ---------------------------------------------------------------- groups

  /** Every group of the cluster (each broker lists those it coordinates), sorted by id. */
  listGroups(options?: ListGroupsOptions): Promise<{ groups: GroupOverview[] }> {
    return groups.listGroups(this.ctx, options);
  }

  /**
   * Groups with their state and members; consumer groups' member metadata and assignments come
   * decoded. A group that does not exist is described as state `Dead` with no members.
   */
  describeGroups(
    groupIds: readonly string[],
    options?: CallOptions,
  ): Promise<{ groups: GroupDescription[] }> {
    return groups.describeGroups(this.ctx, groupIds, options);
  }

  /** Deletes empty groups and their committed offsets (NON_EMPTY_GROUP, GROUP_ID_NOT_FOUND otherwise). */
  deleteGroups(groupIds: readonly string[], options?: CallOptions): Promise<void> {
    return groups.deleteGroups(this.ctx, groupIds, options);
  }

  /** A group's committed offsets, from its coordinator. */
  fetchOffsets(request: FetchOffsetsRequest): Promise<TopicCommittedOffsets[]> {
    return groups.fetchOffsets(this.ctx, request);
  }

  /**
   * Commits offsets for a group that has no active members (Java's alterConsumerGroupOffsets): an
   * OffsetCommit to the group's coordinator as a non-member (generation -1, member id ''), which
   * creates the group if it does not exist. A group with live consumers refuses with
   * UNKNOWN_MEMBER_ID (REBALANCE_IN_PROGRESS, ILLEGAL_GENERATION on some brokers) and nothing changes.
   * Partitions the cluster does not have fail with UNKNOWN_TOPIC_OR_PARTITION; as in Kafka, the other
   * partitions are committed. Rejects with an AdminError naming the group or each failed partition.
   */
  alterConsumerGroupOffsets(
    groupId: string,
    offsets: readonly ConsumerGroupOffset[],
    options?: CallOptions,
  ): Promise<void> {
    return groupOffsets.alterConsumerGroupOffsets(this.ctx, groupId, offsets, options);
  }

  /** KafkaJS's setOffsets: commits offsets for some partitions of one topic, as alterConsumerGroupOffsets. */
  setOffsets(request: SetOffsetsRequest): Promise<void> {
    return groupOffsets.setOffsets(this.ctx, request);
  }

  /**
   * KafkaJS's resetOffsets: commits every partition of the topic at its log end (the high watermark),
   * or with `earliest` at its log start, as alterConsumerGroupOffsets. Resolves with the offsets committed.
   */
  resetOffsets(request: ResetOffsetsRequest): Promise<{ partition: number; offset: number }[]> {
    return groupOffsets.resetOffsets(this.ctx, request);
  }

  // ---------------------------------------------------------------- offsets and records

  /** Offsets by spec (earliest, latest, first at or after a timestamp), asked of each partition's leader. */
  listOffsets(tps: readonly ListOffsetsPartition[], options?: ListOffsetsOptions): Promise<ListedOffset[]> {
    return partitions.listOffsets(this.ctx, tps, options);
  }

  /** KafkaJS's fetchTopicOffsets: every partition's start (`low`) and end (`high`, also `offset`). */
  fetchTopicOffsets(topic: string, options?: CallOptions): Promise<TopicPartitionOffsets[]> {
    return partitions.fetchTopicOffsets(this.ctx, topic, options);
  }

  /** KafkaJS's fetchTopicOffsetsByTimestamp: per partition, the first offset at or after `timestamp`, else the end. */
  fetchTopicOffsetsByTimestamp(
    topic: string,
    timestamp?: number,
    options?: CallOptions,
  ): Promise<{ partition: number; offset: number }[]> {
    return partitions.fetchTopicOffsetsByTimestamp(this.ctx, topic, timestamp, options);
  }

  /** Deletes records before an offset (-1: the high watermark), on each partition's leader. */
  deleteRecords(tps: readonly DeleteRecordsPartition[], options?: CallOptions): Promise<DeletedRecords[]> {
    return partitions.deleteRecords(this.ctx, tps, options);
  }

  // ---------------------------------------------------------------- configs

  /** Topic and broker configs with their sources (and synonyms with `includeSynonyms`). */
  describeConfigs(
    resources: readonly DescribeConfigsResource[],
    options?: DescribeConfigsOptions,
  ): Promise<ConfigResourceDescription[]> {
    return configs.describeConfigs(this.ctx, resources, options);
  }

  /**
   * Sets each resource's dynamic configs to exactly the listed ones (Kafka's AlterConfigs: keys not
   * listed go back to their defaults). Values are validated by the broker (INVALID_CONFIG naming the key).
   */
  alterConfigs(resources: readonly AlterConfigsResource[], options?: AlterConfigsOptions): Promise<void> {
    return configs.alterConfigs(this.ctx, resources, options);
  }
}
