/**
 * GlobalKTables in a StreamsApp on an in-process 3-broker Cluster on simulated ports: the global thread
 * bootstraps every partition of the global topic before stream tasks process, then keeps following it.
 */
import assert from 'node:assert/strict';
import { Serdes } from '../../core/serdes/index.ts';
import { Consumed, Produced, StreamsBuilder, TopologyTestDriver, type Topology } from '../../dsl/index.ts';
import type { Cluster } from '../cluster/index.ts';
import { StreamsApp, type StreamsAppConfig } from './streams-app.ts';
import { closeAppsAndStop, simulatedAppConfig, startSimulatedCluster } from './cluster-test-support.ts';
import { TopicReader, produceStrings, type KeyValueString } from './streams-test-support.ts';

const S = Serdes.String();

/** orders (key: order id, value: `<customer>/<item>`) left-joined to the global customers table. */
function enrichTopology(): Topology {
  const b = new StreamsBuilder();
  const customers = b.globalTable('customers', Consumed.with(S, S));
  b.stream<string, string>('orders', Consumed.with(S, S))
    .leftJoin(
      customers,
      (_k, v) => v.split('/')[0]!,
      (order, customer) => `${order} by ${customer}`,
    )
    .to('enriched', Produced.with(S, S));
  return b.build();
}

function appConfig(cluster: Cluster, overrides: Partial<StreamsAppConfig> = {}): StreamsAppConfig {
  return simulatedAppConfig(cluster, { 'application.id': 'enrich', ...overrides });
}

describe('StreamsApp with a GlobalKTable on a simulated 3-broker cluster', function () {
  this.timeout(300_000);
  let cluster: Cluster;
  const apps: StreamsApp[] = [];

  beforeEach(async () => {
    cluster = await startSimulatedCluster(23, { customers: 2, orders: 3, enriched: 3 });
  });

  afterEach(async () => {
    await closeAppsAndStop(cluster, apps);
  });

  it('bootstraps every partition of the global topic before processing, joins like the TopologyTestDriver, and keeps following the topic', async () => {
    const customers: KeyValueString[] = Array.from({ length: 10 }, (_, i) => ({
      key: `c${i}`,
      value: `name${i}`,
      partition: i % 2,
    }));
    // c10 and c11 are unknown: a left join gives "by null" for them, as in the driver.
    const orders: KeyValueString[] = Array.from({ length: 36 }, (_, i) => ({
      key: `o${i}`,
      value: `c${i % 12}/item${i}`,
    }));
    await produceStrings(cluster, 'customers', customers);
    await produceStrings(cluster, 'orders', orders);

    const driver = new TopologyTestDriver(enrichTopology());
    const customersIn = driver.createInputTopic('customers', S, S);
    for (const c of customers) customersIn.pipeInput(c.key, c.value);
    const ordersIn = driver.createInputTopic('orders', S, S);
    for (const o of orders) ordersIn.pipeInput(o.key, o.value);
    const expected = driver
      .createOutputTopic('enriched', S, S)
      .readKeyValuesToList()
      .map((kv) => `${kv.key}=${kv.value}`);
    driver.close();
    assert.equal(expected.length, 36);

    const app = new StreamsApp(enrichTopology(), appConfig(cluster, { 'num.stream.threads': 2 }));
    apps.push(app);
    await cluster.run(app.start());
    const reader = await TopicReader.open(cluster, 'enriched', 3);
    await reader.readUntil((rs) => rs.length >= expected.length);
    await reader.drainFor(500);
    assert.deepEqual(reader.records.map((r) => `${r.key}=${r.value}`).sort(), [...expected].sort());
    // The global topic is not a task source: no task reads customers.
    const tasks = app.metadataForLocalThreads().flatMap((t) => t.activeTasks);
    assert.deepEqual(tasks.sort(), ['1_0', '1_1', '1_2']);

    // Updates to the global topic after start reach the store the tasks join against.
    await produceStrings(cluster, 'customers', [
      { key: 'c1', value: 'renamed', partition: 1 },
      { key: 'c10', value: 'late', partition: 0 },
    ]);
    await reader.drainFor(1000);
    await produceStrings(cluster, 'orders', [
      { key: 'p1', value: 'c1/x' },
      { key: 'p2', value: 'c10/y' },
    ]);
    await reader.readUntil((rs) => rs.length >= expected.length + 2);
    assert.deepEqual(
      reader.records
        .slice(expected.length)
        .map((r) => `${r.key}=${r.value}`)
        .sort(),
      ['p1=c1/x by renamed', 'p2=c10/y by late'],
    );
    await reader.close();
  });

  it('refuses to start when the global topic does not exist', async () => {
    const b = new StreamsBuilder();
    const missing = b.globalTable('no-such-topic', Consumed.with(S, S));
    b.stream<string, string>('orders', Consumed.with(S, S))
      .join(
        missing,
        (k) => k,
        (o, c) => `${o}${c}`,
      )
      .to('enriched', Produced.with(S, S));
    const app = new StreamsApp(b.build(), appConfig(cluster, { 'application.id': 'missing-global' }));
    apps.push(app);
    await assert.rejects(cluster.run(app.start()), /no-such-topic/);
    assert.equal(app.state, 'ERROR');
  });
});
