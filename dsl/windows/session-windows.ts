/**
 * Per-key activity sessions (Kafka's SessionWindows): records of a key at most `inactivityGapMs`
 * apart (inclusive) belong to one session `[first, last]`; a record bridging two sessions merges
 * them. A session accepts records until stream time passes its end plus gap plus grace.
 *
 * ```ts
 * grouped.windowedBy(SessionWindows.ofInactivityGapAndGrace(300_000, 60_000)).count();
 * ```
 */
export class SessionWindows {
  readonly gapMs: number;
  readonly graceMs: number;

  private constructor(gapMs: number, graceMs: number) {
    if (!Number.isSafeInteger(gapMs) || gapMs < 1)
      throw new RangeError(`inactivity gap must be an integer number of ms >= 1, got ${gapMs}`);
    if (!Number.isSafeInteger(graceMs) || graceMs < 0)
      throw new RangeError(`grace period must be an integer number of ms >= 0, got ${graceMs}`);
    this.gapMs = gapMs;
    this.graceMs = graceMs;
  }

  static ofInactivityGapWithNoGrace(inactivityGapMs: number): SessionWindows {
    return new SessionWindows(inactivityGapMs, 0);
  }

  static ofInactivityGapAndGrace(inactivityGapMs: number, graceMs: number): SessionWindows {
    return new SessionWindows(inactivityGapMs, graceMs);
  }

  inactivityGap(): number {
    return this.gapMs;
  }

  gracePeriodMs(): number {
    return this.graceMs;
  }

  toString(): string {
    return `SessionWindows{gapMs=${this.gapMs}, graceMs=${this.graceMs}}`;
  }
}
