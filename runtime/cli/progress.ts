// A one-line progress display for long CLI operations (bulk produce, state restore): redrawn in
// place with `\r` on stderr, and only when stderr is a terminal, so pipes, files and tests see none.

/** What a progress line shows. */
export interface ProgressState {
  /** What is progressing, e.g. `produce orders`. */
  readonly label: string;
  /** Units done (records sent, records restored). */
  readonly done: number;
  /** Units confirmed (records acknowledged); omitted when there is no such second count. */
  readonly confirmed?: number;
  /** Units expected in all; unknown (stdin) draws no bar. */
  readonly total?: number;
  readonly elapsedMs: number;
  /** What a unit is called (`records`). */
  readonly unit: string;
  /** The name of the confirmed count (`acked`). */
  readonly confirmedName?: string;
}

const barWidth = 24;

/** 1234567 as `1.2M`, 12345 as `12.3k`, 999 as `999`. */
export function compactNumber(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return String(Math.round(n));
}

/**
 * The text of one progress line, e.g.
 * `produce orders [##########--------------]  42% 4200/10000 records, 4100 acked, 3.5k records/s`.
 */
export function renderProgress(state: ProgressState): string {
  const parts = [state.label];
  if (state.total !== undefined && state.total > 0) {
    const ratio = Math.min(1, Math.max(0, state.done / state.total));
    const filled = Math.round(ratio * barWidth);
    parts.push(`[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]`);
    parts.push(`${String(Math.floor(ratio * 100)).padStart(3)}%`);
    parts.push(`${state.done}/${state.total} ${state.unit}`);
  } else parts.push(`${state.done} ${state.unit}`);
  let line = parts.join(' ');
  if (state.confirmed !== undefined) line += `, ${state.confirmed} ${state.confirmedName ?? 'done'}`;
  const seconds = state.elapsedMs / 1000;
  const rate = seconds > 0 ? state.done / seconds : 0;
  return `${line}, ${compactNumber(rate)} ${state.unit}/s`;
}

/** Where progress goes: a stream with `isTTY` (process.stderr) or anything with `write`. */
export interface ProgressOutput {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressBarOptions {
  readonly label: string;
  readonly unit: string;
  readonly confirmedName?: string;
  readonly total?: number;
  /** Default process.stderr. */
  readonly output?: ProgressOutput;
  /** Draw even when the output is not a terminal (tests). Default false. */
  readonly force?: boolean;
  /** Least time between redraws; default 100 ms. */
  readonly intervalMs?: number;
  /** Default Date.now. */
  readonly now?: () => number;
}

/**
 * A progress line that redraws at most every `intervalMs`: call update() as often as convenient and
 * finish() once. Disabled (every call a no-op) when the output is not a terminal.
 */
export class ProgressBar {
  readonly enabled: boolean;
  private readonly options: ProgressBarOptions;
  private readonly output: ProgressOutput;
  private readonly now: () => number;
  private readonly startMs: number;
  private lastDrawMs = Number.NEGATIVE_INFINITY;
  private lastWidth = 0;
  private done = 0;
  private confirmed: number | undefined;
  private finished = false;

  constructor(options: ProgressBarOptions) {
    this.options = options;
    this.output = options.output ?? process.stderr;
    this.enabled = options.force === true || this.output.isTTY === true;
    this.now = options.now ?? Date.now;
    this.startMs = this.now();
  }

  /** Records the counts; redraws when the interval has passed. */
  update(done: number, confirmed?: number): void {
    this.done = done;
    this.confirmed = confirmed;
    if (!this.enabled || this.finished) return;
    const now = this.now();
    if (now - this.lastDrawMs < (this.options.intervalMs ?? 100)) return;
    this.lastDrawMs = now;
    this.draw(now);
  }

  /** Draws the final counts and ends the line. */
  finish(): void {
    if (!this.enabled || this.finished) return;
    this.finished = true;
    this.draw(this.now());
    this.output.write('\n');
  }

  private draw(now: number): void {
    const text = renderProgress({
      label: this.options.label,
      unit: this.options.unit,
      confirmedName: this.options.confirmedName,
      total: this.options.total,
      done: this.done,
      confirmed: this.confirmed,
      elapsedMs: now - this.startMs,
    });
    // Pad over what a longer previous line left behind.
    this.output.write(`\r${text.padEnd(this.lastWidth)}`);
    this.lastWidth = text.length;
  }
}
