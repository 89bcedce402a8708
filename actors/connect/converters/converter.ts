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
  /**
   * Async work the worker awaits before `fromConnectData` for a schema it has not sent through this
   * converter yet (registering it with a schema registry). Kafka's converters block instead; ours
   * keep the per-record calls synchronous and do the I/O once per schema here.
   */
  prepareFromConnectData?(topic: string, schema: Schema | null): Promise<void>;
  /** Async work before `toConnectData` (fetching a writer schema by id); cheap when already known. */
  prepareToConnectData?(topic: string, bytes: Buffer | null): Promise<void>;
}
