import { strict as assert } from 'node:assert';
import {
  InMemorySchemaRegistry,
  SchemaRegistryError,
  type SchemaRegistry,
} from '../../../core/serdes/index.ts';
import { DataException } from '../api/connect-errors.ts';
import { SchemaBuilder, Schemas } from '../api/schema.ts';
import { Struct } from '../api/struct.ts';
import { toAvroSchema } from './avro-data.ts';
import { AvroConverter } from './avro-converter.ts';

const schema = SchemaBuilder.struct()
  .name('com.example.Order')
  .field('id', Schemas.INT64)
  .field('qty', Schemas.INT16)
  .field('note', Schemas.OPTIONAL_STRING)
  .field('tags', SchemaBuilder.array(Schemas.STRING).build())
  .field('attrs', SchemaBuilder.map(Schemas.STRING, Schemas.FLOAT64).build())
  .build();

describe('AvroConverter', () => {
  it('maps Connect schemas to Avro as Confluent AvroData does', () => {
    assert.deepEqual(toAvroSchema(schema), {
      type: 'record',
      name: 'com.example.Order',
      fields: [
        { name: 'id', type: 'long' },
        { name: 'qty', type: { type: 'int', 'connect.type': 'int16' } },
        { name: 'note', type: ['null', 'string'], default: null },
        { name: 'tags', type: { type: 'array', items: 'string' } },
        { name: 'attrs', type: { type: 'map', values: 'double' } },
      ],
    });
  });

  it('writes the Confluent wire format under <topic>-value and reads it back', async () => {
    const registry = new InMemorySchemaRegistry();
    const writer = new AvroConverter(registry);
    writer.configure({}, false);
    const value = new Struct(schema)
      .put('id', 2 ** 40)
      .put('qty', 3)
      .put('note', null)
      .put('tags', ['a'])
      .put('attrs', new Map([['w', 1.5]]));
    await writer.prepareFromConnectData('orders', schema);
    const bytes = writer.fromConnectData('orders', schema, value)!;
    assert.equal(bytes[0], 0, 'magic byte');
    const id = bytes.readUInt32BE(1);
    assert.equal((await registry.getLatest('orders-value')).id, id);

    const reader = new AvroConverter(registry);
    reader.configure({}, false);
    await reader.prepareToConnectData('orders', bytes);
    const back = reader.toConnectData('orders', bytes);
    assert.equal(back.schema!.name, 'com.example.Order');
    assert.ok(
      (back.value as Struct).equals(
        new Struct(back.schema!)
          .put('id', 2 ** 40)
          .put('qty', 3)
          .put('note', null)
          .put('tags', ['a'])
          .put('attrs', new Map([['w', 1.5]])),
      ),
    );
    assert.equal(back.schema!.fields![2]!.schema.optional, true);
  });

  it('keeps tombstones null and refuses unprepared schemas against a registry that registers only async', () => {
    const c = new AvroConverter(asyncOnly(new InMemorySchemaRegistry()));
    c.configure({}, true);
    assert.equal(c.fromConnectData('t', schema, null), null);
    assert.deepEqual(c.toConnectData('t', null), { schema: null, value: null });
    const value = new Struct(schema).put('id', 1).put('qty', 1).put('tags', []).put('attrs', new Map());
    assert.throws(() => c.fromConnectData('t', schema, value), /await prepareFromConnectData first/);
    assert.throws(() => c.toConnectData('t', Buffer.from([0, 0, 0, 0, 1, 0])), /not prepared/);
  });

  it('registers keys under <topic>-key and does not register anything when reading', async () => {
    const registry = new InMemorySchemaRegistry();
    const writer = new AvroConverter(registry);
    writer.configure({}, true);
    await writer.prepareFromConnectData('orders', Schemas.STRING);
    const bytes = writer.fromConnectData('orders', Schemas.STRING, 'k1')!;
    assert.deepEqual(await registry.getSubjects(), ['orders-key']);
    const reader = new AvroConverter(registry);
    reader.configure({}, false);
    await reader.prepareToConnectData('copy', bytes);
    const back = reader.toConnectData('copy', bytes);
    assert.equal(back.value, 'k1');
    assert.equal(back.schema!.type, 'STRING');
    assert.deepEqual(await registry.getSubjects(), ['orders-key'], 'reading did not register copy-value');
  });

  it('evolves: a v2 schema with an optional field registers as version 2 and v1 records still read', async () => {
    const registry = new InMemorySchemaRegistry();
    const v1 = SchemaBuilder.struct().name('Item').field('id', Schemas.INT32).build();
    const v2 = SchemaBuilder.struct()
      .name('Item')
      .field('id', Schemas.INT32)
      .field('note', Schemas.OPTIONAL_STRING)
      .build();
    const c = new AvroConverter(registry);
    c.configure({}, false);
    await c.prepareFromConnectData('items', v1);
    const old = c.fromConnectData('items', v1, new Struct(v1).put('id', 1))!;
    await c.prepareFromConnectData('items', v2);
    const next = c.fromConnectData('items', v2, new Struct(v2).put('id', 2).put('note', 'n'))!;
    assert.deepEqual(await registry.getVersions('items-value'), [1, 2]);
    assert.notEqual(old.readUInt32BE(1), next.readUInt32BE(1));
    await c.prepareToConnectData('items', old);
    await c.prepareToConnectData('items', next);
    assert.equal((c.toConnectData('items', old).value as Struct).get('id'), 1);
    assert.equal((c.toConnectData('items', next).value as Struct).get('note'), 'n');
  });

  it('refuses an incompatible schema change at prepare time with the registry error (409)', async () => {
    const registry = new InMemorySchemaRegistry();
    const v1 = SchemaBuilder.struct().name('Item').field('id', Schemas.INT32).build();
    const breaking = SchemaBuilder.struct()
      .name('Item')
      .field('id', Schemas.INT32)
      .field('must', Schemas.STRING)
      .build();
    const c = new AvroConverter(registry);
    c.configure({}, false);
    await c.prepareFromConnectData('items', v1);
    await assert.rejects(
      c.prepareFromConnectData('items', breaking),
      (err: unknown) => err instanceof SchemaRegistryError && err.errorCode === 409,
    );
  });

  it('fails to prepare bytes whose schema id the registry does not know, with a DataException', async () => {
    const c = new AvroConverter(new InMemorySchemaRegistry());
    c.configure({}, false);
    await assert.rejects(c.prepareToConnectData('t', Buffer.from([0, 0, 0, 0, 9, 0])), DataException);
  });
});

/** The port without registerSync, as the `_schemas`-log registry is. */
function asyncOnly(inner: InMemorySchemaRegistry): SchemaRegistry {
  return {
    register: (s, schema) => inner.register(s, schema),
    getById: (id) => inner.getById(id),
    getLatest: (s) => inner.getLatest(s),
    getVersion: (s, v) => inner.getVersion(s, v),
    lookup: (s, schema) => inner.lookup(s, schema),
    getSubjects: () => inner.getSubjects(),
    getVersions: (s) => inner.getVersions(s),
    testCompatibility: (s, schema, v) => inner.testCompatibility(s, schema, v),
    getCompatibility: (s) => inner.getCompatibility(s),
    setCompatibility: (l, s) => inner.setCompatibility(l, s),
    deleteSubject: (s) => inner.deleteSubject(s),
    cachedById: (id) => inner.cachedById(id),
    cachedId: (s, schema) => inner.cachedId(s, schema),
    cachedSchemaId: (schema) => inner.cachedSchemaId(schema),
  };
}
