import assert from 'node:assert/strict';
import { Serdes } from '../../core/serdes/index.ts';
import {
  ValueAndTimestamp,
  timestampOf,
  valueAndTimestampSerde,
  withTimestamp,
} from './value-and-timestamp.ts';

describe('ValueAndTimestamp', () => {
  it('lays out [int64 big-endian timestamp][value] as Kafka does, for any safe timestamp', () => {
    for (const ts of [
      0,
      1,
      -1,
      1_700_000_000_123,
      2 ** 32,
      2 ** 32 - 1,
      -(2 ** 40) - 5,
      Number.MAX_SAFE_INTEGER,
    ]) {
      const bytes = withTimestamp(Buffer.from('v'), ts);
      const expected = Buffer.alloc(9);
      expected.writeBigInt64BE(BigInt(ts), 0);
      expected.write('v', 8);
      assert.deepEqual(bytes, expected, `timestamp ${ts}`);
      assert.equal(timestampOf(bytes), ts);
    }
  });

  it('round-trips through its serde; a null value has no ValueAndTimestamp', () => {
    const serde = valueAndTimestampSerde(Serdes.String());
    const vat = ValueAndTimestamp.make('x', 42)!;
    assert.deepEqual(serde.deserializer('t', serde.serializer('t', vat)), vat);
    assert.equal(ValueAndTimestamp.make(null, 1), null);
    assert.equal(serde.serializer('t', null), null);
    assert.throws(() => serde.deserializer('t', Buffer.from([1, 2])), /too short/);
  });
});
