import type { Schema } from '../api/schema.ts';

/** A schema and a value, as a converter returns them (SchemaAndValue). */
export interface SchemaAndValue {
  readonly schema: Schema | null;
  readonly value: unknown;
}

export const nullSchemaAndValue: SchemaAndValue = Object.freeze({ schema: null, value: null });

/**
 * Turns Connect data into the bytes stored in the log and back
 * (org.apache.kafka.connect.storage.Converter). A null value with a null schema is a tombstone:
 * `fromConnectData` returns null for it, and `toConnectData(topic, null)` gives it back.
 */
export interface Converter {
  configure(configs: Readonly<Record<string, unknown>>, isKey: boolean): void;
  fromConnectData(topic: string, schema: Schema | null, value: unknown): Buffer | null;
  toConnectData(topic: string, bytes: Buffer | null): SchemaAndValue;
}
