/**
 * Our Producer and Consumer against the embedded Cluster in one process (in-process connections: no
 * sockets, no request encoding), one broker on the real file system (NodeFileSystem in a temp dir),
 * topics with RF=1, 100-byte values without keys (each value a Buffer made before the clock starts):
 *
 * - produce: a fresh topic and Producer per run, connected and knowing the topic's partitions before
 *   the clock starts; then `send()` per record with the default batching (batch.size 16384, linger.ms
 *   5), at most BENCH_CLIENTS_WINDOW (10,000) records unacknowledged as a sliding window: records go
 *   out in chunks of BENCH_CLIENTS_CHUNK (1,000), and a chunk waits until the chunk a window earlier
 *   is acknowledged (with more outstanding, GC of the per-send promises dominates, see the "burst"
 *   figure; awaiting whole windows instead leaves every window's last batch lingering 5 ms). Timed until every record is acknowledged; afterwards the
 *   partitions' log end offsets must add up to the records sent. acks=1 and acks=all (the idempotent
 *   producer, Kafka's default), 1 and 6 partitions;
 * - produce with Java's callback form: `send(record, callback)` per record (no promise made), the same
 *   sliding window counted in callbacks; acks=1, 1 and 6 partitions, the same log-end-offset check;
 * - produce with KafkaJS's batch form: `send({ topic, messages })` with BENCH_CLIENTS_WINDOW messages
 *   per call (one promise per call, resolved with every record's metadata), each call awaited;
 *   acks=1, 1 and 6 partitions, the same log-end-offset check;
 * - produce burst: every send fired at once and then awaited (BENCH_CLIENTS_BURST_RECORDS, default
 *   200,000). A million at once passes buffer.memory (32 MiB), so most sends wait for memory (a
 *   queued append, its promises and a max.block.ms timer each), which made it 5-10x slower per
 *   record than the windowed pattern (GC), so it is not the default figure;
 * - consume: a Consumer (assign, auto.offset.reset=earliest, otherwise defaults) reads a topic of the
 *   same records back with poll() until it has all of them, checking every record's value (length,
 *   sequence number, each exactly once) on the way.
 *
 * Baselines, measured in the same run: PartitionLog.append of the same records pre-built into 16 KiB
 * batches (for produce) and PartitionLog.read of such a log, 1 MiB per call (for consume), both on the
 * same file system. The MB/s figures are the records/s figures' own runs in MB/s of 100-byte values
 * (replayed, not measured again).
 *
 * Warm-up: each produce figure (and its baseline) has two untimed runs before the timed ones, the
 * consume figures one: the send path reaches the JIT's steady state only in its third million records
 * (see produceWarmup). BENCH_WARMUP overrides both.
 *
 * Knobs: BENCH_CLIENTS_RECORDS (default 1000000), BENCH_CLIENTS_WINDOW (default 10000), BENCH_CLIENTS_CHUNK (default 1000),
 * BENCH_CLIENTS_BURST_RECORDS (default 200000).
 * Profile: `BENCH_RUNS=1 BENCH_WARMUP=0 node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/run.ts clients`.
 */
import * as nodeFs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { Consumer } from '../actors/client/consumer/index.ts';
import { Producer, type AcksInput } from '../actors/client/producer/index.ts';
import { NodeFileSystem, SystemClock } from '../core/io/index.ts';
import { LogConfig, PartitionLog } from '../core/log/index.ts';
import { RecordBatchBuilder } from '../core/records/index.ts';
import { Cluster } from '../runtime/cluster/index.ts';
import { ackCounter, envInt, nowSeconds, type Benchmark, type FigureSpec, type Measure } from './harness.ts';

const valueBytes = 100;
const batchBytes = 16_384;
const readChunkBytes = 1024 * 1024;
const fillByte = 0x61;
/** A consume run fails when this long passes without a record. */
const consumeStallMs = 30_000;

/** Value of record `seq`: its sequence number (uint32 BE) and then `fillByte`s, 100 bytes in all. */
function valuesOf(count: number): Buffer {
  const all = Buffer.alloc(count * valueBytes, fillByte);
  for (let i = 0; i < count; i++) all.writeUInt32BE(i, i * valueBytes);
  return all;
}

/** The same records as RecordBatch v2 bytes of at most `batchBytes` each (as the producer fills them). */
function buildBatches(values: Buffer, count: number): Buffer[] {
  const batches: Buffer[] = [];
  let builder = new RecordBatchBuilder({ initialCapacity: batchBytes + 1024 });
  let inBatch = 0;
  const timestamp = Date.now();
  for (let i = 0; i < count; i++) {
    if (inBatch > 0 && builder.sizeEstimate + valueBytes + 36 > batchBytes) {
      batches.push(builder.build());
      builder = new RecordBatchBuilder({ initialCapacity: batchBytes + 1024 });
      inBatch = 0;
    }
    builder.append({ value: values.subarray(i * valueBytes, (i + 1) * valueBytes), timestamp });
    inBatch++;
  }
  if (inBatch > 0) batches.push(builder.build());
  return batches;
}

function openLog(dir: string): PartitionLog {
  return PartitionLog.open({
    fs: new NodeFileSystem(),
    clock: new SystemClock(),
    dir,
    topic: 'bench',
    partition: 0,
    config: LogConfig.defaults,
  });
}

/** A figure's measure that also keeps each value, and one that replays them converted to MB/s. */
function recorded(measure: Measure): { measure: Measure; asMegabytes: Measure } {
  const values: number[] = [];
  let replayed = 0;
  return {
    measure: async () => {
      const v = await measure();
      values.push(v);
      return v;
    },
    asMegabytes: () => {
      const v = values[replayed++];
      if (v === undefined) throw new Error('MB/s replay ran ahead of its records/s figure');
      return (v * valueBytes) / 1e6;
    },
  };
}

let sink = 0;

const benchmark: Benchmark = {
  name: 'clients',
  async run(ctx) {
    const records = envInt('BENCH_CLIENTS_RECORDS', 1_000_000);
    const window = envInt('BENCH_CLIENTS_WINDOW', 10_000);
    const chunk = Math.min(window, envInt('BENCH_CLIENTS_CHUNK', 1_000));
    const burstRecords = Math.min(records, envInt('BENCH_CLIENTS_BURST_RECORDS', 200_000));
    const root = nodeFs.mkdtempSync(nodePath.join(os.tmpdir(), 'tributary-bench-clients-'));
    ctx.onTeardown(() => nodeFs.rmSync(root, { recursive: true, force: true }));
    const values = valuesOf(records);
    // Each record's value as its own Buffer, made before any clock starts: an application has its
    // values in hand when it calls send() (Kafka's producer-perf-test reuses one payload), and making
    // a Buffer view costs about as much as a quarter of a send.
    const valueOf = new Array<Buffer>(records);
    for (let i = 0; i < records; i++) valueOf[i] = values.subarray(i * valueBytes, (i + 1) * valueBytes);
    const batches = buildBatches(values, records);
    const recordsPerBatch = Math.ceil(records / batches.length);
    const burstBatches = batches.slice(0, Math.ceil(burstRecords / recordsPerBatch));
    const burstBatchRecords = Math.min(records, burstBatches.length * recordsPerBatch);
    ctx.log(
      `${records} records of ${valueBytes} B; ${batches.length} baseline batches of ~${recordsPerBatch}`,
    );

    /** Background errors of the broker (retried by it); each figure's settings count those of its runs. */
    const errors: string[] = [];
    const cluster = await Cluster.start({
      brokers: 1,
      dataDir: nodePath.join(root, 'cluster'),
      onError: (error, where) => errors.push(`${where}: ${String(error)}`),
    });
    ctx.onTeardown(() => cluster.stop());
    errors.length = 0; // brokers retry until the controller is up while the cluster starts
    const broker = cluster.broker(cluster.brokerIds[0]!);
    /** Counts (and logs) the broker errors during each run of a figure into its settings. */
    const countingErrors = (settings: NonNullable<FigureSpec['settings']>, measure: Measure): Measure => {
      settings['brokerBackgroundErrors'] = 0;
      return async () => {
        const before = errors.length;
        const value = await measure();
        for (const e of errors.slice(before)) ctx.log(`broker error: ${e}`);
        settings['brokerBackgroundErrors'] =
          Number(settings['brokerBackgroundErrors']) + errors.length - before;
        return value;
      };
    };
    const logEndOffsets = (topic: string, partitions: number): number => {
      let sum = 0;
      for (let partition = 0; partition < partitions; partition++)
        sum += broker.replicaManager.getPartition({ topic, partition })?.logEndOffset ?? 0;
      return sum;
    };
    let runSeq = 0;

    type Pattern = 'window' | 'callback' | 'burst' | 'messages';
    /** Sends records 0..count-1 to `topic`; resolves when all are acknowledged. */
    const sendAll = async (producer: Producer, topic: string, count: number, pattern: Pattern) => {
      if (pattern === 'window') return sendSliding(producer, topic, count);
      if (pattern === 'callback') return sendWithCallbacks(producer, topic, count);
      const step = pattern === 'burst' ? count : window;
      for (let first = 0; first < count; first += step) {
        const end = Math.min(count, first + step);
        if (pattern === 'messages') {
          // KafkaJS's batch form: one call (and one promise) per window of records.
          const messages = new Array<{ value: Buffer }>(end - first);
          for (let i = first; i < end; i++) messages[i - first] = { value: valueOf[i]! };
          const metadata = await producer.send({ topic, messages });
          if (metadata.length !== end - first)
            throw new Error(`send({ messages }) answered ${metadata.length}`);
        } else {
          const acked = new Array<Promise<unknown>>(end - first);
          for (let i = first; i < end; i++) acked[i - first] = producer.send({ topic, value: valueOf[i]! });
          await Promise.all(acked);
        }
        // One event-loop turn per window, as an application fed by I/O has: in-process requests and
        // answers are all microtasks, so without it no timer (linger, timeouts, the broker's metadata
        // polls and heartbeats) would run until the last record is acknowledged.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    };
    /**
     * send() per record with at most `window` records unacknowledged, as a sliding window: records go
     * out in chunks of `chunk`, and before a chunk is sent the chunk `window` records back must be
     * acknowledged. Awaiting whole windows instead (stop and wait) leaves each window's last batch
     * lingering linger.ms with nothing else to do: 100 windows x 5 ms of a 1M-record run.
     */
    const sendSliding = async (producer: Producer, topic: string, count: number): Promise<void> => {
      const chunks: Promise<unknown>[] = [];
      const chunksInWindow = Math.max(1, Math.floor(window / chunk));
      for (let first = 0; first < count; first += chunk) {
        const back = chunks.length - chunksInWindow;
        if (back >= 0) await chunks[back];
        const end = Math.min(count, first + chunk);
        const acked = new Array<Promise<unknown>>(end - first);
        for (let i = first; i < end; i++) acked[i - first] = producer.send({ topic, value: valueOf[i]! });
        chunks.push(Promise.all(acked));
        // One event-loop turn per chunk, as an application fed by I/O has (see sendAll).
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      await Promise.all(chunks);
    };
    /**
     * Java's `send(record, callback)` per record (no promise), the same sliding window as
     * sendSliding: a chunk waits until at most `window` records minus the chunk are unacknowledged.
     */
    const sendWithCallbacks = async (producer: Producer, topic: string, count: number): Promise<void> => {
      const { callback, ackedAtLeast, throwIfFailed } = ackCounter();
      for (let first = 0; first < count; first += chunk) {
        await ackedAtLeast(first + chunk - window);
        const end = Math.min(count, first + chunk);
        for (let i = first; i < end; i++) producer.send({ topic, value: valueOf[i]! }, callback);
        // One event-loop turn per chunk, as an application fed by I/O has (see sendAll).
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      await ackedAtLeast(count);
      throwIfFailed();
    };
    const deleteTopic = async (topic: string, partitions: number): Promise<void> => {
      const [result] = await broker.controller.deleteTopics([topic]);
      if (result!.errorCode !== 0) throw new Error(`deleting ${topic}: error ${result!.errorCode}`);
      await cluster.waitFor(
        () => broker.replicaManager.getPartition({ topic, partition: partitions - 1 }) === undefined,
        30_000,
        `${topic} deleted`,
      );
    };

    /** One produce run on a fresh topic and producer; returns records per second. */
    const produceRun = async (
      partitions: number,
      acks: AcksInput,
      pattern: Pattern,
      count: number,
    ): Promise<number> => {
      const topic = `produce-${runSeq++}`;
      await cluster.createTopic(topic, { partitions, replicationFactor: 1 });
      const producer = new Producer(cluster.connectionFactory(), { config: { acks } });
      try {
        await producer.connect();
        await producer.partitionsFor(topic);
        const t0 = nowSeconds();
        await sendAll(producer, topic, count, pattern);
        const seconds = nowSeconds() - t0;
        const stored = logEndOffsets(topic, partitions);
        const stats = producer.stats();
        if (stored !== count || stats.batchesFailed > 0)
          throw new Error(
            `produce to ${topic}: ${stored} records stored of ${count}, ${stats.batchesFailed} batches failed`,
          );
        return count / seconds;
      } finally {
        await producer.close();
        await deleteTopic(topic, partitions);
      }
    };

    /** PartitionLog.append of pre-built batches to a fresh log; returns records per second. */
    const appendRun = (use: readonly Buffer[], count: number) => (): number => {
      const dir = nodePath.join(root, `append-${runSeq++}`);
      const log = openLog(dir);
      const t0 = nowSeconds();
      for (const b of use) log.append(b, { leaderEpoch: 0 });
      const seconds = nowSeconds() - t0;
      log.close();
      nodeFs.rmSync(dir, { recursive: true, force: true });
      return count / seconds;
    };

    // Consume reads topics filled once (untimed, by our producer) on first use.
    const filled = new Map<number, Promise<string>>();
    const filledTopic = (partitions: number): Promise<string> => {
      let topic = filled.get(partitions);
      if (topic === undefined) {
        topic = (async () => {
          const name = `consume-${partitions}`;
          await cluster.createTopic(name, { partitions, replicationFactor: 1 });
          const producer = new Producer(cluster.connectionFactory(), { config: { acks: 1 } });
          try {
            await producer.partitionsFor(name);
            await sendAll(producer, name, records, 'window');
          } finally {
            await producer.close();
          }
          if (logEndOffsets(name, partitions) !== records) throw new Error(`${name} not filled`);
          return name;
        })();
        filled.set(partitions, topic);
      }
      return topic;
    };
    const seen = new Uint8Array(records);
    /** One consume run with a fresh consumer; returns records per second. */
    const consumeRun = async (partitions: number): Promise<number> => {
      const topic = await filledTopic(partitions);
      const consumer = new Consumer(
        {
          'client.id': `bench-consumer-${runSeq++}`,
          'auto.offset.reset': 'earliest',
          'enable.auto.commit': false,
        },
        { connectionFactory: cluster.connectionFactory() },
      );
      seen.fill(0);
      try {
        consumer.assign(Array.from({ length: partitions }, (_, partition) => ({ topic, partition })));
        let received = 0;
        const t0 = nowSeconds();
        let lastProgress = t0;
        while (received < records) {
          const polled = await consumer.poll(1000);
          for (const r of polled) {
            const v = r.value;
            if (v === null || v.length !== valueBytes || v[valueBytes - 1] !== fillByte)
              throw new Error(`${topic}-${r.partition}@${r.offset}: unexpected value`);
            const seq = v.readUInt32BE(0);
            if (seq >= records || seen[seq] !== 0)
              throw new Error(
                `${topic}-${r.partition}@${r.offset}: record ${seq} out of range or seen twice`,
              );
            seen[seq] = 1;
          }
          received += polled.length;
          const now = nowSeconds();
          if (polled.length > 0) lastProgress = now;
          else if ((now - lastProgress) * 1000 > consumeStallMs)
            throw new Error(`consume of ${topic} stalled at ${received} of ${records} records`);
        }
        const seconds = nowSeconds() - t0;
        if (received !== records) throw new Error(`consumed ${received} records, expected ${records}`);
        return records / seconds;
      } finally {
        await consumer.close();
      }
    };

    // The consume baseline's log, written once.
    const readLog = openLog(nodePath.join(root, 'read'));
    for (const b of batches) readLog.append(Buffer.from(b), { leaderEpoch: 0 });
    readLog.flush();
    ctx.onTeardown(() => readLog.close());
    const readRun = (): number => {
      const t0 = nowSeconds();
      let offset = 0;
      while (offset < readLog.logEndOffset) {
        const r = readLog.read(offset, readChunkBytes);
        sink += r.bytes.length;
        offset = r.nextOffset;
      }
      return records / (nowSeconds() - t0);
    };
    ctx.onTeardown(() => {
      if (sink === -1) ctx.log('unreachable');
    });

    const produceBaseline = {
      name: `PartitionLog.append of the same records in 16 KiB batches (${batches.length} batches)`,
      measure: appendRun(batches, records),
    };
    const consumeBaseline = {
      name: 'PartitionLog.read of the same records, 1 MiB per call',
      measure: readRun,
    };
    const common = {
      records,
      valueBytes,
      replicationFactor: 1,
      brokers: 1,
      fileSystem: 'NodeFileSystem (temp dir)',
    };
    const produceSettings = (partitions: number, acks: string, pattern: Pattern) => ({
      ...common,
      ...(pattern === 'burst' ? { records: burstRecords } : {}),
      partitions,
      acks,
      pattern:
        pattern === 'window'
          ? `send() per record (a promise each), ${window} unacknowledged at most (a sliding window of ${chunk}-record chunks)`
          : pattern === 'callback'
            ? `send(record, callback) per record (no promise), ${window} unacknowledged at most (a sliding window of ${chunk}-record chunks)`
            : pattern === 'messages'
              ? `send({ topic, messages }) with ${window} messages per call (one promise per call), each call awaited`
              : 'send() per record, all fired at once, then awaited',
      producerConfig: `acks=${acks}, otherwise defaults (batch.size 16384, linger.ms 5, buffer.memory 32 MiB)`,
    });

    const figures: FigureSpec[] = [];
    type Settings = NonNullable<FigureSpec['settings']>;
    const add = (
      name: string,
      settings: Settings,
      measure: Measure,
      baseline: { name: string; measure: Measure },
      withMegabytes: boolean,
      warmupRuns = 1,
    ): void => {
      const rec = recorded(countingErrors(settings, measure));
      const base = recorded(baseline.measure);
      figures.push({
        name,
        unit: 'records/s',
        settings,
        measure: rec.measure,
        baseline: { name: baseline.name, measure: base.measure },
        warmupRuns,
      });
      if (!withMegabytes) return;
      const { brokerBackgroundErrors: _counted, ...rest } = settings;
      figures.push({
        name: `${name} (MB/s of values)`,
        unit: 'MB/s',
        settings: { ...rest, derivedFrom: `the runs of "${name}": MB/s = records/s x ${valueBytes} B / 1e6` },
        measure: rec.asMegabytes,
        baseline: { name: `${baseline.name} (MB/s of values)`, measure: base.asMegabytes },
        // The same count, so the replay lines up with its figure's timed runs.
        warmupRuns,
      });
    };
    // A produce figure takes two untimed runs (2M records): traced with --trace-opt/--trace-deopt, V8
    // still re-optimizes about 50 functions of the send path during the second million (deopts on
    // the new producer's and topic's objects) and reaches steady state only in the third.
    const produceWarmup = 2;
    const plural = (n: number): string => `${n} partition${n > 1 ? 's' : ''}`;
    for (const partitions of [1, 6]) {
      add(
        `produce acks=1, ${plural(partitions)}, send() per record (Producer, in-process)`,
        produceSettings(partitions, '1', 'window'),
        () => produceRun(partitions, 1, 'window', records),
        produceBaseline,
        true,
        produceWarmup,
      );
    }
    for (const partitions of [1, 6]) {
      add(
        `produce acks=1, ${plural(partitions)}, send(record, callback) (Producer, in-process)`,
        produceSettings(partitions, '1', 'callback'),
        () => produceRun(partitions, 1, 'callback', records),
        produceBaseline,
        false,
        produceWarmup,
      );
    }
    for (const partitions of [1, 6]) {
      add(
        `produce acks=1, ${plural(partitions)}, send({ topic, messages }) (Producer, in-process)`,
        produceSettings(partitions, '1', 'messages'),
        () => produceRun(partitions, 1, 'messages', records),
        produceBaseline,
        false,
        produceWarmup,
      );
    }
    for (const partitions of [1, 6]) {
      add(
        `produce acks=all (idempotent), ${plural(partitions)}, send() per record (Producer, in-process)`,
        produceSettings(partitions, 'all', 'window'),
        () => produceRun(partitions, 'all', 'window', records),
        produceBaseline,
        false,
        produceWarmup,
      );
    }
    add(
      `produce acks=1, 1 partition, ${burstRecords} send() calls fired at once (Producer, in-process)`,
      { ...produceSettings(1, '1', 'burst'), baselineRecords: burstBatchRecords },
      () => produceRun(1, 1, 'burst', burstRecords),
      {
        name: `PartitionLog.append of the first ${burstBatches.length} of those 16 KiB batches`,
        measure: appendRun(burstBatches, burstBatchRecords),
      },
      false,
      produceWarmup,
    );
    for (const partitions of [1, 6]) {
      add(
        `consume ${plural(partitions)} (Consumer, assign, poll, in-process)`,
        {
          ...common,
          partitions,
          consumerConfig:
            'auto.offset.reset=earliest, enable.auto.commit=false, otherwise defaults (max.poll.records 500)',
          check: 'every value: length, trailing byte, sequence number in range and seen once',
        },
        () => consumeRun(partitions),
        consumeBaseline,
        true,
      );
    }
    return figures;
  },
};

export default benchmark;
