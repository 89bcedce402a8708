import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KafkaError } from '../errors/index.ts';
import { Reader } from './reader.ts';
import { Writer, zeroCopyBytesMin } from './writer.ts';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const isInvalidRequest = (e: unknown): boolean => KafkaError.is(e, 'INVALID_REQUEST');

describe('Reader and Writer primitives', () => {
  it('encodes the NOTES varint vectors', () => {
    const vectors: [number, string][] = [
      [0, '00'],
      [-1, '01'],
      [1, '02'],
      [-2, '03'],
      [19, '26'],
      [63, '7e'],
      [64, '8001'],
      [-65, '8101'],
      [300, 'd804'],
    ];
    for (const [value, bytes] of vectors) {
      const w = new Writer();
      w.writeVarint(value);
      assert.equal(w.toBuffer().toString('hex'), bytes, `varint ${value}`);
      const wl = new Writer();
      wl.writeVarlong(value);
      assert.equal(wl.toBuffer().toString('hex'), bytes, `varlong ${value}`);
      assert.equal(new Reader(hex(bytes)).readVarint(), value);
      assert.equal(new Reader(hex(bytes)).readVarlong(), value);
    }
  });

  it('round-trips varints, varlongs and int64 across their whole safe range', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.maxSafeInteger(),
        fc.integer({ min: 0, max: 0xffffffff }),
        (i32, i64, u32) => {
          const w = new Writer();
          w.writeVarint(i32);
          w.writeVarlong(i64);
          w.writeInt64(i64);
          w.writeUVarint(u32);
          const r = new Reader(w.toBuffer());
          assert.equal(r.readVarint(), i32);
          assert.equal(r.readVarlong(), i64);
          assert.equal(r.readInt64(), i64);
          assert.equal(r.readUVarint(), u32);
          assert.equal(r.remaining(), 0);
        },
      ),
    );
  });

  it('writes varlong extremes exactly as a 64-bit zigzag encoder does', () => {
    for (const v of [Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 31, -(2 ** 31) - 1]) {
      const z = (BigInt(v) << 1n) ^ (BigInt(v) >> 63n);
      const bytes: number[] = [];
      let u = BigInt.asUintN(64, z);
      while (u >= 0x80n) {
        bytes.push(Number(u & 0x7fn) | 0x80);
        u >>= 7n;
      }
      bytes.push(Number(u));
      const w = new Writer();
      w.writeVarlong(v);
      assert.deepEqual([...w.toBuffer()], bytes, `varlong ${v}`);
    }
  });

  it('rejects int64 values outside the safe-integer range with a typed error', () => {
    assert.throws(() => new Reader(hex('0020000000000000')).readInt64(), isInvalidRequest);
    assert.throws(() => new Reader(hex('ffdfffffffffffff')).readInt64(), isInvalidRequest);
    assert.equal(new Reader(hex('001fffffffffffff')).readInt64(), Number.MAX_SAFE_INTEGER);
    assert.equal(new Reader(hex('ffffffffffffffff')).readInt64(), -1);
    assert.throws(() => new Writer().writeInt64(2 ** 53), isInvalidRequest);
    assert.throws(() => new Writer().writeInt64(1.5), isInvalidRequest);
    // zigzag of 2^53 does not fit a safe integer either
    assert.throws(() => new Reader(hex('80808080808080808001')).readVarlong(), isInvalidRequest);
  });

  it('reads classic and compact strings, bytes and nulls', () => {
    const r = new Reader(hex('0003 616263 ffff 04 78797a 00 00000002 0102 ffffffff 03 0304 00'));
    assert.equal(r.readString(), 'abc');
    assert.equal(r.readNullableString(), null);
    assert.equal(r.readCompactString(), 'xyz');
    assert.equal(r.readCompactNullableString(), null);
    assert.deepEqual(r.readBytes(), hex('0102'));
    assert.equal(r.readNullableBytes(), null);
    assert.deepEqual(r.readCompactBytes(), hex('0304'));
    assert.equal(r.readCompactNullableBytes(), null);
    assert.equal(r.remaining(), 0);
  });

  it('rejects null in non-nullable fields', () => {
    assert.throws(() => new Reader(hex('ffff')).readString(), isInvalidRequest);
    assert.throws(() => new Reader(hex('00')).readCompactString(), isInvalidRequest);
    assert.throws(() => new Reader(hex('ffffffff')).readBytes(), isInvalidRequest);
    assert.throws(() => new Reader(hex('ffffffff')).readArrayLength(1), isInvalidRequest);
  });

  it('bounds array counts by the bytes left instead of allocating', () => {
    assert.throws(() => new Reader(hex('7fffffff 00')).readArrayLength(1), isInvalidRequest);
    assert.throws(() => new Reader(hex('00000003 0000')).readArrayLength(1), isInvalidRequest);
    assert.equal(new Reader(hex('00000002 0000')).readArrayLength(1), 2);
    assert.equal(new Reader(hex('ffffffff')).readNullableArrayLength(4), -1);
    assert.throws(() => new Reader(hex('ffffffff0f')).readCompactArrayLength(1), isInvalidRequest);
  });

  it('throws INVALID_REQUEST, never RangeError, on truncated input', () => {
    const reads: ((r: Reader) => unknown)[] = [
      (r) => r.readInt8(),
      (r) => r.readInt16(),
      (r) => r.readInt32(),
      (r) => r.readInt64(),
      (r) => r.readUuid(),
      (r) => r.readUVarint(),
      (r) => r.readVarlong(),
      (r) => r.readString(),
      (r) => r.readBytes(),
      (r) => r.readCompactBytes(),
      (r) => r.skipTaggedFields(),
    ];
    for (const read of reads) assert.throws(() => read(new Reader(Buffer.alloc(0))), isInvalidRequest);
    // One byte left: every multi-byte read must stop at `end`, even with bytes beyond it in the buffer.
    for (const read of reads.slice(1)) {
      assert.throws(() => read(new Reader(hex('ffffffffffffffffffffffff'), 3, 4)), isInvalidRequest);
    }
    assert.throws(() => new Reader(hex('0005 6162')).readString(), isInvalidRequest);
    assert.throws(() => new Reader(hex('ffffffffff7f')).readUVarint(), isInvalidRequest);
  });

  it('round-trips UUIDs in 8-4-4-4-12 form and rejects malformed ones', () => {
    fc.assert(
      fc.property(fc.uuid(), (u) => {
        const w = new Writer();
        w.writeUuid(u);
        const b = w.toBuffer();
        assert.equal(b.length, 16);
        assert.equal(new Reader(b).readUuid(), u);
      }),
    );
    assert.throws(() => new Writer().writeUuid('not-a-uuid'), isInvalidRequest);
  });

  it('skips unknown tagged fields, and pushLimit confines a known one', () => {
    const r = new Reader(hex('02 00 02 abcd 07 01 ff 2a'));
    r.skipTaggedFields();
    assert.equal(r.readInt8(), 42);
    const r2 = new Reader(hex('0001 0203 99'));
    const saved = r2.pushLimit(2);
    assert.equal(r2.readInt8(), 0);
    assert.throws(() => r2.readInt16(), isInvalidRequest);
    r2.popLimit(saved);
    assert.equal(r2.readInt16(), 0x0203);
  });

  it('appends large byte fields as their own chunks and copies small ones', () => {
    const big = Buffer.alloc(zeroCopyBytesMin, 9);
    const small = Buffer.alloc(10, 8);
    const w = new Writer(true);
    w.writeInt16(1);
    w.writeBytes(big);
    w.writeBytes(small);
    w.writeCompactRecords([big, small]);
    const chunks = w.finish();
    assert.equal(chunks.filter((c) => c === big).length, 2);
    assert.ok(!chunks.includes(small));
    const all = Buffer.concat(chunks);
    assert.equal(all.readInt32BE(0), all.length - 4);
    const r = new Reader(all, 4);
    assert.equal(r.readInt16(), 1);
    assert.deepEqual(r.readBytes(), big);
    assert.deepEqual(r.readBytes(), small);
    assert.deepEqual(r.readCompactBytes(), Buffer.concat([big, small]));
  });

  it('keeps earlier chunks intact when the scratch buffer grows', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 200 }), { maxLength: 60 }), (strings) => {
        const w = new Writer(false, 16);
        for (const s of strings) w.writeString(s);
        const r = new Reader(w.toBuffer());
        for (const s of strings) assert.equal(r.readString(), s);
        assert.equal(r.remaining(), 0);
      }),
    );
  });
});
