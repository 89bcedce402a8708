import type { Windowed } from '../windows/windowed.ts';
import type { KeyValueIterator } from '../state/key-value-iterator.ts';
import { ValueAndTimestamp } from '../state/value-and-timestamp.ts';
import type { TimestampedWindowStore, WindowStore, WindowStoreIterator } from '../state/window-store.ts';
import { PlainValueStore } from './plain-value-store.ts';

/**
 * A timestamped window store seen as a plain one (Kafka's WindowStoreFacade in the test driver):
 * reads drop the timestamps; writes stamp -1 (Kafka's NO_TIMESTAMP).
 */
export class PlainValueWindowStore<K, V>
  extends PlainValueStore<TimestampedWindowStore<K, V>>
  implements WindowStore<K, V>
{
  get windowSizeMs(): number {
    return this.inner.windowSizeMs;
  }
  get retentionPeriodMs(): number {
    return this.inner.retentionPeriodMs;
  }

  put(key: K, value: V | null, windowStartMs: number): void {
    this.inner.put(key, ValueAndTimestamp.make(value, -1), windowStartMs);
  }

  fetch(key: K, windowStartMs: number): V | null;
  fetch(key: K, timeFrom: number, timeTo: number): WindowStoreIterator<V>;
  fetch(
    keyFrom: K | undefined,
    keyTo: K | undefined,
    timeFrom: number,
    timeTo: number,
  ): KeyValueIterator<Windowed<K>, V>;
  fetch(...args: unknown[]): V | null | KeyValueIterator<number, V> | KeyValueIterator<Windowed<K>, V> {
    if (args.length === 2)
      return ValueAndTimestamp.getValueOrNull(this.inner.fetch(args[0] as K, args[1] as number));
    if (args.length === 3)
      return this.plain(this.inner.fetch(args[0] as K, args[1] as number, args[2] as number));
    return this.plain(
      this.inner.fetch(
        args[0] as K | undefined,
        args[1] as K | undefined,
        args[2] as number,
        args[3] as number,
      ),
    );
  }

  backwardFetch(key: K, timeFrom: number, timeTo: number): WindowStoreIterator<V>;
  backwardFetch(
    keyFrom: K | undefined,
    keyTo: K | undefined,
    timeFrom: number,
    timeTo: number,
  ): KeyValueIterator<Windowed<K>, V>;
  backwardFetch(...args: unknown[]): KeyValueIterator<number, V> | KeyValueIterator<Windowed<K>, V> {
    if (args.length === 3)
      return this.plain(this.inner.backwardFetch(args[0] as K, args[1] as number, args[2] as number));
    return this.plain(
      this.inner.backwardFetch(
        args[0] as K | undefined,
        args[1] as K | undefined,
        args[2] as number,
        args[3] as number,
      ),
    );
  }

  fetchAll(timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V> {
    return this.plain(this.inner.fetchAll(timeFrom, timeTo));
  }
  backwardFetchAll(timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V> {
    return this.plain(this.inner.backwardFetchAll(timeFrom, timeTo));
  }
  all(): KeyValueIterator<Windowed<K>, V> {
    return this.plain(this.inner.all());
  }
  backwardAll(): KeyValueIterator<Windowed<K>, V> {
    return this.plain(this.inner.backwardAll());
  }
}
