/**
 * When a windowed aggregation emits (Kafka's EmitStrategy, KIP-825): on every update of a window
 * (the default), or once per window when it closes (stream time passes window end + grace), which
 * needs no separate suppress buffer.
 *
 * ```ts
 * grouped.windowedBy(TimeWindows.ofSizeWithNoGrace(60_000)).emitStrategy(EmitStrategy.onWindowClose()).count();
 * ```
 */
/** Extra default retention of a window or session store whose aggregation emits on window close. */
export const emitOnCloseRetentionMarginMs = 60_000;

export class EmitStrategy {
  readonly type: 'ON_WINDOW_UPDATE' | 'ON_WINDOW_CLOSE';

  private constructor(type: 'ON_WINDOW_UPDATE' | 'ON_WINDOW_CLOSE') {
    this.type = type;
  }

  static onWindowUpdate(): EmitStrategy {
    return new EmitStrategy('ON_WINDOW_UPDATE');
  }

  /**
   * One final result per window once it closes. As in Kafka, closed windows are looked for at most
   * once per `__emit.interval.ms.kstreams.windowed.aggregation__` of wall-clock time (default
   * 1000 ms; the TopologyTestDriver moves wall-clock time only through advanceWallClockTime, so
   * tests set it to 0). Closed windows are read from the store, so without
   * `Materialized.withRetention` the store keeps `emitOnCloseRetentionMarginMs` (60 s) more stream
   * time than the windows need: a window closed while the throttle waits is still there to emit.
   */
  static onWindowClose(): EmitStrategy {
    return new EmitStrategy('ON_WINDOW_CLOSE');
  }
}
