/**
 * The time bounds of a stream-stream join (Kafka's JoinWindows): a left record at `t` joins right
 * records with timestamps in `[t - before, t + after]`, both inclusive. Unmatched records of a
 * left or outer join are emitted only after stream time passes `t + after + grace` (the window
 * closed), so they are never spurious.
 *
 * ```ts
 * left.join(right, (l, r) => `${l}+${r}`, JoinWindows.ofTimeDifferenceAndGrace(60_000, 10_000));
 * ```
 */
export class JoinWindows {
  readonly beforeMs: number;
  readonly afterMs: number;
  readonly graceMs: number;

  private constructor(beforeMs: number, afterMs: number, graceMs: number) {
    if (!Number.isSafeInteger(graceMs) || graceMs < 0)
      throw new RangeError(`grace period must be an integer number of ms >= 0, got ${graceMs}`);
    if (!Number.isSafeInteger(beforeMs) || !Number.isSafeInteger(afterMs))
      throw new RangeError('join window bounds must be integer numbers of ms');
    if (beforeMs + afterMs < 0)
      throw new RangeError(
        `window interval (before + after) must not be negative, got ${beforeMs + afterMs}`,
      );
    this.beforeMs = beforeMs;
    this.afterMs = afterMs;
    this.graceMs = graceMs;
  }

  static ofTimeDifferenceWithNoGrace(timeDifferenceMs: number): JoinWindows {
    return JoinWindows.ofTimeDifferenceAndGrace(timeDifferenceMs, 0);
  }

  static ofTimeDifferenceAndGrace(timeDifferenceMs: number, graceMs: number): JoinWindows {
    if (!Number.isSafeInteger(timeDifferenceMs) || timeDifferenceMs < 0)
      throw new RangeError(`time difference must be an integer number of ms >= 0, got ${timeDifferenceMs}`);
    return new JoinWindows(timeDifferenceMs, timeDifferenceMs, graceMs);
  }

  /** Right records up to `ms` before a left record join it (the after bound stays). */
  before(ms: number): JoinWindows {
    return new JoinWindows(ms, this.afterMs, this.graceMs);
  }

  /** Right records up to `ms` after a left record join it (the before bound stays). */
  after(ms: number): JoinWindows {
    return new JoinWindows(this.beforeMs, ms, this.graceMs);
  }

  /** before + after: the window size of the join stores. */
  size(): number {
    return this.beforeMs + this.afterMs;
  }

  gracePeriodMs(): number {
    return this.graceMs;
  }
}
