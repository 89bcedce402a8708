import { DataException } from '../api/connect-errors.ts';
import type { ConnectRecord } from '../api/records.ts';
import { SchemaBuilder, schemaField, type Schema } from '../api/schema.ts';
import { Struct } from '../api/struct.ts';
import { ConfigDef, ConfigType, Importance, NO_DEFAULT_VALUE } from '../config/config-def.ts';
import { ConfigException } from '../config/config-exception.ts';
import {
  requireMap,
  requireStruct,
  SchemaCache,
  type PlainObject,
  type Transformation,
  type TransformProps,
} from './transformation.ts';

const purpose = 'copying fields from value to key';

function def(): ConfigDef {
  return new ConfigDef().define(
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
    'Field names on the record value to extract as the record key.',
  );
}

/** ValueToKey: the key becomes a map or struct of the listed value fields. */
export class ValueToKey<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  private fields: readonly string[] = [];
  private readonly schemas = new SchemaCache();

  configure(props: TransformProps): void {
    this.fields = def().parse(props)['fields'] as string[];
  }

  apply(record: R): R {
    const schema = record.valueSchema ?? null;
    if (schema === null) {
      const value = requireMap(record.value, purpose);
      const key: PlainObject = {};
      for (const f of this.fields) key[f] = value[f] ?? null;
      return { ...record, keySchema: null, key };
    }
    const value = requireStruct(record.value, purpose);
    const keySchema = this.schemas.get(schema, (s) => this.makeKeySchema(s));
    const key = new Struct(keySchema);
    for (const f of this.fields) key.put(f, value.get(f));
    return { ...record, keySchema, key };
  }

  private makeKeySchema(valueSchema: Schema): Schema {
    const builder = SchemaBuilder.struct();
    for (const f of this.fields) {
      const field = schemaField(valueSchema, f);
      if (field === undefined) throw new DataException(`Field does not exist: ${f}`);
      builder.field(f, field.schema);
    }
    return builder.build();
  }

  config(): ConfigDef {
    return def();
  }

  close(): void {}
}
