import { DataException } from '../api/connect-errors.ts';
import { SchemaBuilder, type Schema } from '../api/schema.ts';

/** PostgreSQL type OIDs (pg_type.oid) of the types mapped here. */
export const PgOid = {
  BOOL: 16,
  BYTEA: 17,
  NAME: 19,
  INT8: 20,
  INT2: 21,
  INT4: 23,
  TEXT: 25,
  JSON: 114,
  FLOAT4: 700,
  FLOAT8: 701,
  BPCHAR: 1042,
  VARCHAR: 1043,
  DATE: 1082,
  TIME: 1083,
  TIMESTAMP: 1114,
  TIMESTAMPTZ: 1184,
  NUMERIC: 1700,
  UUID: 2950,
  JSONB: 3802,
} as const;

/** Debezium's semantic type names (io.debezium.time.*, io.debezium.data.*); all are version 1. */
export const DebeziumTypes = {
  MICRO_TIMESTAMP: 'io.debezium.time.MicroTimestamp',
  ZONED_TIMESTAMP: 'io.debezium.time.ZonedTimestamp',
  DATE: 'io.debezium.time.Date',
  MICRO_TIME: 'io.debezium.time.MicroTime',
  UUID: 'io.debezium.data.Uuid',
  JSON: 'io.debezium.data.Json',
} as const;

const microsPerDay = 86_400_000_000;
const msPerDay = 86_400_000;

/**
 * The Connect schema Debezium's PostgreSQL connector uses for a column type, with its defaults
 * `time.precision.mode=adaptive`, `binary.handling.mode=bytes` and, deliberately not Debezium's
 * default, `decimal.handling.mode=string`: numeric is written as its exact decimal text, because
 * `precise` needs a per-column scale (variable for unconstrained numeric) and a BigDecimal-style
 * Decimal that JS has no native type for; `string` loses nothing and every consumer can read it.
 * Returns undefined for types Debezium skips (`include.unknown.datatypes=false`).
 */
export function pgColumnSchema(typeOid: number, optional: boolean): Schema | undefined {
  const b = builderFor(typeOid);
  if (b === undefined) return undefined;
  if (optional) b.optional();
  return b.build();
}

function builderFor(typeOid: number): SchemaBuilder | undefined {
  switch (typeOid) {
    case PgOid.BOOL:
      return SchemaBuilder.of('BOOLEAN');
    case PgOid.INT2:
      return SchemaBuilder.of('INT16');
    case PgOid.INT4:
      return SchemaBuilder.of('INT32');
    case PgOid.INT8:
      return SchemaBuilder.of('INT64');
    case PgOid.FLOAT4:
      return SchemaBuilder.of('FLOAT32');
    case PgOid.FLOAT8:
      return SchemaBuilder.of('FLOAT64');
    case PgOid.NUMERIC:
      return SchemaBuilder.of('STRING');
    case PgOid.TEXT:
    case PgOid.VARCHAR:
    case PgOid.BPCHAR:
    case PgOid.NAME:
      return SchemaBuilder.of('STRING');
    case PgOid.BYTEA:
      return SchemaBuilder.of('BYTES');
    case PgOid.TIMESTAMP:
      return SchemaBuilder.of('INT64').name(DebeziumTypes.MICRO_TIMESTAMP).version(1);
    case PgOid.TIMESTAMPTZ:
      return SchemaBuilder.of('STRING').name(DebeziumTypes.ZONED_TIMESTAMP).version(1);
    case PgOid.DATE:
      return SchemaBuilder.of('INT32').name(DebeziumTypes.DATE).version(1);
    case PgOid.TIME:
      return SchemaBuilder.of('INT64').name(DebeziumTypes.MICRO_TIME).version(1);
    case PgOid.UUID:
      return SchemaBuilder.of('STRING').name(DebeziumTypes.UUID).version(1);
    case PgOid.JSON:
    case PgOid.JSONB:
      return SchemaBuilder.of('STRING').name(DebeziumTypes.JSON).version(1);
    default:
      return undefined;
  }
}

function fail(typeOid: number, raw: unknown): never {
  throw new DataException(
    `Cannot convert value ${JSON.stringify(String(raw))} of PostgreSQL type ${typeOid}`,
  );
}

const dateTimeRe =
  /^(\d{4,})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?)?(?:([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?|Z)?$/;

interface ParsedDateTime {
  /** Microseconds since the epoch of the wall-clock reading, before any offset. */
  readonly localMicros: number;
  /** The UTC offset in seconds, when the text had one. */
  readonly offsetSeconds: number | undefined;
}

/** Parses PostgreSQL's text output (DateStyle ISO) keeping microseconds, which Date would drop. */
function parseDateTime(text: string, typeOid: number): ParsedDateTime {
  const m = dateTimeRe.exec(text.trim());
  if (m === null) return fail(typeOid, text);
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', sign, oh, om, os] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const micros = Number((frac + '000000').slice(0, 6));
  const offsetSeconds =
    sign !== undefined
      ? (sign === '-' ? -1 : 1) * (Number(oh) * 3600 + Number(om ?? 0) * 60 + Number(os ?? 0))
      : text.trim().endsWith('Z')
        ? 0
        : undefined;
  return { localMicros: ms * 1000 + micros, offsetSeconds };
}

/** ISO-8601 in UTC as java.time prints it: seconds always, fraction trimmed of trailing zeros, `Z`. */
export function isoUtcFromMicros(epochMicros: number): string {
  const ms = Math.floor(epochMicros / 1000);
  const fracMicros = epochMicros - Math.floor(epochMicros / 1_000_000) * 1_000_000;
  const base = new Date(ms).toISOString().slice(0, 19);
  const frac = fracMicros === 0 ? '' : '.' + String(fracMicros).padStart(6, '0').replace(/0+$/, '');
  return `${base}${frac}Z`;
}

function asSafeInteger(typeOid: number, raw: unknown): number {
  const n =
    typeof raw === 'number'
      ? raw
      : typeof raw === 'bigint'
        ? Number(raw)
        : typeof raw === 'string' && /^[-+]?\d+$/.test(raw.trim())
          ? Number(raw)
          : NaN;
  if (!Number.isSafeInteger(n)) return fail(typeOid, raw);
  return n;
}

/**
 * Converts one column value, as pgoutput's text format gives it (or as a decoder already parsed it:
 * number, boolean, Buffer, Date), to the Connect value Debezium emits for that type.
 */
export function pgValueToConnect(typeOid: number, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  switch (typeOid) {
    case PgOid.BOOL:
      if (typeof raw === 'boolean') return raw;
      if (raw === 't' || raw === 'true') return true;
      if (raw === 'f' || raw === 'false') return false;
      return fail(typeOid, raw);
    case PgOid.INT2:
    case PgOid.INT4:
    case PgOid.INT8:
      return asSafeInteger(typeOid, raw);
    case PgOid.FLOAT4:
    case PgOid.FLOAT8: {
      const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
      if (Number.isNaN(n) && String(raw).trim() !== 'NaN') return fail(typeOid, raw);
      return n;
    }
    case PgOid.NUMERIC:
      return String(raw);
    case PgOid.TEXT:
    case PgOid.VARCHAR:
    case PgOid.BPCHAR:
    case PgOid.NAME:
    case PgOid.UUID:
      return String(raw);
    case PgOid.JSON:
    case PgOid.JSONB:
      return typeof raw === 'string' ? raw : JSON.stringify(raw);
    case PgOid.BYTEA:
      if (Buffer.isBuffer(raw)) return raw;
      if (typeof raw === 'string' && /^\\x([0-9a-fA-F]{2})*$/.test(raw))
        return Buffer.from(raw.slice(2), 'hex');
      return fail(typeOid, raw);
    case PgOid.TIMESTAMP:
      if (raw instanceof Date) return raw.getTime() * 1000;
      return parseDateTime(String(raw), typeOid).localMicros;
    case PgOid.TIMESTAMPTZ: {
      if (raw instanceof Date) return isoUtcFromMicros(raw.getTime() * 1000);
      const parsed = parseDateTime(String(raw), typeOid);
      return isoUtcFromMicros(parsed.localMicros - (parsed.offsetSeconds ?? 0) * 1_000_000);
    }
    case PgOid.DATE:
      if (raw instanceof Date) return Math.floor(raw.getTime() / msPerDay);
      return Math.floor(parseDateTime(String(raw), typeOid).localMicros / microsPerDay);
    case PgOid.TIME: {
      const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(String(raw).trim());
      if (m === null) return fail(typeOid, raw);
      const [, h, mi, s, frac = ''] = m;
      return (
        ((Number(h) * 60 + Number(mi)) * 60 + Number(s)) * 1_000_000 + Number((frac + '000000').slice(0, 6))
      );
    }
    default:
      return fail(typeOid, raw);
  }
}
