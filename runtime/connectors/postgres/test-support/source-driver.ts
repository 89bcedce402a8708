/**
 * A minimal stand-in for the Connect worker's source loop, for the connector tests: poll the task,
 * convert with JsonConverter, produce with acks=all, call commitRecord once the log acknowledged a
 * record, and commit source offsets (to a file, as standalone mode does) only for the prefix of
 * records the log has acknowledged, as Kafka's SubmittedRecords does.
 */
import * as fs from 'node:fs';
import {
  JsonConverter,
  offsetKey,
  type OffsetMap,
  type OffsetStorageReader,
  type SourceRecord,
  type SourceTask,
} from '../../../../actors/connect/index.ts';
import type { Producer } from '../../../../actors/client/producer/index.ts';

/** Source offsets kept in a JSON file, replaced atomically on each commit. */
export class FileOffsetStore implements OffsetStorageReader {
  private readonly path: string;
  private readonly data = new Map<string, OffsetMap>();

  constructor(path: string) {
    this.path = path;
    if (fs.existsSync(path)) {
      const entries = JSON.parse(fs.readFileSync(path, 'utf8')) as [string, OffsetMap][];
      for (const [k, v] of entries) this.data.set(k, v);
    }
  }

  async offset(partition: OffsetMap): Promise<OffsetMap | null> {
    return this.data.get(offsetKey(partition)) ?? null;
  }

  async offsets(partitions: readonly OffsetMap[]): Promise<Map<string, OffsetMap>> {
    const out = new Map<string, OffsetMap>();
    for (const p of partitions) {
      const found = this.data.get(offsetKey(p));
      if (found !== undefined) out.set(offsetKey(p), found);
    }
    return out;
  }

  commit(offsets: ReadonlyMap<string, OffsetMap>): void {
    for (const [k, v] of offsets) this.data.set(k, v);
    const tmp = `${this.path}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify([...this.data.entries()]));
    fs.renameSync(tmp, this.path);
  }
}

interface Submitted {
  readonly record: SourceRecord;
  acked: boolean;
}

export class SourceDriver {
  private readonly task: SourceTask;
  private readonly producer: Producer<Buffer, Buffer>;
  private readonly offsets: FileOffsetStore;
  private readonly keyConverter = new JsonConverter();
  private readonly valueConverter = new JsonConverter();
  private readonly headerConverter = new JsonConverter();
  private readonly submitted: Submitted[] = [];
  private failure: Error | undefined;
  /** Records the log acknowledged so far. */
  acked = 0;
  /** Records whose offsets were committed so far. */
  committed = 0;

  constructor(task: SourceTask, producer: Producer<Buffer, Buffer>, offsets: FileOffsetStore) {
    this.task = task;
    this.producer = producer;
    this.offsets = offsets;
    this.keyConverter.configure({ 'schemas.enable': true }, true);
    this.valueConverter.configure({ 'schemas.enable': true }, false);
    this.headerConverter.configure({ 'schemas.enable': true }, false);
  }

  /** One poll: sends what it returned (acks are handled as they arrive). Returns the records polled. */
  async step(): Promise<number> {
    if (this.failure !== undefined) throw this.failure;
    const records = await this.task.poll();
    if (records === null) return 0;
    for (const record of records) {
      const entry: Submitted = { record, acked: false };
      this.submitted.push(entry);
      const key = this.keyConverter.fromConnectData(record.topic, record.keySchema ?? null, record.key);
      const value = this.valueConverter.fromConnectData(
        record.topic,
        record.valueSchema ?? null,
        record.value,
      );
      const headers = record.headers.map((h) => ({
        key: h.key,
        value: this.headerConverter.fromConnectData(record.topic, h.schema, h.value),
      }));
      this.producer
        .send({ topic: record.topic, key, value, headers })
        .then(async (metadata) => {
          entry.acked = true;
          this.acked += 1;
          await this.task.commitRecord?.(record, metadata);
        })
        .catch((err: unknown) => {
          this.failure ??= err as Error;
        });
    }
    return records.length;
  }

  /** Commits the offsets of the acknowledged prefix of what was sent (WorkerSourceTask.commitOffsets). */
  async commitOffsets(): Promise<void> {
    const latest = new Map<string, OffsetMap>();
    let n = 0;
    while (this.submitted.length > 0 && this.submitted[0]!.acked) {
      const { record } = this.submitted.shift()!;
      latest.set(offsetKey(record.sourcePartition), record.sourceOffset);
      n += 1;
    }
    if (n === 0) return;
    this.offsets.commit(latest);
    this.committed += n;
    await this.task.commit?.();
  }

  /** Records sent and not yet acknowledged. */
  get inFlight(): number {
    return this.submitted.filter((s) => !s.acked).length;
  }
}
