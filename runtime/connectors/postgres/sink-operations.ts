import {
  DataException,
  DebeziumTypes,
  LogicalTypes,
  Struct,
  isoUtcFromMicros,
  type Schema,
  type SinkRecord,
} from '../../../actors/connect/index.ts';
import { tableFor, type PostgresSinkConfig } from './postgres-sink-config.ts';
import { quoteIdent, quoteTable, tableName, type TableId } from './sql.ts';

/** A column of a row to write: its SQL parameter value, and its Connect schema when the record had one. */
export interface SinkColumn {
  readonly name: string;
  readonly value: unknown;
  readonly schema: Schema | undefined;
}

/** What one record asks of the table. */
export type SinkOperation =
  | {
      readonly kind: 'upsert';
      readonly table: TableId;
      readonly columns: readonly SinkColumn[];
      readonly key: readonly SinkColumn[];
    }
  | { readonly kind: 'delete'; readonly table: TableId; readonly key: readonly SinkColumn[] };

/** Debezium's envelope: a struct with before/after/op/source (whatever the schema name). */
function isEnvelope(value: unknown): value is Struct {
  if (!(value instanceof Struct)) return false;
  const names = new Set(value.schema.fields!.map((f) => f.name));
  return names.has('before') && names.has('after') && names.has('op') && names.has('source');
}

/** Field name -> value and schema of a struct, a Map or a plain object (schemaless JSON). */
function fieldsOf(value: unknown, what: string): SinkColumn[] {
  if (value instanceof Struct) {
    return value.schema.fields!.map((f) => ({
      name: f.name,
      value: toSqlValue(f.schema, value.get(f.name)),
      schema: f.schema,
    }));
  }
  if (value instanceof Map) {
    return [...value.entries()].map(([k, v]) => ({
      name: String(k),
      value: toSqlValue(undefined, v),
      schema: undefined,
    }));
  }
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value) && !Array.isArray(value)) {
    return Object.entries(value).map(([k, v]) => ({
      name: k,
      value: toSqlValue(undefined, v),
      schema: undefined,
    }));
  }
  throw new DataException(`the ${what} is not a struct or map (${value === null ? 'null' : typeof value})`);
}

function keyColumns(
  config: PostgresSinkConfig,
  record: SinkRecord,
  row: readonly SinkColumn[] | null,
): SinkColumn[] {
  switch (config.pkMode) {
    case 'none':
      return [];
    case 'record_key': {
      if (record.key === null || record.key === undefined) {
        throw new DataException(
          `record at ${record.topic}-${record.kafkaPartition}@${record.kafkaOffset} has no key (pk.mode=record_key)`,
        );
      }
      const isStructured =
        record.key instanceof Struct ||
        record.key instanceof Map ||
        (typeof record.key === 'object' && !Buffer.isBuffer(record.key));
      if (!isStructured) {
        if (config.pkFields.length !== 1)
          throw new DataException('a primitive record key needs exactly one pk.fields name');
        return [
          {
            name: config.pkFields[0]!,
            value: toSqlValue(record.keySchema ?? undefined, record.key),
            schema: record.keySchema ?? undefined,
          },
        ];
      }
      const all = fieldsOf(record.key, 'record key');
      if (config.pkFields.length === 0) return all;
      return config.pkFields.map((name) => {
        const c = all.find((k) => k.name === name);
        if (c === undefined) throw new DataException(`the record key has no field ${name} (pk.fields)`);
        return c;
      });
    }
    case 'record_value':
      return config.pkFields.map((name) => {
        const c = row?.find((k) => k.name === name);
        if (c === undefined) throw new DataException(`the record value has no field ${name} (pk.fields)`);
        return c;
      });
    default: {
      const _never: never = config.pkMode;
      return _never;
    }
  }
}

/**
 * The operation a record asks for, or null when it asks for nothing (a tombstone with deletes off).
 * A Debezium change event writes its `after` image; its delete event (op d) and the tombstone after
 * it both delete the row (the second finds nothing, which is fine).
 */
export function operationOf(config: PostgresSinkConfig, record: SinkRecord): SinkOperation | null {
  const table = tableFor(config.tableNameFormat, record.topic);
  let value = record.value;
  if (isEnvelope(value)) {
    const op = value.get('op');
    if (op === 'd') value = null;
    else value = value.get('after');
  }
  if (value === null || value === undefined) {
    if (!config.deleteEnabled) return null;
    return { kind: 'delete', table, key: keyColumns(config, record, null) };
  }
  const row = fieldsOf(value, 'record value');
  const key = keyColumns(config, record, row);
  const columns = [...row];
  for (const k of key) if (!columns.some((c) => c.name === k.name)) columns.unshift(k);
  return { kind: 'upsert', table, columns, key };
}

/** A statement and its parameters. */
export interface Statement {
  readonly text: string;
  readonly values: unknown[];
}

/** PostgreSQL allows 65535 parameters per statement. */
export const statementParametersMax = 65_535;

/**
 * Statements for a run of operations on one table with one shape (the same columns), `batchSize`
 * rows per statement at most. Several operations on one key collapse to the last (a multi-row
 * upsert may not touch a row twice, and only the last state matters).
 */
export function statementsFor(config: PostgresSinkConfig, run: readonly SinkOperation[]): Statement[] {
  if (run.length === 0) return [];
  const first = run[0]!;
  const keyOf = (op: SinkOperation): string => JSON.stringify(op.key.map((k) => keyText(k.value)));
  const ops =
    config.insertMode === 'insert' && first.kind === 'upsert'
      ? [...run]
      : [...new Map(run.map((op) => [keyOf(op), op])).values()];
  const table = quoteTable(first.table);
  const keyNames = first.key.map((k) => quoteIdent(k.name));
  const out: Statement[] = [];
  if (first.kind === 'delete') {
    const per = Math.max(
      1,
      Math.min(config.batchSize, Math.floor(statementParametersMax / Math.max(1, keyNames.length))),
    );
    for (let i = 0; i < ops.length; i += per) {
      const chunk = ops.slice(i, i + per);
      const values: unknown[] = [];
      const tuples = chunk.map((op) => `(${op.key.map((k) => `$${values.push(k.value)}`).join(', ')})`);
      out.push({
        text: `DELETE FROM ${table} WHERE (${keyNames.join(', ')}) IN (${tuples.join(', ')})`,
        values,
      });
    }
    return out;
  }
  const columns = (first as Extract<SinkOperation, { kind: 'upsert' }>).columns.map((c) => c.name);
  const names = columns.map(quoteIdent);
  if (config.insertMode === 'update') {
    for (const op of ops as Extract<SinkOperation, { kind: 'upsert' }>[]) {
      const values: unknown[] = [];
      const keySet = new Set(op.key.map((k) => k.name));
      const sets = op.columns
        .filter((c) => !keySet.has(c.name))
        .map((c) => `${quoteIdent(c.name)} = $${values.push(c.value)}`);
      if (sets.length === 0) continue;
      const where = op.key.map((k) => `${quoteIdent(k.name)} = $${values.push(k.value)}`);
      out.push({ text: `UPDATE ${table} SET ${sets.join(', ')} WHERE ${where.join(' AND ')}`, values });
    }
    return out;
  }
  const keySet = new Set(first.key.map((k) => k.name));
  const updates = columns
    .filter((c) => !keySet.has(c))
    .map((c) => `${quoteIdent(c)} = EXCLUDED.${quoteIdent(c)}`);
  const conflict =
    config.insertMode === 'upsert'
      ? ` ON CONFLICT (${keyNames.join(', ')}) DO ${updates.length === 0 ? 'NOTHING' : `UPDATE SET ${updates.join(', ')}`}`
      : '';
  const per = Math.max(
    1,
    Math.min(config.batchSize, Math.floor(statementParametersMax / Math.max(1, columns.length))),
  );
  for (let i = 0; i < ops.length; i += per) {
    const chunk = ops.slice(i, i + per) as Extract<SinkOperation, { kind: 'upsert' }>[];
    const values: unknown[] = [];
    const rows = chunk.map((op) => `(${op.columns.map((c) => `$${values.push(c.value)}`).join(', ')})`);
    out.push({
      text: `INSERT INTO ${table} (${names.join(', ')}) VALUES ${rows.join(', ')}${conflict}`,
      values,
    });
  }
  return out;
}

function keyText(value: unknown): unknown {
  return Buffer.isBuffer(value) ? value.toString('hex') : value;
}

/** The shape a run groups by: kind, table, and the column names. */
export function shapeOf(op: SinkOperation): string {
  const cols = op.kind === 'upsert' ? op.columns.map((c) => c.name) : op.key.map((c) => c.name);
  return JSON.stringify([op.kind, tableName(op.table), cols]);
}

/** CREATE TABLE for an upsert's columns (auto.create): types from the Connect schemas, the key as primary key. */
export function createTableStatement(op: Extract<SinkOperation, { kind: 'upsert' }>): string {
  const keySet = new Set(op.key.map((k) => k.name));
  const defs = op.columns.map((c) => {
    if (c.schema === undefined) {
      throw new DataException(
        `auto.create needs record schemas; column ${c.name} of ${tableName(op.table)} has none`,
      );
    }
    const notNull = !c.schema.optional || keySet.has(c.name) ? ' NOT NULL' : '';
    return `${quoteIdent(c.name)} ${sqlType(c.schema)}${notNull}`;
  });
  if (op.key.length > 0) defs.push(`PRIMARY KEY (${op.key.map((k) => quoteIdent(k.name)).join(', ')})`);
  return `CREATE TABLE IF NOT EXISTS ${quoteTable(op.table)} (${defs.join(', ')})`;
}

/** The PostgreSQL type for a Connect schema, honouring Debezium's and Kafka's logical types. */
export function sqlType(schema: Schema): string {
  switch (schema.name) {
    case DebeziumTypes.MICRO_TIMESTAMP:
    case 'io.debezium.time.Timestamp':
    case 'io.debezium.time.NanoTimestamp':
    case LogicalTypes.TIMESTAMP:
      return 'timestamp';
    case DebeziumTypes.ZONED_TIMESTAMP:
      return 'timestamptz';
    case DebeziumTypes.DATE:
    case LogicalTypes.DATE:
      return 'date';
    case DebeziumTypes.MICRO_TIME:
    case 'io.debezium.time.Time':
    case LogicalTypes.TIME:
      return 'time';
    case DebeziumTypes.UUID:
      return 'uuid';
    case DebeziumTypes.JSON:
      return 'jsonb';
    case LogicalTypes.DECIMAL:
      return 'numeric';
    default:
      break;
  }
  switch (schema.type) {
    case 'INT8':
    case 'INT16':
      return 'smallint';
    case 'INT32':
      return 'integer';
    case 'INT64':
      return 'bigint';
    case 'FLOAT32':
      return 'real';
    case 'FLOAT64':
      return 'double precision';
    case 'BOOLEAN':
      return 'boolean';
    case 'STRING':
      return 'text';
    case 'BYTES':
      return 'bytea';
    case 'ARRAY':
    case 'MAP':
    case 'STRUCT':
      return 'jsonb';
    default: {
      const _never: never = schema.type;
      return _never;
    }
  }
}

const msPerDay = 86_400_000;

/** A Connect value as a parameter PostgreSQL parses for the column's type. */
export function toSqlValue(schema: Schema | undefined, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (schema?.name) {
    case DebeziumTypes.MICRO_TIMESTAMP:
      return isoUtcFromMicros(value as number).replace(/Z$/, '');
    case 'io.debezium.time.Timestamp':
    case LogicalTypes.TIMESTAMP:
      return isoUtcFromMicros((value instanceof Date ? value.getTime() : (value as number)) * 1000).replace(
        /Z$/,
        '',
      );
    case DebeziumTypes.DATE:
    case LogicalTypes.DATE:
      return new Date((value instanceof Date ? value.getTime() / msPerDay : (value as number)) * msPerDay)
        .toISOString()
        .slice(0, 10);
    case DebeziumTypes.MICRO_TIME:
      return timeOfDay(value as number);
    case 'io.debezium.time.Time':
    case LogicalTypes.TIME:
      return timeOfDay((value as number) * 1000);
    case LogicalTypes.DECIMAL:
      return decimalText(value as Buffer, Number(schema.parameters?.['scale'] ?? 0));
    default:
      break;
  }
  if (value instanceof Struct) {
    return JSON.stringify(
      Object.fromEntries(value.schema.fields!.map((f) => [f.name, jsonable(value.get(f.name))])),
    );
  }
  if (value instanceof Map || Array.isArray(value)) return JSON.stringify(jsonable(value));
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value) && !(value instanceof Date)) {
    return JSON.stringify(jsonable(value));
  }
  return value;
}

function jsonable(value: unknown): unknown {
  if (value instanceof Struct)
    return Object.fromEntries(value.schema.fields!.map((f) => [f.name, jsonable(value.get(f.name))]));
  if (value instanceof Map)
    return Object.fromEntries([...value.entries()].map(([k, v]) => [String(k), jsonable(v)]));
  if (Array.isArray(value)) return value.map(jsonable);
  if (Buffer.isBuffer(value)) return value.toString('base64');
  return value;
}

/** `HH:MM:SS.ffffff` from microseconds since midnight. */
function timeOfDay(micros: number): string {
  const s = Math.floor(micros / 1_000_000);
  const frac = micros - s * 1_000_000;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}.${String(frac).padStart(6, '0')}`;
}

/** Kafka's Decimal (big-endian two's-complement unscaled value) as decimal text. */
function decimalText(bytes: Buffer, scale: number): string {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  if (bytes.length > 0 && (bytes[0]! & 0x80) !== 0) n -= 1n << BigInt(bytes.length * 8);
  const negative = n < 0n;
  const digits = (negative ? -n : n).toString().padStart(scale + 1, '0');
  const text =
    scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  return negative ? `-${text}` : text;
}
