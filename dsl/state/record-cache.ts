import type { Headers } from '../../core/serdes/index.ts';
import type { RecordMetadata } from '../processor/processor.ts';
import { bytesId } from './in-memory-key-value-bytes-store.ts';

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
  readonly value: Buffer | null;
  /** Not yet written to the store below (and not yet forwarded). */
  readonly dirty: boolean;
  readonly timestamp: number;
  readonly headers: Headers;
  readonly metadata: RecordMetadata | null;
  /**
   * The immutable typed value these bytes were serialized from, when the typed store above knows it
   * (undefined otherwise): a read of the entry can skip deserializing.
   */
  readonly typed: unknown;
}

/**
 * A cache entry with its places in two intrusive doubly linked lists: recency (every entry) and
 * flush order (dirty entries), so moving an entry to the back of either is a few pointer writes,
 * not a re-insertion into a hash map (Kafka's NamedCache keeps the same two orders).
 */
class Node implements CacheEntry {
  readonly id: string;
  readonly key: Buffer;
  value: Buffer | null;
  dirty = true;
  timestamp: number;
  headers: Headers;
  /**
   * The record context's metadata as values, not the caller's object: an entry lives long, and
   * keeping a fresh object per update alive would make every young-generation collection copy it.
   */
  private metaTopic: string | null = null;
  private metaPartition = 0;
  private metaOffset = 0;
  size: number;
  typed: unknown;
  olderLru: Node | null = null;
  newerLru: Node | null = null;
  olderDirty: Node | null = null;
  newerDirty: Node | null = null;

  constructor(
    id: string,
    key: Buffer,
    value: Buffer | null,
    timestamp: number,
    headers: Headers,
    metadata: RecordMetadata | null,
    size: number,
    typed: unknown,
  ) {
    this.id = id;
    this.typed = typed;
    this.key = key;
    this.value = value;
    this.timestamp = timestamp;
    this.headers = headers;
    this.setMetadata(metadata);
    this.size = size;
  }

  get metadata(): RecordMetadata | null {
    const topic = this.metaTopic;
    return topic === null ? null : { topic, partition: this.metaPartition, offset: this.metaOffset };
  }

  setMetadata(metadata: RecordMetadata | null): void {
    if (metadata === null) {
      this.metaTopic = null;
      return;
    }
    this.metaTopic = metadata.topic;
    this.metaPartition = metadata.partition;
    this.metaOffset = metadata.offset;
  }
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
  private readonly entries = new Map<string, Node>();
  /** Least and most recently used entries. */
  private lruHead: Node | null = null;
  private lruTail: Node | null = null;
  /** Oldest and newest dirty entries (flush order). */
  private dirtyHead: Node | null = null;
  private dirtyTail: Node | null = null;
  private dirtyEntries = 0;
  private bytes = 0;
  private closed = false;
  /** The entry the last `get` found: an aggregation's write of the same key skips a second look-up. */
  private lastGot: Node | undefined;

  constructor(parent: RecordCache, name: string, onFlush: (entries: readonly CacheEntry[]) => void) {
    this.parent = parent;
    this.name = name;
    this.onFlush = onFlush;
  }

  /** The map key of some key bytes (latin1 keeps one char per byte, so distinct bytes stay distinct). */
  static idOf(key: Buffer): string {
    return bytesId(key);
  }

  get size(): number {
    return this.entries.size;
  }
  get sizeBytes(): number {
    return this.bytes;
  }
  get dirtyCount(): number {
    return this.dirtyEntries;
  }

  /** The entry of `id`, made most recently used; undefined on a miss. */
  get(id: string): CacheEntry | undefined {
    const node = this.entries.get(id);
    if (node !== undefined) this.touch(node);
    this.lastGot = node;
    return node;
  }

  /**
   * Writes a dirty entry (most recently used, last in flush order), then evicts if over budget.
   * `typed`: the immutable value `value` was serialized from, if the caller has one.
   */
  put(
    id: string,
    key: Buffer,
    value: Buffer | null,
    timestamp: number,
    headers: Headers,
    metadata: RecordMetadata | null,
    typed?: unknown,
  ): void {
    const size = key.length + (value === null ? 0 : value.length) + cacheEntryOverheadBytes;
    const last = this.lastGot;
    let node = last !== undefined && last.id === id ? last : this.entries.get(id);
    if (node !== undefined) {
      this.account(size - node.size);
      node.value = value;
      node.timestamp = timestamp;
      node.headers = headers;
      node.setMetadata(metadata);
      node.size = size;
      node.typed = typed;
      this.touch(node);
      if (node.dirty) this.unlinkDirty(node);
      else node.dirty = true;
    } else {
      node = new Node(id, key, value, timestamp, headers, metadata, size, typed);
      this.entries.set(id, node);
      this.linkLru(node);
      this.account(size);
    }
    this.linkDirty(node);
    this.parent.maybeEvict(this);
  }

  /** Cached entries (clean and dirty), least recently used first, for range reads. */
  *values(): IterableIterator<CacheEntry> {
    for (let node = this.lruHead; node !== null; node = node.newerLru) yield node;
  }

  /** Writes every dirty entry through `onFlush`; deleted keys then leave the cache, others stay clean. */
  flush(): void {
    this.flushWith(undefined);
  }

  /** @internal Drops the least recently used entry; a dirty one flushes first, with the other dirty ones. */
  evictEldest(): void {
    const node = this.lruHead;
    if (node === null) return;
    this.remove(node);
    if (node.dirty) {
      this.unlinkDirty(node);
      node.dirty = false;
      this.flushWith(node);
    }
  }

  /** Forgets everything without flushing (the store closed; a crashed task's updates are replayed). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.account(-this.bytes);
    this.entries.clear();
    this.lastGot = undefined;
    this.lruHead = this.lruTail = this.dirtyHead = this.dirtyTail = null;
    this.dirtyEntries = 0;
  }

  private account(delta: number): void {
    this.bytes += delta;
    this.parent.adjust(delta);
  }

  private remove(node: Node): void {
    if (node === this.lastGot) this.lastGot = undefined;
    this.entries.delete(node.id);
    this.unlinkLru(node);
    this.account(-node.size);
  }

  private touch(node: Node): void {
    if (node === this.lruTail) return;
    this.unlinkLru(node);
    this.linkLru(node);
  }

  private linkLru(node: Node): void {
    node.olderLru = this.lruTail;
    node.newerLru = null;
    if (this.lruTail === null) this.lruHead = node;
    else this.lruTail.newerLru = node;
    this.lruTail = node;
  }

  private unlinkLru(node: Node): void {
    if (node.olderLru === null) this.lruHead = node.newerLru;
    else node.olderLru.newerLru = node.newerLru;
    if (node.newerLru === null) this.lruTail = node.olderLru;
    else node.newerLru.olderLru = node.olderLru;
    node.olderLru = node.newerLru = null;
  }

  private linkDirty(node: Node): void {
    node.olderDirty = this.dirtyTail;
    node.newerDirty = null;
    if (this.dirtyTail === null) this.dirtyHead = node;
    else this.dirtyTail.newerDirty = node;
    this.dirtyTail = node;
    this.dirtyEntries++;
  }

  private unlinkDirty(node: Node): void {
    if (node.olderDirty === null) this.dirtyHead = node.newerDirty;
    else node.olderDirty.newerDirty = node.newerDirty;
    if (node.newerDirty === null) this.dirtyTail = node.olderDirty;
    else node.newerDirty.olderDirty = node.olderDirty;
    node.olderDirty = node.newerDirty = null;
    this.dirtyEntries--;
  }

  private flushWith(evicted: Node | undefined): void {
    if (evicted === undefined && this.dirtyEntries === 0) return;
    const batch: CacheEntry[] = [];
    if (evicted !== undefined) batch.push(evicted);
    let node = this.dirtyHead;
    this.dirtyHead = this.dirtyTail = null;
    this.dirtyEntries = 0;
    while (node !== null) {
      const next = node.newerDirty;
      node.olderDirty = node.newerDirty = null;
      node.dirty = false;
      batch.push(node);
      // A flushed delete leaves the cache: the store below no longer has the key either.
      if (node.value === null) this.remove(node);
      node = next;
    }
    this.onFlush(batch);
  }
}
