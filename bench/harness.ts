/**
 * The benchmark API. A benchmark is a module `bench/<name>.bench.ts` whose default export (or
 * named export `benchmark`) is a `Benchmark`:
 *
 * ```ts
 * import { envInt, rate, type Benchmark } from './harness.ts';
 * const benchmark: Benchmark = {
 *   name: 'example',
 *   run(ctx) {
 *     const items = envInt('BENCH_EXAMPLE_ITEMS', 100_000);      // sizes: modest defaults, env overrides
 *     const data = Buffer.alloc(items * 100);                      // setup happens here, once
 *     ctx.onTeardown(() => {});                                    // cleanup after all runs, if needed
 *     return [
 *       {
 *         name: 'fill 100-byte values',
 *         unit: 'records/s',
 *         settings: { items },
 *         measure: () => rate(items, () => { data.fill(1); }),     // one run -> one value in `unit`
 *         baseline: { name: 'Buffer.fill of the same bytes', measure: () => rate(items, () => { data.fill(2); }) },
 *       },
 *     ];
 *   },
 * };
 * export default benchmark;
 * ```
 *
 * The runner (bench/run.ts) warms each figure and its baseline up (`warmupRuns` untimed runs of
 * each, default 1), then measures them alternately
 * `runs` times in the same process (so machine noise hits both alike), and reports median, min and
 * max of each plus ratio = median(figure) / median(baseline). For throughputs (higher is better) a
 * ratio of 0.5 means "half the baseline's speed"; for latencies set `higherIsBetter: false`.
 */

/** What the runner hands a benchmark. */
export interface BenchContext {
  /** Timed runs per figure (BENCH_RUNS, default 5). */
  readonly runs: number;
  /** Progress output (stderr), so stdout stays the table. */
  log(message: string): void;
  /** Registers cleanup to run after every figure of this benchmark was measured. */
  onTeardown(fn: () => void | Promise<void>): void;
}

/** A measurement: one call = one run, returning a value in the figure's unit. */
export type Measure = () => number | Promise<number>;

export interface FigureSpec {
  /** What is measured, e.g. 'encode 100-byte records, uncompressed'. */
  name: string;
  /** Unit of the value, e.g. 'records/s', 'MB/s', 'ms'. */
  unit: string;
  measure: Measure;
  /** The yardstick measured in the same run, in the same unit. */
  baseline: { name: string; measure: Measure };
  /** Default true (throughputs). The ratio is always figure / baseline; this only labels it. */
  higherIsBetter?: boolean;
  /**
   * Untimed runs of the figure and its baseline before the timed ones (default 1): as many as the
   * JIT needs to reach steady state, as JMH's warm-up iterations. BENCH_WARMUP, when set, overrides
   * it for every figure (0 to profile cold code).
   */
  warmupRuns?: number;
  /** Sizes and knobs, recorded in the JSON. */
  settings?: { [key: string]: string | number | boolean };
}

export interface Benchmark {
  name: string;
  run(ctx: BenchContext): FigureSpec[] | Promise<FigureSpec[]>;
}

/** Summary of repeated runs. */
export interface Stats {
  median: number;
  min: number;
  max: number;
  values: number[];
}

export function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], values };
}

/** Wall-clock seconds since an arbitrary origin (benchmarks only; logic uses the Clock port). */
export function nowSeconds(): number {
  return Number(process.hrtime.bigint()) / 1e9;
}

/** Runs fn once and returns items per second. */
export function rate(items: number, fn: () => void): number {
  const t0 = nowSeconds();
  fn();
  return items / (nowSeconds() - t0);
}

/** Runs an async fn once and returns items per second. */
export async function rateAsync(items: number, fn: () => Promise<void>): Promise<number> {
  const t0 = nowSeconds();
  await fn();
  return items / (nowSeconds() - t0);
}

/** An integer setting from the environment, or the default. */
export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

/**
 * Counts acknowledgements of sends made with a producer's callback form (`send(record, callback)`):
 * `ackedAtLeast(n)` resolves once `n` callbacks ran (undefined when they already did), so a send loop
 * can keep a bounded window unacknowledged; `throwIfFailed()` throws the first error a callback got.
 */
export function ackCounter(): {
  callback: (error: Error | null) => void;
  ackedAtLeast: (n: number) => Promise<void> | undefined;
  throwIfFailed: () => void;
} {
  let acked = 0;
  let failure: Error | null = null;
  let waiting: { atLeast: number; resolve: () => void } | null = null;
  return {
    callback: (error) => {
      if (error !== null) failure ??= error;
      acked++;
      if (waiting !== null && acked >= waiting.atLeast) {
        const w = waiting;
        waiting = null;
        w.resolve();
      }
    },
    ackedAtLeast: (n) =>
      acked >= n ? undefined : new Promise<void>((resolve) => (waiting = { atLeast: n, resolve })),
    throwIfFailed: () => {
      if (failure !== null) throw failure;
    },
  };
}
