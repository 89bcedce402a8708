import assert from 'node:assert/strict';
import { SimulatedClock, SimulatedFileSystem } from '../io/index.ts';
import {
  BatchAttributes,
  batchPositions,
  decodeRecords,
  encodeRecordBatch,
  readBatchHeader,
} from '../records/index.ts';
import { LogCleaner } from './log-cleaner.ts';
import { LogConfig } from './log-config.ts';
import { LogManager } from './log-manager.ts';
import { PartitionLog, type PartitionLogOptions } from './partition-log.ts';
import { makeBatch } from './test-batches.ts';

const dir = '/d/c-0';

function setup(config: Record<string, unknown> = {}, extra: Partial<PartitionLogOptions> = {}) {
  const fs = new SimulatedFileSystem();
  const clock = new SimulatedClock();
  const options: PartitionLogOptions = {
    fs,
    clock,
    dir,
    topic: 'c',
    partition: 0,
    config: LogConfig.from({ 'cleanup.policy': 'compact', ...config }),
    ...extra,
  };
  return { fs, clock, options, log: PartitionLog.open(options), cleaner: new LogCleaner({ fs, clock }) };
}

function contents(log: PartitionLog): Array<[number, string, string | null]> {
  const out: Array<[number, string, string | null]> = [];
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const r = log.read(offset, 1 << 20);
    if (r.bytes.length === 0) break;
    for (const [pos, size] of batchPositions(r.bytes)) {
      for (const rec of decodeRecords(r.bytes.subarray(pos, pos + size))) {
        out.push([rec.offset, rec.key!.toString(), rec.value?.toString() ?? null]);
      }
    }
    offset = r.nextOffset;
  }
  return out;
}

describe('LogCleaner', () => {
  it('keeps the latest record per key with offsets preserved, leaving the active segment alone', async () => {
    const { log, cleaner } = setup();
    log.append(makeBatch(3, { keys: ['a', 'b', 'a'], tag: 'x' }), { leaderEpoch: 0 });
    log.append(makeBatch(2, { keys: ['b', 'c'], tag: 'y' }), { leaderEpoch: 0 });
    log.roll();
    log.append(makeBatch(2, { keys: ['a', 'a'], tag: 'z' }), { leaderEpoch: 0 });
    const result = await cleaner.clean(log);
    assert.equal(result.cleanedUpTo, 5);
    assert.equal(result.recordsRemoved, 2);
    assert.deepEqual(contents(log), [
      [2, 'a', 'xv2'],
      [3, 'b', 'yv0'],
      [4, 'c', 'yv1'],
      [5, 'a', 'zv0'],
      [6, 'a', 'zv1'],
    ]);
    assert.equal(log.logEndOffset, 7);
  });

  it('marks kept tombstones with a delete horizon and drops them once it passes', async () => {
    const { log, cleaner, clock } = setup({ 'delete.retention.ms': 1000 });
    log.append(makeBatch(1, { keys: ['a'] }), { leaderEpoch: 0 });
    log.append(tombstoneBatch('a'), { leaderEpoch: 0 });
    log.roll();
    log.append(makeBatch(1, { keys: ['b'] }), { leaderEpoch: 0 });
    await cleaner.clean(log);
    assert.deepEqual(contents(log), [
      [1, 'a', null],
      [2, 'b', 'v0'],
    ]);
    const first = log.read(1, 1000).bytes;
    const header = readBatchHeader(first);
    assert.ok((header.attributes & BatchAttributes.deleteHorizon) !== 0, 'delete-horizon flag set');
    assert.equal(header.baseTimestamp, clock.now() + 1000);
    assert.equal(header.baseOffset, 1);
    clock.advance(999);
    await cleaner.clean(log);
    assert.equal(contents(log).length, 2, 'still inside delete.retention.ms');
    clock.advance(1);
    const result = await cleaner.clean(log);
    assert.equal(result.tombstonesRemoved, 1);
    assert.deepEqual(contents(log), [[2, 'b', 'v0']]);
  });

  it('does not clean past the high watermark or records younger than min.compaction.lag.ms', async () => {
    const { log, cleaner, clock } = setup(
      { 'min.compaction.lag.ms': 500 },
      { highWatermarkFollowsLogEnd: false },
    );
    log.append(makeBatch(2, { keys: ['a', 'a'], timestamp: clock.now() }), { leaderEpoch: 0 });
    log.roll();
    log.append(makeBatch(1, { keys: ['b'] }), { leaderEpoch: 0 });
    clock.advance(1000);
    assert.equal((await cleaner.clean(log)).recordsRemoved, 0, 'high watermark is 0');
    log.updateHighWatermark(3);
    const young = setup({ 'min.compaction.lag.ms': 5000 });
    young.log.append(makeBatch(2, { keys: ['a', 'a'], timestamp: young.clock.now() }), { leaderEpoch: 0 });
    young.log.roll();
    assert.equal((await young.cleaner.clean(young.log)).recordsRemoved, 0, 'younger than the lag');
    assert.equal((await cleaner.clean(log)).recordsRemoved, 1);
  });

  it('completes a swap left by a crash after the .swap rename, and drops unfinished .cleaned files', async () => {
    const { log, fs, options } = setup();
    log.append(makeBatch(3, { keys: ['a', 'a', 'a'] }), { leaderEpoch: 0 });
    log.roll();
    log.append(makeBatch(1, { keys: ['b'] }), { leaderEpoch: 0 });
    // Build the cleaned copy by cleaning a twin log, then plant it as a committed swap.
    const twin = setup();
    twin.log.append(makeBatch(3, { keys: ['a', 'a', 'a'] }), { leaderEpoch: 0 });
    twin.log.roll();
    twin.log.append(makeBatch(1, { keys: ['b'] }), { leaderEpoch: 0 });
    await twin.cleaner.clean(twin.log);
    const cleaned = twin.fs.readFile(`${dir}/00000000000000000000.log`);
    log.close();
    const swap = fs.open(`${dir}/00000000000000000000.log.swap`, 'truncate');
    swap.append(cleaned);
    swap.sync();
    swap.close();
    const stale = fs.open(`${dir}/00000000000000000003.log.cleaned`, 'truncate');
    stale.close();
    const reopened = PartitionLog.open({ ...options, hadCleanShutdown: true, recoveryPoint: 4 });
    assert.deepEqual(contents(reopened), [
      [2, 'a', 'v2'],
      [3, 'b', 'v0'],
    ]);
    assert.deepEqual(
      fs.list(dir).filter((n) => n.includes('.swap') || n.includes('.cleaned')),
      [],
    );
  });

  it('discards a committed-looking index swap without its log swap', () => {
    const { log, fs, options } = setup();
    log.append(makeBatch(2, { keys: ['a', 'b'] }), { leaderEpoch: 0 });
    log.close();
    fs.open(`${dir}/00000000000000000000.index.swap`, 'truncate').close();
    const reopened = PartitionLog.open({ ...options, hadCleanShutdown: true });
    assert.equal(contents(reopened).length, 2);
    assert.equal(fs.exists(`${dir}/00000000000000000000.index.swap`), false);
  });

  it('cleans managed logs over min.cleanable.dirty.ratio and checkpoints its progress', async () => {
    const fs = new SimulatedFileSystem();
    const clock = new SimulatedClock();
    const manager = LogManager.open({ fs, clock, logDirs: ['/d'] });
    const log = manager.getOrCreateLog('c', 0, { 'cleanup.policy': 'compact' });
    manager.getOrCreateLog('plain', 0).append(makeBatch(2), { leaderEpoch: 0 });
    log.append(makeBatch(4, { keys: ['a', 'a', 'b', 'b'] }), { leaderEpoch: 0 });
    log.roll();
    const cleaner = new LogCleaner({ fs, clock });
    assert.equal(await cleaner.cleanManagedLogs(manager), 1);
    assert.equal(manager.cleanerOffset('c', 0), 4);
    assert.equal(fs.readFile('/d/cleaner-offset-checkpoint').toString(), '0\n1\nc 0 4\n');
    assert.equal(await cleaner.cleanManagedLogs(manager), 0, 'nothing dirty any more');
    manager.close();
  });

  it('cleans in the background every log.cleaner.backoff.ms on the Clock', async () => {
    const fs = new SimulatedFileSystem();
    const clock = new SimulatedClock();
    const manager = LogManager.open({ fs, clock, logDirs: ['/d'] });
    const log = manager.getOrCreateLog('c', 0, { 'cleanup.policy': 'compact' });
    log.append(makeBatch(3, { keys: ['a', 'a', 'a'] }), { leaderEpoch: 0 });
    log.roll();
    const timer = new LogCleaner({ fs, clock }).start(manager, 1000);
    await clock.runFor(999);
    assert.equal(contents(log).length, 3);
    await clock.runFor(1);
    await clock.runFor(10);
    assert.deepEqual(contents(log), [[2, 'a', 'v2']]);
    timer.cancel();
    manager.close();
  });
});

/** A batch of one record with a null value: a tombstone. */
function tombstoneBatch(key: string): Buffer {
  return encodeRecordBatch([{ key, value: null, timestamp: 1_700_000_000_000 }]);
}
