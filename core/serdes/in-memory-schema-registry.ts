import {
  parseCompatibilityLevel,
  type CompatibilityLevel,
  type CompatibilityResult,
} from './compatibility.ts';
import type { RegisteredSchema, SchemaRegistry } from './schema-registry.ts';
import { SchemaRegistryState } from './schema-registry-state.ts';

/** Runs `fn` and turns a throw into a rejected promise (the port is async). */
function settle<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    return Promise.reject(err as Error);
  }
}

/**
 * A process-local registry with Confluent's rules (global ids from 1, versions per subject,
 * BACKWARD compatibility by default). For tests and the TopologyTestDriver; it registers
 * synchronously too, so an Avro serde can register on first use without an await.
 */
export class InMemorySchemaRegistry implements SchemaRegistry {
  private readonly state = new SchemaRegistryState();

  register(subject: string, schema: string): Promise<number> {
    return settle(() => this.registerSync(subject, schema));
  }

  registerSync(subject: string, schema: string): number {
    const plan = this.state.plan(subject, schema);
    if (plan.kind === 'existing') return plan.registered.id;
    this.state.applySchema(plan.record);
    return plan.record.id;
  }

  getById(id: number): Promise<string> {
    return settle(() => this.state.getById(id));
  }

  getLatest(subject: string): Promise<RegisteredSchema> {
    return settle(() => this.state.latest(subject));
  }

  getVersion(subject: string, version: number | 'latest'): Promise<RegisteredSchema> {
    return settle(() => this.state.version(subject, version));
  }

  lookup(subject: string, schema: string): Promise<RegisteredSchema> {
    return settle(() => this.state.lookup(subject, schema));
  }

  getSubjects(): Promise<string[]> {
    return settle(() => this.state.subjects());
  }

  getVersions(subject: string): Promise<number[]> {
    return settle(() => this.state.versions(subject));
  }

  testCompatibility(
    subject: string,
    schema: string,
    version?: number | 'latest',
  ): Promise<CompatibilityResult> {
    return settle(() => this.state.testCompatibility(subject, schema, version));
  }

  getCompatibility(subject?: string): Promise<CompatibilityLevel> {
    return settle(() => this.state.compatibility(subject));
  }

  setCompatibility(level: CompatibilityLevel, subject?: string): Promise<void> {
    return settle(() => this.state.setCompatibility(subject ?? null, parseCompatibilityLevel(level)));
  }

  deleteSubject(subject: string): Promise<number[]> {
    return settle(() => {
      const live = this.state.liveVersions(subject);
      if (live.length === 0) this.state.versions(subject); // throws 40401
      for (const s of live) this.state.applySchema({ ...s, deleted: true });
      return live.map((s) => s.version);
    });
  }

  cachedById(id: number): string | undefined {
    return this.state.schemaById(id);
  }

  cachedId(subject: string, schema: string): number | undefined {
    return this.state.idOf(subject, schema);
  }

  cachedSchemaId(schema: string): number | undefined {
    return this.state.idOfSchema(schema);
  }
}
