import { ErrorCode, KafkaError } from '../errors/index.ts';
import { readInt64, validateBatch, type RecordBatchHeader } from './batch-header.ts';
import { decompress, decompressSync } from './compression.ts';
import {
  BatchAttributes,
  Compression,
  HeaderPos,
  RECORD_BATCH_HEADER_BYTES,
  RECORD_BATCH_LOG_OVERHEAD,
  RECORD_BATCH_MAGIC,
  type CompressionType,
} from './constants.ts';
import type { Record } from './record.ts';
import {
  checkRecords,
  scanRecordsIn,
  walkRecords,
  type RecordContext,
  type RecordVisitor,
} from './record-reader.ts';

/*
 * Decoding the records of one batch (the batch starts at byte 0 of the given buffer; bytes after
 * it are ignored). The CRC is not checked here — validateBatch does that on the broker path, and
 * consumers skip it by default as librdkafka does — but every length is bounds-checked, so a
 * garbled batch fails with CORRUPT_MESSAGE rather than a wrong view.
 */

interface BatchBody {
  ctx: RecordContext;
  codec: CompressionType;
  count: number;
  /** The records area: raw, or the compressed blob. */
  body: Buffer;
}

function corrupt(message: string): KafkaError {
  return new KafkaError(ErrorCode.CORRUPT_MESSAGE, message);
}

function openBatch(batch: Buffer): BatchBody {
  if (batch.length < RECORD_BATCH_HEADER_BYTES) {
    throw corrupt(`a batch needs ${RECORD_BATCH_HEADER_BYTES} bytes, got ${batch.length}`);
  }
  const size = RECORD_BATCH_LOG_OVERHEAD + batch.readInt32BE(HeaderPos.batchLength);
  if (size < RECORD_BATCH_HEADER_BYTES || size > batch.length) {
    throw corrupt(`batch claims ${size} bytes, buffer holds ${batch.length}`);
  }
  const magic = batch.readInt8(HeaderPos.magic);
  if (magic !== RECORD_BATCH_MAGIC) throw corrupt(`magic ${magic}, expected ${RECORD_BATCH_MAGIC}`);
  const attributes = batch.readInt16BE(HeaderPos.attributes);
  const codec = attributes & BatchAttributes.compressionMask;
  if (codec > Compression.zstd) throw corrupt(`unknown compression codec ${codec}`);
  const count = batch.readInt32BE(HeaderPos.recordsCount);
  if (count < 0) throw corrupt(`negative recordsCount ${count}`);
  const baseOffset = readInt64(batch, HeaderPos.baseOffset);
  const baseTimestamp = readInt64(batch, HeaderPos.baseTimestamp);
  const maxTimestamp = readInt64(batch, HeaderPos.maxTimestamp);
  if (
    !Number.isSafeInteger(baseOffset) ||
    !Number.isSafeInteger(baseTimestamp) ||
    !Number.isSafeInteger(maxTimestamp)
  ) {
    throw corrupt('baseOffset or a timestamp is beyond 2^53');
  }
  return {
    ctx: {
      baseOffset,
      baseTimestamp,
      maxTimestamp,
      logAppendTime: (attributes & BatchAttributes.timestampTypeLogAppend) !== 0,
    },
    codec: codec as CompressionType,
    count,
    body: batch.subarray(RECORD_BATCH_HEADER_BYTES, size),
  };
}

function collect(records: Buffer, b: BatchBody): Record[] {
  const out: Record[] = [];
  walkRecords(records, 0, records.length, b.count, b.ctx, (r) => out.push(r), null);
  return out;
}

/** Decodes all records of a batch; decompresses gzip/snappy/lz4. Throws for zstd (use the async variant). */
export function decodeRecords(batch: Buffer): Record[] {
  const b = openBatch(batch);
  return collect(decompressSync(b.codec, b.body), b);
}

export async function decodeRecordsAsync(batch: Buffer): Promise<Record[]> {
  const b = openBatch(batch);
  return collect(await decompress(b.codec, b.body), b);
}

/**
 * Calls fn for each record without building an array: the tight-loop path. The Record object
 * handed to fn is **reused** for every record (only its fields change), so keep fields, not the
 * object. For uncompressed batches nothing is allocated beyond the key/value views.
 */
export function forEachRecord(batch: Buffer, fn: (r: Record) => void): void {
  const b = openBatch(batch);
  const records = decompressSync(b.codec, b.body);
  const reuse: Record = { offset: 0, timestamp: 0, key: null, value: null, headers: [] };
  walkRecords(records, 0, records.length, b.count, b.ctx, fn, reuse);
}

/** forEachRecord for any codec, zstd included. */
export async function forEachRecordAsync(batch: Buffer, fn: (r: Record) => void): Promise<void> {
  const b = openBatch(batch);
  const records = await decompress(b.codec, b.body);
  const reuse: Record = { offset: 0, timestamp: 0, key: null, value: null, headers: [] };
  walkRecords(records, 0, records.length, b.count, b.ctx, fn, reuse);
}

/**
 * validateBatch plus, for compressed batches, decompression and a check that the records parse
 * exactly to the end of the decompressed body, recordsCount of them (what Kafka's broker does on
 * produce). Uncompressed batches cost the same as validateBatch. Not for zstd: use the async one.
 */
export function validateBatchDeep(buf: Buffer, pos = 0): RecordBatchHeader {
  const h = validateBatch(buf, pos);
  const codec = (h.attributes & BatchAttributes.compressionMask) as CompressionType;
  if (codec === Compression.none) return h;
  const start = pos + RECORD_BATCH_HEADER_BYTES;
  const records = decompressSync(codec, buf.subarray(start, pos + RECORD_BATCH_LOG_OVERHEAD + h.batchLength));
  checkRecords(records, 0, records.length, h.recordsCount);
  return h;
}

export async function validateBatchDeepAsync(buf: Buffer, pos = 0): Promise<RecordBatchHeader> {
  const h = validateBatch(buf, pos);
  const codec = (h.attributes & BatchAttributes.compressionMask) as CompressionType;
  if (codec === Compression.none) return h;
  const start = pos + RECORD_BATCH_HEADER_BYTES;
  const records = await decompress(
    codec,
    buf.subarray(start, pos + RECORD_BATCH_LOG_OVERHEAD + h.batchLength),
  );
  checkRecords(records, 0, records.length, h.recordsCount);
  return h;
}

/**
 * What Kafka's broker (LogValidator) checks in the records of a compressed batch on produce, after
 * validateBatch checked its header and CRC: the body decompresses (CORRUPT_MESSAGE otherwise), holds
 * exactly recordsCount well-formed records (INVALID_RECORD), whose offset deltas run 0, 1, 2, ...
 * ("inner records offset should always be continuous", INVALID_RECORD); with requireKeys (compacted
 * topics) every record has a key (INVALID_RECORD). Not for zstd (no synchronous codec): the caller
 * decompresses with the async codec first.
 */
export function checkCompressedRecords(
  buf: Buffer,
  pos: number,
  header: RecordBatchHeader,
  requireKeys: boolean,
): void {
  const codec = (header.attributes & BatchAttributes.compressionMask) as CompressionType;
  const start = pos + RECORD_BATCH_HEADER_BYTES;
  const records = decompressSync(
    codec,
    buf.subarray(start, pos + RECORD_BATCH_LOG_OVERHEAD + header.batchLength),
  );
  checkDecompressedRecords(records, header, requireKeys);
}

/** checkCompressedRecords for records already decompressed (the async path for zstd). */
export function checkDecompressedRecords(
  records: Buffer,
  header: RecordBatchHeader,
  requireKeys: boolean,
): void {
  checkRecords(records, 0, records.length, header.recordsCount);
  const ctx: RecordContext = { baseOffset: 0, baseTimestamp: 0, logAppendTime: false, maxTimestamp: 0 };
  let expected = 0;
  scanRecordsIn(
    records,
    0,
    records.length,
    header.recordsCount,
    ctx,
    (_data, offsetDelta, _ts, _keyStart, keyLength) => {
      if (offsetDelta !== expected) {
        throw new KafkaError(
          ErrorCode.INVALID_RECORD,
          `compressed batch: record ${expected} has offset delta ${offsetDelta} (inner offsets must run 0, 1, 2, ...)`,
        );
      }
      if (requireKeys && keyLength < 0) {
        throw new KafkaError(
          ErrorCode.INVALID_RECORD,
          `compacted topic: record at offset delta ${offsetDelta} has no key`,
        );
      }
      expected++;
    },
  );
}

/**
 * The broker's tight loop: visits each record as positions into the (decompressed) records
 * buffer, allocating nothing per record — no views, no objects. keyLength/valueLength -1 = null.
 * `data[keyStart, keyStart + keyLength)` is the key. Not for zstd (decompress first, or use
 * forEachRecordAsync).
 */
export function scanRecords(batch: Buffer, visit: RecordVisitor): void {
  const b = openBatch(batch);
  const records = decompressSync(b.codec, b.body);
  scanRecordsIn(records, 0, records.length, b.count, b.ctx, visit);
}
