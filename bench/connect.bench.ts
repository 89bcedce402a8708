/**
 * The Connect per-record path (actors/connect), each step against the same work done by hand with
 * plain objects and V8's JSON:
 *
 * - Debezium PostgreSQL insert events (DebeziumChangeEventBuilder: Connect structs with schemas) vs a
 *   hand-written builder of the same record as plain objects (same key, envelope, source block and
 *   timestamp conversion; checked equal once before timing);
 * - JsonConverter writing that envelope with schemas (schemas.enable=true) vs JSON.stringify +
 *   Buffer.from of the same JSON as a plain object;
 * - JsonConverter reading it back into a struct vs Buffer.toString + JSON.parse of the same bytes;
 * - a two-step SMT chain (InsertField$Value topic field, MaskField$Value) on schemaless records vs the
 *   same two copy-and-change steps written by hand.
 *
 * Knobs: BENCH_CONNECT_RECORDS (default 50000 records per run; the SMT figure uses 5x as many).
 */
import { SimulatedClock } from '../core/io/index.ts';
import {
  DebeziumChangeEventBuilder,
  JsonConverter,
  PgOid,
  PluginRegistry,
  TransformationChain,
  type PgChange,
  type PgRelation,
  type SinkRecord,
} from '../actors/connect/index.ts';
import { envInt, rate, type Benchmark, type FigureSpec } from './harness.ts';

const topicPrefix = 'srv';
const database = 'db';

const relation: PgRelation = {
  schema: 'public',
  table: 'customers',
  columns: [
    { name: 'id', typeOid: PgOid.INT4, isKey: true },
    { name: 'first_name', typeOid: PgOid.VARCHAR, isKey: false },
    { name: 'last_name', typeOid: PgOid.VARCHAR, isKey: false },
    { name: 'email', typeOid: PgOid.VARCHAR, isKey: false },
    { name: 'created', typeOid: PgOid.TIMESTAMPTZ, isKey: false },
  ],
};

type Row = {
  readonly id: string;
  readonly first_name: string;
  readonly last_name: string;
  readonly email: string;
  readonly created: string;
};

/** A pgoutput-style text row; the timestamp varies so no conversion can be cached. */
function row(i: number): Row {
  return {
    id: String(i),
    first_name: 'Anne',
    last_name: 'Kretchmar',
    email: 'annek@noanswer.org',
    created: `2024-01-02 03:04:${String(i % 60).padStart(2, '0')}.${String(i % 1_000_000).padStart(6, '0')}+02`,
  };
}

const timestamptz = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?([+-])(\d\d)(?::?(\d\d))?$/;

/** The baseline's timestamptz text -> Debezium ZonedTimestamp (ISO-8601 UTC, trailing zeros dropped). */
function zonedTimestamp(text: string): string {
  const m = timestamptz.exec(text);
  if (m === null) throw new Error(`not a timestamptz: ${text}`);
  const offsetMinutes = (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10] ?? 0));
  const ms =
    Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) -
    offsetMinutes * 60_000;
  const fraction = (m[7] ?? '').padEnd(6, '0').replace(/0+$/, '');
  return `${new Date(ms).toISOString().slice(0, 19)}${fraction === '' ? '' : `.${fraction}`}Z`;
}

/** The baseline builder: the same insert record as plain objects, written for this table. */
function plainInsert(r: Row, lsn: number, txId: number, commitTs: number, nowMs: number): unknown[] {
  const id = Number.parseInt(r.id, 10);
  return [
    {
      sourcePartition: { server: topicPrefix },
      sourceOffset: { lsn, txId, ts_usec: commitTs * 1000 },
      topic: `${topicPrefix}.${relation.schema}.${relation.table}`,
      key: { id },
      value: {
        before: null,
        after: {
          id,
          first_name: r.first_name,
          last_name: r.last_name,
          email: r.email,
          created: zonedTimestamp(r.created),
        },
        source: {
          version: '2.5.0.Final',
          connector: 'postgresql',
          name: topicPrefix,
          ts_ms: commitTs,
          snapshot: 'false',
          db: database,
          sequence: null,
          schema: relation.schema,
          table: relation.table,
          txId,
          lsn,
          xmin: null,
        },
        op: 'c',
        ts_ms: nowMs,
        transaction: null,
      },
      headers: [],
    },
  ];
}

let sink = 0;

const benchmark: Benchmark = {
  name: 'connect',
  run(ctx) {
    const records = envInt('BENCH_CONNECT_RECORDS', 50_000);
    const smtRecords = records * 5;
    const clock = new SimulatedClock();
    const builder = new DebeziumChangeEventBuilder({ topicPrefix, database, clock });
    const rows = Array.from({ length: 1000 }, (_, i) => row(i));
    const change = (i: number): PgChange => ({
      kind: 'insert',
      relation,
      new: rows[i % rows.length]!,
      lsn: i,
      txId: i,
      commitTs: 1,
    });

    // The hand-written builder must produce what the Debezium builder produces (as schemaless JSON).
    const schemaless = new JsonConverter();
    schemaless.configure({ 'schemas.enable': 'false' }, false);
    for (const i of [0, 7, 999]) {
      const built = builder.build(change(i))[0]!;
      const plain = plainInsert(rows[i]!, i, i, 1, clock.now())[0] as { key: unknown; value: unknown };
      const same =
        schemaless.fromConnectData(built.topic, built.valueSchema!, built.value)!.toString() ===
          JSON.stringify(plain.value) &&
        schemaless.fromConnectData(built.topic, built.keySchema!, built.key)!.toString() ===
          JSON.stringify(plain.key);
      if (!same)
        throw new Error(`the plain-object baseline differs from DebeziumChangeEventBuilder for row ${i}`);
    }

    const json = new JsonConverter();
    json.configure({ 'schemas.enable': 'true' }, false);
    const event = builder.build(change(1))[0]!;
    const bytes = json.fromConnectData(event.topic, event.valueSchema!, event.value)!;
    const plainEnvelope = JSON.parse(bytes.toString('utf8')) as unknown;
    if (Buffer.from(JSON.stringify(plainEnvelope)).length !== bytes.length)
      throw new Error('JSON.stringify of the parsed envelope has a different size than JsonConverter wrote');
    ctx.log(`envelope with schema: ${bytes.length} bytes of JSON`);

    const chain = TransformationChain.fromConfig(
      {
        transforms: 'i,m',
        'transforms.i.type': 'InsertField$Value',
        'transforms.i.topic.field': 't',
        'transforms.m.type': 'MaskField$Value',
        'transforms.m.fields': 'card',
      },
      PluginRegistry.withBuiltins(),
    );
    const sinkRecord: SinkRecord = {
      topic: 'x',
      kafkaPartition: 0,
      kafkaOffset: 1,
      key: null,
      value: { id: 1, card: '4111' },
      headers: [],
    };
    type Value = { [field: string]: unknown };
    const byHand = (r: SinkRecord): SinkRecord => {
      const inserted = { ...r, value: { ...(r.value as Value), t: r.topic }, valueSchema: null };
      return { ...inserted, value: { ...inserted.value, card: '' }, valueSchema: null };
    };
    if (JSON.stringify(chain.apply(sinkRecord)) !== JSON.stringify(byHand(sinkRecord)))
      throw new Error('the hand-written SMT steps differ from the chain');

    const settings = { records, envelopeBytes: bytes.length };
    const figures: FigureSpec[] = [
      {
        name: 'Debezium insert events (DebeziumChangeEventBuilder, 5 columns)',
        unit: 'records/s',
        settings,
        measure: () =>
          rate(records, () => {
            for (let i = 0; i < records; i++) sink += builder.build(change(i)).length;
          }),
        baseline: {
          name: 'the same record as plain objects, by hand',
          measure: () =>
            rate(records, () => {
              for (let i = 0; i < records; i++)
                sink += plainInsert(rows[i % rows.length]!, i, i, 1, clock.now()).length;
            }),
        },
      },
      {
        name: 'JsonConverter.fromConnectData, envelope with schema',
        unit: 'records/s',
        settings,
        measure: () =>
          rate(records, () => {
            for (let i = 0; i < records; i++)
              sink += json.fromConnectData(event.topic, event.valueSchema!, event.value)!.length;
          }),
        baseline: {
          name: 'JSON.stringify + Buffer.from of the same JSON',
          measure: () =>
            rate(records, () => {
              for (let i = 0; i < records; i++) sink += Buffer.from(JSON.stringify(plainEnvelope)).length;
            }),
        },
      },
      {
        name: 'JsonConverter.toConnectData, envelope with schema',
        unit: 'records/s',
        settings,
        measure: () =>
          rate(records, () => {
            for (let i = 0; i < records; i++)
              sink += json.toConnectData(event.topic, bytes).schema === null ? 0 : 1;
          }),
        baseline: {
          name: 'Buffer.toString + JSON.parse of the same bytes',
          measure: () =>
            rate(records, () => {
              for (let i = 0; i < records; i++) sink += JSON.parse(bytes.toString('utf8')) === null ? 0 : 1;
            }),
        },
      },
      {
        name: 'SMT chain InsertField$Value + MaskField$Value, schemaless',
        unit: 'records/s',
        settings: { records: smtRecords },
        measure: () =>
          rate(smtRecords, () => {
            for (let i = 0; i < smtRecords; i++) sink += chain.apply(sinkRecord) === null ? 0 : 1;
          }),
        baseline: {
          name: 'the same two copy-and-change steps by hand',
          measure: () =>
            rate(smtRecords, () => {
              for (let i = 0; i < smtRecords; i++) sink += byHand(sinkRecord).kafkaOffset;
            }),
        },
      },
    ];
    ctx.onTeardown(() => {
      if (sink === -1) ctx.log('unreachable');
    });
    return figures;
  },
};

export default benchmark;
