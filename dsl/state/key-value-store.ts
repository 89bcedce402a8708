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

/** A typed key-value store. Iteration is in unsigned byte order of the serialized keys, as in Kafka. */
export interface KeyValueStore<K, V> extends StateStore {
  get(key: K): V | null;
  put(key: K, value: V | null): void;
  putIfAbsent(key: K, value: V): V | null;
  putAll(entries: readonly KeyValue<K, V>[]): void;
  delete(key: K): V | null;
  /** Keys from `from` to `to`, both inclusive; an undefined bound is open. */
  range(from: K | undefined, to: K | undefined): KeyValue<K, V>[];
  all(): KeyValue<K, V>[];
  reverseAll(): KeyValue<K, V>[];
  approximateNumEntries(): number;
}

/** The byte-level store under every typed one; changelogging will wrap this layer. */
export interface KeyValueBytesStore extends StateStore {
  get(key: Buffer): Buffer | null;
  put(key: Buffer, value: Buffer | null): void;
  delete(key: Buffer): Buffer | null;
  range(from: Buffer | undefined, to: Buffer | undefined): KeyValue<Buffer, Buffer>[];
  all(): KeyValue<Buffer, Buffer>[];
  reverseAll(): KeyValue<Buffer, Buffer>[];
  approximateNumEntries(): number;
}
