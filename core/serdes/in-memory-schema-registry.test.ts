import assert from 'node:assert/strict';
import { KafkaError } from '../errors/index.ts';
import { checkCompatibility, parseCompatibilityLevel } from './compatibility.ts';
import { InMemorySchemaRegistry } from './in-memory-schema-registry.ts';
import { SchemaRegistryError, SchemaRegistryErrorCode } from './schema-registry-error.ts';

const v1 = JSON.stringify({
  type: 'record',
  name: 'User',
  fields: [
    { name: 'name', type: 'string' },
    { name: 'age', type: 'int' },
  ],
});
/** v1 plus an optional field with a default: BACKWARD and FORWARD compatible with v1. */
const v2 = JSON.stringify({
  type: 'record',
  name: 'User',
  fields: [
    { name: 'name', type: 'string' },
    { name: 'age', type: 'int' },
    { name: 'email', type: ['null', 'string'], default: null },
  ],
});
/** v1 plus a required field without default: a v3 reader cannot read v1 data (not BACKWARD). */
const requiredAdded = JSON.stringify({
  type: 'record',
  name: 'User',
  fields: [
    { name: 'name', type: 'string' },
    { name: 'age', type: 'int' },
    { name: 'country', type: 'string' },
  ],
});
/** v1 without `age`: it can read v1 data (BACKWARD) but v1 cannot read its data (not FORWARD). */
const fieldRemoved = JSON.stringify({
  type: 'record',
  name: 'User',
  fields: [{ name: 'name', type: 'string' }],
});

function code(expected: number): (err: unknown) => boolean {
  return (err) => SchemaRegistryError.isCode(err) && err.errorCode === expected;
}

describe('InMemorySchemaRegistry', () => {
  it('gives ids globally from 1, versions per subject, and the same id for the same text', async () => {
    const r = new InMemorySchemaRegistry();
    const a = await r.register('users-value', v1);
    const again = await r.register('users-value', JSON.stringify(JSON.parse(v1), null, 2));
    const b = await r.register('users-value', v2);
    const elsewhere = await r.register('people-value', v1);
    const other = await r.register('names-value', '"string"');
    assert.deepEqual([a, again, b, elsewhere, other], [1, 1, 2, 1, 3]);
    assert.deepEqual(await r.getLatest('users-value'), {
      id: 2,
      subject: 'users-value',
      version: 2,
      schema: v2,
    });
    assert.deepEqual(await r.getVersion('users-value', 1), {
      id: 1,
      subject: 'users-value',
      version: 1,
      schema: v1,
    });
    assert.deepEqual(await r.getVersions('users-value'), [1, 2]);
    assert.deepEqual(await r.getSubjects(), ['names-value', 'people-value', 'users-value']);
    assert.equal(await r.getById(b), v2);
    assert.equal((await r.lookup('users-value', v2)).version, 2);
  });

  it("answers Confluent's not-found codes: 40401 subject, 40402 version, 40403 schema", async () => {
    const r = new InMemorySchemaRegistry();
    await r.register('s', v1);
    await assert.rejects(r.getLatest('nope'), code(SchemaRegistryErrorCode.SUBJECT_NOT_FOUND));
    await assert.rejects(r.getLatest('nope'), /Subject 'nope' not found/);
    await assert.rejects(r.getVersion('s', 7), code(SchemaRegistryErrorCode.VERSION_NOT_FOUND));
    await assert.rejects(r.getById(42), code(SchemaRegistryErrorCode.SCHEMA_NOT_FOUND));
    await assert.rejects(r.lookup('s', v2), code(SchemaRegistryErrorCode.SCHEMA_NOT_FOUND));
    await assert.rejects(r.getVersion('s', 0), code(SchemaRegistryErrorCode.INVALID_VERSION));
    const err = await r.getById(42).catch((e: unknown) => e);
    assert.ok(KafkaError.is(err, 'RESOURCE_NOT_FOUND'));
    assert.equal((err as SchemaRegistryError).status, 404);
  });

  it('refuses a schema that is not Avro with 42201', async () => {
    const r = new InMemorySchemaRegistry();
    await assert.rejects(r.register('s', '{"type":"recrod"}'), code(SchemaRegistryErrorCode.INVALID_SCHEMA));
    await assert.rejects(r.register('s', 'not json'), /Invalid schema/);
  });

  it('refuses an incompatible new version with 409 under the default BACKWARD level', async () => {
    const r = new InMemorySchemaRegistry();
    await r.register('users-value', v1);
    const err = await r.register('users-value', requiredAdded).catch((e: unknown) => e);
    assert.ok(code(SchemaRegistryErrorCode.INCOMPATIBLE_SCHEMA)(err));
    assert.equal((err as SchemaRegistryError).status, 409);
    assert.match((err as Error).message, /incompatible with an earlier schema for subject "users-value"/);
    assert.ok(KafkaError.is(err, 'POLICY_VIOLATION'));
    assert.deepEqual(await r.getVersions('users-value'), [1], 'nothing was registered');
    assert.equal(await r.register('users-value', fieldRemoved), 2, 'removing a field is BACKWARD-compatible');
  });

  it('applies FORWARD, FULL and NONE per subject, and a global level', async () => {
    const r = new InMemorySchemaRegistry();
    assert.equal(await r.getCompatibility(), 'BACKWARD');
    await r.register('f', v1);
    await r.setCompatibility('FORWARD', 'f');
    assert.equal(await r.getCompatibility('f'), 'FORWARD');
    await assert.rejects(r.register('f', fieldRemoved), code(409));
    assert.equal(await r.register('f', requiredAdded), 2, 'v1 can read data with an extra field');

    await r.register('full', v1);
    await r.setCompatibility('FULL', 'full');
    await assert.rejects(r.register('full', requiredAdded), code(409));
    await assert.rejects(r.register('full', fieldRemoved), code(409));
    assert.equal((await r.register('full', v2)) > 0, true);

    await r.setCompatibility('NONE');
    await r.register('n', v1);
    assert.ok((await r.register('n', '"string"')) > 0, 'NONE accepts anything');
    assert.equal(await r.getCompatibility('f'), 'FORWARD', 'the subject level wins over the global one');
    await assert.rejects(
      r.setCompatibility('SIDEWAYS' as 'NONE'),
      code(SchemaRegistryErrorCode.INVALID_COMPATIBILITY_LEVEL),
    );
  });

  it('checks only the latest version unless the level is transitive', () => {
    // v1 (needs `age`) reads v2 data (drops `email`) but not data of a version without `age`.
    const previous = [
      { version: 1, schema: fieldRemoved },
      { version: 2, schema: v2 },
    ];
    assert.equal(checkCompatibility('BACKWARD', v1, previous).isCompatible, true);
    const transitive = checkCompatibility('BACKWARD_TRANSITIVE', v1, previous);
    assert.equal(transitive.isCompatible, false);
    assert.equal(transitive.messages.length, 1);
    assert.match(transitive.messages[0]!, /version 1/);
    assert.equal(checkCompatibility('FULL', v1, previous).isCompatible, true);
    assert.equal(checkCompatibility('FULL_TRANSITIVE', v1, previous).isCompatible, false);
    assert.equal(checkCompatibility('NONE', '"string"', previous).isCompatible, true);
    assert.equal(parseCompatibilityLevel('full_transitive'), 'FULL_TRANSITIVE');
  });

  it('testCompatibility answers without registering', async () => {
    const r = new InMemorySchemaRegistry();
    await r.register('s', v1);
    assert.deepEqual(await r.testCompatibility('s', v2), { isCompatible: true, messages: [] });
    const bad = await r.testCompatibility('s', requiredAdded);
    assert.equal(bad.isCompatible, false);
    assert.match(bad.messages[0]!, /cannot read data written with version 1/);
    assert.deepEqual(await r.getVersions('s'), [1]);
  });

  it('soft-deletes a subject: its versions go, ids keep resolving, re-registering makes a new version', async () => {
    const r = new InMemorySchemaRegistry();
    const id = await r.register('s', v1);
    assert.deepEqual(await r.deleteSubject('s'), [1]);
    await assert.rejects(r.getLatest('s'), code(SchemaRegistryErrorCode.SUBJECT_NOT_FOUND));
    assert.deepEqual(await r.getSubjects(), []);
    assert.equal(await r.getById(id), v1);
    assert.equal(await r.register('s', v1), id);
    assert.equal((await r.getLatest('s')).version, 2);
  });
});
