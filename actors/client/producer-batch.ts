/**
 * One batch of records for one partition, as the producer's accumulator holds it: the records are
 * written straight into a RecordBatchBuilder (no per-record objects kept but the delivery callbacks),
 * built into RecordBatch v2 bytes once when first drained, and kept as those bytes across retries, so a
 * retried batch is byte for byte the batch first sent (same producer id, epoch and sequence: that is
 * what lets the broker drop a duplicate).
 */
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import {
  Compression,
  RECORD_BATCH_HEADER_BYTES,
  RecordBatchBuilder,
  writeBatchCrc,
  writeInt64,
  type CompressionType,
  type RecordInput,
} from '../../core/records/index.ts';

/** What the producer reports for a record once its batch is acknowledged (Java's RecordMetadata). */
export interface RecordMetadata {
  topic: string;
  partition: number;
  /** baseOffset + the record's index in the batch; -1 when unknown (acks=0). */
  offset: number;
  /** The create time given or stamped at send, or the broker's LogAppendTime when the topic uses it. */
  timestamp: number;
}

/** Header positions of the producer-state fields (Kafka's fixed RecordBatch v2 layout, NOTES 2.1). */
const producerIdPos = 43;
const producerEpochPos = 51;
const baseSequencePos = 53;

/** Largest varint/varlong overhead of one record besides key, value and header bytes (Kafka's upper bound). */
const recordOverheadBytesMax = 5 + 1 + 10 + 5 + 5 + 5 + 5;
const headerOverheadBytesMax = 5 + 5;

function fieldBytes(field: Buffer | string | null | undefined): number {
  if (field === null || field === undefined) return 0;
  return typeof field === 'string' ? Buffer.byteLength(field, 'utf8') : field.length;
}

/** An upper bound of the bytes one record takes inside a batch (uncompressed). */
export function recordSizeUpperBound(record: RecordInput): number {
  return recordBytesUpperBound(record.key, record.value, record.headers);
}

/** recordSizeUpperBound of a record given by its fields. */
export function recordBytesUpperBound(
  key: Buffer | string | null | undefined,
  value: Buffer | string | null,
  headers: RecordInput['headers'],
): number {
  let bytes = recordOverheadBytesMax + fieldBytes(key) + fieldBytes(value);
  if (headers !== undefined)
    for (const h of headers)
      bytes += headerOverheadBytesMax + Buffer.byteLength(h.key, 'utf8') + fieldBytes(h.value);
  return bytes;
}

const ignore = (): void => undefined;

/**
 * Java's `Callback.onCompletion`: called once per record, with its metadata once acknowledged or with
 * the error that failed it (the other argument null). No promise is made for such a record.
 */
export type DeliveryCallback = (error: Error | null, metadata: RecordMetadata | null) => void;

/** Calls a user callback; an exception from it is rethrown on its own (it must not stop the others). */
function invokeCallback(
  callback: DeliveryCallback,
  error: Error | null,
  metadata: RecordMetadata | null,
): void {
  try {
    callback(error, metadata);
  } catch (thrown) {
    // As an exception in any Node callback: it reaches process 'uncaughtException', after the loop.
    queueMicrotask(() => {
      throw thrown;
    });
  }
}

/** The metadata of record `index` of an acknowledged batch (offset -1 when unknown, as with acks=0). */
function metadataAt(
  topic: string,
  partition: number,
  baseOffset: number,
  index: number,
  logAppendTimeMs: number,
  timestamps: readonly number[],
): RecordMetadata {
  return {
    topic,
    partition,
    offset: baseOffset < 0 ? -1 : baseOffset + index,
    timestamp: logAppendTimeMs >= 0 ? logAppendTimeMs : timestamps[index]!,
  };
}

/** Records of a group acknowledged together: `count` records of one batch, kept until the group settles. */
interface AckedSpan {
  readonly topic: string;
  readonly partition: number;
  /** The records' index in their batch and in the group. */
  readonly first: number;
  readonly groupIndex: number;
  readonly count: number;
  readonly baseOffset: number;
  readonly logAppendTimeMs: number;
  /** The batch's create times (by index in the batch). */
  readonly timestamps: readonly number[];
}

/**
 * One call of `send({ topic, messages })` / `sendBatch`: a single promise for all its records,
 * settled from the batches' completion loops (no promise per record). The records' metadata objects
 * are made when the call settles, not as each batch completes, so they are young when handed over
 * (and die young when the caller drops them) instead of outliving the collections meanwhile.
 */
export class DeliveryGroup {
  readonly promise: Promise<RecordMetadata[]>;
  /** The batches holding records of the call (each once), to be sent without lingering. */
  readonly batches: ProducerBatch[] = [];
  private readonly size: number;
  /** Records acknowledged one by one (through the queued append path), by index in the call. */
  private single: RecordMetadata[] | null = null;
  private readonly spans: AckedSpan[] = [];
  private remaining: number;
  private done = false;
  private resolveFn!: (results: RecordMetadata[]) => void;
  private rejectFn!: (error: Error) => void;

  constructor(size: number) {
    this.size = size;
    this.remaining = size;
    this.promise = new Promise<RecordMetadata[]>((resolve, reject) => {
      this.resolveFn = resolve;
      this.rejectFn = reject;
    });
    // Like a dropped per-record promise, a dropped group promise must not crash the process.
    this.promise.catch(ignore);
    if (size === 0) this.settle();
  }

  /** Record `index` of the call is acknowledged with `metadata`. */
  deliver(index: number, metadata: RecordMetadata): void {
    if (this.done) return;
    (this.single ??= new Array<RecordMetadata>(this.size))[index] = metadata;
    if (--this.remaining === 0) this.settle();
  }

  /** Records of one batch are acknowledged: batch records `first..`, call records `groupIndex..`. */
  deliveredSpan(span: AckedSpan): void {
    if (this.done) return;
    this.spans.push(span);
    this.remaining -= span.count;
    if (this.remaining === 0) this.settle();
  }

  /** A record of the call failed: the call fails with the first error (the others still go out). */
  fail(error: Error): void {
    if (this.done) return;
    this.done = true;
    this.spans.length = 0;
    this.single = null;
    this.rejectFn(error);
  }

  private settle(): void {
    if (this.done) return;
    this.done = true;
    const results = this.single ?? new Array<RecordMetadata>(this.size);
    for (const span of this.spans) {
      const { topic, partition, baseOffset, logAppendTimeMs, timestamps } = span;
      for (let k = 0; k < span.count; k++)
        results[span.groupIndex + k] = metadataAt(
          topic,
          partition,
          baseOffset,
          span.first + k,
          logAppendTimeMs,
          timestamps,
        );
    }
    this.spans.length = 0;
    this.single = null;
    this.resolveFn(results);
  }
}

/** Records `first..first+count-1` of a batch belong to a DeliveryGroup, from its index `groupIndex`. */
interface GroupSpan {
  readonly group: DeliveryGroup;
  readonly first: number;
  readonly groupIndex: number;
  count: number;
}

/** A shared executor: new Promise(captureResolvers) leaves its resolving functions here (no closure per call). */
let capturedResolve: ((m: RecordMetadata | Promise<never>) => void) | undefined;
function captureResolve(resolve: (m: RecordMetadata | Promise<never>) => void): void {
  capturedResolve = resolve;
}

export interface ProducerBatchOptions {
  topic: string;
  partition: number;
  createdMs: number;
  /** Appends stop once the uncompressed size would pass this (batch.size, capped by max.request.size). */
  sizeLimitBytes: number;
  /** buffer.memory bytes reserved for this batch; given back when the batch completes. */
  reservedBytes: number;
  compression: CompressionType;
  transactional: boolean;
}

export class ProducerBatch {
  readonly topic: string;
  readonly partition: number;
  readonly createdMs: number;
  readonly reservedBytes: number;
  readonly compression: CompressionType;
  /** Sends so far that came back for retry; 0 before the first retry. */
  attempts = 0;
  /** When the batch was last re-enqueued for retry (retry.backoff.ms counts from here). */
  lastAttemptMs: number;
  producerId = -1;
  producerEpoch = -1;
  baseSequence = -1;

  private readonly sizeLimitBytes: number;
  private builder: RecordBatchBuilder | null;
  private bytes: Buffer | null = null;
  private readonly timestamps: number[] = [];
  private closedForAppends = false;
  private doneFlag = false;
  /** Sent as soon as the sender runs, without waiting for linger.ms (the records of a group send). */
  expedited = false;
  /**
   * Per-record delivery promises, only for records someone asked one for (index = record index):
   * their resolve functions, settled from one loop when the batch completes or fails, and the
   * promises themselves (a failure attaches a no-op handler first, so a dropped promise never
   * becomes an unhandled rejection). A failure resolves them with a rejected promise, so no reject
   * function is kept per record.
   */
  private resolvers: (((m: RecordMetadata | Promise<never>) => void) | undefined)[] | null = null;
  /** Per-record callbacks (send(record, callback)), by record index. */
  private callbacks: (DeliveryCallback | undefined)[] | null = null;
  private promises: (Promise<RecordMetadata> | undefined)[] | null = null;
  /** Records of group sends (send({ topic, messages })), as runs of consecutive records. */
  private groups: GroupSpan[] | null = null;
  /** The group of the last span added (so a group lists this batch once, cheaply). */
  private lastGroup: DeliveryGroup | null = null;
  private settledPromise: Promise<void> | null = null;
  /** The outcome, kept for deliveries asked for after it. */
  private ackedBaseOffset = -1;
  private ackedLogAppendTimeMs = -1;
  private failure: Error | undefined;
  private resolveSettled: (() => void) | null = null;

  constructor(options: ProducerBatchOptions) {
    this.topic = options.topic;
    this.partition = options.partition;
    this.createdMs = options.createdMs;
    this.lastAttemptMs = options.createdMs;
    this.sizeLimitBytes = options.sizeLimitBytes;
    this.reservedBytes = options.reservedBytes;
    this.compression = options.compression;
    this.builder = new RecordBatchBuilder({
      compression: options.compression,
      transactional: options.transactional,
      initialCapacity: options.reservedBytes,
    });
  }

  get recordCount(): number {
    return this.timestamps.length;
  }

  /** Uncompressed size so far, or the built size once built. */
  get sizeBytes(): number {
    if (this.bytes !== null) return this.bytes.length;
    return this.builder === null ? 0 : this.builder.sizeEstimate;
  }

  /** No more records fit, or the batch was closed for appends (drained). */
  get isFull(): boolean {
    return this.closedForAppends || this.sizeBytes >= this.sizeLimitBytes;
  }

  get isClosed(): boolean {
    return this.closedForAppends;
  }

  get isDone(): boolean {
    return this.doneFlag;
  }

  get hasSequence(): boolean {
    return this.baseSequence >= 0;
  }

  /** Resolves once the batch is acknowledged or failed (flush waits on it). */
  get settled(): Promise<void> {
    if (this.settledPromise === null) {
      if (this.doneFlag) this.settledPromise = Promise.resolve();
      else this.settledPromise = new Promise<void>((resolve) => (this.resolveSettled = resolve));
    }
    return this.settledPromise;
  }

  /** The built bytes; only after build(). */
  get built(): Buffer {
    if (this.bytes === null) throw new KafkaError(ErrorCode.INVALID_REQUEST, 'batch not built yet');
    return this.bytes;
  }

  get isBuilt(): boolean {
    return this.bytes !== null;
  }

  /** Whether a record of `sizeBytes` (upper bound) may go in: the first always does. */
  hasRoomFor(sizeBytes: number): boolean {
    if (this.closedForAppends) return false;
    if (this.timestamps.length === 0) return true;
    return this.builder!.sizeEstimate + sizeBytes <= this.sizeLimitBytes;
  }

  /** Appends a record; returns its index in the batch and the bytes it added. */
  append(record: RecordInput, timestamp: number): { index: number; appendedBytes: number } {
    const before = this.builder === null ? 0 : this.builder.sizeEstimate;
    const index = this.appendRecord(record.key, record.value, record.headers, timestamp);
    return { index, appendedBytes: this.builder!.sizeEstimate - before };
  }

  /** Encodes a record straight into the batch's bytes; returns its index in the batch. */
  appendRecord(
    key: Buffer | string | null | undefined,
    value: Buffer | string | null,
    headers: RecordInput['headers'],
    timestamp: number,
  ): number {
    const builder = this.builder;
    if (builder === null || this.closedForAppends)
      throw new KafkaError(ErrorCode.INVALID_REQUEST, 'append to a closed producer batch');
    builder.appendRecord(key, value, headers, timestamp);
    const index = this.timestamps.length;
    this.timestamps.push(timestamp);
    return index;
  }

  /** The metadata of record `index` once the batch completes; rejects with the batch's error. */
  deliveryOf(index: number): Promise<RecordMetadata> {
    const existing = this.promises?.[index];
    if (existing !== undefined) return existing;
    if (this.doneFlag) return this.lateDelivery(index);
    const promise = new Promise<RecordMetadata>(captureResolve);
    (this.resolvers ??= [])[index] = capturedResolve;
    (this.promises ??= [])[index] = promise;
    return promise;
  }

  /** The delivery promise of record `index`, just appended (the send path: nobody asked for it before). */
  newDelivery(index: number): Promise<RecordMetadata> {
    const promise = new Promise<RecordMetadata>(captureResolve);
    if (this.resolvers === null) {
      this.resolvers = [];
      this.promises = [];
    }
    this.resolvers[index] = capturedResolve;
    this.promises![index] = promise;
    return promise;
  }

  /** Record `index` (just appended) reports to `callback` instead of a promise. */
  addCallback(index: number, callback: DeliveryCallback): void {
    (this.callbacks ??= [])[index] = callback;
  }

  /** A delivery asked for after the batch settled: from the outcome kept for that. */
  private lateDelivery(index: number): Promise<RecordMetadata> {
    const error = this.failure;
    if (error !== undefined) {
      const rejected = Promise.reject(error);
      rejected.catch(ignore);
      return rejected;
    }
    return Promise.resolve(
      metadataAt(
        this.topic,
        this.partition,
        this.ackedBaseOffset,
        index,
        this.ackedLogAppendTimeMs,
        this.timestamps,
      ),
    );
  }

  /** Record `index` (just appended) belongs to `group` as its record `groupIndex`. */
  addToGroup(index: number, group: DeliveryGroup, groupIndex: number): void {
    const groups = (this.groups ??= []);
    const last = groups[groups.length - 1];
    if (
      last !== undefined &&
      last.group === group &&
      last.first + last.count === index &&
      last.groupIndex + last.count === groupIndex
    ) {
      last.count++;
      return;
    }
    groups.push({ group, first: index, groupIndex, count: 1 });
    if (this.lastGroup !== group) {
      this.lastGroup = group;
      if (!group.batches.includes(this)) group.batches.push(this);
    }
  }

  /** Stops appends (the batch is being sent). */
  closeForAppends(): void {
    this.closedForAppends = true;
  }

  /** Sets producer id, epoch and base sequence; stamps them (and a new CRC) into built bytes too. */
  setProducerState(producerId: number, producerEpoch: number, baseSequence: number): void {
    this.producerId = producerId;
    this.producerEpoch = producerEpoch;
    this.baseSequence = baseSequence;
    if (this.bytes !== null) this.stamp(this.bytes);
  }

  /** Builds the RecordBatch v2 bytes once (async because zstd compresses off-thread). */
  async build(): Promise<Buffer> {
    if (this.bytes !== null) return this.bytes;
    const builder = this.builder;
    if (builder === null || this.recordCount === 0)
      throw new KafkaError(ErrorCode.INVALID_RECORD, 'a producer batch needs at least one record');
    this.closedForAppends = true;
    // The producer state goes into the header before the one CRC computation of the build.
    builder.setProducerState(this.producerId, this.producerEpoch, this.baseSequence);
    const bytes = this.compression === Compression.zstd ? await builder.buildAsync() : builder.build();
    this.builder = null;
    this.bytes = bytes;
    return bytes;
  }

  private stamp(bytes: Buffer): void {
    if (bytes.length < RECORD_BATCH_HEADER_BYTES)
      throw new KafkaError(ErrorCode.CORRUPT_MESSAGE, 'short batch');
    writeInt64(bytes, producerIdPos, this.producerId);
    bytes.writeInt16BE(this.producerEpoch, producerEpochPos);
    bytes.writeInt32BE(this.baseSequence, baseSequencePos);
    // producerId, epoch and sequence sit inside the CRC-32C's range, so the CRC is recomputed.
    writeBatchCrc(bytes, 0);
  }

  /** Resolves every record: offset = baseOffset + index (or -1 when unknown). Ignored once done. */
  complete(baseOffset: number, logAppendTimeMs = -1): boolean {
    if (this.doneFlag) return false;
    this.doneFlag = true;
    this.closedForAppends = true;
    this.ackedBaseOffset = baseOffset;
    this.ackedLogAppendTimeMs = logAppendTimeMs;
    const topic = this.topic;
    const partition = this.partition;
    const timestamps = this.timestamps;
    const resolvers = this.resolvers;
    if (resolvers !== null) {
      for (let i = 0; i < resolvers.length; i++) {
        const resolve = resolvers[i];
        if (resolve === undefined) continue;
        resolve(metadataAt(topic, partition, baseOffset, i, logAppendTimeMs, timestamps));
      }
    }
    const callbacks = this.callbacks;
    if (callbacks !== null) {
      for (let i = 0; i < callbacks.length; i++) {
        const callback = callbacks[i];
        if (callback === undefined) continue;
        invokeCallback(
          callback,
          null,
          metadataAt(topic, partition, baseOffset, i, logAppendTimeMs, timestamps),
        );
      }
    }
    const groups = this.groups;
    if (groups !== null) {
      for (const span of groups)
        span.group.deliveredSpan({
          topic,
          partition,
          first: span.first,
          groupIndex: span.groupIndex,
          count: span.count,
          baseOffset,
          logAppendTimeMs,
          timestamps,
        });
    }
    this.settle();
    return true;
  }

  /** Rejects every record with `error`. Ignored once done. */
  fail(error: Error): boolean {
    if (this.doneFlag) return false;
    this.doneFlag = true;
    this.closedForAppends = true;
    this.failure = error;
    const resolvers = this.resolvers;
    const promises = this.promises;
    if (resolvers !== null && promises !== null) {
      const rejected = Promise.reject(error);
      rejected.catch(ignore);
      for (let i = 0; i < resolvers.length; i++) {
        const resolve = resolvers[i];
        if (resolve === undefined) continue;
        // Whoever holds the promise still sees the rejection; one who dropped it does not crash.
        promises[i]!.catch(ignore);
        resolve(rejected);
      }
    }
    const callbacks = this.callbacks;
    if (callbacks !== null)
      for (const callback of callbacks) if (callback !== undefined) invokeCallback(callback, error, null);
    if (this.groups !== null) for (const span of this.groups) span.group.fail(error);
    this.settle();
    return true;
  }

  private settle(): void {
    // Nothing per record is needed any more: let the resolving functions go with the batch.
    this.resolvers = null;
    this.promises = null;
    this.callbacks = null;
    this.groups = null;
    if (this.resolveSettled !== null) this.resolveSettled();
    else if (this.settledPromise === null) this.settledPromise = Promise.resolve();
  }
}
