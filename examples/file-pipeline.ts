/**
 * file -> topic -> file: a Connect worker runs Kafka's FileStreamSource (one record per line of an
 * input file) into a topic and FileStreamSink from that topic into an output file, on an embedded
 * 3-broker cluster.
 *
 *     npx tsx examples/file-pipeline.ts
 *
 * The same with the CLI against a running cluster (`tributary start`):
 *
 *     tributary connect standalone worker.json file-source.json file-sink.json
 *
 * with `{"name": "file-source", "connector.class": "FileStreamSource", "file": "in.txt", "topic": "lines"}`
 * and `{"name": "file-sink", "connector.class": "FileStreamSink", "file": "out.txt", "topics": "lines"}`.
 */
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Cluster } from '../runtime/cluster/index.ts';
import { Worker } from '../runtime/connect/index.ts';

export const topic = 'lines';

export interface FilePipelineOptions {
  /** Where the cluster's data, the input and the output files go. */
  readonly dir: string;
  /** The lines to copy. */
  readonly lines: readonly string[];
  /** Give up waiting for the output after this long (default 60 s). */
  readonly timeoutMs?: number;
  readonly log?: (line: string) => void;
}

/** Lines of a file without the final newline's empty piece (none for a missing file). */
function readLines(file: string): string[] {
  if (!fs.existsSync(file)) return [];
  const text = fs.readFileSync(file, 'utf8');
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

/**
 * Runs the pipeline until the output file holds every input line (or the timeout passes) and returns
 * the output file's lines. Stops the worker and the cluster before returning.
 */
export async function runFilePipeline(options: FilePipelineOptions): Promise<string[]> {
  const log = options.log ?? (() => undefined);
  const input = join(options.dir, 'in.txt');
  const output = join(options.dir, 'out.txt');
  fs.writeFileSync(input, options.lines.map((l) => `${l}\n`).join(''));
  const cluster = await Cluster.start({ brokers: 3, dataDir: join(options.dir, 'cluster') });
  try {
    // One partition: the sink writes the lines in the order the source read them.
    await cluster.createTopic(topic, { partitions: 1, replicationFactor: 3 });
    const worker = await Worker.start({
      connections: cluster.connectionFactory(),
      config: {
        'bootstrap.servers': cluster.bootstrapServers().join(','),
        'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
        'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
        'offset.flush.interval.ms': '500',
      },
    });
    try {
      await worker.addConnector({
        name: 'file-source',
        'connector.class': 'FileStreamSource',
        file: input,
        topic,
      });
      await worker.addConnector({
        name: 'file-sink',
        'connector.class': 'FileStreamSink',
        file: output,
        topics: topic,
      });
      log(`copying ${options.lines.length} lines from ${input} through topic ${topic} to ${output}`);
      const deadline = Date.now() + (options.timeoutMs ?? 60_000);
      while (readLines(output).length < options.lines.length && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await worker.stop();
    }
    return readLines(output);
  } finally {
    await cluster.stop();
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(join(tmpdir(), 'tributary-file-pipeline-'));
  try {
    const lines = ['the quick brown fox', 'jumps over', 'the lazy dog'];
    const out = await runFilePipeline({ dir, lines, log: (l) => console.log(l) });
    console.log(`out.txt:\n${out.join('\n')}`);
    if (out.length !== lines.length) process.exitCode = 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
