import type { Record } from '../../processor/record.ts';
import { ValueAndTimestamp } from '../../state/value-and-timestamp.ts';
import type { TimestampedWindowStore } from '../../state/window-store.ts';
import type { SlidingWindows } from '../../windows/sliding-windows.ts';
import { TimeWindow, Windowed } from '../../windows/windowed.ts';
import { recordDropped, recordLateDropped } from '../drop-recorder.ts';
import { TopologyException } from '../../errors.ts';
import { WindowAggregateProcessor } from './window-aggregate-support.ts';

type Agg<VAgg> = ValueAndTimestamp<VAgg>;

/**
 * A sliding-window aggregation (Kafka's KStreamSlidingWindowAggregate). Windows are `[s, s + d]`,
 * both ends inclusive, and exist only where records are: each record gets its left window
 * `[t - d, t]` and, when a later record falls in it, a right window `[t + 1, t + 1 + d]`; a record
 * updates every existing window that contains it. Records before `d` share the window `[0, d]`.
 * A window is open while its end >= streamTime - grace. The scan runs newest window first, as
 * Kafka's reverse-iterator path does.
 */
export class KStreamSlidingWindowAggregate<K, V, VAgg> extends WindowAggregateProcessor<
  K,
  V,
  VAgg,
  SlidingWindows,
  TimestampedWindowStore<K, VAgg>
> {
  private get d(): number {
    return this.windows.timeDifferenceMs;
  }

  override process(record: Record<K, V>): void {
    if (record.key === null || record.value === null) {
      recordDropped(this.context, 'Skipping record due to null key or value.');
      return;
    }
    const t = record.timestamp;
    this.observedStreamTime = Math.max(this.observedStreamTime, t);
    const closeTime = this.observedStreamTime - this.windows.graceMs;
    // Before the writes: see KStreamWindowAggregate.
    this.maybeForwardFinalResults(record, closeTime);
    if (t + 1 + this.d <= closeTime) {
      recordLateDropped(
        this.context,
        `Skipping record for expired window. timestamp=[${t}] window=[${t - this.d},${t}] expiration=[${closeTime}] streamTime=[${this.observedStreamTime}]`,
      );
    } else if (t < this.d) {
      this.processEarly(record, closeTime);
    } else {
      this.processReverse(record, closeTime);
    }
  }

  private processReverse(record: Record<K, V>, closeTime: number): void {
    const key = record.key;
    const t = record.timestamp;
    const starts = new Set<number>();
    let leftWinAgg: Agg<VAgg> | null = null;
    let rightWinAgg: Agg<VAgg> | null = null;
    let leftWinAlreadyCreated = false;
    let rightWinAlreadyCreated = false;
    let previousRecordTimestamp: number | null = null;
    const iterator = this.store.backwardFetch(key, key, Math.max(0, t - 2 * this.d), t + 1);
    try {
      for (const { key: windowed, value } of iterator) {
        const start = windowed.window.start;
        starts.add(start);
        const end = start + this.d;
        if (start === t + 1) {
          rightWinAlreadyCreated = true;
        } else if (end > t) {
          if (rightWinAgg === null) rightWinAgg = value;
          this.updateWindowAndForward(record, windowed.window.start, value, closeTime);
        } else if (end === t) {
          leftWinAlreadyCreated = true;
          this.updateWindowAndForward(record, windowed.window.start, value, closeTime);
          if (value.timestamp < t) previousRecordTimestamp = value.timestamp;
          else return;
        } else {
          leftWinAgg = value;
          previousRecordTimestamp = value.timestamp;
          break;
        }
      }
    } finally {
      iterator.close();
    }
    this.createWindows(
      record,
      closeTime,
      starts,
      rightWinAgg,
      leftWinAgg,
      leftWinAlreadyCreated,
      rightWinAlreadyCreated,
      previousRecordTimestamp,
    );
  }

  /** Records at t < d would open windows starting below 0; they share `[0, d]` instead. */
  private processEarly(record: Record<K, V>, closeTime: number): void {
    const key = record.key;
    const t = record.timestamp;
    let combined: { start: number; value: Agg<VAgg> } | null = null;
    let rightWinAgg: Agg<VAgg> | null = null;
    let rightWinAlreadyCreated = false;
    const starts = new Set<number>();
    let previousRecordTimestamp: number | null = null;
    const iterator = this.store.fetch(key, key, 0, t + 1);
    try {
      for (const { key: windowed, value } of iterator) {
        const start = windowed.window.start;
        starts.add(start);
        if (start === 0) {
          combined = { start, value };
          if (value.timestamp < t) previousRecordTimestamp = value.timestamp;
        } else if (start <= t) {
          rightWinAgg = value;
          this.updateWindowAndForward(record, start, value, closeTime);
        } else if (start === t + 1) {
          rightWinAlreadyCreated = true;
        } else {
          throw new TopologyException(`unexpected sliding window starting at ${start} for a record at ${t}`);
        }
      }
    } finally {
      iterator.close();
    }
    if (rightWinAgg === null && combined !== null && combined.value.timestamp > t)
      rightWinAgg = combined.value;
    if (!rightWinAlreadyCreated && rightWinAgg !== null && rightWinAgg.timestamp > t)
      this.createCurrentRecordRightWindow(record, rightWinAgg);
    if (previousRecordTimestamp !== null && !starts.has(previousRecordTimestamp + 1))
      this.updateWindowAndForward(
        record,
        previousRecordTimestamp + 1,
        ValueAndTimestamp.make(this.initializer(), t)!,
        closeTime,
      );
    if (combined === null)
      this.updateWindowAndForward(record, 0, ValueAndTimestamp.make(this.initializer(), t)!, closeTime);
    else this.updateWindowAndForward(record, 0, combined.value, closeTime);
  }

  private createWindows(
    record: Record<K, V>,
    closeTime: number,
    starts: Set<number>,
    rightWinAgg: Agg<VAgg> | null,
    leftWinAgg: Agg<VAgg> | null,
    leftWinAlreadyCreated: boolean,
    rightWinAlreadyCreated: boolean,
    previousRecordTimestamp: number | null,
  ): void {
    const t = record.timestamp;
    if (previousRecordTimestamp !== null) {
      const previousRightStart = previousRecordTimestamp + 1;
      if (!starts.has(previousRightStart) && previousRightStart + this.d >= t)
        this.updateWindowAndForward(
          record,
          previousRightStart,
          ValueAndTimestamp.make(this.initializer(), t)!,
          closeTime,
        );
    }
    if (!leftWinAlreadyCreated) {
      const leftNotEmpty = previousRecordTimestamp !== null && t - this.d <= previousRecordTimestamp;
      const initial = leftNotEmpty && leftWinAgg !== null ? leftWinAgg.value : this.initializer();
      this.updateWindowAndForward(record, t - this.d, ValueAndTimestamp.make(initial, t)!, closeTime);
    }
    if (!rightWinAlreadyCreated && rightWinAgg !== null && rightWinAgg.timestamp > t)
      this.createCurrentRecordRightWindow(record, rightWinAgg);
  }

  /** The right window holds exactly the records after t that the found aggregate holds. */
  private createCurrentRecordRightWindow(record: Record<K, V>, rightWinAgg: Agg<VAgg>): void {
    const start = record.timestamp + 1;
    this.store.put(record.key, rightWinAgg, start);
    this.emitter.maybeForwardUpdate(
      record,
      new Windowed(record.key, new TimeWindow(start, start + this.d)),
      rightWinAgg.value,
      null,
      rightWinAgg.timestamp,
    );
  }

  private updateWindowAndForward(
    record: Record<K, V>,
    windowStart: number,
    valueAndTime: Agg<VAgg>,
    closeTime: number,
  ): void {
    const windowEnd = windowStart + this.d;
    if (windowEnd < closeTime) {
      recordLateDropped(
        this.context,
        `Skipping record for expired window. timestamp=[${record.timestamp}] window=[${windowStart},${windowEnd}] expiration=[${closeTime}] streamTime=[${this.observedStreamTime}]`,
      );
      return;
    }
    const oldAgg = valueAndTime.value;
    const newAgg = this.aggregator(record.key, record.value, oldAgg);
    const timestamp = Math.max(record.timestamp, valueAndTime.timestamp);
    this.store.put(record.key, ValueAndTimestamp.make(newAgg, timestamp), windowStart);
    this.emitter.maybeForwardUpdate(
      record,
      new Windowed(record.key, new TimeWindow(windowStart, windowEnd)),
      newAgg,
      this.sendOldValues ? oldAgg : null,
      timestamp,
    );
  }

  private maybeForwardFinalResults(record: Record<K, V>, closeTime: number): void {
    if (!this.emitter.shouldEmitFinal(closeTime)) return;
    // A window [s, s + d] is closed once s + d < close time.
    const upper = closeTime - this.d - 1;
    if (upper < 0) return;
    const last = this.emitter.lastEmitWindowCloseTime;
    const lower = last === -1 ? 0 : Math.max(0, last - this.d);
    if (upper < lower) return;
    this.emitter.emitFinal(record, this.store.fetchAll(lower, upper), closeTime);
  }
}
