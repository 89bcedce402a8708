import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { Clock, Random, Timer } from '../../core/io/index.ts';
import type {
  DescribeGroupsRequest,
  DescribeGroupsResponse,
  DescribeGroupsResponseDescribedGroup,
  HeartbeatRequest,
  HeartbeatResponse,
  JoinGroupRequest,
  JoinGroupResponse,
  LeaveGroupRequest,
  LeaveGroupResponse,
  LeaveGroupResponseMemberResponse,
  ListGroupsRequest,
  ListGroupsResponse,
  OffsetCommitRequest,
  OffsetCommitResponse,
  OffsetFetchRequest,
  OffsetFetchResponse,
  OffsetFetchResponsePartition,
  OffsetFetchResponseTopic,
  SyncGroupRequest,
  SyncGroupResponse,
} from '../../core/protocol/index.ts';
import { encodeRecordBatch, type RecordInput } from '../../core/records/index.ts';
import { ConsumerGroup, GroupMember } from './consumer-group.ts';
import { offsetsTopicNumPartitionsDefault, partitionFor } from './group-partition.ts';
import {
  groupMetadataRecord,
  offsetCommitRecord,
  offsetKey,
  replayOffsetsPartition,
  splitOffsetKey,
  type CommittedOffset,
  type OffsetsLogReader,
} from './offsets-records.ts';

/** The group coordinator's broker configs, under Kafka's names, with Kafka's defaults. */
export interface GroupCoordinatorConfig {
  'offsets.topic.num.partitions': number;
  'group.initial.rebalance.delay.ms': number;
  'group.min.session.timeout.ms': number;
  'group.max.session.timeout.ms': number;
  'offsets.retention.minutes': number;
  'offsets.retention.check.interval.ms': number;
  'offset.metadata.max.bytes': number;
}

export const groupCoordinatorConfigDefaults: Readonly<GroupCoordinatorConfig> = Object.freeze({
  'offsets.topic.num.partitions': offsetsTopicNumPartitionsDefault,
  'group.initial.rebalance.delay.ms': 3000,
  'group.min.session.timeout.ms': 6000,
  'group.max.session.timeout.ms': 1_800_000,
  'offsets.retention.minutes': 7 * 24 * 60,
  'offsets.retention.check.interval.ms': 600_000,
  'offset.metadata.max.bytes': 4096,
});

/** Appends one record batch to a `__consumer_offsets` partition; resolves once it is durable (acked). */
export type AppendToOffsetsTopic = (partition: number, batch: Buffer) => Promise<void>;

export interface GroupCoordinatorOptions {
  readonly clock: Clock;
  readonly random: Random;
  readonly appendToOffsetsTopic: AppendToOffsetsTopic;
  readonly config?: Partial<GroupCoordinatorConfig>;
}

/** Per-request facts from the request header and connection. */
export interface GroupRequestContext {
  readonly apiVersion: number;
  readonly clientId: string;
  readonly clientHost: string;
}

/** DeleteGroups (api key 42) has no generated codec yet: its body, as the handler sees it. */
export interface DeleteGroupsResult {
  readonly groupId: string;
  readonly errorCode: number;
}

/** Counters for what the coordinator cannot report to a client. */
export interface GroupCoordinatorStats {
  /** Group-metadata or tombstone appends that failed outside a request (the state stays in memory). */
  backgroundAppendFailures: number;
  rebalancesCompleted: number;
  membersExpired: number;
  offsetsExpired: number;
}

type PartitionLoad = { readonly state: 'loading' | 'loaded'; readonly token: object };

const noBytes = Buffer.alloc(0);
/** JoinGroup v0 has no rebalance timeout: the session timeout plays both roles. */
const joinRebalanceTimeoutVersionMin = 1;
/** KIP-394: JoinGroup v4+ answers an empty member id with MEMBER_ID_REQUIRED. */
const joinMemberIdRequiredVersionMin = 4;
/** JoinGroup v7+ may answer a null protocol name. */
const joinProtocolNameNullableVersionMin = 7;
/** LeaveGroup v3+ carries a batch of member identities. */
const leaveBatchVersionMin = 3;
/** OffsetFetch v2+ accepts a null topic list and has a top-level error. */
const offsetFetchTopLevelErrorVersionMin = 2;
const minutesToMs = 60_000;

function emptyJoin(errorCode: number, memberId = ''): JoinGroupResponse {
  return {
    throttleTimeMs: 0,
    errorCode,
    generationId: -1,
    protocolType: null,
    protocolName: null,
    leader: '',
    skipAssignment: false,
    memberId,
    members: [],
  };
}

function syncError(errorCode: number): SyncGroupResponse {
  return { throttleTimeMs: 0, errorCode, protocolType: null, protocolName: null, assignment: noBytes };
}

/** Kafka's mapping of append failures to what a group client can act on. */
function appendErrorCode(error: unknown): number {
  if (!(error instanceof KafkaError)) return ErrorCode.UNKNOWN_SERVER_ERROR;
  switch (error.code) {
    case ErrorCode.UNKNOWN_TOPIC_OR_PARTITION:
    case ErrorCode.NOT_ENOUGH_REPLICAS:
    case ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case ErrorCode.REQUEST_TIMED_OUT:
      return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    case ErrorCode.NOT_LEADER_OR_FOLLOWER:
    case ErrorCode.KAFKA_STORAGE_ERROR:
      return ErrorCode.NOT_COORDINATOR;
    case ErrorCode.MESSAGE_TOO_LARGE:
    case ErrorCode.RECORD_LIST_TOO_LARGE:
      return ErrorCode.INVALID_COMMIT_OFFSET_SIZE;
    default:
      return error.code;
  }
}

/**
 * Kafka's classic group coordinator for the groups whose `__consumer_offsets` partition this broker leads.
 * Each method takes a decoded request body (with the request's API version in `ctx`) and resolves with the
 * response body; JoinGroup and SyncGroup resolve only when the rebalance step they wait for completes.
 * All timing (initial rebalance delay, rebalance timeout, member sessions, offset expiry) runs on the Clock.
 */
export class GroupCoordinator {
  readonly config: Readonly<GroupCoordinatorConfig>;
  readonly stats: GroupCoordinatorStats = {
    backgroundAppendFailures: 0,
    rebalancesCompleted: 0,
    membersExpired: 0,
    offsetsExpired: 0,
  };
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly append: AppendToOffsetsTopic;
  private readonly groups = new Map<string, ConsumerGroup>();
  private readonly partitions = new Map<number, PartitionLoad>();
  private readonly expiryTimer: Timer;

  constructor(options: GroupCoordinatorOptions) {
    this.clock = options.clock;
    this.random = options.random;
    this.append = options.appendToOffsetsTopic;
    this.config = Object.freeze({ ...groupCoordinatorConfigDefaults, ...options.config });
    for (const [key, value] of Object.entries(this.config)) {
      if (!Number.isInteger(value) || value < 0) {
        throw new KafkaError(ErrorCode.INVALID_CONFIG, `${key} must be a non-negative integer, got ${value}`);
      }
    }
    this.expiryTimer = this.clock.setInterval(
      () => this.expireOffsets(),
      Math.max(1, this.config['offsets.retention.check.interval.ms']),
    );
  }

  /** The `__consumer_offsets` partition of a group. */
  /** Whole milliseconds: stored timestamps are int64 ms (a simulated clock may read fractions). */
  private nowMs(): number {
    return Math.floor(this.clock.now());
  }

  partitionFor(groupId: string): number {
    return partitionFor(groupId, this.config['offsets.topic.num.partitions']);
  }

  /** The group's lifecycle state, or undefined when this coordinator holds no such group. */
  groupState(groupId: string): string | undefined {
    return this.groups.get(groupId)?.state;
  }

  /** Stops the periodic offset expiry and every group's timers (the broker is shutting down). */
  close(): void {
    this.expiryTimer.cancel();
    for (const partition of [...this.partitions.keys()]) this.unloadPartition(partition);
  }

  // ------------------------------------------------------------------ ownership and loading

  /**
   * Becomes coordinator for `partition`: replays its log (latest value per key wins, tombstones delete) to
   * rebuild groups and committed offsets. Requests for its groups get COORDINATOR_LOAD_IN_PROGRESS until done.
   */
  async loadPartition(partition: number, log: OffsetsLogReader): Promise<void> {
    if (this.partitions.has(partition)) this.unloadPartition(partition);
    const token = {};
    this.partitions.set(partition, { state: 'loading', token });
    const replayed = await replayOffsetsPartition(log);
    if (this.partitions.get(partition)?.token !== token) return; // unloaded while loading
    const now = this.nowMs();
    for (const [groupId, value] of replayed.groups) {
      const group = new ConsumerGroup(groupId, partition, this.clock);
      group.protocolType = value.protocolType === '' ? null : value.protocolType;
      group.protocolName = value.protocol;
      group.generationId = value.generation;
      group.leaderId = value.leader;
      for (const m of value.members) {
        const member = new GroupMember({
          memberId: m.memberId,
          groupInstanceId: m.groupInstanceId,
          clientId: m.clientId,
          clientHost: m.clientHost,
          sessionTimeoutMs: m.sessionTimeout,
          rebalanceTimeoutMs: m.rebalanceTimeout,
          protocolType: value.protocolType,
          protocols: value.protocol === null ? [] : [{ name: value.protocol, metadata: m.subscription }],
        });
        member.assignment = m.assignment;
        group.members.set(member.memberId, member);
        if (member.groupInstanceId !== null) group.staticMembers.set(member.groupInstanceId, member.memberId);
      }
      const restored = group.members.size > 0 ? 'Stable' : 'Empty';
      group.transition(
        { type: 'RESTORED', generationId: value.generation, memberCount: group.members.size },
        restored,
        now,
      );
      if (value.currentStateTimestamp > 0) group.currentStateTimestamp = value.currentStateTimestamp;
      // Loaded members must show up again within their session, or they expire and the group rebalances.
      for (const member of group.members.values()) this.scheduleSessionExpiry(group, member);
      this.groups.set(groupId, group);
    }
    for (const [groupId, offsets] of replayed.offsets) {
      let group = this.groups.get(groupId);
      if (group === undefined) {
        group = new ConsumerGroup(groupId, partition, this.clock);
        this.groups.set(groupId, group);
      }
      for (const [key, committed] of offsets) group.offsets.set(key, committed);
    }
    this.partitions.set(partition, { state: 'loaded', token });
  }

  /** Stops coordinating `partition`: its groups are dropped and parked requests answered NOT_COORDINATOR. */
  unloadPartition(partition: number): void {
    this.partitions.delete(partition);
    for (const group of [...this.groups.values()]) {
      if (group.partition !== partition) continue;
      this.cancelTimers(group);
      for (const member of group.members.values()) {
        this.answerJoin(member, emptyJoin(ErrorCode.NOT_COORDINATOR, member.memberId));
        this.answerSync(member, syncError(ErrorCode.NOT_COORDINATOR));
      }
      group.transition({ type: 'UNLOAD' }, 'Dead', this.nowMs());
      group.stop();
      this.groups.delete(group.groupId);
    }
  }

  /** NOT_COORDINATOR / COORDINATOR_LOAD_IN_PROGRESS for groups this broker cannot serve now, else NONE. */
  private coordinatorError(groupId: string): number {
    const load = this.partitions.get(this.partitionFor(groupId));
    if (load === undefined) return ErrorCode.NOT_COORDINATOR;
    return load.state === 'loading' ? ErrorCode.COORDINATOR_LOAD_IN_PROGRESS : ErrorCode.NONE;
  }

  // ------------------------------------------------------------------ JoinGroup

  joinGroup(request: JoinGroupRequest, ctx: GroupRequestContext): Promise<JoinGroupResponse> {
    // ProtocolName is nullable only from v7; older versions carry "" where there is none (as Kafka does).
    if (ctx.apiVersion >= joinProtocolNameNullableVersionMin) return this.join(request, ctx);
    return this.join(request, ctx).then((r) => (r.protocolName === null ? { ...r, protocolName: '' } : r));
  }

  private join(request: JoinGroupRequest, ctx: GroupRequestContext): Promise<JoinGroupResponse> {
    const { groupId, memberId, sessionTimeoutMs } = request;
    if (groupId === '') return Promise.resolve(emptyJoin(ErrorCode.INVALID_GROUP_ID, memberId));
    const notServing = this.coordinatorError(groupId);
    if (notServing !== ErrorCode.NONE) return Promise.resolve(emptyJoin(notServing, memberId));
    if (
      sessionTimeoutMs < this.config['group.min.session.timeout.ms'] ||
      sessionTimeoutMs > this.config['group.max.session.timeout.ms']
    ) {
      return Promise.resolve(emptyJoin(ErrorCode.INVALID_SESSION_TIMEOUT, memberId));
    }
    let group = this.groups.get(groupId);
    if (group === undefined) {
      if (memberId !== '') return Promise.resolve(emptyJoin(ErrorCode.UNKNOWN_MEMBER_ID, memberId));
      group = new ConsumerGroup(groupId, this.partitionFor(groupId), this.clock);
      this.groups.set(groupId, group);
    }
    if (group.state === 'Dead')
      return Promise.resolve(emptyJoin(ErrorCode.COORDINATOR_NOT_AVAILABLE, memberId));
    const g = group;
    return new Promise<JoinGroupResponse>((resolve) => {
      if (memberId === '') this.joinUnknownMember(g, request, ctx, resolve);
      else this.joinKnownMember(g, request, ctx, resolve);
    });
  }

  private rebalanceTimeoutOf(request: JoinGroupRequest, ctx: GroupRequestContext): number {
    if (ctx.apiVersion < joinRebalanceTimeoutVersionMin || request.rebalanceTimeoutMs < 0) {
      return request.sessionTimeoutMs;
    }
    return request.rebalanceTimeoutMs;
  }

  private joinUnknownMember(
    group: ConsumerGroup,
    request: JoinGroupRequest,
    ctx: GroupRequestContext,
    resolve: (r: JoinGroupResponse) => void,
  ): void {
    if (!group.supportsProtocols(request.protocolType, request.protocols)) {
      resolve(emptyJoin(ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
      return;
    }
    const newMemberId = `${ctx.clientId}-${this.uuid()}`;
    const instanceId = request.groupInstanceId;
    if (instanceId !== null && group.staticMembers.has(instanceId)) {
      this.replaceStaticMember(group, request, ctx, newMemberId, resolve);
      return;
    }
    if (instanceId === null && ctx.apiVersion >= joinMemberIdRequiredVersionMin) {
      // KIP-394: the member must come back with this id; until then it only counts as pending, and a
      // rebalance waits for it (up to the session timeout) so it lands in this generation.
      const timer = this.clock.setTimeout(() => {
        group.pendingMembers.delete(newMemberId);
        if (group.state === 'PreparingRebalance') this.tryCompleteJoin(group);
      }, request.sessionTimeoutMs);
      group.pendingMembers.set(newMemberId, timer);
      resolve(emptyJoin(ErrorCode.MEMBER_ID_REQUIRED, newMemberId));
      return;
    }
    this.addMemberAndRebalance(group, request, ctx, newMemberId, resolve);
  }

  private joinKnownMember(
    group: ConsumerGroup,
    request: JoinGroupRequest,
    ctx: GroupRequestContext,
    resolve: (r: JoinGroupResponse) => void,
  ): void {
    const { memberId } = request;
    const pending = group.pendingMembers.get(memberId);
    if (pending !== undefined) {
      if (!group.supportsProtocols(request.protocolType, request.protocols)) {
        resolve(emptyJoin(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, memberId));
        return;
      }
      pending.cancel();
      group.pendingMembers.delete(memberId);
      this.addMemberAndRebalance(group, request, ctx, memberId, resolve);
      return;
    }
    const memberError = this.validateMember(group, memberId, request.groupInstanceId);
    if (memberError !== ErrorCode.NONE) {
      resolve(emptyJoin(memberError, memberId));
      return;
    }
    if (!group.supportsProtocols(request.protocolType, request.protocols)) {
      resolve(emptyJoin(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, memberId));
      return;
    }
    const member = group.members.get(memberId)!;
    switch (group.state) {
      case 'PreparingRebalance':
        this.updateMemberAndRebalance(group, member, request, ctx, resolve);
        return;
      case 'CompletingRebalance':
        if (member.sameProtocols(request.protocols)) {
          // A retry of a join whose answer was lost: the current generation again.
          this.scheduleSessionExpiry(group, member);
          resolve(this.joinResult(group, member, true));
        } else {
          this.updateMemberAndRebalance(group, member, request, ctx, resolve);
        }
        return;
      case 'Stable':
        if (memberId === group.leaderId || !member.sameProtocols(request.protocols)) {
          // The leader rejoining (e.g. its subscription changed) or new metadata: a new generation.
          this.updateMemberAndRebalance(group, member, request, ctx, resolve);
        } else {
          this.scheduleSessionExpiry(group, member);
          resolve(this.joinResult(group, member, false));
        }
        return;
      case 'Empty':
      case 'Dead':
        resolve(emptyJoin(ErrorCode.UNKNOWN_MEMBER_ID, memberId));
        return;
    }
  }

  /** FENCED_INSTANCE_ID when a static member's id was replaced, UNKNOWN_MEMBER_ID when unknown, else NONE. */
  private validateMember(group: ConsumerGroup, memberId: string, instanceId: string | null): number {
    if (instanceId !== null) {
      const current = group.staticMembers.get(instanceId);
      if (current !== undefined && current !== memberId) return ErrorCode.FENCED_INSTANCE_ID;
    }
    return group.members.has(memberId) ? ErrorCode.NONE : ErrorCode.UNKNOWN_MEMBER_ID;
  }

  private addMemberAndRebalance(
    group: ConsumerGroup,
    request: JoinGroupRequest,
    ctx: GroupRequestContext,
    memberId: string,
    resolve: (r: JoinGroupResponse) => void,
  ): void {
    const member = new GroupMember({
      memberId,
      groupInstanceId: request.groupInstanceId,
      clientId: ctx.clientId,
      clientHost: ctx.clientHost,
      sessionTimeoutMs: request.sessionTimeoutMs,
      rebalanceTimeoutMs: this.rebalanceTimeoutOf(request, ctx),
      protocolType: request.protocolType,
      protocols: request.protocols,
    });
    if (group.members.size === 0) group.protocolType = request.protocolType;
    group.members.set(memberId, member);
    if (member.groupInstanceId !== null) group.staticMembers.set(member.groupInstanceId, memberId);
    if (group.leaderId === null || !group.members.has(group.leaderId)) group.leaderId = memberId;
    group.newMemberAdded = true;
    member.awaitingJoin = resolve;
    this.scheduleSessionExpiry(group, member);
    this.maybePrepareRebalance(group);
    this.tryCompleteJoin(group);
  }

  private updateMemberAndRebalance(
    group: ConsumerGroup,
    member: GroupMember,
    request: JoinGroupRequest,
    ctx: GroupRequestContext,
    resolve: (r: JoinGroupResponse) => void,
  ): void {
    member.protocols = request.protocols;
    member.sessionTimeoutMs = request.sessionTimeoutMs;
    member.rebalanceTimeoutMs = this.rebalanceTimeoutOf(request, ctx);
    member.clientId = ctx.clientId;
    member.clientHost = ctx.clientHost;
    // A second join from the same member supersedes the first; that one is told to retry.
    this.answerJoin(member, emptyJoin(ErrorCode.REBALANCE_IN_PROGRESS, member.memberId));
    member.awaitingJoin = resolve;
    this.scheduleSessionExpiry(group, member);
    this.maybePrepareRebalance(group);
    this.tryCompleteJoin(group);
  }

  /**
   * KIP-345: a static member restarted (empty member id, known instance id). The new id replaces the old
   * one, whose parked requests are fenced. In a Stable group with the same selected protocol no rebalance
   * happens: the member keeps its assignment (Kafka returns the old leader id so nobody reassigns).
   */
  private replaceStaticMember(
    group: ConsumerGroup,
    request: JoinGroupRequest,
    ctx: GroupRequestContext,
    newMemberId: string,
    resolve: (r: JoinGroupResponse) => void,
  ): void {
    const instanceId = request.groupInstanceId!;
    const oldMemberId = group.staticMembers.get(instanceId)!;
    const old = group.members.get(oldMemberId)!;
    const previousLeader = group.leaderId;
    old.heartbeatTimer?.cancel();
    this.answerJoin(old, emptyJoin(ErrorCode.FENCED_INSTANCE_ID, oldMemberId));
    this.answerSync(old, syncError(ErrorCode.FENCED_INSTANCE_ID));
    const member = new GroupMember({
      memberId: newMemberId,
      groupInstanceId: instanceId,
      clientId: ctx.clientId,
      clientHost: ctx.clientHost,
      sessionTimeoutMs: request.sessionTimeoutMs,
      rebalanceTimeoutMs: this.rebalanceTimeoutOf(request, ctx),
      protocolType: request.protocolType,
      protocols: request.protocols,
    });
    member.assignment = old.assignment;
    // Keep the member's position in the map (insertion order decides the next leader).
    const entries = [...group.members.entries()].map(([id, m]): [string, GroupMember] =>
      id === oldMemberId ? [newMemberId, member] : [id, m],
    );
    group.members.clear();
    for (const [id, m] of entries) group.members.set(id, m);
    group.staticMembers.set(instanceId, newMemberId);
    if (group.leaderId === oldMemberId) group.leaderId = newMemberId;
    this.scheduleSessionExpiry(group, member);

    if (group.state === 'Stable' && group.selectProtocol() === group.protocolName) {
      const generationId = group.generationId;
      this.persistGroup(group).then(
        () => {
          resolve({
            ...this.joinResult(group, member, false),
            generationId,
            leader: previousLeader ?? '',
          });
        },
        (error: unknown) => resolve(emptyJoin(appendErrorCode(error), newMemberId)),
      );
      return;
    }
    member.awaitingJoin = resolve;
    this.maybePrepareRebalance(group);
    this.tryCompleteJoin(group);
  }

  private maybePrepareRebalance(group: ConsumerGroup): void {
    const state = group.state;
    if (state !== 'Empty' && state !== 'Stable' && state !== 'CompletingRebalance') return;
    if (state === 'CompletingRebalance') {
      // The leader's assignment for this generation will never be used: tell waiting syncs to rejoin.
      for (const m of group.members.values()) {
        m.assignment = noBytes;
        this.answerSync(m, syncError(ErrorCode.REBALANCE_IN_PROGRESS));
      }
    }
    const now = this.nowMs();
    group.transition({ type: 'PREPARE_REBALANCE' }, 'PreparingRebalance', now);
    group.rebalanceTimer?.cancel();
    const rebalanceTimeoutMs = group.rebalanceTimeoutMs();
    if (state === 'Empty') {
      // group.initial.rebalance.delay.ms: let a whole fleet of consumers start before the first generation.
      const initialDelayMs = this.config['group.initial.rebalance.delay.ms'];
      group.inInitialDelay = true;
      group.newMemberAdded = false;
      this.armInitialDelay(
        group,
        Math.min(initialDelayMs, rebalanceTimeoutMs),
        Math.max(rebalanceTimeoutMs - initialDelayMs, 0),
      );
      return;
    }
    group.inInitialDelay = false;
    group.rebalanceTimer = this.clock.setTimeout(() => this.completeJoin(group), rebalanceTimeoutMs);
    // Like Kafka's DelayedJoin, checked at once: e.g. the last member left, so nobody needs to rejoin.
    this.tryCompleteJoin(group);
  }

  /** Kafka's InitialDelayedJoin: each new member extends the wait by the delay, up to the rebalance timeout. */
  private armInitialDelay(group: ConsumerGroup, delayMs: number, remainingMs: number): void {
    group.rebalanceTimer = this.clock.setTimeout(() => {
      if (group.newMemberAdded && remainingMs > 0) {
        group.newMemberAdded = false;
        const initialDelayMs = this.config['group.initial.rebalance.delay.ms'];
        this.armInitialDelay(
          group,
          Math.min(initialDelayMs, remainingMs),
          Math.max(remainingMs - initialDelayMs, 0),
        );
        return;
      }
      group.inInitialDelay = false;
      this.completeJoin(group);
    }, delayMs);
  }

  private tryCompleteJoin(group: ConsumerGroup): void {
    if (group.state !== 'PreparingRebalance' || group.inInitialDelay) return;
    if (group.allMembersJoined()) this.completeJoin(group);
  }

  /** Ends the join phase: drop members that did not rejoin, bump the generation, answer every join. */
  private completeJoin(group: ConsumerGroup): void {
    if (group.state !== 'PreparingRebalance') return;
    group.rebalanceTimer?.cancel();
    group.rebalanceTimer = undefined;
    group.inInitialDelay = false;
    for (const member of [...group.members.values()]) {
      if (member.awaitingJoin === undefined) this.removeMember(group, member);
    }
    const now = this.nowMs();
    group.generationId += 1;
    this.stats.rebalancesCompleted += 1;
    if (group.members.size === 0) {
      group.protocolName = null;
      group.leaderId = null;
      group.transition(
        { type: 'JOIN_COMPLETED', generationId: group.generationId, memberCount: 0 },
        'Empty',
        now,
      );
      this.persistInBackground(group);
      return;
    }
    group.protocolName = group.selectProtocol();
    if (group.leaderId === null || !group.members.has(group.leaderId)) {
      group.leaderId = group.members.keys().next().value ?? null;
    }
    group.transition(
      { type: 'JOIN_COMPLETED', generationId: group.generationId, memberCount: group.members.size },
      'CompletingRebalance',
      now,
    );
    for (const member of group.members.values()) {
      this.answerJoin(member, this.joinResult(group, member, true));
      this.scheduleSessionExpiry(group, member);
    }
  }

  /** The current generation as `member` sees it; only the leader gets the members and their metadata. */
  private joinResult(
    group: ConsumerGroup,
    member: GroupMember,
    withMembersForLeader: boolean,
  ): JoinGroupResponse {
    const isLeader = member.memberId === group.leaderId;
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      generationId: group.generationId,
      protocolType: group.protocolType,
      protocolName: group.protocolName,
      leader: group.leaderId ?? '',
      skipAssignment: false,
      memberId: member.memberId,
      members:
        isLeader && withMembersForLeader
          ? [...group.members.values()].map((m) => ({
              memberId: m.memberId,
              groupInstanceId: m.groupInstanceId,
              metadata: m.metadataFor(group.protocolName),
            }))
          : [],
    };
  }

  // ------------------------------------------------------------------ SyncGroup

  syncGroup(request: SyncGroupRequest, ctx: GroupRequestContext): Promise<SyncGroupResponse> {
    void ctx;
    const { groupId, memberId, generationId } = request;
    if (groupId === '') return Promise.resolve(syncError(ErrorCode.INVALID_GROUP_ID));
    const notServing = this.coordinatorError(groupId);
    // While loading, the rebalance in flight is lost anyway: REBALANCE_IN_PROGRESS sends the member back
    // to JoinGroup without rediscovering the coordinator (Kafka does the same).
    if (notServing === ErrorCode.COORDINATOR_LOAD_IN_PROGRESS) {
      return Promise.resolve(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
    }
    if (notServing !== ErrorCode.NONE) return Promise.resolve(syncError(notServing));
    const group = this.groups.get(groupId);
    if (group === undefined) return Promise.resolve(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    if (group.state === 'Dead') return Promise.resolve(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE));
    const memberError = this.validateMember(group, memberId, request.groupInstanceId);
    if (memberError !== ErrorCode.NONE) return Promise.resolve(syncError(memberError));
    if (generationId !== group.generationId) return Promise.resolve(syncError(ErrorCode.ILLEGAL_GENERATION));
    if (
      (request.protocolType !== null && request.protocolType !== group.protocolType) ||
      (request.protocolName !== null && request.protocolName !== group.protocolName)
    ) {
      return Promise.resolve(syncError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
    }
    const member = group.members.get(memberId)!;
    switch (group.state) {
      case 'Empty':
        return Promise.resolve(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
      case 'PreparingRebalance':
        return Promise.resolve(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
      case 'Stable':
        this.scheduleSessionExpiry(group, member);
        return Promise.resolve(this.syncResult(group, member));
      case 'CompletingRebalance':
        return new Promise<SyncGroupResponse>((resolve) => {
          this.answerSync(member, syncError(ErrorCode.REBALANCE_IN_PROGRESS));
          member.awaitingSync = resolve;
          this.scheduleSessionExpiry(group, member);
          if (memberId === group.leaderId) this.storeLeaderAssignment(group, request);
        });
    }
  }

  private storeLeaderAssignment(group: ConsumerGroup, request: SyncGroupRequest): void {
    const assigned = new Map(request.assignments.map((a) => [a.memberId, a.assignment]));
    for (const m of group.members.values()) m.assignment = assigned.get(m.memberId) ?? noBytes;
    const generationId = group.generationId;
    const stillCompleting = (): boolean =>
      group.state === 'CompletingRebalance' &&
      group.generationId === generationId &&
      this.groups.get(group.groupId) === group;
    this.persistGroup(group).then(
      () => {
        if (!stillCompleting()) return;
        group.transition({ type: 'SYNC_COMPLETED', generationId }, 'Stable', this.nowMs());
        for (const m of group.members.values()) this.answerSync(m, this.syncResult(group, m));
      },
      (error: unknown) => {
        if (!stillCompleting()) return;
        const code = appendErrorCode(error);
        for (const m of group.members.values()) {
          m.assignment = noBytes;
          this.answerSync(m, syncError(code));
        }
        this.maybePrepareRebalance(group);
      },
    );
  }

  private syncResult(group: ConsumerGroup, member: GroupMember): SyncGroupResponse {
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      protocolType: group.protocolType,
      protocolName: group.protocolName,
      assignment: member.assignment,
    };
  }

  // ------------------------------------------------------------------ Heartbeat and sessions

  heartbeat(request: HeartbeatRequest, ctx: GroupRequestContext): Promise<HeartbeatResponse> {
    void ctx;
    const reply = (errorCode: number): Promise<HeartbeatResponse> =>
      Promise.resolve({ throttleTimeMs: 0, errorCode });
    const notServing = this.coordinatorError(request.groupId);
    // Kafka answers NONE while loading: the member keeps its session and learns the state after the load.
    if (notServing === ErrorCode.COORDINATOR_LOAD_IN_PROGRESS) return reply(ErrorCode.NONE);
    if (notServing !== ErrorCode.NONE) return reply(notServing);
    const group = this.groups.get(request.groupId);
    if (group === undefined) return reply(ErrorCode.UNKNOWN_MEMBER_ID);
    if (group.state === 'Dead') return reply(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    if (group.state === 'Empty') return reply(ErrorCode.UNKNOWN_MEMBER_ID);
    const memberError = this.validateMember(group, request.memberId, request.groupInstanceId);
    if (memberError !== ErrorCode.NONE) return reply(memberError);
    if (request.generationId !== group.generationId) return reply(ErrorCode.ILLEGAL_GENERATION);
    this.scheduleSessionExpiry(group, group.members.get(request.memberId)!);
    return reply(group.state === 'PreparingRebalance' ? ErrorCode.REBALANCE_IN_PROGRESS : ErrorCode.NONE);
  }

  private scheduleSessionExpiry(group: ConsumerGroup, member: GroupMember): void {
    member.heartbeatTimer?.cancel();
    member.heartbeatTimer = this.clock.setTimeout(
      () => this.sessionExpired(group, member),
      member.sessionTimeoutMs,
    );
  }

  private sessionExpired(group: ConsumerGroup, member: GroupMember): void {
    if (group.members.get(member.memberId) !== member) return;
    // A member parked in JoinGroup or SyncGroup is alive: it cannot heartbeat while it waits.
    if (member.awaitingJoin !== undefined || member.awaitingSync !== undefined) {
      this.scheduleSessionExpiry(group, member);
      return;
    }
    this.stats.membersExpired += 1;
    this.removeMemberAndUpdateGroup(group, member);
  }

  // ------------------------------------------------------------------ LeaveGroup

  leaveGroup(request: LeaveGroupRequest, ctx: GroupRequestContext): Promise<LeaveGroupResponse> {
    const batch = ctx.apiVersion >= leaveBatchVersionMin;
    const identities = batch
      ? request.members
      : [{ memberId: request.memberId, groupInstanceId: null, reason: null }];
    const reply = (
      errorCode: number,
      members: LeaveGroupResponseMemberResponse[] = [],
    ): Promise<LeaveGroupResponse> => Promise.resolve({ throttleTimeMs: 0, errorCode, members });
    const notServing = this.coordinatorError(request.groupId);
    if (notServing !== ErrorCode.NONE) return reply(notServing);
    const group = this.groups.get(request.groupId);
    if (group === undefined || group.state === 'Dead') {
      return reply(group === undefined ? ErrorCode.UNKNOWN_MEMBER_ID : ErrorCode.COORDINATOR_NOT_AVAILABLE);
    }
    const results: LeaveGroupResponseMemberResponse[] = identities.map((identity) => ({
      memberId: identity.memberId,
      groupInstanceId: identity.groupInstanceId,
      errorCode: this.leaveOne(group, identity.memberId, identity.groupInstanceId),
    }));
    if (batch) return reply(ErrorCode.NONE, results);
    return reply(results[0]!.errorCode);
  }

  private leaveOne(group: ConsumerGroup, memberId: string, instanceId: string | null): number {
    if (instanceId !== null) {
      const current = group.staticMembers.get(instanceId);
      if (current === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
      if (memberId !== '' && memberId !== current) return ErrorCode.FENCED_INSTANCE_ID;
      this.removeMemberAndUpdateGroup(group, group.members.get(current)!);
      return ErrorCode.NONE;
    }
    const pending = group.pendingMembers.get(memberId);
    if (pending !== undefined) {
      pending.cancel();
      group.pendingMembers.delete(memberId);
      if (group.state === 'PreparingRebalance') this.tryCompleteJoin(group);
      return ErrorCode.NONE;
    }
    const member = group.members.get(memberId);
    if (member === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
    this.removeMemberAndUpdateGroup(group, member);
    return ErrorCode.NONE;
  }

  private removeMember(group: ConsumerGroup, member: GroupMember): void {
    member.heartbeatTimer?.cancel();
    this.answerJoin(member, emptyJoin(ErrorCode.UNKNOWN_MEMBER_ID, member.memberId));
    this.answerSync(member, syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    group.members.delete(member.memberId);
    if (
      member.groupInstanceId !== null &&
      group.staticMembers.get(member.groupInstanceId) === member.memberId
    ) {
      group.staticMembers.delete(member.groupInstanceId);
    }
    if (group.leaderId === member.memberId) group.leaderId = group.members.keys().next().value ?? null;
  }

  private removeMemberAndUpdateGroup(group: ConsumerGroup, member: GroupMember): void {
    this.removeMember(group, member);
    if (group.state === 'Stable' || group.state === 'CompletingRebalance') this.maybePrepareRebalance(group);
    else if (group.state === 'PreparingRebalance') this.tryCompleteJoin(group);
  }

  private answerJoin(member: GroupMember, response: JoinGroupResponse): void {
    const resolve = member.awaitingJoin;
    member.awaitingJoin = undefined;
    resolve?.(response);
  }

  private answerSync(member: GroupMember, response: SyncGroupResponse): void {
    const resolve = member.awaitingSync;
    member.awaitingSync = undefined;
    resolve?.(response);
  }

  // ------------------------------------------------------------------ offsets

  async offsetCommit(request: OffsetCommitRequest, ctx: GroupRequestContext): Promise<OffsetCommitResponse> {
    const everyPartition = (errorCode: number): OffsetCommitResponse => ({
      throttleTimeMs: 0,
      topics: request.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })),
      })),
    });
    const { groupId, memberId } = request;
    // v0 has no generation: it is a simple commit.
    const generationId = ctx.apiVersion === 0 ? -1 : request.generationIdOrMemberEpoch;
    if (groupId === '') return everyPartition(ErrorCode.INVALID_GROUP_ID);
    const notServing = this.coordinatorError(groupId);
    if (notServing !== ErrorCode.NONE) return everyPartition(notServing);
    let group = this.groups.get(groupId);
    if (group === undefined) {
      // A commit without group management ("simple" consumer, assign()) creates the group.
      if (generationId >= 0) return everyPartition(ErrorCode.ILLEGAL_GENERATION);
      group = new ConsumerGroup(groupId, this.partitionFor(groupId), this.clock);
      this.groups.set(groupId, group);
    }
    const error = this.validateCommit(group, request, generationId);
    if (error !== ErrorCode.NONE) return everyPartition(error);
    const member = group.members.get(memberId);
    if (member !== undefined) this.scheduleSessionExpiry(group, member);

    const now = this.nowMs();
    const retentionMs = ctx.apiVersion >= 2 && ctx.apiVersion <= 4 ? request.retentionTimeMs : -1;
    const accepted: Array<[string, CommittedOffset]> = [];
    const records: RecordInput[] = [];
    const errors = new Map<string, number>();
    for (const topic of request.topics) {
      for (const p of topic.partitions) {
        const metadata = p.committedMetadata ?? '';
        if (Buffer.byteLength(metadata, 'utf8') > this.config['offset.metadata.max.bytes']) {
          errors.set(offsetKey(topic.name, p.partitionIndex), ErrorCode.OFFSET_METADATA_TOO_LARGE);
          continue;
        }
        const commitTimestamp = ctx.apiVersion === 1 && p.commitTimestamp >= 0 ? p.commitTimestamp : now;
        const committed: CommittedOffset = {
          offset: p.committedOffset,
          leaderEpoch: ctx.apiVersion >= 6 ? p.committedLeaderEpoch : -1,
          metadata,
          commitTimestamp,
          expireTimestamp: retentionMs >= 0 ? commitTimestamp + retentionMs : -1,
        };
        accepted.push([offsetKey(topic.name, p.partitionIndex), committed]);
        records.push(offsetCommitRecord(groupId, topic.name, p.partitionIndex, committed));
      }
    }
    if (records.length > 0) {
      try {
        await this.append(group.partition, encodeRecordBatch(records, { baseTimestamp: now }));
        // Acknowledged only now that the commit is in the log; the group may have died meanwhile.
        if (this.groups.get(groupId) === group) for (const [key, c] of accepted) group.offsets.set(key, c);
      } catch (e) {
        const code = appendErrorCode(e);
        for (const [key] of accepted) errors.set(key, code);
      }
    }
    return {
      throttleTimeMs: 0,
      topics: request.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({
          partitionIndex: p.partitionIndex,
          errorCode: errors.get(offsetKey(t.name, p.partitionIndex)) ?? ErrorCode.NONE,
        })),
      })),
    };
  }

  private validateCommit(group: ConsumerGroup, request: OffsetCommitRequest, generationId: number): number {
    if (group.state === 'Dead') return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    // Simple commits are fine only while no consumer of the group is managed by the coordinator.
    if (generationId < 0 && group.state === 'Empty') return ErrorCode.NONE;
    // Kafka's ClassicGroup.validateOffsetCommit: the member and generation first, so a non-member (an
    // admin client) or a stale member hears UNKNOWN_MEMBER_ID / ILLEGAL_GENERATION in any state; only
    // a current member committing before SyncGroup hears REBALANCE_IN_PROGRESS.
    const memberError = this.validateMember(group, request.memberId, request.groupInstanceId);
    if (memberError !== ErrorCode.NONE) return memberError;
    if (generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
    if (group.state === 'CompletingRebalance') return ErrorCode.REBALANCE_IN_PROGRESS;
    return ErrorCode.NONE;
  }

  offsetFetch(request: OffsetFetchRequest, ctx: GroupRequestContext): Promise<OffsetFetchResponse> {
    const topLevel = ctx.apiVersion >= offsetFetchTopLevelErrorVersionMin;
    const partitionResult = (
      index: number,
      c: CommittedOffset | undefined,
      errorCode: number,
    ): OffsetFetchResponsePartition => ({
      partitionIndex: index,
      committedOffset: c?.offset ?? -1,
      committedLeaderEpoch: c?.leaderEpoch ?? -1,
      metadata: c?.metadata ?? '',
      errorCode,
    });
    const response = (errorCode: number, topics: OffsetFetchResponseTopic[]): Promise<OffsetFetchResponse> =>
      Promise.resolve({ throttleTimeMs: 0, topics, errorCode: topLevel ? errorCode : 0, groups: [] });
    const notServing = this.coordinatorError(request.groupId);
    if (notServing !== ErrorCode.NONE) {
      if (topLevel) return response(notServing, []);
      const topics = (request.topics ?? []).map((t) => ({
        name: t.name,
        partitions: t.partitionIndexes.map((i) => partitionResult(i, undefined, notServing)),
      }));
      return response(notServing, topics);
    }
    const offsets = this.groups.get(request.groupId)?.offsets ?? new Map<string, CommittedOffset>();
    if (request.topics === null) {
      const byTopic = new Map<string, OffsetFetchResponsePartition[]>();
      for (const [key, c] of offsets) {
        const [topic, partition] = splitOffsetKey(key);
        let list = byTopic.get(topic);
        if (list === undefined) byTopic.set(topic, (list = []));
        list.push(partitionResult(partition, c, ErrorCode.NONE));
      }
      return response(
        ErrorCode.NONE,
        [...byTopic].map(([name, partitions]) => ({ name, partitions })),
      );
    }
    return response(
      ErrorCode.NONE,
      request.topics.map((t) => ({
        name: t.name,
        partitions: t.partitionIndexes.map((i) =>
          partitionResult(i, offsets.get(offsetKey(t.name, i)), ErrorCode.NONE),
        ),
      })),
    );
  }

  // ------------------------------------------------------------------ admin

  describeGroups(request: DescribeGroupsRequest, ctx: GroupRequestContext): Promise<DescribeGroupsResponse> {
    void ctx;
    const describe = (groupId: string): DescribeGroupsResponseDescribedGroup => {
      const base = {
        groupId,
        protocolType: '',
        protocolData: '',
        members: [],
        authorizedOperations: -2147483648,
      };
      const notServing = this.coordinatorError(groupId);
      if (notServing !== ErrorCode.NONE) return { ...base, errorCode: notServing, groupState: '' };
      const group = this.groups.get(groupId);
      if (group === undefined) return { ...base, errorCode: ErrorCode.NONE, groupState: 'Dead' };
      // Member metadata and assignments are only meaningful once the generation's assignment is settled.
      const stable = group.state === 'Stable';
      return {
        ...base,
        errorCode: ErrorCode.NONE,
        groupState: group.state,
        protocolType: group.protocolType ?? '',
        protocolData: stable ? (group.protocolName ?? '') : '',
        members: [...group.members.values()].map((m) => ({
          memberId: m.memberId,
          groupInstanceId: m.groupInstanceId,
          clientId: m.clientId,
          clientHost: m.clientHost,
          memberMetadata: stable ? m.metadataFor(group.protocolName) : noBytes,
          memberAssignment: stable ? m.assignment : noBytes,
        })),
      };
    };
    return Promise.resolve({ throttleTimeMs: 0, groups: request.groups.map(describe) });
  }

  listGroups(request: ListGroupsRequest, ctx: GroupRequestContext): Promise<ListGroupsResponse> {
    void ctx;
    const loading = [...this.partitions.values()].some((p) => p.state === 'loading');
    const states = new Set(request.statesFilter.map((s) => s.toLowerCase()));
    const groups = [...this.groups.values()]
      .filter((g) => g.state !== 'Dead' && (states.size === 0 || states.has(g.state.toLowerCase())))
      .map((g) => ({
        groupId: g.groupId,
        protocolType: g.protocolType ?? '',
        groupState: g.state,
        groupType: 'classic',
      }));
    return Promise.resolve({
      throttleTimeMs: 0,
      errorCode: loading ? ErrorCode.COORDINATOR_LOAD_IN_PROGRESS : ErrorCode.NONE,
      groups,
    });
  }

  /** DeleteGroups: only Empty groups; their metadata and offsets are tombstoned before the answer. */
  async deleteGroups(groupIds: readonly string[]): Promise<DeleteGroupsResult[]> {
    const results: DeleteGroupsResult[] = [];
    for (const groupId of groupIds) results.push({ groupId, errorCode: await this.deleteGroup(groupId) });
    return results;
  }

  private async deleteGroup(groupId: string): Promise<number> {
    if (groupId === '') return ErrorCode.INVALID_GROUP_ID;
    const notServing = this.coordinatorError(groupId);
    if (notServing !== ErrorCode.NONE) return notServing;
    const group = this.groups.get(groupId);
    if (group === undefined || group.state === 'Dead') return ErrorCode.GROUP_ID_NOT_FOUND;
    if (group.state !== 'Empty') return ErrorCode.NON_EMPTY_GROUP;
    const records = this.tombstones(group, [...group.offsets.keys()], true);
    this.killGroup(group);
    try {
      await this.append(group.partition, encodeRecordBatch(records, { baseTimestamp: this.nowMs() }));
    } catch (e) {
      return appendErrorCode(e);
    }
    return ErrorCode.NONE;
  }

  private tombstones(group: ConsumerGroup, offsetKeys: readonly string[], withGroup: boolean): RecordInput[] {
    const records = offsetKeys.map((key) => {
      const [topic, partition] = splitOffsetKey(key);
      return offsetCommitRecord(group.groupId, topic, partition, null);
    });
    if (withGroup) records.push(groupMetadataRecord(group.groupId, null, this.nowMs()));
    return records;
  }

  private killGroup(group: ConsumerGroup): void {
    this.cancelTimers(group);
    group.transition({ type: 'DELETE' }, 'Dead', this.nowMs());
    group.stop();
    this.groups.delete(group.groupId);
  }

  /**
   * offsets.retention.minutes: the offsets of an Empty group expire that long after it became empty (for a
   * group that never had members, after the commit); an explicit v1-4 retention sets its own deadline.
   * An Empty group left without offsets dies and is tombstoned.
   */
  expireOffsets(): void {
    const now = this.nowMs();
    const retentionMs = this.config['offsets.retention.minutes'] * minutesToMs;
    for (const group of [...this.groups.values()]) {
      if (this.partitions.get(group.partition)?.state !== 'loaded' || group.state !== 'Empty') continue;
      const expired: string[] = [];
      for (const [key, c] of group.offsets) {
        const deadline =
          c.expireTimestamp >= 0
            ? c.expireTimestamp
            : (group.protocolType === null ? c.commitTimestamp : group.currentStateTimestamp) + retentionMs;
        if (now >= deadline) expired.push(key);
      }
      for (const key of expired) group.offsets.delete(key);
      this.stats.offsetsExpired += expired.length;
      const dies = group.offsets.size === 0 && group.members.size === 0 && group.pendingMembers.size === 0;
      if (expired.length === 0 && !dies) continue;
      const records = this.tombstones(group, expired, dies);
      if (dies) this.killGroup(group);
      this.appendInBackground(group.partition, records);
    }
  }

  // ------------------------------------------------------------------ persistence helpers

  private persistGroup(group: ConsumerGroup): Promise<void> {
    const now = this.nowMs();
    return this.append(
      group.partition,
      encodeRecordBatch([groupMetadataRecord(group.groupId, group.metadataValue(), now)], {
        baseTimestamp: now,
      }),
    );
  }

  private persistInBackground(group: ConsumerGroup): void {
    const now = this.nowMs();
    this.appendInBackground(group.partition, [
      groupMetadataRecord(group.groupId, group.metadataValue(), now),
    ]);
  }

  private appendInBackground(partition: number, records: RecordInput[]): void {
    if (records.length === 0) return;
    const batch = encodeRecordBatch(records, { baseTimestamp: this.nowMs() });
    this.append(partition, batch).catch(() => {
      // Nobody waits for this record; the in-memory state is already correct and the next write of the
      // group supersedes it. Counted so an operator sees a coordinator that cannot write its partition.
      this.stats.backgroundAppendFailures += 1;
    });
  }

  private cancelTimers(group: ConsumerGroup): void {
    group.rebalanceTimer?.cancel();
    for (const t of group.pendingMembers.values()) t.cancel();
    group.pendingMembers.clear();
    for (const m of group.members.values()) m.heartbeatTimer?.cancel();
  }

  /** A random (v4) UUID in its canonical text form, from the Random port. */
  private uuid(): string {
    const b = Buffer.alloc(16);
    for (let i = 0; i < 16; i++) b[i] = this.random.int(256);
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const h = b.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}
