import { Serdes, type Serde } from '../core/serdes/index.ts';
import { EmitStrategy, emitOnCloseRetentionMarginMs } from './config/emit-strategy.ts';
import type { KGroupedStream } from './kgrouped-stream.ts';
import type { KTable } from './ktable.ts';
import { SessionAggregateTableState } from './internals/ktable-state.ts';
import { sessionStoreBuilder, type ResolvedMaterialized } from './internals/materialize.ts';
import { NodePrefix } from './internals/names.ts';
import type { AnyProcessor } from './internals/node-defs.ts';
import type { TableOpArg } from './internals/operator-args.ts';
import { KStreamSessionWindowAggregate } from './internals/processors/kstream-session-window-aggregate.ts';
import type { SessionWindows } from './windows/session-windows.ts';
import type { Windowed } from './windows/windowed.ts';
import { WindowedSerdes } from './windows/windowed-serdes.ts';
import { buildWindowedAggregate, windowedAggregateNames } from './windowed-aggregation.ts';

/**
 * A grouped stream cut into per-key activity sessions (Kafka's SessionWindowedKStream), from
 * `groupByKey().windowedBy(SessionWindows)`: results are a `KTable<Windowed<K>, V>` in a session
 * store keeping gap + grace of stream time. When a record merges sessions, each old session is
 * forwarded as a tombstone before the merged one.
 *
 * ```ts
 * grouped.windowedBy(SessionWindows.ofInactivityGapAndGrace(300_000, 0))
 *   .aggregate(() => 0, (_k, _v, n) => n + 1, (_k, a, b) => a + b);
 * ```
 */
export class SessionWindowedKStream<K, V> {
  private readonly grouped: KGroupedStream<K, V>;
  private readonly windows: SessionWindows;
  private readonly strategy: EmitStrategy;

  /** @internal use KGroupedStream.windowedBy */
  constructor(
    grouped: KGroupedStream<K, V>,
    windows: SessionWindows,
    strategy = EmitStrategy.onWindowUpdate(),
  ) {
    this.grouped = grouped;
    this.windows = windows;
    this.strategy = strategy;
  }

  /** Emit on every session update (the default) or once per session when it closes. */
  emitStrategy(strategy: EmitStrategy): SessionWindowedKStream<K, V> {
    return new SessionWindowedKStream(this.grouped, this.windows, strategy);
  }

  count(...args: TableOpArg<K, number>[]): KTable<Windowed<K>, number> {
    const { name, resolved } = windowedAggregateNames(this.grouped, args, NodePrefix.AGGREGATE, true);
    return this.build<number>(
      name,
      resolved,
      Serdes.Long(),
      () => 0,
      (_k, _v, n) => n + 1,
      (_k, a, b) => a + b,
    );
  }

  reduce(reducer: (aggregate: V, value: V) => V, ...args: TableOpArg<K, V>[]): KTable<Windowed<K>, V> {
    const { name, resolved } = windowedAggregateNames(this.grouped, args, NodePrefix.REDUCE);
    const combine = (a: V, b: V): V => (a === null ? b : b === null ? a : reducer(a, b));
    return this.build<V>(
      name,
      resolved,
      this.grouped.valueSerde,
      () => null as V,
      (_k, v, agg) => combine(agg, v),
      (_k, a, b) => combine(a, b),
    );
  }

  /** `merger(key, aggregate1, aggregate2)` combines two sessions' aggregates when a record bridges them. */
  aggregate<VA>(
    initializer: () => VA,
    aggregator: (key: K, value: V, aggregate: VA) => VA,
    merger: (key: K, aggregate1: VA, aggregate2: VA) => VA,
    ...args: TableOpArg<K, VA>[]
  ): KTable<Windowed<K>, VA> {
    const { name, resolved } = windowedAggregateNames(this.grouped, args, NodePrefix.AGGREGATE);
    return this.build<VA>(name, resolved, undefined, initializer, aggregator, merger);
  }

  private build<VA>(
    name: string,
    resolved: ResolvedMaterialized<K, VA>,
    defaultValueSerde: Serde<VA> | undefined,
    initializer: () => VA,
    aggregator: (key: K, value: V, aggregate: VA) => VA,
    merger: (key: K, aggregate1: VA, aggregate2: VA) => VA,
  ): KTable<Windowed<K>, VA> {
    const state = new SessionAggregateTableState(resolved.storeName);
    const windows = this.windows;
    const strategy = this.strategy;
    const margin = strategy.type === 'ON_WINDOW_CLOSE' ? emitOnCloseRetentionMarginMs : 0;
    const minRetention = windows.gapMs + windows.graceMs;
    return buildWindowedAggregate(this.grouped, name, resolved, defaultValueSerde, {
      state,
      processor: () =>
        new KStreamSessionWindowAggregate<K, V, VA>(
          windows,
          strategy,
          initializer,
          aggregator,
          merger,
          state,
        ) as AnyProcessor,
      storeBuilder: (keySerde, valueSerde) =>
        sessionStoreBuilder(
          resolved,
          keySerde,
          valueSerde,
          minRetention,
          minRetention + margin,
          this.grouped.builder.defaultStoreType,
        ),
      windowedSerde: (inner) => WindowedSerdes.sessionWindowedSerdeFrom(inner),
      // A session [s, e] still accepts records while e >= streamTime - gap - grace (inclusive).
      closeDelayMs: windows.gapMs + windows.graceMs + 1,
    });
  }
}
