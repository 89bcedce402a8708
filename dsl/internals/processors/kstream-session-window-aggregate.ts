import type { EmitStrategy } from '../../config/emit-strategy.ts';
import type { Record } from '../../processor/record.ts';
import type { SessionStore } from '../../state/session-store.ts';
import { mapIterator } from '../../state/key-value-iterator.ts';
import type { SessionWindows } from '../../windows/session-windows.ts';
import { SessionWindow, Windowed } from '../../windows/windowed.ts';
import { recordDropped, recordLateDropped } from '../drop-recorder.ts';
import type { KTableState } from '../ktable-state.ts';
import { WindowAggregateProcessor } from './window-aggregate-support.ts';

/**
 * A session-window aggregation (Kafka's KStreamSessionWindowAggregate): a record at `t` joins every
 * session of its key ending at or after `t - gap` and starting at or before `t + gap`; those are
 * merged (their aggregates combined with the merger) into one session. Each merged-away session is
 * removed and forwarded as a tombstone, then the merged session. Results carry the session end as
 * their timestamp. A record whose merged session ends before `streamTime - grace - gap` is late.
 */
export class KStreamSessionWindowAggregate<K, V, VAgg> extends WindowAggregateProcessor<
  K,
  V,
  VAgg,
  SessionWindows,
  SessionStore<K, VAgg>
> {
  private readonly merger: (key: K, aggregate1: VAgg, aggregate2: VAgg) => VAgg;

  constructor(
    windows: SessionWindows,
    emitStrategy: EmitStrategy,
    initializer: () => VAgg,
    aggregator: (key: K, value: V, aggregate: VAgg) => VAgg,
    merger: (key: K, aggregate1: VAgg, aggregate2: VAgg) => VAgg,
    state: KTableState,
  ) {
    super(windows, emitStrategy, initializer, aggregator, state);
    this.merger = merger;
  }

  override process(record: Record<K, V>): void {
    if (record.key === null || record.value === null) {
      recordDropped(this.context, 'Skipping record due to null key or value.');
      return;
    }
    const key = record.key;
    const t = record.timestamp;
    this.observedStreamTime = Math.max(this.observedStreamTime, t);
    const windowCloseTime = this.observedStreamTime - this.windows.graceMs - this.windows.gapMs;
    // Before the writes: see KStreamWindowAggregate.
    this.maybeForwardFinalResults(record, windowCloseTime);
    const merged: { key: Windowed<K>; value: VAgg }[] = [];
    const newWindow = new SessionWindow(t, t);
    let start = t;
    let end = t;
    let agg = this.initializer();
    const iterator = this.store.findSessions(key, t - this.windows.gapMs, t + this.windows.gapMs);
    try {
      for (const session of iterator) {
        merged.push(session);
        agg = this.merger(key, agg, session.value);
        start = Math.min(start, session.key.window.start);
        end = Math.max(end, session.key.window.end);
      }
    } finally {
      iterator.close();
    }
    if (end < windowCloseTime) {
      recordLateDropped(
        this.context,
        `Skipping record for expired window. timestamp=[${t}] window=[${start},${end}] expiration=[${windowCloseTime}] streamTime=[${this.observedStreamTime}]`,
      );
    } else {
      const mergedWindow = new SessionWindow(start, end);
      if (!mergedWindow.equals(newWindow)) {
        for (const session of merged) {
          this.store.remove(session.key);
          this.emitter.maybeForwardUpdate(
            record,
            session.key,
            null,
            this.sendOldValues ? session.value : null,
            session.key.window.end,
          );
        }
      }
      agg = this.aggregator(key, record.value, agg);
      const sessionKey = new Windowed(key, mergedWindow);
      this.store.put(sessionKey, agg);
      this.emitter.maybeForwardUpdate(record, sessionKey, agg, null, end);
    }
  }

  private maybeForwardFinalResults(record: Record<K, V>, windowCloseTime: number): void {
    if (!this.emitter.shouldEmitFinal(windowCloseTime)) return;
    // Session ends are inclusive: sessions ending before the close time are final.
    const upper = windowCloseTime - 1;
    if (upper < 0) return;
    const lower = Math.max(0, this.emitter.lastEmitWindowCloseTime);
    if (upper < lower) return;
    const sessions = mapIterator(this.store.findSessions(lower, upper), (e) => ({
      key: e.key,
      value: { value: e.value, timestamp: e.key.window.end },
    }));
    this.emitter.emitFinal(record, sessions, windowCloseTime);
  }
}
