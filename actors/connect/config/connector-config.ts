import {
  ConfigDef,
  ConfigType,
  Importance,
  NO_DEFAULT_VALUE,
  nonEmptyString,
  range,
  uniqueList,
  validString,
  type ConfigProps,
  type ConfigValue,
} from './config-def.ts';
import { ConfigException } from './config-exception.ts';

/** Kafka's defaults for the error-handling keys (ConnectorConfig). */
export const errorsRetryTimeoutMsDefault = 0;
export const errorsRetryDelayMaxMsDefault = 60_000;
export const dlqTopicReplicationFactorDefault = 3;

/** The keys every connector has (org.apache.kafka.connect.runtime.ConnectorConfig). */
export function connectorConfigDef(): ConfigDef {
  return new ConfigDef()
    .define(
      'name',
      ConfigType.STRING,
      NO_DEFAULT_VALUE,
      nonEmptyString(),
      Importance.HIGH,
      'Globally unique name to use for this connector.',
    )
    .define(
      'connector.class',
      ConfigType.STRING,
      NO_DEFAULT_VALUE,
      nonEmptyString(),
      Importance.HIGH,
      'Name or alias of the connector class.',
    )
    .define(
      'tasks.max',
      ConfigType.INT,
      1,
      range(1),
      Importance.HIGH,
      'Maximum number of tasks to use for this connector.',
    )
    .define(
      'key.converter',
      ConfigType.CLASS,
      null,
      undefined,
      Importance.LOW,
      'Converter for record keys; overrides the worker default.',
    )
    .define(
      'value.converter',
      ConfigType.CLASS,
      null,
      undefined,
      Importance.LOW,
      'Converter for record values; overrides the worker default.',
    )
    .define(
      'header.converter',
      ConfigType.CLASS,
      null,
      undefined,
      Importance.LOW,
      'Converter for header values.',
    )
    .define(
      'transforms',
      ConfigType.LIST,
      '',
      uniqueList(),
      Importance.LOW,
      'Aliases for the transformations to apply, in order.',
    )
    .define(
      'predicates',
      ConfigType.LIST,
      '',
      uniqueList(),
      Importance.LOW,
      'Aliases for the predicates used by transformations.',
    )
    .define(
      'errors.retry.timeout',
      ConfigType.LONG,
      errorsRetryTimeoutMsDefault,
      range(-1),
      Importance.MEDIUM,
      'Maximum ms to retry a failed operation; -1 retries forever, 0 never.',
    )
    .define(
      'errors.retry.delay.max.ms',
      ConfigType.LONG,
      errorsRetryDelayMaxMsDefault,
      range(1),
      Importance.MEDIUM,
      'Maximum ms between consecutive retries.',
    )
    .define(
      'errors.tolerance',
      ConfigType.STRING,
      'none',
      validString('none', 'all'),
      Importance.MEDIUM,
      'none fails the task on the first error; all skips problematic records.',
    )
    .define(
      'errors.log.enable',
      ConfigType.BOOLEAN,
      false,
      undefined,
      Importance.MEDIUM,
      'Log each error with its operation and record.',
    )
    .define(
      'errors.log.include.messages',
      ConfigType.BOOLEAN,
      false,
      undefined,
      Importance.MEDIUM,
      'Include the record in the error log.',
    );
}

/** The common keys plus the sink-only ones (SinkConnectorConfig). */
export function sinkConnectorConfigDef(): ConfigDef {
  return connectorConfigDef()
    .define('topics', ConfigType.LIST, '', undefined, Importance.HIGH, 'Topics to consume from.')
    .define(
      'topics.regex',
      ConfigType.STRING,
      '',
      regexValidator(),
      Importance.HIGH,
      'Regex of topics to consume from.',
    )
    .define(
      'errors.deadletterqueue.topic.name',
      ConfigType.STRING,
      '',
      undefined,
      Importance.MEDIUM,
      'Dead letter queue topic; empty disables it.',
    )
    .define(
      'errors.deadletterqueue.topic.replication.factor',
      ConfigType.SHORT,
      dlqTopicReplicationFactorDefault,
      undefined,
      Importance.MEDIUM,
      'Replication factor of the DLQ topic when created.',
    )
    .define(
      'errors.deadletterqueue.context.headers.enable',
      ConfigType.BOOLEAN,
      false,
      undefined,
      Importance.MEDIUM,
      'Add __connect.errors.* headers to DLQ records.',
    );
}

function regexValidator() {
  return {
    ensureValid(name: string, value: unknown) {
      if (typeof value !== 'string' || value === '') return;
      try {
        new RegExp(value);
      } catch (err) {
        throw new ConfigException(
          name,
          `Must be a valid regular expression: ${(err as Error).message}`,
          value,
        );
      }
    },
    describe: () => 'valid regex',
  };
}

/** The typed common config the worker and the error handling read. */
export interface ConnectorConfig {
  readonly name: string;
  readonly connectorClass: string;
  readonly tasksMax: number;
  readonly keyConverter: string | null;
  readonly valueConverter: string | null;
  readonly headerConverter: string | null;
  readonly transforms: readonly string[];
  readonly predicates: readonly string[];
  readonly errorsRetryTimeoutMs: number;
  readonly errorsRetryDelayMaxMs: number;
  readonly errorsTolerance: 'none' | 'all';
  readonly errorsLogEnable: boolean;
  readonly errorsLogIncludeMessages: boolean;
}

export interface SinkConnectorConfig extends ConnectorConfig {
  readonly topics: readonly string[];
  readonly topicsRegex: string;
  readonly dlqTopicName: string;
  readonly dlqTopicReplicationFactor: number;
  readonly dlqContextHeadersEnable: boolean;
}

function toConnectorConfig(v: Record<string, unknown>): ConnectorConfig {
  return {
    name: v['name'] as string,
    connectorClass: v['connector.class'] as string,
    tasksMax: v['tasks.max'] as number,
    keyConverter: v['key.converter'] as string | null,
    valueConverter: v['value.converter'] as string | null,
    headerConverter: v['header.converter'] as string | null,
    transforms: v['transforms'] as string[],
    predicates: v['predicates'] as string[],
    errorsRetryTimeoutMs: v['errors.retry.timeout'] as number,
    errorsRetryDelayMaxMs: v['errors.retry.delay.max.ms'] as number,
    errorsTolerance: v['errors.tolerance'] as 'none' | 'all',
    errorsLogEnable: v['errors.log.enable'] as boolean,
    errorsLogIncludeMessages: v['errors.log.include.messages'] as boolean,
  };
}

/** Parses the common source-connector keys; throws ConfigException naming the first bad key. */
export function parseConnectorConfig(props: ConfigProps): ConnectorConfig {
  return toConnectorConfig(connectorConfigDef().parse(props));
}

/** Parses the sink keys and applies SinkConnectorConfig's cross-key rules. */
export function parseSinkConnectorConfig(props: ConfigProps): SinkConnectorConfig {
  const v = sinkConnectorConfigDef().parse(props);
  const problem = sinkCrossKeyProblem(v);
  if (problem !== undefined) throw new ConfigException(problem.key, problem.message);
  return {
    ...toConnectorConfig(v),
    topics: v['topics'] as string[],
    topicsRegex: v['topics.regex'] as string,
    dlqTopicName: v['errors.deadletterqueue.topic.name'] as string,
    dlqTopicReplicationFactor: v['errors.deadletterqueue.topic.replication.factor'] as number,
    dlqContextHeadersEnable: v['errors.deadletterqueue.context.headers.enable'] as boolean,
  };
}

function sinkCrossKeyProblem(v: Record<string, unknown>): { key: string; message: string } | undefined {
  const topics = (v['topics'] ?? []) as string[];
  const regex = (v['topics.regex'] ?? '') as string;
  const dlq = (v['errors.deadletterqueue.topic.name'] ?? '') as string;
  if (topics.length > 0 && regex !== '') {
    return { key: 'topics', message: 'Must configure one of topics or topics.regex, but not both' };
  }
  if (topics.length === 0 && regex === '') {
    return { key: 'topics', message: 'Must configure one of topics or topics.regex' };
  }
  if (dlq !== '' && topics.includes(dlq)) {
    return {
      key: 'errors.deadletterqueue.topic.name',
      message: `The DLQ topic '${dlq}' may not be included in the list of topics ('topics'=${topics.join(',')}) consumed by the connector`,
    };
  }
  if (dlq !== '' && regex !== '' && new RegExp(`^(?:${regex})$`).test(dlq)) {
    return {
      key: 'errors.deadletterqueue.topic.name',
      message: `The DLQ topic '${dlq}' may not be included in the regex matching topics ('topics.regex'=${regex}) consumed by the connector`,
    };
  }
  return undefined;
}

/** Connect's REST validate answer (ConfigInfos), for `PUT /connector-plugins/{type}/config/validate`. */
export interface ConfigInfos {
  readonly name: string;
  readonly error_count: number;
  readonly groups: readonly string[];
  readonly configs: readonly {
    readonly value: {
      readonly name: string;
      readonly value: string | null;
      readonly recommended_values: readonly string[];
      readonly errors: readonly string[];
      readonly visible: boolean;
    };
  }[];
}

/**
 * Validates the common keys (sink keys when `kind` is sink) plus the connector's own ConfigDef and
 * answers like Connect's REST API: every key with its errors, and the total error count.
 */
export function validateConnectorConfig(
  kind: 'source' | 'sink',
  connectorDef: ConfigDef,
  props: ConfigProps,
  connectorValidate?: (props: ConfigProps) => ConfigValue[],
): ConfigInfos {
  const base = kind === 'sink' ? sinkConnectorConfigDef() : connectorConfigDef();
  const values = [...base.validate(props)];
  if (kind === 'sink') {
    const parsed: Record<string, unknown> = {};
    for (const v of values) parsed[v.name] = v.value;
    const problem = sinkCrossKeyProblem(parsed);
    if (problem !== undefined) {
      const at = values.findIndex((v) => v.name === problem.key);
      values[at] = { ...values[at]!, errorMessages: [...values[at]!.errorMessages, problem.message] };
    }
  }
  const own = connectorValidate !== undefined ? connectorValidate(props) : connectorDef.validate(props);
  for (const v of own) if (!values.some((b) => b.name === v.name)) values.push(v);
  const configs = values.map((v) => ({
    value: {
      name: v.name,
      value: formatValue(props[v.name] ?? v.value),
      recommended_values: v.recommendedValues.map(String),
      errors: v.errorMessages,
      visible: v.visible,
    },
  }));
  return {
    name: String(props['connector.class'] ?? ''),
    error_count: values.reduce((n, v) => n + v.errorMessages.length, 0),
    groups: ['Common', 'Transforms', 'Predicates', 'Error Handling'],
    configs,
  };
}

function formatValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}
