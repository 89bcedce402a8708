/**
 * WordCount, the classic Kafka Streams example, on Tributary.
 *
 * Run it standalone: it starts an embedded 3-broker cluster, writes a few lines, runs the app and
 * prints the counts:
 *
 *     npx tsx examples/wordcount.ts
 *
 * Or run the topology against any Kafka-protocol cluster (`tributary start` in another terminal):
 *
 *     tributary run examples/wordcount.ts --bootstrap-servers 127.0.0.1:9092
 *
 * Input topic `streams-plaintext-input` (lines), output `streams-wordcount-output` (word -> count,
 * String/Long), state store `counts-store` backed by `wordcount-counts-store-changelog`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Serdes } from '../core/serdes/index.ts';
import { Consumed, Grouped, Materialized, Produced, StreamsBuilder, type Topology } from '../dsl/index.ts';
import { Consumer, Producer } from '../actors/client/index.ts';
import { Cluster } from '../runtime/cluster/index.ts';
import { StreamsApp } from '../runtime/streams/index.ts';

export const inputTopic = 'streams-plaintext-input';
export const outputTopic = 'streams-wordcount-output';

/** Settings `tributary run` picks up (command-line options win). */
export const config = { 'application.id': 'wordcount', 'commit.interval.ms': 1000 };

/** Java's String.split drops trailing empty strings; mimic it so the counts match Kafka's demo. */
function javaSplit(text: string, separator: RegExp): string[] {
  const parts = text.split(separator);
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** lines -> words -> groupBy(word) -> count -> (word, count). */
export function topology(): Topology {
  const S = Serdes.String();
  const builder = new StreamsBuilder();
  builder
    .stream<string, string>(inputTopic, Consumed.with(S, S))
    .flatMapValues((line) => javaSplit(line.toLowerCase(), /\W+/))
    .groupBy((_key, word) => word, Grouped.with(S, S))
    .count(Materialized.as<string, number>('counts-store'))
    .toStream()
    .to(outputTopic, Produced.with(S, Serdes.Long()));
  return builder.build();
}

const lines = ['all streams lead to kafka', 'hello kafka streams', 'join kafka summit'];

/** The standalone demo: embedded cluster, produce, run, print, close. */
async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tributary-wordcount-'));
  const cluster = await Cluster.start({ brokers: 3, dataDir });
  const factory = cluster.connectionFactory();
  try {
    await cluster.createTopic(inputTopic, { partitions: 3, replicationFactor: 3 });
    await cluster.createTopic(outputTopic, { partitions: 3, replicationFactor: 3 });
    const producer = new Producer<string, string>(factory, { valueSerde: Serdes.String() });
    for (const line of lines) await producer.send({ topic: inputTopic, value: line });
    await producer.close();

    const app = new StreamsApp(topology(), { ...config, connectionFactory: factory });
    app.on('stateChange', (state, previous) => console.log(`app: ${previous} -> ${state}`));
    await app.start();
    console.log(app.topology.describe().toString());

    const consumer = new Consumer<string, number>(
      {
        'auto.offset.reset': 'earliest',
        'key.deserializer': Serdes.String(),
        'value.deserializer': Serdes.Long(),
      },
      { connectionFactory: factory },
    );
    consumer.assign([0, 1, 2].map((partition) => ({ topic: outputTopic, partition })));
    // The counts store caches (statestore.cache.max.bytes): each commit writes every word's latest
    // count once, so wait for the final counts rather than for one update per word.
    const expected = new Map<string, number>();
    for (const line of lines)
      for (const word of javaSplit(line.toLowerCase(), /\W+/))
        expected.set(word, (expected.get(word) ?? 0) + 1);
    const counts = new Map<string, number>();
    const done = (): boolean => [...expected].every(([word, n]) => counts.get(word) === n);
    while (!done()) {
      for (const r of await consumer.poll(500)) {
        console.log(`${r.key}\t${r.value}`);
        counts.set(r.key!, r.value!);
      }
    }
    await consumer.close();
    await app.close();
    console.log('final counts:', Object.fromEntries([...counts].sort()));
  } finally {
    await cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
