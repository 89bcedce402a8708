import { strict as assert } from 'node:assert';
import { DataException } from '../api/connect-errors.ts';
import type { SinkRecord } from '../api/records.ts';
import { LogicalTypes } from '../api/schema.ts';
import { Struct } from '../api/struct.ts';
import { ConfigException } from '../config/config-exception.ts';
import { HoistField } from './hoist-field.ts';
import { InsertField } from './insert-field.ts';
import { sinkRecord, sourceRecord, userStruct } from './test-records.ts';

describe('InsertField', () => {
  it('reproduces the Kafka docs example: HoistField(line) then InsertField(data_source) on "foo"', () => {
    const hoist = new HoistField('value');
    hoist.configure({ field: 'line' });
    const insert = new InsertField('value');
    insert.configure({ 'static.field': 'data_source', 'static.value': 'test-file-source' });
    const out = insert.apply(hoist.apply(sourceRecord('foo')));
    assert.deepEqual(out.value, { line: 'foo', data_source: 'test-file-source' });
  });

  it('inserts topic, partition, offset and timestamp into a schemaless sink value', () => {
    const t = new InsertField<SinkRecord>('value');
    t.configure({ 'topic.field': 't', 'partition.field': 'p', 'offset.field': 'o', 'timestamp.field': 'ts' });
    const input = { a: 1 };
    const out = t.apply(sinkRecord(input));
    assert.deepEqual(out.value, { a: 1, t: 'users', p: 2, o: 41, ts: 1_700_000_000_000 });
    assert.deepEqual(input, { a: 1 }, 'the input is not mutated');
    assert.equal(out.kafkaOffset, 41, 'sink fields carry over');
  });

  it('extends a struct schema, honouring ! (required) and ? (optional) suffixes', () => {
    const t = new InsertField('value');
    t.configure({
      'topic.field': 'topic!',
      'timestamp.field': 'ts?',
      'static.field': 'src',
      'static.value': 'x',
    });
    const record = sinkRecord(userStruct(), userStruct().schema);
    const out = t.apply(record);
    const schema = out.valueSchema!;
    assert.deepEqual(
      schema.fields!.map((f) => f.name),
      ['id', 'name', 'ssn', 'age', 'topic', 'ts', 'src'],
    );
    assert.equal(schema.fields![4]!.schema.optional, false);
    assert.equal(schema.fields![5]!.schema.name, LogicalTypes.TIMESTAMP);
    const v = out.value as Struct;
    assert.equal(v.get('topic'), 'users');
    assert.equal(v.get('name'), 'Ann');
    assert.equal(v.get('src'), 'x');
    assert.equal(t.apply(record).valueSchema, schema, 'the derived schema is cached');
  });

  it('works on the key with InsertField$Key', () => {
    const t = new InsertField('key');
    t.configure({ 'topic.field': 'topic' });
    const out = t.apply({ ...sinkRecord(null), key: { id: 1 } });
    assert.deepEqual(out.key, { id: 1, topic: 'users' });
  });

  it('passes tombstones through unchanged', () => {
    const t = new InsertField('value');
    t.configure({ 'topic.field': 't' });
    const r = sinkRecord(null);
    assert.equal(t.apply(r), r);
  });

  it('rejects offset.field on source records and non-map schemaless values', () => {
    const t = new InsertField('value');
    t.configure({ 'offset.field': 'o' });
    assert.throws(() => t.apply(sourceRecord({ a: 1 })), /Only SinkRecord supported/);
    assert.throws(() => t.apply(sinkRecord('plain string')), DataException);
  });

  it('requires static.value with static.field', () => {
    assert.throws(() => new InsertField('value').configure({ 'static.field': 's' }), ConfigException);
  });
});
