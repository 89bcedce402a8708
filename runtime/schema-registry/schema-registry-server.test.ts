import assert from 'node:assert/strict';
import { InMemorySchemaRegistry } from '../../core/serdes/index.ts';
import { Cluster } from '../cluster/index.ts';
import { LogSchemaRegistry } from './log-schema-registry.ts';
import { SchemaRegistryServer } from './schema-registry-server.ts';

const v1 = JSON.stringify({
  type: 'record',
  name: 'User',
  fields: [{ name: 'name', type: 'string' }],
});
const v2 = JSON.stringify({
  type: 'record',
  name: 'User',
  fields: [
    { name: 'name', type: 'string' },
    { name: 'age', type: 'int', default: 0 },
  ],
});
const breaking = JSON.stringify({
  type: 'record',
  name: 'User',
  fields: [
    { name: 'name', type: 'string' },
    { name: 'age', type: 'int' },
  ],
});

async function call(
  server: SchemaRegistryServer,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown; type: string | null }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as unknown, type: res.headers.get('content-type') };
}

describe('SchemaRegistryServer (Confluent REST API subset)', () => {
  let server: SchemaRegistryServer;

  beforeEach(async () => {
    server = await SchemaRegistryServer.start({ registry: new InMemorySchemaRegistry() });
  });

  afterEach(async () => {
    await server.close();
  });

  it('binds to 127.0.0.1 on a free port', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(server.port > 0);
  });

  it('registers, lists subjects and versions, and fetches by id and by version', async () => {
    const reg = await call(server, 'POST', '/subjects/users-value/versions', { schema: v1 });
    assert.deepEqual(reg, { status: 200, body: { id: 1 }, type: 'application/vnd.schemaregistry.v1+json' });
    assert.deepEqual((await call(server, 'POST', '/subjects/users-value/versions', { schema: v2 })).body, {
      id: 2,
    });
    assert.deepEqual((await call(server, 'GET', '/subjects')).body, ['users-value']);
    assert.deepEqual((await call(server, 'GET', '/subjects/users-value/versions')).body, [1, 2]);
    assert.deepEqual((await call(server, 'GET', '/schemas/ids/1')).body, { schema: v1 });
    assert.deepEqual((await call(server, 'GET', '/subjects/users-value/versions/latest')).body, {
      id: 2,
      subject: 'users-value',
      version: 2,
      schema: v2,
    });
    assert.deepEqual(
      (await call(server, 'GET', '/subjects/users-value/versions/1/schema')).body,
      JSON.parse(v1),
    );
    assert.deepEqual((await call(server, 'POST', '/subjects/users-value', { schema: v1 })).body, {
      id: 1,
      subject: 'users-value',
      version: 1,
      schema: v1,
    });
  });

  it('answers errors as Confluent does: 40401, 40402, 40403, 409, 42201, 404', async () => {
    await call(server, 'POST', '/subjects/users-value/versions', { schema: v1 });
    const missing = await call(server, 'GET', '/subjects/nope/versions');
    assert.deepEqual(missing, {
      status: 404,
      body: { error_code: 40401, message: "Subject 'nope' not found." },
      type: 'application/vnd.schemaregistry.v1+json',
    });
    assert.deepEqual((await call(server, 'GET', '/subjects/users-value/versions/9')).body, {
      error_code: 40402,
      message: "Version 9 not found for subject 'users-value'.",
    });
    const byId = await call(server, 'GET', '/schemas/ids/77');
    assert.equal(byId.status, 404);
    assert.equal((byId.body as { error_code: number }).error_code, 40403);
    const conflict = await call(server, 'POST', '/subjects/users-value/versions', { schema: breaking });
    assert.equal(conflict.status, 409);
    assert.equal((conflict.body as { error_code: number }).error_code, 409);
    const invalid = await call(server, 'POST', '/subjects/users-value/versions', {
      schema: '{"type":"nope"}',
    });
    assert.equal(invalid.status, 422);
    assert.equal((invalid.body as { error_code: number }).error_code, 42201);
    assert.equal((await call(server, 'POST', '/subjects/users-value/versions', 'not json')).status, 400);
    assert.equal((await call(server, 'GET', '/nowhere')).status, 404);
  });

  it('checks compatibility and sets levels globally and per subject', async () => {
    await call(server, 'POST', '/subjects/users-value/versions', { schema: v1 });
    assert.deepEqual(
      (await call(server, 'POST', '/compatibility/subjects/users-value/versions/latest', { schema: v2 }))
        .body,
      {
        is_compatible: true,
        messages: [],
      },
    );
    const no = await call(server, 'POST', '/compatibility/subjects/users-value/versions', {
      schema: breaking,
    });
    assert.equal((no.body as { is_compatible: boolean }).is_compatible, false);
    assert.deepEqual((await call(server, 'GET', '/config')).body, { compatibilityLevel: 'BACKWARD' });
    assert.deepEqual((await call(server, 'PUT', '/config/users-value', { compatibility: 'NONE' })).body, {
      compatibility: 'NONE',
    });
    assert.deepEqual((await call(server, 'GET', '/config/users-value')).body, { compatibilityLevel: 'NONE' });
    assert.deepEqual(
      (await call(server, 'POST', '/subjects/users-value/versions', { schema: breaking })).body,
      { id: 2 },
    );
    const bad = await call(server, 'PUT', '/config', { compatibility: 'SIDEWAYS' });
    assert.equal(bad.status, 422);
    assert.equal((bad.body as { error_code: number }).error_code, 42203);
  });

  it('soft-deletes a subject with DELETE /subjects/{subject}', async () => {
    await call(server, 'POST', '/subjects/gone-value/versions', { schema: v1 });
    assert.deepEqual((await call(server, 'DELETE', '/subjects/gone-value')).body, [1]);
    assert.deepEqual((await call(server, 'GET', '/subjects')).body, []);
    assert.deepEqual((await call(server, 'GET', '/schemas/ids/1')).body, { schema: v1 });
  });
});

describe('SchemaRegistryServer over the _schemas-topic registry', () => {
  it('serves what the registry keeps on the cluster', async () => {
    const cluster = await Cluster.start({
      brokers: 1,
      simulated: { seed: 9, network: { minDelayMs: 1, maxDelayMs: 1 } },
    });
    const registry = await cluster.run(
      LogSchemaRegistry.start({ connections: cluster.connectionFactory(), clock: cluster.clock }),
    );
    const server = await SchemaRegistryServer.start({ registry });
    try {
      const reg = await cluster.run(call(server, 'POST', '/subjects/t-value/versions', { schema: v1 }));
      assert.deepEqual(reg.body, { id: 1 });
      const other = await cluster.run(
        LogSchemaRegistry.start({
          connections: cluster.connectionFactory(),
          clock: cluster.clock,
          clientId: 'other',
        }),
      );
      try {
        assert.equal(await cluster.run(other.getById(1)), v1);
      } finally {
        await cluster.run(other.close());
      }
    } finally {
      await server.close();
      await cluster.run(registry.close());
      await cluster.stop();
    }
  });
});
