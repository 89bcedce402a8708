import type { FileSystem } from '../io/index.ts';
import { readInt64, writeInt64 } from '../records/index.ts';
import { AbstractIndex, CorruptIndexError, initialIndexCapacity } from './abstract-index.ts';
import { assert } from './storage-error.ts';

/** One entry: timestamp int64 + relative offset int32, as Kafka's `.timeindex`. */
export const timeIndexEntryBytes = 12;

/** A timestamp and the offset of the record that carries it. */
export interface TimestampOffset {
  timestamp: number;
  offset: number;
}

/**
 * A segment's sparse time index. An entry (T, O) says: the largest timestamp among records up to
 * offset O is T. Timestamps only increase from entry to entry. Kept in typed arrays like the offset
 * index; the `.timeindex` file is written as entries are added.
 */
export class TimeIndex extends AbstractIndex {
  private timestamps = new Float64Array(initialIndexCapacity);
  private relOffsets = new Int32Array(initialIndexCapacity);

  constructor(fs: FileSystem, path: string, baseOffset: number, maxIndexBytes: number) {
    super(fs, path, baseOffset, maxIndexBytes, timeIndexEntryBytes);
  }

  /** The last entry, or undefined when empty. */
  lastEntry(): TimestampOffset | undefined {
    if (this.count === 0) return undefined;
    return {
      timestamp: this.timestamps[this.count - 1]!,
      offset: this.baseOffset + this.relOffsets[this.count - 1]!,
    };
  }

  load(): void {
    const bytes = this.readIndexFile();
    const n = bytes.length / timeIndexEntryBytes;
    let prevTs = Number.NEGATIVE_INFINITY;
    let prevRel = -1;
    for (let i = 0; i < n; i++) {
      const ts = readInt64(bytes, i * timeIndexEntryBytes);
      const rel = bytes.readInt32BE(i * timeIndexEntryBytes + 8);
      if (ts <= prevTs || rel < prevRel) throw new CorruptIndexError(this.path, `entry ${i} out of order`);
      this.timestamps[i] = ts;
      this.relOffsets[i] = rel;
      prevTs = ts;
      prevRel = rel;
    }
    this.loaded(n);
  }

  /** Adds (timestamp, offset) when the timestamp is newer than the last entry's, as Kafka does. */
  maybeAppend(timestamp: number, offset: number): void {
    if (this.count > 0 && timestamp <= this.timestamps[this.count - 1]!) return;
    assert(this.count < this.maxEntries, 'time index has room');
    const rel = offset - this.baseOffset;
    this.ensureCapacity(this.count + 1);
    this.timestamps[this.count] = timestamp;
    this.relOffsets[this.count] = rel;
    this.count++;
  }

  /**
   * An offset to start scanning from for the first record with timestamp >= `timestamp`: the offset of
   * the last entry whose timestamp is below it (every record up to there is older), else the base offset.
   */
  lookupStartOffset(timestamp: number): number {
    let lo = 0;
    let hi = this.count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timestamps[mid]! < timestamp) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? this.baseOffset : this.baseOffset + this.relOffsets[found]!;
  }

  /** Drops entries at or after `offset`. */
  truncateToOffset(offset: number): void {
    let n = this.count;
    while (n > 0 && this.baseOffset + this.relOffsets[n - 1]! >= offset) n--;
    this.truncateToEntries(n);
  }

  protected encodeEntries(out: Buffer, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const at = (i - from) * timeIndexEntryBytes;
      writeInt64(out, at, this.timestamps[i]!);
      out.writeInt32BE(this.relOffsets[i]!, at + 8);
    }
  }

  protected resize(cap: number): void {
    const ts = new Float64Array(cap);
    ts.set(this.timestamps.subarray(0, this.count));
    const rel = new Int32Array(cap);
    rel.set(this.relOffsets.subarray(0, this.count));
    this.timestamps = ts;
    this.relOffsets = rel;
  }
}
