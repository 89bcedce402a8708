import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { DeserializationError, Serde } from '../../core/serdes/index.ts';
import type { DefaultSerde, DeserializationHandlerResponse, TaskInputRecord } from '../../dsl/index.ts';
import {
  resolveConsumerConfig,
  resolveProducerConfig,
  type ConsumerConfig,
  type ProducerConfigInput,
} from '../client/index.ts';

/** Kafka Streams' processing guarantees; only at-least-once exists until transactions land. */
export type ProcessingGuarantee = 'at_least_once';

/**
 * A Streams application's configuration under Kafka Streams' names and defaults. Keys prefixed with
 * `consumer.` / `producer.` go to the embedded clients (Kafka's prefixes), e.g.
 * `'consumer.session.timeout.ms': 10000`, `'producer.linger.ms': 5`.
 */
export interface StreamsConfig {
  /** Required: the consumer group id, the internal-topic prefix and the state-dir name. */
  readonly 'application.id': string;
  /** Where the brokers are, when no ConnectionFactory is given (`host:port[,host:port]`). */
  readonly 'bootstrap.servers'?: string | readonly string[];
  readonly 'client.id'?: string;
  /** Stream threads (consumer + producer + tasks each) in this instance. Default 1. */
  readonly 'num.stream.threads'?: number;
  /** Warm copies of each task's stores kept by other instances (Kafka's name). Default 0. */
  readonly 'num.standby.replicas'?: number;
  /** How often a thread flushes its producer and commits consumed offsets. Default 30000 (at-least-once). */
  readonly 'commit.interval.ms'?: number;
  /** Default `at_least_once`. */
  readonly 'processing.guarantee'?: ProcessingGuarantee;
  /** How long a thread's poll waits for records. Default 100 (Kafka's `poll.ms`). */
  readonly 'poll.ms'?: number;
  /** Replication factor of the internal topics; -1 (default) takes the broker's default. */
  readonly 'replication.factor'?: number;
  readonly 'default.key.serde'?: DefaultSerde;
  readonly 'default.value.serde'?: DefaultSerde;
  /**
   * What to do with a record whose key or value cannot be deserialized: a function returning `FAIL`
   * or `CONTINUE`, or Kafka's class names `LogAndFailExceptionHandler` (the default: the stream thread
   * dies and the uncaught-exception handler decides) and `LogAndContinueExceptionHandler` (log, skip,
   * count in `StreamsApp.stats.skippedRecords`).
   */
  readonly 'default.deserialization.exception.handler'?:
    DeserializationExceptionHandler | BuiltInDeserializationHandler;
  /**
   * KIP-1034's dead-letter queue: when set, every record the deserialization handler is called for is
   * also written, raw, to this topic, with `__streams.errors.*` headers saying why.
   */
  readonly 'errors.dead.letter.queue.topic.name'?: string;
  /** `host:port` where this instance serves interactive queries; shared with the group (Kafka's name). */
  readonly 'application.server'?: string;
  /** Where persistent (LMDB) stores live: `<state.dir>/<application.id>/<taskId>/`. */
  readonly 'state.dir'?: string;
  /**
   * Bytes of the record cache shared by this instance's threads and tasks (Kafka's name and default,
   * 10485760). Aggregations keep their latest updates there and forward and log one update per key
   * per commit (or eviction); 0 turns caching off, so every update is forwarded.
   */
  readonly 'statestore.cache.max.bytes'?: number;
  readonly [key: `consumer.${string}`]: unknown;
  readonly [key: `producer.${string}`]: unknown;
}

/** Decides what happens to a record that cannot be deserialized (Kafka's DeserializationExceptionHandler). */
export type DeserializationExceptionHandler = (
  error: DeserializationError,
  record: TaskInputRecord,
) => DeserializationHandlerResponse;

/** Kafka's built-in handlers, by their class names. */
export type BuiltInDeserializationHandler = 'LogAndFailExceptionHandler' | 'LogAndContinueExceptionHandler';

/** Kafka's LogAndFailExceptionHandler (the default): the thread logs and fails. */
export const logAndFailExceptionHandler: DeserializationExceptionHandler = () => 'FAIL';
/** Kafka's LogAndContinueExceptionHandler: the thread logs, skips the record and counts it. */
export const logAndContinueExceptionHandler: DeserializationExceptionHandler = () => 'CONTINUE';

export const streamsConfigDefaults = Object.freeze({
  'num.stream.threads': 1,
  'num.standby.replicas': 0,
  'commit.interval.ms': 30_000,
  'processing.guarantee': 'at_least_once' as ProcessingGuarantee,
  'poll.ms': 100,
  'replication.factor': -1,
  'statestore.cache.max.bytes': 10 * 1024 * 1024,
});

/** The embedded consumer's settings Kafka Streams fixes (a user's `consumer.` keys cannot undo them). */
const consumerFixed = { 'enable.auto.commit': false } as const;
/** Kafka Streams' consumer defaults (user `consumer.` keys win). */
const consumerDefaults = { 'auto.offset.reset': 'earliest', 'max.poll.records': 1000 } as const;
/**
 * The embedded producer's defaults (user `producer.` keys win). Kafka Streams uses linger.ms 100; here
 * a repartition or changelog record lingering 100 ms delays the downstream task by as much, and the
 * WordCount bench ran ~20% faster with 5.
 */
const producerDefaults = { 'linger.ms': 5 } as const;

/** The checked configuration a StreamsApp and its threads run with. */
export interface ResolvedStreamsConfig {
  readonly applicationId: string;
  readonly clientId: string;
  readonly bootstrapServers: string | readonly string[] | undefined;
  readonly numStreamThreads: number;
  readonly numStandbyReplicas: number;
  readonly commitIntervalMs: number;
  readonly processingGuarantee: ProcessingGuarantee;
  readonly pollMs: number;
  readonly replicationFactor: number;
  /** `statestore.cache.max.bytes`: the record cache's budget for the whole instance (0: no caching). */
  readonly cacheMaxBytes: number;
  readonly defaultKeySerde: Serde<unknown> | undefined;
  readonly defaultValueSerde: Serde<unknown> | undefined;
  /** The deserialization exception handler (log-and-fail when none was configured). */
  readonly onDeserializationError: DeserializationExceptionHandler;
  /** KIP-1034's dead-letter topic for records the deserialization handler saw, if any. */
  readonly deadLetterQueueTopic: string | undefined;
  /** This instance's `application.server` (`host:port`), if any. */
  readonly applicationServer: string | undefined;
  readonly stateDir: string | undefined;
  /** The embedded consumer's config without group id and client id (the thread sets those). */
  readonly consumer: ConsumerConfig;
  readonly producer: ProducerConfigInput;
}

const knownKeys: ReadonlySet<string> = new Set([
  'application.id',
  'bootstrap.servers',
  'client.id',
  'default.key.serde',
  'default.value.serde',
  'default.deserialization.exception.handler',
  'errors.dead.letter.queue.topic.name',
  'application.server',
  'state.dir',
  ...Object.keys(streamsConfigDefaults),
]);

function invalid(key: string, message: string): KafkaError {
  return new KafkaError(ErrorCode.INVALID_CONFIG, `${key} ${message}`);
}

function intIn(key: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw invalid(key, `must be an integer in [${min}, ${max}], got ${String(value)}`);
  return value;
}

/** Kafka's rule for application ids (they name topics): letters, digits, '.', '_' and '-'. */
const applicationIdPattern = /^[a-zA-Z0-9._-]+$/;

/** Checks a user's Streams config and fills Kafka Streams' defaults. */
export function resolveStreamsConfig(config: StreamsConfig): ResolvedStreamsConfig {
  const consumer: Record<string, unknown> = { ...consumerDefaults };
  const producer: Record<string, unknown> = { ...producerDefaults };
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith('consumer.')) consumer[key.slice('consumer.'.length)] = value;
    else if (key.startsWith('producer.')) producer[key.slice('producer.'.length)] = value;
    else if (!knownKeys.has(key))
      throw new KafkaError(ErrorCode.INVALID_CONFIG, `unknown streams config ${key}`);
  }
  for (const key of ['group.id', 'enable.auto.commit', 'key.deserializer', 'value.deserializer']) {
    if (key in consumer) throw invalid(`consumer.${key}`, 'is set by Kafka Streams and cannot be overridden');
  }
  for (const key of ['transactional.id']) {
    if (key in producer) throw invalid(`producer.${key}`, 'is not supported with at_least_once');
  }
  Object.assign(consumer, consumerFixed);
  const applicationId = config['application.id'];
  if (typeof applicationId !== 'string' || !applicationIdPattern.test(applicationId))
    throw invalid(
      'application.id',
      `must be a non-empty string of [a-zA-Z0-9._-], got ${String(applicationId)}`,
    );
  const d = streamsConfigDefaults;
  const guarantee = config['processing.guarantee'] ?? d['processing.guarantee'];
  if (guarantee !== 'at_least_once') {
    throw invalid(
      'processing.guarantee',
      `must be at_least_once (exactly_once_v2 needs transactions, not implemented yet), got ${String(guarantee)}`,
    );
  }
  const clientId = config['client.id'] ?? applicationId;
  if (typeof clientId !== 'string' || clientId === '')
    throw invalid('client.id', 'must be a non-empty string');
  const handler = deserializationHandlerOf(config['default.deserialization.exception.handler']);
  const dlq = config['errors.dead.letter.queue.topic.name'];
  if (dlq !== undefined && (typeof dlq !== 'string' || dlq === ''))
    throw invalid('errors.dead.letter.queue.topic.name', 'must be a non-empty topic name');
  const applicationServer = config['application.server'];
  if (applicationServer !== undefined && !hostPortPattern.test(String(applicationServer)))
    throw invalid('application.server', `must be host:port, got ${String(applicationServer)}`);
  const stateDir = config['state.dir'];
  if (stateDir !== undefined && (typeof stateDir !== 'string' || stateDir === ''))
    throw invalid('state.dir', 'must be a non-empty path');
  // Checked now, so a bad client key fails at construction rather than inside a running thread.
  resolveConsumerConfig({ ...(consumer as ConsumerConfig), 'group.id': applicationId });
  resolveProducerConfig(producer as ProducerConfigInput);
  return {
    applicationId,
    clientId,
    bootstrapServers: config['bootstrap.servers'],
    numStreamThreads: intIn(
      'num.stream.threads',
      config['num.stream.threads'] ?? d['num.stream.threads'],
      1,
      64,
    ),
    numStandbyReplicas: intIn(
      'num.standby.replicas',
      config['num.standby.replicas'] ?? d['num.standby.replicas'],
      0,
      32,
    ),
    commitIntervalMs: intIn('commit.interval.ms', config['commit.interval.ms'] ?? d['commit.interval.ms'], 0),
    processingGuarantee: guarantee,
    pollMs: intIn('poll.ms', config['poll.ms'] ?? d['poll.ms'], 0),
    replicationFactor: replicationFactorOf(config['replication.factor'] ?? d['replication.factor']),
    cacheMaxBytes: intIn(
      'statestore.cache.max.bytes',
      config['statestore.cache.max.bytes'] ?? d['statestore.cache.max.bytes'],
      0,
    ),
    defaultKeySerde: config['default.key.serde'] as Serde<unknown> | undefined,
    defaultValueSerde: config['default.value.serde'] as Serde<unknown> | undefined,
    onDeserializationError: handler,
    deadLetterQueueTopic: dlq,
    applicationServer,
    stateDir,
    consumer: consumer as ConsumerConfig,
    producer: producer as ProducerConfigInput,
  };
}

const hostPortPattern = /^[^:\s]+:\d{1,5}$/;

function deserializationHandlerOf(value: unknown): DeserializationExceptionHandler {
  if (value === undefined || value === 'LogAndFailExceptionHandler') return logAndFailExceptionHandler;
  if (value === 'LogAndContinueExceptionHandler') return logAndContinueExceptionHandler;
  if (typeof value === 'function') return value as DeserializationExceptionHandler;
  throw invalid(
    'default.deserialization.exception.handler',
    `must be a function, LogAndFailExceptionHandler or LogAndContinueExceptionHandler, got ${String(value)}`,
  );
}

function replicationFactorOf(value: unknown): number {
  if (value === -1) return -1;
  return intIn('replication.factor', value, 1, 32767);
}
