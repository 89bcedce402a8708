import type { KeyValueIterator } from '../state/key-value-iterator.ts';
import type { KeyValue, KeyValueStore } from '../state/key-value-store.ts';
import type { TimestampedKeyValueStore } from '../state/typed-key-value-store.ts';
import { ValueAndTimestamp } from '../state/value-and-timestamp.ts';
import { PlainValueStore } from './plain-value-store.ts';

/**
 * A timestamped store seen as a plain key-value store (Kafka's KeyValueStoreFacade in the test
 * driver): reads drop the timestamps; writes stamp -1 (Kafka's NO_TIMESTAMP), as Kafka does.
 */
export class PlainValueKeyValueStore<K, V>
  extends PlainValueStore<TimestampedKeyValueStore<K, V>>
  implements KeyValueStore<K, V>
{
  get(key: K): V | null {
    return ValueAndTimestamp.getValueOrNull(this.inner.get(key));
  }
  put(key: K, value: V | null): void {
    this.inner.put(key, ValueAndTimestamp.make(value, -1));
  }
  putIfAbsent(key: K, value: V): V | null {
    return ValueAndTimestamp.getValueOrNull(this.inner.putIfAbsent(key, ValueAndTimestamp.make(value, -1)!));
  }
  putAll(entries: readonly KeyValue<K, V | null>[]): void {
    this.inner.putAll(entries.map((e) => ({ key: e.key, value: ValueAndTimestamp.make(e.value, -1) })));
  }
  delete(key: K): V | null {
    return ValueAndTimestamp.getValueOrNull(this.inner.delete(key));
  }
  range(from: K | undefined, to: K | undefined): KeyValueIterator<K, V> {
    return this.plain(this.inner.range(from, to));
  }
  reverseRange(from: K | undefined, to: K | undefined): KeyValueIterator<K, V> {
    return this.plain(this.inner.reverseRange(from, to));
  }
  all(): KeyValueIterator<K, V> {
    return this.plain(this.inner.all());
  }
  reverseAll(): KeyValueIterator<K, V> {
    return this.plain(this.inner.reverseAll());
  }
  prefixScan<P>(
    prefix: P,
    prefixKeySerializer: (topic: string, prefix: P) => Buffer | null,
  ): KeyValueIterator<K, V> {
    return this.plain(this.inner.prefixScan(prefix, prefixKeySerializer));
  }
  approximateNumEntries(): number {
    return this.inner.approximateNumEntries();
  }
}
