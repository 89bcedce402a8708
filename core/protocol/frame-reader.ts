import { FrameTooLargeError, socketRequestMaxBytesDefault } from './frame-decoder.ts';

const sizePrefixBytes = 4;
/** The slab reads go into between frames: many small frames share one, as views. */
export const frameReaderSlabBytesDefault = 64 * 1024;
/** A read gets at least this much room; a slab with less free room is replaced by a new one. */
const readBytesMin = 4096;

/**
 * Splits a byte stream into size-prefixed frames like FrameDecoder, but also says where each read should
 * land (Node's `onread` option of a socket: the kernel reads straight into the buffer given), so bytes
 * are copied once, by the kernel, and never joined:
 *
 * - between frames, reads go into the free tail of a slab (64 KiB); frames that lie inside it are
 *   returned as views of it. A slab is never written twice at the same place (views handed out stay
 *   valid); when its free tail gets short, a new slab takes over (an incomplete small frame's bytes so
 *   far are copied to it);
 * - once the size prefix of a frame too big for a slab is read, a buffer of exactly that size is
 *   allocated, the bytes of it already read are copied in, and the following reads fill the rest of it
 *   directly, never past its end. A Fetch response of megabytes is thus read in place, with no chunk
 *   list and no Buffer.concat. (Up to `frameBytesMax` is allocated up front on the size prefix alone,
 *   as Kafka's own NetworkReceive does, uninitialized, so memory is committed as bytes arrive; larger
 *   frames fail with FrameTooLargeError before anything is allocated.)
 *
 * - after a frame too big for a slab, the next read takes only the next frame's size prefix (4 bytes;
 *   libuv reads on at once while the socket has data), so that when the next frame is big too (a
 *   stream of produce requests or fetch responses) none of its bytes land in the slab to be copied;
 *   the first small frame after them ends this.
 *
 * A view of a small frame keeps its whole slab alive (64 KiB, shared by the frames read into it), as a
 * view of a socket chunk kept its chunk alive before.
 *
 * Use: give the socket `nextBuffer()` as `onread.buffer` and call `onRead(n)` from `onread.callback`
 * with the number of bytes read. After an error the reader is unusable (the connection must be closed).
 */
export class FrameReader {
  readonly frameBytesMax: number;
  private readonly slabBytes: number;
  private slab: Buffer;
  /** Unparsed bytes of the slab: [start, end). Bytes before `start` may be views handed out. */
  private start = 0;
  private end = 0;
  /** A large frame being read in place, and how much of it has arrived. */
  private frame: Buffer | null = null;
  private frameFill = 0;
  /** What the last nextBuffer() returned: the read lands at its start. */
  private target: 'slab' | 'frame' = 'slab';
  /** The last frame was too big for a slab: read the next size prefix on its own. */
  private prefixFirst = false;
  private failed: FrameTooLargeError | null = null;

  constructor(frameBytesMax = socketRequestMaxBytesDefault, slabBytes = frameReaderSlabBytesDefault) {
    this.frameBytesMax = frameBytesMax;
    this.slabBytes = Math.max(slabBytes, readBytesMin + sizePrefixBytes);
    this.slab = Buffer.allocUnsafe(this.slabBytes);
  }

  /** Bytes held for an incomplete frame (size prefix included). */
  get bufferedBytes(): number {
    return this.frame !== null ? sizePrefixBytes + this.frameFill : this.end - this.start;
  }

  /** Where the next read should put its bytes (never past the end of a frame read in place). */
  nextBuffer(): Buffer {
    if (this.frame !== null) {
      this.target = 'frame';
      return this.frame.subarray(this.frameFill);
    }
    if (this.slab.length - this.end < readBytesMin) this.newSlab(0);
    this.target = 'slab';
    if (this.prefixFirst && this.start === this.end)
      return this.slab.subarray(this.end, this.end + sizePrefixBytes);
    return this.slab.subarray(this.end);
  }

  /**
   * Takes the `n` bytes the last read put at the start of the last nextBuffer(); returns the frames
   * they completed (bytes after each size prefix), in order. Throws FrameTooLargeError for a size
   * prefix outside [0, frameBytesMax].
   */
  onRead(n: number): Buffer[] {
    if (this.failed !== null) throw this.failed;
    if (this.target === 'frame') {
      const frame = this.frame!;
      this.frameFill += n;
      if (this.frameFill < frame.length) return [];
      this.frame = null;
      this.frameFill = 0;
      this.target = 'slab';
      return [frame];
    }
    this.end += n;
    const frames: Buffer[] = [];
    const slab = this.slab;
    while (this.end - this.start >= sizePrefixBytes) {
      const size = slab.readInt32BE(this.start);
      if (size < 0 || size > this.frameBytesMax) {
        this.failed = new FrameTooLargeError(size, this.frameBytesMax);
        throw this.failed;
      }
      const body = this.start + sizePrefixBytes;
      const have = this.end - body;
      if (sizePrefixBytes + size <= this.slabBytes) this.prefixFirst = false;
      if (have >= size) {
        frames.push(slab.subarray(body, body + size));
        this.start = body + size;
        continue;
      }
      if (sizePrefixBytes + size > this.slabBytes) {
        // Too big for any slab: read the rest of it in place.
        const frame = Buffer.allocUnsafe(size);
        slab.copy(frame, 0, body, this.end);
        this.frame = frame;
        this.frameFill = have;
        this.start = this.end;
        this.prefixFirst = true;
      } else if (body + size > slab.length) {
        this.newSlab(sizePrefixBytes + size);
      }
      break;
    }
    return frames;
  }

  /** Moves the unparsed bytes to a new slab with room for `need` bytes from its start. */
  private newSlab(need: number): void {
    const pending = this.end - this.start;
    const slab = Buffer.allocUnsafe(Math.max(this.slabBytes, need, pending + readBytesMin));
    this.slab.copy(slab, 0, this.start, this.end);
    this.slab = slab;
    this.start = 0;
    this.end = pending;
  }
}
