import { ErrorCode, KafkaError } from '../errors/index.ts';

/** Byte fields at least this long are appended as their own chunk instead of being copied. */
export const zeroCopyBytesMin = 1024;
/** First scratch buffer size; it grows by doubling (never copying what was written). */
const scratchBytesInitial = 512;
const twoPow32 = 4294967296;
/** Strings up to this many UTF-16 units take the JS ASCII path (measured faster than Buffer.write below ~32). */
const asciiFastPathCharsMax = 32;

/** Records as the encoder accepts them: one buffer, or several (e.g. file slices of a fetch), or null. */
export type Records = Buffer | readonly Buffer[] | null;

function badValue(message: string): KafkaError {
  return new KafkaError(ErrorCode.INVALID_REQUEST, message);
}

/** Thrown by generated encoders when a null reaches a field that is not nullable in the version written. */
export function nullField(name: string): never {
  throw badValue(`field ${name} is not nullable in this version`);
}

/**
 * Encodes into a list of Buffer chunks. Small fields go into a scratch buffer; large byte fields and
 * records are appended as separate chunks without copying (the caller must not mutate them until the
 * chunks are written out). When the scratch buffer fills, a bigger one is started and the filled part stays
 * a chunk, so nothing already written is ever copied again.
 */
export class Writer {
  private scratch: Buffer;
  private start = 0;
  private pos = 0;
  private readonly chunks: Buffer[] = [];
  private flushedBytes = 0;
  /** Where the int32 size prefix lives, if this writer frames its output. */
  private readonly prefixBuf: Buffer | null;

  constructor(framed = false, initialBytes = scratchBytesInitial) {
    this.scratch = Buffer.allocUnsafe(initialBytes);
    this.prefixBuf = framed ? this.scratch : null;
    if (framed) this.pos = 4;
  }

  /** Bytes written so far (excluding a frame's size prefix). */
  get length(): number {
    return this.flushedBytes + this.pos - this.start - (this.prefixBuf === null ? 0 : 4);
  }

  private flush(): void {
    if (this.pos > this.start) {
      this.chunks.push(this.scratch.subarray(this.start, this.pos));
      this.flushedBytes += this.pos - this.start;
      this.start = this.pos;
    }
  }

  private ensure(n: number): void {
    if (this.scratch.length - this.pos >= n) return;
    this.flush();
    this.scratch = Buffer.allocUnsafe(Math.max(this.scratch.length * 2, n));
    this.start = 0;
    this.pos = 0;
  }

  /** Appends a buffer: copied when small, appended as its own chunk when large. */
  writeRaw(b: Buffer): void {
    if (b.length >= zeroCopyBytesMin) {
      this.flush();
      this.chunks.push(b);
      this.flushedBytes += b.length;
      return;
    }
    this.ensure(b.length);
    b.copy(this.scratch, this.pos);
    this.pos += b.length;
  }

  writeInt8(v: number): void {
    this.ensure(1);
    this.scratch.writeInt8(v, this.pos);
    this.pos += 1;
  }

  writeBool(v: boolean): void {
    this.ensure(1);
    this.scratch[this.pos++] = v ? 1 : 0;
  }

  writeInt16(v: number): void {
    this.ensure(2);
    this.scratch.writeInt16BE(v, this.pos);
    this.pos += 2;
  }

  writeUInt16(v: number): void {
    this.ensure(2);
    this.scratch.writeUInt16BE(v, this.pos);
    this.pos += 2;
  }

  writeInt32(v: number): void {
    this.ensure(4);
    this.scratch.writeInt32BE(v, this.pos);
    this.pos += 4;
  }

  writeUInt32(v: number): void {
    this.ensure(4);
    this.scratch.writeUInt32BE(v, this.pos);
    this.pos += 4;
  }

  /** int64 from a JS number; rejects non-integers and values beyond ±(2^53 − 1). */
  writeInt64(v: number): void {
    if (!Number.isSafeInteger(v)) throw badValue(`int64 value ${v} is not a safe integer`);
    this.ensure(8);
    const hi = Math.floor(v / twoPow32);
    this.scratch.writeInt32BE(hi, this.pos);
    this.scratch.writeUInt32BE(v - hi * twoPow32, this.pos + 4);
    this.pos += 8;
  }

  writeFloat64(v: number): void {
    this.ensure(8);
    this.scratch.writeDoubleBE(v, this.pos);
    this.pos += 8;
  }

  writeUuid(v: string): void {
    const hex =
      v.length === 36 ? v.slice(0, 8) + v.slice(9, 13) + v.slice(14, 18) + v.slice(19, 23) + v.slice(24) : '';
    if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw badValue(`bad uuid ${JSON.stringify(v)}`);
    this.ensure(16);
    this.scratch.write(hex, this.pos, 16, 'hex');
    this.pos += 16;
  }

  writeUVarint(v: number): void {
    if (!(v >= 0 && v <= 0xffffffff && Number.isInteger(v))) throw badValue(`uvarint ${v} out of range`);
    this.ensure(5);
    while (v >= 0x80) {
      this.scratch[this.pos++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    this.scratch[this.pos++] = v;
  }

  /** Zigzag signed varint (int32). */
  writeVarint(v: number): void {
    if (!(v >= -2147483648 && v <= 2147483647 && Number.isInteger(v)))
      throw badValue(`varint ${v} out of range`);
    this.writeUVarint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  /** Zigzag signed varlong (int64) from a safe JS number. */
  writeVarlong(v: number): void {
    if (!Number.isSafeInteger(v)) throw badValue(`varlong ${v} is not a safe integer`);
    // z = zigzag(v) can reach 2^54 − 1: keep it as half = |v| part and the sign bit, emitted 7 bits at a time.
    let half = v >= 0 ? v : -v - 1;
    let low = ((half % 64) * 2 + (v >= 0 ? 0 : 1)) | 0; // lowest 7 bits of z
    half = Math.floor(half / 64);
    this.ensure(10);
    while (half > 0) {
      this.scratch[this.pos++] = low | 0x80;
      low = half % 128;
      half = Math.floor(half / 128);
    }
    this.scratch[this.pos++] = low;
  }

  private writeUtf8Int16(s: string): void {
    // Reserve the worst case (3 bytes per UTF-16 unit), write, then fill in the length: one pass over s.
    this.ensure(2 + s.length * 3);
    const n =
      s.length <= asciiFastPathCharsMax
        ? this.writeShort(s, this.pos + 2)
        : this.scratch.write(s, this.pos + 2, 'utf8');
    if (n > 32767) throw badValue(`string of ${n} bytes is too long for an int16 length`);
    this.scratch.writeInt16BE(n, this.pos);
    this.pos += 2 + n;
  }

  /**
   * Short strings (topic names, client ids) are copied byte by byte when ASCII: cheaper than a call into
   * the native UTF-8 encoder. Falls back to it at the first non-ASCII character.
   */
  private writeShort(s: string, at: number): number {
    const b = this.scratch;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) return b.write(s, at, 'utf8');
      b[at + i] = c;
    }
    return s.length;
  }

  writeString(s: string): void {
    this.writeUtf8Int16(s);
  }

  writeNullableString(s: string | null): void {
    if (s === null) this.writeInt16(-1);
    else this.writeUtf8Int16(s);
  }

  writeCompactString(s: string): void {
    const n = Buffer.byteLength(s, 'utf8');
    this.writeUVarint(n + 1);
    this.ensure(n);
    this.scratch.write(s, this.pos, n, 'utf8');
    this.pos += n;
  }

  writeCompactNullableString(s: string | null): void {
    if (s === null) this.writeUVarint(0);
    else this.writeCompactString(s);
  }

  writeBytes(b: Buffer): void {
    this.writeInt32(b.length);
    this.writeRaw(b);
  }

  writeNullableBytes(b: Buffer | null): void {
    if (b === null) this.writeInt32(-1);
    else this.writeBytes(b);
  }

  writeCompactBytes(b: Buffer): void {
    this.writeUVarint(b.length + 1);
    this.writeRaw(b);
  }

  writeCompactNullableBytes(b: Buffer | null): void {
    if (b === null) this.writeUVarint(0);
    else this.writeCompactBytes(b);
  }

  private writeRecordChunks(list: readonly Buffer[]): void {
    for (const b of list) this.writeRaw(b);
  }

  /** A classic `records` field: int32 size (from the chunk lengths), then the chunks uncopied. */
  writeRecords(r: Records): void {
    if (r === null) return this.writeInt32(-1);
    if (Buffer.isBuffer(r)) return this.writeBytes(r);
    let size = 0;
    for (const b of r) size += b.length;
    this.writeInt32(size);
    this.writeRecordChunks(r);
  }

  writeCompactRecords(r: Records): void {
    if (r === null) return this.writeUVarint(0);
    if (Buffer.isBuffer(r)) return this.writeCompactBytes(r);
    let size = 0;
    for (const b of r) size += b.length;
    this.writeUVarint(size + 1);
    this.writeRecordChunks(r);
  }

  writeArrayLength(n: number): void {
    this.writeInt32(n);
  }

  writeCompactArrayLength(n: number): void {
    this.writeUVarint(n + 1);
  }

  /** One tagged field: tag, size, then the bytes another Writer produced. */
  writeTaggedField(tag: number, value: Writer): void {
    this.writeUVarint(tag);
    this.writeUVarint(value.length);
    for (const c of value.finish()) this.writeRaw(c);
  }

  /** The chunks written so far (for a framed writer, with the int32 size prefix filled in). */
  finish(): Buffer[] {
    this.flush();
    if (this.prefixBuf !== null) this.prefixBuf.writeInt32BE(this.flushedBytes - 4, 0);
    return this.chunks;
  }

  /** All bytes in one Buffer (copies when there is more than one chunk). */
  toBuffer(): Buffer {
    const chunks = this.finish();
    return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
  }
}
