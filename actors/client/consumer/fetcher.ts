/**
 * The fetcher (Java's Fetcher / FetchCollector): one Fetch request in flight per leader broker, for every
 * fetchable partition led by it that has no undelivered data buffered. The broker long-polls
 * (`fetch.min.bytes`, `fetch.max.wait.ms`) and serves only records below the high watermark; what comes
 * back is buffered as one CompletedFetch per partition and drained by poll().
 *
 * Prefetch: as soon as a response carrying records has been buffered, the next request goes out for the
 * partitions that have nothing buffered, so while the application works on one poll's records the next
 * ones are on their way. A partition with buffered records is not fetched again until they are taken, so
 * the buffer holds at most one response per partition: an application that stops polling stops fetching.
 *
 * Errors per partition: OFFSET_OUT_OF_RANGE resets the position by `auto.offset.reset` (or fails the next
 * poll with OffsetOutOfRangeError for `none`); leadership errors (NOT_LEADER_OR_FOLLOWER,
 * FENCED_LEADER_EPOCH, ...) refresh metadata and fetch from the new leader. A failed request backs off
 * the broker for `retry.backoff.ms` and refreshes metadata.
 */
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import type {
  FetchRequest,
  FetchRequestFetchTopic,
  FetchResponse,
  FetchResponsePartitionData,
} from '../../../core/protocol/index.ts';
import { CompletedFetch } from './completed-fetch.ts';
import type { ConsumerContext } from './consumer-context.ts';
import type { ConsumerRecord, TopicPartition } from './consumer-record.ts';
import { OffsetOutOfRangeError } from './errors.ts';
import type { PartitionState } from './subscription-state.ts';

const zeroUuid = '00000000-0000-0000-0000-000000000000';
/** Fetch sessions (KIP-227) are not used: every request is a full fetch. */
const fetchSessionIdNone = 0;
const fetchSessionEpochFull = -1;
const consumerReplicaId = -1;

/** Partition errors after which the leader may have moved: refresh metadata, then fetch again. */
const leadershipErrors: ReadonlySet<number> = new Set([
  ErrorCode.NOT_LEADER_OR_FOLLOWER,
  ErrorCode.LEADER_NOT_AVAILABLE,
  ErrorCode.FENCED_LEADER_EPOCH,
  ErrorCode.UNKNOWN_LEADER_EPOCH,
  ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
  ErrorCode.UNKNOWN_TOPIC_ID,
  ErrorCode.INCONSISTENT_TOPIC_ID,
  ErrorCode.KAFKA_STORAGE_ERROR,
  ErrorCode.REPLICA_NOT_AVAILABLE,
  ErrorCode.OFFSET_NOT_AVAILABLE,
  ErrorCode.BROKER_NOT_AVAILABLE,
]);

/** Counters for what the fetcher cannot report to the caller. */
export interface FetcherStats {
  requestsSent: number;
  responsesReceived: number;
  requestFailures: number;
  /** Partition-level errors handled (leader moves, out-of-range resets). */
  partitionErrors: number;
  /** Buffered fetches dropped because the position moved (seek, reset, revocation). */
  staleFetchesDropped: number;
}

interface SentPartition {
  readonly state: PartitionState;
  readonly fetchOffset: number;
  readonly positionVersion: number;
}

export class Fetcher<K, V> {
  readonly stats: FetcherStats = {
    requestsSent: 0,
    responsesReceived: 0,
    requestFailures: 0,
    partitionErrors: 0,
    staleFetchesDropped: 0,
  };
  private readonly ctx: ConsumerContext<K, V>;
  /** Buffered responses in arrival order, one at most per partition. */
  private readonly completed: CompletedFetch<K, V>[] = [];
  private readonly nodesInFlight = new Set<number>();
  private readonly nodeBackoffUntil = new Map<number, number>();
  /** Errors to throw from the next poll (auto.offset.reset=none). */
  private pendingError: KafkaError | undefined;
  /** Set while collect() drains; a response arriving then is appended behind it. */
  private draining = false;

  constructor(ctx: ConsumerContext<K, V>) {
    this.ctx = ctx;
  }

  /** Whether buffered records are ready to hand out. */
  hasAvailableRecords(): boolean {
    return this.completed.some((cf) => !cf.state.paused && this.isCurrent(cf));
  }

  /** Sends a Fetch to every leader that has fetchable partitions and no request in flight. */
  sendFetches(): void {
    if (this.ctx.isClosed()) return;
    const byNode = this.fetchablePartitionsByNode();
    for (const [nodeId, partitions] of byNode) this.sendTo(nodeId, partitions);
  }

  private fetchablePartitionsByNode(): Map<number, PartitionState[]> {
    const { metadata, clock } = this.ctx;
    const buffered = new Set(this.completed.map((cf) => cf.state));
    const byNode = new Map<number, PartitionState[]>();
    const now = clock.now();
    for (const state of this.ctx.subscriptions.states()) {
      if (!state.isFetchable || buffered.has(state)) continue;
      if (state.awaitingMetadataAfter >= 0) {
        if (metadata.version <= state.awaitingMetadataAfter) continue;
        state.awaitingMetadataAfter = -1;
      }
      const leader = metadata.leaderFor(state.tp);
      if (leader === undefined) {
        this.ctx.requestMetadataUpdate();
        continue;
      }
      if (this.nodesInFlight.has(leader) || (this.nodeBackoffUntil.get(leader) ?? 0) > now) continue;
      let list = byNode.get(leader);
      if (list === undefined) byNode.set(leader, (list = []));
      list.push(state);
    }
    // A broker long-polls a fetch of caught-up partitions for up to fetch.max.wait.ms, and only one fetch
    // per broker is in flight: sent while records of other partitions of that broker are still buffered,
    // it would hold back their next fetch once they are drained. So such a fetch waits until the buffered
    // records are taken, and then goes out together with theirs (which has data and is answered at once).
    if (byNode.size > 0 && this.completed.length > 0) {
      const buffering = new Set<number>();
      for (const cf of this.completed) {
        if (cf.state.paused || !this.isCurrent(cf)) continue;
        const leader = metadata.leaderFor(cf.state.tp);
        if (leader !== undefined) buffering.add(leader);
      }
      for (const [nodeId, list] of byNode) {
        if (buffering.has(nodeId) && list.every((state) => this.isCaughtUp(state))) byNode.delete(nodeId);
      }
    }
    return byNode;
  }

  /** The position is at the end of what the last response said the consumer may read. */
  private isCaughtUp(state: PartitionState): boolean {
    const end =
      this.ctx.config.isolationLevel === 'read_committed' ? state.lastStableOffset : state.highWatermark;
    return end >= 0 && state.position !== null && state.position.offset >= end;
  }

  private buildRequest(partitions: readonly PartitionState[]): {
    request: FetchRequest;
    sent: SentPartition[];
  } {
    const { config, metadata } = this.ctx;
    const topics = new Map<string, FetchRequestFetchTopic>();
    const sent: SentPartition[] = [];
    for (const state of partitions) {
      const position = state.position!;
      let topic = topics.get(state.tp.topic);
      if (topic === undefined) {
        const topicId = metadata.topic(state.tp.topic)?.topicId ?? zeroUuid;
        topics.set(state.tp.topic, (topic = { topic: state.tp.topic, topicId, partitions: [] }));
      }
      topic.partitions.push({
        partition: state.tp.partition,
        currentLeaderEpoch: metadata.partition(state.tp)?.leaderEpoch ?? -1,
        fetchOffset: position.offset,
        lastFetchedEpoch: -1,
        logStartOffset: -1,
        partitionMaxBytes: config.maxPartitionFetchBytes,
      });
      sent.push({ state, fetchOffset: position.offset, positionVersion: state.positionVersion });
    }
    const request: FetchRequest = {
      clusterId: null,
      replicaId: consumerReplicaId,
      replicaState: { replicaId: consumerReplicaId, replicaEpoch: -1 },
      maxWaitMs: config.fetchMaxWaitMs,
      minBytes: config.fetchMinBytes,
      maxBytes: config.fetchMaxBytes,
      isolationLevel: config.isolationLevel === 'read_committed' ? 1 : 0,
      sessionId: fetchSessionIdNone,
      sessionEpoch: fetchSessionEpochFull,
      topics: [...topics.values()],
      forgottenTopicsData: [],
      rackId: config.clientRack ?? '',
    };
    return { request, sent };
  }

  private sendTo(nodeId: number, partitions: readonly PartitionState[]): void {
    const { request, sent } = this.buildRequest(partitions);
    this.nodesInFlight.add(nodeId);
    this.stats.requestsSent++;
    const timeoutMs = this.ctx.config.requestTimeoutMs + this.ctx.config.fetchMaxWaitMs;
    this.ctx.pool
      .get(nodeId)
      .then((conn) => conn.send(1, request, { timeoutMs }))
      .then(
        (response) => {
          this.nodesInFlight.delete(nodeId);
          this.stats.responsesReceived++;
          const gotRecords = this.handleResponse(response, sent);
          this.ctx.wakeup.notify();
          // Prefetch: keep the pipeline full while the application works through what just arrived.
          if (gotRecords) this.sendFetches();
        },
        (error: unknown) => {
          this.nodesInFlight.delete(nodeId);
          this.stats.requestFailures++;
          if (this.ctx.isClosed()) return;
          this.nodeBackoffUntil.set(nodeId, this.ctx.clock.now() + this.ctx.config.retryBackoffMs);
          if (!(error instanceof KafkaError) || error.retriable) this.ctx.requestMetadataUpdate();
          else this.pendingError ??= error;
          this.ctx.wakeup.notify();
        },
      );
  }

  /** Buffers the partitions' records; returns whether any partition returned record bytes. */
  private handleResponse(response: FetchResponse, sent: readonly SentPartition[]): boolean {
    if (this.ctx.isClosed()) return false;
    const bySent = new Map<string, SentPartition>();
    for (const s of sent) bySent.set(s.state.key, s);
    if (response.errorCode !== ErrorCode.NONE) {
      // A request-level error (e.g. a fetch session error): nothing was served; retry after metadata.
      this.ctx.requestMetadataUpdate();
      return false;
    }
    let gotRecords = false;
    for (const topic of response.responses) {
      for (const p of topic.partitions) {
        const s = bySent.get(`${topic.topic}\u0000${p.partitionIndex}`);
        if (s === undefined) continue;
        if (this.handlePartition(s, p)) gotRecords = true;
      }
    }
    return gotRecords;
  }

  private handlePartition(s: SentPartition, p: FetchResponsePartitionData): boolean {
    const { state } = s;
    const current =
      this.ctx.subscriptions.stateByKey(state.key) === state &&
      state.positionVersion === s.positionVersion &&
      state.position !== null &&
      state.position.offset === s.fetchOffset;
    if (!current) {
      this.stats.staleFetchesDropped++;
      return false;
    }
    if (p.currentLeader.leaderId >= 0 && p.currentLeader.leaderEpoch >= 0)
      this.ctx.metadata.updateLeader(state.tp, p.currentLeader.leaderId, p.currentLeader.leaderEpoch);
    switch (p.errorCode) {
      case ErrorCode.NONE: {
        if (p.highWatermark >= 0) state.highWatermark = p.highWatermark;
        if (p.logStartOffset >= 0) state.logStartOffset = p.logStartOffset;
        if (p.lastStableOffset >= 0) state.lastStableOffset = p.lastStableOffset;
        const records = p.records;
        if (records === null || records.length === 0) return false;
        this.completed.push(
          new CompletedFetch<K, V>({
            state,
            fetchOffset: s.fetchOffset,
            positionVersion: s.positionVersion,
            records,
            abortedTransactions: p.abortedTransactions,
            readCommitted: this.ctx.config.isolationLevel === 'read_committed',
            keyDeserializer: this.ctx.config.keyDeserializer,
            valueDeserializer: this.ctx.config.valueDeserializer,
          }),
        );
        return true;
      }
      case ErrorCode.OFFSET_OUT_OF_RANGE: {
        this.stats.partitionErrors++;
        const strategy = this.ctx.config.autoOffsetReset;
        if (strategy === 'none') {
          const previous =
            this.pendingError instanceof OffsetOutOfRangeError ? [...this.pendingError.offsets.values()] : [];
          this.pendingError = new OffsetOutOfRangeError([
            ...previous,
            { tp: state.tp, offset: s.fetchOffset },
          ]);
        } else {
          this.ctx.subscriptions.requestOffsetReset(state.tp, strategy);
        }
        return false;
      }
      default:
        this.stats.partitionErrors++;
        if (leadershipErrors.has(p.errorCode) || new KafkaError(p.errorCode).retriable) {
          state.awaitingMetadataAfter = this.ctx.metadata.version;
          this.ctx.requestMetadataUpdate();
          return false;
        }
        this.pendingError ??= new KafkaError(
          p.errorCode,
          `fetching ${state.tp.topic}-${state.tp.partition} at ${s.fetchOffset}`,
        );
        return false;
    }
  }

  private isCurrent(cf: CompletedFetch<K, V>): boolean {
    const state = cf.state;
    return (
      this.ctx.subscriptions.stateByKey(state.key) === state &&
      state.positionVersion === cf.positionVersion &&
      state.position !== null &&
      state.position.offset === cf.nextFetchOffset &&
      !state.pendingRevocation
    );
  }

  /**
   * Hands out up to `max` buffered records, oldest response first, and moves positions past them.
   * Throws the error a fetch left for the application (OffsetOutOfRangeError with reset none).
   */
  async collect(max: number): Promise<ConsumerRecord<K, V>[]> {
    this.throwPendingError();
    if (this.draining) return [];
    this.draining = true;
    const out: ConsumerRecord<K, V>[] = [];
    try {
      let i = 0;
      while (out.length < max && i < this.completed.length) {
        const cf = this.completed[i]!;
        if (!this.isCurrent(cf)) {
          this.completed.splice(i, 1);
          this.stats.staleFetchesDropped++;
          continue;
        }
        if (cf.state.paused) {
          i++; // kept for when the partition is resumed (Java does the same)
          continue;
        }
        const atCompressedBatch = cf.takeInto(max - out.length, out);
        const position = cf.state.position!;
        cf.state.position = {
          offset: cf.nextFetchOffset,
          offsetEpoch: cf.lastEpoch >= 0 ? cf.lastEpoch : position.offsetEpoch,
        };
        if (atCompressedBatch) {
          // The position may move (seek) while the batch is decompressed: the check at the top of the
          // loop then drops this fetch.
          await cf.decompressNext();
          continue;
        }
        if (cf.drained) this.completed.splice(this.completed.indexOf(cf), 1);
        else i++;
      }
    } finally {
      this.draining = false;
    }
    return out;
  }

  private throwPendingError(): void {
    const error = this.pendingError;
    if (error === undefined) return;
    this.pendingError = undefined;
    throw error;
  }

  /** Drops buffered data for partitions no longer assigned or whose position moved. */
  clearBufferedDataForUnassignedPartitions(): void {
    for (let i = this.completed.length - 1; i >= 0; i--) {
      if (!this.isCurrent(this.completed[i]!)) this.completed.splice(i, 1);
    }
  }

  /** Drops the buffered data of one partition (seek, revocation). */
  dropBuffered(tp: TopicPartition): void {
    for (let i = this.completed.length - 1; i >= 0; i--) {
      const s = this.completed[i]!.state.tp;
      if (s.topic === tp.topic && s.partition === tp.partition) this.completed.splice(i, 1);
    }
  }

  /** Number of buffered responses (one per partition at most). */
  get bufferedFetches(): number {
    return this.completed.length;
  }

  /** Whether a Fetch is in flight to any broker. */
  get inFlight(): number {
    return this.nodesInFlight.size;
  }
}
