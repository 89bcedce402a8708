/**
 * The model of Kafka's JSON message definitions (shared/kafka-protocol/messages/*.json), normalized so the
 * code generator and the test arbitraries read the same thing. Only build-time and test code imports this:
 * the generated codecs never look at a schema at runtime.
 */

/** An inclusive version range; `max` is `Infinity` for "N+", and `min > max` means "none". */
export interface VersionRange {
  readonly min: number;
  readonly max: number;
}

export const noVersions: VersionRange = { min: 1, max: 0 };

export type ScalarType =
  | 'int8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'int64'
  | 'float64'
  | 'bool'
  | 'string'
  | 'bytes'
  | 'records'
  | 'uuid';

export const scalarTypes: readonly string[] = [
  'int8',
  'int16',
  'uint16',
  'int32',
  'int64',
  'float64',
  'bool',
  'string',
  'bytes',
  'records',
  'uuid',
];

/** A field after normalization: the type split into kind + element, struct fields resolved. */
export interface FieldModel {
  /** The JSON name, e.g. `TransactionalId`. */
  readonly jsonName: string;
  /** The TypeScript property name, e.g. `transactionalId`. */
  readonly name: string;
  readonly kind: 'scalar' | 'array' | 'struct';
  /** For scalars the scalar type; for arrays the element type (a scalar type or a struct name). */
  readonly type: string;
  /** For `struct` fields and arrays of structs: the struct. */
  readonly struct: StructModel | null;
  readonly versions: VersionRange;
  readonly nullableVersions: VersionRange;
  readonly taggedVersions: VersionRange;
  readonly tag: number | null;
  /** Overrides the message's flexible versions for this field (RequestHeader.ClientId says "none"). */
  readonly flexibleVersions: VersionRange | null;
  /** The JSON `default`, as written (string, number or boolean), or null when absent. */
  readonly defaultRaw: string | number | boolean | null;
  readonly about: string;
}

export interface StructModel {
  /** The struct name in the JSON (`TopicProduceData`). */
  readonly jsonName: string;
  /** The exported TypeScript interface name (unique across all generated files). */
  readonly tsName: string;
  readonly fields: readonly FieldModel[];
  /** True when this struct or one nested in it has a `records` field. */
  readonly hasRecords: boolean;
}

export interface MessageModel {
  readonly name: string;
  readonly type: 'request' | 'response' | 'header' | 'data';
  readonly apiKey: number | null;
  readonly validVersions: VersionRange;
  readonly flexibleVersions: VersionRange;
  readonly root: StructModel;
  /** Every struct of the message, root first, then in order of first appearance. */
  readonly structs: readonly StructModel[];
}

export function parseVersions(text: string | undefined): VersionRange {
  if (text === undefined || text === 'none') return noVersions;
  const plus = /^(\d+)\+$/.exec(text);
  if (plus) return { min: Number(plus[1]), max: Infinity };
  const range = /^(\d+)-(\d+)$/.exec(text);
  if (range) return { min: Number(range[1]), max: Number(range[2]) };
  if (/^\d+$/.test(text)) return { min: Number(text), max: Number(text) };
  throw new Error(`bad version range ${JSON.stringify(text)}`);
}

export function inRange(v: number, r: VersionRange): boolean {
  return v >= r.min && v <= r.max;
}

/** Strips the `//` comment lines Kafka's files carry, then parses. */
export function parseJsonWithComments(text: string): unknown {
  const lines = text.split('\n').filter((line) => !/^\s*\/\//.test(line));
  return JSON.parse(lines.join('\n'));
}

export function camelCase(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

interface RawField {
  name: string;
  type: string;
  versions?: string;
  nullableVersions?: string;
  taggedVersions?: string;
  tag?: number;
  flexibleVersions?: string;
  default?: string | number | boolean;
  about?: string;
  fields?: RawField[];
}

interface RawMessage {
  name: string;
  type: string;
  apiKey?: number;
  validVersions: string;
  flexibleVersions?: string;
  fields: RawField[];
  commonStructs?: { name: string; fields: RawField[] }[];
}

/** Builds the model of one JSON definition (already parsed). */
export function buildMessageModel(raw: unknown): MessageModel {
  const msg = raw as RawMessage;
  const common = new Map<string, RawField[]>();
  for (const s of msg.commonStructs ?? []) common.set(s.name, s.fields);
  const structs: StructModel[] = [];
  const byName = new Map<string, StructModel>();
  const stem = msg.name;

  const tsNameOf = (jsonName: string): string => (jsonName.startsWith(stem) ? jsonName : stem + jsonName);

  const buildStruct = (jsonName: string, tsName: string, rawFields: RawField[]): StructModel => {
    const placeholder: { jsonName: string; tsName: string; fields: FieldModel[]; hasRecords: boolean } = {
      jsonName,
      tsName,
      fields: [],
      hasRecords: false,
    };
    structs.push(placeholder);
    byName.set(jsonName, placeholder);
    for (const f of rawFields) placeholder.fields.push(buildField(f));
    placeholder.hasRecords = placeholder.fields.some(
      (f) => f.type === 'records' || (f.struct !== null && f.struct.hasRecords),
    );
    return placeholder;
  };

  const buildField = (f: RawField): FieldModel => {
    const isArray = f.type.startsWith('[]');
    const base = isArray ? f.type.slice(2) : f.type;
    let struct: StructModel | null = null;
    if (!scalarTypes.includes(base)) {
      const fields = f.fields ?? common.get(base);
      const existing = byName.get(base);
      if (existing !== undefined && f.fields === undefined) struct = existing;
      else if (fields === undefined) throw new Error(`${msg.name}.${f.name}: unknown type ${f.type}`);
      else if (existing !== undefined) throw new Error(`${msg.name}: struct ${base} defined twice`);
      else struct = buildStruct(base, tsNameOf(base), fields);
    }
    return {
      jsonName: f.name,
      name: camelCase(f.name),
      kind: isArray ? 'array' : struct !== null ? 'struct' : 'scalar',
      type: base,
      struct,
      versions: parseVersions(f.versions),
      nullableVersions: parseVersions(f.nullableVersions),
      taggedVersions: parseVersions(f.taggedVersions),
      tag: f.tag ?? null,
      flexibleVersions: f.flexibleVersions === undefined ? null : parseVersions(f.flexibleVersions),
      defaultRaw: f.default ?? null,
      about: f.about ?? '',
    };
  };

  const root = buildStruct(msg.name, msg.name, msg.fields);
  return {
    name: msg.name,
    type: msg.type as MessageModel['type'],
    apiKey: msg.apiKey ?? null,
    validVersions: parseVersions(msg.validVersions),
    flexibleVersions: parseVersions(msg.flexibleVersions),
    root,
    structs,
  };
}

/** Whether a field's TypeScript type admits null: nullable in some version, or defaulting to null. */
export function fieldIsNullable(f: FieldModel): boolean {
  return f.nullableVersions.min <= f.nullableVersions.max || f.defaultRaw === 'null';
}

/** The UUID Kafka uses as "no id". */
export const zeroUuid = '00000000-0000-0000-0000-000000000000';

/**
 * The value a field takes in a version that lacks it (and the value a tagged field is compared with).
 * Kafka's `default`, or the type's zero: 0, false, "", empty bytes, [], a struct of defaults; records are null.
 */
export function defaultValue(f: FieldModel): unknown {
  const raw = f.defaultRaw;
  if (raw === 'null') return null;
  if (f.kind === 'array') return [];
  if (f.kind === 'struct') return structDefault(f.struct as StructModel);
  switch (f.type) {
    case 'int8':
    case 'int16':
    case 'uint16':
    case 'int32':
    case 'int64':
    case 'float64':
      return raw === null ? 0 : Number(raw);
    case 'bool':
      return raw === true || raw === 'true';
    case 'string':
      return raw === null ? '' : String(raw);
    case 'bytes':
      return Buffer.alloc(0);
    case 'records':
      return null;
    case 'uuid':
      return zeroUuid;
    default:
      throw new Error(`no default for type ${f.type}`);
  }
}

export function structDefault(s: StructModel): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of s.fields) out[f.name] = defaultValue(f);
  return out;
}
