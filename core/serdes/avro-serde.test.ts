import assert from 'node:assert/strict';
import { InMemorySchemaRegistry } from './in-memory-schema-registry.ts';
import type { SchemaRegistry } from './schema-registry.ts';
import { SchemaRegistryError, SchemaRegistryErrorCode } from './schema-registry-error.ts';
import { DeserializationError, SerializationError } from './serialization-errors.ts';
import { Serdes } from './serdes.ts';

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

interface User {
  name: string;
  age: number;
  email?: string | null;
}

/** The port without registerSync, as a registry over a log is: registration needs an await. */
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

describe('Avro serde (Confluent wire format)', () => {
  it('writes magic byte 0, the 4-byte big-endian schema id, then the Avro body, and round-trips', async () => {
    const registry = new InMemorySchemaRegistry();
    registry.registerSync('other-value', '"string"'); // so our id is 2, proving the id is really written
    const serde = await Serdes.Avro<User>({ registry, subject: 'users-value', schema: userV1 });
    const bytes = serde.serializer('users', { name: 'ab', age: 3 });
    // name: zigzag length 2 -> 0x04, 'a', 'b'; age: zigzag 3 -> 0x06
    assert.deepEqual(bytes, Buffer.from([0, 0, 0, 0, 2, 0x04, 0x61, 0x62, 0x06]));
    assert.deepEqual({ ...serde.deserializer('users', bytes) }, { name: 'ab', age: 3 });
  });

  it('writes ids above 255 big-endian across the four id bytes', () => {
    const registry = new InMemorySchemaRegistry();
    for (let i = 0; i < 299; i++)
      registry.registerSync(`s${i}`, JSON.stringify({ type: 'fixed', name: `F${i}`, size: 1 }));
    const serde = Serdes.avro<User>(userV1, registry);
    const bytes = serde.serializer('users', { name: '', age: 0 })!;
    assert.deepEqual([...bytes.subarray(0, 5)], [0, 0, 0, 0x01, 0x2c]); // id 300
    assert.equal(bytes.readUInt32BE(1), 300);
  });

  it('registers under <topic>-value and <topic>-key (TopicNameStrategy) on first use', async () => {
    const registry = new InMemorySchemaRegistry();
    const values = Serdes.avro<User>(userV1, registry);
    const keys = Serdes.avro<string>('"string"', registry, { isKey: true });
    values.serializer('users', { name: 'a', age: 1 });
    keys.serializer('users', 'k');
    assert.deepEqual(await registry.getSubjects(), ['users-key', 'users-value']);
    assert.equal((await registry.getLatest('users-value')).schema, JSON.stringify(userV1));
  });

  it('names subjects by record name with RecordNameStrategy and TopicRecordNameStrategy', async () => {
    const registry = new InMemorySchemaRegistry();
    Serdes.avro<User>(userV1, registry, { subjectNameStrategy: 'RecordNameStrategy' }).serializer('a', {
      name: 'x',
      age: 1,
    });
    Serdes.avro<User>(userV1, registry, { subjectNameStrategy: 'TopicRecordNameStrategy' }).serializer('b', {
      name: 'x',
      age: 1,
    });
    assert.deepEqual(await registry.getSubjects(), ['b-com.example.User', 'com.example.User']);
    assert.throws(
      () =>
        Serdes.avro('"string"', registry, { subjectNameStrategy: 'RecordNameStrategy' }).serializer('t', 'x'),
      /needs a named Avro type/,
    );
  });

  it('against a registry without synchronous registration, asks for prepare() and then serializes', async () => {
    const registry = asyncOnly(new InMemorySchemaRegistry());
    const serde = Serdes.avro<User>(userV1, registry);
    assert.throws(() => serde.serializer('users', { name: 'a', age: 1 }), /await serde.prepare\('users'\)/);
    const id = await serde.prepare('users');
    assert.equal(serde.serializer('users', { name: 'a', age: 1 })!.readUInt32BE(1), id);
  });

  it('writes a schema known under another subject at once with its id and registers the new subject in the background', async () => {
    const inner = new InMemorySchemaRegistry();
    const serde = Serdes.avro<User>(userV1, asyncOnly(inner));
    const id = await serde.prepare('users');
    const bytes = serde.serializer('app-store-changelog', { name: 'a', age: 1 })!;
    assert.equal(bytes.readUInt32BE(1), id);
    await Promise.resolve();
    assert.equal(inner.cachedId('app-store-changelog-value', JSON.stringify(userV1)), id);
    assert.equal(serde.stats.backgroundRegistrations, 1);
    assert.equal(serde.stats.backgroundRegistrationFailures, 0);
  });

  it('counts a background registration the registry refuses, and the bytes stay readable by id', async () => {
    const inner = new InMemorySchemaRegistry();
    await inner.register('other-value', '"string"');
    await inner.register('text-value', '"string"');
    await inner.setCompatibility('NONE', 'text-value');
    const serde = Serdes.avro<string>('"string"', asyncOnly(inner));
    await serde.prepare('text');
    // 'strict-value' holds an int schema under FULL: registering a string there is refused.
    await inner.register('strict-value', '"int"');
    await inner.setCompatibility('FULL', 'strict-value');
    const bytes = serde.serializer('strict', 'hello')!;
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(serde.stats.backgroundRegistrationFailures, 1);
    assert.match(String(serde.stats.lastBackgroundError), /incompatible/);
    assert.equal(serde.deserializer('strict', bytes), 'hello');
  });

  it('with autoRegister false, serializes only a schema already registered under the subject', async () => {
    const inner = new InMemorySchemaRegistry();
    const serde = Serdes.avro<User>(userV1, inner, { autoRegister: false });
    assert.throws(() => serde.serializer('users', { name: 'a', age: 1 }), SerializationError);
    await assert.rejects(serde.prepare('users'), /Subject 'users-value' not found/);
    const id = await inner.register('users-value', JSON.stringify(userV1));
    assert.equal(serde.serializer('users', { name: 'a', age: 1 })!.readUInt32BE(1), id);
  });

  it('rejects a wrong magic byte, a short header and an unknown schema id with DeserializationError', () => {
    const serde = Serdes.avro<User>(userV1, new InMemorySchemaRegistry());
    assert.throws(
      () => serde.deserializer('users', Buffer.from([1, 0, 0, 0, 1, 0x04, 0x61, 0x62, 0x06])),
      /magic byte 1/,
    );
    assert.throws(() => serde.deserializer('users', Buffer.from([0, 0, 0])), DeserializationError);
    assert.throws(
      () => serde.deserializer('users', Buffer.from([0, 0, 0, 0, 99, 0])),
      /unknown Avro schema id 99/,
    );
  });

  it('refuses a schema that is not Avro when the serde is built (42201)', () => {
    assert.throws(
      () => Serdes.avro('{"type":"recrod"}', new InMemorySchemaRegistry()),
      (err: unknown) => SchemaRegistryError.isCode(err, SchemaRegistryErrorCode.INVALID_SCHEMA),
    );
  });

  it('refuses to serialize a value that does not match the schema', () => {
    const serde = Serdes.avro(userV1, new InMemorySchemaRegistry());
    assert.throws(() => serde.serializer('users', { name: 1 }), SerializationError);
  });

  it('reads data written with v1 into a v2 reader, filling the added field with its default', () => {
    const registry = new InMemorySchemaRegistry();
    const writer = Serdes.avro<User>(userV1, registry);
    const bytes = writer.serializer('users', { name: 'x', age: 1 })!;
    const reader = Serdes.avro<User>(userV2, registry);
    reader.serializer('users', { name: 'y', age: 2, email: 'y@example.com' }); // registers v2 (BACKWARD-compatible)
    assert.equal(bytes.readUInt32BE(1), 1);
    assert.deepEqual({ ...reader.deserializer('users', bytes) }, { name: 'x', age: 1, email: null });
  });

  it('reads data written with v2 into a v1 reader, dropping the field v1 does not know', () => {
    const registry = new InMemorySchemaRegistry();
    const v1 = Serdes.avro<User>(userV1, registry);
    v1.serializer('users', { name: 'x', age: 1 });
    const bytes = Serdes.avro<User>(userV2, registry).serializer('users', { name: 'y', age: 2, email: 'e' })!;
    assert.equal(bytes.readUInt32BE(1), 2);
    assert.deepEqual({ ...v1.deserializer('users', bytes) }, { name: 'y', age: 2 });
  });

  it('fails to deserialize a writer schema the reader cannot resolve, naming the id', () => {
    const registry = new InMemorySchemaRegistry();
    const other = Serdes.avro<string>('"string"', registry);
    const bytes = other.serializer('t', 'hello')!;
    assert.throws(
      () => Serdes.avro<User>(userV1, registry).deserializer('t', bytes),
      /schema id 1 cannot be read/,
    );
  });

  it('refuses to register an incompatible schema, surfacing the registry refusal as a SerializationError', () => {
    const registry = new InMemorySchemaRegistry();
    Serdes.avro<User>(userV1, registry).serializer('users', { name: 'x', age: 1 });
    const breaking = { ...userV1, fields: [...userV1.fields, { name: 'email', type: 'string' }] };
    assert.throws(
      () => Serdes.avro(breaking, registry).serializer('users', { name: 'x', age: 1, email: 'e' }),
      (err: unknown) =>
        err instanceof SerializationError && /incompatible with an earlier schema/.test(err.message),
    );
  });

  it('prepareDeserialize fetches an unknown writer id through the async port', async () => {
    const shared = new InMemorySchemaRegistry();
    const bytes = Serdes.avro<User>(userV1, shared).serializer('users', { name: 'x', age: 1 })!;
    let cached = false;
    const port: SchemaRegistry = {
      ...asyncOnly(shared),
      cachedById: (id) => (cached ? shared.cachedById(id) : undefined),
      getById: async (id) => {
        cached = true;
        return shared.getById(id);
      },
    };
    const reader = Serdes.avro<User>(userV1, port);
    assert.throws(() => reader.deserializer('users', bytes), /unknown Avro schema id 1/);
    await reader.prepareDeserialize(bytes);
    assert.deepEqual({ ...reader.deserializer('users', bytes) }, { name: 'x', age: 1 });
  });

  it('keeps null as null both ways', () => {
    const serde = Serdes.avro<User>(userV1, new InMemorySchemaRegistry());
    assert.equal(serde.serializer('users', null), null);
    assert.equal(serde.deserializer('users', null), null);
  });
});
