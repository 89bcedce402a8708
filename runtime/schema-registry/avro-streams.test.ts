/**
 * A Streams app with Avro serdes: in the TopologyTestDriver with the in-memory registry, and as a
 * StreamsApp on a simulated cluster with the `_schemas`-topic registry.
 */
import assert from 'node:assert/strict';
import { Consumer, Producer } from '../../actors/client/index.ts';
import { InMemorySchemaRegistry, Serdes, type Serde } from '../../core/serdes/index.ts';
import {
  Consumed,
  Grouped,
  Materialized,
  Produced,
  StreamsBuilder,
  TopologyTestDriver,
} from '../../dsl/index.ts';
import { Cluster } from '../cluster/index.ts';
import { StreamsApp } from '../streams/index.ts';
import { LogSchemaRegistry } from './log-schema-registry.ts';

const orderV1 = {
  type: 'record',
  name: 'Order',
  namespace: 'shop',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'customer', type: 'string' },
    { name: 'amount', type: 'double' },
  ],
};
/** v2 adds a currency with a default: it reads v1 records (BACKWARD). */
const orderV2 = {
  ...orderV1,
  fields: [...orderV1.fields, { name: 'currency', type: 'string', default: 'EUR' }],
};
const totalSchema = {
  type: 'record',
  name: 'CustomerTotal',
  namespace: 'shop',
  fields: [
    { name: 'customer', type: 'string' },
    { name: 'orders', type: 'int' },
    { name: 'total', type: 'double' },
    { name: 'currency', type: 'string' },
  ],
};

interface Order {
  id: string;
  customer: string;
  amount: number;
  currency?: string;
}
interface CustomerTotal {
  customer: string;
  orders: number;
  total: number;
  currency: string;
}

/** Orders (read as v2) -> large ones -> totals per customer (an Avro value in the store and the output). */
function totalsTopology(orderSerde: Serde<Order>, totalSerde: Serde<CustomerTotal>) {
  const S = Serdes.String();
  const builder = new StreamsBuilder();
  builder
    .stream('orders', Consumed.with(S, orderSerde))
    .filter((_k, o) => o.amount >= 10)
    .groupBy((_k, o) => o.customer, Grouped.with(S, orderSerde))
    .aggregate<CustomerTotal>(
      () => ({ customer: '', orders: 0, total: 0, currency: '' }),
      (customer, o, t) => ({
        customer,
        orders: t.orders + 1,
        total: t.total + o.amount,
        currency: o.currency ?? '?',
      }),
      Materialized.as<string, CustomerTotal>('totals').withKeySerde(S).withValueSerde(totalSerde),
    )
    .toStream()
    .to('customer-totals', Produced.with(S, totalSerde));
  return builder.build();
}

describe('Streams with Avro serdes', () => {
  it('runs in the TopologyTestDriver with the in-memory registry, reading v1 records into v2', () => {
    const registry = new InMemorySchemaRegistry();
    const S = Serdes.String();
    const v1Writer = Serdes.avro<Order>(orderV1, registry);
    const d = new TopologyTestDriver(
      totalsTopology(
        Serdes.avro<Order>(orderV2, registry),
        Serdes.avro<CustomerTotal>(totalSchema, registry),
      ),
      { 'application.id': 'totals' },
    );
    const legacy = d.createInputTopic('orders', S, v1Writer);
    legacy.pipeInput('o1', { id: 'o1', customer: 'ada', amount: 12 });
    legacy.pipeInput('o2', { id: 'o2', customer: 'ada', amount: 3 });
    const current = d.createInputTopic('orders', S, Serdes.avro<Order>(orderV2, registry));
    current.pipeInput('o3', { id: 'o3', customer: 'ada', amount: 20, currency: 'USD' });
    const out = d.createOutputTopic('customer-totals', S, Serdes.avro<CustomerTotal>(totalSchema, registry));
    const results = out.readKeyValuesToList().map((kv) => [kv.key, { ...kv.value }]);
    assert.deepEqual(results, [
      ['ada', { customer: 'ada', orders: 1, total: 12, currency: 'EUR' }],
      ['ada', { customer: 'ada', orders: 2, total: 32, currency: 'USD' }],
    ]);
    assert.deepEqual(registry.cachedId('orders-value', JSON.stringify(orderV1)), 1);
    assert.deepEqual(registry.cachedId('orders-value', JSON.stringify(orderV2)), 2);
    assert.equal(registry.cachedId('customer-totals-value', JSON.stringify(totalSchema)), 3);
    d.close();
  });

  it('runs as a StreamsApp on a cluster with the _schemas-topic registry', async function () {
    this.timeout(120_000);
    const cluster = await Cluster.start({
      brokers: 1,
      simulated: { seed: 5, network: { minDelayMs: 1, maxDelayMs: 1 } },
    });
    const registries: LogSchemaRegistry[] = [];
    const startRegistry = async (clientId: string) => {
      const r = await cluster.run(
        LogSchemaRegistry.start({ connections: cluster.connectionFactory(), clock: cluster.clock, clientId }),
      );
      registries.push(r);
      return r;
    };
    let app: StreamsApp | undefined;
    try {
      await cluster.run(cluster.createTopic('orders', { partitions: 1 }));
      await cluster.run(cluster.createTopic('customer-totals', { partitions: 1 }));
      // A producer elsewhere writes v1 orders, registering v1 through its own registry.
      const producerRegistry = await startRegistry('legacy-producer');
      const v1Writer = Serdes.avro<Order>(orderV1, producerRegistry);
      await cluster.run(v1Writer.prepare('orders'));
      const producer = new Producer<string, Order>(cluster.connectionFactory(), {
        keySerde: Serdes.String(),
        valueSerde: v1Writer,
        clock: cluster.clock,
      });
      await cluster.run(
        producer.send({ topic: 'orders', key: 'o1', value: { id: 'o1', customer: 'bob', amount: 40 } }),
      );
      await cluster.run(
        producer.send({ topic: 'orders', key: 'o2', value: { id: 'o2', customer: 'bob', amount: 2 } }),
      );
      await cluster.run(producer.close());

      // The app's registry starts after: it reads v1 from _schemas; the app registers v2 and its output schema.
      const appRegistry = await startRegistry('totals-app');
      const orderSerde = Serdes.avro<Order>(orderV2, appRegistry);
      const totalSerde = Serdes.avro<CustomerTotal>(totalSchema, appRegistry);
      // Only the topics we name are prepared: the app's changelog and repartition topics reuse the ids
      // and register their subjects in the background.
      await cluster.run(orderSerde.prepare('orders'));
      await cluster.run(totalSerde.prepare('customer-totals'));
      app = new StreamsApp(totalsTopology(orderSerde, totalSerde), {
        'application.id': 'totals',
        'commit.interval.ms': 200,
        connectionFactory: cluster.connectionFactory(),
        clock: cluster.clock,
        random: cluster.random,
      });
      await cluster.run(app.start());

      const readerRegistry = await startRegistry('reader');
      const consumer = new Consumer<string, CustomerTotal>(
        {
          'enable.auto.commit': false,
          'auto.offset.reset': 'earliest',
          'key.deserializer': Serdes.String().deserializer,
          'value.deserializer': Serdes.avro<CustomerTotal>(totalSchema, readerRegistry).deserializer,
        },
        { connectionFactory: cluster.connectionFactory(), clock: cluster.clock },
      );
      try {
        consumer.assign([{ topic: 'customer-totals', partition: 0 }]);
        const seen: CustomerTotal[] = [];
        const deadline = cluster.clock.now() + 60_000;
        while (seen.length < 1 && cluster.clock.now() < deadline) {
          for (const r of await cluster.run(consumer.poll(200))) seen.push({ ...r.value! });
        }
        assert.deepEqual(seen, [{ customer: 'bob', orders: 1, total: 40, currency: 'EUR' }]);
        const subjects = await cluster.run(readerRegistry.getSubjects());
        assert.ok(subjects.includes('orders-value') && subjects.includes('customer-totals-value'));
        assert.ok(
          subjects.some((s) => s.endsWith('-changelog-value')),
          `the store's changelog subject was registered in the background: ${subjects.join(', ')}`,
        );
        assert.equal(orderSerde.stats.backgroundRegistrationFailures, 0);
        assert.equal(totalSerde.stats.backgroundRegistrationFailures, 0);
      } finally {
        await cluster.run(consumer.close({ timeoutMs: 0 }));
      }
    } finally {
      if (app !== undefined) await cluster.run(app.close());
      for (const r of registries) await cluster.run(r.close());
      await cluster.stop();
    }
  });
});
