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
  const n = raw.length;
  const out = Buffer.allocUnsafe(timestampBytes + n);
  // Two 32-bit halves instead of a BigInt per record: exact for every safe integer. Written byte by
  // byte (as writeInt32BE does, without its argument checks and call).
  const high = Math.floor(timestamp / 0x1_0000_0000);
  const low = timestamp - high * 0x1_0000_0000;
  out[0] = high >>> 24;
  out[1] = high >>> 16;
  out[2] = high >>> 8;
  out[3] = high;
  out[4] = low >>> 24;
  out[5] = low >>> 16;
  out[6] = low >>> 8;
  out[7] = low;
  // Values are mostly a few bytes: a loop beats copy()'s native call there.
  if (n <= 32) for (let i = 0; i < n; i++) out[timestampBytes + i] = raw[i]!;
  else raw.copy(out, timestampBytes);
  return out;
}

export function timestampOf(valueAndTimestamp: Buffer): number {
  return valueAndTimestamp.readInt32BE(0) * 0x1_0000_0000 + valueAndTimestamp.readUInt32BE(4);
}

export function rawValueOf(valueAndTimestamp: Buffer): Buffer {
  return valueAndTimestamp.subarray(timestampBytes);
}
