/**
 * Issue 6's streams benchmark: a map -> filter -> to topology over 1M records on the embedded
 * cluster, vs. a plain loop applying the same functions to the same decoded records in the same run.
 *
 * Figure: a StreamsApp (one instance, one stream thread) running
 * stream('in', String/Int) -> map((k, v) => (k + 'x', v * 2)) -> filter(v % 10 != 0) -> to('out')
 * on a one-broker in-process cluster with real storage, 3 partitions. The input is produced once
 * before any run; each run starts a fresh application.id (so it reads from the start) writing to a
 * fresh output topic and is timed from start() until a reader has seen every output record (group
 * join, task creation and the first fetch included). records/s = input records / seconds.
 *
 * Baseline: the same map and filter applied by a plain loop to the same records, decoded once up
 * front (what the app reads), collecting the outputs in an array.
 *
 * A second figure keeps the runtime-agnostic view: the same topology on a TopologyTask (bytes in,
 * bytes out, no cluster) vs. a plain loop doing the same serdes and functions, which isolates the
 * DSL's own per-record cost from the clients and actors.
 *
 * Knobs: BENCH_RECORDS (default 1000000) for the cluster figure, BENCH_STREAMS_TASK_RECORDS
 * (default 300000) for the TopologyTask figure.
 */
import { Serdes } from '../core/serdes/index.ts';
import {
  Consumed,
  KeyValue,
  Produced,
  StreamsBuilder,
  TopologyTask,
  type TaskOutputRecord,
  type Topology,
} from '../dsl/index.ts';
import { StreamsApp } from '../runtime/streams/index.ts';
import { envInt, nowSeconds, rate, type Benchmark, type FigureSpec } from './harness.ts';
import { benchCluster, load, readUntil } from './streams-cluster-support.ts';

const S = Serdes.String();
const I = Serdes.Int();
const partitions = 3;
const distinctKeys = 100;

const mapper = (k: string, v: number): KeyValue<string, number> => KeyValue.pair(`${k}x`, v * 2);
const predicate = (_k: string, v: number): boolean => v % 10 !== 0;

function pipeline(output: string): Topology {
  const builder = new StreamsBuilder();
  builder.stream('in', Consumed.with(S, I)).map(mapper).filter(predicate).to(output, Produced.with(S, I));
  return builder.build();
}

/** Bytes the task and loop write, kept so the work is not optimized away. */
export let sink = 0;

/** Bytes in, bytes out through a TopologyTask. */
function runTask(topology: Topology, keys: Buffer[], values: Buffer[], n: number): number {
  let out = 0;
  const task = new TopologyTask(topology, 0, {
    applicationId: 'bench',
    partition: 0,
    sink: (r: TaskOutputRecord) => {
      out++;
      sink += r.value!.length;
    },
    wallClockMs: () => 0,
  });
  task.init();
  for (let i = 0; i < n; i++) {
    task.process({
      topic: 'in',
      partition: 0,
      offset: i,
      timestamp: i,
      key: keys[i % keys.length]!,
      value: values[i % values.length]!,
      headers: [],
    });
  }
  return out;
}

function runTaskPlain(keys: Buffer[], values: Buffer[], n: number): number {
  let out = 0;
  for (let i = 0; i < n; i++) {
    const kv = mapper(
      S.deserializer('in', keys[i % keys.length]!)!,
      I.deserializer('in', values[i % values.length]!)!,
    );
    if (!predicate(kv.key, kv.value)) continue;
    const r: TaskOutputRecord = {
      topic: 'out',
      key: S.serializer('out', kv.key),
      value: I.serializer('out', kv.value),
      timestamp: i,
      headers: [],
      partitioner: undefined,
    };
    out++;
    sink += r.value!.length;
  }
  return out;
}

const benchmark: Benchmark = {
  name: 'streams',
  async run(ctx) {
    const records = envInt('BENCH_RECORDS', 1_000_000);
    const taskRecords = envInt('BENCH_STREAMS_TASK_RECORDS', 300_000);
    const cluster = await benchCluster(ctx, 'streams');
    const factory = cluster.connectionFactory();
    await cluster.createTopic('in', { partitions });
    const keyOf = (i: number): string => `key${i % distinctKeys}`;
    const t0 = nowSeconds();
    await load(cluster, 'in', S, I, records, (i) => ({ key: keyOf(i), value: i }));
    ctx.log(`streams: ${records} input records loaded in ${(nowSeconds() - t0).toFixed(1)} s`);
    // The decoded records the baseline works on: what the app reads (values i, keys key<i % 100>).
    const decodedKeys = Array.from({ length: records }, (_, i) => keyOf(i));
    const decodedValues = Array.from({ length: records }, (_, i) => i);
    let expected = 0;
    for (let i = 0; i < records; i++) if (predicate(keyOf(i), mapper(keyOf(i), i).value)) expected++;

    let run = 0;
    const appRun = async (): Promise<number> => {
      const id = ++run;
      const output = `out-${id}`;
      await cluster.createTopic(output, { partitions });
      const app = new StreamsApp(pipeline(output), {
        'application.id': `bench-streams-${id}`,
        'commit.interval.ms': 1000,
        connectionFactory: factory,
      });
      const start = nowSeconds();
      await app.start();
      let seen = 0;
      await readUntil(cluster, output, partitions, () => ++seen >= expected);
      const seconds = nowSeconds() - start;
      await app.close();
      return records / seconds;
    };
    const plainRun = (): number =>
      rate(records, () => {
        const out: KeyValue<string, number>[] = [];
        for (let i = 0; i < records; i++) {
          const kv = mapper(decodedKeys[i]!, decodedValues[i]!);
          if (predicate(kv.key, kv.value)) out.push(kv);
        }
        if (out.length !== expected)
          throw new Error(`plain loop produced ${out.length}, expected ${expected}`);
      });

    const keyBytes = Array.from({ length: distinctKeys }, (_, i) => Buffer.from(`key${i}`));
    const valueBytes = Array.from({ length: 1000 }, (_, i) => I.serializer('in', i)!);
    const taskTopology = pipeline('out');
    const a = runTask(taskTopology, keyBytes, valueBytes, 5000);
    const b = runTaskPlain(keyBytes, valueBytes, 5000);
    if (a !== b || a === 0) throw new Error(`TopologyTask produced ${a} records, the plain loop ${b}`);

    const figures: FigureSpec[] = [
      {
        name: 'map -> filter -> to, StreamsApp on the embedded cluster (1 broker, 3 partitions), end to end',
        unit: 'records/s',
        settings: { records, partitions, brokers: 1, threads: 1, commitIntervalMs: 1000 },
        measure: appRun,
        baseline: { name: 'plain loop: the same map and filter over the decoded records', measure: plainRun },
      },
      {
        name: 'map -> filter -> to on a TopologyTask (bytes in, bytes out, no cluster)',
        unit: 'records/s',
        settings: { records: taskRecords },
        measure: () => rate(taskRecords, () => void runTask(taskTopology, keyBytes, valueBytes, taskRecords)),
        baseline: {
          name: 'plain loop: the same serdes, map and filter on the same bytes',
          measure: () => rate(taskRecords, () => void runTaskPlain(keyBytes, valueBytes, taskRecords)),
        },
      },
    ];
    return figures;
  },
};

export default benchmark;
