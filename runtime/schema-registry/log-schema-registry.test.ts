import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Consumer, Producer } from '../../actors/client/index.ts';
import { KafkaError } from '../../core/errors/index.ts';
import { SchemaRegistryError, SchemaRegistryErrorCode, Serdes } from '../../core/serdes/index.ts';
import { Cluster } from '../cluster/index.ts';
import { TcpConnectionFactory } from '../network/index.ts';
import { LogSchemaRegistry, type LogSchemaRegistryOptions } from './log-schema-registry.ts';

const userV1 = {
  type: 'record',
  name: 'User',
  namespace: 'com.example',
  fields: [
    { name: 'name', type: 'string' },
    { name: 'age', type: 'int' },
  ],
};
const userV2 = {
  ...userV1,
  fields: [...userV1.fields, { name: 'email', type: ['null', 'string'], default: null }],
};
const userBreaking = {
  ...userV1,
  fields: [...userV1.fields, { name: 'country', type: 'string' }],
};
const v1 = JSON.stringify(userV1);
const v2 = JSON.stringify(userV2);

interface User {
  name: string;
  age: number;
  email?: string | null;
}

async function simulatedCluster(seed: number): Promise<Cluster> {
  // Whole-millisecond delays: a fractional simulated time stamps records the brokers refuse.
  return Cluster.start({ brokers: 1, simulated: { seed, network: { minDelayMs: 1, maxDelayMs: 1 } } });
}

function startRegistry(
  cluster: Cluster,
  extra: Partial<LogSchemaRegistryOptions> = {},
): Promise<LogSchemaRegistry> {
  return cluster.run(
    LogSchemaRegistry.start({ connections: cluster.connectionFactory(), clock: cluster.clock, ...extra }),
  );
}

/** Every record of a one-partition topic as UTF-8 key/value text, read without a group. */
async function readRaw(cluster: Cluster, topic: string): Promise<{ key: string; value: string | null }[]> {
  const consumer = new Consumer(
    { 'enable.auto.commit': false, 'auto.offset.reset': 'earliest', 'allow.auto.create.topics': false },
    { connectionFactory: cluster.connectionFactory(), clock: cluster.clock },
  );
  try {
    const tp = { topic, partition: 0 };
    const [end] = await cluster.run(consumer.endOffsets([tp]));
    consumer.assign([tp]);
    const out: { key: string; value: string | null }[] = [];
    while (out.length < end!.offset) {
      for (const r of await cluster.run(consumer.poll(100)))
        out.push({ key: r.rawKey!.toString('utf8'), value: r.rawValue?.toString('utf8') ?? null });
    }
    return out;
  } finally {
    await cluster.run(consumer.close({ timeoutMs: 0 }));
  }
}

describe('LogSchemaRegistry (schemas on the _schemas topic)', () => {
  let cluster: Cluster;
  const open: LogSchemaRegistry[] = [];

  beforeEach(async () => {
    cluster = await simulatedCluster(7);
  });

  afterEach(async () => {
    for (const r of open.splice(0)) await cluster.run(r.close());
    await cluster.stop();
  });

  async function registry(extra: Partial<LogSchemaRegistryOptions> = {}): Promise<LogSchemaRegistry> {
    const r = await startRegistry(cluster, extra);
    open.push(r);
    return r;
  }

  it('creates _schemas compacted with one partition and writes records in Confluent Schema Registry format', async () => {
    const r = await registry();
    assert.equal(await cluster.run(r.register('users-value', v1)), 1);
    await cluster.run(r.setCompatibility('FULL', 'users-value'));
    await cluster.run(r.setCompatibility('NONE'));
    const records = await readRaw(cluster, '_schemas');
    assert.deepEqual(records, [
      {
        key: '{"keytype":"SCHEMA","subject":"users-value","version":1,"magic":1}',
        value: `{"subject":"users-value","version":1,"id":1,"schema":${JSON.stringify(v1)},"deleted":false}`,
      },
      {
        key: '{"keytype":"CONFIG","subject":"users-value","magic":0}',
        value: '{"compatibilityLevel":"FULL"}',
      },
      { key: '{"keytype":"CONFIG","magic":0}', value: '{"compatibilityLevel":"NONE"}' },
    ]);
    const topic = cluster.broker(1).metadata().topicsByName.get('_schemas');
    assert.ok(topic);
    const admin = new (await import('../../actors/client/index.ts')).Admin(cluster.connectionFactory(), {
      clock: cluster.clock,
    });
    try {
      const [described] = await cluster.run(admin.describeTopics(['_schemas']));
      assert.equal(described!.partitions.length, 1);
      const [configs] = await cluster.run(
        admin.describeConfigs([{ type: 'topic', name: '_schemas', configNames: ['cleanup.policy'] }]),
      );
      assert.equal(configs!.configEntries.find((e) => e.name === 'cleanup.policy')?.value, 'compact');
    } finally {
      await cluster.run(admin.close());
    }
  });

  it('gives ids monotonically across subjects and returns the existing id for an identical schema', async () => {
    const r = await registry();
    const a = await cluster.run(r.register('users-value', v1));
    const b = await cluster.run(r.register('names-value', '"string"'));
    const c = await cluster.run(r.register('users-value', v2));
    const again = await cluster.run(r.register('users-value', JSON.stringify(userV1, null, 2)));
    const shared = await cluster.run(r.register('people-value', v1));
    assert.deepEqual([a, b, c, again, shared], [1, 2, 3, 1, 1]);
    assert.deepEqual(await cluster.run(r.getVersions('users-value')), [1, 2]);
    assert.deepEqual(await cluster.run(r.getSubjects()), ['names-value', 'people-value', 'users-value']);
    assert.equal((await readRaw(cluster, '_schemas')).length, 4, 'the identical schema wrote nothing');
  });

  it('round-trips Avro records through a producer and a consumer with registries on the cluster', async () => {
    const writerRegistry = await registry({ clientId: 'writer' });
    const writer = Serdes.avro<User>(userV1, writerRegistry);
    const id = await cluster.run(writer.prepare('users'));
    const producer = new Producer<string, User>(cluster.connectionFactory(), {
      keySerde: Serdes.String(),
      valueSerde: writer,
      clock: cluster.clock,
    });
    await cluster.run(producer.send({ topic: 'users', key: 'u1', value: { name: 'Ada', age: 36 } }));
    await cluster.run(producer.close());

    const readerRegistry = await registry({ clientId: 'reader' });
    const reader = Serdes.avro<User>(userV1, readerRegistry);
    const consumer = new Consumer<string, User>(
      {
        'enable.auto.commit': false,
        'auto.offset.reset': 'earliest',
        'key.deserializer': Serdes.String().deserializer,
        'value.deserializer': reader.deserializer,
      },
      { connectionFactory: cluster.connectionFactory(), clock: cluster.clock },
    );
    try {
      consumer.assign([{ topic: 'users', partition: 0 }]);
      let records: Awaited<ReturnType<typeof consumer.poll>> = [];
      while (records.length === 0) records = await cluster.run(consumer.poll(100));
      assert.equal(records[0]!.rawValue!.readUInt32BE(1), id);
      assert.deepEqual({ ...records[0]!.value }, { name: 'Ada', age: 36 });
    } finally {
      await cluster.run(consumer.close({ timeoutMs: 0 }));
    }
  });

  it("lets two registries on one cluster see each other's schemas (an unknown id is read after catching up)", async () => {
    const a = await registry({ clientId: 'a' });
    const b = await registry({ clientId: 'b' });
    const id1 = await cluster.run(a.register('users-value', v1));
    assert.equal(b.cachedById(id1), undefined, 'b has not read it yet');
    assert.equal(await cluster.run(b.getById(id1)), v1);
    const id2 = await cluster.run(b.register('users-value', v2));
    const id3 = await cluster.run(a.register('orders-value', '"long"'));
    assert.deepEqual([id1, id2, id3], [1, 2, 3], 'ids stay monotonic across both registries');
    assert.deepEqual(await cluster.run(a.getLatest('users-value')), {
      id: 2,
      subject: 'users-value',
      version: 2,
      schema: v2,
    });
    assert.deepEqual(await cluster.run(b.getSubjects()), ['orders-value', 'users-value']);
  });

  it('a cache miss catches up in the background so a synchronous deserializer finds the id on retry', async () => {
    const a = await registry({ clientId: 'a' });
    const b = await registry({ clientId: 'b' });
    const bytes = Serdes.avro<User>(userV1, a);
    await cluster.run(bytes.prepare('users'));
    const record = bytes.serializer('users', { name: 'x', age: 1 })!;
    const reader = Serdes.avro<User>(userV1, b);
    assert.throws(() => reader.deserializer('users', record), /unknown Avro schema id 1/);
    await cluster.waitFor(() => b.cachedById(1) !== undefined, 10_000, 'background catch-up');
    assert.deepEqual({ ...reader.deserializer('users', record) }, { name: 'x', age: 1 });
  });

  it('with refreshIntervalMs, learns schemas another registry writes without being asked', async () => {
    const a = await registry({ clientId: 'a' });
    const b = await registry({ clientId: 'b', refreshIntervalMs: 500 });
    const id = await cluster.run(a.register('users-value', v1));
    await cluster.waitFor(() => b.cachedSchemaId(v1) === id, 10_000, 'periodic catch-up');
    assert.equal(b.stats.backgroundReadFailures, 0);
  });

  it('agrees on distinct ids when two registries register different schemas at the same time', async () => {
    const a = await registry({ clientId: 'a' });
    const b = await registry({ clientId: 'b' });
    const [ida, idb] = await cluster.run(
      Promise.all([a.register('a-value', '"string"'), b.register('b-value', '"long"')]),
    );
    assert.notEqual(ida, idb);
    assert.ok(a.stats.conflicts + b.stats.conflicts > 0, 'the two registrations raced for one id');
    for (const r of [a, b]) {
      assert.equal(await cluster.run(r.getById(ida)), '"string"');
      assert.equal(await cluster.run(r.getById(idb)), '"long"');
    }
    const [sa, sb] = await cluster.run(
      Promise.all([a.register('same-value', '"int"'), b.register('same-value', '"int"')]),
    );
    assert.equal(sa, sb, 'the same schema under one subject gets one id');
    assert.deepEqual(await cluster.run(a.getVersions('same-value')), [1]);
    const fresh = await registry({ clientId: 'fresh' });
    assert.equal(await cluster.run(fresh.getById(ida)), '"string"');
    assert.equal(await cluster.run(fresh.getById(idb)), '"long"');
  });

  it('keeps the first of two racing versions of one subject, also after compaction keeps only the last value per key', async () => {
    const a = await registry({ clientId: 'a' });
    const b = await registry({ clientId: 'b' });
    const [ida, idb] = await cluster.run(Promise.all([a.register('x-value', v1), b.register('x-value', v2)]));
    assert.ok(a.stats.conflicts + b.stats.conflicts > 0, 'both wrote x-value version 1');
    const [winner, loser] = ida < idb ? [v1, v2] : [v2, v1];
    assert.deepEqual(
      (await cluster.run(a.getVersion('x-value', 1))).schema,
      winner,
      'version 1 is the schema written first',
    );
    assert.equal((await cluster.run(b.getVersion('x-value', 2))).schema, loser);
    // What compaction would leave: the last value of each key, in the order of those last values.
    const raw = await readRaw(cluster, '_schemas');
    const lastByKey = new Map<string, { index: number; value: string | null }>();
    raw.forEach((r, index) => lastByKey.set(r.key, { index, value: r.value }));
    const compacted = [...lastByKey.values()].sort((x, y) => x.index - y.index).map((r) => r.value);
    const stored = compacted.map((v) =>
      v === null ? null : (JSON.parse(v) as { version: number; schema: string }),
    );
    assert.deepEqual(
      stored.map((r) => r && [r.version, r.schema]),
      [
        [1, winner],
        [2, loser],
      ],
    );
  });

  it('rebuilds ids, versions and compatibility levels from _schemas on restart', async () => {
    const first = await startRegistry(cluster);
    await cluster.run(first.register('users-value', v1));
    await cluster.run(first.register('users-value', v2));
    await cluster.run(first.setCompatibility('FORWARD', 'users-value'));
    await cluster.run(first.register('other-value', '"string"'));
    await cluster.run(first.close());

    const restarted = await registry();
    assert.equal(restarted.cachedById(2), v2, 'known synchronously right after start');
    assert.equal(restarted.cachedId('users-value', v1), 1);
    assert.equal(await cluster.run(restarted.getCompatibility('users-value')), 'FORWARD');
    assert.equal(await cluster.run(restarted.getCompatibility()), 'BACKWARD');
    assert.equal(
      await cluster.run(restarted.register('next-value', '"long"')),
      4,
      'ids continue after the highest',
    );
    assert.equal(restarted.stats.recordsSkipped, 0);
  });

  it('refuses an incompatible schema with 409 and writes nothing', async () => {
    const r = await registry();
    await cluster.run(r.register('users-value', v1));
    const before = (await readRaw(cluster, '_schemas')).length;
    const err = await cluster
      .run(r.register('users-value', JSON.stringify(userBreaking)))
      .catch((e: unknown) => e);
    assert.ok(err instanceof SchemaRegistryError);
    assert.equal(err.errorCode, SchemaRegistryErrorCode.INCOMPATIBLE_SCHEMA);
    assert.match(
      err.message,
      /incompatible with an earlier schema for subject "users-value" \(compatibility BACKWARD\)/,
    );
    assert.equal((await readRaw(cluster, '_schemas')).length, before);
    await assert.rejects(cluster.run(r.getLatest('nope')), /Subject 'nope' not found/);
    await assert.rejects(cluster.run(r.getById(99)), (e: unknown) =>
      SchemaRegistryError.isCode(e, SchemaRegistryErrorCode.SCHEMA_NOT_FOUND),
    );
    await cluster.run(r.setCompatibility('NONE', 'users-value'));
    assert.equal(await cluster.run(r.register('users-value', JSON.stringify(userBreaking))), 2);
  });

  it('soft-deletes a subject: later registries skip its versions but still resolve its ids', async () => {
    const r = await registry();
    const id = await cluster.run(r.register('gone-value', v1));
    assert.deepEqual(await cluster.run(r.deleteSubject('gone-value')), [1]);
    const other = await registry({ clientId: 'other' });
    await assert.rejects(cluster.run(other.getLatest('gone-value')), /not found/);
    assert.equal(await cluster.run(other.getById(id)), v1);
  });

  it('answers a store error (50001) naming _schemas when the brokers cannot be reached, and recovers after', async () => {
    const r = await registry({ readTimeoutMs: 2000 });
    await cluster.run(r.register('users-value', v1));
    await cluster.run(cluster.kill(1));
    const err = await cluster.run(r.register('users-value', v2)).catch((e: unknown) => e);
    assert.ok(SchemaRegistryError.isCode(err, SchemaRegistryErrorCode.STORE_ERROR), String(err));
    assert.match((err as Error).message, /_schemas/);
    assert.equal(await cluster.run(r.getById(1)), v1, 'cached ids still answer');
    await cluster.run(cluster.restart(1));
    await cluster.run(cluster.waitForLeaders('_schemas'));
    assert.equal(await cluster.run(r.register('users-value', v2)), 2);
  });

  it('skips records it cannot read (counted) and refuses a _schemas topic that is not compacted', async () => {
    const producer = new Producer(cluster.connectionFactory(), { clock: cluster.clock });
    await cluster.run(
      cluster.createTopic('_schemas', { partitions: 1, configs: { 'cleanup.policy': 'compact' } }),
    );
    await cluster.run(producer.send({ topic: '_schemas', key: 'not json', value: 'x' }));
    await cluster.run(producer.send({ topic: '_schemas', key: '{"keytype":"NOOP","magic":0}', value: null }));
    await cluster.run(producer.close());
    const r = await registry();
    assert.equal(r.stats.recordsSkipped, 2);

    await cluster.run(cluster.createTopic('_deleting', { partitions: 1 }));
    await assert.rejects(
      startRegistry(cluster, { topic: '_deleting' }),
      (e: unknown) => KafkaError.is(e, 'INVALID_CONFIG') && /'compact' cleanup policy/.test(e.message),
    );
    await cluster.run(
      cluster.createTopic('_wide', { partitions: 2, configs: { 'cleanup.policy': 'compact' } }),
    );
    await assert.rejects(
      startRegistry(cluster, { topic: '_wide' }),
      /should have only 1 partition but has 2/,
    );
  });
});

describe('LogSchemaRegistry over TCP', () => {
  it('registers and, after a restart of the registry, reads back through a real broker listener', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-registry-'));
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const basePort = (server.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const cluster = await Cluster.start({ brokers: 1, dataDir: dir, basePort });
    try {
      const connections = new TcpConnectionFactory({ bootstrapServers: cluster.bootstrapServers() });
      const first = await LogSchemaRegistry.start({ connections });
      const id = await first.register('tcp-value', v1);
      await first.close();
      const second = await LogSchemaRegistry.start({ connections });
      try {
        assert.equal(await second.getById(id), v1);
        assert.equal((await second.getLatest('tcp-value')).version, 1);
      } finally {
        await second.close();
      }
    } finally {
      await cluster.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
