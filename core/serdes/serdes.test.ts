import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KafkaError } from '../errors/index.ts';
import { DeserializationError, SerializationError } from './serialization-errors.ts';
import { Serdes } from './serdes.ts';

const topic = 't';

describe('Serdes', () => {
  it('keeps null as null in both directions for every serde', () => {
    for (const serde of [
      Serdes.String(),
      Serdes.Bytes(),
      Serdes.Json(),
      Serdes.Int(),
      Serdes.Long(),
      Serdes.Double(),
    ]) {
      assert.equal(serde.serializer(topic, null), null);
      assert.equal(serde.deserializer(topic, null), null);
    }
  });

  it('encodes strings as UTF-8 and rejects invalid UTF-8 with a typed error naming the topic', () => {
    const s = Serdes.String();
    assert.deepEqual(s.serializer(topic, 'hé'), Buffer.from([0x68, 0xc3, 0xa9]));
    assert.equal(s.deserializer(topic, Buffer.from([0x68, 0xc3, 0xa9])), 'hé');
    assert.throws(
      () => s.deserializer('orders', Buffer.from([0xff, 0xfe])),
      (e: unknown) =>
        e instanceof DeserializationError && e.topic === 'orders' && KafkaError.is(e, 'CORRUPT_MESSAGE'),
    );
  });

  it("encodes every string exactly as Buffer.from's UTF-8 and decodes every byte string as strict UTF-8 does", () => {
    const s = Serdes.String();
    const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const runs = Number(process.env['FC_NUM_RUNS'] ?? 200);
    // Code units around the ASCII boundary, Latin-1, surrogates (paired or lone), the rest of the BMP;
    // lengths on both sides of the short paths' limits.
    const unit = fc
      .oneof(
        fc.integer({ min: 0x20, max: 0x7e }),
        fc.integer({ min: 0x70, max: 0xff }),
        fc.integer({ min: 0xd800, max: 0xdfff }),
        fc.integer({ min: 0, max: 0xffff }),
      )
      .map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
        const bytes = s.serializer(topic, text)!;
        assert.deepEqual(bytes, Buffer.from(text, 'utf8'));
        assert.equal(s.deserializer(topic, bytes), strict.decode(Buffer.from(text, 'utf8')));
      }),
      { numRuns: runs },
    );
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 20 }),
      fc.uint8Array({ maxLength: 20 }).map((a) => a.map((b) => b & 0x7f)),
      fc.uint8Array({ maxLength: 20 }).map((a) => a.map((b) => (b < 0xc0 ? b & 0x7f : b))),
    );
    fc.assert(
      fc.property(bytes, (raw) => {
        const data = Buffer.from(raw);
        let expected: string | undefined;
        try {
          expected = strict.decode(data);
        } catch {
          expected = undefined;
        }
        if (expected === undefined) assert.throws(() => s.deserializer(topic, data), DeserializationError);
        else assert.equal(s.deserializer(topic, data), expected);
      }),
      { numRuns: runs },
    );
    assert.equal(s.deserializer(topic, Buffer.from([0xef, 0xbb, 0xbf, 0x61])), '\ufeffa', 'a BOM stays data');
  });

  it('encodes Int as 4 bytes big-endian and checks range and length', () => {
    const s = Serdes.Int();
    assert.deepEqual(s.serializer(topic, 0x01020304), Buffer.from([1, 2, 3, 4]));
    assert.deepEqual(s.serializer(topic, -1), Buffer.from([0xff, 0xff, 0xff, 0xff]));
    assert.equal(s.deserializer(topic, Buffer.from([0x80, 0, 0, 0])), -2147483648);
    assert.throws(() => s.serializer(topic, 2 ** 31), SerializationError);
    assert.throws(() => s.serializer(topic, 1.5), SerializationError);
    assert.throws(() => s.deserializer(topic, Buffer.from([1, 2, 3])), DeserializationError);
  });

  it('encodes every safe integer as a Java 64-bit big-endian long and refuses exactly the longs beyond that range', () => {
    const s = Serdes.Long();
    const runs = Number(process.env['FC_NUM_RUNS'] ?? 200);
    fc.assert(
      fc.property(
        fc.oneof(fc.maxSafeInteger(), fc.integer(), fc.constantFrom(0, -1, 2 ** 32, -(2 ** 32))),
        (n) => {
          const bytes = s.serializer(topic, n)!;
          const expected = Buffer.alloc(8);
          expected.writeBigInt64BE(BigInt(n), 0);
          assert.deepEqual(bytes, expected);
          assert.equal(s.deserializer(topic, bytes), n);
        },
      ),
      { numRuns: runs },
    );
    const safe = BigInt(Number.MAX_SAFE_INTEGER);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.bigInt(-(2n ** 63n), 2n ** 63n - 1n),
          fc.bigInt(-safe - 2n, -safe + 1n),
          fc.bigInt(safe - 1n, safe + 2n),
        ),
        (big) => {
          const bytes = Buffer.alloc(8);
          bytes.writeBigInt64BE(big, 0);
          if (big >= -safe && big <= safe) assert.equal(s.deserializer(topic, bytes), Number(big));
          else assert.throws(() => s.deserializer(topic, bytes), DeserializationError);
        },
      ),
      { numRuns: runs },
    );
  });

  it('encodes Long as 8 bytes big-endian and refuses values beyond the safe-integer range', () => {
    const s = Serdes.Long();
    assert.deepEqual(s.serializer(topic, 258), Buffer.from([0, 0, 0, 0, 0, 0, 1, 2]));
    assert.deepEqual(s.serializer(topic, -2), Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe]));
    assert.equal(
      s.deserializer(topic, s.serializer(topic, Number.MAX_SAFE_INTEGER)),
      Number.MAX_SAFE_INTEGER,
    );
    assert.equal(
      s.deserializer(topic, s.serializer(topic, Number.MIN_SAFE_INTEGER)),
      Number.MIN_SAFE_INTEGER,
    );
    assert.throws(() => s.serializer(topic, 2 ** 53), SerializationError);
    assert.throws(
      () => s.deserializer(topic, Buffer.from([0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])),
      DeserializationError,
    );
    assert.throws(() => s.deserializer(topic, Buffer.alloc(4)), DeserializationError);
  });

  it('encodes Double as 8 bytes big-endian IEEE-754', () => {
    const s = Serdes.Double();
    assert.deepEqual(s.serializer(topic, 1), Buffer.from([0x3f, 0xf0, 0, 0, 0, 0, 0, 0]));
    assert.equal(s.deserializer(topic, s.serializer(topic, -0.1)), -0.1);
    assert.throws(() => s.deserializer(topic, Buffer.alloc(7)), DeserializationError);
  });

  it('passes Bytes through and round-trips Json', () => {
    const buf = Buffer.from([9, 8, 7]);
    assert.equal(Serdes.Bytes().serializer(topic, buf), buf);
    const json = Serdes.Json<{ a: number[] }>();
    assert.deepEqual(json.serializer(topic, { a: [1] }), Buffer.from('{"a":[1]}'));
    assert.deepEqual(json.deserializer(topic, Buffer.from('{"a":[1]}')), { a: [1] });
    assert.throws(() => json.deserializer(topic, Buffer.from('{')), DeserializationError);
  });

  it('Void accepts only null', () => {
    const v = Serdes.Void();
    assert.equal(v.serializer(topic, null), null);
    assert.throws(() => v.deserializer(topic, Buffer.alloc(1)), DeserializationError);
  });
});
