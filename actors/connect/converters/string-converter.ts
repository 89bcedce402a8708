import { Schemas, type Schema } from '../api/schema.ts';
import type { Converter, SchemaAndValue } from './converter.ts';
import { DataException } from '../api/connect-errors.ts';

/**
 * Values as UTF-8 strings (org.apache.kafka.connect.storage.StringConverter): writes any value's
 * string form, reads back an optional STRING. `converter.encoding` other than UTF-8 is rejected.
 */
export class StringConverter implements Converter {
  configure(configs: Readonly<Record<string, unknown>>, _isKey: boolean): void {
    const encoding = configs['converter.encoding'];
    if (encoding !== undefined && String(encoding).toUpperCase().replace('-', '') !== 'UTF8') {
      throw new DataException(`Unsupported converter.encoding ${String(encoding)}; only UTF-8 is supported`);
    }
  }

  fromConnectData(_topic: string, _schema: Schema | null, value: unknown): Buffer | null {
    if (value === null || value === undefined) return null;
    if (Buffer.isBuffer(value)) return Buffer.from(value.toString('utf8'), 'utf8');
    return Buffer.from(String(value), 'utf8');
  }

  toConnectData(_topic: string, bytes: Buffer | null): SchemaAndValue {
    return { schema: Schemas.OPTIONAL_STRING, value: bytes === null ? null : bytes.toString('utf8') };
  }
}
