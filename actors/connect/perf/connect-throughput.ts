// Throughput of the Connect per-record path, each figure beside a baseline measured in the same run
// (JSON.stringify / JSON.parse of the equivalent plain object). Run: npx tsx actors/connect/perf/connect-throughput.ts
// Belongs in bench/ once its owner adopts it; kept here so the README figures have their command.
import { performance } from 'node:perf_hooks';
import { SimulatedClock } from '../../../core/io/index.ts';
import {
  DebeziumChangeEventBuilder,
  JsonConverter,
  PgOid,
  PluginRegistry,
  TransformationChain,
  type PgRelation,
  type SinkRecord,
} from '../index.ts';

const recordsPerRun = 100_000;
const warmupRuns = 2_000;

function opsPerSec(fn: (i: number) => void, n = recordsPerRun): number {
  for (let i = 0; i < warmupRuns; i++) fn(i);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  return Math.round(n / ((performance.now() - t0) / 1000));
}

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
const row = (i: number) => ({
  id: String(i),
  first_name: 'Anne',
  last_name: 'Kretchmar',
  email: 'annek@noanswer.org',
  created: '2024-01-02 03:04:05.123456+00',
});
const builder = new DebeziumChangeEventBuilder({
  topicPrefix: 'srv',
  database: 'db',
  clock: new SimulatedClock(),
});
const json = new JsonConverter();
json.configure({ 'schemas.enable': 'true' }, false);
const event = builder.build({ kind: 'insert', relation, new: row(1), lsn: 1, txId: 1, commitTs: 1 })[0]!;
const bytes = json.fromConnectData(event.topic, event.valueSchema!, event.value)!;
const plain = JSON.parse(bytes.toString()) as unknown;
const text = bytes.toString();
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

const results = {
  debeziumBuildInsertPerSec: opsPerSec((i) =>
    builder.build({ kind: 'insert', relation, new: row(i), lsn: i, txId: i, commitTs: 1 }),
  ),
  jsonConverterWriteEnvelopePerSec: opsPerSec(() =>
    json.fromConnectData(event.topic, event.valueSchema!, event.value),
  ),
  baselineJsonStringifySameEnvelopePerSec: opsPerSec(() => Buffer.from(JSON.stringify(plain))),
  jsonConverterReadEnvelopePerSec: opsPerSec(() => json.toConnectData(event.topic, bytes)),
  baselineJsonParseSameEnvelopePerSec: opsPerSec(() => JSON.parse(text)),
  smtChainInsertFieldMaskFieldPerSec: opsPerSec(() => chain.apply(sinkRecord), recordsPerRun * 5),
};
console.log(JSON.stringify({ node: process.version, envelopeBytes: bytes.length, ...results }, null, 2));
