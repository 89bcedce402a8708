import { DataException } from '../api/connect-errors.ts';
import { Schemas, type Schema } from '../api/schema.ts';
import type { Converter, SchemaAndValue } from './converter.ts';

/** Passes bytes through unchanged (org.apache.kafka.connect.converters.ByteArrayConverter). */
export class ByteArrayConverter implements Converter {
  configure(): void {}

  fromConnectData(_topic: string, schema: Schema | null, value: unknown): Buffer | null {
    if (schema !== null && schema.type !== 'BYTES') {
      throw new DataException(`Invalid schema type for ByteArrayConverter: ${schema.type}`);
    }
    if (value === null || value === undefined) return null;
    if (!(value instanceof Uint8Array)) {
      throw new DataException('ByteArrayConverter is not compatible with objects of type ' + typeof value);
    }
    return Buffer.isBuffer(value) ? value : Buffer.from(value);
  }

  toConnectData(_topic: string, bytes: Buffer | null): SchemaAndValue {
    return { schema: Schemas.OPTIONAL_BYTES, value: bytes };
  }
}
