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
 * Baseline: the same split applied to the same lines (already decoded), counting the words in a Map.
 *
 * Knobs: BENCH_RECORDS (lines, default 1000000), BENCH_WORDCOUNT_WORDS_PER_LINE (default 6),
 * BENCH_WORDCOUNT_VOCABULARY (distinct words, default 10000), BENCH_WORDCOUNT_CACHE_BYTES (the app's
 * statestore.cache.max.bytes, default Kafka's 10 MiB; 0 forwards and logs every count update).
 *
 * Each run includes the group's first join; the bench cluster sets group.initial.rebalance.delay.ms
 * to 0, as Kafka's development server.properties does (the broker default, 3 s, would be a fixed wait
 * inside every timed run).
 */
import { Serdes } from '../core/serdes/index.ts';
import { Consumed, Grouped, Materialized, Produced, StreamsBuilder, type Topology } from '../dsl/index.ts';
import { StreamsApp } from '../runtime/streams/index.ts';
import { envInt, nowSeconds, rate, type Benchmark } from './harness.ts';
import { benchCluster, load, readUntil } from './streams-cluster-support.ts';

const S = Serdes.String();
const L = Serdes.Long();
const partitions = 3;
const inputTopic = 'streams-plaintext-input';

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
        baseline: { name: 'plain loop: split the same lines and count words in a Map', measure: plainRun },
      },
    ];
  },
};

export default benchmark;
