import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import type { Clock, Timer } from '../../../core/io/index.ts';
import {
  PartitionLog,
  undefinedEpoch,
  type AppendResult,
  type EpochEndOffset,
  type PartitionLogOptions,
} from '../../../core/log/index.ts';
import { batchPositions } from '../../../core/records/index.ts';
import { DelayedProducePurgatory } from './delayed-produce.ts';
import type { ReplicationConfig } from './replication-config.ts';
import type { FollowerFetchPartitionResult } from './replica-messages.ts';

export type ReplicaRole = 'offline' | 'leader' | 'follower';

/** Produce acks: 0 (no response), 1 (leader's append), -1 (all: replicated to the ISR). */
export type Acks = 0 | 1 | -1;

export interface MakeLeaderOptions {
  leaderEpoch: number;
  /** Bumped by the controller on every ISR or replica-set change of the partition (KIP-497). Default 0. */
  partitionEpoch?: number;
  isr: readonly number[];
  replicas: readonly number[];
}

export interface MakeFollowerOptions {
  leaderEpoch: number;
  partitionEpoch?: number;
  leaderId: number;
  isr?: readonly number[];
  replicas?: readonly number[];
}

/** An ISR change the leader asks the controller to persist (Kafka's AlterPartition). */
export interface IsrChangeProposal {
  topic: string;
  partition: number;
  leaderEpoch: number;
  /** The partition epoch the proposal is based on; the controller rejects a stale one. */
  partitionEpoch: number;
  isr: number[];
  /**
   * The broker epoch each ISR member fetched with (-1 unknown; the leader's own is -1): the
   * controller refuses an expansion from a follower's previous incarnation (KIP-903).
   */
  isrWithBrokerEpochs: Array<{ brokerId: number; brokerEpoch: number }>;
  kind: 'shrink' | 'expand';
}

/** What the controller answered: the ISR now in force and its partition epoch. */
export interface IsrChangeCommit {
  isr: readonly number[];
  partitionEpoch: number;
}

export interface PartitionOptions {
  brokerId: number;
  log: PartitionLog;
  clock: Clock;
  config: ReplicationConfig;
  /**
   * Called with each ISR change the leader proposes; the caller persists it and answers with
   * `commitIsrChange` or `abortIsrChange`. Without it a change commits locally at once (a cluster
   * without a controller, e.g. a single embedded broker).
   */
  onIsrChange?: (proposal: IsrChangeProposal) => void;
  /** Called after the leader appended records or the high watermark moved (long-poll fetches wake on it). */
  onDataChanged?: () => void;
}

interface FollowerState {
  /** The broker epoch of the follower's latest fetch (-1 unknown); older ones are refused. */
  brokerEpoch: number;
  /** The follower's log end offset as its last fetch reported it; -1 until it fetches. */
  logEndOffset: number;
  /** When the follower last had everything the leader had (Kafka's lastCaughtUpTimeMs). */
  lastCaughtUpTimeMs: number;
  lastFetchTimeMs: number;
  /** The leader's log end offset at the follower's previous fetch. */
  lastFetchLeaderLogEndOffset: number;
}

/** Opens a log for a replicated partition: its high watermark moves only by replication. */
export function openReplicatedLog(
  options: Omit<PartitionLogOptions, 'highWatermarkFollowsLogEnd'>,
): PartitionLog {
  return PartitionLog.open({ ...options, highWatermarkFollowsLogEnd: false });
}

/**
 * Bytes of the most recent leader appends kept in memory for follower fetches (per partition, while it
 * leads a replicated partition): a follower at the log end is served from here instead of a re-read of
 * the segment file (in one process there is no page cache and sendfile to lean on). Entries every
 * follower has fetched are dropped at once, so this bound matters only for a lagging follower.
 */
export const leaderTailCacheBytesMax = 4 * 1024 * 1024;

interface TailEntry {
  readonly baseOffset: number;
  readonly nextOffset: number;
  readonly bytes: Buffer;
}

/**
 * The leader's tail cache: the batches it appended last, contiguous up to its log end offset, as the
 * file holds them (offsets and epoch assigned in place by the append). It keeps a copy: the appended
 * buffer is the caller's (in one process, a client's batch), which a retry would append again and
 * renumber in place, or a pooling client could reuse.
 */
class LeaderTailCache {
  private entries: TailEntry[] = [];
  private head = 0;
  private bytes = 0;

  clear(): void {
    this.entries = [];
    this.head = 0;
    this.bytes = 0;
  }

  /** Adds what the leader just appended at [baseOffset, nextOffset); a gap restarts the cache. */
  add(batches: Buffer, baseOffset: number, nextOffset: number): void {
    const n = this.entries.length;
    if (n > this.head && this.entries[n - 1]!.nextOffset !== baseOffset) this.clear();
    if (batches.length > leaderTailCacheBytesMax) {
      this.clear();
      return;
    }
    this.entries.push({ baseOffset, nextOffset, bytes: Buffer.from(batches) });
    this.bytes += batches.length;
    while (this.bytes > leaderTailCacheBytesMax && this.head < this.entries.length - 1) this.dropHead();
    this.compact();
  }

  /** Drops the entries wholly below `offset` (every follower has them). */
  evictBelow(offset: number): void {
    while (this.head < this.entries.length && this.entries[this.head]!.nextOffset <= offset) this.dropHead();
    if (this.head === this.entries.length) this.clear();
    else this.compact();
  }

  /**
   * Whole batches from `offset` (a batch start) while they fit in `maxBytes` (the first always), or
   * undefined when the cache does not hold `offset` or does not reach `logEndOffset`.
   */
  read(offset: number, maxBytes: number, logEndOffset: number): Buffer | undefined {
    const n = this.entries.length;
    if (n === this.head || this.entries[n - 1]!.nextOffset !== logEndOffset) return undefined;
    let lo = this.head;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.entries[mid]!.baseOffset < offset) lo = mid + 1;
      else hi = mid;
    }
    const first = this.entries[lo]!;
    if (first.baseOffset !== offset) return undefined;
    let end = lo + 1;
    let size = first.bytes.length;
    while (end < n && size + this.entries[end]!.bytes.length <= maxBytes) {
      size += this.entries[end]!.bytes.length;
      end++;
    }
    if (end === lo + 1) return first.bytes;
    return Buffer.concat(
      this.entries.slice(lo, end).map((e) => e.bytes),
      size,
    );
  }

  private dropHead(): void {
    this.bytes -= this.entries[this.head]!.bytes.length;
    this.head++;
  }

  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }
}

const noRecords = Buffer.alloc(0);

function fenced(message: string): KafkaError {
  return new KafkaError(ErrorCode.FENCED_LEADER_EPOCH, message);
}

/**
 * One replica of a topic-partition on one broker: the data plane of replication in plain code on
 * batches. As leader it appends with its epoch, tracks each follower's log end offset from its
 * fetches, advances the high watermark to the minimum over the ISR, holds acks=all appends in a
 * purgatory and shrinks/expands the ISR. As follower it appends what the leader sent (offsets and
 * epochs kept) and truncates where its log diverges (KIP-101/279/595). Every role change is fenced by
 * the leader epoch. Hosted by the ReplicaManager today; a replica actor can own it unchanged.
 */
export class Partition {
  readonly topic: string;
  readonly partition: number;
  readonly brokerId: number;
  readonly log: PartitionLog;
  private readonly clock: Clock;
  private config: ReplicationConfig;
  private readonly onIsrChange: ((proposal: IsrChangeProposal) => void) | undefined;
  private readonly onDataChanged: (() => void) | undefined;
  private roleValue: ReplicaRole = 'offline';
  private leaderEpochValue = -1;
  private partitionEpochValue = -1;
  private leaderIdValue = -1;
  private replicasValue: number[] = [];
  private committedIsr: number[] = [];
  private pendingIsr: number[] | undefined;
  /** The partition epoch the pending proposal was based on. */
  private pendingIsrBase = -1;
  /** First offset of the current leader epoch on this leader: a follower below it has not caught up to this epoch. */
  private leaderEpochStartOffset = 0;
  private readonly followers = new Map<number, FollowerState>();
  private readonly purgatory: DelayedProducePurgatory;
  private isrCheckTimer: Timer | undefined;
  private readonly tail = new LeaderTailCache();

  constructor(options: PartitionOptions) {
    this.brokerId = options.brokerId;
    this.log = options.log;
    this.topic = options.log.topic;
    this.partition = options.log.partition;
    this.clock = options.clock;
    this.config = options.config;
    this.onIsrChange = options.onIsrChange;
    this.onDataChanged = options.onDataChanged;
    this.purgatory = new DelayedProducePurgatory(options.clock);
  }

  // ---------------------------------------------------------------- state

  get role(): ReplicaRole {
    return this.roleValue;
  }
  get leaderEpoch(): number {
    return this.leaderEpochValue;
  }
  get partitionEpoch(): number {
    return this.partitionEpochValue;
  }
  /** The leader's broker id (this broker's when leader), -1 when unknown. */
  get leaderId(): number {
    return this.leaderIdValue;
  }
  get replicas(): readonly number[] {
    return this.replicasValue;
  }
  /** The ISR the controller committed. */
  get isr(): readonly number[] {
    return this.committedIsr;
  }
  /** The ISR change waiting for the controller, if any. */
  get pendingIsrChange(): readonly number[] | undefined {
    return this.pendingIsr;
  }
  /** What the high watermark is computed over: the committed ISR plus pending additions (Kafka 3.8). */
  get maximalIsr(): number[] {
    if (this.pendingIsr === undefined) return this.committedIsr;
    const union = new Set([...this.committedIsr, ...this.pendingIsr]);
    return [...union];
  }
  get highWatermark(): number {
    return this.log.highWatermark;
  }
  get logEndOffset(): number {
    return this.log.logEndOffset;
  }
  get logStartOffset(): number {
    return this.log.logStartOffset;
  }
  /** The log end offset the leader last learnt for `followerId` (-1 unknown); undefined when not leader. */
  followerLogEndOffset(followerId: number): number | undefined {
    return this.followers.get(followerId)?.logEndOffset;
  }

  updateConfig(config: ReplicationConfig): void {
    const lagChanged = config.replicaLagTimeMaxMs !== this.config.replicaLagTimeMaxMs;
    this.config = config;
    if (lagChanged && this.roleValue === 'leader') this.startIsrCheck();
  }

  // ---------------------------------------------------------------- role changes

  private checkEpoch(leaderEpoch: number, partitionEpoch: number, sameRoleUpdate: boolean): 'new' | 'update' {
    if (leaderEpoch > this.leaderEpochValue) return 'new';
    if (leaderEpoch === this.leaderEpochValue && sameRoleUpdate && partitionEpoch > this.partitionEpochValue)
      return 'update';
    throw fenced(
      `${this.topic}-${this.partition}: leader epoch ${leaderEpoch} (partition epoch ${partitionEpoch}) is not newer than ` +
        `${this.leaderEpochValue} (${this.partitionEpochValue})`,
    );
  }

  /**
   * Becomes leader at a higher leader epoch (or, at the same epoch, takes a newer ISR/replica set with
   * a higher partition epoch). The caller (controller) decides who may lead, including an unclean
   * election of a replica outside the ISR. Throws FENCED_LEADER_EPOCH for a stale or equal epoch.
   */
  makeLeader(options: MakeLeaderOptions): void {
    const partitionEpoch = options.partitionEpoch ?? 0;
    const change = this.checkEpoch(options.leaderEpoch, partitionEpoch, this.roleValue === 'leader');
    this.partitionEpochValue = partitionEpoch;
    this.replicasValue = [...options.replicas];
    this.committedIsr = [...options.isr];
    this.pendingIsr = undefined;
    if (change === 'update') {
      for (const id of this.replicasValue)
        if (id !== this.brokerId && !this.followers.has(id)) this.trackFollower(id, false);
      // A reassignment dropped some replicas: they no longer count or fetch here.
      for (const id of [...this.followers.keys()])
        if (!this.replicasValue.includes(id)) this.followers.delete(id);
      this.afterIsrCommitted();
      return;
    }
    const wasLeader = this.roleValue === 'leader';
    this.roleValue = 'leader';
    this.leaderEpochValue = options.leaderEpoch;
    this.leaderIdValue = this.brokerId;
    // The epoch starts at our log end: followers learn from the epoch cache where to truncate.
    this.leaderEpochStartOffset = this.log.logEndOffset;
    this.log.leaderEpochCache.assign(options.leaderEpoch, this.log.logEndOffset);
    this.tail.clear();
    this.followers.clear();
    for (const id of this.replicasValue)
      if (id !== this.brokerId) this.trackFollower(id, this.committedIsr.includes(id));
    if (!wasLeader) this.startIsrCheck();
    this.maybeIncrementHighWatermark();
  }

  /**
   * Becomes a follower of `leaderId` at a higher leader epoch. Appends waiting for acks fail with
   * NOT_LEADER_OR_FOLLOWER. The log is not truncated here: the first fetch from the new leader
   * carries the last fetched epoch, and the leader's diverging-epoch answer says where to truncate.
   */
  makeFollower(options: MakeFollowerOptions): void {
    const partitionEpoch = options.partitionEpoch ?? 0;
    const sameLeader = this.roleValue === 'follower' && this.leaderIdValue === options.leaderId;
    const change = this.checkEpoch(options.leaderEpoch, partitionEpoch, sameLeader);
    this.partitionEpochValue = partitionEpoch;
    if (options.replicas !== undefined) this.replicasValue = [...options.replicas];
    if (options.isr !== undefined) this.committedIsr = [...options.isr];
    this.pendingIsr = undefined;
    if (change === 'update') return;
    this.leaderEpochValue = options.leaderEpoch;
    this.leaderIdValue = options.leaderId;
    this.resign('follower');
  }

  /** Stops serving the partition (StopReplica, broker shutdown): fails waiting appends. */
  makeOffline(): void {
    this.leaderIdValue = -1;
    this.resign('offline');
  }

  private resign(role: ReplicaRole): void {
    this.roleValue = role;
    this.tail.clear();
    this.isrCheckTimer?.cancel();
    this.isrCheckTimer = undefined;
    this.followers.clear();
    this.purgatory.failAll(
      ErrorCode.NOT_LEADER_OR_FOLLOWER,
      `${this.topic}-${this.partition}: broker ${this.brokerId} is no longer the leader (epoch ${this.leaderEpochValue})`,
    );
  }

  private trackFollower(id: number, inIsr: boolean): void {
    const now = this.clock.now();
    // An ISR member starts as caught up now, so a new leader does not shrink it before it can fetch.
    this.followers.set(id, {
      brokerEpoch: -1,
      logEndOffset: -1,
      lastCaughtUpTimeMs: inIsr ? now : 0,
      lastFetchTimeMs: 0,
      lastFetchLeaderLogEndOffset: -1,
    });
  }

  private startIsrCheck(): void {
    this.isrCheckTimer?.cancel();
    // Kafka checks at half the lag time, so a stuck follower leaves the ISR within 1.5x the lag.
    const intervalMs = Math.max(1, Math.floor(this.config.replicaLagTimeMaxMs / 2));
    this.isrCheckTimer = this.clock.setInterval(() => this.maybeShrinkIsr(), intervalMs);
  }

  // ---------------------------------------------------------------- leader: produce

  private notLeader(): KafkaError {
    return new KafkaError(
      ErrorCode.NOT_LEADER_OR_FOLLOWER,
      `broker ${this.brokerId} is not the leader of ${this.topic}-${this.partition} (leader ${this.leaderIdValue}, epoch ${this.leaderEpochValue})`,
    );
  }

  /**
   * Appends a producer's batches (offsets and the leader epoch assigned in place). acks 0 and 1
   * resolve after the local append; acks -1 first requires ISR >= min.insync.replicas (else
   * NOT_ENOUGH_REPLICAS and nothing is written), then resolves once the high watermark passes the
   * last offset, or rejects with REQUEST_TIMED_OUT after `timeoutMs`, NOT_ENOUGH_REPLICAS_AFTER_APPEND
   * when the ISR shrinks below the minimum meanwhile, or NOT_LEADER_OR_FOLLOWER on losing leadership.
   */
  appendAsLeader(batches: Buffer, acks: Acks, timeoutMs: number): Promise<AppendResult> {
    if (this.roleValue !== 'leader') return Promise.reject(this.notLeader());
    if (acks === -1 && this.committedIsr.length < this.config.minInsyncReplicas) {
      return Promise.reject(
        new KafkaError(
          ErrorCode.NOT_ENOUGH_REPLICAS,
          `${this.topic}-${this.partition}: ISR ${JSON.stringify(this.committedIsr)} is smaller than min.insync.replicas ${this.config.minInsyncReplicas}`,
        ),
      );
    }
    let result: AppendResult;
    try {
      result = this.log.append(batches, { leaderEpoch: this.leaderEpochValue });
    } catch (err) {
      return Promise.reject(
        err instanceof Error ? err : new KafkaError(ErrorCode.UNKNOWN_SERVER_ERROR, String(err)),
      );
    }
    // Followers fetch these batches next: keep them in memory (only a replicated partition has any).
    if (result.duplicate !== true && this.replicasValue.length > 1)
      this.tail.add(batches, result.baseOffset, result.lastOffset + 1);
    // A single-replica ISR commits at once.
    this.maybeIncrementHighWatermark();
    this.onDataChanged?.();
    if (acks !== -1 || this.log.highWatermark > result.lastOffset) return Promise.resolve(result);
    return this.purgatory.wait(result, timeoutMs);
  }

  /** How many acks=all appends wait for replication. */
  get delayedProduceCount(): number {
    return this.purgatory.size;
  }

  // ---------------------------------------------------------------- leader: follower fetch

  /**
   * Serves a follower's fetch: learns its log end offset from `fetchOffset`, updates when it was last
   * caught up, may add it back to the ISR, advances the high watermark, completes waiting appends and
   * returns whole batches from `fetchOffset`. A follower whose last fetched epoch ends earlier on the
   * leader (or is unknown to it) gets a diverging epoch instead of data, and truncates.
   */
  readForFollower(
    followerId: number,
    fetchOffset: number,
    maxBytes: number,
    currentLeaderEpoch: number,
    lastFetchedEpoch: number,
    followerBrokerEpoch = -1,
  ): FollowerFetchPartitionResult {
    if (this.roleValue !== 'leader') return this.fetchError(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    if (currentLeaderEpoch < this.leaderEpochValue) return this.fetchError(ErrorCode.FENCED_LEADER_EPOCH);
    if (currentLeaderEpoch > this.leaderEpochValue) return this.fetchError(ErrorCode.UNKNOWN_LEADER_EPOCH);
    const follower = this.followers.get(followerId);
    if (follower === undefined) return this.fetchError(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    if (followerBrokerEpoch < follower.brokerEpoch) return this.fetchError(ErrorCode.STALE_BROKER_EPOCH);
    if (followerBrokerEpoch > follower.brokerEpoch) {
      // A new incarnation (the broker restarted): what we knew of its log no longer holds.
      follower.brokerEpoch = followerBrokerEpoch;
      follower.logEndOffset = -1;
      follower.lastFetchLeaderLogEndOffset = -1;
    }
    if (lastFetchedEpoch !== undefinedEpoch) {
      const diverging = this.divergence(fetchOffset, lastFetchedEpoch);
      if (diverging !== undefined) {
        return {
          topic: this.topic,
          partition: this.partition,
          errorCode: ErrorCode.NONE,
          highWatermark: this.log.highWatermark,
          logStartOffset: this.log.logStartOffset,
          logEndOffset: this.log.logEndOffset,
          records: Buffer.alloc(0),
          divergingEpoch: diverging,
        };
      }
    }
    if (fetchOffset < this.log.logStartOffset || fetchOffset > this.log.logEndOffset) {
      return this.fetchError(ErrorCode.OFFSET_OUT_OF_RANGE);
    }
    this.updateFollowerFetchState(follower, fetchOffset);
    this.maybeExpandIsr(followerId, follower);
    this.maybeIncrementHighWatermark();
    this.evictFetchedTail();
    const logEnd = this.log.logEndOffset;
    // At the log end there is nothing to read (a caught-up follower's long poll).
    const records =
      fetchOffset === logEnd
        ? noRecords
        : (this.tail.read(fetchOffset, maxBytes, logEnd) ?? this.log.read(fetchOffset, maxBytes).bytes);
    return this.fetchResult(ErrorCode.NONE, records);
  }

  /** OffsetsForLeaderEpoch on the leader: where `epoch` (or the largest epoch below it) ends here. */
  endOffsetForEpoch(epoch: number): EpochEndOffset {
    return this.log.endOffsetForEpoch(epoch);
  }

  private divergence(fetchOffset: number, lastFetchedEpoch: number): EpochEndOffset | undefined {
    const end = this.log.endOffsetForEpoch(lastFetchedEpoch);
    if (end.epoch === lastFetchedEpoch && end.endOffset >= fetchOffset) return undefined;
    return end;
  }

  /**
   * A follower fetch result, written out field by field: object spreads here (`{ ...base,
   * ...offsets, errorCode, records }`) took V8's slow path, about 4 µs a partition per fetch (measured
   * on Node 20), a tenth of an acks=all produce's time at RF=3.
   */
  private fetchResult(errorCode: number, records: Buffer): FollowerFetchPartitionResult {
    return {
      topic: this.topic,
      partition: this.partition,
      errorCode,
      highWatermark: this.log.highWatermark,
      logStartOffset: this.log.logStartOffset,
      logEndOffset: this.log.logEndOffset,
      records,
    };
  }

  private fetchError(code: ErrorCode): FollowerFetchPartitionResult {
    return this.fetchResult(code, Buffer.alloc(0));
  }

  /** Drops cached batches every follower has fetched (a follower whose offset is unknown reads the log). */
  private evictFetchedTail(): void {
    let min = Number.POSITIVE_INFINITY;
    for (const f of this.followers.values())
      if (f.logEndOffset >= 0 && f.logEndOffset < min) min = f.logEndOffset;
    if (min !== Number.POSITIVE_INFINITY) this.tail.evictBelow(min);
  }

  private updateFollowerFetchState(follower: FollowerState, fetchOffset: number): void {
    const now = this.clock.now();
    const leaderEnd = this.log.logEndOffset;
    // Kafka's rule: caught up now if it has everything; else caught up as of its previous fetch if it
    // now has everything the leader had then.
    if (fetchOffset >= leaderEnd) follower.lastCaughtUpTimeMs = now;
    else if (
      fetchOffset >= follower.lastFetchLeaderLogEndOffset &&
      follower.lastFetchLeaderLogEndOffset >= 0
    ) {
      follower.lastCaughtUpTimeMs = Math.max(follower.lastCaughtUpTimeMs, follower.lastFetchTimeMs);
    }
    follower.logEndOffset = fetchOffset;
    follower.lastFetchLeaderLogEndOffset = leaderEnd;
    follower.lastFetchTimeMs = now;
  }

  // ---------------------------------------------------------------- leader: high watermark and ISR

  /**
   * HW = the minimum log end offset over the leader and the maximal ISR, never backwards, and not
   * while that ISR is smaller than min.insync.replicas (Kafka 3.8). Completes waiting appends.
   */
  private maybeIncrementHighWatermark(): void {
    if (this.roleValue !== 'leader') return;
    const isr = this.maximalIsr;
    if (isr.length < this.config.minInsyncReplicas) return;
    let hw = this.log.logEndOffset;
    for (const id of isr) {
      if (id === this.brokerId) continue;
      const f = this.followers.get(id);
      // A member whose log end offset is still unknown holds the HW where it is.
      if (f === undefined || f.logEndOffset < 0) return;
      hw = Math.min(hw, f.logEndOffset);
    }
    if (hw <= this.log.highWatermark) return;
    this.log.updateHighWatermark(hw);
    this.purgatory.complete(this.log.highWatermark);
    this.onDataChanged?.();
  }

  /**
   * A follower joins the ISR (Kafka's rule) once it has everything below the high watermark and has
   * reached this leader's epoch: it has then passed the divergence check, so its log is a prefix of ours.
   */
  private maybeExpandIsr(followerId: number, follower: FollowerState): void {
    if (this.pendingIsr !== undefined || this.committedIsr.includes(followerId)) return;
    if (!this.replicasValue.includes(followerId)) return;
    if (follower.logEndOffset < this.log.highWatermark || follower.logEndOffset < this.leaderEpochStartOffset)
      return;
    this.proposeIsr([...this.committedIsr, followerId], 'expand');
  }

  /** Removes followers not caught up within replica.lag.time.max.ms (runs on the Clock). */
  maybeShrinkIsr(): void {
    if (this.roleValue !== 'leader' || this.pendingIsr !== undefined) return;
    const now = this.clock.now();
    const leaderEnd = this.log.logEndOffset;
    const lagging = this.committedIsr.filter((id) => {
      if (id === this.brokerId) return false;
      const f = this.followers.get(id);
      if (f === undefined) return true;
      // Kafka's isCaughtUp: at the leader's end now, or caught up within the lag time.
      return f.logEndOffset !== leaderEnd && now - f.lastCaughtUpTimeMs > this.config.replicaLagTimeMaxMs;
    });
    if (lagging.length === 0) return;
    this.proposeIsr(
      this.committedIsr.filter((id) => !lagging.includes(id)),
      'shrink',
    );
  }

  private proposeIsr(isr: number[], kind: 'shrink' | 'expand'): void {
    this.pendingIsr = isr;
    this.pendingIsrBase = this.partitionEpochValue;
    const proposal: IsrChangeProposal = {
      topic: this.topic,
      partition: this.partition,
      leaderEpoch: this.leaderEpochValue,
      partitionEpoch: this.partitionEpochValue,
      isr: [...isr],
      isrWithBrokerEpochs: isr.map((id) => ({
        brokerId: id,
        brokerEpoch: this.followers.get(id)?.brokerEpoch ?? -1,
      })),
      kind,
    };
    if (this.onIsrChange === undefined) {
      this.commitIsrChange({ isr, partitionEpoch: this.partitionEpochValue + 1 });
      return;
    }
    // A pending expansion already counts towards the HW (maximal ISR).
    if (kind === 'expand') this.maybeIncrementHighWatermark();
    this.onIsrChange(proposal);
  }

  /** The controller persisted an ISR change: apply it (ignored when stale or no longer leader). */
  commitIsrChange(commit: IsrChangeCommit): void {
    if (this.roleValue !== 'leader' || commit.partitionEpoch <= this.partitionEpochValue) return;
    this.committedIsr = [...commit.isr];
    this.partitionEpochValue = commit.partitionEpoch;
    this.pendingIsr = undefined;
    this.afterIsrCommitted();
  }

  /**
   * The controller refused the proposal based on `basedOnPartitionEpoch` (stale, fenced broker):
   * forget it so the next fetch or check may propose again. A newer proposal stays pending.
   */
  abortIsrChange(basedOnPartitionEpoch: number): void {
    if (this.pendingIsr !== undefined && this.pendingIsrBase === basedOnPartitionEpoch)
      this.pendingIsr = undefined;
  }

  private afterIsrCommitted(): void {
    if (this.committedIsr.length < this.config.minInsyncReplicas) {
      this.purgatory.failAll(
        ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND,
        `${this.topic}-${this.partition}: ISR ${JSON.stringify(this.committedIsr)} shrank below min.insync.replicas ${this.config.minInsyncReplicas}`,
      );
    }
    this.maybeIncrementHighWatermark();
  }

  // ---------------------------------------------------------------- consumers

  /**
   * A consumer's read on the leader: whole batches below the high watermark only. Outside
   * [logStartOffset, logEndOffset] -> OFFSET_OUT_OF_RANGE; between HW and LEO -> empty.
   * Without transactions the last stable offset is the high watermark.
   */
  readForConsumer(offset: number, maxBytes: number): ConsumerReadResult {
    if (this.roleValue !== 'leader') throw this.notLeader();
    const highWatermark = this.log.highWatermark;
    const read = this.log.read(offset, maxBytes, { maxOffset: highWatermark });
    return {
      records: read.bytes,
      nextOffset: read.nextOffset,
      highWatermark,
      lastStableOffset: highWatermark,
      logStartOffset: this.log.logStartOffset,
    };
  }

  // ---------------------------------------------------------------- follower

  /** The epoch of this replica's last batch, what a follower fetch sends as lastFetchedEpoch. */
  get lastFetchedEpoch(): number {
    return this.log.leaderEpochCache.latestEpoch();
  }

  /**
   * Appends batches fetched from the leader (offsets and epochs kept) and sets the high watermark to
   * min(leader's HW, own LEO). The log records where every leader epoch in the batches starts. The log
   * start follows the leader's (retention, DeleteRecords).
   */
  appendFromLeader(records: Buffer, leaderHighWatermark: number, leaderLogStartOffset = -1): void {
    if (this.roleValue !== 'follower') throw this.notLeader();
    const whole = completeBatchesLength(records);
    if (whole > 0) this.log.appendAsFollower(whole === records.length ? records : records.subarray(0, whole));
    this.log.updateHighWatermark(Math.min(leaderHighWatermark, this.log.logEndOffset));
    const newStart = Math.min(leaderLogStartOffset, this.log.logEndOffset);
    if (newStart > this.log.logStartOffset) this.log.deleteRecordsBefore(newStart, this.log.logEndOffset);
  }

  /**
   * The leader said our log diverges: truncate to the smaller of where that epoch ends on the leader
   * and where it (or the largest epoch below it) ends here (KIP-279). An epoch the leader does not
   * know at all -> drop everything and fetch from the leader's log start.
   * Returns the offset truncated to.
   */
  truncateOnDivergence(diverging: EpochEndOffset): number {
    if (this.roleValue !== 'follower') throw this.notLeader();
    let target: number;
    if (diverging.epoch === undefinedEpoch || diverging.endOffset < 0) {
      target = this.log.logStartOffset;
    } else {
      const own = this.log.endOffsetForEpoch(diverging.epoch);
      target =
        own.epoch === undefinedEpoch
          ? Math.min(diverging.endOffset, this.log.logEndOffset)
          : Math.min(own.endOffset, diverging.endOffset, this.log.logEndOffset);
    }
    this.log.truncateTo(target);
    // Still needed: PartitionLog.truncateTo returns early when nothing is cut (target >= LEO) and then
    // leaves the epoch cache alone, whereas Kafka's UnifiedLog.truncateTo always truncates the cache
    // to the LEO, so an epoch this replica led without writing (assigned at makeLeader) goes too.
    this.log.leaderEpochCache.truncateFromEnd(this.log.logEndOffset);
    this.log.updateHighWatermark(Math.min(this.log.highWatermark, this.log.logEndOffset));
    return this.log.logEndOffset;
  }

  /**
   * The leader answered OFFSET_OUT_OF_RANGE: ahead of its end -> truncate to it; behind its start ->
   * restart the log empty at its start.
   */
  handleOutOfRange(leaderLogStartOffset: number, leaderLogEndOffset: number): void {
    if (this.roleValue !== 'follower') throw this.notLeader();
    const leo = this.log.logEndOffset;
    if (leo > leaderLogEndOffset) this.log.truncateTo(leaderLogEndOffset);
    else if (leo < leaderLogStartOffset) this.log.truncateFullyAndStartAt(leaderLogStartOffset);
  }

  /** Stops timers and fails waiting appends; the log stays open (its owner closes it). */
  close(): void {
    this.resign('offline');
  }
}

export interface ConsumerReadResult {
  records: Buffer;
  nextOffset: number;
  highWatermark: number;
  lastStableOffset: number;
  logStartOffset: number;
}

/**
 * The length of the whole batches at the start of `records`. A size-limited read may end in a partial
 * batch, which PartitionLog.appendAsFollower rejects as corrupt; it is dropped here instead and the
 * next fetch starts at it (as Kafka's follower ignores a trailing partial batch).
 */
function completeBatchesLength(records: Buffer): number {
  let end = 0;
  for (const [pos, size] of batchPositions(records)) end = pos + size;
  return end;
}
