/**
 * The code generator behind generate.ts, as a pure function (definitions in, file texts out) so the
 * "generated code is up to date" test can re-run it in memory. It emits straight-line code: one encode and one
 * decode function per range of versions whose byte layout is identical, nested loops for nested arrays, no
 * schema interpretation and no closures at runtime.
 */
import {
  buildMessageModel,
  defaultValue,
  fieldIsNullable,
  inRange,
  parseJsonWithComments,
  type FieldModel,
  type MessageModel,
  type StructModel,
  type VersionRange,
} from './schema.ts';

export const generatorCommand = 'npx tsx core/protocol/generate.ts';

/** One input file: its name (e.g. `ProduceRequest.json`) and its text. */
export interface SourceFile {
  readonly name: string;
  readonly text: string;
}

/** Output: path relative to core/protocol/generated -> file text. */
export type GeneratedFiles = Map<string, string>;

/** Where a definition comes from: Kafka's files in shared/, or our own in core/protocol/messages-extra/. */
export type SourceOrigin = 'kafka' | 'extra';

const originText: Record<SourceOrigin | 'both', string> = {
  kafka: 'shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0)',
  extra:
    "core/protocol/messages-extra (hand-written definitions in Kafka's format, older versions only; see its README.md)",
  both: 'shared/kafka-protocol (Apache Kafka 3.8.0, Apache-2.0) and core/protocol/messages-extra (hand-written)',
};

const header = (origin: SourceOrigin | 'both', sources: readonly string[]): string =>
  [
    `// GENERATED FILE - DO NOT EDIT. Regenerate with \`${generatorCommand}\`.`,
    `// Source: ${originText[origin]}: ${sources.join(', ')}.`,
    '',
  ].join('\n');

function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function rangeText(r: VersionRange): string {
  if (r.min > r.max) return 'none';
  if (r.max === Infinity) return `${r.min}+`;
  return r.min === r.max ? `${r.min}` : `${r.min}-${r.max}`;
}

/** State shared by the functions emitting one message. */
interface Ctx {
  readonly msg: MessageModel;
  usesNullField: boolean;
  usesWriterValue: boolean;
  usesEmptyBytes: boolean;
}

// ---------------------------------------------------------------------------------------------- types

function structRef(s: StructModel, recordsParam: string): string {
  return s.hasRecords ? `${s.tsName}<${recordsParam}>` : s.tsName;
}

function scalarTsType(type: string): string {
  switch (type) {
    case 'int8':
    case 'int16':
    case 'uint16':
    case 'int32':
    case 'int64':
    case 'float64':
      return 'number';
    case 'bool':
      return 'boolean';
    case 'string':
    case 'uuid':
      return 'string';
    case 'bytes':
      return 'Buffer';
    case 'records':
      return 'R';
    default:
      throw new Error(`unknown scalar ${type}`);
  }
}

function fieldTsType(f: FieldModel, recordsParam: string): string {
  const nullable = fieldIsNullable(f) && f.type !== 'records';
  let t: string;
  if (f.kind === 'array') {
    const el = f.struct !== null ? structRef(f.struct, recordsParam) : scalarTsType(f.type);
    t = `${el}[]`;
  } else if (f.kind === 'struct') {
    t = structRef(f.struct as StructModel, recordsParam);
  } else {
    t = f.type === 'records' ? recordsParam : scalarTsType(f.type);
  }
  return nullable ? `${t} | null` : t;
}

function emitInterface(s: StructModel, out: string[]): void {
  const typeParams = s.hasRecords ? '<R extends Records = Buffer | null>' : '';
  out.push(`export interface ${s.tsName}${typeParams} {`);
  for (const f of s.fields) {
    const notes = [`Versions ${rangeText(f.versions)}`];
    if (f.nullableVersions.min <= f.nullableVersions.max)
      notes.push(`nullable ${rangeText(f.nullableVersions)}`);
    if (f.tag !== null) notes.push(`tag ${f.tag} in ${rangeText(f.taggedVersions)}`);
    const about = f.about.replace(/\*\//g, '*\\/').replace(/\s+/g, ' ').trim();
    out.push(`  /** ${about}${about === '' ? '' : ' '}(${notes.join('; ')}.) */`);
    out.push(`  ${f.name}: ${fieldTsType(f, 'R')};`);
  }
  out.push('}', '');
}

// ---------------------------------------------------------------------------------------------- defaults

function valueCode(ctx: Ctx, value: unknown): string {
  if (value === null) return 'null';
  if (Buffer.isBuffer(value)) {
    ctx.usesEmptyBytes = true;
    return 'emptyBytes';
  }
  if (Array.isArray(value)) return '[]';
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${k}: ${valueCode(ctx, v)}`,
    );
    return `{ ${parts.join(', ')} }`;
  }
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
  return JSON.stringify(value);
}

/** An expression that is true when `expr` differs from the field's default (so a tagged field is written). */
function differsFromDefault(f: FieldModel, expr: string): string {
  const def = defaultValue(f);
  if (f.kind === 'array') return def === null ? `${expr} !== null` : `${expr} === null || ${expr}.length > 0`;
  if (f.kind === 'struct') {
    if (def === null) return `${expr} !== null`;
    const s = f.struct as StructModel;
    return s.fields.map((g) => `(${differsFromDefault(g, `${expr}.${g.name}`)})`).join(' || ');
  }
  if (f.type === 'bytes') return def === null ? `${expr} !== null` : `${expr} === null || ${expr}.length > 0`;
  if (f.type === 'records') return `${expr} !== null`;
  return `${expr} !== ${JSON.stringify(def)}`;
}

// ---------------------------------------------------------------------------------------------- layout

interface Placement {
  present: boolean;
  tagged: boolean;
  nullable: boolean;
  /** Compact (flexible) encoding for this field's strings/bytes/arrays. */
  compact: boolean;
}

function place(f: FieldModel, v: number, flex: boolean): Placement {
  const tagged = flex && f.tag !== null && inRange(v, f.taggedVersions);
  const present = inRange(v, f.versions) && !tagged;
  const compact = f.flexibleVersions === null ? flex : inRange(v, f.flexibleVersions);
  return { present, tagged, nullable: inRange(v, f.nullableVersions), compact };
}

function scalarBytesMin(type: string, compact: boolean): number {
  switch (type) {
    case 'int8':
    case 'bool':
      return 1;
    case 'int16':
    case 'uint16':
      return 2;
    case 'int32':
      return 4;
    case 'int64':
    case 'float64':
      return 8;
    case 'uuid':
      return 16;
    case 'string':
      return compact ? 1 : 2;
    default:
      return compact ? 1 : 4;
  }
}

/** The fewest bytes one struct can take at version v: bounds array counts before allocating. */
function structBytesMin(s: StructModel, v: number, flex: boolean): number {
  let n = flex ? 1 : 0;
  for (const f of s.fields) {
    const p = place(f, v, flex);
    if (!p.present) continue;
    if (f.kind === 'array') n += p.compact ? 1 : 4;
    else if (f.kind === 'struct') n += structBytesMin(f.struct as StructModel, v, flex);
    else n += scalarBytesMin(f.type, p.compact);
  }
  return n;
}

function elementBytesMin(f: FieldModel, v: number, flex: boolean, compact: boolean): number {
  const n = f.struct !== null ? structBytesMin(f.struct, v, flex) : scalarBytesMin(f.type, compact);
  return Math.max(1, n);
}

// ---------------------------------------------------------------------------------------------- decode

function readScalarExpr(type: string, p: Placement): string {
  const c = p.compact ? 'Compact' : '';
  const n = p.nullable ? 'Nullable' : '';
  switch (type) {
    case 'int8':
      return 'r.readInt8()';
    case 'bool':
      return 'r.readBool()';
    case 'int16':
      return 'r.readInt16()';
    case 'uint16':
      return 'r.readUInt16()';
    case 'int32':
      return 'r.readInt32()';
    case 'int64':
      return 'r.readInt64()';
    case 'float64':
      return 'r.readFloat64()';
    case 'uuid':
      return 'r.readUuid()';
    case 'string':
      return `r.read${c}${n}String()`;
    case 'bytes':
      return `r.read${c}${n}Bytes()`;
    case 'records':
      return `r.read${c}${n}Bytes()`;
    default:
      throw new Error(`unknown scalar ${type}`);
  }
}

/**
 * Emits code that decodes one field value at version v into `target`: declared with `const`/`let` when
 * `declare` is true, assigned otherwise.
 */
function decodeValue(
  ctx: Ctx,
  f: FieldModel,
  p: Placement,
  v: number,
  flex: boolean,
  d: number,
  target: string,
  declare: boolean,
  ind: string,
  out: string[],
): void {
  const assign = declare ? `const ${target} = ` : `${target} = `;
  if (f.kind === 'scalar') {
    out.push(`${ind}${assign}${readScalarExpr(f.type, p)};`);
    return;
  }
  if (f.kind === 'struct') {
    const s = f.struct as StructModel;
    if (p.nullable) throw new Error(`${ctx.msg.name}.${f.jsonName}: nullable structs are not supported`);
    if (declare) out.push(`${ind}let ${target}: ${structRef(s, 'Buffer | null')};`);
    out.push(`${ind}{`);
    const obj = decodeStruct(ctx, s, v, flex, d + 1, `${ind}  `, out);
    out.push(`${ind}  ${target} = ${obj};`, `${ind}}`);
    return;
  }
  const minBytes = elementBytesMin(f, v, flex, p.compact);
  const lengthFn = `read${p.compact ? 'Compact' : ''}${p.nullable ? 'Nullable' : ''}ArrayLength`;
  const elType = f.struct !== null ? structRef(f.struct, 'Buffer | null') : scalarTsType(f.type);
  const n = `${target}_n`;
  const a = `${target}_a`;
  const i = `i_${d}`;
  out.push(`${ind}const ${n} = r.${lengthFn}(${minBytes});`);
  out.push(`${ind}const ${a}: ${elType}[] = [];`);
  out.push(`${ind}for (let ${i} = 0; ${i} < ${n}; ${i}++) {`);
  if (f.struct !== null) {
    const obj = decodeStruct(ctx, f.struct, v, flex, d + 1, `${ind}  `, out);
    out.push(`${ind}  ${a}.push(${obj});`);
  } else {
    const ep: Placement = { present: true, tagged: false, nullable: false, compact: p.compact };
    out.push(`${ind}  ${a}.push(${readScalarExpr(f.type, ep)});`);
  }
  out.push(`${ind}}`);
  out.push(`${ind}${assign}${p.nullable ? `${n} < 0 ? null : ${a}` : a};`);
}

/** Emits the decoding of a struct's fields; returns the object literal building it. */
function decodeStruct(
  ctx: Ctx,
  s: StructModel,
  v: number,
  flex: boolean,
  d: number,
  ind: string,
  out: string[],
): string {
  const values: string[] = [];
  const tagged: { f: FieldModel; p: Placement; local: string }[] = [];
  for (const f of s.fields) {
    const p = place(f, v, flex);
    const local = `f_${f.name}_${d}`;
    if (p.tagged) {
      tagged.push({ f, p, local });
      values.push(`${f.name}: ${local}`);
    } else if (p.present) {
      decodeValue(ctx, f, p, v, flex, d, local, true, ind, out);
      values.push(`${f.name}: ${local}`);
    } else {
      values.push(`${f.name}: ${valueCode(ctx, defaultValue(f))}`);
    }
  }
  if (flex) {
    if (tagged.length === 0) {
      out.push(`${ind}r.skipTaggedFields();`);
    } else {
      for (const t of tagged) {
        out.push(
          `${ind}let ${t.local}: ${fieldTsType(t.f, 'Buffer | null')} = ${valueCode(ctx, defaultValue(t.f))};`,
        );
      }
      out.push(`${ind}const tagCount_${d} = r.readUVarint();`);
      out.push(`${ind}for (let t_${d} = 0; t_${d} < tagCount_${d}; t_${d}++) {`);
      out.push(`${ind}  const tag_${d} = r.readUVarint();`);
      out.push(`${ind}  const end_${d} = r.pushLimit(r.readUVarint());`);
      out.push(`${ind}  switch (tag_${d}) {`);
      for (const t of [...tagged].sort((x, y) => (x.f.tag as number) - (y.f.tag as number))) {
        out.push(`${ind}    case ${t.f.tag}: {`);
        decodeValue(ctx, t.f, t.p, v, flex, d, t.local, false, `${ind}      `, out);
        out.push(`${ind}      break;`, `${ind}    }`);
      }
      out.push(`${ind}    default:`, `${ind}      break;`);
      out.push(`${ind}  }`);
      out.push(`${ind}  r.popLimit(end_${d});`);
      out.push(`${ind}}`);
    }
  }
  return `{ ${values.join(', ')} }`;
}

// ---------------------------------------------------------------------------------------------- encode

function writeScalarCall(type: string, p: Placement, wv: string, expr: string): string {
  const c = p.compact ? 'Compact' : '';
  const n = p.nullable ? 'Nullable' : '';
  switch (type) {
    case 'int8':
      return `${wv}.writeInt8(${expr});`;
    case 'bool':
      return `${wv}.writeBool(${expr});`;
    case 'int16':
      return `${wv}.writeInt16(${expr});`;
    case 'uint16':
      return `${wv}.writeUInt16(${expr});`;
    case 'int32':
      return `${wv}.writeInt32(${expr});`;
    case 'int64':
      return `${wv}.writeInt64(${expr});`;
    case 'float64':
      return `${wv}.writeFloat64(${expr});`;
    case 'uuid':
      return `${wv}.writeUuid(${expr});`;
    case 'string':
      return `${wv}.write${c}${n}String(${expr});`;
    case 'bytes':
      return `${wv}.write${c}${n}Bytes(${expr});`;
    case 'records':
      return `${wv}.write${c}Records(${expr});`;
    default:
      throw new Error(`unknown scalar ${type}`);
  }
}

/** `expr`, guarded against null when the TS type admits null but this version does not. */
function nonNull(ctx: Ctx, f: FieldModel, p: Placement, expr: string): string {
  const typeNullable = f.type === 'records' || fieldIsNullable(f);
  if (p.nullable || !typeNullable) return expr;
  ctx.usesNullField = true;
  return `(${expr} ?? nullField(${JSON.stringify(`${ctx.msg.name}.${f.jsonName}`)}))`;
}

function encodeValue(
  ctx: Ctx,
  f: FieldModel,
  p: Placement,
  v: number,
  flex: boolean,
  d: number,
  expr: string,
  wv: string,
  ind: string,
  out: string[],
): void {
  if (f.kind === 'scalar') {
    out.push(`${ind}${writeScalarCall(f.type, p, wv, nonNull(ctx, f, p, expr))}`);
    return;
  }
  if (f.kind === 'struct') {
    const s = f.struct as StructModel;
    out.push(`${ind}{`);
    out.push(`${ind}  const s_${d} = ${expr};`);
    encodeStruct(ctx, s, v, flex, d + 1, `s_${d}`, wv, `${ind}  `, out);
    out.push(`${ind}}`);
    return;
  }
  const arr = `arr_${d}`;
  const i = `i_${d}`;
  const lengthCall = p.compact ? `${wv}.writeCompactArrayLength` : `${wv}.writeArrayLength`;
  out.push(`${ind}{`);
  out.push(`${ind}  const ${arr} = ${nonNull(ctx, f, p, expr)};`);
  let inner = `${ind}  `;
  if (p.nullable) {
    out.push(`${ind}  if (${arr} === null) {`);
    out.push(`${ind}    ${lengthCall}(-1);`);
    out.push(`${ind}  } else {`);
    inner = `${ind}    `;
  }
  out.push(`${inner}${lengthCall}(${arr}.length);`);
  out.push(`${inner}for (let ${i} = 0; ${i} < ${arr}.length; ${i}++) {`);
  if (f.struct !== null) {
    out.push(`${inner}  const el_${d} = ${arr}[${i}];`);
    encodeStruct(ctx, f.struct, v, flex, d + 1, `el_${d}`, wv, `${inner}  `, out);
  } else {
    const ep: Placement = { present: true, tagged: false, nullable: false, compact: p.compact };
    out.push(`${inner}  ${writeScalarCall(f.type, ep, wv, `${arr}[${i}]`)}`);
  }
  out.push(`${inner}}`);
  if (p.nullable) out.push(`${ind}  }`);
  out.push(`${ind}}`);
}

function encodeStruct(
  ctx: Ctx,
  s: StructModel,
  v: number,
  flex: boolean,
  d: number,
  value: string,
  wv: string,
  ind: string,
  out: string[],
): void {
  const tagged: { f: FieldModel; p: Placement }[] = [];
  for (const f of s.fields) {
    const p = place(f, v, flex);
    if (p.tagged) tagged.push({ f, p });
    else if (p.present) encodeValue(ctx, f, p, v, flex, d, `${value}.${f.name}`, wv, ind, out);
  }
  if (!flex) return;
  if (tagged.length === 0) {
    out.push(`${ind}${wv}.writeUVarint(0);`);
    return;
  }
  tagged.sort((x, y) => (x.f.tag as number) - (y.f.tag as number));
  ctx.usesWriterValue = true;
  out.push(`${ind}let tags_${d} = 0;`);
  for (const t of tagged)
    out.push(`${ind}if (${differsFromDefault(t.f, `${value}.${t.f.name}`)}) tags_${d}++;`);
  out.push(`${ind}${wv}.writeUVarint(tags_${d});`);
  for (const t of tagged) {
    out.push(`${ind}if (${differsFromDefault(t.f, `${value}.${t.f.name}`)}) {`);
    out.push(`${ind}  const tw_${d} = new Writer();`);
    encodeValue(ctx, t.f, t.p, v, flex, d, `${value}.${t.f.name}`, `tw_${d}`, `${ind}  `, out);
    out.push(`${ind}  ${wv}.writeTaggedField(${t.f.tag}, tw_${d});`);
    out.push(`${ind}}`);
  }
}

// ---------------------------------------------------------------------------------------------- messages

interface VersionCode {
  v: number;
  encode: string;
  decode: string;
}

/** Emits one message's interfaces, per-range functions and version table; returns the table's name. */
function emitMessage(msg: MessageModel, out: string[]): { table: string; imports: Set<string> } {
  const ctx: Ctx = { msg, usesNullField: false, usesWriterValue: false, usesEmptyBytes: false };
  for (const s of msg.structs) emitInterface(s, out);

  const rootIn = structRef(msg.root, 'Records');
  const rootOut = msg.root.tsName;
  const codes: VersionCode[] = [];
  for (let v = msg.validVersions.min; v <= msg.validVersions.max; v++) {
    const flex = inRange(v, msg.flexibleVersions);
    const enc: string[] = [];
    encodeStruct(ctx, msg.root, v, flex, 0, 'v', 'w', '  ', enc);
    const dec: string[] = [];
    const obj = decodeStruct(ctx, msg.root, v, flex, 0, '  ', dec);
    dec.push(`  return ${obj};`);
    codes.push({ v, encode: enc.join('\n'), decode: dec.join('\n') });
  }

  // Versions whose code is identical share one function (KafkaJS's "one unit per version range").
  const ranges: { min: number; max: number; code: VersionCode }[] = [];
  for (const c of codes) {
    const last = ranges[ranges.length - 1];
    if (last !== undefined && last.code.encode === c.encode && last.code.decode === c.decode) last.max = c.v;
    else ranges.push({ min: c.v, max: c.v, code: c });
  }
  const tableEntries: string[] = [];
  for (let v = 0; v < msg.validVersions.min; v++) tableEntries.push('undefined');
  for (const r of ranges) {
    const suffix = r.min === r.max ? `V${r.min}` : `V${r.min}To${r.max}`;
    const enc = `encode${msg.name}${suffix}`;
    const dec = `decode${msg.name}${suffix}`;
    out.push(`/** ${msg.name} versions ${r.min === r.max ? r.min : `${r.min}-${r.max}`}. */`);
    out.push(`export function ${enc}(w: Writer, v: ${rootIn}): void {`);
    if (r.code.encode !== '') out.push(r.code.encode);
    out.push('}', '');
    out.push(`export function ${dec}(r: Reader): ${rootOut} {`, r.code.decode, '}', '');
    const codecName = `${lowerFirst(msg.name)}Codec${suffix}`;
    out.push(`const ${codecName}: Codec<${rootIn}, ${rootOut}> = { encode: ${enc}, decode: ${dec} };`, '');
    for (let v = r.min; v <= r.max; v++) tableEntries.push(codecName);
  }
  const table = `${lowerFirst(msg.name)}Codecs`;
  out.push(`/** ${msg.name} codecs indexed by version (${rangeText(msg.validVersions)}). */`);
  out.push(`export const ${table}: readonly (Codec<${rootIn}, ${rootOut}> | undefined)[] = [`);
  for (const e of tableEntries) out.push(`  ${e},`);
  out.push('];', '');

  const imports = new Set<string>();
  if (ctx.usesNullField) imports.add('nullField');
  if (ctx.usesWriterValue) imports.add('WriterValue');
  if (ctx.usesEmptyBytes) imports.add('emptyBytes');
  if (msg.root.hasRecords || msg.structs.some((s) => s.hasRecords)) imports.add('Records');
  return { table, imports };
}

function fileText(
  origin: SourceOrigin,
  sources: readonly string[],
  body: string[],
  imports: Set<string>,
): string {
  const lines = [header(origin, sources)];
  lines.push(`import type { Codec } from '../codec.ts';`);
  lines.push(`import type { Reader } from '../reader.ts';`);
  const writerNames: string[] = [];
  if (imports.has('WriterValue')) writerNames.push('Writer');
  if (imports.has('nullField')) writerNames.push('nullField');
  if (!imports.has('WriterValue')) writerNames.push('type Writer');
  if (imports.has('Records')) writerNames.push('type Records');
  lines.push(`import { ${writerNames.join(', ')} } from '../writer.ts';`, '');
  if (imports.has('emptyBytes')) lines.push('const emptyBytes = Buffer.alloc(0);', '');
  return `${lines.join('\n')}${body.join('\n')}`;
}

// ---------------------------------------------------------------------------------------------- schemas.ts

function serializeModel(value: unknown, ind: string): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return value === Infinity ? 'Infinity' : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((x) => `${ind}  ${serializeModel(x, `${ind}  `)},`).join('\n')}\n${ind}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  return `{\n${entries.map(([k, x]) => `${ind}  ${k}: ${serializeModel(x, `${ind}  `)},`).join('\n')}\n${ind}}`;
}

// ---------------------------------------------------------------------------------------------- entry

interface ApiPair {
  apiKey: number;
  apiName: string;
  request: MessageModel;
  response: MessageModel;
  origin: SourceOrigin;
  file: string;
}

/**
 * Generates every file from Kafka's definitions in `messages/` and `consumer-offsets/`, plus our own
 * definitions in `extra` (APIs missing from the Kafka files). A message defined twice is an error.
 */
export function generate(
  messages: readonly SourceFile[],
  consumerOffsets: readonly SourceFile[],
  extra: readonly SourceFile[] = [],
): GeneratedFiles {
  const files: GeneratedFiles = new Map();
  const byName = new Map<string, { model: MessageModel; source: string; origin: SourceOrigin }>();
  const inputs = [
    ...[...messages, ...consumerOffsets].map((src) => ({ src, origin: 'kafka' as const })),
    ...extra.map((src) => ({ src, origin: 'extra' as const })),
  ].sort((a, b) =>
    a.src.name < b.src.name ? -1 : a.src.name > b.src.name ? 1 : a.origin < b.origin ? -1 : 1,
  );
  for (const { src, origin } of inputs) {
    const model = buildMessageModel(parseJsonWithComments(src.text));
    const other = byName.get(model.name);
    if (other !== undefined)
      throw new Error(
        `${model.name} defined twice: ${other.origin} ${other.source} and ${origin} ${src.name}`,
      );
    byName.set(model.name, { model, source: src.name, origin });
  }

  // Interface names must be unique across files, since index.ts re-exports them all.
  const seen = new Map<string, string>();
  for (const { model } of byName.values()) {
    for (const s of model.structs) {
      const other = seen.get(s.tsName);
      if (other !== undefined && other !== model.name)
        throw new Error(`type ${s.tsName} in ${other} and ${model.name}`);
      seen.set(s.tsName, model.name);
    }
  }

  const pairs: ApiPair[] = [];
  const singles: { model: MessageModel; source: string; origin: SourceOrigin; file: string }[] = [];
  for (const { model, source, origin } of byName.values()) {
    if (model.type === 'request') {
      const apiName = model.name.replace(/Request$/, '');
      const response = byName.get(`${apiName}Response`);
      if (response === undefined) throw new Error(`no response for ${model.name}`);
      if (response.origin !== origin)
        throw new Error(`${model.name} and its response come from different folders`);
      pairs.push({
        apiKey: model.apiKey as number,
        apiName,
        request: model,
        response: response.model,
        origin,
        file: kebab(apiName),
      });
    } else if (model.type !== 'response') {
      singles.push({ model, source, origin, file: kebab(model.name) });
    }
  }
  pairs.sort((a, b) => a.apiKey - b.apiKey);
  singles.sort((a, b) => (a.file < b.file ? -1 : 1));

  for (const p of pairs) {
    const body: string[] = [];
    const req = emitMessage(p.request, body);
    const res = emitMessage(p.response, body);
    const imports = new Set([...req.imports, ...res.imports]);
    const flexMin = (m: MessageModel): number =>
      m.flexibleVersions.min <= m.flexibleVersions.max ? m.flexibleVersions.min : -1;
    const coverage =
      p.origin === 'kafka'
        ? 'every version of Kafka 3.8.0'
        : `versions ${rangeText(p.request.validVersions)} of our hand-written definition`;
    body.push(`/** ${p.apiName} (API key ${p.apiKey}): both directions, ${coverage}. */`);
    body.push(`export const ${lowerFirst(p.apiName)}Api: ApiCodecs = {`);
    body.push(`  apiKey: ${p.apiKey},`);
    body.push(`  name: ${JSON.stringify(p.apiName)},`);
    body.push(`  minVersion: ${p.request.validVersions.min},`);
    body.push(`  maxVersion: ${p.request.validVersions.max},`);
    body.push(`  requestFlexibleMin: ${flexMin(p.request)},`);
    body.push(`  responseFlexibleMin: ${flexMin(p.response)},`);
    body.push(`  request: ${req.table},`);
    body.push(`  response: ${res.table},`);
    body.push('};', '');
    const sources = [`${p.request.name}.json`, `${p.response.name}.json`];
    const text = fileText(p.origin, sources, body, imports).replace(
      `import type { Codec } from '../codec.ts';`,
      `import type { ApiCodecs, Codec } from '../codec.ts';`,
    );
    files.set(`${p.file}.ts`, text);
  }
  for (const s of singles) {
    const body: string[] = [];
    const m = emitMessage(s.model, body);
    files.set(`${s.file}.ts`, fileText(s.origin, [s.source], body, m.imports));
  }

  // index.ts: re-exports, the table by API key, and request/response body types keyed by API key.
  const idx: string[] = [header(extra.length > 0 ? 'both' : 'kafka', ['all of the above'])];
  idx.push(`import type { ApiCodecs } from '../codec.ts';`);
  idx.push(`import type { Records } from '../writer.ts';`);
  for (const p of pairs) {
    idx.push(
      `import { ${lowerFirst(p.apiName)}Api, type ${p.request.name}, type ${p.response.name} } from './${p.file}.ts';`,
    );
  }
  idx.push('');
  for (const f of [...pairs.map((p) => p.file), ...singles.map((s) => s.file)].sort())
    idx.push(`export * from './${f}.ts';`);
  idx.push('');
  const maxKey = Math.max(...pairs.map((p) => p.apiKey));
  idx.push('/** Generated codecs by API key (undefined for keys without definitions here). */');
  idx.push('export const apiCodecsByKey: readonly (ApiCodecs | undefined)[] = [');
  for (let k = 0; k <= maxKey; k++) {
    const p = pairs.find((x) => x.apiKey === k);
    idx.push(`  ${p === undefined ? 'undefined' : `${lowerFirst(p.apiName)}Api`},`);
  }
  idx.push('];', '');
  idx.push('/** Request body type by API key. */');
  idx.push('export interface RequestBodyByKey {');
  for (const p of pairs) idx.push(`  ${p.apiKey}: ${p.request.name};`);
  idx.push('}', '');
  const inputType = (m: MessageModel): string => structRef(m.root, 'Records');
  idx.push('/** What the request encoder accepts by API key (records may be a list of Buffers). */');
  idx.push('export interface RequestInputByKey {');
  for (const p of pairs) idx.push(`  ${p.apiKey}: ${inputType(p.request)};`);
  idx.push('}', '');
  idx.push(
    '/** What the response encoder accepts by API key (records may be a list of Buffers, e.g. file slices). */',
  );
  idx.push('export interface ResponseInputByKey {');
  for (const p of pairs) idx.push(`  ${p.apiKey}: ${inputType(p.response)};`);
  idx.push('}', '');
  idx.push('/** Response body type by API key. */');
  idx.push('export interface ResponseBodyByKey {');
  for (const p of pairs) idx.push(`  ${p.apiKey}: ${p.response.name};`);
  idx.push('}', '');
  files.set('index.ts', idx.join('\n'));

  const models = [...byName.values()].map((x) => x.model).sort((a, b) => (a.name < b.name ? -1 : 1));
  const schemaText = [
    header(extra.length > 0 ? 'both' : 'kafka', ['all of the above']),
    '// The normalized message models, for tests (arbitraries); the codecs never import this file.',
    `import type { MessageModel } from '../schema.ts';`,
    '',
    `export const messageModels: readonly MessageModel[] = ${serializeModel(models, '')};`,
    '',
  ].join('\n');
  files.set('schemas.ts', schemaText);
  return files;
}
