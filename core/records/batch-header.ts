import { crc32c } from '@node-rs/crc32';
import { ErrorCode, KafkaError } from '../errors/index.ts';
import {
  BatchAttributes,
  Compression,
  CRC_START_POS,
  HeaderPos,
  RECORD_BATCH_HEADER_BYTES,
  RECORD_BATCH_LOG_OVERHEAD,
  RECORD_BATCH_MAGIC,
} from './constants.ts';
import { checkRecords } from './record-reader.ts';

/*
 * Accessors over the 61-byte RecordBatch v2 header (NOTES 2.1), reading and writing the bytes in
 * place. int64 fields are read as hi * 2^32 + lo into a number: exact below 2^53, which
 * validateBatch enforces for offsets and timestamps.
 */

/** The decoded batch header. */
export interface RecordBatchHeader {
  baseOffset: number;
  batchLength: number;
  partitionLeaderEpoch: number;
  magic: number;
  crc: number;
  attributes: number;
  lastOffsetDelta: number;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  recordsCount: number;
}

const twoPow32 = 4294967296;
/** The smallest batchLength a v2 batch can have: the header after the length field. */
const batchLengthMin = RECORD_BATCH_HEADER_BYTES - RECORD_BATCH_LOG_OVERHEAD;

function corrupt(message: string): KafkaError {
  return new KafkaError(ErrorCode.CORRUPT_MESSAGE, message);
}

function need(buf: Buffer, pos: number, bytes: number): void {
  if (!Number.isInteger(pos) || pos < 0 || pos + bytes > buf.length) {
    throw corrupt(`need ${bytes} bytes at position ${pos}, buffer holds ${buf.length}`);
  }
}

/** Reads an int64 as a number (exact below 2^53). */
export function readInt64(buf: Buffer, pos: number): number {
  return buf.readInt32BE(pos) * twoPow32 + buf.readUInt32BE(pos + 4);
}

/** Writes an integral number (|n| <= 2^53) as an int64. */
export function writeInt64(buf: Buffer, pos: number, n: number): void {
  const hi = Math.floor(n / twoPow32);
  buf.writeInt32BE(hi, pos);
  buf.writeUInt32BE(n - hi * twoPow32, pos + 4);
}

/** Decodes the header at pos; checks only that 61 bytes are there. */
export function readBatchHeader(buf: Buffer, pos = 0): RecordBatchHeader {
  need(buf, pos, RECORD_BATCH_HEADER_BYTES);
  return {
    baseOffset: readInt64(buf, pos),
    batchLength: buf.readInt32BE(pos + HeaderPos.batchLength),
    partitionLeaderEpoch: buf.readInt32BE(pos + HeaderPos.partitionLeaderEpoch),
    magic: buf.readInt8(pos + HeaderPos.magic),
    crc: buf.readUInt32BE(pos + HeaderPos.crc),
    attributes: buf.readInt16BE(pos + HeaderPos.attributes),
    lastOffsetDelta: buf.readInt32BE(pos + HeaderPos.lastOffsetDelta),
    baseTimestamp: readInt64(buf, pos + HeaderPos.baseTimestamp),
    maxTimestamp: readInt64(buf, pos + HeaderPos.maxTimestamp),
    producerId: readInt64(buf, pos + HeaderPos.producerId),
    producerEpoch: buf.readInt16BE(pos + HeaderPos.producerEpoch),
    baseSequence: buf.readInt32BE(pos + HeaderPos.baseSequence),
    recordsCount: buf.readInt32BE(pos + HeaderPos.recordsCount),
  };
}

/** Whole size of the batch at pos (12 + batchLength); reads only the first 12 bytes. */
export function batchSizeAt(buf: Buffer, pos = 0): number {
  need(buf, pos, RECORD_BATCH_LOG_OVERHEAD);
  return RECORD_BATCH_LOG_OVERHEAD + buf.readInt32BE(pos + HeaderPos.batchLength);
}

export function baseOffsetAt(buf: Buffer, pos = 0): number {
  need(buf, pos, 8);
  return readInt64(buf, pos);
}

/** baseOffset + lastOffsetDelta: the offset of the batch's last record. */
export function lastOffsetAt(buf: Buffer, pos = 0): number {
  need(buf, pos, RECORD_BATCH_HEADER_BYTES);
  return readInt64(buf, pos) + buf.readInt32BE(pos + HeaderPos.lastOffsetDelta);
}

export function maxTimestampAt(buf: Buffer, pos = 0): number {
  need(buf, pos, RECORD_BATCH_HEADER_BYTES);
  return readInt64(buf, pos + HeaderPos.maxTimestamp);
}

export function recordsCountAt(buf: Buffer, pos = 0): number {
  need(buf, pos, RECORD_BATCH_HEADER_BYTES);
  return buf.readInt32BE(pos + HeaderPos.recordsCount);
}

export function attributesAt(buf: Buffer, pos = 0): number {
  need(buf, pos, RECORD_BATCH_HEADER_BYTES);
  return buf.readInt16BE(pos + HeaderPos.attributes);
}

export function producerIdAt(buf: Buffer, pos = 0): number {
  need(buf, pos, RECORD_BATCH_HEADER_BYTES);
  return readInt64(buf, pos + HeaderPos.producerId);
}

/** True for control batches (transaction markers, leader change): attribute bit 5. */
export function isControlBatch(buf: Buffer, pos = 0): boolean {
  return (attributesAt(buf, pos) & BatchAttributes.control) !== 0;
}

export function isTransactionalBatch(buf: Buffer, pos = 0): boolean {
  return (attributesAt(buf, pos) & BatchAttributes.transactional) !== 0;
}

/** The codec id in attribute bits 0-2 (may be an unknown id 5-7 in corrupt input). */
export function compressionAt(buf: Buffer, pos = 0): number {
  return attributesAt(buf, pos) & BatchAttributes.compressionMask;
}

/** Sets baseOffset in place. Outside the CRC, so the batch stays valid. */
export function setBaseOffset(buf: Buffer, pos: number, offset: number): void {
  need(buf, pos, 8);
  writeInt64(buf, pos, offset);
}

/** Sets partitionLeaderEpoch in place. Outside the CRC. */
export function setPartitionLeaderEpoch(buf: Buffer, pos: number, epoch: number): void {
  need(buf, pos, RECORD_BATCH_HEADER_BYTES);
  buf.writeInt32BE(epoch, pos + HeaderPos.partitionLeaderEpoch);
}

/** CRC-32C over bytes 21..end of the batch at pos (the value the crc field must hold). */
export function computeBatchCrc(buf: Buffer, pos = 0): number {
  const size = batchSizeAt(buf, pos);
  if (size < RECORD_BATCH_HEADER_BYTES || pos + size > buf.length) {
    throw corrupt(`batch at ${pos} claims ${size} bytes, buffer holds ${buf.length - pos}`);
  }
  return crc32c(buf.subarray(pos + CRC_START_POS, pos + size)) >>> 0;
}

/** Recomputes and stores the CRC of the batch at pos (after rewriting a covered field). */
export function writeBatchCrc(buf: Buffer, pos = 0): number {
  const crc = computeBatchCrc(buf, pos);
  buf.writeUInt32BE(crc, pos + HeaderPos.crc);
  return crc;
}

/**
 * What the broker does for topics with message.timestamp.type=LogAppendTime: set attribute bit 3
 * and maxTimestamp, then recompute the CRC (both fields are covered by it).
 */
export function setLogAppendTime(buf: Buffer, pos: number, timestampMs: number): void {
  need(buf, pos, RECORD_BATCH_HEADER_BYTES);
  const attributes = buf.readInt16BE(pos + HeaderPos.attributes);
  buf.writeInt16BE(attributes | BatchAttributes.timestampTypeLogAppend, pos + HeaderPos.attributes);
  writeInt64(buf, pos + HeaderPos.maxTimestamp, timestampMs);
  writeBatchCrc(buf, pos);
}

function checkSafe(value: number, field: string): void {
  if (!Number.isSafeInteger(value)) throw corrupt(`${field} ${value} is beyond 2^53`);
}

/**
 * Full check of one batch at pos: size fits the buffer, magic 2, CRC-32C, recordsCount > 0,
 * lastOffsetDelta + 1 == recordsCount, int64 fields representable, and for uncompressed batches
 * that the records parse exactly to the batch end. Compressed bodies are not decompressed here
 * (checkCompressedRecords and decodeRecords do that). Throws KafkaError CORRUPT_MESSAGE (size,
 * magic, CRC: the bytes are damaged) or INVALID_RECORD (count mismatch, records that do not parse
 * although the CRC holds), as Kafka's broker does. Returns the header.
 */
export function validateBatch(buf: Buffer, pos = 0): RecordBatchHeader {
  if (!Number.isInteger(pos) || pos < 0 || pos + RECORD_BATCH_LOG_OVERHEAD > buf.length) {
    throw corrupt(`no batch at ${pos}: buffer holds ${buf.length} bytes`);
  }
  const batchLength = buf.readInt32BE(pos + HeaderPos.batchLength);
  if (batchLength < batchLengthMin) {
    throw corrupt(`batchLength ${batchLength} is below the ${batchLengthMin}-byte minimum`);
  }
  const size = RECORD_BATCH_LOG_OVERHEAD + batchLength;
  if (pos + size > buf.length) {
    throw corrupt(`batch at ${pos} claims ${size} bytes, only ${buf.length - pos} present`);
  }
  const magic = buf.readInt8(pos + HeaderPos.magic);
  if (magic !== RECORD_BATCH_MAGIC) throw corrupt(`magic ${magic}, expected ${RECORD_BATCH_MAGIC}`);
  const header = readBatchHeader(buf, pos);
  const crc = crc32c(buf.subarray(pos + CRC_START_POS, pos + size)) >>> 0;
  if (crc !== header.crc) {
    throw corrupt(`CRC mismatch: stored ${hex(header.crc)}, computed ${hex(crc)}`);
  }
  checkSafe(header.baseOffset, 'baseOffset');
  checkSafe(header.baseTimestamp, 'baseTimestamp');
  checkSafe(header.maxTimestamp, 'maxTimestamp');
  checkSafe(header.producerId, 'producerId');
  if (header.recordsCount <= 0) {
    throw new KafkaError(ErrorCode.INVALID_RECORD, `recordsCount ${header.recordsCount} must be positive`);
  }
  if (header.lastOffsetDelta + 1 !== header.recordsCount) {
    throw new KafkaError(
      ErrorCode.INVALID_RECORD,
      `lastOffsetDelta ${header.lastOffsetDelta} + 1 != recordsCount ${header.recordsCount}`,
    );
  }
  const codec = header.attributes & BatchAttributes.compressionMask;
  if (codec > Compression.zstd) throw corrupt(`unknown compression codec ${codec}`);
  if (codec === Compression.none) {
    checkRecords(buf, pos + RECORD_BATCH_HEADER_BYTES, pos + size, header.recordsCount);
  }
  return header;
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/**
 * Splits a buffer of batches laid back to back into [pos, size] pairs. Stops (never throws) at a
 * partial tail or at a batchLength too small to be a batch; compare the end of the last pair with
 * buf.length to learn whether bytes were left over. Sizes are not validated beyond that.
 */
export function* batchPositions(buf: Buffer): Generator<[number, number]> {
  let pos = 0;
  while (pos + RECORD_BATCH_LOG_OVERHEAD <= buf.length) {
    const batchLength = buf.readInt32BE(pos + HeaderPos.batchLength);
    if (batchLength < batchLengthMin) return;
    const size = RECORD_BATCH_LOG_OVERHEAD + batchLength;
    if (pos + size > buf.length) return;
    yield [pos, size];
    pos += size;
  }
}
