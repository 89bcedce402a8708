import type { Windowed } from '../windows/windowed.ts';
import type { KeyValueIterator } from './key-value-iterator.ts';
import type { StateStore } from './state-store.ts';

/** A session store's entry key as bytes. */
export interface SessionBytesKey {
  readonly key: Buffer;
  readonly start: number;
  readonly end: number;
}

/**
 * The byte-level session store (Kafka's `SessionStore<Bytes, byte[]>`): one value per (key,
 * session start, session end), kept for `retentionPeriodMs` of stream time (the largest session end
 * written so far).
 */
export interface SessionBytesStore extends StateStore {
  readonly retentionPeriodMs: number;
  /** null removes the session. */
  put(key: Buffer, start: number, end: number, value: Buffer | null): void;
  fetchSession(key: Buffer, start: number, end: number): Buffer | null;
  /**
   * Sessions of keys in [keyFrom, keyTo] (undefined: open) ending in [earliestEnd, latestEnd] and
   * starting no later than `latestStart`, ordered by end, key bytes, start; `backward` reverses it.
   */
  findSessions(
    keyFrom: Buffer | undefined,
    keyTo: Buffer | undefined,
    earliestEnd: number,
    latestEnd: number,
    latestStart: number,
    backward: boolean,
  ): KeyValueIterator<SessionBytesKey, Buffer>;
}

/** What every session store answers (Kafka's ReadOnlySessionStore). */
export interface ReadOnlySessionStore<K, V> {
  /** Sessions of `key` that end at or after `earliestSessionEndTime` and start at or before `latestSessionStartTime`. */
  findSessions(
    key: K,
    earliestSessionEndTime: number,
    latestSessionStartTime: number,
  ): KeyValueIterator<Windowed<K>, V>;
  /** The same over keys in [keyFrom, keyTo] (undefined: open). */
  findSessions(
    keyFrom: K | undefined,
    keyTo: K | undefined,
    earliestSessionEndTime: number,
    latestSessionStartTime: number,
  ): KeyValueIterator<Windowed<K>, V>;
  /** Every session ending in [earliestSessionEndTime, latestSessionEndTime] (emit-final uses it). */
  findSessions(
    earliestSessionEndTime: number,
    latestSessionEndTime: number,
  ): KeyValueIterator<Windowed<K>, V>;
  backwardFindSessions(
    key: K,
    earliestSessionEndTime: number,
    latestSessionStartTime: number,
  ): KeyValueIterator<Windowed<K>, V>;
  backwardFindSessions(
    keyFrom: K | undefined,
    keyTo: K | undefined,
    earliestSessionEndTime: number,
    latestSessionStartTime: number,
  ): KeyValueIterator<Windowed<K>, V>;
  /** The value of exactly this session, or null. */
  fetchSession(key: K, sessionStartTime: number, sessionEndTime: number): V | null;
  /** Every session of `key` (or of keys in [keyFrom, keyTo]). */
  fetch(key: K): KeyValueIterator<Windowed<K>, V>;
  fetch(keyFrom: K | undefined, keyTo: K | undefined): KeyValueIterator<Windowed<K>, V>;
  backwardFetch(key: K): KeyValueIterator<Windowed<K>, V>;
}

/** A typed session store (Kafka's SessionStore); session aggregations use it. */
export interface SessionStore<K, V> extends StateStore, ReadOnlySessionStore<K, V> {
  readonly retentionPeriodMs: number;
  /** Writes the aggregate of a session; null removes it. */
  put(sessionKey: Windowed<K>, aggregate: V | null): void;
  remove(sessionKey: Windowed<K>): void;
}
