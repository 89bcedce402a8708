import type { KeyValueIterator } from './key-value-iterator.ts';
import type { KeyValue, KeyValueBytesStore } from './key-value-store.ts';
import type { ChangelogRecord, StateStoreContext } from './state-store.ts';
import { rawValueOf, timestampOf, withTimestamp } from './value-and-timestamp.ts';
import { WrappedStateStore } from './wrapped-state-store.ts';

/**
 * Writes every change of the store under it to the changelog topic (Kafka's
 * ChangeLoggingKeyValueBytesStore and its timestamped variant). A timestamped store keeps
 * `[timestamp][value]` locally but logs the plain value with the timestamp as the record's
 * timestamp, exactly as Kafka does, so a changelog written by either can restore the other.
 * A delete logs a tombstone, which compaction eventually removes.
 */
export class ChangeLoggingKeyValueBytesStore
  extends WrappedStateStore<KeyValueBytesStore>
  implements KeyValueBytesStore
{
  private readonly timestamped: boolean;
  private context: StateStoreContext | undefined;

  constructor(inner: KeyValueBytesStore, timestamped: boolean) {
    super(inner);
    this.timestamped = timestamped;
  }

  override init(context: StateStoreContext): void {
    this.context = context;
    this.inner.init(context);
  }

  private log(key: Buffer, value: Buffer | null): void {
    const context = this.context;
    if (context?.changelogTopic == null || context.logChange === undefined) return;
    if (this.timestamped && value !== null) {
      context.logChange(this.name, key, rawValueOf(value), timestampOf(value));
      return;
    }
    context.logChange(this.name, key, value, context.recordTimestamp?.() ?? 0);
  }

  get(key: Buffer): Buffer | null {
    return this.inner.get(key);
  }
  put(key: Buffer, value: Buffer | null): void {
    this.inner.put(key, value);
    this.log(key, value);
  }
  putIfAbsent(key: Buffer, value: Buffer): Buffer | null {
    const previous = this.inner.putIfAbsent(key, value);
    if (previous === null) this.log(key, value);
    return previous;
  }
  putAll(entries: readonly KeyValue<Buffer, Buffer | null>[]): void {
    this.inner.putAll(entries);
    for (const e of entries) this.log(e.key, e.value);
  }
  delete(key: Buffer): Buffer | null {
    const old = this.inner.delete(key);
    this.log(key, null);
    return old;
  }
  range(from: Buffer | undefined, to: Buffer | undefined): KeyValueIterator<Buffer, Buffer> {
    return this.inner.range(from, to);
  }
  reverseRange(from: Buffer | undefined, to: Buffer | undefined): KeyValueIterator<Buffer, Buffer> {
    return this.inner.reverseRange(from, to);
  }
  all(): KeyValueIterator<Buffer, Buffer> {
    return this.inner.all();
  }
  reverseAll(): KeyValueIterator<Buffer, Buffer> {
    return this.inner.reverseAll();
  }
  prefixScan(prefix: Buffer): KeyValueIterator<Buffer, Buffer> {
    return this.inner.prefixScan(prefix);
  }
  approximateNumEntries(): number {
    return this.inner.approximateNumEntries();
  }

  /** Replays changelog records into the inner store without logging them again. */
  restore(records: Iterable<ChangelogRecord>): void {
    for (const r of records) {
      if (r.key === null) continue; // a changelog never carries null keys; skip rather than corrupt
      if (r.value === null) this.inner.put(r.key, null);
      else this.inner.put(r.key, this.timestamped ? withTimestamp(r.value, r.timestamp) : r.value);
    }
  }
}
