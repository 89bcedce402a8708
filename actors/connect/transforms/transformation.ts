import { DataException } from '../api/connect-errors.ts';
import type { ConnectRecord, SinkRecord } from '../api/records.ts';
import type { Schema } from '../api/schema.ts';
import { Struct } from '../api/struct.ts';
import type { ConfigDef } from '../config/config-def.ts';

/** Properties handed to a transformation or predicate, alias prefix already stripped. */
export type TransformProps = Readonly<Record<string, string>>;

/**
 * A single message transform (org.apache.kafka.connect.transforms.Transformation): record in,
 * record out, or null to drop it. Must not mutate its input.
 */
export interface Transformation<R extends ConnectRecord = ConnectRecord> {
  configure(props: TransformProps): void;
  apply(record: R): R | null;
  config(): ConfigDef;
  close(): void;
}

/** A condition a transformation can be gated on (org.apache.kafka.connect.transforms.predicates.Predicate). */
export interface Predicate<R extends ConnectRecord = ConnectRecord> {
  configure(props: TransformProps): void;
  test(record: R): boolean;
  config(): ConfigDef;
  close(): void;
}

/** Schemaless map values are plain objects. */
export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Struct) &&
    !(value instanceof Map) &&
    !(value instanceof Uint8Array)
  );
}

function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return typeof value;
  return (value as object).constructor?.name ?? 'Object';
}

/** Requirements.requireMap: the schemaless value must be a map (a plain object here). */
export function requireMap(value: unknown, purpose: string): PlainObject {
  if (!isPlainObject(value)) {
    throw new DataException(
      `Only Map objects supported in absence of schema for [${purpose}], found: ${typeName(value)}`,
    );
  }
  return value;
}

/** Requirements.requireStruct. */
export function requireStruct(value: unknown, purpose: string): Struct {
  if (!(value instanceof Struct)) {
    throw new DataException(`Only Struct objects supported for [${purpose}], found: ${typeName(value)}`);
  }
  return value;
}

/** Requirements.requireSinkRecord. */
export function requireSinkRecord(record: ConnectRecord, purpose: string): SinkRecord {
  if (!('kafkaOffset' in record)) {
    throw new DataException(`Only SinkRecord supported for [${purpose}], found: SourceRecord`);
  }
  return record as SinkRecord;
}

/** Which half of the record a `$Key` / `$Value` transform works on. */
export type RecordPart = 'key' | 'value';

export function operatingSchema(record: ConnectRecord, part: RecordPart): Schema | null {
  return (part === 'key' ? record.keySchema : record.valueSchema) ?? null;
}

export function operatingValue(record: ConnectRecord, part: RecordPart): unknown {
  return part === 'key' ? record.key : record.value;
}

/** A copy of `record` with the operated-on half replaced. */
export function withPart<R extends ConnectRecord>(
  record: R,
  part: RecordPart,
  schema: Schema | null,
  value: unknown,
): R {
  return part === 'key'
    ? { ...record, keySchema: schema, key: value }
    : { ...record, valueSchema: schema, value };
}

/**
 * Caches derived schemas per input schema (Kafka uses a SynchronizedCache of an LRU map); schemas
 * are immutable objects, so identity is the right key, and a WeakMap never outlives them.
 */
export class SchemaCache {
  private readonly cache = new WeakMap<Schema, Schema>();
  get(schema: Schema, derive: (s: Schema) => Schema): Schema {
    let out = this.cache.get(schema);
    if (out === undefined) {
      out = derive(schema);
      this.cache.set(schema, out);
    }
    return out;
  }
}
