import { ErrorCode, KafkaError } from '../errors/index.ts';

/*
 * Kafka's varints: unsigned LEB128 (7 bits per byte, low group first) of the zigzag-mapped value.
 * 32-bit varints cover lengths, counts and offset deltas; 64-bit varlongs carry timestamp deltas.
 * Values are JS numbers: varlongs are exact up to 2^53, which is all an int64 timestamp delta can
 * meaningfully hold here (larger ones are rejected as corrupt on decode).
 */

const twoPow32 = 4294967296;

/** Zigzag for int32: 0 -> 0, -1 -> 1, 1 -> 2, -2 -> 3 (result as an unsigned 32-bit number). */
export function encodeZigZag32(n: number): number {
  return ((n << 1) ^ (n >> 31)) >>> 0;
}

export function decodeZigZag32(u: number): number {
  return (u >>> 1) ^ -(u & 1);
}

/** Zigzag for int64 held in a number (exact while |n| < 2^52). */
export function encodeZigZag64(n: number): number {
  return n >= 0 ? n * 2 : -n * 2 - 1;
}

export function decodeZigZag64(u: number): number {
  return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
}

/** Bytes an unsigned varint of u (0 <= u < 2^53) takes. */
export function sizeOfUnsignedVarint(u: number): number {
  if (u < 0x80) return 1;
  if (u < 0x4000) return 2;
  if (u < 0x200000) return 3;
  if (u < 0x10000000) return 4;
  let size = 5;
  let rest = Math.floor(u / 0x800000000); // 2^35
  while (rest > 0) {
    size++;
    rest = Math.floor(rest / 128);
  }
  return size;
}

export function sizeOfVarint(n: number): number {
  return sizeOfUnsignedVarint(encodeZigZag32(n));
}

export function sizeOfVarlong(n: number): number {
  return sizeOfUnsignedVarint(encodeZigZag64(n));
}

/** Writes u (0 <= u < 2^53) as unsigned LEB128 at pos; returns the position after it. */
export function writeUnsignedVarint(buf: Buffer, pos: number, u: number): number {
  // Small values with bit operations (the common case: lengths and deltas)...
  if (u < 0x10000000) {
    while (u >= 0x80) {
      buf[pos++] = (u & 0x7f) | 0x80;
      u >>>= 7;
    }
    buf[pos++] = u;
    return pos;
  }
  // ...larger ones with arithmetic, since bit operators truncate to 32 bits.
  while (u >= 0x80) {
    buf[pos++] = (u % 128) | 0x80;
    u = Math.floor(u / 128);
  }
  buf[pos++] = u;
  return pos;
}

/** Writes a zigzag int32 varint; returns the next position. */
export function writeVarint(buf: Buffer, pos: number, n: number): number {
  return writeUnsignedVarint(buf, pos, encodeZigZag32(n));
}

/** Writes a zigzag int64 varlong; returns the next position. */
export function writeVarlong(buf: Buffer, pos: number, n: number): number {
  return writeUnsignedVarint(buf, pos, encodeZigZag64(n));
}

function corrupt(message: string): KafkaError {
  return new KafkaError(ErrorCode.CORRUPT_MESSAGE, message);
}

/**
 * A cursor over a byte range that decodes varints with bounds checks. One instance is reused across
 * a whole batch, so decoding a record costs no allocation beyond the key/value views.
 */
export class VarintReader {
  buf: Buffer;
  pos: number;
  end: number;

  constructor(buf: Buffer, pos = 0, end = buf.length) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  reset(buf: Buffer, pos: number, end: number): void {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  /** Unsigned LEB128 of at most 5 bytes, truncated to 32 bits as Kafka's ByteUtils.readUnsignedVarint. */
  readUnsignedVarint(): number {
    const buf = this.buf;
    let pos = this.pos;
    const end = this.end;
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (pos >= end) throw corrupt('varint runs past the end of the data');
      const b = buf[pos++];
      result |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        return result >>> 0;
      }
    }
    throw corrupt('varint longer than 5 bytes');
  }

  readVarint(): number {
    return decodeZigZag32(this.readUnsignedVarint());
  }

  /** Zigzag varlong of at most 10 bytes; values beyond 2^53 are refused (not representable). */
  readVarlong(): number {
    const buf = this.buf;
    let pos = this.pos;
    const end = this.end;
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (pos >= end) throw corrupt('varlong runs past the end of the data');
      const b = buf[pos++];
      result += (b & 0x7f) * scale;
      if (b < 0x80) {
        if (result > Number.MAX_SAFE_INTEGER) throw corrupt('varlong beyond 2^53');
        this.pos = pos;
        return decodeZigZag64(result);
      }
      scale *= 128;
    }
    throw corrupt('varlong longer than 10 bytes');
  }

  readInt8(): number {
    if (this.pos >= this.end) throw corrupt('record runs past the end of the data');
    return this.buf.readInt8(this.pos++);
  }

  /** A view of the next n bytes (n >= 0), no copy. */
  readView(n: number): Buffer {
    const start = this.pos;
    const stop = start + n;
    if (stop > this.end) throw corrupt(`field of ${n} bytes runs past the end of the data`);
    this.pos = stop;
    return this.buf.subarray(start, stop);
  }

  skip(n: number): void {
    const stop = this.pos + n;
    if (stop > this.end) throw corrupt(`field of ${n} bytes runs past the end of the data`);
    this.pos = stop;
  }
}

/** Reads a zigzag varint at pos; returns [value, nextPos]. Convenience for non-hot paths. */
export function readVarint(buf: Buffer, pos = 0): [number, number] {
  const r = new VarintReader(buf, pos);
  const v = r.readVarint();
  return [v, r.pos];
}

export function readVarlong(buf: Buffer, pos = 0): [number, number] {
  const r = new VarintReader(buf, pos);
  const v = r.readVarlong();
  return [v, r.pos];
}

export function readUnsignedVarint(buf: Buffer, pos = 0): [number, number] {
  const r = new VarintReader(buf, pos);
  const v = r.readUnsignedVarint();
  return [v, r.pos];
}

/** The varint helpers as one object (the public face in index.ts). */
export const varint = {
  encodeZigZag32,
  decodeZigZag32,
  encodeZigZag64,
  decodeZigZag64,
  sizeOfUnsignedVarint,
  sizeOfVarint,
  sizeOfVarlong,
  writeUnsignedVarint,
  writeVarint,
  writeVarlong,
  readUnsignedVarint,
  readVarint,
  readVarlong,
} as const;

export { twoPow32 };
