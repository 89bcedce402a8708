import type { Serde } from '../../core/serdes/index.ts';
import { TimeWindow, Windowed } from '../windows/windowed.ts';
import { mapIterator, type KeyValueIterator } from './key-value-iterator.ts';
import type { StateStoreContext } from './state-store.ts';
import { pickSerde, TypedWindowedStore } from './typed-windowed-store.ts';
import { valueAndTimestampSerde, type ValueAndTimestamp } from './value-and-timestamp.ts';
import type { WindowBytesStore, WindowStore, WindowStoreIterator } from './window-store.ts';

/**
 * The typed face of a window bytes store (Kafka's MeteredWindowStore minus metrics): serializes
 * keys and values with the store's serdes, or the task's defaults. Keys come back as
 * `Windowed<K>` whose window is `[start, start + window size)`.
 */
export class TypedWindowStore<K, V>
  extends TypedWindowedStore<WindowBytesStore, K, V>
  implements WindowStore<K, V>
{
  get windowSizeMs(): number {
    return this.inner.windowSizeMs;
  }

  private windowed(key: Buffer, start: number): Windowed<K> {
    const end = Math.min(start + this.inner.windowSizeMs, Number.MAX_SAFE_INTEGER);
    return new Windowed(this.keySerde.deserializer(this.topic, key) as K, new TimeWindow(start, end));
  }
  private value(bytes: Buffer): V {
    return this.valueSerde.deserializer(this.topic, bytes) as V;
  }

  put(key: K, value: V | null, windowStartMs: number): void {
    this.inner.put(
      this.keyBytes(key),
      value === null ? null : this.valueSerde.serializer(this.topic, value),
      windowStartMs,
    );
  }

  fetch(key: K, windowStartMs: number): V | null;
  fetch(key: K, timeFrom: number, timeTo: number): WindowStoreIterator<V>;
  fetch(
    keyFrom: K | undefined,
    keyTo: K | undefined,
    timeFrom: number,
    timeTo: number,
  ): KeyValueIterator<Windowed<K>, V>;
  fetch(...args: unknown[]): V | null | WindowStoreIterator<V> | KeyValueIterator<Windowed<K>, V> {
    if (args.length === 2) {
      const bytes = this.inner.fetch(this.keyBytes(args[0] as K), args[1] as number);
      return bytes === null ? null : this.value(bytes);
    }
    if (args.length === 3) return this.keyFetch(args[0] as K, args[1] as number, args[2] as number, false);
    return this.rangeFetch(
      args[0] as K | undefined,
      args[1] as K | undefined,
      args[2] as number,
      args[3] as number,
      false,
    );
  }

  backwardFetch(key: K, timeFrom: number, timeTo: number): WindowStoreIterator<V>;
  backwardFetch(
    keyFrom: K | undefined,
    keyTo: K | undefined,
    timeFrom: number,
    timeTo: number,
  ): KeyValueIterator<Windowed<K>, V>;
  backwardFetch(...args: unknown[]): WindowStoreIterator<V> | KeyValueIterator<Windowed<K>, V> {
    if (args.length === 3) return this.keyFetch(args[0] as K, args[1] as number, args[2] as number, true);
    return this.rangeFetch(
      args[0] as K | undefined,
      args[1] as K | undefined,
      args[2] as number,
      args[3] as number,
      true,
    );
  }

  private keyFetch(key: K, timeFrom: number, timeTo: number, backward: boolean): WindowStoreIterator<V> {
    const bytes = this.keyBytes(key);
    return mapIterator(this.inner.fetchRange(bytes, bytes, timeFrom, timeTo, backward), (e) => ({
      key: e.key.windowStart,
      value: this.value(e.value),
    }));
  }

  private rangeFetch(
    keyFrom: K | undefined,
    keyTo: K | undefined,
    timeFrom: number,
    timeTo: number,
    backward: boolean,
  ): KeyValueIterator<Windowed<K>, V> {
    return mapIterator(
      this.inner.fetchRange(this.bound(keyFrom), this.bound(keyTo), timeFrom, timeTo, backward),
      (e) => ({ key: this.windowed(e.key.key, e.key.windowStart), value: this.value(e.value) }),
    );
  }

  fetchAll(timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V> {
    return this.rangeFetch(undefined, undefined, timeFrom, timeTo, false);
  }
  backwardFetchAll(timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V> {
    return this.rangeFetch(undefined, undefined, timeFrom, timeTo, true);
  }
  all(): KeyValueIterator<Windowed<K>, V> {
    return this.rangeFetch(undefined, undefined, 0, Number.MAX_SAFE_INTEGER, false);
  }
  backwardAll(): KeyValueIterator<Windowed<K>, V> {
    return this.rangeFetch(undefined, undefined, 0, Number.MAX_SAFE_INTEGER, true);
  }
}

/** The timestamped typed window store: values are `[timestamp: int64][value]`, as in Kafka. */
export class TimestampedTypedWindowStore<K, V> extends TypedWindowStore<K, ValueAndTimestamp<V>> {
  private readonly plainValueSerde: Serde<V> | undefined;

  constructor(inner: WindowBytesStore, keySerde: Serde<K> | undefined, valueSerde: Serde<V> | undefined) {
    super(inner, keySerde, undefined);
    this.plainValueSerde = valueSerde;
  }

  protected override resolveValueSerde(
    _declared: Serde<ValueAndTimestamp<V>> | undefined,
    context: StateStoreContext,
  ): Serde<ValueAndTimestamp<V>> {
    return valueAndTimestampSerde(
      pickSerde(this.plainValueSerde, context.defaultValueSerde, 'value', this.name),
    );
  }
}
