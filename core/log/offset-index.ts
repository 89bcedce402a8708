import type { FileSystem } from '../io/index.ts';
import { AbstractIndex, CorruptIndexError, initialIndexCapacity } from './abstract-index.ts';
import { assert } from './storage-error.ts';

export { CorruptIndexError } from './abstract-index.ts';

/** One entry: relative offset int32 + byte position int32, as Kafka's `.index`. */
export const offsetIndexEntryBytes = 8;

/**
 * A segment's sparse offset index. Entries map the last offset of a batch to the byte position where
 * that batch starts. They live in typed arrays, so lookups are binary searches with no file reads;
 * the `.index` file is written as entries are added and read back only when the segment is loaded.
 */
export class OffsetIndex extends AbstractIndex {
  private relOffsets = new Int32Array(initialIndexCapacity);
  /**
   * What lookups search: the relative *base* offset of the indexed batch when known (entries added in
   * this process), else its last offset as stored in the file (entries loaded from disk). Searching
   * base offsets lands on the batch holding the target instead of the one before it, so a read
   * starts at the right batch; both keys increase, so mixing them keeps the array sorted.
   */
  private lookupKeys = new Int32Array(initialIndexCapacity);
  private positions = new Int32Array(initialIndexCapacity);

  constructor(fs: FileSystem, path: string, baseOffset: number, maxIndexBytes: number) {
    super(fs, path, baseOffset, maxIndexBytes, offsetIndexEntryBytes);
  }

  /** Offset of the last entry, or the base offset when empty. */
  lastOffset(): number {
    return this.count === 0 ? this.baseOffset : this.baseOffset + this.relOffsets[this.count - 1]!;
  }

  lastPosition(): number {
    return this.count === 0 ? 0 : this.positions[this.count - 1]!;
  }

  /** Reads the file into memory, checking it is well formed for a log of `logSize` bytes. */
  load(logSize: number): void {
    const bytes = this.readIndexFile();
    const n = bytes.length / offsetIndexEntryBytes;
    let prevRel = -1;
    let prevPos = -1;
    for (let i = 0; i < n; i++) {
      const rel = bytes.readInt32BE(i * offsetIndexEntryBytes);
      const pos = bytes.readInt32BE(i * offsetIndexEntryBytes + 4);
      if (rel <= prevRel || pos <= prevPos || pos >= logSize) {
        throw new CorruptIndexError(this.path, `entry ${i} (${rel}, ${pos}) out of order or past the log`);
      }
      this.relOffsets[i] = rel;
      this.lookupKeys[i] = rel;
      this.positions[i] = pos;
      prevRel = rel;
      prevPos = pos;
    }
    this.loaded(n);
  }

  /**
   * Adds an entry: the batch at `position` ends at `offset` (Kafka's format) and starts at
   * `batchBaseOffset`. Offsets and positions must increase. In memory now, in the file at the next
   * sync or close (so an append stays one write; after a crash recovery rebuilds unflushed indexes).
   */
  append(offset: number, position: number, batchBaseOffset = offset): void {
    const rel = offset - this.baseOffset;
    assert(this.count === 0 || rel > this.relOffsets[this.count - 1]!, 'index offsets increase');
    assert(this.count < this.maxEntries, 'index has room');
    this.ensureCapacity(this.count + 1);
    this.relOffsets[this.count] = rel;
    this.lookupKeys[this.count] = batchBaseOffset - this.baseOffset;
    this.positions[this.count] = position;
    this.count++;
  }

  /** Position of the batch to start scanning at for `offset`: the greatest entry with offset <= `offset`. */
  lookup(offset: number): number {
    const i = this.floorIndex(offset - this.baseOffset);
    return i < 0 ? 0 : this.positions[i]!;
  }

  /** Drops every entry whose batch starts at or after `position` (the log is cut there). */
  truncateToPosition(position: number): void {
    let n = this.count;
    while (n > 0 && this.positions[n - 1]! >= position) n--;
    this.truncateToEntries(n);
  }

  protected encodeEntries(out: Buffer, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const at = (i - from) * offsetIndexEntryBytes;
      out.writeInt32BE(this.relOffsets[i]!, at);
      out.writeInt32BE(this.positions[i]!, at + 4);
    }
  }

  private floorIndex(rel: number): number {
    let lo = 0;
    let hi = this.count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.lookupKeys[mid]! <= rel) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  protected resize(cap: number): void {
    const rel = new Int32Array(cap);
    rel.set(this.relOffsets.subarray(0, this.count));
    const keys = new Int32Array(cap);
    keys.set(this.lookupKeys.subarray(0, this.count));
    const pos = new Int32Array(cap);
    pos.set(this.positions.subarray(0, this.count));
    this.relOffsets = rel;
    this.lookupKeys = keys;
    this.positions = pos;
  }
}
