import { strict as assert } from 'node:assert';
import { Schemas } from '../api/schema.ts';
import { DataException } from '../api/connect-errors.ts';
import { ByteArrayConverter } from './byte-array-converter.ts';
import { StringConverter } from './string-converter.ts';

describe('StringConverter', () => {
  it('writes the UTF-8 string form and reads back an optional STRING', () => {
    const c = new StringConverter();
    c.configure({}, false);
    assert.equal(c.fromConnectData('t', Schemas.STRING, 'héllo')!.toString('utf8'), 'héllo');
    assert.equal(c.fromConnectData('t', null, 42)!.toString('utf8'), '42');
    assert.deepEqual(c.toConnectData('t', Buffer.from('héllo')), {
      schema: Schemas.OPTIONAL_STRING,
      value: 'héllo',
    });
  });

  it('keeps tombstones null both ways', () => {
    const c = new StringConverter();
    assert.equal(c.fromConnectData('t', null, null), null);
    assert.deepEqual(c.toConnectData('t', null), { schema: Schemas.OPTIONAL_STRING, value: null });
  });
});

describe('ByteArrayConverter', () => {
  it('passes bytes through unchanged', () => {
    const c = new ByteArrayConverter();
    const b = Buffer.from([0, 255, 7]);
    assert.equal(c.fromConnectData('t', Schemas.BYTES, b), b);
    assert.deepEqual(c.toConnectData('t', b), { schema: Schemas.OPTIONAL_BYTES, value: b });
  });

  it('rejects a non-BYTES schema and non-byte values', () => {
    const c = new ByteArrayConverter();
    assert.throws(() => c.fromConnectData('t', Schemas.STRING, 'x'), DataException);
    assert.throws(() => c.fromConnectData('t', null, 'x'), DataException);
  });
});
