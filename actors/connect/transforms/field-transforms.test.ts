import { strict as assert } from 'node:assert';
import { DataException } from '../api/connect-errors.ts';
import { Schemas } from '../api/schema.ts';
import { Struct } from '../api/struct.ts';
import { ConfigException } from '../config/config-exception.ts';
import { ExtractField } from './extract-field.ts';
import { MaskField } from './mask-field.ts';
import { ReplaceField } from './replace-field.ts';
import { sinkRecord, userSchema, userStruct } from './test-records.ts';
import { ValueToKey } from './value-to-key.ts';

describe('ReplaceField', () => {
  it('excludes, includes and renames schemaless fields', () => {
    const t = new ReplaceField('value');
    t.configure({ exclude: 'ssn', renames: 'name:full_name,age:years' });
    assert.deepEqual(t.apply(sinkRecord({ id: 1, name: 'A', ssn: 'x', age: 3 })).value, {
      id: 1,
      full_name: 'A',
      years: 3,
    });
    const inc = new ReplaceField('value');
    inc.configure({ include: 'id,ssn', exclude: 'ssn' });
    assert.deepEqual(
      inc.apply(sinkRecord({ id: 1, name: 'A', ssn: 'x' })).value,
      { id: 1 },
      'exclude wins over include',
    );
  });

  it('rebuilds the struct schema with kept and renamed fields', () => {
    const t = new ReplaceField('value');
    t.configure({ include: 'id,name', renames: 'name:full_name' });
    const out = t.apply(sinkRecord(userStruct(), userSchema));
    assert.deepEqual(
      out.valueSchema!.fields!.map((f) => f.name),
      ['id', 'full_name'],
    );
    assert.equal(out.valueSchema!.name, 'user');
    assert.equal((out.value as Struct).get('full_name'), 'Ann');
  });

  it('rejects a malformed rename', () => {
    assert.throws(() => new ReplaceField('value').configure({ renames: 'a' }), ConfigException);
  });
});

describe('MaskField', () => {
  it('masks with the type-appropriate empty value', () => {
    const t = new MaskField('value');
    t.configure({ fields: 'ssn,age' });
    const out = t.apply(sinkRecord(userStruct(), userSchema)).value as Struct;
    assert.equal(out.get('ssn'), '');
    assert.equal(out.get('age'), 0);
    assert.equal(out.get('name'), 'Ann');
    const schemaless = t.apply(sinkRecord({ ssn: 'x', age: 4, flag: true })).value;
    assert.deepEqual(schemaless, { ssn: '', age: 0, flag: true });
  });

  it('uses the replacement, cast to the field type', () => {
    const t = new MaskField('value');
    t.configure({ fields: 'ssn,age', replacement: '999' });
    const out = t.apply(sinkRecord(userStruct(), userSchema)).value as Struct;
    assert.equal(out.get('ssn'), '999');
    assert.equal(out.get('age'), 999);
  });

  it('requires a non-empty fields list', () => {
    assert.throws(() => new MaskField('value').configure({}), /Missing required configuration "fields"/);
  });
});

describe('ValueToKey', () => {
  it('builds a struct key from value fields', () => {
    const t = new ValueToKey();
    t.configure({ fields: 'id,name' });
    const out = t.apply(sinkRecord(userStruct(), userSchema));
    assert.deepEqual(
      out.keySchema!.fields!.map((f) => [f.name, f.schema]),
      [
        ['id', Schemas.INT64],
        ['name', Schemas.STRING],
      ],
    );
    assert.equal((out.key as Struct).get('id'), 7);
  });

  it('builds a map key from a schemaless value', () => {
    const t = new ValueToKey();
    t.configure({ fields: 'id' });
    assert.deepEqual(t.apply(sinkRecord({ id: 3, x: 1 })).key, { id: 3 });
  });

  it('fails on a field the value schema lacks', () => {
    const t = new ValueToKey();
    t.configure({ fields: 'nope' });
    assert.throws(() => t.apply(sinkRecord(userStruct(), userSchema)), /Field does not exist: nope/);
  });
});

describe('ExtractField', () => {
  it('replaces a struct with one field and its schema', () => {
    const t = new ExtractField('value');
    t.configure({ field: 'name' });
    const out = t.apply(sinkRecord(userStruct(), userSchema));
    assert.equal(out.value, 'Ann');
    assert.equal(out.valueSchema, Schemas.STRING);
  });

  it('extracts from a schemaless map and keeps null as null', () => {
    const t = new ExtractField('value');
    t.configure({ field: 'id' });
    assert.equal(t.apply(sinkRecord({ id: 5 })).value, 5);
    assert.equal(t.apply(sinkRecord(null)).value, null);
  });

  it('fails on an unknown struct field and on non-map values', () => {
    const t = new ExtractField('value');
    t.configure({ field: 'nope' });
    assert.throws(() => t.apply(sinkRecord(userStruct(), userSchema)), /Unknown field: nope/);
    assert.throws(() => t.apply(sinkRecord('str')), DataException);
  });
});
