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
  let bytes = recordOverheadBytesMax + fieldBytes(record.key) + fieldBytes(record.value);
  if (record.headers !== undefined)
    for (const h of record.headers)
      bytes += headerOverheadBytesMax + Buffer.byteLength(h.key, 'utf8') + fieldBytes(h.value);
  return bytes;
}

interface BatchOutcome {
  baseOffset: number;
  logAppendTimeMs: number;
}

const ignore = (): void => undefined;

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
  /**
   * One promise per batch, not per record: a record's delivery promise is derived from it only when
   * someone asks for it (deliveryOf), so fire-and-forget sends allocate nothing per record for it.
   */
  private readonly outcome: Promise<BatchOutcome>;
  private resolveOutcome!: (o: BatchOutcome) => void;
  private rejectOutcome!: (e: Error) => void;
  private readonly settledPromise: Promise<void>;

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
    this.outcome = new Promise<BatchOutcome>((resolve, reject) => {
      this.resolveOutcome = resolve;
      this.rejectOutcome = reject;
    });
    // The error reaches every record's delivery promise that was asked for; nobody need await this one.
    this.settledPromise = this.outcome.then(ignore, ignore);
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
    if (this.recordCount === 0) return true;
    return this.sizeBytes + sizeBytes <= this.sizeLimitBytes;
  }

  /** Appends a record; returns its index in the batch and the bytes it added. */
  append(record: RecordInput, timestamp: number): { index: number; appendedBytes: number } {
    const builder = this.builder;
    if (builder === null || this.closedForAppends)
      throw new KafkaError(ErrorCode.INVALID_REQUEST, 'append to a closed producer batch');
    const before = builder.sizeEstimate;
    builder.append(record.timestamp === timestamp ? record : { ...record, timestamp });
    const index = this.timestamps.length;
    this.timestamps.push(timestamp);
    return { index, appendedBytes: builder.sizeEstimate - before };
  }

  /** The metadata of record `index` once the batch completes; rejects with the batch's error. */
  deliveryOf(index: number): Promise<RecordMetadata> {
    const delivery = this.outcome.then((o) => ({
      topic: this.topic,
      partition: this.partition,
      offset: o.baseOffset < 0 ? -1 : o.baseOffset + index,
      timestamp: o.logAppendTimeMs >= 0 ? o.logAppendTimeMs : this.timestamps[index]!,
    }));
    // The rejection reaches whoever awaits `delivery`; one who drops it must not crash the process
    // with an unhandled rejection (like an ignored Java send() future).
    delivery.catch(ignore);
    return delivery;
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
    const bytes = this.compression === Compression.zstd ? await builder.buildAsync() : builder.build();
    this.builder = null;
    this.stamp(bytes);
    this.bytes = bytes;
    return bytes;
  }

  private stamp(bytes: Buffer): void {
    if (this.producerId < 0 && this.baseSequence < 0) return;
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
    this.resolveOutcome({ baseOffset, logAppendTimeMs });
    return true;
  }

  /** Rejects every record with `error`. Ignored once done. */
  fail(error: Error): boolean {
    if (this.doneFlag) return false;
    this.doneFlag = true;
    this.closedForAppends = true;
    this.rejectOutcome(error);
    return true;
  }
}
