// `tributary consume <topic>`: kafka-console-consumer.sh — prints each record's value on a line.
import { InvalidArgumentError, type Command } from 'commander';
import { Admin, Consumer, type TopicPartitionOffset } from '../../actors/client/index.ts';
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
    else await assignAll(consumer, topic, options);
    const max = options.maxMessages ?? Number.POSITIVE_INFINITY;
    let idleSinceMs = clock.now();
    while (!stopped && printed < max) {
      const records = await consumer.poll(pollMsMax);
      for (const r of records) {
        if (printed >= max) break;
        const value = r.rawValue === null ? 'null' : r.rawValue.toString('utf8');
        const key = r.rawKey === null ? 'null' : r.rawKey.toString('utf8');
        out(options.printKey === true ? `${key}${options.keySeparator}${value}` : value);
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

/** Without a group: every partition, at its end or (--from-beginning) its start. */
async function assignAll(consumer: Consumer, topic: string, options: ConsumeOptions): Promise<void> {
  const admin = new Admin(connectionsFor(options), {
    config: { 'default.api.timeout.ms': cliApiTimeoutMsDefault },
  });
  try {
    const [description] = await admin.describeTopics([topic]);
    const tps = description!.partitions.map((p) => ({ topic, partition: p.partition }));
    if (tps.length === 0)
      throw new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `topic ${topic} has no partitions`);
    consumer.assign(tps);
    if (options.fromBeginning === true) consumer.seekToBeginning(tps);
    else consumer.seekToEnd(tps);
  } finally {
    await admin.close();
  }
}

function nonNegative(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be an integer >= 0');
  return n;
}

/** Registers `tributary consume <topic>`. */
export function registerConsumeCommand(program: Command): void {
  withBootstrapServers(
    program
      .command('consume <topic>')
      .description('print the records of a topic, one value per line')
      .option(
        '--from-beginning',
        'start at the oldest record rather than the end (when the group has no offsets)',
      )
      .option('--group <group>', 'consume as a member of this group, committing what was printed')
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
