/**
 * PostgreSQL table -> CDC topic -> Streams app -> PostgreSQL materialized table.
 *
 * A Connect worker runs the PostgreSQL CDC source (Debezium's PostgresConnector) on table `orders`
 * into topic `shop.public.orders`; a Streams app keeps the orders as a table (Debezium's `after`,
 * deleted on a delete event) and sums them per customer into `customer-totals`; the PostgreSQL sink
 * upserts that topic into table `customer_totals` (a tombstone deletes the row). Inserts, updates and
 * deletes of orders show up in `customer_totals` as `SELECT customer, sum(amount), count(*) FROM orders
 * GROUP BY customer` would have them.
 *
 * Needs a PostgreSQL with `wal_level=logical` (`bash .ci/postgres.sh` starts one on 127.0.0.1:54329):
 *
 *     npx tsx examples/postgres-cdc-pipeline.ts [postgres://user:password@host:port/database]
 *
 * It creates the two tables in that database, starts an embedded 3-broker cluster, and drops its
 * replication slot when it stops.
 */
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { Serdes } from '../core/serdes/index.ts';
import { Consumed, Grouped, Materialized, Produced, StreamsBuilder, type Topology } from '../dsl/index.ts';
import { Cluster } from '../runtime/cluster/index.ts';
import { Worker } from '../runtime/connect/index.ts';
import { StreamsApp } from '../runtime/streams/index.ts';

export const cdcTopic = 'shop.public.orders';
export const totalsTopic = 'customer-totals';

export interface Order {
  readonly id: number;
  readonly customer: string;
  readonly amount: number;
}

export interface CustomerTotal {
  readonly customer: string;
  readonly total: number;
  readonly orders: number;
}

/** The parts of a Debezium change event (JsonConverter without schemas) the app reads. */
interface ChangeEvent {
  readonly op: string;
  readonly after: Order | null;
}

/** orders (CDC events) -> table of orders -> groupBy(customer) -> sum and count -> customer-totals. */
export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream<unknown, ChangeEvent | null>(cdcTopic, Consumed.with(Serdes.Json(), Serdes.Json()))
    // A delete event has no `after` and its tombstone no value: both delete the order.
    .mapValues((event) => event?.after ?? null)
    .toTable(
      Materialized.as<unknown, Order | null>('orders-store')
        .withKeySerde(Serdes.Json())
        .withValueSerde(Serdes.Json()),
    )
    .groupBy(
      (_id, order) => (order === null ? null : { key: order.customer, value: order }),
      Grouped.with(Serdes.String(), Serdes.Json<Order>()),
    )
    .aggregate<CustomerTotal>(
      () => ({ customer: '', total: 0, orders: 0 }),
      (customer, order, sum) => ({ customer, total: sum.total + order.amount, orders: sum.orders + 1 }),
      // A customer's last order leaving removes the customer (a tombstone, then a deleted row).
      (customer, order, sum) =>
        sum.orders <= 1 ? null : { customer, total: sum.total - order.amount, orders: sum.orders - 1 },
      Materialized.as<string, CustomerTotal>('customer-totals-store')
        .withKeySerde(Serdes.String())
        .withValueSerde(Serdes.Json()),
    )
    .toStream()
    .to(totalsTopic, Produced.with(Serdes.String(), Serdes.Json()));
  return builder.build();
}

export interface CdcPipelineOptions {
  /** The cluster's data directory goes here. */
  readonly dir: string;
  /** A database on a server with wal_level=logical; the user needs REPLICATION. */
  readonly pg: {
    readonly host: string;
    readonly port: number;
    readonly user: string;
    readonly password: string;
    readonly database: string;
  };
  /** The replication slot (names are global to the server). Default `tributary_cdc_example`. */
  readonly slotName?: string;
  /** Give up waiting for the materialized table after this long (default 120 s; then it logs the states). */
  readonly timeoutMs?: number;
  readonly log?: (line: string) => void;
}

export interface CdcPipelineResult {
  /** `SELECT customer, sum(amount), count(*) FROM orders GROUP BY customer` at the end. */
  readonly expected: Map<string, { total: number; orders: number }>;
  /** Table customer_totals at the end. */
  readonly materialized: Map<string, { total: number; orders: number }>;
}

type Totals = Map<string, { total: number; orders: number }>;

async function totals(client: pg.Client, sql: string): Promise<Totals> {
  const rows = await client.query<{ customer: string; total: string; orders: string }>(sql);
  return new Map(rows.rows.map((r) => [r.customer, { total: Number(r.total), orders: Number(r.orders) }]));
}

const sameTotals = (a: Totals, b: Totals): boolean =>
  a.size === b.size && [...a].every(([k, v]) => b.get(k)?.total === v.total && b.get(k)?.orders === v.orders);

/**
 * Creates the tables, runs the pipeline while changing orders, and returns once customer_totals
 * equals the orders' sums (or the timeout passed). Stops the app, the worker and the cluster.
 */
export async function runCdcPipeline(options: CdcPipelineOptions): Promise<CdcPipelineResult> {
  const log = options.log ?? (() => undefined);
  const slotName = options.slotName ?? 'tributary_cdc_example';
  const client = new pg.Client({ ...options.pg });
  await client.connect();
  const expectedSql =
    'SELECT customer, sum(amount) AS total, count(*) AS orders FROM orders GROUP BY customer';
  const materializedSql = 'SELECT customer, total, orders FROM customer_totals';
  let cluster: Cluster | undefined;
  let worker: Worker | undefined;
  let app: StreamsApp | undefined;
  try {
    await client.query(`
      DROP TABLE IF EXISTS orders, customer_totals;
      CREATE TABLE orders (id integer PRIMARY KEY, customer text NOT NULL, amount integer NOT NULL);
      CREATE TABLE customer_totals (customer text PRIMARY KEY, total bigint NOT NULL, orders integer NOT NULL);
      INSERT INTO orders VALUES (1, 'alice', 10), (2, 'bob', 20), (3, 'alice', 5);`);

    cluster = await Cluster.start({ brokers: 3, dataDir: join(options.dir, 'cluster') });
    for (const topic of [cdcTopic, totalsTopic]) {
      await cluster.createTopic(topic, { partitions: 3, replicationFactor: 3 });
    }
    worker = await Worker.start({
      connections: cluster.connectionFactory(),
      config: {
        'bootstrap.servers': cluster.bootstrapServers().join(','),
        'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
        'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
        'key.converter.schemas.enable': 'false',
        'value.converter.schemas.enable': 'false',
        'offset.flush.interval.ms': '1000',
      },
    });
    const { host, port, user, password, database } = options.pg;
    await worker.addConnector({
      name: 'orders-cdc',
      'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
      'database.hostname': host,
      'database.port': String(port),
      'database.user': user,
      'database.password': password,
      'database.dbname': database,
      'topic.prefix': 'shop',
      'table.include.list': 'public\\.orders',
      'publication.autocreate.mode': 'filtered',
      'publication.name': 'orders_pub',
      'slot.name': slotName,
      'slot.drop.on.stop': 'true',
    });
    await worker.addConnector({
      name: 'totals-sink',
      'connector.class': 'PostgresSinkConnector',
      'connection.url': `jdbc:postgresql://${host}:${port}/${database}`,
      'connection.user': user,
      'connection.password': password,
      topics: totalsTopic,
      'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
      'table.name.format': 'customer_totals',
      'insert.mode': 'upsert',
      'pk.mode': 'record_key',
      'pk.fields': 'customer',
      'delete.enabled': 'true',
    });
    app = new StreamsApp(topology(), {
      'application.id': 'customer-totals',
      'commit.interval.ms': 200,
      connectionFactory: cluster.connectionFactory(),
      logger: {
        warn: (obj, msg) => log(`app warning: ${msg} ${String((obj as { err?: unknown }).err ?? '')}`),
        error: (obj, msg) => log(`app error: ${msg} ${String((obj as { err?: unknown }).err ?? '')}`),
      },
    });
    await app.start();
    log('pipeline running: orders -> shop.public.orders -> customer-totals -> customer_totals');

    // Changes while it runs: a new customer, a moved order, an updated amount, a customer leaving.
    await client.query(`INSERT INTO orders VALUES (4, 'carol', 7), (5, 'dave', 1)`);
    await client.query(`UPDATE orders SET customer = 'carol' WHERE id = 3`);
    await client.query(`UPDATE orders SET amount = 25 WHERE id = 2`);
    await client.query(`DELETE FROM orders WHERE id = 5`);

    const expected = await totals(client, expectedSql);
    let materialized = await totals(client, materializedSql);
    const deadline = Date.now() + (options.timeoutMs ?? 120_000);
    while (!sameTotals(expected, materialized) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      materialized = await totals(client, materializedSql);
    }
    if (!sameTotals(expected, materialized)) {
      for (const name of worker.connectorNames()) {
        const status = worker.connectorStatus(name);
        log(`${name}: ${status?.connector.state} ${JSON.stringify(status?.tasks)}`);
      }
      log(`app: ${app.state}`);
    }
    return { expected, materialized };
  } finally {
    await app?.close();
    await worker?.stop();
    await cluster?.stop();
    await client.end();
  }
}

async function main(): Promise<void> {
  const url = new URL(process.argv[2] ?? 'postgres://tributary:tributary@127.0.0.1:54329/tributary');
  const dir = fs.mkdtempSync(join(tmpdir(), 'tributary-cdc-pipeline-'));
  try {
    const result = await runCdcPipeline({
      dir,
      pg: {
        host: url.hostname,
        port: Number(url.port || 5432),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
        database: url.pathname.replace(/^\//, ''),
      },
      log: (line) => console.log(line),
    });
    console.log('orders summed by customer:', Object.fromEntries(result.expected));
    console.log('customer_totals:          ', Object.fromEntries(result.materialized));
    if (!sameTotals(result.expected, result.materialized)) process.exitCode = 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
