import type { Windowed } from '../windows/windowed.ts';
import type { KeyValueIterator } from './key-value-iterator.ts';
import type { StateStore } from './state-store.ts';
import type { ValueAndTimestamp } from './value-and-timestamp.ts';

/** A window store's entry as bytes: the key, its window start, and its duplicate sequence number. */
export interface WindowBytesKey {
  readonly key: Buffer;
  readonly windowStart: number;
  readonly seqnum: number;
}

/**
 * The byte-level window store (Kafka's `WindowStore<Bytes, byte[]>`): values per (key, window
 * start), kept for `retentionPeriodMs` of stream time (the largest window start written so far);
 * older writes are dropped, older entries are neither returned nor kept. With `retainDuplicates`
 * (stream-stream join buffers) every put adds an entry under a new sequence number.
 */
export interface WindowBytesStore extends StateStore {
  readonly windowSizeMs: number;
  readonly retentionPeriodMs: number;
  readonly retainDuplicates: boolean;
  /** Writes (null deletes) and returns the sequence number used (0 without duplicates). */
  put(key: Buffer, value: Buffer | null, windowStart: number): number;
  /** Applies a changelog entry with its own sequence number (restoration, no logging). */
  putRestored(key: Buffer, value: Buffer | null, windowStart: number, seqnum: number): void;
  fetch(key: Buffer, windowStart: number): Buffer | null;
  /**
   * Entries with keys in [keyFrom, keyTo] (undefined: open) and window starts in [timeFrom, timeTo],
   * ordered by window start, then key bytes (Kafka's in-memory order); `backward` reverses it.
   */
  fetchRange(
    keyFrom: Buffer | undefined,
    keyTo: Buffer | undefined,
    timeFrom: number,
    timeTo: number,
    backward: boolean,
  ): KeyValueIterator<WindowBytesKey, Buffer>;
}

/** Window start -> value for one key (Kafka's WindowStoreIterator). */
export type WindowStoreIterator<V> = KeyValueIterator<number, V>;

/** What every window store answers (Kafka's ReadOnlyWindowStore); interactive queries see this. */
export interface ReadOnlyWindowStore<K, V> {
  /** The value of `key` in the window starting at `windowStartMs`, or null. */
  fetch(key: K, windowStartMs: number): V | null;
  /** The windows of `key` starting in [timeFrom, timeTo], oldest first. */
  fetch(key: K, timeFrom: number, timeTo: number): WindowStoreIterator<V>;
  /** Windows of keys in [keyFrom, keyTo] (undefined: open) starting in [timeFrom, timeTo]. */
  fetch(
    keyFrom: K | undefined,
    keyTo: K | undefined,
    timeFrom: number,
    timeTo: number,
  ): KeyValueIterator<Windowed<K>, V>;
  /** As `fetch`, newest first. */
  backwardFetch(key: K, timeFrom: number, timeTo: number): WindowStoreIterator<V>;
  backwardFetch(
    keyFrom: K | undefined,
    keyTo: K | undefined,
    timeFrom: number,
    timeTo: number,
  ): KeyValueIterator<Windowed<K>, V>;
  /** Every window starting in [timeFrom, timeTo], by start time then key. */
  fetchAll(timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V>;
  backwardFetchAll(timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V>;
  all(): KeyValueIterator<Windowed<K>, V>;
  backwardAll(): KeyValueIterator<Windowed<K>, V>;
}

/** A typed window store (Kafka's WindowStore). */
export interface WindowStore<K, V> extends StateStore, ReadOnlyWindowStore<K, V> {
  readonly windowSizeMs: number;
  readonly retentionPeriodMs: number;
  /** Writes the value of `key` in the window starting at `windowStartMs`; null deletes it. */
  put(key: K, value: V | null, windowStartMs: number): void;
}

/** Values carry the timestamp of their last update (Kafka's TimestampedWindowStore); windowed aggregations use it. */
export type TimestampedWindowStore<K, V> = WindowStore<K, ValueAndTimestamp<V>>;
