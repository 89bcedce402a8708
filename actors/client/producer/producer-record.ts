/**
 * What users hand the producer: a Java-style ProducerRecord (`{ topic, key, value }`), or KafkaJS's
 * `{ topic, messages }` / `{ topicMessages }` shapes. Headers may be Kafka's list of `{ key, value }`
 * (keys may repeat) or KafkaJS's object.
 */
import type { Header } from '../../../core/serdes/index.ts';

/** Header values as users give them: bytes, a UTF-8 string, or null. */
export type HeaderValueInput = Buffer | string | null;

/** Kafka's ordered list (repeated keys allowed) or KafkaJS's `{ [key]: value }` object. */
export type RecordHeadersInput =
  | readonly { readonly key: string; readonly value: HeaderValueInput }[]
  | Readonly<Record<string, HeaderValueInput | undefined>>;

/** One record to send (Java's ProducerRecord). */
export interface ProducerRecord<K, V> {
  readonly topic: string;
  /** Serialized with the key serde; null or absent: no key (sticky partitioning). */
  readonly key?: K | null;
  /** Serialized with the value serde; null is a tombstone. */
  readonly value: V | null;
  /** An explicit partition wins over the partitioner. */
  readonly partition?: number;
  /** Create time in ms; default the producer's Clock at send. */
  readonly timestamp?: number;
  readonly headers?: RecordHeadersInput;
}

/** A KafkaJS message (`timestamp` may be a string of ms, as KafkaJS allows). */
export interface Message<K, V> {
  readonly key?: K | null;
  readonly value: V | null;
  readonly partition?: number;
  readonly timestamp?: number | string;
  readonly headers?: RecordHeadersInput;
}

/** KafkaJS's `producer.send({ topic, messages })` argument. */
export interface TopicMessages<K, V> {
  readonly topic: string;
  readonly messages: readonly Message<K, V>[];
}

/** KafkaJS's `producer.sendBatch({ topicMessages })` argument. */
export interface ProducerBatchRequest<K, V> {
  readonly topicMessages: readonly TopicMessages<K, V>[];
}

/** Headers as Kafka's list with byte values (what serializers and the record batch see). */
export function normalizeHeaders(headers: RecordHeadersInput | undefined): Header[] | undefined {
  if (headers === undefined) return undefined;
  // No header at all encodes as no header list: nothing to build (the batch writes a count of 0).
  if (Array.isArray(headers) && headers.length === 0) return undefined;
  const out: Header[] = [];
  const push = (key: string, value: HeaderValueInput | undefined): void => {
    if (value === undefined) return;
    out.push({ key, value: typeof value === 'string' ? Buffer.from(value, 'utf8') : value });
  };
  if (Array.isArray(headers)) {
    for (const h of headers as readonly { key: string; value: HeaderValueInput }[]) push(h.key, h.value);
  } else {
    for (const [key, value] of Object.entries(headers)) push(key, value);
  }
  return out;
}

/** A KafkaJS message as a ProducerRecord of `topic`. */
export function recordOfMessage<K, V>(topic: string, m: Message<K, V>): ProducerRecord<K, V> {
  const timestamp = typeof m.timestamp === 'string' ? Number(m.timestamp) : m.timestamp;
  return {
    topic,
    key: m.key,
    value: m.value,
    partition: m.partition,
    timestamp,
    headers: m.headers,
  };
}
