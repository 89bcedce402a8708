import { checkWindowMs } from './window-checks.ts';
import { TimeWindow } from './windowed.ts';

/** Kafka's `Long.MAX_VALUE` for window ends that would overflow; JS integers stay exact up to this. */
const maxTimestampMs = Number.MAX_SAFE_INTEGER;

/**
 * Fixed-size windows aligned to the epoch (Kafka's TimeWindows): tumbling when the advance equals
 * the size, hopping when smaller. A record at `t` falls into every window `[start, start + size)`
 * with `start` a multiple of the advance and `start <= t < start + size`; windows never start below
 * 0. A window accepts records until stream time reaches its end plus the grace period; later
 * records are dropped (and counted).
 *
 * ```ts
 * grouped.windowedBy(TimeWindows.ofSizeAndGrace(60_000, 10_000)).count();            // tumbling
 * grouped.windowedBy(TimeWindows.ofSizeWithNoGrace(60_000).advanceBy(10_000)).count(); // hopping
 * ```
 */
export class TimeWindows {
  readonly sizeMs: number;
  readonly advanceMs: number;
  readonly graceMs: number;

  private constructor(sizeMs: number, advanceMs: number, graceMs: number) {
    checkWindowMs('window size', sizeMs, 1);
    checkWindowMs('grace period', graceMs, 0);
    checkWindowMs('advance interval', advanceMs, 1);
    if (advanceMs > sizeMs)
      throw new RangeError(`advance interval (${advanceMs}) must lie within (0, window size ${sizeMs}]`);
    this.sizeMs = sizeMs;
    this.advanceMs = advanceMs;
    this.graceMs = graceMs;
  }

  /** Tumbling windows of `sizeMs` that close as soon as stream time reaches their end. */
  static ofSizeWithNoGrace(sizeMs: number): TimeWindows {
    return new TimeWindows(sizeMs, sizeMs, 0);
  }

  /** Tumbling windows of `sizeMs` that accept out-of-order records for `graceMs` after their end. */
  static ofSizeAndGrace(sizeMs: number, graceMs: number): TimeWindows {
    return new TimeWindows(sizeMs, sizeMs, graceMs);
  }

  /** Hopping windows: a new window every `advanceMs` (0 < advance <= size). */
  advanceBy(advanceMs: number): TimeWindows {
    return new TimeWindows(this.sizeMs, advanceMs, this.graceMs);
  }

  /** Every window containing `timestampMs`, by start time (Kafka's windowsFor). */
  windowsFor(timestampMs: number): Map<number, TimeWindow> {
    const out = new Map<number, TimeWindow>();
    let start =
      Math.floor(Math.max(0, timestampMs - this.sizeMs + this.advanceMs) / this.advanceMs) * this.advanceMs;
    while (start <= timestampMs) {
      out.set(start, new TimeWindow(start, Math.min(start + this.sizeMs, maxTimestampMs)));
      start += this.advanceMs;
    }
    return out;
  }

  size(): number {
    return this.sizeMs;
  }

  gracePeriodMs(): number {
    return this.graceMs;
  }

  toString(): string {
    return `TimeWindows{sizeMs=${this.sizeMs}, advanceMs=${this.advanceMs}, graceMs=${this.graceMs}}`;
  }
}
