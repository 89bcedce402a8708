import type { Serde } from '../../core/serdes/index.ts';

/**
 * What a windowed aggregation's KTable carries for operators downstream (Kafka finds it by walking
 * the graph up to the aggregation).
 */
export interface WindowingInfo {
  /**
   * How long after a window's end (the inclusive end for sessions) stream time must move before
   * the window closes: the grace period, or gap + grace for sessions. `untilWindowCloses` needs it.
   */
  readonly closeDelayMs: number;
  /** Wraps a plain key serde (e.g. `default.key.serde`) into the serde of this table's Windowed keys. */
  readonly wrapKeySerde: (inner: Serde<unknown>) => Serde<unknown>;
}
