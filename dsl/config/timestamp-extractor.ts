import type { Headers } from '../../core/serdes/index.ts';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';

/** What a timestamp extractor sees: the consumed record with its deserialized key and value. */
export interface ConsumedRecord<K, V> {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
  readonly key: K | null;
  readonly value: V | null;
  readonly headers: Headers;
}

/** Picks a record's event time. `partitionTimeMs` is the highest timestamp seen so far (-1 at first). */
export type TimestampExtractor<K = unknown, V = unknown> = (
  record: ConsumedRecord<K, V>,
  partitionTimeMs: number,
) => number;

/** Kafka's default: the record's own timestamp; a negative one fails the task rather than guessing. */
export const failOnInvalidTimestamp: TimestampExtractor = (record) => {
  if (record.timestamp < 0) {
    throw new KafkaError(
      ErrorCode.INVALID_RECORD,
      `invalid (negative) timestamp ${record.timestamp} on ${record.topic}-${record.partition}@${record.offset}`,
    );
  }
  return record.timestamp;
};

/** Uses the partition time for records whose timestamp is negative. */
export const usePartitionTimeOnInvalidTimestamp: TimestampExtractor = (record, partitionTimeMs) =>
  record.timestamp >= 0 ? record.timestamp : Math.max(partitionTimeMs, 0);
