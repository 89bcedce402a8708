import assert from 'node:assert/strict';
import { ErrorCode, KafkaError } from '../errors/index.ts';
import { SimulatedFileSystem } from '../io/index.ts';
import {
  decodeProducerSnapshot,
  encodeProducerSnapshot,
  listProducerSnapshots,
  producerSnapshotPath,
  readProducerSnapshot,
  writeProducerSnapshot,
  type ProducerSnapshotEntry,
} from './producer-state-snapshot.ts';

const entries: ProducerSnapshotEntry[] = [
  {
    producerId: 2 ** 40 + 3,
    epoch: 32767,
    lastSequence: 2 ** 31 - 1,
    lastOffset: 2 ** 50,
    lastTimestamp: 1_700_000_000_123,
    batches: [
      {
        firstSeq: 2 ** 31 - 5,
        lastSeq: 2 ** 31 - 3,
        firstOffset: 2 ** 50 - 9,
        lastOffset: 2 ** 50 - 7,
        maxTimestamp: 5,
      },
      {
        firstSeq: 2 ** 31 - 2,
        lastSeq: 2 ** 31 - 1,
        firstOffset: 2 ** 50 - 1,
        lastOffset: 2 ** 50,
        maxTimestamp: -1,
      },
    ],
  },
  { producerId: 0, epoch: 0, lastSequence: 0, lastOffset: 0, lastTimestamp: 0, batches: [] },
];

function isCorrupt(e: unknown): boolean {
  return e instanceof KafkaError && e.code === ErrorCode.CORRUPT_MESSAGE;
}

describe('producer state snapshot files', () => {
  it('round-trips producers and their cached batches, including int64 extremes', () => {
    assert.deepEqual(decodeProducerSnapshot(encodeProducerSnapshot(entries)), entries);
    assert.deepEqual(decodeProducerSnapshot(encodeProducerSnapshot([])), []);
  });

  it('detects any flipped bit in the body with the CRC-32C', () => {
    const bytes = encodeProducerSnapshot(entries);
    for (let pos = 6; pos < bytes.length; pos++) {
      const copy = Buffer.from(bytes);
      copy[pos]! ^= 0x10;
      assert.throws(() => decodeProducerSnapshot(copy), isCorrupt, `byte ${pos}`);
    }
  });

  it('refuses another version, a truncated file and trailing bytes', () => {
    const bytes = encodeProducerSnapshot(entries);
    const otherVersion = Buffer.from(bytes);
    otherVersion.writeInt16BE(2, 0);
    assert.throws(() => decodeProducerSnapshot(otherVersion), isCorrupt);
    assert.throws(() => decodeProducerSnapshot(bytes.subarray(0, bytes.length - 1)), isCorrupt);
    assert.throws(() => decodeProducerSnapshot(bytes.subarray(0, 4)), isCorrupt);
    assert.throws(() => decodeProducerSnapshot(Buffer.concat([bytes, Buffer.alloc(1)])), isCorrupt);
  });

  it('refuses to encode more than 5 cached batches for a producer', () => {
    const b = entries[0]!.batches[0]!;
    const tooMany = [{ ...entries[1]!, batches: [b, b, b, b, b, b] }];
    assert.throws(() => encodeProducerSnapshot(tooMany), KafkaError);
  });

  it('writes 20-digit named files atomically and lists only snapshot files, ascending', () => {
    const fs = new SimulatedFileSystem();
    fs.mkdirp('/p');
    assert.equal(writeProducerSnapshot(fs, '/p', 42, entries), '/p/00000000000000000042.snapshot');
    writeProducerSnapshot(fs, '/p', 7, []);
    fs.open('/p/00000000000000000050.snapshot.tmp', 'create').close();
    fs.open('/p/00000000000000000000.log', 'create').close();
    fs.open('/p/leader-epoch-checkpoint', 'create').close();
    assert.deepEqual(listProducerSnapshots(fs, '/p'), [7, 42]);
    assert.deepEqual(readProducerSnapshot(fs, '/p', 42), entries);
    assert.equal(producerSnapshotPath('/p', 7), '/p/00000000000000000007.snapshot');
  });

  it('leaves the previous snapshot intact when a crash interrupts a rewrite', () => {
    const fs = new SimulatedFileSystem();
    fs.mkdirp('/p');
    writeProducerSnapshot(fs, '/p', 42, entries);
    fs.injectFault({ op: 'rename', code: 'EIO' });
    assert.throws(() => writeProducerSnapshot(fs, '/p', 42, []));
    fs.clearFaults();
    assert.deepEqual(readProducerSnapshot(fs, '/p', 42), entries);
  });
});
