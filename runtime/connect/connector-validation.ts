import {
  ConfigException,
  TransformationChain,
  validateConnectorConfig,
  type ConfigInfos,
  type PluginRegistry,
  type Props,
} from '../../actors/connect/index.ts';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { AnyConnector, ConnectorPlugins, ConnectorPorts } from './connector-plugins.ts';
import { buildConverter } from './connector-converters.ts';

/** One problem with a connector config: the key it is about and what is wrong. */
export interface ConfigProblem {
  readonly key: string;
  readonly message: string;
}

/**
 * A connector config that failed validation, with every problem found (not just the first), worded
 * like Kafka's "Connector configuration is invalid and contains the following N error(s)".
 */
export class ConnectorConfigError extends KafkaError {
  readonly connector: string;
  readonly problems: readonly ConfigProblem[];

  constructor(connector: string, problems: readonly ConfigProblem[]) {
    const lines = problems.map((p) => `  ${p.key}: ${p.message}`);
    super(
      ErrorCode.INVALID_CONFIG,
      `Connector configuration${connector === '' ? '' : ` of '${connector}'`} is invalid and contains the following ${problems.length} error(s):\n${lines.join('\n')}`,
    );
    this.name = 'ConnectorConfigError';
    this.connector = connector;
    this.problems = problems;
  }
}

/** A connector config that passed validation, and the connector instance it was checked with. */
export interface ValidatedConnector {
  readonly name: string;
  readonly type: 'source' | 'sink';
  readonly className: string;
  readonly connector: AnyConnector;
  readonly infos: ConfigInfos;
}

/**
 * Validates a connector config as `PUT /connector-plugins/{type}/config/validate` does: the common
 * keys (and sink keys for sinks), the connector's own ConfigDef, the transforms and predicates, and
 * the converters it names. Returns the report and throws nothing for a bad value; `problems` lists
 * them.
 */
export function validateConnector(
  plugins: ConnectorPlugins,
  converters: PluginRegistry,
  ports: ConnectorPorts,
  props: Props,
): { readonly problems: readonly ConfigProblem[]; readonly result: ValidatedConnector | null } {
  const problems: ConfigProblem[] = [];
  const className = props['connector.class'];
  if (className === undefined || className.trim() === '') {
    problems.push({
      key: 'connector.class',
      message: 'Missing required configuration "connector.class" which has no default value.',
    });
    return { problems, result: null };
  }
  let connector: AnyConnector;
  let resolvedClass: string;
  try {
    const plugin = plugins.resolve(className);
    connector = plugin.create(ports);
    resolvedClass = plugin.info.className;
  } catch (err) {
    problems.push({ key: 'connector.class', message: messageOf(err) });
    return { problems, result: null };
  }
  const own = connector.validate?.bind(connector);
  const infos = validateConnectorConfig(
    connector.kind,
    connector.config(),
    props,
    own === undefined ? undefined : () => own(props),
  );
  for (const c of infos.configs)
    for (const e of c.value.errors) problems.push({ key: c.value.name, message: e });
  try {
    TransformationChain.fromConfig(props, converters).close();
  } catch (err) {
    problems.push({ key: keyOf(err, 'transforms'), message: messageOf(err) });
  }
  for (const which of ['key', 'value', 'header'] as const) {
    const key = `${which}.converter`;
    const cls = props[key];
    if (cls === undefined || cls.trim() === '') continue;
    try {
      buildConverter(converters, which, cls, props);
    } catch (err) {
      problems.push({ key: keyOf(err, key), message: messageOf(err) });
    }
  }
  if (problems.length > 0) return { problems, result: null };
  return {
    problems,
    result: { name: props['name']!, type: connector.kind, className: resolvedClass, connector, infos },
  };
}

/** validateConnector, throwing ConnectorConfigError with every problem when there is one. */
export function requireValidConnector(
  plugins: ConnectorPlugins,
  converters: PluginRegistry,
  ports: ConnectorPorts,
  props: Props,
): ValidatedConnector {
  const { problems, result } = validateConnector(plugins, converters, ports, props);
  if (result === null) throw new ConnectorConfigError(props['name'] ?? '', problems);
  return result;
}

function keyOf(err: unknown, fallback: string): string {
  return err instanceof ConfigException && err.key !== undefined ? err.key : fallback;
}

function messageOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return err.message.replace(/^INVALID_CONFIG: /, '');
}
