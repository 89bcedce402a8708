/**
 * A 4-operator stateless Streams pipeline (dsl): stream('in', String/Int) -> filter(v % 10 != 0) ->
 * mapValues(v * 2) -> selectKey(k + 'x') -> to('out', String/Int):
 *
 * - on the runtime-agnostic TopologyTask (bytes in, bytes out, as a stream-task actor drives it) vs a
 *   plain loop doing the same work: deserialize key and value with the same serdes, filter, map,
 *   rekey, serialize, hand an output record to the sink;
 * - through the TopologyTestDriver (typed pipeInput, typed read-back every 1,000 records) vs a plain
 *   loop doing the same typed round trip (serialize, deserialize, the four steps, serialize,
 *   deserialize, collect).
 *
 * Both plain loops are checked to produce exactly the pipeline's output before timing.
 *
 * Knobs: BENCH_STREAMS_RECORDS (default 300000 records per run).
 */
import { Serdes } from '../core/serdes/index.ts';
import {
  Consumed,
  Produced,
  StreamsBuilder,
  TopologyTask,
  TopologyTestDriver,
  type TaskOutputRecord,
  type Topology,
} from '../dsl/index.ts';
import { envInt, rate, type Benchmark, type FigureSpec } from './harness.ts';

const S = Serdes.String();
const I = Serdes.Int();
const distinctKeys = 100;
const distinctValues = 1000;
const readBackEvery = 1000;

function pipeline(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream('in', Consumed.with(S, I))
    .filter((_k, v) => v % 10 !== 0)
    .mapValues((v) => v * 2)
    .selectKey((k) => `${k}x`)
    .to('out', Produced.with(S, I));
  return builder.build();
}

const keyBytes = Array.from({ length: distinctKeys }, (_, i) => Buffer.from(`key${i}`));
const valueBytes = Array.from({ length: distinctValues }, (_, i) => I.serializer('in', i)!);
const keyStrings = Array.from({ length: distinctKeys }, (_, i) => `key${i}`);

/** Bytes in, bytes out through a TopologyTask; `onOutput` sees every record a sink writes. */
function runTask(topology: Topology, n: number, onOutput: (r: TaskOutputRecord) => void): void {
  const task = new TopologyTask(topology, 0, {
    applicationId: 'bench',
    partition: 0,
    sink: onOutput,
    wallClockMs: () => 0,
  });
  task.init();
  for (let i = 0; i < n; i++) {
    task.process({
      topic: 'in',
      partition: 0,
      offset: i,
      timestamp: i,
      key: keyBytes[i % distinctKeys]!,
      value: valueBytes[i % distinctValues]!,
      headers: [],
    });
  }
}

/** The baseline for runTask: the same four steps by hand on the same bytes. */
function runPlain(n: number, onOutput: (r: TaskOutputRecord) => void): void {
  for (let i = 0; i < n; i++) {
    const key = S.deserializer('in', keyBytes[i % distinctKeys]!)!;
    const value = I.deserializer('in', valueBytes[i % distinctValues]!)!;
    if (value % 10 === 0) continue;
    const mapped = value * 2;
    const newKey = `${key}x`;
    onOutput({
      topic: 'out',
      key: S.serializer('out', newKey),
      value: I.serializer('out', mapped),
      timestamp: i,
      headers: [],
      partitioner: undefined,
    });
  }
}

/** Typed records through the TopologyTestDriver; returns the typed outputs read back. */
function runDriver(topology: Topology, n: number, collect: boolean): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  const driver = new TopologyTestDriver(topology);
  const input = driver.createInputTopic('in', S, I);
  const output = driver.createOutputTopic('out', S, I);
  const drain = (): void => {
    for (const r of output.readRecordsToList()) {
      sink += r.value!;
      if (collect) out.push([r.key!, r.value!]);
    }
  };
  for (let i = 0; i < n; i++) {
    input.pipeInput(keyStrings[i % distinctKeys]!, i % distinctValues, i);
    if (i % readBackEvery === readBackEvery - 1) drain();
  }
  drain();
  driver.close();
  return out;
}

/** The baseline for runDriver: the same typed round trip by hand. */
function runPlainTyped(n: number, collect: boolean): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  let pending: Array<[Buffer | null, Buffer | null]> = [];
  const drain = (): void => {
    for (const [k, v] of pending) {
      const value = I.deserializer('out', v)!;
      sink += value;
      if (collect) out.push([S.deserializer('out', k)!, value]);
    }
    pending = [];
  };
  for (let i = 0; i < n; i++) {
    const key = S.deserializer('in', S.serializer('in', keyStrings[i % distinctKeys]!))!;
    const value = I.deserializer('in', I.serializer('in', i % distinctValues))!;
    if (value % 10 !== 0) pending.push([S.serializer('out', `${key}x`), I.serializer('out', value * 2)]);
    if (i % readBackEvery === readBackEvery - 1) drain();
  }
  drain();
  return out;
}

let sink = 0;

function sameOutputs(a: readonly TaskOutputRecord[], b: readonly TaskOutputRecord[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (r, i) =>
        r.topic === b[i]!.topic &&
        r.timestamp === b[i]!.timestamp &&
        r.key!.equals(b[i]!.key!) &&
        r.value!.equals(b[i]!.value!),
    )
  );
}

const benchmark: Benchmark = {
  name: 'streams',
  run(ctx) {
    const records = envInt('BENCH_STREAMS_RECORDS', 300_000);
    const topology = pipeline();

    // The plain loops must do exactly what the pipeline does.
    const checkCount = 5000;
    const fromTask: TaskOutputRecord[] = [];
    const fromPlain: TaskOutputRecord[] = [];
    runTask(topology, checkCount, (r) => fromTask.push(r));
    runPlain(checkCount, (r) => fromPlain.push(r));
    if (fromTask.length === 0 || !sameOutputs(fromTask, fromPlain))
      throw new Error('the plain loop does not produce what the TopologyTask produces');
    const typedDriver = runDriver(topology, checkCount, true);
    const typedPlain = runPlainTyped(checkCount, true);
    if (JSON.stringify(typedDriver) !== JSON.stringify(typedPlain))
      throw new Error('the typed plain loop does not produce what the TopologyTestDriver produces');
    ctx.log(`${fromTask.length} of ${checkCount} records pass the filter (checked equal)`);

    const count = (r: TaskOutputRecord): void => {
      sink += r.value!.length;
    };
    const settings = { records, operators: 4, distinctKeys, distinctValues };
    const figures: FigureSpec[] = [
      {
        name: 'stateless pipeline on TopologyTask (bytes in, bytes out)',
        unit: 'records/s',
        settings,
        measure: () => rate(records, () => runTask(topology, records, count)),
        baseline: {
          name: 'plain loop: same serdes, filter, map, rekey, sink',
          measure: () => rate(records, () => runPlain(records, count)),
        },
      },
      {
        name: 'stateless pipeline through TopologyTestDriver (typed in, typed read-back)',
        unit: 'records/s',
        settings: { ...settings, readBackEvery },
        measure: () => rate(records, () => void runDriver(topology, records, false)),
        baseline: {
          name: 'plain loop: the same typed round trip',
          measure: () => rate(records, () => void runPlainTyped(records, false)),
        },
      },
    ];
    ctx.onTeardown(() => {
      if (sink === -1) ctx.log('unreachable');
    });
    return figures;
  },
};

export default benchmark;
