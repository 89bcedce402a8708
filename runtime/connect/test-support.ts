// Helpers for the worker tests: a simulated cluster, a simulated disk with text-file helpers, and a
// worker on both. Not exported from index.ts.
import { Consumer } from '../../actors/client/index.ts';
import type { ConfigProps } from '../../actors/connect/index.ts';
import { SimulatedFileSystem, type Clock } from '../../core/io/index.ts';
import { Cluster } from '../cluster/index.ts';
import { Worker, type WorkerOptions } from './worker.ts';
import type { WorkerLogger } from './worker-logger.ts';

export const stringConverter = 'org.apache.kafka.connect.storage.StringConverter';
export const jsonConverter = 'org.apache.kafka.connect.json.JsonConverter';

/** A worker config small enough for a simulated one-broker cluster, committing every second. */
export function testWorkerConfig(
  extra: Record<string, string | number> = {},
): Record<string, string | number> {
  return {
    'key.converter': stringConverter,
    'value.converter': stringConverter,
    'offset.flush.interval.ms': 1000,
    'offset.storage.partitions': 3,
    'status.storage.partitions': 2,
    'task.restart.backoff.ms': 500,
    'task.restart.backoff.max.ms': 4000,
    ...extra,
  };
}

/** Collects the worker's log lines (tests assert on what was logged, e.g. a rotation). */
export class RecordingLogger implements WorkerLogger {
  readonly lines: { level: string; msg: string; obj: object }[] = [];
  info(obj: object, msg = ''): void {
    this.lines.push({ level: 'info', msg, obj });
  }
  warn(obj: object, msg = ''): void {
    this.lines.push({ level: 'warn', msg, obj });
  }
  error(obj: object, msg = ''): void {
    this.lines.push({ level: 'error', msg, obj });
  }
}

export interface Rig {
  readonly cluster: Cluster;
  /** The cluster's (simulated) clock. */
  readonly clock: Clock;
  readonly fs: SimulatedFileSystem;
  readonly logger: RecordingLogger;
  startWorker(config?: ConfigProps, options?: Partial<WorkerOptions>): Promise<Worker>;
  /** Lines of a text file on the simulated disk (without the empty string after the last newline). */
  lines(path: string): string[];
  append(path: string, lines: readonly string[]): void;
  /** Every record of a topic, read without a group from the beginning to the current end. */
  readTopic(
    topic: string,
  ): Promise<
    { key: Buffer | null; value: Buffer | null; headers: readonly { key: string; value: Buffer | null }[] }[]
  >;
  close(): Promise<void>;
}

export async function startRig(seed: number, brokers = 1): Promise<Rig> {
  // Whole-millisecond network delays: the default range [0, 2] makes simulated time fractional, and
  // a record stamped with a fractional time is refused (INVALID_RECORD) by the brokers' batch builder.
  const cluster = await Cluster.start({
    brokers,
    simulated: { seed, network: { minDelayMs: 1, maxDelayMs: 1 } },
  });
  const fs = new SimulatedFileSystem();
  fs.mkdirp('/files');
  const logger = new RecordingLogger();
  const workers: Worker[] = [];
  const clock = cluster.clock;
  const rig: Rig = {
    cluster,
    clock,
    fs,
    logger,
    async startWorker(config = testWorkerConfig(), options = {}) {
      const worker = await cluster.run(
        Worker.start({
          connections: cluster.connectionFactory(),
          clock,
          random: cluster.random,
          fs,
          config,
          logger,
          workerId: `worker-${workers.length + 1}`,
          ...options,
        }),
      );
      workers.push(worker);
      return worker;
    },
    lines(path) {
      if (!fs.exists(path)) return [];
      const text = fs.readFile(path).toString('utf8');
      const parts = text.split('\n');
      if (parts[parts.length - 1] === '') parts.pop();
      return parts;
    },
    append(path, lines) {
      const h = fs.open(path, 'create');
      try {
        h.append(Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8'));
      } finally {
        h.close();
      }
    },
    async readTopic(topic) {
      const consumer = new Consumer(
        { 'enable.auto.commit': false, 'auto.offset.reset': 'earliest', 'allow.auto.create.topics': false },
        { connectionFactory: cluster.connectionFactory(), clock },
      );
      try {
        const partitions = await cluster.run(consumer.endOffsets([{ topic, partition: 0 }]));
        const end = partitions[0]!.offset;
        consumer.assign([{ topic, partition: 0 }]);
        const out: Awaited<ReturnType<Rig['readTopic']>> = [];
        while (out.length < end) {
          for (const r of await cluster.run(consumer.poll(200))) {
            out.push({ key: r.rawKey, value: r.rawValue, headers: r.headers });
          }
        }
        return out;
      } finally {
        await cluster.run(consumer.close({ timeoutMs: 0 }));
      }
    },
    async close() {
      for (const w of workers) await cluster.run(w.kill());
      await cluster.stop();
    },
  };
  return rig;
}
