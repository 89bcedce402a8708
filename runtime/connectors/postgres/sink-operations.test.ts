import assert from 'node:assert/strict';
import {
  DebeziumChangeEventBuilder,
  PgOid,
  SchemaBuilder,
  Schemas,
  Struct,
  type PgRelation,
  type SinkRecord,
  type SourceRecord,
} from '../../../actors/connect/index.ts';
import { SystemClock } from '../../../core/io/index.ts';
import { parsePostgresSinkConfig, tableFor } from './postgres-sink-config.ts';
import { createTableStatement, operationOf, statementsFor, toSqlValue } from './sink-operations.ts';

const base = { 'connection.url': 'jdbc:postgresql://db.example:5433/shop' };

const relation: PgRelation = {
  schema: 'public',
  table: 'customers',
  columns: [
    { name: 'id', typeOid: PgOid.INT4, isKey: true },
    { name: 'name', typeOid: PgOid.TEXT, isKey: false, optional: false },
    { name: 'joined', typeOid: PgOid.TIMESTAMP, isKey: false },
  ],
};

function sinkRecord(r: SourceRecord, offset: number): SinkRecord {
  return { ...r, kafkaPartition: 0, kafkaOffset: offset };
}

describe('PostgreSQL sink operations', () => {
  const builder = new DebeziumChangeEventBuilder({
    topicPrefix: 'cdc',
    database: 'shop',
    clock: new SystemClock(),
  });
  const change = { relation, lsn: 1, txId: 1, commitTs: 0 };

  it('parses JDBC and libpq URLs and refuses others', () => {
    const c = parsePostgresSinkConfig({ ...base, 'connection.user': 'u', 'connection.password': 'p' });
    assert.deepEqual(c.connection, {
      host: 'db.example',
      port: 5433,
      database: 'shop',
      user: 'u',
      password: 'p',
    });
    const d = parsePostgresSinkConfig({ 'connection.url': 'postgres://a:b%40c@h/db' });
    assert.deepEqual(d.connection, { host: 'h', port: 5432, database: 'db', user: 'a', password: 'b@c' });
    assert.throws(() => parsePostgresSinkConfig({ 'connection.url': 'mysql://h/db' }), /connection.url/);
    assert.throws(() => parsePostgresSinkConfig({ ...base, 'pk.mode': 'record_value' }), /delete.enabled/);
    assert.throws(
      () => parsePostgresSinkConfig({ ...base, 'pk.mode': 'record_value', 'delete.enabled': 'false' }),
      /pk.fields/,
    );
  });

  it('names tables after the topic with dots as underscores, and takes a schema from the format', () => {
    assert.deepEqual(tableFor('${topic}', 'cdc.public.customers'), {
      schema: 'public',
      table: 'cdc_public_customers',
    });
    assert.deepEqual(tableFor('mirror.${topic}', 'cdc.public.c'), {
      schema: 'mirror',
      table: 'cdc_public_c',
    });
  });

  it('turns Debezium creates, updates and snapshot reads into upserts of after, and deletes and tombstones into deletes by key', () => {
    const config = parsePostgresSinkConfig(base);
    const [created] = builder.build({
      ...change,
      kind: 'insert',
      new: { id: '1', name: 'Anne', joined: '2024-03-01 10:11:12.5' },
    });
    const op = operationOf(config, sinkRecord(created!, 0))!;
    assert.equal(op.kind, 'upsert');
    assert.deepEqual(op.table, { schema: 'public', table: 'cdc_public_customers' });
    assert.deepEqual(op.kind === 'upsert' ? op.columns.map((c) => [c.name, c.value]) : [], [
      ['id', 1],
      ['name', 'Anne'],
      ['joined', '2024-03-01T10:11:12.5'],
    ]);
    const [deleted, tombstone] = builder.build({ ...change, kind: 'delete', old: { id: '1' } });
    for (const r of [deleted!, tombstone!]) {
      const d = operationOf(config, sinkRecord(r, 1))!;
      assert.equal(d.kind, 'delete');
      assert.deepEqual(
        d.key.map((k) => [k.name, k.value]),
        [['id', 1]],
      );
    }
    const noDeletes = parsePostgresSinkConfig({ ...base, 'delete.enabled': 'false' });
    assert.equal(operationOf(noDeletes, sinkRecord(tombstone!, 1)), null);
  });

  it('collapses several changes of one key in a run to the last and writes multi-row upserts of at most batch.size rows', () => {
    const config = parsePostgresSinkConfig({ ...base, 'batch.size': '2' });
    const rows = [1, 2, 1, 3].map((id, i) =>
      operationOf(
        config,
        sinkRecord(
          builder.build({ ...change, kind: 'insert', new: { id: String(id), name: `v${i}` } })[0]!,
          i,
        ),
      ),
    );
    const statements = statementsFor(
      config,
      rows.map((r) => r!),
    );
    assert.equal(statements.length, 2);
    assert.equal(
      statements[0]!.text,
      'INSERT INTO "public"."cdc_public_customers" ("id", "name", "joined") VALUES ($1, $2, $3), ($4, $5, $6)' +
        ' ON CONFLICT ("id") DO UPDATE SET "name" = EXCLUDED."name", "joined" = EXCLUDED."joined"',
    );
    assert.deepEqual(statements[0]!.values, [1, 'v2', null, 2, 'v1', null]);
    assert.deepEqual(statements[1]!.values, [3, 'v3', null]);

    const deletes = statementsFor(config, [
      {
        kind: 'delete',
        table: { schema: 'public', table: 't' },
        key: [{ name: 'id', value: 1, schema: Schemas.INT32 }],
      },
      {
        kind: 'delete',
        table: { schema: 'public', table: 't' },
        key: [{ name: 'id', value: 1, schema: Schemas.INT32 }],
      },
    ]);
    assert.deepEqual(deletes, [{ text: 'DELETE FROM "public"."t" WHERE ("id") IN (($1))', values: [1] }]);
  });

  it('creates tables from record schemas with logical types, NOT NULL and the key as primary key', () => {
    const config = parsePostgresSinkConfig(base);
    const [created] = builder.build({ ...change, kind: 'insert', new: { id: '1', name: 'x' } });
    const op = operationOf(config, sinkRecord(created!, 0))!;
    assert.equal(op.kind, 'upsert');
    if (op.kind !== 'upsert') return;
    assert.equal(
      createTableStatement(op),
      'CREATE TABLE IF NOT EXISTS "public"."cdc_public_customers" ("id" integer NOT NULL, "name" text NOT NULL, "joined" timestamp, PRIMARY KEY ("id"))',
    );
  });

  it('converts logical types to values PostgreSQL parses', () => {
    const decimal = SchemaBuilder.of('BYTES')
      .name('org.apache.kafka.connect.data.Decimal')
      .parameter('scale', '2')
      .build();
    assert.equal(toSqlValue(decimal, Buffer.from([0xfb, 0x2e])), '-12.34');
    assert.equal(
      toSqlValue(SchemaBuilder.of('INT32').name('io.debezium.time.Date').build(), 19783),
      '2024-03-01',
    );
    assert.equal(
      toSqlValue(SchemaBuilder.of('INT64').name('io.debezium.time.MicroTime').build(), 3_723_000_004),
      '01:02:03.000004',
    );
    const struct = new Struct(SchemaBuilder.struct().field('a', Schemas.INT32).build()).put('a', 5);
    assert.equal(toSqlValue(undefined, struct), '{"a":5}');
  });
});
