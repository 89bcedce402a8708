// The broker's Kafka request layer: one decoded request in, the response body for its API out, with
// Kafka 3.x semantics for every API the broker advertises (core/protocol's brokerApiVersions).
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import { checkZstdRecords, logConfigDefaults, validateTopicName } from '../../core/log/index.ts';
import {
  advertisedApiVersions,
  type AlterConfigsRequest,
  type AlterConfigsResponse,
  type AlterConfigsResponseAlterConfigsResourceResponse,
  type DeleteGroupsRequest,
  type DeleteGroupsResponse,
  type ApiVersionsRequest,
  type ApiVersionsResponse,
  type CreatePartitionsRequest,
  type CreatePartitionsResponse,
  type CreateTopicsRequest,
  type CreateTopicsResponse,
  type CreateTopicsResponseCreatableTopicResult,
  type DecodedRequest,
  type DeleteRecordsRequest,
  type DeleteRecordsResponse,
  type DeleteRecordsResponseDeleteRecordsPartitionResult,
  type DeleteTopicsRequest,
  type DeleteTopicsResponse,
  type DeleteTopicsResponseDeletableTopicResult,
  type DescribeConfigsRequest,
  type DescribeConfigsRequestDescribeConfigsResource,
  type DescribeConfigsResponse,
  type DescribeConfigsResponseDescribeConfigsResourceResult,
  type DescribeConfigsResponseDescribeConfigsResult,
  type DescribeConfigsResponseDescribeConfigsSynonym,
  type DescribeGroupsResponse,
  type FetchRequest,
  type FetchRequestFetchPartition,
  type FetchResponse,
  type FetchResponsePartitionData,
  type FindCoordinatorRequest,
  type FindCoordinatorResponse,
  type HeartbeatResponse,
  type InitProducerIdRequest,
  type InitProducerIdResponse,
  type JoinGroupResponse,
  type LeaveGroupResponse,
  type ListGroupsResponse,
  type ListOffsetsRequest,
  type ListOffsetsRequestListOffsetsPartition,
  type ListOffsetsResponse,
  type ListOffsetsResponseListOffsetsPartitionResponse,
  type MetadataRequest,
  type MetadataResponse,
  type MetadataResponseBroker,
  type MetadataResponsePartition,
  type MetadataResponseTopic,
  type OffsetCommitRequest,
  type OffsetCommitResponse,
  type OffsetFetchResponse,
  type OffsetForLeaderEpochRequest,
  type OffsetForLeaderEpochResponse,
  type OffsetForLeaderEpochResponseEpochEndOffset,
  type ProduceRequest,
  type ProduceResponse,
  type ProduceResponsePartitionProduceResponse,
  type Records,
  type ResponseInputByKey,
  type SaslHandshakeResponse,
  type SyncGroupResponse,
} from '../../core/protocol/index.ts';
import {
  Compression,
  BatchAttributes,
  RECORD_BATCH_MAGIC,
  batchPositions,
} from '../../core/records/index.ts';
import type { ClusterImage, TopicInfo } from '../controller/index.ts';
import {
  consumerOffsetsTopic,
  findCoordinator,
  type CoordinatorNode,
  type GroupRequestContext,
} from '../coordinator/index.ts';
import type {
  BrokerConfig,
  BrokerServices,
  ConfigChange,
  CreateTopicSpec,
  TopicResult,
} from './broker-services.ts';
import type { Partition, TopicPartition } from './partition/index.ts';

/** The body of a response for any API; `handle` returns the one for the request's api key. */
export type AnyResponseBody = ResponseInputByKey[keyof ResponseInputByKey];

/** Who sent a request, from its header and connection. */
export interface KafkaApisRequestContext {
  readonly clientId: string;
  readonly clientHost: string;
}

export interface KafkaApisOptions {
  /**
   * How long CreateTopics, DeleteTopics and CreatePartitions wait for the controller when the request's
   * own timeoutMs is not positive (a positive timeoutMs bounds the wait itself). Default 30000.
   */
  readonly controllerTimeoutMs?: number;
  /** Errors that are not KafkaErrors (answered UNKNOWN_SERVER_ERROR); they are also counted in stats. */
  readonly onError?: (error: unknown, request: DecodedRequest | undefined) => void;
}

/** Counters for what the layer cannot report to a client. */
export interface KafkaApisStats {
  requests: number;
  /** Non-Kafka errors answered UNKNOWN_SERVER_ERROR. */
  unexpectedErrors: number;
  /** Topic creations started by Metadata or FindCoordinator that the controller refused or failed. */
  autoCreateFailures: number;
  /** acks=0 produce requests with a failed partition (the connection is closed, as Kafka does). */
  acksZeroFailures: number;
}

/**
 * Thrown by `handle` for one case only: a Produce with acks=0 in which some partition failed. Kafka
 * sends no response to acks=0 and closes the connection instead, so the client refreshes its metadata;
 * the server closes the connection on any rejection. `code` is the first partition error.
 */
export class CloseConnectionError extends KafkaError {
  constructor(code: number, message: string) {
    super(code, message);
    this.name = 'CloseConnectionError';
  }
}

// ------------------------------------------------------------------ constants

/** Kafka's internal topics (Topic.isInternal). */
const internalTopics: ReadonlySet<string> = new Set([consumerOffsetsTopic, '__transaction_state']);
/** KRaft's metadata log: never a client topic (CreateTopics refuses it with INVALID_REQUEST). */
const clusterMetadataTopic = '__cluster_metadata';
/** Kafka lets only this client id produce to internal topics (AdminUtils.ADMIN_CLIENT_ID). */
const adminClientId = '__admin_client';
const zeroUuid = '00000000-0000-0000-0000-000000000000';
const uuidPattern = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** "Not requested" for authorized-operations fields (Integer.MIN_VALUE). */
const authorizedOperationsOmitted = -2147483648;
const noTimestamp = -1;
const unknownOffset = -1;
const noLeaderEpoch = -1;
const consumerReplicaId = -1;
/** ListOffsets: a debugging client may read up to the log end offset, from any replica. */
const debuggingReplicaId = -2;
const latestTimestamp = -1;
const earliestTimestamp = -2;
const readCommitted = 1;
/** Kafka's offsets topic segment size (offsets.topic.segment.bytes). */
const offsetsTopicSegmentBytes = 100 * 1024 * 1024;
const controllerTimeoutMsDefault = 30_000;
/** How often one long-poll fetch may wake up on new data before it answers with what it has. */
const fetchWakeupsMax = 1000;
/** Controller round trips one InitProducerId may take to get a non-empty block of producer ids. */
const producerIdBlockAttemptsMax = 3;
/** KRaft's MAX_PARTITIONS_PER_BATCH: more partitions in one create or growth is a policy violation. */
const partitionsPerRequestMax = 10_000;
/** Kafka's pattern for ApiVersions v3 client software name and version. */
const clientSoftwarePattern = /^[a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?$/;

const metadataNullTopicsVersionMin = 1;
const produceSingleBatchVersionMin = 3;
const produceZstdVersionMin = 7;
const fetchSessionVersionMin = 7;
const fetchTopicIdVersionMin = 13;
const fetchReplicaStateVersionMin = 15;
const apiVersionsSoftwareVersionMin = 3;
const offsetFetchTopLevelErrorVersionMin = 2;
const joinGroupNullableProtocolVersionMin = 7;
const deleteTopicsIdsVersionMin = 6;
const fetchSessionFinalEpoch = -1;
const fetchSessionInitialEpoch = 0;

/** DescribeConfigs resource types. */
const ResourceType = { topic: 2, broker: 4, brokerLogger: 8 } as const;
/** DescribeConfigs config sources. */
const ConfigSource = {
  dynamicTopic: 1,
  dynamicBroker: 2,
  dynamicDefaultBroker: 3,
  staticBroker: 4,
  default: 5,
} as const;
/** DescribeConfigs v3+ config types. */
const ConfigType = { boolean: 1, string: 2, int: 3, long: 5, double: 6, list: 7 } as const;

/** Kafka's broker defaults for the BrokerConfig keys (to tell a static override from a default). */
const brokerConfigKafkaDefaults: Readonly<Record<string, string | number | boolean>> = {
  'auto.create.topics.enable': true,
  'num.partitions': 1,
  'default.replication.factor': 1,
  'offsets.topic.replication.factor': 3,
  'offsets.topic.num.partitions': 50,
  'message.max.bytes': 1024 * 1024 + 12,
  'fetch.max.bytes': 55 * 1024 * 1024,
  'min.insync.replicas': 1,
};

interface TopicConfigDef {
  /** The broker config that supplies the default (Kafka's synonym). */
  readonly brokerSynonym: string;
  readonly type: number;
}

/** The topic configs DescribeConfigs lists, with their broker synonyms (Kafka's LogConfig). */
const topicConfigDefs: Readonly<Record<string, TopicConfigDef>> = {
  'cleanup.policy': { brokerSynonym: 'log.cleanup.policy', type: ConfigType.list },
  'delete.retention.ms': { brokerSynonym: 'log.cleaner.delete.retention.ms', type: ConfigType.long },
  'file.delete.delay.ms': { brokerSynonym: 'log.segment.delete.delay.ms', type: ConfigType.long },
  'flush.messages': { brokerSynonym: 'log.flush.interval.messages', type: ConfigType.long },
  'flush.ms': { brokerSynonym: 'log.flush.interval.ms', type: ConfigType.long },
  'index.interval.bytes': { brokerSynonym: 'log.index.interval.bytes', type: ConfigType.int },
  'max.message.bytes': { brokerSynonym: 'message.max.bytes', type: ConfigType.int },
  'message.timestamp.type': { brokerSynonym: 'log.message.timestamp.type', type: ConfigType.string },
  'min.cleanable.dirty.ratio': { brokerSynonym: 'log.cleaner.min.cleanable.ratio', type: ConfigType.double },
  'min.compaction.lag.ms': { brokerSynonym: 'log.cleaner.min.compaction.lag.ms', type: ConfigType.long },
  'min.insync.replicas': { brokerSynonym: 'min.insync.replicas', type: ConfigType.int },
  'retention.bytes': { brokerSynonym: 'log.retention.bytes', type: ConfigType.long },
  'retention.ms': { brokerSynonym: 'log.retention.ms', type: ConfigType.long },
  'segment.bytes': { brokerSynonym: 'log.segment.bytes', type: ConfigType.int },
  'segment.index.bytes': { brokerSynonym: 'log.index.size.max.bytes', type: ConfigType.int },
  'segment.ms': { brokerSynonym: 'log.roll.ms', type: ConfigType.long },
};

// ------------------------------------------------------------------ small helpers

function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

/** Topic ids go on the wire as UUIDs; an id of another shape (tests, older images) reads as the zero UUID. */
function wireUuid(id: string): string {
  return uuidPattern.test(id) ? id : zeroUuid;
}

/** FENCED_LEADER_EPOCH / UNKNOWN_LEADER_EPOCH for a client's current leader epoch (-1: no check, KIP-320). */
function leaderEpochError(requested: number, current: number): number {
  if (requested === noLeaderEpoch) return ErrorCode.NONE;
  if (requested < current) return ErrorCode.FENCED_LEADER_EPOCH;
  if (requested > current) return ErrorCode.UNKNOWN_LEADER_EPOCH;
  return ErrorCode.NONE;
}

/** The epoch whose range holds `offset` in the partition's leader-epoch cache (-1 unknown). */
function epochForOffset(p: Partition, offset: number): number {
  let epoch = noLeaderEpoch;
  for (const e of p.log.leaderEpochCache.epochEntries()) {
    if (e.startOffset > offset) break;
    epoch = e.epoch;
  }
  return epoch;
}

/** Groups per-partition results by topic, keeping the order topics first appear in. */
function byTopic<T>(
  entries: ReadonlyArray<{ topic: string; result: T }>,
): Array<{ topic: string; results: T[] }> {
  const out = new Map<string, T[]>();
  for (const { topic, result } of entries) {
    let list = out.get(topic);
    if (list === undefined) out.set(topic, (list = []));
    list.push(result);
  }
  return [...out].map(([topic, results]) => ({ topic, results }));
}

/** Kafka's Long.MAX_VALUE "never" shows as itself, not as our largest safe integer. */
function configValueText(value: string | number | boolean): string {
  if (value === Number.MAX_SAFE_INTEGER) return '9223372036854775807';
  return String(value);
}

// ------------------------------------------------------------------ KafkaApis

/**
 * Answers Kafka protocol requests for one broker (Kafka's KafkaApis): ApiVersions, Metadata (with
 * topic auto-creation), Produce, Fetch (long polls on the Clock), ListOffsets, OffsetForLeaderEpoch,
 * DeleteRecords, InitProducerId (idempotent producers only), CreateTopics, DeleteTopics,
 * CreatePartitions, DescribeConfigs, AlterConfigs, and the group APIs (DeleteGroups included) through
 * the group coordinator.
 *
 * `handle` resolves with the response body for the request's api key, at the request's version, or
 * with null when nothing is sent back (Produce with acks=0). Errors become the error codes of the
 * response, per partition or at the top as the API defines; unexpected errors answer
 * UNKNOWN_SERVER_ERROR. The only rejection is CloseConnectionError (a failed acks=0 produce).
 */
export class KafkaApis {
  readonly stats: KafkaApisStats = {
    requests: 0,
    unexpectedErrors: 0,
    autoCreateFailures: 0,
    acksZeroFailures: 0,
  };
  private readonly services: BrokerServices;
  private readonly controllerTimeoutMs: number;
  private readonly onError: ((error: unknown, request: DecodedRequest | undefined) => void) | undefined;
  /** Topics whose creation Metadata or FindCoordinator asked for and the controller has not answered. */
  private readonly creatingTopics = new Set<string>();
  private producerIdNext = 0;
  private producerIdEnd = 0;
  private producerIdBlock: Promise<void> | undefined;

  constructor(services: BrokerServices, options: KafkaApisOptions = {}) {
    this.services = services;
    this.controllerTimeoutMs = options.controllerTimeoutMs ?? controllerTimeoutMsDefault;
    if (!Number.isSafeInteger(this.controllerTimeoutMs) || this.controllerTimeoutMs < 1) {
      throw new KafkaError(
        ErrorCode.INVALID_CONFIG,
        `controllerTimeoutMs must be a positive integer, got ${this.controllerTimeoutMs}`,
      );
    }
    this.onError = options.onError;
  }

  /** Answers one request; null means "send no response" (Produce with acks=0). */
  async handle(request: DecodedRequest, ctx: KafkaApisRequestContext): Promise<AnyResponseBody | null> {
    this.stats.requests++;
    try {
      return await this.dispatch(request, ctx);
    } catch (err) {
      if (err instanceof CloseConnectionError) throw err;
      const code = this.codeOf(err, request);
      if (request.apiKey === 0 && request.body.acks === 0) {
        this.stats.acksZeroFailures++;
        throw new CloseConnectionError(code, `acks=0 produce failed: ${messageOf(err)}`);
      }
      return errorResponse(request, code, messageOf(err));
    }
  }

  private dispatch(request: DecodedRequest, ctx: KafkaApisRequestContext): Promise<AnyResponseBody | null> {
    const v = request.apiVersion;
    const groupCtx: GroupRequestContext = {
      apiVersion: v,
      clientId: ctx.clientId,
      clientHost: ctx.clientHost,
    };
    const coordinator = this.services.groupCoordinator;
    switch (request.apiKey) {
      case 0:
        return this.produce(request.body, v, ctx);
      case 1:
        return this.fetch(request.body, v);
      case 2:
        return this.listOffsets(request.body, v);
      case 3:
        return Promise.resolve(this.metadata(request.body, v));
      case 8:
        return this.offsetCommit(request.body, groupCtx);
      case 9: {
        const groupId = request.body.groupId;
        if (!this.leadsGroup(groupId))
          return Promise.resolve(errorResponse(request, ErrorCode.NOT_COORDINATOR));
        return coordinator.offsetFetch(request.body, groupCtx);
      }
      case 10:
        return Promise.resolve(this.findCoordinator(request.body, v));
      case 11:
        if (!this.leadsGroup(request.body.groupId)) {
          return Promise.resolve(errorResponse(request, ErrorCode.NOT_COORDINATOR));
        }
        return coordinator.joinGroup(request.body, groupCtx);
      case 12:
        if (!this.leadsGroup(request.body.groupId)) {
          return Promise.resolve(errorResponse(request, ErrorCode.NOT_COORDINATOR));
        }
        return coordinator.heartbeat(request.body, groupCtx);
      case 13:
        if (!this.leadsGroup(request.body.groupId)) {
          return Promise.resolve(errorResponse(request, ErrorCode.NOT_COORDINATOR));
        }
        return coordinator.leaveGroup(request.body, groupCtx);
      case 14:
        if (!this.leadsGroup(request.body.groupId)) {
          return Promise.resolve(errorResponse(request, ErrorCode.NOT_COORDINATOR));
        }
        return coordinator.syncGroup(request.body, groupCtx);
      case 15:
        return coordinator.describeGroups(request.body, groupCtx);
      case 16:
        return coordinator.listGroups(request.body, groupCtx);
      case 17:
        // No SASL on this listener: Kafka answers a handshake on a PLAINTEXT listener like this.
        return Promise.resolve(errorResponse(request, ErrorCode.ILLEGAL_SASL_STATE));
      case 18:
        return Promise.resolve(this.apiVersions(request.body, v));
      case 19:
        return this.createTopics(request.body, v);
      case 20:
        return this.deleteTopics(request.body, v);
      case 21:
        return Promise.resolve(this.deleteRecords(request.body));
      case 22:
        return this.initProducerId(request.body);
      case 23:
        return Promise.resolve(this.offsetForLeaderEpoch(request.body));
      case 32:
        return Promise.resolve(this.describeConfigs(request.body, v));
      case 33:
        return this.alterConfigs(request.body);
      case 37:
        return this.createPartitions(request.body);
      case 42:
        return this.deleteGroups(request.body);
      default: {
        // A codec added to core/protocol without a handler here: the server closes the connection.
        const unhandled: { apiKey: number; apiVersion: number } = request;
        return Promise.reject(
          new CloseConnectionError(
            ErrorCode.UNSUPPORTED_VERSION,
            `no handler for api key ${unhandled.apiKey} v${unhandled.apiVersion}`,
          ),
        );
      }
    }
  }

  /** The error code for a caught error; unexpected (non-Kafka) errors are counted and reported. */
  private codeOf(err: unknown, request: DecodedRequest | undefined): number {
    if (err instanceof KafkaError) return err.code;
    this.stats.unexpectedErrors++;
    this.onError?.(err, request);
    return ErrorCode.UNKNOWN_SERVER_ERROR;
  }

  // ---------------------------------------------------------------- ApiVersions

  private apiVersions(req: ApiVersionsRequest, version: number): ApiVersionsResponse {
    if (
      version >= apiVersionsSoftwareVersionMin &&
      (!clientSoftwarePattern.test(req.clientSoftwareName) ||
        !clientSoftwarePattern.test(req.clientSoftwareVersion))
    ) {
      return apiVersionsError(ErrorCode.INVALID_REQUEST);
    }
    return {
      errorCode: ErrorCode.NONE,
      apiKeys: advertisedApiVersions(),
      throttleTimeMs: 0,
      supportedFeatures: [],
      finalizedFeaturesEpoch: -1,
      finalizedFeatures: [],
      zkMigrationReady: false,
    };
  }

  // ---------------------------------------------------------------- Metadata

  private liveBroker(image: ClusterImage, id: number): CoordinatorNode | undefined {
    const b = image.brokers.get(id);
    if (b === undefined || b.fenced) return undefined;
    return { nodeId: b.brokerId, host: b.host, port: b.port };
  }

  private metadata(req: MetadataRequest, version: number): MetadataResponse {
    const image = this.services.metadata();
    const brokers: MetadataResponseBroker[] = [...image.brokers.values()]
      .filter((b) => !b.fenced)
      .sort((a, b) => a.brokerId - b.brokerId)
      .map((b) => ({ nodeId: b.brokerId, host: b.host, port: b.port, rack: b.rack }));
    const all = req.topics === null || (version < metadataNullTopicsVersionMin && req.topics.length === 0);
    let topics: MetadataResponseTopic[];
    if (req.topics === null || all) {
      topics = [...image.topicsByName.values()].map((t) => this.topicMetadata(image, t));
    } else {
      const autoCreate = this.services.config['auto.create.topics.enable'] && req.allowAutoTopicCreation;
      const seen = new Set<string>();
      topics = [];
      for (const requested of req.topics) {
        const topic =
          requested.name === null
            ? [...image.topicsById.values()].find((t) => wireUuid(t.topicId) === requested.topicId)
            : image.topicsByName.get(requested.name);
        const name = requested.name ?? topic?.name ?? null;
        const key = name ?? `id:${requested.topicId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (topic !== undefined) topics.push(this.topicMetadata(image, topic));
        else topics.push(this.missingTopicMetadata(name, requested.topicId, autoCreate));
      }
    }
    return {
      throttleTimeMs: 0,
      brokers,
      clusterId: this.services.config['cluster.id'],
      controllerId: this.advertisedControllerId(brokers),
      topics,
      clusterAuthorizedOperations: authorizedOperationsOmitted,
    };
  }

  /**
   * Brokers forward controller requests (as KRaft brokers do), so clients may send admin requests to
   * any broker: the active controller when it is a live broker, else this broker.
   */
  private advertisedControllerId(brokers: readonly MetadataResponseBroker[]): number {
    const controller = this.services.controllerId();
    if (brokers.some((b) => b.nodeId === controller)) return controller;
    if (brokers.some((b) => b.nodeId === this.services.brokerId)) return this.services.brokerId;
    return brokers[0]?.nodeId ?? -1;
  }

  private topicMetadata(image: ClusterImage, topic: TopicInfo): MetadataResponseTopic {
    const partitions: MetadataResponsePartition[] = [];
    for (const p of topic.partitions) {
      if (p === undefined) continue;
      const leaderLive = p.leader >= 0 && this.liveBroker(image, p.leader) !== undefined;
      partitions.push({
        errorCode: leaderLive ? ErrorCode.NONE : ErrorCode.LEADER_NOT_AVAILABLE,
        partitionIndex: p.partition,
        leaderId: leaderLive ? p.leader : -1,
        leaderEpoch: p.leaderEpoch,
        replicaNodes: [...p.replicas],
        isrNodes: [...p.isr],
        offlineReplicas: p.replicas.filter((r) => this.liveBroker(image, r) === undefined),
      });
    }
    return {
      // A topic whose partitions are not in the image yet is still being created.
      errorCode: partitions.length === 0 ? ErrorCode.LEADER_NOT_AVAILABLE : ErrorCode.NONE,
      name: topic.name,
      topicId: wireUuid(topic.topicId),
      isInternal: internalTopics.has(topic.name),
      partitions,
      topicAuthorizedOperations: authorizedOperationsOmitted,
    };
  }

  private missingTopicMetadata(
    name: string | null,
    topicId: string,
    autoCreate: boolean,
  ): MetadataResponseTopic {
    const answer = (errorCode: number): MetadataResponseTopic => ({
      errorCode,
      name,
      topicId: name === null ? topicId : zeroUuid,
      isInternal: name !== null && internalTopics.has(name),
      partitions: [],
      topicAuthorizedOperations: authorizedOperationsOmitted,
    });
    if (name === null) return answer(ErrorCode.UNKNOWN_TOPIC_ID);
    try {
      validateTopicName(name);
    } catch {
      return answer(ErrorCode.INVALID_TOPIC_EXCEPTION);
    }
    if (!autoCreate || name === clusterMetadataTopic) return answer(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    this.requestTopicCreation(
      name === consumerOffsetsTopic
        ? this.offsetsTopicSpec()
        : { name, numPartitions: -1, replicationFactor: -1 },
    );
    // As Kafka's AutoTopicCreationManager: the client retries until the topic has leaders.
    return answer(ErrorCode.LEADER_NOT_AVAILABLE);
  }

  /** Asks the controller to create a topic without waiting (one request per topic at a time). */
  private requestTopicCreation(spec: CreateTopicSpec): void {
    if (this.creatingTopics.has(spec.name)) return;
    this.creatingTopics.add(spec.name);
    this.services.controller
      .createTopics([spec], false)
      .then(
        (results) => {
          for (const r of results) {
            if (r.errorCode !== ErrorCode.NONE && r.errorCode !== ErrorCode.TOPIC_ALREADY_EXISTS) {
              this.stats.autoCreateFailures++;
            }
          }
        },
        (err: unknown) => {
          this.stats.autoCreateFailures++;
          this.codeOf(err, undefined);
        },
      )
      .finally(() => this.creatingTopics.delete(spec.name));
  }

  /** `__consumer_offsets` as Kafka creates it on first use. */
  private offsetsTopicSpec(): CreateTopicSpec {
    const config = this.services.config;
    const live = this.services.metadata().liveBrokerIds().length;
    return {
      name: consumerOffsetsTopic,
      numPartitions: config['offsets.topic.num.partitions'],
      replicationFactor: Math.max(1, Math.min(config['offsets.topic.replication.factor'], live)),
      configs: { 'cleanup.policy': 'compact', 'segment.bytes': String(offsetsTopicSegmentBytes) },
    };
  }

  // ---------------------------------------------------------------- Produce

  private async produce(
    req: ProduceRequest,
    version: number,
    ctx: KafkaApisRequestContext,
  ): Promise<ProduceResponse | null> {
    const topicData = req.topicData;
    if (topicData.length === 1 && topicData[0]!.partitionData.length === 1) {
      // One partition (a producer with one busy partition per broker): no maps, no closures.
      const name = topicData[0]!.name;
      const p = topicData[0]!.partitionData[0]!;
      const result = await this.producePartition(name, p.index, p.records, req, version, ctx);
      if (req.acks === 0) {
        if (result.errorCode === ErrorCode.NONE) return null;
        this.stats.acksZeroFailures++;
        throw new CloseConnectionError(
          result.errorCode,
          `acks=0 produce to ${name}-${result.index} failed: ${result.errorMessage ?? ''}`,
        );
      }
      return {
        responses: [{ name, partitionResponses: [result] }],
        throttleTimeMs: 0,
        nodeEndpoints: [],
      };
    }
    // Kafka keys a produce by partition: a partition named twice is appended once, with the last data.
    const entries = new Map<string, { topic: string; index: number; records: Buffer | null }>();
    for (const t of req.topicData) {
      for (const p of t.partitionData) {
        entries.set(partitionKey(t.name, p.index), { topic: t.name, index: p.index, records: p.records });
      }
    }
    // Every partition is appended at once; acks=all waits for all of them together.
    const results = await Promise.all(
      [...entries.values()].map(async (e) => ({
        topic: e.topic,
        result: await this.producePartition(e.topic, e.index, e.records, req, version, ctx),
      })),
    );
    if (req.acks === 0) {
      const failed = results.find((r) => r.result.errorCode !== ErrorCode.NONE);
      if (failed === undefined) return null;
      this.stats.acksZeroFailures++;
      throw new CloseConnectionError(
        failed.result.errorCode,
        `acks=0 produce to ${failed.topic}-${failed.result.index} failed: ${failed.result.errorMessage ?? ''}`,
      );
    }
    return {
      responses: byTopic(results).map(({ topic, results: partitionResponses }) => ({
        name: topic,
        partitionResponses,
      })),
      throttleTimeMs: 0,
      nodeEndpoints: [],
    };
  }

  private async producePartition(
    topic: string,
    index: number,
    records: Buffer | null,
    req: ProduceRequest,
    version: number,
    ctx: KafkaApisRequestContext,
  ): Promise<ProduceResponsePartitionProduceResponse> {
    try {
      if (this.services.metadata().partition(topic, index) === undefined) {
        return producePartitionError(
          index,
          ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
          `no partition ${topic}-${index}`,
        );
      }
      const invalid = validateProducedRecords(records, version);
      if (invalid !== undefined) return producePartitionError(index, invalid.code, invalid.message);
      if (req.acks !== 0 && req.acks !== 1 && req.acks !== -1) {
        return producePartitionError(
          index,
          ErrorCode.INVALID_REQUIRED_ACKS,
          `acks must be -1, 0 or 1, got ${req.acks}`,
        );
      }
      if (internalTopics.has(topic) && ctx.clientId !== adminClientId) {
        return producePartitionError(
          index,
          ErrorCode.INVALID_TOPIC_EXCEPTION,
          `cannot append to internal topic ${topic}`,
        );
      }
      const batches = records!;
      const logConfig = this.services.logConfigFor(topic);
      for (const [, size] of batchPositions(batches)) {
        if (size > logConfig.maxMessageBytes) {
          return producePartitionError(
            index,
            ErrorCode.MESSAGE_TOO_LARGE,
            `batch of ${size} bytes exceeds max.message.bytes ${logConfig.maxMessageBytes} of ${topic}`,
          );
        }
      }
      // zstd cannot be decompressed synchronously inside the append: check its records first
      // (and, on a compacted topic, that each has a key), as the append does for the other codecs.
      if (hasZstdBatch(batches)) await checkZstdRecords(batches, logConfig.compact);
      const tp: TopicPartition = { topic, partition: index };
      const result = await this.services.replicaManager.appendToLeader(tp, batches, req.acks, req.timeoutMs);
      const p = this.services.replicaManager.getPartition(tp);
      return {
        index,
        errorCode: ErrorCode.NONE,
        baseOffset: result.baseOffset,
        logAppendTimeMs: result.logAppendTime ?? noTimestamp,
        logStartOffset: p?.logStartOffset ?? unknownOffset,
        recordErrors: [],
        errorMessage: null,
        currentLeader: { leaderId: -1, leaderEpoch: noLeaderEpoch },
      };
    } catch (err) {
      return producePartitionError(index, this.codeOf(err, undefined), messageOf(err));
    }
  }

  // ---------------------------------------------------------------- Fetch

  private async fetch(req: FetchRequest, version: number): Promise<FetchResponse<Records>> {
    if (
      version >= fetchSessionVersionMin &&
      req.sessionEpoch !== fetchSessionFinalEpoch &&
      req.sessionEpoch !== fetchSessionInitialEpoch
    ) {
      // No incremental fetch sessions (KIP-227) are kept: clients fall back to full fetches.
      return fetchTopLevelError(ErrorCode.FETCH_SESSION_ID_NOT_FOUND);
    }
    const replicaId = version >= fetchReplicaStateVersionMin ? req.replicaState.replicaId : req.replicaId;
    const image = this.services.metadata();
    const slots = fetchSlots(req, version, image);
    const responseLimitBytes = Math.max(0, Math.min(req.maxBytes, this.services.config['fetch.max.bytes']));
    if (replicaId >= 0) {
      // Followers replicate over the Transport, not the Kafka protocol: no replica here is served.
      return this.fetchResponse(slots, () => ErrorCode.NOT_LEADER_OR_FOLLOWER);
    }
    const interesting = slots.filter((s) => s.metadataError === ErrorCode.NONE).map((s) => s.tp);
    const clock = this.services.clock;
    const deadline = clock.now() + Math.max(0, req.maxWaitMs);
    let wakeups = 0;
    while (true) {
      const read = this.readForFetch(slots, responseLimitBytes, req.isolationLevel);
      const now = clock.now();
      const answerNow =
        req.maxWaitMs <= 0 ||
        interesting.length === 0 ||
        read.bytes >= req.minBytes ||
        read.replicaError ||
        now >= deadline ||
        wakeups >= fetchWakeupsMax;
      if (answerNow) return this.fetchResponse(slots, (slot) => read.results.get(slot.key)!);
      await this.services.replicaManager.waitForData(interesting, deadline - now);
      wakeups++;
    }
  }

  private fetchResponse(
    slots: readonly FetchSlot[],
    resultOf: (slot: FetchSlot) => FetchResponsePartitionData<Records> | number,
  ): FetchResponse<Records> {
    const entries = slots.map((slot) => {
      const r = slot.metadataError !== ErrorCode.NONE ? slot.metadataError : resultOf(slot);
      return {
        topic: slot.tp.topic,
        result: {
          topicId: slot.topicId,
          data: typeof r === 'number' ? fetchPartitionError(slot.tp.partition, r) : r,
        },
      };
    });
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      sessionId: 0,
      responses: byTopic(entries).map(({ topic, results }) => ({
        topic,
        topicId: results[0]!.topicId,
        partitions: results.map((r) => r.data),
      })),
      nodeEndpoints: [],
    };
  }

  /**
   * One pass over the partitions (KIP-74): each gets at most its partitionMaxBytes and what is left of
   * the response limit, except that the first partition with data returns its first batch whole.
   */
  private readForFetch(
    slots: readonly FetchSlot[],
    responseLimitBytes: number,
    isolationLevel: number,
  ): {
    results: Map<string, FetchResponsePartitionData<Records> | number>;
    bytes: number;
    replicaError: boolean;
  } {
    const results = new Map<string, FetchResponsePartitionData<Records> | number>();
    let remaining = responseLimitBytes;
    let bytes = 0;
    let replicaError = false;
    for (const slot of slots) {
      if (slot.metadataError !== ErrorCode.NONE) continue;
      const r = this.readPartition(
        slot,
        Math.min(Math.max(0, slot.request.partitionMaxBytes), remaining),
        bytes > 0,
      );
      if (typeof r === 'number') {
        replicaError = true;
        results.set(slot.key, r);
        continue;
      }
      const size = (r.records as Buffer).length;
      remaining = Math.max(0, remaining - size);
      bytes += size;
      results.set(slot.key, {
        ...r,
        abortedTransactions: isolationLevel === readCommitted ? [] : null,
      });
    }
    return { results, bytes, replicaError };
  }

  private readPartition(
    slot: FetchSlot,
    budgetBytes: number,
    haveData: boolean,
  ): FetchResponsePartitionData<Records> | number {
    const p = this.services.replicaManager.getPartition(slot.tp);
    if (p === undefined || p.role !== 'leader') return ErrorCode.NOT_LEADER_OR_FOLLOWER;
    const epochError = leaderEpochError(slot.request.currentLeaderEpoch, p.leaderEpoch);
    if (epochError !== ErrorCode.NONE) return epochError;
    const offset = slot.request.fetchOffset;
    try {
      let records: Buffer;
      let highWatermark: number;
      let logStartOffset: number;
      if (haveData && budgetBytes === 0) {
        // Nothing fits any more: answer the offsets without reading.
        if (offset < p.logStartOffset || offset > p.logEndOffset) return ErrorCode.OFFSET_OUT_OF_RANGE;
        records = Buffer.alloc(0);
        highWatermark = p.highWatermark;
        logStartOffset = p.logStartOffset;
      } else {
        const read = p.readForConsumer(offset, budgetBytes);
        // Whole batches only: past the first partition with data, a batch that does not fit waits.
        records = haveData && read.records.length > budgetBytes ? Buffer.alloc(0) : read.records;
        highWatermark = read.highWatermark;
        logStartOffset = read.logStartOffset;
      }
      return {
        partitionIndex: slot.tp.partition,
        errorCode: ErrorCode.NONE,
        highWatermark,
        // No transactions: the last stable offset is the high watermark.
        lastStableOffset: highWatermark,
        logStartOffset,
        divergingEpoch: { epoch: -1, endOffset: -1 },
        currentLeader: { leaderId: -1, leaderEpoch: -1 },
        snapshotId: { endOffset: -1, epoch: -1 },
        abortedTransactions: null,
        preferredReadReplica: -1,
        records,
      };
    } catch (err) {
      return this.codeOf(err, undefined);
    }
  }

  // ---------------------------------------------------------------- ListOffsets

  private async listOffsets(req: ListOffsetsRequest, version: number): Promise<ListOffsetsResponse> {
    const seen = new Map<string, number>();
    for (const t of req.topics) {
      for (const p of t.partitions) {
        const key = partitionKey(t.name, p.partitionIndex);
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    }
    const topics = await Promise.all(
      req.topics.map(async (t) => ({
        name: t.name,
        partitions: await Promise.all(
          t.partitions.map((p) => {
            // v1+ refuses a partition named twice (Kafka's duplicatePartitions).
            if (version >= 1 && seen.get(partitionKey(t.name, p.partitionIndex))! > 1) {
              return Promise.resolve(listOffsetsError(p.partitionIndex, ErrorCode.INVALID_REQUEST));
            }
            return this.listOffsetsPartition(t.name, p, req, version);
          }),
        ),
      })),
    );
    return { throttleTimeMs: 0, topics };
  }

  private async listOffsetsPartition(
    topic: string,
    req: ListOffsetsRequestListOffsetsPartition,
    request: ListOffsetsRequest,
    version: number,
  ): Promise<ListOffsetsResponseListOffsetsPartitionResponse> {
    const index = req.partitionIndex;
    try {
      if (this.services.metadata().partition(topic, index) === undefined) {
        return listOffsetsError(index, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      }
      const p = this.services.replicaManager.getPartition({ topic, partition: index });
      const fromLeaderOnly = request.replicaId !== debuggingReplicaId;
      if (p === undefined || p.role === 'offline' || (fromLeaderOnly && p.role !== 'leader')) {
        return listOffsetsError(index, ErrorCode.NOT_LEADER_OR_FOLLOWER);
      }
      const epochError = leaderEpochError(req.currentLeaderEpoch, p.leaderEpoch);
      if (epochError !== ErrorCode.NONE) return listOffsetsError(index, epochError);
      // Consumers see up to the high watermark (= the last stable offset: no transactions); others the log end.
      const isClient = request.replicaId === consumerReplicaId;
      const lastFetchable = isClient ? p.highWatermark : p.logEndOffset;
      // A new leader whose high watermark has not caught up to its epoch start cannot answer "latest" yet.
      const epochStart = p.log.leaderEpochCache
        .epochEntries()
        .find((e) => e.epoch === p.leaderEpoch)?.startOffset;
      const notAvailable =
        isClient && p.role === 'leader' && epochStart !== undefined && epochStart > p.highWatermark;
      const found = await this.offsetFor(p, req.timestamp, lastFetchable, notAvailable);
      if (found === undefined && notAvailable) return listOffsetsError(index, ErrorCode.OFFSET_NOT_AVAILABLE);
      const answer = found ?? { timestamp: noTimestamp, offset: unknownOffset, leaderEpoch: noLeaderEpoch };
      if (version === 0) {
        return {
          ...listOffsetsError(index, ErrorCode.NONE),
          oldStyleOffsets: answer.offset >= 0 && req.maxNumOffsets > 0 ? [answer.offset] : [],
        };
      }
      return { partitionIndex: index, errorCode: ErrorCode.NONE, oldStyleOffsets: [], ...answer };
    } catch (err) {
      return listOffsetsError(index, this.codeOf(err, undefined));
    }
  }

  private async offsetFor(
    p: Partition,
    timestamp: number,
    lastFetchable: number,
    notAvailable: boolean,
  ): Promise<{ timestamp: number; offset: number; leaderEpoch: number } | undefined> {
    if (timestamp === latestTimestamp) {
      if (notAvailable) return undefined;
      return { timestamp: noTimestamp, offset: lastFetchable, leaderEpoch: p.leaderEpoch };
    }
    if (timestamp === earliestTimestamp) {
      const start = p.logStartOffset;
      const first = p.log.leaderEpochCache.epochEntries()[0];
      const epoch = first !== undefined && first.startOffset <= start ? first.epoch : noLeaderEpoch;
      return { timestamp: noTimestamp, offset: start, leaderEpoch: epoch };
    }
    const hit = await p.log.offsetForTimestamp(timestamp);
    if (hit === undefined || hit.offset >= lastFetchable) return undefined;
    return { timestamp: hit.timestamp, offset: hit.offset, leaderEpoch: epochForOffset(p, hit.offset) };
  }

  // ---------------------------------------------------------------- OffsetForLeaderEpoch

  private offsetForLeaderEpoch(req: OffsetForLeaderEpochRequest): OffsetForLeaderEpochResponse {
    const image = this.services.metadata();
    return {
      throttleTimeMs: 0,
      topics: req.topics.map((t) => ({
        topic: t.topic,
        partitions: t.partitions.map((q): OffsetForLeaderEpochResponseEpochEndOffset => {
          const error = (code: number): OffsetForLeaderEpochResponseEpochEndOffset => ({
            errorCode: code,
            partition: q.partition,
            leaderEpoch: noLeaderEpoch,
            endOffset: unknownOffset,
          });
          try {
            if (image.partition(t.topic, q.partition) === undefined) {
              return error(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
            }
            const p = this.services.replicaManager.getPartition({ topic: t.topic, partition: q.partition });
            if (p === undefined || p.role !== 'leader') return error(ErrorCode.NOT_LEADER_OR_FOLLOWER);
            const epochError = leaderEpochError(q.currentLeaderEpoch, p.leaderEpoch);
            if (epochError !== ErrorCode.NONE) return error(epochError);
            const end = p.endOffsetForEpoch(q.leaderEpoch);
            return {
              errorCode: ErrorCode.NONE,
              partition: q.partition,
              leaderEpoch: end.epoch,
              endOffset: end.endOffset,
            };
          } catch (err) {
            return error(this.codeOf(err, undefined));
          }
        }),
      })),
    };
  }

  // ---------------------------------------------------------------- DeleteRecords

  private deleteRecords(req: DeleteRecordsRequest): DeleteRecordsResponse {
    const image = this.services.metadata();
    return {
      throttleTimeMs: 0,
      topics: req.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((q): DeleteRecordsResponseDeleteRecordsPartitionResult => {
          const error = (code: number): DeleteRecordsResponseDeleteRecordsPartitionResult => ({
            partitionIndex: q.partitionIndex,
            lowWatermark: unknownOffset,
            errorCode: code,
          });
          try {
            if (image.partition(t.name, q.partitionIndex) === undefined) {
              return error(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
            }
            if (internalTopics.has(t.name)) return error(ErrorCode.INVALID_TOPIC_EXCEPTION);
            const p = this.services.replicaManager.getPartition({
              topic: t.name,
              partition: q.partitionIndex,
            });
            if (p === undefined || p.role !== 'leader') return error(ErrorCode.NOT_LEADER_OR_FOLLOWER);
            if (!this.services.logConfigFor(t.name).delete) return error(ErrorCode.POLICY_VIOLATION);
            // -1 means "up to the high watermark" (DeleteRecordsRequest.HIGH_WATERMARK).
            const offset = q.offset === -1 ? p.highWatermark : q.offset;
            if (offset < 0) return error(ErrorCode.OFFSET_OUT_OF_RANGE);
            const lowWatermark = p.log.deleteRecordsBefore(offset, p.highWatermark);
            return { partitionIndex: q.partitionIndex, lowWatermark, errorCode: ErrorCode.NONE };
          } catch (err) {
            return error(this.codeOf(err, undefined));
          }
        }),
      })),
    };
  }

  // ---------------------------------------------------------------- InitProducerId

  private async initProducerId(req: InitProducerIdRequest): Promise<InitProducerIdResponse> {
    if (req.transactionalId === '') return initProducerIdError(ErrorCode.INVALID_REQUEST);
    // Transactions are not implemented: a transactional producer gets a non-retriable answer that says
    // this broker lacks the feature (what an older broker answers), instead of retrying forever.
    if (req.transactionalId !== null) return initProducerIdError(ErrorCode.UNSUPPORTED_VERSION);
    const producerId = await this.nextProducerId();
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, producerId, producerEpoch: 0 };
  }

  private async nextProducerId(): Promise<number> {
    for (let attempt = 0; this.producerIdNext >= this.producerIdEnd; attempt++) {
      if (attempt >= producerIdBlockAttemptsMax) {
        throw new KafkaError(
          ErrorCode.COORDINATOR_LOAD_IN_PROGRESS,
          'no producer id block from the controller',
        );
      }
      this.producerIdBlock ??= this.services.controller
        .allocateProducerIds()
        .then((block) => {
          if (!Number.isSafeInteger(block.firstProducerId) || block.firstProducerId < 0 || block.count < 0) {
            throw new KafkaError(
              ErrorCode.UNKNOWN_SERVER_ERROR,
              `bad producer id block ${block.firstProducerId}+${block.count}`,
            );
          }
          this.producerIdNext = block.firstProducerId;
          this.producerIdEnd = block.firstProducerId + block.count;
        })
        .finally(() => {
          this.producerIdBlock = undefined;
        });
      await this.producerIdBlock;
    }
    return this.producerIdNext++;
  }

  // ---------------------------------------------------------------- CreateTopics / DeleteTopics / CreatePartitions

  /** Waits for the controller at most `timeoutMs` (or controllerTimeoutMs when that is not positive). */
  private withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
    const waitMs = timeoutMs > 0 ? timeoutMs : this.controllerTimeoutMs;
    return new Promise<T>((resolve, reject) => {
      const timer = this.services.clock.setTimeout(
        () =>
          reject(
            new KafkaError(
              ErrorCode.REQUEST_TIMED_OUT,
              `${what}: no answer from the controller in ${waitMs} ms`,
            ),
          ),
        waitMs,
      );
      promise.then(
        (value) => {
          timer.cancel();
          resolve(value);
        },
        (err: unknown) => {
          timer.cancel();
          reject(err instanceof Error ? err : new KafkaError(ErrorCode.UNKNOWN_SERVER_ERROR, String(err)));
        },
      );
    });
  }

  /** Runs a controller operation for the names that passed validation; a failure fails each of them. */
  private async controllerResults(
    names: readonly string[],
    run: () => Promise<TopicResult[]>,
    timeoutMs: number,
    what: string,
  ): Promise<Map<string, TopicResult>> {
    const out = new Map<string, TopicResult>();
    if (names.length === 0) return out;
    try {
      const results = await this.withTimeout(run(), timeoutMs, what);
      for (const r of results) out.set(r.name, r);
    } catch (err) {
      const errorCode = this.codeOf(err, undefined);
      for (const name of names) out.set(name, { name, errorCode, errorMessage: messageOf(err) });
    }
    for (const name of names) {
      if (!out.has(name)) {
        out.set(name, {
          name,
          errorCode: ErrorCode.UNKNOWN_SERVER_ERROR,
          errorMessage: 'the controller did not answer for this topic',
        });
      }
    }
    return out;
  }

  private async createTopics(req: CreateTopicsRequest, version: number): Promise<CreateTopicsResponse> {
    const counts = countNames(req.topics.map((t) => t.name));
    const refusals = new Map<string, { code: number; message: string }>();
    const specs: CreateTopicSpec[] = [];
    for (const t of req.topics) {
      const refusal = counts.get(t.name)! > 1 ? duplicateRefusal() : validateCreatableTopic(t);
      if (refusal !== undefined) {
        refusals.set(t.name, refusal);
        continue;
      }
      const configs: Record<string, string> = {};
      for (const c of t.configs) configs[c.name] = c.value!;
      const spec: CreateTopicSpec = {
        name: t.name,
        numPartitions: t.numPartitions,
        replicationFactor: t.replicationFactor,
        configs,
        ...(t.assignments.length > 0
          ? {
              assignments: [...t.assignments]
                .sort((a, b) => a.partitionIndex - b.partitionIndex)
                .map((a) => [...a.brokerIds]),
            }
          : {}),
      };
      specs.push(spec);
    }
    const results = await this.controllerResults(
      specs.map((s) => s.name),
      () => this.services.controller.createTopics(specs, req.validateOnly),
      req.timeoutMs,
      'CreateTopics',
    );
    const seen = new Set<string>();
    const topics: CreateTopicsResponseCreatableTopicResult[] = [];
    for (const t of req.topics) {
      if (seen.has(t.name)) continue;
      seen.add(t.name);
      const refusal = refusals.get(t.name);
      const r = results.get(t.name);
      topics.push({
        name: t.name,
        topicId: r?.topicId !== undefined ? wireUuid(r.topicId) : zeroUuid,
        errorCode: refusal?.code ?? r?.errorCode ?? ErrorCode.UNKNOWN_SERVER_ERROR,
        errorMessage: refusal?.message ?? r?.errorMessage ?? null,
        topicConfigErrorCode: ErrorCode.NONE,
        numPartitions: r?.numPartitions ?? -1,
        replicationFactor: r?.replicationFactor ?? -1,
        configs: version >= 5 ? [] : null,
      });
    }
    return { throttleTimeMs: 0, topics };
  }

  private async deleteTopics(req: DeleteTopicsRequest, version: number): Promise<DeleteTopicsResponse> {
    const image = this.services.metadata();
    const entries =
      version >= deleteTopicsIdsVersionMin
        ? req.topics.map((t) => ({ name: t.name, topicId: t.topicId }))
        : req.topicNames.map((name) => ({ name: name as string | null, topicId: zeroUuid }));
    // Resolve ids to names (v6+); names are checked by the controller against its own state.
    const resolved = entries.map((e) => {
      if (e.name !== null) return { ...e, resolvedName: e.name };
      const topic = [...image.topicsById.values()].find((t) => wireUuid(t.topicId) === e.topicId);
      return { ...e, resolvedName: topic?.name ?? null };
    });
    const counts = countNames(resolved.map((e) => e.resolvedName ?? `id:${e.topicId}`));
    const toDelete: string[] = [];
    const refusals = new Map<number, { code: number; message: string }>();
    resolved.forEach((e, i) => {
      const key = e.resolvedName ?? `id:${e.topicId}`;
      if (counts.get(key)! > 1) refusals.set(i, duplicateRefusal());
      else if (e.resolvedName === null) {
        refusals.set(i, { code: ErrorCode.UNKNOWN_TOPIC_ID, message: `no topic with id ${e.topicId}` });
      } else if (internalTopics.has(e.resolvedName)) {
        // Deleting __consumer_offsets would drop every group's offsets: refused outright.
        refusals.set(i, {
          code: ErrorCode.INVALID_TOPIC_EXCEPTION,
          message: `${e.resolvedName} is an internal topic`,
        });
      } else toDelete.push(e.resolvedName);
    });
    const results = await this.controllerResults(
      toDelete,
      () => this.services.controller.deleteTopics(toDelete),
      req.timeoutMs,
      'DeleteTopics',
    );
    const responses: DeleteTopicsResponseDeletableTopicResult[] = resolved.map((e, i) => {
      const refusal = refusals.get(i);
      const r = e.resolvedName === null ? undefined : results.get(e.resolvedName);
      const topic = e.resolvedName === null ? undefined : image.topicsByName.get(e.resolvedName);
      return {
        name: e.resolvedName ?? (version >= deleteTopicsIdsVersionMin ? null : ''),
        topicId: e.name === null ? e.topicId : topic !== undefined ? wireUuid(topic.topicId) : zeroUuid,
        errorCode: refusal?.code ?? r?.errorCode ?? ErrorCode.UNKNOWN_SERVER_ERROR,
        errorMessage: refusal?.message ?? r?.errorMessage ?? null,
      };
    });
    return { throttleTimeMs: 0, responses };
  }

  private async createPartitions(req: CreatePartitionsRequest): Promise<CreatePartitionsResponse> {
    const image = this.services.metadata();
    const counts = countNames(req.topics.map((t) => t.name));
    const refusals = new Map<string, { code: number; message: string }>();
    const grow: Array<{ name: string; totalCount: number }> = [];
    for (const t of req.topics) {
      if (counts.get(t.name)! > 1) refusals.set(t.name, duplicateRefusal());
      else if (t.assignments !== null) {
        // The controller channel places new partitions itself; explicit placement is not supported.
        refusals.set(t.name, {
          code: ErrorCode.INVALID_REPLICA_ASSIGNMENT,
          message: 'explicit replica assignments for new partitions are not supported',
        });
      } else if (
        t.count - (image.topicsByName.get(t.name)?.partitions.length ?? 0) >
        partitionsPerRequestMax
      ) {
        refusals.set(t.name, {
          code: ErrorCode.POLICY_VIOLATION,
          message: `excessively large number of partitions per request (at most ${partitionsPerRequestMax})`,
        });
      } else if (t.count <= 0) {
        refusals.set(t.name, {
          code: ErrorCode.INVALID_PARTITIONS,
          message: `partition count ${t.count} must be positive`,
        });
      } else grow.push({ name: t.name, totalCount: t.count });
    }
    const results = await this.controllerResults(
      grow.map((g) => g.name),
      () => this.services.controller.createPartitions(grow, req.validateOnly),
      req.timeoutMs,
      'CreatePartitions',
    );
    const seen = new Set<string>();
    const out: CreatePartitionsResponse['results'] = [];
    for (const t of req.topics) {
      if (seen.has(t.name)) continue;
      seen.add(t.name);
      const refusal = refusals.get(t.name);
      const r = results.get(t.name);
      out.push({
        name: t.name,
        errorCode: refusal?.code ?? r?.errorCode ?? ErrorCode.UNKNOWN_SERVER_ERROR,
        errorMessage: refusal?.message ?? r?.errorMessage ?? null,
      });
    }
    return { throttleTimeMs: 0, results: out };
  }

  // ---------------------------------------------------------------- DescribeConfigs

  private describeConfigs(req: DescribeConfigsRequest, version: number): DescribeConfigsResponse {
    return {
      throttleTimeMs: 0,
      results: req.resources.map((resource): DescribeConfigsResponseDescribeConfigsResult => {
        try {
          return this.describeResource(resource, req.includeSynonyms && version >= 1);
        } catch (err) {
          return describeConfigsError(resource, this.codeOf(err, undefined), messageOf(err));
        }
      }),
    };
  }

  private describeResource(
    resource: DescribeConfigsRequestDescribeConfigsResource,
    includeSynonyms: boolean,
  ): DescribeConfigsResponseDescribeConfigsResult {
    const wanted = resource.configurationKeys === null ? undefined : new Set(resource.configurationKeys);
    let configs: DescribeConfigsResponseDescribeConfigsResourceResult[];
    switch (resource.resourceType) {
      case ResourceType.topic: {
        try {
          validateTopicName(resource.resourceName);
        } catch (err) {
          return describeConfigsError(resource, ErrorCode.INVALID_TOPIC_EXCEPTION, messageOf(err));
        }
        const topic = this.services.metadata().topicsByName.get(resource.resourceName);
        if (topic === undefined) {
          return describeConfigsError(
            resource,
            ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
            `topic ${resource.resourceName} does not exist`,
          );
        }
        configs = this.topicConfigs(topic, includeSynonyms);
        break;
      }
      case ResourceType.broker:
      case ResourceType.brokerLogger: {
        const name = resource.resourceName;
        if (name !== '' && name !== String(this.services.brokerId)) {
          return describeConfigsError(
            resource,
            ErrorCode.INVALID_REQUEST,
            `unexpected broker id, expected ${this.services.brokerId} or empty string, but received ${name}`,
          );
        }
        // No dynamic loggers here: a logger resource has nothing to list.
        configs =
          resource.resourceType === ResourceType.broker
            ? this.brokerConfigs(name === '', includeSynonyms)
            : [];
        break;
      }
      default:
        return describeConfigsError(
          resource,
          ErrorCode.INVALID_REQUEST,
          `unsupported resource type ${resource.resourceType}`,
        );
    }
    return {
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      resourceType: resource.resourceType,
      resourceName: resource.resourceName,
      configs: wanted === undefined ? configs : configs.filter((c) => wanted.has(c.name)),
    };
  }

  /** A broker-level value of `key` and where it comes from (dynamic broker, dynamic default, static). */
  private brokerLevelValue(key: string): { value: string; source: number } | undefined {
    const image = this.services.metadata();
    const own = image.brokerConfigs.get(String(this.services.brokerId))?.get(key);
    if (own !== undefined) return { value: own, source: ConfigSource.dynamicBroker };
    const clusterDefault = image.brokerConfigs.get('')?.get(key);
    if (clusterDefault !== undefined)
      return { value: clusterDefault, source: ConfigSource.dynamicDefaultBroker };
    const config = this.services.config as unknown as Readonly<Record<string, string | number | boolean>>;
    const staticValue = config[key];
    if (
      staticValue !== undefined &&
      brokerConfigKafkaDefaults[key] !== undefined &&
      staticValue !== brokerConfigKafkaDefaults[key]
    ) {
      return { value: configValueText(staticValue), source: ConfigSource.staticBroker };
    }
    return undefined;
  }

  private topicConfigs(
    topic: TopicInfo,
    includeSynonyms: boolean,
  ): DescribeConfigsResponseDescribeConfigsResourceResult[] {
    const effective = this.services.logConfigFor(topic.name).values as unknown as Readonly<
      Record<string, string | number>
    >;
    const out: DescribeConfigsResponseDescribeConfigsResourceResult[] = [];
    const keys = new Set([...Object.keys(topicConfigDefs), ...topic.configs.keys()]);
    for (const key of [...keys].sort()) {
      const def = topicConfigDefs[key];
      const override = topic.configs.get(key);
      const broker = def === undefined ? undefined : this.brokerLevelValue(def.brokerSynonym);
      const kafkaDefault =
        key === 'min.insync.replicas'
          ? '1'
          : (logConfigDefaults as unknown as Readonly<Record<string, string | number>>)[key] !== undefined
            ? configValueText(
                (logConfigDefaults as unknown as Readonly<Record<string, string | number>>)[key]!,
              )
            : null;
      let value: string | null;
      let source: number;
      if (override !== undefined) {
        value = override;
        source = ConfigSource.dynamicTopic;
      } else if (broker !== undefined) {
        value = broker.value;
        source = broker.source;
      } else {
        const eff =
          key === 'min.insync.replicas' ? this.services.config['min.insync.replicas'] : effective[key];
        value = eff !== undefined ? configValueText(eff) : kafkaDefault;
        source = ConfigSource.default;
      }
      const synonyms: DescribeConfigsResponseDescribeConfigsSynonym[] = [];
      if (includeSynonyms) {
        if (override !== undefined)
          synonyms.push({ name: key, value: override, source: ConfigSource.dynamicTopic });
        if (def !== undefined) {
          if (broker !== undefined)
            synonyms.push({ name: def.brokerSynonym, value: broker.value, source: broker.source });
          if (kafkaDefault !== null)
            synonyms.push({ name: def.brokerSynonym, value: kafkaDefault, source: ConfigSource.default });
        }
      }
      out.push({
        name: key,
        value,
        readOnly: false,
        isDefault: source === ConfigSource.default,
        configSource: source,
        isSensitive: false,
        synonyms,
        configType: def?.type ?? ConfigType.string,
        documentation: null,
      });
    }
    return out;
  }

  private brokerConfigs(
    clusterDefault: boolean,
    includeSynonyms: boolean,
  ): DescribeConfigsResponseDescribeConfigsResourceResult[] {
    const image = this.services.metadata();
    const config: BrokerConfig = this.services.config;
    const staticValues = config as unknown as Readonly<Record<string, string | number | boolean>>;
    const dynamicOwn = image.brokerConfigs.get(String(this.services.brokerId));
    const dynamicDefault = image.brokerConfigs.get('');
    const keys = new Set([
      ...Object.keys(staticValues),
      ...(dynamicOwn?.keys() ?? []),
      ...(dynamicDefault?.keys() ?? []),
    ]);
    const out: DescribeConfigsResponseDescribeConfigsResourceResult[] = [];
    for (const key of [...keys].sort()) {
      const candidates: DescribeConfigsResponseDescribeConfigsSynonym[] = [];
      const own = clusterDefault ? undefined : dynamicOwn?.get(key);
      if (own !== undefined) candidates.push({ name: key, value: own, source: ConfigSource.dynamicBroker });
      const dflt = dynamicDefault?.get(key);
      if (dflt !== undefined)
        candidates.push({ name: key, value: dflt, source: ConfigSource.dynamicDefaultBroker });
      if (!clusterDefault) {
        const s = staticValues[key];
        const kafkaDefault = brokerConfigKafkaDefaults[key];
        if (s !== undefined) {
          candidates.push({
            name: key,
            value: configValueText(s),
            source:
              kafkaDefault !== undefined && s === kafkaDefault
                ? ConfigSource.default
                : ConfigSource.staticBroker,
          });
        }
      }
      const chosen = candidates[0];
      // The cluster-default resource lists only what is set dynamically for the whole cluster.
      if (chosen === undefined) continue;
      const s = staticValues[key];
      out.push({
        name: key,
        value: chosen.value,
        // Only dynamically set keys can change without a restart.
        readOnly: chosen.source === ConfigSource.staticBroker || chosen.source === ConfigSource.default,
        isDefault: chosen.source === ConfigSource.default,
        configSource: chosen.source,
        isSensitive: false,
        synonyms: includeSynonyms ? candidates : [],
        configType:
          typeof s === 'boolean'
            ? ConfigType.boolean
            : typeof s === 'number'
              ? ConfigType.int
              : ConfigType.string,
        documentation: null,
      });
    }
    return out;
  }

  // ---------------------------------------------------------------- AlterConfigs

  /**
   * AlterConfigs (the legacy, non-incremental API): each resource's listed configs replace all of its
   * dynamic configs, so a key that is set now but not listed is removed.
   */
  private async alterConfigs(req: AlterConfigsRequest): Promise<AlterConfigsResponse> {
    const resourceKey = (r: { resourceType: number; resourceName: string }): string =>
      `${r.resourceType}\u0000${r.resourceName}`;
    const counts = countNames(req.resources.map(resourceKey));
    const responses: AlterConfigsResponseAlterConfigsResourceResponse[] = [];
    for (const resource of req.resources) {
      const answer = (errorCode: number, errorMessage: string | null): void => {
        responses.push({
          errorCode,
          errorMessage,
          resourceType: resource.resourceType,
          resourceName: resource.resourceName,
        });
      };
      if (counts.get(resourceKey(resource))! > 1) {
        answer(ErrorCode.INVALID_REQUEST, 'the request names this resource more than once');
        continue;
      }
      try {
        const changes = this.fullConfigReplacement(resource);
        if (changes.length === 0) {
          answer(ErrorCode.NONE, null);
          continue;
        }
        const results = await this.withTimeout(
          this.services.controller.alterConfigs(changes, req.validateOnly),
          0,
          'AlterConfigs',
        );
        const r = results.find((x) => x.name === resource.resourceName) ?? results[0];
        if (r === undefined)
          answer(ErrorCode.UNKNOWN_SERVER_ERROR, 'the controller did not answer for this resource');
        else answer(r.errorCode, r.errorMessage);
      } catch (err) {
        answer(this.codeOf(err, undefined), messageOf(err));
      }
    }
    return { throttleTimeMs: 0, responses };
  }

  /** The changes that make a resource's dynamic configs exactly the listed ones; throws what Kafka refuses. */
  private fullConfigReplacement(resource: AlterConfigsRequest['resources'][number]): ConfigChange[] {
    const image = this.services.metadata();
    const names = countNames(resource.configs.map((c) => c.name));
    for (const c of resource.configs) {
      if (names.get(c.name)! > 1)
        throw new KafkaError(ErrorCode.INVALID_REQUEST, `duplicate config key ${c.name}`);
      if (c.value === null)
        throw new KafkaError(ErrorCode.INVALID_REQUEST, `null value not supported for ${c.name}`);
    }
    let current: ReadonlyMap<string, string> | undefined;
    let resourceType: ConfigChange['resourceType'];
    switch (resource.resourceType) {
      case ResourceType.topic: {
        validateTopicName(resource.resourceName);
        const topic = image.topicsByName.get(resource.resourceName);
        if (topic === undefined) {
          throw new KafkaError(
            ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
            `topic ${resource.resourceName} does not exist`,
          );
        }
        current = topic.configs;
        resourceType = 'topic';
        break;
      }
      case ResourceType.broker:
        if (resource.resourceName !== '' && !/^[0-9]+$/.test(resource.resourceName)) {
          throw new KafkaError(
            ErrorCode.INVALID_REQUEST,
            `broker id must be an integer, but it is: ${resource.resourceName}`,
          );
        }
        current = image.brokerConfigs.get(resource.resourceName);
        resourceType = 'broker';
        break;
      default:
        throw new KafkaError(
          ErrorCode.INVALID_REQUEST,
          `AlterConfigs does not support resource type ${resource.resourceType}`,
        );
    }
    const listed = new Set(resource.configs.map((c) => c.name));
    const changes: ConfigChange[] = resource.configs.map((c) => ({
      resourceType,
      resourceName: resource.resourceName,
      key: c.name,
      value: c.value,
    }));
    for (const key of current?.keys() ?? []) {
      if (!listed.has(key))
        changes.push({ resourceType, resourceName: resource.resourceName, key, value: null });
    }
    return changes;
  }

  // ---------------------------------------------------------------- DeleteGroups

  private async deleteGroups(req: DeleteGroupsRequest): Promise<DeleteGroupsResponse> {
    const led = req.groupsNames.filter((g) => this.leadsGroup(g));
    const results = new Map<string, number>();
    for (const r of await this.services.groupCoordinator.deleteGroups(led))
      results.set(r.groupId, r.errorCode);
    return {
      throttleTimeMs: 0,
      results: req.groupsNames.map((groupId) => ({
        groupId,
        errorCode: results.get(groupId) ?? ErrorCode.NOT_COORDINATOR,
      })),
    };
  }

  // ---------------------------------------------------------------- groups

  /**
   * Whether this broker leads the group's `__consumer_offsets` partition. The coordinator answers
   * NOT_COORDINATOR for partitions it has not loaded; this also covers the moment between losing
   * leadership and the unload. An empty group id is left to the coordinator (INVALID_GROUP_ID).
   */
  private leadsGroup(groupId: string): boolean {
    if (groupId === '') return true;
    const partition = this.services.groupCoordinator.partitionFor(groupId);
    return (
      this.services.replicaManager.getPartition({ topic: consumerOffsetsTopic, partition })?.role === 'leader'
    );
  }

  private findCoordinator(req: FindCoordinatorRequest, version: number): FindCoordinatorResponse {
    const image = this.services.metadata();
    const offsets = image.topicsByName.get(consumerOffsetsTopic);
    const keys = version >= 4 ? req.coordinatorKeys : [req.key];
    const groupKeys = version === 0 || req.keyType === 0;
    if (offsets === undefined && groupKeys && keys.some((k) => k !== '')) {
      // Kafka creates the offsets topic on first use; clients retry COORDINATOR_NOT_AVAILABLE meanwhile.
      this.requestTopicCreation(this.offsetsTopicSpec());
    }
    const leaderOf = (partition: number): CoordinatorNode | undefined => {
      const leader = offsets?.partitions[partition]?.leader ?? -1;
      return leader < 0 ? undefined : this.liveBroker(image, leader);
    };
    return findCoordinator(
      req,
      version,
      leaderOf,
      this.services.groupCoordinator.config['offsets.topic.num.partitions'],
    );
  }

  private async offsetCommit(
    req: OffsetCommitRequest,
    ctx: GroupRequestContext,
  ): Promise<OffsetCommitResponse> {
    if (!this.leadsGroup(req.groupId)) {
      return offsetCommitError(req, ErrorCode.NOT_COORDINATOR);
    }
    // Kafka answers partitions missing from the metadata itself; the rest go to the coordinator.
    const image = this.services.metadata();
    const unknown = new Set<string>();
    const known = req.topics
      .map((t) => ({
        ...t,
        partitions: t.partitions.filter((p) => {
          const exists = image.partition(t.name, p.partitionIndex) !== undefined;
          if (!exists) unknown.add(partitionKey(t.name, p.partitionIndex));
          return exists;
        }),
      }))
      .filter((t) => t.partitions.length > 0);
    const codes = new Map<string, number>();
    if (known.length > 0) {
      const response = await this.services.groupCoordinator.offsetCommit({ ...req, topics: known }, ctx);
      for (const t of response.topics) {
        for (const p of t.partitions) codes.set(partitionKey(t.name, p.partitionIndex), p.errorCode);
      }
    }
    return {
      throttleTimeMs: 0,
      topics: req.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => {
          const key = partitionKey(t.name, p.partitionIndex);
          const errorCode = unknown.has(key)
            ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
            : (codes.get(key) ?? ErrorCode.UNKNOWN_SERVER_ERROR);
          return { partitionIndex: p.partitionIndex, errorCode };
        }),
      })),
    };
  }
}

// ------------------------------------------------------------------ request validation

/** Kafka's ProduceRequest.validateRecords: what makes a partition's data unacceptable before the log sees it. */
function validateProducedRecords(
  records: Buffer | null,
  version: number,
): { code: number; message: string } | undefined {
  if (records === null || records.length === 0) {
    return {
      code: ErrorCode.INVALID_RECORD,
      message: 'produce requests must carry at least one record batch',
    };
  }
  const magicPos = 16;
  if (records.length > magicPos && records[magicPos] !== RECORD_BATCH_MAGIC) {
    return { code: ErrorCode.INVALID_RECORD, message: `record batches must use magic ${RECORD_BATCH_MAGIC}` };
  }
  let count = 0;
  for (const [pos] of batchPositions(records)) {
    count++;
    const attributes = records.readInt16BE(pos + 21);
    if (
      (attributes & BatchAttributes.compressionMask) === Compression.zstd &&
      version < produceZstdVersionMin
    ) {
      return { code: ErrorCode.UNSUPPORTED_COMPRESSION_TYPE, message: 'zstd needs Produce v7 or later' };
    }
  }
  if (count === 0) {
    // Kafka's batch iterator stops at a batch that does not fit: a truncated batch is no batch at all.
    return { code: ErrorCode.INVALID_RECORD, message: 'no complete record batch in the partition data' };
  }
  if (version >= produceSingleBatchVersionMin && count > 1) {
    return {
      code: ErrorCode.INVALID_RECORD,
      message: `produce requests with version ${version} may carry exactly one record batch per partition`,
    };
  }
  return undefined;
}

function hasZstdBatch(records: Buffer): boolean {
  for (const [pos] of batchPositions(records)) {
    if ((records.readInt16BE(pos + 21) & BatchAttributes.compressionMask) === Compression.zstd) return true;
  }
  return false;
}

function duplicateRefusal(): { code: number; message: string } {
  return { code: ErrorCode.INVALID_REQUEST, message: 'the request names this topic more than once' };
}

function countNames(names: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return counts;
}

/** What CreateTopics refuses from the request alone; the controller checks it against the cluster. */
function validateCreatableTopic(
  t: CreateTopicsRequest['topics'][number],
): { code: number; message: string } | undefined {
  if (t.name === clusterMetadataTopic) {
    return {
      code: ErrorCode.INVALID_REQUEST,
      message: `creation of internal topic ${clusterMetadataTopic} is prohibited`,
    };
  }
  try {
    validateTopicName(t.name);
  } catch (err) {
    return { code: ErrorCode.INVALID_TOPIC_EXCEPTION, message: messageOf(err) };
  }
  if (t.numPartitions > partitionsPerRequestMax || t.assignments.length > partitionsPerRequestMax) {
    return {
      code: ErrorCode.POLICY_VIOLATION,
      message: `excessively large number of partitions per request (at most ${partitionsPerRequestMax})`,
    };
  }
  if (t.assignments.length > 0) {
    if (t.numPartitions !== -1 || t.replicationFactor !== -1) {
      return {
        code: ErrorCode.INVALID_REQUEST,
        message: 'both numPartitions or replicationFactor and replica assignments were set',
      };
    }
    const indexes = t.assignments.map((a) => a.partitionIndex).sort((a, b) => a - b);
    if (indexes.some((index, i) => index !== i)) {
      return {
        code: ErrorCode.INVALID_REPLICA_ASSIGNMENT,
        message: 'partitions in the assignment must be numbered 0, 1, 2... without gaps',
      };
    }
    const size = t.assignments[0]!.brokerIds.length;
    for (const a of t.assignments) {
      if (
        a.brokerIds.length === 0 ||
        a.brokerIds.length !== size ||
        new Set(a.brokerIds).size !== a.brokerIds.length
      ) {
        return {
          code: ErrorCode.INVALID_REPLICA_ASSIGNMENT,
          message: `partition ${a.partitionIndex}: every partition needs the same number of distinct replicas`,
        };
      }
    }
  } else {
    if (t.numPartitions === 0 || t.numPartitions < -1) {
      return {
        code: ErrorCode.INVALID_PARTITIONS,
        message: `number of partitions was set to ${t.numPartitions}`,
      };
    }
    if (t.replicationFactor === 0 || t.replicationFactor < -1) {
      return {
        code: ErrorCode.INVALID_REPLICATION_FACTOR,
        message: `replication factor was set to ${t.replicationFactor}`,
      };
    }
  }
  for (const c of t.configs) {
    if (c.value === null)
      return {
        code: ErrorCode.INVALID_CONFIG,
        message: `null value not supported for topic config ${c.name}`,
      };
  }
  return undefined;
}

// ------------------------------------------------------------------ Fetch slots

interface FetchSlot {
  readonly key: string;
  readonly tp: TopicPartition;
  readonly topicId: string;
  readonly request: FetchRequestFetchPartition;
  /** UNKNOWN_TOPIC_OR_PARTITION (or UNKNOWN_TOPIC_ID) from the metadata, else NONE. */
  readonly metadataError: number;
}

/** The partitions of a fetch in request order; one named twice keeps its first place and last values. */
function fetchSlots(req: FetchRequest, version: number, image: ClusterImage): FetchSlot[] {
  const slots = new Map<string, FetchSlot>();
  for (const t of req.topics) {
    const byId = version >= fetchTopicIdVersionMin;
    const topic = byId
      ? [...image.topicsById.values()].find((x) => wireUuid(x.topicId) === t.topicId)
      : image.topicsByName.get(t.topic);
    const name = byId ? (topic?.name ?? '') : t.topic;
    for (const p of t.partitions) {
      const key =
        byId && topic === undefined ? `id:${t.topicId}\u0000${p.partition}` : partitionKey(name, p.partition);
      const exists = topic?.partitions[p.partition] !== undefined;
      const metadataError = exists
        ? ErrorCode.NONE
        : byId && topic === undefined
          ? ErrorCode.UNKNOWN_TOPIC_ID
          : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
      slots.set(key, {
        key,
        tp: { topic: name, partition: p.partition },
        topicId: byId ? t.topicId : topic !== undefined ? wireUuid(topic.topicId) : zeroUuid,
        request: p,
        metadataError,
      });
    }
  }
  return [...slots.values()];
}

// ------------------------------------------------------------------ error responses

function messageOf(err: unknown): string {
  if (err instanceof KafkaError) return err.message;
  return 'unexpected server error';
}

function producePartitionError(
  index: number,
  errorCode: number,
  errorMessage: string | null,
): ProduceResponsePartitionProduceResponse {
  return {
    index,
    errorCode,
    baseOffset: unknownOffset,
    logAppendTimeMs: noTimestamp,
    logStartOffset: unknownOffset,
    recordErrors: [],
    errorMessage,
    currentLeader: { leaderId: -1, leaderEpoch: noLeaderEpoch },
  };
}

function fetchPartitionError(partitionIndex: number, errorCode: number): FetchResponsePartitionData<Records> {
  return {
    partitionIndex,
    errorCode,
    highWatermark: unknownOffset,
    lastStableOffset: unknownOffset,
    logStartOffset: unknownOffset,
    divergingEpoch: { epoch: -1, endOffset: -1 },
    currentLeader: { leaderId: -1, leaderEpoch: -1 },
    snapshotId: { endOffset: -1, epoch: -1 },
    abortedTransactions: null,
    preferredReadReplica: -1,
    records: Buffer.alloc(0),
  };
}

function fetchTopLevelError(errorCode: number): FetchResponse<Records> {
  return { throttleTimeMs: 0, errorCode, sessionId: 0, responses: [], nodeEndpoints: [] };
}

function listOffsetsError(
  partitionIndex: number,
  errorCode: number,
): ListOffsetsResponseListOffsetsPartitionResponse {
  return {
    partitionIndex,
    errorCode,
    oldStyleOffsets: [],
    timestamp: noTimestamp,
    offset: unknownOffset,
    leaderEpoch: noLeaderEpoch,
  };
}

function initProducerIdError(errorCode: number): InitProducerIdResponse {
  return { throttleTimeMs: 0, errorCode, producerId: -1, producerEpoch: -1 };
}

function apiVersionsError(errorCode: number): ApiVersionsResponse {
  return {
    errorCode,
    apiKeys: [],
    throttleTimeMs: 0,
    supportedFeatures: [],
    finalizedFeaturesEpoch: -1,
    finalizedFeatures: [],
    zkMigrationReady: false,
  };
}

function describeConfigsError(
  resource: DescribeConfigsRequestDescribeConfigsResource,
  errorCode: number,
  errorMessage: string | null,
): DescribeConfigsResponseDescribeConfigsResult {
  return {
    errorCode,
    errorMessage,
    resourceType: resource.resourceType,
    resourceName: resource.resourceName,
    configs: [],
  };
}

function offsetCommitError(req: OffsetCommitRequest, errorCode: number): OffsetCommitResponse {
  return {
    throttleTimeMs: 0,
    topics: req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })),
    })),
  };
}

/**
 * The whole-request error answer of each API (Kafka's AbstractRequest.getErrorResponse): the code on
 * every partition, topic, group or resource the request names, or at the top where the API has one.
 */
export function errorResponse(
  request: DecodedRequest,
  errorCode: number,
  errorMessage: string | null = null,
): AnyResponseBody {
  const v = request.apiVersion;
  switch (request.apiKey) {
    case 0:
      return {
        responses: request.body.topicData.map((t) => ({
          name: t.name,
          partitionResponses: t.partitionData.map((p) =>
            producePartitionError(p.index, errorCode, errorMessage),
          ),
        })),
        throttleTimeMs: 0,
        nodeEndpoints: [],
      } satisfies ProduceResponse;
    case 1:
      return {
        throttleTimeMs: 0,
        errorCode,
        sessionId: 0,
        responses: request.body.topics.map((t) => ({
          topic: t.topic,
          topicId: t.topicId,
          partitions: t.partitions.map((p) => fetchPartitionError(p.partition, errorCode)),
        })),
        nodeEndpoints: [],
      } satisfies FetchResponse<Records>;
    case 2:
      return {
        throttleTimeMs: 0,
        topics: request.body.topics.map((t) => ({
          name: t.name,
          partitions: t.partitions.map((p) => listOffsetsError(p.partitionIndex, errorCode)),
        })),
      } satisfies ListOffsetsResponse;
    case 3:
      return {
        throttleTimeMs: 0,
        brokers: [],
        clusterId: null,
        controllerId: -1,
        topics: (request.body.topics ?? []).map((t) => ({
          errorCode,
          name: t.name,
          topicId: t.topicId,
          isInternal: false,
          partitions: [],
          topicAuthorizedOperations: authorizedOperationsOmitted,
        })),
        clusterAuthorizedOperations: authorizedOperationsOmitted,
      } satisfies MetadataResponse;
    case 8:
      return offsetCommitError(request.body, errorCode);
    case 9:
      return {
        throttleTimeMs: 0,
        topics:
          v >= offsetFetchTopLevelErrorVersionMin
            ? []
            : (request.body.topics ?? []).map((t) => ({
                name: t.name,
                partitions: t.partitionIndexes.map((i) => ({
                  partitionIndex: i,
                  committedOffset: -1,
                  committedLeaderEpoch: -1,
                  metadata: '',
                  errorCode,
                })),
              })),
        errorCode,
        groups: request.body.groups.map((g) => ({ groupId: g.groupId, topics: [], errorCode })),
      } satisfies OffsetFetchResponse;
    case 10:
      return {
        throttleTimeMs: 0,
        errorCode,
        errorMessage,
        nodeId: -1,
        host: '',
        port: -1,
        coordinators: request.body.coordinatorKeys.map((key) => ({
          key,
          nodeId: -1,
          host: '',
          port: -1,
          errorCode,
          errorMessage,
        })),
      } satisfies FindCoordinatorResponse;
    case 11:
      return {
        throttleTimeMs: 0,
        errorCode,
        generationId: -1,
        protocolType: null,
        protocolName: v >= joinGroupNullableProtocolVersionMin ? null : '',
        leader: '',
        skipAssignment: false,
        memberId: '',
        members: [],
      } satisfies JoinGroupResponse;
    case 12:
      return { throttleTimeMs: 0, errorCode } satisfies HeartbeatResponse;
    case 13:
      return { throttleTimeMs: 0, errorCode, members: [] } satisfies LeaveGroupResponse;
    case 14:
      return {
        throttleTimeMs: 0,
        errorCode,
        protocolType: null,
        protocolName: null,
        assignment: Buffer.alloc(0),
      } satisfies SyncGroupResponse;
    case 15:
      return {
        throttleTimeMs: 0,
        groups: request.body.groups.map((groupId) => ({
          errorCode,
          groupId,
          groupState: '',
          protocolType: '',
          protocolData: '',
          members: [],
          authorizedOperations: authorizedOperationsOmitted,
        })),
      } satisfies DescribeGroupsResponse;
    case 16:
      return { throttleTimeMs: 0, errorCode, groups: [] } satisfies ListGroupsResponse;
    case 17:
      return { errorCode, mechanisms: [] } satisfies SaslHandshakeResponse;
    case 18:
      return apiVersionsError(errorCode);
    case 19:
      return {
        throttleTimeMs: 0,
        topics: request.body.topics.map((t) => ({
          name: t.name,
          topicId: zeroUuid,
          errorCode,
          errorMessage,
          topicConfigErrorCode: ErrorCode.NONE,
          numPartitions: -1,
          replicationFactor: -1,
          configs: null,
        })),
      } satisfies CreateTopicsResponse;
    case 20:
      return {
        throttleTimeMs: 0,
        responses:
          v >= deleteTopicsIdsVersionMin
            ? request.body.topics.map((t) => ({ name: t.name, topicId: t.topicId, errorCode, errorMessage }))
            : request.body.topicNames.map((name) => ({ name, topicId: zeroUuid, errorCode, errorMessage })),
      } satisfies DeleteTopicsResponse;
    case 21:
      return {
        throttleTimeMs: 0,
        topics: request.body.topics.map((t) => ({
          name: t.name,
          partitions: t.partitions.map((p) => ({
            partitionIndex: p.partitionIndex,
            lowWatermark: unknownOffset,
            errorCode,
          })),
        })),
      } satisfies DeleteRecordsResponse;
    case 22:
      return initProducerIdError(errorCode);
    case 23:
      return {
        throttleTimeMs: 0,
        topics: request.body.topics.map((t) => ({
          topic: t.topic,
          partitions: t.partitions.map((p) => ({
            errorCode,
            partition: p.partition,
            leaderEpoch: noLeaderEpoch,
            endOffset: unknownOffset,
          })),
        })),
      } satisfies OffsetForLeaderEpochResponse;
    case 32:
      return {
        throttleTimeMs: 0,
        results: request.body.resources.map((r) => describeConfigsError(r, errorCode, errorMessage)),
      } satisfies DescribeConfigsResponse;
    case 33:
      return {
        throttleTimeMs: 0,
        responses: request.body.resources.map((r) => ({
          errorCode,
          errorMessage,
          resourceType: r.resourceType,
          resourceName: r.resourceName,
        })),
      } satisfies AlterConfigsResponse;
    case 37:
      return {
        throttleTimeMs: 0,
        results: request.body.topics.map((t) => ({ name: t.name, errorCode, errorMessage })),
      } satisfies CreatePartitionsResponse;
    case 42:
      return {
        throttleTimeMs: 0,
        results: request.body.groupsNames.map((groupId) => ({ groupId, errorCode })),
      } satisfies DeleteGroupsResponse;
    default: {
      const unhandled: { apiKey: number } = request;
      throw new CloseConnectionError(
        ErrorCode.UNSUPPORTED_VERSION,
        `no handler for api key ${unhandled.apiKey}`,
      );
    }
  }
}
