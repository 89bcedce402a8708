import { createHash } from 'node:crypto';
import { ConnectException } from '../../../actors/connect/index.ts';
import type { FileHandle, FileSystem } from '../../../core/io/index.ts';

/** The first bytes of a file that identify it: a file whose head changed was replaced (rotated). */
export const fingerprintBytesMax = 64;
/** Bytes read per read call; a longer line grows the read up to `lineBytesMax`. */
export const readChunkBytes = 64 * 1024;
/** The longest line the tail accepts; a longer one fails the task rather than grow without bound. */
export const lineBytesMax = 16 * 1024 * 1024;

/**
 * Where a tail stands: the byte position of the next unread line, and the fingerprint of the file it
 * belongs to (a hash of its first `headLength` bytes; headLength 0 before anything was read).
 */
export interface TailPosition {
  readonly position: number;
  readonly head: string;
  readonly headLength: number;
}

/** One complete line and the position just after its newline (the offset to resume from). */
export interface TailLine {
  readonly text: string;
  readonly end: number;
}

/** Why a read started over at byte 0, if it did. */
export type TailReset = 'truncated' | 'replaced' | null;

export interface TailRead {
  readonly lines: TailLine[];
  readonly reset: TailReset;
  /** False when the file does not exist (yet, or any more); no lines then. */
  readonly exists: boolean;
}

export const startOfFile: TailPosition = Object.freeze({ position: 0, head: '', headLength: 0 });

function hashOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Follows a growing text file line by line through the FileSystem port, the way `tail -F` does:
 * only complete lines (ending in `\n`; a `\r` before it is dropped) are returned, so a line being
 * written is read once it is finished. The file is opened for each read, so a file renamed away and
 * re-created under the same path is followed to the new file.
 *
 * Truncation and rotation: a file shorter than the position was truncated, and a file whose first
 * bytes no longer match the fingerprint was replaced; either way reading starts over at byte 0 of
 * what is there now. Lines appended to a rotated-away file after the last read are not seen (as with
 * any tail by name), and a replacement whose first 64 bytes equal the old file's cannot be told apart.
 */
export class FileTail {
  private readonly fs: FileSystem;
  readonly path: string;
  private state: TailPosition;

  constructor(fs: FileSystem, path: string, start: TailPosition = startOfFile) {
    if (!(Number.isSafeInteger(start.position) && start.position >= 0)) {
      throw new ConnectException(`file tail of ${path}: position must be an integer >= 0`);
    }
    this.fs = fs;
    this.path = path;
    this.state = start;
  }

  get position(): TailPosition {
    return this.state;
  }

  /** Reads up to `maxLines` complete lines from the current position. */
  read(maxLines: number): TailRead {
    if (!this.fs.exists(this.path)) return { lines: [], reset: null, exists: false };
    const handle = this.fs.open(this.path, 'r');
    try {
      const size = handle.size();
      const reset = this.checkIdentity(handle, size);
      if (reset !== null) this.state = startOfFile;
      this.refreshFingerprint(handle, size);
      const lines = this.readLines(handle, size, maxLines);
      return { lines, reset, exists: true };
    } finally {
      handle.close();
    }
  }

  private checkIdentity(handle: FileHandle, size: number): TailReset {
    if (size < this.state.position) return 'truncated';
    const { head, headLength } = this.state;
    if (headLength === 0) return null;
    if (size < headLength) return 'truncated';
    return hashOf(readAt(handle, 0, headLength)) === head ? null : 'replaced';
  }

  /** Extends the fingerprint while the file is shorter than `fingerprintBytesMax`. */
  private refreshFingerprint(handle: FileHandle, size: number): void {
    const length = Math.min(size, fingerprintBytesMax);
    if (length <= this.state.headLength) return;
    this.state = { ...this.state, head: hashOf(readAt(handle, 0, length)), headLength: length };
  }

  private readLines(handle: FileHandle, size: number, maxLines: number): TailLine[] {
    const lines: TailLine[] = [];
    let position = this.state.position;
    let chunk = readChunkBytes;
    while (lines.length < maxLines && position < size) {
      const available = size - position;
      const want = Math.min(available, chunk);
      const bytes = readAt(handle, position, want);
      let lineStart = 0;
      for (
        let i = bytes.indexOf(0x0a);
        i >= 0 && lines.length < maxLines;
        i = bytes.indexOf(0x0a, lineStart)
      ) {
        const lineEnd = i > lineStart && bytes[i - 1] === 0x0d ? i - 1 : i;
        lines.push({ text: bytes.toString('utf8', lineStart, lineEnd), end: position + i + 1 });
        lineStart = i + 1;
      }
      if (lineStart === 0) {
        // No complete line in what was read: wait for the writer at EOF, else read a longer span.
        if (want === available) break;
        if (chunk >= lineBytesMax) {
          throw new ConnectException(
            `${this.path}: a line at byte ${position} is longer than ${lineBytesMax} bytes`,
          );
        }
        chunk = Math.min(chunk * 2, lineBytesMax);
        continue;
      }
      position += lineStart;
    }
    if (lines.length > 0) this.state = { ...this.state, position: lines[lines.length - 1]!.end };
    return lines;
  }
}

function readAt(handle: FileHandle, position: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let read = 0;
  while (read < length) {
    const n = handle.read(buffer, read, length - read, position + read);
    if (n === 0) break;
    read += n;
  }
  return read === length ? buffer : buffer.subarray(0, read);
}
