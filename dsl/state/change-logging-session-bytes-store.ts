import { sessionKeyBytes, splitSessionKey } from '../windows/window-key-schema.ts';
import type { KeyValueIterator } from './key-value-iterator.ts';
import type { SessionBytesKey, SessionBytesStore } from './session-store.ts';
import type { ChangelogRecord, StateStoreContext } from './state-store.ts';
import { WrappedStateStore } from './wrapped-state-store.ts';

/**
 * Logs every write of the session store under it (Kafka's ChangeLoggingSessionBytesStore): the
 * changelog key is Kafka's `[key][end: int64][start: int64]`, a removal a tombstone.
 */
export class ChangeLoggingSessionBytesStore
  extends WrappedStateStore<SessionBytesStore>
  implements SessionBytesStore
{
  private context: StateStoreContext | undefined;

  get retentionPeriodMs(): number {
    return this.inner.retentionPeriodMs;
  }
  override init(context: StateStoreContext): void {
    this.context = context;
    this.inner.init(context);
  }

  put(key: Buffer, start: number, end: number, value: Buffer | null): void {
    this.inner.put(key, start, end, value);
    const context = this.context;
    if (context?.changelogTopic == null || context.logChange === undefined) return;
    context.logChange(this.name, sessionKeyBytes(key, start, end), value, context.recordTimestamp?.() ?? 0);
  }

  fetchSession(key: Buffer, start: number, end: number): Buffer | null {
    return this.inner.fetchSession(key, start, end);
  }

  findSessions(
    keyFrom: Buffer | undefined,
    keyTo: Buffer | undefined,
    earliestEnd: number,
    latestEnd: number,
    latestStart: number,
    backward: boolean,
  ): KeyValueIterator<SessionBytesKey, Buffer> {
    return this.inner.findSessions(keyFrom, keyTo, earliestEnd, latestEnd, latestStart, backward);
  }

  restore(records: Iterable<ChangelogRecord>): void {
    const topic = this.context?.changelogTopic ?? this.name;
    for (const r of records) {
      if (r.key === null) continue;
      const parts = splitSessionKey(topic, r.key);
      this.inner.put(parts.key, parts.start, parts.end, r.value);
    }
  }
}
