/** Size of the RecordBatch v2 header (baseOffset through recordsCount); records start here. */
export const RECORD_BATCH_HEADER_BYTES = 61;
/** baseOffset(8) + batchLength(4): the bytes in front of what batchLength counts. */
export const RECORD_BATCH_LOG_OVERHEAD = 12;
/** The only record format we speak (Kafka >= 0.11). */
export const RECORD_BATCH_MAGIC = 2;

/** Codec ids as stored in attribute bits 0-2. */
export const Compression = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 } as const;
export type CompressionType = (typeof Compression)[keyof typeof Compression];

/** Bits of the int16 batch attributes (NOTES 2.2). */
export const BatchAttributes = {
  compressionMask: 0x07,
  timestampTypeLogAppend: 0x08,
  transactional: 0x10,
  control: 0x20,
  deleteHorizon: 0x40,
} as const;

/** Kafka's NO_TIMESTAMP / NO_PRODUCER_ID / NO_PRODUCER_EPOCH / NO_SEQUENCE. */
export const NO_TIMESTAMP = -1;
export const NO_PRODUCER_ID = -1;
export const NO_PRODUCER_EPOCH = -1;
export const NO_SEQUENCE = -1;

/** Field positions inside the batch header, relative to the batch start. */
export const HeaderPos = {
  baseOffset: 0,
  batchLength: 8,
  partitionLeaderEpoch: 12,
  magic: 16,
  crc: 17,
  attributes: 21,
  lastOffsetDelta: 23,
  baseTimestamp: 27,
  maxTimestamp: 35,
  producerId: 43,
  producerEpoch: 51,
  baseSequence: 53,
  recordsCount: 57,
} as const;

/** CRC-32C covers attributes through the last byte of the batch. */
export const CRC_START_POS = 21;

/**
 * A decompressed batch larger than this is refused: a corrupt or hostile size field must not make
 * us allocate gigabytes. Kafka's own limit is message.max.bytes (1 MiB default) on the compressed
 * form; 256 MiB of decompressed records is far beyond any real batch.
 */
export const decompressedBytesMax = 256 * 1024 * 1024;
