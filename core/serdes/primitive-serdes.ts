import type { Serde } from './serde.ts';
import { DeserializationError, SerializationError } from './serialization-errors.ts';

// fatal: invalid UTF-8 throws instead of becoming U+FFFD; ignoreBOM keeps a leading BOM as data.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Up to this many chars, an ASCII string is encoded by a JS loop (cheaper than Buffer.from's native calls). */
const shortEncodeMax = 32;
/**
 * Up to this many bytes, ASCII is decoded by a JS loop (cheaper than TextDecoder). Kept below V8's
 * ConsString minimum (13), so the concatenated result is a flat string, as TextDecoder's is.
 */
const shortDecodeMax = 12;

/** UTF-8 bytes of `s`: short ASCII strings char by char, everything else through Buffer.from. */
function encodeUtf8(s: string): Buffer {
  const n = s.length;
  if (n > shortEncodeMax) return Buffer.from(s, 'utf8');
  const out = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    // Not ASCII: UTF-8 needs more than a byte here (or a surrogate's replacement), so encode it all.
    if (c > 0x7f) return Buffer.from(s, 'utf8');
    out[i] = c;
  }
  return out;
}

/** Strict UTF-8 of `data`: short ASCII byte by byte (ASCII is always valid UTF-8), the rest by TextDecoder. */
function decodeUtf8(data: Buffer): string {
  const n = data.length;
  if (n <= shortDecodeMax) {
    let s = '';
    for (let i = 0; i < n; i++) {
      const b = data[i]!;
      if (b > 0x7f) return strictUtf8.decode(data);
      s += String.fromCharCode(b);
    }
    return s;
  }
  return strictUtf8.decode(data);
}

/** UTF-8 strings, as Kafka's StringSerializer. */
export function stringSerde(): Serde<string> {
  return {
    serializer: (topic, data) => {
      if (data === null) return null;
      if (typeof data !== 'string')
        throw new SerializationError(topic, `expected a string, got ${typeof data}`);
      return encodeUtf8(data);
    },
    deserializer: (topic, data) => {
      if (data === null) return null;
      try {
        return decodeUtf8(data);
      } catch (cause) {
        // A lossy decode would hand the user a different string than the producer sent.
        throw new DeserializationError(topic, 'invalid UTF-8', cause);
      }
    },
  };
}

/** Raw bytes, passed through without copying. */
export function bytesSerde(): Serde<Buffer> {
  return {
    serializer: (topic, data) => {
      if (data === null) return null;
      if (!Buffer.isBuffer(data)) throw new SerializationError(topic, 'expected a Buffer');
      return data;
    },
    deserializer: (_topic, data) => data,
  };
}

/** JSON text in UTF-8. `T` is trusted: the deserializer parses but does not validate the shape. */
export function jsonSerde<T>(): Serde<T> {
  return {
    serializer: (topic, data) => {
      if (data === null) return null;
      const text = JSON.stringify(data);
      if (text === undefined) throw new SerializationError(topic, 'value has no JSON form');
      return Buffer.from(text, 'utf8');
    },
    deserializer: (topic, data) => {
      if (data === null) return null;
      try {
        return JSON.parse(data.toString('utf8')) as T;
      } catch (cause) {
        throw new DeserializationError(topic, 'invalid JSON', cause);
      }
    },
  };
}

const intBytes = 4;
const longBytes = 8;
const doubleBytes = 8;

/** 32-bit signed integers, 4 bytes big-endian (Kafka's IntegerSerializer). */
export function intSerde(): Serde<number> {
  return {
    serializer: (topic, data) => {
      if (data === null) return null;
      if (!Number.isInteger(data) || data < -0x80000000 || data > 0x7fffffff) {
        throw new SerializationError(topic, `${String(data)} is not a 32-bit integer`);
      }
      const out = Buffer.allocUnsafe(intBytes);
      out.writeInt32BE(data, 0);
      return out;
    },
    deserializer: (topic, data) => {
      if (data === null) return null;
      if (data.length !== intBytes)
        throw new DeserializationError(topic, `an int needs 4 bytes, got ${data.length}`);
      return data.readInt32BE(0);
    },
  };
}

const twoTo32 = 2 ** 32;
/** The largest high half of a safe integer: 2^53 - 1 = (2^21 - 1) * 2^32 + (2^32 - 1). */
const safeHighMax = 2 ** 21 - 1;

/**
 * 64-bit signed integers, 8 bytes big-endian (Kafka's LongSerializer), as a JS number. Values outside
 * the safe-integer range are rejected both ways rather than silently rounded.
 */
export function longSerde(): Serde<number> {
  return {
    serializer: (topic, data) => {
      if (data === null) return null;
      if (!Number.isSafeInteger(data))
        throw new SerializationError(topic, `${String(data)} is not a safe integer`);
      const out = Buffer.allocUnsafe(longBytes);
      // Two's complement in two 32-bit halves: exact for every safe integer, and no bigint per value.
      const high = Math.floor(data / twoTo32);
      out.writeInt32BE(high, 0);
      out.writeUInt32BE(data - high * twoTo32, 4);
      return out;
    },
    deserializer: (topic, data) => {
      if (data === null) return null;
      if (data.length !== longBytes)
        throw new DeserializationError(topic, `a long needs 8 bytes, got ${data.length}`);
      const high = data.readInt32BE(0);
      // |value| < 2^53 exactly when the high half is within [-2^21, 2^21 - 1] (and not -2^21 with a
      // zero low half, which is -2^53): checked before the halves are combined into a double.
      const low = data.readUInt32BE(4);
      if (high > safeHighMax || high < -safeHighMax - 1 || (high === -safeHighMax - 1 && low === 0)) {
        throw new DeserializationError(
          topic,
          `long ${data.readBigInt64BE(0)} is outside the safe-integer range`,
        );
      }
      return high * twoTo32 + low;
    },
  };
}

/** IEEE-754 doubles, 8 bytes big-endian (Kafka's DoubleSerializer). */
export function doubleSerde(): Serde<number> {
  return {
    serializer: (topic, data) => {
      if (data === null) return null;
      if (typeof data !== 'number')
        throw new SerializationError(topic, `expected a number, got ${typeof data}`);
      const out = Buffer.allocUnsafe(doubleBytes);
      out.writeDoubleBE(data, 0);
      return out;
    },
    deserializer: (topic, data) => {
      if (data === null) return null;
      if (data.length !== doubleBytes)
        throw new DeserializationError(topic, `a double needs 8 bytes, got ${data.length}`);
      return data.readDoubleBE(0);
    },
  };
}

/** Always null (Kafka's VoidSerde): for keys of keyless topics. Non-null bytes are an error. */
export function voidSerde(): Serde<null> {
  return {
    serializer: (topic, data) => {
      if (data !== null) throw new SerializationError(topic, 'the Void serde only accepts null');
      return null;
    },
    deserializer: (topic, data) => {
      if (data !== null) throw new DeserializationError(topic, 'the Void serde expects null bytes');
      return null;
    },
  };
}
