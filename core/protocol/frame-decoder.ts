import { ErrorCode, KafkaError } from '../errors/index.ts';

/** Kafka's `socket.request.max.bytes` default: the largest request frame a broker accepts (100 MiB). */
export const socketRequestMaxBytesDefault = 104857600;

const sizePrefixBytes = 4;

/**
 * A frame whose size prefix exceeds the limit. Kafka closes such connections without reading the frame;
 * so does FrameDecoder's caller, and the decoder never buffers the oversize body.
 */
export class FrameTooLargeError extends KafkaError {
  readonly frameBytes: number;
  readonly frameBytesMax: number;

  constructor(frameBytes: number, frameBytesMax: number) {
    super(
      frameBytes < 0 ? ErrorCode.INVALID_REQUEST : ErrorCode.MESSAGE_TOO_LARGE,
      frameBytes < 0
        ? `negative frame size ${frameBytes}`
        : `frame of ${frameBytes} bytes exceeds socket.request.max.bytes ${frameBytesMax}`,
    );
    this.name = 'FrameTooLargeError';
    this.frameBytes = frameBytes;
    this.frameBytesMax = frameBytesMax;
  }
}

/**
 * Splits a byte stream into size-prefixed frames, whatever the socket chunk boundaries. A frame that lies
 * inside one chunk is returned as a view of it (no copy); a frame spread over chunks is joined once, when
 * its last byte arrives, so a peer announcing a large frame cannot make us allocate it up front.
 * After an error the decoder is unusable (the connection must be closed).
 */
export class FrameDecoder {
  readonly frameBytesMax: number;
  /** Size prefix bytes gathered so far when the prefix itself is split across chunks. */
  private readonly prefix = Buffer.alloc(sizePrefixBytes);
  private prefixFill = 0;
  /** Size of the frame being gathered, or -1 while reading the size prefix. */
  private frameBytes = -1;
  private readonly pending: Buffer[] = [];
  private pendingBytes = 0;
  private failed: KafkaError | null = null;

  constructor(frameBytesMax = socketRequestMaxBytesDefault) {
    this.frameBytesMax = frameBytesMax;
  }

  /** Bytes held for an incomplete frame (size prefix included). */
  get bufferedBytes(): number {
    return this.prefixFill + this.pendingBytes;
  }

  private startFrame(size: number): void {
    if (size < 0 || size > this.frameBytesMax) {
      this.failed = new FrameTooLargeError(size, this.frameBytesMax);
      throw this.failed;
    }
    this.frameBytes = size;
  }

  /** Feeds one chunk; returns the frames it completed (bytes after each size prefix), in order. */
  push(chunk: Buffer): Buffer[] {
    if (this.failed !== null) throw this.failed;
    const frames: Buffer[] = [];
    let off = 0;
    while (off < chunk.length) {
      if (this.frameBytes < 0) {
        if (this.prefixFill === 0 && chunk.length - off >= sizePrefixBytes) {
          this.startFrame(chunk.readInt32BE(off));
          off += sizePrefixBytes;
        } else {
          const n = Math.min(sizePrefixBytes - this.prefixFill, chunk.length - off);
          chunk.copy(this.prefix, this.prefixFill, off, off + n);
          this.prefixFill += n;
          off += n;
          if (this.prefixFill < sizePrefixBytes) break;
          this.prefixFill = 0;
          this.startFrame(this.prefix.readInt32BE(0));
        }
      }
      const need = this.frameBytes - this.pendingBytes;
      const available = chunk.length - off;
      if (this.pendingBytes === 0 && available >= need) {
        frames.push(chunk.subarray(off, off + need));
        off += need;
        this.frameBytes = -1;
        continue;
      }
      const n = Math.min(need, available);
      this.pending.push(chunk.subarray(off, off + n));
      this.pendingBytes += n;
      off += n;
      if (this.pendingBytes === this.frameBytes) {
        frames.push(Buffer.concat(this.pending, this.pendingBytes));
        this.pending.length = 0;
        this.pendingBytes = 0;
        this.frameBytes = -1;
      }
    }
    // A frame of size 0 completes as soon as its prefix is read, even when no byte follows in this chunk.
    if (this.frameBytes === 0) {
      frames.push(Buffer.alloc(0));
      this.frameBytes = -1;
    }
    return frames;
  }
}
