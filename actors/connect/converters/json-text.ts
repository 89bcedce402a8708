/**
 * A JSON writer that can emit numbers exactly as Jackson does for Java doubles ("1.0", not "1"),
 * so JsonConverter output is byte-identical to Kafka's for FLOAT32/FLOAT64 fields.
 */
export class RawJson {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/** A Java double as Jackson prints it: integral values keep ".0"; NaN and infinities as strings. */
export function doubleJson(value: number): RawJson {
  if (Number.isNaN(value)) return new RawJson('"NaN"');
  if (!Number.isFinite(value)) return new RawJson(value > 0 ? '"Infinity"' : '"-Infinity"');
  if (Number.isInteger(value) && Math.abs(value) < 1e7) return new RawJson(`${value}.0`);
  // Java switches to E notation at 1e7 ("1.0E7"); JS prints "10000000". Match Java's form.
  if (Math.abs(value) >= 1e7 || (value !== 0 && Math.abs(value) < 1e-3))
    return new RawJson(javaScientific(value));
  return new RawJson(String(value));
}

function javaScientific(value: number): string {
  const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
  const m = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${m}E${Number(exponent)}`;
}

/** Serialises a tree of plain values and RawJson leaves; object keys keep insertion order. */
export function writeJson(node: unknown): string {
  if (node instanceof RawJson) return node.text;
  if (node === null || node === undefined) return 'null';
  if (Array.isArray(node)) return `[${node.map(writeJson).join(',')}]`;
  if (typeof node === 'object') {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (v === undefined) continue;
      parts.push(`${JSON.stringify(k)}:${writeJson(v)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(node);
}

/**
 * The end index (exclusive) of the JSON value starting at `start` in `text` (an object or array,
 * tracked by depth while skipping string contents), or -1 when it is not one. Used to slice the
 * schema out of an envelope so a known schema is looked up by its text instead of re-parsed.
 */
export function endOfJsonValue(text: string, start: number): number {
  const open = text.charCodeAt(start);
  if (open !== 0x7b /* { */ && open !== 0x5b /* [ */) return -1;
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // Skip the string, honouring backslash escapes.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}
