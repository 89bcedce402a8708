import type { Clock, Timer } from './clock.ts';

interface Scheduled {
  at: number;
  seq: number;
  fn: () => void;
  intervalMs: number;
  cancelled: boolean;
}

/**
 * A manually advanced clock for deterministic tests and simulations. Timers fire in (time, creation)
 * order. `advance` is synchronous; `run`/`runFor` are asynchronous and let promise continuations
 * (actor mailboxes drain in microtasks) settle between timers, which is what a simulated cluster needs.
 */
export class SimulatedClock implements Clock {
  private current: number;
  private seq = 0;
  private queue: Scheduled[] = [];

  constructor(startMs = 1_700_000_000_000) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, delayMs: number): Timer {
    return this.schedule(fn, Math.max(0, delayMs), 0);
  }

  setInterval(fn: () => void, intervalMs: number): Timer {
    return this.schedule(fn, Math.max(1, intervalMs), Math.max(1, intervalMs));
  }

  /** Number of timers still pending. */
  pending(): number {
    return this.queue.filter((t) => !t.cancelled).length;
  }

  /** Time of the next pending timer, or undefined. */
  nextTimerAt(): number | undefined {
    this.compact();
    return this.queue[0]?.at;
  }

  /** Moves time forward by `ms`, firing due timers synchronously in order. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const next = this.popDue(target);
      if (next === undefined) break;
      this.fire(next);
    }
    this.current = target;
  }

  /**
   * Moves time forward by `ms`, firing due timers one at a time and letting microtasks and
   * immediates settle after each, so actors react before the next timer fires.
   */
  async runFor(ms: number): Promise<void> {
    const target = this.current + ms;
    await settle();
    for (;;) {
      const next = this.popDue(target);
      if (next === undefined) break;
      this.fire(next);
      await settle();
    }
    this.current = target;
  }

  /** Runs timers until `predicate()` holds or `maxMs` of simulated time passes; returns whether it held. */
  async runUntil(predicate: () => boolean, maxMs: number, stepMs = 10): Promise<boolean> {
    const deadline = this.current + maxMs;
    await settle();
    while (!predicate()) {
      if (this.current >= deadline) return false;
      await this.runFor(Math.min(stepMs, deadline - this.current));
    }
    return true;
  }

  private schedule(fn: () => void, delayMs: number, intervalMs: number): Timer {
    const entry: Scheduled = {
      at: this.current + delayMs,
      seq: this.seq++,
      fn,
      intervalMs,
      cancelled: false,
    };
    this.insert(entry);
    return {
      cancel: () => {
        entry.cancelled = true;
      },
    };
  }

  private insert(entry: Scheduled): void {
    // Binary insertion keeps the queue ordered by (at, seq); timers are few, so this stays cheap.
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = this.queue[mid]!;
      if (m.at < entry.at || (m.at === entry.at && m.seq < entry.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, entry);
  }

  private compact(): void {
    while (this.queue.length > 0 && this.queue[0]!.cancelled) this.queue.shift();
  }

  private popDue(target: number): Scheduled | undefined {
    this.compact();
    const head = this.queue[0];
    if (head === undefined || head.at > target) return undefined;
    this.queue.shift();
    return head;
  }

  private fire(entry: Scheduled): void {
    this.current = Math.max(this.current, entry.at);
    if (entry.intervalMs > 0) {
      entry.at += entry.intervalMs;
      entry.seq = this.seq++;
      this.insert(entry);
    }
    entry.fn();
  }
}

/** Lets pending microtasks and immediates run (a few rounds, for promise chains several deep). */
export async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
