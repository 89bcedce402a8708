import { DataException } from '../api/connect-errors.ts';
import { SchemaBuilder, schemasEqual, type Schema, type SchemaType } from '../api/schema.ts';
import { Struct } from '../api/struct.ts';
import { nullSchemaAndValue, type Converter, type SchemaAndValue } from './converter.ts';
import { doubleJson, endOfJsonValue, RawJson, writeJson } from './json-text.ts';

/** Connect type <-> the lower-case names in the JSON schema ("int32", "float", "double", ...). */
const jsonTypeNames: Record<SchemaType, string> = {
  BOOLEAN: 'boolean',
  INT8: 'int8',
  INT16: 'int16',
  INT32: 'int32',
  INT64: 'int64',
  FLOAT32: 'float',
  FLOAT64: 'double',
  BYTES: 'bytes',
  STRING: 'string',
  ARRAY: 'array',
  MAP: 'map',
  STRUCT: 'struct',
};
const typesByJsonName = new Map(Object.entries(jsonTypeNames).map(([t, n]) => [n, t as SchemaType]));

type JsonObject = Record<string, unknown>;

/** Kafka's default `schemas.cache.size`. */
export const schemasCacheSizeDefault = 1000;

const quotedNames = new WeakMap<Schema, string[]>();

/** A struct schema's field names as JSON string literals, computed once per schema. */
function quotedFieldNames(schema: Schema): string[] {
  let names = quotedNames.get(schema);
  if (names === undefined) {
    names = schema.fields!.map((f) => JSON.stringify(f.name));
    quotedNames.set(schema, names);
  }
  return names;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new DataException(
      `Converting byte[] to Kafka Connect data failed due to serialization error: ${(err as Error).message}`,
      { cause: err },
    );
  }
}

function invalidJson(schema: Schema, json: unknown): never {
  throw new DataException(`Invalid JSON for ${schema.type} schema: ${JSON.stringify(json)}`);
}

function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Kafka's JsonConverter (org.apache.kafka.connect.json.JsonConverter). With `schemas.enable=true`
 * (the default) every message is the envelope `{"schema":{...},"payload":...}`, schema first, with
 * the schema written field for field as Kafka writes it (type, fields/items/keys/values, optional,
 * name, version, doc, parameters, default); with false it is the bare payload. Schemaless maps are
 * plain objects; INT64 values must be safe integers.
 */
export class JsonConverter implements Converter {
  private schemasEnabled = true;
  private replaceNullWithDefault = true;
  private schemasCacheSize = schemasCacheSizeDefault;
  private readonly fromConnectSchemaCache = new WeakMap<Schema, string>();
  private readonly toConnectSchemaCache = new Map<string, Schema>();

  configure(configs: Readonly<Record<string, unknown>>, _isKey: boolean): void {
    const enable = configs['schemas.enable'];
    if (enable !== undefined) this.schemasEnabled = String(enable).trim().toLowerCase() === 'true';
    const replace = configs['replace.null.with.default'];
    if (replace !== undefined) this.replaceNullWithDefault = String(replace).trim().toLowerCase() === 'true';
    const cacheSize = configs['schemas.cache.size'];
    if (cacheSize !== undefined) this.schemasCacheSize = Math.max(1, Number(cacheSize));
    const decimalFormat = configs['decimal.format'];
    if (decimalFormat !== undefined && String(decimalFormat).toUpperCase() !== 'BASE64') {
      throw new DataException(
        `Unsupported decimal.format ${String(decimalFormat)}; only BASE64 is supported`,
      );
    }
  }

  fromConnectData(_topic: string, schema: Schema | null, value: unknown): Buffer | null {
    if (schema === null && (value === null || value === undefined)) return null;
    try {
      const payload = writeJson(this.toJson(schema, value ?? null));
      if (!this.schemasEnabled) return Buffer.from(payload, 'utf8');
      const schemaText = schema === null ? 'null' : this.schemaText(schema);
      return Buffer.from(`{"schema":${schemaText},"payload":${payload}}`, 'utf8');
    } catch (err) {
      if (err instanceof DataException) throw err;
      throw new DataException('Converting Kafka Connect data to byte[] failed due to serialization error', {
        cause: err,
      });
    }
  }

  /** The schema's JSON text, computed once per schema object (Kafka caches it too: schemas.cache.size). */
  private schemaText(schema: Schema): string {
    let text = this.fromConnectSchemaCache.get(schema);
    if (text === undefined) {
      text = writeJson(this.asJsonSchema(schema));
      this.fromConnectSchemaCache.set(schema, text);
    }
    return text;
  }

  /** The Connect schema for a JSON schema, cached by its text up to `schemas.cache.size` entries. */
  private cachedConnectSchema(key: string, json: unknown): Schema {
    let schema = this.toConnectSchemaCache.get(key);
    if (schema === undefined) {
      schema = this.asConnectSchema(json);
      if (this.toConnectSchemaCache.size >= this.schemasCacheSize) {
        // Evict the oldest entry: Map iterates in insertion order.
        this.toConnectSchemaCache.delete(this.toConnectSchemaCache.keys().next().value!);
      }
      this.toConnectSchemaCache.set(key, schema);
    }
    return schema;
  }

  toConnectData(_topic: string, bytes: Buffer | null): SchemaAndValue {
    if (bytes === null) return nullSchemaAndValue;
    const text = bytes.toString('utf8');
    if (this.schemasEnabled) {
      const fast = this.fastEnvelope(text);
      if (fast !== undefined) return fast;
    }
    const json = parseJson(text);
    if (!this.schemasEnabled) return { schema: null, value: this.toConnect(null, json) };
    if (!isObject(json) || Object.keys(json).length !== 2 || !('schema' in json) || !('payload' in json)) {
      throw new DataException(
        'JsonConverter with schemas.enable requires "schema" and "payload" fields and may not contain additional fields.' +
          ' If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter configuration.',
      );
    }
    const schema =
      json['schema'] === null
        ? null
        : this.cachedConnectSchema(JSON.stringify(json['schema']), json['schema']);
    return { schema, value: this.toConnect(schema, json['payload']) };
  }

  /**
   * The common case, `{"schema":{...},"payload":...}` exactly as a JsonConverter wrote it: the
   * schema is looked up by its text and only the payload is parsed. Anything else takes the
   * general path (undefined).
   */
  private fastEnvelope(text: string): SchemaAndValue | undefined {
    const prefix = '{"schema":';
    if (!text.startsWith(prefix)) return undefined;
    const schemaEnd = endOfJsonValue(text, prefix.length);
    const payloadKey = ',"payload":';
    if (schemaEnd < 0 || !text.startsWith(payloadKey, schemaEnd) || !text.endsWith('}')) return undefined;
    const schemaText = text.slice(prefix.length, schemaEnd);
    let schema = this.toConnectSchemaCache.get(schemaText);
    if (schema === undefined) schema = this.cachedConnectSchema(schemaText, parseJson(schemaText));
    const payload = parseJson(text.slice(schemaEnd + payloadKey.length, text.length - 1));
    return { schema, value: this.toConnect(schema, payload) };
  }

  /** Connect schema -> its JSON description, key order as Kafka's asJsonSchema. */
  asJsonSchema(schema: Schema): JsonObject {
    const out: JsonObject = { type: jsonTypeNames[schema.type] };
    if (schema.type === 'ARRAY') out['items'] = this.asJsonSchema(schema.valueSchema!);
    if (schema.type === 'MAP') {
      out['keys'] = this.asJsonSchema(schema.keySchema!);
      out['values'] = this.asJsonSchema(schema.valueSchema!);
    }
    if (schema.type === 'STRUCT') {
      out['fields'] = schema.fields!.map((f) => ({ ...this.asJsonSchema(f.schema), field: f.name }));
    }
    out['optional'] = schema.optional;
    if (schema.name !== undefined) out['name'] = schema.name;
    if (schema.version !== undefined) out['version'] = schema.version;
    if (schema.doc !== undefined) out['doc'] = schema.doc;
    if (schema.parameters !== undefined) out['parameters'] = { ...schema.parameters };
    if (schema.defaultValue !== undefined && schema.defaultValue !== null) {
      out['default'] = this.toJson(schema, schema.defaultValue);
    }
    return out;
  }

  /** JSON schema description -> Connect schema (asConnectSchema). */
  asConnectSchema(json: unknown): Schema {
    if (!isObject(json)) throw new DataException('Schema must be a JSON object');
    const typeName = json['type'];
    if (typeof typeName !== 'string') throw new DataException("Schema must contain 'type' field");
    const type = typesByJsonName.get(typeName);
    if (type === undefined) throw new DataException(`Unknown schema type: ${typeName}`);
    let builder: SchemaBuilder;
    if (type === 'STRUCT') {
      builder = SchemaBuilder.struct();
      const fields = json['fields'];
      if (!Array.isArray(fields))
        throw new DataException('Struct schema\'s "fields" argument is not an array.');
      for (const f of fields) {
        if (!isObject(f) || typeof f['field'] !== 'string')
          throw new DataException("Struct schema's field name not specified properly");
        builder.field(f['field'], this.asConnectSchema(f));
      }
    } else if (type === 'ARRAY') {
      if (json['items'] === undefined)
        throw new DataException('Array schema did not specify the element type');
      builder = SchemaBuilder.array(this.asConnectSchema(json['items']));
    } else if (type === 'MAP') {
      if (json['keys'] === undefined || json['values'] === undefined) {
        throw new DataException('Map schema did not specify the key type');
      }
      builder = SchemaBuilder.map(this.asConnectSchema(json['keys']), this.asConnectSchema(json['values']));
    } else builder = SchemaBuilder.of(type);
    if (json['optional'] === true) builder.optional();
    if (typeof json['name'] === 'string') builder.name(json['name']);
    if (typeof json['version'] === 'number') builder.version(json['version']);
    if (typeof json['doc'] === 'string') builder.doc(json['doc']);
    if (isObject(json['parameters'])) {
      for (const [k, v] of Object.entries(json['parameters'])) builder.parameter(k, String(v));
    }
    if (json['default'] !== undefined && json['default'] !== null) {
      const withoutDefault = builder.build();
      builder.defaultValue(this.toConnect(withoutDefault, json['default']));
    }
    return builder.build();
  }

  private toJson(schema: Schema | null, value: unknown): unknown {
    if (value === null || value === undefined) {
      if (schema === null) return null;
      if (schema.defaultValue !== undefined && schema.defaultValue !== null && this.replaceNullWithDefault) {
        return this.toJson(schema, schema.defaultValue);
      }
      if (schema.optional) return null;
      throw new DataException(
        'Conversion error: null value for field that is required and has no default value',
      );
    }
    if (schema === null) return this.schemalessToJson(value);
    switch (schema.type) {
      case 'INT8':
      case 'INT16':
      case 'INT32':
      case 'INT64':
        if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw this.mismatch(schema, value);
        return value;
      case 'FLOAT32':
      case 'FLOAT64':
        if (typeof value !== 'number') throw this.mismatch(schema, value);
        return doubleJson(value);
      case 'BOOLEAN':
        if (typeof value !== 'boolean') throw this.mismatch(schema, value);
        return value;
      case 'STRING':
        if (typeof value !== 'string') throw this.mismatch(schema, value);
        return value;
      case 'BYTES':
        if (!(value instanceof Uint8Array)) throw this.mismatch(schema, value);
        return Buffer.from(value).toString('base64');
      case 'ARRAY':
        if (!Array.isArray(value)) throw this.mismatch(schema, value);
        return value.map((v) => this.toJson(schema.valueSchema!, v));
      case 'MAP':
        return this.mapToJson(schema, value);
      case 'STRUCT': {
        if (!(value instanceof Struct)) throw this.mismatch(schema, value);
        if (!schemasEqual(value.schema, schema)) throw new DataException('Mismatching schema.');
        // Written straight to text: structs are the bulk of every payload, and an intermediate
        // object per struct cost half the converter's time when profiled.
        const keys = quotedFieldNames(schema);
        const fields = schema.fields!;
        let text = '{';
        for (let i = 0; i < fields.length; i++) {
          const f = fields[i]!;
          const v = this.replaceNullWithDefault ? value.get(f.name) : value.getWithoutDefault(f.name);
          text += (i === 0 ? '' : ',') + keys[i] + ':' + writeJson(this.toJson(f.schema, v));
        }
        return new RawJson(text + '}');
      }
      default: {
        const _never: never = schema.type;
        return _never;
      }
    }
  }

  private mapToJson(schema: Schema, value: unknown): unknown {
    const entries: [unknown, unknown][] =
      value instanceof Map ? [...value.entries()] : isObject(value) ? Object.entries(value) : [];
    if (!(value instanceof Map) && !isObject(value)) throw this.mismatch(schema, value);
    // String keys become a JSON object; any other key type is written as [[key, value], ...].
    if (schema.keySchema!.type === 'STRING') {
      const out: JsonObject = {};
      for (const [k, v] of entries) out[String(k)] = this.toJson(schema.valueSchema!, v);
      return out;
    }
    return entries.map(([k, v]) => [this.toJson(schema.keySchema!, k), this.toJson(schema.valueSchema!, v)]);
  }

  private schemalessToJson(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    switch (typeof value) {
      case 'number':
        return Number.isInteger(value) ? value : doubleJson(value);
      case 'string':
      case 'boolean':
        return value;
      default:
        break;
    }
    if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
    if (Array.isArray(value)) return value.map((v) => this.schemalessToJson(v));
    if (value instanceof Struct) return this.toJson(value.schema, value);
    if (value instanceof Map) {
      const stringKeys = [...value.keys()].every((k) => typeof k === 'string');
      if (stringKeys) {
        const out: JsonObject = {};
        for (const [k, v] of value) out[k as string] = this.schemalessToJson(v);
        return out;
      }
      return [...value.entries()].map(([k, v]) => [this.schemalessToJson(k), this.schemalessToJson(v)]);
    }
    if (isObject(value)) {
      const out: JsonObject = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.schemalessToJson(v);
      return out;
    }
    throw new DataException(`Type ${typeof value} does not have a corresponding schema type.`);
  }

  private toConnect(schema: Schema | null, json: unknown): unknown {
    if (json === null || json === undefined) {
      if (schema === null) return null;
      if (schema.defaultValue !== undefined) return schema.defaultValue;
      if (schema.optional) return null;
      throw new DataException(`Invalid null value for required ${schema.type} field`);
    }
    if (schema === null) return json;
    switch (schema.type) {
      case 'INT8':
      case 'INT16':
      case 'INT32':
      case 'INT64':
        if (typeof json !== 'number' || !Number.isSafeInteger(json)) return invalidJson(schema, json);
        return json;
      case 'FLOAT32':
      case 'FLOAT64':
        if (typeof json === 'number') return json;
        if (json === 'NaN') return NaN;
        if (json === 'Infinity') return Infinity;
        if (json === '-Infinity') return -Infinity;
        return invalidJson(schema, json);
      case 'BOOLEAN':
        if (typeof json !== 'boolean') return invalidJson(schema, json);
        return json;
      case 'STRING':
        if (typeof json !== 'string') return invalidJson(schema, json);
        return json;
      case 'BYTES':
        if (typeof json !== 'string') return invalidJson(schema, json);
        return Buffer.from(json, 'base64');
      case 'ARRAY':
        if (!Array.isArray(json)) {
          throw new DataException('Array schema did not match; the value is not an array');
        }
        return json.map((v) => this.toConnect(schema.valueSchema!, v));
      case 'MAP': {
        const out = new Map<unknown, unknown>();
        if (schema.keySchema!.type === 'STRING') {
          if (!isObject(json)) return invalidJson(schema, json);
          for (const [k, v] of Object.entries(json)) out.set(k, this.toConnect(schema.valueSchema!, v));
          return out;
        }
        if (!Array.isArray(json)) return invalidJson(schema, json);
        for (const entry of json) {
          if (!Array.isArray(entry) || entry.length !== 2) {
            throw new DataException('Found invalid map entry instead of array tuple');
          }
          out.set(this.toConnect(schema.keySchema!, entry[0]), this.toConnect(schema.valueSchema!, entry[1]));
        }
        return out;
      }
      case 'STRUCT': {
        if (!isObject(json)) {
          throw new DataException(`Structs should be encoded as JSON objects, but found ${typeof json}`);
        }
        const struct = new Struct(schema);
        for (const f of schema.fields!) struct.put(f.name, this.toConnect(f.schema, json[f.name]));
        return struct;
      }
      default: {
        const _never: never = schema.type;
        return _never;
      }
    }
  }

  private mismatch(schema: Schema, value: unknown): DataException {
    return new DataException(`Invalid type for ${schema.type}: ${value === null ? 'null' : typeof value}`);
  }
}
