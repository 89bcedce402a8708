import { ErrorCode, KafkaError } from '../errors/index.ts';

/** Two's complement reach of int32 `hi` words whose int64 still fits in a JS safe integer. */
const twoPow32 = 4294967296;
/** Strings up to this many bytes are tried on the JS ASCII path first. */
const asciiFastPathBytesMax = 16;

/** UTF-8 decoding without copying: `buf.toString` decodes straight from the view. */
function malformed(message: string): KafkaError {
  return new KafkaError(ErrorCode.INVALID_REQUEST, message);
}

/**
 * A bounds-checked cursor over one Buffer. It never reads past `end`: a short or garbled input throws
 * `KafkaError(INVALID_REQUEST)`, never a RangeError, and every length or count is checked against the bytes
 * that remain before anything is allocated, so a hostile length cannot make us allocate or loop.
 * Byte fields (`bytes`, `records`) decode to views of the input (subarray, no copy).
 */
export class Reader {
  readonly buf: Buffer;
  pos: number;
  end: number;

  constructor(buf: Buffer, pos = 0, end = buf.length) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  remaining(): number {
    return this.end - this.pos;
  }

  private need(n: number): void {
    if (n > this.end - this.pos) {
      throw malformed(`truncated: need ${n} bytes at offset ${this.pos}, ${this.end - this.pos} left`);
    }
  }

  readInt8(): number {
    this.need(1);
    return this.buf.readInt8(this.pos++);
  }

  readBool(): boolean {
    this.need(1);
    return this.buf[this.pos++] !== 0;
  }

  readInt16(): number {
    this.need(2);
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  readUInt16(): number {
    this.need(2);
    const v = this.buf.readUInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  readInt32(): number {
    this.need(4);
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  readUInt32(): number {
    this.need(4);
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  /** int64 as a JS number; values beyond ±(2^53 − 1) are rejected rather than silently rounded. */
  readInt64(): number {
    this.need(8);
    // Two 32-bit reads beat readBigInt64BE + Number() by avoiding a BigInt allocation per field.
    const hi = this.buf.readInt32BE(this.pos);
    const lo = this.buf.readUInt32BE(this.pos + 4);
    const v = hi * twoPow32 + lo;
    if (!Number.isSafeInteger(v))
      throw malformed(`int64 at offset ${this.pos} is outside the safe-integer range`);
    this.pos += 8;
    return v;
  }

  readFloat64(): number {
    this.need(8);
    const v = this.buf.readDoubleBE(this.pos);
    this.pos += 8;
    return v;
  }

  /** A UUID as lowercase `8-4-4-4-12` hex. */
  readUuid(): string {
    this.need(16);
    const hex = this.buf.toString('hex', this.pos, this.pos + 16);
    this.pos += 16;
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** Unsigned LEB128 of at most 32 bits (5 bytes). */
  readUVarint(): number {
    // Fast path: lengths and tag counts are almost always below 128 (one byte).
    if (this.pos < this.end) {
      const first = this.buf[this.pos] as number;
      if (first < 0x80) {
        this.pos++;
        return first;
      }
    }
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      this.need(1);
      const b = this.buf[this.pos++] as number;
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) {
        if (result > 0xffffffff) break;
        return result;
      }
      shift += 7;
    }
    throw malformed(`unsigned varint at offset ${this.pos} is longer than 32 bits`);
  }

  /** Zigzag signed varint (int32). */
  readVarint(): number {
    const u = this.readUVarint();
    // Zigzag decode in double arithmetic: u is a uint32 here, so no bit tricks on values above 2^31.
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }

  /** Zigzag signed varlong (int64), as a safe JS number; values beyond ±(2^53 − 1) are rejected. */
  readVarlong(): number {
    // The low 28 bits and the rest are kept apart so every step is exact in double arithmetic.
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      this.need(1);
      const b = this.buf[this.pos++] as number;
      if (i < 4) lo |= (b & 0x7f) << (7 * i);
      else hi += (b & 0x7f) * 2 ** (7 * (i - 4));
      if ((b & 0x80) === 0) {
        const half = hi * 2 ** 27 + (lo >>> 1);
        if ((lo & 1) === 0) {
          if (Number.isSafeInteger(half)) return half;
        } else if (Number.isSafeInteger(half + 1)) {
          return -half - 1;
        }
        break;
      }
    }
    throw malformed(`varlong at offset ${this.pos} is outside the safe-integer range`);
  }

  private readLength16(): number {
    const n = this.readInt16();
    if (n < -1) throw malformed(`negative string length ${n}`);
    return n;
  }

  private utf8(n: number): string {
    this.need(n);
    if (n <= asciiFastPathBytesMax) {
      const s = this.shortAscii(n);
      if (s !== null) return s;
    }
    const s = this.buf.toString('utf8', this.pos, this.pos + n);
    this.pos += n;
    return s;
  }

  /** Short ASCII strings decode faster in JS than through the native UTF-8 decoder; null if not ASCII. */
  private shortAscii(n: number): string | null {
    const b = this.buf;
    const start = this.pos;
    let s = '';
    for (let i = start; i < start + n; i++) {
      const c = b[i] as number;
      if (c >= 0x80) return null;
      s += String.fromCharCode(c);
    }
    this.pos += n;
    return s;
  }

  private view(n: number): Buffer {
    this.need(n);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  readString(): string {
    const n = this.readLength16();
    if (n < 0) throw malformed('null string in a non-nullable field');
    return this.utf8(n);
  }

  readNullableString(): string | null {
    const n = this.readLength16();
    return n < 0 ? null : this.utf8(n);
  }

  readCompactString(): string {
    const n = this.readUVarint() - 1;
    if (n < 0) throw malformed('null string in a non-nullable field');
    return this.utf8(n);
  }

  readCompactNullableString(): string | null {
    const n = this.readUVarint() - 1;
    return n < 0 ? null : this.utf8(n);
  }

  private readLength32(): number {
    const n = this.readInt32();
    if (n < -1) throw malformed(`negative length ${n}`);
    return n;
  }

  readBytes(): Buffer {
    const n = this.readLength32();
    if (n < 0) throw malformed('null bytes in a non-nullable field');
    return this.view(n);
  }

  readNullableBytes(): Buffer | null {
    const n = this.readLength32();
    return n < 0 ? null : this.view(n);
  }

  readCompactBytes(): Buffer {
    const n = this.readUVarint() - 1;
    if (n < 0) throw malformed('null bytes in a non-nullable field');
    return this.view(n);
  }

  readCompactNullableBytes(): Buffer | null {
    const n = this.readUVarint() - 1;
    return n < 0 ? null : this.view(n);
  }

  private checkCount(n: number, minElementBytes: number): number {
    if (n * minElementBytes > this.end - this.pos) {
      throw malformed(`array of ${n} elements cannot fit in the ${this.end - this.pos} bytes left`);
    }
    return n;
  }

  /** An int32 element count, bounded by the bytes left (each element takes at least `minElementBytes`). */
  readArrayLength(minElementBytes: number): number {
    const n = this.readInt32();
    if (n < 0) throw malformed(`array count ${n} in a non-nullable field`);
    return this.checkCount(n, minElementBytes);
  }

  /** As readArrayLength, but -1 (null) is returned as -1. */
  readNullableArrayLength(minElementBytes: number): number {
    const n = this.readInt32();
    if (n < -1) throw malformed(`array count ${n}`);
    return n < 0 ? -1 : this.checkCount(n, minElementBytes);
  }

  readCompactArrayLength(minElementBytes: number): number {
    const n = this.readUVarint() - 1;
    if (n < 0) throw malformed('null array in a non-nullable field');
    return this.checkCount(n, minElementBytes);
  }

  readCompactNullableArrayLength(minElementBytes: number): number {
    const n = this.readUVarint() - 1;
    return n < 0 ? -1 : this.checkCount(n, minElementBytes);
  }

  /** Skips a whole tagged-field section (used where no tag is known). */
  skipTaggedFields(): void {
    const count = this.checkCount(this.readUVarint(), 2);
    for (let i = 0; i < count; i++) {
      this.readUVarint();
      const size = this.readUVarint();
      this.need(size);
      this.pos += size;
    }
  }

  /** Narrows `end` to the next `size` bytes (a tagged field's payload); returns the old end for popLimit. */
  pushLimit(size: number): number {
    this.need(size);
    const saved = this.end;
    this.end = this.pos + size;
    return saved;
  }

  /** Restores the end saved by pushLimit, skipping whatever of the payload was not read. */
  popLimit(saved: number): void {
    this.pos = this.end;
    this.end = saved;
  }
}
