/**
 * Page views per region (Kafka Streams' PageViewRegion example) and a foreign-key join, on
 * Tributary's embedded cluster:
 *
 * - `page-views` (user -> page) joined with the `user-regions` table (user -> region): a
 *   stream-table join re-keyed by region and counted, written to `page-views-by-region`;
 * - `orders` (order id -> `<item>|<user>`) joined on its user with `user-regions` through a
 *   foreign-key table join, written to `orders-with-region` (order id -> `<item>@<region>`).
 *
 *     npx tsx examples/page-view-region.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Serdes } from '../core/serdes/index.ts';
import {
  Consumed,
  Grouped,
  KeyValue,
  Produced,
  StreamsBuilder,
  TableJoined,
  type Topology,
} from '../dsl/index.ts';
import { Consumer, Producer } from '../actors/client/index.ts';
import { Cluster } from '../runtime/cluster/index.ts';
import { StreamsApp } from '../runtime/streams/index.ts';

const S = Serdes.String();

export const config = { 'application.id': 'page-view-region', 'commit.interval.ms': 500 };

export function topology(): Topology {
  const builder = new StreamsBuilder();
  const regions = builder.table<string, string>('user-regions', Consumed.with(S, S));
  builder
    .stream<string, string>('page-views', Consumed.with(S, S))
    .leftJoin(regions, (page, region) => ({ page, region: region ?? 'UNKNOWN' }))
    .map((_user, view) => KeyValue.pair(view.region, view.page))
    .groupByKey(Grouped.with(S, S))
    .count()
    .toStream()
    .to('page-views-by-region', Produced.with(S, Serdes.Long()));
  builder
    .table<string, string>('orders', Consumed.with(S, S))
    .leftJoin(
      regions,
      (order) => order.split('|')[1] ?? null,
      (order, region) => `${order.split('|')[0]}@${region ?? 'UNKNOWN'}`,
      TableJoined.as<string, string>('order-region'),
    )
    .toStream()
    .to('orders-with-region', Produced.with(S, S));
  return builder.build();
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tributary-page-view-region-'));
  const cluster = await Cluster.start({ brokers: 1, dataDir });
  const factory = cluster.connectionFactory();
  try {
    for (const topic of [
      'user-regions',
      'page-views',
      'orders',
      'page-views-by-region',
      'orders-with-region',
    ])
      await cluster.createTopic(topic, { partitions: 2 });
    const producer = new Producer<string, string>(factory, { keySerde: S, valueSerde: S });
    for (const [user, region] of [
      ['alice', 'europe'],
      ['bob', 'asia'],
    ])
      await producer.send({ topic: 'user-regions', key: user, value: region });
    for (const [user, page] of [
      ['alice', '/home'],
      ['bob', '/cart'],
      ['alice', '/cart'],
      ['carol', '/home'],
    ])
      await producer.send({ topic: 'page-views', key: user, value: page });
    await producer.send({ topic: 'orders', key: 'o1', value: 'book|alice' });
    await producer.send({ topic: 'orders', key: 'o2', value: 'lamp|bob' });
    await producer.close();

    const app = new StreamsApp(topology(), { ...config, connectionFactory: factory });
    await app.start();
    console.log(app.topology.describe().toString());
    const consumer = new Consumer<string, string>(
      { 'auto.offset.reset': 'earliest', 'key.deserializer': S, 'value.deserializer': S },
      { connectionFactory: factory },
    );
    consumer.assign([0, 1].map((partition) => ({ topic: 'orders-with-region', partition })));
    const orders = new Map<string, string>();
    while (orders.size < 2) for (const r of await consumer.poll(500)) orders.set(r.key!, r.value!);
    await consumer.close();
    await app.close();
    console.log('orders with region:', Object.fromEntries([...orders].sort()));
  } finally {
    await cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
