/**
 * The consumer's side of the classic group protocol (Java's ConsumerCoordinator + AbstractCoordinator):
 *
 * - FindCoordinator, then JoinGroup (with the KIP-394 MEMBER_ID_REQUIRED round trip) and SyncGroup; the
 *   leader runs the selected assignor over every member's subscription and sends the assignments.
 * - Heartbeats on the Clock every `heartbeat.interval.ms` while the member is stable. REBALANCE_IN_PROGRESS
 *   asks for a rejoin; UNKNOWN_MEMBER_ID / ILLEGAL_GENERATION reset the generation first (the partitions
 *   are then lost, not revoked: another member may already own them, so nothing is committed for them).
 *   A member whose application has not polled for `max.poll.interval.ms` leaves the group.
 * - Everything that changes which partitions the application owns runs inside poll() (or commit/close),
 *   between two batches, never in the background: the application never has records of a partition in
 *   hand that has silently moved away. Eager: before rejoining, commit (auto-commit) and revoke all;
 *   cooperative (KIP-429): keep what stays, commit and revoke only what moves, then rejoin once more.
 * - OffsetCommit / OffsetFetch with the group's generation; auto-commit from poll().
 * - Static membership (`group.instance.id`, KIP-345): no MEMBER_ID_REQUIRED round trip, and close()
 *   does not leave the group, so a restart within the session keeps the assignment.
 *
 * Group requests go over their own connection (a second ConnectionPool), so a JoinGroup parked at the
 * coordinator for the length of a rebalance never holds up fetches to the same broker.
 */
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import type { Timer } from '../../../core/io/index.ts';
import type {
  JoinGroupResponse,
  OffsetCommitRequestTopic,
  OffsetFetchResponse,
  SyncGroupRequestAssignment,
} from '../../../core/protocol/index.ts';
import {
  RebalanceProtocol,
  assignGroup,
  decodeAssignmentBytes,
  decodeSubscriptionBytes,
  type Assignor,
} from '../assignors/index.ts';
import type { BrokerConnection } from '../connection.ts';
import type { ConnectionPool } from '../metadata.ts';
import type { ConsumerContext } from './consumer-context.ts';
import {
  sortPartitions,
  tpKey,
  type OffsetAndMetadata,
  type TopicPartition,
  type TopicPartitionOffset,
} from './consumer-record.ts';
import { CommitFailedError, IllegalStateError, NoOffsetForPartitionError, timeoutError } from './errors.ts';
import type { Fetcher } from './fetcher.ts';
import type { PartitionState } from './subscription-state.ts';
import { sleep } from './wakeup.ts';

/** Java's ConsumerRebalanceListener. Listeners run inside poll() (or commit/close) and may be async. */
export interface RebalanceListener {
  /** After a rebalance: the partitions newly given to this member (cooperative) or all of them (eager). */
  onPartitionsAssigned?(partitions: TopicPartition[]): void | Promise<void>;
  /** Before partitions move away, while they can still be committed. */
  onPartitionsRevoked?(partitions: TopicPartition[]): void | Promise<void>;
  /**
   * The member fell out of the group (session expired, fenced): the partitions may already belong to
   * someone else, so do not commit. Defaults to onPartitionsRevoked, as in Java.
   */
  onPartitionsLost?(partitions: TopicPartition[]): void | Promise<void>;
}

/** Java's MemberState. */
export type MemberState = 'UNJOINED' | 'PREPARING_REBALANCE' | 'COMPLETING_REBALANCE' | 'STABLE';

/** Java's ConsumerGroupMetadata: what a transactional producer needs to commit offsets for the group. */
export interface ConsumerGroupMetadata {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
}

/** Counters for what the group member handles without telling the application. */
export interface CoordinatorStats {
  joins: number;
  syncs: number;
  heartbeats: number;
  heartbeatFailures: number;
  commits: number;
  autoCommitFailures: number;
  coordinatorLookups: number;
  rebalances: number;
  listenerErrors: number;
}

type JoinOutcome =
  | {
      readonly kind: 'joined';
      readonly generationId: number;
      readonly memberId: string;
      readonly protocolName: string;
      readonly assignment: Buffer;
    }
  /** The generation was reset mid-join: poll() must run the lost-partitions step, then join again. */
  | { readonly kind: 'rejoin' };

const protocolType = 'consumer';
/** Java adds this to the rebalance timeout for the JoinGroup request timeout. */
const joinRequestSlackMs = 5000;
/** Errors after which the coordinator must be looked up again. */
const coordinatorErrors: ReadonlySet<number> = new Set([
  ErrorCode.NOT_COORDINATOR,
  ErrorCode.COORDINATOR_NOT_AVAILABLE,
]);
/** Join/sync errors no retry can fix. */
const fatalGroupErrors: ReadonlySet<number> = new Set([
  ErrorCode.FENCED_INSTANCE_ID,
  ErrorCode.INVALID_SESSION_TIMEOUT,
  ErrorCode.INCONSISTENT_GROUP_PROTOCOL,
  ErrorCode.GROUP_AUTHORIZATION_FAILED,
  ErrorCode.INVALID_GROUP_ID,
  ErrorCode.GROUP_MAX_SIZE_REACHED,
  ErrorCode.UNSUPPORTED_VERSION,
]);

export class ConsumerCoordinator<K, V> {
  readonly groupId: string;
  readonly stats: CoordinatorStats = {
    joins: 0,
    syncs: 0,
    heartbeats: 0,
    heartbeatFailures: 0,
    commits: 0,
    autoCommitFailures: 0,
    coordinatorLookups: 0,
    rebalances: 0,
    listenerErrors: 0,
  };
  private readonly ctx: ConsumerContext<K, V>;
  private readonly coordinatorPool: ConnectionPool;
  private readonly fetcher: Fetcher<K, V>;
  private readonly listeners: () => readonly RebalanceListener[];

  private memberIdValue = '';
  private generationIdValue = -1;
  private protocolNameValue: string | null = null;
  private isLeaderValue = false;
  private stateValue: MemberState = 'UNJOINED';
  private rejoinNeeded = true;
  private coordinatorNode: number | null = null;
  private lookup: Promise<number> | null = null;
  private joinTask: Promise<void> | null = null;
  private joinOutcome: JoinOutcome | null = null;
  private fatal: KafkaError | undefined;
  private heartbeatTimer: Timer | null = null;
  private heartbeatInFlight = false;
  private lastPollMs: number;
  private nextAutoCommitMs: number;
  private autoCommitInFlight = false;
  /** Partition counts the leader assigned from; a change means a rebalance. */
  private assignedFromCounts: Map<string, number> | null = null;
  private committedFetch: Promise<void> | null = null;
  private metadataVersionSeen = -1;

  constructor(
    ctx: ConsumerContext<K, V>,
    groupId: string,
    coordinatorPool: ConnectionPool,
    fetcher: Fetcher<K, V>,
    listeners: () => readonly RebalanceListener[],
  ) {
    this.ctx = ctx;
    this.groupId = groupId;
    this.coordinatorPool = coordinatorPool;
    this.fetcher = fetcher;
    this.listeners = listeners;
    this.lastPollMs = ctx.clock.now();
    this.nextAutoCommitMs = ctx.clock.now() + ctx.config.autoCommitIntervalMs;
  }

  get state(): MemberState {
    return this.stateValue;
  }

  get memberId(): string {
    return this.memberIdValue;
  }

  get generationId(): number {
    return this.generationIdValue;
  }

  get isLeader(): boolean {
    return this.isLeaderValue;
  }

  get protocolName(): string | null {
    return this.protocolNameValue;
  }

  groupMetadata(): ConsumerGroupMetadata {
    return {
      groupId: this.groupId,
      generationId: this.generationIdValue,
      memberId: this.memberIdValue,
      groupInstanceId: this.ctx.config.groupInstanceId,
    };
  }

  /** Whether a rebalance step is waiting for poll() (poll must not sleep through it). */
  get needsPoll(): boolean {
    return this.joinOutcome !== null || (this.rejoinNeeded && this.joinTask === null && this.wantsGroup());
  }

  private wantsGroup(): boolean {
    return this.ctx.subscriptions.hasAutoAssignedPartitions && !this.ctx.isClosed();
  }

  private get rebalanceProtocol(): string {
    return this.ctx.config.rebalanceProtocol;
  }

  requestRejoin(): void {
    this.rejoinNeeded = true;
    this.ctx.wakeup.notify();
  }

  private throwFatal(): void {
    if (this.fatal !== undefined) throw this.fatal;
  }

  // ------------------------------------------------------------------ poll

  /**
   * The group's share of poll(): applies a finished rebalance, starts the next one when needed (after
   * the eager revocation), fetches committed offsets for new partitions, and auto-commits.
   */
  async poll(): Promise<void> {
    this.throwFatal();
    this.lastPollMs = this.ctx.clock.now();
    const subs = this.ctx.subscriptions;
    if (subs.hasAutoAssignedPartitions) {
      this.checkMetadataForRebalance();
      const outcome = this.joinOutcome;
      if (outcome !== null) {
        this.joinOutcome = null;
        if (outcome.kind === 'joined') await this.onJoinComplete(outcome);
      }
      if (this.rejoinNeeded && this.joinTask === null && !this.ctx.isClosed()) {
        await this.onJoinPrepare();
        this.startJoin();
      }
    }
    this.maybeAutoCommit();
  }

  /** Pattern subscriptions follow the cluster's topics; the leader rebalances when partition counts change. */
  private checkMetadataForRebalance(): void {
    const { metadata, subscriptions } = this.ctx;
    if (metadata.version === this.metadataVersionSeen) return;
    this.metadataVersionSeen = metadata.version;
    const pattern = subscriptions.pattern;
    if (pattern !== null) {
      const matched = metadata.topicNames().filter((t) => {
        pattern.lastIndex = 0;
        return !(metadata.topic(t)?.isInternal ?? false) && pattern.test(t);
      });
      if (subscriptions.changeSubscription(matched)) {
        metadata.track(matched);
        this.requestRejoin();
      }
    }
    const counts = this.assignedFromCounts;
    if (this.isLeaderValue && counts !== null && this.stateValue === 'STABLE') {
      for (const topic of subscriptions.groupSubscription()) {
        const info = metadata.topic(topic);
        if (info === undefined) continue;
        if (counts.get(topic) !== info.partitions.length) {
          this.requestRejoin();
          return;
        }
      }
    }
  }

  // ------------------------------------------------------------------ rebalance steps (in poll)

  private async onJoinPrepare(): Promise<void> {
    const subs = this.ctx.subscriptions;
    const owned = subs.assignedPartitions();
    this.stats.rebalances++;
    if (this.generationIdValue < 0) {
      // Fell out of the group: the partitions may be someone else's already.
      if (owned.length > 0) {
        await this.invokeLost(owned);
        subs.assignFromSubscribed([]);
      }
    } else if (this.rebalanceProtocol === RebalanceProtocol.eager) {
      if (owned.length > 0) {
        await this.commitBeforeRevocation(owned);
        await this.invokeRevoked(owned);
      }
      subs.assignFromSubscribed([]);
    } else {
      // Cooperative: keep everything except partitions of topics no longer subscribed.
      const dropped = owned.filter((tp) => !subs.isSubscribedTo(tp.topic));
      if (dropped.length > 0) {
        await this.commitBeforeRevocation(dropped);
        await this.invokeRevoked(dropped);
        const keep = new Set(dropped.map((tp) => tpKey(tp.topic, tp.partition)));
        subs.assignFromSubscribed(owned.filter((tp) => !keep.has(tpKey(tp.topic, tp.partition))));
      }
    }
    this.fetcher.clearBufferedDataForUnassignedPartitions();
    this.isLeaderValue = false;
    this.assignedFromCounts = null;
  }

  private async onJoinComplete(outcome: Extract<JoinOutcome, { kind: 'joined' }>): Promise<void> {
    const subs = this.ctx.subscriptions;
    if (!subs.hasAutoAssignedPartitions) return;
    let assigned: TopicPartition[];
    try {
      const assignment = decodeAssignmentBytes(outcome.assignment);
      assigned = assignment.assignedPartitions.flatMap((t) =>
        t.partitions.map((partition) => ({ topic: t.topic, partition })),
      );
      // Java's ConsumerPartitionAssignor.onAssignment: the chosen assignor reads its userData.
      const assignor = this.ctx.config.assignors.find((a: Assignor) => a.name === outcome.protocolName);
      assignor?.onAssignment?.(assignment, outcome.generationId);
    } catch (e) {
      // A leader sent bytes we cannot read: ask for another generation rather than consume nothing.
      this.requestRejoin();
      throw e instanceof KafkaError ? e : new KafkaError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, String(e));
    }
    assigned = sortPartitions(assigned);
    this.ctx.metadata.track(new Set(assigned.map((tp) => tp.topic)));
    if (this.rebalanceProtocol === RebalanceProtocol.eager) {
      subs.assignFromSubscribed(assigned);
      await this.invokeAssigned(assigned);
      return;
    }
    const owned = subs.assignedPartitions();
    const assignedKeys = new Set(assigned.map((tp) => tpKey(tp.topic, tp.partition)));
    const ownedKeys = new Set(owned.map((tp) => tpKey(tp.topic, tp.partition)));
    const revoked = owned.filter((tp) => !assignedKeys.has(tpKey(tp.topic, tp.partition)));
    const added = assigned.filter((tp) => !ownedKeys.has(tpKey(tp.topic, tp.partition)));
    if (revoked.length > 0) {
      for (const tp of revoked) subs.assignedState(tp).pendingRevocation = true;
      await this.commitBeforeRevocation(revoked);
      await this.invokeRevoked(revoked);
      // KIP-429: the revoked partitions are handed to their new owner in a follow-up rebalance.
      this.requestRejoin();
    }
    subs.assignFromSubscribed(assigned);
    this.fetcher.clearBufferedDataForUnassignedPartitions();
    await this.invokeAssigned(added);
  }

  private async commitBeforeRevocation(partitions: readonly TopicPartition[]): Promise<void> {
    if (!this.ctx.config.enableAutoCommit) return;
    const offsets = this.positionsOf(partitions);
    if (offsets.length === 0) return;
    try {
      await this.commitOffsets(offsets, this.ctx.config.defaultApiTimeoutMs);
    } catch {
      // The group moved on without us (or the coordinator is gone): the next owner re-reads from the
      // last commit, which is at-least-once. Counted, not thrown: the rebalance must go on.
      this.stats.autoCommitFailures++;
    }
  }

  private positionsOf(partitions: readonly TopicPartition[]): TopicPartitionOffset[] {
    const out: TopicPartitionOffset[] = [];
    for (const tp of partitions) {
      const s = this.ctx.subscriptions.state(tp);
      if (s?.position != null)
        out.push({ ...tp, offset: s.position.offset, leaderEpoch: s.position.offsetEpoch });
    }
    return out;
  }

  private async invokeAssigned(partitions: TopicPartition[]): Promise<void> {
    for (const l of this.listeners()) await this.runListener(() => l.onPartitionsAssigned?.(partitions));
  }

  private async invokeRevoked(partitions: TopicPartition[]): Promise<void> {
    for (const l of this.listeners()) await this.runListener(() => l.onPartitionsRevoked?.(partitions));
  }

  private async invokeLost(partitions: TopicPartition[]): Promise<void> {
    for (const l of this.listeners()) {
      await this.runListener(() =>
        l.onPartitionsLost !== undefined
          ? l.onPartitionsLost(partitions)
          : l.onPartitionsRevoked?.(partitions),
      );
    }
  }

  /** Runs a listener; its error is rethrown from poll() once the rebalance step is done (as Java). */
  private async runListener(fn: () => void | Promise<void> | undefined): Promise<void> {
    try {
      await fn();
    } catch (e) {
      this.stats.listenerErrors++;
      this.reportOnce(e);
    }
  }

  /** An error for the application's next poll (thrown once; the first one wins). */
  private oneShotError: unknown;

  private reportOnce(error: unknown): void {
    this.oneShotError ??= error;
    this.ctx.wakeup.notify();
  }

  /** Throws (once) the error a rebalance listener, a join or an offset look-up left for the application. */
  throwReportedError(): void {
    const e = this.oneShotError;
    if (e === undefined) return;
    this.oneShotError = undefined;
    throw e;
  }

  // ------------------------------------------------------------------ join and sync (background)

  private startJoin(): void {
    this.rejoinNeeded = false;
    this.stopHeartbeats();
    const task = this.joinGroup().then(
      (outcome) => {
        this.joinOutcome = outcome;
      },
      (error: unknown) => {
        if (this.ctx.isClosed()) return;
        const e =
          error instanceof KafkaError ? error : new KafkaError(ErrorCode.UNKNOWN_SERVER_ERROR, String(error));
        // A fenced static member must stop; other failures are reported once and the next poll rejoins.
        if (e.code === ErrorCode.FENCED_INSTANCE_ID) this.fatal ??= e;
        else this.reportOnce(e);
        this.rejoinNeeded = true;
      },
    );
    this.joinTask = task.finally(() => {
      this.joinTask = null;
      this.ctx.wakeup.notify();
    });
  }

  /** Whether a join is running (poll waits for it rather than returning at once). */
  get joining(): boolean {
    return this.joinTask !== null;
  }

  private async joinGroup(): Promise<JoinOutcome> {
    const { config } = this.ctx;
    for (;;) {
      if (this.ctx.isClosed())
        throw new KafkaError(ErrorCode.NETWORK_EXCEPTION, 'consumer closed during a rebalance');
      let conn: BrokerConnection;
      try {
        conn = await this.coordinatorConnection(Number.POSITIVE_INFINITY);
      } catch (e) {
        if (e instanceof KafkaError && !e.retriable) throw e;
        await sleep(this.ctx.clock, config.retryBackoffMs);
        continue;
      }
      this.stateValue = 'PREPARING_REBALANCE';
      this.stats.joins++;
      let join: JoinGroupResponse;
      try {
        join = await conn.send(
          11,
          {
            groupId: this.groupId,
            sessionTimeoutMs: config.sessionTimeoutMs,
            rebalanceTimeoutMs: config.maxPollIntervalMs,
            memberId: this.memberIdValue,
            groupInstanceId: config.groupInstanceId,
            protocolType,
            protocols: this.joinProtocols(),
            reason: null,
          },
          { timeoutMs: Math.max(config.requestTimeoutMs, config.maxPollIntervalMs + joinRequestSlackMs) },
        );
      } catch (e) {
        await this.onRequestFailure(e);
        continue;
      }
      switch (join.errorCode) {
        case ErrorCode.NONE:
          break;
        case ErrorCode.MEMBER_ID_REQUIRED:
          this.memberIdValue = join.memberId; // KIP-394: join again at once with the id we were given
          continue;
        case ErrorCode.UNKNOWN_MEMBER_ID:
        case ErrorCode.ILLEGAL_GENERATION:
          this.resetGeneration(join.errorCode === ErrorCode.UNKNOWN_MEMBER_ID, false);
          if (this.ctx.subscriptions.size > 0) return { kind: 'rejoin' };
          continue;
        case ErrorCode.REBALANCE_IN_PROGRESS:
          continue;
        case ErrorCode.COORDINATOR_LOAD_IN_PROGRESS:
          await sleep(this.ctx.clock, config.retryBackoffMs);
          continue;
        default:
          if (coordinatorErrors.has(join.errorCode)) {
            this.markCoordinatorUnknown();
            await sleep(this.ctx.clock, config.retryBackoffMs);
            continue;
          }
          this.stateValue = 'UNJOINED';
          throw new KafkaError(join.errorCode, `JoinGroup for group ${this.groupId}`);
      }
      this.memberIdValue = join.memberId;
      this.generationIdValue = join.generationId;
      this.protocolNameValue = join.protocolName;
      this.isLeaderValue = join.leader === join.memberId;
      this.stateValue = 'COMPLETING_REBALANCE';
      const outcome = await this.syncGroup(conn, join);
      if (outcome !== undefined) return outcome;
    }
  }

  /** SyncGroup; resolves the outcome, or undefined to join again. */
  private async syncGroup(conn: BrokerConnection, join: JoinGroupResponse): Promise<JoinOutcome | undefined> {
    const { config } = this.ctx;
    let assignments: SyncGroupRequestAssignment[] = [];
    if (this.isLeaderValue) assignments = await this.performAssignment(join);
    this.stats.syncs++;
    let sync;
    try {
      sync = await conn.send(
        14,
        {
          groupId: this.groupId,
          generationId: join.generationId,
          memberId: join.memberId,
          groupInstanceId: config.groupInstanceId,
          protocolType,
          protocolName: join.protocolName,
          assignments,
        },
        { timeoutMs: Math.max(config.requestTimeoutMs, config.maxPollIntervalMs + joinRequestSlackMs) },
      );
    } catch (e) {
      await this.onRequestFailure(e);
      return undefined;
    }
    switch (sync.errorCode) {
      case ErrorCode.NONE:
        this.stateValue = 'STABLE';
        this.startHeartbeats();
        return {
          kind: 'joined',
          generationId: join.generationId,
          memberId: join.memberId,
          protocolName: join.protocolName ?? '',
          assignment: sync.assignment,
        };
      case ErrorCode.REBALANCE_IN_PROGRESS:
        return undefined;
      case ErrorCode.UNKNOWN_MEMBER_ID:
      case ErrorCode.ILLEGAL_GENERATION:
        this.resetGeneration(sync.errorCode === ErrorCode.UNKNOWN_MEMBER_ID, false);
        return this.ctx.subscriptions.size > 0 ? { kind: 'rejoin' } : undefined;
      default:
        if (coordinatorErrors.has(sync.errorCode)) {
          this.markCoordinatorUnknown();
          await sleep(this.ctx.clock, config.retryBackoffMs);
          return undefined;
        }
        if (!fatalGroupErrors.has(sync.errorCode) && new KafkaError(sync.errorCode).retriable) {
          await sleep(this.ctx.clock, config.retryBackoffMs);
          return undefined;
        }
        this.stateValue = 'UNJOINED';
        throw new KafkaError(sync.errorCode, `SyncGroup for group ${this.groupId}`);
    }
  }

  private joinProtocols(): { name: string; metadata: Buffer }[] {
    const subs = this.ctx.subscriptions;
    const cooperative = this.rebalanceProtocol === RebalanceProtocol.cooperative;
    const owned = new Map<string, number[]>();
    for (const tp of subs.assignedPartitions()) {
      const list = owned.get(tp.topic);
      if (list === undefined) owned.set(tp.topic, [tp.partition]);
      else list.push(tp.partition);
    }
    return this.ctx.config.assignors.map((a: Assignor) => ({
      name: a.name,
      metadata: a.protocolMetadata({
        topics: subs.subscription(),
        ownedPartitions: cooperative ? [...owned].map(([topic, partitions]) => ({ topic, partitions })) : [],
        generationId: cooperative ? this.generationIdValue : -1,
        rackId: this.ctx.config.clientRack,
      }),
    }));
  }

  /** The leader's step: every member's subscription, the partition counts, the chosen assignor. */
  private async performAssignment(join: JoinGroupResponse): Promise<SyncGroupRequestAssignment[]> {
    const { metadata, config } = this.ctx;
    const assignor = config.assignors.find((a) => a.name === join.protocolName);
    if (assignor === undefined)
      throw new KafkaError(
        ErrorCode.INCONSISTENT_GROUP_PROTOCOL,
        `the group chose unknown assignor ${join.protocolName}`,
      );
    const topics = new Set<string>();
    for (const m of join.members) for (const t of decodeSubscriptionBytes(m.metadata).topics) topics.add(t);
    this.ctx.subscriptions.setGroupSubscription(topics);
    try {
      await metadata.refresh([...topics]);
    } catch {
      // Assign from what the cache knows; a later metadata change triggers another rebalance.
    }
    const counts = new Map<string, number>();
    for (const t of topics) {
      const info = metadata.topic(t);
      if (info !== undefined && info.partitions.length > 0) counts.set(t, info.partitions.length);
    }
    this.assignedFromCounts = counts;
    const encoded = assignGroup(
      assignor,
      join.members.map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        metadata: m.metadata,
      })),
      counts,
    );
    return [...encoded].map(([memberId, assignment]) => ({ memberId, assignment }));
  }

  private async onRequestFailure(error: unknown): Promise<void> {
    if (error instanceof KafkaError && !error.retriable) throw error;
    this.markCoordinatorUnknown();
    await sleep(this.ctx.clock, this.ctx.config.retryBackoffMs);
  }

  /** Java's resetGenerationOnResponseError: the member must rejoin; its partitions are lost. */
  private resetGeneration(resetMemberId: boolean, rejoin = true): void {
    this.generationIdValue = -1;
    this.protocolNameValue = null;
    this.isLeaderValue = false;
    if (resetMemberId) this.memberIdValue = '';
    this.stateValue = 'UNJOINED';
    this.stopHeartbeats();
    // Inside a join the loop joins again itself (or hands back 'rejoin'); elsewhere poll() must.
    if (rejoin) this.requestRejoin();
  }

  // ------------------------------------------------------------------ coordinator discovery

  /** The coordinator's connection, looking the coordinator up first when unknown. */
  private async coordinatorConnection(timeoutMs: number): Promise<BrokerConnection> {
    const nodeId = await this.ensureCoordinatorReady(timeoutMs);
    try {
      return await this.coordinatorPool.get(nodeId);
    } catch (e) {
      this.markCoordinatorUnknown();
      throw e;
    }
  }

  private ensureCoordinatorReady(timeoutMs: number): Promise<number> {
    if (this.coordinatorNode !== null) return Promise.resolve(this.coordinatorNode);
    this.lookup ??= this.lookupCoordinator(timeoutMs).finally(() => {
      this.lookup = null;
    });
    return this.lookup;
  }

  private async lookupCoordinator(timeoutMs: number): Promise<number> {
    const { clock, config, pool } = this.ctx;
    const deadline = clock.now() + timeoutMs;
    for (;;) {
      if (this.ctx.isClosed()) throw new KafkaError(ErrorCode.NETWORK_EXCEPTION, 'the consumer is closed');
      this.stats.coordinatorLookups++;
      let errorCode: number;
      let detail = '';
      try {
        const conn = await pool.any();
        const r = await conn.send(
          10,
          { key: this.groupId, keyType: 0, coordinatorKeys: [this.groupId] },
          { timeoutMs: config.requestTimeoutMs },
        );
        const c = r.coordinators.length > 0 ? r.coordinators[0]! : r;
        errorCode = c.errorCode;
        if (errorCode === ErrorCode.NONE) {
          this.coordinatorPool.updateBrokers([{ nodeId: c.nodeId, host: c.host, port: c.port }]);
          this.coordinatorNode = c.nodeId;
          return c.nodeId;
        }
        detail = c.errorMessage ?? '';
      } catch (e) {
        if (e instanceof KafkaError && !e.retriable) throw e;
        errorCode = e instanceof KafkaError ? e.code : ErrorCode.NETWORK_EXCEPTION;
      }
      const error = new KafkaError(errorCode, `FindCoordinator for group ${this.groupId} ${detail}`.trim());
      if (!error.retriable) throw error;
      const left = deadline - clock.now();
      if (left <= 0) throw error;
      await sleep(clock, Math.min(config.retryBackoffMs, left));
    }
  }

  markCoordinatorUnknown(): void {
    if (this.coordinatorNode === null) return;
    this.coordinatorPool.drop(this.coordinatorNode);
    this.coordinatorNode = null;
  }

  get coordinatorId(): number | null {
    return this.coordinatorNode;
  }

  // ------------------------------------------------------------------ heartbeats

  private startHeartbeats(): void {
    this.stopHeartbeats();
    this.heartbeatTimer = this.ctx.clock.setTimeout(
      () => this.heartbeatTick(),
      this.ctx.config.heartbeatIntervalMs,
    );
  }

  private stopHeartbeats(): void {
    this.heartbeatTimer?.cancel();
    this.heartbeatTimer = null;
  }

  private heartbeatTick(): void {
    this.heartbeatTimer = null;
    if (this.ctx.isClosed() || this.stateValue !== 'STABLE') return;
    const { clock, config } = this.ctx;
    if (clock.now() - this.lastPollMs > config.maxPollIntervalMs) {
      // The application stopped polling: leave, so the group reassigns its partitions (Java does this).
      void this.maybeLeaveGroup('consumer poll timeout has expired').finally(() => this.requestRejoin());
      return;
    }
    this.heartbeatTimer = clock.setTimeout(() => this.heartbeatTick(), config.heartbeatIntervalMs);
    if (this.heartbeatInFlight) return;
    this.heartbeatInFlight = true;
    const generationId = this.generationIdValue;
    this.sendHeartbeat(generationId).finally(() => {
      this.heartbeatInFlight = false;
      this.ctx.wakeup.notify();
    });
  }

  private async sendHeartbeat(generationId: number): Promise<void> {
    const { config } = this.ctx;
    this.stats.heartbeats++;
    let errorCode: number;
    try {
      const conn = await this.coordinatorConnection(config.requestTimeoutMs);
      const r = await conn.send(
        12,
        {
          groupId: this.groupId,
          generationId,
          memberId: this.memberIdValue,
          groupInstanceId: config.groupInstanceId,
        },
        { timeoutMs: config.requestTimeoutMs },
      );
      errorCode = r.errorCode;
    } catch (e) {
      this.stats.heartbeatFailures++;
      if (e instanceof KafkaError && !e.retriable) this.fatal ??= e;
      this.markCoordinatorUnknown();
      return;
    }
    // An answer for a generation we have since left says nothing about the current one.
    if (generationId !== this.generationIdValue || this.stateValue !== 'STABLE') return;
    switch (errorCode) {
      case ErrorCode.NONE:
        return;
      case ErrorCode.REBALANCE_IN_PROGRESS:
        this.requestRejoin();
        return;
      case ErrorCode.ILLEGAL_GENERATION:
      case ErrorCode.UNKNOWN_MEMBER_ID:
        this.stats.heartbeatFailures++;
        this.resetGeneration(errorCode === ErrorCode.UNKNOWN_MEMBER_ID);
        return;
      case ErrorCode.FENCED_INSTANCE_ID:
        this.stats.heartbeatFailures++;
        this.fatal ??= new KafkaError(errorCode, `group.instance.id ${config.groupInstanceId} was fenced`);
        this.stopHeartbeats();
        this.ctx.wakeup.notify();
        return;
      default:
        this.stats.heartbeatFailures++;
        if (coordinatorErrors.has(errorCode) || errorCode === ErrorCode.NETWORK_EXCEPTION)
          this.markCoordinatorUnknown();
    }
  }

  // ------------------------------------------------------------------ leaving

  /** Sends LeaveGroup (dynamic members only) and forgets the generation. */
  async maybeLeaveGroup(reason: string): Promise<void> {
    const leaving = this.memberIdValue;
    const dynamic = this.ctx.config.groupInstanceId === null;
    this.stopHeartbeats();
    this.generationIdValue = -1;
    this.protocolNameValue = null;
    this.isLeaderValue = false;
    this.stateValue = 'UNJOINED';
    if (dynamic) this.memberIdValue = '';
    if (!dynamic || leaving === '' || this.coordinatorNode === null) return;
    try {
      const conn = await this.coordinatorPool.get(this.coordinatorNode);
      await conn.send(
        13,
        {
          groupId: this.groupId,
          memberId: leaving,
          members: [{ memberId: leaving, groupInstanceId: null, reason }],
        },
        { timeoutMs: this.ctx.config.requestTimeoutMs },
      );
    } catch {
      // Best effort: the session timeout removes the member anyway.
      this.stats.heartbeatFailures++;
    }
  }

  /**
   * Java's onLeavePrepare + maybeLeaveGroup (close, unsubscribe): revoke (or, when the generation is gone,
   * lose) the owned partitions, then leave.
   */
  async leave(reason: string): Promise<void> {
    const subs = this.ctx.subscriptions;
    if (subs.hasAutoAssignedPartitions) {
      const owned = subs.assignedPartitions();
      if (owned.length > 0) {
        if (this.generationIdValue >= 0) await this.invokeRevoked(owned);
        else await this.invokeLost(owned);
      }
    }
    if (this.memberIdValue !== '') await this.maybeLeaveGroup(reason);
    this.stopHeartbeats();
    this.rejoinNeeded = true;
  }

  // ------------------------------------------------------------------ offsets

  /**
   * Commits offsets (OffsetCommit) and waits for the answer, retrying coordinator moves until
   * `timeoutMs`. Throws CommitFailedError when the group no longer accepts this member's commits.
   */
  async commitOffsets(offsets: readonly TopicPartitionOffset[], timeoutMs: number): Promise<void> {
    this.throwFatal();
    if (offsets.length === 0) return;
    const { clock, config, subscriptions } = this.ctx;
    const deadline = clock.now() + timeoutMs;
    for (;;) {
      let generationId = -1;
      let memberId = '';
      if (subscriptions.hasAutoAssignedPartitions) {
        if (this.generationIdValue < 0 || this.stateValue === 'UNJOINED')
          throw new CommitFailedError(
            ErrorCode.UNKNOWN_MEMBER_ID,
            'the consumer is not part of an active group generation (a rebalance reassigned its partitions)',
          );
        generationId = this.generationIdValue;
        memberId = this.memberIdValue;
      }
      const topics = new Map<string, OffsetCommitRequestTopic>();
      for (const o of offsets) {
        let t = topics.get(o.topic);
        if (t === undefined) topics.set(o.topic, (t = { name: o.topic, partitions: [] }));
        t.partitions.push({
          partitionIndex: o.partition,
          committedOffset: o.offset,
          committedLeaderEpoch: o.leaderEpoch ?? -1,
          commitTimestamp: -1,
          committedMetadata: o.metadata ?? '',
        });
      }
      let retryError: KafkaError | undefined;
      try {
        const conn = await this.coordinatorConnection(Math.max(0, deadline - clock.now()));
        this.stats.commits++;
        const r = await conn.send(
          8,
          {
            groupId: this.groupId,
            generationIdOrMemberEpoch: generationId,
            memberId,
            groupInstanceId: generationId < 0 ? null : config.groupInstanceId,
            retentionTimeMs: -1,
            topics: [...topics.values()],
          },
          { timeoutMs: config.requestTimeoutMs },
        );
        for (const t of r.topics) {
          for (const p of t.partitions) {
            const code = p.errorCode;
            if (code === ErrorCode.NONE) continue;
            const where = `${t.name}-${p.partitionIndex}`;
            switch (code) {
              case ErrorCode.REBALANCE_IN_PROGRESS:
                this.requestRejoin();
                throw new CommitFailedError(code, `group ${this.groupId} is rebalancing (${where})`);
              case ErrorCode.UNKNOWN_MEMBER_ID:
              case ErrorCode.ILLEGAL_GENERATION:
                if (generationId === this.generationIdValue && generationId >= 0)
                  this.resetGeneration(code === ErrorCode.UNKNOWN_MEMBER_ID);
                throw new CommitFailedError(
                  code,
                  `generation ${generationId} of group ${this.groupId} is over`,
                );
              case ErrorCode.FENCED_INSTANCE_ID:
                this.fatal ??= new KafkaError(code, `group.instance.id ${config.groupInstanceId} was fenced`);
                throw this.fatal;
              default: {
                const error = new KafkaError(code, `OffsetCommit ${where} for group ${this.groupId}`);
                if (!error.retriable) throw error;
                if (coordinatorErrors.has(code)) this.markCoordinatorUnknown();
                retryError = error;
              }
            }
          }
        }
        if (retryError === undefined) return;
      } catch (e) {
        if (!(e instanceof KafkaError) || !e.retriable) throw e;
        this.markCoordinatorUnknown();
        retryError = e;
      }
      const left = deadline - clock.now();
      if (left <= 0)
        throw new KafkaError(
          retryError.code,
          `${timeoutError('commit', timeoutMs).message}: ${retryError.message}`,
        );
      await sleep(clock, Math.min(config.retryBackoffMs, left));
    }
  }

  /** The group's committed offsets (OffsetFetch); null for partitions without a commit. */
  async fetchCommittedOffsets(
    partitions: readonly TopicPartition[],
    timeoutMs: number,
  ): Promise<Map<string, OffsetAndMetadata | null>> {
    this.throwFatal();
    const { clock, config } = this.ctx;
    const deadline = clock.now() + timeoutMs;
    const byTopic = new Map<string, number[]>();
    for (const tp of partitions) {
      const list = byTopic.get(tp.topic);
      if (list === undefined) byTopic.set(tp.topic, [tp.partition]);
      else list.push(tp.partition);
    }
    const topics = [...byTopic].map(([name, partitionIndexes]) => ({ name, partitionIndexes }));
    for (;;) {
      let retryError: KafkaError;
      try {
        const conn = await this.coordinatorConnection(Math.max(0, deadline - clock.now()));
        const r = await conn.send(
          9,
          {
            groupId: this.groupId,
            topics,
            groups: [{ groupId: this.groupId, memberId: null, memberEpoch: -1, topics }],
            requireStable: true,
          },
          { timeoutMs: config.requestTimeoutMs },
        );
        const result = this.readOffsetFetch(r);
        if (result instanceof KafkaError) {
          if (!result.retriable) throw result;
          if (coordinatorErrors.has(result.code)) this.markCoordinatorUnknown();
          retryError = result;
        } else {
          return result;
        }
      } catch (e) {
        if (!(e instanceof KafkaError) || !e.retriable) throw e;
        this.markCoordinatorUnknown();
        retryError = e;
      }
      const left = deadline - clock.now();
      if (left <= 0)
        throw new KafkaError(
          retryError.code,
          `${timeoutError('fetching committed offsets', timeoutMs).message}: ${retryError.message}`,
        );
      await sleep(clock, Math.min(config.retryBackoffMs, left));
    }
  }

  private readOffsetFetch(r: OffsetFetchResponse): Map<string, OffsetAndMetadata | null> | KafkaError {
    const group = r.groups.find((g) => g.groupId === this.groupId);
    const errorCode = group !== undefined ? group.errorCode : r.errorCode;
    if (errorCode !== ErrorCode.NONE)
      return new KafkaError(errorCode, `OffsetFetch for group ${this.groupId}`);
    const topics = group !== undefined ? group.topics : r.topics;
    const out = new Map<string, OffsetAndMetadata | null>();
    for (const t of topics) {
      for (const p of t.partitions) {
        if (p.errorCode !== ErrorCode.NONE) {
          if (p.errorCode === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) {
            out.set(tpKey(t.name, p.partitionIndex), null);
            continue;
          }
          return new KafkaError(
            p.errorCode,
            `OffsetFetch ${t.name}-${p.partitionIndex} for group ${this.groupId}`,
          );
        }
        out.set(
          tpKey(t.name, p.partitionIndex),
          p.committedOffset < 0
            ? null
            : { offset: p.committedOffset, metadata: p.metadata ?? '', leaderEpoch: p.committedLeaderEpoch },
        );
      }
    }
    return out;
  }

  /**
   * New partitions start at the group's committed offset, or by `auto.offset.reset` without one
   * (NoOffsetForPartitionError for `none`, thrown from the next poll). Runs in the background.
   */
  refreshCommittedOffsetsIfNeeded(): void {
    if (this.committedFetch !== null) return;
    const initializing = this.ctx.subscriptions.initializingPartitions();
    if (initializing.length === 0) return;
    const versions = new Map<PartitionState, number>(initializing.map((s) => [s, s.positionVersion]));
    this.committedFetch = this.fetchCommittedOffsets(
      initializing.map((s) => s.tp),
      this.ctx.config.defaultApiTimeoutMs,
    )
      .then(
        (committed) => {
          const missing: TopicPartition[] = [];
          for (const [state, version] of versions) {
            const stillInitializing =
              this.ctx.subscriptions.stateByKey(state.key) === state &&
              state.positionVersion === version &&
              state.position === null &&
              state.resetStrategy === null;
            if (!stillInitializing) continue;
            const c = committed.get(state.key) ?? null;
            if (c !== null) {
              this.ctx.subscriptions.seek(state.tp, { offset: c.offset, offsetEpoch: c.leaderEpoch ?? -1 });
            } else if (this.ctx.config.autoOffsetReset === 'none') {
              missing.push(state.tp);
            } else {
              this.ctx.subscriptions.requestOffsetReset(state.tp, this.ctx.config.autoOffsetReset);
            }
          }
          if (missing.length > 0) this.reportOnce(new NoOffsetForPartitionError(missing));
        },
        (error: unknown) => {
          // Retriable failures are retried by the next poll; others go to the application.
          if (!(error instanceof KafkaError) || !error.retriable) this.reportOnce(error);
        },
      )
      .finally(() => {
        this.committedFetch = null;
        this.ctx.wakeup.notify();
      });
  }

  // ------------------------------------------------------------------ auto-commit

  private maybeAutoCommit(): void {
    const { config, clock, subscriptions } = this.ctx;
    if (!config.enableAutoCommit) return;
    const now = clock.now();
    if (now < this.nextAutoCommitMs) return;
    this.nextAutoCommitMs = now + config.autoCommitIntervalMs;
    if (this.autoCommitInFlight) return;
    if (
      subscriptions.hasAutoAssignedPartitions &&
      (this.stateValue !== 'STABLE' || this.joinOutcome !== null)
    )
      return;
    const offsets = [...subscriptions.allConsumed().values()].map(({ tp, position }) => ({
      ...tp,
      offset: position.offset,
      leaderEpoch: position.offsetEpoch,
    }));
    if (offsets.length === 0) return;
    this.autoCommitInFlight = true;
    this.commitOffsets(offsets, config.defaultApiTimeoutMs)
      .catch(() => {
        this.stats.autoCommitFailures++;
      })
      .finally(() => {
        this.autoCommitInFlight = false;
      });
  }

  /** Auto-commit's share of close(): commits every position and waits. */
  async commitAllSync(timeoutMs: number): Promise<void> {
    const offsets = [...this.ctx.subscriptions.allConsumed().values()].map(({ tp, position }) => ({
      ...tp,
      offset: position.offset,
      leaderEpoch: position.offsetEpoch,
    }));
    await this.commitOffsets(offsets, timeoutMs);
  }

  /** Stops timers; the consumer is closing. */
  close(): void {
    this.stopHeartbeats();
  }

  /** Throws if a partition argument is not in this consumer's assignment (Java's IllegalStateException). */
  static checkAssigned(assigned: (tp: TopicPartition) => boolean, tps: readonly TopicPartition[]): void {
    for (const tp of tps)
      if (!assigned(tp))
        throw new IllegalStateError(`no current assignment for partition ${tp.topic}-${tp.partition}`);
  }
}
