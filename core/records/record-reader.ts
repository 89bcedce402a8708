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
export function checkRecords(data: Buffer, start: number, end: number, count: number): void {
  const r = new VarintReader(data, start, end);
  for (let i = 0; i < count; i++) {
    r.end = end;
    const length = r.readVarint();
    if (length <= 0) throw corrupt(`record ${i} has length ${length}`);
    const recordEnd = r.pos + length;
    if (recordEnd > end) throw corrupt(`record ${i} of ${length} bytes runs past the batch end`);
    r.end = recordEnd;
    r.readInt8();
    r.readVarlong();
    r.readVarint();
    skipNullable(r, 'key');
    skipNullable(r, 'value');
    const n = r.readVarint();
    if (n < 0) throw corrupt(`negative header count ${n}`);
    if (n * 2 > r.end - r.pos) throw corrupt(`header count ${n} exceeds the record size`);
    for (let h = 0; h < n; h++) {
      const keyLen = r.readVarint();
      if (keyLen < 0) throw corrupt(`header key length ${keyLen}`);
      r.skip(keyLen);
      skipNullable(r, 'header value');
    }
    if (r.pos !== recordEnd) throw corrupt(`record ${i} has ${recordEnd - r.pos} stray bytes`);
  }
  if (r.pos !== end) throw corrupt(`${end - r.pos} bytes after the last of ${count} records`);
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
