import type { Serde } from '../core/serdes/index.ts';
import { Grouped } from './config/grouped.ts';
import type { Named } from './config/named.ts';
import { KGroupedTable } from './kgrouped-table.ts';
import { KStream } from './kstream.ts';
import type { Change } from './internals/change.ts';
import type { InternalTopologyBuilder } from './internals/internal-topology-builder.ts';
import { TopologyException } from './errors.ts';
import type { Suppressed } from './config/suppressed.ts';
import { KTableSuppress } from './internals/processors/ktable-suppress.ts';
import { SuppressBufferBuilder } from './internals/suppress-buffer.ts';
import { sourceTopicsOf } from './internals/joins.ts';
import {
  KTableKTableJoinMerger,
  KTableKTableJoinSide,
  type TableJoinKind,
} from './internals/processors/ktable-ktable-join.ts';
import {
  JoinedTableState,
  SuppressedTableState,
  DerivedTableState,
  type KTableState,
  type KTableValueGetterSupplier,
  type ValueTransform,
} from './internals/ktable-state.ts';
import { ValueAndTimestamp } from './state/value-and-timestamp.ts';
import type { WindowingInfo } from './internals/windowing-info.ts';
import {
  resolveMaterialized,
  timestampedStoreBuilder,
  type ResolvedMaterialized,
} from './internals/materialize.ts';
import { NodePrefix } from './internals/names.ts';
import type { AnyProcessor } from './internals/node-defs.ts';
import { splitTableArgs, type TableOpArg } from './internals/operator-args.ts';
import { TableJoined } from './config/table-joined.ts';
import { foreignKeyJoin } from './internals/foreign-key-join.ts';
import { KStreamMapValues } from './internals/processors/map-values.ts';
import { KTableFilter } from './internals/processors/ktable-filter.ts';
import { KTableMapValues } from './internals/processors/ktable-map-values.ts';
import { KTableRepartitionMap } from './internals/processors/ktable-repartition-map.ts';
import type { KeyValuePair } from './internals/processors/map.ts';

/** Optional trailing arguments of a foreign-key join: TableJoined (or Named) and Materialized, in any order. */
export type ForeignKeyJoinArg<K, KO, VR> = TableJoined<K, KO> | TableOpArg<K, VR>;

/**
 * A changelog stream (Kafka's KTable): each record is an upsert of its key and a null value is a
 * delete. Operators forward changes (new value, and the old one when a downstream operator needs
 * to subtract it); a table is materialized in a timestamped key-value store when it is named
 * (`Materialized.as`), aggregated, or when a downstream operator needs its old values.
 */
export class KTable<K, V> {
  /** @internal */
  readonly builder: InternalTopologyBuilder;
  /** @internal The processor node whose output this table is. */
  readonly nodeName: string;
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  /** @internal Old-value forwarding and materialization of this node. */
  readonly state: KTableState;
  private readonly queryableName: string | undefined;
  /** @internal Set for a windowed aggregation's table and tables derived from it. */
  readonly windowing: WindowingInfo | undefined;

  /** @internal */
  constructor(
    builder: InternalTopologyBuilder,
    nodeName: string,
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<V> | undefined,
    state: KTableState,
    queryableStoreName: string | undefined,
    windowing?: WindowingInfo,
  ) {
    this.builder = builder;
    this.nodeName = nodeName;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
    this.state = state;
    this.queryableName = queryableStoreName;
    this.windowing = windowing;
  }

  /**
   * @internal For joins: reads this table's current value per key from another processor, which
   * must be connected to `storeNames()` (materializes a source table, as Kafka's view() does).
   */
  valueGetterSupplier(): KTableValueGetterSupplier<K, V> {
    return this.state.valueGetterSupplier() as KTableValueGetterSupplier<K, V>;
  }

  /** The name of the store to query, if the user named one (Materialized.as); else null. */
  queryableStoreName(): string | null {
    return this.queryableName ?? null;
  }

  /**
   * Keeps the keys whose value satisfies `predicate`; an update that fails it becomes a delete
   * downstream. Pass `Materialized.as(name)` to make the result queryable, `Named` to name the node.
   */
  filter(predicate: (key: K, value: V) => boolean, ...args: TableOpArg<K, V>[]): KTable<K, V> {
    return this.doFilter(predicate, false, args);
  }

  /** Drops the keys whose value satisfies `predicate` (as deletes downstream). */
  filterNot(predicate: (key: K, value: V) => boolean, ...args: TableOpArg<K, V>[]): KTable<K, V> {
    return this.doFilter(predicate, true, args);
  }

  private doFilter(
    predicate: (key: K, value: V) => boolean,
    negate: boolean,
    args: TableOpArg<K, V>[],
  ): KTable<K, V> {
    return this.deriveTable(
      args,
      NodePrefix.KTABLE_FILTER,
      (key, vat) => (predicate(key as K, vat.value as V) !== negate ? vat : null),
      (state) => new KTableFilter(predicate, negate, state) as AnyProcessor,
      this.valueSerde,
    );
  }

  /** Maps each value (the mapper also sees the key); deletes stay deletes. Keeps partitioning. */
  mapValues<VR>(mapper: (value: V, readOnlyKey: K) => VR, ...args: TableOpArg<K, VR>[]): KTable<K, VR> {
    return this.deriveTable(
      args,
      NodePrefix.KTABLE_MAPVALUES,
      (key, vat) => ValueAndTimestamp.make(mapper(vat.value as V, key as K), vat.timestamp),
      (state) => new KTableMapValues(mapper, state) as AnyProcessor,
      undefined,
    );
  }

  /**
   * A table computed row by row from this one (filter, mapValues): its node is named with
   * `prefix`, it has a store only when Materialized names one, and it stays windowed if this is.
   * `transform` is how the result's value getter derives a row from this table's.
   */
  private deriveTable<VR>(
    args: TableOpArg<K, VR>[],
    prefix: string,
    transform: ValueTransform,
    processor: (state: DerivedTableState) => AnyProcessor,
    defaultValueSerde: Serde<VR> | undefined,
  ): KTable<K, VR> {
    const { named, materialized } = splitTableArgs(args);
    const resolved =
      materialized === undefined ? undefined : resolveMaterialized(this.builder, materialized, prefix);
    const name = this.builder.nameOrGenerate(named?.name, prefix);
    const store = resolved?.queryableStoreName;
    const state = new DerivedTableState(this.state, store, transform);
    this.builder.addProcessor({
      name,
      parents: [this.nodeName],
      supplier: () => processor(state),
      stores: [],
    });
    const keySerde = materialized?.keySerde ?? this.keySerde;
    const valueSerde = materialized?.valueSerde ?? defaultValueSerde;
    this.addResultStore(name, resolved, store, keySerde, valueSerde);
    return new KTable(this.builder, name, keySerde, valueSerde, state, store, this.windowing);
  }

  /** Adds the result's store and connects `name` to it, when the operator's Materialized gave one. */
  private addResultStore<VR>(
    name: string,
    resolved: ResolvedMaterialized<K, VR> | undefined,
    store: string | undefined,
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<VR> | undefined,
  ): void {
    if (resolved === undefined || store === undefined) return;
    this.builder.addStateStore(timestampedStoreBuilder(this.builder, resolved, keySerde, valueSerde));
    this.builder.connectProcessorAndStateStores(name, [store]);
  }

  /**
   * Holds back updates (Kafka's KTable.suppress). `Suppressed.untilWindowCloses` (windowed tables
   * only) forwards exactly one final result per window once stream time passes its end + grace;
   * `Suppressed.untilTimeLimit` forwards each key's latest value once stream time is the limit past
   * its first buffered update. The node is `KTABLE-SUPPRESS-<index>` with the buffer store
   * `KTABLE-SUPPRESS-STATE-STORE-<index>` (changelogged), or `<name>-suppress` / `<name>-store`.
   */
  suppress(suppressed: Suppressed): KTable<K, V> {
    const named = suppressed.name;
    const name = named !== undefined ? `${named}-suppress` : this.builder.newName(NodePrefix.KTABLE_SUPPRESS);
    const storeName =
      named !== undefined ? `${named}-store` : this.builder.newStoreName(NodePrefix.KTABLE_SUPPRESS);
    const finalResults = suppressed.kind === 'untilWindowCloses';
    if (finalResults && this.windowing === undefined)
      throw new TopologyException(
        `${name}: Suppressed.untilWindowCloses only applies to windowed KTables (windowedBy(...).count/reduce/aggregate)`,
      );
    const options = {
      storeName,
      timeOf: finalResults ? ('windowEnd' as const) : ('recordTime' as const),
      suppressDurationMs: finalResults ? this.windowing!.closeDelayMs : suppressed.timeLimitMs,
      bufferConfig: suppressed.bufferConfig,
      safeToDropTombstones: finalResults,
    };
    const state = new SuppressedTableState(this.state, storeName);
    this.builder.addProcessor({
      name,
      parents: [this.nodeName],
      supplier: () => new KTableSuppress<K, V>(options) as AnyProcessor,
      stores: [],
    });
    this.builder.addStateStore(
      new SuppressBufferBuilder<K, V>(
        storeName,
        this.keySerde,
        this.valueSerde,
        this.windowing?.wrapKeySerde,
      ),
    );
    this.builder.connectProcessorAndStateStores(name, [storeName]);
    return new KTable<K, V>(
      this.builder,
      name,
      this.keySerde,
      this.valueSerde,
      state,
      undefined,
      this.windowing,
    );
  }

  /**
   * Joins two tables on their keys (Kafka's KTable.join): both sides trigger; the result is a
   * table whose value is `joiner(value, otherValue, key)` with timestamp max of the two, and a
   * delete when the key leaves the result. Nodes `KTABLE-JOINTHIS-<n>`, `KTABLE-JOINOTHER-<n>`,
   * `KTABLE-MERGE-<n>` (or `<name>-join-this`, ...); the tables must be co-partitioned.
   *
   * With a foreign-key extractor (Kafka's foreign-key join, KIP-213), each row of this table joins
   * the other table's row whose key `foreignKeyExtractor(value, key)` returns: the result is keyed
   * like this table, `joiner(value, otherValue)` per row, and follows updates and deletes on both
   * sides and foreign-key changes. A null foreign key joins nothing. The tables need not be
   * co-partitioned: subscriptions and responses travel through the internal topics
   * `<application.id>-KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-<n>-topic` and
   * `...-SUBSCRIPTION-RESPONSE-<n>-topic`; `TableJoined` names them and sets partitioners.
   */
  join<KO, VO, VR>(
    other: KTable<KO, VO>,
    foreignKeyExtractor: (value: V, key: K) => KO | null,
    joiner: (value: V, otherValue: VO) => VR,
    ...args: ForeignKeyJoinArg<K, KO, VR>[]
  ): KTable<K, VR>;
  join<VO, VR>(
    other: KTable<K, VO>,
    joiner: (value: V, otherValue: VO, key: K) => VR,
    ...args: TableOpArg<K, VR>[]
  ): KTable<K, VR>;
  join<VR>(other: object, joinerOrExtractor: (...a: never[]) => unknown, ...rest: unknown[]): KTable<K, VR> {
    return this.joinOverload(other, joinerOrExtractor, rest, false);
  }

  /**
   * Keeps every key of this table; a missing other value joins as null. With a foreign-key
   * extractor, the foreign-key left join: every row of this table is in the result, joined with null
   * while its foreign key is null or has no row in the other table.
   */
  leftJoin<KO, VO, VR>(
    other: KTable<KO, VO>,
    foreignKeyExtractor: (value: V, key: K) => KO | null,
    joiner: (value: V, otherValue: VO | null) => VR,
    ...args: ForeignKeyJoinArg<K, KO, VR>[]
  ): KTable<K, VR>;
  leftJoin<VO, VR>(
    other: KTable<K, VO>,
    joiner: (value: V, otherValue: VO | null, key: K) => VR,
    ...args: TableOpArg<K, VR>[]
  ): KTable<K, VR>;
  leftJoin<VR>(
    other: object,
    joinerOrExtractor: (...a: never[]) => unknown,
    ...rest: unknown[]
  ): KTable<K, VR> {
    return this.joinOverload(other, joinerOrExtractor, rest, true);
  }

  /** join and leftJoin: a function after the first one makes it a foreign-key join (extractor, joiner). */
  private joinOverload<VR>(
    other: object,
    joinerOrExtractor: (...a: never[]) => unknown,
    rest: unknown[],
    left: boolean,
  ): KTable<K, VR> {
    if (typeof rest[0] === 'function')
      return this.doForeignKeyJoin(
        other as never,
        joinerOrExtractor as never,
        rest[0] as never,
        rest.slice(1) as never,
        left,
      );
    return this.doJoin(other as never, joinerOrExtractor as never, left ? 'left' : 'inner', rest as never);
  }

  private doForeignKeyJoin<KO, VO, VR>(
    other: KTable<KO, VO>,
    extractor: (value: V, key: K) => KO | null,
    joiner: (value: V, otherValue: VO | null) => VR,
    args: ForeignKeyJoinArg<K, KO, VR>[],
    leftJoin: boolean,
  ): KTable<K, VR> {
    if (other.builder !== this.builder)
      throw new TopologyException('cannot join tables of different builders');
    const { named, materialized } = splitTableArgs(
      args.filter((x): x is TableOpArg<K, VR> => !(x instanceof TableJoined)),
    );
    const tableJoined =
      args.find((x): x is TableJoined<K, KO> => x instanceof TableJoined) ??
      (named === undefined ? undefined : TableJoined.as<K, KO>(named.name));
    const result = foreignKeyJoin<K, V, KO, VO, VR>({
      builder: this.builder,
      leftNode: this.nodeName,
      leftState: this.state,
      leftGetter: () => this.valueGetterSupplier(),
      leftKeySerde: this.keySerde,
      leftValueSerde: this.valueSerde,
      rightNode: other.nodeName,
      rightState: other.state,
      rightGetter: () => other.valueGetterSupplier(),
      rightKeySerde: other.keySerde,
      rightValueSerde: other.valueSerde,
      extractor,
      joiner,
      leftJoin,
      tableJoined,
      materialized,
      leftTopics: sourceTopicsOf(this.builder, this.nodeName),
      rightTopics: sourceTopicsOf(this.builder, other.nodeName),
    });
    return new KTable<K, VR>(
      this.builder,
      result.nodeName,
      result.keySerde,
      result.valueSerde,
      result.state,
      result.queryableStoreName,
    );
  }

  /** Keeps every key of either table; a missing value joins as null. */
  outerJoin<VO, VR>(
    other: KTable<K, VO>,
    joiner: (value: V | null, otherValue: VO | null, key: K) => VR,
    ...args: TableOpArg<K, VR>[]
  ): KTable<K, VR> {
    return this.doJoin(other, joiner, 'outer', args);
  }

  private doJoin<VO, VR>(
    other: KTable<K, VO>,
    joiner: (v: V | null, o: VO | null, k: K) => VR,
    kind: TableJoinKind,
    args: TableOpArg<K, VR>[],
  ): KTable<K, VR> {
    if (other.builder !== this.builder)
      throw new TopologyException('cannot join tables of different builders');
    const { named, materialized } = splitTableArgs(args);
    const resolved =
      materialized === undefined
        ? undefined
        : resolveMaterialized(this.builder, materialized, NodePrefix.KTABLE_MERGE);
    const mergeName = this.builder.nameOrGenerate(named?.name, NodePrefix.KTABLE_MERGE);
    const thisName = this.builder.suffixOrGenerate(named?.name, '-join-this', NodePrefix.KTABLE_JOINTHIS);
    const otherName = this.builder.suffixOrGenerate(named?.name, '-join-other', NodePrefix.KTABLE_JOINOTHER);
    // Outer sides must see deletes with their old values to retract results (Kafka enables them).
    if (kind !== 'inner') this.state.enableSendingOldValues(true);
    if (kind === 'outer') other.state.enableSendingOldValues(true);
    const store = resolved?.queryableStoreName ?? resolved?.storeName;
    const state = new JoinedTableState(this.state, other.state, kind, joiner as never, store);
    const thisGetter = this.valueGetterSupplier();
    const otherGetter = other.valueGetterSupplier();
    const side = (getter: typeof otherGetter | typeof thisGetter, isLeft: boolean) => () =>
      new KTableKTableJoinSide<K, V, VO, VR>(getter as never, kind, isLeft, joiner, state) as AnyProcessor;
    this.builder.addProcessor({
      name: thisName,
      parents: [this.nodeName],
      supplier: side(otherGetter, true),
      stores: [],
    });
    this.builder.connectProcessorAndStateStores(thisName, otherGetter.storeNames());
    this.builder.addProcessor({
      name: otherName,
      parents: [other.nodeName],
      supplier: side(thisGetter, false),
      stores: [],
    });
    this.builder.connectProcessorAndStateStores(otherName, thisGetter.storeNames());
    this.builder.addProcessor({
      name: mergeName,
      parents: [thisName, otherName],
      supplier: () => new KTableKTableJoinMerger<K, VR>(state) as AnyProcessor,
      stores: [],
    });
    const keySerde = materialized?.keySerde ?? this.keySerde ?? other.keySerde;
    const valueSerde = materialized?.valueSerde;
    this.addResultStore(mergeName, resolved, store, keySerde, valueSerde);
    this.builder.addCopartitionGroup([
      ...sourceTopicsOf(this.builder, this.nodeName),
      ...sourceTopicsOf(this.builder, other.nodeName),
    ]);
    return new KTable<K, VR>(
      this.builder,
      mergeName,
      keySerde,
      valueSerde,
      state,
      resolved?.queryableStoreName,
    );
  }

  /**
   * The table's changelog as a stream: one record per update, a delete as a null value (a
   * tombstone, which `to()` writes as such). As in Kafka the value type stays V: a table whose
   * values can be deleted hands such records null at run time.
   */
  toStream(named?: Named): KStream<K, V> {
    const name = this.builder.nameOrGenerate(named?.name, NodePrefix.KTABLE_TOSTREAM);
    this.builder.addProcessor({
      name,
      parents: [this.nodeName],
      supplier: () => new KStreamMapValues((change: Change<V>) => change.newValue) as AnyProcessor,
      stores: [],
    });
    return new KStream<K, V>(this.builder, name, this.keySerde, this.valueSerde, false);
  }

  /**
   * Re-groups the table by a new key (Kafka's KTable.groupBy): each update is sent, through the
   * repartition topic, as a subtraction of the old pair from its group and an addition of the new
   * pair to its group (a null pair, key or value skips it). Forces this table to keep its values so
   * it can send the old ones.
   */
  groupBy<KR, VR>(
    selector: (key: K, value: V) => KeyValuePair<KR, VR> | null,
    grouped: Grouped<KR, VR> = Grouped.with<KR, VR>(undefined, undefined),
  ): KGroupedTable<KR, VR> {
    const name = this.builder.nameOrGenerate(grouped.name, NodePrefix.KTABLE_SELECT);
    this.builder.addProcessor({
      name,
      parents: [this.nodeName],
      supplier: () => new KTableRepartitionMap(selector) as AnyProcessor,
      stores: [],
    });
    this.state.enableSendingOldValues(true);
    return new KGroupedTable<KR, VR>(this.builder, name, grouped.keySerde, grouped.valueSerde, grouped.name);
  }
}
