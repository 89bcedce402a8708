import assert from 'node:assert/strict';
import { ErrorCode, KafkaError } from '../errors/index.ts';
import { SeededRandom } from '../io/index.ts';
import { encodeRecordBatch } from '../records/index.ts';
import { PartitionLog } from './partition-log.ts';
import { logDir as dir, setupLog } from './partition-log-test-support.ts';
import { makeBatch } from './test-batches.ts';

/** A fresh batch of `count` records from an idempotent producer (append rewrites offsets in place). */
function idem(producerId: number, producerEpoch: number, baseSequence: number, count = 2): Buffer {
  return makeBatch(count, { producerId, producerEpoch, baseSequence, tag: `p${producerId}s${baseSequence}` });
}

function rejects(code: number, fn: () => unknown): void {
  assert.throws(fn, (e: unknown) => KafkaError.is(e) && e.code === code);
}

const epoch0 = { leaderEpoch: 0 };

describe('PartitionLog idempotent producers', () => {
  it('answers a retry of any of the last 5 batches with its original offsets and writes nothing', () => {
    const { log } = setupLog();
    const first = [0, 2, 4, 6, 8].map((seq) => log.append(idem(7, 0, seq), epoch0));
    const size = log.size;
    for (const [i, seq] of [0, 2, 4, 6, 8].entries()) {
      assert.deepEqual(log.append(idem(7, 0, seq), epoch0), {
        baseOffset: first[i]!.baseOffset,
        lastOffset: first[i]!.lastOffset,
        duplicate: true,
      });
    }
    assert.equal(log.logEndOffset, 10);
    assert.equal(log.size, size);
    assert.deepEqual(log.append(idem(7, 0, 10), epoch0), { baseOffset: 10, lastOffset: 11 });
  });

  it('refuses a sequence gap with OUT_OF_ORDER_SEQUENCE_NUMBER and an old epoch with INVALID_PRODUCER_EPOCH, writing nothing', () => {
    const { log } = setupLog();
    log.append(idem(7, 0, 0), epoch0);
    log.append(idem(7, 1, 0), epoch0);
    const size = log.size;
    rejects(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, () => log.append(idem(7, 1, 5), epoch0));
    rejects(ErrorCode.INVALID_PRODUCER_EPOCH, () => log.append(idem(7, 0, 2), epoch0));
    rejects(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, () => log.append(idem(7, 2, 3), epoch0));
    assert.equal(log.logEndOffset, 4);
    assert.equal(log.size, size);
    assert.equal(log.producerState.entry(7)?.lastSequence, 1);
  });

  it('refuses a whole multi-batch append when a later batch leaves a gap', () => {
    const { log } = setupLog();
    const both = Buffer.concat([idem(7, 0, 0), idem(7, 0, 3)]);
    rejects(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, () => log.append(both, epoch0));
    assert.equal(log.logEndOffset, 0);
    assert.equal(log.producerState.entry(7), undefined);
  });

  it('leaves producerId -1 batches (kafkajs without idempotence) unchecked and untracked', () => {
    const { log } = setupLog();
    const plain = (): Buffer => makeBatch(2, { producerId: -1, producerEpoch: 0, baseSequence: 0 });
    assert.deepEqual(log.append(plain(), epoch0), { baseOffset: 0, lastOffset: 1 });
    assert.deepEqual(log.append(plain(), epoch0), { baseOffset: 2, lastOffset: 3 });
    assert.equal(log.producerState.producerCount, 0);
  });

  it('records follower appends without checking their sequences', () => {
    const { log } = setupLog();
    const at = (offset: number, seq: number): Buffer =>
      encodeRecordBatch([{ key: 'k', value: `v${seq}` }], {
        baseOffset: offset,
        producerId: 9,
        producerEpoch: 0,
        baseSequence: seq,
      });
    log.appendAsFollower(Buffer.concat([at(0, 0), at(1, 7)]));
    assert.equal(log.producerState.entry(9)?.lastSequence, 7);
    // Had it become leader, a retry of the replicated batch is a duplicate.
    assert.deepEqual(log.append(idem(9, 0, 7, 1), epoch0), { baseOffset: 1, lastOffset: 1, duplicate: true });
  });

  it('keeps the state across a clean restart via the snapshot written on close', () => {
    const { log, fs, options } = setupLog();
    log.append(idem(7, 0, 0), epoch0);
    log.append(makeBatch(3), epoch0);
    log.close();
    assert.ok(fs.exists(`${dir}/00000000000000000005.snapshot`));
    const reopened = PartitionLog.open(options({ hadCleanShutdown: true, recoveryPoint: 5 }));
    assert.deepEqual(reopened.append(idem(7, 0, 0), epoch0), {
      baseOffset: 0,
      lastOffset: 1,
      duplicate: true,
    });
    rejects(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, () => reopened.append(idem(7, 0, 3), epoch0));
    assert.deepEqual(reopened.append(idem(7, 0, 2), epoch0), { baseOffset: 5, lastOffset: 6 });
  });

  it('rebuilds the state from the log after a crash, dropping torn unsynced batches', () => {
    const { log, fs, options } = setupLog();
    log.append(idem(7, 0, 0), epoch0);
    log.append(idem(8, 0, 0), epoch0);
    log.flush();
    log.append(idem(7, 0, 2), epoch0);
    fs.crash({ random: new SeededRandom(1), tear: false });
    const reopened = PartitionLog.open(options());
    assert.equal(reopened.logEndOffset, 4);
    assert.deepEqual(reopened.append(idem(7, 0, 0), epoch0), {
      baseOffset: 0,
      lastOffset: 1,
      duplicate: true,
    });
    assert.deepEqual(reopened.append(idem(8, 0, 0), epoch0), {
      baseOffset: 2,
      lastOffset: 3,
      duplicate: true,
    });
    // The lost batch was never acknowledged as durable: its retry is appended, once.
    assert.deepEqual(reopened.append(idem(7, 0, 2), epoch0), { baseOffset: 4, lastOffset: 5 });
    assert.equal(reopened.append(idem(7, 0, 2), epoch0).duplicate, true);
  });

  it('rebuilds from the newest snapshot written on roll plus the batches after it', () => {
    const { log, fs, options } = setupLog({ 'segment.bytes': 400 });
    for (let seq = 0; seq < 40; seq += 2) log.append(idem(7, 0, seq), epoch0);
    assert.ok(log.numberOfSegments > 2);
    assert.ok(log.producerState.snapshotOffsets().length > 0);
    log.flush();
    fs.crash();
    const reopened = PartitionLog.open(options());
    assert.equal(reopened.producerState.entry(7)?.lastSequence, 39);
    assert.equal(reopened.append(idem(7, 0, 38), epoch0).duplicate, true);
    assert.deepEqual(reopened.append(idem(7, 0, 40), epoch0), { baseOffset: 40, lastOffset: 41 });
  });

  it('drops the state above a truncation point', () => {
    const { log, options } = setupLog();
    log.append(idem(7, 0, 0), epoch0);
    log.append(idem(7, 0, 2), epoch0);
    log.append(idem(7, 0, 4), epoch0);
    log.close();
    const reopened = PartitionLog.open(options({ hadCleanShutdown: true }));
    reopened.truncateTo(2);
    assert.equal(reopened.producerState.entry(7)?.lastSequence, 1);
    assert.deepEqual(reopened.append(idem(7, 0, 2), epoch0), { baseOffset: 2, lastOffset: 3 });
    reopened.truncateFullyAndStartAt(10);
    assert.equal(reopened.producerState.producerCount, 0);
    assert.deepEqual(reopened.append(idem(7, 0, 0), epoch0), { baseOffset: 10, lastOffset: 11 });
  });
});
