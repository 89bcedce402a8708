import assert from 'node:assert/strict';
import { SimulatedFileSystem } from '../io/index.ts';
import { CorruptIndexError, OffsetIndex } from './offset-index.ts';
import { TimeIndex } from './time-index.ts';

function fs(): SimulatedFileSystem {
  const f = new SimulatedFileSystem();
  f.mkdirp('/s');
  return f;
}

describe('OffsetIndex', () => {
  it('finds the entry of the batch holding an offset by binary search, without file reads', () => {
    const f = fs();
    const index = new OffsetIndex(f, '/s/00000000000000000100.index', 100, 1024);
    index.createEmpty();
    // batches [100..104] at 0, [105..109] at 500, [110..119] at 900
    index.append(104, 0, 100);
    index.append(109, 500, 105);
    index.append(119, 900, 110);
    f.resetStats();
    assert.equal(index.lookup(99), 0);
    assert.equal(index.lookup(104), 0);
    assert.equal(index.lookup(105), 500);
    assert.equal(index.lookup(112), 900);
    assert.equal(index.lookup(1000), 900);
    assert.equal(f.stats.reads + f.stats.opens, 0);
  });

  it("writes Kafka's 8-byte entries (relative last offset, position) in one write at sync", () => {
    const f = fs();
    const index = new OffsetIndex(f, '/s/00000000000000000100.index', 100, 1024);
    index.createEmpty();
    index.append(104, 0, 100);
    index.append(109, 500, 105);
    f.resetStats();
    index.sync();
    assert.equal(f.stats.writes, 1);
    const bytes = f.readFile('/s/00000000000000000100.index');
    assert.deepEqual([...bytes], [0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 1, 0xf4]);
    const loaded = new OffsetIndex(f, index.path, 100, 1024);
    loaded.load(1000);
    assert.equal(loaded.entries, 2);
    // Loaded entries only know last offsets: lookups stay conservative (never past the target).
    assert.equal(loaded.lookup(106), 0);
    assert.equal(loaded.lookup(109), 500);
  });

  it('rejects a file that does not describe the log', () => {
    const f = fs();
    const write = (bytes: number[]): string => {
      const h = f.open('/s/00000000000000000000.index', 'truncate');
      h.append(Buffer.from(bytes));
      h.close();
      return '/s/00000000000000000000.index';
    };
    const load = (path: string) => () => new OffsetIndex(f, path, 0, 1024).load(1000);
    assert.throws(
      load(write([0, 0, 0, 5, 0, 0, 0, 100, 0, 0, 0, 3, 0, 0, 0, 200])),
      CorruptIndexError,
      'offsets decrease',
    );
    assert.throws(load(write([0, 0, 0, 5, 0, 0, 0x10, 0])), CorruptIndexError, 'position past the log');
    assert.throws(load(write([0, 0, 0, 5, 0, 0])), CorruptIndexError, 'partial entry');
  });

  it('truncates entries in memory and in the file', () => {
    const f = fs();
    const index = new OffsetIndex(f, '/s/00000000000000000000.index', 0, 1024);
    index.createEmpty();
    index.append(4, 0);
    index.append(9, 100);
    index.append(14, 200);
    index.sync();
    index.truncateToPosition(100);
    assert.equal(index.entries, 1);
    index.close();
    assert.equal(f.size(index.path), 8);
  });
});

describe('TimeIndex', () => {
  it('keeps only increasing timestamps and finds where to start a time lookup', () => {
    const f = fs();
    const index = new TimeIndex(f, '/s/00000000000000000000.timeindex', 0, 1200);
    index.createEmpty();
    index.maybeAppend(1000, 4);
    index.maybeAppend(1000, 9);
    index.maybeAppend(2000, 14);
    assert.equal(index.entries, 2);
    assert.equal(index.lookupStartOffset(500), 0);
    assert.equal(index.lookupStartOffset(1500), 4);
    assert.equal(index.lookupStartOffset(2500), 14);
    index.sync();
    const bytes = f.readFile(index.path);
    assert.equal(bytes.length, 24);
    const loaded = new TimeIndex(f, index.path, 0, 1200);
    loaded.load();
    assert.deepEqual(loaded.lastEntry(), { timestamp: 2000, offset: 14 });
    assert.equal(index.maxEntries, 100);
  });
});
