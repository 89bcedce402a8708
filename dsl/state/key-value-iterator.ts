import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { KeyValue } from './key-value-store.ts';

/**
 * An iterator over store entries (Kafka's KeyValueIterator): `hasNext`/`next`/`peekNextKey`, and a
 * plain JS iterator, so `for (const { key, value } of store.all())` and `[...store.range(a, b)]`
 * work. It holds resources (a snapshot, an LMDB read transaction), so close it when you stop
 * early; running to the end or leaving a `for...of` (break, throw) closes it for you.
 */
export interface KeyValueIterator<K, V> extends IterableIterator<KeyValue<K, V>> {
  hasNext(): boolean;
  /** The key `next()` would return; throws NoSuchElement (INVALID_REQUEST) at the end. */
  peekNextKey(): K;
  close(): void;
}

/** Wraps any JS iterator with look-ahead, close-once semantics and an optional per-entry map. */
export class LookAheadIterator<K, V> implements KeyValueIterator<K, V> {
  private readonly source: Iterator<KeyValue<K, V>>;
  private readonly onClose: (() => void) | undefined;
  private buffered: KeyValue<K, V> | undefined;
  private closed = false;

  constructor(source: Iterator<KeyValue<K, V>>, onClose?: () => void) {
    this.source = source;
    this.onClose = onClose;
  }

  hasNext(): boolean {
    if (this.closed) return false;
    if (this.buffered !== undefined) return true;
    const step = this.source.next();
    if (step.done === true) {
      this.close();
      return false;
    }
    this.buffered = step.value;
    return true;
  }

  peekNextKey(): K {
    if (!this.hasNext()) throw new KafkaError(ErrorCode.INVALID_REQUEST, 'no more entries in this iterator');
    return this.buffered!.key;
  }

  next(): IteratorResult<KeyValue<K, V>> {
    if (!this.hasNext()) return { done: true, value: undefined };
    const value = this.buffered!;
    this.buffered = undefined;
    return { done: false, value };
  }

  /** Called by `for...of` when the loop exits early. */
  return(): IteratorResult<KeyValue<K, V>> {
    this.close();
    return { done: true, value: undefined };
  }

  [Symbol.iterator](): this {
    return this;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.buffered = undefined;
    this.source.return?.();
    this.onClose?.();
  }
}

/** Maps entries of a bytes iterator to typed ones lazily, one entry per `next()`. */
export function mapIterator<K1, V1, K2, V2>(
  inner: KeyValueIterator<K1, V1>,
  map: (entry: KeyValue<K1, V1>) => KeyValue<K2, V2>,
): KeyValueIterator<K2, V2> {
  function* generate(): Generator<KeyValue<K2, V2>> {
    while (inner.hasNext()) yield map(inner.next().value as KeyValue<K1, V1>);
  }
  return new LookAheadIterator(generate(), () => inner.close());
}

/** An iterator over nothing. */
export function emptyIterator<K, V>(): KeyValueIterator<K, V> {
  return new LookAheadIterator<K, V>([][Symbol.iterator]());
}
