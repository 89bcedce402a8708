import type { Serde } from '../core/serdes/index.ts';
import type { InternalTopologyBuilder } from './internals/internal-topology-builder.ts';
import { AggregateTableState } from './internals/ktable-state.ts';
import { timestampedStoreBuilder, type ResolvedMaterialized } from './internals/materialize.ts';
import type { AnyProcessor } from './internals/node-defs.ts';
import { KTable } from './ktable.ts';

/** What a grouping (KGroupedStream or KGroupedTable) brings to its aggregations. */
export interface Grouping<K> {
  readonly builder: InternalTopologyBuilder;
  readonly keySerde: Serde<K> | undefined;
}

/**
 * Adds a grouped stream's or grouped table's `count`, `reduce` or `aggregate` once its source node
 * (the repartition source, or the grouping node itself) is known: the processor over `source`, its
 * timestamped, cacheable store (key serde: Materialized's, else the grouping's; value serde:
 * Materialized's, else `defaultValueSerde`), their connection, and the resulting table.
 */
export function addGroupedAggregate<K, VA>(
  grouping: Grouping<K>,
  name: string,
  source: string,
  resolved: ResolvedMaterialized<K, VA>,
  defaultValueSerde: Serde<VA> | undefined,
  processor: (state: AggregateTableState) => AnyProcessor,
): KTable<K, VA> {
  const builder = grouping.builder;
  const state = new AggregateTableState(resolved.storeName);
  builder.addProcessor({ name, parents: [source], supplier: () => processor(state), stores: [] });
  const keySerde = resolved.materialized.keySerde ?? grouping.keySerde;
  const valueSerde = resolved.materialized.valueSerde ?? defaultValueSerde;
  builder.addStateStore(timestampedStoreBuilder(builder, resolved, keySerde, valueSerde, true));
  builder.connectProcessorAndStateStores(name, [resolved.storeName]);
  return new KTable<K, VA>(builder, name, keySerde, valueSerde, state, resolved.queryableStoreName);
}
