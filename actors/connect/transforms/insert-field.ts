import { DataException } from '../api/connect-errors.ts';
import type { ConnectRecord } from '../api/records.ts';
import { LogicalTypes, SchemaBuilder, Schemas, type Schema } from '../api/schema.ts';
import { Struct } from '../api/struct.ts';
import { ConfigDef, ConfigType, Importance } from '../config/config-def.ts';
import { ConfigException } from '../config/config-exception.ts';
import {
  operatingSchema,
  operatingValue,
  requireMap,
  requireSinkRecord,
  requireStruct,
  SchemaCache,
  withPart,
  type RecordPart,
  type Transformation,
  type TransformProps,
} from './transformation.ts';

const purpose = 'field insertion';

interface InsertionSpec {
  readonly name: string;
  readonly optional: boolean;
}

/** `name!` is required, `name?` or `name` optional (InsertField.InsertionSpec.parse). */
function parseSpec(spec: string | null): InsertionSpec | null {
  if (spec === null || spec === '') return null;
  if (spec.endsWith('?')) return { name: spec.slice(0, -1), optional: true };
  if (spec.endsWith('!')) return { name: spec.slice(0, -1), optional: false };
  return { name: spec, optional: true };
}

function def(): ConfigDef {
  return new ConfigDef()
    .define(
      'topic.field',
      ConfigType.STRING,
      null,
      undefined,
      Importance.MEDIUM,
      'Field name for the record topic; suffix ! for required, ? for optional (default).',
    )
    .define(
      'partition.field',
      ConfigType.STRING,
      null,
      undefined,
      Importance.MEDIUM,
      'Field name for the Kafka partition.',
    )
    .define(
      'offset.field',
      ConfigType.STRING,
      null,
      undefined,
      Importance.MEDIUM,
      'Field name for the Kafka offset (sink connectors only).',
    )
    .define(
      'timestamp.field',
      ConfigType.STRING,
      null,
      undefined,
      Importance.MEDIUM,
      'Field name for the record timestamp.',
    )
    .define(
      'static.field',
      ConfigType.STRING,
      null,
      undefined,
      Importance.MEDIUM,
      'Field name for a static data field.',
    )
    .define(
      'static.value',
      ConfigType.STRING,
      null,
      undefined,
      Importance.MEDIUM,
      'Static field value, if a field name is configured.',
    );
}

/**
 * InsertField$Key / InsertField$Value: adds the topic, partition, offset, timestamp and/or a static
 * string to the record's map or struct. Tombstones pass through untouched.
 */
export class InsertField<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  private readonly part: RecordPart;
  private topicField: InsertionSpec | null = null;
  private partitionField: InsertionSpec | null = null;
  private offsetField: InsertionSpec | null = null;
  private timestampField: InsertionSpec | null = null;
  private staticField: InsertionSpec | null = null;
  private staticValue: string | null = null;
  private readonly schemas = new SchemaCache();

  constructor(part: RecordPart) {
    this.part = part;
  }

  configure(props: TransformProps): void {
    const v = def().parse(props);
    this.topicField = parseSpec(v['topic.field'] as string | null);
    this.partitionField = parseSpec(v['partition.field'] as string | null);
    this.offsetField = parseSpec(v['offset.field'] as string | null);
    this.timestampField = parseSpec(v['timestamp.field'] as string | null);
    this.staticField = parseSpec(v['static.field'] as string | null);
    this.staticValue = v['static.value'] as string | null;
    if (
      this.topicField === null &&
      this.partitionField === null &&
      this.offsetField === null &&
      this.timestampField === null &&
      this.staticField === null
    ) {
      throw new ConfigException(undefined, 'No field insertion configured');
    }
    if (this.staticField !== null && this.staticValue === null) {
      throw new ConfigException(
        'static.value',
        'No value specified for static field: ' + this.staticField.name,
      );
    }
  }

  apply(record: R): R {
    const value = operatingValue(record, this.part);
    if (value === null || value === undefined) return record;
    const schema = operatingSchema(record, this.part);
    return schema === null
      ? this.applySchemaless(record, value)
      : this.applyWithSchema(record, schema, value);
  }

  private applySchemaless(record: R, value: unknown): R {
    const updated = { ...requireMap(value, purpose) };
    if (this.topicField !== null) updated[this.topicField.name] = record.topic;
    if (this.partitionField !== null && record.kafkaPartition != null) {
      updated[this.partitionField.name] = record.kafkaPartition;
    }
    if (this.offsetField !== null)
      updated[this.offsetField.name] = requireSinkRecord(record, purpose).kafkaOffset;
    if (this.timestampField !== null && record.timestamp != null)
      updated[this.timestampField.name] = record.timestamp;
    if (this.staticField !== null && this.staticValue !== null)
      updated[this.staticField.name] = this.staticValue;
    return withPart(record, this.part, null, updated);
  }

  private applyWithSchema(record: R, schema: Schema, value: unknown): R {
    const struct = requireStruct(value, purpose);
    const updatedSchema = this.schemas.get(schema, (s) => this.makeUpdatedSchema(s));
    const updated = new Struct(updatedSchema);
    for (const f of schema.fields!) updated.put(f.name, struct.getWithoutDefault(f.name));
    if (this.topicField !== null) updated.put(this.topicField.name, record.topic);
    if (this.partitionField !== null && record.kafkaPartition != null) {
      updated.put(this.partitionField.name, record.kafkaPartition);
    }
    if (this.offsetField !== null)
      updated.put(this.offsetField.name, requireSinkRecord(record, purpose).kafkaOffset);
    if (this.timestampField !== null && record.timestamp != null)
      updated.put(this.timestampField.name, record.timestamp);
    if (this.staticField !== null && this.staticValue !== null)
      updated.put(this.staticField.name, this.staticValue);
    return withPart(record, this.part, updatedSchema, updated);
  }

  private makeUpdatedSchema(schema: Schema): Schema {
    if (schema.type !== 'STRUCT') throw new DataException(`Only Struct schemas supported for [${purpose}]`);
    const builder = SchemaBuilder.copyBasics(schema, SchemaBuilder.struct());
    for (const f of schema.fields!) builder.field(f.name, f.schema);
    const add = (spec: InsertionSpec | null, required: Schema, optional: Schema): void => {
      if (spec !== null) builder.field(spec.name, spec.optional ? optional : required);
    };
    add(this.topicField, Schemas.STRING, Schemas.OPTIONAL_STRING);
    add(this.partitionField, Schemas.INT32, Schemas.OPTIONAL_INT32);
    add(this.offsetField, Schemas.INT64, Schemas.OPTIONAL_INT64);
    add(
      this.timestampField,
      SchemaBuilder.of('INT64').name(LogicalTypes.TIMESTAMP).version(1).build(),
      SchemaBuilder.of('INT64').name(LogicalTypes.TIMESTAMP).version(1).optional().build(),
    );
    add(this.staticField, Schemas.STRING, Schemas.OPTIONAL_STRING);
    return builder.build();
  }

  config(): ConfigDef {
    return def();
  }

  close(): void {}
}
