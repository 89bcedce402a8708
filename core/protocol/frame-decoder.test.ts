import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FrameDecoder, FrameTooLargeError, socketRequestMaxBytesDefault } from './frame-decoder.ts';

function framed(payloads: readonly Buffer[]): Buffer {
  const parts: Buffer[] = [];
  for (const p of payloads) {
    const size = Buffer.alloc(4);
    size.writeInt32BE(p.length);
    parts.push(size, p);
  }
  return Buffer.concat(parts);
}

/** Cuts `stream` at the given (sorted, deduplicated) positions. */
function split(stream: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const p of points) {
    out.push(stream.subarray(prev, p));
    prev = p;
  }
  out.push(stream.subarray(prev));
  return out;
}

describe('FrameDecoder', () => {
  it('yields the same frames whatever the chunk boundaries', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
          { maxLength: 8 },
        ),
        fc.array(fc.nat(), { maxLength: 20 }),
        (payloads, cuts) => {
          const decoder = new FrameDecoder(1000);
          const frames: Buffer[] = [];
          for (const chunk of split(framed(payloads), cuts)) frames.push(...decoder.push(chunk));
          assert.deepEqual(frames, payloads);
          assert.equal(decoder.bufferedBytes, 0);
        },
      ),
    );
  });

  it('returns a frame inside one chunk as a view of that chunk', () => {
    const stream = framed([Buffer.from('hello')]);
    const [frame] = new FrameDecoder().push(stream);
    assert.ok(frame);
    assert.equal(frame.buffer, stream.buffer);
    assert.equal(frame.toString(), 'hello');
  });

  it('rejects an oversize frame from its size prefix alone, without buffering it', () => {
    const decoder = new FrameDecoder(100);
    const prefix = Buffer.alloc(4);
    prefix.writeInt32BE(101);
    assert.throws(
      () => decoder.push(prefix.subarray(0, 2)).concat(decoder.push(prefix.subarray(2))),
      (e: unknown) =>
        e instanceof FrameTooLargeError && e.frameBytes === 101 && e.errorName === 'MESSAGE_TOO_LARGE',
    );
    assert.throws(() => decoder.push(Buffer.alloc(1)), FrameTooLargeError, 'stays failed');
    assert.equal(new FrameDecoder().frameBytesMax, socketRequestMaxBytesDefault);
    assert.equal(socketRequestMaxBytesDefault, 104857600);
  });

  it('rejects a negative size prefix as INVALID_REQUEST', () => {
    assert.throws(
      () => new FrameDecoder().push(Buffer.from('ffffffff', 'hex')),
      (e: unknown) => e instanceof FrameTooLargeError && e.errorName === 'INVALID_REQUEST',
    );
  });

  it('holds an incomplete frame until its last byte arrives', () => {
    const decoder = new FrameDecoder();
    const stream = framed([Buffer.alloc(10, 1), Buffer.alloc(0)]);
    assert.deepEqual(decoder.push(stream.subarray(0, 9)), []);
    assert.equal(decoder.bufferedBytes, 5);
    const frames = decoder.push(stream.subarray(9));
    assert.deepEqual(frames, [Buffer.alloc(10, 1), Buffer.alloc(0)]);
  });
});
