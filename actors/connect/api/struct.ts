import { DataException } from './connect-errors.ts';
import { schemaField, schemasEqual, validateValue, type Schema } from './schema.ts';

/**
 * A STRUCT value (org.apache.kafka.connect.data.Struct): one slot per schema field, each checked
 * against its field schema on `put`, and `validate()` checks that required fields are set.
 */
export class Struct {
  readonly schema: Schema;
  private readonly values: unknown[];

  constructor(schema: Schema) {
    if (schema.type !== 'STRUCT') throw new DataException(`Not a struct schema: ${schema.type}`);
    this.schema = schema;
    this.values = new Array<unknown>(schema.fields!.length).fill(null);
  }

  /** Sets a field after validating the value against the field's schema; returns this for chaining. */
  put(fieldName: string, value: unknown): this {
    const field = this.lookup(fieldName);
    validateValue(field.schema, value, fieldName);
    this.values[field.index] = value ?? null;
    return this;
  }

  /** The field's value, or its schema default when unset. */
  get(fieldName: string): unknown {
    const field = this.lookup(fieldName);
    const value = this.values[field.index];
    if (value === null && field.schema.defaultValue !== undefined) return field.schema.defaultValue;
    return value;
  }

  /** The field's value without applying its default (Struct.getWithoutDefault). */
  getWithoutDefault(fieldName: string): unknown {
    return this.values[this.lookup(fieldName).index];
  }

  /** Throws DataException if any field is missing or invalid. */
  validate(): void {
    for (const field of this.schema.fields!)
      validateValue(field.schema, this.values[field.index], field.name);
  }

  equals(other: unknown): boolean {
    if (!(other instanceof Struct) || !schemasEqual(other.schema, this.schema)) return false;
    return this.values.every((v, i) => valuesEqual(v, other.values[i]));
  }

  toString(): string {
    const parts = this.schema.fields!.map((f) => `${f.name}=${String(this.values[f.index])}`);
    return `Struct{${parts.join(',')}}`;
  }

  private lookup(fieldName: string) {
    const field = schemaField(this.schema, fieldName);
    if (field === undefined) throw new DataException(`${fieldName} is not a valid field name`);
    return field;
  }
}

function valuesEqual(a: unknown, b: unknown): boolean {
  if (a instanceof Struct) return a.equals(b);
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.from(a).equals(Buffer.from(b));
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => valuesEqual(v, b[i]));
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    const bEntries = [...b.entries()];
    return [...a.entries()].every(
      ([k, v], i) => valuesEqual(k, bEntries[i]![0]) && valuesEqual(v, bEntries[i]![1]),
    );
  }
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}
