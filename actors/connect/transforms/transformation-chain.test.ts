import { strict as assert } from 'node:assert';
import type { ConnectRecord } from '../api/records.ts';
import { ConfigException } from '../config/config-exception.ts';
import { PluginRegistry } from '../plugins.ts';
import { RegexRouter } from './regex-router.ts';
import { sinkRecord } from './test-records.ts';
import { TransformationChain } from './transformation-chain.ts';

const registry = PluginRegistry.withBuiltins();

describe('TransformationChain', () => {
  it('applies transforms in the order of transforms=a,b with their own options', () => {
    const chain = TransformationChain.fromConfig(
      {
        transforms: 'hoist,insert',
        'transforms.hoist.type': 'org.apache.kafka.connect.transforms.HoistField$Value',
        'transforms.hoist.field': 'line',
        'transforms.insert.type': 'InsertField$Value',
        'transforms.insert.static.field': 'data_source',
        'transforms.insert.static.value': 'test-file-source',
      },
      registry,
    );
    assert.deepEqual(chain.apply(sinkRecord('foo'))!.value, { line: 'foo', data_source: 'test-file-source' });
  });

  it('drops tombstones with Filter gated by RecordIsTombstone', () => {
    const chain = TransformationChain.fromConfig(
      {
        transforms: 'dropTombstones',
        'transforms.dropTombstones.type': 'org.apache.kafka.connect.transforms.Filter',
        'transforms.dropTombstones.predicate': 'isTombstone',
        predicates: 'isTombstone',
        'predicates.isTombstone.type': 'org.apache.kafka.connect.transforms.predicates.RecordIsTombstone',
      },
      registry,
    );
    assert.equal(chain.apply(sinkRecord(null)), null);
    assert.deepEqual(chain.apply(sinkRecord({ a: 1 }))!.value, { a: 1 });
  });

  it('keeps only matching topics with negate=true on TopicNameMatches', () => {
    const chain = TransformationChain.fromConfig(
      {
        transforms: 'keepOrders',
        'transforms.keepOrders.type': 'Filter',
        'transforms.keepOrders.predicate': 'isOrders',
        'transforms.keepOrders.negate': 'true',
        predicates: 'isOrders',
        'predicates.isOrders.type': 'TopicNameMatches',
        'predicates.isOrders.pattern': 'orders.*',
      },
      registry,
    );
    assert.notEqual(chain.apply(sinkRecord({}, null, 'orders-eu')), null);
    assert.equal(chain.apply(sinkRecord({}, null, 'users')), null);
    assert.equal(
      chain.apply(sinkRecord({}, null, 'x-orders')),
      null,
      'the pattern must match the whole name',
    );
  });

  it('gates on HasHeaderKey', () => {
    const chain = TransformationChain.fromConfig(
      {
        transforms: 'f',
        'transforms.f.type': 'Filter',
        'transforms.f.predicate': 'h',
        predicates: 'h',
        'predicates.h.type': 'HasHeaderKey',
        'predicates.h.name': 'skip',
      },
      registry,
    );
    const withHeader: ConnectRecord = {
      ...sinkRecord({}),
      headers: [{ key: 'skip', schema: null, value: null }],
    };
    assert.equal(chain.apply(withHeader), null);
    assert.notEqual(chain.apply(sinkRecord({})), null);
  });

  it('reports a missing type, an unknown class and an undeclared predicate as ConfigException naming the key', () => {
    assert.throws(
      () => TransformationChain.fromConfig({ transforms: 'a' }, registry),
      (e: unknown) => e instanceof ConfigException && e.key === 'transforms.a.type',
    );
    assert.throws(
      () =>
        TransformationChain.fromConfig(
          { transforms: 'a', 'transforms.a.type': 'com.example.Nope' },
          registry,
        ),
      (e: unknown) =>
        e instanceof ConfigException &&
        e.key === 'transforms.a.type' &&
        e.message.includes('com.example.Nope'),
    );
    assert.throws(
      () =>
        TransformationChain.fromConfig(
          { transforms: 'a', 'transforms.a.type': 'Filter', 'transforms.a.predicate': 'p' },
          registry,
        ),
      (e: unknown) => e instanceof ConfigException && e.key === 'transforms.a.predicate',
    );
  });
});

describe('RegexRouter', () => {
  it('rewrites topics that match the whole pattern with $n groups', () => {
    const t = new RegexRouter();
    t.configure({ regex: '(.*)customers', replacement: '$1clients' });
    assert.equal(t.apply(sinkRecord({}, null, 'dbz.public.customers')).topic, 'dbz.public.clients');
    assert.equal(t.apply(sinkRecord({}, null, 'customers-x')).topic, 'customers-x');
  });
});

describe('PluginRegistry', () => {
  it('resolves converters by Kafka class name and alias, and Avro only with a schema registry', async () => {
    const { InMemorySchemaRegistry } = await import('../../../core/serdes/index.ts');
    assert.equal(
      registry.newConverter('org.apache.kafka.connect.json.JsonConverter', 'value.converter').constructor
        .name,
      'JsonConverter',
    );
    assert.equal(
      registry.newConverter('StringConverter', 'key.converter').constructor.name,
      'StringConverter',
    );
    assert.throws(
      () => registry.newConverter('io.confluent.connect.avro.AvroConverter', 'value.converter'),
      ConfigException,
    );
    const withAvro = PluginRegistry.withBuiltins({ schemaRegistry: new InMemorySchemaRegistry() });
    assert.equal(withAvro.newConverter('AvroConverter', 'value.converter').constructor.name, 'AvroConverter');
  });
});
