import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { Serde } from '../../core/serdes/index.ts';
import type { ProcessingContextBase } from '../processor/processor.ts';

/**
 * The task's side of Kafka's dropped-records sensor: DSL processors report a record they skip (null
 * key or value, or too late for its window) so the runtime counts it and tells `onDroppedRecord`.
 * Not on the public context.
 */
export interface DropRecorder {
  recordDropped(reason: string, late?: boolean): void;
}

/** Reads application configs (Kafka's `context.appConfigs()`) and default serdes; not on the public context. */
export interface AppConfigReader {
  appConfig(name: string): unknown;
  defaultKeySerde(): Serde<unknown> | undefined;
  defaultValueSerde(): Serde<unknown> | undefined;
}

/** The serde to use: the given one, else the task's default (Kafka's context.keySerde()). */
export function serdeOrDefault<T>(
  context: ProcessingContextBase,
  given: Serde<T> | undefined,
  which: 'key' | 'value',
  where: string,
): Serde<T> {
  const reader = context as Partial<AppConfigReader>;
  const serde =
    given ??
    ((which === 'key' ? reader.defaultKeySerde?.() : reader.defaultValueSerde?.()) as Serde<T> | undefined);
  if (serde === undefined)
    throw new KafkaError(
      ErrorCode.INVALID_CONFIG,
      `no ${which} serde for ${where}: set one on the operator or default.${which}.serde`,
    );
  return serde;
}

/** Reports a dropped record if the context can count it (a mock context may not). */
export function recordDropped(context: ProcessingContextBase, reason: string): void {
  (context as Partial<DropRecorder>).recordDropped?.(reason);
}

/** Reports a record dropped because its window had closed (Kafka: "Skipping record for expired window."). */
export function recordLateDropped(context: ProcessingContextBase, reason: string): void {
  (context as Partial<DropRecorder>).recordDropped?.(reason, true);
}

/** A numeric app config, e.g. Kafka's internal emit intervals; `fallback` when unset. */
export function numberConfig(context: ProcessingContextBase, name: string, fallback: number): number {
  const value = (context as Partial<AppConfigReader>).appConfig?.(name);
  if (value === undefined || value === null) return fallback;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new RangeError(`${name} must be a non-negative number, got ${String(value)}`);
  return n;
}

/** Kafka's StreamsConfig.InternalConfig names for the wall-clock throttles of final-result emission. */
export const InternalConfig = {
  EMIT_INTERVAL_MS_KSTREAMS_WINDOWED_AGGREGATION: '__emit.interval.ms.kstreams.windowed.aggregation__',
  EMIT_INTERVAL_MS_KSTREAMS_OUTER_JOIN_SPURIOUS_RESULTS_FIX:
    '__emit.interval.ms.kstreams.outer.join.spurious.results.fix__',
} as const;

/** Default of both emit intervals, in wall-clock ms. */
export const defaultEmitIntervalMs = 1000;

/**
 * Kafka's KStreamImplJoin.TimeTracker: the wall-clock throttle for emitting final results (and,
 * for joins, the stream time and the earliest buffered non-joined record) shared by a processor's
 * parts.
 */
export class TimeTracker {
  emitIntervalMs = defaultEmitIntervalMs;
  streamTime = -1;
  minTime = Number.MAX_SAFE_INTEGER;
  nextTimeToEmit = 0;

  advanceStreamTime(recordTimestamp: number): void {
    this.streamTime = Math.max(this.streamTime, recordTimestamp);
  }

  updatedMinTime(recordTimestamp: number): void {
    this.minTime = Math.min(this.minTime, recordTimestamp);
  }

  /** True (and the next slot booked) when the throttle lets an emission happen at `nowMs`. */
  mayEmit(nowMs: number): boolean {
    if (nowMs < this.nextTimeToEmit) return false;
    // From now, not from the last slot, so a jump of wall-clock time does not fire on every record.
    this.nextTimeToEmit = nowMs + this.emitIntervalMs;
    return true;
  }
}
