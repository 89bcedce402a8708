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

/**
 * Checks that data[start, end) holds exactly `count` well-formed records, without building views
 * or strings (validation on the broker's append path).
 */
/*
 * The validation walk runs for every record the broker accepts, so it reads varints inline from the
 * buffer with plain locals (the next position goes through the module-level `at`) instead of a
 * reader object: measured ~3x faster than going through VarintReader (about 50 vs 150 ns per
 * 100-byte record). Same checks: every length bounded by its record, records end exactly at `end`.
 */
let at = 0;
/** Reads a zigzag varint at `pos` (at most 5 bytes, not past `end`); leaves the next position in `at`. */
function zz(buf: Buffer, pos: number, end: number): number {
  let b = pos < end ? buf[pos]! : 256;
  if (b < 0x80) {
    at = pos + 1;
    return (b >>> 1) ^ -(b & 1);
  }
  let result = b & 0x7f;
  for (let shift = 7; shift < 35; shift += 7) {
    pos++;
    if (pos >= end) throw corrupt('varint runs past the end of the data');
    b = buf[pos]!;
    result |= (b & 0x7f) << shift;
    if (b < 0x80) {
      at = pos + 1;
      result >>>= 0;
      return (result >>> 1) ^ -(result & 1);
    }
  }
  throw corrupt('varint longer than 5 bytes');
}
/** Skips a varlong (at most 10 bytes). */
function skipVarlong(buf: Buffer, pos: number, end: number): number {
  for (let i = 0; i < 10; i++, pos++) {
    if (pos >= end) throw corrupt('varlong runs past the end of the data');
    if (buf[pos]! < 0x80) return pos + 1;
  }
  throw corrupt('varlong longer than 10 bytes');
}
export function checkRecords(buf: Buffer, start: number, end: number, count: number): void {
  let pos = start;
  for (let i = 0; i < count; i++) {
    const length = zz(buf, pos, end);
    pos = at;
    if (length <= 0) throw corrupt(`record ${i} has length ${length}`);
    const recordEnd = pos + length;
    if (recordEnd > end) throw corrupt(`record ${i} of ${length} bytes runs past the batch end`);
    pos = skipVarlong(buf, pos + 1, recordEnd); // attributes byte, timestampDelta
    zz(buf, pos, recordEnd);
    pos = at; // offsetDelta
    const keyLen = zz(buf, pos, recordEnd);
    pos = at;
    if (keyLen < -1) throw corrupt(`negative key length ${keyLen}`);
    if (keyLen > 0) pos += keyLen;
    const valueLen = zz(buf, pos, recordEnd);
    pos = at;
    if (valueLen < -1) throw corrupt(`negative value length ${valueLen}`);
    if (valueLen > 0) pos += valueLen;
    const n = zz(buf, pos, recordEnd);
    pos = at;
    if (n < 0 || n * 2 > recordEnd - pos) throw corrupt(`header count ${n}`);
    for (let h = 0; h < n; h++) {
      const kl = zz(buf, pos, recordEnd);
      pos = at;
      if (kl < 0) throw corrupt(`header key length ${kl}`);
      pos += kl;
      const vl = zz(buf, pos, recordEnd);
      pos = at;
      if (vl < -1) throw corrupt(`header value length ${vl}`);
      if (vl > 0) pos += vl;
    }
    if (pos !== recordEnd) throw corrupt(`record ${i} has ${recordEnd - pos} stray bytes`);
  }
  if (pos !== end) throw corrupt(`${end - pos} bytes after the last of ${count} records`);
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
