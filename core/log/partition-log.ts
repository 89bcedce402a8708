import { ErrorCode, KafkaError } from '../errors/index.ts';
import { FileSystemError, joinPath, type Clock, type FileSystem } from '../io/index.ts';
import {
  BatchAttributes,
  Compression,
  NO_TIMESTAMP,
  batchPositions,
  checkCompressedRecords,
  checkDecompressedRecords,
  decodeRecordsAsync,
  decompress,
  forEachRecord,
  readBatchHeader,
  setBaseOffset,
  setLogAppendTime,
  setPartitionLeaderEpoch,
  validateBatch,
  RECORD_BATCH_HEADER_BYTES,
  RECORD_BATCH_LOG_OVERHEAD,
  type RecordBatchHeader,
} from '../records/index.ts';
import { LeaderEpochCheckpointFile } from './checkpoint-file.ts';
import {
  cleanedFileSuffix,
  deletedFileSuffix,
  indexFileSuffix,
  leaderEpochCheckpointName,
  logFileSuffix,
  parseOffsetStem,
  swapFileSuffix,
  timeIndexFileSuffix,
  tmpFileSuffix,
} from './file-names.ts';
import { LeaderEpochCache, type EpochEndOffset } from './leader-epoch-cache.ts';
import type { LogConfig } from './log-config.ts';
import { LogSegment, RollbackFailedError, isBatchIntact, type AppendedBatch } from './log-segment.ts';
import { ProducerStateManager } from './producer-state.ts';
import { assert, toStorageError } from './storage-error.ts';

/** Who wrote a batch: clients may not write control batches; the replication path keeps offsets as sent. */
export type AppendOrigin = 'client' | 'coordinator';

export interface AppendOptions {
  /** The leader epoch stamped into every batch (partitionLeaderEpoch). */
  leaderEpoch: number;
  /** Default 'client'. */
  origin?: AppendOrigin;
}

export interface AppendResult {
  baseOffset: number;
  lastOffset: number;
  /** The broker time stamped into the batches, for topics with message.timestamp.type=LogAppendTime. */
  logAppendTime?: number;
  /** A retry of an idempotent batch already in the log: nothing was written, the offsets are the original ones. */
  duplicate?: true;
}

export interface ReadOptions {
  /** Never return a batch that reaches this offset (callers pass the high watermark). */
  maxOffset?: number;
}

/** Whole batches, as one Buffer read with one positional read of the range. */
export interface ReadResult {
  bytes: Buffer;
  /** Base offset of the first batch (at or below the offset asked for); equals it when empty. */
  firstOffset: number;
  /** Where the next read continues. */
  nextOffset: number;
}

export interface TimestampAndOffset {
  timestamp: number;
  offset: number;
}

export interface PartitionLogOptions {
  fs: FileSystem;
  clock: Clock;
  /** The partition folder, `<logDir>/<topic>-<partition>`. */
  dir: string;
  topic: string;
  partition: number;
  config: LogConfig;
  /** Offset up to which the log is known flushed (from `recovery-point-offset-checkpoint`); default 0. */
  recoveryPoint?: number;
  /** From `log-start-offset-checkpoint`; default the first segment's base offset. */
  logStartOffset?: number;
  /** From `replication-offset-checkpoint`. */
  highWatermark?: number;
  /** The log dir holds `.kafka_cleanshutdown`: trust the indexes, check only the tail. Default false. */
  hadCleanShutdown?: boolean;
  /**
   * The high watermark follows the log end offset on every append (a single-replica log). Replication
   * sets false and moves it with `updateHighWatermark`. Default true.
   */
  highWatermarkFollowsLogEnd?: boolean;
  /** Kafka's `producer.id.expiration.ms`; default 86400000 (1 day). */
  producerIdExpirationMs?: number;
}

/**
 * Appends whose zstd batches a caller decompressed and checked beforehand (append cannot decompress
 * zstd synchronously, see `checkZstdRecords`): true when every record was also proved keyed, false
 * when only the structure was checked.
 */
const zstdCheckedBuffers = new WeakMap<Buffer, boolean>();

/**
 * Decompresses every zstd batch of a client append and checks its records as append does for the
 * other codecs, as Kafka's LogValidator does (CRC, structure, record count, inner offsets 0, 1, 2, ...;
 * keys too when `requireKeys`), then remembers the buffer so the following `append` of the same
 * Buffer accepts those batches. Throws CORRUPT_MESSAGE for bytes that do not decompress or parse,
 * INVALID_RECORD for records that break the rules. Batches of other codecs are left to append.
 */
export async function checkZstdRecords(batches: Buffer, requireKeys: boolean): Promise<void> {
  for (const [pos] of batchPositions(batches)) {
    if ((batches.readInt16BE(pos + 21) & BatchAttributes.compressionMask) !== Compression.zstd) continue;
    const h = validateBatch(batches, pos);
    const body = batches.subarray(
      pos + RECORD_BATCH_HEADER_BYTES,
      pos + RECORD_BATCH_LOG_OVERHEAD + h.batchLength,
    );
    const control = (h.attributes & BatchAttributes.control) !== 0;
    checkDecompressedRecords(await decompress(Compression.zstd, body), h, requireKeys && !control);
  }
  if (zstdCheckedBuffers.get(batches) !== true) zstdCheckedBuffers.set(batches, requireKeys);
}

const emptyBuffer = Buffer.alloc(0);

/** An idempotent batch of a client append (producerId >= 0) and its index among the append's batches. */
interface IdempotentBatch {
  header: RecordBatchHeader;
  index: number;
}

/**
 * One partition's log: an ordered set of segments in one folder. Appends assign offsets and the
 * leader epoch in place and write each request's batches with one write; reads return whole batches
 * as one file slice. All I/O goes through the FileSystem port; time through the Clock.
 */
export class PartitionLog {
  readonly dir: string;
  readonly topic: string;
  readonly partition: number;
  readonly leaderEpochCache: LeaderEpochCache;
  /** Idempotent-producer state (epoch, last 5 batches per producerId), checked on client appends. */
  readonly producerState: ProducerStateManager;
  private readonly fs: FileSystem;
  private readonly clock: Clock;
  private cfg: LogConfig;
  /** Sorted by base offset; the last one is active. */
  private segments: LogSegment[] = [];
  private leo = 0;
  private startOffset = 0;
  private hw = 0;
  private readonly hwFollowsLeo: boolean;
  private recoveryPointOffset = 0;
  private unflushedMessages = 0;
  private lastFlushMs: number;
  private isOffline = false;
  private closed = false;

  private constructor(options: PartitionLogOptions) {
    this.fs = options.fs;
    this.clock = options.clock;
    this.dir = options.dir;
    this.topic = options.topic;
    this.partition = options.partition;
    this.cfg = options.config;
    this.hwFollowsLeo = options.highWatermarkFollowsLogEnd ?? true;
    this.lastFlushMs = options.clock.now();
    const checkpoint = new LeaderEpochCheckpointFile(
      options.fs,
      joinPath(options.dir, leaderEpochCheckpointName),
    );
    this.leaderEpochCache = new LeaderEpochCache(checkpoint, checkpoint.read());
    this.producerState = new ProducerStateManager({
      fs: options.fs,
      dir: options.dir,
      clock: options.clock,
      ...(options.producerIdExpirationMs === undefined
        ? {}
        : { producerIdExpirationMs: options.producerIdExpirationMs }),
    });
  }

  /** Opens (creating when missing) the log in `options.dir`, recovering it if the shutdown was unclean. */
  static open(options: PartitionLogOptions): PartitionLog {
    try {
      options.fs.mkdirp(options.dir);
      const log = new PartitionLog(options);
      log.load(options);
      return log;
    } catch (err) {
      throw toStorageError(err, `opening log ${options.dir}`);
    }
  }

  get config(): LogConfig {
    return this.cfg;
  }

  /** Applies a new topic config (AlterConfigs); takes effect for the next roll, retention and flush. */
  updateConfig(config: LogConfig): void {
    this.cfg = config;
  }

  get logEndOffset(): number {
    return this.leo;
  }

  get logStartOffset(): number {
    return this.startOffset;
  }

  get highWatermark(): number {
    return this.hw;
  }

  get recoveryPoint(): number {
    return this.recoveryPointOffset;
  }

  get offline(): boolean {
    return this.isOffline;
  }

  get numberOfSegments(): number {
    return this.segments.length;
  }

  /** Base offsets of the segments, oldest first. */
  segmentBaseOffsets(): number[] {
    return this.segments.map((s) => s.baseOffset);
  }

  /** Total bytes of the segment files. */
  get size(): number {
    let total = 0;
    for (const s of this.segments) total += s.size;
    return total;
  }

  private get active(): LogSegment {
    return this.segments[this.segments.length - 1]!;
  }

  private segmentOptions(): { indexIntervalBytes: number; segmentIndexBytes: number } {
    return { indexIntervalBytes: this.cfg.indexIntervalBytes, segmentIndexBytes: this.cfg.segmentIndexBytes };
  }

  // ---------------------------------------------------------------- loading and recovery

  private load(options: PartitionLogOptions): void {
    const now = this.clock.now();
    const bases = this.cleanDirectory();
    for (const base of bases)
      this.segments.push(LogSegment.open(this.fs, this.dir, base, this.segmentOptions(), now));
    if (this.segments.length === 0) {
      const base = Math.max(0, options.logStartOffset ?? 0);
      this.segments.push(LogSegment.create(this.fs, this.dir, base, this.segmentOptions(), now));
    }
    const recoveryPoint = options.recoveryPoint ?? 0;
    const clean = (options.hadCleanShutdown ?? false) && this.active.checkTail();
    if (clean) {
      this.leo = this.active.nextOffset!;
    } else {
      this.recover(recoveryPoint);
    }
    this.active.openIndexesForWrite();
    this.leaderEpochCache.truncateFromEnd(this.leo);
    this.startOffset = Math.min(
      Math.max(options.logStartOffset ?? 0, this.segments[0]!.baseOffset),
      this.leo,
    );
    this.leaderEpochCache.truncateFromStart(this.startOffset);
    this.recoveryPointOffset = clean ? this.leo : Math.min(recoveryPoint, this.leo);
    this.hw = this.hwFollowsLeo
      ? this.leo
      : clamp(options.highWatermark ?? this.startOffset, this.startOffset, this.leo);
    // Newest snapshot at or below the log end (after a clean close: at it), then the headers after it.
    this.producerState.recover((from) => this.batchHeadersFrom(from), this.leo, this.startOffset);
  }

  /**
   * The headers of every batch from the one holding `fromOffset` to the log end (producer-state
   * replay on open and truncation; header reads only, no decompression).
   */
  private *batchHeadersFrom(fromOffset: number): Generator<RecordBatchHeader> {
    // One segment's headers at a time: memory stays bounded by segment.bytes, not the log size.
    for (let i = Math.max(0, this.floorSegmentIndex(fromOffset)); i < this.segments.length; i++) {
      const headers: RecordBatchHeader[] = [];
      this.segments[i]!.forEachBatch(fromOffset, (buf, pos) => {
        headers.push(readBatchHeader(buf, pos));
        return true;
      });
      yield* headers;
    }
  }

  /**
   * Resolves what an interrupted operation left behind and returns the base offsets of the segments:
   * `.tmp` (a checkpoint write) and `.cleaned` (unfinished cleaner output) are removed; `.deleted` files
   * are removed; a `.swap` completes its swap (the cleaned segment replaces the old one of the same base);
   * index files without a log are removed.
   */
  private cleanDirectory(): number[] {
    const names = this.fs.list(this.dir);
    const present = new Set(names);
    const remove = (name: string): void => {
      if (!present.has(name)) return;
      this.fs.unlink(joinPath(this.dir, name));
      present.delete(name);
    };
    for (const name of names) {
      if (
        name.endsWith(tmpFileSuffix) ||
        name.endsWith(cleanedFileSuffix) ||
        name.endsWith(deletedFileSuffix)
      ) {
        remove(name);
      }
    }
    // The cleaner renames a segment's `.log.cleaned` to `.log.swap` last: that rename commits the swap.
    const stemOf = (name: string): string => name.slice(0, name.indexOf('.'));
    const committed = new Set<string>();
    for (const name of present)
      if (name.endsWith(logFileSuffix + swapFileSuffix)) committed.add(stemOf(name));
    for (const stem of committed) {
      for (const suffix of [logFileSuffix, indexFileSuffix, timeIndexFileSuffix]) remove(stem + suffix);
    }
    for (const name of [...present]) {
      if (!name.endsWith(swapFileSuffix)) continue;
      if (!committed.has(stemOf(name))) {
        remove(name);
        continue;
      }
      const finalName = name.slice(0, -swapFileSuffix.length);
      this.fs.rename(joinPath(this.dir, name), joinPath(this.dir, finalName));
      present.delete(name);
      present.add(finalName);
    }
    const bases: number[] = [];
    for (const name of present) {
      const base = parseOffsetStem(name);
      if (base === undefined) continue;
      if (name.endsWith(logFileSuffix)) {
        bases.push(base);
      } else if (name.endsWith(indexFileSuffix) || name.endsWith(timeIndexFileSuffix)) {
        if (!present.has(stemOf(name) + logFileSuffix)) this.fs.unlink(joinPath(this.dir, name));
      }
    }
    this.fs.syncDir(this.dir);
    return bases.sort((a, b) => a - b);
  }

  /**
   * Unclean shutdown: re-validates every batch from the segment holding the recovery point, cuts the
   * log at the first invalid or torn batch, deletes every later segment, rebuilds indexes and adds
   * leader epochs found in the batches.
   */
  private recover(recoveryPoint: number): void {
    let i = Math.max(0, this.floorSegmentIndex(recoveryPoint));
    let expected = this.segments[i]!.baseOffset;
    let latestEpoch = this.leaderEpochCache.latestEpoch();
    const newEpochs: Array<{ epoch: number; startOffset: number }> = [];
    for (; i < this.segments.length; i++) {
      const segment = this.segments[i]!;
      const result = segment.recover(expected, (b) => {
        if (b.partitionLeaderEpoch > latestEpoch) {
          latestEpoch = b.partitionLeaderEpoch;
          newEpochs.push({ epoch: b.partitionLeaderEpoch, startOffset: b.baseOffset });
        }
      });
      const next = this.segments[i + 1];
      expected = result.nextOffset ?? segment.baseOffset;
      const overlapsNext = next !== undefined && expected > next.baseOffset;
      if (result.truncatedBytes > 0 || overlapsNext) {
        this.deleteSegmentsAfter(i);
        break;
      }
      if (i < this.segments.length - 1) segment.onBecomeInactive();
    }
    const last = this.active;
    this.leo = last.nextOffset ?? last.baseOffset;
    // Epochs recovered from batches past the checkpoint's knowledge.
    this.leaderEpochCache.truncateFromEnd(this.leo);
    for (const e of newEpochs)
      if (e.startOffset < this.leo) this.leaderEpochCache.assign(e.epoch, e.startOffset);
  }

  private deleteSegmentsAfter(index: number): void {
    const doomed = this.segments.splice(index + 1);
    for (const s of doomed) s.delete();
  }

  /** Index of the segment with the greatest base offset <= `offset` (-1 when before all). O(log n). */
  private floorSegmentIndex(offset: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.segments[mid]!.baseOffset <= offset) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  // ---------------------------------------------------------------- append

  private checkOnline(): void {
    if (this.isOffline) {
      throw new KafkaError(ErrorCode.KAFKA_STORAGE_ERROR, `log ${this.topic}-${this.partition} is offline`);
    }
    if (this.closed)
      throw new KafkaError(ErrorCode.KAFKA_STORAGE_ERROR, `log ${this.topic}-${this.partition} is closed`);
  }

  /**
   * Validates the batches a producer sent (one or more back to back), assigns their offsets and the
   * leader epoch in place, and appends them with one write. On any error nothing becomes visible.
   */
  append(batches: Buffer, options: AppendOptions): AppendResult {
    this.checkOnline();
    const idempotent: IdempotentBatch[] = [];
    const parsed = this.validateForAppend(batches, options.origin ?? 'client', idempotent);
    if (idempotent.length > 0) {
      // Before offsets are assigned: a retry is answered from the state and nothing is written.
      const verdict = this.producerState.checkBatches(idempotent.map((b) => b.header));
      if (verdict.kind === 'duplicate') {
        return { baseOffset: verdict.baseOffset, lastOffset: verdict.lastOffset, duplicate: true };
      }
    }
    const now = this.clock.now();
    const logAppendTime = this.cfg.logAppendTime ? now : undefined;
    let next = this.leo;
    for (const b of parsed) {
      setBaseOffset(batches, b.pos, next);
      setPartitionLeaderEpoch(batches, b.pos, options.leaderEpoch);
      if (logAppendTime !== undefined) {
        setLogAppendTime(batches, b.pos, logAppendTime);
        b.maxTimestamp = logAppendTime;
      }
      const span = b.lastOffset - b.baseOffset;
      b.baseOffset = next;
      b.lastOffset = next + span;
      next = b.lastOffset + 1;
    }
    const baseOffset = parsed[0]!.baseOffset;
    const lastOffset = next - 1;
    this.appendToSegment(batches, parsed, [{ epoch: options.leaderEpoch, startOffset: baseOffset }]);
    for (const { header, index } of idempotent) {
      const b = parsed[index]!;
      this.producerState.onBatchAppended({
        ...header,
        baseOffset: b.baseOffset,
        maxTimestamp: b.maxTimestamp,
      });
    }
    return logAppendTime === undefined
      ? { baseOffset, lastOffset }
      : { baseOffset, lastOffset, logAppendTime };
  }

  /**
   * The follower path: batches fetched from the leader keep their offsets and epochs. They must be
   * intact and continue this log (base offset >= log end offset, increasing).
   */
  appendAsFollower(batches: Buffer): AppendResult {
    this.checkOnline();
    const parsed: AppendedBatch[] = [];
    // Every batch that starts a newer leader epoch becomes an epoch-cache entry (as Kafka's follower).
    const epochs: Array<{ epoch: number; startOffset: number }> = [];
    let latestEpoch = this.leaderEpochCache.latestEpoch();
    let expected = this.leo;
    let covered = 0;
    const idempotent: RecordBatchHeader[] = [];
    for (const [pos, size] of batchPositions(batches)) {
      if (!isBatchIntact(batches, pos, size))
        throw new KafkaError(ErrorCode.CORRUPT_MESSAGE, `batch at ${pos} is corrupt`);
      const h = readBatchHeader(batches, pos);
      if (h.baseOffset < expected) {
        throw new KafkaError(
          ErrorCode.OFFSET_OUT_OF_RANGE,
          `batch offset ${h.baseOffset} is below ${expected}`,
        );
      }
      const lastOffset = h.baseOffset + h.lastOffsetDelta;
      parsed.push({ pos, size, baseOffset: h.baseOffset, lastOffset, maxTimestamp: h.maxTimestamp });
      if (h.producerId >= 0) idempotent.push(h);
      if (h.partitionLeaderEpoch > latestEpoch) {
        latestEpoch = h.partitionLeaderEpoch;
        epochs.push({ epoch: h.partitionLeaderEpoch, startOffset: h.baseOffset });
      }
      expected = lastOffset + 1;
      covered = pos + size;
    }
    if (parsed.length === 0 || covered !== batches.length) {
      throw new KafkaError(
        ErrorCode.CORRUPT_MESSAGE,
        `records end in a partial batch (${covered} of ${batches.length} bytes)`,
      );
    }
    this.appendToSegment(batches, parsed, epochs);
    // As Kafka's replication path: the leader checked the sequences; the follower only records them.
    for (const h of idempotent) this.producerState.onBatchAppended(h);
    return { baseOffset: parsed[0]!.baseOffset, lastOffset: expected - 1 };
  }

  private validateForAppend(
    batches: Buffer,
    origin: AppendOrigin,
    idempotent: IdempotentBatch[],
  ): AppendedBatch[] {
    const parsed: AppendedBatch[] = [];
    let covered = 0;
    if (batches.length > this.cfg.segmentBytes) {
      throw new KafkaError(
        ErrorCode.RECORD_LIST_TOO_LARGE,
        `${batches.length} bytes exceed segment.bytes ${this.cfg.segmentBytes}`,
      );
    }
    for (const [pos, size] of batchPositions(batches)) {
      if (size > this.cfg.maxMessageBytes) {
        throw new KafkaError(
          ErrorCode.MESSAGE_TOO_LARGE,
          `batch of ${size} bytes exceeds max.message.bytes ${this.cfg.maxMessageBytes}`,
        );
      }
      const h = validateBatch(batches, pos);
      if ((h.attributes & BatchAttributes.control) !== 0 && origin === 'client') {
        throw new KafkaError(ErrorCode.INVALID_RECORD, 'clients may not write control batches');
      }
      if (h.producerId >= 0 && h.baseSequence < 0) {
        throw new KafkaError(
          ErrorCode.INVALID_RECORD,
          `idempotent batch (producerId ${h.producerId}) without a sequence`,
        );
      }
      this.checkRecordsOf(batches, pos, size, h);
      if (h.producerId >= 0) idempotent.push({ header: h, index: parsed.length });
      parsed.push({
        pos,
        size,
        baseOffset: h.baseOffset,
        lastOffset: h.baseOffset + h.lastOffsetDelta,
        maxTimestamp: h.maxTimestamp,
      });
      covered = pos + size;
    }
    if (parsed.length === 0 || covered !== batches.length) {
      throw new KafkaError(
        ErrorCode.CORRUPT_MESSAGE,
        `records end in a partial or undersized batch (${covered} of ${batches.length} bytes parsed)`,
      );
    }
    return parsed;
  }

  /**
   * The record-level checks beyond validateBatch (which walked the records of an uncompressed batch):
   * compressed batches are decompressed and their records checked as Kafka's LogValidator does
   * (structure, count, contiguous inner offsets); on compacted topics every record needs a key.
   * zstd has no synchronous codec here: the caller checks its records first (`checkZstdRecords`,
   * which the broker's Produce does for every zstd batch). Unchecked zstd batches are refused on
   * compacted topics (their keys are unproved); elsewhere append takes them on their CRC alone.
   */
  private checkRecordsOf(batches: Buffer, pos: number, size: number, h: RecordBatchHeader): void {
    const requireKeys = this.cfg.compact && (h.attributes & BatchAttributes.control) === 0;
    const codec = h.attributes & BatchAttributes.compressionMask;
    if (codec === Compression.none) {
      if (requireKeys) this.checkKeys(batches, pos, size);
    } else if (codec === Compression.zstd) {
      if (requireKeys && zstdCheckedBuffers.get(batches) !== true) {
        throw new KafkaError(
          ErrorCode.INVALID_RECORD,
          'compacted topic: zstd batch not checked for keys (await checkZstdRecords(batches, true) first)',
        );
      }
    } else {
      checkCompressedRecords(batches, pos, h, requireKeys);
    }
  }

  private checkKeys(batches: Buffer, pos: number, size: number): void {
    forEachRecord(batches.subarray(pos, pos + size), (r) => {
      if (r.key === null) {
        throw new KafkaError(ErrorCode.INVALID_RECORD, `compacted topic: record ${r.offset} has no key`);
      }
    });
  }

  /** Rolls if needed, writes, indexes, updates the epoch cache; rolls everything back on failure. */
  private appendToSegment(
    batches: Buffer,
    parsed: AppendedBatch[],
    epochs: ReadonlyArray<{ epoch: number; startOffset: number }>,
  ): void {
    const firstOffset = parsed[0]!.baseOffset;
    const lastOffset = parsed[parsed.length - 1]!.lastOffset;
    try {
      let maxTimestamp = NO_TIMESTAMP;
      for (const b of parsed) if (b.maxTimestamp > maxTimestamp) maxTimestamp = b.maxTimestamp;
      this.maybeRoll(batches.length, firstOffset, lastOffset, parsed.length, maxTimestamp);
      this.active.append(batches, parsed);
    } catch (err) {
      if (err instanceof RollbackFailedError) {
        this.isOffline = true;
        throw new KafkaError(
          ErrorCode.KAFKA_STORAGE_ERROR,
          `${this.topic}-${this.partition} is offline: ${err.message}`,
          {
            cause: err,
          },
        );
      }
      throw toStorageError(err, `appending to ${this.topic}-${this.partition}`);
    }
    try {
      for (const e of epochs) this.leaderEpochCache.assign(e.epoch, e.startOffset);
    } catch (err) {
      // The batch must not stay without its epoch: undo it, or go offline if even that fails.
      try {
        this.active.truncateTo(firstOffset);
        this.leaderEpochCache.truncateFromEnd(firstOffset);
      } catch {
        this.isOffline = true;
      }
      throw toStorageError(err, `writing the leader epoch checkpoint of ${this.topic}-${this.partition}`);
    }
    this.leo = lastOffset + 1;
    if (this.hwFollowsLeo) this.hw = this.leo;
    for (const b of parsed) this.unflushedMessages += b.lastOffset - b.baseOffset + 1;
    if (this.unflushedMessages >= this.cfg.flushMessages) this.flush();
  }

  /**
   * Kafka's roll rule (LogSegment.shouldRoll): the new bytes do not fit segment.bytes, the index is
   * full, an offset does not fit the segment, or segment.ms has passed — measured as Kafka does from
   * the segment's first batch timestamp to the newest timestamp being appended (so it holds across
   * restarts), or on the Clock from the segment's creation when it holds no timestamps.
   */
  private maybeRoll(
    bytes: number,
    firstOffset: number,
    lastOffset: number,
    batchCount: number,
    maxTimestamp: number,
  ): void {
    const segment = this.active;
    const full =
      segment.size > 0 &&
      (segment.size + bytes > this.cfg.segmentBytes ||
        this.timeWaitedForRoll(segment, maxTimestamp) > this.cfg.segmentMs ||
        !segment.indexHasRoom(batchCount));
    if (full || !segment.canHoldOffset(lastOffset) || !segment.canHoldOffset(firstOffset))
      this.roll(firstOffset);
  }

  private timeWaitedForRoll(segment: LogSegment, maxTimestamp: number): number {
    const first = segment.firstBatchTimestamp();
    return first >= 0 ? maxTimestamp - first : this.clock.now() - segment.createdMs;
  }

  /** Starts a new active segment at `baseOffset`, flushing the old one (which advances the recovery point). */
  roll(baseOffset = this.leo): void {
    const old = this.active;
    if (old.size === 0) {
      if (old.baseOffset === baseOffset) return;
      this.segments.pop();
      old.delete();
    } else {
      assert(baseOffset >= this.leo, 'a new segment starts at or after the log end offset');
      old.onBecomeInactive();
      this.recoveryPointOffset = Math.max(this.recoveryPointOffset, this.leo);
      this.unflushedMessages = 0;
      this.lastFlushMs = this.clock.now();
    }
    this.segments.push(
      LogSegment.create(this.fs, this.dir, baseOffset, this.segmentOptions(), this.clock.now()),
    );
    // As Kafka: a snapshot per roll bounds the replay on an unclean open to about one segment.
    this.snapshotProducerState();
  }

  /**
   * Writes a producer-state snapshot named by the log end offset. Live appends of producerId -1
   * batches never touch the state (their hot-path cost is zero), so its end offset is first moved to
   * the log end: the snapshot then covers the whole log and the next open replays nothing.
   */
  private snapshotProducerState(): void {
    this.producerState.advanceTo(this.leo);
    this.producerState.removeExpiredProducers();
    this.producerState.takeSnapshot();
  }

  /** Forgets idempotent producers idle for producer.id.expiration.ms (the log manager calls this periodically). */
  removeExpiredProducers(): number {
    return this.producerState.removeExpiredProducers();
  }

  // ---------------------------------------------------------------- read

  /**
   * Whole batches from the one holding `offset`: the first even when larger than `maxBytes`, then as
   * many as fit, never one reaching `maxOffset`. Reading at the log end offset returns nothing; outside
   * [logStartOffset, logEndOffset] throws OFFSET_OUT_OF_RANGE. A constant number of file operations
   * whatever the number of segments: binary search over segments, in-memory index, one positional read
   * (two when the first batch is larger than the window).
   */
  read(offset: number, maxBytes: number, options: ReadOptions = {}): ReadResult {
    this.checkOnline();
    if (offset < this.startOffset || offset > this.leo) {
      throw new KafkaError(
        ErrorCode.OFFSET_OUT_OF_RANGE,
        `offset ${offset} is outside [${this.startOffset}, ${this.leo}] of ${this.topic}-${this.partition}`,
      );
    }
    const limit = Math.min(options.maxOffset ?? this.leo, this.leo);
    if (offset >= limit) return { bytes: emptyBuffer, firstOffset: offset, nextOffset: offset };
    try {
      for (let i = Math.max(0, this.floorSegmentIndex(offset)); i < this.segments.length; i++) {
        const segment = this.segments[i]!;
        if (segment.baseOffset >= limit) break;
        const result = segment.read(offset, maxBytes, limit);
        if (result !== undefined) return result;
      }
    } catch (err) {
      if (err instanceof FileSystemError) this.isOffline = true;
      throw toStorageError(err, `reading ${this.topic}-${this.partition} at ${offset}`);
    }
    return { bytes: emptyBuffer, firstOffset: offset, nextOffset: offset };
  }

  /** ListOffsets earliest (-2). */
  earliestOffset(): number {
    return this.startOffset;
  }

  /** ListOffsets latest (-1) for a replica that sees everything; consumers use the high watermark. */
  latestOffset(): number {
    return this.leo;
  }

  /**
   * ListOffsets by time: the first offset whose record timestamp is >= `timestamp`, with that
   * timestamp; undefined when every record is older. Decompresses the one batch it lands in.
   */
  async offsetForTimestamp(timestamp: number): Promise<TimestampAndOffset | undefined> {
    this.checkOnline();
    for (const segment of this.segments) {
      if (segment.largestTimestamp() < timestamp) continue;
      const from = Math.max(segment.timeLookupStartOffset(timestamp), this.startOffset);
      let found: Buffer | undefined;
      segment.forEachBatch(from, (buf, pos, size) => {
        if (readBatchHeader(buf, pos).maxTimestamp < timestamp) return true;
        found = Buffer.from(buf.subarray(pos, pos + size));
        return false;
      });
      if (found === undefined) continue;
      const header = readBatchHeader(found, 0);
      if ((header.attributes & BatchAttributes.timestampTypeLogAppend) !== 0) {
        return { timestamp: header.maxTimestamp, offset: Math.max(header.baseOffset, this.startOffset) };
      }
      for (const record of await decodeRecordsAsync(found)) {
        if (record.offset >= this.startOffset && record.timestamp >= timestamp) {
          return { timestamp: record.timestamp, offset: record.offset };
        }
      }
    }
    return undefined;
  }

  // ---------------------------------------------------------------- truncation, log start, HW

  /**
   * Removes everything from `offset` on (a follower diverged from its leader). Whole later segments
   * go; the segment holding `offset` is cut before the batch that holds it. Synced at once.
   */
  truncateTo(offset: number): void {
    this.checkOnline();
    if (offset >= this.leo) return;
    try {
      if (offset <= this.segments[0]!.baseOffset || offset < this.startOffset) {
        this.truncateFullyAndStartAt(offset);
        return;
      }
      const keep = this.floorSegmentIndex(offset);
      const segment = this.segments[keep]!;
      const doomed = this.segments.splice(keep + 1);
      for (const s of doomed) s.delete();
      this.leo = segment.truncateTo(offset);
      segment.openIndexesForWrite();
      this.producerState.truncateTo(this.leo, (from) => this.batchHeadersFrom(from), this.startOffset);
    } catch (err) {
      this.isOffline = true;
      throw toStorageError(err, `truncating ${this.topic}-${this.partition} to ${offset}`);
    }
    this.afterTruncation();
  }

  /** Deletes every segment and restarts the log empty at `offset` (a follower far behind the leader's start). */
  truncateFullyAndStartAt(offset: number): void {
    this.checkOnline();
    try {
      const doomed = this.segments.splice(0);
      for (const s of doomed) s.delete();
      this.segments.push(
        LogSegment.create(this.fs, this.dir, offset, this.segmentOptions(), this.clock.now()),
      );
      this.fs.syncDir(this.dir);
      this.producerState.truncateFullyAndStartAt(offset);
    } catch (err) {
      this.isOffline = true;
      throw toStorageError(err, `restarting ${this.topic}-${this.partition} at ${offset}`);
    }
    this.leo = offset;
    this.startOffset = offset;
    this.recoveryPointOffset = offset;
    this.afterTruncation();
    this.leaderEpochCache.reset([]);
  }

  private afterTruncation(): void {
    this.startOffset = Math.min(this.startOffset, this.leo);
    this.recoveryPointOffset = Math.min(this.recoveryPointOffset, this.leo);
    this.hw = this.hwFollowsLeo ? this.leo : Math.min(this.hw, this.leo);
    this.unflushedMessages = 0;
    this.leaderEpochCache.truncateFromEnd(this.leo);
  }

  /** Moves the high watermark (replication); clamped to [logStartOffset, logEndOffset]. */
  updateHighWatermark(offset: number): void {
    this.hw = clamp(offset, this.startOffset, this.leo);
  }

  /**
   * DeleteRecords: moves the log start offset to `offset` (never backwards). Beyond `bound` (the high
   * watermark; default the log end offset) -> OFFSET_OUT_OF_RANGE. Segments wholly below go at once.
   */
  deleteRecordsBefore(offset: number, bound = this.hw): number {
    this.checkOnline();
    if (offset > bound || offset > this.leo || offset < 0) {
      throw new KafkaError(
        ErrorCode.OFFSET_OUT_OF_RANGE,
        `offset ${offset} is beyond ${Math.min(bound, this.leo)}`,
      );
    }
    if (offset > this.startOffset) {
      this.startOffset = offset;
      this.leaderEpochCache.truncateFromStart(offset);
      this.deleteOldSegments(bound);
    }
    return this.startOffset;
  }

  /** OffsetsForLeaderEpoch, answered from the leader-epoch cache. */
  endOffsetForEpoch(epoch: number): EpochEndOffset {
    return this.leaderEpochCache.endOffsetFor(epoch, this.leo);
  }

  // ---------------------------------------------------------------- retention

  /**
   * Deletes whole segments, oldest first, that are wholly below the log start offset, or (with
   * cleanup.policy delete) older than retention.ms or beyond retention.bytes. Never the active
   * segment, never one holding an offset at or above `bound` (the high watermark). Returns how many.
   */
  deleteOldSegments(bound = this.hw): number {
    this.checkOnline();
    const now = this.clock.now();
    let deleted = this.deleteWhile(bound, (_s, nextBase) => nextBase <= this.startOffset);
    if (this.cfg.delete) {
      const retentionMs = this.cfg.retentionMs;
      if (retentionMs >= 0) {
        deleted += this.deleteWhile(bound, (s) => {
          const newest = s.largestTimestamp();
          return now - (newest === NO_TIMESTAMP ? s.createdMs : newest) > retentionMs;
        });
      }
      if (this.cfg.retentionBytes >= 0) {
        let excess = this.size - this.cfg.retentionBytes;
        deleted += this.deleteWhile(bound, (s) => {
          if (excess - s.size < 0) return false;
          excess -= s.size;
          return true;
        });
      }
    }
    return deleted;
  }

  private deleteWhile(bound: number, predicate: (segment: LogSegment, nextBase: number) => boolean): number {
    let count = 0;
    while (this.segments.length > count + 1) {
      const segment = this.segments[count]!;
      const nextBase = this.segments[count + 1]!.baseOffset;
      if (nextBase > bound || !predicate(segment, nextBase)) break;
      count++;
    }
    if (count === 0) return 0;
    const doomed = this.segments.splice(0, count);
    try {
      for (const s of doomed) s.delete();
      this.fs.syncDir(this.dir);
    } catch (err) {
      this.isOffline = true;
      throw toStorageError(err, `deleting segments of ${this.topic}-${this.partition}`);
    }
    const newStart = this.segments[0]!.baseOffset;
    if (newStart > this.startOffset) {
      this.startOffset = newStart;
      this.leaderEpochCache.truncateFromStart(newStart);
    }
    this.recoveryPointOffset = Math.max(this.recoveryPointOffset, this.startOffset);
    return count;
  }

  // ---------------------------------------------------------------- flush and close

  /** Makes everything appended durable and advances the recovery point to the log end offset. */
  flush(): void {
    this.checkOnline();
    try {
      this.active.flush();
    } catch (err) {
      this.isOffline = true;
      throw toStorageError(err, `flushing ${this.topic}-${this.partition}`);
    }
    this.recoveryPointOffset = this.leo;
    this.unflushedMessages = 0;
    this.lastFlushMs = this.clock.now();
  }

  /** flush.ms: flushes when unflushed messages have waited that long. */
  maybeFlushByTime(): boolean {
    if (this.unflushedMessages === 0 || this.clock.now() - this.lastFlushMs < this.cfg.flushMs) return false;
    this.flush();
    return true;
  }

  /** The segments for the cleaner, oldest first (read-only use; the last is active). */
  segmentsForCleaning(): readonly LogSegment[] {
    return this.segments;
  }

  /** True while `segment` is still one of this log's non-active segments (the cleaner checks before swapping). */
  canReplaceSegment(segment: LogSegment): boolean {
    const index = this.floorSegmentIndex(segment.baseOffset);
    return (
      !this.isOffline && !this.closed && this.segments[index] === segment && index < this.segments.length - 1
    );
  }

  /**
   * Replaces a non-active segment by its cleaned copy, already renamed `<base>.log.swap` by the cleaner
   * (the commit point). Crash-safe: on reopen a leftover `.log.swap` completes the swap.
   */
  replaceSegment(segment: LogSegment, swapPath: string): void {
    this.checkOnline();
    assert(this.canReplaceSegment(segment), 'cleaning a current, non-active segment');
    const index = this.floorSegmentIndex(segment.baseOffset);
    try {
      segment.delete();
      this.fs.rename(swapPath, segment.logPath);
      this.fs.syncDir(this.dir);
      this.segments[index] = LogSegment.open(
        this.fs,
        this.dir,
        segment.baseOffset,
        this.segmentOptions(),
        segment.createdMs,
      );
    } catch (err) {
      this.isOffline = true;
      throw toStorageError(
        err,
        `swapping cleaned segment ${segment.baseOffset} of ${this.topic}-${this.partition}`,
      );
    }
  }

  /** Flushes and closes every file. */
  close(): void {
    if (this.closed) return;
    if (!this.isOffline) {
      this.flush();
      try {
        this.snapshotProducerState();
      } catch {
        // Not fatal: the log is the truth, and the next open rebuilds the state from its batch headers.
      }
    }
    this.closed = true;
    for (const s of this.segments) s.close();
  }

  /** Closes without flushing (the log dir failed, or the partition is being deleted). */
  closeWithoutFlush(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.segments) {
      try {
        s.close();
      } catch {
        // Handles lost with a failed disk cannot be closed; nothing more to release.
      }
    }
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
