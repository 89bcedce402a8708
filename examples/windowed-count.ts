/**
 * A windowed count on Tributary's embedded cluster: clicks per user in one-minute tumbling windows
 * (10 s grace), kept in a persistent (LMDB) window store, with exactly one final count per window
 * once it closes (`suppress(untilWindowCloses)`), written to `clicks-per-minute` as
 * `<user>@<window start>` -> count.
 *
 *     npx tsx examples/windowed-count.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Serdes } from '../core/serdes/index.ts';
import {
  BufferConfig,
  Consumed,
  Grouped,
  KeyValue,
  Materialized,
  Produced,
  StoreType,
  StreamsBuilder,
  Suppressed,
  TimeWindows,
  type Topology,
} from '../dsl/index.ts';
import { Consumer, Producer } from '../actors/client/index.ts';
import { Cluster } from '../runtime/cluster/index.ts';
import { StreamsApp } from '../runtime/streams/index.ts';

const S = Serdes.String();
const minute = 60_000;

export const config = { 'application.id': 'windowed-count', 'commit.interval.ms': 500 };

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream<string, string>('clicks', Consumed.with(S, S))
    .groupByKey(Grouped.with(S, S))
    .windowedBy(TimeWindows.ofSizeAndGrace(minute, 10_000))
    .count(Materialized.as<string, number>('clicks-per-minute-store').withStoreType(StoreType.LMDB))
    .suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded()))
    .toStream()
    .map((w, count) => KeyValue.pair(`${w.key}@${new Date(w.window.start).toISOString()}`, count))
    .to('clicks-per-minute', Produced.with(S, Serdes.Long()));
  return builder.build();
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tributary-windowed-count-'));
  const cluster = await Cluster.start({ brokers: 1, dataDir });
  const factory = cluster.connectionFactory();
  try {
    await cluster.createTopic('clicks', { partitions: 1 });
    await cluster.createTopic('clicks-per-minute', { partitions: 1 });
    const producer = new Producer<string, string>(factory, { keySerde: S, valueSerde: S });
    const t0 = Date.UTC(2026, 0, 1);
    // alice clicks 3 times and bob once in the first minute; a click 2 minutes later closes it.
    for (const [user, at] of [
      ['alice', 1_000],
      ['bob', 5_000],
      ['alice', 20_000],
      ['alice', 59_000],
      ['bob', 2 * minute + 30_000],
    ] as const)
      await producer.send({ topic: 'clicks', key: user, value: 'click', timestamp: t0 + at });
    await producer.close();

    const app = new StreamsApp(topology(), {
      ...config,
      'state.dir': join(dataDir, 'state'),
      connectionFactory: factory,
    });
    await app.start();
    const consumer = new Consumer<string, number>(
      { 'auto.offset.reset': 'earliest', 'key.deserializer': S, 'value.deserializer': Serdes.Long() },
      { connectionFactory: factory },
    );
    consumer.assign([{ topic: 'clicks-per-minute', partition: 0 }]);
    let seen = 0;
    while (seen < 2)
      for (const r of await consumer.poll(500)) {
        console.log(`${r.key}\t${r.value}`);
        seen++;
      }
    await consumer.close();
    await app.close();
  } finally {
    await cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
