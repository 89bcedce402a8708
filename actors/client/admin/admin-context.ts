/**
 * What every admin operation shares: the configuration, the clock, the connection pool and metadata
 * cache, and the routing of requests to the controller (CreateTopics, DeleteTopics,
 * CreatePartitions), to partition leaders (ListOffsets, DeleteRecords), to group coordinators
 * (DescribeGroups, DeleteGroups, OffsetFetch, OffsetCommit, found with FindCoordinator) or to a given
 * broker.
 *
 * Admin calls read metadata fresh (Java's admin client keeps no long-lived view either): a call that
 * needs a leader asks for the topics' metadata in every round, so a retry after
 * NOT_LEADER_OR_FOLLOWER goes to the new leader.
 */
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import type { Clock } from '../../../core/io/index.ts';
import type {
  MetadataResponse,
  MetadataResponseTopic,
  RequestInputByKey,
  ResponseBodyByKey,
} from '../../../core/protocol/index.ts';
import type { ConnectionPool } from '../connection-pool.ts';
import type { BrokerConnection } from '../connection.ts';
import type { ClusterMetadata } from '../metadata.ts';
import { AdminCall, done, failed, retry, type Outcome } from './admin-call.ts';
import type { AdminConfig } from './admin-config.ts';
import { label, resourceError } from './admin-error.ts';

const zeroUuid = '00000000-0000-0000-0000-000000000000';

/** Coordinator errors after which the group's coordinator must be looked up again. */
const coordinatorMovedCodes: ReadonlySet<number> = new Set([
  ErrorCode.NOT_COORDINATOR,
  ErrorCode.COORDINATOR_NOT_AVAILABLE,
]);

/** Partition errors from a leader that a retry after a metadata refresh can cure. */
const leaderRetriableCodes: ReadonlySet<number> = new Set([
  ErrorCode.NOT_LEADER_OR_FOLLOWER,
  ErrorCode.LEADER_NOT_AVAILABLE,
  // The leader has not heard of a partition the metadata already lists: it will.
  ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
  ErrorCode.FENCED_LEADER_EPOCH,
  ErrorCode.UNKNOWN_LEADER_EPOCH,
  ErrorCode.OFFSET_NOT_AVAILABLE,
  ErrorCode.REPLICA_NOT_AVAILABLE,
  ErrorCode.KAFKA_STORAGE_ERROR,
  ErrorCode.REQUEST_TIMED_OUT,
  ErrorCode.NOT_ENOUGH_REPLICAS,
]);

/** An outcome for a group's error code: done never (the caller handles NONE), retry or fail. */
export function groupErrorOutcome<R>(ctx: AdminContext, groupId: string, errorCode: number): Outcome<R> {
  const error = resourceError(errorCode, label.group(groupId));
  if (coordinatorMovedCodes.has(errorCode)) {
    ctx.forgetCoordinator(groupId);
    return retry(error);
  }
  if (errorCode === ErrorCode.COORDINATOR_LOAD_IN_PROGRESS) return retry(error);
  return failed(error);
}

/** An outcome for a partition's error code from its leader: retry (after a metadata refresh) or fail. */
export function leaderErrorOutcome<R>(
  ctx: AdminContext,
  topic: string,
  partition: number,
  errorCode: number,
  message?: string | null,
): Outcome<R> {
  const error = resourceError(errorCode, label.partition(topic, partition), message);
  if (!leaderRetriableCodes.has(errorCode)) return failed(error);
  ctx.metadata.requestUpdate();
  return retry(error);
}

/** A partition routed to its leader. */
export interface RoutedPartition<I> {
  readonly item: I;
  readonly leader: number;
  readonly leaderEpoch: number;
}

export class AdminContext {
  readonly config: AdminConfig;
  readonly clock: Clock;
  readonly pool: ConnectionPool;
  readonly metadata: ClusterMetadata;
  /** Group id -> coordinator node id, from FindCoordinator; dropped on NOT_COORDINATOR. */
  private readonly coordinators = new Map<string, number>();
  private closedFlag = false;

  constructor(config: AdminConfig, clock: Clock, pool: ConnectionPool, metadata: ClusterMetadata) {
    this.config = config;
    this.clock = clock;
    this.pool = pool;
    this.metadata = metadata;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  close(): void {
    this.closedFlag = true;
    this.pool.close();
  }

  /** Fails (not retriably) once the client is closed. */
  checkOpen(): void {
    if (this.closedFlag) throw new KafkaError(ErrorCode.INVALID_REQUEST, 'the admin client is closed');
  }

  /** A new call with its own deadline. */
  newCall(name: string, timeoutMs: number | undefined): AdminCall {
    this.checkOpen();
    return new AdminCall(name, this.clock, this.config, timeoutMs ?? this.config.defaultApiTimeoutMs);
  }

  // ---------------------------------------------------------------- connections

  async any(): Promise<BrokerConnection> {
    this.checkOpen();
    return this.pool.any();
  }

  /** The connection to a broker, learning its address from metadata first if need be. */
  async node(call: AdminCall, nodeId: number): Promise<BrokerConnection> {
    this.checkOpen();
    if (this.pool.addressOf(nodeId) === undefined) await this.fetchMetadata(call, []);
    return this.pool.get(nodeId);
  }

  /**
   * Sends a controller-bound request (real Kafka wants them at the controller; our brokers forward
   * them). Metadata is refreshed first when the controller is unknown or after NOT_CONTROLLER; a
   * transport failure marks it stale too, so the retry looks for the controller again.
   */
  async sendToController<K extends 19 | 20 | 37>(
    call: AdminCall,
    apiKey: K,
    body: (timeoutMs: number) => RequestInputByKey[K],
  ): Promise<ResponseBodyByKey[K]> {
    this.checkOpen();
    try {
      if (this.metadata.controllerId < 0 || this.metadata.needsRefresh()) await this.fetchMetadata(call, []);
      const id = this.metadata.controllerId;
      const conn = id < 0 ? await this.pool.any() : await this.pool.get(id);
      const timeoutMs = call.requestTimeoutMs();
      return await conn.send(apiKey, body(timeoutMs), { timeoutMs });
    } catch (e) {
      if (e instanceof KafkaError && e.retriable) this.metadata.requestUpdate();
      throw e;
    }
  }

  // ---------------------------------------------------------------- metadata

  /** Metadata request body: `null` asks for every topic, `[]` for none (brokers only). */
  private metadataBody(topics: readonly string[] | null): {
    topics: { topicId: string; name: string }[] | null;
    allowAutoTopicCreation: boolean;
    includeClusterAuthorizedOperations: boolean;
    includeTopicAuthorizedOperations: boolean;
  } {
    return {
      topics: topics === null ? null : topics.map((name) => ({ topicId: zeroUuid, name })),
      allowAutoTopicCreation: false,
      includeClusterAuthorizedOperations: false,
      includeTopicAuthorizedOperations: false,
    };
  }

  /** Asks one broker for metadata (without touching the cache). */
  async metadataFrom(
    conn: BrokerConnection,
    call: AdminCall,
    topics: readonly string[] | null,
  ): Promise<MetadataResponse> {
    return conn.send(3, this.metadataBody(topics), { timeoutMs: call.requestTimeoutMs() });
  }

  /** Asks any broker for metadata of `topics` (null: all) and updates the shared cache with the answer. */
  async fetchMetadata(call: AdminCall, topics: readonly string[] | null): Promise<MetadataResponse> {
    const conn = await this.any();
    const response = await this.metadataFrom(conn, call, topics);
    this.metadata.apply(response, topics === null ? null : new Set(topics));
    return response;
  }

  /**
   * Routes partitions to their leaders from fresh metadata. A partition of an unknown topic, or beyond
   * the topic's partitions, fails with UNKNOWN_TOPIC_OR_PARTITION; one without a leader is retried.
   */
  async routeToLeaders<I, R>(
    call: AdminCall,
    pending: readonly I[],
    tpOf: (item: I) => { readonly topic: string; readonly partition: number },
    keyOf: (item: I) => string,
  ): Promise<{ routed: RoutedPartition<I>[]; outcomes: Map<string, Outcome<R>> }> {
    const topics = [...new Set(pending.map((i) => tpOf(i).topic))];
    const response = await this.fetchMetadata(call, topics);
    const byName = new Map<string, MetadataResponseTopic>();
    for (const t of response.topics) if (t.name !== null) byName.set(t.name, t);
    const routed: RoutedPartition<I>[] = [];
    const outcomes = new Map<string, Outcome<R>>();
    for (const item of pending) {
      const { topic, partition } = tpOf(item);
      const t = byName.get(topic);
      const where = label.partition(topic, partition);
      if (t === undefined || t.errorCode === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) {
        outcomes.set(
          keyOf(item),
          failed(
            resourceError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, where, `topic '${topic}' does not exist`),
          ),
        );
        continue;
      }
      if (t.errorCode !== ErrorCode.NONE) {
        const error = resourceError(t.errorCode, where);
        outcomes.set(keyOf(item), error.retriable ? retry(error) : failed(error));
        continue;
      }
      const p = t.partitions.find((x) => x.partitionIndex === partition);
      if (p === undefined) {
        outcomes.set(
          keyOf(item),
          failed(
            resourceError(
              ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
              where,
              `topic '${topic}' has ${t.partitions.length} partition(s)`,
            ),
          ),
        );
        continue;
      }
      if (p.leaderId < 0 || p.errorCode === ErrorCode.LEADER_NOT_AVAILABLE) {
        outcomes.set(keyOf(item), retry(resourceError(ErrorCode.LEADER_NOT_AVAILABLE, where)));
        continue;
      }
      routed.push({ item, leader: p.leaderId, leaderEpoch: p.leaderEpoch });
    }
    return { routed, outcomes };
  }

  /**
   * Sends one request per node concurrently and merges the outcomes. A node whose request fails as a
   * whole gives every one of its items that failure: retried when retriable (the connection dropped,
   * the request timed out), failed otherwise.
   */
  async perNode<I, R>(
    call: AdminCall,
    byNode: ReadonlyMap<number, readonly I[]>,
    keyOf: (item: I) => string,
    send: (conn: BrokerConnection, items: readonly I[]) => Promise<ReadonlyMap<string, Outcome<R>>>,
    onNodeFailure?: (nodeId: number, items: readonly I[]) => void,
  ): Promise<Map<string, Outcome<R>>> {
    const merged = new Map<string, Outcome<R>>();
    await Promise.all(
      [...byNode].map(async ([nodeId, items]) => {
        let outcomes: ReadonlyMap<string, Outcome<R>>;
        try {
          const conn = await this.node(call, nodeId);
          outcomes = await send(conn, items);
        } catch (e) {
          if (!(e instanceof KafkaError)) throw e;
          onNodeFailure?.(nodeId, items);
          const outcome: Outcome<R> = e.retriable ? retry(e) : failed(e);
          outcomes = new Map(items.map((i) => [keyOf(i), outcome]));
        }
        for (const [k, o] of outcomes) merged.set(k, o);
      }),
    );
    return merged;
  }

  // ---------------------------------------------------------------- group coordinators

  forgetCoordinator(groupId: string): void {
    this.coordinators.delete(groupId);
  }

  /**
   * Each group's coordinator node, from the cache or FindCoordinator (one batched request on brokers
   * with FindCoordinator v4+, one request per group before). COORDINATOR_NOT_AVAILABLE (the offsets
   * topic is being created or loaded) is retried; other errors fail the group.
   */
  async findCoordinators(
    call: AdminCall,
    groupIds: readonly string[],
  ): Promise<Map<string, Outcome<number>>> {
    const out = new Map<string, Outcome<number>>();
    const unknown: string[] = [];
    for (const g of groupIds) {
      const node = this.coordinators.get(g);
      if (node !== undefined) out.set(g, done(node));
      else unknown.push(g);
    }
    if (unknown.length === 0) return out;
    const conn = await this.any();
    const answers: { key: string; nodeId: number; errorCode: number; errorMessage: string | null }[] = [];
    if (conn.versionFor(10) >= 4) {
      const r = await conn.send(
        10,
        { key: '', keyType: 0, coordinatorKeys: unknown },
        { timeoutMs: call.requestTimeoutMs() },
      );
      answers.push(...r.coordinators);
    } else {
      for (const key of unknown) {
        const r = await conn.send(
          10,
          { key, keyType: 0, coordinatorKeys: [key] },
          { timeoutMs: call.requestTimeoutMs() },
        );
        answers.push({ key, nodeId: r.nodeId, errorCode: r.errorCode, errorMessage: r.errorMessage });
      }
    }
    for (const a of answers) {
      if (a.errorCode === ErrorCode.NONE) {
        this.coordinators.set(a.key, a.nodeId);
        out.set(a.key, done(a.nodeId));
        continue;
      }
      const error = resourceError(a.errorCode, label.group(a.key), a.errorMessage);
      const retriable =
        a.errorCode === ErrorCode.COORDINATOR_NOT_AVAILABLE ||
        a.errorCode === ErrorCode.COORDINATOR_LOAD_IN_PROGRESS ||
        a.errorCode === ErrorCode.NOT_COORDINATOR;
      out.set(a.key, retriable ? retry(error) : failed(error));
    }
    return out;
  }

  /**
   * Groups routed to their coordinators: the groups by node, and outcomes for the groups whose
   * coordinator could not be found this round.
   */
  async routeToCoordinators<R>(
    call: AdminCall,
    groupIds: readonly string[],
  ): Promise<{ byNode: Map<number, string[]>; outcomes: Map<string, Outcome<R>> }> {
    const found = await this.findCoordinators(call, groupIds);
    const byNode = new Map<number, string[]>();
    const outcomes = new Map<string, Outcome<R>>();
    for (const g of groupIds) {
      const o = found.get(g);
      if (o === undefined) {
        outcomes.set(
          g,
          failed(resourceError(ErrorCode.UNKNOWN_SERVER_ERROR, label.group(g), 'no coordinator answer')),
        );
      } else if (o.kind === 'done') {
        const list = byNode.get(o.value) ?? [];
        list.push(g);
        byNode.set(o.value, list);
      } else outcomes.set(g, o);
    }
    return { byNode, outcomes };
  }

  // ---------------------------------------------------------------- waiting for metadata to spread

  /**
   * Resolves once every live broker's metadata satisfies `ready` for each topic (a created topic with
   * leaders everywhere, a deleted one gone everywhere), polling with the call's backoff; fails with
   * REQUEST_TIMED_OUT naming the topics when the call runs out of time. A broker that cannot be reached
   * is skipped: it answers nobody, stale or not.
   */
  async awaitOnAllBrokers(
    call: AdminCall,
    topics: readonly string[],
    ready: (topic: string, t: MetadataResponseTopic | undefined) => boolean,
    what: string,
  ): Promise<void> {
    if (topics.length === 0) return;
    for (;;) {
      call.startAttempt();
      const notReady = new Set<string>();
      try {
        const first = await this.fetchMetadata(call, topics);
        for (const b of first.brokers) {
          let conn: BrokerConnection;
          try {
            conn = await this.node(call, b.nodeId);
          } catch (e) {
            if (e instanceof KafkaError && e.retriable) continue;
            throw e;
          }
          const r = await this.metadataFrom(conn, call, topics);
          for (const name of topics) {
            if (
              !ready(
                name,
                r.topics.find((t) => t.name === name),
              )
            )
              notReady.add(name);
          }
        }
      } catch (e) {
        if (!(e instanceof KafkaError) || !e.retriable) throw e;
        for (const t of topics) notReady.add(t);
      }
      if (notReady.size === 0) return;
      if (!(await call.backoff())) {
        throw new KafkaError(
          ErrorCode.REQUEST_TIMED_OUT,
          `${call.name}: ${what} not seen on every broker in time for ${[...notReady].map(label.topic).join(', ')}`,
        );
      }
    }
  }
}
