import {
  ConfigDef,
  ConfigException,
  ConfigType,
  Importance,
  NO_DEFAULT_VALUE,
  nonEmptyString,
  range,
  type ConfigProps,
} from '../../actors/connect/index.ts';

/** Internal topics on our log (Kafka names them in worker config; these are the defaults here). */
export const offsetStorageTopicDefault = '__connect_offsets';
export const configStorageTopicDefault = '__connect_configs';
export const statusStorageTopicDefault = '__connect_status';
/** Kafka's partition counts for the offsets (25) and status (5) topics; configs always has 1. */
export const offsetStoragePartitionsDefault = 25;
export const statusStoragePartitionsDefault = 5;
/** Kafka's `offset.flush.interval.ms` and `offset.flush.timeout.ms`. */
export const offsetFlushIntervalMsDefault = 60_000;
export const offsetFlushTimeoutMsDefault = 5000;
/** Kafka's `task.shutdown.graceful.timeout.ms`. */
export const taskShutdownGracefulTimeoutMsDefault = 5000;
/** A failed task is restarted after 1 s, then 2 s, 4 s ... up to 60 s. */
export const taskRestartBackoffMsDefault = 1000;
export const taskRestartBackoffMaxMsDefault = 60_000;
/** More than this many restarts of a connector's tasks within the period leave them FAILED. */
export const taskRestartMaxDefault = 10;
export const taskRestartPeriodMsDefault = 10 * 60_000;

/**
 * The worker's keys (WorkerConfig / StandaloneConfig) with Kafka's names and defaults, except:
 * offsets, configs and status live in compacted topics on the cluster (`__connect_*`, as in
 * distributed mode) rather than a standalone offsets file; the internal topics' replication factors
 * default to -1 (the brokers' `default.replication.factor`) so a one-broker cluster works; and the
 * `task.restart.*` keys, which Kafka lacks, set how the task supervisor restarts failed tasks.
 */
export function workerConfigDef(): ConfigDef {
  const d = new ConfigDef();
  d.define(
    'bootstrap.servers',
    ConfigType.LIST,
    '127.0.0.1:9092',
    undefined,
    Importance.HIGH,
    'host:port pairs of brokers of the Kafka cluster the worker connects to.',
  )
    .define(
      'key.converter',
      ConfigType.CLASS,
      NO_DEFAULT_VALUE,
      nonEmptyString(),
      Importance.HIGH,
      'Converter class for record keys, e.g. org.apache.kafka.connect.json.JsonConverter.',
    )
    .define(
      'value.converter',
      ConfigType.CLASS,
      NO_DEFAULT_VALUE,
      nonEmptyString(),
      Importance.HIGH,
      'Converter class for record values.',
    )
    .define(
      'header.converter',
      ConfigType.CLASS,
      'org.apache.kafka.connect.storage.StringConverter',
      nonEmptyString(),
      Importance.LOW,
      'Converter class for header values.',
    )
    .define(
      'offset.flush.interval.ms',
      ConfigType.LONG,
      offsetFlushIntervalMsDefault,
      range(1),
      Importance.LOW,
      'Interval at which to try committing offsets for tasks.',
    )
    .define(
      'offset.flush.timeout.ms',
      ConfigType.LONG,
      offsetFlushTimeoutMsDefault,
      range(1),
      Importance.LOW,
      'Maximum ms to wait for records to be acknowledged and offsets written before giving up a commit.',
    )
    .define(
      'task.shutdown.graceful.timeout.ms',
      ConfigType.LONG,
      taskShutdownGracefulTimeoutMsDefault,
      range(0),
      Importance.LOW,
      'Time to wait for tasks to shut down gracefully.',
    )
    .define(
      'task.restart.backoff.ms',
      ConfigType.LONG,
      taskRestartBackoffMsDefault,
      range(1),
      Importance.LOW,
      'Delay before the first restart of a failed task; doubled on each further restart.',
    )
    .define(
      'task.restart.backoff.max.ms',
      ConfigType.LONG,
      taskRestartBackoffMaxMsDefault,
      range(1),
      Importance.LOW,
      'Upper bound of the restart delay.',
    )
    .define(
      'task.restart.max',
      ConfigType.INT,
      taskRestartMaxDefault,
      range(0),
      Importance.LOW,
      'Restarts within task.restart.period.ms after which a connector’s failing tasks stay FAILED.',
    )
    .define(
      'task.restart.period.ms',
      ConfigType.LONG,
      taskRestartPeriodMsDefault,
      range(1),
      Importance.LOW,
      'The sliding window task.restart.max counts restarts in.',
    );
  for (const [kind, topic, partitions] of [
    ['offset', offsetStorageTopicDefault, offsetStoragePartitionsDefault],
    ['config', configStorageTopicDefault, 1],
    ['status', statusStorageTopicDefault, statusStoragePartitionsDefault],
  ] as const) {
    d.define(
      `${kind}.storage.topic`,
      ConfigType.STRING,
      topic,
      nonEmptyString(),
      Importance.HIGH,
      `Compacted topic the worker keeps connector ${kind}s in.`,
    ).define(
      `${kind}.storage.replication.factor`,
      ConfigType.SHORT,
      -1,
      replicationFactor(),
      Importance.LOW,
      `Replication factor of ${topic} when the worker creates it; -1 for the brokers' default.`,
    );
    if (kind !== 'config') {
      d.define(
        `${kind}.storage.partitions`,
        ConfigType.INT,
        partitions,
        range(1),
        Importance.LOW,
        `Partitions of ${topic} when the worker creates it.`,
      );
    }
  }
  return d;
}

function replicationFactor() {
  return {
    ensureValid(name: string, value: unknown): void {
      const n = value as number;
      if (n !== -1 && n < 1) range(1).ensureValid(name, value);
    },
    describe: () => '-1 or [1,...]',
  };
}

/** The typed worker configuration. */
export interface WorkerConfig {
  readonly bootstrapServers: readonly string[];
  readonly keyConverter: string;
  readonly valueConverter: string;
  readonly headerConverter: string;
  readonly offsetFlushIntervalMs: number;
  readonly offsetFlushTimeoutMs: number;
  readonly taskShutdownGracefulTimeoutMs: number;
  readonly taskRestartBackoffMs: number;
  readonly taskRestartBackoffMaxMs: number;
  readonly taskRestartMax: number;
  readonly taskRestartPeriodMs: number;
  readonly offsetStorage: InternalTopicConfig;
  readonly configStorage: InternalTopicConfig;
  readonly statusStorage: InternalTopicConfig;
  /** Every key as given (prefixed converter, `producer.` and `consumer.` settings are read from here). */
  readonly originals: Readonly<Record<string, string>>;
}

export interface InternalTopicConfig {
  /** The worker key naming it (`offset.storage.topic`), for error messages. */
  readonly key: string;
  readonly topic: string;
  readonly partitions: number;
  /** -1: the brokers' default. */
  readonly replicationFactor: number;
}

/** Turns JSON values (numbers, booleans, lists) into the strings a properties file would hold. */
export function stringProps(raw: Readonly<Record<string, unknown>>, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string') out[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[key] = String(value);
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
      out[key] = value.join(',');
    } else if (value === null) continue;
    else {
      throw new ConfigException(
        key,
        `${what}: the value of ${key} must be a string, number, boolean or list`,
      );
    }
  }
  return out;
}

/** Parses and validates the worker's settings; throws ConfigException naming the first bad key. */
export function parseWorkerConfig(raw: ConfigProps): WorkerConfig {
  const originals = stringProps(raw, 'worker config');
  const v = workerConfigDef().parse(originals);
  const topic = (kind: string, partitions: number): InternalTopicConfig => ({
    key: `${kind}.storage.topic`,
    topic: v[`${kind}.storage.topic`] as string,
    partitions,
    replicationFactor: v[`${kind}.storage.replication.factor`] as number,
  });
  const config: WorkerConfig = {
    bootstrapServers: v['bootstrap.servers'] as string[],
    keyConverter: v['key.converter'] as string,
    valueConverter: v['value.converter'] as string,
    headerConverter: v['header.converter'] as string,
    offsetFlushIntervalMs: v['offset.flush.interval.ms'] as number,
    offsetFlushTimeoutMs: v['offset.flush.timeout.ms'] as number,
    taskShutdownGracefulTimeoutMs: v['task.shutdown.graceful.timeout.ms'] as number,
    taskRestartBackoffMs: v['task.restart.backoff.ms'] as number,
    taskRestartBackoffMaxMs: v['task.restart.backoff.max.ms'] as number,
    taskRestartMax: v['task.restart.max'] as number,
    taskRestartPeriodMs: v['task.restart.period.ms'] as number,
    offsetStorage: topic('offset', v['offset.storage.partitions'] as number),
    configStorage: topic('config', 1),
    statusStorage: topic('status', v['status.storage.partitions'] as number),
    originals,
  };
  const topics = [config.offsetStorage.topic, config.configStorage.topic, config.statusStorage.topic];
  if (new Set(topics).size !== topics.length) {
    throw new ConfigException(
      'offset.storage.topic',
      `offset.storage.topic, config.storage.topic and status.storage.topic must differ (got ${topics.join(', ')})`,
    );
  }
  if (config.taskRestartBackoffMaxMs < config.taskRestartBackoffMs) {
    throw new ConfigException(
      'task.restart.backoff.max.ms',
      `task.restart.backoff.max.ms (${config.taskRestartBackoffMaxMs}) must be >= task.restart.backoff.ms (${config.taskRestartBackoffMs})`,
    );
  }
  return config;
}

/** The settings under `prefix` (`key.converter.`, `producer.`), prefix removed. */
export function withPrefix(props: Readonly<Record<string, string>>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(props)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  return out;
}
