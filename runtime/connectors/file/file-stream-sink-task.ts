import {
  ConnectException,
  Struct,
  type PartitionOffsets,
  type Props,
  type SinkRecord,
  type SinkTask,
  type SinkTaskContext,
} from '../../../actors/connect/index.ts';
import { dirName, type FileHandle, type FileSystem } from '../../../core/io/index.ts';
import { fileStreamSinkConfigDef } from './file-stream-config.ts';

/**
 * Appends one line per record to a file (org.apache.kafka.connect.file.FileStreamSinkTask). `put`
 * writes each batch with one append; `flush` fsyncs, so the offsets the worker commits afterwards
 * cover only lines that are on disk. Delivery is at-least-once: after a crash, records put since the
 * last commit are written again.
 */
export class FileStreamSinkTask implements SinkTask {
  private readonly fs: FileSystem;
  private handle: FileHandle | undefined;
  private unsynced = false;

  constructor(fs: FileSystem) {
    this.fs = fs;
  }

  version(): string {
    return '1.0';
  }

  initialize(_context: SinkTaskContext): void {}

  start(props: Props): void {
    const file = fileStreamSinkConfigDef().parse(props)['file'] as string;
    const dir = dirName(file);
    if (dir !== '.' && !this.fs.exists(dir)) this.fs.mkdirp(dir);
    this.handle = this.fs.open(file, 'create');
  }

  async put(records: readonly SinkRecord[]): Promise<void> {
    if (records.length === 0) return;
    const handle = this.requireOpen();
    const text = records.map((r) => `${renderValue(r.value)}\n`).join('');
    handle.append(Buffer.from(text, 'utf8'));
    this.unsynced = true;
  }

  async flush(_currentOffsets: PartitionOffsets): Promise<void> {
    const handle = this.requireOpen();
    if (!this.unsynced) return;
    handle.sync();
    this.unsynced = false;
  }

  stop(): void {
    const handle = this.handle;
    this.handle = undefined;
    handle?.close();
  }

  private requireOpen(): FileHandle {
    if (this.handle === undefined)
      throw new ConnectException('FileStreamSinkTask used before start or after stop');
    return this.handle;
  }
}

/**
 * The text of one record value: strings as they are, bytes as UTF-8, structs, maps and arrays as
 * JSON (Kafka prints Java's toString here, which no reader can parse back), null as `null`.
 */
export function renderValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') return JSON.stringify(toPlain(value));
  return String(value);
}

function toPlain(value: unknown): unknown {
  if (value instanceof Struct) {
    const out: Record<string, unknown> = {};
    for (const field of value.schema.fields ?? []) out[field.name] = toPlain(value.get(field.name));
    return out;
  }
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), toPlain(v)]));
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  }
  if (typeof value === 'bigint') return value.toString();
  return value;
}
