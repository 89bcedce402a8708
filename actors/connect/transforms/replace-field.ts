import type { ConnectRecord } from '../api/records.ts';
import { SchemaBuilder, type Schema } from '../api/schema.ts';
import { Struct } from '../api/struct.ts';
import { ConfigDef, ConfigType, Importance } from '../config/config-def.ts';
import { ConfigException } from '../config/config-exception.ts';
import {
  operatingSchema,
  operatingValue,
  requireMap,
  requireStruct,
  SchemaCache,
  withPart,
  type PlainObject,
  type RecordPart,
  type Transformation,
  type TransformProps,
} from './transformation.ts';

const purpose = 'field replacement';

function def(): ConfigDef {
  return new ConfigDef()
    .define(
      'exclude',
      ConfigType.LIST,
      '',
      undefined,
      Importance.MEDIUM,
      'Fields to exclude; takes precedence over include.',
    )
    .define(
      'include',
      ConfigType.LIST,
      '',
      undefined,
      Importance.MEDIUM,
      'Fields to include; empty means all.',
    )
    .define('renames', ConfigType.LIST, '', undefined, Importance.MEDIUM, 'Field rename mappings, from:to.')
    .define('blacklist', ConfigType.LIST, null, undefined, Importance.LOW, 'Deprecated alias of exclude.')
    .define('whitelist', ConfigType.LIST, null, undefined, Importance.LOW, 'Deprecated alias of include.');
}

/** ReplaceField$Key / ReplaceField$Value: drops, keeps and renames fields. Tombstones pass through. */
export class ReplaceField<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  private readonly part: RecordPart;
  private exclude: readonly string[] = [];
  private include: readonly string[] = [];
  private renames = new Map<string, string>();
  private reverseRenames = new Map<string, string>();
  private readonly schemas = new SchemaCache();

  constructor(part: RecordPart) {
    this.part = part;
  }

  configure(props: TransformProps): void {
    const v = def().parse(props);
    this.exclude =
      (v['exclude'] as string[]).length > 0
        ? (v['exclude'] as string[])
        : ((v['blacklist'] as string[] | null) ?? []);
    this.include =
      (v['include'] as string[]).length > 0
        ? (v['include'] as string[])
        : ((v['whitelist'] as string[] | null) ?? []);
    this.renames = new Map();
    for (const mapping of v['renames'] as string[]) {
      const parts = mapping.split(':');
      if (parts.length !== 2 || parts[0] === '' || parts[1] === '') {
        throw new ConfigException('renames', 'Invalid rename mapping: ' + mapping, v['renames']);
      }
      this.renames.set(parts[0]!, parts[1]!);
    }
    this.reverseRenames = new Map([...this.renames].map(([a, b]) => [b, a]));
  }

  /** ReplaceField.filter: excluded never; included when the include list is empty or names it. */
  filter(fieldName: string): boolean {
    return (
      !this.exclude.includes(fieldName) && (this.include.length === 0 || this.include.includes(fieldName))
    );
  }

  renamed(fieldName: string): string {
    return this.renames.get(fieldName) ?? fieldName;
  }

  reverseRenamed(fieldName: string): string {
    return this.reverseRenames.get(fieldName) ?? fieldName;
  }

  apply(record: R): R {
    const value = operatingValue(record, this.part);
    if (value === null || value === undefined) return record;
    const schema = operatingSchema(record, this.part);
    if (schema === null) {
      const map = requireMap(value, purpose);
      const updated: PlainObject = {};
      for (const [k, v] of Object.entries(map)) if (this.filter(k)) updated[this.renamed(k)] = v;
      return withPart(record, this.part, null, updated);
    }
    const struct = requireStruct(value, purpose);
    const updatedSchema = this.schemas.get(schema, (s) => this.makeUpdatedSchema(s));
    const updated = new Struct(updatedSchema);
    for (const f of updatedSchema.fields!)
      updated.put(f.name, struct.getWithoutDefault(this.reverseRenamed(f.name)));
    return withPart(record, this.part, updatedSchema, updated);
  }

  private makeUpdatedSchema(schema: Schema): Schema {
    const builder = SchemaBuilder.copyBasics(schema, SchemaBuilder.struct());
    for (const f of schema.fields!) if (this.filter(f.name)) builder.field(this.renamed(f.name), f.schema);
    return builder.build();
  }

  config(): ConfigDef {
    return def();
  }

  close(): void {}
}
