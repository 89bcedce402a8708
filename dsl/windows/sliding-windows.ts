import { checkWindowMs } from './window-checks.ts';

/**
 * Windows that slide with the records (Kafka's SlidingWindows): two records fall into one window
 * when their timestamps differ by at most `timeDifferenceMs`. Each record creates its left window
 * `[t - d, t]` and, once a later record falls inside it, a right window `[t + 1, t + 1 + d]`; both
 * ends are inclusive, and each distinct set of records appears in exactly one window.
 *
 * ```ts
 * grouped.windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(10_000, 5_000)).count();
 * ```
 */
export class SlidingWindows {
  readonly timeDifferenceMs: number;
  readonly graceMs: number;

  private constructor(timeDifferenceMs: number, graceMs: number) {
    checkWindowMs('time difference', timeDifferenceMs, 0);
    checkWindowMs('grace period', graceMs, 0);
    this.timeDifferenceMs = timeDifferenceMs;
    this.graceMs = graceMs;
  }

  static ofTimeDifferenceWithNoGrace(timeDifferenceMs: number): SlidingWindows {
    return new SlidingWindows(timeDifferenceMs, 0);
  }

  static ofTimeDifferenceAndGrace(timeDifferenceMs: number, graceMs: number): SlidingWindows {
    return new SlidingWindows(timeDifferenceMs, graceMs);
  }

  gracePeriodMs(): number {
    return this.graceMs;
  }

  toString(): string {
    return `SlidingWindows{timeDifferenceMs=${this.timeDifferenceMs}, graceMs=${this.graceMs}}`;
  }
}
