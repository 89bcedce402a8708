// Throughput of a 4-operator stateless pipeline (filter -> mapValues -> selectKey -> to), measured
// on the runtime-agnostic TopologyTask (bytes in, bytes out) and through the TopologyTestDriver
// (typed pipe + typed read-back). Run: npx tsx dsl/perf/stateless-pipeline.perf.ts [records]
import { Serdes } from '../../core/serdes/index.ts';
import { Consumed, Produced, StreamsBuilder, TopologyTask, TopologyTestDriver } from '../index.ts';

const records = Number(process.argv[2] ?? 500_000);
const warmupRecords = 50_000;
const S = Serdes.String();
const I = Serdes.Int();

const builder = new StreamsBuilder();
builder
  .stream('in', Consumed.with(S, I))
  .filter((_k, v) => v % 10 !== 0)
  .mapValues((v) => v * 2)
  .selectKey((k) => `${k}x`)
  .to('out', Produced.with(S, I));
const topology = builder.build();

const keys = Array.from({ length: 100 }, (_, i) => Buffer.from(`key${i}`));
const values = Array.from({ length: 1000 }, (_, i) => I.serializer('in', i)!);

function runTask(n: number): number {
  let produced = 0;
  const task = new TopologyTask(topology, 0, {
    applicationId: 'perf',
    partition: 0,
    sink: () => {
      produced++;
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
      key: keys[i % 100]!,
      value: values[i % 1000]!,
      headers: [],
    });
  }
  return produced;
}

function runDriver(n: number): void {
  const driver = new TopologyTestDriver(topology);
  const input = driver.createInputTopic('in', S, I);
  const output = driver.createOutputTopic('out', S, I);
  for (let i = 0; i < n; i++) {
    input.pipeInput(`key${i % 100}`, i % 1000, i);
    if (i % 1000 === 999) output.readRecordsToList();
  }
  driver.close();
}

function measure(run: (n: number) => unknown): number {
  run(warmupRecords);
  const start = performance.now();
  run(records);
  return Math.round((records / (performance.now() - start)) * 1000);
}

console.log(
  JSON.stringify({
    bench: 'streams-stateless-pipeline',
    records,
    topologyTaskRecordsPerSec: measure(runTask),
    testDriverRecordsPerSec: measure(runDriver),
    node: process.version,
  }),
);
