import { Serdes, type Serde } from '../core/serdes/index.ts';
import type { Named } from './config/named.ts';
import { changeSerde } from './internals/change.ts';
import type { InternalTopologyBuilder } from './internals/internal-topology-builder.ts';
import type { AggregateTableState } from './internals/ktable-state.ts';
import { resolveMaterialized, type ResolvedMaterialized } from './internals/materialize.ts';
import { NodePrefix, repartitionTopicSuffix } from './internals/names.ts';
import type { AnyProcessor } from './internals/node-defs.ts';
import { splitTableArgs, type TableOpArg } from './internals/operator-args.ts';
import { KTableAggregate } from './internals/processors/ktable-aggregate.ts';
import { KTableReduce } from './internals/processors/ktable-reduce.ts';
import { addRepartition, type RepartitionNodes } from './internals/repartition.ts';
import { addGroupedAggregate } from './grouped-aggregate.ts';
import type { KTable } from './ktable.ts';

/**
 * A re-grouped table (Kafka's KGroupedTable), from `KTable.groupBy`. Its aggregations take an adder
 * and a subtractor: an update subtracts the old value from its old group and adds the new value to
 * its new group. Changes reach the aggregation through `<application.id>-<name>-repartition`.
 */
export class KGroupedTable<K, V> {
  /** @internal */
  readonly builder: InternalTopologyBuilder;
  /** @internal */
  readonly nodeName: string;
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  private readonly groupedName: string | undefined;
  private repartition: RepartitionNodes | undefined;

  /** @internal */
  constructor(
    builder: InternalTopologyBuilder,
    nodeName: string,
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<V> | undefined,
    groupedName: string | undefined,
  ) {
    this.builder = builder;
    this.nodeName = nodeName;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
    this.groupedName = groupedName;
  }

  /** Counts the rows per group: +1 on add, -1 on subtract (a group can reach 0 and stays). */
  count(...args: TableOpArg<K, number>[]): KTable<K, number> {
    const { named, materialized } = splitTableArgs(args);
    const resolved = resolveMaterialized(this.builder, materialized, NodePrefix.KTABLE_AGGREGATE);
    return this.build<number>(
      named,
      NodePrefix.KTABLE_AGGREGATE,
      resolved,
      Serdes.Long(),
      (state) =>
        new KTableAggregate<K, V, number>(
          () => 0,
          (_k, _v, agg) => agg + 1,
          (_k, _v, agg) => agg - 1,
          state,
        ) as AnyProcessor,
    );
  }

  /** Combines values with `adder`, and takes an old value back out with `subtractor`. */
  reduce(
    adder: (aggregate: V, value: V) => V,
    subtractor: (aggregate: V, value: V) => V | null,
    ...args: TableOpArg<K, V>[]
  ): KTable<K, V> {
    const { named, materialized } = splitTableArgs(args);
    // Kafka names reduce stores with the aggregate prefix too.
    const resolved = resolveMaterialized(this.builder, materialized, NodePrefix.KTABLE_AGGREGATE);
    return this.build<V>(
      named,
      NodePrefix.KTABLE_REDUCE,
      resolved,
      this.valueSerde,
      (state) => new KTableReduce<K, V>(adder, subtractor, state) as AnyProcessor,
    );
  }

  /**
   * Folds each group: `adder` for a value joining it, `subtractor` for a value leaving it (an
   * update is subtract-then-add). A subtractor returning null removes the group.
   */
  aggregate<VA>(
    initializer: () => VA,
    adder: (key: K, value: V, aggregate: VA) => VA,
    subtractor: (key: K, value: V, aggregate: VA) => VA | null,
    ...args: TableOpArg<K, VA>[]
  ): KTable<K, VA> {
    const { named, materialized } = splitTableArgs(args);
    const resolved = resolveMaterialized(this.builder, materialized, NodePrefix.KTABLE_AGGREGATE);
    return this.build<VA>(
      named,
      NodePrefix.KTABLE_AGGREGATE,
      resolved,
      undefined,
      (state) => new KTableAggregate<K, V, VA>(initializer, adder, subtractor, state) as AnyProcessor,
    );
  }

  private build<VA>(
    named: Named | undefined,
    prefix: string,
    resolved: ResolvedMaterialized<K, VA>,
    defaultValueSerde: Serde<VA> | undefined,
    processor: (state: AggregateTableState) => AnyProcessor,
  ): KTable<K, VA> {
    // Kafka's order: sink, source, then the aggregate's own name.
    const sinkName = this.builder.suffixOrGenerate(named?.name, '-sink', NodePrefix.SINK);
    const sourceName = this.builder.suffixOrGenerate(named?.name, '-source', NodePrefix.SOURCE);
    const name = this.builder.nameOrGenerate(named?.name, prefix);
    const topic = (this.groupedName ?? resolved.storeName) + repartitionTopicSuffix;
    if (this.repartition === undefined || this.groupedName === undefined) {
      this.repartition = addRepartition(
        this.builder,
        { topic, sinkName, sourceName },
        {
          parent: this.nodeName,
          topicPrefix: topic,
          keySerde: this.keySerde as Serde<unknown> | undefined,
          valueSerde: this.valueSerde as Serde<unknown> | undefined,
          withFilter: false,
          wrapValueSerde: (inner) => changeSerde(inner) as Serde<unknown>,
        },
      );
    }
    const source = this.repartition.sourceName;
    return addGroupedAggregate(this, name, source, resolved, defaultValueSerde, processor);
  }
}
