/**
 * fast-check arbitraries derived from the message models (test-only). For a message and a version they
 * produce values the codec can represent exactly: fields absent in that version hold their default, nulls
 * appear only where the version allows them, so encode -> decode must give back a deep-equal value.
 */
import fc from 'fast-check';
import * as generated from '../generated/index.ts';
import { messageModels } from '../generated/schemas.ts';
import { defaultValue, inRange, type FieldModel, type MessageModel, type StructModel } from '../schema.ts';
import type { Codec } from '../codec.ts';

const int64 = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
const smallBytes = fc.uint8Array({ maxLength: 24 }).map((a) => Buffer.from(a));
/** Records sometimes exceed the Writer's zero-copy threshold, to exercise chunked output. */
const recordsBytes = fc.oneof(
  { weight: 4, arbitrary: smallBytes },
  { weight: 1, arbitrary: fc.integer({ min: 1024, max: 3000 }).map((n) => Buffer.alloc(n, n & 0xff)) },
);

function scalar(type: string): fc.Arbitrary<unknown> {
  switch (type) {
    case 'int8':
      return fc.integer({ min: -128, max: 127 });
    case 'int16':
      return fc.integer({ min: -32768, max: 32767 });
    case 'uint16':
      return fc.integer({ min: 0, max: 65535 });
    case 'int32':
      return fc.integer();
    case 'int64':
      return int64;
    case 'float64':
      return fc.double();
    case 'bool':
      return fc.boolean();
    case 'string':
      return fc.string({ unit: 'binary', maxLength: 12 });
    case 'bytes':
      return smallBytes;
    case 'records':
      return recordsBytes;
    case 'uuid':
      return fc.uuid();
    default:
      throw new Error(`no arbitrary for ${type}`);
  }
}

function fieldArbitrary(f: FieldModel, v: number, flex: boolean): fc.Arbitrary<unknown> {
  const tagged = flex && f.tag !== null && inRange(v, f.taggedVersions);
  if (!tagged && !inRange(v, f.versions)) return fc.constant(defaultValue(f));
  let arb: fc.Arbitrary<unknown>;
  if (f.kind === 'array') {
    const el = f.struct !== null ? structArbitrary(f.struct, v, flex) : scalar(f.type);
    arb = fc.array(el, { maxLength: 3 });
  } else if (f.kind === 'struct') {
    arb = structArbitrary(f.struct as StructModel, v, flex);
  } else {
    arb = scalar(f.type);
  }
  return inRange(v, f.nullableVersions) ? fc.option(arb, { nil: null, freq: 4 }) : arb;
}

export function structArbitrary(
  s: StructModel,
  v: number,
  flex: boolean,
): fc.Arbitrary<Record<string, unknown>> {
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of s.fields) shape[f.name] = fieldArbitrary(f, v, flex);
  // fc.record builds null-prototype objects; decoders build plain ones.
  return fc.record(shape).map((o) => ({ ...o }));
}

/** Values of `msg` representable at `version`. */
export function messageArbitrary(msg: MessageModel, version: number): fc.Arbitrary<Record<string, unknown>> {
  const key = `${msg.name}/${version}`;
  let arb = cache.get(key);
  if (arb === undefined) {
    arb = structArbitrary(msg.root, version, inRange(version, msg.flexibleVersions));
    cache.set(key, arb);
  }
  return arb;
}

/** Arbitraries are built once per (message, version): chained properties ask for them on every run. */
const cache = new Map<string, fc.Arbitrary<Record<string, unknown>>>();

/** Every model with its generated version table. */
export function modelsWithCodecs(): {
  model: MessageModel;
  codecs: readonly (Codec<unknown> | undefined)[];
}[] {
  const table = generated as unknown as Record<string, readonly (Codec<unknown> | undefined)[] | undefined>;
  return messageModels.map((model) => {
    const codecs = table[`${model.name.charAt(0).toLowerCase()}${model.name.slice(1)}Codecs`];
    if (codecs === undefined) throw new Error(`no codec table for ${model.name}`);
    return { model, codecs };
  });
}

export function modelByName(name: string): MessageModel {
  const m = messageModels.find((x) => x.name === name);
  if (m === undefined) throw new Error(`no model ${name}`);
  return m;
}
