/**
 * One table of where we stand: every figure of the named benchmarks' results (bench/results/<name>.json,
 * all by default) as markdown, plus, when the peers benchmark is among them, Tributary and its peers
 * side by side. Says when the results do not come from one run (their dates lie far apart).
 *
 *   npx tsx bench/summary.ts [--results <dir>] [name...]          # summarize existing results
 *   npx tsx bench/summary.ts --run [name...]                      # npm run bench -- name..., then summarize
 *
 * The README's "Performance" section is this output.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface FigureJson {
  name: string;
  unit: string;
  value: number;
  min: number;
  max: number;
  higherIsBetter: boolean;
  baseline: { name: string; value: number };
  ratio: number;
}

interface ReportJson {
  benchmark: string;
  date: string;
  node: string;
  cpus: number;
  cpuModel: string;
  runs: number;
  /** BENCH_WARMUP when set, else 'per figure' (each figure records its own). */
  warmup: number | string;
  command: string;
  figures: FigureJson[];
}

/** Results further apart than this are reported as not coming from one run. */
const oneRunSpanMs = 6 * 3600 * 1000;

const benchDir = dirname(fileURLToPath(import.meta.url));

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (abs >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  if (abs >= 100) return n.toFixed(0);
  return n.toPrecision(3);
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function load(dir: string, names: readonly string[]): ReportJson[] {
  const files =
    names.length > 0
      ? names.map((n) => `${n}.json`)
      : readdirSync(dir)
          .filter((f) => f.endsWith('.json'))
          .sort();
  return files.map((f) => {
    const path = join(dir, f);
    if (!existsSync(path))
      throw new Error(`no results for ${f.slice(0, -5)} in ${dir} (run npm run bench -- ${f.slice(0, -5)})`);
    return JSON.parse(readFileSync(path, 'utf8')) as ReportJson;
  });
}

/** Peers: one row per measurement, one column per system, then Tributary ÷ peer per pairing. */
function peersTable(report: ReportJson): string {
  const systems: string[] = [];
  const ratioColumns: string[] = [];
  const rows = new Map<string, { unit: string; values: Map<string, number>; ratios: Map<string, number> }>();
  const addSystem = (s: string): void => {
    if (!systems.includes(s)) systems.push(s);
  };
  for (const f of report.figures) {
    const at = f.name.lastIndexOf(': ');
    if (at < 0) continue;
    const mbps = f.name.endsWith(' (MB/s)');
    const tributary = f.name.slice(at + 2, mbps ? -' (MB/s)'.length : undefined);
    const metric = `${f.name.slice(0, at)}${mbps ? ' (MB/s)' : ''}`;
    const peer = f.baseline.name.split(/,| \(/)[0]!;
    addSystem(tributary);
    addSystem(peer);
    const ratioColumn = `${tributary.replace(/^Tributary /, '')} ÷ ${peer.replace(/ v?\d[\d.]*$/, '')}`;
    if (!ratioColumns.includes(ratioColumn)) ratioColumns.push(ratioColumn);
    let row = rows.get(metric);
    if (row === undefined) rows.set(metric, (row = { unit: f.unit, values: new Map(), ratios: new Map() }));
    row.values.set(tributary, f.value);
    row.values.set(peer, f.baseline.value);
    row.ratios.set(ratioColumn, f.ratio);
  }
  const tributaries = systems.filter((s) => s.startsWith('Tributary'));
  const peers = systems.filter((s) => !s.startsWith('Tributary'));
  const columns = [...tributaries, ...peers];
  return table(
    ['measurement', 'unit', ...columns, ...ratioColumns],
    [...rows.entries()].map(([metric, r]) => [
      metric,
      r.unit,
      ...columns.map((c) => (r.values.has(c) ? fmt(r.values.get(c)!) : '')),
      ...ratioColumns.map((c) => (r.ratios.has(c) ? r.ratios.get(c)!.toFixed(2) : '')),
    ]),
  );
}

/** The summary as markdown. */
export function summarize(reports: readonly ReportJson[]): string {
  const out: string[] = [];
  if (reports.length === 0) return 'no results\n';
  const dates = reports.map((r) => Date.parse(r.date));
  const first = reports[dates.indexOf(Math.min(...dates))]!;
  const last = reports[dates.indexOf(Math.max(...dates))]!;
  const machine = `${last.cpus} × ${last.cpuModel}, Node ${last.node}`;
  out.push(`Machine: ${machine}. Results from ${first.date} to ${last.date}.`);
  if (Math.max(...dates) - Math.min(...dates) > oneRunSpanMs)
    out.push(
      `**Warning: these results span more than ${oneRunSpanMs / 3600_000} hours; they are not from one run.**`,
    );
  const machines = new Set(reports.map((r) => `${r.cpus} × ${r.cpuModel}, Node ${r.node}`));
  if (machines.size > 1)
    out.push(`**Warning: results from different machines: ${[...machines].join('; ')}.**`);
  const peers = reports.find((r) => r.benchmark === 'peers');
  if (peers !== undefined) {
    out.push('', `### Tributary and its peers (${peers.runs} runs, median)`, '', peersTable(peers));
  }
  const rows: string[][] = [];
  for (const r of reports) {
    if (r.benchmark === 'peers') continue;
    for (const f of r.figures) {
      rows.push([
        r.benchmark,
        f.name,
        `${fmt(f.value)} ${f.unit}`,
        f.baseline.name,
        `${fmt(f.baseline.value)} ${f.unit}`,
        `${f.ratio.toFixed(3)}${f.higherIsBetter ? '' : ' (lower is better)'}`,
      ]);
    }
  }
  if (rows.length > 0) {
    out.push('', '### Every other figure (median, ratio = figure ÷ baseline)', '');
    out.push(table(['benchmark', 'figure', 'median', 'baseline', 'baseline median', 'ratio'], rows));
  }
  return `${out.join('\n')}\n`;
}

function main(): void {
  const args = process.argv.slice(2);
  let dir = join(benchDir, 'results');
  let run = false;
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--results') dir = args[++i] ?? dir;
    else if (a === '--run') run = true;
    else names.push(a);
  }
  if (run) {
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(benchDir, 'run.ts'), ...names], {
      stdio: 'inherit',
    });
    if (result.status !== 0) process.exitCode = result.status ?? 1;
  }
  process.stdout.write(`\n## Summary\n\n${summarize(load(dir, names))}`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main();
