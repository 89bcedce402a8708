import { crc32c } from '@node-rs/crc32';
import { ErrorCode, KafkaError } from '../errors/index.ts';
import { joinPath, writeFileAtomic, type FileSystem } from '../io/index.ts';
import { readInt64, writeInt64 } from '../records/index.ts';
import { offsetFileStem, parseOffsetStem } from './file-names.ts';

/*
 * `<20-digit offset>.snapshot` files: the idempotent-producer state of one partition as it stood
 * after every batch below that offset was applied (NOTES 3.1). The layout is our own, not Kafka's:
 * Kafka's v1 snapshot keeps only each producer's last batch, which is not enough to answer a
 * retried duplicate of any of the last 5 batches after a restart, so we keep all cached batches.
 *
 *   version int16 | crc uint32 (CRC-32C over everything after it) | producerCount int32 |
 *   per producer: producerId int64, epoch int16, lastSequence int32, lastOffset int64,
 *                 lastTimestamp int64, batchCount int8,
 *                 per batch: firstSeq int32, lastSeq int32, firstOffset int64, lastOffset int64,
 *                            maxTimestamp int64
 */

export const producerSnapshotFileSuffix = '.snapshot';
/** Bumped when the layout changes; a file with another version is treated as corrupt. */
export const producerSnapshotVersion = 1;

const headerBytes = 2 + 4;
const crcPos = 2;
const producerFixedBytes = 8 + 2 + 4 + 8 + 8 + 1;
const batchBytes = 4 + 4 + 8 + 8 + 8;
/** A snapshot cannot hold more batches per producer than the state keeps (Kafka's 5). */
export const producerBatchesRetainedMax = 5;

/** One cached batch of a producer: enough to answer a retried duplicate with its original offsets. */
export interface ProducerBatchMetadata {
  firstSeq: number;
  lastSeq: number;
  firstOffset: number;
  lastOffset: number;
  maxTimestamp: number;
}

/** A producer's state as written to a snapshot. `batches` is oldest first. */
export interface ProducerSnapshotEntry {
  producerId: number;
  epoch: number;
  lastSequence: number;
  lastOffset: number;
  /** Time of the producer's last write (the expiry clock runs from here). */
  lastTimestamp: number;
  batches: ProducerBatchMetadata[];
}

function corrupt(path: string, reason: string): KafkaError {
  return new KafkaError(ErrorCode.CORRUPT_MESSAGE, `corrupt producer snapshot ${path}: ${reason}`);
}

/** Encodes producer entries into snapshot bytes (version, CRC-32C, body). */
export function encodeProducerSnapshot(entries: readonly ProducerSnapshotEntry[]): Buffer {
  let size = headerBytes + 4;
  for (const e of entries) {
    if (e.batches.length > producerBatchesRetainedMax) {
      throw new KafkaError(
        ErrorCode.UNKNOWN_SERVER_ERROR,
        `producer ${e.producerId} has ${e.batches.length} cached batches, at most ${producerBatchesRetainedMax}`,
      );
    }
    size += producerFixedBytes + e.batches.length * batchBytes;
  }
  const buf = Buffer.alloc(size);
  buf.writeInt16BE(producerSnapshotVersion, 0);
  let pos = headerBytes;
  buf.writeInt32BE(entries.length, pos);
  pos += 4;
  for (const e of entries) {
    writeInt64(buf, pos, e.producerId);
    buf.writeInt16BE(e.epoch, pos + 8);
    buf.writeInt32BE(e.lastSequence, pos + 10);
    writeInt64(buf, pos + 14, e.lastOffset);
    writeInt64(buf, pos + 22, e.lastTimestamp);
    buf.writeInt8(e.batches.length, pos + 30);
    pos += producerFixedBytes;
    for (const b of e.batches) {
      buf.writeInt32BE(b.firstSeq, pos);
      buf.writeInt32BE(b.lastSeq, pos + 4);
      writeInt64(buf, pos + 8, b.firstOffset);
      writeInt64(buf, pos + 16, b.lastOffset);
      writeInt64(buf, pos + 24, b.maxTimestamp);
      pos += batchBytes;
    }
  }
  buf.writeUInt32BE(crc32c(buf.subarray(headerBytes)), crcPos);
  return buf;
}

function safeInt64(buf: Buffer, pos: number, path: string, what: string): number {
  const n = readInt64(buf, pos);
  if (!Number.isSafeInteger(n)) throw corrupt(path, `${what} ${n} is not a safe integer`);
  return n;
}

/** Decodes snapshot bytes; throws CORRUPT_MESSAGE on a bad version, CRC or layout. */
export function decodeProducerSnapshot(buf: Buffer, path = '<buffer>'): ProducerSnapshotEntry[] {
  if (buf.length < headerBytes + 4) throw corrupt(path, `only ${buf.length} bytes`);
  const version = buf.readInt16BE(0);
  if (version !== producerSnapshotVersion) throw corrupt(path, `unsupported version ${version}`);
  const stored = buf.readUInt32BE(crcPos);
  const computed = crc32c(buf.subarray(headerBytes));
  if (stored !== computed) throw corrupt(path, `crc ${stored} != computed ${computed}`);
  let pos = headerBytes;
  const count = buf.readInt32BE(pos);
  pos += 4;
  if (count < 0 || count * producerFixedBytes > buf.length - pos)
    throw corrupt(path, `producer count ${count}`);
  const entries: ProducerSnapshotEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (pos + producerFixedBytes > buf.length) throw corrupt(path, `producer ${i} runs past the end`);
    const producerId = safeInt64(buf, pos, path, 'producerId');
    const epoch = buf.readInt16BE(pos + 8);
    const lastSequence = buf.readInt32BE(pos + 10);
    const lastOffset = safeInt64(buf, pos + 14, path, 'lastOffset');
    const lastTimestamp = safeInt64(buf, pos + 22, path, 'lastTimestamp');
    const batchCount = buf.readInt8(pos + 30);
    pos += producerFixedBytes;
    if (producerId < 0 || batchCount < 0 || batchCount > producerBatchesRetainedMax) {
      throw corrupt(path, `producer ${producerId} with ${batchCount} batches`);
    }
    if (pos + batchCount * batchBytes > buf.length)
      throw corrupt(path, `batches of ${producerId} run past the end`);
    const batches: ProducerBatchMetadata[] = [];
    for (let j = 0; j < batchCount; j++) {
      batches.push({
        firstSeq: buf.readInt32BE(pos),
        lastSeq: buf.readInt32BE(pos + 4),
        firstOffset: safeInt64(buf, pos + 8, path, 'firstOffset'),
        lastOffset: safeInt64(buf, pos + 16, path, 'lastOffset'),
        maxTimestamp: safeInt64(buf, pos + 24, path, 'maxTimestamp'),
      });
      pos += batchBytes;
    }
    entries.push({ producerId, epoch, lastSequence, lastOffset, lastTimestamp, batches });
  }
  if (pos !== buf.length) throw corrupt(path, `${buf.length - pos} trailing bytes`);
  return entries;
}

/** `<dir>/00000000000000000042.snapshot` for offset 42. */
export function producerSnapshotPath(dir: string, offset: number): string {
  return joinPath(dir, offsetFileStem(offset) + producerSnapshotFileSuffix);
}

/** Offsets of the snapshot files in `dir`, ascending. Temporary `.snapshot.tmp` files are not listed. */
export function listProducerSnapshots(fs: FileSystem, dir: string): number[] {
  const offsets: number[] = [];
  for (const name of fs.list(dir)) {
    if (!name.endsWith(producerSnapshotFileSuffix)) continue;
    const offset = parseOffsetStem(name);
    if (offset !== undefined && name === offsetFileStem(offset) + producerSnapshotFileSuffix)
      offsets.push(offset);
  }
  return offsets.sort((a, b) => a - b);
}

/** Writes a snapshot crash-safely (tmp file, fsync, rename, fsync dir). */
export function writeProducerSnapshot(
  fs: FileSystem,
  dir: string,
  offset: number,
  entries: readonly ProducerSnapshotEntry[],
): string {
  const path = producerSnapshotPath(dir, offset);
  writeFileAtomic(fs, path, encodeProducerSnapshot(entries));
  return path;
}

/** Reads and validates the snapshot at `offset`; throws CORRUPT_MESSAGE when it does not check out. */
export function readProducerSnapshot(fs: FileSystem, dir: string, offset: number): ProducerSnapshotEntry[] {
  const path = producerSnapshotPath(dir, offset);
  return decodeProducerSnapshot(fs.readFile(path), path);
}
