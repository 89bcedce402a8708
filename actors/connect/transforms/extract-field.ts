import { DataException } from '../api/connect-errors.ts';
import type { ConnectRecord } from '../api/records.ts';
import { schemaField } from '../api/schema.ts';
import { Struct } from '../api/struct.ts';
import { ConfigDef, ConfigType, Importance, NO_DEFAULT_VALUE } from '../config/config-def.ts';
import {
  isPlainObject,
  operatingSchema,
  operatingValue,
  withPart,
  type RecordPart,
  type Transformation,
  type TransformProps,
} from './transformation.ts';

const purpose = 'field extraction';

function def(): ConfigDef {
  return new ConfigDef().define(
    'field',
    ConfigType.STRING,
    NO_DEFAULT_VALUE,
    undefined,
    Importance.MEDIUM,
    'Field name to extract.',
  );
}

/** ExtractField$Key / ExtractField$Value: replaces the struct or map with one of its fields. Null stays null. */
export class ExtractField<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  private readonly part: RecordPart;
  private field = '';

  constructor(part: RecordPart) {
    this.part = part;
  }

  configure(props: TransformProps): void {
    this.field = def().parse(props)['field'] as string;
  }

  apply(record: R): R {
    const value = operatingValue(record, this.part);
    const schema = operatingSchema(record, this.part);
    if (schema === null) {
      if (value === null || value === undefined) return withPart(record, this.part, null, null);
      if (!isPlainObject(value)) {
        throw new DataException(
          `Only Map objects supported in absence of schema for [${purpose}], found: ${typeof value}`,
        );
      }
      return withPart(record, this.part, null, value[this.field] ?? null);
    }
    if (value !== null && value !== undefined && !(value instanceof Struct)) {
      throw new DataException(`Only Struct objects supported for [${purpose}], found: ${typeof value}`);
    }
    const field = schemaField(schema, this.field);
    if (field === undefined) throw new DataException(`Unknown field: ${this.field}`);
    const extracted = value instanceof Struct ? value.get(this.field) : null;
    return withPart(record, this.part, field.schema, extracted);
  }

  config(): ConfigDef {
    return def();
  }

  close(): void {}
}
