/**
 * The consumer's configuration under the Java client's keys, with the Java client's defaults, checked
 * once at construction (a bad value fails with INVALID_CONFIG naming the key).
 */
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import type { Deserializer, Serde } from '../../../core/serdes/index.ts';
import {
  CooperativeStickyAssignor,
  RangeAssignor,
  RebalanceProtocol,
  RoundRobinAssignor,
  type Assignor,
  type RebalanceProtocolName,
} from '../assignors/index.ts';

/** What to do when a partition has no committed offset, or its position is out of range. */
export type AutoOffsetReset = 'earliest' | 'latest' | 'none';
export type IsolationLevel = 'read_uncommitted' | 'read_committed';
/** Assignor names as Kafka's `partition.assignment.strategy` (Java's class names are accepted too). */
export type AssignmentStrategyName = 'range' | 'roundrobin' | 'cooperative-sticky';

/** A key/value decoder: a Deserializer function or a whole Serde (only its deserializer is used). */
export type DeserializerLike<T> = Deserializer<T> | Serde<T>;

/** The consumer's configuration, under the Java client's names. Every key is optional except with subscribe(). */
export interface ConsumerConfig<K = Buffer, V = Buffer> {
  /** Ignored here: the ConnectionFactory knows where the brokers are. Accepted so Java configs carry over. */
  'bootstrap.servers'?: string | readonly string[];
  'client.id'?: string;
  /** Without a group id only assign() works, and commits are refused. */
  'group.id'?: string;
  /** Static membership (KIP-345): a restart with the same id keeps the assignment without a rebalance. */
  'group.instance.id'?: string;
  'key.deserializer'?: DeserializerLike<K>;
  'value.deserializer'?: DeserializerLike<V>;
  'auto.offset.reset'?: AutoOffsetReset;
  'enable.auto.commit'?: boolean;
  'auto.commit.interval.ms'?: number;
  'max.poll.records'?: number;
  'max.poll.interval.ms'?: number;
  'fetch.min.bytes'?: number;
  'fetch.max.wait.ms'?: number;
  'fetch.max.bytes'?: number;
  'max.partition.fetch.bytes'?: number;
  'session.timeout.ms'?: number;
  'heartbeat.interval.ms'?: number;
  /** Assignors in order of preference; the group picks the first one every member supports. */
  'partition.assignment.strategy'?:
    AssignmentStrategyName | Assignor | readonly (AssignmentStrategyName | Assignor)[];
  'isolation.level'?: IsolationLevel;
  'retry.backoff.ms'?: number;
  'request.timeout.ms'?: number;
  /** How long commit(), committed(), position() and offset look-ups may take before they fail. */
  'default.api.timeout.ms'?: number;
  'metadata.max.age.ms'?: number;
  'allow.auto.create.topics'?: boolean;
  /** Sent as the rack id in the subscription (KIP-881). */
  'client.rack'?: string;
}

/** The checked configuration the consumer runs with. */
export interface ResolvedConsumerConfig<K, V> {
  readonly clientId: string;
  readonly groupId: string | null;
  readonly groupInstanceId: string | null;
  readonly keyDeserializer: Deserializer<K>;
  readonly valueDeserializer: Deserializer<V>;
  readonly autoOffsetReset: AutoOffsetReset;
  readonly enableAutoCommit: boolean;
  readonly autoCommitIntervalMs: number;
  readonly maxPollRecords: number;
  readonly maxPollIntervalMs: number;
  readonly fetchMinBytes: number;
  readonly fetchMaxWaitMs: number;
  readonly fetchMaxBytes: number;
  readonly maxPartitionFetchBytes: number;
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly assignors: readonly Assignor[];
  /** COOPERATIVE when every configured assignor supports it (Java's rule), else EAGER. */
  readonly rebalanceProtocol: RebalanceProtocolName;
  readonly isolationLevel: IsolationLevel;
  readonly retryBackoffMs: number;
  readonly requestTimeoutMs: number;
  readonly defaultApiTimeoutMs: number;
  readonly metadataMaxAgeMs: number;
  readonly allowAutoCreateTopics: boolean;
  readonly clientRack: string | null;
}

export const consumerConfigDefaults = Object.freeze({
  'auto.offset.reset': 'latest' as AutoOffsetReset,
  'enable.auto.commit': true,
  'auto.commit.interval.ms': 5000,
  'max.poll.records': 500,
  'max.poll.interval.ms': 300000,
  'fetch.min.bytes': 1,
  'fetch.max.wait.ms': 500,
  'fetch.max.bytes': 52428800,
  'max.partition.fetch.bytes': 1048576,
  'session.timeout.ms': 45000,
  'heartbeat.interval.ms': 3000,
  /** Java 3.x's default list is [range, cooperative-sticky]; a group of Java 3.x consumers picks range. */
  'partition.assignment.strategy': ['range', 'cooperative-sticky'] as readonly AssignmentStrategyName[],
  'isolation.level': 'read_uncommitted' as IsolationLevel,
  'retry.backoff.ms': 100,
  'request.timeout.ms': 30000,
  'default.api.timeout.ms': 60000,
  'metadata.max.age.ms': 300000,
  'allow.auto.create.topics': true,
});

const knownKeys: ReadonlySet<string> = new Set([
  'bootstrap.servers',
  'client.id',
  'group.id',
  'group.instance.id',
  'key.deserializer',
  'value.deserializer',
  'client.rack',
  ...Object.keys(consumerConfigDefaults),
]);

let clientSequence = 0;

function invalid(key: string, message: string): KafkaError {
  return new KafkaError(ErrorCode.INVALID_CONFIG, `${key} ${message}`);
}

function intIn(key: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw invalid(key, `must be an integer in [${min}, ${max}], got ${String(value)}`);
  return value;
}

function oneOf<T extends string>(key: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value))
    throw invalid(key, `must be one of ${allowed.join(', ')}, got ${String(value)}`);
  return value;
}

function bool(key: string, value: boolean): boolean {
  if (typeof value !== 'boolean') throw invalid(key, `must be a boolean, got ${String(value)}`);
  return value;
}

function optionalString(key: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  if (typeof value !== 'string') throw invalid(key, `must be a string, got ${String(value)}`);
  return value;
}

/** The pass-through decoder: keys and values stay Buffers (Java's ByteArrayDeserializer, without a copy). */
const bufferDeserializer: Deserializer<Buffer> = (_topic, data) => data;

function toDeserializer<T>(key: string, value: DeserializerLike<T> | undefined): Deserializer<T> {
  if (value === undefined) return bufferDeserializer as unknown as Deserializer<T>;
  if (typeof value === 'function') return value;
  if (typeof value === 'object' && value !== null && typeof value.deserializer === 'function')
    return value.deserializer;
  throw invalid(key, 'must be a Deserializer function or a Serde');
}

/** Kafka's assignor names, and the Java class names configs written for Java use. */
function assignorByName(name: string): Assignor | undefined {
  switch (name) {
    case 'range':
    case 'org.apache.kafka.clients.consumer.RangeAssignor':
      return new RangeAssignor();
    case 'roundrobin':
    case 'org.apache.kafka.clients.consumer.RoundRobinAssignor':
      return new RoundRobinAssignor();
    case 'cooperative-sticky':
    case 'org.apache.kafka.clients.consumer.CooperativeStickyAssignor':
      return new CooperativeStickyAssignor();
    default:
      return undefined;
  }
}

function toAssignors(value: ConsumerConfig['partition.assignment.strategy']): Assignor[] {
  const key = 'partition.assignment.strategy';
  const list = value === undefined ? consumerConfigDefaults[key] : Array.isArray(value) ? value : [value];
  if (list.length === 0) throw invalid(key, 'must name at least one assignor');
  const assignors = list.map((entry: AssignmentStrategyName | Assignor) => {
    if (typeof entry !== 'string') return entry;
    const assignor = assignorByName(entry);
    if (assignor === undefined)
      throw invalid(key, `names an unknown assignor ${entry} (range, roundrobin, cooperative-sticky)`);
    return assignor;
  });
  const names = new Set<string>();
  for (const a of assignors) {
    if (names.has(a.name)) throw invalid(key, `lists ${a.name} twice`);
    names.add(a.name);
  }
  return assignors;
}

/** Checks a user's config and fills Kafka's defaults. */
export function resolveConsumerConfig<K, V>(config: ConsumerConfig<K, V>): ResolvedConsumerConfig<K, V> {
  for (const key of Object.keys(config)) {
    if (!knownKeys.has(key)) throw new KafkaError(ErrorCode.INVALID_CONFIG, `unknown consumer config ${key}`);
  }
  const d = consumerConfigDefaults;
  const groupId = optionalString('group.id', config['group.id']);
  if (groupId === '')
    throw invalid('group.id', 'must not be empty (leave it out for a consumer without a group)');
  const groupInstanceId = optionalString('group.instance.id', config['group.instance.id']);
  if (groupInstanceId !== null && (groupInstanceId === '' || groupId === null))
    throw invalid('group.instance.id', 'needs a non-empty value and a group.id');
  const enableAutoCommit = bool(
    'enable.auto.commit',
    config['enable.auto.commit'] ?? (groupId !== null && d['enable.auto.commit']),
  );
  if (enableAutoCommit && groupId === null) throw invalid('enable.auto.commit', 'needs a group.id');
  const sessionTimeoutMs = intIn(
    'session.timeout.ms',
    config['session.timeout.ms'] ?? d['session.timeout.ms'],
    1,
  );
  const heartbeatIntervalMs = intIn(
    'heartbeat.interval.ms',
    config['heartbeat.interval.ms'] ?? d['heartbeat.interval.ms'],
    1,
  );
  if (heartbeatIntervalMs >= sessionTimeoutMs)
    throw invalid('heartbeat.interval.ms', `must be lower than session.timeout.ms (${sessionTimeoutMs})`);
  const assignors = toAssignors(config['partition.assignment.strategy']);
  const cooperative = assignors.every((a) => a.supportedProtocols.includes(RebalanceProtocol.cooperative));
  const clientId =
    optionalString('client.id', config['client.id']) ?? `consumer-${groupId ?? ''}-${++clientSequence}`;
  return {
    clientId,
    groupId,
    groupInstanceId,
    keyDeserializer: toDeserializer('key.deserializer', config['key.deserializer']),
    valueDeserializer: toDeserializer('value.deserializer', config['value.deserializer']),
    autoOffsetReset: oneOf('auto.offset.reset', config['auto.offset.reset'] ?? d['auto.offset.reset'], [
      'earliest',
      'latest',
      'none',
    ]),
    enableAutoCommit,
    autoCommitIntervalMs: intIn(
      'auto.commit.interval.ms',
      config['auto.commit.interval.ms'] ?? d['auto.commit.interval.ms'],
      0,
    ),
    maxPollRecords: intIn('max.poll.records', config['max.poll.records'] ?? d['max.poll.records'], 1),
    maxPollIntervalMs: intIn(
      'max.poll.interval.ms',
      config['max.poll.interval.ms'] ?? d['max.poll.interval.ms'],
      1,
    ),
    fetchMinBytes: intIn(
      'fetch.min.bytes',
      config['fetch.min.bytes'] ?? d['fetch.min.bytes'],
      0,
      2 ** 31 - 1,
    ),
    fetchMaxWaitMs: intIn(
      'fetch.max.wait.ms',
      config['fetch.max.wait.ms'] ?? d['fetch.max.wait.ms'],
      0,
      2 ** 31 - 1,
    ),
    fetchMaxBytes: intIn(
      'fetch.max.bytes',
      config['fetch.max.bytes'] ?? d['fetch.max.bytes'],
      0,
      2 ** 31 - 1,
    ),
    maxPartitionFetchBytes: intIn(
      'max.partition.fetch.bytes',
      config['max.partition.fetch.bytes'] ?? d['max.partition.fetch.bytes'],
      0,
      2 ** 31 - 1,
    ),
    sessionTimeoutMs,
    heartbeatIntervalMs,
    assignors,
    rebalanceProtocol: cooperative ? RebalanceProtocol.cooperative : RebalanceProtocol.eager,
    isolationLevel: oneOf('isolation.level', config['isolation.level'] ?? d['isolation.level'], [
      'read_uncommitted',
      'read_committed',
    ]),
    retryBackoffMs: intIn('retry.backoff.ms', config['retry.backoff.ms'] ?? d['retry.backoff.ms'], 0),
    requestTimeoutMs: intIn('request.timeout.ms', config['request.timeout.ms'] ?? d['request.timeout.ms'], 1),
    defaultApiTimeoutMs: intIn(
      'default.api.timeout.ms',
      config['default.api.timeout.ms'] ?? d['default.api.timeout.ms'],
      0,
    ),
    metadataMaxAgeMs: intIn(
      'metadata.max.age.ms',
      config['metadata.max.age.ms'] ?? d['metadata.max.age.ms'],
      0,
    ),
    allowAutoCreateTopics: bool(
      'allow.auto.create.topics',
      config['allow.auto.create.topics'] ?? d['allow.auto.create.topics'],
    ),
    clientRack: optionalString('client.rack', config['client.rack']),
  };
}
