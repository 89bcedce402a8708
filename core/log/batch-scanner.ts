import type { FileHandle } from '../io/index.ts';
import { RECORD_BATCH_HEADER_BYTES, RECORD_BATCH_LOG_OVERHEAD, batchSizeAt } from '../records/index.ts';

/** Bytes read per call when walking a segment batch by batch (recovery, index rebuild, time lookups). */
export const scanChunkBytes = 1024 * 1024;

/** One batch found in a file: `buf.subarray(pos, pos + size)` holds it, and it starts at `filePosition`. */
export interface ScannedBatch {
  buf: Buffer;
  pos: number;
  size: number;
  filePosition: number;
}

/**
 * Walks the batches of `handle` from `start` to `end` with large positional reads, yielding each one
 * whose declared size fits before `end`. It stops at the first header that is cut off or declares an
 * impossible size; the caller compares the last yielded end with `end` to spot a torn tail. Contents
 * are not validated here.
 */
export function* scanBatches(
  handle: FileHandle,
  start: number,
  end: number,
  chunkBytes = scanChunkBytes,
): Generator<ScannedBatch> {
  let filePos = start;
  let buf: Buffer = Buffer.alloc(0);
  let bufStart = start;
  while (filePos + RECORD_BATCH_LOG_OVERHEAD <= end) {
    let rel = filePos - bufStart;
    if (rel + RECORD_BATCH_LOG_OVERHEAD > buf.length) {
      buf = readAt(handle, filePos, Math.min(chunkBytes, end - filePos));
      bufStart = filePos;
      rel = 0;
      if (buf.length < RECORD_BATCH_LOG_OVERHEAD) return;
    }
    const size = batchSizeAt(buf, rel);
    if (size < RECORD_BATCH_HEADER_BYTES || filePos + size > end) return;
    if (rel + size > buf.length) {
      buf = readAt(handle, filePos, Math.max(size, Math.min(chunkBytes, end - filePos)));
      bufStart = filePos;
      rel = 0;
      if (buf.length < size) return;
    }
    yield { buf, pos: rel, size, filePosition: filePos };
    filePos += size;
  }
}

/** One positional read of `length` bytes at `position` (fewer at end of file). */
export function readAt(handle: FileHandle, position: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(Math.max(0, length));
  const n = length > 0 ? handle.read(buf, 0, length, position) : 0;
  return n === buf.length ? buf : buf.subarray(0, n);
}
