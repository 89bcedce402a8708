/** The PostgreSQL sink task against a real PostgreSQL (.ci/postgres.sh), records handed to put directly. */
import assert from 'node:assert/strict';
import {
  DebeziumChangeEventBuilder,
  PgOid,
  RetriableException,
  SchemaBuilder,
  Schemas,
  Struct,
  type PgRelation,
  type SinkRecord,
  type SourceRecord,
} from '../../../actors/connect/index.ts';
import { SystemClock } from '../../../core/io/index.ts';
import { PostgresSinkConnector } from './postgres-sink-connector.ts';
import { PostgresSinkTask } from './postgres-sink-task.ts';
import { createTestDatabase, type TestDatabase } from './test-support/pg-test-env.ts';
import { SinkRunner } from './test-support/sink-runner.ts';

const relation: PgRelation = {
  schema: 'public',
  table: 'events',
  columns: [
    { name: 'id', typeOid: PgOid.INT8, isKey: true },
    { name: 'title', typeOid: PgOid.VARCHAR, isKey: false, optional: false },
    { name: 'at', typeOid: PgOid.TIMESTAMP, isKey: false },
    { name: 'at_zone', typeOid: PgOid.TIMESTAMPTZ, isKey: false },
    { name: 'day', typeOid: PgOid.DATE, isKey: false },
    { name: 'tod', typeOid: PgOid.TIME, isKey: false },
    { name: 'payload', typeOid: PgOid.JSONB, isKey: false },
    { name: 'raw', typeOid: PgOid.BYTEA, isKey: false },
    { name: 'ok', typeOid: PgOid.BOOL, isKey: false },
    { name: 'ratio', typeOid: PgOid.FLOAT8, isKey: false },
    { name: 'uid', typeOid: PgOid.UUID, isKey: false },
  ],
};

describe('PostgresSinkTask against PostgreSQL', function () {
  this.timeout(60_000);
  let db: TestDatabase;
  const tasks: PostgresSinkTask[] = [];
  const builder = new DebeziumChangeEventBuilder({
    topicPrefix: 'cdc',
    database: 'src',
    clock: new SystemClock(),
  });
  let offset = 0;
  const sink = (records: SourceRecord[]): SinkRecord[] =>
    records.map((r) => ({ ...r, kafkaPartition: 0, kafkaOffset: offset++ }));
  const change = { relation, lsn: 1, txId: 1, commitTs: 0 };

  beforeEach(async () => {
    db = await createTestDatabase('sink');
  });

  afterEach(async () => {
    for (const t of tasks.splice(0)) await t.stop();
    await db?.drop();
  });

  async function startTask(extra: Record<string, string> = {}): Promise<PostgresSinkTask> {
    const props = { ...db.sinkProps(), ...extra };
    const task = new PostgresSinkTask();
    tasks.push(task);
    task.initialize(SinkRunner.context(props));
    await task.start(props);
    return task;
  }

  it('creates the table from the Debezium schema and writes every mapped type back as PostgreSQL had it', async () => {
    const task = await startTask({ 'auto.create': 'true' });
    const row = {
      id: '9007199254740991',
      title: 'launch',
      at: '2024-03-01 10:11:12.123456',
      at_zone: '2024-03-01 10:11:12.5+02',
      day: '2024-02-29',
      tod: '23:59:58.000001',
      payload: '{"a": [1, 2]}',
      raw: '\\xdeadbeef',
      ok: 't',
      ratio: '0.25',
      uid: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
    };
    await task.put(sink(builder.build({ ...change, kind: 'snapshot', new: row })));
    const types = await db.client.query<{ column_name: string; data_type: string; is_nullable: string }>(
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_name = 'cdc_public_events' ORDER BY ordinal_position`,
    );
    assert.deepEqual(
      types.rows.map((r) => `${r.column_name} ${r.data_type} ${r.is_nullable}`),
      [
        'id bigint NO',
        'title text NO',
        'at timestamp without time zone YES',
        'at_zone timestamp with time zone YES',
        'day date YES',
        'tod time without time zone YES',
        'payload jsonb YES',
        'raw bytea YES',
        'ok boolean YES',
        'ratio double precision YES',
        'uid uuid YES',
      ],
    );
    const back = await db.client.query(
      `SET TIME ZONE 'UTC'; SELECT id::text, title, at::text, at_zone::text, day::text, tod::text, payload::text,
              encode(raw, 'hex') AS raw, ok, ratio, uid::text FROM cdc_public_events`,
    );
    const rows = (back as unknown as { rows: Record<string, unknown>[] }[])[1]!.rows;
    assert.deepEqual(rows, [
      {
        id: '9007199254740991',
        title: 'launch',
        at: '2024-03-01 10:11:12.123456',
        at_zone: '2024-03-01 08:11:12.5+00',
        day: '2024-02-29',
        tod: '23:59:58.000001',
        payload: '{"a": [1, 2]}',
        raw: 'deadbeef',
        ok: true,
        ratio: 0.25,
        uid: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      },
    ]);
  });

  it('upserts by key, deletes on a delete event and on a tombstone, and replaying a batch changes nothing', async () => {
    await db.client.query('CREATE TABLE cdc_public_events (id bigint PRIMARY KEY, title text NOT NULL)');
    const small: PgRelation = { ...relation, columns: relation.columns.slice(0, 2) };
    const c = { ...change, relation: small };
    const batch = sink([
      ...builder.build({ ...c, kind: 'insert', new: { id: '1', title: 'a' } }),
      ...builder.build({ ...c, kind: 'insert', new: { id: '2', title: 'b' } }),
      ...builder.build({ ...c, kind: 'update', new: { id: '1', title: 'a2' } }),
      ...builder.build({ ...c, kind: 'insert', new: { id: '3', title: 'c' } }),
      ...builder.build({ ...c, kind: 'delete', old: { id: '2' } }),
      ...builder.build({ ...c, kind: 'insert', new: { id: '2', title: 'b again' } }),
      ...builder.build({ ...c, kind: 'delete', old: { id: '3' } }),
    ]);
    const task = await startTask({ 'batch.size': '2' });
    await task.put(batch);
    const read = async (): Promise<unknown[]> =>
      (await db.client.query('SELECT id::int, title FROM cdc_public_events ORDER BY id')).rows;
    const expected = [
      { id: 1, title: 'a2' },
      { id: 2, title: 'b again' },
    ];
    assert.deepEqual(await read(), expected);
    await task.put(batch);
    await task.put(batch.slice(3));
    assert.deepEqual(await read(), expected);
    // A bare tombstone deletes too.
    await task.put([{ ...batch[batch.length - 1]!, key: batch[0]!.key, kafkaOffset: offset++ }]);
    assert.deepEqual(await read(), [{ id: 2, title: 'b again' }]);
  });

  it('writes plain structs in insert and update modes, keyed by value fields', async () => {
    await db.client.query('CREATE TABLE accounts (owner text PRIMARY KEY, amount integer NOT NULL)');
    const schema = SchemaBuilder.struct()
      .field('owner', Schemas.STRING)
      .field('amount', Schemas.INT32)
      .build();
    const rec = (owner: string, amount: number): SinkRecord => ({
      topic: 'accounts',
      kafkaPartition: 0,
      kafkaOffset: offset++,
      key: null,
      valueSchema: schema,
      value: new Struct(schema).put('owner', owner).put('amount', amount),
      headers: [],
    });
    const base = { 'pk.mode': 'record_value', 'pk.fields': 'owner', 'delete.enabled': 'false' };
    const inserter = await startTask({ ...base, 'insert.mode': 'insert' });
    await inserter.put([rec('ann', 1), rec('bob', 2)]);
    await assert.rejects(inserter.put([rec('ann', 5)]), /duplicate key|will retry/);
    const updater = await startTask({ ...base, 'insert.mode': 'update' });
    await updater.put([rec('ann', 10), rec('zed', 99)]);
    const rows = await db.client.query('SELECT owner, amount FROM accounts ORDER BY owner');
    assert.deepEqual(rows.rows, [
      { owner: 'ann', amount: 10 },
      { owner: 'bob', amount: 2 },
    ]);
  });

  it('refuses a missing table without auto.create, and asks for a retry when the database is unreachable', async () => {
    const task = await startTask({ 'max.retries': '1', 'retry.backoff.ms': '0' });
    const records = sink(builder.build({ ...change, kind: 'insert', new: { id: '1', title: 'x' } }));
    await assert.rejects(
      task.put(records),
      /table public.cdc_public_events does not exist; create it or set auto.create=true/,
    );

    await db.client.query('CREATE TABLE cdc_public_events (id bigint PRIMARY KEY, title text NOT NULL)');
    await db.client.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    const small: PgRelation = { ...relation, columns: relation.columns.slice(0, 2) };
    const retry = sink(
      builder.build({ ...change, relation: small, kind: 'insert', new: { id: '1', title: 'x' } }),
    );
    await assert.rejects(task.put(retry), (err: unknown) => err instanceof RetriableException);
    await task.put(retry); // reconnected
    assert.equal((await db.client.query('SELECT count(*)::int AS n FROM cdc_public_events')).rows[0].n, 1);
  });

  it('validates its configuration through the connector', () => {
    const connector = new PostgresSinkConnector();
    const errors = connector
      .validate({ 'connection.url': 'mysql://x/y' })
      .filter((v) => v.errorMessages.length > 0);
    assert.deepEqual(
      errors.map((e) => e.name),
      ['connection.url'],
    );
    assert.throws(
      () => connector.start({ 'connection.url': 'jdbc:postgresql://h/db', 'pk.mode': 'none' }),
      /delete.enabled/,
    );
    connector.start({ 'connection.url': 'jdbc:postgresql://h/db' });
    assert.equal(connector.taskConfigs(3).length, 3);
  });
});
