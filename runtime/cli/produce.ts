// `tributary produce <topic>`: kafka-console-producer.sh — one record per line of stdin.
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { InvalidArgumentError, type Command } from 'commander';
import { Producer, type AcksInput } from '../../actors/client/index.ts';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import { connectionsFor, runCommand, withBootstrapServers, type ClusterOptions } from './cluster-client.ts';

/** Records waiting for their acknowledgement before reading more input waits for the producer. */
const pendingRecordsMax = 10_000;

export interface ProduceOptions extends ClusterOptions {
  /** With it, each line is `key<separator>value`; a line without the separator is an error. */
  readonly keySeparator?: string;
  readonly acks: AcksInput;
}

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
  try {
    const lines = createInterface({ input, crlfDelay: Infinity });
    for await (const line of lines) {
      const record = toRecord(topic, line, options.keySeparator, sent + failed + 1);
      pending++;
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
  } finally {
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

function toRecord(topic: string, line: string, separator: string | undefined, lineNumber: number) {
  if (separator === undefined) return { topic, value: line };
  const at = line.indexOf(separator);
  if (at < 0) {
    throw new KafkaError(
      ErrorCode.INVALID_RECORD,
      `line ${lineNumber} has no key separator '${separator}': ${line.slice(0, 80)}`,
    );
  }
  return { topic, key: line.slice(0, at), value: line.slice(at + separator.length) };
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
      .description('send each line of stdin to a topic as one record')
      .option('--key-separator <sep>', 'split each line into key and value at the first <sep>')
      .option('--acks <acks>', 'acknowledgements to wait for: 0, 1 or all', acks, 'all' as AcksInput),
  ).action((topic: string, opts: ProduceOptions) =>
    runCommand(async () => {
      const n = await produceLines(topic, process.stdin, opts);
      process.stderr.write(`Produced ${n} record(s) to ${topic}.\n`);
    }),
  );
}
