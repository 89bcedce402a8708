import { ErrorCode, KafkaError } from '../errors/index.ts';
import { dirName, type Clock, type FileSystem, type Timer } from '../io/index.ts';
import {
  BatchAttributes,
  NO_TIMESTAMP,
  decodeRecordsAsync,
  encodeRecordBatchAsync,
  readBatchHeader,
  setLogAppendTime,
  writeBatchCrc,
  type CompressionType,
  type Record,
  type RecordBatchHeader,
} from '../records/index.ts';
import { cleanedFileSuffix, swapFileSuffix } from './file-names.ts';
import type { LogManager } from './log-manager.ts';
import type { LogSegment } from './log-segment.ts';
import type { PartitionLog } from './partition-log.ts';
import { toStorageError } from './storage-error.ts';

/** What one cleaning pass over a log did. */
export interface CleanResult {
  /** Segments rewritten (a segment with nothing to remove is left as it is). */
  segmentsRewritten: number;
  /** Records dropped because a later record has the same key. */
  recordsRemoved: number;
  /** Tombstones dropped because their delete horizon passed. */
  tombstonesRemoved: number;
  /** The cleanable range ended here: offsets from here on were not touched. */
  cleanedUpTo: number;
}

export interface LogCleanerOptions {
  fs: FileSystem;
  clock: Clock;
}

/** Kafka's `log.cleaner.backoff.ms`: the pause between cleaning rounds. */
export const cleanerBackoffMsDefault = 15_000;

/** A batch as read from a segment, with its header. */
interface SourceBatch {
  bytes: Buffer;
  header: RecordBatchHeader;
}

/**
 * Log compaction (`cleanup.policy=compact`): keeps the latest record per key, preserves offsets,
 * keeps tombstones for `delete.retention.ms` after the cleaner first passes them (delete-horizon
 * flag in the batch attributes, horizon in baseTimestamp, as Kafka), never touches the active
 * segment, anything at or past the high watermark, or records younger than `min.compaction.lag.ms`.
 *
 * Keys are compared by their exact bytes (a Map keyed by the bytes as latin1, one char per byte), not
 * by hash. Each cleaned segment is written as `<base>.log.cleaned`, fsynced, renamed `.log.swap` (the
 * commit point: recovery completes a swap it finds), then swapped into place.
 */
export class LogCleaner {
  private readonly fs: FileSystem;
  private readonly clock: Clock;

  constructor(options: LogCleanerOptions) {
    this.fs = options.fs;
    this.clock = options.clock;
  }

  /** Cleaning rounds that failed (the log involved goes offline on storage errors); for metrics and tests. */
  failedRounds = 0;
  private running = false;

  /**
   * Runs `cleanManagedLogs` every `backoffMs` on the Clock (one round at a time). Cancel the returned
   * timer to stop.
   */
  start(manager: LogManager, backoffMs = cleanerBackoffMsDefault): Timer {
    return this.clock.setInterval(() => {
      if (this.running) return;
      this.running = true;
      this.cleanManagedLogs(manager)
        .catch(() => {
          this.failedRounds++;
        })
        .finally(() => {
          this.running = false;
        });
    }, backoffMs);
  }

  /** The cleanable segments: not active, wholly below the high watermark, older than the compaction lag. */
  cleanableSegments(log: PartitionLog): LogSegment[] {
    const segments = log.segmentsForCleaning();
    const now = this.clock.now();
    const lagMs = log.config.minCompactionLagMs;
    const out: LogSegment[] = [];
    for (let i = 0; i < segments.length - 1; i++) {
      const segment = segments[i]!;
      const nextBase = segments[i + 1]!.baseOffset;
      if (nextBase > log.highWatermark) break;
      if (lagMs > 0) {
        const newest = segment.largestTimestamp();
        if (newest === NO_TIMESTAMP || now - newest < lagMs) break;
      }
      out.push(segment);
    }
    return out;
  }

  /** Dirty bytes (at or after `firstDirtyOffset`) over cleanable bytes: Kafka's cleaner priority. */
  dirtyRatio(log: PartitionLog, firstDirtyOffset: number): number {
    let total = 0;
    let dirty = 0;
    for (const s of this.cleanableSegments(log)) {
      total += s.size;
      if (s.baseOffset >= firstDirtyOffset) dirty += s.size;
    }
    return total === 0 ? 0 : dirty / total;
  }

  /** Cleans one log now, whatever its dirty ratio. */
  async clean(log: PartitionLog): Promise<CleanResult> {
    if (!log.config.compact) {
      throw new KafkaError(
        ErrorCode.INVALID_CONFIG,
        `cleanup.policy of ${log.topic} does not include compact`,
      );
    }
    const segments = this.cleanableSegments(log);
    const result: CleanResult = {
      segmentsRewritten: 0,
      recordsRemoved: 0,
      tombstonesRemoved: 0,
      cleanedUpTo: log.logStartOffset,
    };
    if (segments.length === 0) return result;
    const last = segments[segments.length - 1]!;
    const all = log.segmentsForCleaning();
    result.cleanedUpTo = all[all.indexOf(last) + 1]!.baseOffset;
    try {
      const latest = await this.buildOffsetMap(segments, log.logStartOffset);
      for (const segment of segments) {
        const rewritten = await this.cleanSegment(log, segment, latest, result);
        if (rewritten) result.segmentsRewritten++;
      }
    } catch (err) {
      throw toStorageError(err, `cleaning ${log.topic}-${log.partition}`);
    }
    return result;
  }

  /**
   * Cleans every compacted log of `manager` whose dirty ratio reaches min.cleanable.dirty.ratio, and
   * records progress in `cleaner-offset-checkpoint`. Returns the logs cleaned.
   */
  async cleanManagedLogs(manager: LogManager): Promise<number> {
    let cleaned = 0;
    for (const log of manager.allLogs()) {
      if (!log.config.compact || log.offline) continue;
      const firstDirty = Math.max(manager.cleanerOffset(log.topic, log.partition) ?? 0, log.logStartOffset);
      if (this.dirtyRatio(log, firstDirty) < log.config.minCleanableDirtyRatio) continue;
      const result = await this.clean(log);
      manager.updateCleanerOffset(log.topic, log.partition, result.cleanedUpTo);
      cleaned++;
    }
    return cleaned;
  }

  private async readBatches(segment: LogSegment, fromOffset: number): Promise<SourceBatch[]> {
    const batches: SourceBatch[] = [];
    segment.forEachBatch(fromOffset, (buf, pos, size) => {
      const bytes = Buffer.from(buf.subarray(pos, pos + size));
      batches.push({ bytes, header: readBatchHeader(bytes, 0) });
      return true;
    });
    return batches;
  }

  /** Pass 1: the offset of the latest record of every key in the cleanable range. */
  private async buildOffsetMap(
    segments: readonly LogSegment[],
    logStartOffset: number,
  ): Promise<Map<string, number>> {
    const latest = new Map<string, number>();
    for (const segment of segments) {
      for (const batch of await this.readBatches(segment, Math.max(segment.baseOffset, logStartOffset))) {
        if ((batch.header.attributes & BatchAttributes.control) !== 0) continue;
        for (const record of await decodeRecordsAsync(batch.bytes)) {
          if (record.key !== null) latest.set(record.key.toString('latin1'), record.offset);
        }
      }
    }
    return latest;
  }

  /** Pass 2 for one segment: keep the latest record per key; rewrite only batches that change. */
  private async cleanSegment(
    log: PartitionLog,
    segment: LogSegment,
    latest: Map<string, number>,
    result: CleanResult,
  ): Promise<boolean> {
    const now = this.clock.now();
    const horizonForNew = now + log.config.deleteRetentionMs;
    const output: Buffer[] = [];
    let changed = false;
    for (const batch of await this.readBatches(segment, segment.baseOffset)) {
      const h = batch.header;
      if ((h.attributes & BatchAttributes.control) !== 0) {
        output.push(batch.bytes);
        continue;
      }
      const hasHorizon = (h.attributes & BatchAttributes.deleteHorizon) !== 0;
      const horizonPassed = hasHorizon && now >= h.baseTimestamp;
      const records = await decodeRecordsAsync(batch.bytes);
      const kept: Record[] = [];
      let keptTombstone = false;
      for (const r of records) {
        if (r.offset < log.logStartOffset) continue;
        if (r.key !== null && latest.get(r.key.toString('latin1')) !== r.offset) {
          result.recordsRemoved++;
          continue;
        }
        if (r.value === null) {
          if (horizonPassed) {
            result.tombstonesRemoved++;
            continue;
          }
          keptTombstone = true;
        }
        kept.push(r);
      }
      const needsHorizon = keptTombstone && !hasHorizon;
      if (kept.length === records.length && !needsHorizon) {
        output.push(batch.bytes);
        continue;
      }
      changed = true;
      const horizon = hasHorizon ? h.baseTimestamp : keptTombstone ? horizonForNew : undefined;
      for (const run of contiguousRuns(kept)) output.push(await reencode(batch, run, horizon));
    }
    if (!changed) return false;
    this.swapIn(log, segment, output);
    return true;
  }

  /** `.cleaned` (written and fsynced) -> `.swap` (commit) -> replaces the old segment. */
  private swapIn(log: PartitionLog, segment: LogSegment, batches: Buffer[]): void {
    const finalPath = segment.logPath;
    const cleaned = finalPath + cleanedFileSuffix;
    const swap = finalPath + swapFileSuffix;
    const handle = this.fs.open(cleaned, 'truncate');
    try {
      if (batches.length > 0) handle.append(Buffer.concat(batches));
      handle.sync();
    } finally {
      handle.close();
    }
    if (!log.canReplaceSegment(segment)) {
      // The log changed under us (truncated, or the segment was deleted): drop this work.
      this.fs.unlink(cleaned);
      return;
    }
    this.fs.rename(cleaned, swap);
    this.fs.syncDir(dirName(finalPath));
    log.replaceSegment(segment, swap);
  }
}

/** Byte position of the int16 attributes in a batch header (NOTES 2.1). */
const attributesPos = 21;

/** Splits kept records into runs of consecutive offsets: each becomes one batch, so offsets stay exact. */
function contiguousRuns(records: readonly Record[]): Record[][] {
  const runs: Record[][] = [];
  let current: Record[] = [];
  for (const r of records) {
    if (current.length > 0 && r.offset !== current[current.length - 1]!.offset + 1) {
      runs.push(current);
      current = [];
    }
    current.push(r);
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

/**
 * Re-encodes a run of records from `source` with the records codec: same base offset as the run's
 * first record, same codec, leader epoch, producer fields and timestamp type; CRC recomputed. With a
 * delete horizon, baseTimestamp holds the horizon and attribute bit 6 is set, as Kafka does.
 */
async function reencode(
  source: SourceBatch,
  run: readonly Record[],
  horizon: number | undefined,
): Promise<Buffer> {
  const h = source.header;
  const first = run[0]!;
  const producerIdempotent = h.producerId >= 0 && h.baseSequence >= 0;
  const out = await encodeRecordBatchAsync(
    run.map((r) => ({ key: r.key, value: r.value, timestamp: r.timestamp, headers: r.headers })),
    {
      baseOffset: first.offset,
      partitionLeaderEpoch: h.partitionLeaderEpoch,
      compression: (h.attributes & BatchAttributes.compressionMask) as CompressionType,
      timestampType: (h.attributes & BatchAttributes.timestampTypeLogAppend) !== 0 ? 'logAppend' : 'create',
      producerId: h.producerId,
      producerEpoch: h.producerEpoch,
      baseSequence: producerIdempotent ? h.baseSequence + (first.offset - h.baseOffset) : h.baseSequence,
      transactional: (h.attributes & BatchAttributes.transactional) !== 0,
      ...(horizon === undefined ? {} : { baseTimestamp: horizon }),
    },
  );
  if ((h.attributes & BatchAttributes.timestampTypeLogAppend) !== 0) setLogAppendTime(out, 0, h.maxTimestamp);
  if (horizon !== undefined) {
    out.writeInt16BE(out.readInt16BE(attributesPos) | BatchAttributes.deleteHorizon, attributesPos);
    writeBatchCrc(out, 0);
  }
  return out;
}
