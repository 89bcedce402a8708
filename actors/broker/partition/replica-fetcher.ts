import { ErrorCode } from '../../../core/errors/index.ts';
import type { Clock, Timer, Transport } from '../../../core/io/index.ts';
import type { Partition } from './partition.ts';
import type { ReplicationConfig } from './replication-config.ts';
import {
  topicPartitionKey,
  type FollowerFetchPartition,
  type FollowerFetchPartitionResult,
  type ReplicaRequest,
  type ReplicaResponse,
} from './replica-messages.ts';

export interface ReplicaFetcherOptions {
  brokerId: number;
  /** This broker's epoch (KIP-903), sent in every fetch; default -1 (unknown). */
  brokerEpoch?: number;
  leaderId: number;
  clock: Clock;
  transport: Transport<ReplicaRequest, ReplicaResponse>;
  /** Broker-level fetch settings: replica.fetch.backoff.ms, .max.bytes, .wait.max.ms, replica.socket.timeout.ms. */
  config: ReplicationConfig;
  /** Failures are counted in `stats`; this sees each one too (for logging). */
  onError?: (error: unknown, partition: Partition | undefined) => void;
}

interface FetchedPartition {
  partition: Partition;
  /** The leader epoch this fetcher serves the partition at; a response for another epoch is dropped. */
  leaderEpoch: number;
  /** After an error the partition sits out of fetches until then (replica.fetch.backoff.ms). */
  delayedUntilMs: number;
}

export interface ReplicaFetcherStats {
  fetches: number;
  failedFetches: number;
  partitionErrors: number;
  truncations: number;
  bytesFetched: number;
}

/**
 * The replica fetcher of one follower broker for one leader broker: loops Fetch requests (replicaId =
 * this broker) through the Transport port for every partition it follows there, appends what comes
 * back, truncates on a diverging epoch, and backs off after errors. A partition leaves the fetcher
 * when it stops being a follower of that leader; a response that arrives after such a change is dropped.
 */
export class ReplicaFetcher {
  readonly brokerId: number;
  /** This broker's registration epoch, sent with each fetch (KIP-903); updated on re-registration. */
  brokerEpoch: number;
  readonly leaderId: number;
  readonly stats: ReplicaFetcherStats = {
    fetches: 0,
    failedFetches: 0,
    partitionErrors: 0,
    truncations: 0,
    bytesFetched: 0,
  };
  private readonly clock: Clock;
  private readonly transport: Transport<ReplicaRequest, ReplicaResponse>;
  private readonly config: ReplicationConfig;
  private readonly onError: ((error: unknown, partition: Partition | undefined) => void) | undefined;
  private readonly partitions = new Map<string, FetchedPartition>();
  private running = false;
  private sleeping: { timer: Timer; wake: () => void } | undefined;

  constructor(options: ReplicaFetcherOptions) {
    this.brokerId = options.brokerId;
    this.brokerEpoch = options.brokerEpoch ?? -1;
    this.leaderId = options.leaderId;
    this.clock = options.clock;
    this.transport = options.transport;
    this.config = options.config;
    this.onError = options.onError;
  }

  get partitionCount(): number {
    return this.partitions.size;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Follows `partition` (a follower of this fetcher's leader) from now on, at its current leader epoch. */
  addPartition(partition: Partition): void {
    const existing = this.partitions.get(topicPartitionKey(partition));
    if (
      existing !== undefined &&
      existing.partition === partition &&
      existing.leaderEpoch === partition.leaderEpoch
    )
      return;
    this.partitions.set(topicPartitionKey(partition), {
      partition,
      leaderEpoch: partition.leaderEpoch,
      delayedUntilMs: 0,
    });
    this.wake();
  }

  removePartition(partition: Partition): void {
    this.partitions.delete(topicPartitionKey(partition));
  }

  /** Starts the fetch loop (on the Clock and the Transport; returns at once). */
  start(): void {
    if (this.running) return;
    this.running = true;
    void this.run();
  }

  /** Stops the loop at once; a response still in flight is dropped when it arrives. */
  stop(): void {
    this.running = false;
    this.wake();
  }

  private async run(): Promise<void> {
    while (this.running) {
      const waitMs = await this.fetchOnce();
      if (waitMs > 0 && this.running) await this.sleep(waitMs);
    }
  }

  /**
   * One fetch round: sends one request for every partition not backing off and applies the answer.
   * Returns how long to wait before the next round (0: fetch again at once).
   */
  async fetchOnce(): Promise<number> {
    const now = this.clock.now();
    const sent: Array<{ entry: FetchedPartition; request: FollowerFetchPartition }> = [];
    let nextReadyMs = Number.POSITIVE_INFINITY;
    for (const entry of this.partitions.values()) {
      if (!this.stillFollowing(entry)) continue;
      if (entry.delayedUntilMs > now) {
        nextReadyMs = Math.min(nextReadyMs, entry.delayedUntilMs);
        continue;
      }
      const p = entry.partition;
      sent.push({
        entry,
        request: {
          topic: p.topic,
          partition: p.partition,
          currentLeaderEpoch: entry.leaderEpoch,
          fetchOffset: p.logEndOffset,
          lastFetchedEpoch: p.lastFetchedEpoch,
          maxBytes: this.config.replicaFetchMaxBytes,
        },
      });
    }
    if (sent.length === 0) {
      return Number.isFinite(nextReadyMs) ? nextReadyMs - now : this.config.replicaFetchBackoffMs;
    }
    const request: ReplicaRequest = {
      type: 'FETCH',
      replicaId: this.brokerId,
      replicaEpoch: this.brokerEpoch,
      maxWaitMs: this.config.replicaFetchWaitMaxMs,
      partitions: sent.map((s) => s.request),
    };
    this.stats.fetches++;
    let response: ReplicaResponse;
    try {
      response = await this.transport.request(
        this.brokerId,
        this.leaderId,
        request,
        this.config.replicaSocketTimeoutMs,
      );
    } catch (err) {
      this.stats.failedFetches++;
      this.onError?.(err, undefined);
      return this.config.replicaFetchBackoffMs;
    }
    if (!this.running) return 0;
    const results = new Map<string, FollowerFetchPartitionResult>();
    for (const r of response.partitions) results.set(topicPartitionKey(r), r);
    for (const { entry, request: req } of sent) {
      const result = results.get(topicPartitionKey(req));
      // A role or epoch change, or a truncation, since the request left makes its answer meaningless.
      if (
        result === undefined ||
        !this.stillFollowing(entry) ||
        entry.partition.logEndOffset !== req.fetchOffset
      )
        continue;
      this.apply(entry, result);
    }
    return 0;
  }

  private stillFollowing(entry: FetchedPartition): boolean {
    const p = entry.partition;
    return (
      this.partitions.get(topicPartitionKey(p)) === entry &&
      p.role === 'follower' &&
      p.leaderId === this.leaderId &&
      p.leaderEpoch === entry.leaderEpoch
    );
  }

  private apply(entry: FetchedPartition, result: FollowerFetchPartitionResult): void {
    const p = entry.partition;
    try {
      if (result.errorCode === ErrorCode.OFFSET_OUT_OF_RANGE) {
        p.handleOutOfRange(result.logStartOffset, result.logEndOffset);
        this.stats.truncations++;
        return;
      }
      if (result.errorCode !== ErrorCode.NONE) {
        this.stats.partitionErrors++;
        entry.delayedUntilMs = this.clock.now() + this.config.replicaFetchBackoffMs;
        return;
      }
      if (result.divergingEpoch !== undefined) {
        p.truncateOnDivergence(result.divergingEpoch);
        this.stats.truncations++;
        return;
      }
      p.appendFromLeader(result.records, result.highWatermark, result.logStartOffset);
      this.stats.bytesFetched += result.records.length;
    } catch (err) {
      this.stats.partitionErrors++;
      entry.delayedUntilMs = this.clock.now() + this.config.replicaFetchBackoffMs;
      this.onError?.(err, p);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = (): void => {
        if (this.sleeping?.wake !== wake) return;
        this.sleeping.timer.cancel();
        this.sleeping = undefined;
        resolve();
      };
      this.sleeping = { timer: this.clock.setTimeout(wake, ms), wake };
    });
  }

  private wake(): void {
    this.sleeping?.wake();
  }
}
