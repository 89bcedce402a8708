import type { SinkRecord, SourceRecord } from '../api/records.ts';
import { SchemaBuilder, Schemas, type Schema } from '../api/schema.ts';
import { Struct } from '../api/struct.ts';

/** Fixtures shared by the transform tests. */
export const userSchema: Schema = SchemaBuilder.struct()
  .name('user')
  .field('id', Schemas.INT64)
  .field('name', Schemas.STRING)
  .field('ssn', Schemas.OPTIONAL_STRING)
  .field('age', Schemas.OPTIONAL_INT32)
  .build();

export function userStruct(): Struct {
  return new Struct(userSchema).put('id', 7).put('name', 'Ann').put('ssn', '123-45').put('age', 40);
}

export function sinkRecord(value: unknown, valueSchema: Schema | null = null, topic = 'users'): SinkRecord {
  return {
    topic,
    kafkaPartition: 2,
    kafkaOffset: 41,
    keySchema: null,
    key: null,
    valueSchema,
    value,
    timestamp: 1_700_000_000_000,
    headers: [],
  };
}

export function sourceRecord(
  value: unknown,
  valueSchema: Schema | null = null,
  topic = 'users',
): SourceRecord {
  return {
    sourcePartition: { file: 'a' },
    sourceOffset: { pos: 1 },
    topic,
    keySchema: null,
    key: null,
    valueSchema,
    value,
    timestamp: 5,
    headers: [],
  };
}
