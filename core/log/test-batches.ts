// Test helpers for core/log tests and properties: small record batches built with the records codec.
import { encodeRecordBatch, type EncodeBatchOptions, type RecordInput } from '../records/index.ts';

/** A batch of `count` records `k<i>`/`v<i>` (or the given keys), timestamps from `timestamp`. */
export function makeBatch(
  count: number,
  options: {
    timestamp?: number;
    valueBytes?: number;
    keys?: Array<string | null>;
    tag?: string;
  } & EncodeBatchOptions = {},
): Buffer {
  const { timestamp = 1_700_000_000_000, valueBytes, keys, tag = '', ...encode } = options;
  const records: RecordInput[] = [];
  for (let i = 0; i < count; i++) {
    const value = valueBytes === undefined ? `${tag}v${i}` : Buffer.alloc(valueBytes, 97 + (i % 26));
    records.push({
      key: keys === undefined ? `k${i}` : keys[i % keys.length]!,
      value,
      timestamp: timestamp + i,
    });
  }
  return encodeRecordBatch(records, encode);
}
