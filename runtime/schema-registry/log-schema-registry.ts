import { Admin, Consumer, Producer, type TopicPartition } from '../../actors/client/index.ts';
import type { ConnectionFactory } from '../../actors/client/connection.ts';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import { SystemClock, type Clock, type Timer } from '../../core/io/index.ts';
import {
  SchemaRegistryError,
  SchemaRegistryErrorCode,
  SchemaRegistryState,
  parseCompatibilityLevel,
  type CompatibilityLevel,
  type CompatibilityResult,
  type RegisteredSchema,
  type SchemaRegistry,
} from '../../core/serdes/index.ts';
import {
  configKeyBytes,
  configValueBytes,
  decodeSchemaLogRecord,
  schemaKeyBytes,
  schemaValueBytes,
} from './schema-records.ts';

/** Confluent's `kafkastore.topic`. */
export const schemasTopicDefault = '_schemas';
/** Confluent's `kafkastore.topic.replication.factor` (lowered to the number of live brokers). */
export const schemasTopicReplicationFactorDefault = 3;
/** How long one poll of a catch-up waits for records. */
const readPollMs = 100;
/** Confluent's `kafkastore.init.timeout.ms`: creating and reading the topic on start. */
export const initTimeoutMsDefault = 60_000;
/** A catch-up before answering (Confluent's `kafkastore.timeout.ms` is 500; our simulated network is slower). */
export const readTimeoutMsDefault = 30_000;
/** Registrations that lose a race with another registry are retried this many times. */
const registerAttemptsMax = 5;

export interface LogSchemaRegistryOptions {
  /** How to reach the brokers: `cluster.connectionFactory()` in process, a TcpConnectionFactory over TCP. */
  readonly connections: ConnectionFactory;
  /** Default the system clock; the cluster's simulated clock in tests. */
  readonly clock?: Clock;
  /** The topic (`kafkastore.topic`), default `_schemas`. */
  readonly topic?: string;
  /** Replicas of the topic when this registry creates it; default min(3, live brokers). */
  readonly replicationFactor?: number;
  /** Prefix of the clients' `client.id`. */
  readonly clientId?: string;
  readonly initTimeoutMs?: number;
  readonly readTimeoutMs?: number;
  /**
   * When set, the registry also catches up every this many ms, so schemas other processes
   * register reach the synchronous cache before records written with them arrive (useful for a
   * long-running consumer or Streams app). Off by default: a cache miss already starts a catch-up.
   */
  readonly refreshIntervalMs?: number;
}

/** What the registry counts about the log it reads. */
export interface LogSchemaRegistryStats {
  /** Records of the topic applied to the state. */
  recordsApplied: number;
  /** Records skipped: malformed, or of a key type or schema type this registry does not serve. */
  recordsSkipped: number;
  /** SCHEMA records that lost to an earlier record for the same (subject, version) or id. */
  conflicts: number;
  /** Background catch-ups (after a cache miss) that failed. */
  backgroundReadFailures: number;
}

function storeError(message: string, cause?: unknown): SchemaRegistryError {
  return new SchemaRegistryError(
    SchemaRegistryErrorCode.STORE_ERROR,
    message,
    cause === undefined ? undefined : { cause },
  );
}

/**
 * A schema registry whose state is the `_schemas` topic of our own log, in Confluent Schema
 * Registry's record format, read and written through our Producer and Consumer (so it runs
 * against an in-process Cluster or brokers over TCP alike).
 *
 * On start it creates the topic if missing (one partition, `cleanup.policy=compact`, as Confluent
 * requires) and reads it to the end. Every answer that is not already cached is given after
 * catching up to the topic's current end, so two registries on one cluster see each other's
 * schemas. Registrations are optimistic instead of going through an elected leader: plan from the
 * caught-up state (next id = highest id + 1, next version of the subject), write, read back to
 * the written offset. Records are applied in log order and the earlier record for a
 * (subject, version) or an id wins, so racing registries agree; the loser rewrites the winner's
 * value under its key (so compaction keeps the winner) and retries with fresh numbers.
 */
export class LogSchemaRegistry implements SchemaRegistry {
  readonly topic: string;
  readonly stats: LogSchemaRegistryStats = {
    recordsApplied: 0,
    recordsSkipped: 0,
    conflicts: 0,
    backgroundReadFailures: 0,
  };
  private readonly state = new SchemaRegistryState();
  private readonly clock: Clock;
  private readonly producer: Producer;
  private readonly consumer: Consumer;
  private readonly admin: Admin;
  private readonly tp: TopicPartition;
  private readonly readTimeoutMs: number;
  /** Operations run one at a time: they share the consumer's position and plan from one state. */
  private queue: Promise<unknown> = Promise.resolve();
  private backgroundRead: Promise<void> | undefined;
  private refreshTimer: Timer | undefined;
  private closed = false;

  private constructor(options: LogSchemaRegistryOptions) {
    this.topic = options.topic ?? schemasTopicDefault;
    this.clock = options.clock ?? new SystemClock();
    this.readTimeoutMs = options.readTimeoutMs ?? readTimeoutMsDefault;
    const clientId = options.clientId ?? 'schema-registry';
    this.tp = { topic: this.topic, partition: 0 };
    this.producer = new Producer(options.connections, {
      config: { 'client.id': `${clientId}-producer`, acks: 'all', 'linger.ms': 0 },
      clock: this.clock,
    });
    this.consumer = new Consumer(
      {
        'client.id': `${clientId}-reader`,
        'enable.auto.commit': false,
        'auto.offset.reset': 'earliest',
        'allow.auto.create.topics': false,
      },
      { connectionFactory: options.connections, clock: this.clock },
    );
    this.admin = new Admin(options.connections, {
      config: { 'client.id': `${clientId}-admin` },
      clock: this.clock,
    });
  }

  /** Creates the topic if missing, checks it, and reads it to the end. */
  static async start(options: LogSchemaRegistryOptions): Promise<LogSchemaRegistry> {
    const registry = new LogSchemaRegistry(options);
    try {
      await registry.ensureTopic(options.replicationFactor);
      registry.consumer.assign([registry.tp]);
      registry.consumer.seekToBeginning([registry.tp]);
      await registry.readToEnd(options.initTimeoutMs ?? initTimeoutMsDefault);
      if (options.refreshIntervalMs !== undefined) registry.scheduleRefresh(options.refreshIntervalMs);
    } catch (err) {
      await registry.close();
      throw err;
    }
    return registry;
  }

  private async ensureTopic(replicationFactor: number | undefined): Promise<void> {
    let rf = replicationFactor;
    if (rf === undefined) {
      const cluster = await this.admin.describeCluster();
      rf = Math.max(1, Math.min(schemasTopicReplicationFactorDefault, cluster.brokers.length));
    }
    try {
      await this.admin.createTopics([
        {
          topic: this.topic,
          numPartitions: 1,
          replicationFactor: rf,
          configs: { 'cleanup.policy': 'compact' },
        },
      ]);
      return;
    } catch (err) {
      if (!KafkaError.is(err, 'TOPIC_ALREADY_EXISTS')) throw err;
    }
    const [description] = await this.admin.describeTopics([this.topic]);
    const partitions = description?.partitions.length ?? 0;
    if (partitions !== 1)
      throw new KafkaError(
        ErrorCode.INVALID_CONFIG,
        `The schema topic ${this.topic} should have only 1 partition but has ${partitions}.`,
      );
    const [configs] = await this.admin.describeConfigs([
      { type: 'topic', name: this.topic, configNames: ['cleanup.policy'] },
    ]);
    const policy = configs?.configEntries.find((e) => e.name === 'cleanup.policy')?.value ?? 'delete';
    if (policy.trim() !== 'compact')
      throw new KafkaError(
        ErrorCode.INVALID_CONFIG,
        `The retention policy of the schema topic ${this.topic} is incorrect. You must configure the topic to 'compact' cleanup policy to avoid Kafka deleting your schemas after a week (found cleanup.policy=${policy}).`,
      );
  }

  // ------------------------------------------------------------------ reading the log

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(storeError('the schema registry is closed'));
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Reads to the topic's end as of now. Callers hold the queue. */
  private async readToEnd(timeoutMs = this.readTimeoutMs): Promise<void> {
    let end: number;
    try {
      end = (await this.consumer.endOffsets([this.tp], timeoutMs))[0]!.offset;
    } catch (err) {
      throw storeError(`cannot find the end of ${this.topic}: ${(err as Error).message}`, err);
    }
    await this.readUntil(end, timeoutMs);
  }

  /** Reads until the consumer's position reaches `offset`. Callers hold the queue. */
  private async readUntil(offset: number, timeoutMs = this.readTimeoutMs): Promise<void> {
    const deadline = this.clock.now() + timeoutMs;
    try {
      while ((await this.consumer.position(this.tp)) < offset) {
        if (this.clock.now() >= deadline)
          throw storeError(`reading ${this.topic} up to offset ${offset} took more than ${timeoutMs} ms`);
        for (const r of await this.consumer.poll(readPollMs)) this.apply(r.rawKey, r.rawValue);
      }
    } catch (err) {
      if (err instanceof SchemaRegistryError) throw err;
      throw storeError(`cannot read ${this.topic}: ${(err as Error).message}`, err);
    }
  }

  private apply(key: Buffer | null, value: Buffer | null): void {
    let record;
    try {
      record = decodeSchemaLogRecord(key, value);
    } catch {
      // A record some other writer left (or a newer Confluent feature): counted, never fatal.
      this.stats.recordsSkipped++;
      return;
    }
    switch (record.type) {
      case 'SCHEMA':
        if (record.value === null) this.state.removeVersion(record.subject, record.version);
        else if (this.state.applySchema(record.value) === 'conflict') this.stats.conflicts++;
        this.stats.recordsApplied++;
        return;
      case 'CONFIG':
        this.state.setCompatibility(record.subject, record.level);
        this.stats.recordsApplied++;
        return;
      case 'other':
        this.stats.recordsSkipped++;
        return;
      default: {
        const _never: never = record;
        return _never;
      }
    }
  }

  /** Catches up off the caller's path (after a cache miss), so a retry finds a new schema. */
  private readInBackground(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.backgroundRead ??= this.serial(() => this.readToEnd())
      .catch(() => {
        this.stats.backgroundReadFailures++;
      })
      .finally(() => {
        this.backgroundRead = undefined;
      });
    return this.backgroundRead;
  }

  /** The next periodic catch-up, scheduled only after the previous one ended (they never pile up). */
  private scheduleRefresh(intervalMs: number): void {
    if (!(intervalMs > 0))
      throw new KafkaError(ErrorCode.INVALID_CONFIG, `refreshIntervalMs must be positive, got ${intervalMs}`);
    this.refreshTimer = this.clock.setTimeout(() => {
      this.refreshTimer = undefined;
      void this.readInBackground().then(() => {
        if (!this.closed) this.scheduleRefresh(intervalMs);
      });
    }, intervalMs);
  }

  /** Catches up, then answers from the state. */
  private read<T>(answer: () => T): Promise<T> {
    return this.serial(async () => {
      await this.readToEnd();
      return answer();
    });
  }

  // ------------------------------------------------------------------ writes

  /** Writes one record (acks=all) and reads the log up to it, so the state includes it. */
  private async write(key: Buffer, value: Buffer | null): Promise<void> {
    let offset: number;
    try {
      offset = (await this.producer.send({ topic: this.topic, partition: 0, key, value })).offset;
    } catch (err) {
      throw storeError(`cannot write to ${this.topic}: ${(err as Error).message}`, err);
    }
    await this.readUntil(offset + 1);
  }

  register(subject: string, schema: string): Promise<number> {
    return this.serial(async () => {
      /** Keys where a record of ours lost on its id: tombstoned unless someone else wrote them since. */
      const orphans: { subject: string; version: number }[] = [];
      for (let attempt = 1; ; attempt++) {
        await this.readToEnd();
        const plan = this.state.plan(subject, schema);
        if (plan.kind === 'existing') {
          await this.dropOrphans(orphans);
          return plan.registered.id;
        }
        const { record } = plan;
        await this.write(schemaKeyBytes(record.subject, record.version), schemaValueBytes(record));
        const stored = this.state.entry(record.subject, record.version);
        if (stored?.id === record.id && stored.schema === record.schema) {
          await this.dropOrphans(orphans.filter((o) => o.version !== record.version));
          return record.id;
        }
        if (stored !== undefined) {
          // Another registry wrote this (subject, version) first: make its value the key's last
          // one again, so that compaction (which keeps the last) agrees with log order.
          await this.write(schemaKeyBytes(stored.subject, stored.version), schemaValueBytes(stored));
        } else {
          orphans.push({ subject: record.subject, version: record.version });
        }
        if (attempt >= registerAttemptsMax)
          throw storeError(
            `registering under ${subject} lost ${attempt} races with other registries writing ${this.topic}`,
          );
      }
    });
  }

  private async dropOrphans(orphans: readonly { subject: string; version: number }[]): Promise<void> {
    for (const o of orphans) {
      if (this.state.entry(o.subject, o.version) === undefined)
        await this.write(schemaKeyBytes(o.subject, o.version), null);
    }
  }

  setCompatibility(level: CompatibilityLevel, subject?: string): Promise<void> {
    return this.serial(async () => {
      const valid = parseCompatibilityLevel(level);
      await this.write(configKeyBytes(subject ?? null), configValueBytes(valid));
    });
  }

  deleteSubject(subject: string): Promise<number[]> {
    return this.serial(async () => {
      await this.readToEnd();
      const live = this.state.liveVersions(subject);
      if (live.length === 0) this.state.versions(subject); // throws 40401
      for (const s of live) {
        await this.write(schemaKeyBytes(s.subject, s.version), schemaValueBytes({ ...s, deleted: true }));
      }
      return live.map((s) => s.version);
    });
  }

  // ------------------------------------------------------------------ reads

  getById(id: number): Promise<string> {
    const cached = this.state.schemaById(id);
    if (cached !== undefined) return Promise.resolve(cached);
    return this.read(() => this.state.getById(id));
  }

  getLatest(subject: string): Promise<RegisteredSchema> {
    return this.read(() => this.state.latest(subject));
  }

  getVersion(subject: string, version: number | 'latest'): Promise<RegisteredSchema> {
    return this.read(() => this.state.version(subject, version));
  }

  lookup(subject: string, schema: string): Promise<RegisteredSchema> {
    return this.read(() => this.state.lookup(subject, schema));
  }

  getSubjects(): Promise<string[]> {
    return this.read(() => this.state.subjects());
  }

  getVersions(subject: string): Promise<number[]> {
    return this.read(() => this.state.versions(subject));
  }

  testCompatibility(
    subject: string,
    schema: string,
    version?: number | 'latest',
  ): Promise<CompatibilityResult> {
    return this.read(() => this.state.testCompatibility(subject, schema, version));
  }

  getCompatibility(subject?: string): Promise<CompatibilityLevel> {
    return this.read(() => this.state.compatibility(subject));
  }

  cachedById(id: number): string | undefined {
    const schema = this.state.schemaById(id);
    if (schema === undefined) void this.readInBackground();
    return schema;
  }

  cachedId(subject: string, schema: string): number | undefined {
    const id = this.state.idOf(subject, schema);
    if (id === undefined) void this.readInBackground();
    return id;
  }

  /** No catch-up on a miss: serdes ask this only as a fallback after `cachedId` missed (and caught up). */
  cachedSchemaId(schema: string): number | undefined {
    return this.state.idOfSchema(schema);
  }

  /** Waits for running operations, then closes the clients. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true; // refuses new operations; queued ones finish first
    this.refreshTimer?.cancel();
    await this.queue;
    await this.consumer.close({ timeoutMs: 0 });
    await this.producer.close({ timeoutMs: 0 });
    await this.admin.close();
  }
}
