import type { Serde } from '../../../core/serdes/index.ts';
import { avroSerde, confluentHeaderBytes, type SchemaRegistry } from '../../../core/serdes/index.ts';
import { DataException } from '../api/connect-errors.ts';
import type { Schema } from '../api/schema.ts';
import { toAvroSchema, toAvroValue, toConnectSchema, toConnectValue } from './avro-data.ts';
import { nullSchemaAndValue, type Converter, type SchemaAndValue } from './converter.ts';

interface WriterEntry {
  readonly serde: Serde<unknown>;
}

interface ReaderEntry {
  readonly serde: Serde<unknown>;
  readonly schema: Schema;
}

/**
 * Confluent's AvroConverter over core/serdes: values are Avro in the Confluent wire format (magic
 * byte, schema id, body), the schema registered under `<topic>-key` / `<topic>-value`
 * (TopicNameStrategy). Registration and lookups are async, so the worker awaits
 * `prepareFromConnectData` / `prepareToConnectData` once per new schema or id; the per-record
 * calls are synchronous and throw a DataException if that step was skipped.
 */
export class AvroConverter implements Converter {
  private readonly registry: SchemaRegistry;
  private isKey = false;
  private readonly writers = new Map<string, WriterEntry>();
  private readonly readers = new Map<string, ReaderEntry>();

  constructor(registry: SchemaRegistry) {
    this.registry = registry;
  }

  configure(_configs: Readonly<Record<string, unknown>>, isKey: boolean): void {
    this.isKey = isKey;
  }

  private subject(topic: string): string {
    return `${topic}-${this.isKey ? 'key' : 'value'}`;
  }

  async prepareFromConnectData(topic: string, schema: Schema | null): Promise<void> {
    if (schema === null) return;
    const avroSchema = JSON.stringify(toAvroSchema(schema));
    const key = `${this.subject(topic)}\u0000${avroSchema}`;
    if (this.writers.has(key)) return;
    const serde = await avroSerde<unknown>({
      registry: this.registry,
      subject: this.subject(topic),
      schema: avroSchema,
    });
    this.writers.set(key, { serde });
  }

  fromConnectData(topic: string, schema: Schema | null, value: unknown): Buffer | null {
    if (value === null || value === undefined) return null;
    if (schema === null)
      throw new DataException('AvroConverter needs a schema; schemaless data cannot be written as Avro');
    const key = `${this.subject(topic)}\u0000${JSON.stringify(toAvroSchema(schema))}`;
    const writer = this.writers.get(key);
    if (writer === undefined)
      throw new DataException(
        `Schema for ${this.subject(topic)} not prepared; await prepareFromConnectData first`,
      );
    return writer.serde.serializer(topic, toAvroValue(schema, value));
  }

  async prepareToConnectData(topic: string, bytes: Buffer | null): Promise<void> {
    if (bytes === null || bytes.length < confluentHeaderBytes) return;
    const id = bytes.readUInt32BE(1);
    const cacheKey = `${this.subject(topic)}\u0000${id}`;
    if (this.readers.has(cacheKey)) return;
    const text = await this.registry.getById(id);
    const serde = await avroSerde<unknown>({
      registry: this.registry,
      subject: this.subject(topic),
      schema: text,
    });
    this.readers.set(cacheKey, { serde, schema: toConnectSchema(JSON.parse(text)) });
  }

  toConnectData(topic: string, bytes: Buffer | null): SchemaAndValue {
    if (bytes === null) return nullSchemaAndValue;
    if (bytes.length < confluentHeaderBytes)
      throw new DataException('Avro payload shorter than the 5-byte header');
    const reader = this.readers.get(`${this.subject(topic)}\u0000${bytes.readUInt32BE(1)}`);
    if (reader === undefined)
      throw new DataException(
        `Schema id ${bytes.readUInt32BE(1)} not prepared; await prepareToConnectData first`,
      );
    let decoded: unknown;
    try {
      decoded = reader.serde.deserializer(topic, bytes);
    } catch (err) {
      throw new DataException(`Failed to deserialize Avro data from topic ${topic}`, { cause: err });
    }
    return { schema: reader.schema, value: toConnectValue(reader.schema, decoded) };
  }
}
