/**
 * One partition's records from one Fetch response, drained a few at a time by poll() (Java's
 * CompletedFetch). Records are decoded only as they are taken, straight into the caller's array: a 1 MiB
 * response costs per-record objects only for what has been handed out so far. Decoding:
 *  - whole batches only: a trailing partial batch (the broker cut at max bytes) is left for the next fetch;
 *  - records below the requested offset are skipped (the log returns the whole batch holding it);
 *  - compressed batches are decompressed (every codec, zstd included): the one asynchronous step, so
 *    uncompressed data is handed out without awaiting anything;
 *  - control batches (transaction markers) are skipped, moving the position past them;
 *  - with read_committed, batches of aborted transactions are skipped (the response lists them).
 * Key and value are views into the fetched bytes (no copies); the deserializers run on first access.
 * Every length is bounds-checked against its record and batch: garbage fails with CORRUPT_MESSAGE.
 */
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import {
  BatchAttributes,
  Compression,
  type CompressionType,
  RECORD_BATCH_HEADER_BYTES,
  RECORD_BATCH_LOG_OVERHEAD,
  RECORD_BATCH_MAGIC,
  controlRecordType,
  decompress,
  readInt64,
  ControlRecordType,
  type RecordHeader,
} from '../../../core/records/index.ts';
import type { FetchResponseAbortedTransaction } from '../../../core/protocol/index.ts';
import type { Deserializer } from '../../../core/serdes/index.ts';
import { ConsumerRecord, type TimestampType } from './consumer-record.ts';
import type { PartitionState } from './subscription-state.ts';

export interface CompletedFetchInit<K, V> {
  readonly state: PartitionState;
  /** The position the fetch was sent for; the fetch is stale once the position moved elsewhere. */
  readonly fetchOffset: number;
  readonly positionVersion: number;
  readonly records: Buffer | null;
  readonly abortedTransactions: readonly FetchResponseAbortedTransaction[] | null;
  readonly readCommitted: boolean;
  readonly keyDeserializer: Deserializer<K>;
  readonly valueDeserializer: Deserializer<V>;
}

// RecordBatch v2 header fields (byte positions from the batch start).
const batchLengthPos = 8;
const partitionLeaderEpochPos = 12;
const magicPos = 16;
const attributesPos = 21;
const lastOffsetDeltaPos = 23;
const baseTimestampPos = 27;
const maxTimestampPos = 35;
const producerIdPos = 43;
const recordsCountPos = 57;

/** Shared, frozen: records without headers (the common case) allocate no array. */
const noHeaders: RecordHeader[] = Object.freeze([]) as unknown as RecordHeader[];

function corrupt(message: string): KafkaError {
  return new KafkaError(ErrorCode.CORRUPT_MESSAGE, message);
}

export class CompletedFetch<K, V> {
  readonly state: PartitionState;
  readonly fetchOffset: number;
  readonly positionVersion: number;
  /** The offset after the last record handed out (or control batch passed). */
  nextFetchOffset: number;
  /** Leader epoch of the last record handed out (-1 before any). */
  lastEpoch = -1;
  /** Every whole batch has been read and handed out. */
  drained = false;
  private readonly records: Buffer | null;
  private readonly readCommitted: boolean;
  private readonly keyDeserializer: Deserializer<K>;
  private readonly valueDeserializer: Deserializer<V>;
  private readonly topic: string;
  private readonly partition: number;
  /** Where the next batch starts in `records`. */
  private position = 0;
  /** The decompressed records area of the compressed batch at `decompressedAt` (-1: none). */
  private decompressedAt = -1;
  private decompressed: Buffer | null = null;
  /** The batch being handed out: its records area, a cursor into it, and its constants. */
  private data: Buffer | null = null;
  private cursor = 0;
  private dataEnd = 0;
  private recordsLeft = 0;
  private baseOffset = 0;
  private baseTimestamp = 0;
  private maxTimestamp = 0;
  private logAppendTime = false;
  private timestampType: TimestampType = 'CreateTime';
  private batchEpoch = -1;
  /** The offset after the current batch (its tail may hold compacted-away offsets). */
  private batchEnd = -1;
  /** read_committed: aborted transactions not yet reached, in firstOffset order; producers currently aborted. */
  private readonly abortedQueue: FetchResponseAbortedTransaction[];
  private readonly abortedProducers = new Set<number>();

  constructor(init: CompletedFetchInit<K, V>) {
    this.state = init.state;
    this.topic = init.state.tp.topic;
    this.partition = init.state.tp.partition;
    this.fetchOffset = init.fetchOffset;
    this.positionVersion = init.positionVersion;
    this.nextFetchOffset = init.fetchOffset;
    this.records = init.records;
    this.readCommitted = init.readCommitted;
    this.keyDeserializer = init.keyDeserializer;
    this.valueDeserializer = init.valueDeserializer;
    this.abortedQueue = [...(init.abortedTransactions ?? [])].sort((a, b) => a.firstOffset - b.firstOffset);
  }

  /** Takes up to `max` records (fewer when the fetch runs out); updates nextFetchOffset. */
  async take(max: number): Promise<ConsumerRecord<K, V>[]> {
    const out: ConsumerRecord<K, V>[] = [];
    while (out.length < max && !this.drained) {
      if (this.takeInto(max - out.length, out)) await this.decompressNext();
    }
    return out;
  }

  /**
   * Appends up to `max` records to `out` without awaiting anything. Returns true when it stopped at a
   * compressed batch: call decompressNext() and then takeInto again.
   */
  takeInto(max: number, out: ConsumerRecord<K, V>[]): boolean {
    let taken = 0;
    while (taken < max && !this.drained) {
      if (this.recordsLeft > 0) {
        if (this.decodeRecord(out)) taken++;
        if (this.recordsLeft === 0) this.finishBatch();
        continue;
      }
      const next = this.openNextBatch();
      if (next === 'async') return true;
      if (next === 'end') this.drained = true;
    }
    return false;
  }

  /** Decompresses the batch takeInto stopped at. */
  async decompressNext(): Promise<void> {
    const buf = this.records!;
    const pos = this.position;
    const size = RECORD_BATCH_LOG_OVERHEAD + buf.readInt32BE(pos + batchLengthPos);
    const codec = buf.readInt16BE(pos + attributesPos) & BatchAttributes.compressionMask;
    if (codec > Compression.zstd) throw corrupt(`unknown compression codec ${codec}`);
    const body = buf.subarray(pos + RECORD_BATCH_HEADER_BYTES, pos + size);
    this.decompressed = await decompress(codec as CompressionType, body);
    this.decompressedAt = pos;
  }

  /** Every record of the batch went out: the position moves past the whole batch. */
  private finishBatch(): void {
    if (this.cursor !== this.dataEnd)
      throw corrupt(`${this.dataEnd - this.cursor} bytes after the last record of a batch`);
    this.nextFetchOffset = Math.max(this.nextFetchOffset, this.batchEnd);
    this.lastEpoch = this.batchEpoch;
    this.data = null;
  }

  /**
   * Moves to the next batch that may have records for the consumer and sets the cursor to its records.
   * 'end' when no whole batch is left; 'async' when the batch must be decompressed first.
   */
  private openNextBatch(): 'ready' | 'end' | 'async' {
    const buf = this.records;
    if (buf === null) return 'end';
    for (;;) {
      const pos = this.position;
      if (pos + RECORD_BATCH_HEADER_BYTES > buf.length) return 'end';
      const size = RECORD_BATCH_LOG_OVERHEAD + buf.readInt32BE(pos + batchLengthPos);
      if (size < RECORD_BATCH_HEADER_BYTES || pos + size > buf.length) return 'end'; // partial tail
      const magic = buf[pos + magicPos]!;
      if (magic !== RECORD_BATCH_MAGIC) throw corrupt(`magic ${magic}, expected ${RECORD_BATCH_MAGIC}`);
      const baseOffset = readInt64(buf, pos);
      const attributes = buf.readInt16BE(pos + attributesPos);
      const lastOffset = baseOffset + buf.readInt32BE(pos + lastOffsetDeltaPos);
      const epoch = buf.readInt32BE(pos + partitionLeaderEpochPos);
      if (lastOffset < this.nextFetchOffset) {
        this.position = pos + size; // wholly below the requested offset
        continue;
      }
      const control = (attributes & BatchAttributes.control) !== 0;
      const transactional = (attributes & BatchAttributes.transactional) !== 0;
      let abortedBatch = false;
      if (this.readCommitted && transactional) {
        while (this.abortedQueue.length > 0 && this.abortedQueue[0]!.firstOffset <= lastOffset)
          this.abortedProducers.add(this.abortedQueue.shift()!.producerId);
        abortedBatch = this.abortedProducers.has(readInt64(buf, pos + producerIdPos));
      }
      // Only the records of data batches and of markers that may end an aborted transaction are read.
      if ((control && !abortedBatch) || (abortedBatch && !control)) {
        this.position = pos + size;
        this.skipTo(lastOffset + 1, epoch);
        continue;
      }
      const count = buf.readInt32BE(pos + recordsCountPos);
      if (count < 0) throw corrupt(`negative recordsCount ${count}`);
      let data = buf;
      let start = pos + RECORD_BATCH_HEADER_BYTES;
      let end = pos + size;
      if ((attributes & BatchAttributes.compressionMask) !== Compression.none) {
        if (this.decompressedAt !== pos) return 'async';
        data = this.decompressed!;
        start = 0;
        end = data.length;
        this.decompressed = null;
        this.decompressedAt = -1;
      }
      this.position = pos + size;
      if (control) {
        // A marker of a transaction listed as aborted: an ABORT ends it for this producer.
        if (this.isAbortMarker(data, start, end, count))
          this.abortedProducers.delete(readInt64(buf, pos + producerIdPos));
        this.skipTo(lastOffset + 1, epoch);
        continue;
      }
      if (count === 0) {
        this.skipTo(lastOffset + 1, epoch);
        continue;
      }
      const baseTimestamp = readInt64(buf, pos + baseTimestampPos);
      const maxTimestamp = readInt64(buf, pos + maxTimestampPos);
      if (
        !Number.isSafeInteger(baseOffset) ||
        !Number.isSafeInteger(baseTimestamp) ||
        !Number.isSafeInteger(maxTimestamp)
      )
        throw corrupt('baseOffset or a timestamp is beyond 2^53');
      this.data = data;
      this.cursor = start;
      this.dataEnd = end;
      this.recordsLeft = count;
      this.baseOffset = baseOffset;
      this.baseTimestamp = baseTimestamp;
      this.maxTimestamp = maxTimestamp;
      this.logAppendTime = (attributes & BatchAttributes.timestampTypeLogAppend) !== 0;
      this.timestampType = this.logAppendTime ? 'LogAppendTime' : 'CreateTime';
      this.batchEpoch = epoch;
      this.batchEnd = lastOffset + 1;
      return 'ready';
    }
  }

  /** Whether a control batch is an ABORT marker (its one record's key says so). */
  private isAbortMarker(data: Buffer, start: number, end: number, count: number): boolean {
    if (count === 0) return false;
    const r = new RecordCursor(data, start, end);
    r.skipToKey();
    const keyLength = r.varint();
    if (keyLength < 0) return false;
    const key = r.view(keyLength);
    return controlRecordType(key) === ControlRecordType.abort;
  }

  /** Decodes the record at the cursor; pushes it unless it lies below the fetch position. */
  private decodeRecord(out: ConsumerRecord<K, V>[]): boolean {
    const data = this.data!;
    const batchEnd = this.dataEnd;
    let pos = this.cursor;
    // length (zigzag varint), inline for the one-byte case as most are.
    let length: number;
    let b = pos < batchEnd ? data[pos]! : 256;
    if (b < 0x80) {
      length = (b >>> 1) ^ -(b & 1);
      pos++;
    } else {
      length = zigzagVarint(data, pos, batchEnd);
      pos = next;
    }
    if (length <= 0) throw corrupt(`a record has length ${length}`);
    const end = pos + length;
    if (end > batchEnd) throw corrupt(`a record of ${length} bytes runs past the batch end`);
    pos++; // attributes: unused
    // timestampDelta (zigzag varlong)
    let timestampDelta: number;
    b = pos < end ? data[pos]! : 256;
    if (b < 0x80) {
      timestampDelta = (b >>> 1) ^ -(b & 1);
      pos++;
    } else {
      timestampDelta = zigzagVarlong(data, pos, end);
      pos = next;
    }
    // offsetDelta
    let offsetDelta: number;
    b = pos < end ? data[pos]! : 256;
    if (b < 0x80) {
      offsetDelta = (b >>> 1) ^ -(b & 1);
      pos++;
    } else {
      offsetDelta = zigzagVarint(data, pos, end);
      pos = next;
    }
    // key
    let key: Buffer | null = null;
    let n: number;
    b = pos < end ? data[pos]! : 256;
    if (b === 1) {
      pos++; // -1: null, the common case
    } else {
      n = zigzagVarint(data, pos, end);
      pos = next;
      if (n >= 0) {
        if (pos + n > end) throw corrupt(`a key of ${n} bytes runs past its record`);
        key = data.subarray(pos, pos + n);
        pos += n;
      } else if (n !== -1) throw corrupt(`negative key length ${n}`);
    }
    // value
    let value: Buffer | null = null;
    n = zigzagVarint(data, pos, end);
    pos = next;
    if (n >= 0) {
      if (pos + n > end) throw corrupt(`a value of ${n} bytes runs past its record`);
      value = data.subarray(pos, pos + n);
      pos += n;
    } else if (n !== -1) throw corrupt(`negative value length ${n}`);
    // headers
    let headers = noHeaders;
    b = pos < end ? data[pos]! : 256;
    if (b === 0) pos++;
    else {
      const r = new RecordCursor(data, pos, end);
      headers = r.headers();
      pos = r.pos;
    }
    if (pos !== end) throw corrupt(`a record has ${end - pos} stray bytes`);
    this.cursor = end;
    this.recordsLeft--;
    const offset = this.baseOffset + offsetDelta;
    if (offset < this.nextFetchOffset) return false;
    out.push(
      new ConsumerRecord<K, V>(
        this.topic,
        this.partition,
        offset,
        this.logAppendTime ? this.maxTimestamp : this.baseTimestamp + timestampDelta,
        this.timestampType,
        this.batchEpoch,
        headers,
        key,
        value,
        this.keyDeserializer,
        this.valueDeserializer,
      ),
    );
    this.nextFetchOffset = offset + 1;
    this.lastEpoch = this.batchEpoch;
    return true;
  }

  private skipTo(offset: number, epoch: number): void {
    if (offset > this.nextFetchOffset) {
      this.nextFetchOffset = offset;
      this.lastEpoch = epoch;
    }
  }
}

/** The position after the last varint read by zigzagVarint / zigzagVarlong. */
let next = 0;

/** A zigzag varint (at most 5 bytes) at `pos`, not past `end`; the next position is left in `next`. */
function zigzagVarint(buf: Buffer, pos: number, end: number): number {
  let result = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    if (pos >= end) throw corrupt('a varint runs past the end of its record');
    const b = buf[pos++]!;
    result |= (b & 0x7f) << shift;
    if (b < 0x80) {
      next = pos;
      result >>>= 0;
      return (result >>> 1) ^ -(result & 1);
    }
  }
  throw corrupt('a varint longer than 5 bytes');
}

/** A zigzag varlong (at most 10 bytes, within 2^53); the next position is left in `next`. */
function zigzagVarlong(buf: Buffer, pos: number, end: number): number {
  let result = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= end) throw corrupt('a varlong runs past the end of its record');
    const b = buf[pos++]!;
    result += (b & 0x7f) * scale;
    if (b < 0x80) {
      if (result > Number.MAX_SAFE_INTEGER) throw corrupt('a varlong beyond 2^53');
      next = pos;
      return result % 2 === 0 ? result / 2 : -(result + 1) / 2;
    }
    scale *= 128;
  }
  throw corrupt('a varlong longer than 10 bytes');
}

/** The slow path for the rarer parts of a record (headers, control keys), bounds-checked the same way. */
class RecordCursor {
  private readonly buf: Buffer;
  pos: number;
  private readonly end: number;

  constructor(buf: Buffer, pos: number, end: number) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  varint(): number {
    const v = zigzagVarint(this.buf, this.pos, this.end);
    this.pos = next;
    return v;
  }

  view(n: number): Buffer {
    if (this.pos + n > this.end) throw corrupt(`a field of ${n} bytes runs past the end of its record`);
    const v = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  /** From a record's start to its key length: length, attributes, timestampDelta, offsetDelta. */
  skipToKey(): void {
    this.varint();
    this.pos++;
    zigzagVarlong(this.buf, this.pos, this.end);
    this.pos = next;
    this.varint();
  }

  headers(): RecordHeader[] {
    const n = this.varint();
    if (n === 0) return noHeaders;
    if (n < 0) throw corrupt(`negative header count ${n}`);
    if (n * 2 > this.end - this.pos) throw corrupt(`header count ${n} exceeds the record size`);
    const headers = new Array<RecordHeader>(n);
    for (let i = 0; i < n; i++) {
      const keyLength = this.varint();
      if (keyLength < 0) throw corrupt(`header key length ${keyLength}`);
      const key = this.view(keyLength).toString('utf8');
      const valueLength = this.varint();
      let value: Buffer | null = null;
      if (valueLength >= 0) value = this.view(valueLength);
      else if (valueLength !== -1) throw corrupt(`negative header value length ${valueLength}`);
      headers[i] = { key, value };
    }
    return headers;
  }
}
