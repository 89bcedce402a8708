/** One record header: the key is a UTF-8 string (never null), the value a view or null. */
export interface RecordHeader {
  key: string;
  value: Buffer | null;
}

/** A decoded record. key/value are subarray views into the batch (or its decompressed body), never copies. */
export interface Record {
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}

/** What a producer hands the encoder. Strings are written as UTF-8. */
export interface RecordInput {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  /** Defaults to the batch's base timestamp. */
  timestamp?: number;
  headers?: Array<{ key: string; value: Buffer | string | null }>;
}
