import { FileSystemError, joinPath, type FileHandle, type FileSystem } from '../io/index.ts';
import {
  NO_TIMESTAMP,
  RECORD_BATCH_HEADER_BYTES,
  RECORD_BATCH_MAGIC,
  batchSizeAt,
  computeBatchCrc,
  lastOffsetAt,
  maxTimestampAt,
  readBatchHeader,
} from '../records/index.ts';
import { readAt, scanBatches } from './batch-scanner.ts';
import {
  deletedFileSuffix,
  indexFileSuffix,
  logFileSuffix,
  offsetFileStem,
  timeIndexFileSuffix,
} from './file-names.ts';
import { CorruptIndexError, OffsetIndex } from './offset-index.ts';
import { TimeIndex } from './time-index.ts';

/** The per-segment settings that come from the log config. */
export interface SegmentOptions {
  indexIntervalBytes: number;
  segmentIndexBytes: number;
}

/** A batch inside a buffer about to be appended: where it sits in the buffer and what it covers. */
export interface AppendedBatch {
  pos: number;
  size: number;
  baseOffset: number;
  lastOffset: number;
  maxTimestamp: number;
}

/** Whole batches read from one segment. */
export interface SegmentRead {
  bytes: Buffer;
  /** Base offset of the first batch returned (may be below the offset asked for). */
  firstOffset: number;
  /** The offset after the last batch returned. */
  nextOffset: number;
}

/** What a segment's recovery found: the batches kept and whether a bad tail was cut off. */
export interface SegmentRecovery {
  validBytes: number;
  truncatedBytes: number;
  /** Offset after the last valid batch, or undefined when the segment is empty. */
  nextOffset: number | undefined;
}

/** A batch seen during recovery, for rebuilding the leader-epoch cache. */
export interface RecoveredBatch {
  baseOffset: number;
  lastOffset: number;
  partitionLeaderEpoch: number;
}

/** State before an append, so a failed write can be rolled back completely. */
interface AppendSnapshot {
  size: number;
  offsetEntries: number;
  timeEntries: number;
  maxTimestampSoFar: number;
  offsetOfMaxTimestampSoFar: number;
  bytesSinceLastIndexEntry: number;
  nextOffset: number | undefined;
}

/** Relative offsets are int32 in the index files. */
const relativeOffsetMax = 2 ** 31 - 1;

/**
 * One segment: `<base>.log` with its `.index` and `.timeindex`. The log file handle stays open for the
 * segment's life so a read is one positional read (plus at most one more for an oversize first batch),
 * with no open, stat or listing. Indexes of segments loaded from disk are read lazily on first use.
 */
export class LogSegment {
  readonly baseOffset: number;
  readonly dir: string;
  readonly offsetIndex: OffsetIndex;
  readonly timeIndex: TimeIndex;
  /** When the segment was created or loaded (Clock ms), for `segment.ms`. */
  readonly createdMs: number;
  private readonly fs: FileSystem;
  private readonly options: SegmentOptions;
  private log: FileHandle;
  private sizeBytes: number;
  private indexesLoaded: boolean;
  private maxTimestampSoFar = NO_TIMESTAMP;
  private offsetOfMaxTimestampSoFar: number;
  private bytesSinceLastIndexEntry = 0;
  /** The offset after the last batch, once known (always for the active segment). */
  private knownNextOffset: number | undefined;
  /** maxTimestamp of the first batch (Kafka's rollingBasedTimestamp), read from the file once; undefined = not known yet. */
  private firstBatchMaxTimestamp: number | undefined;

  private constructor(
    fs: FileSystem,
    dir: string,
    baseOffset: number,
    options: SegmentOptions,
    log: FileHandle,
    createdMs: number,
    indexesLoaded: boolean,
  ) {
    this.fs = fs;
    this.dir = dir;
    this.baseOffset = baseOffset;
    this.options = options;
    this.log = log;
    this.sizeBytes = log.size();
    this.createdMs = createdMs;
    this.indexesLoaded = indexesLoaded;
    this.offsetOfMaxTimestampSoFar = baseOffset;
    const stem = joinPath(dir, offsetFileStem(baseOffset));
    this.offsetIndex = new OffsetIndex(fs, stem + indexFileSuffix, baseOffset, options.segmentIndexBytes);
    this.timeIndex = new TimeIndex(fs, stem + timeIndexFileSuffix, baseOffset, options.segmentIndexBytes);
  }

  static logPath(dir: string, baseOffset: number): string {
    return joinPath(dir, offsetFileStem(baseOffset) + logFileSuffix);
  }

  /** Creates a new, empty segment (replacing stale files of the same name). */
  static create(
    fs: FileSystem,
    dir: string,
    baseOffset: number,
    options: SegmentOptions,
    nowMs: number,
  ): LogSegment {
    const log = fs.open(LogSegment.logPath(dir, baseOffset), 'truncate');
    const segment = new LogSegment(fs, dir, baseOffset, options, log, nowMs, true);
    segment.offsetIndex.createEmpty();
    segment.timeIndex.createEmpty();
    segment.knownNextOffset = baseOffset;
    return segment;
  }

  /** Opens an existing segment; its indexes load on first use. */
  static open(
    fs: FileSystem,
    dir: string,
    baseOffset: number,
    options: SegmentOptions,
    nowMs: number,
  ): LogSegment {
    const log = fs.open(LogSegment.logPath(dir, baseOffset), 'rw');
    return new LogSegment(fs, dir, baseOffset, options, log, nowMs, false);
  }

  get size(): number {
    return this.sizeBytes;
  }

  get logPath(): string {
    return LogSegment.logPath(this.dir, this.baseOffset);
  }

  /** The offset after the last batch, if known without reading (undefined for a lazily loaded segment). */
  get nextOffset(): number | undefined {
    return this.knownNextOffset;
  }

  /**
   * The maxTimestamp of the segment's first batch, NO_TIMESTAMP when the segment is empty: what
   * Kafka measures `segment.ms` from (LogSegment.rollingBasedTimestamp), so time-based rolling
   * survives restarts. One header read the first time for a segment loaded from disk.
   */
  firstBatchTimestamp(): number {
    if (this.sizeBytes === 0) return NO_TIMESTAMP;
    if (this.firstBatchMaxTimestamp === undefined) {
      const header = readAt(this.log, 0, RECORD_BATCH_HEADER_BYTES);
      this.firstBatchMaxTimestamp =
        header.length === RECORD_BATCH_HEADER_BYTES ? maxTimestampAt(header, 0) : NO_TIMESTAMP;
    }
    return this.firstBatchMaxTimestamp;
  }

  /** The newest timestamp in the segment (NO_TIMESTAMP when it holds none). */
  largestTimestamp(): number {
    this.loadIndexes();
    return this.maxTimestampSoFar;
  }

  /** True when `offset` can be stored relative to this segment's base offset. */
  canHoldOffset(offset: number): boolean {
    return offset - this.baseOffset <= relativeOffsetMax && offset >= this.baseOffset;
  }

  /** Room for `batches` more index entries, so a multi-batch append keeps its sparse entries. */
  indexHasRoom(batches: number): boolean {
    this.loadIndexes();
    return (
      this.offsetIndex.entries + batches <= this.offsetIndex.maxEntries &&
      this.timeIndex.entries + batches <= this.timeIndex.maxEntries
    );
  }

  /**
   * Loads the indexes from their files; a missing or malformed index is rebuilt from the log (Kafka's
   * behaviour: indexes carry no checksum and are derived data).
   */
  loadIndexes(): void {
    if (this.indexesLoaded) return;
    this.indexesLoaded = true;
    try {
      this.offsetIndex.load(this.sizeBytes);
      this.timeIndex.load();
      const last = this.timeIndex.lastEntry();
      if (last !== undefined) {
        this.maxTimestampSoFar = last.timestamp;
        this.offsetOfMaxTimestampSoFar = last.offset;
      }
      this.bytesSinceLastIndexEntry = 0;
    } catch (err) {
      if (!(err instanceof CorruptIndexError) && !(err instanceof FileSystemError && err.code === 'ENOENT')) {
        throw err;
      }
      this.rebuildIndexes(false);
      // Rebuilt for a segment that may be inactive: make the new files durable and let them go.
      this.offsetIndex.sync();
      this.timeIndex.sync();
      this.offsetIndex.close();
      this.timeIndex.close();
    }
  }

  /**
   * Checks the tail after the last index entry (the only part a clean shutdown does not vouch for) and
   * learns the next offset. Returns false when the tail does not parse, so the caller runs recovery.
   */
  checkTail(): boolean {
    this.loadIndexes();
    const start = this.offsetIndex.lastPosition();
    let next = this.offsetIndex.entries === 0 ? this.baseOffset : undefined;
    let end = start;
    for (const b of scanBatches(this.log, start, this.sizeBytes)) {
      if (!isBatchIntact(b.buf, b.pos, b.size)) return false;
      const header = readBatchHeader(b.buf, b.pos);
      next = header.baseOffset + header.lastOffsetDelta + 1;
      this.noteTimestamp(header.maxTimestamp, next - 1);
      end = b.filePosition + b.size;
    }
    if (end !== this.sizeBytes || next === undefined) return false;
    this.knownNextOffset = next;
    this.bytesSinceLastIndexEntry = this.sizeBytes - start;
    return true;
  }

  /**
   * Re-reads every batch, checking size, magic, CRC and that offsets increase from `minOffset`;
   * cuts the file at the first bad or torn batch and rebuilds both indexes.
   */
  recover(minOffset: number, onBatch?: (batch: RecoveredBatch) => void): SegmentRecovery {
    return this.rebuildIndexes(true, minOffset, onBatch);
  }

  private rebuildIndexes(
    truncateInvalid: boolean,
    minOffset = this.baseOffset,
    onBatch?: (batch: RecoveredBatch) => void,
  ): SegmentRecovery {
    this.indexesLoaded = true;
    this.offsetIndex.createEmpty();
    this.timeIndex.createEmpty();
    this.maxTimestampSoFar = NO_TIMESTAMP;
    this.offsetOfMaxTimestampSoFar = this.baseOffset;
    this.bytesSinceLastIndexEntry = 0;
    let expected = Math.max(minOffset, this.baseOffset);
    let validBytes = 0;
    let next: number | undefined;
    for (const b of scanBatches(this.log, 0, this.sizeBytes)) {
      if (truncateInvalid && !isBatchIntact(b.buf, b.pos, b.size)) break;
      const header = readBatchHeader(b.buf, b.pos);
      const lastOffset = header.baseOffset + header.lastOffsetDelta;
      if (truncateInvalid && (header.baseOffset < expected || !this.canHoldOffset(lastOffset))) break;
      this.indexBatch(header.baseOffset, lastOffset, header.maxTimestamp, b.filePosition, b.size);
      onBatch?.({
        baseOffset: header.baseOffset,
        lastOffset,
        partitionLeaderEpoch: header.partitionLeaderEpoch,
      });
      expected = lastOffset + 1;
      next = lastOffset + 1;
      validBytes = b.filePosition + b.size;
    }
    const truncatedBytes = this.sizeBytes - validBytes;
    if (truncateInvalid && truncatedBytes > 0) {
      this.log.truncate(validBytes);
      this.log.sync();
      this.sizeBytes = validBytes;
      this.firstBatchMaxTimestamp = undefined;
    }
    this.knownNextOffset = next ?? (validBytes === 0 ? this.baseOffset : undefined);
    return { validBytes, truncatedBytes, nextOffset: next };
  }

  /** Kafka's sparse indexing rule, applied per batch (NOTES 3.2). */
  private indexBatch(
    baseOffset: number,
    lastOffset: number,
    maxTimestamp: number,
    position: number,
    size: number,
  ): void {
    this.noteTimestamp(maxTimestamp, lastOffset);
    if (
      this.bytesSinceLastIndexEntry > this.options.indexIntervalBytes &&
      !this.offsetIndex.isFull() &&
      !this.timeIndex.isFull()
    ) {
      this.offsetIndex.append(lastOffset, position, baseOffset);
      this.timeIndex.maybeAppend(this.maxTimestampSoFar, this.offsetOfMaxTimestampSoFar);
      this.bytesSinceLastIndexEntry = 0;
    }
    this.bytesSinceLastIndexEntry += size;
  }

  private noteTimestamp(timestamp: number, offset: number): void {
    if (timestamp > this.maxTimestampSoFar) {
      this.maxTimestampSoFar = timestamp;
      this.offsetOfMaxTimestampSoFar = offset;
    }
  }

  /**
   * Appends already-assigned batches with one write, then indexes them. On any failure everything is
   * rolled back to the state before the call (file sizes and index entries) before rethrowing; if the
   * rollback fails too, the error is a RollbackFailedError and the segment must be taken offline.
   */
  append(data: Buffer, batches: readonly AppendedBatch[]): void {
    this.loadIndexes();
    const snapshot = this.snapshot();
    try {
      this.log.append(data);
      if (snapshot.size === 0) this.firstBatchMaxTimestamp = batches[0]!.maxTimestamp;
      this.sizeBytes += data.length;
      for (const b of batches)
        this.indexBatch(b.baseOffset, b.lastOffset, b.maxTimestamp, snapshot.size + b.pos, b.size);
      this.knownNextOffset = batches[batches.length - 1]!.lastOffset + 1;
    } catch (err) {
      this.rollback(snapshot, err);
      throw err;
    }
  }

  private snapshot(): AppendSnapshot {
    return {
      size: this.sizeBytes,
      offsetEntries: this.offsetIndex.entries,
      timeEntries: this.timeIndex.entries,
      maxTimestampSoFar: this.maxTimestampSoFar,
      offsetOfMaxTimestampSoFar: this.offsetOfMaxTimestampSoFar,
      bytesSinceLastIndexEntry: this.bytesSinceLastIndexEntry,
      nextOffset: this.knownNextOffset,
    };
  }

  private rollback(s: AppendSnapshot, cause: unknown): void {
    try {
      this.log.truncate(s.size);
      // Durable at once: a crash must not bring back a write that was reported as failed.
      if (s.size !== this.sizeBytes) this.log.sync();
      this.offsetIndex.truncateToEntries(s.offsetEntries);
      this.timeIndex.truncateToEntries(s.timeEntries);
    } catch (rollbackErr) {
      throw new RollbackFailedError(this.logPath, cause, rollbackErr);
    }
    this.sizeBytes = s.size;
    if (s.size === 0) this.firstBatchMaxTimestamp = undefined;
    this.maxTimestampSoFar = s.maxTimestampSoFar;
    this.offsetOfMaxTimestampSoFar = s.offsetOfMaxTimestampSoFar;
    this.bytesSinceLastIndexEntry = s.bytesSinceLastIndexEntry;
    this.knownNextOffset = s.nextOffset;
  }

  /**
   * Whole batches from the one holding `offset`: the first batch always (even past `maxBytes`), then
   * more while they fit in `maxBytes` and end below `maxOffset`. Usually one positional read: the
   * window from the index entry covers the index interval plus `maxBytes`. Returns undefined when no
   * batch in this segment reaches `offset` (the caller moves to the next segment).
   */
  read(offset: number, maxBytes: number, maxOffset: number): SegmentRead | undefined {
    this.loadIndexes();
    const start = this.offsetIndex.lookup(offset);
    const windowBytes = Math.min(
      this.sizeBytes - start,
      this.options.indexIntervalBytes + Math.max(maxBytes, 0) + RECORD_BATCH_HEADER_BYTES,
    );
    let window = readAt(this.log, start, windowBytes);
    let windowStart = start;
    // Find the batch that holds `offset` inside the window.
    let rel = 0;
    let found = false;
    while (rel + RECORD_BATCH_HEADER_BYTES <= window.length) {
      const size = batchSizeAt(window, rel);
      if (size < RECORD_BATCH_HEADER_BYTES) return undefined;
      if (lastOffsetAt(window, rel) >= offset) {
        found = true;
        break;
      }
      rel += size;
    }
    if (!found) {
      // Rare: batches bigger than the window between the index entry and the target. Walk headers.
      const located = this.locate(offset, windowStart + rel);
      if (located === undefined) return undefined;
      window = located.buf.subarray(located.pos);
      windowStart = located.filePosition;
      rel = 0;
    }
    const firstSize = batchSizeAt(window, rel);
    if (lastOffsetAt(window, rel) >= maxOffset)
      return { bytes: window.subarray(0, 0), firstOffset: offset, nextOffset: offset };
    const firstPosition = windowStart + rel;
    const wanted = Math.max(firstSize, Math.min(maxBytes, this.sizeBytes - firstPosition));
    if (rel + wanted > window.length) {
      window = readAt(this.log, firstPosition, wanted);
      rel = 0;
    }
    return cutBatches(window, rel, maxBytes, maxOffset);
  }

  /** Walks batch headers from `position` to the batch holding `offset` (with its bytes). */
  private locate(
    offset: number,
    position: number,
  ): { buf: Buffer; pos: number; filePosition: number } | undefined {
    for (const b of scanBatches(this.log, position, this.sizeBytes)) {
      if (lastOffsetAt(b.buf, b.pos) >= offset)
        return { buf: b.buf, pos: b.pos, filePosition: b.filePosition };
    }
    return undefined;
  }

  /**
   * Calls `fn` for each batch from the one holding `fromOffset` to the end, with its bytes; stops when
   * `fn` returns false. For time lookups, the cleaner and tests; not on the fetch path.
   */
  forEachBatch(
    fromOffset: number,
    fn: (buf: Buffer, pos: number, size: number, filePosition: number) => boolean,
  ): void {
    this.loadIndexes();
    for (const b of scanBatches(this.log, this.offsetIndex.lookup(fromOffset), this.sizeBytes)) {
      if (lastOffsetAt(b.buf, b.pos) < fromOffset) continue;
      if (!fn(b.buf, b.pos, b.size, b.filePosition)) return;
    }
  }

  /** Offset the time index says to start from when looking for the first timestamp >= `timestamp`. */
  timeLookupStartOffset(timestamp: number): number {
    this.loadIndexes();
    return this.timeIndex.lookupStartOffset(timestamp);
  }

  /**
   * Cuts the segment before the batch holding `offset` (a batch is never split). Returns the new
   * next offset. Synced at once: a truncation must not be undone by a crash.
   */
  truncateTo(offset: number): number {
    this.loadIndexes();
    let cutPosition = this.sizeBytes;
    let next = this.knownNextOffset;
    for (const b of scanBatches(this.log, this.offsetIndex.lookup(offset), this.sizeBytes)) {
      if (lastOffsetAt(b.buf, b.pos) >= offset) {
        cutPosition = b.filePosition;
        next = readBatchHeader(b.buf, b.pos).baseOffset;
        break;
      }
    }
    if (cutPosition === this.sizeBytes) return next ?? offset;
    this.log.truncate(cutPosition);
    this.log.sync();
    this.sizeBytes = cutPosition;
    if (cutPosition === 0) this.firstBatchMaxTimestamp = undefined;
    this.offsetIndex.truncateToPosition(cutPosition);
    this.timeIndex.truncateToOffset(next ?? offset);
    this.offsetIndex.sync();
    this.timeIndex.sync();
    const last = this.timeIndex.lastEntry();
    this.maxTimestampSoFar = last?.timestamp ?? NO_TIMESTAMP;
    this.offsetOfMaxTimestampSoFar = last?.offset ?? this.baseOffset;
    this.bytesSinceLastIndexEntry = cutPosition - this.offsetIndex.lastPosition();
    this.knownNextOffset = cutPosition === 0 ? this.baseOffset : next;
    return this.knownNextOffset ?? offset;
  }

  /** Makes the log and both indexes durable. */
  flush(): void {
    this.log.sync();
    this.offsetIndex.sync();
    this.timeIndex.sync();
  }

  /**
   * The segment stops being active: record its largest timestamp in the time index (so retention knows
   * it after a restart without reading the log), flush, and release the index files.
   */
  onBecomeInactive(): void {
    this.loadIndexes();
    const last = this.timeIndex.lastEntry();
    if (
      this.maxTimestampSoFar !== NO_TIMESTAMP &&
      (last === undefined || this.maxTimestampSoFar > last.timestamp) &&
      !this.timeIndex.isFull()
    ) {
      this.timeIndex.maybeAppend(this.maxTimestampSoFar, this.offsetOfMaxTimestampSoFar);
    }
    this.flush();
    this.offsetIndex.close();
    this.timeIndex.close();
  }

  /** Prepares the active segment for appends after a load (index files open for writing). */
  openIndexesForWrite(): void {
    this.loadIndexes();
    this.offsetIndex.openForWrite();
    this.timeIndex.openForWrite();
  }

  close(): void {
    this.offsetIndex.close();
    this.timeIndex.close();
    this.log.close();
  }

  /** Closes the files, renames them `.deleted` (as Kafka, so a crash leaves a recognisable name), removes them. */
  delete(): void {
    try {
      this.close();
    } catch {
      // A handle that is already gone (lost in a crash) needs no closing; the files still go.
    }
    for (const path of [this.logPath, this.offsetIndex.path, this.timeIndex.path]) {
      if (!this.fs.exists(path)) continue;
      this.fs.rename(path, path + deletedFileSuffix);
      this.fs.unlink(path + deletedFileSuffix);
    }
  }
}

/** Size, magic and CRC-32C of one batch: the checks recovery runs on every batch (Kafka's ensureValid). */
export function isBatchIntact(buf: Buffer, pos: number, size: number): boolean {
  if (size < RECORD_BATCH_HEADER_BYTES || pos + size > buf.length) return false;
  if (buf.readInt8(pos + 16) !== RECORD_BATCH_MAGIC) return false;
  const header = readBatchHeader(buf, pos);
  if (header.lastOffsetDelta < 0 || !Number.isSafeInteger(header.baseOffset) || header.baseOffset < 0)
    return false;
  return computeBatchCrc(buf, pos) === header.crc;
}

/** Takes whole batches from `buf` at `pos` under the byte and offset limits (the first one always). */
function cutBatches(buf: Buffer, pos: number, maxBytes: number, maxOffset: number): SegmentRead {
  const firstOffset = readBatchHeader(buf, pos).baseOffset;
  let end = pos;
  let next = firstOffset;
  while (end + RECORD_BATCH_HEADER_BYTES <= buf.length) {
    const size = batchSizeAt(buf, end);
    const last = lastOffsetAt(buf, end);
    if (size < RECORD_BATCH_HEADER_BYTES || end + size > buf.length || last >= maxOffset) break;
    if (end > pos && end + size - pos > maxBytes) break;
    end += size;
    next = last + 1;
  }
  return { bytes: buf.subarray(pos, end), firstOffset, nextOffset: next };
}

/** An append failed and undoing it failed too: the files no longer match memory; the log must go offline. */
export class RollbackFailedError extends Error {
  readonly path: string;
  constructor(path: string, cause: unknown, rollbackError: unknown) {
    super(
      `append to ${path} failed (${String(cause)}) and could not be rolled back (${String(rollbackError)})`,
      {
        cause: rollbackError,
      },
    );
    this.name = 'RollbackFailedError';
    this.path = path;
  }
}
