import { writeFileAtomic, type FileSystem } from '../io/index.ts';
import { ErrorCode, KafkaError } from '../errors/index.ts';

/** The only checkpoint format version Kafka writes. */
const checkpointVersion = 0;

export interface TopicPartitionOffset {
  topic: string;
  partition: number;
  offset: number;
}

function malformed(path: string, reason: string): KafkaError {
  return new KafkaError(ErrorCode.KAFKA_STORAGE_ERROR, `malformed checkpoint ${path}: ${reason}`);
}

/** Splits a checkpoint into its entry lines after checking the version and count lines. */
function entryLines(path: string, text: string): string[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length < 2) throw malformed(path, 'missing version or count line');
  if (Number(lines[0]) !== checkpointVersion) throw malformed(path, `unsupported version '${lines[0]}'`);
  const count = Number(lines[1]);
  if (!Number.isSafeInteger(count) || count < 0 || count !== lines.length - 2) {
    throw malformed(path, `count '${lines[1]}' does not match ${lines.length - 2} entries`);
  }
  return lines.slice(2);
}

function parseNumber(path: string, raw: string | undefined): number {
  const n = Number(raw);
  if (raw === undefined || raw === '' || !Number.isSafeInteger(n))
    throw malformed(path, `bad number '${raw}'`);
  return n;
}

/**
 * Kafka's per-log-dir offset checkpoint (`recovery-point-offset-checkpoint`, `log-start-offset-checkpoint`,
 * `replication-offset-checkpoint`, `cleaner-offset-checkpoint`): `0`, N, then N lines `topic partition offset`.
 */
export class OffsetCheckpointFile {
  readonly path: string;
  private readonly fs: FileSystem;

  constructor(fs: FileSystem, path: string) {
    this.fs = fs;
    this.path = path;
  }

  write(entries: Iterable<TopicPartitionOffset>): void {
    const list = [...entries];
    const body = [
      String(checkpointVersion),
      String(list.length),
      ...list.map((e) => `${e.topic} ${e.partition} ${e.offset}`),
    ];
    writeFileAtomic(this.fs, this.path, Buffer.from(body.join('\n') + '\n'));
  }

  /** The entries keyed `topic-partition`; empty when the file does not exist. */
  read(): Map<string, number> {
    const out = new Map<string, number>();
    if (!this.fs.exists(this.path)) return out;
    for (const line of entryLines(this.path, this.fs.readFile(this.path).toString('utf8'))) {
      const parts = line.trim().split(/\s+/);
      if (parts.length !== 3) throw malformed(this.path, `bad line '${line}'`);
      out.set(`${parts[0]}-${parseNumber(this.path, parts[1])}`, parseNumber(this.path, parts[2]));
    }
    return out;
  }
}

export interface EpochEntry {
  epoch: number;
  startOffset: number;
}

/** `leader-epoch-checkpoint` in a partition folder: `0`, N, then N lines `epoch startOffset`. */
export class LeaderEpochCheckpointFile {
  readonly path: string;
  private readonly fs: FileSystem;

  constructor(fs: FileSystem, path: string) {
    this.fs = fs;
    this.path = path;
  }

  write(entries: readonly EpochEntry[]): void {
    const body = [
      String(checkpointVersion),
      String(entries.length),
      ...entries.map((e) => `${e.epoch} ${e.startOffset}`),
    ];
    writeFileAtomic(this.fs, this.path, Buffer.from(body.join('\n') + '\n'));
  }

  read(): EpochEntry[] {
    if (!this.fs.exists(this.path)) return [];
    return entryLines(this.path, this.fs.readFile(this.path).toString('utf8')).map((line) => {
      const parts = line.trim().split(/\s+/);
      if (parts.length !== 2) throw malformed(this.path, `bad line '${line}'`);
      return { epoch: parseNumber(this.path, parts[0]), startOffset: parseNumber(this.path, parts[1]) };
    });
  }
}
