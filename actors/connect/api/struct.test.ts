import { strict as assert } from 'node:assert';
import { DataException } from './connect-errors.ts';
import { MemoryOffsetStorage, offsetKey, offsetsTopicKey } from './offset-storage.ts';
import { SchemaBuilder, Schemas, validateValue } from './schema.ts';
import { Struct } from './struct.ts';

const schema = SchemaBuilder.struct()
  .name('row')
  .field('id', Schemas.INT32)
  .field('label', SchemaBuilder.of('STRING').optional().defaultValue('none').build())
  .field('tags', SchemaBuilder.array(Schemas.STRING).optional().build())
  .build();

describe('Schema and Struct', () => {
  it('validates values against field schemas on put', () => {
    const s = new Struct(schema);
    assert.throws(() => s.put('id', 'one'), DataException);
    assert.throws(() => s.put('id', 2 ** 31), /out of range for schema type INT32/);
    assert.throws(() => s.put('tags', ['a', 1]), DataException);
    assert.throws(() => s.put('missing', 1), /missing is not a valid field name/);
    s.put('id', 1).put('tags', ['a']);
    assert.equal(s.get('id'), 1);
  });

  it('reports a required field left unset on validate', () => {
    assert.throws(() => new Struct(schema).validate(), /null used for required field for field: "id"/);
    new Struct(schema).put('id', 1).validate();
  });

  it('returns the schema default for an unset optional field', () => {
    const s = new Struct(schema).put('id', 1);
    assert.equal(s.get('label'), 'none');
    assert.equal(s.getWithoutDefault('label'), null);
  });

  it('rejects INT64 values that are not safe integers', () => {
    assert.throws(() => validateValue(Schemas.INT64, 2 ** 53), DataException);
    validateValue(Schemas.INT64, 2 ** 53 - 1);
  });

  it('rejects duplicate field names', () => {
    assert.throws(
      () => SchemaBuilder.struct().field('a', Schemas.INT8).field('a', Schemas.INT8),
      DataException,
    );
  });

  it('compares structs by value', () => {
    const a = new Struct(schema).put('id', 1).put('tags', ['x']);
    assert.ok(a.equals(new Struct(schema).put('id', 1).put('tags', ['x'])));
    assert.ok(!a.equals(new Struct(schema).put('id', 2).put('tags', ['x'])));
  });
});

describe('MemoryOffsetStorage', () => {
  it('finds offsets by source partition regardless of key order', async () => {
    const store = new MemoryOffsetStorage();
    store.put({ db: 'x', table: 't' }, { lsn: 10 });
    assert.deepEqual(await store.offset({ table: 't', db: 'x' }), { lsn: 10 });
    assert.equal(await store.offset({ table: 'u', db: 'x' }), null);
    const many = await store.offsets([{ db: 'x', table: 't' }, { db: 'y' }]);
    assert.deepEqual([...many.entries()], [[offsetKey({ db: 'x', table: 't' }), { lsn: 10 }]]);
    store.put({ db: 'x', table: 't' }, null);
    assert.equal(await store.offset({ db: 'x', table: 't' }), null);
  });

  it('writes offsets-topic keys as Kafka Connect does', () => {
    assert.equal(
      offsetsTopicKey('local-file-source', { filename: 'test.txt' }).toString(),
      '["local-file-source",{"filename":"test.txt"}]',
    );
  });
});
