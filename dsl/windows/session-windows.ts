import { checkWindowMs } from './window-checks.ts';

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
    checkWindowMs('inactivity gap', gapMs, 1);
    checkWindowMs('grace period', graceMs, 0);
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
