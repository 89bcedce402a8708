import type { Headers } from '../../core/serdes/index.ts';
import type { RecordMetadata } from '../processor/processor.ts';

/** Kafka's default `statestore.cache.max.bytes`: 10 MiB per application instance. */
export const defaultCacheMaxBytes = 10 * 1024 * 1024;

/**
 * What an entry costs beyond its key and value bytes (Kafka counts the entry's record context:
 * offset, timestamp, partition, flags); the figure only has to be stable, not exact.
 */
export const cacheEntryOverheadBytes = 64;

/** One cached update: the latest bytes of a key and the context of the record that wrote them. */
export interface CacheEntry {
  readonly key: Buffer;
  /** Null: the key was deleted (a tombstone waiting to be flushed). */
  value: Buffer | null;
  /** Not yet written to the store below (and not yet forwarded). */
  dirty: boolean;
  timestamp: number;
  headers: Headers;
  metadata: RecordMetadata | null;
  size: number;
}

/**
 * The record cache of one application instance (Kafka's ThreadCache; here one per instance, shared
 * by its threads and tasks, since they all run on one JS thread): a byte budget over the named caches
 * of every caching store. A put that takes the total over `maxBytes` evicts least recently used
 * entries of the cache it wrote to, as Kafka does; evicting a dirty entry flushes that cache's dirty
 * entries (Kafka's NamedCache.evict).
 */
export class RecordCache {
  readonly maxBytes: number;
  private size = 0;

  constructor(maxBytes: number = defaultCacheMaxBytes) {
    if (!Number.isInteger(maxBytes) || maxBytes < 0)
      throw new RangeError(`statestore.cache.max.bytes must be an integer >= 0, got ${maxBytes}`);
    this.maxBytes = maxBytes;
  }

  /** Bytes the cached entries of every store take now. */
  get sizeBytes(): number {
    return this.size;
  }

  /**
   * A cache for one store of one task; `onFlush` receives its dirty entries, oldest update first,
   * whenever it flushes (commit, or an eviction of a dirty entry).
   */
  namedCache(name: string, onFlush: (entries: readonly CacheEntry[]) => void): NamedCache {
    return new NamedCache(this, name, onFlush);
  }

  /** @internal */
  adjust(delta: number): void {
    this.size += delta;
  }

  /** @internal Evicts from `cache` (least recently used first) until the budget holds or it is empty. */
  maybeEvict(cache: NamedCache): void {
    while (this.size > this.maxBytes && cache.size > 0) cache.evictEldest();
  }
}

/**
 * The cache of one store (Kafka's NamedCache): entries by key bytes in least-recently-used order,
 * and the dirty keys in the order of their latest update, which is the order a flush writes them in.
 */
export class NamedCache {
  readonly name: string;
  private readonly parent: RecordCache;
  private readonly onFlush: (entries: readonly CacheEntry[]) => void;
  /** Insertion order is recency: the first entry is the least recently used. */
  private readonly entries = new Map<string, CacheEntry>();
  private readonly dirtyKeys = new Set<string>();
  private bytes = 0;
  private closed = false;

  constructor(parent: RecordCache, name: string, onFlush: (entries: readonly CacheEntry[]) => void) {
    this.parent = parent;
    this.name = name;
    this.onFlush = onFlush;
  }

  /** The map key of some key bytes (latin1 keeps one char per byte, so distinct bytes stay distinct). */
  static idOf(key: Buffer): string {
    return key.toString('latin1');
  }

  get size(): number {
    return this.entries.size;
  }
  get sizeBytes(): number {
    return this.bytes;
  }
  get dirtyCount(): number {
    return this.dirtyKeys.size;
  }

  /** The entry of `id`, made most recently used; undefined on a miss. */
  get(id: string): CacheEntry | undefined {
    const entry = this.entries.get(id);
    if (entry !== undefined && this.entries.size > 1) {
      this.entries.delete(id);
      this.entries.set(id, entry);
    }
    return entry;
  }

  /** Writes a dirty entry (most recently used, last in flush order), then evicts if over budget. */
  put(
    id: string,
    key: Buffer,
    value: Buffer | null,
    timestamp: number,
    headers: Headers,
    metadata: RecordMetadata | null,
  ): void {
    const size = key.length + (value === null ? 0 : value.length) + cacheEntryOverheadBytes;
    const existing = this.entries.get(id);
    if (existing !== undefined) {
      this.entries.delete(id);
      this.account(size - existing.size);
      existing.value = value;
      existing.dirty = true;
      existing.timestamp = timestamp;
      existing.headers = headers;
      existing.metadata = metadata;
      existing.size = size;
      this.entries.set(id, existing);
      this.dirtyKeys.delete(id);
    } else {
      this.entries.set(id, { key, value, dirty: true, timestamp, headers, metadata, size });
      this.account(size);
    }
    this.dirtyKeys.add(id);
    this.parent.maybeEvict(this);
  }

  /** Cached entries (clean and dirty) in no particular order, for range reads. */
  values(): IterableIterator<CacheEntry> {
    return this.entries.values();
  }

  /** Writes every dirty entry through `onFlush`; deleted keys then leave the cache, others stay clean. */
  flush(): void {
    this.flushWith(undefined);
  }

  /** @internal Drops the least recently used entry; a dirty one flushes first, with the other dirty ones. */
  evictEldest(): void {
    const first = this.entries.entries().next();
    if (first.done === true) return;
    const [id, entry] = first.value;
    this.entries.delete(id);
    this.account(-entry.size);
    if (entry.dirty) {
      this.dirtyKeys.delete(id);
      this.flushWith(entry);
    }
  }

  /** Forgets everything without flushing (the store closed; a crashed task's updates are replayed). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.account(-this.bytes);
    this.entries.clear();
    this.dirtyKeys.clear();
  }

  private account(delta: number): void {
    this.bytes += delta;
    this.parent.adjust(delta);
  }

  private flushWith(evicted: CacheEntry | undefined): void {
    if (evicted === undefined && this.dirtyKeys.size === 0) return;
    const batch: CacheEntry[] = [];
    if (evicted !== undefined) {
      evicted.dirty = false;
      batch.push(evicted);
    }
    const deleted: string[] = [];
    for (const id of this.dirtyKeys) {
      const entry = this.entries.get(id)!;
      entry.dirty = false;
      batch.push(entry);
      if (entry.value === null) deleted.push(id);
    }
    this.dirtyKeys.clear();
    for (const id of deleted) {
      const entry = this.entries.get(id)!;
      this.entries.delete(id);
      this.account(-entry.size);
    }
    this.onFlush(batch);
  }
}
