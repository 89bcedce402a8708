/**
 * The shapes the admin client takes and returns. Names follow KafkaJS's admin where a TypeScript user
 * would look first (`topic`, `numPartitions`, `configEntries`, `{ groups }`), with the Java
 * AdminClient's additions (`configs` as a record, `leaderEpoch`, `OffsetSpec`). Node ids are numbers,
 * offsets are numbers (exact up to 2^53).
 */
import type {
  ConsumerProtocolAssignment,
  ConsumerProtocolSubscription,
} from '../../../core/protocol/index.ts';

/** Every call takes a timeout: the call fails once it has run this long, retries included. */
export interface CallOptions {
  /** Default `default.api.timeout.ms` (60 s). */
  readonly timeoutMs?: number;
}

// ---------------------------------------------------------------------------- topics

/** A config key and value, as KafkaJS's `configEntries`. */
export interface ConfigEntryInput {
  readonly name: string;
  readonly value: string;
}

/** Where one partition's replicas go (the first replica is the preferred leader). */
export interface ReplicaAssignment {
  readonly partition: number;
  readonly replicas: readonly number[];
}

/** A topic to create. */
export interface NewTopic {
  readonly topic: string;
  /** Default -1: the broker's `num.partitions`. Leave it out with `replicaAssignment`. */
  readonly numPartitions?: number;
  /** Default -1: the broker's `default.replication.factor`. Leave it out with `replicaAssignment`. */
  readonly replicationFactor?: number;
  /** Explicit placement: one entry per partition, numbered 0, 1, 2... */
  readonly replicaAssignment?: readonly ReplicaAssignment[];
  /** Topic configs (KafkaJS form). */
  readonly configEntries?: readonly ConfigEntryInput[];
  /** Topic configs (Java `NewTopic.configs` form); merged with `configEntries`. */
  readonly configs?: Readonly<Record<string, string>>;
}

export interface CreateTopicsOptions extends CallOptions {
  /** Only check that the topics could be created. */
  readonly validateOnly?: boolean;
  /**
   * Resolve only once every broker reports a leader for every partition of the new topics (KafkaJS's
   * `waitForLeaders`), so producers and consumers can use them at once. Default true.
   */
  readonly waitForLeaders?: boolean;
}

/** A created (or, with validateOnly, creatable) topic as the controller answered. */
export interface CreatedTopic {
  readonly topic: string;
  /** The new topic's id (all zeros with validateOnly or from brokers older than CreateTopics v7). */
  readonly topicId: string;
  /** -1 when the broker did not say (CreateTopics < v5). */
  readonly numPartitions: number;
  readonly replicationFactor: number;
}

export interface DeleteTopicsOptions extends CallOptions {
  /** Resolve only once no broker lists the topics any more. Default true. */
  readonly waitForDeletion?: boolean;
}

export interface ListTopicsOptions extends CallOptions {
  /** Include internal topics such as `__consumer_offsets` (Java's `listInternal`). Default false. */
  readonly listInternal?: boolean;
}

/** One partition of a described topic. */
export interface PartitionDescription {
  readonly partition: number;
  /** The leader's node id; -1 while the partition has no leader. */
  readonly leader: number;
  /** -1 when the broker did not say (Metadata < v7). */
  readonly leaderEpoch: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
  readonly offlineReplicas: readonly number[];
}

export interface TopicDescription {
  readonly name: string;
  readonly topicId: string;
  readonly isInternal: boolean;
  /** By partition id. */
  readonly partitions: readonly PartitionDescription[];
}

/** Grow a topic to `count` partitions in total. */
export interface NewPartitions {
  readonly topic: string;
  readonly count: number;
  /** Replicas of each new partition, in order (brokers that support it). */
  readonly assignments?: readonly (readonly number[])[];
}

export interface CreatePartitionsOptions extends CallOptions {
  readonly validateOnly?: boolean;
  /** Resolve only once every broker reports a leader for every new partition. Default true. */
  readonly waitForLeaders?: boolean;
}

// ---------------------------------------------------------------------------- cluster

export interface BrokerDescription {
  readonly nodeId: number;
  readonly host: string;
  readonly port: number;
  readonly rack: string | null;
}

export interface ClusterDescription {
  readonly brokers: readonly BrokerDescription[];
  /** The controller's node id (-1 when unknown). */
  readonly controller: number;
  readonly clusterId: string | null;
}

// ---------------------------------------------------------------------------- groups

export interface ListGroupsOptions extends CallOptions {
  /** Only groups in these states (`Stable`, `Empty`, ...; ListGroups v4+). */
  readonly states?: readonly string[];
}

export interface GroupOverview {
  readonly groupId: string;
  /** `consumer` for consumer groups, `connect` for Connect workers, '' for groups that only commit offsets. */
  readonly protocolType: string;
  /** Empty when the broker did not say (ListGroups < v4). */
  readonly state: string;
}

export interface GroupMemberDescription {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  /** The member's protocol metadata as sent in JoinGroup (empty unless the group is Stable). */
  readonly memberMetadata: Buffer;
  /** The member's assignment as sent in SyncGroup (empty unless the group is Stable). */
  readonly memberAssignment: Buffer;
  /** `memberMetadata` decoded, for consumer groups (protocolType `consumer`) with metadata. */
  readonly subscription?: ConsumerProtocolSubscription;
  /** `memberAssignment` decoded, for consumer groups with an assignment. */
  readonly assignment?: ConsumerProtocolAssignment;
}

export interface GroupDescription {
  readonly groupId: string;
  /** `Stable`, `Empty`, `PreparingRebalance`, `CompletingRebalance`, or `Dead` for a group that does not exist. */
  readonly state: string;
  readonly protocolType: string;
  /** The chosen protocol (the assignor's name for consumer groups); empty unless the group is Stable. */
  readonly protocol: string;
  readonly members: readonly GroupMemberDescription[];
}

export interface FetchOffsetsRequest extends CallOptions {
  readonly groupId: string;
  /**
   * Topics to ask about: every partition of each is listed, with offset -1 where the group has
   * committed nothing. Default: every partition the group has committed an offset for.
   */
  readonly topics?: readonly string[];
  /** Wait for pending transactional commits to settle (OffsetFetch v7+). Default false. */
  readonly requireStable?: boolean;
}

export interface PartitionCommittedOffset {
  readonly partition: number;
  /** -1 when the group has committed nothing for the partition. */
  readonly offset: number;
  /** -1 when unknown. */
  readonly leaderEpoch: number;
  readonly metadata: string | null;
}

export interface TopicCommittedOffsets {
  readonly topic: string;
  readonly partitions: readonly PartitionCommittedOffset[];
}

/** An offset to commit for a group (Java's `TopicPartition` -> `OffsetAndMetadata`). */
export interface ConsumerGroupOffset {
  readonly topic: string;
  readonly partition: number;
  /** The next offset the group's consumers read: a non-negative integer. */
  readonly offset: number;
  /** Kept with the offset and returned by fetchOffsets. Default ''. */
  readonly metadata?: string;
  /** The leader epoch of the record before `offset` (OffsetCommit v6+); default -1, unknown. */
  readonly leaderEpoch?: number;
}

/** One partition's new committed offset, KafkaJS's `SeekEntry` with the offset as a number. */
export interface PartitionOffsetToSet {
  readonly partition: number;
  readonly offset: number;
  readonly metadata?: string;
}

/** KafkaJS's `setOffsets` argument: some partitions of one topic. */
export interface SetOffsetsRequest extends CallOptions {
  readonly groupId: string;
  readonly topic: string;
  readonly partitions: readonly PartitionOffsetToSet[];
}

/** KafkaJS's `resetOffsets` argument: every partition of one topic. */
export interface ResetOffsetsRequest extends CallOptions {
  readonly groupId: string;
  readonly topic: string;
  /** To each partition's log start; default false: to its end (the high watermark). */
  readonly earliest?: boolean;
}

// ---------------------------------------------------------------------------- offsets and records

/** Which offset to look up: the log start, the end (the high watermark), or the first at or after a time. */
export type OffsetSpec = 'earliest' | 'latest' | { readonly timestamp: number };

export interface ListOffsetsPartition {
  readonly topic: string;
  readonly partition: number;
  /** Default 'latest'. */
  readonly spec?: OffsetSpec;
}

export interface ListOffsetsOptions extends CallOptions {
  /** read_committed answers 'latest' with the last stable offset. Default read_uncommitted. */
  readonly isolationLevel?: 'read_uncommitted' | 'read_committed';
}

export interface ListedOffset {
  readonly topic: string;
  readonly partition: number;
  /** -1 for a timestamp later than every record's. */
  readonly offset: number;
  /** The record's timestamp for a timestamp look-up; -1 otherwise. */
  readonly timestamp: number;
  /** The leader epoch of the offset; -1 when unknown. */
  readonly leaderEpoch: number;
}

/** KafkaJS's `fetchTopicOffsets` answer: the partition's end (`offset` = `high`) and start (`low`). */
export interface TopicPartitionOffsets {
  readonly partition: number;
  readonly offset: number;
  readonly high: number;
  readonly low: number;
}

export interface DeleteRecordsPartition {
  readonly topic: string;
  readonly partition: number;
  /** Delete every record before this offset; -1 means up to the high watermark. */
  readonly offset: number;
}

export interface DeletedRecords {
  readonly topic: string;
  readonly partition: number;
  /** The partition's new log start offset. */
  readonly lowWatermark: number;
}

// ---------------------------------------------------------------------------- configs

/** Config resource kinds: topics, brokers (by id; '' is the cluster-wide default), broker loggers. */
export type ConfigResourceTypeName = 'topic' | 'broker' | 'broker-logger';

/** Where a config value comes from (Java's `ConfigEntry.ConfigSource`). */
export type ConfigSourceName =
  | 'UNKNOWN'
  | 'DYNAMIC_TOPIC_CONFIG'
  | 'DYNAMIC_BROKER_CONFIG'
  | 'DYNAMIC_DEFAULT_BROKER_CONFIG'
  | 'STATIC_BROKER_CONFIG'
  | 'DEFAULT_CONFIG'
  | 'DYNAMIC_BROKER_LOGGER_CONFIG'
  | 'CLIENT_METRICS_CONFIG';

export interface ConfigResource {
  readonly type: ConfigResourceTypeName;
  /** The topic name, or the broker id as a string ('' for the cluster-wide broker default). */
  readonly name: string;
}

export interface DescribeConfigsResource extends ConfigResource {
  /** Only these keys (KafkaJS's `configNames`). Default: every key. */
  readonly configNames?: readonly string[];
}

export interface DescribeConfigsOptions extends CallOptions {
  /** List where else each value is set (DescribeConfigs v1+). Default false. */
  readonly includeSynonyms?: boolean;
  /** Include each key's documentation (DescribeConfigs v3+). Default false. */
  readonly includeDocumentation?: boolean;
}

export interface ConfigSynonym {
  readonly name: string;
  readonly value: string | null;
  readonly source: ConfigSourceName;
}

export interface ConfigEntry {
  readonly name: string;
  /** null for sensitive values. */
  readonly value: string | null;
  readonly source: ConfigSourceName;
  readonly isDefault: boolean;
  readonly isSensitive: boolean;
  readonly readOnly: boolean;
  readonly synonyms: readonly ConfigSynonym[];
  /** `BOOLEAN`, `STRING`, `INT`, `SHORT`, `LONG`, `DOUBLE`, `LIST`, `CLASS`, `PASSWORD` or `UNKNOWN`. */
  readonly type: string;
  readonly documentation: string | null;
}

export interface ConfigResourceDescription extends ConfigResource {
  readonly configEntries: readonly ConfigEntry[];
}

export interface AlterConfigsResource extends ConfigResource {
  /** The resource's dynamic configs after the call (KafkaJS form). */
  readonly configEntries?: readonly ConfigEntryInput[];
  /** The same as a record; merged with `configEntries`. */
  readonly configs?: Readonly<Record<string, string>>;
}

export interface AlterConfigsOptions extends CallOptions {
  readonly validateOnly?: boolean;
}
