/**
 * Kafka's numbers for config resources, config sources and config types (DescribeConfigs and
 * AlterConfigs put them on the wire), and the conversions between them and the admin client's names.
 */
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import type { DescribeConfigsResponseDescribeConfigsResourceResult } from '../../../core/protocol/index.ts';
import type {
  ConfigEntry,
  ConfigEntryInput,
  ConfigResourceTypeName,
  ConfigSourceName,
} from './admin-types.ts';

/** Kafka's `ConfigResource.Type` ids (the KafkaJS `ConfigResourceTypes` values). */
export const ConfigResourceType = { topic: 2, broker: 4, 'broker-logger': 8 } as const;

/** Kafka's `DescribeConfigsResponse.ConfigSource` ids, in order. */
const configSourceNames: readonly ConfigSourceName[] = [
  'UNKNOWN',
  'DYNAMIC_TOPIC_CONFIG',
  'DYNAMIC_BROKER_CONFIG',
  'DYNAMIC_DEFAULT_BROKER_CONFIG',
  'STATIC_BROKER_CONFIG',
  'DEFAULT_CONFIG',
  'DYNAMIC_BROKER_LOGGER_CONFIG',
  'CLIENT_METRICS_CONFIG',
];
const defaultConfigSource = 5;

/** Kafka's `ConfigDef.Type` ids as DescribeConfigs v3+ reports them, in order. */
const configTypeNames: readonly string[] = [
  'UNKNOWN',
  'BOOLEAN',
  'STRING',
  'INT',
  'SHORT',
  'LONG',
  'DOUBLE',
  'LIST',
  'CLASS',
  'PASSWORD',
];

export function resourceTypeId(type: ConfigResourceTypeName): number {
  const id = (ConfigResourceType as Readonly<Record<string, number>>)[type];
  if (id === undefined)
    throw new KafkaError(
      ErrorCode.INVALID_REQUEST,
      `config resource type must be one of ${Object.keys(ConfigResourceType).join(', ')}, got ${JSON.stringify(type)}`,
    );
  return id;
}

export function configSourceName(source: number): ConfigSourceName {
  return configSourceNames[source] ?? 'UNKNOWN';
}

/** One DescribeConfigs entry in the admin client's shape. */
export function configEntryOf(c: DescribeConfigsResponseDescribeConfigsResourceResult): ConfigEntry {
  // DescribeConfigs v0 has isDefault and no source; v1+ has the source and no isDefault.
  const source = c.configSource >= 0 ? c.configSource : c.isDefault ? defaultConfigSource : 0;
  return {
    name: c.name,
    value: c.value,
    source: configSourceName(source),
    isDefault: c.isDefault || source === defaultConfigSource,
    isSensitive: c.isSensitive,
    readOnly: c.readOnly,
    synonyms: c.synonyms.map((s) => ({ name: s.name, value: s.value, source: configSourceName(s.source) })),
    type: configTypeNames[c.configType] ?? 'UNKNOWN',
    documentation: c.documentation === '' ? null : c.documentation,
  };
}

/**
 * The key/value pairs of `configEntries` and `configs` together; a key given twice (with different
 * values) is refused naming the key, since the broker would take either.
 */
export function mergeConfigs(
  what: string,
  entries: readonly ConfigEntryInput[] | undefined,
  record: Readonly<Record<string, string>> | undefined,
): { name: string; value: string }[] {
  const out = new Map<string, string>();
  const add = (name: string, value: unknown): void => {
    if (typeof name !== 'string' || name === '')
      throw new KafkaError(ErrorCode.INVALID_CONFIG, `${what}: config names must be non-empty strings`);
    if (typeof value !== 'string')
      throw new KafkaError(
        ErrorCode.INVALID_CONFIG,
        `${what}: ${name}: values are strings as in a properties file, got ${typeof value}`,
      );
    const seen = out.get(name);
    if (seen !== undefined && seen !== value)
      throw new KafkaError(ErrorCode.INVALID_CONFIG, `${what}: ${name} is given twice (${seen}, ${value})`);
    out.set(name, value);
  };
  for (const e of entries ?? []) add(e.name, e.value);
  for (const [name, value] of Object.entries(record ?? {})) add(name, value);
  return [...out].map(([name, value]) => ({ name, value }));
}
