import assert from 'node:assert/strict';
import { FileSystemError } from './file-system.ts';
import { SeededRandom } from './random.ts';
import { SimulatedFileSystem } from './simulated-file-system.ts';

function fsWithDir(): SimulatedFileSystem {
  const fs = new SimulatedFileSystem();
  fs.mkdirp('/data/t-0');
  return fs;
}

describe('SimulatedFileSystem', () => {
  it('reads back appended bytes at the positions append returned', () => {
    const fs = fsWithDir();
    const h = fs.open('/data/t-0/a.log', 'create');
    assert.equal(h.append(Buffer.from('hello ')), 0);
    assert.equal(h.append(Buffer.from('world')), 6);
    const out = Buffer.alloc(11);
    assert.equal(h.read(out, 0, 11, 0), 11);
    assert.equal(out.toString(), 'hello world');
    assert.equal(h.size(), 11);
  });

  it('loses every unsynced write on a crash without a random source', () => {
    const fs = fsWithDir();
    const h = fs.open('/data/t-0/a.log', 'create');
    h.append(Buffer.from('durable'));
    h.sync();
    h.append(Buffer.from('-lost'));
    fs.crash();
    assert.equal(fs.readFile('/data/t-0/a.log').toString(), 'durable');
  });

  it('keeps synced bytes and a prefix of unsynced writes, possibly torn, across random crashes', () => {
    for (let seed = 0; seed < 200; seed++) {
      const fs = fsWithDir();
      const h = fs.open('/data/t-0/a.log', 'create');
      h.append(Buffer.from('AAAA'));
      h.sync();
      h.append(Buffer.from('BBBB'));
      h.append(Buffer.from('CCCC'));
      fs.crash({ random: new SeededRandom(seed) });
      const got = fs.readFile('/data/t-0/a.log').toString();
      assert.ok('AAAABBBBCCCC'.startsWith(got), `seed ${seed}: ${got}`);
      assert.ok(got.startsWith('AAAA'), `seed ${seed}: synced bytes lost`);
    }
  });

  it('with anySubset keeps any subset of unsynced writes (holes included), torn or whole, never losing synced bytes', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 300; seed++) {
      const fs = fsWithDir();
      const h = fs.open('/data/t-0/a.log', 'create');
      h.append(Buffer.from('AAAA'));
      h.sync();
      h.append(Buffer.from('BBBB'));
      h.append(Buffer.from('CCCC'));
      fs.crash({ random: new SeededRandom(seed), anySubset: true });
      const got = fs.readFile('/data/t-0/a.log').toString('latin1').replace(/\0/g, '_');
      assert.ok(got.startsWith('AAAA'), `seed ${seed}: synced bytes lost`);
      // Each unsynced write's range holds its bytes, a torn prefix of them, or zeros/nothing.
      assert.match(got, /^AAAA(B{0,4}_{0,4})?(C{0,4})?$/, `seed ${seed}: ${got}`);
      seen.add(got);
    }
    // A later write kept after a lost earlier one leaves a hole: impossible in prefix mode.
    assert.ok(seen.has('AAAA____CCCC'), [...seen].join(' '));
    assert.ok(seen.has('AAAABBBB'));
  });

  it('invalidates open handles on a crash', () => {
    const fs = fsWithDir();
    const h = fs.open('/data/t-0/a.log', 'create');
    fs.crash();
    assert.throws(
      () => h.append(Buffer.from('x')),
      (e: unknown) => e instanceof FileSystemError && e.code === 'EBADF',
    );
  });

  it('replays an unsynced truncate only if the crash keeps it', () => {
    const fs = fsWithDir();
    const h = fs.open('/data/t-0/a.log', 'create');
    h.append(Buffer.from('0123456789'));
    h.sync();
    h.truncate(4);
    fs.crash();
    assert.equal(fs.readFile('/data/t-0/a.log').toString(), '0123456789');
  });

  it('fails the chosen operation with an injected fault, then recovers', () => {
    const fs = fsWithDir();
    const h = fs.open('/data/t-0/a.log', 'create');
    fs.injectFault({ op: 'append', code: 'EIO', path: '.log', after: 1 });
    h.append(Buffer.from('ok'));
    assert.throws(
      () => h.append(Buffer.from('fails')),
      (e: unknown) => e instanceof FileSystemError && e.code === 'EIO',
    );
    h.append(Buffer.from('ok again'));
    assert.equal(fs.readFile('/data/t-0/a.log').toString(), 'okok again');
  });

  it('answers ENOSPC when a write would exceed the capacity, writing nothing', () => {
    const fs = fsWithDir();
    fs.capacityBytes = 8;
    const h = fs.open('/data/t-0/a.log', 'create');
    h.append(Buffer.from('12345'));
    assert.throws(
      () => h.append(Buffer.from('6789')),
      (e: unknown) => e instanceof FileSystemError && e.code === 'ENOSPC',
    );
    assert.equal(h.size(), 5);
  });

  it('flips a stored bit in both the visible and the durable content', () => {
    const fs = fsWithDir();
    const h = fs.open('/data/t-0/a.log', 'create');
    h.append(Buffer.from([0, 0, 0]));
    h.sync();
    fs.flipBit('/data/t-0/a.log', 1, 3);
    fs.crash();
    assert.deepEqual([...fs.readFile('/data/t-0/a.log')], [0, 8, 0]);
  });

  it('lists directory entries and renames files and directories atomically', () => {
    const fs = fsWithDir();
    fs.open('/data/t-0/b.tmp', 'create').append(Buffer.from('x'));
    fs.open('/data/t-0/a.log', 'create');
    fs.rename('/data/t-0/b.tmp', '/data/t-0/b');
    assert.deepEqual(fs.list('/data/t-0'), ['a.log', 'b']);
    fs.rename('/data/t-0', '/data/t-0.deleted');
    assert.deepEqual(fs.list('/data'), ['t-0.deleted']);
    assert.equal(fs.readFile('/data/t-0.deleted/b').toString(), 'x');
  });

  it('counts reads and read bytes in its stats', () => {
    const fs = fsWithDir();
    const h = fs.open('/data/t-0/a.log', 'create');
    h.append(Buffer.alloc(100));
    fs.resetStats();
    h.read(Buffer.alloc(40), 0, 40, 10);
    assert.equal(fs.stats.reads, 1);
    assert.equal(fs.stats.bytesRead, 40);
  });

  it('refuses to open a missing file for reading and a file in a missing directory', () => {
    const fs = new SimulatedFileSystem();
    assert.throws(
      () => fs.open('/nope/a', 'r'),
      (e: unknown) => e instanceof FileSystemError && e.code === 'ENOENT',
    );
    assert.throws(
      () => fs.open('/nope/a', 'create'),
      (e: unknown) => e instanceof FileSystemError && e.code === 'ENOENT',
    );
  });
});
