import {
  FileSystemError,
  baseName,
  dirName,
  type FileHandle,
  type FileSystem,
  type FileSystemErrorCode,
  type OpenMode,
} from './file-system.ts';
import type { Random } from './random.ts';

/** A write or truncate made since the file's last sync: what a crash may lose or tear. */
type PendingOp = { kind: 'write'; position: number; bytes: Buffer } | { kind: 'truncate'; size: number };

interface FileNode {
  /** What reads see now. Only `[0, length)` is meaningful. */
  data: Buffer;
  length: number;
  /** Content as of the last sync: what survives any crash. */
  durable: Buffer;
  pending: PendingOp[];
}

/** Operations fault injection can target. */
export type FsOp = 'open' | 'read' | 'append' | 'write' | 'sync' | 'truncate' | 'rename' | 'unlink' | 'mkdir';

export interface FaultRule {
  op: FsOp;
  code: FileSystemErrorCode;
  /** Only paths containing this string (or matching this RegExp). */
  path?: string | RegExp;
  /** Skip this many matching calls before failing. Default 0. */
  after?: number;
  /** Fail this many times, then the rule is spent. Default 1; Infinity for a permanent fault. */
  times?: number;
}

/** Counters of every operation, for tests that prove how much I/O a code path does. */
export interface FsStats {
  opens: number;
  reads: number;
  bytesRead: number;
  writes: number;
  bytesWritten: number;
  syncs: number;
  truncates: number;
  renames: number;
  unlinks: number;
  lists: number;
}

function emptyStats(): FsStats {
  return {
    opens: 0,
    reads: 0,
    bytesRead: 0,
    writes: 0,
    bytesWritten: 0,
    syncs: 0,
    truncates: 0,
    renames: 0,
    unlinks: 0,
    lists: 0,
  };
}

export interface CrashOptions {
  /** Chooses how much unsynced data each file keeps; without it every unsynced write is lost. */
  random?: Random;
  /** Allow the last kept write to be cut short (a torn write). Default true. */
  tear?: boolean;
  /**
   * Keep any subset of each file's unsynced operations, in their order, instead of a prefix, and
   * tear any kept write (page write-back in any order, as a disk without ordering guarantees).
   * Default false.
   */
  anySubset?: boolean;
}

function normalize(path: string): string {
  const p = path.replace(/\/+/g, '/');
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

/**
 * An in-memory FileSystem that models what a disk does on power loss. Writes land in the visible
 * content at once but become durable only at `sync()`; `crash()` rebuilds every file from its durable
 * content plus a random prefix of its unsynced writes, the last one possibly torn. Directory
 * operations (create, rename, unlink) are durable at once, like a journaling file system.
 * Faults: `injectFault` (ENOSPC, EIO, ... on chosen operations), `capacityBytes` (disk full),
 * `flipBit` (silent corruption of stored bytes).
 */
export class SimulatedFileSystem implements FileSystem {
  private files = new Map<string, FileNode>();
  private dirs = new Set<string>(['/', '.']);
  private rules: Array<FaultRule & { seen: number; fired: number }> = [];
  private openHandles = new Set<SimulatedFileHandle>();
  /** Total bytes the disk holds; writes past it fail with ENOSPC. */
  capacityBytes = Number.POSITIVE_INFINITY;
  stats: FsStats = emptyStats();

  resetStats(): void {
    this.stats = emptyStats();
  }

  injectFault(rule: FaultRule): void {
    this.rules.push({ ...rule, seen: 0, fired: 0 });
  }

  clearFaults(): void {
    this.rules = [];
  }

  /** Flips one bit of a file's stored bytes (both visible and durable), like silent media corruption. */
  flipBit(path: string, byteOffset: number, bit = 0): void {
    const node = this.fileNode(path);
    if (byteOffset < node.length) node.data[byteOffset] = node.data[byteOffset]! ^ (1 << bit);
    if (byteOffset < node.durable.length) node.durable[byteOffset] = node.durable[byteOffset]! ^ (1 << bit);
  }

  /**
   * Simulates power loss: every open handle dies, and each file keeps its synced bytes plus a random
   * prefix of its unsynced operations (possibly tearing the last write).
   */
  crash(options: CrashOptions = {}): void {
    for (const handle of this.openHandles) handle.invalidate();
    this.openHandles.clear();
    const tear = options.tear ?? true;
    for (const node of this.files.values()) {
      let content: Buffer = Buffer.from(node.durable);
      if (options.anySubset === true && options.random !== undefined) {
        const random = options.random;
        for (const op of node.pending) {
          if (random.int(2) === 0) continue;
          const cut =
            tear && op.kind === 'write' && random.int(4) === 0 ? random.int(op.bytes.length + 1) : -1;
          content = applyOp(
            content,
            cut < 0 || op.kind !== 'write' ? op : { ...op, bytes: op.bytes.subarray(0, cut) },
          );
        }
        node.data = content;
        node.length = content.length;
        node.durable = Buffer.from(content);
        node.pending = [];
        continue;
      }
      const keep = options.random === undefined ? 0 : options.random.int(node.pending.length + 1);
      for (let i = 0; i < keep; i++) content = applyOp(content, node.pending[i]!);
      const torn = node.pending[keep];
      if (tear && options.random !== undefined && torn !== undefined && torn.kind === 'write') {
        const cut = options.random.int(torn.bytes.length + 1);
        content = applyOp(content, {
          kind: 'write',
          position: torn.position,
          bytes: torn.bytes.subarray(0, cut),
        });
      }
      node.data = content;
      node.length = content.length;
      node.durable = Buffer.from(content);
      node.pending = [];
    }
  }

  /** Bytes used by all files (visible content). */
  usedBytes(): number {
    let total = 0;
    for (const node of this.files.values()) total += node.length;
    return total;
  }

  /** Paths of every file, sorted (for tests and debugging). */
  allFiles(): string[] {
    return [...this.files.keys()].sort();
  }

  open(path: string, mode: OpenMode): FileHandle {
    const p = normalize(path);
    this.checkFault('open', p);
    this.stats.opens++;
    let node = this.files.get(p);
    if (node === undefined) {
      if (mode === 'r' || mode === 'rw') throw new FileSystemError('ENOENT', p, 'no such file');
      if (!this.dirs.has(dirName(p))) throw new FileSystemError('ENOENT', p, 'no such directory');
      node = { data: Buffer.alloc(0), length: 0, durable: Buffer.alloc(0), pending: [] };
      this.files.set(p, node);
    } else if (mode === 'truncate') {
      this.truncateNode(node, 0);
    }
    const handle = new SimulatedFileHandle(this, p, node, mode === 'r');
    this.openHandles.add(handle);
    return handle;
  }

  exists(path: string): boolean {
    const p = normalize(path);
    return this.files.has(p) || this.dirs.has(p);
  }

  mkdirp(path: string): void {
    const p = normalize(path);
    this.checkFault('mkdir', p);
    const parts = p.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const d = parts.slice(0, i).join('/') || '/';
      if (this.files.has(d)) throw new FileSystemError('ENOTDIR', d, 'not a directory');
      this.dirs.add(d);
    }
  }

  list(dir: string): string[] {
    const d = normalize(dir);
    this.stats.lists++;
    if (!this.dirs.has(d)) throw new FileSystemError('ENOENT', d, 'no such directory');
    const prefix = d === '/' ? '/' : `${d}/`;
    const names = new Set<string>();
    for (const p of [...this.files.keys(), ...this.dirs]) {
      if (p.startsWith(prefix) && p.length > prefix.length) names.add(p.slice(prefix.length).split('/')[0]!);
    }
    return [...names].sort();
  }

  rename(from: string, to: string): void {
    const f = normalize(from);
    const t = normalize(to);
    this.checkFault('rename', f);
    this.stats.renames++;
    const node = this.files.get(f);
    if (node !== undefined) {
      if (!this.dirs.has(dirName(t))) throw new FileSystemError('ENOENT', t, 'no such directory');
      this.files.delete(f);
      this.files.set(t, node);
      return;
    }
    if (!this.dirs.has(f)) throw new FileSystemError('ENOENT', f, 'no such file or directory');
    const moved: Array<[string, string]> = [];
    for (const p of [...this.files.keys(), ...this.dirs]) {
      if (p === f || p.startsWith(`${f}/`)) moved.push([p, t + p.slice(f.length)]);
    }
    for (const [src, dst] of moved) {
      const fileNode = this.files.get(src);
      if (fileNode !== undefined) {
        this.files.delete(src);
        this.files.set(dst, fileNode);
      } else {
        this.dirs.delete(src);
        this.dirs.add(dst);
      }
    }
  }

  unlink(path: string): void {
    const p = normalize(path);
    this.checkFault('unlink', p);
    this.stats.unlinks++;
    if (!this.files.delete(p)) throw new FileSystemError('ENOENT', p, 'no such file');
  }

  rmrf(path: string): void {
    const p = normalize(path);
    for (const f of [...this.files.keys()]) if (f === p || f.startsWith(`${p}/`)) this.files.delete(f);
    for (const d of [...this.dirs]) if (d === p || d.startsWith(`${p}/`)) this.dirs.delete(d);
  }

  size(path: string): number {
    return this.fileNode(path).length;
  }

  syncDir(dir: string): void {
    const d = normalize(dir);
    if (!this.dirs.has(d)) throw new FileSystemError('ENOENT', d, 'no such directory');
  }

  readFile(path: string): Buffer {
    const p = normalize(path);
    this.checkFault('read', p);
    const node = this.fileNode(p);
    this.stats.reads++;
    this.stats.bytesRead += node.length;
    return Buffer.from(node.data.subarray(0, node.length));
  }

  /** @internal */
  checkFault(op: FsOp, path: string): void {
    for (const rule of this.rules) {
      if (rule.op !== op) continue;
      if (rule.path !== undefined) {
        const matches = typeof rule.path === 'string' ? path.includes(rule.path) : rule.path.test(path);
        if (!matches) continue;
      }
      rule.seen++;
      if (rule.seen <= (rule.after ?? 0)) continue;
      if (rule.fired >= (rule.times ?? 1)) continue;
      rule.fired++;
      throw new FileSystemError(rule.code, path, `injected fault on ${op}`);
    }
  }

  /** @internal */
  writeNode(path: string, node: FileNode, bytes: Uint8Array, position: number, op: 'append' | 'write'): void {
    this.checkFault(op, path);
    const growth = Math.max(0, position + bytes.length - node.length);
    // Summing file sizes is O(files); only pay for it when a capacity is set.
    if (Number.isFinite(this.capacityBytes) && this.usedBytes() + growth > this.capacityBytes) {
      throw new FileSystemError('ENOSPC', path, 'no space left on device');
    }
    this.stats.writes++;
    this.stats.bytesWritten += bytes.length;
    const copy = Buffer.from(bytes);
    node.pending.push({ kind: 'write', position, bytes: copy });
    const end = position + copy.length;
    if (end > node.data.length) {
      const grown = Buffer.alloc(Math.max(end, node.data.length * 2, 64));
      node.data.copy(grown, 0, 0, node.length);
      node.data = grown;
    }
    if (position > node.length) node.data.fill(0, node.length, position);
    copy.copy(node.data, position);
    node.length = Math.max(node.length, end);
  }

  /** @internal */
  truncateNode(node: FileNode, size: number): void {
    this.stats.truncates++;
    node.pending.push({ kind: 'truncate', size });
    if (size > node.data.length) {
      const grown = Buffer.alloc(size);
      node.data.copy(grown, 0, 0, node.length);
      node.data = grown;
    } else if (size > node.length) {
      node.data.fill(0, node.length, size);
    }
    node.length = size;
  }

  /** @internal */
  syncNode(path: string, node: FileNode): void {
    this.checkFault('sync', path);
    this.stats.syncs++;
    node.durable = Buffer.from(node.data.subarray(0, node.length));
    node.pending = [];
  }

  /** @internal */
  forget(handle: SimulatedFileHandle): void {
    this.openHandles.delete(handle);
  }

  private fileNode(path: string): FileNode {
    const p = normalize(path);
    const node = this.files.get(p);
    if (node === undefined) throw new FileSystemError('ENOENT', p, `no such file (${baseName(p)})`);
    return node;
  }
}

function applyOp(content: Buffer, op: PendingOp): Buffer {
  if (op.kind === 'truncate') {
    if (op.size <= content.length) return Buffer.from(content.subarray(0, op.size));
    return Buffer.concat([content, Buffer.alloc(op.size - content.length)]);
  }
  const end = op.position + op.bytes.length;
  const out = end > content.length ? Buffer.concat([content, Buffer.alloc(end - content.length)]) : content;
  op.bytes.copy(out, op.position);
  return out;
}

class SimulatedFileHandle implements FileHandle {
  readonly path: string;
  private valid = true;
  private readonly fs: SimulatedFileSystem;
  private readonly node: FileNode;
  private readonly readOnly: boolean;

  constructor(fs: SimulatedFileSystem, path: string, node: FileNode, readOnly: boolean) {
    this.fs = fs;
    this.path = path;
    this.node = node;
    this.readOnly = readOnly;
  }

  invalidate(): void {
    this.valid = false;
  }

  read(buffer: Uint8Array, offset: number, length: number, position: number): number {
    this.check();
    this.fs.checkFault('read', this.path);
    const available = Math.max(0, Math.min(length, this.node.length - position));
    if (available > 0) this.node.data.copy(buffer, offset, position, position + available);
    this.fs.stats.reads++;
    this.fs.stats.bytesRead += available;
    return available;
  }

  append(data: Uint8Array): number {
    this.checkWritable();
    const position = this.node.length;
    this.fs.writeNode(this.path, this.node, data, position, 'append');
    return position;
  }

  write(data: Uint8Array, position: number): void {
    this.checkWritable();
    this.fs.writeNode(this.path, this.node, data, position, 'write');
  }

  sync(): void {
    this.check();
    this.fs.syncNode(this.path, this.node);
  }

  truncate(size: number): void {
    this.checkWritable();
    this.fs.checkFault('truncate', this.path);
    this.fs.truncateNode(this.node, size);
  }

  size(): number {
    this.check();
    return this.node.length;
  }

  close(): void {
    this.valid = false;
    this.fs.forget(this);
  }

  private check(): void {
    if (!this.valid) throw new FileSystemError('EBADF', this.path, 'handle closed or lost in a crash');
  }

  private checkWritable(): void {
    this.check();
    if (this.readOnly) throw new FileSystemError('EBADF', this.path, 'handle opened read-only');
  }
}
