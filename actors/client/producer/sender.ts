/**
 * The producer's sender (Java's `Sender`): wakes up when records arrive, a linger or backoff expires,
 * a response comes back or metadata changes, and then
 *
 * 1. gets a producer id first when idempotence is on (InitProducerId) and resets partitions whose
 *    sequences broke (epoch bump, see batch-tracker.ts);
 * 2. fails queued batches older than delivery.timeout.ms;
 * 3. asks the accumulator which partitions are ready, groups them by leader (from ClusterMetadata;
 *    an unknown leader triggers a metadata refresh), and for each leader with fewer than
 *    max.in.flight.requests.per.connection requests out drains one batch per partition into one
 *    Produce request (the batch's encoded Buffer goes into the request as is: zero-copy);
 * 4. on the answer completes batches (offset per record), retries retriable errors after
 *    retry.backoff.ms (refreshing metadata on leadership errors so the retry is re-routed), and fails
 *    the others with the broker's KafkaError.
 *
 * A batch's delivery timeout is checked while it is queued and whenever an attempt comes back; an
 * attempt in flight is bounded by request.timeout.ms (so a batch may fail up to that much after
 * delivery.timeout.ms, never while a copy of it could still reach the broker unnoticed).
 * Nothing here touches time or sockets but through the Clock and the BrokerConnection ports.
 */
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import type { Clock, Timer } from '../../../core/io/index.ts';
import type {
  ProduceRequest,
  ProduceRequestTopicProduceData,
  ProduceResponse,
  ProduceResponsePartitionProduceResponse,
} from '../../../core/protocol/index.ts';
import { Compression } from '../../../core/records/index.ts';
import type { ConnectionPool } from '../connection-pool.ts';
import type { BrokerConnection } from '../connection.ts';
import type { ClusterMetadata } from '../metadata.ts';
import type { ProducerBatch } from '../producer-batch.ts';
import type { RecordAccumulator, TopicPartition } from '../record-accumulator.ts';
import type { BatchTracker } from './batch-tracker.ts';
import type { ProducerConfig } from './producer-config.ts';
import type { ProducerIdentity } from './producer-identity.ts';

/** Produce v7 is the first that may carry zstd batches (KIP-110). */
const produceVersionZstdMin = 7;

/** Errors after which the client's view of partition leadership is probably stale. */
const metadataErrors: ReadonlySet<number> = new Set([
  ErrorCode.NOT_LEADER_OR_FOLLOWER,
  ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
  ErrorCode.LEADER_NOT_AVAILABLE,
  ErrorCode.FENCED_LEADER_EPOCH,
  ErrorCode.UNKNOWN_LEADER_EPOCH,
  ErrorCode.KAFKA_STORAGE_ERROR,
  ErrorCode.NETWORK_EXCEPTION,
  ErrorCode.REQUEST_TIMED_OUT,
]);

/** Counters of what the sender did (for tests, metrics and "never swallow an error without counting it"). */
export interface SenderStats {
  requestsSent: number;
  batchesSent: number;
  batchesAcked: number;
  batchesFailed: number;
  batchesExpired: number;
  retries: number;
  /** Produce requests that failed as a whole (transport errors, timeouts). */
  requestErrors: number;
  connectErrors: number;
  metadataRefreshes: number;
  metadataErrors: number;
  sequenceResets: number;
  /** Errors the loop itself hit (bugs): counted and kept in `lastError`, the loop keeps running. */
  loopErrors: number;
}

export interface SenderOptions {
  readonly accumulator: RecordAccumulator;
  readonly metadata: ClusterMetadata;
  readonly pool: ConnectionPool;
  readonly clock: Clock;
  readonly config: ProducerConfig;
  readonly tracker: BatchTracker;
  /** Undefined when idempotence is off. */
  readonly identity: ProducerIdentity | undefined;
  /** Called once with a fatal error (InitProducerId refused): the producer fails everything. */
  readonly onFatal: (error: KafkaError) => void;
}

function asKafkaError(e: unknown): KafkaError {
  return e instanceof KafkaError
    ? e
    : new KafkaError(ErrorCode.NETWORK_EXCEPTION, e instanceof Error ? e.message : String(e), { cause: e });
}

export class Sender {
  readonly stats: SenderStats = {
    requestsSent: 0,
    batchesSent: 0,
    batchesAcked: 0,
    batchesFailed: 0,
    batchesExpired: 0,
    retries: 0,
    requestErrors: 0,
    connectErrors: 0,
    metadataRefreshes: 0,
    metadataErrors: 0,
    sequenceResets: 0,
    loopErrors: 0,
  };
  /** The last error the sender saw (request, connect, metadata or loop), for diagnosis. */
  lastError: unknown;

  private readonly acc: RecordAccumulator;
  private readonly metadata: ClusterMetadata;
  private readonly pool: ConnectionPool;
  private readonly clock: Clock;
  private readonly config: ProducerConfig;
  private readonly tracker: BatchTracker;
  private readonly identity: ProducerIdentity | undefined;
  private readonly onFatal: (error: KafkaError) => void;

  private running = false;
  private rerun = false;
  private wakeScheduled = false;
  private stopped = false;
  private timer: Timer | undefined;
  private timerAtMs = Infinity;
  private readonly inFlightRequests = new Map<number, number>();
  private readonly connections = new Map<number, BrokerConnection>();
  private readonly connecting = new Set<number>();
  private readonly connectBackoffUntilMs = new Map<number, number>();
  private metadataRefreshing = false;
  private metadataBackoffUntilMs = -Infinity;
  private identityBackoffUntilMs = -Infinity;
  private identityFailures = 0;
  /** The id and epoch last given to the accumulator (it restarts sequences when they change). */
  private accIdentity = { producerId: -1, producerEpoch: -1 };

  constructor(options: SenderOptions) {
    this.acc = options.accumulator;
    this.metadata = options.metadata;
    this.pool = options.pool;
    this.clock = options.clock;
    this.config = options.config;
    this.tracker = options.tracker;
    this.identity = options.identity;
    this.onFatal = options.onFatal;
  }

  /** Produce requests awaiting an answer, over all brokers. */
  get inFlightRequestCount(): number {
    let n = 0;
    for (const v of this.inFlightRequests.values()) n += v;
    return n;
  }

  /** Asks for a run soon (coalesced: many wakeups in one tick make one run). */
  wakeup(): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    if (this.wakeScheduled) return;
    this.wakeScheduled = true;
    queueMicrotask(() => {
      this.wakeScheduled = false;
      void this.loop();
    });
  }

  /** Stops running (close); requests in flight still settle their batches. */
  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = undefined;
  }

  private async loop(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      do {
        this.rerun = false;
        try {
          await this.runOnce();
        } catch (e) {
          // A bug, not a broker error (those are handled per batch): count it, keep the producer alive.
          this.stats.loopErrors++;
          this.lastError = e;
          this.schedule(this.config.retryBackoffMs);
        }
      } while (this.rerun && !this.stopped);
    } finally {
      this.running = false;
    }
  }

  private async runOnce(): Promise<void> {
    const nowMs = this.clock.now();
    let delayMs = Infinity;
    for (const batch of this.acc.expireBatches(nowMs)) {
      this.tracker.onDone(batch);
      this.stats.batchesExpired++;
    }
    if (this.metadata.needsRefresh(nowMs)) this.refreshMetadata();
    if (this.identity !== undefined && !this.prepareIdentity(nowMs)) {
      // No id yet: nothing may be drained (its batches need the id). An answer wakes us; meanwhile
      // look again after a backoff (to retry InitProducerId and to expire batches).
      this.schedule(this.config.retryBackoffMs);
      return;
    }
    const { readyPartitions, nextReadyCheckDelayMs } = this.acc.ready(nowMs);
    delayMs = Math.min(delayMs, nextReadyCheckDelayMs);
    const byNode = new Map<number, TopicPartition[]>();
    let leaderUnknown = false;
    for (const tp of readyPartitions) {
      const leader = this.metadata.leaderFor(tp);
      if (leader === undefined) {
        leaderUnknown = true;
        continue;
      }
      let list = byNode.get(leader);
      if (list === undefined) byNode.set(leader, (list = []));
      list.push(tp);
    }
    if (leaderUnknown) {
      this.metadata.requestUpdate();
      this.refreshMetadata();
      delayMs = Math.min(delayMs, this.config.retryBackoffMs);
    }
    const producerId = this.identity?.producerId ?? -1;
    const producerEpoch = this.identity?.producerEpoch ?? -1;
    for (const [nodeId, partitions] of byNode) {
      if ((this.inFlightRequests.get(nodeId) ?? 0) >= this.config.maxInFlightRequestsPerConnection) continue;
      const allowed = partitions.filter((tp) => this.tracker.canDrain(tp, producerId, producerEpoch));
      if (allowed.length === 0) continue;
      const conn = this.connectionFor(nodeId, nowMs);
      if (conn === undefined) {
        delayMs = Math.min(delayMs, this.config.retryBackoffMs);
        continue;
      }
      this.addInFlight(nodeId, 1);
      let batches: ProducerBatch[];
      try {
        batches = await this.acc.drain(this.config.maxRequestSizeBytes, allowed);
      } catch (e) {
        this.addInFlight(nodeId, -1);
        throw e;
      }
      if (batches.length === 0) {
        this.addInFlight(nodeId, -1);
        continue;
      }
      void this.sendProduce(nodeId, conn, batches);
    }
    this.schedule(delayMs);
  }

  /** Gets the producer id and performs pending sequence resets; false while no id is usable. */
  private prepareIdentity(nowMs: number): boolean {
    const identity = this.identity!;
    const state = identity.state;
    if (state.kind === 'failed') {
      this.onFatal(state.error);
      return false;
    }
    if (state.kind === 'none') {
      if (identity.failedAttempts > this.identityFailures) {
        // A retriable InitProducerId failure: back off before asking again.
        this.identityFailures = identity.failedAttempts;
        this.identityBackoffUntilMs = nowMs + this.config.retryBackoffMs;
        this.lastError = identity.lastError;
      }
      if (nowMs >= this.identityBackoffUntilMs) identity.start();
      return false;
    }
    if (state.kind === 'initializing') return false;
    this.syncAccumulatorIdentity();
    const resets = this.tracker.resetsReady();
    if (resets.length === 0) return true;
    // One epoch bump serves every partition that needs a reset now.
    if (!identity.bumpEpoch()) return false; // epoch exhausted: a new id comes first
    this.syncAccumulatorIdentity();
    for (const tp of resets) {
      this.tracker.completeReset(tp);
      this.stats.sequenceResets++;
    }
    return true;
  }

  private syncAccumulatorIdentity(): void {
    const identity = this.identity!;
    const { producerId, producerEpoch } = identity;
    if (this.accIdentity.producerId === producerId && this.accIdentity.producerEpoch === producerEpoch)
      return;
    this.accIdentity = { producerId, producerEpoch };
    // A new id or epoch restarts every partition's sequences at 0 (the broker requires it).
    this.acc.setProducerIdAndEpoch(producerId, producerEpoch);
  }

  /** Arms the wakeup timer for `delayMs` from now, unless an earlier one is armed. */
  private schedule(delayMs: number): void {
    if (this.stopped || !Number.isFinite(delayMs)) return;
    const atMs = this.clock.now() + Math.max(0, delayMs);
    if (this.timer !== undefined && this.timerAtMs <= atMs) return;
    this.timer?.cancel();
    this.timerAtMs = atMs;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.timerAtMs = Infinity;
      this.wakeup();
    }, delayMs);
  }

  private addInFlight(nodeId: number, delta: number): void {
    const n = (this.inFlightRequests.get(nodeId) ?? 0) + delta;
    if (n <= 0) this.inFlightRequests.delete(nodeId);
    else this.inFlightRequests.set(nodeId, n);
  }

  /** The open connection to a node, or undefined while one is being opened (the sender is woken then). */
  private connectionFor(nodeId: number, nowMs: number): BrokerConnection | undefined {
    const conn = this.connections.get(nodeId);
    if (conn !== undefined && !conn.closed) return conn;
    this.connections.delete(nodeId);
    if (this.connecting.has(nodeId) || nowMs < (this.connectBackoffUntilMs.get(nodeId) ?? -Infinity))
      return undefined;
    this.connecting.add(nodeId);
    this.pool
      .get(nodeId)
      .then(
        (c) => {
          this.connections.set(nodeId, c);
          this.connectBackoffUntilMs.delete(nodeId);
        },
        (e: unknown) => {
          this.stats.connectErrors++;
          this.lastError = e;
          this.connectBackoffUntilMs.set(nodeId, this.clock.now() + this.config.retryBackoffMs);
          this.metadata.requestUpdate(); // the broker may be gone; its partitions may have moved
        },
      )
      .finally(() => {
        this.connecting.delete(nodeId);
        this.wakeup();
      });
    return undefined;
  }

  private refreshMetadata(): void {
    if (this.metadataRefreshing || this.clock.now() < this.metadataBackoffUntilMs) return;
    this.metadataRefreshing = true;
    this.stats.metadataRefreshes++;
    this.metadata
      .refresh()
      .then(
        () => undefined,
        (e: unknown) => {
          this.stats.metadataErrors++;
          this.lastError = e;
          this.metadataBackoffUntilMs = this.clock.now() + this.config.retryBackoffMs;
          this.schedule(this.config.retryBackoffMs);
        },
      )
      .finally(() => {
        this.metadataRefreshing = false;
        this.wakeup();
      });
  }

  private buildRequest(batches: readonly ProducerBatch[]): ProduceRequest<Buffer> {
    const byTopic = new Map<string, ProduceRequestTopicProduceData<Buffer>>();
    for (const batch of batches) {
      let topic = byTopic.get(batch.topic);
      if (topic === undefined) byTopic.set(batch.topic, (topic = { name: batch.topic, partitionData: [] }));
      // Zero-copy: the batch's bytes, encoded once at drain, are the request's records field.
      topic.partitionData.push({ index: batch.partition, records: batch.built });
    }
    return {
      transactionalId: null,
      acks: this.config.acks,
      timeoutMs: this.config.requestTimeoutMs,
      topicData: [...byTopic.values()],
    };
  }

  private async sendProduce(nodeId: number, conn: BrokerConnection, batches: ProducerBatch[]): Promise<void> {
    try {
      for (const batch of batches) this.tracker.onSent(batch);
      if (
        conn.versionFor(0) < produceVersionZstdMin &&
        batches.some((b) => b.compression === Compression.zstd)
      ) {
        const error = new KafkaError(
          ErrorCode.UNSUPPORTED_COMPRESSION_TYPE,
          `broker ${nodeId} speaks Produce v${conn.versionFor(0)}; zstd needs v${produceVersionZstdMin}`,
        );
        for (const batch of batches) this.fail(batch, error);
        return;
      }
      const body = this.buildRequest(batches);
      this.stats.requestsSent++;
      this.stats.batchesSent += batches.length;
      if (this.config.acks === 0) {
        await this.sendNoResponse(conn, body, batches);
        return;
      }
      let response: ProduceResponse;
      try {
        response = await conn.send(0, body, { timeoutMs: this.config.requestTimeoutMs });
      } catch (e) {
        this.onRequestError(nodeId, asKafkaError(e), batches);
        return;
      }
      this.onResponse(response, batches);
    } finally {
      this.addInFlight(nodeId, -1);
      this.wakeup();
    }
  }

  private async sendNoResponse(
    conn: BrokerConnection,
    body: ProduceRequest<Buffer>,
    batches: readonly ProducerBatch[],
  ): Promise<void> {
    try {
      await conn.sendNoResponse(body);
    } catch (e) {
      this.onRequestError(conn.nodeId, asKafkaError(e), batches);
      return;
    }
    // acks=0: written to the transport is all anyone will ever know; the offset is unknown (-1).
    for (const batch of batches) this.complete(batch, -1, -1);
  }

  private onRequestError(nodeId: number, error: KafkaError, batches: readonly ProducerBatch[]): void {
    this.stats.requestErrors++;
    this.lastError = error;
    // Java closes a connection whose request timed out: an answer may still come, on a connection
    // nobody reads, and later requests must not queue behind a stuck one.
    if (error.code === ErrorCode.REQUEST_TIMED_OUT || error.code === ErrorCode.NETWORK_EXCEPTION) {
      this.connections.delete(nodeId);
      this.pool.drop(nodeId);
    }
    this.metadata.requestUpdate();
    for (const batch of batches) this.onBatchError(batch, error);
  }

  private onResponse(response: ProduceResponse, batches: readonly ProducerBatch[]): void {
    const byPartition = new Map<string, ProduceResponsePartitionProduceResponse>();
    for (const t of response.responses)
      for (const p of t.partitionResponses) byPartition.set(`${t.name}\u0000${p.index}`, p);
    for (const batch of batches) {
      const p = byPartition.get(`${batch.topic}\u0000${batch.partition}`);
      if (p === undefined) {
        this.onBatchError(
          batch,
          new KafkaError(ErrorCode.NETWORK_EXCEPTION, `no answer for ${batch.topic}-${batch.partition}`),
        );
        continue;
      }
      // DUPLICATE_SEQUENCE_NUMBER (old brokers) means the batch is already in the log: a success.
      if (p.errorCode === ErrorCode.NONE || p.errorCode === ErrorCode.DUPLICATE_SEQUENCE_NUMBER) {
        this.complete(batch, p.baseOffset, p.logAppendTimeMs);
        continue;
      }
      if (p.currentLeader.leaderId >= 0)
        this.metadata.updateLeader(batch, p.currentLeader.leaderId, p.currentLeader.leaderEpoch);
      const detail = p.errorMessage ?? p.recordErrors.map((r) => r.batchIndexErrorMessage).join('; ');
      this.onBatchError(
        batch,
        new KafkaError(p.errorCode, `${batch.topic}-${batch.partition}${detail ? `: ${detail}` : ''}`),
      );
    }
  }

  private complete(batch: ProducerBatch, baseOffset: number, logAppendTimeMs: number): void {
    this.tracker.onAcked(batch);
    this.stats.batchesAcked++;
    this.acc.complete(batch, baseOffset, logAppendTimeMs);
  }

  private fail(batch: ProducerBatch, error: Error): void {
    this.tracker.onDone(batch);
    this.stats.batchesFailed++;
    this.acc.fail(batch, error);
  }

  /** Retry (after retry.backoff.ms, re-routed if metadata changes) or fail one batch after `error`. */
  private onBatchError(batch: ProducerBatch, error: KafkaError): void {
    if (batch.isDone) {
      this.tracker.onDone(batch); // failed meanwhile (forced close)
      return;
    }
    if (metadataErrors.has(error.code)) this.metadata.requestUpdate();
    const decision = this.tracker.decide(batch, error);
    const nowMs = this.clock.now();
    if (decision === 'fail' || this.stopped) {
      this.fail(batch, error);
      return;
    }
    const ageMs = nowMs - batch.createdMs;
    if (ageMs >= this.config.deliveryTimeoutMs) {
      this.stats.batchesExpired++;
      this.fail(
        batch,
        new KafkaError(
          ErrorCode.REQUEST_TIMED_OUT,
          `expiring ${batch.recordCount} record(s) for ${batch.topic}-${batch.partition}: ${ageMs} ms has passed since batch creation (delivery.timeout.ms ${this.config.deliveryTimeoutMs}); last error ${error.message}`,
          { cause: error },
        ),
      );
      return;
    }
    if (batch.attempts >= this.config.retries) {
      this.fail(batch, error);
      return;
    }
    this.stats.retries++;
    this.tracker.onRetry(batch);
    this.acc.reenqueue(batch, nowMs);
    this.schedule(this.config.retryBackoffMs);
  }
}
