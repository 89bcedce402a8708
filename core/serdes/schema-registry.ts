import { ErrorCode, KafkaError } from '../errors/index.ts';

/** A registered schema: its global id, subject, version within the subject, and canonical text. */
export interface RegisteredSchema {
  readonly id: number;
  readonly subject: string;
  readonly version: number;
  readonly schema: string;
}

/**
 * Confluent Schema Registry's core contract. Methods are async so an implementation backed by a
 * `_schemas` topic on the cluster (read to the end before answering) fits the same interface.
 * `cachedById` is the synchronous fast path a deserializer uses on the hot path: it answers only
 * from schemas this process already knows and returns undefined otherwise.
 */
export interface SchemaRegistry {
  /** Registers `schema` under `subject` (idempotent: the same text returns the same id). */
  register(subject: string, schema: string): Promise<number>;
  getById(id: number): Promise<string>;
  latest(subject: string): Promise<RegisteredSchema>;
  cachedById(id: number): string | undefined;
}

/** Canonical text so that formatting differences do not mint new ids. */
function canonical(schema: string): string {
  try {
    return JSON.stringify(JSON.parse(schema));
  } catch {
    return schema;
  }
}

/** A process-local registry: ids are global across subjects and start at 1, as in Confluent's. */
export class InMemorySchemaRegistry implements SchemaRegistry {
  private readonly byId = new Map<number, string>();
  private readonly idBySchema = new Map<string, number>();
  private readonly versions = new Map<string, RegisteredSchema[]>();
  private nextId = 1;

  register(subject: string, schema: string): Promise<number> {
    return Promise.resolve(this.registerSync(subject, schema));
  }

  /** Synchronous registration, for tests and for restoring from a `_schemas` log. */
  registerSync(subject: string, schema: string): number {
    const text = canonical(schema);
    const history = this.versions.get(subject) ?? [];
    const existing = history.find((s) => s.schema === text);
    if (existing !== undefined) return existing.id;
    let id = this.idBySchema.get(text);
    if (id === undefined) {
      id = this.nextId++;
      this.idBySchema.set(text, id);
      this.byId.set(id, text);
    }
    history.push({ id, subject, version: history.length + 1, schema: text });
    this.versions.set(subject, history);
    return id;
  }

  getById(id: number): Promise<string> {
    const schema = this.byId.get(id);
    if (schema === undefined)
      return Promise.reject(new KafkaError(ErrorCode.INVALID_REQUEST, `schema id ${id} not found`));
    return Promise.resolve(schema);
  }

  latest(subject: string): Promise<RegisteredSchema> {
    const history = this.versions.get(subject);
    const last = history?.[history.length - 1];
    if (last === undefined)
      return Promise.reject(new KafkaError(ErrorCode.INVALID_REQUEST, `subject ${subject} not found`));
    return Promise.resolve(last);
  }

  cachedById(id: number): string | undefined {
    return this.byId.get(id);
  }
}
