import type { ProcessorContext } from '../processor/processor.ts';
import { Record } from '../processor/record.ts';
import { setFlushListener, type TimestampedKeyValueStore } from '../state/typed-key-value-store.ts';
import { Change } from './change.ts';

/**
 * How a materialized table processor forwards (Kafka's TimestampedTupleForwarder): with a caching
 * store, updates stay in the record cache and the cache's flush (commit or eviction) forwards each
 * key's latest value once, with the value written down before as the old value; without one, the
 * processor forwards every update itself.
 */
export class TimestampedTupleForwarder<K, V> {
  /** True when the store caches: the processor must not forward; the flush listener does. */
  readonly cached: boolean;

  constructor(
    store: TimestampedKeyValueStore<K, V>,
    context: ProcessorContext<K, Change<V>>,
    sendOldValues: boolean,
  ) {
    this.cached = setFlushListener(
      store,
      (key, newValue, oldValue, timestamp, headers) =>
        context.forward(
          new Record<K, Change<V>>(
            key,
            new Change<V>(
              newValue === null ? null : newValue.value,
              sendOldValues && oldValue !== null ? oldValue.value : null,
            ),
            newValue === null ? timestamp : newValue.timestamp,
            headers,
          ),
        ),
      sendOldValues,
    );
  }
}
