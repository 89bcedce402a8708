/**
 * A stateless Streams app end to end on the in-process cluster (one broker, real storage in a temp dir,
 * 3 partitions): stream('in', String/Int) -> filter(v % 10 != 0) -> mapValues(v * 2) -> to('out').
 * The input is loaded once; each run starts a StreamsApp with a fresh application.id (so it reads the
 * input from the start) writing to a fresh output topic, and is timed from start() until a reader has
 * seen every output record. records/s = input records / seconds.
 *
 * Baseline, in the same process: the same logic as a plain loop with our clients: a Consumer in a fresh
 * group polls, deserializes, filters, maps, serializes and sends with a Producer, commits after a flush,
 * timed the same way (until the reader has every output record).
 *
 * Knobs: BENCH_STREAMS_APP_RECORDS (default 100000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Serdes } from '../core/serdes/index.ts';
import { Consumed, Produced, StreamsBuilder, type Topology } from '../dsl/index.ts';
import { Consumer, Producer } from '../actors/client/index.ts';
import { Cluster } from '../runtime/cluster/index.ts';
import { StreamsApp } from '../runtime/streams/index.ts';
import { envInt, nowSeconds, type Benchmark } from './harness.ts';

const S = Serdes.String();
const I = Serdes.Int();
const partitions = 3;
const keysDistinct = 100;

function topology(output: string): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream<string, number>('in', Consumed.with(S, I))
    .filter((_k, v) => v % 10 !== 0)
    .mapValues((v) => v * 2)
    .to(output, Produced.with(S, I));
  return builder.build();
}

/** Resolves once `expected` records are on `topic`. */
async function waitForOutputs(cluster: Cluster, topic: string, expected: number): Promise<void> {
  const reader = new Consumer(
    { 'auto.offset.reset': 'earliest', 'enable.auto.commit': false },
    {
      connectionFactory: cluster.connectionFactory(),
    },
  );
  reader.assign(Array.from({ length: partitions }, (_, partition) => ({ topic, partition })));
  let seen = 0;
  try {
    while (seen < expected) seen += (await reader.poll(200)).length;
  } finally {
    await reader.close({ timeoutMs: 0 });
  }
}

const benchmark: Benchmark = {
  name: 'streams-app',
  async run(ctx) {
    const records = envInt('BENCH_STREAMS_APP_RECORDS', 100_000);
    const dir = mkdtempSync(join(tmpdir(), 'tributary-bench-streams-app-'));
    const cluster = await Cluster.start({ brokers: 1, dataDir: dir });
    ctx.onTeardown(async () => {
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    const factory = cluster.connectionFactory();
    await cluster.createTopic('in', { partitions });
    const producer = new Producer<string, number>(factory, {
      keySerde: S,
      valueSerde: I,
      config: { 'linger.ms': 5 },
    });
    for (let i = 0; i < records; i += 10_000) {
      const n = Math.min(10_000, records - i);
      await Promise.all(
        Array.from({ length: n }, (_, j) =>
          producer.send({ topic: 'in', key: `key${(i + j) % keysDistinct}`, value: i + j }),
        ),
      );
    }
    await producer.close();
    const outputs = Array.from({ length: records }, (_, i) => i).filter((v) => v % 10 !== 0).length;
    ctx.log(`streams-app: ${records} input records loaded`);
    let run = 0;

    const streamsRun = async (): Promise<number> => {
      const id = ++run;
      const output = `out-app-${id}`;
      await cluster.createTopic(output, { partitions });
      const app = new StreamsApp(topology(output), {
        'application.id': `bench-app-${id}`,
        'commit.interval.ms': 1000,
        connectionFactory: factory,
      });
      const t0 = nowSeconds();
      await app.start();
      await waitForOutputs(cluster, output, outputs);
      const seconds = nowSeconds() - t0;
      await app.close();
      return records / seconds;
    };

    const plainRun = async (): Promise<number> => {
      const id = ++run;
      const output = `out-loop-${id}`;
      await cluster.createTopic(output, { partitions });
      const consumer = new Consumer<Buffer, Buffer>(
        {
          'group.id': `bench-loop-${id}`,
          'auto.offset.reset': 'earliest',
          'enable.auto.commit': false,
          'max.poll.records': 1000,
        },
        { connectionFactory: factory },
      );
      const out = new Producer<Buffer, Buffer>(factory, { config: { 'linger.ms': 100 } });
      const t0 = nowSeconds();
      consumer.subscribe(['in']);
      const done = waitForOutputs(cluster, output, outputs);
      let consumed = 0;
      let lastCommit = nowSeconds();
      while (consumed < records) {
        const batch = await consumer.poll(100);
        for (const r of batch) {
          const key = S.deserializer('in', r.rawKey);
          const value = I.deserializer('in', r.rawValue)!;
          if (value % 10 === 0) continue;
          void out.send({
            topic: output,
            key: S.serializer(output, key),
            value: I.serializer(output, value * 2),
            timestamp: r.timestamp,
          });
        }
        consumed += batch.length;
        if (nowSeconds() - lastCommit >= 1) {
          await out.flush();
          await consumer.commit();
          lastCommit = nowSeconds();
        }
      }
      await out.flush();
      await consumer.commit();
      await done;
      const seconds = nowSeconds() - t0;
      await consumer.close();
      await out.close();
      return records / seconds;
    };

    return [
      {
        name: 'stateless StreamsApp (filter, mapValues, to), 3 partitions, end to end',
        unit: 'records/s',
        settings: { records, partitions, brokers: 1, threads: 1 },
        measure: streamsRun,
        baseline: {
          name: 'plain consume -> transform -> produce loop with our Consumer and Producer',
          measure: plainRun,
        },
      },
    ];
  },
};

export default benchmark;
