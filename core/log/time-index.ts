import type { FileHandle, FileSystem } from '../io/index.ts';
import { readInt64, writeInt64 } from '../records/index.ts';
import { CorruptIndexError } from './offset-index.ts';
import { assert } from './storage-error.ts';

/** One entry: timestamp int64 + relative offset int32, as Kafka's `.timeindex`. */
export const timeIndexEntryBytes = 12;
const initialCapacity = 16;

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
export class TimeIndex {
  readonly path: string;
  readonly baseOffset: number;
  readonly maxEntries: number;
  private readonly fs: FileSystem;
  private timestamps = new Float64Array(initialCapacity);
  private relOffsets = new Int32Array(initialCapacity);
  private count = 0;
  private handle: FileHandle | undefined;
  /** Entries already written to the file; the rest are written in one call at the next sync or close. */
  private persisted = 0;

  constructor(fs: FileSystem, path: string, baseOffset: number, maxIndexBytes: number) {
    this.fs = fs;
    this.path = path;
    this.baseOffset = baseOffset;
    this.maxEntries = Math.max(1, Math.floor(maxIndexBytes / timeIndexEntryBytes));
  }

  get entries(): number {
    return this.count;
  }

  isFull(): boolean {
    return this.count >= this.maxEntries;
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
    const bytes = this.fs.readFile(this.path);
    if (bytes.length % timeIndexEntryBytes !== 0)
      throw new CorruptIndexError(this.path, `size ${bytes.length}`);
    const n = bytes.length / timeIndexEntryBytes;
    if (n > this.maxEntries) throw new CorruptIndexError(this.path, `${n} entries exceed ${this.maxEntries}`);
    this.count = 0;
    this.ensureCapacity(n);
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
    this.count = n;
    this.persisted = n;
  }

  openForWrite(): void {
    if (this.handle === undefined) this.handle = this.fs.open(this.path, 'create');
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

  truncateToEntries(n: number): void {
    if (n < this.persisted) {
      const handle = this.handle ?? this.fs.open(this.path, 'create');
      try {
        handle.truncate(n * timeIndexEntryBytes);
        if (this.handle === undefined) handle.sync();
      } finally {
        if (this.handle === undefined) handle.close();
      }
      this.persisted = n;
    }
    this.count = Math.min(this.count, n);
  }

  reset(): void {
    this.truncateToEntries(0);
  }

  /** Starts an empty index file (a new segment), replacing any stale one, and keeps it open. */
  createEmpty(): void {
    this.close();
    this.handle = this.fs.open(this.path, 'truncate');
    this.count = 0;
    this.persisted = 0;
  }

  /** Writes the entries added since the last call, with one write. */
  persist(): void {
    if (this.count === this.persisted) return;
    this.openForWrite();
    const out = Buffer.allocUnsafe((this.count - this.persisted) * timeIndexEntryBytes);
    for (let i = this.persisted; i < this.count; i++) {
      const at = (i - this.persisted) * timeIndexEntryBytes;
      writeInt64(out, at, this.timestamps[i]!);
      out.writeInt32BE(this.relOffsets[i]!, at + 8);
    }
    this.handle!.write(out, this.persisted * timeIndexEntryBytes);
    this.persisted = this.count;
  }

  /** Writes pending entries and makes the file durable. */
  sync(): void {
    this.persist();
    this.handle?.sync();
  }

  close(): void {
    this.persist();
    if (this.handle === undefined) return;
    const h = this.handle;
    this.handle = undefined;
    h.close();
  }

  private ensureCapacity(n: number): void {
    if (n <= this.timestamps.length) return;
    const cap = Math.max(n, this.timestamps.length * 2);
    const ts = new Float64Array(cap);
    ts.set(this.timestamps.subarray(0, this.count));
    const rel = new Int32Array(cap);
    rel.set(this.relOffsets.subarray(0, this.count));
    this.timestamps = ts;
    this.relOffsets = rel;
  }
}
