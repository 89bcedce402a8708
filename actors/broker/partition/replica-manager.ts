import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import type { Clock, Transport } from '../../../core/io/index.ts';
import type { AppendResult, PartitionLog, TopicPartitionOffset } from '../../../core/log/index.ts';
import {
  Partition,
  type Acks,
  type ConsumerReadResult,
  type IsrChangeCommit,
  type IsrChangeProposal,
} from './partition.ts';
import { ReplicaFetcher } from './replica-fetcher.ts';
import type { ReplicationConfig } from './replication-config.ts';
import {
  topicPartitionKey,
  type FollowerFetchPartitionResult,
  type ReplicaRequest,
  type ReplicaResponse,
  type TopicPartition,
} from './replica-messages.ts';

/** The controller's decision for one partition (Kafka's LeaderAndIsr / KRaft PartitionRecord). */
export interface LeaderAndIsrState {
  topic: string;
  partition: number;
  leader: number;
  leaderEpoch: number;
  partitionEpoch: number;
  isr: readonly number[];
  replicas: readonly number[];
}

export interface LeaderAndIsrResult {
  topic: string;
  partition: number;
  /** ErrorCode.NONE, FENCED_LEADER_EPOCH for a stale decision, or the storage error opening the log. */
  errorCode: number;
}

export interface ReplicaManagerOptions {
  brokerId: number;
  /** This broker's epoch from its registration with the controller (KIP-903); default -1 (unknown). */
  brokerEpoch?: number;
  clock: Clock;
  transport: Transport<ReplicaRequest, ReplicaResponse>;
  /** Broker-level replication settings and the default min.insync.replicas. */
  config: ReplicationConfig;
  /** A topic's own settings (its min.insync.replicas); default `config`. */
  configFor?: (topic: string) => ReplicationConfig;
  /** Opens (recovering) the log of a partition this broker hosts; it must be a replicated log (`openReplicatedLog`). */
  openLog: (tp: TopicPartition) => PartitionLog;
  /** ISR changes for the controller to persist; answer with `commitIsrChange`. Absent: they commit locally. */
  onIsrChange?: (proposal: IsrChangeProposal) => void;
  /** Fetcher and partition failures (they are also counted). */
  onError?: (error: unknown, tp: TopicPartition | undefined) => void;
}

interface DataWaiter {
  keys: ReadonlySet<string>;
  wake: () => void;
}

/** Follower fetches waiting for data at once, at most (a bound on memory; beyond it they answer at once). */
export const delayedFetchWaitersMax = 10_000;

/**
 * The replicas one broker hosts: applies the controller's leader/follower decisions, owns a replica
 * fetcher per leader broker, serves follower fetches from the Transport (long-polling up to
 * replica.fetch.wait.max.ms), and gives the request layer appends to leaders, consumer reads, and a
 * "data arrived / HW advanced" hook for delayed consumer fetches.
 */
export class ReplicaManager {
  readonly brokerId: number;
  private brokerEpochValue: number;
  private readonly clock: Clock;
  private readonly transport: Transport<ReplicaRequest, ReplicaResponse>;
  private readonly config: ReplicationConfig;
  private readonly configFor: (topic: string) => ReplicationConfig;
  private readonly openLog: (tp: TopicPartition) => PartitionLog;
  private readonly onIsrChange: ((proposal: IsrChangeProposal) => void) | undefined;
  private readonly onError: ((error: unknown, tp: TopicPartition | undefined) => void) | undefined;
  private readonly partitions = new Map<string, Partition>();
  private readonly fetchers = new Map<number, ReplicaFetcher>();
  private readonly dataListeners = new Set<(tp: TopicPartition) => void>();
  private readonly dataWaiters = new Set<DataWaiter>();
  private stopServing: (() => void) | undefined;

  constructor(options: ReplicaManagerOptions) {
    this.brokerId = options.brokerId;
    this.brokerEpochValue = options.brokerEpoch ?? -1;
    this.clock = options.clock;
    this.transport = options.transport;
    this.config = options.config;
    this.configFor = options.configFor ?? ((): ReplicationConfig => options.config);
    this.openLog = options.openLog;
    this.onIsrChange = options.onIsrChange;
    this.onError = options.onError;
  }

  /** This broker's registration epoch (KIP-903), sent with every follower fetch. */
  get brokerEpoch(): number {
    return this.brokerEpochValue;
  }

  /** A new registration (a restart or a new controller): later fetches carry the new epoch. */
  setBrokerEpoch(brokerEpoch: number): void {
    this.brokerEpochValue = brokerEpoch;
    for (const f of this.fetchers.values()) f.brokerEpoch = brokerEpoch;
  }

  getPartition(tp: TopicPartition): Partition | undefined {
    return this.partitions.get(topicPartitionKey(tp));
  }

  allPartitions(): Partition[] {
    return [...this.partitions.values()];
  }

  /** The fetcher for `leaderId`, if this broker follows any partition there. */
  fetcherFor(leaderId: number): ReplicaFetcher | undefined {
    return this.fetchers.get(leaderId);
  }

  // ---------------------------------------------------------------- control: leader and ISR decisions

  /**
   * Applies the controller's decisions: this broker leads, or follows the named leader (its fetcher
   * for that leader picks the partition up, truncating first where its log diverges). A stale
   * decision is refused per partition with FENCED_LEADER_EPOCH.
   */
  applyLeaderAndIsr(states: readonly LeaderAndIsrState[]): LeaderAndIsrResult[] {
    return states.map((s) => ({ topic: s.topic, partition: s.partition, errorCode: this.applyOne(s) }));
  }

  private applyOne(s: LeaderAndIsrState): number {
    try {
      const p = this.getOrCreate(s);
      if (s.leader === this.brokerId) {
        p.makeLeader({
          leaderEpoch: s.leaderEpoch,
          partitionEpoch: s.partitionEpoch,
          isr: s.isr,
          replicas: s.replicas,
        });
        this.unfollow(p);
      } else {
        const previousLeader = p.role === 'follower' ? p.leaderId : -1;
        p.makeFollower({
          leaderEpoch: s.leaderEpoch,
          partitionEpoch: s.partitionEpoch,
          leaderId: s.leader,
          isr: s.isr,
          replicas: s.replicas,
        });
        if (previousLeader !== s.leader) this.unfollow(p);
        if (s.leader >= 0) this.follow(p, s.leader);
      }
      return ErrorCode.NONE;
    } catch (err) {
      if (err instanceof KafkaError) return err.code;
      this.onError?.(err, s);
      return ErrorCode.UNKNOWN_SERVER_ERROR;
    }
  }

  private getOrCreate(tp: TopicPartition): Partition {
    const key = topicPartitionKey(tp);
    const existing = this.partitions.get(key);
    if (existing !== undefined) return existing;
    const key0 = { topic: tp.topic, partition: tp.partition };
    const p = new Partition({
      brokerId: this.brokerId,
      log: this.openLog(key0),
      clock: this.clock,
      config: this.configFor(tp.topic),
      ...(this.onIsrChange !== undefined ? { onIsrChange: this.onIsrChange } : {}),
      onDataChanged: () => this.dataChanged(key0),
    });
    this.partitions.set(key, p);
    return p;
  }

  private follow(p: Partition, leaderId: number): void {
    let fetcher = this.fetchers.get(leaderId);
    if (fetcher === undefined) {
      fetcher = new ReplicaFetcher({
        brokerId: this.brokerId,
        brokerEpoch: this.brokerEpoch,
        leaderId,
        clock: this.clock,
        transport: this.transport,
        config: this.config,
        onError: (err, partition) => this.onError?.(err, partition),
      });
      this.fetchers.set(leaderId, fetcher);
    }
    fetcher.addPartition(p);
    fetcher.start();
  }

  private unfollow(p: Partition): void {
    for (const [leaderId, fetcher] of this.fetchers) {
      fetcher.removePartition(p);
      if (fetcher.partitionCount === 0) {
        this.fetchers.delete(leaderId);
        fetcher.stop();
      }
    }
  }

  /** The controller persisted (or overrode) an ISR change the leader proposed. */
  commitIsrChange(tp: TopicPartition, commit: IsrChangeCommit): void {
    this.getPartition(tp)?.commitIsrChange(commit);
  }

  /** The controller refused the proposal based on `basedOnPartitionEpoch`. */
  abortIsrChange(tp: TopicPartition, basedOnPartitionEpoch: number): void {
    this.getPartition(tp)?.abortIsrChange(basedOnPartitionEpoch);
  }

  /** StopReplica: the partition goes offline here (its log stays; the caller may delete it). */
  stopReplica(tp: TopicPartition): void {
    const p = this.getPartition(tp);
    if (p === undefined) return;
    this.unfollow(p);
    p.makeOffline();
    this.partitions.delete(topicPartitionKey(tp));
  }

  /** Stops serving, every fetcher and every partition; closes the logs (flushing them). */
  shutdown(): void {
    this.stop(true);
  }

  /**
   * Stops everything without touching the logs (a process dying: simulations crash the file system
   * next, and a restarted ReplicaManager recovers the logs from what was durable).
   */
  halt(): void {
    this.stop(false);
  }

  private stop(closeLogs: boolean): void {
    this.stopServing?.();
    this.stopServing = undefined;
    for (const f of this.fetchers.values()) f.stop();
    this.fetchers.clear();
    for (const p of this.partitions.values()) {
      p.close();
      if (closeLogs) p.log.close();
    }
    this.partitions.clear();
    for (const w of [...this.dataWaiters]) w.wake();
  }

  /** The high watermarks to write to `replication-offset-checkpoint`. */
  highWatermarks(): TopicPartitionOffset[] {
    return this.allPartitions().map((p) => ({
      topic: p.topic,
      partition: p.partition,
      offset: p.highWatermark,
    }));
  }

  // ---------------------------------------------------------------- data: produce and consume

  private leaderPartition(tp: TopicPartition): Partition {
    const p = this.getPartition(tp);
    if (p === undefined) {
      throw new KafkaError(
        ErrorCode.NOT_LEADER_OR_FOLLOWER,
        `broker ${this.brokerId} hosts no replica of ${topicPartitionKey(tp)}`,
      );
    }
    return p;
  }

  /** Produce to a partition this broker leads (see Partition.appendAsLeader for acks semantics). */
  appendToLeader(tp: TopicPartition, batches: Buffer, acks: Acks, timeoutMs: number): Promise<AppendResult> {
    const p = this.getPartition(tp);
    if (p === undefined) {
      return Promise.reject(
        new KafkaError(
          ErrorCode.NOT_LEADER_OR_FOLLOWER,
          `broker ${this.brokerId} hosts no replica of ${topicPartitionKey(tp)}`,
        ),
      );
    }
    return p.appendAsLeader(batches, acks, timeoutMs);
  }

  /** A consumer fetch on the leader: below the high watermark only. */
  readForConsumer(tp: TopicPartition, offset: number, maxBytes: number): ConsumerReadResult {
    return this.leaderPartition(tp).readForConsumer(offset, maxBytes);
  }

  /** Subscribes to "records appended or HW advanced" on any partition here; returns the unsubscribe. */
  onDataChanged(listener: (tp: TopicPartition) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  /** Resolves when any of `tps` gets data or a higher HW, or after `maxWaitMs` on the Clock (a long poll). */
  waitForData(tps: readonly TopicPartition[], maxWaitMs: number): Promise<void> {
    if (maxWaitMs <= 0 || this.dataWaiters.size >= delayedFetchWaitersMax) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let done = false;
      const waiter: DataWaiter = {
        keys: new Set(tps.map(topicPartitionKey)),
        wake: () => {
          if (done) return;
          done = true;
          timer.cancel();
          this.dataWaiters.delete(waiter);
          resolve();
        },
      };
      const timer = this.clock.setTimeout(() => waiter.wake(), maxWaitMs);
      this.dataWaiters.add(waiter);
    });
  }

  private dataChanged(tp: TopicPartition): void {
    const key = topicPartitionKey(tp);
    for (const w of [...this.dataWaiters]) if (w.keys.has(key)) w.wake();
    for (const listener of this.dataListeners) listener(tp);
  }

  // ---------------------------------------------------------------- serving followers

  /** Serves follower fetches arriving on the Transport at this broker's id; returns the stop function. */
  serve(): () => void {
    this.stopServing?.();
    const stop = this.transport.listen(this.brokerId, (req, from) => this.handleRequest(req, from));
    this.stopServing = stop;
    return () => {
      stop();
      if (this.stopServing === stop) this.stopServing = undefined;
    };
  }

  private handleRequest(request: ReplicaRequest, from: number): Promise<ReplicaResponse> {
    switch (request.type) {
      case 'FETCH':
        return this.handleFollowerFetch(request, from);
      default: {
        const _never: never = request.type;
        return Promise.reject(
          new KafkaError(ErrorCode.INVALID_REQUEST, `unknown replica request ${String(_never)}`),
        );
      }
    }
  }

  /**
   * A follower's Fetch: answered at once when any partition has data, an error, a divergence, or a
   * high watermark that moved while serving it; otherwise held until data arrives or maxWaitMs passes.
   */
  async handleFollowerFetch(request: ReplicaRequest, from: number): Promise<ReplicaResponse> {
    if (request.replicaId !== from) {
      throw new KafkaError(
        ErrorCode.INVALID_REQUEST,
        `replica id ${request.replicaId} does not match sender ${from}`,
      );
    }
    const first = this.readForFollower(request);
    if (first.answerNow) return { type: 'FETCH', partitions: first.results };
    await this.waitForData(request.partitions, request.maxWaitMs);
    return { type: 'FETCH', partitions: this.readForFollower(request).results };
  }

  private readForFollower(request: ReplicaRequest): {
    results: FollowerFetchPartitionResult[];
    answerNow: boolean;
  } {
    let answerNow = false;
    const results = request.partitions.map((req): FollowerFetchPartitionResult => {
      const p = this.getPartition(req);
      if (p === undefined) {
        answerNow = true;
        return {
          topic: req.topic,
          partition: req.partition,
          errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER,
          highWatermark: -1,
          logStartOffset: -1,
          logEndOffset: -1,
          records: Buffer.alloc(0),
        };
      }
      const hwBefore = p.highWatermark;
      let r: FollowerFetchPartitionResult;
      try {
        r = p.readForFollower(
          request.replicaId,
          req.fetchOffset,
          req.maxBytes,
          req.currentLeaderEpoch,
          req.lastFetchedEpoch,
          request.replicaEpoch,
        );
      } catch (err) {
        this.onError?.(err, req);
        const code = err instanceof KafkaError ? err.code : ErrorCode.UNKNOWN_SERVER_ERROR;
        r = {
          topic: req.topic,
          partition: req.partition,
          errorCode: code,
          highWatermark: -1,
          logStartOffset: -1,
          logEndOffset: -1,
          records: Buffer.alloc(0),
        };
      }
      if (
        r.errorCode !== ErrorCode.NONE ||
        r.records.length > 0 ||
        r.divergingEpoch !== undefined ||
        p.highWatermark > hwBefore
      ) {
        answerNow = true;
      }
      return r;
    });
    return { results, answerNow };
  }
}
