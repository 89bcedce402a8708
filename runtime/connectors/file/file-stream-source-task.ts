import {
  ConnectException,
  Schemas,
  type OffsetMap,
  type Props,
  type SourceRecord,
  type SourceTask,
  type SourceTaskContext,
} from '../../../actors/connect/index.ts';
import type { FileSystem } from '../../../core/io/index.ts';
import { FileTail, startOfFile, type TailPosition, type TailReset } from './file-tail.ts';
import { fileStreamSourceConfigDef } from './file-stream-config.ts';

/** The source offset key Kafka's FileStreamSourceTask writes (`{"position": <bytes>}`). */
export const positionField = 'position';
/** Our additions to the offset: the fingerprint of the file the position belongs to. */
export const headField = 'head';
export const headLengthField = 'headLength';
/** The source partition key (`{"filename": <file>}`), as Kafka's. */
export const filenameField = 'filename';

/** Called when the tail starts over at byte 0 (the worker logs it). */
export type ResetListener = (path: string, reset: Exclude<TailReset, null>) => void;

/**
 * Reads a file line by line into records (org.apache.kafka.connect.file.FileStreamSourceTask): one
 * STRING record per line, source partition `{filename}`, source offset `{position, head, headLength}`
 * where position is the byte after the line's newline. On start it resumes at the committed
 * position, unless the file was truncated or replaced meanwhile (see FileTail).
 */
export class FileStreamSourceTask implements SourceTask {
  private readonly fs: FileSystem;
  private readonly onReset: ResetListener | undefined;
  private context: SourceTaskContext | undefined;
  private tail: FileTail | undefined;
  private topic = '';
  private batchSize = 0;
  private partition: OffsetMap = {};

  constructor(fs: FileSystem, onReset?: ResetListener) {
    this.fs = fs;
    this.onReset = onReset;
  }

  version(): string {
    return '1.0';
  }

  initialize(context: SourceTaskContext): void {
    this.context = context;
  }

  async start(props: Props): Promise<void> {
    const config = fileStreamSourceConfigDef().parse(props);
    const file = config['file'] as string;
    this.topic = config['topic'] as string;
    this.batchSize = config['batch.size'] as number;
    this.partition = { [filenameField]: file };
    const stored = await this.context?.offsetStorageReader().offset(this.partition);
    this.tail = new FileTail(this.fs, file, positionOf(file, stored ?? null));
  }

  async poll(): Promise<SourceRecord[] | null> {
    const tail = this.tail;
    if (tail === undefined) throw new ConnectException('FileStreamSourceTask polled before start');
    const read = tail.read(this.batchSize);
    if (read.reset !== null) this.onReset?.(tail.path, read.reset);
    if (read.lines.length === 0) return null;
    const { head, headLength } = tail.position;
    return read.lines.map((line) => ({
      sourcePartition: this.partition,
      sourceOffset: { [positionField]: line.end, [headField]: head, [headLengthField]: headLength },
      topic: this.topic,
      kafkaPartition: null,
      keySchema: null,
      key: null,
      valueSchema: Schemas.STRING,
      value: line.text,
      headers: [],
    }));
  }

  stop(): void {
    this.tail = undefined;
  }
}

/** The tail position a stored offset names; an offset written by Kafka's task has only `position`. */
export function positionOf(file: string, offset: OffsetMap | null): TailPosition {
  if (offset === null) return startOfFile;
  const position = offset[positionField];
  if (typeof position !== 'number' || !Number.isSafeInteger(position) || position < 0) {
    throw new ConnectException(
      `stored offset for ${file} has no valid '${positionField}': ${JSON.stringify(offset)}`,
    );
  }
  const head = offset[headField];
  const headLength = offset[headLengthField];
  if (typeof head === 'string' && typeof headLength === 'number' && Number.isSafeInteger(headLength)) {
    return { position, head, headLength };
  }
  return { position, head: '', headLength: 0 };
}
