import assert from 'node:assert/strict';
import * as nodeFs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { KafkaError } from '../errors/index.ts';
import { NodeFileSystem, SeededRandom, SimulatedClock, SimulatedFileSystem } from '../io/index.ts';
import { decodeRecords } from '../records/index.ts';
import { OffsetCheckpointFile } from './checkpoint-file.ts';
import { LogConfig } from './log-config.ts';
import { LogManager, validateTopicName } from './log-manager.ts';
import { makeBatch } from './test-batches.ts';

function isKafka(name: string) {
  return (e: unknown) => KafkaError.is(e) && e.errorName === name;
}

describe('LogManager', () => {
  it('puts new partitions in the log dir with the fewest partitions', () => {
    const fs = new SimulatedFileSystem();
    const manager = LogManager.open({ fs, clock: new SimulatedClock(), logDirs: ['/a', '/b'] });
    manager.getOrCreateLog('t', 0);
    manager.getOrCreateLog('t', 1);
    manager.getOrCreateLog('t', 2);
    assert.equal(manager.logDirOf('t', 0), '/a');
    assert.equal(manager.logDirOf('t', 1), '/b');
    assert.equal(manager.logDirOf('t', 2), '/a');
    assert.ok(fs.exists('/b/t-1/00000000000000000000.log'));
    assert.equal(manager.getOrCreateLog('t', 1), manager.getLog('t', 1));
  });

  it('rejects invalid topic names with INVALID_TOPIC_EXCEPTION', () => {
    for (const bad of ['', '.', '..', 'a b', 'x/y', 'é', 'a'.repeat(250)]) {
      assert.throws(() => validateTopicName(bad), isKafka('INVALID_TOPIC_EXCEPTION'), bad);
    }
    for (const good of ['a', 'a.b_c-D9', 'a'.repeat(249), '...']) validateTopicName(good);
    const manager = LogManager.open({
      fs: new SimulatedFileSystem(),
      clock: new SimulatedClock(),
      logDirs: ['/a'],
    });
    assert.throws(() => manager.getOrCreateLog('bad topic', 0), isKafka('INVALID_TOPIC_EXCEPTION'));
  });

  it('validates topic configs with a clear error naming the key', () => {
    const manager = LogManager.open({
      fs: new SimulatedFileSystem(),
      clock: new SimulatedClock(),
      logDirs: ['/a'],
    });
    assert.throws(
      () => manager.getOrCreateLog('t', 0, { 'segment.bytes': 'lots' }),
      (e: unknown) => KafkaError.is(e, 'INVALID_CONFIG') && e.message.includes('segment.bytes'),
    );
    const log = manager.getOrCreateLog('t', 0, {
      'segment.bytes': '1000',
      'cleanup.policy': 'compact,delete',
    });
    assert.equal(log.config.segmentBytes, 1000);
    assert.equal(log.config.compact && log.config.delete, true);
  });

  it('writes checkpoints and the clean-shutdown marker on close, and removes the marker on open', () => {
    const fs = new SimulatedFileSystem();
    const clock = new SimulatedClock();
    const manager = LogManager.open({ fs, clock, logDirs: ['/a'] });
    const log = manager.getOrCreateLog('orders', 3);
    log.append(makeBatch(5), { leaderEpoch: 2 });
    manager.close();
    assert.ok(fs.exists('/a/.kafka_cleanshutdown'));
    assert.equal(fs.readFile('/a/recovery-point-offset-checkpoint').toString(), '0\n1\norders 3 5\n');
    assert.equal(fs.readFile('/a/orders-3/leader-epoch-checkpoint').toString(), '0\n1\n2 0\n');
    assert.deepEqual(
      new OffsetCheckpointFile(fs, '/a/log-start-offset-checkpoint').read(),
      new Map([['orders-3', 0]]),
    );
    const again = LogManager.open({ fs, clock, logDirs: ['/a'] });
    assert.equal(fs.exists('/a/.kafka_cleanshutdown'), false);
    const reopened = again.getLog('orders', 3)!;
    assert.equal(reopened.logEndOffset, 5);
    assert.equal(decodeRecords(reopened.read(0, 1000).bytes).length, 5);
  });

  it('recovers after a crash: keeps flushed data and accepts appends', () => {
    const fs = new SimulatedFileSystem();
    const clock = new SimulatedClock();
    const manager = LogManager.open({ fs, clock, logDirs: ['/a'] });
    const log = manager.getOrCreateLog('t', 0, { 'segment.bytes': 400 });
    for (let i = 0; i < 10; i++) log.append(makeBatch(2, { valueBytes: 30 }), { leaderEpoch: 0 });
    log.flush();
    manager.checkpointAll();
    for (let i = 0; i < 5; i++) log.append(makeBatch(2, { valueBytes: 30 }), { leaderEpoch: 1 });
    fs.crash({ random: new SeededRandom(7) });
    const recovered = LogManager.open({
      fs,
      clock,
      logDirs: ['/a'],
      configFor: () => LogConfig.from({ 'segment.bytes': 400 }),
    });
    const r = recovered.getLog('t', 0)!;
    assert.ok(r.logEndOffset >= 20 && r.logEndOffset <= 30, `LEO ${r.logEndOffset}`);
    assert.equal(r.append(makeBatch(1), { leaderEpoch: 2 }).baseOffset, r.logEndOffset - 1);
  });

  it('deletes a partition log and forgets it in the checkpoints', () => {
    const fs = new SimulatedFileSystem();
    const manager = LogManager.open({ fs, clock: new SimulatedClock(), logDirs: ['/a'] });
    manager.getOrCreateLog('t', 0).append(makeBatch(1), { leaderEpoch: 0 });
    manager.getOrCreateLog('u', 0);
    assert.equal(manager.deleteLog('t', 0), true);
    assert.equal(manager.getLog('t', 0), undefined);
    assert.equal(
      fs.allFiles().some((f) => f.startsWith('/a/t-0')),
      false,
    );
    assert.equal(fs.readFile('/a/recovery-point-offset-checkpoint').toString(), '0\n1\nu 0 0\n');
    assert.equal(manager.deleteLog('t', 0), false);
  });

  it('finishes deleting a partition folder left with the -delete suffix', () => {
    const fs = new SimulatedFileSystem();
    fs.mkdirp('/a/t-0.0-delete');
    fs.open('/a/t-0.0-delete/00000000000000000000.log', 'create').close();
    LogManager.open({ fs, clock: new SimulatedClock(), logDirs: ['/a'] });
    assert.equal(fs.exists('/a/t-0.0-delete'), false);
  });

  it('runs retention, flush.ms and checkpoints on the Clock', () => {
    const fs = new SimulatedFileSystem();
    const clock = new SimulatedClock();
    const manager = LogManager.open({ fs, clock, logDirs: ['/a'] });
    const log = manager.getOrCreateLog('t', 0, {
      'segment.bytes': 300,
      'retention.ms': 60_000,
      'flush.ms': 2000,
    });
    for (let i = 0; i < 6; i++)
      log.append(makeBatch(2, { valueBytes: 40, timestamp: clock.now() }), { leaderEpoch: 0 });
    const segments = log.numberOfSegments;
    manager.startPeriodicTasks();
    clock.advance(3000);
    assert.equal(log.recoveryPoint, log.logEndOffset, 'flush.ms flushed the log');
    clock.advance(5 * 60 * 1000);
    assert.equal(log.numberOfSegments, 1, `retention deleted ${segments - 1} segments`);
    assert.equal(
      new OffsetCheckpointFile(fs, '/a/log-start-offset-checkpoint').read().get('t-0'),
      log.logStartOffset,
    );
    manager.close();
    assert.equal(manager.backgroundErrors, 0);
  });
});

describe('PartitionLog on the real disk (NodeFileSystem)', () => {
  let root = '';
  beforeEach(() => {
    root = nodeFs.mkdtempSync(nodePath.join(os.tmpdir(), 'tributary-log-'));
  });
  afterEach(() => {
    nodeFs.rmSync(root, { recursive: true, force: true });
  });

  it('appends, rolls, closes and reopens with every record intact', () => {
    const fs = new NodeFileSystem();
    const clock = new SimulatedClock();
    const manager = LogManager.open({ fs, clock, logDirs: [root] });
    const log = manager.getOrCreateLog('t', 0, { 'segment.bytes': 2000, 'index.interval.bytes': 300 });
    for (let i = 0; i < 50; i++) log.append(makeBatch(3, { valueBytes: 40 }), { leaderEpoch: 1 });
    assert.ok(log.numberOfSegments > 3);
    manager.close();
    assert.ok(nodeFs.existsSync(nodePath.join(root, '.kafka_cleanshutdown')));
    const again = LogManager.open({
      fs,
      clock,
      logDirs: [root],
      configFor: () => LogConfig.from({ 'segment.bytes': 2000 }),
    });
    const r = again.getLog('t', 0)!;
    assert.equal(r.logEndOffset, 150);
    let offset = 0;
    let count = 0;
    while (offset < r.logEndOffset) {
      const res = r.read(offset, 500);
      for (const rec of decodeRecords(res.bytes.subarray(0, res.bytes.readInt32BE(8) + 12)))
        if (rec.offset >= offset) count++;
      offset = res.firstOffset + 3;
    }
    assert.equal(count, 150);
    again.close();
  });

  it('recovers a torn tail written to a real file', () => {
    const fs = new NodeFileSystem();
    const clock = new SimulatedClock();
    const manager = LogManager.open({ fs, clock, logDirs: [root] });
    const log = manager.getOrCreateLog('t', 0);
    log.append(makeBatch(2), { leaderEpoch: 0 });
    log.append(makeBatch(2), { leaderEpoch: 0 });
    log.flush();
    const file = nodePath.join(root, 't-0', '00000000000000000000.log');
    nodeFs.truncateSync(file, nodeFs.statSync(file).size - 3);
    // No close: the next open sees no clean-shutdown marker.
    const again = LogManager.open({ fs, clock, logDirs: [root] });
    assert.equal(again.getLog('t', 0)!.logEndOffset, 2);
    again.close();
    manager.allLogs().forEach((l) => l.closeWithoutFlush());
  });
});
