import type { EmitStrategy } from '../../config/emit-strategy.ts';
import type { ProcessorContext } from '../../processor/processor.ts';
import type { Record } from '../../processor/record.ts';
import type { KeyValueIterator } from '../../state/key-value-iterator.ts';
import type { Windowed } from '../../windows/windowed.ts';
import { Change } from '../change.ts';
import { InternalConfig, TimeTracker, defaultEmitIntervalMs, numberConfig } from '../drop-recorder.ts';

/**
 * The emit-strategy half of a windowed aggregation (Kafka's AbstractKStreamTimeWindowAggregateProcessor):
 * with ON_WINDOW_UPDATE every change is forwarded at once; with ON_WINDOW_CLOSE nothing is, and
 * after each record the windows closed since the last emission are read from the store and
 * forwarded once each, at most once per emit interval of wall-clock time.
 */
export class WindowEmitter<K, VAgg> {
  private readonly onClose: boolean;
  private readonly tracker = new TimeTracker();
  private context!: ProcessorContext<Windowed<K>, Change<VAgg>>;
  /** Close time of the last emission; -1 before the first. */
  lastEmitWindowCloseTime = -1;

  constructor(strategy: EmitStrategy) {
    this.onClose = strategy.type === 'ON_WINDOW_CLOSE';
  }

  init(context: ProcessorContext<Windowed<K>, Change<VAgg>>): void {
    this.context = context;
    this.tracker.emitIntervalMs = numberConfig(
      context,
      InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_WINDOWED_AGGREGATION,
      defaultEmitIntervalMs,
    );
  }

  get emitsOnClose(): boolean {
    return this.onClose;
  }

  /** Forwards one window update unless results wait for the window to close. */
  maybeForwardUpdate(
    record: Record<unknown, unknown>,
    key: Windowed<K>,
    newAgg: VAgg | null,
    oldAgg: VAgg | null,
    timestamp: number,
  ): void {
    if (this.onClose) return;
    this.context.forward(
      record.withKey(key).withValue(new Change<VAgg>(newAgg, oldAgg)).withTimestamp(timestamp),
    );
  }

  /** True when ON_WINDOW_CLOSE may emit now: the throttle allows it and the close time moved. */
  shouldEmitFinal(windowCloseTime: number): boolean {
    if (!this.onClose) return false;
    if (!this.tracker.mayEmit(this.context.currentSystemTimeMs())) return false;
    return this.lastEmitWindowCloseTime === -1 || this.lastEmitWindowCloseTime < windowCloseTime;
  }

  /** Forwards every window the iterator yields as a final result, then books the close time. */
  emitFinal(
    record: Record<unknown, unknown>,
    windows: KeyValueIterator<Windowed<K>, { value: VAgg; timestamp: number }>,
    windowCloseTime: number,
  ): void {
    try {
      for (const { key, value } of windows) {
        this.context.forward(
          record.withKey(key).withValue(new Change<VAgg>(value.value, null)).withTimestamp(value.timestamp),
        );
      }
    } finally {
      windows.close();
    }
    this.lastEmitWindowCloseTime = windowCloseTime;
  }
}
