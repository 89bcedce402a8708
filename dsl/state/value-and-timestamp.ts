import type { Serde } from '../../core/serdes/index.ts';
import { DeserializationError } from '../../core/serdes/index.ts';

/** Bytes of the timestamp in front of a timestamped store value, as Kafka lays them out. */
export const timestampBytes = 8;

/**
 * A value with the timestamp of the record that last wrote it (Kafka's ValueAndTimestamp). Every
 * DSL KTable and aggregation stores these, which is how aggregates emit the max timestamp of the
 * records that contributed to them.
 */
export class ValueAndTimestamp<V> {
  readonly value: V;
  readonly timestamp: number;

  private constructor(value: V, timestamp: number) {
    this.value = value;
    this.timestamp = timestamp;
  }

  /** Null for a null value, as in Kafka: a store holds no "null with a timestamp". */
  static make<V>(value: V | null, timestamp: number): ValueAndTimestamp<V> | null {
    return value === null ? null : new ValueAndTimestamp(value, timestamp);
  }

  static getValueOrNull<V>(valueAndTimestamp: ValueAndTimestamp<V> | null): V | null {
    return valueAndTimestamp === null ? null : valueAndTimestamp.value;
  }

  toString(): string {
    return `<${String(this.value)},${this.timestamp}>`;
  }
}

/** `[timestamp: int64 big-endian][value bytes]`, the byte layout of Kafka's timestamped stores. */
export function valueAndTimestampSerde<V>(inner: Serde<V>): Serde<ValueAndTimestamp<V>> {
  return {
    serializer: (topic, data, headers) => {
      if (data === null) return null;
      const raw = inner.serializer(topic, data.value, headers);
      if (raw === null) return null;
      return withTimestamp(raw, data.timestamp);
    },
    deserializer: (topic, data, headers) => {
      if (data === null) return null;
      if (data.length < timestampBytes)
        throw new DeserializationError(topic, `timestamped value of ${data.length} bytes is too short`);
      const value = inner.deserializer(topic, data.subarray(timestampBytes), headers);
      return ValueAndTimestamp.make(value, timestampOf(data));
    },
  };
}

/** Prefixes raw value bytes with a timestamp. */
export function withTimestamp(raw: Buffer, timestamp: number): Buffer {
  const out = Buffer.allocUnsafe(timestampBytes + raw.length);
  // Two 32-bit halves instead of a BigInt per record: exact for every safe integer.
  const high = Math.floor(timestamp / 0x1_0000_0000);
  out.writeInt32BE(high, 0);
  out.writeUInt32BE(timestamp - high * 0x1_0000_0000, 4);
  raw.copy(out, timestampBytes);
  return out;
}

export function timestampOf(valueAndTimestamp: Buffer): number {
  return valueAndTimestamp.readInt32BE(0) * 0x1_0000_0000 + valueAndTimestamp.readUInt32BE(4);
}

export function rawValueOf(valueAndTimestamp: Buffer): Buffer {
  return valueAndTimestamp.subarray(timestampBytes);
}
