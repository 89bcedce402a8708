/**
 * The client-side cache of cluster metadata (Java's `Metadata` / `Cluster`, KafkaJS's `cluster`):
 * brokers, and per topic its partitions with leader, leader epoch, replicas and ISR, filled from
 * Metadata responses. Producers, consumers and admin clients share the shape:
 *
 * - `partitionsFor(topic)` answers from the cache, and asks the cluster when the topic is unknown (with
 *   `allowAutoTopicCreation`, as the Java producer's `waitOnMetadata` does), retrying with
 *   `retry.backoff.ms` while the topic is being created (LEADER_NOT_AVAILABLE) or not visible yet
 *   (UNKNOWN_TOPIC_OR_PARTITION with auto-creation), up to a deadline (`max.block.ms`).
 * - `leaderFor(tp)` / `partition(tp)` read the cache synchronously (the send path must not await).
 * - `requestUpdate()` marks the cache stale (after NOT_LEADER_OR_FOLLOWER and friends);
 *   `maybeRefresh()` refreshes when stale or older than `metadata.max.age.ms`; concurrent refreshes
 *   share one request.
 * - A partition's entry only moves forward in leader epoch (KIP-320): a Metadata answer from a broker
 *   that has not heard of a leader change does not undo a newer one.
 *
 * Metadata requests go to any broker through the ConnectionPool, which this cache keeps informed of
 * the brokers' advertised addresses.
 */
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { Clock } from '../../core/io/index.ts';
import type { MetadataResponse, MetadataResponseTopic } from '../../core/protocol/index.ts';
import { ConnectionPool } from './connection-pool.ts';
import type { BrokerAddress } from './connection.ts';
import type { PartitionMetadata } from './partitioner.ts';
import type { TopicPartition } from './record-accumulator.ts';

export { ConnectionPool, bootstrapNodeId, type ConnectionPoolOptions } from './connection-pool.ts';

/** Kafka's `metadata.max.age.ms` default: refresh at least this often even without errors. */
export const metadataMaxAgeMsDefault = 300000;
/** Kafka's `retry.backoff.ms` default, used between Metadata retries. */
export const metadataRetryBackoffMsDefault = 100;
/** Kafka's `max.block.ms` default: how long `partitionsFor` waits for an unknown topic. */
export const metadataMaxBlockMsDefault = 60000;
/** Kafka's `request.timeout.ms` default for one Metadata request. */
export const metadataRequestTimeoutMsDefault = 30000;

const zeroUuid = '00000000-0000-0000-0000-000000000000';

/** One partition as the client knows it. `partitionId`, `leader`, `replicas`, `isr` feed the partitioner. */
export interface PartitionInfo extends PartitionMetadata {
  readonly topic: string;
  readonly partitionId: number;
  /** Leader node id; -1 while the partition has no leader. */
  readonly leader: number;
  /** The leader's epoch; -1 when the broker did not say (Metadata < v7). */
  readonly leaderEpoch: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
  readonly offlineReplicas: readonly number[];
  /** The partition's error in the last response (LEADER_NOT_AVAILABLE while it has no leader). */
  readonly errorCode: number;
}

/** One topic as the client knows it. */
export interface TopicInfo {
  readonly name: string;
  readonly topicId: string;
  readonly isInternal: boolean;
  /** Indexed by partition id. */
  readonly partitions: readonly PartitionInfo[];
}

export interface ClusterMetadataConfig {
  /** `metadata.max.age.ms`: the cache is refreshed when older than this. */
  readonly metadataMaxAgeMs?: number;
  /** `retry.backoff.ms`: wait between Metadata retries. */
  readonly retryBackoffMs?: number;
  /** `max.block.ms`: how long `partitionsFor` waits for a topic to appear. */
  readonly maxBlockMs?: number;
  /** `request.timeout.ms` for one Metadata request. */
  readonly requestTimeoutMs?: number;
  /**
   * `allow.auto.create.topics`: ask the broker to create a topic on first use (the broker's
   * `auto.create.topics.enable` still decides). Java's producer asks; its consumer has this key (default true).
   */
  readonly allowAutoTopicCreation?: boolean;
}

/** A topic's failure in the last Metadata response (UNKNOWN_TOPIC_OR_PARTITION, LEADER_NOT_AVAILABLE, ...). */
export interface TopicError {
  readonly topic: string;
  readonly errorCode: number;
}

function checkNonNegative(key: string, value: number): number {
  if (!Number.isFinite(value) || value < 0)
    throw new KafkaError(ErrorCode.INVALID_CONFIG, `${key} must be >= 0, got ${value}`);
  return value;
}

/** Topic-level errors after which the topic may still appear: retry rather than fail. */
function isTransientTopicError(errorCode: number, autoCreate: boolean): boolean {
  if (errorCode === ErrorCode.LEADER_NOT_AVAILABLE) return true;
  if (errorCode === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) return autoCreate;
  return new KafkaError(errorCode).retriable;
}

export class ClusterMetadata {
  readonly metadataMaxAgeMs: number;
  readonly retryBackoffMs: number;
  readonly maxBlockMs: number;
  readonly requestTimeoutMs: number;
  readonly allowAutoTopicCreation: boolean;
  /** The pool Metadata requests go through; it learns the brokers' addresses from this cache. */
  readonly pool: ConnectionPool;

  private readonly clock: Clock;
  private readonly brokersById = new Map<number, BrokerAddress & { rack: string | null }>();
  private readonly topics = new Map<string, TopicInfo>();
  private readonly topicErrors = new Map<string, number>();
  /** Topics this client uses; a plain `refresh()` asks for these. */
  private readonly tracked = new Set<string>();
  private clusterIdValue: string | null = null;
  private controllerIdValue = -1;
  private lastRefreshMs = -Infinity;
  private updateRequested = false;
  private versionValue = 0;
  /** The refresh in flight, and the topics it asks for (null: all topics). */
  private inFlight: { promise: Promise<void>; topics: ReadonlySet<string> | null } | undefined;

  constructor(pool: ConnectionPool, clock: Clock, config: ClusterMetadataConfig = {}) {
    this.pool = pool;
    this.clock = clock;
    this.metadataMaxAgeMs = checkNonNegative(
      'metadata.max.age.ms',
      config.metadataMaxAgeMs ?? metadataMaxAgeMsDefault,
    );
    this.retryBackoffMs = checkNonNegative(
      'retry.backoff.ms',
      config.retryBackoffMs ?? metadataRetryBackoffMsDefault,
    );
    this.maxBlockMs = checkNonNegative('max.block.ms', config.maxBlockMs ?? metadataMaxBlockMsDefault);
    this.requestTimeoutMs = checkNonNegative(
      'request.timeout.ms',
      config.requestTimeoutMs ?? metadataRequestTimeoutMsDefault,
    );
    this.allowAutoTopicCreation = config.allowAutoTopicCreation ?? true;
  }

  /** Increases with every applied Metadata response (a cheap "did anything change since" check). */
  get version(): number {
    return this.versionValue;
  }

  get clusterId(): string | null {
    return this.clusterIdValue;
  }

  /** The controller's node id (-1 when unknown); admin requests like CreateTopics go there. */
  get controllerId(): number {
    return this.controllerIdValue;
  }

  /** When the cache was last filled (Clock ms), -Infinity before the first response. */
  get lastRefreshTimeMs(): number {
    return this.lastRefreshMs;
  }

  /** The brokers of the last response. */
  brokers(): readonly (BrokerAddress & { readonly rack: string | null })[] {
    return [...this.brokersById.values()];
  }

  broker(nodeId: number): (BrokerAddress & { readonly rack: string | null }) | undefined {
    return this.brokersById.get(nodeId);
  }

  /** The cached topic, or undefined when not (yet) known. */
  topic(name: string): TopicInfo | undefined {
    return this.topics.get(name);
  }

  /** Names of the topics in the cache. */
  topicNames(): string[] {
    return [...this.topics.keys()];
  }

  /** The error the last response gave for a topic, if any. */
  topicError(name: string): TopicError | undefined {
    const errorCode = this.topicErrors.get(name);
    return errorCode === undefined ? undefined : { topic: name, errorCode };
  }

  /** The cached partition, or undefined. */
  partition(tp: TopicPartition): PartitionInfo | undefined {
    return this.topics.get(tp.topic)?.partitions[tp.partition];
  }

  /** The cached leader's node id; undefined when the partition is unknown or has no leader now. */
  leaderFor(tp: TopicPartition): number | undefined {
    const p = this.partition(tp);
    return p === undefined || p.leader < 0 ? undefined : p.leader;
  }

  /** Adds topics to the set a plain `refresh()` asks for. */
  track(topics: Iterable<string>): void {
    for (const t of topics) this.tracked.add(t);
  }

  /** `track([topic])` without the array: the producer calls it whenever a send names another topic. */
  trackTopic(topic: string): void {
    this.tracked.add(topic);
  }

  /** Stops asking for a topic (and forgets it). */
  untrack(topic: string): void {
    this.tracked.delete(topic);
    this.topics.delete(topic);
    this.topicErrors.delete(topic);
  }

  trackedTopics(): string[] {
    return [...this.tracked];
  }

  /** Marks the cache stale: the next `maybeRefresh` asks the cluster (Java's `requestUpdate`). */
  requestUpdate(): void {
    this.updateRequested = true;
  }

  /** Whether `maybeRefresh` would ask the cluster now. */
  needsRefresh(nowMs: number = this.clock.now()): boolean {
    return this.updateRequested || nowMs - this.lastRefreshMs >= this.metadataMaxAgeMs;
  }

  /** How long until the cache is too old (0 when a refresh is due). */
  timeToNextRefreshMs(nowMs: number = this.clock.now()): number {
    if (this.updateRequested) return 0;
    return Math.max(0, this.lastRefreshMs + this.metadataMaxAgeMs - nowMs);
  }

  /** Refreshes the tracked topics if an update was requested or the cache is older than max age. */
  async maybeRefresh(): Promise<void> {
    if (this.needsRefresh()) await this.refresh();
  }

  /**
   * Asks a broker for metadata and applies the answer. `topics` undefined: the tracked topics; an
   * array: those (they become tracked) and the tracked ones; null: every topic of the cluster (the
   * cache then holds exactly the cluster's topics). While a refresh is in flight that covers the
   * topics, callers share it. Rejects with the transport's KafkaError (the cache stays as it was).
   */
  async refresh(topics?: readonly string[] | null): Promise<void> {
    if (topics !== undefined && topics !== null) this.track(topics);
    const wanted: ReadonlySet<string> | null = topics === null ? null : new Set(this.tracked);
    // Share a refresh in flight when it asks for everything we want; otherwise wait for it and send ours.
    for (;;) {
      const current = this.inFlight;
      if (current === undefined) break;
      if (covers(current.topics, wanted)) return current.promise;
      await current.promise.catch(() => undefined);
    }
    const promise = this.fetch(wanted);
    const entry = { promise, topics: wanted };
    this.inFlight = entry;
    try {
      await promise;
    } finally {
      if (this.inFlight === entry) this.inFlight = undefined;
    }
  }

  /**
   * The partitions of `topic`, asking the cluster when the cache does not know it (Java's
   * `KafkaProducer.partitionsFor` / `waitOnMetadata`). Retries after `retry.backoff.ms` while the
   * topic is being created or a broker is unreachable; fails after `max.block.ms` with the last error
   * (the topic's error, e.g. UNKNOWN_TOPIC_OR_PARTITION, or REQUEST_TIMED_OUT), and at once for
   * non-retriable topic errors (TOPIC_AUTHORIZATION_FAILED, INVALID_TOPIC_EXCEPTION).
   */
  async partitionsFor(topic: string, maxWaitMs: number = this.maxBlockMs): Promise<readonly PartitionInfo[]> {
    const cached = this.topics.get(topic);
    if (cached !== undefined && cached.partitions.length > 0) {
      this.tracked.add(topic);
      return cached.partitions;
    }
    const deadline = this.clock.now() + maxWaitMs;
    for (;;) {
      let lastError: KafkaError;
      try {
        await this.refresh([topic]);
      } catch (e) {
        // The request failed (no broker reachable, timeout): retriable ones are retried until the deadline.
        if (!(e instanceof KafkaError) || !e.retriable) throw e;
        lastError = e;
      }
      const info = this.topics.get(topic);
      if (info !== undefined && info.partitions.length > 0) return info.partitions;
      lastError ??= new KafkaError(
        this.topicErrors.get(topic) ?? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
        `topic ${topic}`,
      );
      if (!isTransientTopicError(lastError.code, this.allowAutoTopicCreation)) throw lastError;
      const remainingMs = deadline - this.clock.now();
      if (remainingMs <= 0)
        throw new KafkaError(
          lastError.code === ErrorCode.NONE ? ErrorCode.REQUEST_TIMED_OUT : lastError.code,
          `topic ${topic} not present in metadata after ${maxWaitMs} ms (${lastError.message})`,
        );
      await sleep(this.clock, Math.min(this.retryBackoffMs, remainingMs));
    }
  }

  /**
   * Applies a leader learned outside Metadata (a Produce or Fetch response's `currentLeader`, KIP-951),
   * if it is newer than the cached one. Returns whether the cache changed.
   */
  updateLeader(tp: TopicPartition, leader: number, leaderEpoch: number): boolean {
    const info = this.topics.get(tp.topic);
    const p = info?.partitions[tp.partition];
    if (info === undefined || p === undefined || leaderEpoch <= p.leaderEpoch) return false;
    const partitions = info.partitions.slice();
    partitions[tp.partition] = { ...p, leader, leaderEpoch };
    this.topics.set(tp.topic, { ...info, partitions });
    this.versionValue++;
    return true;
  }

  /** Applies a Metadata response (exposed so a caller that sent its own Metadata request can share it). */
  apply(response: MetadataResponse, requested: ReadonlySet<string> | null): void {
    const brokers: BrokerAddress[] = [];
    this.brokersById.clear();
    for (const b of response.brokers) {
      const address = { nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack };
      this.brokersById.set(b.nodeId, address);
      brokers.push(address);
    }
    this.pool.updateBrokers(brokers);
    this.clusterIdValue = response.clusterId;
    this.controllerIdValue = response.controllerId;
    if (requested === null) {
      // A full listing: topics the cluster no longer has leave the cache.
      const present = new Set<string>();
      for (const t of response.topics) if (t.name !== null) present.add(t.name);
      for (const name of [...this.topics.keys()]) if (!present.has(name)) this.topics.delete(name);
    }
    for (const t of response.topics) this.applyTopic(t);
    this.lastRefreshMs = this.clock.now();
    this.updateRequested = false;
    this.versionValue++;
  }

  private applyTopic(t: MetadataResponseTopic): void {
    const name = t.name;
    if (name === null) return; // a topic-id-only answer (Metadata v12 by id): we always ask by name
    if (t.errorCode !== ErrorCode.NONE) {
      this.topicErrors.set(name, t.errorCode);
      // While a topic is being created it may still list partitions; otherwise it is gone.
      if (t.partitions.length === 0) {
        this.topics.delete(name);
        return;
      }
    } else {
      this.topicErrors.delete(name);
    }
    const previous = this.topics.get(name);
    const partitions: PartitionInfo[] = [];
    for (const p of t.partitions) {
      const old = previous?.partitions[p.partitionIndex];
      // KIP-320: never step back to an older leader epoch (a stale broker's view).
      if (old !== undefined && p.leaderEpoch >= 0 && old.leaderEpoch > p.leaderEpoch) {
        partitions[p.partitionIndex] = old;
        continue;
      }
      partitions[p.partitionIndex] = {
        topic: name,
        partitionId: p.partitionIndex,
        leader: p.errorCode === ErrorCode.LEADER_NOT_AVAILABLE ? -1 : p.leaderId,
        leaderEpoch: p.leaderEpoch,
        replicas: p.replicaNodes,
        isr: p.isrNodes,
        offlineReplicas: p.offlineReplicas,
        errorCode: p.errorCode,
      };
    }
    // A response missing some partition ids would leave holes; the partitioner needs a dense array.
    for (let i = 0; i < partitions.length; i++)
      if (partitions[i] === undefined)
        partitions[i] = {
          topic: name,
          partitionId: i,
          leader: -1,
          leaderEpoch: -1,
          replicas: [],
          isr: [],
          offlineReplicas: [],
          errorCode: ErrorCode.LEADER_NOT_AVAILABLE,
        };
    this.topics.set(name, { name, topicId: t.topicId, isInternal: t.isInternal, partitions });
  }

  private async fetch(topics: ReadonlySet<string> | null): Promise<void> {
    const conn = await this.pool.any();
    const response = await conn.send(
      3,
      {
        topics: topics === null ? null : [...topics].map((name) => ({ topicId: zeroUuid, name })),
        allowAutoTopicCreation: this.allowAutoTopicCreation,
        includeClusterAuthorizedOperations: false,
        includeTopicAuthorizedOperations: false,
      },
      { timeoutMs: this.requestTimeoutMs },
    );
    this.apply(response, topics);
  }
}

/** Whether a refresh asking for `have` answers a caller wanting `want` (null: all topics). */
function covers(have: ReadonlySet<string> | null, want: ReadonlySet<string> | null): boolean {
  if (have === null) return true;
  if (want === null) return false;
  for (const t of want) if (!have.has(t)) return false;
  return true;
}

/** Waits `ms` on the Clock port (so a SimulatedClock drives retries in tests). */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}
