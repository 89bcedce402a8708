import { ErrorCode, KafkaError } from '../errors/index.ts';
import type { Record, RecordHeader } from './record.ts';
import { VarintReader } from './varint.ts';

/*
 * Parses the records area of a batch (already decompressed): `count` records back to back that must
 * end exactly at `end`. Every length is bounds-checked against the enclosing record, so garbage
 * yields CORRUPT_MESSAGE and never an out-of-range view or an endless loop (each record consumes at
 * least one byte, and the loop runs at most `count` times).
 */

/** Shared, frozen: records without headers (the common case) allocate no array. */
const noHeaders: RecordHeader[] = Object.freeze([]) as unknown as RecordHeader[];

function corrupt(message: string): KafkaError {
  return new KafkaError(ErrorCode.CORRUPT_MESSAGE, message);
}

/** Per-batch constants the record loop needs to turn deltas into absolute values. */
export interface RecordContext {
  baseOffset: number;
  baseTimestamp: number;
  /** With LogAppendTime every record's timestamp is the batch's maxTimestamp. */
  logAppendTime: boolean;
  maxTimestamp: number;
}

function readNullableView(r: VarintReader, what: string): Buffer | null {
  const len = r.readVarint();
  if (len < 0) {
    if (len !== -1) throw corrupt(`negative ${what} length ${len}`);
    return null;
  }
  return r.readView(len);
}

function readHeaders(r: VarintReader): RecordHeader[] {
  const n = r.readVarint();
  if (n === 0) return noHeaders;
  if (n < 0) throw corrupt(`negative header count ${n}`);
  // Each header takes at least 2 bytes, so a count larger than that is garbage; checking first
  // avoids a long loop over a huge bogus count.
  if (n * 2 > r.end - r.pos) throw corrupt(`header count ${n} exceeds the record size`);
  const headers: RecordHeader[] = new Array<RecordHeader>(n);
  for (let i = 0; i < n; i++) {
    const keyLen = r.readVarint();
    if (keyLen < 0) throw corrupt(`header key length ${keyLen}`);
    const keyStart = r.pos;
    r.skip(keyLen);
    const key = r.buf.toString('utf8', keyStart, r.pos);
    headers[i] = { key, value: readNullableView(r, 'header value') };
  }
  return headers;
}

/**
 * Calls fn for each record of data[start, end). `reuse` (if given) is the object handed to fn each
 * time, overwritten in place: the tight loop then allocates only the key/value views.
 */
export function walkRecords(
  data: Buffer,
  start: number,
  end: number,
  count: number,
  ctx: RecordContext,
  fn: (r: Record) => void,
  reuse: Record | null,
): void {
  const r = new VarintReader(data, start, end);
  for (let i = 0; i < count; i++) {
    r.end = end;
    const length = r.readVarint();
    if (length <= 0) throw corrupt(`record ${i} has length ${length}`);
    const recordEnd = r.pos + length;
    if (recordEnd > end) throw corrupt(`record ${i} of ${length} bytes runs past the batch end`);
    r.end = recordEnd;
    r.readInt8(); // record attributes: unused by Kafka
    const timestampDelta = r.readVarlong();
    const offsetDelta = r.readVarint();
    const key = readNullableView(r, 'key');
    const value = readNullableView(r, 'value');
    const headers = readHeaders(r);
    if (r.pos !== recordEnd) throw corrupt(`record ${i} has ${recordEnd - r.pos} stray bytes`);
    const offset = ctx.baseOffset + offsetDelta;
    const timestamp = ctx.logAppendTime ? ctx.maxTimestamp : ctx.baseTimestamp + timestampDelta;
    if (reuse !== null) {
      reuse.offset = offset;
      reuse.timestamp = timestamp;
      reuse.key = key;
      reuse.value = value;
      reuse.headers = headers;
      fn(reuse);
    } else {
      fn({ offset, timestamp, key, value, headers });
    }
  }
  if (r.pos !== end) throw corrupt(`${end - r.pos} bytes after the last of ${count} records`);
}

/*
 * The validation walk runs for every record the broker accepts (PartitionLog.append), so it is one
 * tight loop over the bytes with plain locals: the one- and two-byte varints that lengths of ordinary
 * records take are decoded inline, longer ones (and header fields) go through slowVarint; the
 * timestamp and offset deltas are only skipped (their values do not matter to validation, their
 * encoding does); key, value and header bytes are skipped by length. Every length is bounded by its
 * record, so reads never leave [start, end). Same checks as Kafka's DefaultRecord.readFrom on the
 * broker: the record length is positive and fits the batch, each varint ends inside its record
 * within 5 (varint) or 10 (varlong) bytes, key/value lengths >= -1, header count >= 0 and each header
 * key length >= 0 and value length >= -1, each record's fields end exactly at its length, and the
 * `count` records end exactly at `end`.
 */

/**
 * Records that do not parse inside a batch whose CRC holds: Kafka's broker answers INVALID_RECORD
 * (InvalidRecordException from DefaultRecord.readFrom and the batch iterator, Kafka >= 2.4).
 */
function invalid(message: string): KafkaError {
  return new KafkaError(ErrorCode.INVALID_RECORD, message);
}

/** The position after the varint slowVarint read last. */
let slowEnd = 0;

/**
 * Reads an unsigned LEB128 varint of at most 5 bytes at pos, ending before `end`; the position
 * after it is left in slowEnd. The raw (zigzag-encoded) value is returned as an unsigned number.
 */
function slowVarint(buf: Uint8Array, pos: number, end: number): number {
  let result = 0;
  for (let shift = 0; shift < 35; shift += 7, pos++) {
    if (pos >= end) throw invalid('varint runs past the end of its record');
    const b = buf[pos]!;
    result |= (b & 0x7f) << shift;
    if (b < 0x80) {
      slowEnd = pos + 1;
      return result >>> 0;
    }
  }
  throw invalid('varint longer than 5 bytes');
}

/** Skips a varint of at most maxBytes bytes ending before `end`; returns the position after it. */
function skipVarint(
  buf: Uint8Array,
  pos: number,
  end: number,
  maxBytes: number,
  i: number,
  what: string,
): number {
  const limit = pos + maxBytes;
  while (pos < end && pos < limit && buf[pos]! >= 0x80) pos++;
  if (pos >= end || pos === limit) throw invalid(`record ${i} has a malformed ${what}`);
  return pos + 1;
}

/**
 * Checks that data[start, end) holds exactly `count` well-formed records, without building views
 * or strings (validation on the broker's append path). Throws INVALID_RECORD naming the record.
 */
export function checkRecords(buf: Uint8Array, start: number, end: number, count: number): void {
  if (end > buf.length || start > end)
    throw invalid(`records [${start}, ${end}) outside ${buf.length} bytes`);
  let pos = start;
  for (let i = 0; i < count; i++) {
    // Record length: a zigzag varint, positive, inside the batch.
    let b = pos < end ? buf[pos]! : 0x100;
    let u: number;
    if (b < 0x80) {
      u = b;
      pos += 1;
    } else if (pos + 1 < end && buf[pos + 1]! < 0x80) {
      u = (b & 0x7f) | (buf[pos + 1]! << 7);
      pos += 2;
    } else {
      u = slowVarint(buf, pos, end);
      pos = slowEnd;
    }
    if (u === 0 || (u & 1) !== 0) throw invalid(`record ${i} has length ${(u >>> 1) ^ -(u & 1)}`);
    const recordEnd = pos + (u >>> 1);
    if (recordEnd > end) throw invalid(`record ${i} of ${u >>> 1} bytes runs past the batch end`);
    pos++; // attributes (unused by Kafka, one byte)
    // timestampDelta: a varlong of at most 10 bytes; offsetDelta: a varint of at most 5.
    // One- and two-byte encodings inline (while at least the later fields' minimum bytes follow).
    if (pos + 4 <= recordEnd && buf[pos]! < 0x80) pos += 1;
    else if (pos + 4 <= recordEnd && buf[pos + 1]! < 0x80) pos += 2;
    else pos = skipVarint(buf, pos, recordEnd, 10, i, 'timestamp delta');
    if (pos + 3 <= recordEnd && buf[pos]! < 0x80) pos += 1;
    else if (pos + 3 <= recordEnd && buf[pos + 1]! < 0x80) pos += 2;
    else pos = skipVarint(buf, pos, recordEnd, 5, i, 'offset delta');
    // Key length (-1 = null, zigzag 1), then its bytes.
    b = pos < recordEnd ? buf[pos]! : 0x100;
    if (b < 0x80) {
      u = b;
      pos += 1;
    } else {
      u = slowVarint(buf, pos, recordEnd);
      pos = slowEnd;
    }
    if (u !== 1) {
      if ((u & 1) !== 0) throw invalid(`record ${i} has key length ${(u >>> 1) ^ -1}`);
      pos += u >>> 1;
    }
    // Value length, then its bytes.
    b = pos < recordEnd ? buf[pos]! : 0x100;
    if (b < 0x80) {
      u = b;
      pos += 1;
    } else if (pos + 1 < recordEnd && buf[pos + 1]! < 0x80) {
      u = (b & 0x7f) | (buf[pos + 1]! << 7);
      pos += 2;
    } else {
      u = slowVarint(buf, pos, recordEnd);
      pos = slowEnd;
    }
    if (u !== 1) {
      if ((u & 1) !== 0) throw invalid(`record ${i} has value length ${(u >>> 1) ^ -1}`);
      pos += u >>> 1;
    }
    // Headers: count, then key length >= 0 + key, value length >= -1 + value.
    if (pos < recordEnd && buf[pos] === 0) {
      pos += 1;
    } else {
      u = slowVarint(buf, pos, recordEnd);
      pos = slowEnd;
      // Each header takes at least 2 bytes: a larger count is garbage (and would loop long).
      if ((u & 1) !== 0 || u > recordEnd - pos) {
        throw invalid(`record ${i} has header count ${(u >>> 1) ^ -(u & 1)}`);
      }
      for (let h = u >>> 1; h > 0; h--) {
        u = slowVarint(buf, pos, recordEnd);
        pos = slowEnd;
        if ((u & 1) !== 0) throw invalid(`record ${i} has header key length ${(u >>> 1) ^ -1}`);
        pos += u >>> 1;
        u = slowVarint(buf, pos, recordEnd);
        pos = slowEnd;
        if (u !== 1) {
          if ((u & 1) !== 0) throw invalid(`record ${i} has header value length ${(u >>> 1) ^ -1}`);
          pos += u >>> 1;
        }
      }
    }
    if (pos !== recordEnd) {
      throw invalid(
        pos < recordEnd
          ? `record ${i} has ${recordEnd - pos} stray bytes`
          : `record ${i}: fields run ${pos - recordEnd} bytes past its length`,
      );
    }
  }
  if (pos !== end) throw invalid(`${end - pos} bytes after the last of ${count} records`);
}

function skipNullable(r: VarintReader, what: string): void {
  const len = r.readVarint();
  if (len < 0) {
    if (len !== -1) throw corrupt(`negative ${what} length ${len}`);
    return;
  }
  r.skip(len);
}

/**
 * The zero-allocation visitor: positions instead of views. keyStart/valueStart index into `data`;
 * a length of -1 means null. Headers are checked and skipped.
 */
export type RecordVisitor = (
  data: Buffer,
  offset: number,
  timestamp: number,
  keyStart: number,
  keyLength: number,
  valueStart: number,
  valueLength: number,
) => void;

export function scanRecordsIn(
  data: Buffer,
  start: number,
  end: number,
  count: number,
  ctx: RecordContext,
  visit: RecordVisitor,
): void {
  const r = new VarintReader(data, start, end);
  for (let i = 0; i < count; i++) {
    r.end = end;
    const length = r.readVarint();
    if (length <= 0) throw corrupt(`record ${i} has length ${length}`);
    const recordEnd = r.pos + length;
    if (recordEnd > end) throw corrupt(`record ${i} of ${length} bytes runs past the batch end`);
    r.end = recordEnd;
    r.readInt8();
    const timestampDelta = r.readVarlong();
    const offsetDelta = r.readVarint();
    const keyLength = r.readVarint();
    const keyStart = r.pos;
    if (keyLength >= 0) r.skip(keyLength);
    else if (keyLength !== -1) throw corrupt(`negative key length ${keyLength}`);
    const valueLength = r.readVarint();
    const valueStart = r.pos;
    if (valueLength >= 0) r.skip(valueLength);
    else if (valueLength !== -1) throw corrupt(`negative value length ${valueLength}`);
    const n = r.readVarint();
    if (n < 0) throw corrupt(`negative header count ${n}`);
    if (n * 2 > r.end - r.pos) throw corrupt(`header count ${n} exceeds the record size`);
    for (let h = 0; h < n; h++) {
      const hk = r.readVarint();
      if (hk < 0) throw corrupt(`header key length ${hk}`);
      r.skip(hk);
      skipNullable(r, 'header value');
    }
    if (r.pos !== recordEnd) throw corrupt(`record ${i} has ${recordEnd - r.pos} stray bytes`);
    const timestamp = ctx.logAppendTime ? ctx.maxTimestamp : ctx.baseTimestamp + timestampDelta;
    visit(data, ctx.baseOffset + offsetDelta, timestamp, keyStart, keyLength, valueStart, valueLength);
  }
  if (r.pos !== end) throw corrupt(`${end - r.pos} bytes after the last of ${count} records`);
}
