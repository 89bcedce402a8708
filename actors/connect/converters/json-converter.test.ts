import { strict as assert } from 'node:assert';
import { SchemaBuilder, Schemas } from '../api/schema.ts';
import { Struct } from '../api/struct.ts';
import { DataException } from '../api/connect-errors.ts';
import { JsonConverter } from './json-converter.ts';

function converter(schemasEnable: boolean): JsonConverter {
  const c = new JsonConverter();
  c.configure({ 'schemas.enable': String(schemasEnable) }, false);
  return c;
}

const text = (b: Buffer | null): string | null => (b === null ? null : b.toString('utf8'));

describe('JsonConverter', () => {
  const keySchema = SchemaBuilder.struct()
    .name('PostgreSQL_server.public.customers.Key')
    .field('id', Schemas.INT32)
    .build();

  it('writes the schema+payload envelope byte for byte as Kafka does (Debezium docs key example)', () => {
    const key = new Struct(keySchema).put('id', 1);
    assert.equal(
      text(converter(true).fromConnectData('t', keySchema, key)),
      '{"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"}],"optional":false,' +
        '"name":"PostgreSQL_server.public.customers.Key"},"payload":{"id":1}}',
    );
  });

  it('writes the bare payload when schemas.enable=false', () => {
    const key = new Struct(keySchema).put('id', 1);
    assert.equal(text(converter(false).fromConnectData('t', keySchema, key)), '{"id":1}');
  });

  it('writes every primitive type name, optional flags, version, doc, parameters and default in Kafka order', () => {
    const schema = SchemaBuilder.struct()
      .name('n')
      .version(3)
      .doc('d')
      .field('a', Schemas.INT8)
      .field('b', Schemas.INT16)
      .field('c', Schemas.OPTIONAL_INT64)
      .field('d', Schemas.FLOAT32)
      .field('e', Schemas.FLOAT64)
      .field('f', Schemas.BOOLEAN)
      .field('g', Schemas.BYTES)
      .field('h', SchemaBuilder.array(Schemas.STRING).build())
      .field('i', SchemaBuilder.map(Schemas.STRING, Schemas.INT32).build())
      .field('j', SchemaBuilder.of('STRING').optional().parameter('p', 'v').defaultValue('x').build())
      .build();
    const value = new Struct(schema)
      .put('a', -1)
      .put('b', 300)
      .put('d', 1)
      .put('e', 2.5)
      .put('f', true)
      .put('g', Buffer.from([1, 2, 3]))
      .put('h', ['x', 'y'])
      .put('i', new Map([['k', 7]]));
    const out = JSON.parse(text(converter(true).fromConnectData('t', schema, value))!) as {
      schema: { fields: Record<string, unknown>[] };
    };
    assert.deepEqual(Object.keys(out.schema), ['type', 'fields', 'optional', 'name', 'version', 'doc']);
    assert.deepEqual(
      out.schema.fields.map((f) => f['type']),
      ['int8', 'int16', 'int64', 'float', 'double', 'boolean', 'bytes', 'array', 'map', 'string'],
    );
    assert.deepEqual(out.schema.fields[7], {
      type: 'array',
      items: { type: 'string', optional: false },
      optional: false,
      field: 'h',
    });
    assert.deepEqual(Object.keys(out.schema.fields[9]!), [
      'type',
      'optional',
      'parameters',
      'default',
      'field',
    ]);
    const raw = text(converter(true).fromConnectData('t', schema, value))!;
    // Jackson writes Java doubles with a fractional part, base64 for bytes, and defaults for nulls.
    assert.ok(
      raw.includes(
        '"payload":{"a":-1,"b":300,"c":null,"d":1.0,"e":2.5,"f":true,"g":"AQID","h":["x","y"],"i":{"k":7},"j":"x"}',
      ),
    );
  });

  it('round-trips schema and value through bytes', () => {
    const schema = SchemaBuilder.struct()
      .name('row')
      .field('id', Schemas.INT64)
      .field('tags', SchemaBuilder.array(Schemas.STRING).optional().build())
      .field('m', SchemaBuilder.map(Schemas.INT32, Schemas.STRING).build())
      .field('blob', Schemas.OPTIONAL_BYTES)
      .build();
    const value = new Struct(schema)
      .put('id', 2 ** 40)
      .put('tags', ['a'])
      .put('m', new Map([[1, 'one']]))
      .put('blob', Buffer.from('hi'));
    const c = converter(true);
    const bytes = c.fromConnectData('t', schema, value);
    assert.ok(text(bytes)!.includes('"m":[[1,"one"]]'), 'non-string map keys are written as pairs');
    const back = c.toConnectData('t', bytes);
    assert.deepEqual(back.schema, schema);
    assert.ok((back.value as Struct).equals(value));
  });

  it('writes a null value with a null schema as a tombstone and reads null bytes back as null', () => {
    const c = converter(true);
    assert.equal(c.fromConnectData('t', null, null), null);
    assert.deepEqual(c.toConnectData('t', null), { schema: null, value: null });
  });

  it('writes schemaless data with a null schema in the envelope', () => {
    assert.equal(
      text(converter(true).fromConnectData('t', null, { a: 1, b: 'x' })),
      '{"schema":null,"payload":{"a":1,"b":"x"}}',
    );
  });

  it('rejects an envelope without exactly schema and payload when schemas are enabled', () => {
    assert.throws(
      () => converter(true).toConnectData('t', Buffer.from('{"a":1}')),
      (e: unknown) => {
        return e instanceof DataException && e.message.includes('requires "schema" and "payload" fields');
      },
    );
  });

  it('reads plain JSON as schemaless data when schemas are disabled', () => {
    const back = converter(false).toConnectData('t', Buffer.from('{"line":"foo","n":[1,2]}'));
    assert.deepEqual(back, { schema: null, value: { line: 'foo', n: [1, 2] } });
  });

  it('fails with a DataException on a required field left null', () => {
    const schema = SchemaBuilder.struct().field('id', Schemas.INT32).build();
    assert.throws(() => converter(true).fromConnectData('t', schema, new Struct(schema)), DataException);
  });

  it('fails with a DataException on malformed JSON', () => {
    assert.throws(() => converter(false).toConnectData('t', Buffer.from('{')), DataException);
  });

  it('reads envelopes in any key order and with tricky strings the same as the cached fast path', () => {
    const schema = SchemaBuilder.struct()
      .name('s')
      .doc('has ,"payload": and } inside')
      .field('x', Schemas.STRING)
      .build();
    const c = converter(true);
    const bytes = c.fromConnectData('t', schema, new Struct(schema).put('x', 'a"}b'))!;
    const fast = c.toConnectData('t', bytes);
    const again = c.toConnectData('t', bytes);
    assert.equal(again.schema, fast.schema, 'the schema comes from the cache the second time');
    assert.equal((fast.value as Struct).get('x'), 'a"}b');
    assert.equal(fast.schema!.doc, 'has ,"payload": and } inside');
    const reordered = JSON.stringify({ payload: { x: 'y' }, schema: JSON.parse(bytes.toString()).schema });
    const slow = converter(true).toConnectData('t', Buffer.from(reordered));
    assert.equal((slow.value as Struct).get('x'), 'y');
    assert.deepEqual(slow.schema, fast.schema);
  });
});
