/**
 * Benchmark runner: `npm run bench [-- name...]` (tsx bench/run.ts).
 *
 * Finds `bench/<name>.bench.ts` modules (API and an example in bench/harness.ts), runs the named
 * ones (all by default, in name order), measures every figure and its baseline alternately
 * BENCH_RUNS times (default 5) after the figure's warm-up runs (its `warmupRuns`, default 1;
 * BENCH_WARMUP overrides it for all), prints one table per benchmark and writes
 * bench/results/<name>.json with, per figure: name, unit, value (median), min/max/all runs, the
 * baseline's name and the same statistics, ratio = figure / baseline, warm-up runs, calibrationMs
 * (a fixed pure-CPU loop timed just before and after the figure), settings; plus node version, CPU
 * count and model, and the date.
 *
 * Environment: BENCH_RUNS, BENCH_WARMUP, and each benchmark's own size knobs (see its file).
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { envInt, stats, type Benchmark, type BenchContext, type Measure, type Stats } from './harness.ts';

const benchDir = dirname(fileURLToPath(import.meta.url));
const suffix = '.bench.ts';

interface FigureResult {
  name: string;
  unit: string;
  value: number;
  min: number;
  max: number;
  runs: number[];
  higherIsBetter: boolean;
  baseline: { name: string; value: number; min: number; max: number; runs: number[] };
  ratio: number;
  /** Untimed runs of the figure and of its baseline before the timed ones. */
  warmup: number;
  /**
   * Milliseconds the fixed pure-CPU loop (`calibrate`) took just before and just after this figure's
   * runs: how fast the machine's CPU was while it was measured (not its disk or kernel).
   */
  calibrationMs: { before: number; after: number };
  settings: { [key: string]: string | number | boolean };
}

function discover(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of readdirSync(benchDir).sort()) {
    if (file.endsWith(suffix)) found.set(file.slice(0, -suffix.length), join(benchDir, file));
  }
  return found;
}

function isBenchmark(x: unknown): x is Benchmark {
  return typeof x === 'object' && x !== null && typeof (x as Benchmark).run === 'function';
}

async function load(file: string): Promise<Benchmark> {
  const mod = (await import(pathToFileURL(file).href)) as { default?: unknown; benchmark?: unknown };
  const b = mod.default ?? mod.benchmark;
  if (!isBenchmark(b)) throw new Error(`${file} exports no { name, run } benchmark (default or 'benchmark')`);
  return b;
}

async function measureAlternately(
  measure: Measure,
  baseline: Measure,
  runs: number,
  warmup: number,
): Promise<[Stats, Stats]> {
  for (let i = 0; i < warmup; i++) {
    await measure();
    await baseline();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternate which goes first so neither always runs on a warmer or cooler machine.
    if (i % 2 === 0) {
      a.push(await measure());
      b.push(await baseline());
    } else {
      b.push(await baseline());
      a.push(await measure());
    }
  }
  return [stats(a), stats(b)];
}

/**
 * A fixed pure-CPU workload (floating-point and integer arithmetic over a 512 KiB array, no allocation,
 * no I/O), timed: the same code takes the same work every time, so its time says how fast the CPU is
 * at the moment (not the disk or the kernel). Best of three, to skip a stray pause.
 */
function calibrate(): number {
  const a = new Float64Array(1 << 16);
  let best = Infinity;
  let h = 0;
  for (let attempt = 0; attempt < 3; attempt++) {
    a.fill(0);
    const t0 = performance.now();
    for (let r = 0; r < 100; r++) {
      for (let i = 0; i < a.length; i++) {
        a[i] = a[i]! * 1.0000001 + i;
        h = (h * 31 + (a[i]! | 0)) | 0;
      }
    }
    best = Math.min(best, performance.now() - t0);
  }
  _calibrationSink ^= h;
  return Math.round(best * 10) / 10;
}

/** Keeps the loop's result alive, so the JIT cannot drop the work. */
let _calibrationSink = 0;

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${(n / 1e9).toFixed(2)}G`;
  if (abs >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (abs >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  if (abs >= 100) return n.toFixed(0);
  return n.toPrecision(3);
}

function printTable(name: string, results: FigureResult[]): void {
  const rows = [
    ['figure', 'median', 'min..max', 'unit', 'baseline', 'baseline median', 'ratio'],
    ...results.map((r) => [
      r.name,
      fmt(r.value),
      `${fmt(r.min)}..${fmt(r.max)}`,
      r.unit,
      r.baseline.name,
      fmt(r.baseline.value),
      `${r.ratio.toFixed(3)}${r.higherIsBetter ? '' : ' (lower is better)'}`,
    ]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row: string[]): string => row.map((cell, c) => cell.padEnd(widths[c])).join(' | ');
  console.log(`\n## ${name}\n`);
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of rows.slice(1)) console.log(line(row));
}

async function runOne(
  benchmark: Benchmark,
  runs: number,
  warmupOverride: number | undefined,
): Promise<FigureResult[]> {
  const teardowns: Array<() => void | Promise<void>> = [];
  const ctx: BenchContext = {
    runs,
    log: (message) => process.stderr.write(`[${benchmark.name}] ${message}\n`),
    onTeardown: (fn) => teardowns.push(fn),
  };
  const results: FigureResult[] = [];
  try {
    const figures = await benchmark.run(ctx);
    for (const f of figures) {
      const warmup = warmupOverride ?? f.warmupRuns ?? 1;
      const before = calibrate();
      ctx.log(
        `measuring "${f.name}" against "${f.baseline.name}" (${warmup} warm-up, ${runs} runs; calibration ${before} ms)`,
      );
      const [fig, base] = await measureAlternately(f.measure, f.baseline.measure, runs, warmup);
      const calibrationMs = { before, after: calibrate() };
      results.push({
        name: f.name,
        unit: f.unit,
        value: fig.median,
        min: fig.min,
        max: fig.max,
        runs: fig.values,
        higherIsBetter: f.higherIsBetter ?? true,
        baseline: {
          name: f.baseline.name,
          value: base.median,
          min: base.min,
          max: base.max,
          runs: base.values,
        },
        ratio: fig.median / base.median,
        warmup,
        calibrationMs,
        settings: f.settings ?? {},
      });
    }
  } finally {
    for (const fn of teardowns.reverse()) await fn();
  }
  return results;
}

async function main(): Promise<void> {
  const available = discover();
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((n) => !available.has(n));
  if (unknown.length > 0) {
    console.error(
      `unknown benchmark(s): ${unknown.join(', ')}; available: ${[...available.keys()].join(', ')}`,
    );
    process.exitCode = 2;
    return;
  }
  const names = wanted.length > 0 ? wanted : [...available.keys()];
  const runs = envInt('BENCH_RUNS', 5);
  const warmupEnv = process.env['BENCH_WARMUP'];
  const warmupNumber = Number(warmupEnv);
  // Unset: each figure's own warmupRuns (default 1).
  const warmup =
    warmupEnv === undefined || !Number.isInteger(warmupNumber) || warmupNumber < 0 ? undefined : warmupNumber;
  calibrate(); // once untimed, so the first figure's calibration runs optimized code
  const resultsDir = join(benchDir, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const cpuList = cpus();
  for (const file of names) {
    let benchmark: Benchmark;
    let figures: FigureResult[];
    try {
      benchmark = await load(available.get(file)!);
      figures = await runOne(benchmark, runs, warmup);
    } catch (err) {
      // One broken benchmark must not hide the others' figures.
      console.error(`benchmark ${file} failed:`, err);
      process.exitCode = 1;
      continue;
    }
    printTable(benchmark.name, figures);
    const report = {
      benchmark: benchmark.name,
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpuList.length,
      cpuModel: cpuList[0]?.model ?? 'unknown',
      runs,
      warmup: warmup ?? 'per figure',
      command: `npm run bench -- ${file}`,
      figures,
    };
    writeFileSync(join(resultsDir, `${file}.json`), JSON.stringify(report, null, 2) + '\n');
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
