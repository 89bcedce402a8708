import type { KeyValueIterator } from './key-value-iterator.ts';
import type { StateStore } from './state-store.ts';

export interface KeyValue<K, V> {
  readonly key: K;
  readonly value: V;
}

/** `KeyValue.pair(k, v)`, as in Kafka, for mappers and `putAll`. */
export const KeyValue = {
  pair<K, V>(key: K, value: V): KeyValue<K, V> {
    return { key, value };
  },
} as const;

/** What every key-value store can answer (Kafka's ReadOnlyKeyValueStore); interactive queries see this. */
export interface ReadOnlyKeyValueStore<K, V> {
  get(key: K): V | null;
  /** Keys from `from` to `to`, both inclusive, ascending; an undefined bound is open. */
  range(from: K | undefined, to: K | undefined): KeyValueIterator<K, V>;
  /** The same keys as `range`, descending. */
  reverseRange(from: K | undefined, to: K | undefined): KeyValueIterator<K, V>;
  all(): KeyValueIterator<K, V>;
  reverseAll(): KeyValueIterator<K, V>;
  /** Entries whose serialized key starts with the serialized `prefix`. */
  prefixScan<P>(
    prefix: P,
    prefixKeySerializer: (topic: string, prefix: P) => Buffer | null,
  ): KeyValueIterator<K, V>;
  approximateNumEntries(): number;
}

/**
 * A typed key-value store (Kafka's KeyValueStore). Iteration and range scans are in unsigned byte
 * order of the serialized keys, as RocksDB and Kafka's in-memory store do, never JS order.
 */
export interface KeyValueStore<K, V> extends StateStore, ReadOnlyKeyValueStore<K, V> {
  /** A null value deletes the key. */
  put(key: K, value: V | null): void;
  /** Writes only if the key is absent; returns the value that was there (null if none). */
  putIfAbsent(key: K, value: V): V | null;
  putAll(entries: readonly KeyValue<K, V | null>[]): void;
  /** Removes the key; returns the value it had (null if none). */
  delete(key: K): V | null;
}

/**
 * The byte-level store under every typed one (Kafka's `KeyValueStore<Bytes, byte[]>`): in-memory,
 * LMDB, and the changelogging wrapper all implement it, so layers stack.
 */
export interface KeyValueBytesStore extends StateStore {
  get(key: Buffer): Buffer | null;
  /** A null value deletes the key. */
  put(key: Buffer, value: Buffer | null): void;
  putIfAbsent(key: Buffer, value: Buffer): Buffer | null;
  putAll(entries: readonly KeyValue<Buffer, Buffer | null>[]): void;
  delete(key: Buffer): Buffer | null;
  range(from: Buffer | undefined, to: Buffer | undefined): KeyValueIterator<Buffer, Buffer>;
  reverseRange(from: Buffer | undefined, to: Buffer | undefined): KeyValueIterator<Buffer, Buffer>;
  all(): KeyValueIterator<Buffer, Buffer>;
  reverseAll(): KeyValueIterator<Buffer, Buffer>;
  prefixScan(prefix: Buffer): KeyValueIterator<Buffer, Buffer>;
  approximateNumEntries(): number;
}
