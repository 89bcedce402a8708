import type { Headers } from '../../core/serdes/index.ts';

/** A record as piped in or read out of the test driver (Kafka's TestRecord). */
export interface TestRecord<K, V> {
  readonly key: K | null;
  readonly value: V | null;
  readonly timestamp?: number;
  readonly headers?: Headers;
}

/** A record read from an output topic: always has a timestamp and headers. */
export interface OutputTestRecord<K, V> {
  readonly topic: string;
  readonly key: K | null;
  readonly value: V | null;
  readonly timestamp: number;
  readonly headers: Headers;
}

export interface KeyValueRecord<K, V> {
  readonly key: K | null;
  readonly value: V | null;
}
