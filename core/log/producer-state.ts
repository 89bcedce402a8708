import { ErrorCode, KafkaError } from '../errors/index.ts';
import type { Clock, FileSystem } from '../io/index.ts';
import {
  BatchAttributes,
  batchPositions,
  readBatchHeader,
  type RecordBatchHeader,
} from '../records/index.ts';
import {
  listProducerSnapshots,
  producerBatchesRetainedMax,
  producerSnapshotPath,
  readProducerSnapshot,
  writeProducerSnapshot,
  type ProducerBatchMetadata,
  type ProducerSnapshotEntry,
} from './producer-state-snapshot.ts';

/*
 * Idempotent-producer state of one partition (NOTES 7), modelled on Kafka 3.8's
 * ProducerStateManager: per producerId the epoch and the last 5 batches' sequence and offset
 * ranges, so a retried batch is answered with its original offsets and a gap is refused.
 *
 * Appending is split in two so a batch the log fails to write leaves no trace here:
 * checkBatch()/checkBatches() validate against the current state and change nothing;
 * onBatchAppended() is called for each batch only after the log has written it with its assigned
 * offsets. checkBatches() takes all batches of one append (PartitionLog.append writes several in
 * one write), checking each against the state the earlier ones would leave.
 *
 * Rebuilding after truncation or on recovery clears the state, loads the newest valid snapshot at
 * or below the target offset and replays batch headers from the log above it (header fields are
 * enough: no decompression). Transactions (control batches, open-transaction tracking) are not
 * handled here yet: control batches are skipped.
 */

/** Kafka's `producer.id.expiration.ms`: a producer without writes for this long is forgotten. */
export const producerIdExpirationMsDefault = 86_400_000;
/** How many snapshot files are kept per partition (older ones are deleted after each new one). */
export const producerSnapshotsRetainedDefault = 2;
/** Sequences are int32 and wrap from this to 0. */
export const producerSequenceMax = 2 ** 31 - 1;

/** What the broker does with a checked batch. */
export type ProducerCheck =
  | { kind: 'append' }
  /** A retry of a cached batch: append nothing, answer NONE with these original offsets. */
  | { kind: 'duplicate'; baseOffset: number; lastOffset: number };

const appendVerdict: ProducerCheck = { kind: 'append' };

/** Yields batch headers from the log starting at (the batch containing) `fromOffset`. */
export type BatchHeaderSource = (fromOffset: number) => Iterable<RecordBatchHeader>;

export interface ProducerStateManagerOptions {
  fs: FileSystem;
  /** The partition directory, where `<offset>.snapshot` files live. */
  dir: string;
  clock: Clock;
  producerIdExpirationMs?: number;
  snapshotsRetained?: number;
  /** Told about each snapshot that fails its checks (it is then deleted and the log replayed). */
  onCorruptSnapshot?: (path: string, error: unknown) => void;
}

/** A producer's state; `batches` holds at most 5, oldest first, all from `epoch`. */
export interface ProducerEntry {
  readonly producerId: number;
  epoch: number;
  lastSequence: number;
  lastOffset: number;
  /** Time of the last write: clock time for live appends, the batch's maxTimestamp on replay. */
  lastTimestamp: number;
  batches: ProducerBatchMetadata[];
}

export interface ProducerStateStats {
  corruptSnapshots: number;
  expiredProducers: number;
  snapshotsWritten: number;
}

/** The sequence `delta` after `sequence`, wrapping at 2^31-1 (Kafka's incrementSequence). */
export function incrementSequence(sequence: number, delta: number): number {
  const next = sequence + delta;
  return next > producerSequenceMax ? next - producerSequenceMax - 1 : next;
}

/** True when `next` directly follows `last`, including the wrap from 2^31-1 to 0. */
function inSequence(last: number, next: number): boolean {
  return next === last + 1 || (next === 0 && last === producerSequenceMax);
}

/** The headers of the whole batches in a buffer of log bytes (for replay from segment reads). */
export function* batchHeadersOf(buf: Buffer): Generator<RecordBatchHeader> {
  for (const [pos] of batchPositions(buf)) yield readBatchHeader(buf, pos);
}

function isIdempotentDataBatch(header: RecordBatchHeader): boolean {
  // producerId -1 covers kafkajs, which writes epoch 0 / sequence 0 with no producer id.
  return header.producerId >= 0 && (header.attributes & BatchAttributes.control) === 0;
}

function cloneEntry(e: ProducerSnapshotEntry): ProducerEntry {
  return { ...e, batches: e.batches.map((b) => ({ ...b })) };
}

/** What the sequence check needs of a producer: committed, or staged by an earlier batch of the append. */
interface StagedProducer {
  epoch: number;
  lastSequence: number;
}

function findDuplicate(
  entry: ProducerEntry,
  header: RecordBatchHeader,
  lastSeq: number,
): ProducerCheck | undefined {
  if (header.producerEpoch !== entry.epoch) return undefined;
  for (const b of entry.batches) {
    if (b.firstSeq === header.baseSequence && b.lastSeq === lastSeq) {
      return { kind: 'duplicate', baseOffset: b.firstOffset, lastOffset: b.lastOffset };
    }
  }
  return undefined;
}

/** Kafka 3.8's checkProducerEpoch + checkSequence for a client append by a producer with state. */
function checkSequence(current: StagedProducer, header: RecordBatchHeader): void {
  const { producerId, producerEpoch: epoch, baseSequence } = header;
  if (epoch < current.epoch) {
    // Kafka >= 2.7 answers INVALID_PRODUCER_EPOCH here (not PRODUCER_FENCED) so the client can abort and retry.
    throw new KafkaError(
      ErrorCode.INVALID_PRODUCER_EPOCH,
      `producer ${producerId}: epoch ${epoch} is older than the current epoch ${current.epoch}`,
    );
  }
  if (epoch > current.epoch) {
    if (baseSequence === 0) return;
    throw new KafkaError(
      ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
      `producer ${producerId}: new epoch ${epoch} must start at sequence 0, got ${baseSequence}`,
    );
  }
  if (!inSequence(current.lastSequence, baseSequence)) {
    throw new KafkaError(
      ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
      `producer ${producerId} epoch ${epoch}: sequence ${baseSequence} does not follow ${current.lastSequence}`,
    );
  }
}

export class ProducerStateManager {
  readonly dir: string;
  readonly producerIdExpirationMs: number;
  readonly snapshotsRetained: number;
  /** Snapshot offsets on disk, ascending, once listed (undefined: list the directory next time). */
  private knownSnapshots: number[] | undefined;
  readonly stats: ProducerStateStats = { corruptSnapshots: 0, expiredProducers: 0, snapshotsWritten: 0 };
  private readonly fs: FileSystem;
  private readonly clock: Clock;
  private readonly onCorruptSnapshot: ((path: string, error: unknown) => void) | undefined;
  private readonly producers = new Map<number, ProducerEntry>();
  /** Every batch below this offset is reflected in the state; the next snapshot is named by it. */
  private mapEnd = 0;

  constructor(options: ProducerStateManagerOptions) {
    this.fs = options.fs;
    this.dir = options.dir;
    this.clock = options.clock;
    this.producerIdExpirationMs = options.producerIdExpirationMs ?? producerIdExpirationMsDefault;
    this.snapshotsRetained = options.snapshotsRetained ?? producerSnapshotsRetainedDefault;
    this.onCorruptSnapshot = options.onCorruptSnapshot;
    if (!Number.isSafeInteger(this.producerIdExpirationMs) || this.producerIdExpirationMs < 1) {
      throw new KafkaError(
        ErrorCode.INVALID_CONFIG,
        `producer.id.expiration.ms must be a positive integer, got ${this.producerIdExpirationMs}`,
      );
    }
    if (!Number.isSafeInteger(this.snapshotsRetained) || this.snapshotsRetained < 1) {
      throw new KafkaError(
        ErrorCode.INVALID_CONFIG,
        `snapshotsRetained must be >= 1, got ${this.snapshotsRetained}`,
      );
    }
  }

  /** The offset up to which the state is derived from the log. */
  get mapEndOffset(): number {
    return this.mapEnd;
  }

  get producerCount(): number {
    return this.producers.size;
  }

  /** A copy of one producer's state, or undefined when it has none (new or expired). */
  entry(producerId: number): ProducerEntry | undefined {
    const e = this.producers.get(producerId);
    return e === undefined ? undefined : cloneEntry(e);
  }

  /**
   * Validates a batch before it is appended; changes nothing. Returns 'duplicate' with the original
   * offsets for a retry of one of the 5 cached batches; throws OUT_OF_ORDER_SEQUENCE_NUMBER or
   * INVALID_PRODUCER_EPOCH. As in Kafka 3.8 (KIP-360), a producer with no state here (new, or
   * expired / removed with its data) may start at any sequence: UNKNOWN_PRODUCER_ID is not returned.
   */
  checkBatch(header: RecordBatchHeader): ProducerCheck {
    return this.checkBatches([header]);
  }

  /**
   * Validates the batches of one append (in order, as one write); changes nothing. Each batch's
   * epoch and sequence are checked against the state as the earlier batches of the same append
   * would leave it (Kafka's ProducerAppendInfo); duplicates are looked up in the committed state,
   * and the first one found answers the whole append, which then appends nothing (as Kafka).
   */
  checkBatches(headers: readonly RecordBatchHeader[]): ProducerCheck {
    let staged: Map<number, StagedProducer> | undefined;
    for (const header of headers) {
      if (!isIdempotentDataBatch(header)) continue;
      const { producerId, baseSequence } = header;
      if (baseSequence < 0 || header.lastOffsetDelta < 0) {
        throw new KafkaError(
          ErrorCode.INVALID_RECORD,
          `producer ${producerId} sent sequence ${baseSequence} with lastOffsetDelta ${header.lastOffsetDelta}`,
        );
      }
      const lastSeq = incrementSequence(baseSequence, header.lastOffsetDelta);
      const committed = this.producers.get(producerId);
      const duplicate = committed === undefined ? undefined : findDuplicate(committed, header, lastSeq);
      if (duplicate !== undefined) return duplicate;
      const current = staged?.get(producerId) ?? committed;
      if (current !== undefined) checkSequence(current, header);
      staged ??= new Map();
      staged.set(producerId, { epoch: header.producerEpoch, lastSequence: lastSeq });
    }
    return appendVerdict;
  }

  /** Records a batch the log has written, with its assigned offsets. Call only after a successful append. */
  onBatchAppended(header: RecordBatchHeader): void {
    // Appends come in offset order; one below the state's end means the caller lost track of the log.
    if (header.baseOffset < this.mapEnd) {
      throw new KafkaError(
        ErrorCode.UNKNOWN_SERVER_ERROR,
        `producer state: batch at ${header.baseOffset} is below the state's end offset ${this.mapEnd}`,
      );
    }
    this.apply(header, this.clock.now());
  }

  /**
   * Replays batch headers (in offset order) into the state, skipping those already reflected
   * (below mapEndOffset) and stopping at `endOffset`. No sequence checks: the log is the truth.
   */
  loadFromLog(batches: Iterable<RecordBatchHeader>, endOffset = Number.MAX_SAFE_INTEGER): void {
    for (const header of batches) {
      if (header.baseOffset >= endOffset) break;
      if (header.baseOffset + header.lastOffsetDelta < this.mapEnd) continue;
      this.apply(header, header.maxTimestamp);
    }
  }

  /**
   * Records that the log holds everything below `offset` even though no tracked batch ends there
   * (producerId -1 batches never touch the state), so a snapshot taken now is named by the log end.
   */
  advanceTo(offset: number): void {
    if (offset > this.mapEnd) this.mapEnd = offset;
  }

  private apply(header: RecordBatchHeader, batchTimestamp: number): void {
    // A batch without a timestamp (-1, replayed from the log) counts as written now: expiring its
    // producer at once would let a retry of an acknowledged batch be written a second time.
    const timestamp = batchTimestamp >= 0 ? batchTimestamp : this.clock.now();
    const lastOffset = header.baseOffset + header.lastOffsetDelta;
    this.mapEnd = lastOffset + 1;
    if (!isIdempotentDataBatch(header)) return;
    const { producerId, producerEpoch: epoch, baseSequence } = header;
    let entry = this.producers.get(producerId);
    if (entry === undefined) {
      entry = { producerId, epoch, lastSequence: -1, lastOffset: -1, lastTimestamp: timestamp, batches: [] };
      this.producers.set(producerId, entry);
    }
    // A new epoch starts a new sequence space: the old epoch's batches can no longer be duplicates.
    if (epoch !== entry.epoch) {
      entry.epoch = epoch;
      entry.batches = [];
    }
    const lastSeq = incrementSequence(baseSequence, header.lastOffsetDelta);
    entry.batches.push({
      firstSeq: baseSequence,
      lastSeq,
      firstOffset: header.baseOffset,
      lastOffset,
      maxTimestamp: header.maxTimestamp,
    });
    if (entry.batches.length > producerBatchesRetainedMax) entry.batches.shift();
    entry.lastSequence = lastSeq;
    entry.lastOffset = lastOffset;
    entry.lastTimestamp = timestamp;
  }

  /** Forgets producers without writes for producer.id.expiration.ms; returns how many. */
  removeExpiredProducers(nowMs = this.clock.now()): number {
    let removed = 0;
    for (const [id, entry] of this.producers) {
      if (nowMs - entry.lastTimestamp >= this.producerIdExpirationMs) {
        this.producers.delete(id);
        removed++;
      }
    }
    this.stats.expiredProducers += removed;
    return removed;
  }

  /** Writes `<mapEndOffset>.snapshot` and deletes all but the newest `snapshotsRetained`; returns its path. */
  takeSnapshot(): string {
    const entries: ProducerSnapshotEntry[] = [...this.producers.values()]
      .sort((a, b) => a.producerId - b.producerId)
      .map((e) => cloneEntry(e));
    const path = writeProducerSnapshot(this.fs, this.dir, this.mapEnd, entries);
    this.stats.snapshotsWritten++;
    // The files on disk are listed once, then tracked here: a log rolling thousands of segments must
    // not list its directory on every roll.
    const offsets = (this.knownSnapshots ??= listProducerSnapshots(this.fs, this.dir));
    if (!offsets.includes(this.mapEnd)) {
      offsets.push(this.mapEnd);
      offsets.sort((a, b) => a - b);
    }
    const doomed = offsets.splice(0, Math.max(0, offsets.length - this.snapshotsRetained));
    for (const offset of doomed) this.fs.unlink(producerSnapshotPath(this.dir, offset));
    return path;
  }

  /** Offsets of the snapshot files on disk, ascending. */
  snapshotOffsets(): number[] {
    return listProducerSnapshots(this.fs, this.dir);
  }

  /**
   * Rebuilds the state for a log holding [logStartOffset, logEndOffset): deletes snapshots above
   * logEndOffset, loads the newest valid snapshot at or below it (corrupt ones are reported,
   * counted, deleted, and the next older one tried), replays the log from there, and drops
   * producers whose last write is below logStartOffset (their data is gone, as in Kafka).
   */
  recover(source: BatchHeaderSource, logEndOffset: number, logStartOffset = 0): void {
    this.knownSnapshots = undefined;
    this.deleteSnapshotsAbove(logEndOffset);
    this.producers.clear();
    this.mapEnd = logStartOffset;
    const offsets = listProducerSnapshots(this.fs, this.dir);
    for (let i = offsets.length - 1; i >= 0; i--) {
      const offset = offsets[i]!;
      const path = producerSnapshotPath(this.dir, offset);
      let entries: ProducerSnapshotEntry[];
      try {
        entries = readProducerSnapshot(this.fs, this.dir, offset);
      } catch (error) {
        // Only a snapshot that fails its checks is discarded; an I/O error is the disk's problem
        // and must surface (as KAFKA_STORAGE_ERROR upstream), not silently cost us the file.
        if (!(error instanceof KafkaError) || error.code !== ErrorCode.CORRUPT_MESSAGE) throw error;
        this.stats.corruptSnapshots++;
        this.onCorruptSnapshot?.(path, error);
        this.fs.unlink(path);
        continue;
      }
      for (const e of entries) this.producers.set(e.producerId, cloneEntry(e));
      this.mapEnd = Math.max(offset, logStartOffset);
      break;
    }
    for (const [id, entry] of this.producers) {
      if (entry.lastOffset < logStartOffset) this.producers.delete(id);
    }
    this.loadFromLog(source(this.mapEnd), logEndOffset);
    // The log may end before the state's end only when it ends exactly at a batch boundary at or
    // above mapEnd; either way the next append starts at logEndOffset.
    this.mapEnd = Math.max(this.mapEnd, logEndOffset);
  }

  /**
   * The log was truncated to `offset` (everything at or above it removed): drops the state derived
   * from the removed batches by reloading from the newest snapshot at or below `offset` and
   * replaying the remaining log. Simple and correct; truncation is rare (leader change).
   */
  truncateTo(offset: number, source: BatchHeaderSource, logStartOffset = 0): void {
    this.recover(source, offset, logStartOffset);
  }

  /** The whole log was replaced and now starts (and ends) at `offset`: no producer state survives. */
  truncateFullyAndStartAt(offset: number): void {
    this.knownSnapshots = undefined;
    for (const o of listProducerSnapshots(this.fs, this.dir))
      this.fs.unlink(producerSnapshotPath(this.dir, o));
    this.producers.clear();
    this.mapEnd = offset;
  }

  private deleteSnapshotsAbove(offset: number): void {
    this.knownSnapshots = undefined;
    for (const o of listProducerSnapshots(this.fs, this.dir)) {
      if (o > offset) this.fs.unlink(producerSnapshotPath(this.dir, o));
    }
  }
}
