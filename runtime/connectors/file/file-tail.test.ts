import assert from 'node:assert/strict';
import { SimulatedFileSystem } from '../../../core/io/index.ts';
import { FileTail, readChunkBytes } from './file-tail.ts';

function fileWith(text: string): SimulatedFileSystem {
  const fs = new SimulatedFileSystem();
  fs.mkdirp('/d');
  append(fs, text);
  return fs;
}

function append(fs: SimulatedFileSystem, text: string): void {
  const h = fs.open('/d/f', 'create');
  h.append(Buffer.from(text, 'utf8'));
  h.close();
}

const texts = (tail: FileTail, max = 100) => tail.read(max).lines.map((l) => l.text);

describe('FileTail', () => {
  it('returns complete lines with the byte position after each, and holds a line until its newline is written', () => {
    const fs = fileWith('one\ntwo\nthr');
    const tail = new FileTail(fs, '/d/f');
    assert.deepEqual(tail.read(100).lines, [
      { text: 'one', end: 4 },
      { text: 'two', end: 8 },
    ]);
    assert.deepEqual(texts(tail), []);
    append(fs, 'ee\n');
    assert.deepEqual(tail.read(100).lines, [{ text: 'three', end: 14 }]);
    assert.equal(tail.position.position, 14);
  });

  it('drops the \\r of CRLF line ends, keeps empty lines and decodes UTF-8 split across reads', () => {
    const long = 'é'.repeat(readChunkBytes); // two bytes each: the line spans several chunks
    const fs = fileWith(`a\r\n\n${long}\nb\n`);
    const tail = new FileTail(fs, '/d/f');
    assert.deepEqual(texts(tail), ['a', '', long, 'b']);
  });

  it('reads at most maxLines per call and resumes after the last line returned', () => {
    const fs = fileWith('1\n2\n3\n4\n5\n');
    const tail = new FileTail(fs, '/d/f');
    assert.deepEqual(texts(tail, 2), ['1', '2']);
    assert.deepEqual(texts(tail, 2), ['3', '4']);
    assert.deepEqual(texts(tail, 2), ['5']);
  });

  it('starts at a stored position and, given the stored fingerprint, keeps it when the file is the same', () => {
    const fs = fileWith('one\ntwo\n');
    const first = new FileTail(fs, '/d/f');
    first.read(1);
    const resumed = new FileTail(fs, '/d/f', first.position);
    const read = resumed.read(10);
    assert.equal(read.reset, null);
    assert.deepEqual(
      read.lines.map((l) => l.text),
      ['two'],
    );
  });

  it('starts over at byte 0 when the file became shorter than the position (truncated)', () => {
    const fs = fileWith('aaaa\nbbbb\n');
    const tail = new FileTail(fs, '/d/f');
    tail.read(10);
    const h = fs.open('/d/f', 'rw');
    h.truncate(0);
    h.close();
    append(fs, 'c\n');
    const read = tail.read(10);
    assert.equal(read.reset, 'truncated');
    assert.deepEqual(
      read.lines.map((l) => l.text),
      ['c'],
    );
  });

  it('starts over at byte 0 when the file was replaced by one with other first bytes, even a longer one', () => {
    const fs = fileWith('old-1\nold-2\n');
    const tail = new FileTail(fs, '/d/f');
    tail.read(10);
    fs.rename('/d/f', '/d/f.1');
    append(fs, 'new-line-1\nnew-line-2\nnew-line-3\n');
    const read = tail.read(10);
    assert.equal(read.reset, 'replaced');
    assert.deepEqual(
      read.lines.map((l) => l.text),
      ['new-line-1', 'new-line-2', 'new-line-3'],
    );
  });

  it('detects a replacement that happened while no tail was running, from the stored fingerprint', () => {
    const fs = fileWith('first file\n');
    const before = new FileTail(fs, '/d/f');
    before.read(10);
    fs.unlink('/d/f');
    append(fs, 'second file, longer\n');
    const after = new FileTail(fs, '/d/f', before.position);
    const read = after.read(10);
    assert.equal(read.reset, 'replaced');
    assert.deepEqual(
      read.lines.map((l) => l.text),
      ['second file, longer'],
    );
  });

  it('keeps its position while the file does not exist', () => {
    const fs = fileWith('x\n');
    const tail = new FileTail(fs, '/d/f');
    tail.read(10);
    fs.unlink('/d/f');
    assert.deepEqual(tail.read(10), { lines: [], reset: null, exists: false });
    assert.equal(tail.position.position, 2);
  });
});
