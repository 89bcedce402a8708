import type { FileHandle, FileSystem } from '../io/index.ts';

/** Length of a new index's arrays. */
export const initialIndexCapacity = 16;

/** The sparse index does not describe the log (bad size, entries out of order): rebuild it from the log. */
export class CorruptIndexError extends Error {
  constructor(path: string, reason: string) {
    super(`corrupt index ${path}: ${reason}`);
    this.name = 'CorruptIndexError';
  }
}

/**
 * The file mechanics shared by a segment's sparse indexes (Kafka's AbstractIndex): fixed-size
 * entries held in typed arrays by the subclass, a file that is written as entries are added (in one
 * write at the next sync or close), truncated with the log and read back only when the segment is
 * loaded. Subclasses own their arrays, their entry layout, appends, lookups and load checks.
 */
export abstract class AbstractIndex {
  readonly path: string;
  readonly baseOffset: number;
  readonly maxEntries: number;
  private readonly fs: FileSystem;
  private readonly entryBytes: number;
  protected count = 0;
  /** Length of the subclass's arrays; they grow through `resize`. */
  private capacity = initialIndexCapacity;
  private handle: FileHandle | undefined;
  /** Entries already written to the file; the rest are written in one call at the next sync or close. */
  private persisted = 0;

  constructor(fs: FileSystem, path: string, baseOffset: number, maxIndexBytes: number, entryBytes: number) {
    this.fs = fs;
    this.path = path;
    this.baseOffset = baseOffset;
    this.entryBytes = entryBytes;
    this.maxEntries = Math.max(1, Math.floor(maxIndexBytes / entryBytes));
  }

  get entries(): number {
    return this.count;
  }

  isFull(): boolean {
    return this.count >= this.maxEntries;
  }

  /**
   * Reads the file, checks its size, empties the index and makes room for its entries; the subclass
   * decodes and checks them, then calls `loaded`.
   */
  protected readIndexFile(): Buffer {
    const bytes = this.fs.readFile(this.path);
    if (bytes.length % this.entryBytes !== 0) throw new CorruptIndexError(this.path, `size ${bytes.length}`);
    const n = bytes.length / this.entryBytes;
    if (n > this.maxEntries) throw new CorruptIndexError(this.path, `${n} entries exceed ${this.maxEntries}`);
    this.count = 0;
    this.ensureCapacity(n);
    return bytes;
  }

  /** The `n` entries read by `readIndexFile` are in the arrays and in the file. */
  protected loaded(n: number): void {
    this.count = n;
    this.persisted = n;
  }

  /** Opens the file for appending entries (the active segment keeps it open). */
  openForWrite(): void {
    if (this.handle === undefined) this.handle = this.fs.open(this.path, 'create');
  }

  truncateToEntries(n: number): void {
    if (n < this.persisted) {
      const handle = this.handle ?? this.fs.open(this.path, 'create');
      try {
        handle.truncate(n * this.entryBytes);
        if (this.handle === undefined) handle.sync();
      } finally {
        if (this.handle === undefined) handle.close();
      }
      this.persisted = n;
    }
    this.count = Math.min(this.count, n);
  }

  /** Discards every entry (before a rebuild). */
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
    const out = Buffer.allocUnsafe((this.count - this.persisted) * this.entryBytes);
    this.encodeEntries(out, this.persisted, this.count);
    this.handle!.write(out, this.persisted * this.entryBytes);
    this.persisted = this.count;
  }

  /** Writes pending entries and makes the file durable. */
  sync(): void {
    this.persist();
    this.handle?.sync();
  }

  /** Closes the file; the entries stay in memory for lookups. */
  close(): void {
    this.persist();
    if (this.handle === undefined) return;
    const h = this.handle;
    this.handle = undefined;
    h.close();
  }

  protected ensureCapacity(n: number): void {
    if (n <= this.capacity) return;
    const cap = Math.max(n, this.capacity * 2);
    this.resize(cap);
    this.capacity = cap;
  }

  /** Encodes entries `from` (inclusive) to `to` (exclusive) into `out`, the first at byte 0, in the file's layout. */
  protected abstract encodeEntries(out: Buffer, from: number, to: number): void;

  /** Replaces the arrays by ones of length `capacity` holding the first `count` entries. */
  protected abstract resize(capacity: number): void;
}
