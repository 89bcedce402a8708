// Test helpers for the partition tests: small batches and a reader of every record in a log.
import type { PartitionLog } from '../../../core/log/index.ts';
import {
  batchPositions,
  decodeRecords,
  encodeRecordBatch,
  readBatchHeader,
} from '../../../core/records/index.ts';

/** A batch of `count` records with values `<tag><i>`. */
export function batch(tag: string, count = 1): Buffer {
  const records = [];
  for (let i = 0; i < count; i++)
    records.push({ key: `k${i}`, value: `${tag}${i}`, timestamp: 1_700_000_000_000 + i });
  return encodeRecordBatch(records);
}

export interface LoggedRecord {
  offset: number;
  epoch: number;
  value: string;
}

/** Every record from the log start up to `until` (default the log end), with its batch's leader epoch. */
export function logRecords(log: PartitionLog, until = log.logEndOffset): LoggedRecord[] {
  const out: LoggedRecord[] = [];
  let offset = log.logStartOffset;
  while (offset < until) {
    const r = log.read(offset, 1 << 20, { maxOffset: until });
    if (r.nextOffset <= offset) break;
    for (const [pos, size] of batchPositions(r.bytes)) {
      const epoch = readBatchHeader(r.bytes, pos).partitionLeaderEpoch;
      for (const rec of decodeRecords(r.bytes.subarray(pos, pos + size))) {
        if (rec.offset >= offset && rec.offset < until)
          out.push({ offset: rec.offset, epoch, value: rec.value!.toString() });
      }
    }
    offset = r.nextOffset;
  }
  return out;
}

/** The record values of whole batches in `bytes`. */
export function values(bytes: Buffer): string[] {
  const out: string[] = [];
  for (const [pos, size] of batchPositions(bytes)) {
    for (const rec of decodeRecords(bytes.subarray(pos, pos + size))) out.push(rec.value!.toString());
  }
  return out;
}
