import avsc from 'avsc';
import { parseAvroType } from './compatibility.ts';
import { canonicalSchema, type SchemaRegistry } from './schema-registry.ts';
import { invalidSchema } from './schema-registry-error.ts';
import type { Serde } from './serde.ts';
import { DeserializationError, SerializationError } from './serialization-errors.ts';

/** Confluent wire format: magic byte 0, then the 4-byte big-endian schema id, then the Avro body. */
export const confluentMagicByte = 0;
export const confluentHeaderBytes = 5;

/**
 * Picks the subject a schema is registered under (Confluent's `SubjectNameStrategy`).
 * `recordName` is the schema's full name, undefined for unnamed types.
 */
export type SubjectNameStrategy = (topic: string, isKey: boolean, recordName: string | undefined) => string;

function requireName(recordName: string | undefined, strategy: string, topic: string): string {
  if (recordName === undefined)
    throw new SerializationError(topic, `${strategy} needs a named Avro type (a record, enum or fixed)`);
  return recordName;
}

/** Confluent's built-in strategies, by their class names. */
export const SubjectNameStrategies = {
  /** `<topic>-key` / `<topic>-value` (the default). */
  TopicNameStrategy: (topic, isKey) => `${topic}-${isKey ? 'key' : 'value'}`,
  /** The record's full name, whatever the topic. */
  RecordNameStrategy: (topic, _isKey, recordName) => requireName(recordName, 'RecordNameStrategy', topic),
  /** `<topic>-<record full name>`. */
  TopicRecordNameStrategy: (topic, _isKey, recordName) =>
    `${topic}-${requireName(recordName, 'TopicRecordNameStrategy', topic)}`,
} as const satisfies Record<string, SubjectNameStrategy>;

export interface AvroSerdeConfig {
  /** Serde for record keys (subject `<topic>-key`); default false (values). */
  readonly isKey?: boolean;
  /** `value.subject.name.strategy`: a built-in's name or a function; default TopicNameStrategy. */
  readonly subjectNameStrategy?: keyof typeof SubjectNameStrategies | SubjectNameStrategy;
  /**
   * `auto.register.schemas` (default true): the serializer registers its schema; when false the
   * schema must already be registered under the subject.
   */
  readonly autoRegister?: boolean;
}

/** What an Avro serde counts about the registrations it started without waiting for them. */
export interface AvroSerdeStats {
  /** Subjects registered in the background (see {@link avro}). */
  backgroundRegistrations: number;
  /** Of those, the ones the registry refused (e.g. 409 incompatible); the last error is kept. */
  backgroundRegistrationFailures: number;
  lastBackgroundError: unknown;
}

/** An Avro serde in Confluent's wire format, with the async steps a registry over a log needs. */
export interface AvroSerde<T> extends Serde<T> {
  /** The writer/reader schema, canonical. */
  readonly schema: string;
  readonly stats: AvroSerdeStats;
  /**
   * Registers the schema under the topic's subject (or, without auto-registration, looks it up)
   * and returns its id, so the synchronous serializer has it. A registry that registers
   * synchronously (the in-memory one) makes this optional.
   */
  prepare(topic: string): Promise<number>;
  /** Fetches the writer schema of `data` by its id so the synchronous deserializer can read it. */
  prepareDeserialize(data: Buffer | null): Promise<void>;
}

/** The schema id in Confluent-framed bytes; throws a DeserializationError on a bad header. */
export function confluentSchemaId(topic: string, data: Buffer): number {
  if (data.length < confluentHeaderBytes)
    throw new DeserializationError(topic, 'shorter than the 5-byte header');
  const magic = data.readUInt8(0);
  if (magic !== confluentMagicByte) throw new DeserializationError(topic, `unknown magic byte ${magic}`);
  return data.readUInt32BE(1);
}

/**
 * Confluent's KafkaAvroSerializer/Deserializer as one serde. The serializer writes magic byte 0,
 * the schema's id (registered under the subject the strategy names, `<topic>-value` by default) and
 * the Avro body. The deserializer looks the writer schema up by the id in the bytes and reads the
 * body into this serde's schema (Avro schema resolution: added fields take their defaults, removed
 * fields are skipped), so a reader on v2 reads records written with v1.
 *
 * Both directions are synchronous and answer from the registry's cache; against a registry that
 * must do I/O, `await serde.prepare(topic)` before the first write and
 * `await serde.prepareDeserialize(bytes)` for an id not seen yet (the log-backed registry also
 * catches up in the background after a miss). A schema the registry already knows under another
 * subject is written at once with its id (the id names the schema, whatever the subject) while
 * the registration under the new subject runs in the background: that is how a Streams app's
 * changelog and repartition topics, whose names the app makes up, work without a prepare step.
 *
 * @example
 * const orders = Serdes.avro<Order>(orderSchema, registry);
 * producer = new Producer(connections, { valueSerde: orders });
 */
export function avro<T>(
  schema: string | object,
  registry: SchemaRegistry,
  config: AvroSerdeConfig = {},
): AvroSerde<T> {
  const text = canonicalSchema(schema);
  let readerType: avsc.Type;
  try {
    readerType = parseAvroType(text);
  } catch (cause) {
    throw invalidSchema((cause as Error).message, cause);
  }
  const isKey = config.isKey ?? false;
  const autoRegister = config.autoRegister ?? true;
  const strategyOption = config.subjectNameStrategy ?? 'TopicNameStrategy';
  const strategy: SubjectNameStrategy =
    typeof strategyOption === 'function' ? strategyOption : SubjectNameStrategies[strategyOption];
  const recordName = readerType.name;
  const subjectByTopic = new Map<string, string>();
  const idBySubject = new Map<string, number>();
  const writerTypes = new Map<number, avsc.Type>();
  const resolvers = new Map<number, avsc.Resolver | null>();

  const subjectOf = (topic: string): string => {
    let subject = subjectByTopic.get(topic);
    if (subject === undefined) {
      subject = strategy(topic, isKey, recordName);
      subjectByTopic.set(topic, subject);
    }
    return subject;
  };

  const stats: AvroSerdeStats = {
    backgroundRegistrations: 0,
    backgroundRegistrationFailures: 0,
    lastBackgroundError: undefined,
  };
  const registerInBackground = (subject: string): void => {
    stats.backgroundRegistrations++;
    registry.register(subject, text).catch((err: unknown) => {
      stats.backgroundRegistrationFailures++;
      stats.lastBackgroundError = err;
    });
  };

  const idFor = (topic: string): number => {
    const subject = subjectOf(topic);
    const known = idBySubject.get(subject);
    if (known !== undefined) return known;
    let id = registry.cachedId(subject, text);
    if (id === undefined && autoRegister && registry.registerSync !== undefined) {
      try {
        id = registry.registerSync(subject, text);
      } catch (cause) {
        throw new SerializationError(
          topic,
          `cannot register the schema under ${subject}: ${(cause as Error).message}`,
          cause,
        );
      }
    }
    if (id === undefined && autoRegister) {
      id = registry.cachedSchemaId(text);
      if (id !== undefined) registerInBackground(subject);
    }
    if (id === undefined)
      throw new SerializationError(
        topic,
        `the schema is not registered under subject ${subject}; await serde.prepare('${topic}') first`,
      );
    idBySubject.set(subject, id);
    return id;
  };

  /** The resolver from the writer schema `id` into ours; null when they are the same schema. */
  const resolverFor = (topic: string, id: number): avsc.Resolver | null => {
    const cached = resolvers.get(id);
    if (cached !== undefined) return cached;
    const writerText = registry.cachedById(id);
    if (writerText === undefined)
      throw new DeserializationError(
        topic,
        `unknown Avro schema id ${id} (not in this registry's cache; await serde.prepareDeserialize(bytes) first)`,
      );
    let resolver: avsc.Resolver | null = null;
    if (canonicalSchema(writerText) !== text) {
      let writerType = writerTypes.get(id);
      try {
        writerType ??= parseAvroType(writerText);
        writerTypes.set(id, writerType);
        resolver = readerType.createResolver(writerType);
      } catch (cause) {
        throw new DeserializationError(
          topic,
          `schema id ${id} cannot be read into this serde's schema: ${(cause as Error).message}`,
          cause,
        );
      }
    }
    resolvers.set(id, resolver);
    return resolver;
  };

  return {
    schema: text,
    stats,
    serializer: (topic, data) => {
      if (data === null) return null;
      const id = idFor(topic);
      let body: Buffer;
      try {
        body = readerType.toBuffer(data);
      } catch (cause) {
        throw new SerializationError(topic, 'value does not match the Avro schema', cause);
      }
      const out = Buffer.allocUnsafe(confluentHeaderBytes + body.length);
      out.writeUInt8(confluentMagicByte, 0);
      out.writeUInt32BE(id, 1);
      body.copy(out, confluentHeaderBytes);
      return out;
    },
    deserializer: (topic, data) => {
      if (data === null) return null;
      const id = confluentSchemaId(topic, data);
      const resolver = resolverFor(topic, id);
      const body = data.subarray(confluentHeaderBytes);
      try {
        return (resolver === null ? readerType.fromBuffer(body) : readerType.fromBuffer(body, resolver)) as T;
      } catch (cause) {
        throw new DeserializationError(topic, `Avro body does not match schema id ${id}`, cause);
      }
    },
    async prepare(topic) {
      const subject = subjectOf(topic);
      const id = autoRegister
        ? await registry.register(subject, text)
        : (await registry.lookup(subject, text)).id;
      idBySubject.set(subject, id);
      return id;
    },
    async prepareDeserialize(data) {
      if (data === null) return;
      const id = confluentSchemaId('', data);
      if (registry.cachedById(id) === undefined) await registry.getById(id);
    },
  };
}

export interface AvroSerdeOptions {
  readonly registry: SchemaRegistry;
  /** Subject to register the writer schema under, e.g. `orders-value`, whatever the topic. */
  readonly subject: string;
  /** The schema this process writes and reads into (schema resolution applies). */
  readonly schema: string | object;
}

/**
 * An Avro serde with a fixed subject, registered before it is returned (so both directions are
 * synchronous from the start). `Serdes.avro` is the general form with subject name strategies.
 */
export async function avroSerde<T>(options: AvroSerdeOptions): Promise<AvroSerde<T>> {
  const serde = avro<T>(options.schema, options.registry, { subjectNameStrategy: () => options.subject });
  await serde.prepare(options.subject);
  return serde;
}
