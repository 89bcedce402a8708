import { Serdes, type Serde } from '../core/serdes/index.ts';
import { EmitStrategy, emitOnCloseRetentionMarginMs } from './config/emit-strategy.ts';
import type { KGroupedStream } from './kgrouped-stream.ts';
import type { KTable } from './ktable.ts';
import { WindowedAggregateTableState } from './internals/ktable-state.ts';
import { timestampedWindowStoreBuilder, type ResolvedMaterialized } from './internals/materialize.ts';
import { NodePrefix } from './internals/names.ts';
import type { AnyProcessor } from './internals/node-defs.ts';
import type { TableOpArg } from './internals/operator-args.ts';
import { KStreamSlidingWindowAggregate } from './internals/processors/kstream-sliding-window-aggregate.ts';
import { KStreamWindowAggregate } from './internals/processors/kstream-window-aggregate.ts';
import { SlidingWindows } from './windows/sliding-windows.ts';
import type { TimeWindows } from './windows/time-windows.ts';
import type { Windowed } from './windows/windowed.ts';
import { WindowedSerdes } from './windows/windowed-serdes.ts';
import { buildWindowedAggregate, windowedAggregateNames } from './windowed-aggregation.ts';

/**
 * A grouped stream cut into time windows (Kafka's TimeWindowedKStream), from
 * `groupByKey().windowedBy(TimeWindows | SlidingWindows)`: `count`, `reduce` and `aggregate` give
 * a `KTable<Windowed<K>, V>` materialized in a timestamped window store that keeps window size +
 * grace of stream time (2 × time difference + grace for sliding windows) unless
 * `Materialized.withRetention` says more. Records later than their window's end + grace are
 * dropped and counted (`dropped-records-total`, `late-record-drop-total`).
 *
 * ```ts
 * const counts = builder.stream<string, string>('clicks', Consumed.with(S, S))
 *   .groupByKey()
 *   .windowedBy(TimeWindows.ofSizeAndGrace(60_000, 5_000))
 *   .count(Materialized.as('clicks-per-minute'));
 * ```
 */
export class TimeWindowedKStream<K, V> {
  private readonly grouped: KGroupedStream<K, V>;
  private readonly windows: TimeWindows | SlidingWindows;
  private readonly strategy: EmitStrategy;

  /** @internal use KGroupedStream.windowedBy */
  constructor(
    grouped: KGroupedStream<K, V>,
    windows: TimeWindows | SlidingWindows,
    strategy = EmitStrategy.onWindowUpdate(),
  ) {
    this.grouped = grouped;
    this.windows = windows;
    this.strategy = strategy;
  }

  /** Emit on every window update (the default) or once per window when it closes. */
  emitStrategy(strategy: EmitStrategy): TimeWindowedKStream<K, V> {
    return new TimeWindowedKStream(this.grouped, this.windows, strategy);
  }

  private get sliding(): boolean {
    return this.windows instanceof SlidingWindows;
  }

  /** Window size as stored: the size, or the time difference for sliding windows. */
  private get windowSizeMs(): number {
    return this.windows instanceof SlidingWindows ? this.windows.timeDifferenceMs : this.windows.sizeMs;
  }

  /** Counts records per key and window (null keys or values are dropped and counted). */
  count(...args: TableOpArg<K, number>[]): KTable<Windowed<K>, number> {
    const { name, resolved } = windowedAggregateNames(this.grouped, args, NodePrefix.AGGREGATE, true);
    return this.build<number>(
      name,
      resolved,
      Serdes.Long(),
      () => 0,
      (_k, _v, n) => n + 1,
    );
  }

  /** Combines the values of each key and window; the first value is the initial aggregate. */
  reduce(reducer: (aggregate: V, value: V) => V, ...args: TableOpArg<K, V>[]): KTable<Windowed<K>, V> {
    const { name, resolved } = windowedAggregateNames(this.grouped, args, NodePrefix.REDUCE);
    // A reduce is an aggregate whose initial "aggregate" is the first value (null marks none yet).
    return this.build<V>(
      name,
      resolved,
      this.grouped.valueSerde,
      () => null as V,
      (_k, v, agg) => (agg === null ? v : reducer(agg, v)),
    );
  }

  /** Folds the values of each key and window: `initializer` per new window, then `aggregator`. */
  aggregate<VA>(
    initializer: () => VA,
    aggregator: (key: K, value: V, aggregate: VA) => VA,
    ...args: TableOpArg<K, VA>[]
  ): KTable<Windowed<K>, VA> {
    const { name, resolved } = windowedAggregateNames(this.grouped, args, NodePrefix.AGGREGATE);
    return this.build<VA>(name, resolved, undefined, initializer, aggregator);
  }

  private build<VA>(
    name: string,
    resolved: ResolvedMaterialized<K, VA>,
    defaultValueSerde: Serde<VA> | undefined,
    initializer: () => VA,
    aggregator: (key: K, value: V, aggregate: VA) => VA,
  ): KTable<Windowed<K>, VA> {
    const state = new WindowedAggregateTableState(resolved.storeName);
    const windows = this.windows;
    const strategy = this.strategy;
    const minRetention = this.sliding
      ? 2 * this.windowSizeMs + windows.graceMs
      : this.windowSizeMs + windows.graceMs;
    const margin = strategy.type === 'ON_WINDOW_CLOSE' ? emitOnCloseRetentionMarginMs : 0;
    return buildWindowedAggregate(this.grouped, name, resolved, defaultValueSerde, {
      state,
      processor: () =>
        (windows instanceof SlidingWindows
          ? new KStreamSlidingWindowAggregate<K, V, VA>(windows, strategy, initializer, aggregator, state)
          : new KStreamWindowAggregate<K, V, VA>(
              windows,
              strategy,
              initializer,
              aggregator,
              state,
            )) as AnyProcessor,
      storeBuilder: (keySerde, valueSerde) =>
        timestampedWindowStoreBuilder(
          resolved,
          keySerde,
          valueSerde,
          this.windowSizeMs,
          minRetention,
          minRetention + margin,
          this.sliding
            ? 'twice the time difference plus the grace period'
            : 'the window size plus the grace period',
          this.grouped.builder.defaultStoreType,
        ),
      windowedSerde: (inner) => WindowedSerdes.timeWindowedSerdeFrom(inner, Math.max(1, this.windowSizeMs)),
      // A sliding window's end is inclusive: it is open while end >= streamTime - grace.
      closeDelayMs: this.sliding ? windows.graceMs + 1 : windows.graceMs,
    });
  }
}
