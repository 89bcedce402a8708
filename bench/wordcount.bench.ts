/**
 * Issue 7's benchmark: WordCount on the embedded cluster vs. a plain loop counting the same words in
 * a Map in the same run. Goal: >= 300K input records (lines) per second.
 *
 * Figure: examples/wordcount.ts's topology (lines -> flatMapValues(split) -> groupBy(word) ->
 * count(Materialized.as('counts-store'), changelog on) -> toStream -> to(output)) as a StreamsApp
 * (one instance, one stream thread) on a one-broker in-process cluster with real storage, 3
 * partitions for the input and output topics (and so the repartition and changelog topics). The
 * lines are produced once before any run; each run uses a fresh application.id (fresh repartition
 * topic, changelog and store) and a fresh output topic, and is timed from start() until a reader has
 * seen the final count of every word on the output topic. records/s = input lines / seconds.
 *
 * Second figure, the repartition floor: the one hop a WordCount cannot avoid, with no stream
 * processing at all. Kafka Streams sends every word through the groupBy's repartition topic, so at
 * 6 words per line the 300K goal means 1.8M repartition records/s. For the same lines, already split
 * before the clock starts (the split is in the baseline), each word goes as our repartition sink
 * writes it (dsl/internals/repartition.ts, dsl/runtime/topology-task.ts, actors/streams/
 * record-collector.ts): key and value the word, each serialized with Serdes.String() (two Buffers),
 * the input line's timestamp, no headers, the default partitioner, through a Producer<Buffer, Buffer>
 * with the streams producer's config (linger.ms 5, otherwise the defaults: acks=all, idempotent) in
 * its callback form `send(record, callback)`, at most BENCH_WORDCOUNT_FLOOR_WINDOW (10,000) records
 * unacknowledged (a sliding window of 1,000-record chunks, as bench/clients.bench.ts), into a fresh
 * 3-partition topic with the repartition topic's configs on the same cluster. A Consumer (assign,
 * auto.offset.reset=earliest, max.poll.records 10,000) then reads them back, deserializing each key
 * and value with Serdes.String(), until it has seen every word. The clock starts once the producer is
 * connected and knows the topic's partitions and the consumer is assigned, and stops when the last
 * word is read. Produce, then consume: producer, broker and consumer share one thread (in-process
 * cluster), so overlapping them saves no CPU time; in alternating A/B runs (200K and 1M lines, this
 * machine) pipelined (BENCH_WORDCOUNT_FLOOR_PIPELINED=1: the consumer polls while the producer sends,
 * as in the app) was no faster, within the noise. The floor leaves out the rest of the app's log
 * traffic (reading the input lines, the changelog and output writes), so WordCount's true floor is
 * lower still. It is reported in input lines/s (words / words per line), to compare directly with the
 * WordCount figure and the goal; "(repartition records/s: words/s)" replays the same runs x words per
 * line against the Map loop in words/s. Each run's topic is deleted after it (untimed).
 *
 * Baseline (every figure): the same split applied to the same lines (already decoded), counting the
 * words in a Map.
 *
 * Knobs: BENCH_RECORDS (lines, default 1000000), BENCH_WORDCOUNT_WORDS_PER_LINE (default 6),
 * BENCH_WORDCOUNT_VOCABULARY (distinct words, default 10000), BENCH_WORDCOUNT_CACHE_BYTES (the app's
 * statestore.cache.max.bytes, default Kafka's 10 MiB; 0 forwards and logs every count update),
 * BENCH_WORDCOUNT_FLOOR_WINDOW (the floor's unacknowledged records, default 10000),
 * BENCH_WORDCOUNT_FLOOR_PIPELINED=1 (the floor consumes while it produces).
 *
 * Each run includes the group's first join; the bench cluster sets group.initial.rebalance.delay.ms
 * to 0, as Kafka's development server.properties does (the broker default, 3 s, would be a fixed wait
 * inside every timed run).
 */
import { Consumer, Producer } from '../actors/client/index.ts';
import { Serdes } from '../core/serdes/index.ts';
import { Consumed, Grouped, Materialized, Produced, StreamsBuilder, type Topology } from '../dsl/index.ts';
import { StreamsApp } from '../runtime/streams/index.ts';
import {
  ackCounter,
  envInt,
  nowSeconds,
  rate,
  type Benchmark,
  type FigureSpec,
  type Measure,
} from './harness.ts';
import { benchCluster, load, readUntil } from './streams-cluster-support.ts';

const S = Serdes.String();
const L = Serdes.Long();
const partitions = 3;
const inputTopic = 'streams-plaintext-input';
/** The configs our DSL gives a repartition topic (dsl/internals/repartition.ts, Kafka's RepartitionTopicConfig). */
const repartitionTopicConfigs = {
  'cleanup.policy': 'delete',
  'retention.ms': '-1',
  'message.timestamp.type': 'CreateTime',
};
/** Records per send chunk of the floor (one event-loop turn per chunk, as bench/clients.bench.ts). */
const floorChunk = 1_000;
/** A floor run fails when this long passes without a record read. */
const floorStallMs = 30_000;

/** Java's String.split without trailing empty strings, as examples/wordcount.ts. */
function split(line: string): string[] {
  const parts = line.toLowerCase().split(/\W+/);
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function topology(output: string): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream<string, string>(inputTopic, Consumed.with(S, S))
    .flatMapValues(split)
    .groupBy((_key, word) => word, Grouped.with(S, S))
    .count(Materialized.as<string, number>('counts-store'))
    .toStream()
    .to(output, Produced.with(S, L));
  return builder.build();
}

/** A deterministic line of `words` words from a vocabulary of `vocabulary` (skewed: low ids more often). */
function line(i: number, words: number, vocabulary: number): string {
  const parts: string[] = [];
  let x = (i * 2654435761) >>> 0;
  for (let w = 0; w < words; w++) {
    x = (x * 1103515245 + 12345) >>> 0;
    const r = x / 0x100000000;
    parts.push(`w${Math.floor(r * r * vocabulary)}`);
  }
  return parts.join(' ');
}

const benchmark: Benchmark = {
  name: 'wordcount',
  async run(ctx) {
    const records = envInt('BENCH_RECORDS', 1_000_000);
    const wordsPerLine = envInt('BENCH_WORDCOUNT_WORDS_PER_LINE', 6);
    const vocabulary = envInt('BENCH_WORDCOUNT_VOCABULARY', 10_000);
    // envInt wants a positive integer; 0 (caching off) is a valid size here.
    const cacheMaxBytes =
      process.env.BENCH_WORDCOUNT_CACHE_BYTES === '0'
        ? 0
        : envInt('BENCH_WORDCOUNT_CACHE_BYTES', 10 * 1024 * 1024);
    const cluster = await benchCluster(ctx, 'wordcount');
    const factory = cluster.connectionFactory();
    await cluster.createTopic(inputTopic, { partitions });
    const lines = Array.from({ length: records }, (_, i) => line(i, wordsPerLine, vocabulary));
    const t0 = nowSeconds();
    await load(cluster, inputTopic, S, S, records, (i) => ({ key: `line${i}`, value: lines[i]! }));
    ctx.log(`wordcount: ${records} lines loaded in ${(nowSeconds() - t0).toFixed(1)} s`);

    const expected = new Map<string, number>();
    for (const l of lines) for (const w of split(l)) expected.set(w, (expected.get(w) ?? 0) + 1);
    const totalWords = [...expected.values()].reduce((a, b) => a + b, 0);
    ctx.log(`wordcount: ${totalWords} words, ${expected.size} distinct`);

    let run = 0;
    const appRun = async (): Promise<number> => {
      const id = ++run;
      const output = `streams-wordcount-output-${id}`;
      await cluster.createTopic(output, { partitions });
      const app = new StreamsApp(topology(output), {
        'application.id': `bench-wordcount-${id}`,
        'commit.interval.ms': 1000,
        'statestore.cache.max.bytes': cacheMaxBytes,
        connectionFactory: factory,
      });
      const start = nowSeconds();
      await app.start();
      // Done when every word's latest count on the output is its final count.
      let pending = expected.size;
      let outputs = 0;
      const latest = new Map<string, number>();
      // BENCH_WORDCOUNT_PROGRESS=1 logs how far the output got every 5 s (where a run stalls).
      const progress =
        process.env.BENCH_WORDCOUNT_PROGRESS === undefined
          ? undefined
          : setInterval(
              () =>
                ctx.log(
                  `${(nowSeconds() - start).toFixed(0)} s: ${outputs} outputs, ${pending} words short of their final count`,
                ),
              5000,
            );
      await readUntil(cluster, output, partitions, (key, value) => {
        outputs++;
        const word = S.deserializer(output, key)!;
        const count = L.deserializer(output, value)!;
        const want = expected.get(word);
        if (want === undefined) throw new Error(`unexpected word ${word} on ${output}`);
        const before = latest.get(word);
        latest.set(word, count);
        if (count === want && before !== want) pending--;
        else if (before === want && count !== want) pending++;
        return pending === 0;
      });
      const seconds = nowSeconds() - start;
      if (progress !== undefined) clearInterval(progress);
      await app.close();
      return records / seconds;
    };
    const plainRun = (): number =>
      rate(records, () => {
        const counts = new Map<string, number>();
        for (const l of lines) for (const w of split(l)) counts.set(w, (counts.get(w) ?? 0) + 1);
        if (counts.size !== expected.size) throw new Error('the plain loop counted other words');
      });

    // The repartition floor's input: every word of every line, and the line each came from.
    const words: string[] = [];
    const lineOf: number[] = [];
    lines.forEach((l, i) => {
      for (const w of split(l)) {
        words.push(w);
        lineOf.push(i);
      }
    });
    const floorWindow = envInt('BENCH_WORDCOUNT_FLOOR_WINDOW', 10_000);
    const floorPipelined = process.env.BENCH_WORDCOUNT_FLOOR_PIPELINED === '1';
    const broker = cluster.broker(cluster.brokerIds[0]!);
    const logEndOffsets = (topic: string): number => {
      let sum = 0;
      for (let partition = 0; partition < partitions; partition++)
        sum += broker.replicaManager.getPartition({ topic, partition })?.logEndOffset ?? 0;
      return sum;
    };
    /** Sends every word as the repartition sink does, `floorWindow` unacknowledged at most. */
    const produceWords = async (producer: Producer<Buffer, Buffer>, topic: string): Promise<void> => {
      const { callback, ackedAtLeast, throwIfFailed } = ackCounter();
      const serialize = S.serializer;
      for (let first = 0; first < words.length; first += floorChunk) {
        await ackedAtLeast(first + floorChunk - floorWindow);
        const end = Math.min(words.length, first + floorChunk);
        for (let i = first; i < end; i++) {
          const word = words[i]!;
          const key = serialize(topic, word);
          const value = serialize(topic, word);
          producer.send({ topic, key, value, timestamp: lineOf[i]! }, callback);
        }
        // One event-loop turn per chunk, as an application fed by I/O has (bench/clients.bench.ts).
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      await ackedAtLeast(words.length);
      throwIfFailed();
    };
    /** Reads until every word was seen, deserializing each key and value; returns the records read. */
    const consumeWords = async (consumer: Consumer<Buffer, Buffer>, topic: string): Promise<number> => {
      const deserialize = S.deserializer;
      let received = 0;
      let lastProgress = nowSeconds();
      while (received < words.length) {
        const polled = await consumer.poll(100);
        for (const r of polled) {
          const key = deserialize(topic, r.rawKey);
          const value = deserialize(topic, r.rawValue);
          if (key === null || key !== value)
            throw new Error(`${topic}-${r.partition}@${r.offset}: key ${key} and value ${value} differ`);
        }
        received += polled.length;
        const now = nowSeconds();
        if (polled.length > 0) lastProgress = now;
        else if ((now - lastProgress) * 1000 > floorStallMs)
          throw new Error(`${topic}: reading stalled at ${received} of ${words.length} records`);
      }
      return received;
    };
    let floorSeq = 0;
    /** One floor run on a fresh topic, producer and consumer; returns input lines per second. */
    const floorRun = async (): Promise<number> => {
      const id = ++floorSeq;
      const topic = `wordcount-floor-${id}-repartition`;
      await cluster.createTopic(topic, { partitions, configs: repartitionTopicConfigs });
      const producer = new Producer<Buffer, Buffer>(factory, {
        config: { 'linger.ms': 5, 'client.id': `wordcount-floor-${id}-producer` },
      });
      const consumer = new Consumer<Buffer, Buffer>(
        {
          'client.id': `wordcount-floor-${id}-consumer`,
          'auto.offset.reset': 'earliest',
          'enable.auto.commit': false,
          'max.poll.records': 10_000,
        },
        { connectionFactory: factory },
      );
      let linesPerSecond: number;
      try {
        await producer.connect();
        await producer.partitionsFor(topic);
        consumer.assign(Array.from({ length: partitions }, (_, partition) => ({ topic, partition })));
        const t0 = nowSeconds();
        let received: number;
        let produced = t0;
        if (floorPipelined) {
          [, received] = await Promise.all([produceWords(producer, topic), consumeWords(consumer, topic)]);
        } else {
          await produceWords(producer, topic);
          produced = nowSeconds();
          received = await consumeWords(consumer, topic);
        }
        const end = nowSeconds();
        const seconds = end - t0;
        const stored = logEndOffsets(topic);
        if (stored !== words.length || received !== words.length)
          throw new Error(`${topic}: ${stored} records stored, ${received} read, of ${words.length} words`);
        const k = (n: number): string => `${(n / 1000).toFixed(0)}k`;
        ctx.log(
          `floor run ${id}: ${k(records / seconds)} lines/s, ${k(words.length / seconds)} records/s` +
            (floorPipelined
              ? ''
              : ` (produce ${k(words.length / (produced - t0))} records/s, consume ${k(words.length / (end - produced))} records/s)`),
        );
        linesPerSecond = records / seconds;
      } finally {
        await producer.close();
        await consumer.close({ timeoutMs: 0 });
      }
      const [deleted] = await broker.controller.deleteTopics([topic]);
      if (deleted!.errorCode !== 0) throw new Error(`deleting ${topic}: error ${deleted!.errorCode}`);
      return linesPerSecond;
    };
    // The floor's runs, replayed in repartition records/s (words/s) for the second floor figure.
    const floorRuns: number[] = [];
    let floorReplayed = 0;
    const floorMeasure: Measure = async () => {
      const v = await floorRun();
      floorRuns.push(v);
      return v;
    };
    // The floor figure's own baseline runs (not the WordCount figure's), replayed the same way.
    const plainRuns: number[] = [];
    let plainReplayed = 0;
    const plainMeasure: Measure = () => {
      const v = plainRun();
      plainRuns.push(v);
      return v;
    };
    const replay =
      (runs: number[], next: () => number): Measure =>
      () => {
        const v = runs[next()];
        if (v === undefined) throw new Error('the records/s replay ran ahead of its lines/s figure');
        return v * wordsPerLine;
      };
    const baseline = {
      name: 'plain loop: split the same lines and count words in a Map',
      measure: plainMeasure,
    };
    const floorSettings: NonNullable<FigureSpec['settings']> = {
      records,
      wordsPerLine,
      vocabulary,
      repartitionRecords: words.length,
      partitions,
      brokers: 1,
      pattern: `${floorPipelined ? 'pipelined: consume while producing' : 'sequential: produce all, then consume all'}; send(record, callback), ${floorWindow} unacknowledged at most (${floorChunk}-record chunks)`,
      producerConfig:
        'the streams producer: linger.ms 5, otherwise defaults (acks=all, idempotent, batch.size 16384)',
      consumerConfig: 'assign, auto.offset.reset=earliest, enable.auto.commit=false, max.poll.records 10000',
      serdes: 'key and value: the word, Serdes.String() (serialized separately, deserialized on read)',
    };

    return [
      {
        name: 'WordCount StreamsApp on the embedded cluster (1 broker, 3 partitions, changelog on), end to end',
        unit: 'records/s',
        settings: {
          records,
          wordsPerLine,
          vocabulary,
          distinctWords: expected.size,
          partitions,
          brokers: 1,
          threads: 1,
          commitIntervalMs: 1000,
          cacheMaxBytes,
        },
        measure: appRun,
        baseline: { name: baseline.name, measure: plainRun },
      },
      {
        name: 'repartition floor: the same words through Producer -> broker -> log -> Consumer, no processing (input lines/s)',
        unit: 'records/s',
        settings: floorSettings,
        measure: floorMeasure,
        baseline,
      },
      {
        name: 'repartition floor (repartition records/s: words/s)',
        unit: 'records/s',
        settings: {
          ...floorSettings,
          derivedFrom: `the runs of the floor figure above and of its baseline, x ${wordsPerLine} words per line`,
        },
        measure: replay(floorRuns, () => floorReplayed++),
        baseline: {
          name: 'plain loop: split the same lines and count words in a Map (words/s)',
          measure: replay(plainRuns, () => plainReplayed++),
        },
      },
    ];
  },
};

export default benchmark;
