/**
 * Tributary's Kafka consumer (Java's KafkaConsumer, with KafkaJS-style async iteration). Pull-based:
 *
 * ```ts
 * const consumer = new Consumer<string, string>(
 *   { 'group.id': 'billing', 'key.deserializer': stringSerde(), 'value.deserializer': stringSerde() },
 *   { connectionFactory },
 * );
 * consumer.subscribe(['payments']);
 * for await (const batch of consumer) {
 *   for (const record of batch) handle(record.key, record.value);
 * }
 * ```
 *
 * Each iteration is one poll(): it runs any pending rebalance step, hands out up to `max.poll.records`
 * buffered records, and auto-commits what earlier polls handed out, so with auto-commit every record is
 * processed at least once. The fetcher prefetches the next records while the application works.
 * `asObservable()` adapts the consumer to RxJS with a bounded buffer that stops fetching when full.
 */
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import { SystemClock, type Clock } from '../../../core/io/index.ts';
import type { ConnectionFactory } from '../connection.ts';
import { ClusterMetadata, ConnectionPool } from '../metadata.ts';
import {
  resolveConsumerConfig,
  type ConsumerConfig,
  type ResolvedConsumerConfig,
} from './consumer-config.ts';
import type { ConsumerContext } from './consumer-context.ts';
import {
  ConsumerCoordinator,
  type ConsumerGroupMetadata,
  type CoordinatorStats,
  type MemberState,
  type RebalanceListener,
} from './consumer-coordinator.ts';
import {
  tpKey,
  type ConsumerRecord,
  type OffsetAndMetadata,
  type TopicPartition,
  type TopicPartitionOffset,
} from './consumer-record.ts';
import { IllegalStateError, NoOffsetForPartitionError } from './errors.ts';
import { Fetcher, type FetcherStats } from './fetcher.ts';
import { toObservable, type ConsumerObservable, type ObservableOptions } from './observable.ts';
import { ListOffsetsTimestamp, OffsetFetcher, type OffsetQuery } from './offset-fetcher.ts';
import { SubscriptionState } from './subscription-state.ts';
import { Wakeup, sleep } from './wakeup.ts';

export interface ConsumerOptions {
  /** How the consumer reaches brokers: the in-process cluster's or the TCP transport's factory. */
  readonly connectionFactory: ConnectionFactory;
  /** Time and timers (default the system clock); a SimulatedClock makes the consumer deterministic. */
  readonly clock?: Clock;
}

/** A partition's committed offset; `offset` null when the group has committed nothing for it. */
export interface CommittedOffset extends TopicPartition {
  readonly offset: number | null;
  readonly metadata: string;
  readonly leaderEpoch: number;
}

/** offsetsForTimes' answer: `offset` null when no record is at or after the timestamp. */
export interface OffsetForTime extends TopicPartition {
  readonly offset: number | null;
  readonly timestamp: number | null;
  readonly leaderEpoch: number;
}

/** A partition's offset (beginningOffsets / endOffsets). */
export interface PartitionOffset extends TopicPartition {
  readonly offset: number;
}

export interface IterateOptions {
  /** How long each poll waits for records (default 1000 ms); iteration ends once the consumer closes. */
  readonly pollTimeoutMs?: number;
}

/** What the consumer counts about itself. */
export interface ConsumerStats {
  readonly fetcher: Readonly<FetcherStats>;
  readonly group: Readonly<CoordinatorStats> | null;
  readonly metadataRefreshFailures: number;
}

/** poll() yields to the event loop every this many turns of its loop. */
const pollTurnsBeforeYield = 16;
/** Polls answered from buffered records without an event-loop turn, at most (none while a fetch is out). */
const pollsBeforeYield = 16;
const iteratePollTimeoutMsDefault = 1000;
/** Java's close() default timeout. */
const closeTimeoutMsDefault = 30000;

export class Consumer<K = Buffer, V = Buffer> implements AsyncIterable<ConsumerRecord<K, V>[]> {
  readonly config: ResolvedConsumerConfig<K, V>;
  private readonly clock: Clock;
  private readonly metadata: ClusterMetadata;
  private readonly pool: ConnectionPool;
  private readonly coordinatorPool: ConnectionPool;
  private readonly subscriptions = new SubscriptionState();
  private readonly wakeupSignal: Wakeup;
  private readonly fetcher: Fetcher<K, V>;
  private readonly offsetFetcher: OffsetFetcher<K, V>;
  private readonly coordinator: ConsumerCoordinator<K, V> | null;
  private subscribeListener: RebalanceListener | null = null;
  private readonly extraListeners: RebalanceListener[] = [];
  private closing = false;
  private closedFlag = false;
  private polling = false;
  private pollsSinceYield = 0;
  private metadataRefreshing = false;
  private lastMetadataAttemptMs = Number.NEGATIVE_INFINITY;
  private metadataRefreshFailures = 0;

  constructor(config: ConsumerConfig<K, V>, options: ConsumerOptions) {
    this.config = resolveConsumerConfig(config);
    this.clock = options.clock ?? new SystemClock();
    this.wakeupSignal = new Wakeup(this.clock);
    this.pool = new ConnectionPool(options.connectionFactory, { clientId: this.config.clientId });
    // Group requests get their own connection: a JoinGroup parked for a rebalance must not hold up fetches.
    this.coordinatorPool = new ConnectionPool(options.connectionFactory, { clientId: this.config.clientId });
    this.metadata = new ClusterMetadata(this.pool, this.clock, {
      metadataMaxAgeMs: this.config.metadataMaxAgeMs,
      retryBackoffMs: this.config.retryBackoffMs,
      maxBlockMs: this.config.defaultApiTimeoutMs,
      requestTimeoutMs: this.config.requestTimeoutMs,
      allowAutoTopicCreation: this.config.allowAutoCreateTopics,
    });
    const ctx: ConsumerContext<K, V> = {
      config: this.config,
      clock: this.clock,
      metadata: this.metadata,
      pool: this.pool,
      subscriptions: this.subscriptions,
      wakeup: this.wakeupSignal,
      requestMetadataUpdate: () => this.requestMetadataUpdate(),
      isClosed: () => this.closedFlag,
    };
    this.fetcher = new Fetcher(ctx);
    this.offsetFetcher = new OffsetFetcher(ctx);
    this.coordinator =
      this.config.groupId === null
        ? null
        : new ConsumerCoordinator(ctx, this.config.groupId, this.coordinatorPool, this.fetcher, () =>
            this.listeners(),
          );
  }

  private listeners(): RebalanceListener[] {
    return this.subscribeListener === null
      ? [...this.extraListeners]
      : [this.subscribeListener, ...this.extraListeners];
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  private checkOpen(): void {
    if (this.closing || this.closedFlag) throw new IllegalStateError('this consumer has already been closed');
  }

  // ------------------------------------------------------------------ subscription

  /**
   * Joins the group (`group.id` required) for the given topics, or every topic matching a RegExp
   * (checked on each metadata refresh). Replaces an earlier subscription; an empty list unsubscribes.
   */
  subscribe(topics: string | readonly string[] | RegExp, listener?: RebalanceListener): void {
    this.checkOpen();
    if (this.coordinator === null)
      throw new KafkaError(
        ErrorCode.INVALID_GROUP_ID,
        'subscribe() needs a group.id; use assign() without one',
      );
    this.subscribeListener = listener ?? null;
    if (topics instanceof RegExp) {
      this.subscriptions.subscribePattern(topics);
      this.refreshMetadataNow();
      this.coordinator.requestRejoin();
      return;
    }
    const list = typeof topics === 'string' ? [topics] : [...topics];
    for (const t of list)
      if (typeof t !== 'string' || t === '')
        throw new KafkaError(ErrorCode.INVALID_TOPIC_EXCEPTION, `invalid topic name ${JSON.stringify(t)}`);
    if (list.length === 0) {
      void this.unsubscribe();
      return;
    }
    const changed = this.subscriptions.subscribe(list);
    this.metadata.track(list);
    this.refreshMetadataNow();
    if (changed) this.coordinator.requestRejoin();
  }

  /**
   * Java's enforceRebalance: the next poll() rejoins the group (a new generation), e.g. after the
   * assignor's subscription userData changed. No-op without a subscription.
   */
  enforceRebalance(): void {
    this.checkOpen();
    if (this.coordinator !== null && this.subscriptions.hasAutoAssignedPartitions)
      this.coordinator.requestRejoin();
  }

  /** Reads the given partitions without group management (no rebalancing); replaces an earlier assignment. */
  assign(partitions: readonly TopicPartition[]): void {
    this.checkOpen();
    if (partitions.length === 0) {
      void this.unsubscribe();
      return;
    }
    for (const tp of partitions) {
      if (
        typeof tp.topic !== 'string' ||
        tp.topic === '' ||
        !Number.isInteger(tp.partition) ||
        tp.partition < 0
      )
        throw new KafkaError(ErrorCode.INVALID_REQUEST, `invalid partition ${JSON.stringify(tp)}`);
    }
    const unique = new Map(
      partitions.map((tp) => [tpKey(tp.topic, tp.partition), { topic: tp.topic, partition: tp.partition }]),
    );
    this.subscriptions.assignFromUser([...unique.values()]);
    this.metadata.track(new Set(partitions.map((tp) => tp.topic)));
    this.fetcher.clearBufferedDataForUnassignedPartitions();
    this.refreshMetadataNow();
    this.wakeupSignal.notify();
  }

  /** Leaves the group (revoking the partitions) or drops the manual assignment. */
  async unsubscribe(): Promise<void> {
    if (this.coordinator !== null && this.subscriptions.hasAutoAssignedPartitions)
      await this.coordinator.leave('the consumer unsubscribed');
    this.subscriptions.unsubscribe();
    this.fetcher.clearBufferedDataForUnassignedPartitions();
  }

  /** The subscribed topics (for a pattern: the topics it currently matches). */
  subscription(): string[] {
    return this.subscriptions.subscription();
  }

  /** The partitions this consumer currently owns. */
  assignment(): TopicPartition[] {
    return this.subscriptions.assignedPartitions();
  }

  /** Adds a listener for partitions assigned by a rebalance; returns a function that removes it. */
  onPartitionsAssigned(fn: (partitions: TopicPartition[]) => void | Promise<void>): () => void {
    return this.addListener({ onPartitionsAssigned: fn });
  }

  onPartitionsRevoked(fn: (partitions: TopicPartition[]) => void | Promise<void>): () => void {
    return this.addListener({ onPartitionsRevoked: fn });
  }

  onPartitionsLost(fn: (partitions: TopicPartition[]) => void | Promise<void>): () => void {
    return this.addListener({ onPartitionsLost: fn, onPartitionsRevoked: undefined });
  }

  private addListener(listener: RebalanceListener): () => void {
    this.extraListeners.push(listener);
    return () => {
      const i = this.extraListeners.indexOf(listener);
      if (i >= 0) this.extraListeners.splice(i, 1);
    };
  }

  // ------------------------------------------------------------------ poll

  /**
   * Waits up to `timeoutMs` for records and returns at most `max.poll.records` of them (an empty array
   * when none came in time or the consumer closed). Also runs the group's rebalance steps and auto-commit.
   */
  async poll(timeoutMs: number): Promise<ConsumerRecord<K, V>[]> {
    this.checkOpen();
    if (!Number.isFinite(timeoutMs) || timeoutMs < 0)
      throw new KafkaError(ErrorCode.INVALID_REQUEST, `poll timeout must be >= 0, got ${timeoutMs}`);
    if (this.subscriptions.subscriptionType === 'NONE')
      throw new IllegalStateError('the consumer is not subscribed to any topics or assigned any partitions');
    if (this.polling) throw new IllegalStateError('poll() is already running (one poll at a time)');
    this.polling = true;
    try {
      const deadline = this.clock.now() + timeoutMs;
      // A poll that finds records buffered returns without ever leaving the microtask queue, so an
      // application polling in a loop would not let the event loop read the socket until the buffer ran
      // dry: the prefetched response would sit unread and each refill would cost a round trip. So while
      // a fetch is out (and every few polls in any case, for timers), a poll lets I/O run first, as the
      // Java consumer's poll does its network I/O first.
      if (this.fetcher.inFlight > 0 || ++this.pollsSinceYield >= pollsBeforeYield) {
        this.pollsSinceYield = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      let turns = 0;
      for (;;) {
        if (this.closing || this.closedFlag) return [];
        if (++turns % pollTurnsBeforeYield === 0) {
          // Let I/O callbacks and timers run: a loop fed only by promise continuations (answers that
          // come back at once, a wake-up on every turn) would otherwise starve them.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        const seen = this.wakeupSignal.version;
        await this.updateAssignmentMetadataIfNeeded();
        const records = await this.fetcher.collect(this.config.maxPollRecords);
        // Send the next fetches before handing records out, so they arrive while the application works.
        this.fetcher.sendFetches();
        if (records.length > 0) return records;
        const left = deadline - this.clock.now();
        if (left <= 0) return [];
        if ((this.coordinator?.needsPoll ?? false) || this.fetcher.hasAvailableRecords()) continue;
        // Returns at once if anything happened since this turn began (a response, a reset, a rebalance).
        await this.wakeupSignal.wait(left, seen);
      }
    } finally {
      this.polling = false;
    }
  }

  private async updateAssignmentMetadataIfNeeded(): Promise<void> {
    if (this.metadata.needsRefresh()) this.kickMetadataRefresh();
    if (this.coordinator !== null) {
      await this.coordinator.poll();
      this.coordinator.throwReportedError();
    }
    this.updateFetchPositions();
  }

  /** Committed offsets for new partitions, then `auto.offset.reset` for the rest (Java's updateFetchPositions). */
  private updateFetchPositions(): void {
    if (this.coordinator !== null) {
      this.coordinator.refreshCommittedOffsetsIfNeeded();
      this.coordinator.throwReportedError();
    } else {
      const initializing = this.subscriptions.initializingPartitions();
      if (initializing.length > 0) {
        const strategy = this.config.autoOffsetReset;
        if (strategy === 'none') throw new NoOffsetForPartitionError(initializing.map((s) => s.tp));
        for (const s of initializing) this.subscriptions.requestOffsetReset(s.tp, strategy);
      }
    }
    this.offsetFetcher.resetPositionsIfNeeded();
  }

  /** `for await (const batch of consumer)`: one poll per batch, until the consumer closes. */
  [Symbol.asyncIterator](): AsyncIterator<ConsumerRecord<K, V>[]> {
    return this.batches();
  }

  /**
   * Batches of records, one poll each (empty polls are skipped), until the consumer closes. Leaving the
   * loop early does not close the consumer.
   */
  async *batches(options: IterateOptions = {}): AsyncGenerator<ConsumerRecord<K, V>[], void, undefined> {
    const pollTimeoutMs = options.pollTimeoutMs ?? iteratePollTimeoutMsDefault;
    while (!this.closing && !this.closedFlag) {
      const records = await this.poll(pollTimeoutMs);
      if (records.length > 0) yield records;
    }
  }

  /**
   * Records one at a time (the next poll runs once the previous batch has been iterated). Hand-written
   * rather than an async generator: a `yield*` over each batch costs several promises and microtask
   * turns per record, about five times the cost of this iterator, which resolves at once from the batch.
   */
  records(options: IterateOptions = {}): AsyncIterableIterator<ConsumerRecord<K, V>> {
    const batches = this.batches(options);
    let batch: ConsumerRecord<K, V>[] = [];
    let index = 0;
    const finished: IteratorReturnResult<undefined> = { value: undefined, done: true };
    /** A poll under way: calls made meanwhile wait for it (and then take from its batch in order). */
    let polling: Promise<unknown> | null = null;
    const next = (): Promise<IteratorResult<ConsumerRecord<K, V>>> => {
      if (index < batch.length) return Promise.resolve({ value: batch[index++]!, done: false });
      if (polling !== null) return polling.then(next);
      const poll = batches.next().then(
        (r): IteratorResult<ConsumerRecord<K, V>> => {
          polling = null;
          if (r.done === true) return finished;
          batch = r.value;
          index = 1;
          return { value: batch[0]!, done: false };
        },
        (error: unknown) => {
          polling = null;
          throw error;
        },
      );
      polling = poll;
      return poll;
    };
    const iterator: AsyncIterableIterator<ConsumerRecord<K, V>> = {
      next,
      // Leaving a for-await loop early ends the polling (not the consumer).
      return: async (): Promise<IteratorResult<ConsumerRecord<K, V>>> => {
        batch = [];
        await batches.return();
        return finished;
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** An RxJS Observable of the records, over a bounded buffer that stops fetching while full. */
  asObservable(options: ObservableOptions = {}): ConsumerObservable<K, V> {
    return toObservable(this, options);
  }

  // ------------------------------------------------------------------ positions

  /** The next poll reads `tp` from `offset`. */
  seek(tp: TopicPartition, offset: number | OffsetAndMetadata): void {
    this.checkOpen();
    const o = typeof offset === 'number' ? { offset, leaderEpoch: -1 } : offset;
    if (!Number.isSafeInteger(o.offset) || o.offset < 0)
      throw new KafkaError(ErrorCode.INVALID_REQUEST, `seek offset must be >= 0, got ${o.offset}`);
    this.subscriptions.seek(tp, { offset: o.offset, offsetEpoch: o.leaderEpoch ?? -1 });
    this.fetcher.dropBuffered(tp);
    this.wakeupSignal.notify();
  }

  /** The next poll reads from the log start (all assigned partitions when none are given). */
  seekToBeginning(partitions?: readonly TopicPartition[]): void {
    this.seekTo('earliest', partitions);
  }

  /** The next poll reads only records written from now on (the high watermark). */
  seekToEnd(partitions?: readonly TopicPartition[]): void {
    this.seekTo('latest', partitions);
  }

  private seekTo(strategy: 'earliest' | 'latest', partitions: readonly TopicPartition[] | undefined): void {
    this.checkOpen();
    const tps = partitions ?? this.subscriptions.assignedPartitions();
    for (const tp of tps) {
      this.subscriptions.requestOffsetReset(tp, strategy);
      this.fetcher.dropBuffered(tp);
    }
    this.wakeupSignal.notify();
  }

  /**
   * The offset of the next record poll() will return for `tp`, resolving the committed offset or the
   * reset policy first if needed (Java's position()).
   */
  async position(tp: TopicPartition, timeoutMs = this.config.defaultApiTimeoutMs): Promise<number> {
    this.checkOpen();
    const state = this.subscriptions.assignedState(tp);
    const deadline = this.clock.now() + timeoutMs;
    for (;;) {
      const seen = this.wakeupSignal.version;
      if (state.hasValidPosition) return state.position!.offset;
      if (this.subscriptions.state(tp) !== state)
        throw new IllegalStateError(`partition ${tp.topic}-${tp.partition} was unassigned`);
      if (this.metadata.needsRefresh()) this.kickMetadataRefresh();
      this.updateFetchPositions();
      const left = deadline - this.clock.now();
      if (left <= 0)
        throw new KafkaError(
          ErrorCode.REQUEST_TIMED_OUT,
          `position of ${tp.topic}-${tp.partition} unknown after ${timeoutMs} ms`,
        );
      await this.wakeupSignal.wait(left, seen);
    }
  }

  /** The group's committed offsets for the partitions (OffsetFetch). */
  async committed(
    partitions: readonly TopicPartition[],
    timeoutMs = this.config.defaultApiTimeoutMs,
  ): Promise<CommittedOffset[]> {
    this.checkOpen();
    const coordinator = this.requireGroup('committed()');
    const result = await coordinator.fetchCommittedOffsets(partitions, timeoutMs);
    return partitions.map((tp) => {
      const c = result.get(tpKey(tp.topic, tp.partition)) ?? null;
      return {
        topic: tp.topic,
        partition: tp.partition,
        offset: c === null ? null : c.offset,
        metadata: c?.metadata ?? '',
        leaderEpoch: c?.leaderEpoch ?? -1,
      };
    });
  }

  /**
   * Commits offsets and waits for the group coordinator's answer (Java's commitSync). Without arguments
   * it commits the current position of every assigned partition, i.e. everything poll() has handed out.
   * An offset is the next record to read (last processed offset + 1).
   */
  async commit(
    offsets?: readonly TopicPartitionOffset[],
    options: { timeoutMs?: number } = {},
  ): Promise<void> {
    this.checkOpen();
    const coordinator = this.requireGroup('commit()');
    const timeoutMs = options.timeoutMs ?? this.config.defaultApiTimeoutMs;
    if (offsets === undefined) {
      await coordinator.commitAllSync(timeoutMs);
      return;
    }
    for (const o of offsets) {
      if (!Number.isSafeInteger(o.offset) || o.offset < 0)
        throw new KafkaError(
          ErrorCode.INVALID_REQUEST,
          `commit offset for ${o.topic}-${o.partition} must be >= 0`,
        );
    }
    await coordinator.commitOffsets(offsets, timeoutMs);
  }

  private requireGroup(what: string): ConsumerCoordinator<K, V> {
    if (this.coordinator === null)
      throw new KafkaError(ErrorCode.INVALID_GROUP_ID, `${what} needs a group.id in the consumer config`);
    return this.coordinator;
  }

  /** For each partition, the first offset whose record timestamp is at or after the given one (ListOffsets). */
  async offsetsForTimes(
    queries: readonly (TopicPartition & { readonly timestamp: number })[],
    timeoutMs = this.config.defaultApiTimeoutMs,
  ): Promise<OffsetForTime[]> {
    this.checkOpen();
    const seen = new Set<string>();
    for (const q of queries) {
      if (!Number.isSafeInteger(q.timestamp) || q.timestamp < 0)
        throw new KafkaError(
          ErrorCode.INVALID_TIMESTAMP,
          `timestamp for ${q.topic}-${q.partition} must be >= 0`,
        );
      const key = tpKey(q.topic, q.partition);
      if (seen.has(key))
        throw new KafkaError(
          ErrorCode.INVALID_REQUEST,
          `partition ${q.topic}-${q.partition} is listed twice`,
        );
      seen.add(key);
    }
    const result = await this.offsetFetcher.listOffsets(queries, timeoutMs);
    return queries.map((q) => {
      const r = result.get(tpKey(q.topic, q.partition)) ?? null;
      return {
        topic: q.topic,
        partition: q.partition,
        offset: r?.offset ?? null,
        timestamp: r?.timestamp ?? null,
        leaderEpoch: r?.leaderEpoch ?? -1,
      };
    });
  }

  /** The log start offsets of the partitions. */
  beginningOffsets(partitions: readonly TopicPartition[], timeoutMs?: number): Promise<PartitionOffset[]> {
    return this.listed(partitions, ListOffsetsTimestamp.earliest, timeoutMs);
  }

  /** The end offsets (high watermark; last stable offset with read_committed). */
  endOffsets(partitions: readonly TopicPartition[], timeoutMs?: number): Promise<PartitionOffset[]> {
    return this.listed(partitions, ListOffsetsTimestamp.latest, timeoutMs);
  }

  private async listed(
    partitions: readonly TopicPartition[],
    timestamp: number,
    timeoutMs = this.config.defaultApiTimeoutMs,
  ): Promise<PartitionOffset[]> {
    this.checkOpen();
    const queries: OffsetQuery[] = partitions.map((tp) => ({
      topic: tp.topic,
      partition: tp.partition,
      timestamp,
    }));
    const result = await this.offsetFetcher.listOffsets(queries, timeoutMs);
    return partitions.map((tp) => ({
      topic: tp.topic,
      partition: tp.partition,
      offset: result.get(tpKey(tp.topic, tp.partition))?.offset ?? -1,
    }));
  }

  /** Records between the position and the last high watermark seen; undefined when either is unknown. */
  currentLag(tp: TopicPartition): number | undefined {
    const s = this.subscriptions.assignedState(tp);
    if (s.position === null || s.highWatermark < 0) return undefined;
    return Math.max(0, s.highWatermark - s.position.offset);
  }

  // ------------------------------------------------------------------ flow control

  /** Stops fetching the partitions (poll returns nothing for them) until resume(). */
  pause(partitions: readonly TopicPartition[]): void {
    this.checkOpen();
    for (const tp of partitions) this.subscriptions.pause(tp);
  }

  resume(partitions: readonly TopicPartition[]): void {
    this.checkOpen();
    for (const tp of partitions) this.subscriptions.resume(tp);
    this.wakeupSignal.notify();
  }

  paused(): TopicPartition[] {
    return this.subscriptions.pausedPartitions();
  }

  /** Wakes a poll() that is waiting, which then returns what it has (possibly nothing). */
  wakeup(): void {
    this.wakeupSignal.notify();
  }

  // ------------------------------------------------------------------ group

  /** The group generation this member is in (generation -1 and an empty member id outside one). */
  groupMetadata(): ConsumerGroupMetadata {
    const coordinator = this.requireGroup('groupMetadata()');
    return coordinator.groupMetadata();
  }

  /** The member's state in the group protocol (UNJOINED without a group). */
  memberState(): MemberState {
    return this.coordinator?.state ?? 'UNJOINED';
  }

  stats(): ConsumerStats {
    return {
      fetcher: { ...this.fetcher.stats },
      group: this.coordinator === null ? null : { ...this.coordinator.stats },
      metadataRefreshFailures: this.metadataRefreshFailures,
    };
  }

  // ------------------------------------------------------------------ metadata

  private requestMetadataUpdate(): void {
    this.metadata.requestUpdate();
    this.kickMetadataRefresh();
  }

  private refreshMetadataNow(): void {
    this.metadata.requestUpdate();
    this.lastMetadataAttemptMs = Number.NEGATIVE_INFINITY;
    this.kickMetadataRefresh();
  }

  /** Refreshes metadata in the background (one refresh at a time, `retry.backoff.ms` apart). */
  private kickMetadataRefresh(): void {
    if (this.metadataRefreshing || this.closedFlag) return;
    this.metadataRefreshing = true;
    const run = async (): Promise<void> => {
      const waitMs = this.lastMetadataAttemptMs + this.config.retryBackoffMs - this.clock.now();
      if (waitMs > 0) await sleep(this.clock, waitMs);
      if (this.closedFlag) return;
      this.lastMetadataAttemptMs = this.clock.now();
      // A pattern subscription needs every topic's name; otherwise only the topics in use.
      await this.metadata.refresh(this.subscriptions.pattern !== null ? null : undefined);
    };
    run()
      .catch(() => {
        this.metadataRefreshFailures++;
      })
      .finally(() => {
        this.metadataRefreshing = false;
        this.wakeupSignal.notify();
        if (!this.closedFlag && this.metadata.needsRefresh() && this.polling) this.kickMetadataRefresh();
      });
  }

  // ------------------------------------------------------------------ close

  /**
   * Commits the positions (with auto-commit), revokes the partitions, leaves the group (dynamic members;
   * a static member keeps its place until its session times out) and closes the connections. A poll
   * waiting for records returns empty; iteration ends.
   */
  async close(options: { timeoutMs?: number } = {}): Promise<void> {
    if (this.closing || this.closedFlag) return;
    this.closing = true;
    this.wakeupSignal.notify();
    const timeoutMs = options.timeoutMs ?? closeTimeoutMsDefault;
    try {
      const coordinator = this.coordinator;
      if (coordinator !== null) {
        coordinator.close();
        if (this.config.enableAutoCommit && this.subscriptions.size > 0) {
          try {
            await coordinator.commitAllSync(timeoutMs);
          } catch {
            coordinator.stats.autoCommitFailures++;
          }
        }
        await coordinator.leave('the consumer is being closed');
      }
    } finally {
      this.closedFlag = true;
      this.wakeupSignal.notify();
      this.pool.close();
      this.coordinatorPool.close();
    }
  }
}
