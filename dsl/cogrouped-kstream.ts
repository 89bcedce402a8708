import type { Serde } from '../core/serdes/index.ts';
import { TopologyException } from './errors.ts';
import type { InternalTopologyBuilder } from './internals/internal-topology-builder.ts';
import { AggregateTableState } from './internals/ktable-state.ts';
import { resolveMaterialized, timestampedStoreBuilder } from './internals/materialize.ts';
import { NodePrefix } from './internals/names.ts';
import type { AnyProcessor } from './internals/node-defs.ts';
import { splitTableArgs, type TableOpArg } from './internals/operator-args.ts';
import { KStreamAggregate } from './internals/processors/kstream-aggregate.ts';
import { PassThrough } from './internals/processors/pass-through.ts';
import type { KGroupedStream } from './kgrouped-stream.ts';
import { KTable } from './ktable.ts';

type AnyAggregator<K, VOut> = (key: K, value: never, aggregate: VOut) => VOut;

/**
 * Several grouped streams aggregated into one table (Kafka's CogroupedKStream): each input keeps its
 * own aggregator, all share one initializer and one store, and no extra repartition is needed
 * beyond what each input requires. Streams with the same key type only.
 *
 * ```ts
 * clicks.groupByKey().cogroup<number>((_k, _v, n) => n + 1)
 *   .cogroup(views.groupByKey(), (_k, _v, n) => n + 10)
 *   .aggregate(() => 0);
 * ```
 */
export class CogroupedKStream<K, VOut> {
  private readonly builder: InternalTopologyBuilder;
  private readonly groups: { stream: KGroupedStream<K, unknown>; aggregator: AnyAggregator<K, VOut> }[] = [];

  /** @internal use KGroupedStream.cogroup */
  constructor(builder: InternalTopologyBuilder) {
    this.builder = builder;
  }

  /** Adds another grouped stream with its aggregator. */
  cogroup<V>(stream: KGroupedStream<K, V>, aggregator: (key: K, value: V, aggregate: VOut) => VOut): this {
    if (stream.builder !== this.builder)
      throw new TopologyException('cannot cogroup streams of different builders');
    if (this.groups.some((g) => g.stream === (stream as KGroupedStream<K, unknown>)))
      throw new TopologyException('a grouped stream can be cogrouped only once');
    this.groups.push({
      stream: stream as KGroupedStream<K, unknown>,
      aggregator: aggregator as AnyAggregator<K, VOut>,
    });
    return this;
  }

  /**
   * Aggregates all inputs into one table. Nodes are `COGROUPKSTREAM-AGGREGATE-…` per input and a
   * `COGROUPKSTREAM-MERGE-…` node, or `<name>-cogroup-agg-<i>` and `<name>-cogroup-merge` with Named.
   */
  aggregate(initializer: () => VOut, ...args: TableOpArg<K, VOut>[]): KTable<K, VOut> {
    const { named, materialized } = splitTableArgs(args);
    const resolved = resolveMaterialized(this.builder, materialized, NodePrefix.COGROUP_AGGREGATE);
    // Kafka creates every repartition first, then the aggregate nodes, then the merge node.
    const parents = this.groups.map((g) => g.stream.repartitionedSource(resolved));
    const state = new AggregateTableState(resolved.storeName);
    const aggregateNames = this.groups.map((g, i) => {
      const name = this.builder.suffixOrGenerate(
        named?.name,
        `-cogroup-agg-${i}`,
        NodePrefix.COGROUP_AGGREGATE,
      );
      this.builder.addProcessor({
        name,
        parents: [parents[i]!],
        supplier: () =>
          new KStreamAggregate<K, unknown, VOut>(
            initializer,
            g.aggregator as (key: K, value: unknown, aggregate: VOut) => VOut,
            state,
          ) as AnyProcessor,
        stores: [],
      });
      return name;
    });
    const keySerde = (materialized?.keySerde ?? this.groups[0]?.stream.keySerde) as Serde<K> | undefined;
    const valueSerde = materialized?.valueSerde;
    this.builder.addStateStore(timestampedStoreBuilder(this.builder, resolved, keySerde, valueSerde));
    for (const name of aggregateNames)
      this.builder.connectProcessorAndStateStores(name, [resolved.storeName]);
    const mergeName = this.builder.suffixOrGenerate(named?.name, '-cogroup-merge', NodePrefix.COGROUP_MERGE);
    this.builder.addProcessor({
      name: mergeName,
      parents: aggregateNames,
      supplier: () => new PassThrough() as AnyProcessor,
      stores: [],
    });
    return new KTable<K, VOut>(
      this.builder,
      mergeName,
      keySerde,
      valueSerde,
      state,
      resolved.queryableStoreName,
    );
  }
}
