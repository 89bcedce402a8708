// Public face of core/records: RecordBatch v2 bytes (Kafka's format), header accessors that work in
// place, validation, encoding, decoding and the compression codecs.
export {
  RECORD_BATCH_HEADER_BYTES,
  RECORD_BATCH_LOG_OVERHEAD,
  RECORD_BATCH_MAGIC,
  Compression,
  type CompressionType,
  BatchAttributes,
  NO_TIMESTAMP,
  NO_PRODUCER_ID,
  NO_PRODUCER_EPOCH,
  NO_SEQUENCE,
  decompressedBytesMax,
} from './constants.ts';
export {
  type RecordBatchHeader,
  readBatchHeader,
  batchSizeAt,
  baseOffsetAt,
  lastOffsetAt,
  maxTimestampAt,
  recordsCountAt,
  attributesAt,
  producerIdAt,
  isControlBatch,
  isTransactionalBatch,
  compressionAt,
  setBaseOffset,
  setPartitionLeaderEpoch,
  setLogAppendTime,
  computeBatchCrc,
  writeBatchCrc,
  validateBatch,
  batchPositions,
  readInt64,
  writeInt64,
} from './batch-header.ts';
export type { Record, RecordHeader, RecordInput } from './record.ts';
export type { RecordVisitor } from './record-reader.ts';
export { varint, VarintReader } from './varint.ts';
export { xxhash32 } from './xxhash32.ts';
export { compress, decompress, compressSync, decompressSync } from './compression.ts';
export { lz4FrameCompress, lz4FrameDecompress, lz4FrameHeader } from './lz4-frame.ts';
export { snappyXerialCompress, snappyDecompress, isXerialFramed } from './snappy-xerial.ts';
export {
  RecordBatchBuilder,
  type EncodeBatchOptions,
  encodeRecordBatch,
  encodeRecordBatchAsync,
  recordSizeUpperBound,
} from './record-batch-builder.ts';
export {
  decodeRecords,
  decodeRecordsAsync,
  forEachRecord,
  forEachRecordAsync,
  scanRecords,
  validateBatchDeep,
  validateBatchDeepAsync,
  checkCompressedRecords,
  checkDecompressedRecords,
} from './decode.ts';
export {
  ControlRecordType,
  type ControlRecordTypeId,
  type EndTxnMarker,
  encodeEndTxnMarker,
  decodeEndTxnMarker,
  controlRecordType,
} from './control-record.ts';
