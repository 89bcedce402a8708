import { SessionWindow, Windowed } from '../windows/windowed.ts';
import { mapIterator, type KeyValueIterator } from './key-value-iterator.ts';
import type { SessionBytesStore, SessionStore } from './session-store.ts';
import { TypedWindowedStore } from './typed-windowed-store.ts';

const maxTime = Number.MAX_SAFE_INTEGER;

/** The typed face of a session bytes store (Kafka's MeteredSessionStore minus metrics). */
export class TypedSessionStore<K, V>
  extends TypedWindowedStore<SessionBytesStore, K, V>
  implements SessionStore<K, V>
{
  private find(
    keyFrom: K | undefined,
    keyTo: K | undefined,
    earliestEnd: number,
    latestEnd: number,
    latestStart: number,
    backward: boolean,
  ): KeyValueIterator<Windowed<K>, V> {
    return mapIterator(
      this.inner.findSessions(
        this.bound(keyFrom),
        this.bound(keyTo),
        earliestEnd,
        latestEnd,
        latestStart,
        backward,
      ),
      (e) => ({
        key: new Windowed(
          this.keySerde.deserializer(this.topic, e.key.key) as K,
          new SessionWindow(e.key.start, e.key.end),
        ),
        value: this.valueSerde.deserializer(this.topic, e.value) as V,
      }),
    );
  }

  findSessions(
    key: K,
    earliestSessionEndTime: number,
    latestSessionStartTime: number,
  ): KeyValueIterator<Windowed<K>, V>;
  findSessions(
    keyFrom: K | undefined,
    keyTo: K | undefined,
    earliestSessionEndTime: number,
    latestSessionStartTime: number,
  ): KeyValueIterator<Windowed<K>, V>;
  findSessions(
    earliestSessionEndTime: number,
    latestSessionEndTime: number,
  ): KeyValueIterator<Windowed<K>, V>;
  findSessions(...args: unknown[]): KeyValueIterator<Windowed<K>, V> {
    return this.findWith(args, false);
  }

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
  backwardFindSessions(...args: unknown[]): KeyValueIterator<Windowed<K>, V> {
    return this.findWith(args, true);
  }

  private findWith(args: unknown[], backward: boolean): KeyValueIterator<Windowed<K>, V> {
    if (args.length === 2)
      return this.find(undefined, undefined, args[0] as number, args[1] as number, maxTime, backward);
    if (args.length === 3) {
      const key = args[0] as K;
      return this.find(key, key, args[1] as number, maxTime, args[2] as number, backward);
    }
    return this.find(
      args[0] as K | undefined,
      args[1] as K | undefined,
      args[2] as number,
      maxTime,
      args[3] as number,
      backward,
    );
  }

  fetchSession(key: K, sessionStartTime: number, sessionEndTime: number): V | null {
    const bytes = this.inner.fetchSession(this.keyBytes(key), sessionStartTime, sessionEndTime);
    return bytes === null ? null : (this.valueSerde.deserializer(this.topic, bytes) as V);
  }

  fetch(key: K): KeyValueIterator<Windowed<K>, V>;
  fetch(keyFrom: K | undefined, keyTo: K | undefined): KeyValueIterator<Windowed<K>, V>;
  fetch(...args: unknown[]): KeyValueIterator<Windowed<K>, V> {
    const from = args[0] as K | undefined;
    const to = (args.length === 1 ? args[0] : args[1]) as K | undefined;
    return this.find(from, to, 0, maxTime, maxTime, false);
  }

  backwardFetch(key: K): KeyValueIterator<Windowed<K>, V> {
    return this.find(key, key, 0, maxTime, maxTime, true);
  }

  put(sessionKey: Windowed<K>, aggregate: V | null): void {
    this.inner.put(
      this.keyBytes(sessionKey.key),
      sessionKey.window.start,
      sessionKey.window.end,
      aggregate === null ? null : this.valueSerde.serializer(this.topic, aggregate),
    );
  }

  remove(sessionKey: Windowed<K>): void {
    this.put(sessionKey, null);
  }
}
