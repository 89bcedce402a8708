import type { Serde } from '../core/serdes/index.ts';
import type { KGroupedStream } from './kgrouped-stream.ts';
import { KTable } from './ktable.ts';
import type { KTableState } from './internals/ktable-state.ts';
import { resolveMaterialized, type ResolvedMaterialized } from './internals/materialize.ts';
import type { AnyProcessor } from './internals/node-defs.ts';
import { splitTableArgs, type TableOpArg } from './internals/operator-args.ts';
import type { StateStore, StoreBuilder } from './state/state-store.ts';
import type { Windowed } from './windows/windowed.ts';

/**
 * The processor name and resolved store of a windowed `count`, `reduce` or `aggregate`, named as
 * KGroupedStream names them. `burnUnnamedStore`: Kafka burns a store name for `count(Materialized)`
 * without a name.
 */
export function windowedAggregateNames<K, V, VA>(
  grouped: KGroupedStream<K, V>,
  args: TableOpArg<K, VA>[],
  prefix: string,
  burnUnnamedStore = false,
): { name: string; resolved: ResolvedMaterialized<K, VA> } {
  const { named, materialized } = splitTableArgs(args);
  if (burnUnnamedStore && materialized !== undefined && materialized.storeName === undefined)
    grouped.builder.newStoreName(prefix);
  const resolved = resolveMaterialized(grouped.builder, materialized, prefix);
  const name = grouped.builder.nameOrGenerate(named?.name, prefix);
  return { name, resolved };
}

/** What differs between time, sliding and session aggregations when they are added to a topology. */
export interface WindowedAggregateParts<K, VA> {
  readonly state: KTableState;
  readonly processor: () => AnyProcessor;
  /** The store, given the key serde (Materialized's, else the grouping's) and the value serde. */
  readonly storeBuilder: (
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<VA> | undefined,
  ) => StoreBuilder<StateStore>;
  /** The serde of the table's Windowed keys around a plain key serde. */
  readonly windowedSerde: (inner: Serde<K>) => Serde<Windowed<K>>;
  /** See WindowingInfo.closeDelayMs. */
  readonly closeDelayMs: number;
}

/**
 * Adds a windowed aggregation (processor over the grouping's possibly repartitioned source, its
 * store, the connection between them) and returns its `KTable<Windowed<K>, VA>`.
 */
export function buildWindowedAggregate<K, V, VA>(
  grouped: KGroupedStream<K, V>,
  name: string,
  resolved: ResolvedMaterialized<K, VA>,
  defaultValueSerde: Serde<VA> | undefined,
  parts: WindowedAggregateParts<K, VA>,
): KTable<Windowed<K>, VA> {
  const builder = grouped.builder;
  const source = grouped.repartitionedSource(resolved);
  builder.addProcessor({ name, parents: [source], supplier: parts.processor, stores: [] });
  const keySerde = resolved.materialized.keySerde ?? grouped.keySerde;
  const valueSerde = resolved.materialized.valueSerde ?? defaultValueSerde;
  builder.addStateStore(parts.storeBuilder(keySerde, valueSerde));
  builder.connectProcessorAndStateStores(name, [resolved.storeName]);
  const windowedSerde = parts.windowedSerde;
  return new KTable<Windowed<K>, VA>(
    builder,
    name,
    keySerde === undefined ? undefined : windowedSerde(keySerde),
    valueSerde,
    parts.state,
    resolved.queryableStoreName,
    {
      closeDelayMs: parts.closeDelayMs,
      wrapKeySerde: (inner) => windowedSerde(inner as Serde<K>) as Serde<unknown>,
    },
  );
}
