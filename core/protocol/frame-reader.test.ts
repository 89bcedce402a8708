import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FrameTooLargeError, socketRequestMaxBytesDefault } from './frame-decoder.ts';
import { FrameReader, frameReaderSlabBytesDefault } from './frame-reader.ts';

function framed(payloads: readonly Buffer[]): Buffer {
  const parts: Buffer[] = [];
  for (const p of payloads) {
    const size = Buffer.alloc(4);
    size.writeInt32BE(p.length);
    parts.push(size, p);
  }
  return Buffer.concat(parts);
}

/**
 * Plays a socket: each read copies up to `sizes[i]` bytes (at least 1) of `stream` into the buffer
 * the reader asks for, never more than that buffer holds. Returns the frames (copied, so a later
 * overwrite of a reader's buffer would show) and how many reads it took.
 */
function readAll(reader: FrameReader, stream: Buffer, sizes: readonly number[]): Buffer[] {
  const frames: Buffer[] = [];
  const views: Buffer[] = [];
  let pos = 0;
  let i = 0;
  while (pos < stream.length) {
    const target = reader.nextBuffer();
    assert.ok(target.length > 0, 'the reader always offers room');
    const want = Math.max(1, sizes.length === 0 ? stream.length : sizes[i++ % sizes.length]!);
    const n = Math.min(want, target.length, stream.length - pos);
    stream.copy(target, 0, pos, pos + n);
    pos += n;
    for (const f of reader.onRead(n)) {
      views.push(f);
      frames.push(Buffer.from(f));
    }
  }
  // Views handed out earlier must still hold their bytes after every later read.
  assert.deepEqual(views, frames);
  return frames;
}

describe('FrameReader', () => {
  it('yields the same frames as were sent whatever the read sizes, and views stay intact', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.uint8Array({ maxLength: 300 }),
            fc.integer({ min: 0, max: 3 * 4096 }).map((n) => new Uint8Array(n).fill(n & 0xff)),
          ),
          { maxLength: 10 },
        ),
        fc.array(fc.integer({ min: 1, max: 20000 }), { maxLength: 12 }),
        fc.constantFrom(4100, 8192),
        (arrays, sizes, slabBytes) => {
          const payloads = arrays.map((a) => Buffer.from(a));
          const reader = new FrameReader(1 << 20, slabBytes);
          assert.deepEqual(readAll(reader, framed(payloads), sizes), payloads);
          assert.equal(reader.bufferedBytes, 0);
        },
      ),
    );
  });

  it('reads a frame larger than a slab in place: one buffer of its size, filled by the reads, never past its end', () => {
    const reader = new FrameReader();
    const big = Buffer.alloc(3 * frameReaderSlabBytesDefault + 17, 7);
    const stream = framed([Buffer.from('small'), big, Buffer.from('after')]);
    // First read: the small frame and the start of the big one land in the slab.
    const first = reader.nextBuffer();
    assert.equal(first.length, frameReaderSlabBytesDefault);
    stream.copy(first, 0, 0, 1000);
    const [small, ...none] = reader.onRead(1000);
    assert.equal(small!.toString(), 'small');
    assert.deepEqual(none, []);
    // From now on the reads go into the big frame's own buffer, exactly up to its end.
    const rest = reader.nextBuffer();
    const bigStart = 4 + 5 + 4;
    assert.equal(rest.length, big.length - (1000 - bigStart));
    assert.equal(reader.bufferedBytes, 4 + 1000 - bigStart);
    stream.copy(rest, 0, 1000, bigStart + big.length);
    const [whole] = reader.onRead(rest.length);
    assert.ok(whole);
    assert.equal(whole.length, big.length);
    assert.equal(whole.buffer, rest.buffer, 'the frame is the buffer the reads filled');
    assert.deepEqual(whole, big);
    // Then the next size prefix alone, and back to the slab once it announces a small frame.
    const prefix = reader.nextBuffer();
    assert.equal(prefix.length, 4);
    stream.copy(prefix, 0, bigStart + big.length);
    assert.deepEqual(reader.onRead(4), []);
    const next = reader.nextBuffer();
    assert.ok(next.length >= 4096, 'a small frame is read into the slab');
    stream.copy(next, 0, bigStart + big.length + 4);
    assert.deepEqual(reader.onRead(stream.length - bigStart - big.length - 4), [Buffer.from('after')]);
    assert.equal(reader.nextBuffer().length > 4, true, 'after a small frame, reads fill the slab again');
  });

  it('reads big frames that follow a big frame entirely in place: their size prefix first, then their own buffer', () => {
    const reader = new FrameReader();
    const bigs = [1, 2, 3].map((n) => Buffer.alloc(frameReaderSlabBytesDefault + 1000 * n, n));
    const stream = framed(bigs);
    let pos = 0;
    const read = (target: Buffer): Buffer[] => {
      const n = Math.min(target.length, stream.length - pos);
      stream.copy(target, 0, pos, pos + n);
      pos += n;
      return reader.onRead(n);
    };
    // The first lands partly in the slab (nothing says it is big before its prefix is read).
    assert.deepEqual(read(reader.nextBuffer()), []);
    assert.deepEqual(read(reader.nextBuffer()), [bigs[0]]);
    for (const big of bigs.slice(1)) {
      const prefix = reader.nextBuffer();
      assert.equal(prefix.length, 4, 'only the size prefix');
      assert.deepEqual(read(prefix), []);
      const own = reader.nextBuffer();
      assert.equal(own.length, big.length, 'the whole frame is read into its own buffer');
      const [frame] = read(own);
      assert.equal(frame!.buffer, own.buffer);
      assert.deepEqual(frame, big);
    }
    assert.equal(reader.bufferedBytes, 0);
  });

  it('returns small frames as views of one slab (no copy per frame)', () => {
    const reader = new FrameReader();
    const stream = framed([Buffer.from('one'), Buffer.from('two')]);
    const target = reader.nextBuffer();
    stream.copy(target);
    const [a, b] = reader.onRead(stream.length);
    assert.equal(a!.buffer, target.buffer);
    assert.equal(b!.buffer, target.buffer);
    assert.equal(b!.toString(), 'two');
  });

  it('rejects an oversize or negative size prefix before allocating, and stays failed', () => {
    const reader = new FrameReader(100);
    const target = reader.nextBuffer();
    target.writeInt32BE(101, 0);
    assert.throws(
      () => reader.onRead(4),
      (e: unknown) =>
        e instanceof FrameTooLargeError && e.frameBytes === 101 && e.errorName === 'MESSAGE_TOO_LARGE',
    );
    assert.throws(() => reader.onRead(1), FrameTooLargeError, 'stays failed');
    const negative = new FrameReader();
    negative.nextBuffer().writeInt32BE(-1, 0);
    assert.throws(
      () => negative.onRead(4),
      (e: unknown) => e instanceof FrameTooLargeError && e.errorName === 'INVALID_REQUEST',
    );
    assert.equal(new FrameReader().frameBytesMax, socketRequestMaxBytesDefault);
  });

  it('holds a size prefix split over reads and a frame of size 0', () => {
    const reader = new FrameReader();
    const stream = framed([Buffer.alloc(0), Buffer.alloc(10, 1)]);
    let target = reader.nextBuffer();
    stream.copy(target, 0, 0, 6);
    assert.deepEqual(reader.onRead(6), [Buffer.alloc(0)]);
    assert.equal(reader.bufferedBytes, 2);
    target = reader.nextBuffer();
    stream.copy(target, 0, 6);
    assert.deepEqual(reader.onRead(stream.length - 6), [Buffer.alloc(10, 1)]);
  });
});
