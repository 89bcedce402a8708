import { splitTimeWindowKey, timeWindowKeyBytes } from '../windows/window-key-schema.ts';
import type { KeyValueIterator } from './key-value-iterator.ts';
import type { ChangelogRecord, StateStoreContext } from './state-store.ts';
import { rawValueOf, timestampOf, withTimestamp } from './value-and-timestamp.ts';
import type { WindowBytesKey, WindowBytesStore } from './window-store.ts';
import { WrappedStateStore } from './wrapped-state-store.ts';

/**
 * Logs every write of the window store under it (Kafka's ChangeLoggingWindowBytesStore and its
 * timestamped variant): the changelog key is `[key][windowStart: int64][seqnum: int32]`, Kafka's
 * store-key layout, and a timestamped store logs the plain value with its timestamp as the record
 * timestamp. The topic is `compact,delete` with retention = store retention + 1 day.
 */
export class ChangeLoggingWindowBytesStore
  extends WrappedStateStore<WindowBytesStore>
  implements WindowBytesStore
{
  private readonly timestamped: boolean;
  private context: StateStoreContext | undefined;

  constructor(inner: WindowBytesStore, timestamped: boolean) {
    super(inner);
    this.timestamped = timestamped;
  }

  get windowSizeMs(): number {
    return this.inner.windowSizeMs;
  }
  get retentionPeriodMs(): number {
    return this.inner.retentionPeriodMs;
  }
  get retainDuplicates(): boolean {
    return this.inner.retainDuplicates;
  }
  override init(context: StateStoreContext): void {
    this.context = context;
    this.inner.init(context);
  }

  put(key: Buffer, value: Buffer | null, windowStart: number): number {
    const seqnum = this.inner.put(key, value, windowStart);
    const context = this.context;
    if (context?.changelogTopic == null || context.logChange === undefined) return seqnum;
    const logKey = timeWindowKeyBytes(key, windowStart, seqnum);
    if (this.timestamped && value !== null)
      context.logChange(this.name, logKey, rawValueOf(value), timestampOf(value));
    else context.logChange(this.name, logKey, value, context.recordTimestamp?.() ?? 0);
    return seqnum;
  }

  putRestored(key: Buffer, value: Buffer | null, windowStart: number, seqnum: number): void {
    this.inner.putRestored(key, value, windowStart, seqnum);
  }

  fetch(key: Buffer, windowStart: number): Buffer | null {
    return this.inner.fetch(key, windowStart);
  }

  fetchRange(
    keyFrom: Buffer | undefined,
    keyTo: Buffer | undefined,
    timeFrom: number,
    timeTo: number,
    backward: boolean,
  ): KeyValueIterator<WindowBytesKey, Buffer> {
    return this.inner.fetchRange(keyFrom, keyTo, timeFrom, timeTo, backward);
  }

  /** Replays changelog records (oldest first) into the inner store without logging them again. */
  restore(records: Iterable<ChangelogRecord>): void {
    const topic = this.context?.changelogTopic ?? this.name;
    for (const r of records) {
      if (r.key === null) continue;
      const parts = splitTimeWindowKey(topic, r.key, true);
      const value =
        r.value === null ? null : this.timestamped ? withTimestamp(r.value, r.timestamp) : r.value;
      this.inner.putRestored(parts.key, value, parts.start, parts.seqnum);
    }
  }
}
