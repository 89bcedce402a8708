import assert from 'node:assert/strict';
import { varint, VarintReader } from './index.ts';
import { KafkaError } from '../errors/index.ts';

describe('varint', () => {
  // NOTES section 1, verified vectors.
  const table: Array<[number, string]> = [
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

  it('encodes the zigzag varint table from the protocol notes', () => {
    for (const [value, hex] of table) {
      const buf = Buffer.alloc(10);
      const end = varint.writeVarint(buf, 0, value);
      assert.equal(buf.subarray(0, end).toString('hex'), hex, `value ${value}`);
      assert.equal(varint.sizeOfVarint(value), hex.length / 2);
    }
  });

  it('decodes the zigzag varint table from the protocol notes', () => {
    for (const [value, hex] of table) {
      assert.deepEqual(varint.readVarint(Buffer.from(hex, 'hex')), [value, hex.length / 2]);
      assert.deepEqual(varint.readVarlong(Buffer.from(hex, 'hex')), [value, hex.length / 2]);
    }
  });

  it('round-trips int32 extremes and large varlongs', () => {
    const buf = Buffer.alloc(10);
    for (const v of [2147483647, -2147483648, 123456789, -987654321]) {
      const end = varint.writeVarint(buf, 0, v);
      assert.equal(end, varint.sizeOfVarint(v));
      assert.deepEqual(varint.readVarint(buf), [v, end]);
    }
    for (const v of [1700000000000, -1700000000000, 2 ** 50, -(2 ** 50), 2 ** 40 + 3]) {
      const end = varint.writeVarlong(buf, 0, v);
      assert.equal(end, varint.sizeOfVarlong(v));
      assert.deepEqual(varint.readVarlong(buf), [v, end]);
    }
  });

  it('refuses a varint that runs past the end or beyond 5 bytes', () => {
    assert.throws(
      () => varint.readVarint(Buffer.from('80', 'hex')),
      (e) => KafkaError.is(e, 'CORRUPT_MESSAGE'),
    );
    assert.throws(
      () => new VarintReader(Buffer.from('ffffffffff01', 'hex')).readVarint(),
      (e) => KafkaError.is(e, 'CORRUPT_MESSAGE'),
    );
  });
});
