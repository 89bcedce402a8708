import assert from 'node:assert/strict';
import { SimulatedFileSystem } from '../io/index.ts';
import { LeaderEpochCheckpointFile, OffsetCheckpointFile } from './checkpoint-file.ts';
import { LeaderEpochCache } from './leader-epoch-cache.ts';
import { KafkaError } from '../errors/index.ts';

describe('LeaderEpochCache', () => {
  function cache() {
    const fs = new SimulatedFileSystem();
    fs.mkdirp('/p');
    const file = new LeaderEpochCheckpointFile(fs, '/p/leader-epoch-checkpoint');
    return { fs, file, cache: new LeaderEpochCache(file) };
  }

  it('assigns only newer epochs and persists each change', () => {
    const { cache: c, file } = cache();
    assert.equal(c.assign(1, 0), true);
    assert.equal(c.assign(1, 5), false);
    assert.equal(c.assign(0, 7), false);
    assert.equal(c.assign(3, 10), true);
    assert.deepEqual(file.read(), [
      { epoch: 1, startOffset: 0 },
      { epoch: 3, startOffset: 10 },
    ]);
  });

  it('answers OffsetsForLeaderEpoch as Kafka does', () => {
    const { cache: c } = cache();
    c.assign(1, 0);
    c.assign(3, 10);
    c.assign(4, 25);
    assert.deepEqual(c.endOffsetFor(1, 40), { epoch: 1, endOffset: 10 });
    assert.deepEqual(
      c.endOffsetFor(2, 40),
      { epoch: 1, endOffset: 10 },
      'unknown epoch: the largest below it',
    );
    assert.deepEqual(c.endOffsetFor(3, 40), { epoch: 3, endOffset: 25 });
    assert.deepEqual(c.endOffsetFor(4, 40), { epoch: 4, endOffset: 40 }, 'latest epoch ends at the log end');
    assert.deepEqual(
      c.endOffsetFor(0, 40),
      { epoch: 0, endOffset: 0 },
      'older than all: where history begins',
    );
    assert.deepEqual(c.endOffsetFor(7, 40), { epoch: -1, endOffset: -1 }, 'newer than the latest: undefined');
    assert.deepEqual(c.endOffsetFor(-1, 40), { epoch: -1, endOffset: -1 });
  });

  it('truncates from the end and from the start', () => {
    const { cache: c } = cache();
    c.assign(1, 0);
    c.assign(3, 10);
    c.assign(4, 25);
    c.truncateFromEnd(25);
    assert.deepEqual(
      c.epochEntries().map((e) => e.epoch),
      [1, 3],
    );
    c.truncateFromStart(12);
    assert.deepEqual(c.epochEntries(), [{ epoch: 3, startOffset: 12 }]);
  });

  it('reads back what it wrote after a restart', () => {
    const { cache: c, file } = cache();
    c.assign(2, 0);
    c.assign(5, 9);
    const reloaded = new LeaderEpochCache(file, file.read());
    assert.deepEqual(reloaded.epochEntries(), c.epochEntries());
    assert.equal(reloaded.latestEpoch(), 5);
  });
});

describe('checkpoint files', () => {
  it('write Kafka text format: version, count, then one line per entry', () => {
    const fs = new SimulatedFileSystem();
    fs.mkdirp('/d');
    const file = new OffsetCheckpointFile(fs, '/d/recovery-point-offset-checkpoint');
    file.write([
      { topic: 'a', partition: 0, offset: 10 },
      { topic: 'b-c', partition: 12, offset: 7 },
    ]);
    assert.equal(fs.readFile('/d/recovery-point-offset-checkpoint').toString(), '0\n2\na 0 10\nb-c 12 7\n');
    assert.deepEqual(
      file.read(),
      new Map([
        ['a-0', 10],
        ['b-c-12', 7],
      ]),
    );
    assert.equal(fs.exists('/d/recovery-point-offset-checkpoint.tmp'), false);
  });

  it('reject a malformed file with KAFKA_STORAGE_ERROR', () => {
    const fs = new SimulatedFileSystem();
    fs.mkdirp('/d');
    const h = fs.open('/d/x', 'create');
    h.append(Buffer.from('0\n3\na 0 1\n'));
    h.close();
    assert.throws(
      () => new OffsetCheckpointFile(fs, '/d/x').read(),
      (e: unknown) => KafkaError.is(e, 'KAFKA_STORAGE_ERROR'),
    );
  });
});
