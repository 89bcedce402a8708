import * as fs from 'node:fs';
import * as path from 'node:path';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';

/** Kafka's checkpoint file name in a task's state directory. */
export const checkpointFileName = '.checkpoint';
const checkpointVersion = 0;

/** One changelog partition and the offset of the last record the local store holds. */
export interface CheckpointEntry {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

export function checkpointKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

/**
 * Kafka's OffsetCheckpoint: a text file `<version>\n<count>\n` then one `topic partition offset` line per
 * changelog partition. Written to `<file>.tmp`, fsynced, renamed over the file, and the directory fsynced,
 * so a crash leaves either the old or the new checkpoint, never a torn one.
 */
export function writeCheckpoint(file: string, entries: readonly CheckpointEntry[]): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const lines = [String(checkpointVersion), String(entries.length)];
  for (const e of entries) lines.push(`${e.topic} ${e.partition} ${e.offset}`);
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, `${lines.join('\n')}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  try {
    const dirFd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic.
  }
}

/** The checkpoint's entries by `checkpointKey`; empty when there is no file. A malformed file is an error. */
export function readCheckpoint(file: string): Map<string, CheckpointEntry> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw e;
  }
  const bad = (why: string): KafkaError =>
    new KafkaError(ErrorCode.CORRUPT_MESSAGE, `checkpoint file ${file} is malformed: ${why}`);
  const lines = text.split('\n').filter((l) => l !== '');
  if (lines[0] !== String(checkpointVersion)) throw bad(`unknown version ${lines[0]}`);
  const count = Number(lines[1]);
  if (!Number.isInteger(count) || count < 0 || lines.length !== count + 2)
    throw bad(`expected ${lines[1]} entries, found ${lines.length - 2}`);
  const out = new Map<string, CheckpointEntry>();
  for (const line of lines.slice(2)) {
    const parts = line.split(' ');
    const offset = Number(parts.pop());
    const partition = Number(parts.pop());
    const topic = parts.join(' ');
    if (topic === '' || !Number.isInteger(partition) || !Number.isInteger(offset))
      throw bad(`line "${line}"`);
    out.set(checkpointKey(topic, partition), { topic, partition, offset });
  }
  return out;
}
