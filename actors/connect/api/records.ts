import type { Schema } from './schema.ts';

/** A Connect header: a key and a schema'd value (org.apache.kafka.connect.header.Header). */
export interface ConnectHeader {
  readonly key: string;
  readonly schema: Schema | null;
  readonly value: unknown;
}

/** The fields every Connect record has (ConnectRecord). Records are immutable; SMTs build new ones. */
export interface ConnectRecord {
  readonly topic: string;
  readonly kafkaPartition?: number | null;
  readonly keySchema?: Schema | null;
  readonly key: unknown;
  readonly valueSchema?: Schema | null;
  readonly value: unknown;
  readonly timestamp?: number | null;
  readonly headers: readonly ConnectHeader[];
}

/** A source partition or offset: a JSON-able map, stored as JSON in the offsets topic. */
export type OffsetMap = Readonly<Record<string, unknown>>;

/** A record a SourceTask polled from the outside world, with where it came from and how far it got. */
export interface SourceRecord extends ConnectRecord {
  readonly sourcePartition: OffsetMap;
  readonly sourceOffset: OffsetMap;
}

/** A record a SinkTask receives, read from the log at `kafkaPartition`/`kafkaOffset`. */
export interface SinkRecord extends ConnectRecord {
  readonly kafkaPartition: number;
  readonly kafkaOffset: number;
  readonly timestampType?: 'CreateTime' | 'LogAppendTime' | 'NoTimestampType';
}

/** What the worker tells a SourceTask about a record once the log has acknowledged it (commitRecord). */
export interface RecordMetadata {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
}

/** A topic and partition, as passed to open/close/flush. */
export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/** The committed position in a partition (OffsetAndMetadata). */
export interface OffsetAndMetadata {
  readonly offset: number;
  readonly metadata?: string;
}

/** The stable map key for a TopicPartition, `topic-partition` as Kafka prints it. */
export function topicPartitionKey(tp: TopicPartition): string {
  return `${tp.topic}-${tp.partition}`;
}

/**
 * A copy of `record` with some fields replaced (ConnectRecord.newRecord). Generic so a SinkRecord
 * stays a SinkRecord (kafkaOffset and the rest carry over) through a transform chain.
 */
export function newRecord<R extends ConnectRecord>(record: R, changes: Partial<ConnectRecord>): R {
  return { ...record, ...changes };
}
