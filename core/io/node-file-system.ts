import * as nodeFs from 'node:fs';
import * as nodePath from 'node:path';
import {
  FileSystemError,
  type FileHandle,
  type FileSystem,
  type FileSystemErrorCode,
  type OpenMode,
} from './file-system.ts';

const knownCodes = new Set<string>(['ENOENT', 'EEXIST', 'ENOSPC', 'EIO', 'EISDIR', 'ENOTDIR', 'EBADF']);

function wrap<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== undefined && knownCodes.has(code)) {
      throw new FileSystemError(code as FileSystemErrorCode, path, (err as Error).message);
    }
    throw new FileSystemError('EIO', path, (err as Error).message);
  }
}

const flagsByMode: Record<OpenMode, string> = { r: 'r', rw: 'r+', create: 'a+', truncate: 'w+' };

class NodeFileHandle implements FileHandle {
  readonly path: string;
  private fd: number;
  private length: number;

  constructor(path: string, mode: OpenMode) {
    this.path = path;
    // 'a+' would force every write to the end (O_APPEND), which breaks positional index writes, so
    // create the file first and reopen it read-write.
    if (mode === 'create') {
      wrap(path, () => nodeFs.closeSync(nodeFs.openSync(path, 'a')));
      this.fd = wrap(path, () => nodeFs.openSync(path, 'r+'));
    } else {
      this.fd = wrap(path, () => nodeFs.openSync(path, flagsByMode[mode]));
    }
    this.length = wrap(path, () => nodeFs.fstatSync(this.fd).size);
  }

  read(buffer: Uint8Array, offset: number, length: number, position: number): number {
    return wrap(this.path, () => nodeFs.readSync(this.fd, buffer, offset, length, position));
  }

  append(data: Uint8Array): number {
    const position = this.length;
    this.write(data, position);
    return position;
  }

  write(data: Uint8Array, position: number): void {
    let written = 0;
    while (written < data.length) {
      written += wrap(this.path, () =>
        nodeFs.writeSync(this.fd, data, written, data.length - written, position + written),
      );
    }
    if (position + data.length > this.length) this.length = position + data.length;
  }

  sync(): void {
    wrap(this.path, () => nodeFs.fdatasyncSync(this.fd));
  }

  truncate(size: number): void {
    wrap(this.path, () => nodeFs.ftruncateSync(this.fd, size));
    this.length = size;
  }

  size(): number {
    return this.length;
  }

  close(): void {
    wrap(this.path, () => nodeFs.closeSync(this.fd));
    this.fd = -1;
  }
}

/** The FileSystem port on the real disk through node:fs. */
export class NodeFileSystem implements FileSystem {
  open(path: string, mode: OpenMode): FileHandle {
    return new NodeFileHandle(path, mode);
  }
  exists(path: string): boolean {
    return nodeFs.existsSync(path);
  }
  mkdirp(path: string): void {
    wrap(path, () => nodeFs.mkdirSync(path, { recursive: true }));
  }
  list(dir: string): string[] {
    return wrap(dir, () => nodeFs.readdirSync(dir)).sort();
  }
  rename(from: string, to: string): void {
    wrap(from, () => nodeFs.renameSync(from, to));
  }
  unlink(path: string): void {
    wrap(path, () => nodeFs.unlinkSync(path));
  }
  rmrf(path: string): void {
    wrap(path, () => nodeFs.rmSync(path, { recursive: true, force: true }));
  }
  size(path: string): number {
    return wrap(path, () => nodeFs.statSync(path).size);
  }
  syncDir(dir: string): void {
    wrap(dir, () => {
      const fd = nodeFs.openSync(nodePath.resolve(dir), 'r');
      try {
        nodeFs.fsyncSync(fd);
      } finally {
        nodeFs.closeSync(fd);
      }
    });
  }
  readFile(path: string): Buffer {
    return wrap(path, () => nodeFs.readFileSync(path));
  }
}
