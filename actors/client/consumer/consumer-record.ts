/**
 * One record as the consumer hands it out (Java's ConsumerRecord). Key and value are decoded through the
 * configured deserializers on first access, so a consumer that only looks at offsets or headers never pays
 * for decoding, and a record that fails to decode fails where it is read (with the serde's
 * DeserializationError), not in the middle of a poll.
 */
import type { Deserializer, Headers } from '../../../core/serdes/index.ts';
import type { TopicPartition } from '../record-accumulator.ts';

export type { TopicPartition };

/** Kafka's TimestampType. */
export type TimestampType = 'CreateTime' | 'LogAppendTime';

const unset: unique symbol = Symbol('unset');

export class ConsumerRecord<K, V> {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
  readonly timestampType: TimestampType;
  /** The partition leader epoch the record was written in (-1 when unknown). */
  readonly leaderEpoch: number;
  readonly headers: Headers;
  /** The key's bytes as fetched (a view into the fetched batch; null for no key). */
  readonly rawKey: Buffer | null;
  /** The value's bytes as fetched (null for a tombstone). */
  readonly rawValue: Buffer | null;
  private readonly keyDeserializer: Deserializer<K>;
  private readonly valueDeserializer: Deserializer<V>;
  private decodedKey: K | null | typeof unset = unset;
  private decodedValue: V | null | typeof unset = unset;

  /**
   * Positional, not an object of fields: the consumer makes one per fetched record, and a fields object
   * per record was a sixth of what survived young-generation collections in a streams app.
   */
  constructor(
    topic: string,
    partition: number,
    offset: number,
    timestamp: number,
    timestampType: TimestampType,
    leaderEpoch: number,
    headers: Headers,
    rawKey: Buffer | null,
    rawValue: Buffer | null,
    keyDeserializer: Deserializer<K>,
    valueDeserializer: Deserializer<V>,
  ) {
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
    this.timestamp = timestamp;
    this.timestampType = timestampType;
    this.leaderEpoch = leaderEpoch;
    this.headers = headers;
    this.rawKey = rawKey;
    this.rawValue = rawValue;
    this.keyDeserializer = keyDeserializer;
    this.valueDeserializer = valueDeserializer;
  }

  /** The decoded key (null when the record has none); decoded once, on first access. */
  get key(): K | null {
    if (this.decodedKey === unset)
      this.decodedKey = this.keyDeserializer(this.topic, this.rawKey, this.headers);
    return this.decodedKey;
  }

  /** The decoded value (null for a tombstone); decoded once, on first access. */
  get value(): V | null {
    if (this.decodedValue === unset)
      this.decodedValue = this.valueDeserializer(this.topic, this.rawValue, this.headers);
    return this.decodedValue;
  }

  /** Serialized sizes as Java reports them (-1 for null). */
  get serializedKeySize(): number {
    return this.rawKey === null ? -1 : this.rawKey.length;
  }

  get serializedValueSize(): number {
    return this.rawValue === null ? -1 : this.rawValue.length;
  }
}

/** A topic-partition as one map key; `\u0000` cannot appear in a topic name. */
export function tpKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

export function tpKeyOf(tp: TopicPartition): string {
  return tpKey(tp.topic, tp.partition);
}

/** A committed (or to-be-committed) offset, as Java's OffsetAndMetadata. */
export interface OffsetAndMetadata {
  readonly offset: number;
  readonly metadata?: string;
  /** The leader epoch of the last consumed record (KIP-320); -1 or absent when unknown. */
  readonly leaderEpoch?: number;
}

/** One partition's offset to commit (or committed). */
export interface TopicPartitionOffset extends TopicPartition, OffsetAndMetadata {}

/** ListOffsets by time: the first offset whose timestamp is at or after the one asked for. */
export interface OffsetAndTimestamp {
  readonly offset: number;
  readonly timestamp: number;
  readonly leaderEpoch: number;
}

/** Sorts topic-partitions by topic then partition (stable output for listeners and tests). */
export function sortPartitions<T extends TopicPartition>(tps: Iterable<T>): T[] {
  return [...tps].sort((a, b) =>
    a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition,
  );
}
