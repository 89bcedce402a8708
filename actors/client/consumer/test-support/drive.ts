/** Test support: run a SimulatedClock until a promise settles. */
import type { SimulatedClock } from '../../../../core/io/index.ts';

/** Advances simulated time (10 ms steps, microtasks settled in between) until `p` settles. */
export async function drive<T>(clock: SimulatedClock, p: Promise<T>, maxMs = 120_000): Promise<T> {
  let settled = false;
  let failed = false;
  let value: T | undefined;
  let error: unknown;
  p.then(
    (v) => {
      settled = true;
      value = v;
    },
    (e: unknown) => {
      settled = true;
      failed = true;
      error = e;
    },
  );
  const ok = await clock.runUntil(() => settled, maxMs, 10);
  if (!ok) throw new Error(`did not settle within ${maxMs} ms of simulated time`);
  if (failed) throw error;
  return value as T;
}

/** Runs the clock until `predicate` holds; fails the test otherwise. */
export async function until(clock: SimulatedClock, predicate: () => boolean, maxMs = 120_000): Promise<void> {
  const ok = await clock.runUntil(predicate, maxMs, 10);
  if (!ok) throw new Error(`condition not reached within ${maxMs} ms of simulated time`);
}
