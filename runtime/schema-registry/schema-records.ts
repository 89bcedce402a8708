import {
  parseCompatibilityLevel,
  type CompatibilityLevel,
  type StoredSchema,
} from '../../core/serdes/index.ts';

/**
 * The records of the `_schemas` topic, byte for byte as Confluent Schema Registry writes them
 * (JSON keys with a `keytype` tag and a `magic` field; Jackson's property order; absent fields
 * left out), so a `_schemas` topic moves between Tributary and Confluent in either direction.
 *
 *   SCHEMA  key {"keytype":"SCHEMA","subject":"orders-value","version":1,"magic":1}
 *           value {"subject":"orders-value","version":1,"id":1,"schema":"...","deleted":false}
 *   CONFIG  key {"keytype":"CONFIG","subject":"orders-value","magic":0} (no subject: global)
 *           value {"compatibilityLevel":"FULL"}
 *
 * A null value is a tombstone (a hard delete of the key). Other key types Confluent writes (NOOP,
 * MODE, DELETE_SUBJECT, ...) decode as `other` and are skipped.
 */
export type SchemaLogRecord =
  | {
      readonly type: 'SCHEMA';
      readonly subject: string;
      readonly version: number;
      readonly value: StoredSchema | null;
    }
  | { readonly type: 'CONFIG'; readonly subject: string | null; readonly level: CompatibilityLevel | null }
  | { readonly type: 'other'; readonly keytype: string };

export function schemaKeyBytes(subject: string, version: number): Buffer {
  return Buffer.from(JSON.stringify({ keytype: 'SCHEMA', subject, version, magic: 1 }), 'utf8');
}

export function schemaValueBytes(s: StoredSchema): Buffer {
  return Buffer.from(
    JSON.stringify({
      subject: s.subject,
      version: s.version,
      id: s.id,
      schema: s.schema,
      deleted: s.deleted,
    }),
    'utf8',
  );
}

export function configKeyBytes(subject: string | null): Buffer {
  const key = subject === null ? { keytype: 'CONFIG', magic: 0 } : { keytype: 'CONFIG', subject, magic: 0 };
  return Buffer.from(JSON.stringify(key), 'utf8');
}

export function configValueBytes(level: CompatibilityLevel): Buffer {
  return Buffer.from(JSON.stringify({ compatibilityLevel: level }), 'utf8');
}

function parseObject(bytes: Buffer, what: string): Record<string, unknown> {
  const parsed = JSON.parse(bytes.toString('utf8')) as unknown;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`${what} is not a JSON object`);
  return parsed as Record<string, unknown>;
}

function requireString(obj: Record<string, unknown>, field: string, what: string): string {
  const v = obj[field];
  if (typeof v !== 'string') throw new Error(`${what} has no string ${field}`);
  return v;
}

function requireInt(obj: Record<string, unknown>, field: string, what: string): number {
  const v = obj[field];
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new Error(`${what} has no integer ${field}`);
  return v;
}

/** Decodes one record of `_schemas`; throws an Error naming what is malformed. */
export function decodeSchemaLogRecord(key: Buffer | null, value: Buffer | null): SchemaLogRecord {
  if (key === null) throw new Error('a record without a key');
  const k = parseObject(key, 'the key');
  const keytype = requireString(k, 'keytype', 'the key');
  if (keytype === 'SCHEMA') {
    const subject = requireString(k, 'subject', 'the SCHEMA key');
    const version = requireInt(k, 'version', 'the SCHEMA key');
    if (value === null) return { type: 'SCHEMA', subject, version, value: null };
    const v = parseObject(value, 'the SCHEMA value');
    const schemaType = v['schemaType'];
    if (schemaType !== undefined && schemaType !== 'AVRO')
      return { type: 'other', keytype: `SCHEMA/${String(schemaType)}` };
    return {
      type: 'SCHEMA',
      subject,
      version,
      value: {
        subject: requireString(v, 'subject', 'the SCHEMA value'),
        version: requireInt(v, 'version', 'the SCHEMA value'),
        id: requireInt(v, 'id', 'the SCHEMA value'),
        schema: requireString(v, 'schema', 'the SCHEMA value'),
        deleted: v['deleted'] === true,
      },
    };
  }
  if (keytype === 'CONFIG') {
    const subject = typeof k['subject'] === 'string' ? k['subject'] : null;
    if (value === null) return { type: 'CONFIG', subject, level: null };
    const v = parseObject(value, 'the CONFIG value');
    const raw = v['compatibilityLevel'] ?? v['compatibility'];
    return { type: 'CONFIG', subject, level: raw === undefined ? null : parseCompatibilityLevel(raw) };
  }
  return { type: 'other', keytype };
}
