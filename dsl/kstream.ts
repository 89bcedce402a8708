import type { Serde } from '../core/serdes/index.ts';
import { Named } from './config/named.ts';
import type { TopicNameExtractor } from './config/partitioning.ts';
import type { Printed } from './config/printed.ts';
import { Produced } from './config/produced.ts';
import { Repartitioned } from './config/repartitioned.ts';
import { BranchedKStream } from './branched-kstream.ts';
import { TopologyException } from './errors.ts';
import type { InternalTopologyBuilder } from './internals/internal-topology-builder.ts';
import { Grouped } from './config/grouped.ts';
import type { StreamPartitioner } from './config/partitioning.ts';
import { KGroupedStream } from './kgrouped-stream.ts';
import { KTable } from './ktable.ts';
import { SourceTableState } from './internals/ktable-state.ts';
import { resolveMaterialized, timestampedStoreBuilder } from './internals/materialize.ts';
import { NodePrefix } from './internals/names.ts';
import { splitTableArgs, type TableOpArg } from './internals/operator-args.ts';
import { KTableSource } from './internals/processors/ktable-source.ts';
import { addRepartition, nameRepartition } from './internals/repartition.ts';
import type { AnyProcessor } from './internals/node-defs.ts';
import { KStreamFilter } from './internals/processors/filter.ts';
import { FixedKeyProcessorAdapter } from './internals/processors/fixed-key-adapter.ts';
import { KStreamFlatMapValues } from './internals/processors/flat-map-values.ts';
import { KStreamFlatMap } from './internals/processors/flat-map.ts';
import { KStreamMapValues } from './internals/processors/map-values.ts';
import { KStreamMap, type KeyValuePair } from './internals/processors/map.ts';
import { PassThrough } from './internals/processors/pass-through.ts';
import { KStreamPeek } from './internals/processors/peek.ts';
import { KStreamPrint } from './internals/processors/print.ts';
import { supplierToFactory } from './internals/processors/supplier.ts';
import type { FixedKeyProcessorSupplier, ProcessorSupplier } from './processor/processor.ts';
import type { StateStore, StoreBuilder } from './state/state-store.ts';
import { GlobalKTable } from './global-ktable.ts';
import type { Joined, StreamJoined } from './config/stream-joined.ts';
import { streamGlobalTableJoin, streamStreamJoin, streamTableJoin } from './internals/joins.ts';
import type { ValueJoiner } from './internals/processors/kstream-kstream-join.ts';
import type { JoinWindows } from './windows/join-windows.ts';

/** Extra arguments of `process`/`processValues`: an optional Named and store names, in any order. */
export type ProcessArg = string | Named;

/**
 * A record stream (Kafka's KStream): every record is an independent fact. Operators return new
 * streams; the types flow from source serdes through every operator to the sink.
 */
export class KStream<K, V> {
  /** @internal */
  readonly builder: InternalTopologyBuilder;
  /** @internal The processor node whose output this stream is. */
  readonly nodeName: string;
  /** Serdes known for this stream (from the source or an operator that preserves them). */
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  /**
   * True after a key-changing operator (map, flatMap, selectKey, process): a later grouping or join
   * must repartition so that equal keys meet in one task.
   */
  readonly repartitionRequired: boolean;

  /** @internal */
  constructor(
    builder: InternalTopologyBuilder,
    nodeName: string,
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<V> | undefined,
    repartitionRequired: boolean,
  ) {
    this.builder = builder;
    this.nodeName = nodeName;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
    this.repartitionRequired = repartitionRequired;
  }

  private addProcessor(
    prefix: string,
    named: Named | undefined,
    processor: () => AnyProcessor,
    parents = [this.nodeName],
  ): string {
    const name = this.builder.nameOrGenerate(named?.name, prefix);
    this.builder.addProcessor({ name, parents, supplier: processor, stores: [] });
    return name;
  }

  private derive<K2, V2>(
    name: string,
    keySerde: Serde<K2> | undefined,
    valueSerde: Serde<V2> | undefined,
    repartition: boolean,
  ): KStream<K2, V2> {
    return new KStream<K2, V2>(this.builder, name, keySerde, valueSerde, repartition);
  }

  /**
   * Keeps records for which `predicate` is true. A type-guard predicate narrows the value type:
   * `stream.filter((_k, v): v is Order => v.kind === 'order')` gives a `KStream<K, Order>`.
   */
  filter<V2 extends V>(predicate: (key: K, value: V) => value is V2, named?: Named): KStream<K, V2>;
  filter(predicate: (key: K, value: V) => boolean, named?: Named): KStream<K, V>;
  filter(predicate: (key: K, value: V) => boolean, named?: Named): KStream<K, V> {
    const name = this.addProcessor(
      NodePrefix.FILTER,
      named,
      () => new KStreamFilter(predicate, false) as AnyProcessor,
    );
    return this.derive(name, this.keySerde, this.valueSerde, this.repartitionRequired);
  }

  /** Drops records for which `predicate` is true. */
  filterNot(predicate: (key: K, value: V) => boolean, named?: Named): KStream<K, V> {
    const name = this.addProcessor(
      NodePrefix.FILTER,
      named,
      () => new KStreamFilter(predicate, true) as AnyProcessor,
    );
    return this.derive(name, this.keySerde, this.valueSerde, this.repartitionRequired);
  }

  /** New key and value per record; marks the stream for repartitioning. */
  map<KR, VR>(mapper: (key: K, value: V) => KeyValuePair<KR, VR>, named?: Named): KStream<KR, VR> {
    const name = this.addProcessor(NodePrefix.MAP, named, () => new KStreamMap(mapper) as AnyProcessor);
    return this.derive<KR, VR>(name, undefined, undefined, true);
  }

  /** New value per record; the mapper also sees the (read-only) key. Keeps partitioning. */
  mapValues<VR>(mapper: (value: V, readOnlyKey: K) => VR, named?: Named): KStream<K, VR> {
    const name = this.addProcessor(
      NodePrefix.MAPVALUES,
      named,
      () => new KStreamMapValues(mapper) as AnyProcessor,
    );
    return this.derive<K, VR>(name, this.keySerde, undefined, this.repartitionRequired);
  }

  /** Zero or more pairs per record, each with the input timestamp; marks for repartitioning. */
  flatMap<KR, VR>(
    mapper: (key: K, value: V) => Iterable<KeyValuePair<KR, VR>>,
    named?: Named,
  ): KStream<KR, VR> {
    const name = this.addProcessor(
      NodePrefix.FLATMAP,
      named,
      () => new KStreamFlatMap(mapper) as AnyProcessor,
    );
    return this.derive<KR, VR>(name, undefined, undefined, true);
  }

  /** Zero or more values per record, same key and timestamp. */
  flatMapValues<VR>(mapper: (value: V, readOnlyKey: K) => Iterable<VR>, named?: Named): KStream<K, VR> {
    const name = this.addProcessor(
      NodePrefix.FLATMAPVALUES,
      named,
      () => new KStreamFlatMapValues(mapper) as AnyProcessor,
    );
    return this.derive<K, VR>(name, this.keySerde, undefined, this.repartitionRequired);
  }

  /** New key per record; marks the stream for repartitioning. */
  selectKey<KR>(mapper: (key: K, value: V) => KR, named?: Named): KStream<KR, V> {
    const name = this.addProcessor(
      NodePrefix.KEY_SELECT,
      named,
      () => new KStreamMap<K, V, KR, V>((key, value) => ({ key: mapper(key, value), value })) as AnyProcessor,
    );
    return this.derive<KR, V>(name, undefined, this.valueSerde, true);
  }

  /** Starts a split: declare branches on the result; each record goes to the first match only. */
  split(named?: Named): BranchedKStream<K, V> {
    return new BranchedKStream(this, named);
  }

  /** Interleaves two streams; order within each input is kept, no order across them. */
  merge(other: KStream<K, V>, named?: Named): KStream<K, V> {
    if (other.builder !== this.builder)
      throw new TopologyException('cannot merge streams of different builders');
    const name = this.addProcessor(NodePrefix.MERGE, named, () => new PassThrough() as AnyProcessor, [
      this.nodeName,
      other.nodeName,
    ]);
    const keySerde = this.keySerde === other.keySerde ? this.keySerde : undefined;
    const valueSerde = this.valueSerde === other.valueSerde ? this.valueSerde : undefined;
    return this.derive(name, keySerde, valueSerde, this.repartitionRequired || other.repartitionRequired);
  }

  /** Runs a side effect per record and passes the record on. */
  peek(action: (key: K, value: V) => void, named?: Named): KStream<K, V> {
    const name = this.addProcessor(
      NodePrefix.PEEK,
      named,
      () => new KStreamPeek(action, true) as AnyProcessor,
    );
    return this.derive(name, this.keySerde, this.valueSerde, this.repartitionRequired);
  }

  /** Runs a side effect per record (terminal). */
  foreach(action: (key: K, value: V) => void, named?: Named): void {
    this.addProcessor(NodePrefix.FOREACH, named, () => new KStreamPeek(action, false) as AnyProcessor);
  }

  /** Prints `[label]: key, value` per record (terminal); the label defaults to this node's name. */
  print(printed: Printed<K, V>): void {
    const label = printed.label ?? this.nodeName;
    const named = printed.name === undefined ? undefined : Named.as(printed.name);
    this.addProcessor(
      NodePrefix.PRINTER,
      named,
      () => new KStreamPrint(printed.write, label, printed.mapper) as AnyProcessor,
    );
  }

  /** Writes to a topic, or to the topic a TopicNameExtractor picks per record (terminal). */
  to(topic: string | TopicNameExtractor<K, V>, produced?: Produced<K, V>): void {
    const p = produced;
    const name = this.builder.nameOrGenerate(p?.name, NodePrefix.SINK);
    this.builder.addSink({
      name,
      parents: [this.nodeName],
      topic: typeof topic === 'string' ? topic : undefined,
      extractor: typeof topic === 'string' ? undefined : (topic as TopicNameExtractor<unknown, unknown>),
      keySerde: (p?.keySerde ?? this.keySerde) as Serde<unknown> | undefined,
      valueSerde: (p?.valueSerde ?? this.valueSerde) as Serde<unknown> | undefined,
      partitioner: p?.streamPartitioner as Parameters<InternalTopologyBuilder['addSink']>[0]['partitioner'],
    });
  }

  /**
   * Always repartitions through the internal topic `<application.id>-<name>-repartition`, which
   * splits the topology into two sub-topologies (the sink in one, the source in the next).
   */
  repartition(repartitioned?: Repartitioned<K, V>): KStream<K, V> {
    const r = repartitioned ?? Repartitioned.as<K, V>(this.builder.newName(NodePrefix.REPARTITION));
    const prefix = r.name ?? this.builder.newName(NodePrefix.REPARTITION);
    const keySerde = (r.keySerde ?? this.keySerde) as Serde<unknown> | undefined;
    const valueSerde = (r.valueSerde ?? this.valueSerde) as Serde<unknown> | undefined;
    const names = nameRepartition(this.builder, prefix);
    const nodes = addRepartition(this.builder, names, {
      parent: this.nodeName,
      topicPrefix: names.topic,
      keySerde,
      valueSerde,
      partitioner: r.streamPartitioner as StreamPartitioner<unknown, unknown> | undefined,
      numberOfPartitions: r.numberOfPartitions,
      withFilter: true,
    });
    return this.derive<K, V>(
      nodes.sourceName,
      r.keySerde ?? this.keySerde,
      r.valueSerde ?? this.valueSerde,
      false,
    );
  }

  /**
   * Groups by the current key for an aggregation. Repartitions (at aggregation time) only if an
   * upstream operator changed the key; Grouped sets the serdes and names the repartition topic.
   */
  groupByKey(grouped: Grouped<K, V> = Grouped.with<K, V>(undefined, undefined)): KGroupedStream<K, V> {
    return new KGroupedStream<K, V>(
      this.builder,
      this.nodeName,
      grouped.keySerde ?? this.keySerde,
      grouped.valueSerde ?? this.valueSerde,
      this.repartitionRequired,
      grouped.name,
    );
  }

  /**
   * Groups by a new key (Kafka's groupBy: a key selector, then groupByKey), so the aggregation
   * always goes through a repartition topic. With `Grouped.as(name)` the key-selecting node is
   * `<name>-key-select` and the topic `<application.id>-<name>-repartition`. TypeScript infers
   * Grouped's types before the selector's, so spell them: `Grouped.as<string, Order>('by-user')`.
   */
  groupBy<KR>(
    selector: (key: K, value: V) => KR,
    grouped: Grouped<KR, V> = Grouped.with<KR, V>(undefined, undefined),
  ): KGroupedStream<KR, V> {
    const name = this.builder.suffixOrGenerate(grouped.name, '-key-select', NodePrefix.KEY_SELECT);
    this.builder.addProcessor({
      name,
      parents: [this.nodeName],
      supplier: () =>
        new KStreamMap<K, V, KR, V>((key, value) => ({ key: selector(key, value), value })) as AnyProcessor,
      stores: [],
    });
    return new KGroupedStream<KR, V>(
      this.builder,
      name,
      grouped.keySerde,
      grouped.valueSerde ?? this.valueSerde,
      true,
      grouped.name,
    );
  }

  /**
   * Reads the stream as a table: each record upserts its key, a null value deletes it, null keys
   * are dropped (Kafka's toTable). Repartitions first if the key changed upstream.
   */
  toTable(...args: TableOpArg<K, V>[]): KTable<K, V> {
    const { named, materialized } = splitTableArgs(args);
    const name = this.builder.nameOrGenerate(named?.name, NodePrefix.TOTABLE);
    const resolved = resolveMaterialized(this.builder, materialized, NodePrefix.TOTABLE);
    const keySerde = materialized?.keySerde ?? this.keySerde;
    const valueSerde = materialized?.valueSerde ?? this.valueSerde;
    let parent = this.nodeName;
    if (this.repartitionRequired) {
      const names = nameRepartition(this.builder, name);
      parent = addRepartition(this.builder, names, {
        parent,
        topicPrefix: names.topic,
        keySerde: keySerde as Serde<unknown> | undefined,
        valueSerde: valueSerde as Serde<unknown> | undefined,
        withFilter: true,
      }).sourceName;
    }
    const builder = this.builder;
    const state = new SourceTableState(() => {
      builder.addStateStore(timestampedStoreBuilder(builder, resolved, keySerde, valueSerde));
      builder.connectProcessorAndStateStores(name, [resolved.storeName]);
      return resolved.storeName;
    });
    builder.addProcessor({
      name,
      parents: [parent],
      supplier: () => new KTableSource(state) as AnyProcessor,
      stores: [],
    });
    if (resolved.queryableStoreName !== undefined) state.materialize();
    return new KTable<K, V>(builder, name, keySerde, valueSerde, state, resolved.queryableStoreName);
  }

  /**
   * Joins this stream with another stream, a table, or a global table (Kafka's KStream.join).
   *
   * - `join(otherStream, joiner, JoinWindows, StreamJoined?)`: records with equal keys whose
   *   timestamps differ by at most the window bounds; output timestamp = max of the two.
   * - `join(table, joiner, Joined?)`: each stream record with the table's current value for its key
   *   (table updates do not trigger); the stream record's timestamp.
   * - `join(globalTable, keySelector, joiner, Named?)`: as a table join, looked up by
   *   `keySelector(key, value)`; no co-partitioning needed.
   *
   * The joiner gets `(value, otherValue, key)`. Both sides of a stream or table join must be
   * co-partitioned (same partition count); a stream whose key changed is repartitioned first.
   */
  join<VO, VR>(
    other: KStream<K, VO>,
    joiner: ValueJoiner<K, V, VO, VR>,
    windows: JoinWindows,
    streamJoined?: StreamJoined<K, V, VO>,
  ): KStream<K, VR>;
  join<VT, VR>(
    table: KTable<K, VT>,
    joiner: ValueJoiner<K, V, VT, VR>,
    joined?: Joined<K, V, VT>,
  ): KStream<K, VR>;
  join<KG, VG, VR>(
    table: GlobalKTable<KG, VG>,
    keySelector: (key: K, value: V) => KG,
    joiner: ValueJoiner<K, V, VG, VR>,
    named?: Named,
  ): KStream<K, VR>;
  join(other: unknown, ...args: unknown[]): KStream<K, unknown> {
    return this.doJoin(other, args, false, false);
  }

  /**
   * As `join`, keeping every record of this stream: unmatched ones are joined with null. For
   * stream-stream joins an unmatched record is emitted only once its window has closed (stream
   * time past its timestamp + after + grace), so no spurious `(v, null)` precedes a real match.
   */
  leftJoin<VO, VR>(
    other: KStream<K, VO>,
    joiner: ValueJoiner<K, V, VO | null, VR>,
    windows: JoinWindows,
    streamJoined?: StreamJoined<K, V, VO>,
  ): KStream<K, VR>;
  leftJoin<VT, VR>(
    table: KTable<K, VT>,
    joiner: ValueJoiner<K, V, VT | null, VR>,
    joined?: Joined<K, V, VT>,
  ): KStream<K, VR>;
  leftJoin<KG, VG, VR>(
    table: GlobalKTable<KG, VG>,
    keySelector: (key: K, value: V) => KG,
    joiner: ValueJoiner<K, V, VG | null, VR>,
    named?: Named,
  ): KStream<K, VR>;
  leftJoin(other: unknown, ...args: unknown[]): KStream<K, unknown> {
    return this.doJoin(other, args, true, false);
  }

  /** A stream-stream join keeping unmatched records of both sides (after their windows close). */
  outerJoin<VO, VR>(
    other: KStream<K, VO>,
    joiner: ValueJoiner<K, V | null, VO | null, VR>,
    windows: JoinWindows,
    streamJoined?: StreamJoined<K, V, VO>,
  ): KStream<K, VR> {
    return this.doJoin(other, [joiner, windows, streamJoined], true, true) as KStream<K, VR>;
  }

  private doJoin(
    other: unknown,
    args: unknown[],
    leftOuter: boolean,
    rightOuter: boolean,
  ): KStream<K, unknown> {
    type J = ValueJoiner<K, unknown, unknown, unknown>;
    if (other instanceof KStream) {
      const name = streamStreamJoin<K, unknown, unknown, unknown>(
        this as KStream<K, unknown>,
        other as KStream<K, unknown>,
        args[0] as J,
        args[1] as JoinWindows,
        args[2] as StreamJoined<K, unknown, unknown> | undefined,
        leftOuter,
        rightOuter,
      );
      return this.derive<K, unknown>(name, this.keySerde, undefined, false);
    }
    if (other instanceof KTable) {
      const name = streamTableJoin<K, V, unknown, unknown>(
        this,
        other as KTable<K, unknown>,
        args[0] as J,
        args[1] as Joined<K, V, unknown> | undefined,
        leftOuter,
      );
      return this.derive<K, unknown>(name, this.keySerde, undefined, false);
    }
    if (other instanceof GlobalKTable) {
      const named = args[2] as Named | undefined;
      const name = streamGlobalTableJoin<K, V, unknown, unknown, unknown>(
        this,
        other as GlobalKTable<unknown, unknown>,
        args[0] as (key: K, value: V) => unknown,
        args[1] as J,
        named?.name,
        leftOuter,
      );
      return this.derive<K, unknown>(name, this.keySerde, undefined, this.repartitionRequired);
    }
    throw new TopologyException('join needs a KStream, KTable or GlobalKTable');
  }

  /**
   * Runs a Processor API processor; it may change keys, so the result is marked for repartitioning.
   * Further arguments name the node (`Named`) and the state stores it may use.
   */
  process<KOut, VOut>(
    supplier: ProcessorSupplier<K, V, KOut, VOut>,
    ...args: ProcessArg[]
  ): KStream<KOut, VOut> {
    const name = this.addStatefulProcessor(
      NodePrefix.PROCESSOR,
      args,
      supplierToFactory(supplier) as () => AnyProcessor,
      supplier,
    );
    return this.derive<KOut, VOut>(name, undefined, undefined, true);
  }

  /** Runs a FixedKeyProcessor: values may change, keys cannot, so partitioning is kept. */
  processValues<VOut>(
    supplier: FixedKeyProcessorSupplier<K, V, VOut>,
    ...args: ProcessArg[]
  ): KStream<K, VOut> {
    const factory = supplierToFactory(
      supplier as unknown as ProcessorSupplier<unknown, unknown, unknown, unknown>,
    );
    const adapted = () => new FixedKeyProcessorAdapter(factory() as never) as AnyProcessor;
    const name = this.addStatefulProcessor(NodePrefix.PROCESSVALUES, args, adapted, supplier);
    return this.derive<K, VOut>(name, this.keySerde, undefined, this.repartitionRequired);
  }

  private addStatefulProcessor(
    prefix: string,
    args: ProcessArg[],
    factory: () => AnyProcessor,
    supplier: { stores?(): readonly StoreBuilder<StateStore>[] } | (() => unknown),
  ): string {
    const named = args.find((a): a is Named => a instanceof Named);
    const storeNames = args.filter((a): a is string => typeof a === 'string');
    // Unlike other operators, Kafka's process(supplier, Named, ...) takes no index for a given name.
    const name = named?.name ?? this.builder.newName(prefix);
    this.builder.addProcessor({ name, parents: [this.nodeName], supplier: factory, stores: [] });
    if (typeof supplier !== 'function') {
      for (const store of supplier.stores?.() ?? []) {
        this.builder.addStateStore(store, true);
        storeNames.push(store.name);
      }
    }
    this.builder.connectProcessorAndStateStores(name, storeNames);
    return name;
  }
}
