import assert from 'node:assert/strict';
import { ErrorCode, KafkaError } from '../errors/index.ts';
import { SimulatedClock, SimulatedFileSystem } from '../io/index.ts';
import {
  encodeRecordBatch,
  readBatchHeader,
  setBaseOffset,
  type RecordBatchHeader,
} from '../records/index.ts';
import { producerSnapshotPath } from './producer-state-snapshot.ts';
import {
  ProducerStateManager,
  batchHeadersOf,
  producerIdExpirationMsDefault,
  producerSequenceMax,
  type ProducerCheck,
} from './producer-state.ts';

const dir = '/data/t-0';

/** A minimal partition log: batches with assigned offsets, so tests can replay and truncate it. */
class TestLog {
  batches: Buffer[] = [];
  endOffset = 0;

  /** The broker's produce path: check, append (unless duplicate), then commit the producer state. */
  produce(
    psm: ProducerStateManager,
    producerId: number,
    producerEpoch: number,
    baseSequence: number,
    count = 1,
  ): ProducerCheck & { offset: number } {
    const buf = batch(producerId, producerEpoch, baseSequence, count);
    const verdict = psm.checkBatch(readBatchHeader(buf));
    if (verdict.kind === 'duplicate') return { ...verdict, offset: verdict.baseOffset };
    setBaseOffset(buf, 0, this.endOffset);
    this.batches.push(buf);
    const header = readBatchHeader(buf);
    this.endOffset = header.baseOffset + header.lastOffsetDelta + 1;
    psm.onBatchAppended(header);
    return { ...verdict, offset: header.baseOffset };
  }

  truncateTo(offset: number): void {
    this.batches = this.batches.filter((b) => readBatchHeader(b).baseOffset < offset);
    this.endOffset = offset;
  }

  source = (fromOffset: number): Iterable<RecordBatchHeader> =>
    [...batchHeadersOf(Buffer.concat(this.batches))].filter(
      (h) => h.baseOffset + h.lastOffsetDelta >= fromOffset,
    );
}

function batch(producerId: number, producerEpoch: number, baseSequence: number, count: number): Buffer {
  const records = Array.from({ length: count }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));
  // Copy: the encoder may return a view of a shared slab, and the log rewrites baseOffset in place.
  return Buffer.from(
    encodeRecordBatch(records, { producerId, producerEpoch, baseSequence, baseTimestamp: 1_700_000_000_000 }),
  );
}

function setup(options: { onCorruptSnapshot?: (path: string, error: unknown) => void } = {}) {
  const fs = new SimulatedFileSystem();
  fs.mkdirp(dir);
  const clock = new SimulatedClock();
  const psm = new ProducerStateManager({ fs, dir, clock, ...options });
  return { fs, clock, psm, log: new TestLog() };
}

function rejects(code: number, fn: () => unknown): void {
  assert.throws(fn, (e: unknown) => e instanceof KafkaError && e.code === code);
}

describe('ProducerStateManager', () => {
  it('answers a retry of each of the last 5 batches with its original offsets and appends nothing', () => {
    const { psm, log } = setup();
    const offsets: number[] = [];
    for (let i = 0; i < 7; i++) offsets.push(log.produce(psm, 1000, 0, i * 3, 3).offset);
    const end = log.endOffset;
    for (let i = 2; i < 7; i++) {
      assert.deepEqual(psm.checkBatch(readBatchHeader(batch(1000, 0, i * 3, 3))), {
        kind: 'duplicate',
        baseOffset: offsets[i],
        lastOffset: offsets[i]! + 2,
      });
      assert.equal(log.produce(psm, 1000, 0, i * 3, 3).kind, 'duplicate');
    }
    assert.equal(log.endOffset, end);
    assert.equal(psm.entry(1000)!.batches.length, 5);
  });

  it('treats a retry of the 6th-newest batch as out of order: only 5 are cached', () => {
    const { psm, log } = setup();
    for (let i = 0; i < 6; i++) log.produce(psm, 7, 0, i);
    rejects(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, () => psm.checkBatch(readBatchHeader(batch(7, 0, 0, 1))));
    assert.equal(psm.checkBatch(readBatchHeader(batch(7, 0, 1, 1))).kind, 'duplicate');
  });

  it('refuses a sequence gap and a partial overlap with OUT_OF_ORDER_SEQUENCE_NUMBER', () => {
    const { psm, log } = setup();
    log.produce(psm, 7, 0, 0, 5);
    rejects(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, () => log.produce(psm, 7, 0, 6));
    // Same first sequence as a cached batch but a different last one is not a duplicate.
    rejects(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, () => log.produce(psm, 7, 0, 0, 2));
    assert.equal(log.produce(psm, 7, 0, 5).kind, 'append');
    assert.equal(log.batches.length, 2);
  });

  it('restarts sequences at 0 on an epoch bump and refuses a new epoch starting elsewhere', () => {
    const { psm, log } = setup();
    log.produce(psm, 7, 0, 0);
    log.produce(psm, 7, 0, 1);
    rejects(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, () => log.produce(psm, 7, 1, 2));
    assert.equal(log.produce(psm, 7, 1, 0).kind, 'append');
    assert.equal(log.produce(psm, 7, 1, 1).kind, 'append');
    const e = psm.entry(7)!;
    assert.equal(e.epoch, 1);
    assert.deepEqual(
      e.batches.map((b) => [b.firstSeq, b.lastSeq]),
      [
        [0, 0],
        [1, 1],
      ],
    );
  });

  it('fences batches from an older epoch with INVALID_PRODUCER_EPOCH, even retries of its own batches', () => {
    const { psm, log } = setup();
    log.produce(psm, 7, 3, 0);
    log.produce(psm, 7, 4, 0);
    rejects(ErrorCode.INVALID_PRODUCER_EPOCH, () => log.produce(psm, 7, 3, 0));
    rejects(ErrorCode.INVALID_PRODUCER_EPOCH, () => log.produce(psm, 7, 3, 1));
    assert.equal(log.batches.length, 2);
  });

  it('wraps sequences from 2^31-1 to 0, inside a batch and between batches', () => {
    const { psm, log } = setup();
    log.produce(psm, 7, 0, producerSequenceMax - 2, 2); // sequences max-2, max-1
    log.produce(psm, 7, 0, producerSequenceMax, 3); // max, 0, 1
    assert.equal(psm.entry(7)!.lastSequence, 1);
    assert.equal(psm.checkBatch(readBatchHeader(batch(7, 0, producerSequenceMax, 3))).kind, 'duplicate');
    assert.equal(log.produce(psm, 7, 0, 2).kind, 'append');
    rejects(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, () => log.produce(psm, 7, 0, producerSequenceMax));
    const { psm: p2, log: l2 } = setup();
    l2.produce(p2, 8, 0, producerSequenceMax, 1);
    assert.equal(l2.produce(p2, 8, 0, 0).kind, 'append');
  });

  it('ignores kafkajs-style batches with producerId -1, epoch 0 and sequence 0', () => {
    const { psm, log } = setup();
    for (let i = 0; i < 3; i++) assert.equal(log.produce(psm, -1, 0, 0).kind, 'append');
    assert.equal(log.batches.length, 3);
    assert.equal(psm.producerCount, 0);
    assert.equal(psm.mapEndOffset, 3);
  });

  it('accepts any first sequence from a producer it has no state for (Kafka 3.8, KIP-360)', () => {
    const { psm, log } = setup();
    assert.equal(log.produce(psm, 7, 2, 42).kind, 'append');
    assert.equal(log.produce(psm, 7, 2, 43).kind, 'append');
  });

  it('checks the batches of one append against the state the earlier batches leave', () => {
    const { psm, log } = setup();
    const h = (pid: number, epoch: number, seq: number, count = 1) =>
      readBatchHeader(batch(pid, epoch, seq, count));
    assert.equal(psm.checkBatches([h(7, 0, 5, 2), h(7, 0, 7), h(8, 0, 0)]).kind, 'append');
    rejects(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, () => psm.checkBatches([h(7, 0, 5, 2), h(7, 0, 8)]));
    log.produce(psm, 7, 0, 0);
    assert.equal(psm.checkBatches([h(7, 0, 1), h(7, 1, 0), h(7, 1, 1)]).kind, 'append');
    rejects(ErrorCode.INVALID_PRODUCER_EPOCH, () => psm.checkBatches([h(7, 1, 0), h(7, 0, 1)]));
    rejects(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, () => psm.checkBatches([h(7, 0, 1), h(7, 0, 1)]));
    // A retry among the batches answers the whole append with the cached batch's offsets.
    assert.deepEqual(psm.checkBatches([h(8, 0, 0), h(7, 0, 0)]), {
      kind: 'duplicate',
      baseOffset: 0,
      lastOffset: 0,
    });
    assert.equal(psm.entry(7)!.lastSequence, 0);
    assert.equal(psm.entry(8), undefined);
  });

  it('leaves the state unchanged when the log fails to append a checked batch', () => {
    const { psm, log } = setup();
    log.produce(psm, 7, 0, 0);
    // Checked but never appended (the log hit an I/O error): the retry is a fresh append, not a duplicate.
    assert.equal(psm.checkBatch(readBatchHeader(batch(7, 0, 1, 1))).kind, 'append');
    assert.equal(psm.entry(7)!.lastSequence, 0);
    assert.equal(log.produce(psm, 7, 0, 1).kind, 'append');
    rejects(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, () => log.produce(psm, 7, 0, 3));
  });

  it('refuses a committed batch below the end offset it has already seen', () => {
    const { psm, log } = setup();
    log.produce(psm, 7, 0, 0, 3);
    const stale = readBatchHeader(batch(7, 0, 3, 1)); // baseOffset 0, never assigned
    rejects(ErrorCode.UNKNOWN_SERVER_ERROR, () => psm.onBatchAppended(stale));
  });

  it('restores every producer and its cached batches from a snapshot after a restart', () => {
    const { fs, clock, psm, log } = setup();
    for (let i = 0; i < 6; i++) log.produce(psm, 7, 1, i * 2, 2);
    log.produce(psm, 9, 0, 0);
    const path = psm.takeSnapshot();
    assert.equal(path, producerSnapshotPath(dir, log.endOffset));
    const restarted = new ProducerStateManager({ fs, dir, clock });
    const replayedFrom: number[] = [];
    restarted.recover((from) => {
      replayedFrom.push(from);
      return log.source(from);
    }, log.endOffset);
    assert.deepEqual(replayedFrom, [log.endOffset]);
    assert.deepEqual(restarted.entry(7), psm.entry(7));
    assert.deepEqual(restarted.entry(9), psm.entry(9));
    assert.equal(restarted.mapEndOffset, log.endOffset);
    assert.equal(log.produce(restarted, 7, 1, 2, 2).kind, 'duplicate');
    assert.equal(log.produce(restarted, 7, 1, 12, 2).kind, 'append');
  });

  it('replays the log above the snapshot on recovery', () => {
    const { fs, clock, psm, log } = setup();
    log.produce(psm, 7, 0, 0);
    psm.takeSnapshot();
    log.produce(psm, 7, 0, 1);
    log.produce(psm, 8, 0, 0);
    const restarted = new ProducerStateManager({ fs, dir, clock });
    restarted.recover(log.source, log.endOffset);
    assert.equal(restarted.entry(7)!.lastSequence, 1);
    assert.equal(restarted.entry(8)!.lastOffset, 2);
    assert.equal(log.produce(restarted, 7, 0, 1).kind, 'duplicate');
  });

  it('ignores and reports a corrupt snapshot and rebuilds the state from the log', () => {
    const reported: string[] = [];
    const { fs, clock, psm, log } = setup();
    for (let i = 0; i < 4; i++) log.produce(psm, 7, 0, i);
    const path = psm.takeSnapshot();
    fs.flipBit(path, fs.size(path) - 3);
    const restarted = new ProducerStateManager({
      fs,
      dir,
      clock,
      onCorruptSnapshot: (p) => reported.push(p),
    });
    restarted.recover(log.source, log.endOffset);
    assert.deepEqual(reported, [path]);
    assert.equal(restarted.stats.corruptSnapshots, 1);
    assert.equal(fs.exists(path), false);
    assert.equal(restarted.entry(7)!.lastSequence, 3);
    assert.equal(log.produce(restarted, 7, 0, 0).kind, 'duplicate');
  });

  it('surfaces an I/O error reading a snapshot instead of discarding the snapshot', () => {
    const { fs, clock, psm, log } = setup();
    log.produce(psm, 7, 0, 0);
    const path = psm.takeSnapshot();
    fs.injectFault({ op: 'read', code: 'EIO', path: '.snapshot' });
    const restarted = new ProducerStateManager({ fs, dir, clock });
    assert.throws(() => restarted.recover(log.source, log.endOffset), /EIO/);
    assert.equal(fs.exists(path), true);
    assert.equal(restarted.stats.corruptSnapshots, 0);
  });

  it('falls back to the previous snapshot when the newest is corrupt', () => {
    const { fs, clock, psm, log } = setup();
    log.produce(psm, 7, 0, 0);
    psm.takeSnapshot();
    log.produce(psm, 7, 0, 1);
    const newest = psm.takeSnapshot();
    fs.flipBit(newest, 0);
    const replayedFrom: number[] = [];
    const restarted = new ProducerStateManager({ fs, dir, clock });
    restarted.recover((from) => {
      replayedFrom.push(from);
      return log.source(from);
    }, log.endOffset);
    assert.deepEqual(replayedFrom, [1]);
    assert.equal(restarted.entry(7)!.lastSequence, 1);
  });

  it('keeps only the newest 2 snapshots', () => {
    const { psm, log } = setup();
    for (let i = 0; i < 4; i++) {
      log.produce(psm, 7, 0, i);
      psm.takeSnapshot();
    }
    assert.deepEqual(psm.snapshotOffsets(), [3, 4]);
  });

  it('drops state from batches removed by truncation and the snapshots above the point', () => {
    const { psm, log } = setup();
    log.produce(psm, 7, 0, 0, 2); // offsets 0-1
    log.produce(psm, 7, 0, 2, 2); // 2-3
    psm.takeSnapshot(); // at 4
    log.produce(psm, 7, 0, 4, 2); // 4-5
    log.produce(psm, 8, 0, 0); // 6
    psm.takeSnapshot(); // at 7
    log.truncateTo(4);
    psm.truncateTo(4, log.source);
    assert.deepEqual(psm.snapshotOffsets(), [4]);
    assert.equal(psm.entry(8), undefined);
    assert.equal(psm.entry(7)!.lastSequence, 3);
    assert.equal(psm.mapEndOffset, 4);
    // The removed batch is no longer a duplicate: it is appended again, at offset 4.
    assert.deepEqual(log.produce(psm, 7, 0, 4, 2), { kind: 'append', offset: 4 });
  });

  it('truncates below every snapshot by replaying the log from its start', () => {
    const { psm, log } = setup();
    log.produce(psm, 7, 0, 0);
    log.produce(psm, 7, 0, 1);
    psm.takeSnapshot();
    log.truncateTo(1);
    psm.truncateTo(1, log.source);
    assert.deepEqual(psm.snapshotOffsets(), []);
    assert.equal(psm.entry(7)!.lastSequence, 0);
  });

  it('forgets everything on truncateFullyAndStartAt', () => {
    const { psm, log } = setup();
    log.produce(psm, 7, 0, 0);
    psm.takeSnapshot();
    psm.truncateFullyAndStartAt(100);
    assert.equal(psm.producerCount, 0);
    assert.deepEqual(psm.snapshotOffsets(), []);
    assert.equal(psm.mapEndOffset, 100);
  });

  it('drops producers whose last write is below the log start offset on recovery', () => {
    const { fs, clock, psm, log } = setup();
    log.produce(psm, 7, 0, 0);
    log.produce(psm, 8, 0, 0);
    psm.takeSnapshot();
    const restarted = new ProducerStateManager({ fs, dir, clock });
    restarted.recover(log.source, log.endOffset, 1);
    assert.equal(restarted.entry(7), undefined);
    assert.equal(restarted.entry(8)!.lastOffset, 1);
  });

  it('counts a replayed batch without a timestamp as written at recovery, so its producer is not expired at once', () => {
    const { fs, clock, psm } = setup();
    clock.advance(1_700_000_000_000);
    const buf = Buffer.from(
      encodeRecordBatch([{ key: 'k', value: 'v' }], { producerId: 9, producerEpoch: 0, baseSequence: 0 }),
    );
    assert.equal(readBatchHeader(buf).maxTimestamp, -1);
    psm.onBatchAppended(readBatchHeader(buf));
    const restarted = new ProducerStateManager({ fs, dir, clock });
    restarted.recover(() => [readBatchHeader(buf)], 1);
    assert.equal(restarted.removeExpiredProducers(), 0);
    assert.equal(restarted.checkBatch(readBatchHeader(buf)).kind, 'duplicate');
    clock.advance(producerIdExpirationMsDefault);
    assert.equal(restarted.removeExpiredProducers(), 1);
  });

  it('expires a producer after producer.id.expiration.ms without writes on the clock', () => {
    const { clock, psm, log } = setup();
    log.produce(psm, 7, 0, 0);
    clock.advance(1000);
    log.produce(psm, 8, 0, 0);
    clock.advance(producerIdExpirationMsDefault - 1001);
    assert.equal(psm.removeExpiredProducers(), 0);
    clock.advance(1);
    assert.equal(psm.removeExpiredProducers(), 1);
    assert.equal(psm.entry(7), undefined);
    assert.notEqual(psm.entry(8), undefined);
    assert.equal(psm.stats.expiredProducers, 1);
    // With its state gone, the producer may continue from any sequence.
    assert.equal(log.produce(psm, 7, 0, 57).kind, 'append');
  });
});

describe('ProducerStateManager.advanceTo', () => {
  it('moves the end offset forward only, so a snapshot is named by the log end without tracking anyone', () => {
    const fs = new SimulatedFileSystem();
    fs.mkdirp('/d');
    const psm = new ProducerStateManager({ fs, dir: '/d', clock: new SimulatedClock() });
    psm.advanceTo(42);
    psm.advanceTo(7);
    assert.equal(psm.mapEndOffset, 42);
    assert.equal(psm.producerCount, 0);
  });
});
