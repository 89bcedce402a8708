import { Serdes, type Serde } from '../core/serdes/index.ts';
import type { InternalTopologyBuilder } from './internals/internal-topology-builder.ts';
import type { AggregateTableState } from './internals/ktable-state.ts';
import { resolveMaterialized, type ResolvedMaterialized } from './internals/materialize.ts';
import { NodePrefix } from './internals/names.ts';
import type { AnyProcessor } from './internals/node-defs.ts';
import { splitTableArgs, type TableOpArg } from './internals/operator-args.ts';
import { KStreamAggregate } from './internals/processors/kstream-aggregate.ts';
import { KStreamReduce } from './internals/processors/kstream-reduce.ts';
import { addRepartition, nameRepartition, type RepartitionNodes } from './internals/repartition.ts';
import { addGroupedAggregate } from './grouped-aggregate.ts';
import type { KTable } from './ktable.ts';
import { CogroupedKStream } from './cogrouped-kstream.ts';
import { SessionWindowedKStream } from './session-windowed-kstream.ts';
import { TimeWindowedKStream } from './time-windowed-kstream.ts';
import { SessionWindows } from './windows/session-windows.ts';
import type { SlidingWindows } from './windows/sliding-windows.ts';
import type { TimeWindows } from './windows/time-windows.ts';

/**
 * A grouped record stream (Kafka's KGroupedStream), from `groupByKey` or `groupBy`: aggregate it
 * into a KTable with `count`, `reduce` or `aggregate`. If the key changed upstream (or `groupBy`
 * chose a new one), the records go through `<application.id>-<name>-repartition` first, so that
 * all records of a key meet in one task; the name is the Grouped name, else the store's.
 */
export class KGroupedStream<K, V> {
  /** @internal */
  readonly builder: InternalTopologyBuilder;
  /** @internal */
  readonly nodeName: string;
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  /** @internal */
  readonly repartitionRequired: boolean;
  /** @internal */
  readonly groupedName: string | undefined;
  private repartition: RepartitionNodes | undefined;

  /** @internal */
  constructor(
    builder: InternalTopologyBuilder,
    nodeName: string,
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<V> | undefined,
    repartitionRequired: boolean,
    groupedName: string | undefined,
  ) {
    this.builder = builder;
    this.nodeName = nodeName;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
    this.repartitionRequired = repartitionRequired;
    this.groupedName = groupedName;
  }

  /**
   * Counts records per key (records with a null key or value are dropped and counted). The result
   * is stored as Long (`Serdes.Long()` unless Materialized says otherwise).
   */
  count(...args: TableOpArg<K, number>[]): KTable<K, number> {
    const { named, materialized } = splitTableArgs(args);
    // Kafka's count(Materialized) burns a store name when the store is unnamed; count() does not.
    if (materialized !== undefined && materialized.storeName === undefined)
      this.builder.newStoreName(NodePrefix.AGGREGATE);
    const resolved = resolveMaterialized(this.builder, materialized, NodePrefix.AGGREGATE);
    const name = this.builder.nameOrGenerate(named?.name, NodePrefix.AGGREGATE);
    return this.build<number>(
      name,
      resolved,
      Serdes.Long(),
      (state) =>
        new KStreamAggregate<K, V, number>(
          () => 0,
          (_k, _v, agg) => agg + 1,
          state,
        ) as AnyProcessor,
    );
  }

  /** Combines the values of each key: the first value is the initial aggregate. */
  reduce(reducer: (aggregate: V, value: V) => V, ...args: TableOpArg<K, V>[]): KTable<K, V> {
    const { named, materialized } = splitTableArgs(args);
    const resolved = resolveMaterialized(this.builder, materialized, NodePrefix.REDUCE);
    const name = this.builder.nameOrGenerate(named?.name, NodePrefix.REDUCE);
    return this.build<V>(
      name,
      resolved,
      this.valueSerde,
      (state) => new KStreamReduce<K, V>(reducer, state) as AnyProcessor,
    );
  }

  /**
   * Folds the values of each key into an aggregate: `initializer` at a key's first record, then
   * `aggregator(key, value, aggregate)` per record.
   *
   * ```ts
   * grouped.aggregate(() => 0, (_k, v, sum) => sum + v, Materialized.as<string, number>('sums').withValueSerde(Serdes.Long()));
   * ```
   */
  aggregate<VA>(
    initializer: () => VA,
    aggregator: (key: K, value: V, aggregate: VA) => VA,
    ...args: TableOpArg<K, VA>[]
  ): KTable<K, VA> {
    const { named, materialized } = splitTableArgs(args);
    const resolved = resolveMaterialized(this.builder, materialized, NodePrefix.AGGREGATE);
    const name = this.builder.nameOrGenerate(named?.name, NodePrefix.AGGREGATE);
    return this.build<VA>(
      name,
      resolved,
      undefined,
      (state) => new KStreamAggregate<K, V, VA>(initializer, aggregator, state) as AnyProcessor,
    );
  }

  /**
   * Cuts the grouped stream into windows for a windowed aggregation: TimeWindows (tumbling or
   * hopping) and SlidingWindows give a TimeWindowedKStream, SessionWindows a SessionWindowedKStream.
   */
  windowedBy(windows: SessionWindows): SessionWindowedKStream<K, V>;
  windowedBy(windows: TimeWindows | SlidingWindows): TimeWindowedKStream<K, V>;
  windowedBy(
    windows: TimeWindows | SlidingWindows | SessionWindows,
  ): TimeWindowedKStream<K, V> | SessionWindowedKStream<K, V> {
    if (windows instanceof SessionWindows) return new SessionWindowedKStream(this, windows);
    return new TimeWindowedKStream(this, windows);
  }

  /**
   * Starts a cogroup: aggregate this and other grouped streams into one table, each with its own
   * aggregator and one shared initializer (Kafka's KGroupedStream.cogroup).
   */
  cogroup<VOut>(aggregator: (key: K, value: V, aggregate: VOut) => VOut): CogroupedKStream<K, VOut> {
    return new CogroupedKStream<K, VOut>(this.builder).cogroup(this, aggregator);
  }

  /** @internal The node an aggregation reads from: this one, or the repartition source. */
  repartitionedSource(resolved: { storeName: string }): string {
    if (!this.repartitionRequired) return this.nodeName;
    // Named: the topic is shared by every aggregation of this grouping (created once); generated
    // names always make a new topic. Either way Kafka burns the three indices.
    const names = nameRepartition(this.builder, this.groupedName ?? resolved.storeName);
    if (this.repartition === undefined || this.groupedName === undefined) {
      this.repartition = addRepartition(this.builder, names, {
        parent: this.nodeName,
        topicPrefix: names.topic,
        keySerde: this.keySerde as Serde<unknown> | undefined,
        valueSerde: this.valueSerde as Serde<unknown> | undefined,
        withFilter: true,
      });
    }
    return this.repartition.sourceName;
  }

  private build<VA>(
    name: string,
    resolved: ResolvedMaterialized<K, VA>,
    defaultValueSerde: Serde<VA> | undefined,
    processor: (state: AggregateTableState) => AnyProcessor,
  ): KTable<K, VA> {
    const source = this.repartitionedSource(resolved);
    return addGroupedAggregate(this, name, source, resolved, defaultValueSerde, processor);
  }
}
