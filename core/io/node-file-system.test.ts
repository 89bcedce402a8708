import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSystemError, writeFileAtomic } from './file-system.ts';
import { NodeFileSystem } from './node-file-system.ts';

describe('NodeFileSystem', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tributary-fs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends, writes in place and reads back by position', () => {
    const fs = new NodeFileSystem();
    const h = fs.open(join(dir, 'a.log'), 'create');
    assert.equal(h.append(Buffer.from('abcdef')), 0);
    h.write(Buffer.from('XY'), 2);
    assert.equal(h.append(Buffer.from('gh')), 6);
    h.sync();
    const out = Buffer.alloc(8);
    assert.equal(h.read(out, 0, 8, 0), 8);
    assert.equal(out.toString(), 'abXYefgh');
    h.truncate(3);
    assert.equal(h.size(), 3);
    h.close();
    assert.equal(fs.size(join(dir, 'a.log')), 3);
  });

  it('writes a file atomically through tmp + rename', () => {
    const fs = new NodeFileSystem();
    const path = join(dir, 'checkpoint');
    writeFileAtomic(fs, path, Buffer.from('0\n0\n'));
    assert.equal(fs.readFile(path).toString(), '0\n0\n');
    assert.deepEqual(fs.list(dir), ['checkpoint']);
  });

  it('maps node errors to typed FileSystemErrors', () => {
    const fs = new NodeFileSystem();
    assert.throws(
      () => fs.open(join(dir, 'missing'), 'r'),
      (e: unknown) => e instanceof FileSystemError && e.code === 'ENOENT',
    );
  });
});
