/**
 * The consumer's wake-up for waiting loops (poll, position): `wait(ms, seen)` resolves when `notify()` is
 * called or the time passes on the Clock (so simulated time drives it in tests). Each notify bumps
 * `version`; a loop reads it before doing its work and passes it to `wait`, which then returns at once
 * if something happened in between, so no notification is lost.
 */
import type { Clock } from '../../../core/io/index.ts';

export class Wakeup {
  private readonly clock: Clock;
  private waiters: (() => void)[] = [];
  private versionValue = 0;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  /** Bumped by every notify. */
  get version(): number {
    return this.versionValue;
  }

  /** Resolves on the next notify (at once if one came after `seen`), or after `timeoutMs`. */
  wait(timeoutMs: number, seen: number = this.versionValue): Promise<void> {
    if (timeoutMs <= 0 || seen !== this.versionValue) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        timer.cancel();
        resolve();
      };
      const timer = this.clock.setTimeout(finish, timeoutMs);
      this.waiters.push(finish);
    });
  }

  notify(): void {
    this.versionValue++;
    const waiters = this.waiters;
    if (waiters.length === 0) return;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

/** Waits `ms` on the Clock. */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, Math.max(0, ms)));
}
