/**
 * The workload every system of the peers benchmark runs, and what it reports.
 *
 * Throughput: `records` records of `valueBytes` bytes into one stream/partition as fast as the client's
 * natural flow control allows, then read back from the start; each phase timed on its own.
 *
 * Latency: a consumer already waiting at the (empty) stream's end; a producer sending at a fixed rate
 * (`ratePerSecond`, paced on a 1 ms timer) for `seconds`. Each value carries the time it was *due* to be
 * sent (not when the pacer got round to it, so a stalled sender counts against it: no coordinated
 * omission); the consumer records now − due for every record in an HDR histogram (microseconds).
 */
import { performance } from 'node:perf_hooks';
import * as hdr from 'hdr-histogram-js';

export interface ThroughputSettings {
  readonly records: number;
  readonly valueBytes: number;
}

export interface ThroughputResult {
  readonly produceSeconds: number;
  readonly consumeSeconds: number;
}

export interface LatencySettings {
  readonly ratePerSecond: number;
  readonly seconds: number;
  readonly valueBytes: number;
}

/** End-to-end latencies in milliseconds. */
export interface LatencyResult {
  readonly p50: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
  readonly count: number;
}

/** One system under test, started fresh for each run. */
export interface PeerSystem {
  /** Short id, e.g. 'tributary-acks1'. */
  readonly id: string;
  /** For tables, e.g. 'Tributary, 1 broker, acks=1'. */
  readonly label: string;
  throughput(settings: ThroughputSettings): Promise<ThroughputResult>;
  latency(settings: LatencySettings): Promise<LatencyResult>;
}

/** Time values carry: milliseconds on the monotonic clock, as a float64 in the value's first 8 bytes. */
export const stampBytes = 8;

export function nowMs(): number {
  return performance.now();
}

/** A value of `valueBytes` bytes stamped with `dueMs`. */
export function stampedValue(valueBytes: number, dueMs: number): Buffer {
  const value = Buffer.alloc(valueBytes, 97);
  value.writeDoubleLE(dueMs, 0);
  return value;
}

/** The value's stamp (what `stampedValue` wrote). */
export function readStamp(value: Uint8Array): number {
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength).readDoubleLE(0);
}

/** Records end-to-end latencies; one per system and run. */
export class LatencyRecorder {
  private readonly histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 600_000_000,
    numberOfSignificantValueDigits: 3,
  });
  count = 0;

  /** Records the latency of a value stamped with its due time, received now. */
  record(value: Uint8Array): void {
    const micros = Math.max(1, Math.round((nowMs() - readStamp(value)) * 1000));
    this.histogram.recordValue(micros);
    this.count++;
  }

  result(): LatencyResult {
    const ms = (p: number): number => this.histogram.getValueAtPercentile(p) / 1000;
    return {
      p50: ms(50),
      p99: ms(99),
      p999: ms(99.9),
      max: this.histogram.maxValue / 1000,
      count: this.count,
    };
  }

  destroy(): void {
    this.histogram.destroy();
  }
}

/**
 * Calls `send(dueMs)` `ratePerSecond × seconds` times, each at (or as soon as possible after) its due
 * time, checking the schedule on a 1 ms timer. `send` may return a promise, which the pacer does not
 * await (a rejection fails the run); `gate` may return a promise to wait for before the next send (a
 * system's own flow control, e.g. a full window of unacknowledged publishes): records delayed by it are
 * still stamped with their due time, so the delay counts as latency. Resolves when everything was
 * handed to `send` and every returned promise settled.
 */
/** Sends between forced yields to the event loop when the pacer runs behind schedule. */
const yieldEverySends = 100;

export async function paced(
  settings: LatencySettings,
  send: (dueMs: number) => Promise<unknown> | void,
  gate: () => Promise<unknown> | undefined = () => undefined,
): Promise<void> {
  const total = Math.round(settings.ratePerSecond * settings.seconds);
  const intervalMs = 1000 / settings.ratePerSecond;
  const pending = new Set<Promise<unknown>>();
  let failure: unknown;
  const start = nowMs();
  let sent = 0;
  while (sent < total && failure === undefined) {
    const due = start + sent * intervalMs;
    if (due > nowMs()) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      continue;
    }
    const wait = gate();
    if (wait !== undefined)
      await wait.catch(() => {}); // its failure is reported by its own send
    // A sender running behind schedule still lets the consumer (same process) run now and then.
    else if (sent % yieldEverySends === 0) await new Promise((resolve) => setImmediate(resolve));
    const p = send(due);
    sent++;
    if (p !== undefined) {
      pending.add(p);
      p.then(
        () => pending.delete(p),
        (err: unknown) => {
          pending.delete(p);
          failure ??= err;
        },
      );
    }
  }
  await Promise.allSettled([...pending]);
  if (failure !== undefined) throw failure;
}

/** Fails unless `actual` equals `expected` (a benchmark that lost records must not report a figure). */
export function expectCount(what: string, actual: number, expected: number): void {
  if (actual !== expected) throw new Error(`${what}: ${actual} records, expected ${expected}`);
}

/** Rejects after `ms` with `what` in the message; for reads that would otherwise wait forever. */
export function deadline(ms: number, what: string): { promise: Promise<never>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish in ${ms} ms`)), ms);
  });
  promise.catch(() => {});
  return { promise, cancel: () => clearTimeout(timer) };
}
