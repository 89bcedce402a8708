// `tributary produce <topic>`: kafka-console-producer.sh — one record per line of stdin.
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { InvalidArgumentError, type Command } from 'commander';
import { Producer, type AcksInput } from '../../actors/client/index.ts';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import {
  connectionsFor,
  keyValues,
  runCommand,
  withBootstrapServers,
  type ClusterOptions,
} from './cluster-client.ts';
import { ProgressBar, type ProgressOutput } from './progress.ts';

/** Records waiting for their acknowledgement before reading more input waits for the producer. */
const pendingRecordsMax = 10_000;

export interface ProduceOptions extends ClusterOptions {
  /** With it, each line is `key<separator>value`; a line without the separator is an error. */
  readonly keySeparator?: string;
  readonly acks: AcksInput;
  /** `k=v` headers added to every record (repeatable). */
  readonly header?: string[];
  /**
   * With it, each line is `headers<separator>rest`, headers being comma-separated `k=v` pairs (an
   * empty part: none) added to that record after the --header ones.
   */
  readonly headersSeparator?: string;
  /** Where the progress line goes when it is a terminal; default process.stderr. */
  readonly progressOutput?: ProgressOutput;
}

type LineHeader = { key: string; value: string };

/**
 * Sends every line of `input` to `topic` as a record (UTF-8, line ending dropped) and resolves once
 * all are acknowledged; rejects naming how many failed. Returns the number sent.
 */
export async function produceLines(topic: string, input: Readable, options: ProduceOptions): Promise<number> {
  const producer = new Producer(connectionsFor(options, 'tributary-console-producer'), {
    config: { acks: options.acks, 'client.id': 'tributary-console-producer' },
  });
  let sent = 0;
  let pending = 0;
  let failed = 0;
  let firstError: unknown;
  let read = 0;
  const fixedHeaders = Object.entries(keyValues(options.header ?? [], '--header')).map(([key, value]) => ({
    key,
    value,
  }));
  const progress = new ProgressBar({
    label: `produce ${topic}`,
    unit: 'records',
    confirmedName: 'acked',
    output: options.progressOutput,
  });
  try {
    const lines = createInterface({ input, crlfDelay: Infinity });
    for await (const line of lines) {
      read++;
      const record = toRecord(topic, line, options, fixedHeaders, read);
      pending++;
      progress.update(read, sent);
      producer.send(record).then(
        () => {
          pending--;
          sent++;
        },
        (err: unknown) => {
          pending--;
          failed++;
          firstError ??= err;
        },
      );
      if (pending >= pendingRecordsMax) await producer.flush();
    }
    await producer.flush();
    progress.update(read, sent);
  } finally {
    progress.finish();
    await producer.close();
  }
  if (failed > 0) {
    const why = firstError instanceof Error ? firstError.message : String(firstError);
    throw new KafkaError(
      ErrorCode.UNKNOWN_SERVER_ERROR,
      `${failed} record(s) were not written to ${topic}: ${why}`,
    );
  }
  return sent;
}

function toRecord(
  topic: string,
  line: string,
  options: ProduceOptions,
  fixedHeaders: readonly LineHeader[],
  lineNumber: number,
) {
  let rest = line;
  let headers = fixedHeaders;
  const headersSeparator = options.headersSeparator;
  if (headersSeparator !== undefined) {
    const at = rest.indexOf(headersSeparator);
    if (at < 0) {
      throw new KafkaError(
        ErrorCode.INVALID_RECORD,
        `line ${lineNumber} has no headers separator '${headersSeparator}': ${line.slice(0, 80)}`,
      );
    }
    const pairs = rest
      .slice(0, at)
      .split(',')
      .filter((p) => p.trim() !== '');
    headers = [...fixedHeaders, ...lineHeaders(pairs, lineNumber)];
    rest = rest.slice(at + headersSeparator.length);
  }
  const withHeaders = headers.length > 0 ? { headers } : {};
  const separator = options.keySeparator;
  if (separator === undefined) return { topic, value: rest, ...withHeaders };
  const at = rest.indexOf(separator);
  if (at < 0) {
    throw new KafkaError(
      ErrorCode.INVALID_RECORD,
      `line ${lineNumber} has no key separator '${separator}': ${line.slice(0, 80)}`,
    );
  }
  return { topic, key: rest.slice(0, at), value: rest.slice(at + separator.length), ...withHeaders };
}

/** A line's `k=v` header pairs, in order (keys may repeat, as in Kafka). */
function lineHeaders(pairs: readonly string[], lineNumber: number): LineHeader[] {
  return pairs.map((pair) => {
    const eq = pair.indexOf('=');
    if (eq <= 0)
      throw new KafkaError(
        ErrorCode.INVALID_RECORD,
        `line ${lineNumber}: header must be key=value, got '${pair}'`,
      );
    return { key: pair.slice(0, eq), value: pair.slice(eq + 1) };
  });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function acks(value: string): AcksInput {
  if (value === 'all' || value === '-1' || value === '0' || value === '1') return value;
  throw new InvalidArgumentError('must be 0, 1, -1 or all');
}

/** Registers `tributary produce <topic>`. */
export function registerProduceCommand(program: Command): void {
  withBootstrapServers(
    program
      .command('produce <topic>')
      .description('send each line of stdin to a topic as one record (a progress line on a terminal)')
      .option('--key-separator <sep>', 'split each line into key and value at the first <sep>')
      .option('--header <key=value>', 'a header added to every record (repeatable)', collect, [])
      .option(
        '--headers-separator <sep>',
        "each line starts with its headers, comma-separated key=value pairs, ended by <sep> (e.g. '|': a=1,b=2|key:value)",
      )
      .option('--acks <acks>', 'acknowledgements to wait for: 0, 1 or all', acks, 'all' as AcksInput),
  ).action((topic: string, opts: ProduceOptions) =>
    runCommand(async () => {
      const n = await produceLines(topic, process.stdin, opts);
      process.stderr.write(`Produced ${n} record(s) to ${topic}.\n`);
    }),
  );
}
