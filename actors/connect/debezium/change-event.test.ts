import { strict as assert } from 'node:assert';
import { SimulatedClock } from '../../../core/io/index.ts';
import type { SourceRecord } from '../api/records.ts';
import type { Struct } from '../api/struct.ts';
import { JsonConverter } from '../converters/json-converter.ts';
import { DebeziumChangeEventBuilder, UNCHANGED_TOAST, type PgRelation } from './change-event.ts';
import { PgOid } from './pg-types.ts';

// The customers table of Debezium's PostgreSQL documentation: id SERIAL PRIMARY KEY and three NOT NULL varchars.
const customers: PgRelation = {
  schema: 'public',
  table: 'customers',
  columns: [
    { name: 'id', typeOid: PgOid.INT4, isKey: true },
    { name: 'first_name', typeOid: PgOid.VARCHAR, isKey: false, optional: false },
    { name: 'last_name', typeOid: PgOid.VARCHAR, isKey: false, optional: false },
    { name: 'email', typeOid: PgOid.VARCHAR, isKey: false, optional: false },
  ],
};

const anne = { id: '1', first_name: 'Anne', last_name: 'Kretchmar', email: 'annek@noanswer.org' };
const processedAtMs = 1559033904863;

function setup(tombstonesOnDelete = true) {
  const clock = new SimulatedClock(processedAtMs);
  const builder = new DebeziumChangeEventBuilder({
    topicPrefix: 'PostgreSQL_server',
    database: 'postgres',
    clock,
    tombstonesOnDelete,
  });
  const json = new JsonConverter();
  json.configure({ 'schemas.enable': 'true' }, false);
  const keyJson = (r: SourceRecord) =>
    json.fromConnectData(r.topic, r.keySchema ?? null, r.key)?.toString('utf8') ?? null;
  const valueJson = (r: SourceRecord) =>
    json.fromConnectData(r.topic, r.valueSchema ?? null, r.value)?.toString('utf8') ?? null;
  const payload = (r: SourceRecord) =>
    (JSON.parse(valueJson(r)!) as { payload: Record<string, unknown> }).payload;
  return { builder, keyJson, valueJson, payload };
}

// Written by hand from Debezium's documented PostgreSQL create event, in the key order Kafka's
// JsonConverter writes (type, fields, optional, name, version, parameters, default, field).
const rowFields = [
  { type: 'int32', optional: false, field: 'id' },
  { type: 'string', optional: false, field: 'first_name' },
  { type: 'string', optional: false, field: 'last_name' },
  { type: 'string', optional: false, field: 'email' },
];
const expectedCreate = {
  schema: {
    type: 'struct',
    fields: [
      {
        type: 'struct',
        fields: rowFields,
        optional: true,
        name: 'PostgreSQL_server.public.customers.Value',
        field: 'before',
      },
      {
        type: 'struct',
        fields: rowFields,
        optional: true,
        name: 'PostgreSQL_server.public.customers.Value',
        field: 'after',
      },
      {
        type: 'struct',
        fields: [
          { type: 'string', optional: false, field: 'version' },
          { type: 'string', optional: false, field: 'connector' },
          { type: 'string', optional: false, field: 'name' },
          { type: 'int64', optional: false, field: 'ts_ms' },
          {
            type: 'string',
            optional: true,
            name: 'io.debezium.data.Enum',
            version: 1,
            parameters: {
              allowed: 'true,first,first_in_data_collection,last_in_data_collection,last,false,incremental',
            },
            default: 'false',
            field: 'snapshot',
          },
          { type: 'string', optional: false, field: 'db' },
          { type: 'string', optional: true, field: 'sequence' },
          { type: 'string', optional: false, field: 'schema' },
          { type: 'string', optional: false, field: 'table' },
          { type: 'int64', optional: true, field: 'txId' },
          { type: 'int64', optional: true, field: 'lsn' },
          { type: 'int64', optional: true, field: 'xmin' },
        ],
        optional: false,
        name: 'io.debezium.connector.postgresql.Source',
        field: 'source',
      },
      { type: 'string', optional: false, field: 'op' },
      { type: 'int64', optional: true, field: 'ts_ms' },
      {
        type: 'struct',
        fields: [
          { type: 'string', optional: false, field: 'id' },
          { type: 'int64', optional: false, field: 'total_order' },
          { type: 'int64', optional: false, field: 'data_collection_order' },
        ],
        optional: true,
        name: 'event.block',
        version: 1,
        field: 'transaction',
      },
    ],
    optional: false,
    name: 'PostgreSQL_server.public.customers.Envelope',
    version: 1,
  },
  payload: {
    before: null,
    after: { id: 1, first_name: 'Anne', last_name: 'Kretchmar', email: 'annek@noanswer.org' },
    source: {
      version: '2.5.0.Final',
      connector: 'postgresql',
      name: 'PostgreSQL_server',
      ts_ms: 1559033904863,
      snapshot: 'true',
      db: 'postgres',
      sequence: '["24023119","24023128"]',
      schema: 'public',
      table: 'customers',
      txId: 555,
      lsn: 24023128,
      xmin: null,
    },
    op: 'r',
    ts_ms: processedAtMs,
    transaction: null,
  },
};

describe('DebeziumChangeEventBuilder', () => {
  it('builds the documented customers event byte for byte through the JsonConverter', () => {
    const { builder, keyJson, valueJson } = setup();
    const [record, ...rest] = builder.build({
      kind: 'snapshot',
      relation: customers,
      new: anne,
      lsn: 24023128,
      lastCommitLsn: 24023119,
      txId: 555,
      commitTs: 1559033904863,
    });
    assert.equal(rest.length, 0);
    assert.equal(record!.topic, 'PostgreSQL_server.public.customers');
    assert.equal(
      keyJson(record!),
      '{"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"}],"optional":false,' +
        '"name":"PostgreSQL_server.public.customers.Key"},"payload":{"id":1}}',
    );
    assert.equal(valueJson(record!), JSON.stringify(expectedCreate));
    assert.deepEqual(record!.sourcePartition, { server: 'PostgreSQL_server' });
    assert.deepEqual(record!.sourceOffset, {
      lsn: 24023128,
      txId: 555,
      ts_usec: 1559033904863000,
      snapshot: true,
      last_snapshot_record: false,
    });
  });

  it('marks streamed inserts op c with source.snapshot "false"', () => {
    const { builder, payload } = setup();
    const [r] = builder.build({
      kind: 'insert',
      relation: customers,
      new: anne,
      lsn: 100,
      txId: 7,
      commitTs: 5,
    });
    const p = payload(r!);
    assert.equal(p['op'], 'c');
    assert.equal((p['source'] as Record<string, unknown>)['snapshot'], 'false');
    assert.equal((p['source'] as Record<string, unknown>)['sequence'], null);
  });

  it('builds before from the key-only old tuple of an update under REPLICA IDENTITY DEFAULT for an update under REPLICA IDENTITY DEFAULT', () => {
    const { builder, payload } = setup();
    const records = builder.build({
      kind: 'update',
      relation: customers,
      old: { id: '1' },
      new: { ...anne, first_name: 'Anne Marie' },
      lsn: 200,
      txId: 8,
      commitTs: 6,
    });
    assert.equal(records.length, 1);
    const p = payload(records[0]!);
    assert.equal(p['op'], 'u');
    // NOT NULL columns missing from the old tuple get Debezium's type fallback, not null.
    assert.deepEqual(p['before'], { id: 1, first_name: '', last_name: '', email: '' });
    assert.equal((p['after'] as Record<string, unknown>)['first_name'], 'Anne Marie');
  });

  it('emits a delete event and then a tombstone with the same key', () => {
    const { builder, payload, keyJson } = setup();
    const records = builder.build({
      kind: 'delete',
      relation: customers,
      old: { id: '1' },
      lsn: 300,
      txId: 9,
      commitTs: 7,
    });
    assert.equal(records.length, 2);
    const [del, tomb] = records as [SourceRecord, SourceRecord];
    assert.equal(payload(del)['op'], 'd');
    assert.equal(payload(del)['after'], null);
    assert.equal(tomb.value, null);
    assert.equal(tomb.valueSchema, null);
    assert.equal(keyJson(tomb), keyJson(del));
  });

  it('leaves the tombstone out when tombstones.on.delete=false', () => {
    const { builder } = setup(false);
    const records = builder.build({
      kind: 'delete',
      relation: customers,
      old: { id: '1' },
      lsn: 300,
      txId: 9,
      commitTs: 7,
    });
    assert.equal(records.length, 1);
  });

  it('turns a primary-key change into delete(newkey header), tombstone, create(oldkey header)', () => {
    const { builder, payload } = setup();
    const records = builder.build({
      kind: 'update',
      relation: customers,
      old: { id: '1' },
      new: { ...anne, id: '2' },
      lsn: 400,
      txId: 10,
      commitTs: 8,
    });
    assert.deepEqual(
      records.map((r) => (r.value === null ? 'tombstone' : payload(r)['op'])),
      ['d', 'tombstone', 'c'],
    );
    assert.equal(records[0]!.headers[0]!.key, '__debezium.newkey');
    assert.equal((records[0]!.headers[0]!.value as Struct).get('id'), 2);
    assert.equal((records[0]!.key as Struct).get('id'), 1);
    assert.equal(records[2]!.headers[0]!.key, '__debezium.oldkey');
    assert.equal((records[2]!.headers[0]!.value as Struct).get('id'), 1);
    assert.equal((records[2]!.key as Struct).get('id'), 2);
  });

  it('emits only creates for a table without a primary key under REPLICA IDENTITY DEFAULT', () => {
    const { builder } = setup();
    const keyless: PgRelation = {
      schema: 'public',
      table: 'log',
      columns: [{ name: 'msg', typeOid: PgOid.TEXT, isKey: false }],
    };
    assert.equal(
      builder.build({
        kind: 'insert',
        relation: keyless,
        new: { msg: 'x' },
        lsn: 1,
        txId: 1,
        commitTs: 1,
      })[0]!.key,
      null,
    );
    assert.deepEqual(
      builder.build({ kind: 'update', relation: keyless, new: { msg: 'y' }, lsn: 2, txId: 2, commitTs: 2 }),
      [],
    );
    assert.deepEqual(builder.build({ kind: 'delete', relation: keyless, lsn: 3, txId: 3, commitTs: 3 }), []);
  });

  it('substitutes the unavailable-value placeholder for unchanged TOASTed columns', () => {
    const { builder, payload } = setup();
    const [r] = builder.build({
      kind: 'update',
      relation: customers,
      new: { ...anne, email: UNCHANGED_TOAST },
      lsn: 500,
      txId: 11,
      commitTs: 9,
    });
    assert.equal((payload(r!)['after'] as Record<string, unknown>)['email'], '__debezium_unavailable_value');
  });

  it('gives a full before image under REPLICA IDENTITY FULL', () => {
    const { builder, payload } = setup();
    const [r] = builder.build({
      kind: 'update',
      relation: customers,
      old: anne,
      new: { ...anne, email: 'anne@x.org' },
      lsn: 600,
      txId: 12,
      commitTs: 10,
    });
    assert.deepEqual(payload(r!)['before'], {
      id: 1,
      first_name: 'Anne',
      last_name: 'Kretchmar',
      email: 'annek@noanswer.org',
    });
  });

  it('writes every mapped column type as Debezium does (payload golden, schemas disabled)', () => {
    const relation: PgRelation = {
      schema: 'public',
      table: 'all_types',
      columns: [
        { name: 'id', typeOid: PgOid.INT8, isKey: true },
        { name: 'b', typeOid: PgOid.BOOL, isKey: false },
        { name: 's', typeOid: PgOid.INT2, isKey: false },
        { name: 'f', typeOid: PgOid.FLOAT8, isKey: false },
        { name: 'r', typeOid: PgOid.FLOAT4, isKey: false },
        { name: 'n', typeOid: PgOid.NUMERIC, isKey: false },
        { name: 'c', typeOid: PgOid.BPCHAR, isKey: false },
        { name: 'bin', typeOid: PgOid.BYTEA, isKey: false },
        { name: 'ts', typeOid: PgOid.TIMESTAMP, isKey: false },
        { name: 'tstz', typeOid: PgOid.TIMESTAMPTZ, isKey: false },
        { name: 'd', typeOid: PgOid.DATE, isKey: false },
        { name: 'u', typeOid: PgOid.UUID, isKey: false },
        { name: 'j', typeOid: PgOid.JSONB, isKey: false },
        {
          name: 'p',
          typeOid: 600 /* point: not mapped, skipped like include.unknown.datatypes=false */,
          isKey: false,
        },
      ],
    };
    const builder = new DebeziumChangeEventBuilder({
      topicPrefix: 'srv',
      database: 'db',
      clock: new SimulatedClock(0),
    });
    const [r] = builder.build({
      kind: 'insert',
      relation,
      new: {
        id: '42',
        b: 't',
        s: '-7',
        f: '2',
        r: '1.5',
        n: '12.3400',
        c: 'ab  ',
        bin: '\\x0102ff',
        ts: '2018-06-20 13:37:03.123456',
        tstz: '2018-06-20 15:37:03.5+02',
        d: '2018-06-20',
        u: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
        j: '{"k": [1, 2]}',
        p: '(1,2)',
      },
      lsn: 1,
      txId: 2,
      commitTs: 3,
    });
    const json = new JsonConverter();
    json.configure({ 'schemas.enable': 'false' }, false);
    const text = json.fromConnectData(r!.topic, r!.valueSchema!, r!.value)!.toString();
    const after = text.slice(text.indexOf('"after":') + 8, text.indexOf(',"source"'));
    assert.equal(
      after,
      '{"id":42,"b":true,"s":-7,"f":2.0,"r":1.5,"n":"12.3400","c":"ab  ","bin":"AQL/","ts":1529501823123456,' +
        '"tstz":"2018-06-20T13:37:03.5Z","d":17702,"u":"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11","j":"{\\"k\\": [1, 2]}"}',
    );
  });
});
