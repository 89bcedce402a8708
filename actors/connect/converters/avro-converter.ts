import {
  avro,
  confluentHeaderBytes,
  type AvroSerde,
  type SchemaRegistry,
} from '../../../core/serdes/index.ts';
import { DataException } from '../api/connect-errors.ts';
import type { Schema } from '../api/schema.ts';
import { toAvroSchema, toAvroValue, toConnectSchema, toConnectValue } from './avro-data.ts';
import { nullSchemaAndValue, type Converter, type SchemaAndValue } from './converter.ts';

interface ReaderEntry {
  readonly serde: AvroSerde<unknown>;
  readonly schema: Schema;
}

/**
 * Confluent's AvroConverter over core/serdes' Avro serde: values are Avro in the Confluent wire
 * format (magic byte, schema id, body), the schema registered under `<topic>-key` /
 * `<topic>-value` (TopicNameStrategy) through the SchemaRegistry port, so the in-memory registry
 * and the `_schemas`-log one both work. Registration and lookups are async, so the worker awaits
 * `prepareFromConnectData` / `prepareToConnectData` once per new schema or id; the per-record
 * calls are synchronous and throw a DataException if that step was skipped. Reading never
 * registers anything: records are decoded with their writer schema, as Confluent's converter does.
 */
export class AvroConverter implements Converter {
  private readonly registry: SchemaRegistry;
  private isKey = false;
  /** Serdes by Avro schema text (one serde serves every topic; it caches the id per subject). */
  private readonly writers = new Map<string, AvroSerde<unknown>>();
  private readonly readers = new Map<number, ReaderEntry>();

  constructor(registry: SchemaRegistry) {
    this.registry = registry;
  }

  configure(_configs: Readonly<Record<string, unknown>>, isKey: boolean): void {
    this.isKey = isKey;
  }

  private writerFor(schema: Schema): AvroSerde<unknown> {
    const avroSchema = JSON.stringify(toAvroSchema(schema));
    let serde = this.writers.get(avroSchema);
    if (serde === undefined) {
      serde = avro<unknown>(avroSchema, this.registry, { isKey: this.isKey });
      this.writers.set(avroSchema, serde);
    }
    return serde;
  }

  async prepareFromConnectData(topic: string, schema: Schema | null): Promise<void> {
    if (schema === null) return;
    await this.writerFor(schema).prepare(topic);
  }

  fromConnectData(topic: string, schema: Schema | null, value: unknown): Buffer | null {
    if (value === null || value === undefined) return null;
    if (schema === null)
      throw new DataException('AvroConverter needs a schema; schemaless data cannot be written as Avro');
    const subject = `${topic}-${this.isKey ? 'key' : 'value'}`;
    try {
      return this.writerFor(schema).serializer(topic, toAvroValue(schema, value));
    } catch (err) {
      if (err instanceof DataException) throw err;
      throw new DataException(
        `Failed to serialize Avro data for ${subject} (await prepareFromConnectData first): ${(err as Error).message}`,
        { cause: err },
      );
    }
  }

  async prepareToConnectData(topic: string, bytes: Buffer | null): Promise<void> {
    if (bytes === null || bytes.length < confluentHeaderBytes) return;
    const id = bytes.readUInt32BE(1);
    if (this.readers.has(id)) return;
    let text: string;
    try {
      text = await this.registry.getById(id);
    } catch (err) {
      throw new DataException(`Failed to get the Avro schema id ${id} for topic ${topic}`, { cause: err });
    }
    const serde = avro<unknown>(text, this.registry, { isKey: this.isKey, autoRegister: false });
    this.readers.set(id, { serde, schema: toConnectSchema(JSON.parse(text)) });
  }

  toConnectData(topic: string, bytes: Buffer | null): SchemaAndValue {
    if (bytes === null) return nullSchemaAndValue;
    if (bytes.length < confluentHeaderBytes)
      throw new DataException('Avro payload shorter than the 5-byte header');
    const id = bytes.readUInt32BE(1);
    const reader = this.readers.get(id);
    if (reader === undefined)
      throw new DataException(`Schema id ${id} not prepared; await prepareToConnectData first`);
    let decoded: unknown;
    try {
      decoded = reader.serde.deserializer(topic, bytes);
    } catch (err) {
      throw new DataException(`Failed to deserialize Avro data from topic ${topic}`, { cause: err });
    }
    return { schema: reader.schema, value: toConnectValue(reader.schema, decoded) };
  }
}
