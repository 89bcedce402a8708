/**
 * The producer's RecordAccumulator (Java's of the same name): per-partition queues of batches that
 * records are appended to, bounded by `buffer.memory` with backpressure, and the questions the sender
 * asks it: which partitions have a batch worth sending now (`ready`), give me the batches for one
 * request (`drain`), put this batch back for a retry (`reenqueue`), and the batch's outcome
 * (`complete` / `fail`). Time comes from the Clock port; no I/O happens here.
 */
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { Clock, Timer } from '../../core/io/index.ts';
import {
  Compression,
  RECORD_BATCH_HEADER_BYTES,
  type CompressionType,
  type RecordInput,
} from '../../core/records/index.ts';
import { ProducerBatch, recordSizeUpperBound, type RecordMetadata } from './producer-batch.ts';
import {
  batchSizeBytesDefault,
  bufferMemoryBytesDefault,
  deliveryTimeoutMsDefault,
  lingerMsDefault,
  maxBlockMsDefault,
  maxRequestSizeBytesDefault,
  retryBackoffMsDefault,
} from './producer-defaults.ts';

/** Sequence numbers are int32 and wrap from 2^31-1 to 0 (NOTES 7). */
const sequenceModulus = 2 ** 31;
/** The pending-append queue is compacted once at least this many served entries sit before its head. */
const pendingCompactMin = 1024;

export interface RecordAccumulatorConfig {
  /** `batch.size` */
  batchSizeBytes?: number;
  /** `linger.ms` */
  lingerMs?: number;
  /** `buffer.memory` */
  bufferMemoryBytes?: number;
  /** `max.block.ms` */
  maxBlockMs?: number;
  /** `max.request.size` */
  maxRequestSizeBytes?: number;
  /** `retry.backoff.ms` */
  retryBackoffMs?: number;
  /** `delivery.timeout.ms` */
  deliveryTimeoutMs?: number;
  /** `compression.type` */
  compression?: CompressionType;
  /** Batches carry the transactional attribute (a transactional producer). */
  transactional?: boolean;
}

/** A partition as a topic and a number. */
export interface TopicPartition {
  topic: string;
  partition: number;
}

export interface AppendResult {
  /** The batch the record went into, and its index there. */
  readonly batch: ProducerBatch;
  readonly index: number;
  /**
   * Settles when the record's batch is acknowledged (offset) or fails (the batch's error). Created on
   * first access, so a caller that does not look at it pays nothing per record.
   */
  readonly delivery: Promise<RecordMetadata>;
  /** The batch the record went into is now full (the sender may want to wake up). */
  batchIsFull: boolean;
  /** A new batch was opened for this record (KIP-480's sticky partitioner moves on). */
  newBatchCreated: boolean;
  /** Uncompressed bytes the record added (KIP-794's sticky partitioner counts them). */
  appendedBytes: number;
}

export interface ReadyCheck {
  readyPartitions: TopicPartition[];
  /** How long until some not-yet-ready batch becomes ready (the sender's sleep), Infinity if none. */
  nextReadyCheckDelayMs: number;
}

interface PendingAppend {
  topic: string;
  partition: number;
  record: RecordInput;
  timestamp: number;
  sizeBytes: number;
  timer: Timer;
  resolve: (r: AppendResult) => void;
  reject: (e: Error) => void;
}

function checkPositive(key: string, value: number, allowZero = false): number {
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0))
    throw new KafkaError(
      ErrorCode.INVALID_CONFIG,
      `${key} must be ${allowZero ? '>= 0' : '> 0'}, got ${value}`,
    );
  return value;
}

function tpKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

interface PartitionQueue {
  readonly key: string;
  readonly tp: TopicPartition;
  readonly batches: ProducerBatch[];
}

export class RecordAccumulator {
  readonly batchSizeBytes: number;
  readonly lingerMs: number;
  readonly bufferMemoryBytes: number;
  readonly maxBlockMs: number;
  readonly maxRequestSizeBytes: number;
  readonly retryBackoffMs: number;
  readonly deliveryTimeoutMs: number;
  readonly compression: CompressionType;
  private readonly transactional: boolean;
  private readonly clock: Clock;

  /** Partition key -> its batches, oldest first. Map order is insertion order: drain rotates over it. */
  private readonly queues = new Map<string, PartitionQueue>();
  /** The same queues by topic and partition number (the send path's lookup, no key string built). */
  private readonly queuesByTopic = new Map<string, (PartitionQueue | undefined)[]>();
  /** Every batch not yet completed or failed, queued or in flight. */
  private readonly incomplete = new Set<ProducerBatch>();
  /**
   * Appends waiting for buffer memory, in call order (later appends queue behind them to keep order):
   * `pending[pendingHead..]`. Served entries are dropped by moving the head and compacting now and then,
   * not by `Array.shift` (O(n) per call on a long queue: a burst of a million sends took minutes).
   */
  private pending: PendingAppend[] = [];
  private pendingHead = 0;
  private readonly muted = new Set<string>();
  private readonly nextSequence = new Map<string, number>();
  private usedBytes = 0;
  private flushesInProgress = 0;
  private closing = false;
  private closed = false;
  private drainIndex = 0;
  private producerId = -1;
  private producerEpoch = -1;

  constructor(clock: Clock, config: RecordAccumulatorConfig = {}) {
    this.clock = clock;
    this.batchSizeBytes = checkPositive('batch.size', config.batchSizeBytes ?? batchSizeBytesDefault, true);
    this.lingerMs = checkPositive('linger.ms', config.lingerMs ?? lingerMsDefault, true);
    this.bufferMemoryBytes = checkPositive(
      'buffer.memory',
      config.bufferMemoryBytes ?? bufferMemoryBytesDefault,
    );
    this.maxBlockMs = checkPositive('max.block.ms', config.maxBlockMs ?? maxBlockMsDefault, true);
    this.maxRequestSizeBytes = checkPositive(
      'max.request.size',
      config.maxRequestSizeBytes ?? maxRequestSizeBytesDefault,
    );
    this.retryBackoffMs = checkPositive(
      'retry.backoff.ms',
      config.retryBackoffMs ?? retryBackoffMsDefault,
      true,
    );
    this.deliveryTimeoutMs = checkPositive(
      'delivery.timeout.ms',
      config.deliveryTimeoutMs ?? deliveryTimeoutMsDefault,
    );
    this.compression = config.compression ?? Compression.none;
    if (!Object.values(Compression).includes(this.compression))
      throw new KafkaError(ErrorCode.INVALID_CONFIG, `compression.type ${String(config.compression)}`);
    this.transactional = config.transactional ?? false;
  }

  /** Bytes of buffer.memory reserved by batches now. */
  get bufferedBytes(): number {
    return this.usedBytes;
  }

  /** Appends waiting for buffer memory. */
  get waitingAppends(): number {
    return this.pending.length - this.pendingHead;
  }

  /**
   * Appends a record to the partition's open batch, or opens a new one. Resolves at once when there
   * is room; otherwise waits (in call order) for buffer memory, and fails with REQUEST_TIMED_OUT after
   * max.block.ms. A record that could never fit fails with MESSAGE_TOO_LARGE.
   */
  append(topic: string, partition: number, record: RecordInput): Promise<AppendResult> {
    const sizeBytes = recordSizeUpperBound(record);
    const refused = this.refusal(sizeBytes);
    if (refused !== undefined) return Promise.reject(refused);
    const timestamp = record.timestamp ?? Math.floor(this.clock.now());
    if (this.waitingAppends === 0) {
      const result = this.tryAppend(topic, partition, record, timestamp, sizeBytes);
      if (result !== undefined) return Promise.resolve(result);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      const entry: PendingAppend = {
        topic,
        partition,
        record,
        timestamp,
        sizeBytes,
        resolve,
        reject,
        timer: this.clock.setTimeout(() => this.expirePending(entry), this.maxBlockMs),
      };
      this.pending.push(entry);
    });
  }

  /**
   * The send path's append (no promise, no object per record): encodes the record into the
   * partition's open batch, or a new one, and returns that batch (the record is its last); undefined
   * when the record must wait for buffer memory (then `append`, which queues it). Throws the
   * KafkaError of a record that can never be appended (closed, too large).
   */
  appendNow(
    topic: string,
    partition: number,
    key: Buffer | string | null,
    value: Buffer | string | null,
    headers: RecordInput['headers'],
    timestamp: number,
    sizeBytes: number,
  ): ProducerBatch | undefined {
    const refused = this.refusal(sizeBytes);
    if (refused !== undefined) throw refused;
    if (this.pendingHead !== this.pending.length) return undefined;
    const queue = this.queueFor(topic, partition);
    const batches = queue.batches;
    const last = batches[batches.length - 1];
    if (last !== undefined && last.hasRoomFor(sizeBytes)) {
      last.appendRecord(key, value, headers, timestamp);
      return last;
    }
    const batch = this.openBatch(queue, last, sizeBytes);
    if (batch === undefined) return undefined;
    batch.appendRecord(key, value, headers, timestamp);
    return batch;
  }

  /** Why a record of `sizeBytes` (upper bound) cannot be appended at all, if it cannot. */
  private refusal(sizeBytes: number): KafkaError | undefined {
    if (this.closed || this.closing)
      return new KafkaError(ErrorCode.INVALID_REQUEST, 'producer is closed; append refused');
    const serializedBytes = RECORD_BATCH_HEADER_BYTES + sizeBytes;
    if (serializedBytes > this.maxRequestSizeBytes)
      return new KafkaError(
        ErrorCode.MESSAGE_TOO_LARGE,
        `the record is ${serializedBytes} bytes serialized, larger than max.request.size ${this.maxRequestSizeBytes}`,
      );
    if (serializedBytes > this.bufferMemoryBytes)
      return new KafkaError(
        ErrorCode.MESSAGE_TOO_LARGE,
        `the record is ${serializedBytes} bytes serialized, larger than buffer.memory ${this.bufferMemoryBytes}`,
      );
    return undefined;
  }

  /** Opens a new batch at the end of the queue if buffer memory allows; undefined otherwise. */
  private openBatch(
    queue: PartitionQueue,
    last: ProducerBatch | undefined,
    sizeBytes: number,
  ): ProducerBatch | undefined {
    // Java sizes a batch buffer at batch.size, or bigger for one big record.
    const reservedBytes = Math.max(this.batchSizeBytes, RECORD_BATCH_HEADER_BYTES + sizeBytes);
    if (this.usedBytes + reservedBytes > this.bufferMemoryBytes) return undefined;
    this.usedBytes += reservedBytes;
    last?.closeForAppends();
    const batch = new ProducerBatch({
      topic: queue.tp.topic,
      partition: queue.tp.partition,
      createdMs: this.clock.now(),
      sizeLimitBytes: Math.min(this.batchSizeBytes, this.maxRequestSizeBytes),
      reservedBytes,
      compression: this.compression,
      transactional: this.transactional,
    });
    queue.batches.push(batch);
    this.incomplete.add(batch);
    return batch;
  }

  private expirePending(entry: PendingAppend): void {
    const i = this.pending.indexOf(entry, this.pendingHead);
    if (i < 0) return;
    if (i === this.pendingHead) this.dropPendingHead();
    else this.pending.splice(i, 1);
    entry.reject(
      new KafkaError(
        ErrorCode.REQUEST_TIMED_OUT,
        `failed to allocate memory within the configured max blocking time ${this.maxBlockMs} ms (buffer.memory ${this.bufferMemoryBytes})`,
      ),
    );
    this.servePending(); // the head may have been blocking smaller appends behind it
  }

  /** Appends now if the open batch has room or buffer memory allows a new batch; undefined otherwise. */
  private tryAppend(
    topic: string,
    partition: number,
    record: RecordInput,
    timestamp: number,
    sizeBytes: number,
  ): AppendResult | undefined {
    const queue = this.queueFor(topic, partition);
    const last = queue.batches[queue.batches.length - 1];
    if (last !== undefined && last.hasRoomFor(sizeBytes)) {
      const { index, appendedBytes } = last.append(record, timestamp);
      return new Appended(last, index, appendedBytes, queue.batches.length > 1 || last.isFull, false);
    }
    const batch = this.openBatch(queue, last, sizeBytes);
    if (batch === undefined) return undefined;
    const { index, appendedBytes } = batch.append(record, timestamp);
    return new Appended(batch, index, appendedBytes, queue.batches.length > 1 || batch.isFull, true);
  }

  private servePending(): void {
    while (this.waitingAppends > 0) {
      const head = this.pending[this.pendingHead]!;
      const result = this.tryAppend(head.topic, head.partition, head.record, head.timestamp, head.sizeBytes);
      if (result === undefined) return;
      this.dropPendingHead();
      head.timer.cancel();
      head.resolve(result);
    }
  }

  /** Removes the oldest waiting append: amortized O(1) (compacts once half the array is served). */
  private dropPendingHead(): void {
    this.pendingHead++;
    if (this.pendingHead === this.pending.length) {
      this.pending = [];
      this.pendingHead = 0;
    } else if (this.pendingHead >= pendingCompactMin && this.pendingHead * 2 >= this.pending.length) {
      this.pending = this.pending.slice(this.pendingHead);
      this.pendingHead = 0;
    }
  }

  private queueFor(topic: string, partition: number): PartitionQueue {
    let byPartition = this.queuesByTopic.get(topic);
    if (byPartition === undefined) this.queuesByTopic.set(topic, (byPartition = []));
    let queue = byPartition[partition];
    if (queue === undefined) {
      const key = tpKey(topic, partition);
      queue = { key, tp: { topic, partition }, batches: [] };
      this.queues.set(key, queue);
      byPartition[partition] = queue;
    }
    return queue;
  }

  /**
   * Partitions whose first batch should be sent now: it is full (or more batches wait behind it), it
   * lingered linger.ms (retry.backoff.ms for a retry), appends are waiting for memory, a flush is in
   * progress or the producer is closing. A retried batch inside its backoff is never ready.
   */
  ready(nowMs: number = this.clock.now()): ReadyCheck {
    const readyPartitions: TopicPartition[] = [];
    let nextReadyCheckDelayMs = Infinity;
    const exhausted = this.waitingAppends > 0;
    for (const [key, queue] of this.queues) {
      const head = queue.batches[0];
      if (head === undefined || this.muted.has(key)) continue;
      const backingOff = head.attempts > 0 && nowMs - head.lastAttemptMs < this.retryBackoffMs;
      const waitedMs = nowMs - (head.attempts > 0 ? head.lastAttemptMs : head.createdMs);
      const timeToWaitMs = head.attempts > 0 ? this.retryBackoffMs : this.lingerMs;
      const full = queue.batches.length > 1 || head.isFull || head.expedited;
      const expired = waitedMs >= timeToWaitMs;
      const sendable = full || expired || exhausted || this.closing || this.flushesInProgress > 0;
      if (sendable && !backingOff) readyPartitions.push(queue.tp);
      else nextReadyCheckDelayMs = Math.min(nextReadyCheckDelayMs, Math.max(timeToWaitMs - waitedMs, 0));
    }
    return { readyPartitions, nextReadyCheckDelayMs };
  }

  /**
   * Takes at most one batch per partition (the first of its queue), for `partitions` (default: the ready
   * ones), while their sizes add up to at most `maxRequestSizeBytes`. Before a batch's first
   * send it gets its producer id, epoch and the partition's next sequence (when idempotence is on), and
   * is built into bytes. A batch that alone exceeds the limit can never be sent: it fails with
   * RECORD_LIST_TOO_LARGE. The start partition rotates between calls so none starves.
   */
  async drain(
    maxRequestSizeBytes: number = this.maxRequestSizeBytes,
    partitions: readonly TopicPartition[] = this.ready().readyPartitions,
  ): Promise<ProducerBatch[]> {
    const nowMs = this.clock.now();
    const selected: ProducerBatch[] = [];
    let sizeBytes = 0;
    const n = partitions.length;
    const start = n === 0 ? 0 : this.drainIndex % n;
    let resumeAt = start + 1;
    for (let i = 0; i < n; i++) {
      const tp = partitions[(start + i) % n]!;
      const key = tpKey(tp.topic, tp.partition);
      const queue = this.queues.get(key);
      const head = queue?.batches[0];
      if (queue === undefined || head === undefined || this.muted.has(key)) continue;
      if (head.attempts > 0 && nowMs - head.lastAttemptMs < this.retryBackoffMs) continue;
      const headBytes = head.sizeBytes;
      if (headBytes > maxRequestSizeBytes) {
        queue.batches.shift();
        this.fail(
          head,
          new KafkaError(
            ErrorCode.RECORD_LIST_TOO_LARGE,
            `batch of ${headBytes} bytes for ${tp.topic}-${tp.partition} exceeds the request limit ${maxRequestSizeBytes}`,
          ),
        );
        continue;
      }
      if (sizeBytes + headBytes > maxRequestSizeBytes) {
        resumeAt = start + i; // the request is full: this partition goes first next time
        break;
      }
      queue.batches.shift();
      head.closeForAppends();
      if (this.producerId >= 0 && !head.hasSequence) {
        // Sequences are assigned in drain order, per partition, before any await: the order batches
        // leave a partition's queue is the order their sequences run.
        const sequence = this.nextSequence.get(key) ?? 0;
        head.setProducerState(this.producerId, this.producerEpoch, sequence);
        this.nextSequence.set(key, (sequence + head.recordCount) % sequenceModulus);
      }
      selected.push(head);
      sizeBytes += headBytes;
    }
    this.drainIndex = resumeAt;
    for (const batch of selected) await batch.build();
    return selected;
  }

  /**
   * Puts a batch back at the front of its partition's queue for a retry; it keeps its bytes, producer
   * id, epoch and sequence. Several retried batches of a partition go back in sequence order.
   */
  reenqueue(batch: ProducerBatch, nowMs: number = this.clock.now()): void {
    if (batch.isDone) return;
    batch.attempts++;
    batch.lastAttemptMs = nowMs;
    const queue = this.queueFor(batch.topic, batch.partition);
    let at = 0;
    if (batch.hasSequence) {
      // Skip retried batches with a lower sequence already back in front (sequences may wrap, but
      // never by more than the handful of batches in flight).
      while (at < queue.batches.length) {
        const other = queue.batches[at]!;
        if (!other.hasSequence || !sequenceBefore(other.baseSequence, batch.baseSequence)) break;
        at++;
      }
    }
    queue.batches.splice(at, 0, batch);
  }

  /** The broker acknowledged the batch: every record resolves; its memory is given back. */
  complete(batch: ProducerBatch, baseOffset: number, logAppendTimeMs = -1): void {
    if (batch.complete(baseOffset, logAppendTimeMs)) this.release(batch);
  }

  /** The batch failed for good: every record rejects with `error`; its memory is given back. */
  fail(batch: ProducerBatch, error: Error): void {
    if (batch.fail(error)) this.release(batch);
  }

  private release(batch: ProducerBatch): void {
    this.incomplete.delete(batch);
    this.usedBytes -= batch.reservedBytes;
    // A failed batch may still sit in its queue (expiry, abort): take it out.
    const queue = this.queues.get(tpKey(batch.topic, batch.partition));
    if (queue !== undefined) {
      const i = queue.batches.indexOf(batch);
      if (i >= 0) queue.batches.splice(i, 1);
    }
    this.servePending();
  }

  /** Fails queued (not in-flight) batches older than delivery.timeout.ms; returns them. */
  expireBatches(nowMs: number = this.clock.now()): ProducerBatch[] {
    const expired: ProducerBatch[] = [];
    for (const queue of this.queues.values())
      for (const batch of queue.batches)
        if (nowMs - batch.createdMs >= this.deliveryTimeoutMs) expired.push(batch);
    for (const batch of expired)
      this.fail(
        batch,
        new KafkaError(
          ErrorCode.REQUEST_TIMED_OUT,
          `expiring ${batch.recordCount} record(s) for ${batch.topic}-${batch.partition}: ${nowMs - batch.createdMs} ms has passed since batch creation (delivery.timeout.ms ${this.deliveryTimeoutMs})`,
        ),
      );
    return expired;
  }

  /** Idempotence: batches drained from now on carry this producer id and epoch; sequences restart at 0. */
  setProducerIdAndEpoch(producerId: number, producerEpoch: number): void {
    if (producerId !== this.producerId || producerEpoch !== this.producerEpoch) this.nextSequence.clear();
    this.producerId = producerId;
    this.producerEpoch = producerEpoch;
  }

  /** The sequence the partition's next new batch will get. */
  sequenceFor(topic: string, partition: number): number {
    return this.nextSequence.get(tpKey(topic, partition)) ?? 0;
  }

  /** A muted partition is neither ready nor drained (the sender keeps one request in flight for it). */
  mutePartition(topic: string, partition: number): void {
    this.muted.add(tpKey(topic, partition));
  }

  unmutePartition(topic: string, partition: number): void {
    this.muted.delete(tpKey(topic, partition));
  }

  /** Makes every batch ready and resolves once all batches that exist now have completed or failed. */
  async flush(): Promise<void> {
    this.flushesInProgress++;
    try {
      await Promise.all([...this.incomplete].map((b) => b.settled));
    } finally {
      this.flushesInProgress--;
    }
  }

  /** True while some batch is queued (not drained yet). */
  hasUndrained(): boolean {
    for (const queue of this.queues.values()) if (queue.batches.length > 0) return true;
    return false;
  }

  /** True while some batch is not completed or failed. */
  hasIncomplete(): boolean {
    return this.incomplete.size > 0;
  }

  /** Graceful close: new appends are refused and every batch is ready, so the sender empties the queues. */
  beginClose(): void {
    this.closing = true;
  }

  /**
   * Forced close: every incomplete batch (queued or in flight) and every waiting append fails with
   * `error` (default OPERATION_NOT_ATTEMPTED); memory is given back.
   */
  close(
    error: Error = new KafkaError(
      ErrorCode.OPERATION_NOT_ATTEMPTED,
      'producer closed; the record was aborted',
    ),
  ): void {
    this.closing = true;
    this.closed = true;
    const waiting = this.pending.slice(this.pendingHead);
    this.pending = [];
    this.pendingHead = 0;
    for (const entry of waiting) {
      entry.timer.cancel();
      entry.reject(error);
    }
    for (const batch of [...this.incomplete]) this.fail(batch, error);
  }
}

/** An append's outcome; the delivery promise is made on first access. */
class Appended implements AppendResult {
  readonly batchIsFull: boolean;
  readonly newBatchCreated: boolean;
  readonly appendedBytes: number;
  readonly batch: ProducerBatch;
  readonly index: number;
  private promise: Promise<RecordMetadata> | undefined;

  constructor(
    batch: ProducerBatch,
    index: number,
    appendedBytes: number,
    batchIsFull: boolean,
    newBatchCreated: boolean,
  ) {
    this.batch = batch;
    this.index = index;
    this.appendedBytes = appendedBytes;
    this.batchIsFull = batchIsFull;
    this.newBatchCreated = newBatchCreated;
  }

  get delivery(): Promise<RecordMetadata> {
    this.promise ??= this.batch.deliveryOf(this.index);
    return this.promise;
  }
}

/** a comes before b in int32 sequence space with wrap-around (a difference below 2^30 counts as "before"). */
function sequenceBefore(a: number, b: number): boolean {
  const diff = (b - a + sequenceModulus) % sequenceModulus;
  return diff !== 0 && diff < sequenceModulus / 2;
}
