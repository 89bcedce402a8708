import type { Headers } from '../../core/serdes/index.ts';

/**
 * An immutable record flowing through a topology (Kafka Streams' `api.Record`). The `with*` methods
 * return a copy, so a processor can forward a changed record without disturbing other branches.
 */
export class Record<K, V> {
  readonly key: K;
  readonly value: V;
  readonly timestamp: number;
  readonly headers: Headers;

  constructor(key: K, value: V, timestamp: number, headers: Headers = []) {
    if (!Number.isFinite(timestamp) || timestamp < 0)
      throw new RangeError(`invalid record timestamp ${timestamp}`);
    this.key = key;
    this.value = value;
    this.timestamp = timestamp;
    this.headers = headers;
  }

  withKey<NK>(key: NK): Record<NK, V> {
    return new Record(key, this.value, this.timestamp, this.headers);
  }
  withValue<NV>(value: NV): Record<K, NV> {
    return new Record(this.key, value, this.timestamp, this.headers);
  }
  withTimestamp(timestamp: number): Record<K, V> {
    return new Record(this.key, this.value, timestamp, this.headers);
  }
  withHeaders(headers: Headers): Record<K, V> {
    return new Record(this.key, this.value, this.timestamp, headers);
  }
}

/**
 * A record whose key cannot change (Kafka's `FixedKeyRecord`), handed to `processValues`
 * processors: there is no `withKey`, so the stream stays correctly partitioned.
 */
export class FixedKeyRecord<K, V> {
  readonly key: K;
  readonly value: V;
  readonly timestamp: number;
  readonly headers: Headers;

  /** @internal Only the runtime creates fixed-key records from a real record. */
  constructor(record: Record<K, V>) {
    this.key = record.key;
    this.value = record.value;
    this.timestamp = record.timestamp;
    this.headers = record.headers;
  }

  withValue<NV>(value: NV): FixedKeyRecord<K, NV> {
    return new FixedKeyRecord(new Record(this.key, value, this.timestamp, this.headers));
  }
  withTimestamp(timestamp: number): FixedKeyRecord<K, V> {
    return new FixedKeyRecord(new Record(this.key, this.value, timestamp, this.headers));
  }
  withHeaders(headers: Headers): FixedKeyRecord<K, V> {
    return new FixedKeyRecord(new Record(this.key, this.value, this.timestamp, headers));
  }
  /** @internal */
  toRecord(): Record<K, V> {
    return new Record(this.key, this.value, this.timestamp, this.headers);
  }
}
