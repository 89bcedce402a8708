import type { Headers, Serde } from '../../core/serdes/index.ts';
import { DeserializationError } from '../../core/serdes/index.ts';

/** Bytes of a timestamp inside a windowed key. */
export const timestampSize = 8;
/** Bytes of the sequence number a window store appends to keep duplicates (join stores). */
export const seqnumSize = 4;

/** Writes a non-negative safe integer as a big-endian int64 at `offset`, without a BigInt. */
export function writeLong(out: Buffer, value: number, offset: number): void {
  const high = Math.floor(value / 0x1_0000_0000);
  out.writeInt32BE(high, offset);
  out.writeUInt32BE(value - high * 0x1_0000_0000, offset + 4);
}

export function readLong(bytes: Buffer, offset: number): number {
  return bytes.readInt32BE(offset) * 0x1_0000_0000 + bytes.readUInt32BE(offset + 4);
}

/**
 * `[key][windowStart: int64]` plus `[seqnum: int32]` when given: Kafka's WindowKeySchema binary
 * layout, used by TimeWindowedSerializer and as a window store's changelog key.
 */
export function timeWindowKeyBytes(key: Buffer, windowStart: number, seqnum?: number): Buffer {
  const out = Buffer.allocUnsafe(key.length + timestampSize + (seqnum === undefined ? 0 : seqnumSize));
  key.copy(out, 0);
  writeLong(out, windowStart, key.length);
  if (seqnum !== undefined) out.writeInt32BE(seqnum, key.length + timestampSize);
  return out;
}

/** `[key][end: int64][start: int64]`: Kafka's SessionKeySchema binary layout. */
export function sessionKeyBytes(key: Buffer, start: number, end: number): Buffer {
  const out = Buffer.allocUnsafe(key.length + 2 * timestampSize);
  key.copy(out, 0);
  writeLong(out, end, key.length);
  writeLong(out, start, key.length + timestampSize);
  return out;
}

export function splitTimeWindowKey(
  topic: string,
  bytes: Buffer,
  withSeqnum: boolean,
): { key: Buffer; start: number; seqnum: number } {
  const tail = timestampSize + (withSeqnum ? seqnumSize : 0);
  if (bytes.length < tail)
    throw new DeserializationError(topic, `windowed key of ${bytes.length} bytes is too short`);
  const keyLength = bytes.length - tail;
  return {
    key: bytes.subarray(0, keyLength),
    start: readLong(bytes, keyLength),
    seqnum: withSeqnum ? bytes.readInt32BE(keyLength + timestampSize) : 0,
  };
}

export function splitSessionKey(topic: string, bytes: Buffer): { key: Buffer; start: number; end: number } {
  if (bytes.length < 2 * timestampSize)
    throw new DeserializationError(topic, `session key of ${bytes.length} bytes is too short`);
  const keyLength = bytes.length - 2 * timestampSize;
  return {
    key: bytes.subarray(0, keyLength),
    end: readLong(bytes, keyLength),
    start: readLong(bytes, keyLength + timestampSize),
  };
}

/** Serializes a key that must not be null (store keys, windowed keys). */
export function keyBytesOf<K>(serde: Serde<K>, topic: string, key: K, headers?: Headers): Buffer {
  const bytes = serde.serializer(topic, key, headers);
  if (bytes === null) throw new DeserializationError(topic, 'a windowed key must not serialize to null');
  return bytes;
}
