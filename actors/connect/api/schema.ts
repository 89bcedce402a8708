import { DataException } from './connect-errors.ts';
import type { Struct } from './struct.ts';

/** Connect's schema types (org.apache.kafka.connect.data.Schema.Type). */
export const SchemaType = {
  INT8: 'INT8',
  INT16: 'INT16',
  INT32: 'INT32',
  INT64: 'INT64',
  FLOAT32: 'FLOAT32',
  FLOAT64: 'FLOAT64',
  BOOLEAN: 'BOOLEAN',
  STRING: 'STRING',
  BYTES: 'BYTES',
  ARRAY: 'ARRAY',
  MAP: 'MAP',
  STRUCT: 'STRUCT',
} as const;
export type SchemaType = (typeof SchemaType)[keyof typeof SchemaType];

/** A field of a STRUCT schema. */
export interface Field {
  readonly name: string;
  readonly index: number;
  readonly schema: Schema;
}

/**
 * A Connect schema. Values are plain JS: INT8..INT32 and INT64 are `number` (INT64 must be a safe
 * integer, as everywhere in Tributary), FLOAT32/64 `number`, BOOLEAN `boolean`, STRING `string`,
 * BYTES `Buffer`, ARRAY `unknown[]`, MAP `Map<unknown, unknown>`, STRUCT `Struct`. Logical types
 * (Timestamp, Date, Time, Decimal, Debezium's types) keep their underlying representation and are
 * told apart by `name`, so a converter never has to guess.
 */
export interface Schema {
  readonly type: SchemaType;
  readonly optional: boolean;
  readonly name?: string;
  readonly version?: number;
  readonly doc?: string;
  readonly parameters?: Readonly<Record<string, string>>;
  readonly defaultValue?: unknown;
  /** STRUCT only, in declaration order. */
  readonly fields?: readonly Field[];
  /** MAP only. */
  readonly keySchema?: Schema;
  /** ARRAY and MAP only. */
  readonly valueSchema?: Schema;
}

function primitive(type: SchemaType, optional: boolean): Schema {
  return Object.freeze({ type, optional });
}

/** The predefined primitive schemas (Schema.INT32_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA, ...). */
export const Schemas = {
  INT8: primitive('INT8', false),
  INT16: primitive('INT16', false),
  INT32: primitive('INT32', false),
  INT64: primitive('INT64', false),
  FLOAT32: primitive('FLOAT32', false),
  FLOAT64: primitive('FLOAT64', false),
  BOOLEAN: primitive('BOOLEAN', false),
  STRING: primitive('STRING', false),
  BYTES: primitive('BYTES', false),
  OPTIONAL_INT8: primitive('INT8', true),
  OPTIONAL_INT16: primitive('INT16', true),
  OPTIONAL_INT32: primitive('INT32', true),
  OPTIONAL_INT64: primitive('INT64', true),
  OPTIONAL_FLOAT32: primitive('FLOAT32', true),
  OPTIONAL_FLOAT64: primitive('FLOAT64', true),
  OPTIONAL_BOOLEAN: primitive('BOOLEAN', true),
  OPTIONAL_STRING: primitive('STRING', true),
  OPTIONAL_BYTES: primitive('BYTES', true),
} as const;

/** Logical type names Kafka defines (values stay in their underlying type here; see Schema). */
export const LogicalTypes = {
  /** INT64 milliseconds since the epoch. */
  TIMESTAMP: 'org.apache.kafka.connect.data.Timestamp',
  /** INT32 days since the epoch. */
  DATE: 'org.apache.kafka.connect.data.Date',
  /** INT32 milliseconds since midnight. */
  TIME: 'org.apache.kafka.connect.data.Time',
  /** BYTES big-endian two's-complement unscaled value; parameter `scale`. */
  DECIMAL: 'org.apache.kafka.connect.data.Decimal',
} as const;

/** Builds schemas fluently, like org.apache.kafka.connect.data.SchemaBuilder. */
export class SchemaBuilder {
  private readonly type: SchemaType;
  private isOptional = false;
  private schemaName: string | undefined;
  private schemaVersion: number | undefined;
  private schemaDoc: string | undefined;
  private params: Record<string, string> | undefined;
  private defaultVal: unknown;
  private readonly fieldList: Field[] = [];
  private readonly keySch: Schema | undefined;
  private readonly valueSch: Schema | undefined;

  constructor(type: SchemaType, keySchema?: Schema, valueSchema?: Schema) {
    this.type = type;
    this.keySch = keySchema;
    this.valueSch = valueSchema;
  }

  static struct(): SchemaBuilder {
    return new SchemaBuilder('STRUCT');
  }
  static array(valueSchema: Schema): SchemaBuilder {
    return new SchemaBuilder('ARRAY', undefined, valueSchema);
  }
  static map(keySchema: Schema, valueSchema: Schema): SchemaBuilder {
    return new SchemaBuilder('MAP', keySchema, valueSchema);
  }
  static of(type: SchemaType): SchemaBuilder {
    return new SchemaBuilder(type);
  }
  /** A builder pre-filled with `schema`'s name, version, doc and parameters (SchemaUtil.copySchemaBasics). */
  static copyBasics(schema: Schema, builder: SchemaBuilder): SchemaBuilder {
    if (schema.name !== undefined) builder.name(schema.name);
    if (schema.version !== undefined) builder.version(schema.version);
    if (schema.doc !== undefined) builder.doc(schema.doc);
    if (schema.parameters !== undefined) builder.parameters(schema.parameters);
    return builder;
  }

  optional(): this {
    this.isOptional = true;
    return this;
  }
  required(): this {
    this.isOptional = false;
    return this;
  }
  name(name: string): this {
    this.schemaName = name;
    return this;
  }
  version(version: number): this {
    this.schemaVersion = version;
    return this;
  }
  doc(doc: string): this {
    this.schemaDoc = doc;
    return this;
  }
  parameter(key: string, value: string): this {
    this.params = { ...(this.params ?? {}), [key]: value };
    return this;
  }
  parameters(params: Readonly<Record<string, string>>): this {
    this.params = { ...(this.params ?? {}), ...params };
    return this;
  }
  defaultValue(value: unknown): this {
    this.defaultVal = value;
    return this;
  }
  field(name: string, schema: Schema): this {
    if (this.type !== 'STRUCT') throw new DataException(`Cannot create fields on type ${this.type}`);
    if (this.fieldList.some((f) => f.name === name)) {
      throw new DataException(`Cannot create field because of field name duplication ${name}`);
    }
    this.fieldList.push({ name, index: this.fieldList.length, schema });
    return this;
  }

  build(): Schema {
    const schema: {
      -readonly [K in keyof Schema]: Schema[K];
    } = { type: this.type, optional: this.isOptional };
    if (this.schemaName !== undefined) schema.name = this.schemaName;
    if (this.schemaVersion !== undefined) schema.version = this.schemaVersion;
    if (this.schemaDoc !== undefined) schema.doc = this.schemaDoc;
    if (this.params !== undefined) schema.parameters = Object.freeze({ ...this.params });
    if (this.type === 'STRUCT') schema.fields = Object.freeze([...this.fieldList]);
    if (this.keySch !== undefined) schema.keySchema = this.keySch;
    if (this.valueSch !== undefined) schema.valueSchema = this.valueSch;
    if (this.defaultVal !== undefined) {
      validateValue(schema, this.defaultVal);
      schema.defaultValue = this.defaultVal;
    }
    return Object.freeze(schema);
  }
}

/** Per-schema name -> field maps, built once: field lookup is on every Struct get/put. */
const fieldIndexes = new WeakMap<Schema, Map<string, Field>>();

/** The field called `name` of a STRUCT schema, or undefined. */
export function schemaField(schema: Schema, name: string): Field | undefined {
  let index = fieldIndexes.get(schema);
  if (index === undefined) {
    if (schema.type !== 'STRUCT')
      throw new DataException(`Cannot look up fields on non-struct type ${schema.type}`);
    index = new Map();
    for (const f of schema.fields!) index.set(f.name, f);
    fieldIndexes.set(schema, index);
  }
  return index.get(name);
}

const intRanges: Partial<Record<SchemaType, readonly [number, number]>> = {
  INT8: [-128, 127],
  INT16: [-32768, 32767],
  INT32: [-2147483648, 2147483647],
  INT64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Buffer.isBuffer(value)) return 'Buffer';
  if (value instanceof Map) return 'Map';
  if (Array.isArray(value)) return 'Array';
  return typeof value === 'object' ? (value.constructor?.name ?? 'Object') : typeof value;
}

function at(fieldName: string | undefined): string {
  return fieldName === undefined ? '' : ` for field: "${fieldName}"`;
}

function invalidType(schema: Schema, value: unknown, fieldName: string | undefined): never {
  throw new DataException(
    `Invalid Java object for schema type ${schema.type}: ${describe(value)}${at(fieldName)}`,
  );
}

/**
 * Checks `value` against `schema` (ConnectSchema.validateValue): null only when optional or
 * defaulted, the JS type the schema type expects, integers within their width, nested values too.
 */
export function validateValue(schema: Schema, value: unknown, fieldName?: string): void {
  if (value === null || value === undefined) {
    if (schema.optional || schema.defaultValue !== undefined) return;
    throw new DataException(
      `Invalid value: null used for required field${at(fieldName)}, schema type: ${schema.type}`,
    );
  }
  switch (schema.type) {
    case 'INT8':
    case 'INT16':
    case 'INT32':
    case 'INT64': {
      const [lo, hi] = intRanges[schema.type]!;
      if (typeof value !== 'number' || !Number.isInteger(value)) return invalidType(schema, value, fieldName);
      if (value < lo || value > hi) {
        throw new DataException(`Value ${value} out of range for schema type ${schema.type}${at(fieldName)}`);
      }
      return;
    }
    case 'FLOAT32':
    case 'FLOAT64':
      if (typeof value !== 'number') invalidType(schema, value, fieldName);
      return;
    case 'BOOLEAN':
      if (typeof value !== 'boolean') invalidType(schema, value, fieldName);
      return;
    case 'STRING':
      if (typeof value !== 'string') invalidType(schema, value, fieldName);
      return;
    case 'BYTES':
      if (!(value instanceof Uint8Array)) invalidType(schema, value, fieldName);
      return;
    case 'ARRAY':
      if (!Array.isArray(value)) return invalidType(schema, value, fieldName);
      for (const item of value) validateValue(schema.valueSchema!, item, fieldName);
      return;
    case 'MAP':
      if (!(value instanceof Map)) return invalidType(schema, value, fieldName);
      for (const [k, v] of value) {
        validateValue(schema.keySchema!, k, fieldName);
        validateValue(schema.valueSchema!, v, fieldName);
      }
      return;
    case 'STRUCT': {
      const struct = value as Struct;
      if (typeof struct !== 'object' || typeof struct.validate !== 'function')
        return invalidType(schema, value, fieldName);
      if (!schemasEqual(struct.schema, schema)) {
        throw new DataException(`Struct schemas do not match${at(fieldName)}`);
      }
      struct.validate();
      return;
    }
    default: {
      const _never: never = schema.type;
      return _never;
    }
  }
}

/** Structural schema equality (ConnectSchema.equals): type, optionality, metadata, nested schemas. */
export function schemasEqual(a: Schema | null | undefined, b: Schema | null | undefined): boolean {
  if (a === b) return true;
  if (a == null || b == null) return false;
  if (a.type !== b.type || a.optional !== b.optional) return false;
  if (a.name !== b.name || a.version !== b.version || a.doc !== b.doc) return false;
  if (JSON.stringify(a.parameters ?? null) !== JSON.stringify(b.parameters ?? null)) return false;
  if (!schemasEqual(a.keySchema, b.keySchema) || !schemasEqual(a.valueSchema, b.valueSchema)) return false;
  const fa = a.fields ?? [];
  const fb = b.fields ?? [];
  if (fa.length !== fb.length) return false;
  return fa.every((f, i) => f.name === fb[i]!.name && schemasEqual(f.schema, fb[i]!.schema));
}
