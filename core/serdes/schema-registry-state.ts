import {
  checkCompatibility,
  compatibilityLevelDefault,
  parseAvroType,
  type CompatibilityLevel,
  type CompatibilityResult,
} from './compatibility.ts';
import { canonicalSchema, type RegisteredSchema, type StoredSchema } from './schema-registry.ts';
import {
  SchemaRegistryError,
  SchemaRegistryErrorCode,
  invalidSchema,
  schemaNotFound,
  subjectNotFound,
  versionNotFound,
} from './schema-registry-error.ts';

/**
 * What applying a stored schema did. `conflict`: the record claims a (subject, version) or an id
 * that an earlier record already holds with other content; the earlier one wins (the order of the
 * `_schemas` log decides between two registries that raced).
 */
export type ApplyOutcome = 'applied' | 'unchanged' | 'conflict';

/** What registering a schema needs: nothing (it is there) or one new record to store. */
export type RegistrationPlan =
  | { readonly kind: 'existing'; readonly registered: RegisteredSchema }
  | { readonly kind: 'new'; readonly record: StoredSchema };

function publicView(s: StoredSchema): RegisteredSchema {
  return { id: s.id, subject: s.subject, version: s.version, schema: s.schema };
}

/**
 * The registry's state and rules, shared by the in-memory registry and the `_schemas`-log one: the
 * log one feeds it the topic's records in order, the in-memory one its own plans. Pure: no I/O.
 */
export class SchemaRegistryState {
  private readonly bySubject = new Map<string, Map<number, StoredSchema>>();
  private readonly byId = new Map<number, string>();
  /** The first id given to each canonical schema text (reused across subjects, as Confluent does). */
  private readonly idBySchema = new Map<string, number>();
  /** Compatibility per subject; the key null is the global level. */
  private readonly configs = new Map<string | null, CompatibilityLevel>();
  private maxIdSeen = 0;

  /** The highest id seen so far: the next new schema gets `maxId + 1`. */
  get maxId(): number {
    return this.maxIdSeen;
  }

  /** Applies one stored schema (a record of the log, or a plan of ours); earlier records win conflicts. */
  applySchema(record: StoredSchema): ApplyOutcome {
    const schema = canonicalSchema(record.schema);
    const versions = this.bySubject.get(record.subject) ?? new Map<number, StoredSchema>();
    const existing = versions.get(record.version);
    if (existing !== undefined) {
      if (existing.id !== record.id || existing.schema !== schema) return 'conflict';
      if (existing.deleted === record.deleted) return 'unchanged';
      versions.set(record.version, { ...existing, deleted: record.deleted });
      return 'applied';
    }
    const known = this.byId.get(record.id);
    if (known !== undefined && known !== schema) return 'conflict';
    versions.set(record.version, { ...record, schema });
    this.bySubject.set(record.subject, versions);
    this.byId.set(record.id, schema);
    if (!this.idBySchema.has(schema)) this.idBySchema.set(schema, record.id);
    this.maxIdSeen = Math.max(this.maxIdSeen, record.id);
    return 'applied';
  }

  /** A hard delete (a tombstone in the log): the version goes; its id goes once nothing uses it. */
  removeVersion(subject: string, version: number): void {
    const versions = this.bySubject.get(subject);
    const gone = versions?.get(version);
    if (versions === undefined || gone === undefined) return;
    versions.delete(version);
    if (versions.size === 0) this.bySubject.delete(subject);
    for (const vs of this.bySubject.values()) for (const s of vs.values()) if (s.id === gone.id) return;
    this.byId.delete(gone.id);
    if (this.idBySchema.get(gone.schema) === gone.id) this.idBySchema.delete(gone.schema);
  }

  /** Sets (or with null clears) the level of a subject, or the global one for subject null. */
  setCompatibility(subject: string | null, level: CompatibilityLevel | null): void {
    if (level === null) this.configs.delete(subject);
    else this.configs.set(subject, level);
  }

  compatibility(subject?: string): CompatibilityLevel {
    return (
      (subject === undefined ? undefined : this.configs.get(subject)) ??
      this.configs.get(null) ??
      compatibilityLevelDefault
    );
  }

  /** The stored entry at (subject, version), deleted or not. */
  entry(subject: string, version: number): StoredSchema | undefined {
    return this.bySubject.get(subject)?.get(version);
  }

  schemaById(id: number): string | undefined {
    return this.byId.get(id);
  }

  /** Non-deleted versions of a subject, oldest first. */
  liveVersions(subject: string): StoredSchema[] {
    const versions = this.bySubject.get(subject);
    if (versions === undefined) return [];
    return [...versions.values()].filter((s) => !s.deleted).sort((a, b) => a.version - b.version);
  }

  subjects(): string[] {
    return [...this.bySubject.keys()].filter((s) => this.liveVersions(s).length > 0).sort();
  }

  versions(subject: string): number[] {
    const live = this.liveVersions(subject);
    if (live.length === 0) throw subjectNotFound(subject);
    return live.map((s) => s.version);
  }

  latest(subject: string): RegisteredSchema {
    const live = this.liveVersions(subject);
    const last = live[live.length - 1];
    if (last === undefined) throw subjectNotFound(subject);
    return publicView(last);
  }

  version(subject: string, version: number | 'latest'): RegisteredSchema {
    if (version === 'latest' || version === -1) return this.latest(subject);
    if (!Number.isInteger(version) || version < 1)
      throw new SchemaRegistryError(
        SchemaRegistryErrorCode.INVALID_VERSION,
        `The specified version '${version}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string "latest"`,
      );
    const live = this.liveVersions(subject);
    if (live.length === 0) throw subjectNotFound(subject);
    const found = live.find((s) => s.version === version);
    if (found === undefined) throw versionNotFound(subject, version);
    return publicView(found);
  }

  /** The id of `schema` under `subject` when a non-deleted version holds it. */
  idOf(subject: string, schema: string): number | undefined {
    const text = canonicalSchema(schema);
    return this.liveVersions(subject).find((s) => s.schema === text)?.id;
  }

  /** The id the text has under any subject (the first one it was given). */
  idOfSchema(schema: string): number | undefined {
    return this.idBySchema.get(canonicalSchema(schema));
  }

  lookup(subject: string, schema: string): RegisteredSchema {
    const text = canonicalSchema(schema);
    const live = this.liveVersions(subject);
    if (live.length === 0) throw subjectNotFound(subject);
    const found = live.find((s) => s.schema === text);
    if (found === undefined) throw schemaNotFound(this.idBySchema.get(text) ?? -1);
    return publicView(found);
  }

  getById(id: number): string {
    const schema = this.byId.get(id);
    if (schema === undefined) throw schemaNotFound(id);
    return schema;
  }

  testCompatibility(subject: string, schema: string, version?: number | 'latest'): CompatibilityResult {
    const text = validAvro(schema);
    const level = this.compatibility(subject);
    const previous = version === undefined ? this.liveVersions(subject) : [this.version(subject, version)];
    return checkCompatibility(level, text, previous);
  }

  /**
   * What registering `schema` under `subject` takes: the existing id, or a new record (next
   * version of the subject; the id the same text already has elsewhere, else the next id).
   * Throws 42201 for a schema that is not Avro and 409 when the compatibility level refuses it.
   */
  plan(subject: string, schema: string): RegistrationPlan {
    if (subject.length === 0)
      throw new SchemaRegistryError(SchemaRegistryErrorCode.INVALID_SCHEMA, 'Subject must not be empty');
    const text = validAvro(schema);
    const live = this.liveVersions(subject);
    const same = live.find((s) => s.schema === text);
    if (same !== undefined) return { kind: 'existing', registered: publicView(same) };
    const level = this.compatibility(subject);
    const result = checkCompatibility(level, text, live);
    if (!result.isCompatible)
      throw new SchemaRegistryError(
        SchemaRegistryErrorCode.INCOMPATIBLE_SCHEMA,
        `Schema being registered is incompatible with an earlier schema for subject "${subject}" (compatibility ${level}): ${result.messages.join('; ')}`,
      );
    const all = this.bySubject.get(subject);
    const version = all === undefined ? 1 : Math.max(...all.keys()) + 1;
    const id = this.idBySchema.get(text) ?? this.maxIdSeen + 1;
    return { kind: 'new', record: { id, subject, version, schema: text, deleted: false } };
  }
}

/** Canonical text of a valid Avro schema; 42201 naming the parse error otherwise. */
function validAvro(schema: string): string {
  const text = canonicalSchema(schema);
  try {
    parseAvroType(text);
  } catch (err) {
    throw invalidSchema(err instanceof Error ? err.message : String(err), err);
  }
  return text;
}
