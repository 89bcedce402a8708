import type { ConnectRecord } from '../api/records.ts';
import { SchemaBuilder } from '../api/schema.ts';
import { Struct } from '../api/struct.ts';
import { ConfigDef, ConfigType, Importance, NO_DEFAULT_VALUE } from '../config/config-def.ts';
import {
  operatingSchema,
  operatingValue,
  SchemaCache,
  withPart,
  type RecordPart,
  type Transformation,
  type TransformProps,
} from './transformation.ts';

function def(): ConfigDef {
  return new ConfigDef().define(
    'field',
    ConfigType.STRING,
    NO_DEFAULT_VALUE,
    undefined,
    Importance.MEDIUM,
    'Field name for the single field in the resulting struct or map.',
  );
}

/** HoistField$Key / HoistField$Value: wraps the data in a struct or map with a single field. */
export class HoistField<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  private readonly part: RecordPart;
  private field = '';
  private readonly schemas = new SchemaCache();

  constructor(part: RecordPart) {
    this.part = part;
  }

  configure(props: TransformProps): void {
    this.field = def().parse(props)['field'] as string;
  }

  apply(record: R): R {
    const value = operatingValue(record, this.part);
    const schema = operatingSchema(record, this.part);
    if (schema === null) return withPart(record, this.part, null, { [this.field]: value ?? null });
    const updatedSchema = this.schemas.get(schema, (s) =>
      SchemaBuilder.struct().field(this.field, s).build(),
    );
    return withPart(record, this.part, updatedSchema, new Struct(updatedSchema).put(this.field, value));
  }

  config(): ConfigDef {
    return def();
  }

  close(): void {}
}
