// `tributary consume <topic>`: kafka-console-consumer.sh — prints each record's value on a line, or
// (--format json) each record as a JSON object on a line.
import { isUtf8 } from 'node:buffer';
import { InvalidArgumentError, type Command } from 'commander';
import {
  Admin,
  Consumer,
  type ConsumerRecord,
  type TopicPartition,
  type TopicPartitionOffset,
} from '../../actors/client/index.ts';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import { SystemClock } from '../../core/io/index.ts';
import {
  cliApiTimeoutMsDefault,
  connectionsFor,
  runCommand,
  withBootstrapServers,
  type ClusterOptions,
} from './cluster-client.ts';

/** How long one poll waits, so --timeout-ms and signals are noticed promptly. */
const pollMsMax = 500;

export interface ConsumeOptions extends ClusterOptions {
  readonly fromBeginning?: boolean;
  readonly group?: string;
  readonly maxMessages?: number;
  /** Stop after this long without a record (default: run until interrupted). */
  readonly timeoutMs?: number;
  readonly printKey?: boolean;
  readonly keySeparator: string;
  /** Only these partitions (assigned mode; default all). */
  readonly partition?: number[];
  /** Where assigned partitions start: an offset, `earliest` or `latest`. */
  readonly offset?: number | 'earliest' | 'latest';
  /** Assigned partitions start at the first record at or after this time (ms since the epoch). */
  readonly fromTimestamp?: number;
  /** `text` (default): the value (or key<sep>value) per line; `json`: one object per record. */
  readonly format?: ConsumeFormat;
}

export type ConsumeFormat = 'text' | 'json';

/** A byte string in JSON: text when it is valid UTF-8, else base64 with `<field>Encoding: 'base64'`. */
function bytesField(name: string, bytes: Buffer | null): Record<string, string | null> {
  if (bytes === null) return { [name]: null };
  if (isUtf8(bytes)) return { [name]: bytes.toString('utf8') };
  return { [name]: bytes.toString('base64'), [`${name}Encoding`]: 'base64' };
}

/**
 * One record as a JSON line: topic, partition, offset, timestamp, key, value and headers; keys,
 * values and header values are UTF-8 text when valid, else base64 flagged by `keyEncoding`,
 * `valueEncoding` or the header's `valueEncoding`.
 */
export function recordToJson(r: ConsumerRecord<unknown, unknown>): string {
  return JSON.stringify({
    topic: r.topic,
    partition: r.partition,
    offset: r.offset,
    timestamp: r.timestamp,
    ...bytesField('key', r.rawKey),
    ...bytesField('value', r.rawValue),
    headers: r.headers.map((h) => ({ key: h.key, ...bytesField('value', h.value) })),
  });
}

/** The line `consume` prints for a record. */
export function formatRecord(r: ConsumerRecord<unknown, unknown>, options: ConsumeOptions): string {
  if (options.format === 'json') return recordToJson(r);
  const value = r.rawValue === null ? 'null' : r.rawValue.toString('utf8');
  const key = r.rawKey === null ? 'null' : r.rawKey.toString('utf8');
  return options.printKey === true ? `${key}${options.keySeparator}${value}` : value;
}

/** Rejects option combinations that contradict each other (as kafka-console-consumer.sh does). */
export function checkConsumeOptions(options: ConsumeOptions): void {
  const bad = (message: string) => new KafkaError(ErrorCode.INVALID_REQUEST, message);
  if (options.group !== undefined) {
    if (options.partition !== undefined) throw bad('--group and --partition cannot be used together');
    if (options.offset !== undefined) throw bad('--group and --offset cannot be used together');
    if (options.fromTimestamp !== undefined)
      throw bad('--group and --from-timestamp cannot be used together');
  }
  const starts = [
    options.offset !== undefined ? '--offset' : undefined,
    options.fromTimestamp !== undefined ? '--from-timestamp' : undefined,
    options.fromBeginning === true ? '--from-beginning' : undefined,
  ].filter((s) => s !== undefined);
  if (starts.length > 1) throw bad(`${starts.join(' and ')} cannot be used together`);
}

/**
 * Reads `topic` and writes one line per record to `out` (`key<sep>value` with printKey; null as
 * `null`). Without a group it reads every partition from the end (or the beginning), with a group it
 * joins it and commits what it printed. Stops after maxMessages, after timeoutMs without records, or
 * when `stop` resolves. Resolves with the number of records printed.
 */
export async function consumeTopic(
  topic: string,
  options: ConsumeOptions,
  out: (line: string) => void,
  stop: Promise<void> = new Promise(() => {}),
): Promise<number> {
  checkConsumeOptions(options);
  const clock = new SystemClock();
  const connections = connectionsFor(options, 'tributary-console-consumer');
  const group = options.group;
  const consumer = new Consumer(
    {
      'client.id': 'tributary-console-consumer',
      ...(group !== undefined ? { 'group.id': group } : {}),
      'enable.auto.commit': false,
      'auto.offset.reset': options.fromBeginning === true ? 'earliest' : 'latest',
      'allow.auto.create.topics': false,
    },
    { connectionFactory: connections, clock },
  );
  let stopped = false;
  void stop.then(() => {
    stopped = true;
    consumer.wakeup();
  });
  let printed = 0;
  const toCommit = new Map<string, TopicPartitionOffset>();
  try {
    if (group !== undefined) consumer.subscribe([topic]);
    else await assignPartitions(consumer, topic, options);
    const max = options.maxMessages ?? Number.POSITIVE_INFINITY;
    let idleSinceMs = clock.now();
    while (!stopped && printed < max) {
      const records = await consumer.poll(pollMsMax);
      for (const r of records) {
        if (printed >= max) break;
        out(formatRecord(r, options));
        printed++;
        toCommit.set(`${r.topic}-${r.partition}`, {
          topic: r.topic,
          partition: r.partition,
          offset: r.offset + 1,
        });
      }
      // Idle time counts from the first assignment: joining a group takes a rebalance first.
      if (records.length > 0 || consumer.assignment().length === 0) idleSinceMs = clock.now();
      else if (options.timeoutMs !== undefined && clock.now() - idleSinceMs >= options.timeoutMs) break;
      if (group !== undefined && toCommit.size > 0) {
        await consumer.commit([...toCommit.values()]);
        toCommit.clear();
      }
    }
  } finally {
    await consumer.close({ timeoutMs: cliApiTimeoutMsDefault });
  }
  return printed;
}

/**
 * Without a group: every partition (or those of --partition), at --offset, at --from-timestamp, at
 * the start (--from-beginning) or at the end.
 */
async function assignPartitions(consumer: Consumer, topic: string, options: ConsumeOptions): Promise<void> {
  const admin = new Admin(connectionsFor(options), {
    config: { 'default.api.timeout.ms': cliApiTimeoutMsDefault },
  });
  let tps: TopicPartition[];
  try {
    const [description] = await admin.describeTopics([topic]);
    const existing = description!.partitions.map((p) => p.partition);
    if (existing.length === 0)
      throw new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `topic ${topic} has no partitions`);
    const wanted = options.partition === undefined ? existing : [...new Set(options.partition)];
    for (const p of wanted) {
      if (!existing.includes(p))
        throw new KafkaError(
          ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
          `topic ${topic} has no partition ${p} (it has ${existing.length})`,
        );
    }
    tps = wanted.map((partition) => ({ topic, partition }));
  } finally {
    await admin.close();
  }
  consumer.assign(tps);
  const offset = options.offset;
  if (options.fromTimestamp !== undefined) {
    const found = await consumer.offsetsForTimes(
      tps.map((tp) => ({ ...tp, timestamp: options.fromTimestamp! })),
      cliApiTimeoutMsDefault,
    );
    for (const f of found) {
      if (f.offset === null) consumer.seekToEnd([f]);
      else consumer.seek(f, f.offset);
    }
  } else if (offset === 'earliest' || (offset === undefined && options.fromBeginning === true))
    consumer.seekToBeginning(tps);
  else if (offset === 'latest' || offset === undefined) consumer.seekToEnd(tps);
  else for (const tp of tps) consumer.seek(tp, offset);
}

function nonNegative(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be an integer >= 0');
  return n;
}

function partitionList(value: string, previous: number[] | undefined): number[] {
  const out = [...(previous ?? [])];
  for (const part of value.split(',')) out.push(nonNegative(part.trim()));
  return out;
}

function startOffset(value: string): number | 'earliest' | 'latest' {
  if (value === 'earliest' || value === 'latest') return value;
  return nonNegative(value);
}

/** Milliseconds since the epoch, or an ISO-8601 date-time. */
function timestamp(value: string): number {
  const ms = /^\d+$/.test(value.trim()) ? Number(value) : Date.parse(value);
  if (!Number.isSafeInteger(ms) || ms < 0)
    throw new InvalidArgumentError('must be milliseconds since the epoch or an ISO-8601 date-time');
  return ms;
}

function format(value: string): ConsumeFormat {
  if (value === 'text' || value === 'json') return value;
  throw new InvalidArgumentError('must be text or json');
}

/** Registers `tributary consume <topic>`. */
export function registerConsumeCommand(program: Command): void {
  withBootstrapServers(
    program
      .command('consume <topic>')
      .description('print the records of a topic, one value (or JSON object) per line')
      .option(
        '--from-beginning',
        'start at the oldest record rather than the end (when the group has no offsets)',
      )
      .option('--group <group>', 'consume as a member of this group, committing what was printed')
      .option(
        '--partition <n[,n...]>',
        'read only these partitions, without a group (repeatable or comma-separated)',
        partitionList,
      )
      .option('--offset <n|earliest|latest>', 'where the partitions start (without a group)', startOffset)
      .option(
        '--from-timestamp <time>',
        'start at the first record at or after this time: ms since the epoch or ISO-8601 (without a group)',
        timestamp,
      )
      .option(
        '--format <format>',
        'text (the value, or key and value, per line) or json (one object per record)',
        format,
        'text' as ConsumeFormat,
      )
      .option('--max-messages <n>', 'exit after printing this many records', nonNegative)
      .option('--timeout-ms <ms>', 'exit after this long without a record', nonNegative)
      .option('--print-key', 'print the key before the value')
      .option('--key-separator <sep>', 'what separates the key from the value with --print-key', '\t'),
  ).action((topic: string, opts: ConsumeOptions) =>
    runCommand(async () => {
      const interrupted = new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      const n = await consumeTopic(topic, opts, (line) => process.stdout.write(`${line}\n`), interrupted);
      process.stderr.write(`Processed a total of ${n} messages\n`);
    }),
  );
}
