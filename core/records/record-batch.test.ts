import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KafkaError } from '../errors/index.ts';
import { vector25 } from './test-vectors.ts';
import {
  Compression,
  RecordBatchBuilder,
  decodeRecords,
  decodeRecordsAsync,
  encodeRecordBatch,
  encodeRecordBatchAsync,
  forEachRecord,
  readBatchHeader,
  validateBatch,
  validateBatchDeep,
  validateBatchDeepAsync,
  computeBatchCrc,
  recordSizeUpperBound,
  scanRecords,
  type CompressionType,
  type Record,
} from './index.ts';

const codecs: Array<[string, CompressionType]> = [
  ['none', Compression.none],
  ['gzip', Compression.gzip],
  ['snappy', Compression.snappy],
  ['lz4', Compression.lz4],
];

describe('record batch encode/decode', () => {
  it('encodes the protocol-notes vector byte for byte (CRC db5e9cdd)', () => {
    const b = encodeRecordBatch([{ key: 'key', value: 'value', timestamp: 1700000000000 }]);
    assert.equal(b.toString('hex'), vector25.toString('hex'));
  });

  it('decodes the protocol-notes vector', () => {
    const [r] = decodeRecords(vector25);
    assert.equal(r.offset, 0);
    assert.equal(r.timestamp, 1700000000000);
    assert.equal(r.key!.toString(), 'key');
    assert.equal(r.value!.toString(), 'value');
    assert.deepEqual(r.headers, []);
  });

  it('round-trips keys, null keys, tombstones, headers, timestamps and offsets', () => {
    const input = [
      { key: 'k1', value: 'v1', timestamp: 1000, headers: [{ key: 'h', value: 'x' }] },
      { key: null, value: Buffer.from([1, 2, 3]), timestamp: 900 },
      { key: 'k3', value: null, timestamp: 5000, headers: [{ key: 'ü', value: null }] },
      { value: '' },
    ];
    const b = encodeRecordBatch(input, { baseOffset: 100 });
    const h = validateBatch(b);
    assert.equal(h.recordsCount, 4);
    assert.equal(h.lastOffsetDelta, 3);
    assert.equal(h.baseTimestamp, 1000);
    assert.equal(h.maxTimestamp, 5000);
    const out = decodeRecords(b);
    assert.deepEqual(
      out.map((r) => [r.offset, r.timestamp, r.key?.toString() ?? null, r.value?.toString('hex') ?? null]),
      [
        [100, 1000, 'k1', Buffer.from('v1').toString('hex')],
        [101, 900, null, '010203'],
        [102, 5000, 'k3', null],
        [103, 1000, null, ''],
      ],
    );
    assert.equal(out[0].headers[0].key, 'h');
    assert.equal(out[0].headers[0].value!.toString(), 'x');
    assert.deepEqual(out[2].headers, [{ key: 'ü', value: null }]);
  });

  it('stamps producer id, epoch, base sequence and the transactional bit', () => {
    const b = encodeRecordBatch([{ value: 'a' }, { value: 'b' }], {
      producerId: 2 ** 40,
      producerEpoch: 3,
      baseSequence: 17,
      transactional: true,
      partitionLeaderEpoch: 0,
      baseTimestamp: 42,
    });
    const h = validateBatch(b);
    assert.equal(h.producerId, 2 ** 40);
    assert.equal(h.producerEpoch, 3);
    assert.equal(h.baseSequence, 17);
    assert.equal(h.attributes, 0x10);
    assert.equal(h.partitionLeaderEpoch, 0);
    assert.deepEqual(
      decodeRecords(b).map((r) => r.timestamp),
      [42, 42],
    );
  });

  it('gives every record the batch maxTimestamp under LogAppendTime', () => {
    const b = encodeRecordBatch(
      [
        { value: 'a', timestamp: 10 },
        { value: 'b', timestamp: 30 },
      ],
      { timestampType: 'logAppend' },
    );
    assert.equal(readBatchHeader(b).attributes & 0x08, 0x08);
    assert.deepEqual(
      decodeRecords(b).map((r) => r.timestamp),
      [30, 30],
    );
  });

  it('hands out views into the batch, not copies, and reuses one record object in forEachRecord', () => {
    const b = encodeRecordBatch([{ value: 'hello' }, { value: 'world' }], { baseTimestamp: 1 });
    const [r] = decodeRecords(b);
    assert.equal(r.value!.buffer, b.buffer);
    const seen: Record[] = [];
    const values: string[] = [];
    forEachRecord(b, (rec) => {
      seen.push(rec);
      values.push(rec.value!.toString());
      assert.equal(rec.value!.buffer, b.buffer);
    });
    assert.deepEqual(values, ['hello', 'world']);
    assert.equal(seen[0], seen[1]);
  });

  it('builds many batches from one builder, each valid and independent', () => {
    const builder = new RecordBatchBuilder({ initialCapacity: 256 });
    const batches: Buffer[] = [];
    for (let i = 0; i < 50; i++) {
      for (let j = 0; j <= i % 7; j++)
        builder.append({ key: `k${i}`, value: Buffer.alloc(40, i), timestamp: i });
      assert.equal(builder.count, (i % 7) + 1);
      assert.ok(builder.sizeEstimate > 61);
      batches.push(builder.build());
      assert.equal(builder.count, 0);
    }
    batches.forEach((b, i) => {
      assert.equal(validateBatch(b).recordsCount, (i % 7) + 1);
      for (const r of decodeRecords(b)) assert.deepEqual(r.value, Buffer.alloc(40, i));
    });
  });

  it('drops appended records on reset and refuses to build an empty batch', () => {
    const builder = new RecordBatchBuilder();
    builder.append({ value: 'gone' });
    builder.reset();
    assert.throws(
      () => builder.build(),
      (e) => KafkaError.is(e, 'INVALID_RECORD'),
    );
    builder.append({ value: 'kept', timestamp: 3 });
    assert.equal(decodeRecords(builder.build())[0].value!.toString(), 'kept');
  });

  for (const [name, codec] of codecs) {
    it(`round-trips a ${name} batch of mixed records bigger than one codec block`, () => {
      const input = Array.from({ length: 3000 }, (_, i) => ({
        key: i % 5 === 0 ? null : `key-${i}`,
        value: `value ${i} `.repeat(1 + (i % 9)),
        timestamp: 1700000000000 + i,
      }));
      const b = encodeRecordBatch(input, { compression: codec });
      const h = validateBatch(b);
      assert.equal(h.attributes & 7, codec);
      const out = decodeRecords(b);
      assert.equal(out.length, input.length);
      out.forEach((r, i) => {
        assert.equal(r.offset, i);
        assert.equal(r.timestamp, input[i].timestamp);
        assert.equal(r.key?.toString() ?? null, input[i].key);
        assert.equal(r.value!.toString(), input[i].value);
      });
    });
  }

  it('round-trips a zstd batch through the async variants and refuses zstd synchronously', async () => {
    const input = Array.from({ length: 500 }, (_, i) => ({ key: `k${i}`, value: `zstd value ${i}` }));
    const b = await encodeRecordBatchAsync(input, { compression: Compression.zstd, baseTimestamp: 7 });
    assert.equal(b.readUInt32LE(61), 0xfd2fb528);
    validateBatch(b);
    const out = await decodeRecordsAsync(b);
    assert.deepEqual(
      out.map((r) => r.value!.toString()),
      input.map((r) => r.value),
    );
    assert.throws(
      () => decodeRecords(b),
      (e) => KafkaError.is(e, 'UNSUPPORTED_COMPRESSION_TYPE'),
    );
    assert.throws(
      () => encodeRecordBatch(input, { compression: Compression.zstd }),
      (e) => KafkaError.is(e, 'UNSUPPORTED_COMPRESSION_TYPE'),
    );
  });

  it('deep validation decompresses and refuses a compressed body whose records do not match the count', async () => {
    for (const [, codec] of codecs) {
      const good = encodeRecordBatch([{ value: 'a' }, { value: 'b' }], {
        compression: codec,
        baseTimestamp: 1,
      });
      assert.equal(validateBatchDeep(good).recordsCount, 2);
      // Claim 3 records over a body of 2, with a fixed-up CRC: only the deep check can tell.
      const bad = Buffer.from(good);
      bad.writeInt32BE(2, 23);
      bad.writeInt32BE(3, 57);
      bad.writeUInt32BE(computeBatchCrc(bad), 17);
      // The shallow check walks uncompressed records only; compressed bodies pass it.
      if (codec !== Compression.none) validateBatch(bad);
      // A CRC that holds over records that do not parse: INVALID_RECORD, as Kafka's broker answers.
      assert.throws(
        () => validateBatchDeep(bad),
        (e) => KafkaError.is(e, 'INVALID_RECORD'),
      );
    }
    const zstd = await encodeRecordBatchAsync([{ value: 'z' }], {
      compression: Compression.zstd,
      baseTimestamp: 1,
    });
    assert.equal((await validateBatchDeepAsync(zstd)).recordsCount, 1);
  });

  it('bounds the bytes each appended record adds from above', () => {
    const inputs = [
      { value: null },
      { key: 'k', value: 'v'.repeat(300), timestamp: 2 ** 45 },
      { key: Buffer.alloc(70_000), value: 'ü', headers: [{ key: 'héader', value: Buffer.alloc(200) }] },
    ];
    const builder = new RecordBatchBuilder({ baseTimestamp: 0 });
    for (const r of inputs) {
      const before = builder.sizeEstimate;
      builder.append(r);
      const added = builder.sizeEstimate - before;
      assert.ok(added <= recordSizeUpperBound(r), `${added} > ${recordSizeUpperBound(r)}`);
      assert.ok(recordSizeUpperBound(r) - added <= 40);
    }
  });

  it('scans records as positions: same offsets, timestamps, keys and values as decodeRecords', () => {
    for (const [, codec] of codecs) {
      const input = [
        { key: 'a', value: 'first', timestamp: 10, headers: [{ key: 'h', value: 'v' }] },
        { key: null, value: null, timestamp: 20 },
        { key: '', value: 'third', timestamp: 5 },
      ];
      const b = encodeRecordBatch(input, { compression: codec, baseOffset: 7 });
      const seen: Array<[number, number, string | null, string | null]> = [];
      scanRecords(b, (data, offset, timestamp, keyStart, keyLength, valueStart, valueLength) => {
        seen.push([
          offset,
          timestamp,
          keyLength < 0 ? null : data.toString('utf8', keyStart, keyStart + keyLength),
          valueLength < 0 ? null : data.toString('utf8', valueStart, valueStart + valueLength),
        ]);
      });
      assert.deepEqual(
        seen,
        decodeRecords(b).map((r) => [
          r.offset,
          r.timestamp,
          r.key?.toString() ?? null,
          r.value?.toString() ?? null,
        ]),
      );
      assert.deepEqual(
        seen.map((x) => x[2]),
        ['a', null, ''],
      );
    }
  });

  it('writes the same bytes on the short path (no headers, Buffer fields, small deltas) as on the general one', () => {
    const field = fc.option(
      fc.uint8Array({ maxLength: 9000 }).map((a) => Buffer.from(a)),
      { nil: null },
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ key: field, value: field, delta: fc.integer({ min: -3, max: 140 }) }), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.integer({ min: 0, max: 9000 }),
        (records, filler) => {
          // `filler` small records first, so offset deltas cross the one- and two-byte varint limits.
          const short = new RecordBatchBuilder({ baseTimestamp: 1_000 });
          const general = new RecordBatchBuilder({ baseTimestamp: 1_000 });
          const tiny = Buffer.from('v');
          for (let i = 0; i < filler; i++) {
            short.appendRecord(null, tiny, undefined, 1_000);
            general.appendRecord(null, tiny, [], 1_000); // headers given: the general path
          }
          for (const r of records) {
            short.appendRecord(r.key, r.value, undefined, 1_000 + r.delta);
            general.appendRecord(r.key, r.value, [], 1_000 + r.delta);
          }
          const a = short.build();
          assert.deepEqual(a, general.build());
          const decoded = decodeRecords(a).slice(filler);
          assert.deepEqual(
            decoded.map((d) => [d.key, d.value, d.timestamp]),
            records.map((r) => [r.key, r.value, 1_000 + r.delta]),
          );
        },
      ),
      { numRuns: Number(process.env['FC_NUM_RUNS'] ?? 100) },
    );
  });

  it('refuses a fractional timestamp rather than writing a garbled record', () => {
    assert.throws(
      () => encodeRecordBatch([{ value: 'x', timestamp: 1.5 }]),
      (e) => KafkaError.is(e, 'INVALID_RECORD'),
    );
  });
});
