import { DataException } from '../api/connect-errors.ts';
import type { ConnectRecord } from '../api/records.ts';
import type { Schema } from '../api/schema.ts';
import { Struct } from '../api/struct.ts';
import { ConfigDef, ConfigType, Importance, NO_DEFAULT_VALUE } from '../config/config-def.ts';
import { ConfigException } from '../config/config-exception.ts';
import {
  operatingSchema,
  operatingValue,
  requireMap,
  requireStruct,
  withPart,
  type RecordPart,
  type Transformation,
  type TransformProps,
} from './transformation.ts';

const purpose = 'mask fields';

function def(): ConfigDef {
  return new ConfigDef()
    .define(
      'fields',
      ConfigType.LIST,
      NO_DEFAULT_VALUE,
      {
        ensureValid(name, value) {
          if ((value as string[]).length === 0) throw new ConfigException(name, 'Empty list', '');
        },
        describe: () => 'non-empty list',
      },
      Importance.HIGH,
      'Names of fields to mask.',
    )
    .define(
      'replacement',
      ConfigType.STRING,
      null,
      {
        ensureValid(name, value) {
          if (value === '') throw new ConfigException(name, 'String may not be empty', value);
        },
        describe: () => 'non-empty string',
      },
      Importance.LOW,
      'Custom value replacement applied to all fields.',
    );
}

/** The "empty" value of a type that MaskField writes when no replacement is given. */
function nullEquivalent(schemaType: string | undefined, value: unknown): unknown {
  if (schemaType !== undefined) {
    switch (schemaType) {
      case 'INT8':
      case 'INT16':
      case 'INT32':
      case 'INT64':
      case 'FLOAT32':
      case 'FLOAT64':
        return 0;
      case 'BOOLEAN':
        return false;
      case 'STRING':
        return '';
      case 'BYTES':
        return Buffer.alloc(0);
      case 'ARRAY':
        return [];
      case 'MAP':
        return new Map();
      default:
        break;
    }
  } else {
    if (typeof value === 'number') return 0;
    if (typeof value === 'boolean') return false;
    if (typeof value === 'string') return '';
    if (Array.isArray(value)) return [];
    if (value instanceof Uint8Array) return Buffer.alloc(0);
    if (value instanceof Map) return new Map();
    if (value !== null && typeof value === 'object') return {};
  }
  throw new DataException(`Cannot mask value of type: ${schemaType ?? typeof value}`);
}

/** The replacement string cast to the field's type, as MaskField's REPLACEMENT_MAPPING_FUNC does. */
function castReplacement(replacement: string, schemaType: string | undefined, value: unknown): unknown {
  const kind =
    schemaType ?? (typeof value === 'number' ? 'FLOAT64' : typeof value === 'string' ? 'STRING' : 'OTHER');
  switch (kind) {
    case 'STRING':
      return replacement;
    case 'INT8':
    case 'INT16':
    case 'INT32':
    case 'INT64': {
      const n = Number(replacement);
      if (!Number.isInteger(n)) throw new DataException(`Unable to convert ${replacement} to ${kind}`);
      return n;
    }
    case 'FLOAT32':
    case 'FLOAT64': {
      const n = Number(replacement);
      if (Number.isNaN(n)) throw new DataException(`Unable to convert ${replacement} to ${kind}`);
      return n;
    }
    default:
      throw new DataException(`Cannot mask value of type ${kind} with custom replacement.`);
  }
}

/** MaskField$Key / MaskField$Value: replaces listed fields with a type-appropriate empty value or `replacement`. */
export class MaskField<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  private readonly part: RecordPart;
  private fields: readonly string[] = [];
  private replacement: string | null = null;

  constructor(part: RecordPart) {
    this.part = part;
  }

  configure(props: TransformProps): void {
    const v = def().parse(props);
    this.fields = v['fields'] as string[];
    this.replacement = v['replacement'] as string | null;
  }

  private masked(schemaType: string | undefined, value: unknown): unknown {
    if (value === null || value === undefined) return null;
    return this.replacement === null
      ? nullEquivalent(schemaType, value)
      : castReplacement(this.replacement, schemaType, value);
  }

  apply(record: R): R {
    const value = operatingValue(record, this.part);
    if (value === null || value === undefined) return record;
    const schema: Schema | null = operatingSchema(record, this.part);
    if (schema === null) {
      const updated = { ...requireMap(value, purpose) };
      for (const f of this.fields) if (f in updated) updated[f] = this.masked(undefined, updated[f]);
      return withPart(record, this.part, null, updated);
    }
    const struct = requireStruct(value, purpose);
    const updated = new Struct(schema);
    for (const f of schema.fields!) {
      const v = struct.getWithoutDefault(f.name);
      updated.put(f.name, this.fields.includes(f.name) ? this.masked(f.schema.type, v) : v);
    }
    return withPart(record, this.part, schema, updated);
  }

  config(): ConfigDef {
    return def();
  }

  close(): void {}
}
