import assert from 'node:assert/strict';
import { crc32c } from '@node-rs/crc32';
import { KafkaError } from '../errors/index.ts';
import {
  baseOffsetAt,
  batchPositions,
  batchSizeAt,
  computeBatchCrc,
  encodeRecordBatch,
  isControlBatch,
  lastOffsetAt,
  maxTimestampAt,
  readBatchHeader,
  setBaseOffset,
  setLogAppendTime,
  setPartitionLeaderEpoch,
  validateBatch,
} from './index.ts';
import { vector25 } from './test-vectors.ts';

const isCorrupt = (e: unknown): boolean => KafkaError.is(e, 'CORRUPT_MESSAGE');
const isInvalid = (e: unknown): boolean => KafkaError.is(e, 'INVALID_RECORD');

describe('batch header', () => {
  it('computes the CRC-32C check value of "123456789"', () => {
    assert.equal((crc32c(Buffer.from('123456789')) >>> 0).toString(16), 'e3069283');
  });

  it('reads the header of the protocol-notes test vector', () => {
    const h = readBatchHeader(vector25);
    assert.equal(vector25.length, 76);
    assert.equal(h.batchLength, 64);
    assert.equal(h.partitionLeaderEpoch, -1);
    assert.equal(h.crc.toString(16), 'db5e9cdd');
    assert.equal(h.baseTimestamp, 1700000000000);
    assert.equal(h.maxTimestamp, 1700000000000);
    assert.equal(h.producerId, -1);
    assert.equal(h.producerEpoch, -1);
    assert.equal(h.baseSequence, -1);
    assert.equal(h.recordsCount, 1);
    assert.equal(batchSizeAt(vector25), 76);
    assert.equal(computeBatchCrc(vector25).toString(16), 'db5e9cdd');
    assert.equal(maxTimestampAt(vector25), 1700000000000);
    assert.deepEqual(validateBatch(vector25), h);
  });

  it('rewrites baseOffset and leader epoch in place without breaking the CRC', () => {
    const b = Buffer.from(vector25);
    setBaseOffset(b, 0, 2 ** 40 + 5);
    setPartitionLeaderEpoch(b, 0, 7);
    assert.equal(baseOffsetAt(b), 2 ** 40 + 5);
    assert.equal(lastOffsetAt(b), 2 ** 40 + 5);
    assert.equal(validateBatch(b).partitionLeaderEpoch, 7);
    // kafka-python writes epoch 0 with the same CRC (NOTES 2.5).
    setPartitionLeaderEpoch(b, 0, 0);
    assert.equal(computeBatchCrc(b).toString(16), 'db5e9cdd');
  });

  it('sets LogAppendTime and recomputes the CRC', () => {
    const b = Buffer.from(vector25);
    setLogAppendTime(b, 0, 1800000000000);
    const h = validateBatch(b);
    assert.equal(h.attributes & 0x08, 0x08);
    assert.equal(h.maxTimestamp, 1800000000000);
    assert.notEqual(h.crc.toString(16), 'db5e9cdd');
  });

  it('rejects a flipped byte with CORRUPT_MESSAGE naming the CRC', () => {
    const b = Buffer.from(vector25);
    b[70] ^= 0x01;
    assert.throws(
      () => validateBatch(b),
      (e) => isCorrupt(e) && /CRC/.test((e as Error).message),
    );
  });

  it('rejects a wrong magic, a short buffer and a too-small batchLength as CORRUPT_MESSAGE', () => {
    const wrongMagic = Buffer.from(vector25);
    wrongMagic[16] = 1;
    assert.throws(() => validateBatch(wrongMagic), isCorrupt);
    assert.throws(() => validateBatch(vector25.subarray(0, 75)), isCorrupt);
    const tiny = Buffer.from(vector25);
    tiny.writeInt32BE(10, 8);
    assert.throws(() => validateBatch(tiny), isCorrupt);
  });

  it('rejects lastOffsetDelta + 1 != recordsCount as INVALID_RECORD', () => {
    const b = Buffer.from(vector25);
    b.writeInt32BE(3, 23);
    b.writeUInt32BE(computeBatchCrc(b), 17);
    assert.throws(() => validateBatch(b), isInvalid);
  });

  it('rejects records that do not parse exactly to the batch end as INVALID_RECORD (CRC valid)', () => {
    // Claim 2 records (and lastOffsetDelta 1) over a body holding one: CRC valid, body garbled.
    // Kafka's broker answers INVALID_RECORD here (InvalidRecordException), CORRUPT_MESSAGE only for damaged bytes.
    const b = Buffer.from(vector25);
    b.writeInt32BE(1, 23);
    b.writeInt32BE(2, 57);
    b.writeUInt32BE(computeBatchCrc(b), 17);
    assert.throws(() => validateBatch(b), isInvalid);
  });

  it('splits back-to-back batches and stops at a torn tail', () => {
    const a = encodeRecordBatch([{ value: 'a' }, { value: 'b' }], { baseTimestamp: 1 });
    const c = encodeRecordBatch([{ value: 'c' }], { baseOffset: 2, baseTimestamp: 1 });
    const all = Buffer.concat([a, c, c.subarray(0, 20)]);
    assert.deepEqual(
      [...batchPositions(all)],
      [
        [0, a.length],
        [a.length, c.length],
      ],
    );
    for (const [pos, size] of batchPositions(all)) {
      assert.equal(validateBatch(all, pos).recordsCount, pos === 0 ? 2 : 1);
      assert.equal(batchSizeAt(all, pos), size);
      assert.equal(lastOffsetAt(all, pos), pos === 0 ? 1 : 2);
      assert.equal(computeBatchCrc(all, pos), readBatchHeader(all, pos).crc);
    }
    assert.deepEqual([...batchPositions(Buffer.alloc(40))], []);
    assert.deepEqual([...batchPositions(Buffer.alloc(5))], []);
  });

  it('recognises control batches by attribute bit 5', () => {
    assert.equal(isControlBatch(vector25), false);
    const marker = encodeRecordBatch([{ key: Buffer.from('00000001', 'hex'), value: null }], {
      control: true,
      transactional: true,
      producerId: 9,
      producerEpoch: 0,
      baseTimestamp: 5,
    });
    assert.equal(isControlBatch(marker), true);
    assert.equal(validateBatch(marker).producerId, 9);
  });
});
