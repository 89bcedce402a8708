import type { Record } from '../processor/record.ts';

/**
 * Chooses the output partition (Kafka's StreamPartitioner). Returning undefined means "use the
 * default partitioner" (murmur2 over the serialized key).
 */
export type StreamPartitioner<K, V> = (
  topic: string,
  key: K | null,
  value: V | null,
  numPartitions: number,
) => number | undefined;

/** Chooses the output topic per record (Kafka's TopicNameExtractor). */
export type TopicNameExtractor<K, V> = (key: K, value: V, record: Record<K, V>) => string;
