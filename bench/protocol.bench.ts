/**
 * Our clients through the Kafka protocol over loopback TCP, against kafkajs 2.2.4 in the same run:
 * embedded clusters on the real file system (temp dirs) with TCP listeners on free ports of 127.0.0.1,
 * 100-byte values without keys, topics of 6 partitions. The brokers run in this same process (one event
 * loop for brokers and client, the same for both clients).
 *
 * - produce acks=1 to a 1-broker cluster (RF=1), and acks=all to a 3-broker cluster (RF=3, leaders
 *   spread over the brokers). Ours: a Producer over TcpConnectionFactory, connected and knowing the
 *   topic before the clock starts, `send()` per record, at most BENCH_PROTOCOL_WINDOW (10,000)
 *   unacknowledged as a sliding window (chunks of BENCH_PROTOCOL_CHUNK, 1,000, each waiting for the
 *   chunk a window earlier), otherwise defaults (acks=all makes it idempotent, as in
 *   Kafka); for acks=1 also Java's `send(record, callback)` (no promise; the same sliding window
 *   counted in callbacks) and KafkaJS's batch form, `send({ topic, messages })` with a window of
 *   messages per call, each call awaited.
 *   kafkajs: `producer.send({ topic, acks, messages })` with 1,000 messages per send and 5 sends
 *   in flight, its default partitioner, not idempotent (its default). Every run writes a fresh topic;
 *   afterwards the leaders' log end offsets must add up to the records sent;
 * - consume (1-broker cluster): both read the same topic of our records from the beginning. Ours: a
 *   Consumer (assign, auto.offset.reset=earliest, defaults) polling until it has every record. kafkajs:
 *   a consumer in a fresh group with `eachBatch` (fromBeginning, autoCommit off), timed from its
 *   GROUP_JOIN event (the group join itself is not timed; our consumer has none). Both check every
 *   value (length, sequence number, each exactly once).
 *
 * - produce acks=1 to a 1-broker cluster in its own process, as users run a broker: the benchmark's
 *   `tributary-server` child of bench/peers (`Cluster.start` on free ports of 127.0.0.1, killed at the
 *   end), topics created, counted (log end offsets from ListOffsets) and deleted over TCP with our
 *   Admin; `send()` and `send(record, callback)` as above, kafkajs the same against that broker. Client
 *   and broker then run on two event loops (two cores when the machine has them free).
 *
 * Each run of our producer logs its rate and this process's CPU time per 1M records (client and
 * in-process brokers together, or the client alone when the broker has its own process).
 *
 * Every figure is ours / kafkajs (higher is better). The record counts differ (kafkajs is slower; see
 * each figure's settings); rates are per record either way.
 *
 * Knobs: BENCH_PROTOCOL_RECORDS (ours, default 1000000), BENCH_PROTOCOL_KAFKAJS_RECORDS (kafkajs
 * produce, default 200000), BENCH_PROTOCOL_WINDOW (default 10000), BENCH_PROTOCOL_CHUNK (default 1000),
 * BENCH_PROTOCOL_FIGURES (comma-separated words: only figures whose name contains one of them, e.g.
 * `callback` or `own process`; default all).
 */
import * as nodeFs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import {
  Kafka,
  Partitioners,
  logLevel,
  type LogEntry,
  type Consumer as KafkaJsConsumer,
  type Producer as KafkaJsProducer,
} from 'kafkajs';
import { Admin } from '../actors/client/admin/index.ts';
import { Consumer } from '../actors/client/consumer/index.ts';
import { Producer, type AcksInput } from '../actors/client/producer/index.ts';
import { Cluster } from '../runtime/cluster/index.ts';
import { freePortRange } from '../runtime/compat/compat-support.ts';
import { TcpConnectionFactory } from '../runtime/network/index.ts';
import { ackCounter, envInt, nowSeconds, type Benchmark, type FigureSpec, type Measure } from './harness.ts';
import { startTributary, type RunningServer } from './peers/servers.ts';

const valueBytes = 100;
const fillByte = 0x61;
const partitions = 6;
const kafkaJsMessagesPerSend = 1000;
const kafkaJsSendsInFlight = 5;
const consumeStallMs = 30_000;
const clusterStartAttempts = 5;

type Settings = NonNullable<FigureSpec['settings']>;

/** Value of record `seq`: its sequence number (uint32 BE) and then `fillByte`s, 100 bytes in all. */
function valuesOf(count: number): Buffer {
  const all = Buffer.alloc(count * valueBytes, fillByte);
  for (let i = 0; i < count; i++) all.writeUInt32BE(i, i * valueBytes);
  return all;
}

interface BenchCluster {
  readonly cluster: Cluster;
  readonly bootstrapServers: string[];
}

/** Where a produce figure writes: an in-process cluster's TCP listeners, or a broker process. */
interface ProduceTarget {
  readonly brokers: number;
  readonly transport: string;
  bootstrapServers(): Promise<readonly string[]>;
  /** A fresh topic of `partitions` partitions, replicated on every broker. */
  newTopic(prefix: string): Promise<string>;
  /** Records in the topic's partitions (the leaders' log end offsets). */
  storedRecords(topic: string): Promise<number>;
  deleteTopic(topic: string): Promise<void>;
}

/** Figures selected by BENCH_PROTOCOL_FIGURES (comma-separated words; empty: all). */
function selectedFigures(): (name: string) => boolean {
  const words = (process.env['BENCH_PROTOCOL_FIGURES'] ?? '')
    .split(',')
    .map((w) => w.trim())
    .filter((w) => w !== '');
  return (name) => words.length === 0 || words.some((w) => name.includes(w));
}

const benchmark: Benchmark = {
  name: 'protocol',
  async run(ctx) {
    const records = envInt('BENCH_PROTOCOL_RECORDS', 1_000_000);
    const kafkaJsRecords = envInt('BENCH_PROTOCOL_KAFKAJS_RECORDS', 200_000);
    const window = envInt('BENCH_PROTOCOL_WINDOW', 10_000);
    const chunk = Math.min(window, envInt('BENCH_PROTOCOL_CHUNK', 1_000));
    const root = nodeFs.mkdtempSync(nodePath.join(os.tmpdir(), 'tributary-bench-protocol-'));
    ctx.onTeardown(() => nodeFs.rmSync(root, { recursive: true, force: true }));
    const values = valuesOf(Math.max(records, kafkaJsRecords));
    // Each value as its own Buffer, made before any clock starts (for both clients).
    const views = Array.from({ length: Math.max(records, kafkaJsRecords) }, (_, i) =>
      values.subarray(i * valueBytes, (i + 1) * valueBytes),
    );
    const valueOf = (i: number): Buffer => views[i]!;

    /** Background errors of brokers and kafkajs's error logs; each figure's settings count those of its runs. */
    const errors: string[] = [];
    const start = async (brokers: number): Promise<BenchCluster> => {
      let lastError: unknown;
      for (let attempt = 0; attempt < clusterStartAttempts; attempt++) {
        const dataDir = nodePath.join(root, `cluster-${brokers}-${attempt}`);
        try {
          const cluster = await Cluster.start({
            brokers,
            dataDir,
            basePort: await freePortRange(brokers),
            onError: (error, where) => errors.push(`broker ${where}: ${String(error)}`),
          });
          ctx.onTeardown(() => cluster.stop());
          return { cluster, bootstrapServers: cluster.bootstrapServers() };
        } catch (err) {
          lastError = err; // most likely a port taken meanwhile
        }
      }
      throw lastError;
    };
    const single = await start(1);
    const triple = await start(3);
    errors.length = 0; // brokers retry until the controller is up while a cluster starts
    ctx.log(`clusters at ${single.bootstrapServers.join(',')} and ${triple.bootstrapServers.join(',')}`);

    const countingErrors = (settings: Settings, measure: Measure): Measure => {
      settings['backgroundErrors'] = 0;
      return async () => {
        const before = errors.length;
        const value = await measure();
        for (const e of errors.slice(before)) ctx.log(e);
        settings['backgroundErrors'] = Number(settings['backgroundErrors']) + errors.length - before;
        return value;
      };
    };
    const kafkaJsLog = () => (entry: LogEntry) => {
      if (entry.level <= logLevel.ERROR) errors.push(`kafkajs ${entry.namespace}: ${entry.log.message}`);
    };
    const kafkaJs = (bootstrapServers: readonly string[]): Kafka =>
      new Kafka({
        clientId: 'bench-kafkajs',
        brokers: [...bootstrapServers],
        logLevel: logLevel.ERROR,
        logCreator: kafkaJsLog,
      });

    const storedRecordsIn = (c: BenchCluster, topic: string): number => {
      let sum = 0;
      for (const broker of c.cluster.liveBrokers()) {
        for (let partition = 0; partition < partitions; partition++) {
          const p = broker.replicaManager.getPartition({ topic, partition });
          if (p?.role === 'leader') sum += p.logEndOffset;
        }
      }
      return sum;
    };
    let runSeq = 0;
    const newTopic = async (c: BenchCluster, prefix: string): Promise<string> => {
      const topic = `${prefix}-${runSeq++}`;
      await c.cluster.createTopic(topic, { partitions, replicationFactor: c.cluster.brokerIds.length });
      return topic;
    };
    const deleteTopic = async (c: BenchCluster, topic: string): Promise<void> => {
      const broker = c.cluster.liveBrokers()[0]!;
      const [result] = await broker.controller.deleteTopics([topic]);
      if (result!.errorCode !== 0) throw new Error(`deleting ${topic}: error ${result!.errorCode}`);
      await c.cluster.waitFor(
        () =>
          c.cluster
            .liveBrokers()
            .every((b) => b.replicaManager.getPartition({ topic, partition: partitions - 1 }) === undefined),
        30_000,
        `${topic} deleted`,
      );
    };
    const inProcess = (c: BenchCluster): ProduceTarget => ({
      brokers: c.cluster.brokerIds.length,
      transport: 'TCP over loopback, brokers in the same process',
      bootstrapServers: () => Promise.resolve(c.bootstrapServers),
      newTopic: (prefix) => newTopic(c, prefix),
      storedRecords: (topic) => Promise.resolve(storedRecordsIn(c, topic)),
      deleteTopic: (topic) => deleteTopic(c, topic),
    });
    /** One broker in its own process, started on first use, stopped at teardown; topics through our Admin. */
    const ownProcess = (): ProduceTarget => {
      let started: Promise<{ server: RunningServer; admin: Admin }> | undefined;
      const start = (): Promise<{ server: RunningServer; admin: Admin }> =>
        (started ??= (async () => {
          const server = await startTributary({
            brokers: 1,
            topic: 'bench-unused',
            replicationFactor: 1,
            minInsyncReplicas: 1,
          });
          ctx.onTeardown(() => server.stop());
          const admin = new Admin(new TcpConnectionFactory({ bootstrapServers: [...server.addresses] }));
          ctx.onTeardown(() => admin.close());
          await admin.connect();
          ctx.log(`broker process ${server.pid} at ${server.addresses.join(',')}`);
          return { server, admin };
        })());
      return {
        brokers: 1,
        transport: 'TCP over loopback, the broker in its own process (bench/peers/tributary-server.ts)',
        bootstrapServers: async () => (await start()).server.addresses,
        newTopic: async (prefix) => {
          const { admin } = await start();
          const topic = `${prefix}-${runSeq++}`;
          await admin.createTopics([{ topic, numPartitions: partitions, replicationFactor: 1 }]);
          return topic;
        },
        storedRecords: async (topic) => {
          const { admin } = await start();
          let sum = 0;
          for (const p of await admin.fetchTopicOffsets(topic)) sum += p.high;
          return sum;
        },
        deleteTopic: async (topic) => {
          const { admin } = await start();
          await admin.deleteTopics([topic]);
        },
      };
    };
    const checkStored = async (t: ProduceTarget, topic: string, expected: number): Promise<void> => {
      const stored = await t.storedRecords(topic);
      if (stored !== expected) throw new Error(`${topic}: ${stored} records stored, ${expected} sent`);
    };

    let keptTopic: string | undefined;
    /** Our producer over TCP; returns records per second. `keep` keeps the topic (for consume). */
    const oursProduce = async (
      t: ProduceTarget,
      acks: AcksInput,
      keep = false,
      api: 'record' | 'callback' | 'messages' = 'record',
    ): Promise<number> => {
      const topic = await t.newTopic('ours');
      const bootstrapServers = [...(await t.bootstrapServers())];
      const producer = new Producer(new TcpConnectionFactory({ bootstrapServers }), {
        config: { acks },
      });
      let kept = false;
      try {
        await producer.connect();
        await producer.partitionsFor(topic);
        const chunks: Promise<unknown>[] = [];
        const chunksInWindow = Math.max(1, Math.floor(window / chunk));
        const { callback, ackedAtLeast, throwIfFailed } = ackCounter();
        const cpu0 = process.cpuUsage();
        const t0 = nowSeconds();
        for (let first = 0; first < records; first += window) {
          const end = Math.min(records, first + window);
          if (api === 'messages') {
            const messages = new Array<{ value: Buffer }>(end - first);
            for (let i = first; i < end; i++) messages[i - first] = { value: valueOf(i) };
            const metadata = await producer.send({ topic, messages });
            if (metadata.length !== end - first)
              throw new Error(`send({ messages }) answered ${metadata.length}`);
            continue;
          }
          if (api === 'callback') {
            // Java's send(record, callback): the same sliding window, counted in callbacks.
            for (let at = first; at < end; at += chunk) {
              await ackedAtLeast(at + chunk - window);
              const atEnd = Math.min(end, at + chunk);
              for (let i = at; i < atEnd; i++) producer.send({ topic, value: valueOf(i) }, callback);
            }
            continue;
          }
          // A sliding window of `chunk`-record chunks: a chunk waits until the chunk a window
          // earlier is acknowledged. (Awaiting the whole window instead leaves its last batch
          // lingering linger.ms, 5 ms, with nothing else to send.)
          for (let at = first; at < end; at += chunk) {
            const back = chunks.length - chunksInWindow;
            if (back >= 0) await chunks[back];
            const atEnd = Math.min(end, at + chunk);
            const acked = new Array<Promise<unknown>>(atEnd - at);
            for (let i = at; i < atEnd; i++) acked[i - at] = producer.send({ topic, value: valueOf(i) });
            chunks.push(Promise.all(acked));
          }
        }
        await Promise.all(chunks);
        if (api === 'callback') await ackedAtLeast(records);
        throwIfFailed();
        const seconds = nowSeconds() - t0;
        const cpu = process.cpuUsage(cpu0);
        // This process's CPU: the client's alone when the broker runs in its own process.
        ctx.log(
          `ours ${api} acks=${acks} (${t.transport}): ${Math.round(records / seconds)} records/s, ` +
            `process CPU ${((cpu.user + cpu.system) / records).toFixed(2)} s per 1M records ` +
            `(system ${(cpu.system / records).toFixed(2)})`,
        );
        await checkStored(t, topic, records);
        if (keep) {
          kept = true;
          keptTopic = topic;
        }
        return records / seconds;
      } finally {
        await producer.close();
        if (!kept) await t.deleteTopic(topic);
      }
    };

    /** kafkajs's producer; returns records per second. */
    const kafkaJsProduce = async (t: ProduceTarget, acks: -1 | 1): Promise<number> => {
      const topic = await t.newTopic('kafkajs');
      const producer: KafkaJsProducer = kafkaJs(await t.bootstrapServers()).producer({
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      try {
        await producer.connect();
        let next = 0;
        const sender = async (): Promise<void> => {
          while (next < kafkaJsRecords) {
            const first = next;
            const end = Math.min(kafkaJsRecords, first + kafkaJsMessagesPerSend);
            next = end;
            const messages = new Array<{ value: Buffer }>(end - first);
            for (let i = first; i < end; i++) messages[i - first] = { value: valueOf(i) };
            const result = await producer.send({ topic, acks, messages });
            for (const r of result)
              if (r.errorCode !== 0) throw new Error(`kafkajs send: error ${r.errorCode} on ${topic}`);
          }
        };
        const t0 = nowSeconds();
        await Promise.all(Array.from({ length: kafkaJsSendsInFlight }, sender));
        const seconds = nowSeconds() - t0;
        await checkStored(t, topic, kafkaJsRecords);
        return kafkaJsRecords / seconds;
      } finally {
        await producer.disconnect();
        await t.deleteTopic(topic);
      }
    };

    // The topic both consumers read: written by our producer once (untimed), on first use.
    let consumeTopic: Promise<string> | undefined;
    const topicToConsume = (): Promise<string> => {
      consumeTopic ??= (async () => {
        await oursProduce(inProcess(single), 1, true);
        return keptTopic!;
      })();
      return consumeTopic;
    };
    const seen = new Uint8Array(records);
    /** Checks one consumed value; throws on a wrong or repeated record. */
    const check = (v: Buffer | null, where: () => string): void => {
      if (v === null || v.length !== valueBytes || v[valueBytes - 1] !== fillByte)
        throw new Error(`${where()}: unexpected value`);
      const seq = v.readUInt32BE(0);
      if (seq >= records || seen[seq] !== 0)
        throw new Error(`${where()}: record ${seq} out of range or repeated`);
      seen[seq] = 1;
    };

    const oursConsume = async (): Promise<number> => {
      const topic = await topicToConsume();
      const consumer = new Consumer(
        {
          'client.id': `bench-consumer-${runSeq++}`,
          'auto.offset.reset': 'earliest',
          'enable.auto.commit': false,
        },
        { connectionFactory: new TcpConnectionFactory({ bootstrapServers: single.bootstrapServers }) },
      );
      seen.fill(0);
      try {
        consumer.assign(Array.from({ length: partitions }, (_, partition) => ({ topic, partition })));
        let received = 0;
        const t0 = nowSeconds();
        let lastProgress = t0;
        while (received < records) {
          const polled = await consumer.poll(1000);
          for (const r of polled) check(r.value, () => `${topic}-${r.partition}@${r.offset}`);
          received += polled.length;
          const now = nowSeconds();
          if (polled.length > 0) lastProgress = now;
          else if ((now - lastProgress) * 1000 > consumeStallMs)
            throw new Error(`our consumer stalled at ${received} of ${records} records`);
        }
        const seconds = nowSeconds() - t0;
        if (received !== records) throw new Error(`consumed ${received} records, expected ${records}`);
        return records / seconds;
      } finally {
        await consumer.close();
      }
    };

    const kafkaJsConsume = async (): Promise<number> => {
      const topic = await topicToConsume();
      const consumer: KafkaJsConsumer = kafkaJs(single.bootstrapServers).consumer({
        groupId: `bench-kafkajs-${runSeq++}`,
      });
      seen.fill(0);
      try {
        let received = 0;
        let joinedAt = 0;
        let finishedAt = 0;
        let failure: unknown;
        let settle!: () => void;
        const finished = new Promise<void>((resolve) => (settle = resolve));
        consumer.on(consumer.events.GROUP_JOIN, () => {
          if (joinedAt === 0) joinedAt = nowSeconds();
        });
        await consumer.connect();
        await consumer.subscribe({ topics: [topic], fromBeginning: true });
        await consumer.run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            try {
              for (const m of batch.messages) check(m.value, () => `${topic}-${batch.partition}@${m.offset}`);
              received += batch.messages.length;
            } catch (err) {
              failure ??= err;
            }
            if ((received >= records || failure !== undefined) && finishedAt === 0) {
              finishedAt = nowSeconds();
              settle();
            }
          },
        });
        let timer: NodeJS.Timeout | undefined;
        const stalled = new Promise<void>((_, reject) => {
          let last = -1;
          timer = setInterval(() => {
            if (received === last)
              reject(new Error(`kafkajs consumer stalled at ${received} of ${records} records`));
            last = received;
          }, consumeStallMs);
        });
        try {
          await Promise.race([finished, stalled]);
        } finally {
          clearInterval(timer);
        }
        if (failure !== undefined) throw failure;
        if (received !== records)
          throw new Error(`kafkajs consumed ${received} records, expected ${records}`);
        return records / (finishedAt - joinedAt);
      } finally {
        await consumer.disconnect();
      }
    };

    const figures: FigureSpec[] = [];
    const selected = selectedFigures();
    const add = (
      name: string,
      settings: Settings,
      ours: Measure,
      kafkajs: { name: string; measure: Measure },
    ) => {
      if (!selected(name)) return;
      figures.push({
        name,
        unit: 'records/s',
        settings,
        measure: countingErrors(settings, ours),
        baseline: { name: kafkajs.name, measure: kafkajs.measure },
      });
    };
    const produceSettings = (
      t: ProduceTarget,
      acks: string,
      api: 'record' | 'callback' | 'messages' = 'record',
    ): Settings => ({
      records,
      kafkaJsRecords,
      valueBytes,
      partitions,
      brokers: t.brokers,
      replicationFactor: t.brokers,
      acks,
      ours: `Producer over TcpConnectionFactory, ${api === 'record' ? `send() per record (a promise each), ${window} unacknowledged at most (a sliding window of ${chunk}-record chunks)` : api === 'callback' ? `send(record, callback) per record (no promise), ${window} unacknowledged at most (a sliding window of ${chunk}-record chunks)` : `send({ topic, messages }) with ${window} messages per call (one promise per call), each call awaited`}, acks=${acks}${acks === 'all' ? ' (idempotent)' : ''}, otherwise defaults`,
      kafkajs: `producer.send({ topic, acks, messages }) with ${kafkaJsMessagesPerSend} messages per send, ${kafkaJsSendsInFlight} sends in flight, DefaultPartitioner, not idempotent`,
      transport: t.transport,
    });
    const one = inProcess(single);
    const three = inProcess(triple);
    const own = ownProcess();
    add(
      'produce acks=1, 1 broker, send() per record (our Producer over TCP)',
      produceSettings(one, '1'),
      () => oursProduce(one, 1),
      { name: 'kafkajs producer, the same', measure: () => kafkaJsProduce(one, 1) },
    );
    add(
      'produce acks=1, 1 broker, send(record, callback) (our Producer over TCP)',
      produceSettings(one, '1', 'callback'),
      () => oursProduce(one, 1, false, 'callback'),
      { name: 'kafkajs producer, the same', measure: () => kafkaJsProduce(one, 1) },
    );
    add(
      'produce acks=1, 1 broker, send({ topic, messages }) (our Producer over TCP)',
      produceSettings(one, '1', 'messages'),
      () => oursProduce(one, 1, false, 'messages'),
      { name: 'kafkajs producer, the same', measure: () => kafkaJsProduce(one, 1) },
    );
    add(
      'produce acks=all, 3 brokers RF=3, send() per record (our Producer over TCP)',
      produceSettings(three, 'all'),
      () => oursProduce(three, 'all'),
      { name: 'kafkajs producer, the same', measure: () => kafkaJsProduce(three, -1) },
    );
    add(
      'produce acks=1, 1 broker in its own process, send() per record (our Producer over TCP)',
      produceSettings(own, '1'),
      () => oursProduce(own, 1),
      { name: 'kafkajs producer, the same', measure: () => kafkaJsProduce(own, 1) },
    );
    add(
      'produce acks=1, 1 broker in its own process, send(record, callback) (our Producer over TCP)',
      produceSettings(own, '1', 'callback'),
      () => oursProduce(own, 1, false, 'callback'),
      { name: 'kafkajs producer, the same', measure: () => kafkaJsProduce(own, 1) },
    );
    add(
      'consume, 1 broker (our Consumer over TCP, assign + poll)',
      {
        records,
        kafkaJsRecords: records,
        valueBytes,
        partitions,
        brokers: 1,
        ours: 'Consumer over TcpConnectionFactory, assign, auto.offset.reset=earliest, enable.auto.commit=false, otherwise defaults (max.poll.records 500)',
        kafkajs:
          'consumer in a fresh group, eachBatch, fromBeginning, autoCommit off, defaults; timed from GROUP_JOIN',
        check: 'both: every value (length, trailing byte, sequence number seen once)',
        transport: 'TCP over loopback, brokers in the same process',
      },
      oursConsume,
      { name: 'kafkajs consumer (eachBatch), the same records', measure: kafkaJsConsume },
    );
    return figures;
  },
};

export default benchmark;
