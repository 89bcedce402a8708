import type { CompatibilityLevel, CompatibilityResult } from './compatibility.ts';

/** A registered schema: its global id, subject, version within the subject, and canonical text. */
export interface RegisteredSchema {
  readonly id: number;
  readonly subject: string;
  readonly version: number;
  readonly schema: string;
}

/** A version as stored: soft-deleted versions keep answering by id but leave the subject's history. */
export interface StoredSchema extends RegisteredSchema {
  readonly deleted: boolean;
}

/**
 * Confluent Schema Registry's contract (the calls its REST API and serializers use). Methods are
 * async so the `_schemas`-topic registry (runtime/schema-registry), which reads the topic to its
 * end before answering, fits the same port as the in-memory one. Refusals are
 * SchemaRegistryError with Confluent's codes (40401 subject not found, 409 incompatible, ...).
 *
 * The `cached*` calls are the synchronous fast path for serdes on the hot path: they answer only
 * from what this process already knows and return undefined otherwise (a log-backed registry
 * then catches up in the background, so a retry finds it).
 */
export interface SchemaRegistry {
  /**
   * Registers `schema` under `subject` and returns its id. Idempotent: a schema already registered
   * under the subject returns its id; the same schema under another subject reuses the id. A new
   * version must pass the subject's compatibility level (409 otherwise).
   */
  register(subject: string, schema: string): Promise<number>;
  /** The schema text for an id (40403 when unknown). */
  getById(id: number): Promise<string>;
  /** The subject's newest non-deleted version (40401 when the subject has none). */
  getLatest(subject: string): Promise<RegisteredSchema>;
  /** One version of a subject, or its latest (40401 / 40402). */
  getVersion(subject: string, version: number | 'latest'): Promise<RegisteredSchema>;
  /** The version of the subject holding `schema` (POST /subjects/{subject}); 40401 / 40403. */
  lookup(subject: string, schema: string): Promise<RegisteredSchema>;
  /** Subjects with at least one non-deleted version, sorted. */
  getSubjects(): Promise<string[]>;
  /** The subject's non-deleted versions, ascending (40401 when none). */
  getVersions(subject: string): Promise<number[]>;
  /**
   * Would `schema` be accepted under `subject` at its compatibility level? Against one `version`
   * only when given (Confluent's POST /compatibility/subjects/{subject}/versions/{version}).
   */
  testCompatibility(
    subject: string,
    schema: string,
    version?: number | 'latest',
  ): Promise<CompatibilityResult>;
  /** The subject's level, else the global one, else BACKWARD. Global when `subject` is omitted. */
  getCompatibility(subject?: string): Promise<CompatibilityLevel>;
  /** Sets the subject's level (the global one when `subject` is omitted). */
  setCompatibility(level: CompatibilityLevel, subject?: string): Promise<void>;
  /** Soft-deletes every version of a subject (ids keep resolving); returns the deleted versions. */
  deleteSubject(subject: string): Promise<number[]>;
  /** Synchronous: the schema for an id, if this process knows it. */
  cachedById(id: number): string | undefined;
  /** Synchronous: the id of `schema` under `subject`, if this process knows it is registered there. */
  cachedId(subject: string, schema: string): number | undefined;
  /** Synchronous: the id `schema` has under any subject, if this process knows one. */
  cachedSchemaId(schema: string): number | undefined;
  /**
   * Synchronous registration, offered only by in-process registries (the in-memory one): lets a
   * serde register on first use without an await. Absent on registries that must write a log.
   */
  registerSync?(subject: string, schema: string): number;
}

/** Canonical text (JSON without formatting) so that whitespace differences do not mint new ids. */
export function canonicalSchema(schema: string | object): string {
  if (typeof schema !== 'string') return JSON.stringify(schema);
  try {
    return JSON.stringify(JSON.parse(schema));
  } catch {
    return schema;
  }
}
