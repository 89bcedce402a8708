import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { Serde } from '../../core/serdes/index.ts';
import { SessionWindow, Windowed } from '../windows/windowed.ts';
import { mapIterator, type KeyValueIterator } from './key-value-iterator.ts';
import type { SessionBytesStore, SessionStore } from './session-store.ts';
import type { ChangelogRecord, StateStoreContext } from './state-store.ts';
import { changelogTopicFor } from './typed-key-value-store.ts';

const maxTime = Number.MAX_SAFE_INTEGER;

function pick<T>(declared: Serde<T> | undefined, fallback: unknown, which: string, store: string): Serde<T> {
  const serde = declared ?? (fallback as Serde<T> | undefined);
  if (serde === undefined) {
    throw new KafkaError(
      ErrorCode.INVALID_CONFIG,
      `no ${which} serde for state store ${store}: set one on Materialized or default.${which}.serde`,
    );
  }
  return serde;
}

/** The typed face of a session bytes store (Kafka's MeteredSessionStore minus metrics). */
export class TypedSessionStore<K, V> implements SessionStore<K, V> {
  readonly inner: SessionBytesStore;
  private readonly declaredKeySerde: Serde<K> | undefined;
  private readonly declaredValueSerde: Serde<V> | undefined;
  private keySerde!: Serde<K>;
  private valueSerde!: Serde<V>;
  private topic: string;

  constructor(inner: SessionBytesStore, keySerde: Serde<K> | undefined, valueSerde: Serde<V> | undefined) {
    this.inner = inner;
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
  get retentionPeriodMs(): number {
    return this.inner.retentionPeriodMs;
  }
  init(context: StateStoreContext): void {
    this.keySerde = pick(this.declaredKeySerde, context.defaultKeySerde, 'key', this.name);
    this.valueSerde = pick(this.declaredValueSerde, context.defaultValueSerde, 'value', this.name);
    this.topic = changelogTopicFor(context.applicationId, this.name);
    this.inner.init(context);
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
    if (this.inner.restore === undefined)
      throw new KafkaError(
        ErrorCode.INVALID_REQUEST,
        `state store ${this.name} has no changelog to restore from`,
      );
    this.inner.restore(records);
  }

  private keyBytes(key: K): Buffer {
    const bytes = this.keySerde.serializer(this.topic, key);
    if (bytes === null)
      throw new KafkaError(ErrorCode.INVALID_REQUEST, `state store ${this.name} does not accept null keys`);
    return bytes;
  }
  private bound(key: K | undefined): Buffer | undefined {
    return key === undefined ? undefined : this.keyBytes(key);
  }

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
