import type { Record } from '../../processor/record.ts';
import { ValueAndTimestamp } from '../../state/value-and-timestamp.ts';
import type { TimestampedWindowStore } from '../../state/window-store.ts';
import type { TimeWindows } from '../../windows/time-windows.ts';
import { Windowed } from '../../windows/windowed.ts';
import { recordDropped, recordLateDropped } from '../drop-recorder.ts';
import { WindowAggregateProcessor } from './window-aggregate-support.ts';

/**
 * A tumbling or hopping windowed aggregation (Kafka's KStreamWindowAggregate): each record updates
 * every window containing it whose end is still after `streamTime - grace`; for a closed window it
 * is dropped and counted as late. Stream time is the largest timestamp this processor has seen, so
 * it never goes back. A window's result carries the max timestamp of its records.
 */
export class KStreamWindowAggregate<K, V, VAgg> extends WindowAggregateProcessor<
  K,
  V,
  VAgg,
  TimeWindows,
  TimestampedWindowStore<K, VAgg>
> {
  override process(record: Record<K, V>): void {
    if (record.key === null || record.value === null) {
      recordDropped(this.context, 'Skipping record due to null key or value.');
      return;
    }
    const key = record.key;
    this.observedStreamTime = Math.max(this.observedStreamTime, record.timestamp);
    const windowCloseTime = this.observedStreamTime - this.windows.graceMs;
    // Before the writes (Kafka emits after them; the record only touches open windows, so the
    // result is the same), so a write that expires a just-closed window cannot hide it.
    this.maybeForwardFinalResults(record, windowCloseTime);
    for (const [windowStart, window] of this.windows.windowsFor(record.timestamp)) {
      if (window.end <= windowCloseTime) {
        recordLateDropped(
          this.context,
          `Skipping record for expired window. timestamp=[${record.timestamp}] window=[${windowStart},${window.end}) expiration=[${windowCloseTime}] streamTime=[${this.observedStreamTime}]`,
        );
        continue;
      }
      const old = this.store.fetch(key, windowStart);
      const oldAgg = old === null ? this.initializer() : old.value;
      const timestamp = old === null ? record.timestamp : Math.max(record.timestamp, old.timestamp);
      const newAgg = this.aggregator(key, record.value, oldAgg);
      this.store.put(key, ValueAndTimestamp.make(newAgg, timestamp), windowStart);
      this.emitter.maybeForwardUpdate(
        record,
        new Windowed(key, window),
        newAgg,
        this.sendOldValues ? oldAgg : null,
        timestamp,
      );
    }
  }

  private maybeForwardFinalResults(record: Record<K, V>, windowCloseTime: number): void {
    if (!this.emitter.shouldEmitFinal(windowCloseTime)) return;
    // A window [start, start + size) is closed once its end <= close time.
    const upper = windowCloseTime - this.windows.sizeMs;
    if (upper < 0) return;
    const last = this.emitter.lastEmitWindowCloseTime;
    const lower = last === -1 ? 0 : Math.max(0, last - this.windows.sizeMs) + 1;
    if (last !== -1 && sameWindows(this.windows, upper, lower - 1)) return;
    this.emitter.emitFinal(record, this.store.fetchAll(lower, upper), windowCloseTime);
  }
}

/** Kafka's shouldRangeFetch: no new window closed if both bounds fall in the same windows. */
function sameWindows(windows: TimeWindows, a: number, b: number): boolean {
  const wa = [...windows.windowsFor(a).keys()];
  const wb = [...windows.windowsFor(b).keys()];
  return wa.length === wb.length && wa.every((start, i) => start === wb[i]);
}
