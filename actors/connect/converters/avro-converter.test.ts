import { strict as assert } from 'node:assert';
import { InMemorySchemaRegistry } from '../../../core/serdes/index.ts';
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
    assert.equal((await registry.latest('orders-value')).id, id);

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

  it('keeps tombstones null and refuses unprepared schemas', () => {
    const c = new AvroConverter(new InMemorySchemaRegistry());
    c.configure({}, true);
    assert.equal(c.fromConnectData('t', schema, null), null);
    assert.deepEqual(c.toConnectData('t', null), { schema: null, value: null });
    assert.throws(() => c.fromConnectData('t', schema, new Struct(schema)), DataException);
  });
});
