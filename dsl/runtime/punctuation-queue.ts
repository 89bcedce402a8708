import type { Cancellable, Punctuator } from '../processor/processor.ts';

/** One scheduled punctuation (Kafka's PunctuationSchedule). */
export interface PunctuationSchedule {
  readonly nodeName: string;
  nextMs: number;
  readonly intervalMs: number;
  readonly punctuator: Punctuator;
  cancelled: boolean;
}

/**
 * Punctuations of one type, fired in due order. Missed intervals are skipped rather than caught
 * up, as Kafka does: after firing at `now`, the next time is the first interval boundary after now.
 */
export class PunctuationQueue {
  private schedules: PunctuationSchedule[] = [];
  /** Schedules cancelled since the list was last pruned. */
  private cancelledSincePrune = 0;

  schedule(nodeName: string, firstMs: number, intervalMs: number, punctuator: Punctuator): Cancellable {
    const entry: PunctuationSchedule = {
      nodeName,
      nextMs: firstMs,
      intervalMs,
      punctuator,
      cancelled: false,
    };
    this.schedules.push(entry);
    return {
      cancel: () => {
        if (entry.cancelled) return;
        entry.cancelled = true;
        this.cancelledSincePrune++;
      },
    };
  }

  /** Fires every due schedule with `nowMs`; returns whether any fired. */
  mayPunctuate(nowMs: number, fire: (s: PunctuationSchedule, nowMs: number) => void): boolean {
    // Called for every record: nothing scheduled must cost nothing (no list copy per call).
    if (this.schedules.length === 0) return false;
    let fired = false;
    while (true) {
      if (this.cancelledSincePrune > 0) {
        this.cancelledSincePrune = 0;
        this.schedules = this.schedules.filter((s) => !s.cancelled);
      }
      let due: PunctuationSchedule | undefined;
      for (const s of this.schedules)
        if (s.nextMs <= nowMs && (due === undefined || s.nextMs < due.nextMs)) due = s;
      if (due === undefined) return fired;
      const scheduled = due.nextMs;
      fire(due, nowMs);
      fired = true;
      const missed = Math.floor((nowMs - scheduled) / due.intervalMs);
      due.nextMs = scheduled + (missed + 1) * due.intervalMs;
    }
  }
}
