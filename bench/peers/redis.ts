/**
 * Redis Streams in the peers benchmark: a fresh redis-server per run (append-only file fsynced every
 * second, no snapshots; bench/peers/servers.ts), driven by the `ioredis` npm client in this process.
 *
 * Produce: `XADD bench * v <value>` in pipelines of 1000, one pipeline at a time.
 * Consume: `XREAD COUNT 1000 STREAMS bench <last id>` (Buffer replies), one read at a time; the
 * latency run adds `BLOCK` so the reader waits at the stream's end.
 */
import { importClient } from './install.ts';
import { startRedis, type RunningServer } from './servers.ts';
import {
  LatencyRecorder,
  deadline,
  expectCount,
  nowMs,
  paced,
  stampedValue,
  type LatencyResult,
  type LatencySettings,
  type PeerSystem,
  type ThroughputResult,
  type ThroughputSettings,
} from './workload.ts';

/** XREAD's RESP2 reply: per stream, its entries as [id, [field, value, ...]]. */
type XReadReply = Array<[Buffer, Array<[Buffer, Buffer[]]>]> | null;

/** The part of `ioredis` this file uses. */
interface RedisClient {
  pipeline(): RedisPipeline;
  xadd(key: string, id: string, field: string, value: Buffer): Promise<string | null>;
  xlen(key: string): Promise<number>;
  xreadBuffer(...args: Array<string | number>): Promise<XReadReply>;
  quit(): Promise<unknown>;
  disconnect(): void;
}
interface RedisPipeline {
  xadd(key: string, id: string, field: string, value: Buffer): RedisPipeline;
  exec(): Promise<Array<[Error | null, unknown]> | null>;
}
interface IoRedisModule {
  Redis: new (options: {
    host: string;
    port: number;
    lazyConnect?: boolean;
    maxRetriesPerRequest?: number;
  }) => RedisClient;
}

const key = 'bench';
const field = 'v';
/** Commands per pipeline (the workload). */
export const pipelineLength = 1000;
/** Entries per XREAD. */
const readCount = 1000;
/** How long one blocking XREAD waits in the latency run before it is issued again. */
const blockMs = 1000;
const readTimeoutMs = 300_000;

async function open(binary: string): Promise<{ server: RunningServer; clients: RedisClient[] }> {
  const { Redis } = await importClient<IoRedisModule>('ioredis');
  const server = await startRedis(binary);
  const port = server.ports[0]!;
  // Two connections: a blocked XREAD must not hold up the writer's commands.
  const clients = [0, 1].map(() => new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 0 }));
  return { server, clients };
}

async function close(server: RunningServer, clients: RedisClient[]): Promise<void> {
  for (const c of clients) await c.quit().catch(() => c.disconnect());
  await server.stop();
}

/** Reads entries after `lastId` until `onValue` returned true; returns nothing, rejects after readTimeoutMs. */
async function readUntil(
  client: RedisClient,
  block: boolean,
  onValue: (value: Buffer) => boolean,
  what: string,
): Promise<void> {
  let lastId = '0-0';
  const limit = nowMs() + readTimeoutMs;
  for (;;) {
    if (nowMs() > limit) throw new Error(`${what} did not finish in ${readTimeoutMs} ms`);
    const args: Array<string | number> = ['COUNT', readCount];
    if (block) args.push('BLOCK', blockMs);
    const reply = await client.xreadBuffer(...args, 'STREAMS', key, lastId);
    if (reply === null) continue;
    const entries = reply[0]![1];
    for (const [, fields] of entries) if (onValue(fields[1]!)) return;
    lastId = entries[entries.length - 1]![0].toString('latin1');
  }
}

export class RedisSystem implements PeerSystem {
  readonly id = 'redis';
  readonly label: string;
  private readonly binary: string;

  constructor(binary: string, version: string) {
    this.binary = binary;
    this.label = `Redis Streams ${version}`;
  }

  async throughput(settings: ThroughputSettings): Promise<ThroughputResult> {
    const { server, clients } = await open(this.binary);
    try {
      const [writer, reader] = clients as [RedisClient, RedisClient];
      const value = Buffer.alloc(settings.valueBytes, 97);
      const t0 = nowMs();
      for (let i = 0; i < settings.records; i += pipelineLength) {
        const pipeline = writer.pipeline();
        const n = Math.min(pipelineLength, settings.records - i);
        for (let j = 0; j < n; j++) pipeline.xadd(key, '*', field, value);
        const replies = await pipeline.exec();
        const failed = replies?.find(([err]) => err !== null);
        if (replies === null || failed !== undefined)
          throw new Error(`${this.label}: XADD failed: ${String(failed?.[0] ?? 'no reply')}`);
      }
      const produceSeconds = (nowMs() - t0) / 1000;
      expectCount(`${this.label} stream`, await writer.xlen(key), settings.records);

      let count = 0;
      let bytes = 0;
      const t1 = nowMs();
      await readUntil(
        reader,
        false,
        (v) => {
          bytes += v.length;
          return ++count === settings.records;
        },
        `${this.label} read-back`,
      );
      const consumeSeconds = (nowMs() - t1) / 1000;
      expectCount(`${this.label} read-back`, bytes / settings.valueBytes, settings.records);
      return { produceSeconds, consumeSeconds };
    } finally {
      await close(server, clients);
    }
  }

  async latency(settings: LatencySettings): Promise<LatencyResult> {
    const { server, clients } = await open(this.binary);
    const recorder = new LatencyRecorder();
    try {
      const [writer, reader] = clients as [RedisClient, RedisClient];
      await writer.xlen(key); // both connections up before the clock starts
      await reader.xlen(key);
      const total = Math.round(settings.ratePerSecond * settings.seconds);
      const limit = deadline(readTimeoutMs, `${this.label} latency run`);
      const reading = readUntil(
        reader,
        true,
        (v) => {
          recorder.record(v);
          return recorder.count === total;
        },
        `${this.label} latency run`,
      );
      reading.catch(() => {}); // awaited below
      try {
        await Promise.race([
          paced(settings, (due) => writer.xadd(key, '*', field, stampedValue(settings.valueBytes, due))),
          limit.promise,
        ]);
        await Promise.race([reading, limit.promise]);
      } finally {
        limit.cancel();
      }
      expectCount(`${this.label} latency run`, recorder.count, total);
      return recorder.result();
    } finally {
      recorder.destroy();
      await close(server, clients);
    }
  }
}
