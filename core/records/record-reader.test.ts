import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KafkaError } from '../errors/index.ts';
import { RECORD_BATCH_HEADER_BYTES } from './constants.ts';
import { encodeRecordBatch, varint, type RecordInput } from './index.ts';
import { checkRecords, walkRecords } from './record-reader.ts';
import { writeUnsignedVarint, writeVarint, writeVarlong } from './varint.ts';

/*
 * checkRecords is the broker's validation walk (hand-inlined for speed); walkRecords is the decoder
 * built on VarintReader. They must accept exactly the same records areas.
 */

const ctx = { baseOffset: 0, baseTimestamp: 0, logAppendTime: false, maxTimestamp: 0 };

/** 'ok', or the KafkaError's name; anything but a KafkaError fails the test. */
function outcome(fn: () => void): string {
  try {
    fn();
    return 'ok';
  } catch (err) {
    if (!(err instanceof KafkaError)) assert.fail(`unexpected error: ${String(err)}`);
    return err.errorName;
  }
}

/** checkRecords' verdict: 'ok' or its error; it refuses with INVALID_RECORD as Kafka's broker. */
function check(area: Buffer, count: number): string {
  return outcome(() => checkRecords(area, 0, area.length, count));
}

/** The decoder's verdict, with its CORRUPT_MESSAGE (a consumer's view) named as checkRecords names it. */
function walk(area: Buffer, count: number): string {
  const result = outcome(() => walkRecords(area, 0, area.length, count, ctx, () => {}, null));
  return result === 'CORRUPT_MESSAGE' ? 'INVALID_RECORD' : result;
}

/** The records area (after the 61-byte header) of an uncompressed batch. */
function recordsArea(records: readonly RecordInput[]): Buffer {
  return Buffer.from(encodeRecordBatch(records).subarray(RECORD_BATCH_HEADER_BYTES));
}

/** One record written field by field, so tests can put any value in any field. */
function rawRecord(fields: {
  timestampDelta?: number;
  offsetDelta?: number;
  keyLength?: number;
  key?: Buffer;
  valueLength?: number;
  value?: Buffer;
  headerCount?: number;
  headerBytes?: Buffer;
  lengthAdjust?: number;
}): Buffer {
  const body = Buffer.alloc(64 + (fields.key?.length ?? 0) + (fields.value?.length ?? 0) + 64);
  let pos = 1; // attributes 0
  pos = writeVarlong(body, pos, fields.timestampDelta ?? 0);
  pos = writeVarint(body, pos, fields.offsetDelta ?? 0);
  pos = writeVarint(body, pos, fields.keyLength ?? fields.key?.length ?? -1);
  if (fields.key !== undefined) pos += fields.key.copy(body, pos);
  pos = writeVarint(body, pos, fields.valueLength ?? fields.value?.length ?? -1);
  if (fields.value !== undefined) pos += fields.value.copy(body, pos);
  pos = writeVarint(body, pos, fields.headerCount ?? 0);
  if (fields.headerBytes !== undefined) pos += fields.headerBytes.copy(body, pos);
  const length = Buffer.alloc(5);
  const lengthBytes = writeVarint(length, 0, pos + (fields.lengthAdjust ?? 0));
  return Buffer.concat([length.subarray(0, lengthBytes), body.subarray(0, pos)]);
}

const bytesArb = (max: number) => fc.uint8Array({ maxLength: max }).map((a) => Buffer.from(a));

const recordArb: fc.Arbitrary<RecordInput> = fc.record({
  key: fc.option(bytesArb(20), { nil: null }),
  // Up to 300 bytes: values whose length varint takes one and two bytes.
  value: fc.option(bytesArb(300), { nil: null }),
  timestamp: fc.integer({ min: 0, max: 2 ** 42 }),
  headers: fc.array(
    fc.record({
      key: fc.string({ maxLength: 6 }),
      value: fc.option(fc.string({ maxLength: 6 }), { nil: null }),
    }),
    { maxLength: 2 },
  ),
});

describe('checkRecords (the append-path validation walk)', () => {
  it('accepts the records of encoded batches: null keys, tombstones, headers, 1-3 byte lengths', () => {
    const big = Buffer.alloc(20_000, 7); // a 3-byte length varint for the value and the record
    const records: RecordInput[] = [
      { key: null, value: 'v', timestamp: 5 },
      { key: 'k', value: null, timestamp: 1_000_000 },
      {
        key: 'k',
        value: Buffer.alloc(100, 1),
        headers: [
          { key: 'h', value: null },
          { key: '', value: 'x' },
        ],
      },
      { key: Buffer.alloc(200, 2), value: big },
    ];
    const area = recordsArea(records);
    assert.equal(check(area, records.length), 'ok');
  });

  it('rejects a count that does not match the records, and bytes after the last record', () => {
    const area = recordsArea([{ value: 'a' }, { value: 'b' }]);
    assert.equal(check(area, 3), 'INVALID_RECORD');
    assert.equal(check(area, 1), 'INVALID_RECORD');
    assert.equal(check(Buffer.concat([area, Buffer.from([0])]), 2), 'INVALID_RECORD');
  });

  it('rejects each malformed field with INVALID_RECORD, as the Kafka broker does', () => {
    // Negative lengths come with as many bytes as their zigzag code would skip, so only the sign
    // check can refuse them.
    const cases: Array<[string, Buffer]> = [
      ['zero record length', Buffer.from([0])],
      ['negative record length', Buffer.from([3])],
      ['record length past the batch', Buffer.concat([Buffer.from([40]), Buffer.alloc(5)])],
      ['negative key length -2', rawRecord({ keyLength: -2, key: Buffer.alloc(1) })],
      ['key longer than the record', rawRecord({ keyLength: 50, key: Buffer.alloc(3) })],
      ['negative value length -3', rawRecord({ valueLength: -3, value: Buffer.alloc(2) })],
      [
        'value (2-byte length) longer than the record',
        rawRecord({ valueLength: 300, value: Buffer.alloc(10) }),
      ],
      ['negative header count', rawRecord({ headerCount: -1 })],
      [
        'header count larger than the record can hold',
        rawRecord({ headerCount: 40, headerBytes: Buffer.alloc(4) }),
      ],
      ['negative header key length', rawRecord({ headerCount: 1, headerBytes: Buffer.from([1, 0]) })],
      ['header value length -2', rawRecord({ headerCount: 1, headerBytes: Buffer.from([2, 65, 3, 66]) })],
      [
        'header value past the record',
        rawRecord({ headerCount: 1, headerBytes: Buffer.from([2, 65, 20, 1]) }),
      ],
      ['stray bytes inside the record', rawRecord({ value: Buffer.from('x'), lengthAdjust: 2 })],
      ['fields past the record length', rawRecord({ value: Buffer.from('xyz'), lengthAdjust: -1 })],
    ];
    for (const [what, area] of cases) {
      // lengthAdjust > 0 needs its extra bytes present in the batch.
      const padded = what === 'stray bytes inside the record' ? Buffer.concat([area, Buffer.alloc(2)]) : area;
      assert.equal(check(padded, 1), 'INVALID_RECORD', what);
      assert.equal(walk(padded, 1), 'INVALID_RECORD', `${what} (reference parser)`);
    }
  });

  it('rejects over-long varints: an 11-byte timestamp delta, a 6-byte offset delta, a 6-byte length', () => {
    const ok = rawRecord({ value: Buffer.from('v') });
    assert.equal(check(ok, 1), 'ok');
    // Record: length, attributes, then the timestamp delta: make it 11 continuation-bit bytes.
    const longTs = Buffer.concat([Buffer.from([0]), Buffer.alloc(10, 0x80), Buffer.from([0, 0, 1, 1, 0])]);
    const longOffset = Buffer.concat([Buffer.from([0, 0]), Buffer.alloc(5, 0x80), Buffer.from([0, 1, 1, 0])]);
    for (const body of [longTs, longOffset]) {
      const len = Buffer.alloc(5);
      const n = writeVarint(len, 0, body.length);
      assert.equal(check(Buffer.concat([len.subarray(0, n), body]), 1), 'INVALID_RECORD');
    }
    const sixByteLength = Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x00]);
    assert.equal(check(sixByteLength, 1), 'INVALID_RECORD');
    // A 5-byte length varint is legal (if long): it must decode, then fail only for running past the end.
    const fiveByte = Buffer.alloc(5);
    writeUnsignedVarint(fiveByte, 0, 2 ** 30);
    assert.equal(check(fiveByte, 1), 'INVALID_RECORD');
  });

  it('agrees with the full record parser on a 200-record batch (two-byte deltas) with poked field bytes', () => {
    // Offset and timestamp deltas of 64 and more take two bytes: the inline two-byte paths.
    const records = Array.from({ length: 200 }, (_, i) => ({
      key: i % 3 === 0 ? null : `k${i}`,
      value: 'v'.repeat(i),
      timestamp: 1000 + i * 3,
    }));
    const good = recordsArea(records);
    assert.equal(check(good, 200), 'ok');
    // Where each record starts, so pokes land on the varint fields at its front.
    const starts: number[] = [];
    for (let pos = 0; pos < good.length;) {
      starts.push(pos);
      const [length, next] = varint.readVarint(good, pos);
      pos = next + length;
    }
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 199 }),
            fc.integer({ min: 0, max: 9 }),
            fc.integer({ min: 0, max: 255 }),
          ),
          {
            minLength: 1,
            maxLength: 2,
          },
        ),
        (pokes) => {
          const area = Buffer.from(good);
          for (const [record, at, value] of pokes) area[starts[record]! + at] = value;
          assert.equal(check(area, 200), walk(area, 200));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('accepts exactly what the full record parser accepts, on mutated records areas', () => {
    fc.assert(
      fc.property(
        fc.array(recordArb, { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
        fc.integer({ min: -3, max: 3 }),
        fc.integer({ min: -1, max: 1 }),
        (records, pokes, resize, countDelta) => {
          let area = recordsArea(records);
          for (const [at, value] of pokes) area[at % area.length] = value;
          if (resize < 0) area = area.subarray(0, Math.max(0, area.length + resize));
          if (resize > 0) area = Buffer.concat([area, Buffer.alloc(resize, 0x81)]);
          const count = records.length + countDelta;
          const fast = check(area, count);
          const reference = walk(area, count);
          if (fast === 'ok' && reference !== 'ok') {
            // The decoder refuses timestamp deltas beyond 2^53 (a JS number's exact range); the
            // validation walk, as Kafka, only checks their encoding.
            assert.throws(
              () => walkRecords(area, 0, area.length, count, ctx, () => {}, null),
              /varlong beyond/,
            );
          } else {
            assert.equal(fast, reference);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
