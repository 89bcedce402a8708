import avsc from 'avsc';
import { SchemaRegistryError, SchemaRegistryErrorCode } from './schema-registry-error.ts';

/**
 * Confluent's compatibility levels. BACKWARD (the default): the new schema can read data written
 * with the latest one. FORWARD: the latest can read data written with the new one. FULL: both.
 * The `_TRANSITIVE` forms check every earlier version instead of only the latest.
 */
export const compatibilityLevels = [
  'NONE',
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
] as const;

export type CompatibilityLevel = (typeof compatibilityLevels)[number];

/** Schema Registry's default (`schema.compatibility.level`). */
export const compatibilityLevelDefault: CompatibilityLevel = 'BACKWARD';

/** Validates a level given as text (a config file, a REST body); throws 42203 naming the bad value. */
export function parseCompatibilityLevel(value: unknown): CompatibilityLevel {
  const level = typeof value === 'string' ? value.toUpperCase() : value;
  if (compatibilityLevels.includes(level as CompatibilityLevel)) return level as CompatibilityLevel;
  throw new SchemaRegistryError(
    SchemaRegistryErrorCode.INVALID_COMPATIBILITY_LEVEL,
    `Invalid compatibility level ${JSON.stringify(value)}. Valid values are ${compatibilityLevels.join(', ')}`,
  );
}

/** The outcome of a check: compatible, or the reasons it is not (one per failing earlier version). */
export interface CompatibilityResult {
  readonly isCompatible: boolean;
  readonly messages: readonly string[];
}

/** Parses Avro schema text with avsc; throws the parse error. */
export function parseAvroType(schema: string): avsc.Type {
  return avsc.Type.forSchema(JSON.parse(schema) as avsc.Schema);
}

/** Why `reader` cannot read data written with `writer`, or undefined when it can (avsc's resolver). */
function resolveError(reader: avsc.Type, writer: avsc.Type): string | undefined {
  try {
    reader.createResolver(writer);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/**
 * Checks `candidate` against `previous` (oldest first) at `level`, as Schema Registry does before
 * registering a new version. Schemas must already be valid Avro.
 */
export function checkCompatibility(
  level: CompatibilityLevel,
  candidate: string,
  previous: readonly { readonly version: number; readonly schema: string }[],
): CompatibilityResult {
  if (level === 'NONE' || previous.length === 0) return { isCompatible: true, messages: [] };
  const transitive = level.endsWith('_TRANSITIVE');
  const against = transitive ? previous : previous.slice(-1);
  const backward = level.startsWith('BACKWARD') || level.startsWith('FULL');
  const forward = level.startsWith('FORWARD') || level.startsWith('FULL');
  const next = parseAvroType(candidate);
  const messages: string[] = [];
  // Newest first, as Confluent reports the latest conflict first.
  for (const old of [...against].reverse()) {
    const oldType = parseAvroType(old.schema);
    if (backward) {
      const why = resolveError(next, oldType);
      if (why !== undefined)
        messages.push(`new schema cannot read data written with version ${old.version} (${level}): ${why}`);
    }
    if (forward) {
      const why = resolveError(oldType, next);
      if (why !== undefined)
        messages.push(
          `version ${old.version} cannot read data written with the new schema (${level}): ${why}`,
        );
    }
  }
  return { isCompatible: messages.length === 0, messages };
}
