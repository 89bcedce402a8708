import type { ConnectRecord } from './api/records.ts';
import { ConfigException } from './config/config-exception.ts';
import type { SchemaRegistry } from '../../core/serdes/index.ts';
import { AvroConverter } from './converters/avro-converter.ts';
import { ByteArrayConverter } from './converters/byte-array-converter.ts';
import type { Converter } from './converters/converter.ts';
import { JsonConverter } from './converters/json-converter.ts';
import { StringConverter } from './converters/string-converter.ts';
import { ExtractField } from './transforms/extract-field.ts';
import { Filter } from './transforms/filter.ts';
import { HoistField } from './transforms/hoist-field.ts';
import { InsertField } from './transforms/insert-field.ts';
import { MaskField } from './transforms/mask-field.ts';
import { HasHeaderKey, RecordIsTombstone, TopicNameMatches } from './transforms/predicates.ts';
import { RegexRouter } from './transforms/regex-router.ts';
import { ReplaceField } from './transforms/replace-field.ts';
import type { Predicate, Transformation } from './transforms/transformation.ts';
import { ValueToKey } from './transforms/value-to-key.ts';

type Factory<T> = () => T;

/**
 * Resolves plugin class names from connector configs to factories, the way Connect's Plugins
 * resolves a class name or alias. Kafka's fully qualified names work, and so does the part after
 * the package (`InsertField$Value`, `JsonConverter`), as Kafka's aliases do.
 */
export class PluginRegistry {
  private readonly converters = new Map<string, Factory<Converter>>();
  private readonly transforms = new Map<string, Factory<Transformation<ConnectRecord>>>();
  private readonly predicates = new Map<string, Factory<Predicate<ConnectRecord>>>();

  registerConverter(className: string, factory: Factory<Converter>): this {
    register(this.converters, className, factory);
    return this;
  }
  registerTransformation(className: string, factory: Factory<Transformation<ConnectRecord>>): this {
    register(this.transforms, className, factory);
    return this;
  }
  registerPredicate(className: string, factory: Factory<Predicate<ConnectRecord>>): this {
    register(this.predicates, className, factory);
    return this;
  }

  newConverter(className: string, key: string): Converter {
    return lookup(this.converters, className, key)();
  }
  newTransformation(className: string, key: string): Transformation<ConnectRecord> {
    return lookup(this.transforms, className, key)();
  }
  newPredicate(className: string, key: string): Predicate<ConnectRecord> {
    return lookup(this.predicates, className, key)();
  }

  /**
   * The registry with every built-in converter, transformation and predicate; with a schema
   * registry, also `io.confluent.connect.avro.AvroConverter`.
   */
  static withBuiltins(options: { schemaRegistry?: SchemaRegistry } = {}): PluginRegistry {
    const r = new PluginRegistry();
    const schemaRegistry = options.schemaRegistry;
    if (schemaRegistry !== undefined) {
      r.registerConverter('io.confluent.connect.avro.AvroConverter', () => new AvroConverter(schemaRegistry));
    }
    r.registerConverter('org.apache.kafka.connect.json.JsonConverter', () => new JsonConverter());
    r.registerConverter('org.apache.kafka.connect.storage.StringConverter', () => new StringConverter());
    r.registerConverter(
      'org.apache.kafka.connect.converters.ByteArrayConverter',
      () => new ByteArrayConverter(),
    );
    const t = 'org.apache.kafka.connect.transforms.';
    for (const part of ['key', 'value'] as const) {
      const suffix = part === 'key' ? '$Key' : '$Value';
      r.registerTransformation(`${t}InsertField${suffix}`, () => new InsertField(part));
      r.registerTransformation(`${t}ReplaceField${suffix}`, () => new ReplaceField(part));
      r.registerTransformation(`${t}MaskField${suffix}`, () => new MaskField(part));
      r.registerTransformation(`${t}ExtractField${suffix}`, () => new ExtractField(part));
      r.registerTransformation(`${t}HoistField${suffix}`, () => new HoistField(part));
    }
    r.registerTransformation(`${t}ValueToKey`, () => new ValueToKey());
    r.registerTransformation(`${t}RegexRouter`, () => new RegexRouter());
    r.registerTransformation(`${t}Filter`, () => new Filter());
    const p = `${t}predicates.`;
    r.registerPredicate(`${p}TopicNameMatches`, () => new TopicNameMatches());
    r.registerPredicate(`${p}HasHeaderKey`, () => new HasHeaderKey());
    r.registerPredicate(`${p}RecordIsTombstone`, () => new RecordIsTombstone());
    return r;
  }
}

function register<T>(map: Map<string, Factory<T>>, className: string, factory: Factory<T>): void {
  map.set(className, factory);
  const alias = className.slice(className.lastIndexOf('.') + 1);
  if (!map.has(alias)) map.set(alias, factory);
}

function lookup<T>(map: Map<string, Factory<T>>, className: string, key: string): Factory<T> {
  const factory = map.get(className.trim());
  if (factory === undefined) {
    throw new ConfigException(key, `Class ${className} could not be found.`, className);
  }
  return factory;
}
