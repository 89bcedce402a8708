import { mapIterator, type KeyValueIterator } from '../state/key-value-iterator.ts';
import type { ChangelogRecord, StateStore } from '../state/state-store.ts';
import type { ValueAndTimestamp } from '../state/value-and-timestamp.ts';
import { WrappedStateStore } from '../state/wrapped-state-store.ts';

/**
 * What the plain-value views of timestamped stores share (Kafka's ReadOnlyKeyValueStoreFacade and
 * ReadOnlyWindowStoreFacade): the inner store's lifecycle, and iterators that drop the timestamps.
 */
export abstract class PlainValueStore<S extends StateStore> extends WrappedStateStore<S> {
  restore(records: Iterable<ChangelogRecord>): void {
    this.inner.restore?.(records);
  }

  protected plain<K, V>(iterator: KeyValueIterator<K, ValueAndTimestamp<V>>): KeyValueIterator<K, V> {
    return mapIterator(iterator, (e) => ({ key: e.key, value: e.value.value }));
  }
}
