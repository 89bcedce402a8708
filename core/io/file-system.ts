/**
 * The FileSystem port. The log touches files only through this interface, so the same code runs on
 * the real disk (NodeFileSystem) and on SimulatedFileSystem, which can crash (losing or tearing
 * unsynced writes), fill up, fail with EIO and flip bits.
 *
 * Calls are synchronous on purpose: appends and positional reads of page-cached data cost
 * microseconds, a synchronous port keeps simulation deterministic (no interleaving inside an I/O
 * call), and one syscall per batch keeps the data path cheap.
 */
export interface FileHandle {
  readonly path: string;
  /** Reads up to `length` bytes at `position` into `buffer[offset..]`; returns the bytes read (0 at EOF). */
  read(buffer: Uint8Array, offset: number, length: number, position: number): number;
  /** Appends at the end of the file; returns the position the bytes were written at. */
  append(data: Uint8Array): number;
  /** Writes at an absolute position (used for index files and in-place header fixes). */
  write(data: Uint8Array, position: number): void;
  /** Makes every write so far durable. */
  sync(): void;
  /** Cuts the file to `size` bytes (or extends it with zeros). */
  truncate(size: number): void;
  size(): number;
  close(): void;
}

export type OpenMode =
  /** read only; the file must exist */
  | 'r'
  /** read and write; the file must exist */
  | 'rw'
  /** read and write; created empty when missing */
  | 'create'
  /** read and write; truncated to empty (created when missing) */
  | 'truncate';

export interface FileSystem {
  open(path: string, mode: OpenMode): FileHandle;
  exists(path: string): boolean;
  /** Creates a directory and its parents; no error when it exists. */
  mkdirp(path: string): void;
  /** Names (not paths) of the entries in a directory, sorted. */
  list(dir: string): string[];
  /** Atomically replaces `to` with `from`. */
  rename(from: string, to: string): void;
  unlink(path: string): void;
  /** Removes a directory and everything under it. */
  rmrf(path: string): void;
  /** Size in bytes of a file. */
  size(path: string): number;
  /** Makes the directory's entries (creations, renames, deletions) durable. */
  syncDir(dir: string): void;
  readFile(path: string): Buffer;
}

export type FileSystemErrorCode = 'ENOENT' | 'EEXIST' | 'ENOSPC' | 'EIO' | 'EISDIR' | 'ENOTDIR' | 'EBADF';

/** An I/O failure from a FileSystem port, with the POSIX code. The log maps it to KAFKA_STORAGE_ERROR. */
export class FileSystemError extends Error {
  readonly code: FileSystemErrorCode;
  readonly path: string;
  constructor(code: FileSystemErrorCode, path: string, message?: string) {
    super(`${code}: ${message ?? 'file system error'}, '${path}'`);
    this.name = 'FileSystemError';
    this.code = code;
    this.path = path;
  }
}

/** Joins path segments with '/', the only separator the ports use. */
export function joinPath(...parts: string[]): string {
  return parts
    .filter((p) => p.length > 0)
    .join('/')
    .replace(/\/+/g, '/');
}

/** The directory part of a path. */
export function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? (i === 0 ? '/' : '.') : path.slice(0, i);
}

/** The last segment of a path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Writes a whole file crash-safely: `<path>.tmp`, fsync, rename over `path`, fsync the directory. */
export function writeFileAtomic(fs: FileSystem, path: string, data: Uint8Array): void {
  const tmp = `${path}.tmp`;
  const handle = fs.open(tmp, 'truncate');
  try {
    handle.append(data);
    handle.sync();
  } finally {
    handle.close();
  }
  fs.rename(tmp, path);
  fs.syncDir(dirName(path));
}
