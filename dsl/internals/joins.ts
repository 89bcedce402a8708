import type { Serde } from '../../core/serdes/index.ts';
import type { Joined, StreamJoined } from '../config/stream-joined.ts';
import { TopologyException } from '../errors.ts';
import type { GlobalKTable } from '../global-ktable.ts';
import type { KStream } from '../kstream.ts';
import type { KTable } from '../ktable.ts';
import { StoreType } from '../config/materialized.ts';
import { Stores } from '../state/stores.ts';
import type { JoinWindows } from '../windows/join-windows.ts';
import type { InternalTopologyBuilder } from './internal-topology-builder.ts';
import { NodePrefix } from './names.ts';
import type { AnyProcessor } from './node-defs.ts';
import { KStreamKTableJoin } from './processors/kstream-ktable-join.ts';
import {
  JoinTimeTrackers,
  KStreamJoinWindow,
  KStreamKStreamJoinSide,
  type ValueJoiner,
} from './processors/kstream-kstream-join.ts';
import { PassThrough } from './processors/pass-through.ts';
import { addRepartition, nameRepartition } from './repartition.ts';

/** The source topics feeding a node (walking up its parents), for co-partitioning groups. */
export function sourceTopicsOf(builder: InternalTopologyBuilder, nodeName: string): string[] {
  const topics = new Set<string>();
  const seen = new Set<string>();
  const stack = [nodeName];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const node = builder.nodes.get(name);
    if (node === undefined) continue;
    if (node.kind === 'source') for (const t of node.topics) topics.add(t);
    else stack.push(...node.parents);
  }
  return [...topics];
}

function checkSameBuilder(a: InternalTopologyBuilder, b: InternalTopologyBuilder): void {
  if (a !== b) throw new TopologyException('cannot join streams or tables of different builders');
}

/** The node a join reads the stream from: the stream itself, or a repartition of it when its key changed. */
function joinInput<K, V>(
  stream: KStream<K, V>,
  topicPrefix: string,
  keySerde: Serde<K> | undefined,
  valueSerde: Serde<V> | undefined,
): string {
  if (!stream.repartitionRequired) return stream.nodeName;
  const names = nameRepartition(stream.builder, topicPrefix);
  return addRepartition(stream.builder, names, {
    parent: stream.nodeName,
    topicPrefix: names.topic,
    keySerde: keySerde as Serde<unknown> | undefined,
    valueSerde: valueSerde as Serde<unknown> | undefined,
    withFilter: true,
  }).sourceName;
}

/**
 * Builds a stream-stream join as Kafka's KStreamImplJoin does: a `KSTREAM-WINDOWED` node per side
 * feeding its window store (retention window size + grace, duplicates kept), the two join nodes
 * (`KSTREAM-JOINTHIS`/`-JOINOTHER`, or `-OUTERTHIS`/`-OUTEROTHER` for outer sides) each reading the
 * other side's store, and a `KSTREAM-MERGE` node. Left and outer joins share a
 * `KSTREAM-OUTERSHARED-<n>-store` of records still waiting for a match. Returns the merge node.
 */
export function streamStreamJoin<K, V1, V2, VR>(
  left: KStream<K, V1>,
  right: KStream<K, V2>,
  joiner: ValueJoiner<K, V1 | null, V2 | null, VR>,
  windows: JoinWindows,
  streamJoined: StreamJoined<K, V1, V2> | undefined,
  leftOuter: boolean,
  rightOuter: boolean,
): string {
  const b = left.builder;
  checkSameBuilder(b, right.builder);
  const name = streamJoined?.name;
  const keySerde = streamJoined?.keySerde ?? left.keySerde ?? right.keySerde;
  const leftSerde = streamJoined?.valueSerde ?? left.valueSerde;
  const rightSerde = streamJoined?.otherValueSerde ?? right.valueSerde;
  const leftInput = joinInput(left, name !== undefined ? `${name}-left` : left.nodeName, keySerde, leftSerde);
  const rightInput = joinInput(
    right,
    name !== undefined ? `${name}-right` : right.nodeName,
    keySerde,
    rightSerde,
  );

  const thisWindowed = b.suffixOrGenerate(name, '-this-windowed', NodePrefix.WINDOWED);
  const otherWindowed = b.suffixOrGenerate(name, '-other-windowed', NodePrefix.WINDOWED);
  const thisGenerated = b.newName(rightOuter ? NodePrefix.OUTERTHIS : NodePrefix.JOINTHIS);
  const otherGenerated = b.newName(leftOuter ? NodePrefix.OUTEROTHER : NodePrefix.JOINOTHER);
  const joinThis =
    name !== undefined ? `${name}${rightOuter ? '-outer-this-join' : '-this-join'}` : thisGenerated;
  const joinOther =
    name !== undefined ? `${name}${leftOuter ? '-outer-other-join' : '-other-join'}` : otherGenerated;
  const mergeName = b.suffixOrGenerate(name, '-merge', NodePrefix.MERGE);

  const base = streamJoined?.storeName;
  const thisStore = base !== undefined ? `${base}-this-join-store` : `${thisGenerated}-store`;
  const otherStore = base !== undefined ? `${base}-other-join-store` : `${otherGenerated}-store`;
  const outer = leftOuter || rightOuter;
  const outerStore = !outer
    ? undefined
    : base !== undefined
      ? `${base}${leftOuter && rightOuter ? '-outer-shared-join' : '-left-shared-join'}-store`
      : `${thisGenerated.replace(/^KSTREAM-(JOINTHIS|OUTERTHIS)-/, 'KSTREAM-OUTERSHARED-')}-store`;

  const logging = streamJoined?.loggingEnabled ?? true;
  const topicConfig = streamJoined?.topicConfig ?? {};
  const windowStore = <V>(storeName: string, valueSerde: Serde<V> | undefined) => {
    const retention = windows.size() + windows.graceMs;
    const supplier =
      b.defaultStoreType === StoreType.LMDB
        ? Stores.persistentWindowStore(storeName, retention, windows.size(), true)
        : Stores.inMemoryWindowStore(storeName, retention, windows.size(), true);
    const builder = Stores.windowStoreBuilder(supplier, keySerde, valueSerde);
    return logging ? builder.withLoggingEnabled(topicConfig) : builder.withLoggingDisabled();
  };
  b.addStateStore(windowStore(thisStore, leftSerde));
  b.addStateStore(windowStore(otherStore, rightSerde));
  if (outerStore !== undefined) {
    // Raw bytes: the join processors encode Kafka's TimestampedKeyAndJoinSide / LeftOrRightValue.
    const bytesStore = Stores.keyValueStoreBuilder<Buffer, Buffer>(
      Stores.inMemoryKeyValueStore(outerStore),
      bytes,
      bytes,
    );
    b.addStateStore(logging ? bytesStore.withLoggingEnabled(topicConfig) : bytesStore.withLoggingDisabled());
  }

  const trackers = new JoinTimeTrackers();
  const side = (isLeftSide: boolean, isOuter: boolean, other: string) => () =>
    new KStreamKStreamJoinSide<K, V1, V2, VR>({
      isLeftSide,
      outer: isOuter,
      otherStoreName: other,
      outerStoreName: outerStore,
      windows,
      joiner,
      trackers,
      keySerde,
      leftValueSerde: leftSerde,
      rightValueSerde: rightSerde,
    }) as AnyProcessor;
  const add = (node: string, parent: string, supplier: () => AnyProcessor, stores: string[]) => {
    b.addProcessor({ name: node, parents: [parent], supplier, stores: [] });
    b.connectProcessorAndStateStores(node, stores);
  };
  add(thisWindowed, leftInput, () => new KStreamJoinWindow(thisStore) as AnyProcessor, [thisStore]);
  add(otherWindowed, rightInput, () => new KStreamJoinWindow(otherStore) as AnyProcessor, [otherStore]);
  const outerStores = outerStore === undefined ? [] : [outerStore];
  add(joinThis, thisWindowed, side(true, leftOuter, otherStore), [otherStore, ...outerStores]);
  add(joinOther, otherWindowed, side(false, rightOuter, thisStore), [thisStore, ...outerStores]);
  b.addProcessor({
    name: mergeName,
    parents: [joinThis, joinOther],
    supplier: () => new PassThrough() as AnyProcessor,
    stores: [],
  });
  b.addCopartitionGroup([...sourceTopicsOf(b, leftInput), ...sourceTopicsOf(b, rightInput)]);
  return mergeName;
}

const bytes: Serde<Buffer> = {
  serializer: (_t, data) => data,
  deserializer: (_t, data) => data,
};

/**
 * Builds a stream-table join (`KSTREAM-JOIN-<n>` / `KSTREAM-LEFTJOIN-<n>`, or the Joined name)
 * connected to the table's value-getter stores; the stream is repartitioned first if its key
 * changed. Returns the join node.
 */
export function streamTableJoin<K, V, VT, VR>(
  stream: KStream<K, V>,
  table: KTable<K, VT>,
  joiner: ValueJoiner<K, V, VT | null, VR>,
  joined: Joined<K, V, VT> | undefined,
  leftJoin: boolean,
): string {
  const b = stream.builder;
  checkSameBuilder(b, table.builder);
  const input = joinInput(
    stream,
    joined?.name !== undefined ? `${joined.name}-left` : stream.nodeName,
    joined?.keySerde ?? stream.keySerde ?? table.keySerde,
    joined?.valueSerde ?? stream.valueSerde,
  );
  const name = b.nameOrGenerate(joined?.name, leftJoin ? NodePrefix.LEFTJOIN : NodePrefix.JOIN);
  const getter = table.valueGetterSupplier();
  b.addProcessor({
    name,
    parents: [input],
    supplier: () =>
      new KStreamKTableJoin<K, V, K, VT, VR>(getter, (k) => k, joiner, leftJoin) as AnyProcessor,
    stores: [],
  });
  b.connectProcessorAndStateStores(name, getter.storeNames());
  b.addCopartitionGroup([...sourceTopicsOf(b, input), ...sourceTopicsOf(b, table.nodeName)]);
  return name;
}

/** A stream-GlobalKTable join: the key selector picks the table key; no repartition, no co-partitioning. */
export function streamGlobalTableJoin<K, V, KG, VG, VR>(
  stream: KStream<K, V>,
  table: GlobalKTable<KG, VG>,
  keySelector: (key: K, value: V) => KG | null,
  joiner: ValueJoiner<K, V, VG | null, VR>,
  namedName: string | undefined,
  leftJoin: boolean,
): string {
  const b = stream.builder;
  checkSameBuilder(b, table.builder);
  const name = b.nameOrGenerate(namedName, leftJoin ? NodePrefix.LEFTJOIN : NodePrefix.JOIN);
  const getter = table.valueGetterSupplier();
  b.addProcessor({
    name,
    parents: [stream.nodeName],
    supplier: () =>
      new KStreamKTableJoin<K, V, KG, VG, VR>(getter, keySelector, joiner, leftJoin) as AnyProcessor,
    stores: [],
  });
  b.connectProcessorAndStateStores(name, getter.storeNames());
  return name;
}
