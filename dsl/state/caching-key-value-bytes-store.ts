import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { Headers } from '../../core/serdes/index.ts';
import { compareBytes } from './in-memory-key-value-bytes-store.ts';
import { LookAheadIterator, type KeyValueIterator } from './key-value-iterator.ts';
import type { KeyValue, KeyValueBytesStore } from './key-value-store.ts';
import { NamedCache, type CacheEntry } from './record-cache.ts';
import type { ChangelogRecord, StateStoreContext } from './state-store.ts';

const noHeaders: Headers = [];

/**
 * Told about each entry a cache flush writes down: the key, the new bytes (null: deleted), the bytes
 * the store below held before (only when old values were asked for), the entry's record context, and
 * the immutable typed value the new bytes were serialized from, when the typed store above gave one
 * (undefined otherwise), so a typed listener need not deserialize them.
 */
export type CacheFlushListener = (
  key: Buffer,
  newValue: Buffer | null,
  oldValue: Buffer | null,
  timestamp: number,
  headers: Headers,
  newTyped?: unknown,
) => void;

/**
 * Kafka's CachingKeyValueStore: a layer between the processor (typed store) and the change-logging
 * store that keeps the latest bytes of recently written keys in the instance's record cache. Writes
 * stay in the cache (one entry per key: repeated updates are de-duplicated) until the task commits
 * or the cache, being full, evicts the entry; then the latest value goes to the store below (and so
 * to the changelog) and, if a processor registered a flush listener, downstream as one update whose
 * old value is what the store below held. Reads see dirty entries first; range reads merge the
 * cache with the store below in byte order.
 *
 * Without a record cache in its context (TopologyTestDriver) or with `statestore.cache.max.bytes` 0,
 * the layer passes everything through and `setFlushListener` says caching is off, so processors
 * forward every update themselves (Kafka's behaviour with the cache disabled).
 */
export class CachingKeyValueBytesStore implements KeyValueBytesStore {
  readonly inner: KeyValueBytesStore;
  private cache: NamedCache | undefined;
  private context: StateStoreContext | undefined;
  private listener: CacheFlushListener | undefined;
  private sendOldValues = false;
  /** The last key bytes looked up and their cache id (a read and then a write of one key share it). */
  private lastKey: Buffer | undefined;
  private lastId = '';
  /**
   * The key buffer the typed store above last read with (`cachedEntry`), its id and what the read
   * found: the typed store writes a key with the very buffer it read it with, so its `putTyped`
   * needs no id and no byte comparison (on memory a large store has long let go cold).
   */
  private probeKey: Buffer | undefined;
  private probeId = '';
  private probeEntry: CacheEntry | undefined;
  /** The id the last `lookup` used. */
  private lookedUpId = '';

  constructor(inner: KeyValueBytesStore) {
    this.inner = inner;
  }

  get name(): string {
    return this.inner.name;
  }
  get persistent(): boolean {
    return this.inner.persistent;
  }

  /** True when writes are cached (a record cache of non-zero size is in use). */
  get caching(): boolean {
    return this.cache !== undefined;
  }

  init(context: StateStoreContext): void {
    this.context = context;
    this.inner.init(context);
    const provider = context.recordCache;
    this.cache?.close();
    this.cache =
      provider !== undefined && provider.maxBytes > 0
        ? provider.namedCache(`${context.taskId}-${this.name}`, (entries) => this.writeDown(entries))
        : undefined;
  }

  /**
   * Registers what a cache flush forwards (Kafka's CachedStateStore.setFlushListener). Returns true
   * when caching is on: the processor must then leave forwarding to the listener.
   */
  setFlushListener(listener: CacheFlushListener, sendOldValues: boolean): boolean {
    this.listener = listener;
    this.sendOldValues = sendOldValues;
    return this.cache !== undefined;
  }

  flush(): void {
    this.cache?.flush();
    this.inner.flush();
  }

  /** Dirty entries not yet written down (0 when caching is off). */
  get dirtyCount(): number {
    return this.cache?.dirtyCount ?? 0;
  }

  close(): void {
    // A graceful close flushed first (commit, suspend); a crashed task's updates are replayed.
    this.cache?.close();
    this.cache = undefined;
    this.inner.close();
  }
  isOpen(): boolean {
    return this.inner.isOpen();
  }

  restore(records: Iterable<ChangelogRecord>): void {
    if (this.inner.restore === undefined)
      throw new KafkaError(
        ErrorCode.INVALID_REQUEST,
        `state store ${this.name} has no changelog to restore from`,
      );
    this.inner.restore(records);
  }

  private writeDown(entries: readonly CacheEntry[]): void {
    const listener = this.listener;
    for (const entry of entries) {
      if (listener === undefined) {
        this.underContext(entry, () => this.inner.put(entry.key, entry.value));
        continue;
      }
      const newValue = entry.value;
      const oldValue = newValue === null || this.sendOldValues ? this.inner.get(entry.key) : null;
      // Nothing was there and nothing is: neither the store nor downstream needs to hear of it.
      if (newValue === null && oldValue === null) continue;
      this.underContext(entry, () => {
        this.inner.put(entry.key, newValue);
        listener(
          entry.key,
          newValue,
          this.sendOldValues ? oldValue : null,
          entry.timestamp,
          entry.headers,
          entry.typed,
        );
      });
    }
  }

  private underContext(entry: CacheEntry, fn: () => void): void {
    const context = this.context!;
    if (context.withRecordContext === undefined) fn();
    else context.withRecordContext(entry.timestamp, entry.headers, entry.metadata, fn);
  }

  /**
   * The cache id of `key`, remembering the last key as bytes nobody else holds (a cached entry's own
   * key, or a private copy, since callers may reuse their buffers): an aggregation reads and then
   * writes the same key, and pays for one id and, for a key already cached, no copy.
   */
  private idOf(key: Buffer): string {
    const last = this.lastKey;
    if (last !== undefined && sameBytes(last, key)) return this.lastId;
    const id = NamedCache.idOf(key);
    this.lastKey = Buffer.from(key);
    this.lastId = id;
    return id;
  }

  /** The cached entry of `key`, if any; remembers the entry's key for the write that usually follows. */
  private lookup(cache: NamedCache, key: Buffer): CacheEntry | undefined {
    const last = this.lastKey;
    if (last !== undefined && sameBytes(last, key)) {
      this.lookedUpId = this.lastId;
      return cache.get(this.lastId);
    }
    const id = NamedCache.idOf(key);
    this.lookedUpId = id;
    const entry = cache.get(id);
    // A miss leaves the memo alone: a write then copies the key once, for the new entry.
    if (entry !== undefined) {
      this.lastKey = entry.key;
      this.lastId = id;
    }
    return entry;
  }

  private putCached(
    cache: NamedCache,
    key: Buffer,
    value: Buffer | null,
    typed?: unknown,
    valueOwned = false,
  ): void {
    const id = this.idOf(key);
    // idOf left bytes nobody else holds: a new entry may keep them.
    this.putWithId(cache, id, this.lastKey!, value, typed, valueOwned);
  }

  /** Writes the entry of `id`; `ownKey`: key bytes nobody else holds (kept by a new entry). */
  private putWithId(
    cache: NamedCache,
    id: string,
    ownKey: Buffer,
    value: Buffer | null,
    typed: unknown,
    valueOwned: boolean,
  ): void {
    const context = this.context!;
    cache.put(
      id,
      ownKey,
      value === null || valueOwned ? value : Buffer.from(value),
      context.recordTimestamp?.() ?? 0,
      ownHeaders(context.recordHeaders?.() ?? noHeaders),
      context.recordMetadata?.() ?? null,
      typed,
    );
  }

  get(key: Buffer): Buffer | null {
    const cache = this.cache;
    if (cache === undefined) return this.inner.get(key);
    const entry = this.lookup(cache, key);
    if (entry !== undefined) return entry.value;
    return this.inner.get(key);
  }

  put(key: Buffer, value: Buffer | null): void {
    const cache = this.cache;
    if (cache === undefined) this.inner.put(key, value);
    else this.putCached(cache, key, value);
  }

  /**
   * For the typed store above: the cached entry of `key` (its bytes and, if known, the immutable
   * typed value they came from), or undefined when the key is not cached or caching is off.
   */
  cachedEntry(key: Buffer): CacheEntry | undefined {
    const cache = this.cache;
    if (cache === undefined) return undefined;
    const entry = this.lookup(cache, key);
    this.probeKey = key;
    this.probeId = this.lookedUpId;
    this.probeEntry = entry;
    return entry;
  }

  /**
   * For the typed store above: `put`, remembering the immutable typed value of `value`.
   * `valueOwned`: `value` is a fresh buffer no one else holds, so it is cached without a copy.
   */
  putTyped(key: Buffer, value: Buffer | null, typed: unknown, valueOwned: boolean): void {
    const cache = this.cache;
    if (cache === undefined) {
      this.inner.put(key, value);
      return;
    }
    if (key !== this.probeKey) {
      this.putCached(cache, key, value, typed, valueOwned);
      return;
    }
    // The buffer the typed store read this key with (it never changes the key bytes it made): the
    // read's id applies, and a key it found cached already has bytes of the cache's own.
    const id = this.probeId;
    const ownKey = this.probeEntry?.key ?? Buffer.from(key);
    this.probeKey = undefined;
    this.probeEntry = undefined;
    this.lastKey = ownKey;
    this.lastId = id;
    this.putWithId(cache, id, ownKey, value, typed, valueOwned);
  }

  putIfAbsent(key: Buffer, value: Buffer): Buffer | null {
    if (this.cache === undefined) return this.inner.putIfAbsent(key, value);
    const old = this.get(key);
    if (old === null) this.put(key, value);
    return old;
  }

  putAll(entries: readonly KeyValue<Buffer, Buffer | null>[]): void {
    if (this.cache === undefined) {
      this.inner.putAll(entries);
      return;
    }
    for (const e of entries) this.put(e.key, e.value);
  }

  delete(key: Buffer): Buffer | null {
    if (this.cache === undefined) return this.inner.delete(key);
    const old = this.get(key);
    this.put(key, null);
    return old;
  }

  range(from: Buffer | undefined, to: Buffer | undefined): KeyValueIterator<Buffer, Buffer> {
    return this.merged(this.inner.range(from, to), (k) => inRange(k, from, to), false);
  }
  reverseRange(from: Buffer | undefined, to: Buffer | undefined): KeyValueIterator<Buffer, Buffer> {
    return this.merged(this.inner.reverseRange(from, to), (k) => inRange(k, from, to), true);
  }
  all(): KeyValueIterator<Buffer, Buffer> {
    return this.merged(this.inner.all(), () => true, false);
  }
  reverseAll(): KeyValueIterator<Buffer, Buffer> {
    return this.merged(this.inner.reverseAll(), () => true, true);
  }
  prefixScan(prefix: Buffer): KeyValueIterator<Buffer, Buffer> {
    return this.merged(
      this.inner.prefixScan(prefix),
      (k) => k.length >= prefix.length && k.compare(prefix, 0, prefix.length, 0, prefix.length) === 0,
      false,
    );
  }

  /** Entries in the store below plus dirty inserts, minus dirty deletes. */
  approximateNumEntries(): number {
    let n = this.inner.approximateNumEntries();
    const cache = this.cache;
    if (cache === undefined) return n;
    for (const entry of cache.values()) {
      if (!entry.dirty) continue;
      const below = this.inner.get(entry.key) !== null;
      if (entry.value === null && below) n--;
      else if (entry.value !== null && !below) n++;
    }
    return n;
  }

  /**
   * Merges the store's iterator with a sorted snapshot of the cached entries `accept`s: a cached entry
   * wins over the store's for the same key, and a cached delete hides it.
   */
  private merged(
    below: KeyValueIterator<Buffer, Buffer>,
    accept: (key: Buffer) => boolean,
    reverse: boolean,
  ): KeyValueIterator<Buffer, Buffer> {
    const cache = this.cache;
    if (cache === undefined || cache.size === 0) return below;
    const cached: KeyValue<Buffer, Buffer | null>[] = [];
    for (const entry of cache.values())
      if (accept(entry.key)) cached.push({ key: entry.key, value: entry.value });
    if (cached.length === 0) return below;
    const order = reverse ? -1 : 1;
    cached.sort((a, b) => order * compareBytes(a.key, b.key));
    return new LookAheadIterator(mergeEntries(below, cached, order), () => below.close());
  }
}

/**
 * Headers a cache entry may keep: consumed headers are views into a whole fetch response, which an
 * entry living until the next commit must not pin, so non-empty ones are copied.
 */
function ownHeaders(headers: Headers): Headers {
  if (headers.length === 0) return noHeaders;
  return headers.map((h) => ({ key: h.key, value: h.value === null ? null : Buffer.from(h.value) }));
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  const n = a.length;
  if (n !== b.length) return false;
  if (n >= 64) return a.equals(b);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

function inRange(key: Buffer, from: Buffer | undefined, to: Buffer | undefined): boolean {
  return (
    (from === undefined || compareBytes(key, from) >= 0) && (to === undefined || compareBytes(key, to) <= 0)
  );
}

function* mergeEntries(
  below: KeyValueIterator<Buffer, Buffer>,
  cached: readonly KeyValue<Buffer, Buffer | null>[],
  order: number,
): Generator<KeyValue<Buffer, Buffer>> {
  let i = 0;
  while (i < cached.length || below.hasNext()) {
    const c = i < cached.length ? cached[i]! : undefined;
    const bKey = below.hasNext() ? below.peekNextKey() : undefined;
    const cmp = c === undefined ? 1 : bKey === undefined ? -1 : order * compareBytes(c.key, bKey);
    if (cmp <= 0) {
      i++;
      if (cmp === 0) below.next();
      if (c!.value !== null) yield { key: c!.key, value: c!.value };
    } else {
      yield below.next().value as KeyValue<Buffer, Buffer>;
    }
  }
}
