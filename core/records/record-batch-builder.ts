import { crc32c } from '@node-rs/crc32';
import { ErrorCode, KafkaError } from '../errors/index.ts';
import { writeInt64 } from './batch-header.ts';
import { compress, compressSync } from './compression.ts';
import {
  BatchAttributes,
  Compression,
  CRC_START_POS,
  HeaderPos,
  NO_PRODUCER_EPOCH,
  NO_PRODUCER_ID,
  NO_SEQUENCE,
  NO_TIMESTAMP,
  RECORD_BATCH_HEADER_BYTES,
  RECORD_BATCH_LOG_OVERHEAD,
  RECORD_BATCH_MAGIC,
  type CompressionType,
} from './constants.ts';
import type { RecordInput } from './record.ts';
import { sizeOfVarint, sizeOfVarlong, writeVarint, writeVarlong } from './varint.ts';

/** How a batch is stamped. Defaults are those of a non-idempotent Java producer. */
export interface EncodeBatchOptions {
  baseOffset?: number;
  /** Java writes -1 (the default here); librdkafka, kafkajs and kafka-python write 0. */
  partitionLeaderEpoch?: number;
  compression?: CompressionType;
  timestampType?: 'create' | 'logAppend';
  producerId?: number;
  producerEpoch?: number;
  baseSequence?: number;
  transactional?: boolean;
  /** Sets attribute bit 5: a control batch (transaction markers). Clients may not produce these. */
  control?: boolean;
  /** Default: the first record's timestamp; records without a timestamp take this one. */
  baseTimestamp?: number;
}

/** Kafka's producer batch.size default: a sensible first allocation for one batch. */
const initialCapacityDefault = 16 * 1024;

function byteLengthOf(field: Buffer | string | null | undefined): number {
  if (field === null || field === undefined) return -1;
  return typeof field === 'string' ? Buffer.byteLength(field, 'utf8') : field.length;
}

/**
 * Appends records straight into one preallocated buffer, with varints written inline and no
 * intermediate Buffer per record, then stamps the 61-byte header on build(). Uncompressed batches
 * are returned as a view of that buffer; the builder then carries on after them in the same
 * buffer (a slab), so building many small batches allocates rarely. Compressed batches get a
 * fresh buffer holding header + compressed body.
 */
export class RecordBatchBuilder {
  private readonly baseOffset: number;
  private readonly partitionLeaderEpoch: number;
  private readonly compression: CompressionType;
  private readonly attributes: number;
  private producerId: number;
  private producerEpoch: number;
  private baseSequence: number;
  private readonly baseTimestampOption: number | undefined;
  private readonly initialCapacity: number;

  private buf: Buffer;
  /** Where the current batch starts in buf. */
  private start = 0;
  /** Where the next record is written. */
  private pos: number;
  private n = 0;
  private baseTimestamp = NO_TIMESTAMP;
  private maxTimestamp = NO_TIMESTAMP;

  constructor(options: EncodeBatchOptions & { initialCapacity?: number } = {}) {
    this.baseOffset = options.baseOffset ?? 0;
    this.partitionLeaderEpoch = options.partitionLeaderEpoch ?? -1;
    this.compression = options.compression ?? Compression.none;
    if (!Number.isInteger(this.compression) || this.compression < 0 || this.compression > Compression.zstd) {
      throw new KafkaError(
        ErrorCode.UNSUPPORTED_COMPRESSION_TYPE,
        `compression ${String(options.compression)}`,
      );
    }
    let attributes: number = this.compression;
    if (options.timestampType === 'logAppend') attributes |= BatchAttributes.timestampTypeLogAppend;
    if (options.transactional === true) attributes |= BatchAttributes.transactional;
    if (options.control === true) attributes |= BatchAttributes.control;
    this.attributes = attributes;
    this.producerId = options.producerId ?? NO_PRODUCER_ID;
    this.producerEpoch = options.producerEpoch ?? NO_PRODUCER_EPOCH;
    this.baseSequence = options.baseSequence ?? NO_SEQUENCE;
    this.baseTimestampOption = options.baseTimestamp;
    this.initialCapacity = Math.max(
      options.initialCapacity ?? initialCapacityDefault,
      RECORD_BATCH_HEADER_BYTES,
    );
    this.buf = Buffer.allocUnsafe(this.initialCapacity);
    this.pos = RECORD_BATCH_HEADER_BYTES;
  }

  /** Records appended since the last build()/reset(). */
  get count(): number {
    return this.n;
  }

  /** Bytes of the batch so far (uncompressed; the compressed batch is usually smaller). */
  get sizeEstimate(): number {
    return this.pos - this.start;
  }

  append(r: RecordInput): void {
    this.appendRecord(r.key, r.value, r.headers, r.timestamp);
  }

  /**
   * As append, with the record's fields as arguments (no RecordInput object needed): the producer
   * encodes each record straight into its open batch at send time this way.
   */
  appendRecord(
    key: Buffer | string | null | undefined,
    value: Buffer | string | null,
    headers: RecordInput['headers'],
    timestampIn: number | undefined,
  ): void {
    if (this.n === 0) {
      this.baseTimestamp = this.baseTimestampOption ?? timestampIn ?? NO_TIMESTAMP;
      this.maxTimestamp = NO_TIMESTAMP;
    }
    const timestamp = timestampIn ?? this.baseTimestamp;
    // A fractional or huge timestamp would make the varint size and the bytes written disagree.
    if (!Number.isSafeInteger(timestamp) || !Number.isSafeInteger(this.baseTimestamp)) {
      throw new KafkaError(ErrorCode.INVALID_RECORD, `timestamp ${timestamp} is not an integer in ms`);
    }
    if (timestamp > this.maxTimestamp) this.maxTimestamp = timestamp;
    const timestampDelta = timestamp - this.baseTimestamp;
    const offsetDelta = this.n;
    if (
      headers === undefined &&
      typeof value === 'object' &&
      typeof key !== 'string' &&
      offsetDelta < 64 * 128 &&
      timestampDelta >= 0 &&
      timestampDelta < 64
    ) {
      this.appendSmallRecord(key ?? null, value, offsetDelta, timestampDelta);
      return;
    }
    const keyLen = byteLengthOf(key);
    const valueLen = byteLengthOf(value);
    const headerCount = headers === undefined ? 0 : headers.length;
    let headerBytes = 0;
    for (let i = 0; i < headerCount; i++) {
      const h = headers![i];
      const hk = Buffer.byteLength(h.key, 'utf8');
      const hv = byteLengthOf(h.value);
      headerBytes += sizeOfVarint(hk) + hk + sizeOfVarint(hv) + (hv > 0 ? hv : 0);
    }
    const bodyBytes =
      1 +
      sizeOfVarlong(timestampDelta) +
      sizeOfVarint(offsetDelta) +
      sizeOfVarint(keyLen) +
      (keyLen > 0 ? keyLen : 0) +
      sizeOfVarint(valueLen) +
      (valueLen > 0 ? valueLen : 0) +
      sizeOfVarint(headerCount) +
      headerBytes;
    const recordBytes = sizeOfVarint(bodyBytes) + bodyBytes;
    if (this.pos + recordBytes > this.buf.length) this.grow(recordBytes);

    const buf = this.buf;
    let p = writeVarint(buf, this.pos, bodyBytes);
    buf[p++] = 0; // record attributes: unused
    p = writeVarlong(buf, p, timestampDelta);
    p = writeVarint(buf, p, offsetDelta);
    p = writeVarint(buf, p, keyLen);
    if (keyLen > 0) p = writeField(buf, p, key!);
    p = writeVarint(buf, p, valueLen);
    if (valueLen > 0) p = writeField(buf, p, value!);
    p = writeVarint(buf, p, headerCount);
    for (let i = 0; i < headerCount; i++) {
      const h = headers![i];
      p = writeVarint(buf, p, Buffer.byteLength(h.key, 'utf8'));
      p += buf.write(h.key, p, 'utf8');
      const hv = byteLengthOf(h.value);
      p = writeVarint(buf, p, hv);
      if (hv > 0) p = writeField(buf, p, h.value!);
    }
    this.pos = p;
    this.n++;
  }

  /**
   * appendRecord's common case, written without the general size computation: no headers, Buffer
   * (or null) key and value, a timestamp delta below 64 and an offset delta below 8192 (a one-byte
   * zigzag varint, and at most two bytes). The bytes are exactly those of the general path.
   */
  private appendSmallRecord(
    key: Buffer | null,
    value: Buffer | null,
    offsetDelta: number,
    timestampDelta: number,
  ): void {
    const keyLen = key === null ? -1 : key.length;
    const valueLen = value === null ? -1 : value.length;
    // attributes, timestamp delta and header count: one byte each.
    const offsetBytes = offsetDelta < 64 ? 1 : 2;
    const keyLenBytes = keyLen < 64 ? 1 : sizeOfVarint(keyLen);
    const valueLenBytes = valueLen < 64 ? 1 : sizeOfVarint(valueLen);
    const bodyBytes =
      3 +
      offsetBytes +
      keyLenBytes +
      (keyLen > 0 ? keyLen : 0) +
      valueLenBytes +
      (valueLen > 0 ? valueLen : 0);
    const recordBytes = (bodyBytes < 64 ? 1 : bodyBytes < 8192 ? 2 : 3) + bodyBytes;
    if (this.pos + recordBytes > this.buf.length) this.grow(recordBytes);
    const buf = this.buf;
    let p = this.pos;
    if (bodyBytes < 64) buf[p++] = bodyBytes << 1;
    else if (bodyBytes < 8192) {
      buf[p++] = ((bodyBytes << 1) & 0x7f) | 0x80;
      buf[p++] = bodyBytes >>> 6;
    } else p = writeVarint(buf, p, bodyBytes);
    buf[p++] = 0; // attributes
    buf[p++] = timestampDelta << 1;
    if (offsetDelta < 64) buf[p++] = offsetDelta << 1;
    else {
      buf[p++] = ((offsetDelta << 1) & 0x7f) | 0x80;
      buf[p++] = offsetDelta >>> 6;
    }
    if (keyLen < 0) buf[p++] = 1;
    else {
      p = writeSmallLength(buf, p, keyLen);
      if (keyLen > 0) {
        buf.set(key!, p);
        p += keyLen;
      }
    }
    if (valueLen < 0) buf[p++] = 1;
    else {
      p = writeSmallLength(buf, p, valueLen);
      if (valueLen > 0) {
        buf.set(value!, p);
        p += valueLen;
      }
    }
    buf[p++] = 0; // header count
    this.pos = p;
    this.n++;
  }

  /**
   * Sets the producer id, epoch and base sequence the next build() stamps into the header (an
   * idempotent producer learns its sequence only when the batch is drained), so the CRC is computed
   * once, over the final header.
   */
  setProducerState(producerId: number, producerEpoch: number, baseSequence: number): void {
    this.producerId = producerId;
    this.producerEpoch = producerEpoch;
    this.baseSequence = baseSequence;
  }

  /** Makes room for `bytes` more, keeping the current batch (the only live bytes). */
  private grow(bytes: number): void {
    const live = this.pos - this.start;
    const capacity = Math.max(this.initialCapacity, 2 * (live + bytes));
    const next = Buffer.allocUnsafe(capacity);
    this.buf.copy(next, 0, this.start, this.pos);
    this.buf = next;
    this.start = 0;
    this.pos = live;
  }

  /** Stamps the header of a batch of n records at buf[at]; computes the CRC last. */
  private writeHeader(
    buf: Buffer,
    at: number,
    batchBytes: number,
    n: number,
    baseTimestamp: number,
    maxTimestamp: number,
  ): void {
    writeInt64(buf, at + HeaderPos.baseOffset, this.baseOffset);
    buf.writeInt32BE(batchBytes - RECORD_BATCH_LOG_OVERHEAD, at + HeaderPos.batchLength);
    buf.writeInt32BE(this.partitionLeaderEpoch, at + HeaderPos.partitionLeaderEpoch);
    buf[at + HeaderPos.magic] = RECORD_BATCH_MAGIC;
    buf.writeInt16BE(this.attributes, at + HeaderPos.attributes);
    buf.writeInt32BE(n - 1, at + HeaderPos.lastOffsetDelta);
    writeInt64(buf, at + HeaderPos.baseTimestamp, baseTimestamp);
    writeInt64(buf, at + HeaderPos.maxTimestamp, maxTimestamp);
    writeInt64(buf, at + HeaderPos.producerId, this.producerId);
    buf.writeInt16BE(this.producerEpoch, at + HeaderPos.producerEpoch);
    buf.writeInt32BE(this.baseSequence, at + HeaderPos.baseSequence);
    buf.writeInt32BE(n, at + HeaderPos.recordsCount);
    const crc = crc32c(buf.subarray(at + CRC_START_POS, at + batchBytes)) >>> 0;
    buf.writeUInt32BE(crc, at + HeaderPos.crc);
  }

  private checkNotEmpty(): void {
    if (this.n === 0)
      throw new KafkaError(ErrorCode.INVALID_RECORD, 'a record batch needs at least one record');
  }

  /** Finishes the batch and starts a new one (same options). Not for zstd: use buildAsync. */
  build(): Buffer {
    this.checkNotEmpty();
    if (this.compression === Compression.none) return this.finishUncompressed();
    const body = compressSync(
      this.compression,
      this.buf.subarray(this.start + RECORD_BATCH_HEADER_BYTES, this.pos),
    );
    return this.finishCompressed(body);
  }

  /** As build(), and the only way to build zstd batches. */
  async buildAsync(): Promise<Buffer> {
    this.checkNotEmpty();
    if (this.compression === Compression.none) return this.finishUncompressed();
    // Copy the body: the slab may be reused by appends while compression runs off-thread.
    const records = Buffer.from(this.buf.subarray(this.start + RECORD_BATCH_HEADER_BYTES, this.pos));
    const n = this.n;
    const baseTimestamp = this.baseTimestamp;
    const maxTimestamp = this.maxTimestamp;
    this.reset();
    const body = await compress(this.compression, records);
    const out = Buffer.allocUnsafe(RECORD_BATCH_HEADER_BYTES + body.length);
    body.copy(out, RECORD_BATCH_HEADER_BYTES);
    this.writeHeader(out, 0, out.length, n, baseTimestamp, maxTimestamp);
    return out;
  }

  private finishUncompressed(): Buffer {
    const batchBytes = this.pos - this.start;
    this.writeHeader(this.buf, this.start, batchBytes, this.n, this.baseTimestamp, this.maxTimestamp);
    const batch = this.buf.subarray(this.start, this.pos);
    // The next batch continues in the same slab, after this one.
    this.start = this.pos;
    this.pos = this.start + RECORD_BATCH_HEADER_BYTES;
    this.n = 0;
    if (this.pos > this.buf.length) this.grow(0);
    return batch;
  }

  private finishCompressed(body: Buffer): Buffer {
    const out = Buffer.allocUnsafe(RECORD_BATCH_HEADER_BYTES + body.length);
    body.copy(out, RECORD_BATCH_HEADER_BYTES);
    this.writeHeader(out, 0, out.length, this.n, this.baseTimestamp, this.maxTimestamp);
    this.reset();
    return out;
  }

  /** Drops the records appended since the last build. */
  reset(): void {
    this.pos = this.start + RECORD_BATCH_HEADER_BYTES;
    this.n = 0;
  }
}

/** A non-negative length as a zigzag varint, one and two bytes written inline; returns the next position. */
function writeSmallLength(buf: Buffer, p: number, length: number): number {
  if (length < 64) {
    buf[p] = length << 1;
    return p + 1;
  }
  if (length < 8192) {
    buf[p] = ((length << 1) & 0x7f) | 0x80;
    buf[p + 1] = length >>> 6;
    return p + 2;
  }
  return writeVarint(buf, p, length);
}

/** Copies a key/value/header value into buf at p; returns the next position. */
function writeField(buf: Buffer, p: number, field: Buffer | string): number {
  if (typeof field === 'string') return p + buf.write(field, p, 'utf8');
  // TypedArray.set is a V8 fast path; cheaper than Buffer.copy's native call for small values.
  buf.set(field, p);
  return p + field.length;
}

/**
 * An upper bound of the bytes r adds to a batch (exact but for the timestamp and offset deltas,
 * counted at their maximum varint sizes): lets a producer accumulator check batch.size before
 * appending, as Kafka's hasRoomFor does.
 */
export function recordSizeUpperBound(r: RecordInput): number {
  const keyLen = byteLengthOf(r.key);
  const valueLen = byteLengthOf(r.value);
  let bytes = 1 + 10 + 5 + 5 + Math.max(keyLen, 0) + 5 + Math.max(valueLen, 0) + 5;
  if (r.headers !== undefined) {
    for (const h of r.headers)
      bytes += 10 + Buffer.byteLength(h.key, 'utf8') + Math.max(byteLengthOf(h.value), 0);
  }
  return 5 + bytes;
}

function builderFor(records: readonly RecordInput[], options: EncodeBatchOptions): RecordBatchBuilder {
  let estimate = RECORD_BATCH_HEADER_BYTES;
  for (const r of records)
    estimate += 32 + Math.max(byteLengthOf(r.key), 0) + Math.max(byteLengthOf(r.value), 0);
  const builder = new RecordBatchBuilder({ ...options, initialCapacity: estimate });
  for (const r of records) builder.append(r);
  return builder;
}

/** Encodes records into one RecordBatch v2 (every codec but zstd, which needs the async variant). */
export function encodeRecordBatch(records: readonly RecordInput[], options: EncodeBatchOptions = {}): Buffer {
  return builderFor(records, options).build();
}

export function encodeRecordBatchAsync(
  records: readonly RecordInput[],
  options: EncodeBatchOptions = {},
): Promise<Buffer> {
  return builderFor(records, options).buildAsync();
}
