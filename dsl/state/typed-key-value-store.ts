import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { Headers, Serde } from '../../core/serdes/index.ts';
import { CachingKeyValueBytesStore } from './caching-key-value-bytes-store.ts';
import { mapIterator, type KeyValueIterator } from './key-value-iterator.ts';
import type { KeyValue, KeyValueBytesStore, KeyValueStore } from './key-value-store.ts';
import type { ChangelogRecord, StateStoreContext } from './state-store.ts';
import { ValueAndTimestamp, valueAndTimestampSerde } from './value-and-timestamp.ts';

/** `<application.id>-<store>-changelog`: the changelog topic name (Kafka's storeChangelogTopic). */
export function changelogTopicFor(applicationId: string, storeName: string): string {
  return `${applicationId}-${storeName}-changelog`;
}

/**
 * The typed face of a bytes store (Kafka's MeteredKeyValueStore minus metrics): serializes keys and
 * values with the store's serdes, or the task's default serdes when the store was built without
 * them. Serdes see the changelog topic name as their topic, as in Kafka (this matters for serdes
 * that register schemas per topic).
 */
export class TypedKeyValueStore<K, V> implements KeyValueStore<K, V> {
  readonly inner: KeyValueBytesStore;
  private readonly declaredKeySerde: Serde<K> | undefined;
  private readonly declaredValueSerde: Serde<V> | undefined;
  protected keySerde!: Serde<K>;
  protected valueSerde!: Serde<V>;
  private topic: string;
  /** The last primitive key serialized and its bytes (stores never change the key bytes they get). */
  private lastKey: K | undefined;
  private lastKeyBytes: Buffer | undefined;
  /** True when the value serde returns a new buffer per call (the caching layer need not copy it). */
  protected freshValueBytes = false;
  /** The caching layer right below, if any (typed values of immutable entries are kept there). */
  private readonly caching: CachingKeyValueBytesStore | undefined;

  constructor(inner: KeyValueBytesStore, keySerde: Serde<K> | undefined, valueSerde: Serde<V> | undefined) {
    this.inner = inner;
    this.caching = inner instanceof CachingKeyValueBytesStore ? inner : undefined;
    this.declaredKeySerde = keySerde;
    this.declaredValueSerde = valueSerde;
    this.topic = inner.name;
  }

  get name(): string {
    return this.inner.name;
  }
  get persistent(): boolean {
    return this.inner.persistent;
  }

  init(context: StateStoreContext): void {
    this.keySerde = pick(
      this.declaredKeySerde,
      context.defaultKeySerde as Serde<K> | undefined,
      'key',
      this.name,
    );
    this.valueSerde = this.resolveValueSerde(this.declaredValueSerde, context);
    this.topic = changelogTopicFor(context.applicationId, this.name);
    this.lastKey = undefined;
    this.lastKeyBytes = undefined;
    this.inner.init(context);
  }

  /** @internal The timestamped store wraps the resolved value serde. */
  protected resolveValueSerde(declared: Serde<V> | undefined, context: StateStoreContext): Serde<V> {
    return pick(declared, context.defaultValueSerde as Serde<V> | undefined, 'value', this.name);
  }

  flush(): void {
    this.inner.flush();
  }
  close(): void {
    this.inner.close();
  }
  isOpen(): boolean {
    return this.inner.isOpen();
  }

  restore(records: Iterable<ChangelogRecord>): void {
    if (this.inner.restore === undefined) {
      throw new KafkaError(
        ErrorCode.INVALID_REQUEST,
        `state store ${this.name} has no changelog to restore from`,
      );
    }
    this.inner.restore(records);
  }

  private keyBytes(key: K): Buffer {
    // An aggregation reads, then writes, the same key: serialize a primitive key once for both.
    if (key === this.lastKey && this.lastKeyBytes !== undefined) return this.lastKeyBytes;
    const bytes = this.keySerde.serializer(this.topic, key);
    if (bytes === null)
      throw new KafkaError(ErrorCode.INVALID_REQUEST, `state store ${this.name} does not accept null keys`);
    if (typeof key !== 'object' && typeof key !== 'function') {
      this.lastKey = key;
      this.lastKeyBytes = bytes;
    }
    return bytes;
  }
  private valueOf(bytes: Buffer | null): V | null {
    return bytes === null ? null : this.valueSerde.deserializer(this.topic, bytes);
  }
  private valueBytes(value: V | null): Buffer | null {
    return value === null ? null : this.valueSerde.serializer(this.topic, value);
  }
  private typed(iterator: KeyValueIterator<Buffer, Buffer>): KeyValueIterator<K, V> {
    return mapIterator(iterator, (e) => ({
      key: this.keySerde.deserializer(this.topic, e.key) as K,
      value: this.valueSerde.deserializer(this.topic, e.value) as V,
    }));
  }
  private bound(key: K | undefined): Buffer | undefined {
    return key === undefined ? undefined : this.keyBytes(key);
  }

  get(key: K): V | null {
    const caching = this.caching;
    if (caching === undefined) return this.valueOf(this.inner.get(this.keyBytes(key)));
    const bytes = this.keyBytes(key);
    const entry = caching.cachedEntry(bytes);
    if (entry === undefined) return this.valueOf(caching.inner.get(bytes));
    // An immutable value the cache holds needs no deserializing (a mutable one is always decoded
    // afresh, so a caller changing what it got cannot change the store).
    return entry.typed !== undefined ? (entry.typed as V) : this.valueOf(entry.value);
  }
  put(key: K, value: V | null): void {
    const caching = this.caching;
    if (caching === undefined) this.inner.put(this.keyBytes(key), this.valueBytes(value));
    else
      caching.putTyped(
        this.keyBytes(key),
        this.valueBytes(value),
        isImmutable(value) ? value : undefined,
        this.freshValueBytes,
      );
  }
  putIfAbsent(key: K, value: V): V | null {
    const bytes = this.valueBytes(value);
    if (bytes === null) return this.get(key);
    return this.valueOf(this.inner.putIfAbsent(this.keyBytes(key), bytes));
  }
  putAll(entries: readonly KeyValue<K, V | null>[]): void {
    this.inner.putAll(entries.map((e) => ({ key: this.keyBytes(e.key), value: this.valueBytes(e.value) })));
  }
  delete(key: K): V | null {
    return this.valueOf(this.inner.delete(this.keyBytes(key)));
  }
  range(from: K | undefined, to: K | undefined): KeyValueIterator<K, V> {
    return this.typed(this.inner.range(this.bound(from), this.bound(to)));
  }
  reverseRange(from: K | undefined, to: K | undefined): KeyValueIterator<K, V> {
    return this.typed(this.inner.reverseRange(this.bound(from), this.bound(to)));
  }
  all(): KeyValueIterator<K, V> {
    return this.typed(this.inner.all());
  }
  reverseAll(): KeyValueIterator<K, V> {
    return this.typed(this.inner.reverseAll());
  }
  prefixScan<P>(
    prefix: P,
    prefixKeySerializer: (topic: string, prefix: P) => Buffer | null,
  ): KeyValueIterator<K, V> {
    const bytes = prefixKeySerializer(this.topic, prefix);
    if (bytes === null) throw new KafkaError(ErrorCode.INVALID_REQUEST, 'prefix must not serialize to null');
    return this.typed(this.inner.prefixScan(bytes));
  }
  approximateNumEntries(): number {
    return this.inner.approximateNumEntries();
  }

  /**
   * Registers what a cache flush forwards, typed (Kafka's CachedStateStore.setFlushListener): the key,
   * its new value (null: deleted), its old value (the one written down before; null unless
   * `sendOldValues`), and the context of the update. Returns false when the store does not cache
   * (caching disabled, no record cache, or a cache size of 0): the caller forwards updates itself.
   */
  setFlushListener(listener: TypedFlushListener<K, V>, sendOldValues: boolean): boolean {
    const inner = this.inner;
    if (!(inner instanceof CachingKeyValueBytesStore)) return false;
    return inner.setFlushListener(
      (key, newValue, oldValue, timestamp, headers, newTyped) =>
        listener(
          this.keySerde.deserializer(this.topic, key) as K,
          // The cache kept the immutable value the bytes came from: no need to decode them again.
          newValue !== null && newTyped !== undefined ? (newTyped as V) : this.valueOf(newValue),
          this.valueOf(oldValue),
          timestamp,
          headers,
        ),
      sendOldValues,
    );
  }
}

/** Primitives, and ValueAndTimestamps of primitives: values no caller can change in place. */
function isImmutable(value: unknown): boolean {
  if (value === null) return false; // nothing to keep: a delete
  if (typeof value !== 'object') return typeof value !== 'function';
  if (!(value instanceof ValueAndTimestamp)) return false;
  const inner: unknown = (value as ValueAndTimestamp<unknown>).value;
  return inner === null || (typeof inner !== 'object' && typeof inner !== 'function');
}

/** What a typed store's cache flush tells its processor about one key (see `setFlushListener`). */
export type TypedFlushListener<K, V> = (
  key: K,
  newValue: V | null,
  oldValue: V | null,
  timestamp: number,
  headers: Headers,
) => void;

/** `store.setFlushListener(...)` for any key-value store: false for stores that do not cache. */
export function setFlushListener<K, V>(
  store: KeyValueStore<K, V>,
  listener: TypedFlushListener<K, V>,
  sendOldValues: boolean,
): boolean {
  return store instanceof TypedKeyValueStore && store.setFlushListener(listener, sendOldValues);
}

/**
 * A key-value store whose values carry the timestamp of their last update (Kafka's
 * TimestampedKeyValueStore). Every DSL KTable and aggregation is materialized in one.
 */
export type TimestampedKeyValueStore<K, V> = KeyValueStore<K, ValueAndTimestamp<V>>;

/** The timestamped typed store: the value serde is wrapped as `[timestamp][value]`. */
export class TimestampedTypedKeyValueStore<K, V> extends TypedKeyValueStore<K, ValueAndTimestamp<V>> {
  private readonly plainValueSerde: Serde<V> | undefined;

  constructor(inner: KeyValueBytesStore, keySerde: Serde<K> | undefined, valueSerde: Serde<V> | undefined) {
    super(inner, keySerde, undefined);
    this.plainValueSerde = valueSerde;
    // `[timestamp][value]` is always assembled in a new buffer.
    this.freshValueBytes = true;
  }

  protected override resolveValueSerde(
    _declared: Serde<ValueAndTimestamp<V>> | undefined,
    context: StateStoreContext,
  ): Serde<ValueAndTimestamp<V>> {
    return valueAndTimestampSerde(
      pick(this.plainValueSerde, context.defaultValueSerde as Serde<V> | undefined, 'value', this.name),
    );
  }
}

function pick<T>(
  declared: Serde<T> | undefined,
  fallback: Serde<T> | undefined,
  which: string,
  store: string,
): Serde<T> {
  const serde = declared ?? fallback;
  if (serde === undefined) {
    throw new KafkaError(
      ErrorCode.INVALID_CONFIG,
      `no ${which} serde for state store ${store}: set one on Materialized or default.${which}.serde`,
    );
  }
  return serde;
}
