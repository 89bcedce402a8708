import { DataException } from '../api/connect-errors.ts';
import { SchemaBuilder, type Schema } from '../api/schema.ts';
import { Struct } from '../api/struct.ts';

/** Avro schema JSON as avsc and the registry take it. */
export type AvroSchema = string | { readonly [key: string]: unknown } | readonly AvroSchema[];

/** The record name Confluent's AvroData gives an unnamed Connect struct. */
export const connectDefaultRecordName = 'io.confluent.connect.avro.ConnectDefault';

/**
 * Connect schema -> Avro schema, following Confluent's AvroData: optional types become
 * `["null", T]` unions defaulting to null, INT8/INT16 are Avro ints tagged with `connect.type`,
 * structs are records named after the Connect schema, string-keyed maps are Avro maps.
 * Non-string map keys (an array of key/value records in AvroData) are not supported here.
 */
export function toAvroSchema(schema: Schema, names: Set<string> = new Set()): AvroSchema {
  const base = baseAvroSchema(schema, names);
  return schema.optional ? ['null', base] : base;
}

function baseAvroSchema(schema: Schema, names: Set<string>): AvroSchema {
  switch (schema.type) {
    case 'INT8':
      return { type: 'int', 'connect.type': 'int8' };
    case 'INT16':
      return { type: 'int', 'connect.type': 'int16' };
    case 'INT32':
      return 'int';
    case 'INT64':
      return 'long';
    case 'FLOAT32':
      return 'float';
    case 'FLOAT64':
      return 'double';
    case 'BOOLEAN':
      return 'boolean';
    case 'STRING':
      return 'string';
    case 'BYTES':
      return 'bytes';
    case 'ARRAY':
      return { type: 'array', items: toAvroSchema(schema.valueSchema!, names) };
    case 'MAP':
      if (schema.keySchema!.type !== 'STRING') {
        throw new DataException('AvroConverter supports only string-keyed maps');
      }
      return { type: 'map', values: toAvroSchema(schema.valueSchema!, names) };
    case 'STRUCT': {
      let name = schema.name ?? connectDefaultRecordName;
      // Avro forbids redefining a name within one schema; number repeats as AvroData does.
      for (let i = 1; names.has(name); i++) name = `${schema.name ?? connectDefaultRecordName}${i}`;
      names.add(name);
      return {
        type: 'record',
        name,
        fields: schema.fields!.map((f) => {
          const fieldSchema = toAvroSchema(f.schema, names);
          return f.schema.optional
            ? { name: f.name, type: fieldSchema, default: null }
            : { name: f.name, type: fieldSchema };
        }),
      };
    }
    default: {
      const _never: never = schema.type;
      return _never;
    }
  }
}

/** Avro schema -> Connect schema (the reverse mapping; named records keep their full name). */
export function toConnectSchema(avro: unknown): Schema {
  if (Array.isArray(avro)) {
    const branches = avro.filter((b) => b !== 'null');
    if (branches.length !== 1 || avro.length !== 2)
      throw new DataException('Only ["null", T] unions are supported');
    return withOptional(toConnectSchema(branches[0]), true);
  }
  if (typeof avro === 'string') return primitive(avro);
  if (avro === null || typeof avro !== 'object')
    throw new DataException(`Invalid Avro schema ${String(avro)}`);
  const obj = avro as Record<string, unknown>;
  const type = obj['type'];
  if (type === 'record') {
    const builder = SchemaBuilder.struct();
    const fullName = qualifiedName(obj);
    if (fullName !== connectDefaultRecordName) builder.name(fullName);
    for (const f of obj['fields'] as { name: string; type: unknown }[])
      builder.field(f.name, toConnectSchema(f.type));
    return builder.build();
  }
  if (type === 'array') return SchemaBuilder.array(toConnectSchema(obj['items'])).build();
  if (type === 'map') return SchemaBuilder.map(primitive('string'), toConnectSchema(obj['values'])).build();
  if (type === 'int' && obj['connect.type'] === 'int8') return SchemaBuilder.of('INT8').build();
  if (type === 'int' && obj['connect.type'] === 'int16') return SchemaBuilder.of('INT16').build();
  if (typeof type === 'string') return primitive(type);
  return toConnectSchema(type);
}

function qualifiedName(obj: Record<string, unknown>): string {
  const name = String(obj['name']);
  const ns = obj['namespace'];
  return typeof ns === 'string' && ns !== '' && !name.includes('.') ? `${ns}.${name}` : name;
}

function primitive(name: string): Schema {
  const map: Record<string, Schema['type']> = {
    int: 'INT32',
    long: 'INT64',
    float: 'FLOAT32',
    double: 'FLOAT64',
    boolean: 'BOOLEAN',
    string: 'STRING',
    bytes: 'BYTES',
  };
  const type = map[name];
  if (type === undefined) throw new DataException(`Unsupported Avro type ${name}`);
  return SchemaBuilder.of(type).build();
}

function withOptional(schema: Schema, optional: boolean): Schema {
  return Object.freeze({ ...schema, optional });
}

/** Connect value -> the plain JS value avsc encodes for the mapped Avro schema. */
export function toAvroValue(schema: Schema, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (schema.type) {
    case 'STRUCT': {
      const struct = value as Struct;
      const out: Record<string, unknown> = {};
      for (const f of schema.fields!) out[f.name] = toAvroValue(f.schema, struct.get(f.name));
      return out;
    }
    case 'ARRAY':
      return (value as unknown[]).map((v) => toAvroValue(schema.valueSchema!, v));
    case 'MAP': {
      const out: Record<string, unknown> = {};
      const entries =
        value instanceof Map ? [...value.entries()] : Object.entries(value as Record<string, unknown>);
      for (const [k, v] of entries) out[String(k)] = toAvroValue(schema.valueSchema!, v);
      return out;
    }
    default:
      return value;
  }
}

/** Decoded avsc value -> Connect value for `schema`. */
export function toConnectValue(schema: Schema, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (schema.type) {
    case 'STRUCT': {
      const record = value as Record<string, unknown>;
      const struct = new Struct(schema);
      for (const f of schema.fields!) struct.put(f.name, toConnectValue(f.schema, record[f.name]));
      return struct;
    }
    case 'ARRAY':
      return (value as unknown[]).map((v) => toConnectValue(schema.valueSchema!, v));
    case 'MAP':
      return new Map(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [
          k,
          toConnectValue(schema.valueSchema!, v),
        ]),
      );
    default:
      return value;
  }
}
