import { createHash } from 'node:crypto';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { Serde } from '../../core/serdes/index.ts';
import { DeserializationError } from '../../core/serdes/index.ts';
import { Materialized } from '../config/materialized.ts';
import type { StreamPartitioner } from '../config/partitioning.ts';
import type { TableJoined } from '../config/table-joined.ts';
import type { ProcessingContextBase, Processor, ProcessorContext } from '../processor/processor.ts';
import type { Record } from '../processor/record.ts';
import type { TimestampedKeyValueStore } from '../state/typed-key-value-store.ts';
import { ValueAndTimestamp } from '../state/value-and-timestamp.ts';
import { Change } from './change.ts';
import { recordDropped, serdeOrDefault } from './drop-recorder.ts';
import type { InternalTopologyBuilder } from './internal-topology-builder.ts';
import {
  SourceTableState,
  type KTableState,
  type KTableValueGetter,
  type KTableValueGetterSupplier,
} from './ktable-state.ts';
import { resolveMaterialized, timestampedStoreBuilder } from './materialize.ts';
import type { AnyProcessor } from './node-defs.ts';
import { KTableSource } from './processors/ktable-source.ts';
import { repartitionTopicConfig } from './repartition.ts';

/** Kafka's KTableImpl name prefixes of the foreign-key join (KIP-213), kept identical for describe(). */
export const FkJoinPrefix = {
  SUBSCRIPTION_REGISTRATION: 'KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-',
  SUBSCRIPTION_RESPONSE: 'KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-',
  SUBSCRIPTION_PROCESSOR: 'KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-',
  SUBSCRIPTION_RESPONSE_RESOLVER_PROCESSOR: 'KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-RESOLVER-PROCESSOR-',
  FK_JOIN_STATE_STORE: 'KTABLE-FK-JOIN-SUBSCRIPTION-STATE-STORE-',
  FK_JOIN_OUTPUT: 'KTABLE-FK-JOIN-OUTPUT-',
  SINK: 'KTABLE-SINK-',
  SOURCE: 'KTABLE-SOURCE-',
} as const;

/** Kafka's SubscriptionWrapper.Instruction, with its ordinals (the wire byte). */
export const Instruction = {
  /** The foreign key changed: drop the old subscription, send nothing back. */
  DELETE_KEY_NO_PROPAGATE: 0,
  /** The left row is gone (or its foreign key became null): drop the subscription, send a null back. */
  DELETE_KEY_AND_PROPAGATE: 1,
  /** Subscribe and answer even when the foreign key has no row (the result must be unset or null-joined). */
  PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE: 2,
  /** Subscribe and answer only when the foreign key has a row (a new inner-join row). */
  PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE: 3,
} as const;
export type Instruction = (typeof Instruction)[keyof typeof Instruction];

const wireVersion = 1;
const hashBytes = 16;
const nullHashFlag = 0x80;
const nullValueFlag = 0x40;

/**
 * What the left side sends to the right (Kafka's SubscriptionWrapper, version 1): the hash of the
 * left value it was computed from (null for a delete), what to do, the left key and its partition.
 */
export interface SubscriptionWrapper {
  readonly hash: Buffer | null;
  readonly instruction: Instruction;
  /** The serialized left (primary) key. */
  readonly primaryKey: Buffer;
  readonly primaryPartition: number;
}

/** `[version][instruction | nullHash 0x80][hash 16 bytes]?[primary partition int32][primary key]`. */
export function encodeSubscription(w: SubscriptionWrapper): Buffer {
  const out = Buffer.allocUnsafe(2 + (w.hash === null ? 0 : hashBytes) + 4 + w.primaryKey.length);
  out[0] = wireVersion;
  out[1] = w.instruction | (w.hash === null ? nullHashFlag : 0);
  let at = 2;
  if (w.hash !== null) at += w.hash.copy(out, at);
  out.writeInt32BE(w.primaryPartition, at);
  w.primaryKey.copy(out, at + 4);
  return out;
}

export function decodeSubscription(topic: string, data: Buffer): SubscriptionWrapper {
  if (data.length < 6 || data[0] !== wireVersion)
    throw new DeserializationError(topic, `not a version ${wireVersion} foreign-key subscription`);
  const flags = data[1]!;
  const instruction = (flags & 0x7f) as Instruction;
  if (instruction > Instruction.PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE)
    throw new DeserializationError(topic, `unknown subscription instruction ${instruction}`);
  let at = 2;
  let hash: Buffer | null = null;
  if ((flags & nullHashFlag) === 0) {
    if (data.length < at + hashBytes + 4) throw new DeserializationError(topic, 'truncated subscription');
    hash = data.subarray(at, at + hashBytes);
    at += hashBytes;
  }
  const primaryPartition = data.readInt32BE(at);
  return { hash, instruction, primaryKey: data.subarray(at + 4), primaryPartition };
}

/**
 * What the right side sends back (Kafka's SubscriptionResponseWrapper): the hash the subscription
 * carried, the foreign row's value (null: none), and the left key's partition.
 */
export interface SubscriptionResponse {
  readonly hash: Buffer | null;
  /** The serialized foreign value, null when the foreign key has no row. */
  readonly foreignValue: Buffer | null;
  readonly primaryPartition: number;
}

/** `[version | nullHash 0x80 | nullValue 0x40][hash 16 bytes]?[primary partition int32][foreign value]`. */
export function encodeResponse(r: SubscriptionResponse): Buffer {
  const valueLength = r.foreignValue === null ? 0 : r.foreignValue.length;
  const out = Buffer.allocUnsafe(1 + (r.hash === null ? 0 : hashBytes) + 4 + valueLength);
  out[0] = wireVersion | (r.hash === null ? nullHashFlag : 0) | (r.foreignValue === null ? nullValueFlag : 0);
  let at = 1;
  if (r.hash !== null) at += r.hash.copy(out, at);
  out.writeInt32BE(r.primaryPartition, at);
  if (r.foreignValue !== null) r.foreignValue.copy(out, at + 4);
  return out;
}

export function decodeResponse(topic: string, data: Buffer): SubscriptionResponse {
  if (data.length < 5 || (data[0]! & 0x3f) !== wireVersion)
    throw new DeserializationError(topic, `not a version ${wireVersion} foreign-key subscription response`);
  const flags = data[0]!;
  let at = 1;
  let hash: Buffer | null = null;
  if ((flags & nullHashFlag) === 0) {
    if (data.length < at + hashBytes + 4) throw new DeserializationError(topic, 'truncated response');
    hash = data.subarray(at, at + hashBytes);
    at += hashBytes;
  }
  const primaryPartition = data.readInt32BE(at);
  const foreignValue = (flags & nullValueFlag) !== 0 ? null : data.subarray(at + 4);
  return { hash, foreignValue, primaryPartition };
}

/**
 * Kafka's CombinedKeySchema: the subscription store's key `[foreign key length int32][foreign
 * key][primary key]`, so a prefix scan over `[length][foreign key]` finds every left row that
 * points at a foreign key.
 */
export function combinedKey(foreignKey: Buffer, primaryKey: Buffer): Buffer {
  const out = Buffer.allocUnsafe(4 + foreignKey.length + primaryKey.length);
  out.writeInt32BE(foreignKey.length, 0);
  foreignKey.copy(out, 4);
  primaryKey.copy(out, 4 + foreignKey.length);
  return out;
}

export function combinedKeyPrefix(foreignKey: Buffer): Buffer {
  const out = Buffer.allocUnsafe(4 + foreignKey.length);
  out.writeInt32BE(foreignKey.length, 0);
  foreignKey.copy(out, 4);
  return out;
}

export function primaryKeyOf(combined: Buffer): Buffer {
  return combined.subarray(4 + combined.readInt32BE(0));
}

/** The left value's hash (Kafka uses 128-bit Murmur3; any stable 128-bit digest serves). */
function valueHash(bytes: Buffer | null): Buffer | null {
  return bytes === null ? null : createHash('md5').update(bytes).digest();
}

function sameBytes(a: Buffer | null, b: Buffer | null): boolean {
  return a === null || b === null ? a === b : a.equals(b);
}

/** A key on its way to an internal topic: its bytes, and the typed key a user partitioner needs. */
interface SerializedKey<T> {
  readonly bytes: Buffer;
  readonly key: T;
}

const rawKeySerde: Serde<SerializedKey<unknown>> = {
  serializer: (_topic, data) => (data === null ? null : data.bytes),
  deserializer: () => {
    throw new KafkaError(ErrorCode.INVALID_REQUEST, 'a serialized key is only written');
  },
};

const bufferSerde: Serde<Buffer> = {
  serializer: (_topic, data) => data,
  deserializer: (_topic, data) => data,
};

/** The partition of the task running a processor (`<subtopology>_<partition>`). */
function taskPartition(context: ProcessingContextBase): number {
  const p = Number(context.taskId.slice(context.taskId.lastIndexOf('_') + 1));
  return Number.isInteger(p) ? p : -1;
}

/** The names and serdes the processors of one foreign-key join share. */
interface FkJoinShared<K, V, KO, VO> {
  readonly registrationTopic: string;
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  readonly foreignKeySerde: Serde<KO> | undefined;
  readonly foreignValueSerde: Serde<VO> | undefined;
  readonly leftJoin: boolean;
}

/** `<application.id>-<registration topic>-<suffix>`: Kafka's pseudo topics the serdes see. */
function pseudoTopic(context: ProcessingContextBase, registrationTopic: string, suffix: string): string {
  return `${context.applicationId}-${registrationTopic}-${suffix}`;
}

/**
 * Kafka's SubscriptionSendProcessorSupplier: on each left change, (un)subscribes the left key at
 * its foreign key(s) through the registration topic, carrying the hash of the new left value.
 */
class SubscriptionSendProcessor<K, V, KO, VO> implements Processor<
  K,
  Change<V>,
  SerializedKey<KO> | null,
  Buffer
> {
  private context!: ProcessorContext<SerializedKey<KO> | null, Buffer>;
  private readonly shared: FkJoinShared<K, V, KO, VO>;
  private readonly extractor: (value: V, key: K) => KO | null;
  private keySerde!: Serde<K>;
  private valueSerde!: Serde<V>;
  private foreignKeySerde!: Serde<KO>;
  private fkTopic = '';
  private pkTopic = '';
  private vhTopic = '';
  private partition = -1;

  constructor(shared: FkJoinShared<K, V, KO, VO>, extractor: (value: V, key: K) => KO | null) {
    this.shared = shared;
    this.extractor = extractor;
  }

  init(context: ProcessorContext<SerializedKey<KO> | null, Buffer>): void {
    this.context = context;
    const where = 'the foreign-key join';
    this.keySerde = serdeOrDefault(context, this.shared.keySerde, 'key', where);
    this.valueSerde = serdeOrDefault(context, this.shared.valueSerde, 'value', where);
    this.foreignKeySerde = serdeOrDefault(context, this.shared.foreignKeySerde, 'key', where);
    const shared = this.shared.registrationTopic;
    this.fkTopic = pseudoTopic(context, shared, 'fk');
    this.pkTopic = pseudoTopic(context, shared, 'pk');
    this.vhTopic = pseudoTopic(context, shared, 'vh');
    this.partition = taskPartition(context);
  }

  private fk(value: V | null, key: K): KO | null {
    return value === null ? null : this.extractor(value, key);
  }

  private fkBytes(fk: KO | null): Buffer | null {
    return fk === null ? null : this.foreignKeySerde.serializer(this.fkTopic, fk);
  }

  process(record: Record<K, Change<V>>): void {
    if (record.key === null) {
      recordDropped(this.context, 'Skipping record due to null key.');
      return;
    }
    const key = record.key;
    const { newValue, oldValue } = record.value;
    const primaryKey = this.keySerde.serializer(this.pkTopic, key);
    if (primaryKey === null)
      throw new KafkaError(ErrorCode.INVALID_RECORD, 'a primary key serialized to null');
    const hash = newValue === null ? null : valueHash(this.valueSerde.serializer(this.vhTopic, newValue));
    const send = (fk: KO | null, fkBytes: Buffer | null, instruction: Instruction): void => {
      const wrapper = encodeSubscription({ hash, instruction, primaryKey, primaryPartition: this.partition });
      const k = fk === null || fkBytes === null ? null : { bytes: fkBytes, key: fk };
      this.context.forward(record.withKey(k).withValue(wrapper));
    };
    if (this.shared.leftJoin) {
      // Kafka unsubscribes a changed foreign key with DELETE_KEY_AND_PROPAGATE; its null-joined answer
      // can then arrive after the new foreign key's (another partition) and win. Here only the new
      // subscription answers; the old one is dropped silently, except when the row is deleted.
      if (oldValue !== null) {
        const oldFk = this.fk(oldValue, key);
        const newFk = this.fk(newValue, key);
        const oldBytes = this.fkBytes(oldFk);
        const newBytes = this.fkBytes(newFk);
        if (newValue === null) {
          if (oldFk !== null) send(oldFk, oldBytes, Instruction.DELETE_KEY_AND_PROPAGATE);
          else send(null, null, Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE);
          return;
        }
        if (oldFk !== null && !sameBytes(oldBytes, newBytes))
          send(oldFk, oldBytes, Instruction.DELETE_KEY_NO_PROPAGATE);
        send(newFk, newBytes, Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE);
      } else if (newValue !== null) {
        const newFk = this.fk(newValue, key);
        send(newFk, this.fkBytes(newFk), Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE);
      }
      return;
    }
    // Where Kafka (3.x) sends nothing for a null foreign key, and PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE
    // for a new row, we ask for an answer (a null-key subscription answers null at once): otherwise a
    // response of an earlier value of the row, still in flight, is dropped as stale while the result
    // it had set stays, and the result table no longer equals the join of the tables. The price is a
    // tombstone for a new row without a match.
    if (oldValue !== null) {
      const oldFk = this.fk(oldValue, key);
      const newFk = this.fk(newValue, key);
      if (oldFk === null && newFk === null)
        send(null, null, Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE);
      else if (oldFk === null)
        send(newFk, this.fkBytes(newFk), Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE);
      else if (newFk === null) send(oldFk, this.fkBytes(oldFk), Instruction.DELETE_KEY_AND_PROPAGATE);
      else {
        const oldBytes = this.fkBytes(oldFk);
        const newBytes = this.fkBytes(newFk);
        // A new foreign key: unsubscribe from the old one silently, then subscribe at the new one and
        // answer even without a match there, since the previous result must be unset.
        if (!sameBytes(oldBytes, newBytes)) send(oldFk, oldBytes, Instruction.DELETE_KEY_NO_PROPAGATE);
        send(newFk, newBytes, Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE);
      }
    } else if (newValue !== null) {
      const newFk = this.fk(newValue, key);
      send(newFk, this.fkBytes(newFk), Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE);
    }
  }
}

/** A subscription as the right side holds it: the combined key, the decoded wrapper and its time. */
interface ReceivedSubscription {
  readonly foreignKey: Buffer | null;
  readonly wrapper: SubscriptionWrapper;
  readonly timestamp: number;
}

/**
 * Kafka's SubscriptionReceiveProcessorSupplier: keeps the subscription store (combined key ->
 * wrapper) up to date: deletes on the two delete instructions, upserts otherwise.
 */
class SubscriptionReceiveProcessor implements Processor<
  Buffer | null,
  Buffer,
  Buffer | null,
  ReceivedSubscription
> {
  private context!: ProcessorContext<Buffer | null, ReceivedSubscription>;
  private store!: TimestampedKeyValueStore<Buffer, Buffer>;
  private readonly storeName: string;
  private readonly topic: string;

  constructor(storeName: string, topic: string) {
    this.storeName = storeName;
    this.topic = topic;
  }

  init(context: ProcessorContext<Buffer | null, ReceivedSubscription>): void {
    this.context = context;
    this.store = context.getStateStore(this.storeName);
  }

  process(record: Record<Buffer | null, Buffer>): void {
    if (record.value === null) {
      recordDropped(this.context, 'Skipping record due to null value.');
      return;
    }
    const wrapper = decodeSubscription(this.topic, record.value);
    const foreignKey = record.key;
    if (foreignKey === null) {
      // Only a left join sends a null foreign key, to get a null-joined result back.
      if (wrapper.instruction !== Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE) {
        recordDropped(this.context, 'Skipping record due to null foreign key.');
        return;
      }
    } else {
      const key = combinedKey(foreignKey, wrapper.primaryKey);
      if (
        wrapper.instruction === Instruction.DELETE_KEY_AND_PROPAGATE ||
        wrapper.instruction === Instruction.DELETE_KEY_NO_PROPAGATE
      )
        this.store.delete(key);
      else this.store.put(key, ValueAndTimestamp.make(record.value, record.timestamp));
    }
    this.context.forward(record.withValue({ foreignKey, wrapper, timestamp: record.timestamp }));
  }
}

/** The response on its way back: to the left key's bytes, in the left key's partition. */
interface ResponseKey {
  readonly bytes: Buffer;
  readonly key: number;
}

function responseRecord<KI, VI>(
  record: Record<KI, VI>,
  hash: Buffer | null,
  foreignValue: Buffer | null,
  primaryKey: Buffer,
  primaryPartition: number,
  timestamp: number,
): Record<ResponseKey, Buffer> {
  return record
    .withKey({ bytes: primaryKey, key: primaryPartition })
    .withValue(encodeResponse({ hash, foreignValue, primaryPartition }))
    .withTimestamp(timestamp);
}

/**
 * What the two right-side processors that answer subscriptions share: the foreign key and value
 * serdes, the foreign key's pseudo topic and the response topic (given unprefixed, prefixed with the
 * application id at init). Each calls `initForeign` from its own `init`.
 */
abstract class ForeignSideProcessor<K, V, KO, VO, KIn, VIn> implements Processor<
  KIn,
  VIn,
  ResponseKey,
  Buffer
> {
  protected context!: ProcessorContext<ResponseKey, Buffer>;
  protected readonly shared: FkJoinShared<K, V, KO, VO>;
  protected foreignKeySerde!: Serde<KO>;
  protected foreignValueSerde!: Serde<VO>;
  protected fkTopic = '';
  protected responseTopic: string;

  constructor(shared: FkJoinShared<K, V, KO, VO>, responseTopic: string) {
    this.shared = shared;
    this.responseTopic = responseTopic;
  }

  abstract init(context: ProcessorContext<ResponseKey, Buffer>): void;

  abstract process(record: Record<KIn, VIn>): void;

  protected initForeign(context: ProcessorContext<ResponseKey, Buffer>): void {
    const where = 'the foreign-key join';
    this.foreignKeySerde = serdeOrDefault(context, this.shared.foreignKeySerde, 'key', where);
    this.foreignValueSerde = serdeOrDefault(context, this.shared.foreignValueSerde, 'value', where);
    this.fkTopic = pseudoTopic(context, this.shared.registrationTopic, 'fk');
    this.responseTopic = `${context.applicationId}-${this.responseTopic}`;
  }
}

/**
 * Kafka's SubscriptionJoinProcessorSupplier: answers a subscription with the foreign row's current
 * value as its instruction says, at timestamp max(subscription, foreign row).
 */
class SubscriptionJoinForeignProcessor<K, V, KO, VO> extends ForeignSideProcessor<
  K,
  V,
  KO,
  VO,
  Buffer | null,
  ReceivedSubscription
> {
  private getter!: KTableValueGetter<KO, VO>;
  private readonly getterSupplier: KTableValueGetterSupplier<KO, VO>;

  constructor(
    getterSupplier: KTableValueGetterSupplier<KO, VO>,
    shared: FkJoinShared<K, V, KO, VO>,
    responseTopic: string,
  ) {
    super(shared, responseTopic);
    this.getterSupplier = getterSupplier;
  }

  init(context: ProcessorContext<ResponseKey, Buffer>): void {
    this.context = context;
    this.getter = this.getterSupplier.get();
    this.getter.init(context);
    this.initForeign(context);
  }

  process(record: Record<Buffer | null, ReceivedSubscription>): void {
    const { foreignKey, wrapper, timestamp } = record.value;
    const foreign =
      foreignKey === null
        ? null
        : this.getter.get(this.foreignKeySerde.deserializer(this.fkTopic, foreignKey) as KO);
    const resultTimestamp = foreign === null ? timestamp : Math.max(timestamp, foreign.timestamp);
    const foreignBytes = (): Buffer | null =>
      foreign === null || foreign.value === null
        ? null
        : this.foreignValueSerde.serializer(this.responseTopic, foreign.value);
    const respond = (value: Buffer | null): void =>
      this.context.forward(
        responseRecord(
          record,
          wrapper.hash,
          value,
          wrapper.primaryKey,
          wrapper.primaryPartition,
          resultTimestamp,
        ),
      );
    switch (wrapper.instruction) {
      case Instruction.DELETE_KEY_AND_PROPAGATE:
        respond(null);
        break;
      case Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE:
        respond(foreignBytes());
        break;
      case Instruction.PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE:
        if (foreign !== null) respond(foreignBytes());
        break;
      case Instruction.DELETE_KEY_NO_PROPAGATE:
        break;
    }
  }
}

/**
 * Kafka's ForeignTableJoinProcessorSupplier: a change of a foreign row answers every subscription
 * at its key (a prefix scan of the subscription store) with the new value (null: deleted).
 */
class ForeignTableJoinProcessor<K, V, KO, VO> extends ForeignSideProcessor<K, V, KO, VO, KO, Change<VO>> {
  private store!: TimestampedKeyValueStore<Buffer, Buffer>;
  private readonly storeName: string;
  private registrationTopic = '';

  constructor(storeName: string, shared: FkJoinShared<K, V, KO, VO>, responseTopic: string) {
    super(shared, responseTopic);
    this.storeName = storeName;
  }

  init(context: ProcessorContext<ResponseKey, Buffer>): void {
    this.context = context;
    this.store = context.getStateStore(this.storeName);
    this.initForeign(context);
    this.registrationTopic = `${context.applicationId}-${this.shared.registrationTopic}`;
  }

  process(record: Record<KO, Change<VO>>): void {
    if (record.key === null) {
      recordDropped(this.context, 'Skipping record due to null key.');
      return;
    }
    const fk = this.foreignKeySerde.serializer(this.fkTopic, record.key);
    if (fk === null) return;
    const newValue = record.value.newValue;
    const foreignValue =
      newValue === null ? null : this.foreignValueSerde.serializer(this.responseTopic, newValue);
    const prefix = combinedKeyPrefix(fk);
    const it = this.store.prefixScan(prefix, (_t, p: Buffer | null) => p);
    try {
      for (const { key, value } of it) {
        const wrapper = decodeSubscription(this.registrationTopic, value.value);
        this.context.forward(
          responseRecord(
            record,
            wrapper.hash,
            foreignValue,
            primaryKeyOf(key),
            wrapper.primaryPartition,
            Math.max(record.timestamp, value.timestamp),
          ),
        );
      }
    } finally {
      it.close();
    }
  }
}

/**
 * Kafka's ResponseJoinProcessorSupplier: joins a response with the left row's current value, unless
 * that row changed since the subscription was sent (hash mismatch: the response is stale and dropped).
 * Forwards the joined value, or null to delete the key from the result.
 */
class ResponseJoinProcessor<K, V, KO, VO, VR> implements Processor<Buffer, Buffer, K, VR | null> {
  private context!: ProcessorContext<K, VR | null>;
  private getter!: KTableValueGetter<K, V>;
  private readonly getterSupplier: KTableValueGetterSupplier<K, V>;
  private readonly shared: FkJoinShared<K, V, KO, VO>;
  private readonly joiner: (value: V, foreignValue: VO | null) => VR;
  private keySerde!: Serde<K>;
  private valueSerde!: Serde<V>;
  private foreignValueSerde!: Serde<VO>;
  private pkTopic = '';
  private vhTopic = '';
  private responseTopic: string;

  constructor(
    getterSupplier: KTableValueGetterSupplier<K, V>,
    shared: FkJoinShared<K, V, KO, VO>,
    joiner: (value: V, foreignValue: VO | null) => VR,
    responseTopic: string,
  ) {
    this.getterSupplier = getterSupplier;
    this.shared = shared;
    this.joiner = joiner;
    this.responseTopic = responseTopic;
  }

  init(context: ProcessorContext<K, VR | null>): void {
    this.context = context;
    this.getter = this.getterSupplier.get();
    this.getter.init(context);
    const where = 'the foreign-key join';
    this.keySerde = serdeOrDefault(context, this.shared.keySerde, 'key', where);
    this.valueSerde = serdeOrDefault(context, this.shared.valueSerde, 'value', where);
    this.foreignValueSerde = serdeOrDefault(context, this.shared.foreignValueSerde, 'value', where);
    const shared = this.shared.registrationTopic;
    this.pkTopic = pseudoTopic(context, shared, 'pk');
    this.vhTopic = pseudoTopic(context, shared, 'vh');
    this.responseTopic = `${context.applicationId}-${this.responseTopic}`;
  }

  process(record: Record<Buffer, Buffer>): void {
    if (record.key === null || record.value === null) {
      recordDropped(this.context, 'Skipping record due to null key or value.');
      return;
    }
    const response = decodeResponse(this.responseTopic, record.value);
    const key = this.keySerde.deserializer(this.pkTopic, record.key) as K;
    const current = this.getter.get(key);
    const currentValue = current === null ? null : current.value;
    const currentHash =
      currentValue === null ? null : valueHash(this.valueSerde.serializer(this.vhTopic, currentValue));
    if (!sameBytes(currentHash, response.hash)) {
      recordDropped(this.context, 'Dropping FK-join response due to hash mismatch.');
      return;
    }
    const foreignValue =
      response.foreignValue === null
        ? null
        : this.foreignValueSerde.deserializer(this.responseTopic, response.foreignValue);
    let result: VR | null;
    if ((foreignValue === null && !this.shared.leftJoin) || currentValue === null) result = null;
    else result = this.joiner(currentValue, foreignValue);
    this.context.forward(record.withKey(key).withValue(result));
  }
}

/** What the DSL passes to build a foreign-key join. */
export interface ForeignKeyJoinArgs<K, V, KO, VO, VR> {
  readonly builder: InternalTopologyBuilder;
  readonly leftNode: string;
  readonly leftState: KTableState;
  readonly leftGetter: () => KTableValueGetterSupplier<K, V>;
  readonly leftKeySerde: Serde<K> | undefined;
  readonly leftValueSerde: Serde<V> | undefined;
  readonly rightNode: string;
  readonly rightState: KTableState;
  readonly rightGetter: () => KTableValueGetterSupplier<KO, VO>;
  readonly rightKeySerde: Serde<KO> | undefined;
  readonly rightValueSerde: Serde<VO> | undefined;
  readonly extractor: (value: V, key: K) => KO | null;
  readonly joiner: (value: V, foreignValue: VO | null) => VR;
  readonly leftJoin: boolean;
  readonly tableJoined: TableJoined<K, KO> | undefined;
  readonly materialized: Materialized<K, VR> | undefined;
  /** Source topics of each side, for the co-partition groups. */
  readonly leftTopics: readonly string[];
  readonly rightTopics: readonly string[];
}

/** The result table's parts: its output node, state, store and serdes. */
export interface ForeignKeyJoinResult<K, VR> {
  readonly nodeName: string;
  readonly state: KTableState;
  readonly queryableStoreName: string | undefined;
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<VR> | undefined;
}

/** Adds the internal topic `<base>-topic` (a repartition topic) and returns its name. */
function addFkJoinTopic(b: InternalTopologyBuilder, base: string): string {
  const topic = base + '-topic';
  b.addInternalTopic({
    name: topic,
    numberOfPartitions: undefined,
    kind: 'repartition',
    config: repartitionTopicConfig,
  });
  return topic;
}

/**
 * Adds the sink writing to one of the join's topics and the source reading it back, named
 * `<name><suffix>-sink` and `<name><suffix>-source` (else generated, in that order), raw bytes both
 * ways; returns the source's name.
 */
function addFkJoinSinkAndSource(
  b: InternalTopologyBuilder,
  name: string | undefined,
  suffix: string,
  sink: {
    readonly parents: string[];
    readonly topic: string;
    readonly partitioner: StreamPartitioner<unknown, unknown> | undefined;
  },
): string {
  const sinkName = b.suffixOrGenerate(name, `${suffix}-sink`, FkJoinPrefix.SINK);
  b.addSink({
    name: sinkName,
    parents: sink.parents,
    topic: sink.topic,
    extractor: undefined,
    keySerde: rawKeySerde as Serde<unknown>,
    valueSerde: bufferSerde as Serde<unknown>,
    partitioner: sink.partitioner,
  });
  const sourceName = b.suffixOrGenerate(name, `${suffix}-source`, FkJoinPrefix.SOURCE);
  b.addSource({
    name: sourceName,
    topics: [sink.topic],
    pattern: undefined,
    keySerde: bufferSerde as Serde<unknown>,
    valueSerde: bufferSerde as Serde<unknown>,
    timestampExtractor: undefined,
    offsetReset: undefined,
  });
  return sourceName;
}

/**
 * Builds a foreign-key table join as Kafka's KTableImpl.doJoinOnForeignKey (KIP-213), taking the
 * same generated-name indices: the registration topic, send processor, sink and source; the
 * subscription store on the right side with its receive and join-foreign processors; the processor
 * answering right-side changes; the response topic, sink and source; the resolver; the result node.
 * The registration topic is co-partitioned with the right table, the response topic with the left.
 */
export function foreignKeyJoin<K, V, KO, VO, VR>(
  a: ForeignKeyJoinArgs<K, V, KO, VO, VR>,
): ForeignKeyJoinResult<K, VR> {
  const b = a.builder;
  const name = a.tableJoined?.name;
  // Old values tell the send processor which foreign key to unsubscribe from; on the right they are
  // what Kafka compares to skip needless scans.
  a.rightState.enableSendingOldValues(true);
  a.leftState.enableSendingOldValues(true);

  const registrationTopic = addFkJoinTopic(
    b,
    b.suffixOrGenerate(name, '-subscription-registration', FkJoinPrefix.SUBSCRIPTION_REGISTRATION),
  );
  const shared: FkJoinShared<K, V, KO, VO> = {
    registrationTopic,
    keySerde: a.leftKeySerde,
    valueSerde: a.leftValueSerde,
    foreignKeySerde: a.rightKeySerde,
    foreignValueSerde: a.rightValueSerde,
    leftJoin: a.leftJoin,
  };
  const sendName = b.suffixOrGenerate(
    name,
    '-subscription-registration-processor',
    FkJoinPrefix.SUBSCRIPTION_REGISTRATION,
  );
  b.addProcessor({
    name: sendName,
    parents: [a.leftNode],
    supplier: () => new SubscriptionSendProcessor<K, V, KO, VO>(shared, a.extractor) as AnyProcessor,
    stores: [],
  });
  const otherPartitioner = a.tableJoined?.otherPartitioner;
  const registrationPartitioner: StreamPartitioner<unknown, unknown> | undefined =
    otherPartitioner === undefined
      ? undefined
      : (topic, key, _value, n) =>
          key === null ? undefined : otherPartitioner(topic, (key as SerializedKey<KO>).key, null, n);
  const registrationSource = addFkJoinSinkAndSource(b, name, '-subscription-registration', {
    parents: [sendName],
    topic: registrationTopic,
    partitioner: registrationPartitioner,
  });

  const storeName = b.suffixOrGenerate(name, '-subscription-store', FkJoinPrefix.FK_JOIN_STATE_STORE);
  b.addStateStore(
    timestampedStoreBuilder<Buffer, Buffer>(
      b,
      {
        materialized: Materialized.with<Buffer, Buffer>(bufferSerde, bufferSerde),
        storeName,
        queryableStoreName: undefined,
      },
      bufferSerde,
      bufferSerde,
    ),
  );
  const receiveName = b.suffixOrGenerate(name, '-subscription-receive', FkJoinPrefix.SUBSCRIPTION_PROCESSOR);
  b.addProcessor({
    name: receiveName,
    parents: [registrationSource],
    supplier: () => new SubscriptionReceiveProcessor(storeName, registrationTopic) as AnyProcessor,
    stores: [storeName],
  });
  const rightGetter = a.rightGetter();
  const joinForeignName = b.suffixOrGenerate(
    name,
    '-subscription-join-foreign',
    FkJoinPrefix.SUBSCRIPTION_PROCESSOR,
  );
  // The response topic's name is taken later (index order as Kafka); processors learn it then.
  let responseTopic = '';
  b.addProcessor({
    name: joinForeignName,
    parents: [receiveName],
    supplier: () =>
      new SubscriptionJoinForeignProcessor<K, V, KO, VO>(rightGetter, shared, responseTopic) as AnyProcessor,
    stores: [],
  });
  b.connectProcessorAndStateStores(joinForeignName, rightGetter.storeNames());
  const foreignJoinName = b.suffixOrGenerate(
    name,
    '-foreign-join-subscription',
    FkJoinPrefix.SUBSCRIPTION_PROCESSOR,
  );
  b.addProcessor({
    name: foreignJoinName,
    parents: [a.rightNode],
    supplier: () =>
      new ForeignTableJoinProcessor<K, V, KO, VO>(storeName, shared, responseTopic) as AnyProcessor,
    stores: [storeName],
  });

  responseTopic = addFkJoinTopic(
    b,
    b.suffixOrGenerate(name, '-subscription-response', FkJoinPrefix.SUBSCRIPTION_RESPONSE),
  );
  // Back to the left key's partition, as Kafka's default response partitioner does.
  const responsePartitioner: StreamPartitioner<unknown, unknown> = (_topic, key) => {
    const p = (key as ResponseKey).key;
    return p >= 0 ? p : undefined;
  };
  const responseSource = addFkJoinSinkAndSource(b, name, '-subscription-response', {
    parents: [joinForeignName, foreignJoinName],
    topic: responseTopic,
    partitioner: responsePartitioner,
  });

  const leftGetter = a.leftGetter();
  const resolverName = b.suffixOrGenerate(
    name,
    '-subscription-response-resolver',
    FkJoinPrefix.SUBSCRIPTION_RESPONSE_RESOLVER_PROCESSOR,
  );
  const resolverTopic = responseTopic;
  b.addProcessor({
    name: resolverName,
    parents: [responseSource],
    supplier: () =>
      new ResponseJoinProcessor<K, V, KO, VO, VR>(
        leftGetter,
        shared,
        a.joiner,
        resolverTopic,
      ) as AnyProcessor,
    stores: [],
  });
  b.connectProcessorAndStateStores(resolverName, leftGetter.storeNames());

  const outputName = b.suffixOrGenerate(name, '-result', FkJoinPrefix.FK_JOIN_OUTPUT);
  const resolved = resolveMaterialized(b, a.materialized, FkJoinPrefix.FK_JOIN_OUTPUT);
  const keySerde = a.materialized?.keySerde ?? a.leftKeySerde;
  const valueSerde = a.materialized?.valueSerde;
  const state = new SourceTableState(() => {
    b.addStateStore(timestampedStoreBuilder(b, resolved, keySerde, valueSerde));
    b.connectProcessorAndStateStores(outputName, [resolved.storeName]);
    return resolved.storeName;
  });
  b.addProcessor({
    name: outputName,
    parents: [resolverName],
    supplier: () => new KTableSource(state) as AnyProcessor,
    stores: [],
  });
  if (resolved.queryableStoreName !== undefined) state.materialize();
  b.addCopartitionGroup([...a.rightTopics, registrationTopic]);
  b.addCopartitionGroup([...a.leftTopics, responseTopic]);
  return {
    nodeName: outputName,
    state,
    queryableStoreName: resolved.queryableStoreName,
    keySerde,
    valueSerde,
  };
}
