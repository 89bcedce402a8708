import assert from 'node:assert/strict';
import { ErrorCode, KafkaError, type ErrorName } from '../errors/index.ts';
import { SeededRandom } from '../io/index.ts';
import {
  Compression,
  batchPositions,
  compress,
  compressSync,
  computeBatchCrc,
  decodeRecords,
  encodeRecordBatchAsync,
  readBatchHeader,
  setBaseOffset,
} from '../records/index.ts';
import { PartitionLog, checkZstdRecords } from './partition-log.ts';
import { logDir as dir, setupLog } from './partition-log-test-support.ts';
import { makeBatch } from './test-batches.ts';

/** Every record value from `from` to the end, following nextOffset. */
function readAll(log: PartitionLog, from = log.logStartOffset): Array<{ offset: number; value: string }> {
  const out: Array<{ offset: number; value: string }> = [];
  let offset = from;
  while (offset < log.logEndOffset) {
    const r = log.read(offset, 1000);
    assert.ok(r.nextOffset > offset, `read at ${offset} made progress`);
    for (const [pos, size] of batchPositions(r.bytes)) {
      for (const rec of decodeRecords(r.bytes.subarray(pos, pos + size))) {
        if (rec.offset >= offset) out.push({ offset: rec.offset, value: rec.value!.toString() });
      }
    }
    offset = r.nextOffset;
  }
  return out;
}

function expectKafkaError(fn: () => unknown, name: string): void {
  assert.throws(fn, (e: unknown) => KafkaError.is(e) && e.errorName === name);
}

describe('PartitionLog', () => {
  describe('append and read', () => {
    it('assigns contiguous offsets and the leader epoch in place', () => {
      const { log } = setupLog();
      const a = makeBatch(3);
      const b = makeBatch(2);
      assert.deepEqual(log.append(a, { leaderEpoch: 5 }), { baseOffset: 0, lastOffset: 2 });
      assert.deepEqual(log.append(b, { leaderEpoch: 5 }), { baseOffset: 3, lastOffset: 4 });
      assert.equal(readBatchHeader(b).baseOffset, 3);
      assert.equal(readBatchHeader(b).partitionLeaderEpoch, 5);
      assert.equal(log.logEndOffset, 5);
      assert.deepEqual(
        readAll(log).map((r) => r.offset),
        [0, 1, 2, 3, 4],
      );
    });

    it('returns the stored bytes exactly as appended (never re-encoded)', () => {
      const { log } = setupLog();
      const a = makeBatch(4);
      log.append(a, { leaderEpoch: 0 });
      const r = log.read(0, 1 << 20);
      assert.ok(r.bytes.equals(a));
      assert.equal(r.firstOffset, 0);
      assert.equal(r.nextOffset, 4);
    });

    it('writes several batches of one request with a single write', () => {
      const { log, fs } = setupLog();
      log.append(makeBatch(1), { leaderEpoch: 0 });
      const two = Buffer.concat([makeBatch(2), makeBatch(3)]);
      fs.resetStats();
      assert.deepEqual(log.append(two, { leaderEpoch: 0 }), { baseOffset: 1, lastOffset: 5 });
      assert.equal(fs.stats.writes, 1);
      assert.deepEqual(
        readAll(log).map((r) => r.offset),
        [0, 1, 2, 3, 4, 5],
      );
    });

    it('returns the batch holding the offset, from its start', () => {
      const { log } = setupLog();
      log.append(makeBatch(5), { leaderEpoch: 0 });
      log.append(makeBatch(5), { leaderEpoch: 0 });
      const r = log.read(7, 1 << 20);
      assert.equal(r.firstOffset, 5);
      assert.equal(r.nextOffset, 10);
    });

    it('returns the whole first batch even when it exceeds maxBytes, and no more', () => {
      const { log } = setupLog();
      log.append(makeBatch(10, { valueBytes: 200 }), { leaderEpoch: 0 });
      log.append(makeBatch(1), { leaderEpoch: 0 });
      const r = log.read(0, 10);
      assert.equal(r.nextOffset, 10);
      assert.equal(readBatchHeader(r.bytes).recordsCount, 10);
      assert.equal([...batchPositions(r.bytes)].length, 1);
    });

    it('never returns a batch at or past maxOffset', () => {
      const { log } = setupLog();
      log.append(makeBatch(2), { leaderEpoch: 0 });
      log.append(makeBatch(2), { leaderEpoch: 0 });
      const r = log.read(0, 1 << 20, { maxOffset: 2 });
      assert.equal(r.nextOffset, 2);
      assert.equal(log.read(2, 1 << 20, { maxOffset: 2 }).bytes.length, 0);
    });

    it('returns nothing at the log end offset and OFFSET_OUT_OF_RANGE outside the log', () => {
      const { log } = setupLog();
      log.append(makeBatch(2), { leaderEpoch: 0 });
      const r = log.read(2, 100);
      assert.equal(r.bytes.length, 0);
      assert.equal(r.nextOffset, 2);
      expectKafkaError(() => log.read(3, 100), 'OFFSET_OUT_OF_RANGE');
      expectKafkaError(() => log.read(-1, 100), 'OFFSET_OUT_OF_RANGE');
    });

    it('stamps LogAppendTime from the Clock when the topic asks for it', () => {
      const { log, clock } = setupLog({ 'message.timestamp.type': 'LogAppendTime' });
      const b = makeBatch(2, { timestamp: 5 });
      const result = log.append(b, { leaderEpoch: 0 });
      assert.equal(result.logAppendTime, clock.now());
      assert.equal(readBatchHeader(log.read(0, 1000).bytes).maxTimestamp, clock.now());
    });
  });

  describe('validation', () => {
    it('rejects a batch with a bad CRC with CORRUPT_MESSAGE and writes nothing', () => {
      const { log, fs } = setupLog();
      const b = makeBatch(2);
      b[b.length - 1] ^= 1;
      fs.resetStats();
      expectKafkaError(() => log.append(b, { leaderEpoch: 0 }), 'CORRUPT_MESSAGE');
      assert.equal(fs.stats.writes, 0);
      assert.equal(log.logEndOffset, 0);
    });

    it("refuses every kind of corrupt batch with Kafka's code and changes nothing, before or after a reopen or a crash", () => {
      const { log, fs, options } = setupLog();
      log.append(makeBatch(3), { leaderEpoch: 0 });
      log.flush();
      log.append(makeBatch(2, { tag: 'unflushed' }), { leaderEpoch: 0 });
      const fixCrc = (b: Buffer): Buffer => {
        b.writeUInt32BE(computeBatchCrc(b), 17);
        return b;
      };
      const edit = (fn: (b: Buffer) => void, count = 2): Buffer => {
        const b = makeBatch(count, { tag: 'bad' });
        fn(b);
        return b;
      };
      // A gzip batch whose second record claims offset delta 2: well formed, CRC fixed, inner offsets not contiguous.
      const gappedGzip = (): Buffer => {
        const plain = makeBatch(2, { tag: 'gz' });
        const area = Buffer.from(plain.subarray(61));
        const second = 1 + plain[61]! / 2; // after the first record's one-byte length and its body
        assert.equal(area[second + 3], 2, 'offsetDelta 1 (zigzag 2) of the second record');
        area[second + 3] = 4;
        const body = compressSync(Compression.gzip, area);
        const b = Buffer.concat([plain.subarray(0, 61), body]);
        b.writeInt32BE(b.length - 12, 8);
        b.writeInt16BE(Compression.gzip, 21);
        return fixCrc(b);
      };
      const cases: Array<[string, Buffer, string]> = [
        ['a flipped bit (bad CRC)', edit((b) => (b[b.length - 1] ^= 1)), 'CORRUPT_MESSAGE'],
        [
          'magic 1',
          edit((b) => {
            b[16] = 1;
            fixCrc(b);
          }),
          'CORRUPT_MESSAGE',
        ],
        ['a torn batch', makeBatch(2, { tag: 'bad' }).subarray(0, 70), 'CORRUPT_MESSAGE'],
        [
          'lastOffsetDelta + 1 != recordsCount',
          edit((b) => {
            b.writeInt32BE(4, 23);
            fixCrc(b);
          }),
          'INVALID_RECORD',
        ],
        [
          'recordsCount above the records present (CRC fixed)',
          edit((b) => {
            b.writeInt32BE(2, 23);
            b.writeInt32BE(3, 57);
            fixCrc(b);
          }),
          'INVALID_RECORD',
        ],
        [
          'a record whose fields run past its length (CRC fixed)',
          edit((b) => {
            b[61] = b[61]! - 2; // zigzag length one byte shorter
            fixCrc(b);
          }),
          'INVALID_RECORD',
        ],
        ['inner offsets not contiguous in a compressed batch', gappedGzip(), 'INVALID_RECORD'],
        [
          'a good batch followed by a corrupt one',
          Buffer.concat([makeBatch(1, { tag: 'good' }), edit((b) => (b[b.length - 1] ^= 1))]),
          'CORRUPT_MESSAGE',
        ],
      ];
      const files = (): Map<string, string> =>
        new Map(fs.list(dir).map((name) => [name, fs.readFile(`${dir}/${name}`).toString('hex')]));
      const before = { files: files(), records: readAll(log), end: log.logEndOffset };
      for (const [what, batch, code] of cases) {
        assert.throws(
          () => log.append(batch, { leaderEpoch: 0 }),
          (e: unknown) => KafkaError.is(e) && e.errorName === code,
          what,
        );
        assert.equal(log.logEndOffset, before.end, what);
        assert.deepEqual(files(), before.files, what);
      }
      assert.deepEqual(readAll(log), before.records);
      log.close();
      const reopened = PartitionLog.open(options());
      assert.deepEqual(readAll(reopened), before.records);
      reopened.append(makeBatch(1, { tag: 'after' }), { leaderEpoch: 0 });
      fs.crash();
      const recovered = PartitionLog.open(options());
      // The crash loses only the unsynced append after the reopen; nothing of a refused batch shows.
      assert.deepEqual(readAll(recovered), before.records);
      assert.equal(
        readAll(recovered).some((r) => r.value.startsWith('bad') || r.value.startsWith('good')),
        false,
      );
    });

    it('rejects trailing garbage after the last batch with CORRUPT_MESSAGE', () => {
      const { log } = setupLog();
      expectKafkaError(
        () => log.append(Buffer.concat([makeBatch(1), Buffer.alloc(5)]), { leaderEpoch: 0 }),
        'CORRUPT_MESSAGE',
      );
      expectKafkaError(() => log.append(Buffer.alloc(0), { leaderEpoch: 0 }), 'CORRUPT_MESSAGE');
    });

    it('rejects a batch over max.message.bytes with MESSAGE_TOO_LARGE', () => {
      const { log } = setupLog({ 'max.message.bytes': 200 });
      expectKafkaError(
        () => log.append(makeBatch(5, { valueBytes: 100 }), { leaderEpoch: 0 }),
        'MESSAGE_TOO_LARGE',
      );
    });

    it('rejects a request larger than segment.bytes with RECORD_LIST_TOO_LARGE', () => {
      const { log } = setupLog({ 'segment.bytes': 300 });
      expectKafkaError(
        () => log.append(makeBatch(5, { valueBytes: 100 }), { leaderEpoch: 0 }),
        'RECORD_LIST_TOO_LARGE',
      );
    });

    it('rejects control batches from clients with INVALID_RECORD but takes them from the coordinator', () => {
      const { log } = setupLog();
      const control = makeBatch(1, {
        control: true,
        transactional: true,
        producerId: 7,
        producerEpoch: 0,
        baseSequence: 0,
      });
      expectKafkaError(() => log.append(control, { leaderEpoch: 0 }), 'INVALID_RECORD');
      assert.equal(log.append(control, { leaderEpoch: 0, origin: 'coordinator' }).baseOffset, 0);
    });

    it('rejects keyless records on compacted topics with INVALID_RECORD', async () => {
      const { log } = setupLog({ 'cleanup.policy': 'compact' });
      expectKafkaError(
        () => log.append(makeBatch(2, { keys: ['a', null] }), { leaderEpoch: 0 }),
        'INVALID_RECORD',
      );
      const gz = makeBatch(2, { keys: ['a', null], compression: Compression.gzip });
      expectKafkaError(() => log.append(gz, { leaderEpoch: 0 }), 'INVALID_RECORD');
      assert.equal(
        log.append(makeBatch(2, { keys: ['a', 'b'], compression: Compression.lz4 }), { leaderEpoch: 0 })
          .lastOffset,
        1,
      );
      // zstd cannot be decompressed synchronously: the caller awaits checkZstdRecords(batch, true) first.
      const zstdKeyless = await encodeRecordBatchAsync([{ key: null, value: 'x' }], {
        compression: Compression.zstd,
      });
      await assert.rejects(checkZstdRecords(zstdKeyless, true), (e: unknown) =>
        KafkaError.is(e, 'INVALID_RECORD'),
      );
      expectKafkaError(() => log.append(zstdKeyless, { leaderEpoch: 0 }), 'INVALID_RECORD');
      const zstdKeyed = await encodeRecordBatchAsync([{ key: 'k', value: 'x' }], {
        compression: Compression.zstd,
      });
      expectKafkaError(() => log.append(zstdKeyed, { leaderEpoch: 0 }), 'INVALID_RECORD');
      await checkZstdRecords(zstdKeyed, true);
      assert.equal(log.append(zstdKeyed, { leaderEpoch: 0 }).baseOffset, 2);
      assert.equal(log.logEndOffset, 3);
      // A structure-only check does not prove keys: a compacted topic still refuses the batch.
      const zstdChecked = await encodeRecordBatchAsync([{ key: 'k', value: 'y' }], {
        compression: Compression.zstd,
      });
      await checkZstdRecords(zstdChecked, false);
      expectKafkaError(() => log.append(zstdChecked, { leaderEpoch: 0 }), 'INVALID_RECORD');
      await checkZstdRecords(zstdChecked, true);
      assert.equal(log.append(zstdChecked, { leaderEpoch: 0 }).baseOffset, 3);
    });

    it("checks zstd batches' records before the append as the other codecs are checked inside it", async () => {
      /** A zstd batch whose body is replaced by `body` (a valid CRC over it, as a producer would compute). */
      const withBody = (plain: Buffer, body: Buffer): Buffer => {
        const b = Buffer.concat([plain.subarray(0, 61), body]);
        b.writeInt32BE(b.length - 12, 8);
        b.writeInt16BE(Compression.zstd, 21);
        b.writeUInt32BE(computeBatchCrc(b), 17);
        return b;
      };
      const plain = makeBatch(2, { tag: 'z' });
      const records = Buffer.from(plain.subarray(61));
      const good = withBody(plain, await compress(Compression.zstd, records));
      const gapped = Buffer.from(records);
      const second = 1 + gapped[0]! / 2;
      assert.equal(gapped[second + 3], 2, 'offsetDelta 1 (zigzag 2) of the second record');
      gapped[second + 3] = 4;
      const notZstd = withBody(plain, Buffer.from('definitely not a zstd frame'));
      const truncatedFrame = withBody(plain, (await compress(Compression.zstd, records)).subarray(0, 12));
      const fewerRecords = withBody(plain, await compress(Compression.zstd, records.subarray(0, second)));
      const cases: Array<[string, Buffer, ErrorName]> = [
        ['a body that is not a zstd frame', notZstd, 'CORRUPT_MESSAGE'],
        ['a truncated zstd frame', truncatedFrame, 'CORRUPT_MESSAGE'],
        [
          'inner offsets not contiguous',
          withBody(plain, await compress(Compression.zstd, gapped)),
          'INVALID_RECORD',
        ],
        ['fewer records than recordsCount', fewerRecords, 'INVALID_RECORD'],
        ['a good batch followed by a bad one', Buffer.concat([good, notZstd]), 'CORRUPT_MESSAGE'],
      ];
      for (const [what, batch, code] of cases) {
        await assert.rejects(checkZstdRecords(batch, false), (e: unknown) => KafkaError.is(e, code), what);
      }
      const { log } = setupLog();
      await checkZstdRecords(good, false);
      assert.equal(log.append(good, { leaderEpoch: 0 }).lastOffset, 1);
      const stored = log.read(0, 10_000).bytes;
      assert.deepEqual(stored.subarray(61), good.subarray(61), 'the compressed records are stored as sent');
    });
  });

  describe('segments and indexes', () => {
    it('rolls at segment.bytes into segments named by 20-digit base offsets', () => {
      const { log, fs } = setupLog({ 'segment.bytes': 1000 });
      for (let i = 0; i < 10; i++) log.append(makeBatch(3, { valueBytes: 50 }), { leaderEpoch: 0 });
      assert.ok(log.numberOfSegments > 2);
      const names = fs.list(dir).filter((n) => n.endsWith('.log'));
      assert.equal(names.length, log.numberOfSegments);
      assert.equal(names[0], '00000000000000000000.log');
      for (const base of log.segmentBaseOffsets())
        assert.ok(fs.exists(`${dir}/${String(base).padStart(20, '0')}.timeindex`));
      assert.equal(readAll(log).length, 30);
    });

    it("rolls when a batch's timestamp is more than segment.ms past the segment's first batch, across a reopen (Kafka's rule)", () => {
      const { log, options, clock } = setupLog({ 'segment.ms': 1000 });
      log.append(makeBatch(1, { timestamp: 10_000 }), { leaderEpoch: 0 });
      clock.advance(5000); // the Clock does not matter once the segment holds timestamps
      log.append(makeBatch(1, { timestamp: 11_000 }), { leaderEpoch: 0 });
      assert.equal(log.numberOfSegments, 1);
      log.close();
      const reopened = PartitionLog.open(options());
      reopened.append(makeBatch(1, { timestamp: 11_001 }), { leaderEpoch: 0 });
      assert.deepEqual(reopened.segmentBaseOffsets(), [0, 2]);
      // The new segment measures from its own first batch.
      reopened.append(makeBatch(1, { timestamp: 12_001 }), { leaderEpoch: 0 });
      assert.deepEqual(reopened.segmentBaseOffsets(), [0, 2]);
    });

    it('rolls after segment.ms on the Clock when the segment holds no timestamps', () => {
      const { log, clock } = setupLog({ 'segment.ms': 1000 });
      log.append(makeBatch(1, { timestamp: -1 }), { leaderEpoch: 0 });
      clock.advance(1000);
      log.append(makeBatch(1, { timestamp: -1 }), { leaderEpoch: 0 });
      assert.equal(log.numberOfSegments, 1);
      clock.advance(1);
      log.append(makeBatch(1, { timestamp: -1 }), { leaderEpoch: 0 });
      assert.deepEqual(log.segmentBaseOffsets(), [0, 2]);
    });

    it('rolls when the offset index is full', () => {
      const { log } = setupLog({ 'segment.index.bytes': 24, 'index.interval.bytes': 0 });
      // 3 offset-index entries per segment; the first batch of a segment adds none.
      for (let i = 0; i < 10; i++) log.append(makeBatch(1), { leaderEpoch: 0 });
      assert.deepEqual(log.segmentBaseOffsets(), [0, 4, 8]);
      assert.equal(readAll(log).length, 10);
    });

    it('rolls when an offset would overflow the int32 relative offset', () => {
      const leader = setupLog();
      leader.log.truncateFullyAndStartAt(2 ** 31 - 2);
      leader.log.append(makeBatch(1), { leaderEpoch: 0 });
      const follower = setupLog().log;
      follower.appendAsFollower(Buffer.from(leader.log.read(2 ** 31 - 2, 1000).bytes));
      // Offset 2^31 - 2 still fits segment 0 (relative offset below 2^31); 2^32 does not.
      const far = makeBatch(2);
      setBaseOffsetOf(far, 2 ** 32);
      follower.appendAsFollower(far);
      assert.deepEqual(follower.segmentBaseOffsets(), [0, 2 ** 32]);
      assert.equal(follower.logEndOffset, 2 ** 32 + 2);
      assert.equal(follower.read(2 ** 32 + 1, 100).firstOffset, 2 ** 32);
    });

    it('writes sparse index entries of 8 and 12 bytes every index.interval.bytes', () => {
      const { log, fs } = setupLog({ 'index.interval.bytes': 500 });
      for (let i = 0; i < 20; i++) log.append(makeBatch(2, { valueBytes: 100 }), { leaderEpoch: 0 });
      log.flush();
      const index = fs.readFile(`${dir}/00000000000000000000.index`);
      const timeIndex = fs.readFile(`${dir}/00000000000000000000.timeindex`);
      assert.ok(index.length > 0 && index.length % 8 === 0);
      assert.ok(timeIndex.length > 0 && timeIndex.length % 12 === 0);
      // Each entry points at a batch whose last offset is the entry's offset.
      for (let i = 0; i < index.length; i += 8) {
        const rel = index.readInt32BE(i);
        const pos = index.readInt32BE(i + 4);
        const r = log.read(rel, 1);
        assert.equal(r.nextOffset - 1, rel);
        assert.ok(pos > 0);
      }
    });

    it('reads at any offset after reopening with a clean shutdown, across segments', () => {
      const { log, options } = setupLog({ 'segment.bytes': 700, 'index.interval.bytes': 100 });
      for (let i = 0; i < 30; i++)
        log.append(makeBatch(2, { valueBytes: 30, tag: `${i}-` }), { leaderEpoch: 0 });
      const before = readAll(log);
      log.close();
      const reopened = PartitionLog.open(options({ hadCleanShutdown: true, recoveryPoint: 60 }));
      assert.equal(reopened.logEndOffset, 60);
      assert.deepEqual(readAll(reopened), before);
      for (let o = 0; o < 60; o += 7) assert.ok(reopened.read(o, 1).firstOffset <= o);
    });
  });

  describe('recovery', () => {
    it('truncates a torn batch at the tail on recovery', () => {
      const { log, fs, options } = setupLog();
      log.append(makeBatch(2), { leaderEpoch: 0 });
      log.flush();
      log.append(makeBatch(2), { leaderEpoch: 0 });
      const path = `${dir}/00000000000000000000.log`;
      const size = fs.size(path);
      // Cut the last batch short, as a torn write would.
      const h = fs.open(path, 'rw');
      h.truncate(size - 5);
      h.close();
      log.closeWithoutFlush();
      const reopened = PartitionLog.open(options());
      assert.equal(reopened.logEndOffset, 2);
      assert.equal(readAll(reopened).length, 2);
      assert.equal(reopened.append(makeBatch(1), { leaderEpoch: 0 }).baseOffset, 2);
    });

    it('truncates at a batch with a flipped bit and deletes later segments', () => {
      const { log, fs, options } = setupLog({ 'segment.bytes': 300 });
      for (let i = 0; i < 6; i++) log.append(makeBatch(2, { valueBytes: 40 }), { leaderEpoch: 0 });
      assert.ok(log.numberOfSegments >= 3);
      const second = log.segmentBaseOffsets()[1]!;
      log.close();
      fs.flipBit(`${dir}/${String(second).padStart(20, '0')}.log`, 70);
      const reopened = PartitionLog.open(options({ recoveryPoint: 0 }));
      assert.equal(reopened.logEndOffset, second);
      assert.equal(reopened.numberOfSegments, 2);
      assert.deepEqual(
        readAll(reopened).map((r) => r.offset),
        [...Array(second).keys()],
      );
    });

    it('rebuilds missing indexes', () => {
      const { log, fs, options } = setupLog({ 'index.interval.bytes': 50 });
      for (let i = 0; i < 10; i++) log.append(makeBatch(2), { leaderEpoch: 0 });
      const before = readAll(log);
      log.close();
      fs.unlink(`${dir}/00000000000000000000.index`);
      const reopened = PartitionLog.open(options({ hadCleanShutdown: true }));
      assert.deepEqual(readAll(reopened), before);
      assert.ok(fs.size(`${dir}/00000000000000000000.index`) > 0);
    });

    it('opens after a clean shutdown without reading the log beyond the tail', () => {
      const { log, fs, options } = setupLog({ 'segment.bytes': 2000, 'index.interval.bytes': 200 });
      for (let i = 0; i < 200; i++) log.append(makeBatch(2, { valueBytes: 50 }), { leaderEpoch: 0 });
      log.close();
      const total = log.size;
      fs.resetStats();
      const reopened = PartitionLog.open(
        options({ hadCleanShutdown: true, recoveryPoint: log.logEndOffset }),
      );
      assert.equal(reopened.logEndOffset, 400);
      assert.ok(fs.stats.bytesRead < total / 4, `read ${fs.stats.bytesRead} of ${total} bytes`);
    });

    it('rebuilds an index whose entries point past the log', () => {
      const { log, fs, options } = setupLog({ 'index.interval.bytes': 50 });
      for (let i = 0; i < 10; i++) log.append(makeBatch(2), { leaderEpoch: 0 });
      const before = readAll(log);
      log.close();
      const h = fs.open(`${dir}/00000000000000000000.index`, 'rw');
      h.write(Buffer.from([0, 0, 0, 9, 0x7f, 0, 0, 0]), 0);
      h.close();
      const reopened = PartitionLog.open(options({ hadCleanShutdown: true, recoveryPoint: 20 }));
      assert.deepEqual(readAll(reopened), before);
    });

    it('rebuilds the leader-epoch cache from the batches when its checkpoint is lost', () => {
      const { log, fs, options } = setupLog();
      log.append(makeBatch(2), { leaderEpoch: 1 });
      log.append(makeBatch(2), { leaderEpoch: 4 });
      log.closeWithoutFlush();
      fs.unlink(`${dir}/leader-epoch-checkpoint`);
      const reopened = PartitionLog.open(options());
      assert.deepEqual(reopened.leaderEpochCache.epochEntries(), [
        { epoch: 1, startOffset: 0 },
        { epoch: 4, startOffset: 2 },
      ]);
      assert.deepEqual(reopened.endOffsetForEpoch(1), { epoch: 1, endOffset: 2 });
    });

    it('removes orphan temporary files on open', () => {
      const { log, fs, options } = setupLog();
      log.append(makeBatch(1), { leaderEpoch: 0 });
      log.close();
      for (const n of [
        'leader-epoch-checkpoint.tmp',
        '00000000000000000005.log.cleaned',
        '00000000000000000007.log.deleted',
      ]) {
        fs.open(`${dir}/${n}`, 'create').close();
      }
      PartitionLog.open(options({ hadCleanShutdown: true })).close();
      assert.deepEqual(
        fs.list(dir).filter((n) => n.endsWith('.tmp') || n.endsWith('.cleaned') || n.endsWith('.deleted')),
        [],
      );
    });

    it('survives a crash with unsynced writes lost: keeps what was flushed', () => {
      const { log, fs, options } = setupLog();
      log.append(makeBatch(3), { leaderEpoch: 1 });
      log.flush();
      log.append(makeBatch(3), { leaderEpoch: 2 });
      fs.crash({ random: new SeededRandom(1) });
      const reopened = PartitionLog.open(options({ recoveryPoint: 3 }));
      assert.ok(reopened.logEndOffset === 3 || reopened.logEndOffset === 6);
      assert.deepEqual(
        readAll(reopened).map((r) => r.offset),
        [...Array(reopened.logEndOffset).keys()],
      );
      assert.equal(reopened.append(makeBatch(1), { leaderEpoch: 3 }).baseOffset, reopened.logEndOffset - 1);
    });
  });

  describe('storage errors', () => {
    it('rolls back a write that fails with ENOSPC: the batch never becomes visible', () => {
      const { log, fs, options } = setupLog();
      log.append(makeBatch(2), { leaderEpoch: 0 });
      fs.injectFault({ op: 'append', code: 'ENOSPC', path: '.log' });
      expectKafkaError(() => log.append(makeBatch(2), { leaderEpoch: 0 }), 'KAFKA_STORAGE_ERROR');
      assert.equal(log.logEndOffset, 2);
      assert.equal(log.offline, false);
      assert.equal(log.append(makeBatch(1), { leaderEpoch: 0 }).baseOffset, 2);
      log.close();
      const reopened = PartitionLog.open(options());
      assert.equal(reopened.logEndOffset, 3);
    });

    it('rolls back the log when the leader-epoch checkpoint write fails after it', () => {
      const { log, fs } = setupLog();
      log.append(makeBatch(2), { leaderEpoch: 0 });
      const sizeBefore = log.size;
      fs.injectFault({ op: 'rename', code: 'EIO', path: 'leader-epoch-checkpoint' });
      expectKafkaError(() => log.append(makeBatch(2), { leaderEpoch: 1 }), 'KAFKA_STORAGE_ERROR');
      assert.equal(log.size, sizeBefore);
      assert.equal(log.logEndOffset, 2);
      assert.equal(log.append(makeBatch(1), { leaderEpoch: 1 }).baseOffset, 2);
    });

    it('a rolled-back batch stays gone after a crash that keeps every unsynced write but the last', () => {
      const { log, fs, options } = setupLog();
      log.append(makeBatch(2), { leaderEpoch: 0 });
      fs.injectFault({ op: 'rename', code: 'EIO', path: 'leader-epoch-checkpoint' });
      expectKafkaError(
        () => log.append(makeBatch(2, { tag: 'rejected' }), { leaderEpoch: 1 }),
        'KAFKA_STORAGE_ERROR',
      );
      fs.clearFaults();
      // Keep all pending operations of each file except the last one (here: the rollback's truncate).
      fs.crash({ random: { next: () => 0, int: (bound) => Math.max(0, bound - 2) }, tear: false });
      const reopened = PartitionLog.open(options());
      assert.ok(readAll(reopened).every((r) => !r.value.startsWith('rejected')));
      assert.ok(reopened.logEndOffset <= 2);
    });

    it('goes offline when the rollback fails too', () => {
      const { log, fs } = setupLog();
      log.append(makeBatch(2), { leaderEpoch: 0 });
      fs.injectFault({ op: 'rename', code: 'EIO', path: 'leader-epoch-checkpoint' });
      fs.injectFault({ op: 'truncate', code: 'EIO', path: '.log' });
      expectKafkaError(() => log.append(makeBatch(2), { leaderEpoch: 1 }), 'KAFKA_STORAGE_ERROR');
      assert.equal(log.offline, true);
      expectKafkaError(() => log.read(0, 100), 'KAFKA_STORAGE_ERROR');
      expectKafkaError(() => log.append(makeBatch(1), { leaderEpoch: 0 }), 'KAFKA_STORAGE_ERROR');
    });

    it('goes offline when a failed write cannot be truncated away', () => {
      const { log, fs } = setupLog();
      log.append(makeBatch(2), { leaderEpoch: 0 });
      fs.injectFault({ op: 'append', code: 'EIO', path: '.log' });
      fs.injectFault({ op: 'truncate', code: 'EIO', path: '.log' });
      expectKafkaError(() => log.append(makeBatch(2), { leaderEpoch: 0 }), 'KAFKA_STORAGE_ERROR');
      assert.equal(log.offline, true);
    });
  });

  describe('truncation and log start offset', () => {
    it('truncateTo removes later segments and cuts the one holding the offset', () => {
      const { log } = setupLog({ 'segment.bytes': 300 });
      for (let i = 0; i < 8; i++) log.append(makeBatch(2, { valueBytes: 40 }), { leaderEpoch: i });
      const segmentsBefore = log.numberOfSegments;
      log.truncateTo(5);
      assert.equal(log.logEndOffset, 4, 'whole batches only: offset 5 sits in batch 4..5');
      assert.ok(log.numberOfSegments < segmentsBefore);
      assert.deepEqual(
        readAll(log).map((r) => r.offset),
        [0, 1, 2, 3],
      );
      assert.equal(log.append(makeBatch(1), { leaderEpoch: 9 }).baseOffset, 4);
      assert.deepEqual(log.leaderEpochCache.epochEntries().at(-1), { epoch: 9, startOffset: 4 });
      assert.ok(log.leaderEpochCache.epochEntries().every((e) => e.startOffset <= 4));
    });

    it('truncateFullyAndStartAt empties the log at a new offset', () => {
      const { log } = setupLog();
      log.append(makeBatch(3), { leaderEpoch: 0 });
      log.truncateFullyAndStartAt(100);
      assert.equal(log.logStartOffset, 100);
      assert.equal(log.logEndOffset, 100);
      assert.equal(log.append(makeBatch(1), { leaderEpoch: 0 }).baseOffset, 100);
    });

    it('deleteRecordsBefore moves the log start offset and refuses to go past the bound', () => {
      const { log } = setupLog({ 'segment.bytes': 300 });
      for (let i = 0; i < 8; i++) log.append(makeBatch(2, { valueBytes: 40 }), { leaderEpoch: 0 });
      expectKafkaError(() => log.deleteRecordsBefore(17), 'OFFSET_OUT_OF_RANGE');
      expectKafkaError(() => log.deleteRecordsBefore(10, 9), 'OFFSET_OUT_OF_RANGE');
      const segments = log.numberOfSegments;
      assert.equal(log.deleteRecordsBefore(9), 9);
      assert.ok(log.numberOfSegments < segments, 'segments wholly below the start are deleted');
      expectKafkaError(() => log.read(8, 100), 'OFFSET_OUT_OF_RANGE');
      assert.equal(readAll(log)[0]!.offset, 9);
    });

    it('follower appends keep offsets and epochs, and must continue the log', () => {
      const leader = setupLog();
      leader.log.append(makeBatch(2), { leaderEpoch: 3 });
      leader.log.append(makeBatch(2), { leaderEpoch: 4 });
      const fetched = leader.log.read(0, 1 << 20).bytes;
      const follower = setupLog().log;
      assert.deepEqual(follower.appendAsFollower(Buffer.from(fetched)), { baseOffset: 0, lastOffset: 3 });
      assert.deepEqual(follower.leaderEpochCache.epochEntries(), [
        { epoch: 3, startOffset: 0 },
        { epoch: 4, startOffset: 2 },
      ]);
      expectKafkaError(() => follower.appendAsFollower(Buffer.from(fetched)), 'OFFSET_OUT_OF_RANGE');
    });
  });

  describe('offsets by timestamp', () => {
    it('finds the first offset with a timestamp at or after the target', async () => {
      const { log } = setupLog({ 'segment.bytes': 400, 'index.interval.bytes': 50 });
      for (let i = 0; i < 10; i++) log.append(makeBatch(3, { timestamp: 1000 + i * 10 }), { leaderEpoch: 0 });
      // batch i holds timestamps 1000+10i .. 1000+10i+2 at offsets 3i .. 3i+2
      assert.deepEqual(await log.offsetForTimestamp(1041), { timestamp: 1041, offset: 13 });
      assert.deepEqual(await log.offsetForTimestamp(1043), { timestamp: 1050, offset: 15 });
      assert.deepEqual(await log.offsetForTimestamp(0), { timestamp: 1000, offset: 0 });
      assert.equal(await log.offsetForTimestamp(5000), undefined);
      assert.equal(log.earliestOffset(), 0);
      assert.equal(log.latestOffset(), 30);
    });
  });

  describe('retention', () => {
    it('deletes segments older than retention.ms, never the active one', () => {
      const { log, clock, fs } = setupLog({ 'segment.bytes': 300, 'retention.ms': 1000 });
      const now = clock.now();
      for (let i = 0; i < 6; i++)
        log.append(makeBatch(2, { valueBytes: 40, timestamp: now }), { leaderEpoch: 0 });
      const segments = log.numberOfSegments;
      assert.equal(log.deleteOldSegments(), 0);
      clock.advance(1002);
      assert.equal(log.deleteOldSegments(), segments - 1);
      assert.equal(log.numberOfSegments, 1);
      assert.equal(log.logStartOffset, log.segmentBaseOffsets()[0]);
      assert.deepEqual(
        fs.list(dir).filter((n) => n.endsWith('.deleted')),
        [],
      );
    });

    it('deletes the oldest segments beyond retention.bytes, stopping at the bound', () => {
      const { log } = setupLog({ 'segment.bytes': 300, 'retention.bytes': 1 });
      for (let i = 0; i < 6; i++) log.append(makeBatch(2, { valueBytes: 40 }), { leaderEpoch: 0 });
      const bases = log.segmentBaseOffsets();
      log.deleteOldSegments(bases[2]!);
      assert.deepEqual(log.segmentBaseOffsets(), bases.slice(2));
      assert.equal(log.logStartOffset, bases[2]);
    });

    it('keeps everything with cleanup.policy=compact', () => {
      const { log, clock } = setupLog({
        'segment.bytes': 300,
        'retention.ms': 1,
        'cleanup.policy': 'compact',
      });
      for (let i = 0; i < 6; i++)
        log.append(makeBatch(2, { valueBytes: 40, timestamp: 0 }), { leaderEpoch: 0 });
      clock.advance(10);
      assert.equal(log.deleteOldSegments(), 0);
    });
  });

  describe('flush policy', () => {
    it('flushes after flush.messages and advances the recovery point', () => {
      const { log, fs } = setupLog({ 'flush.messages': 3 });
      log.append(makeBatch(2), { leaderEpoch: 0 });
      assert.equal(log.recoveryPoint, 0);
      fs.resetStats();
      log.append(makeBatch(2), { leaderEpoch: 0 });
      assert.ok(fs.stats.syncs > 0);
      assert.equal(log.recoveryPoint, 4);
    });

    it('flushes by flush.ms on the Clock', () => {
      const { log, clock } = setupLog({ 'flush.ms': 100 });
      log.append(makeBatch(2), { leaderEpoch: 0 });
      assert.equal(log.maybeFlushByTime(), false);
      clock.advance(100);
      assert.equal(log.maybeFlushByTime(), true);
      assert.equal(log.recoveryPoint, 2);
    });
  });
});

void ErrorCode;

function setBaseOffsetOf(batch: Buffer, offset: number): void {
  setBaseOffset(batch, 0, offset);
}
