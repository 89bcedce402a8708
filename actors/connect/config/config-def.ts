import { ConfigException } from './config-exception.ts';

/** Config value types (ConfigDef.Type). CLASS values are plugin names resolved by a PluginRegistry. */
export const ConfigType = {
  BOOLEAN: 'BOOLEAN',
  STRING: 'STRING',
  INT: 'INT',
  SHORT: 'SHORT',
  LONG: 'LONG',
  DOUBLE: 'DOUBLE',
  LIST: 'LIST',
  CLASS: 'CLASS',
  PASSWORD: 'PASSWORD',
} as const;
export type ConfigType = (typeof ConfigType)[keyof typeof ConfigType];

export const Importance = { HIGH: 'HIGH', MEDIUM: 'MEDIUM', LOW: 'LOW' } as const;
export type Importance = (typeof Importance)[keyof typeof Importance];

/** The default for a key that must be given (ConfigDef.NO_DEFAULT_VALUE). */
export const NO_DEFAULT_VALUE: unique symbol = Symbol('NO_DEFAULT_VALUE');

/** A password: printed as [hidden] so it never lands in a log. */
export class Password {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return '[hidden]';
  }
}

/** Checks a parsed value; throws ConfigException (via `fail`) naming the key. */
export interface Validator {
  ensureValid(name: string, value: unknown): void;
  describe(): string;
}

export interface ConfigKey {
  readonly name: string;
  readonly type: ConfigType;
  readonly defaultValue: unknown;
  readonly validator: Validator | undefined;
  readonly importance: Importance;
  readonly documentation: string;
  readonly group?: string;
  readonly displayName?: string;
}

/** One key's validation result, shaped like Connect's REST `ConfigValueInfo`. */
export interface ConfigValue {
  readonly name: string;
  readonly value: unknown;
  readonly recommendedValues: readonly unknown[];
  readonly errorMessages: readonly string[];
  readonly visible: boolean;
}

export type ConfigProps = Readonly<Record<string, unknown>>;

/**
 * A set of config keys with types, defaults and validators (org.apache.kafka.common.config.ConfigDef).
 * `parse` turns string properties into typed values or throws a ConfigException naming the key;
 * `validate` collects every key's errors instead, which is what the REST validate endpoint shows.
 */
export class ConfigDef {
  private readonly keys = new Map<string, ConfigKey>();

  define(
    name: string,
    type: ConfigType,
    defaultValue: unknown,
    validator: Validator | undefined,
    importance: Importance,
    documentation: string,
    extra?: { group?: string; displayName?: string },
  ): this {
    if (this.keys.has(name)) throw new ConfigException(name, `Configuration ${name} is defined twice.`);
    const parsedDefault =
      defaultValue === NO_DEFAULT_VALUE || defaultValue === null
        ? defaultValue
        : parseType(name, defaultValue, type);
    if (validator !== undefined && parsedDefault !== NO_DEFAULT_VALUE)
      validator.ensureValid(name, parsedDefault);
    this.keys.set(name, {
      name,
      type,
      defaultValue: parsedDefault,
      validator,
      importance,
      documentation,
      ...extra,
    });
    return this;
  }

  /** Adds every key of `other` (ConnectorConfig.enrich and connector-specific defs combine this way). */
  merge(other: ConfigDef): this {
    for (const key of other.configKeys().values()) {
      if (!this.keys.has(key.name)) this.keys.set(key.name, key);
    }
    return this;
  }

  configKeys(): ReadonlyMap<string, ConfigKey> {
    return this.keys;
  }

  names(): string[] {
    return [...this.keys.keys()];
  }

  /** Typed values for every defined key; unknown keys are ignored, as Kafka does. */
  parse(props: ConfigProps): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const key of this.keys.values())
      values[key.name] = this.parseValue(key, props[key.name], key.name in props);
    return values;
  }

  /** Every key's value and errors; never throws for a bad value. */
  validate(props: ConfigProps): ConfigValue[] {
    const out: ConfigValue[] = [];
    for (const key of this.keys.values()) {
      let value: unknown = props[key.name] ?? null;
      const errors: string[] = [];
      try {
        value = this.parseValue(key, props[key.name], key.name in props);
      } catch (err) {
        errors.push(
          err instanceof ConfigException ? err.message.replace(/^INVALID_CONFIG: /, '') : String(err),
        );
      }
      out.push({ name: key.name, value, recommendedValues: [], errorMessages: errors, visible: true });
    }
    return out;
  }

  private parseValue(key: ConfigKey, raw: unknown, isSet: boolean): unknown {
    let value: unknown;
    if (isSet && raw !== undefined) value = parseType(key.name, raw, key.type);
    else if (key.defaultValue === NO_DEFAULT_VALUE) {
      throw new ConfigException(
        key.name,
        `Missing required configuration "${key.name}" which has no default value.`,
      );
    } else value = key.defaultValue;
    if (key.validator !== undefined) key.validator.ensureValid(key.name, value);
    return value;
  }
}

/** Parses one value the way ConfigDef.parseType does: trimmed strings, strict booleans and integers. */
export function parseType(name: string, value: unknown, type: ConfigType): unknown {
  if (value === null) return null;
  const fail = (what: string): never => {
    throw new ConfigException(name, what, value);
  };
  const text = typeof value === 'string' ? value.trim() : undefined;
  switch (type) {
    case 'BOOLEAN':
      if (typeof value === 'boolean') return value;
      if (text?.toLowerCase() === 'true') return true;
      if (text?.toLowerCase() === 'false') return false;
      return fail('Expected value to be either true or false');
    case 'PASSWORD':
      if (value instanceof Password) return value;
      if (typeof value === 'string') return new Password(value);
      return fail('Expected value to be a string, but it was a ' + typeof value);
    case 'STRING':
    case 'CLASS':
      if (text !== undefined) return text;
      return fail(`Expected value to be a string, but it was a ${typeof value}`);
    case 'INT':
    case 'SHORT':
    case 'LONG': {
      const limit = type === 'INT' ? 2 ** 31 : type === 'SHORT' ? 2 ** 15 : 2 ** 53;
      const n =
        typeof value === 'number'
          ? value
          : text !== undefined && /^[-+]?\d+$/.test(text)
            ? Number(text)
            : NaN;
      if (!Number.isInteger(n) || n < -limit || n >= limit) return fail(`Not a number of type ${type}`);
      return n;
    }
    case 'DOUBLE': {
      const n = typeof value === 'number' ? value : text !== undefined && text !== '' ? Number(text) : NaN;
      if (Number.isNaN(n)) return fail('Not a number of type DOUBLE');
      return n;
    }
    case 'LIST':
      if (Array.isArray(value)) return value.map(String);
      if (text === undefined) return fail('Expected a comma separated list.');
      return text === '' ? [] : text.split(/\s*,\s*/);
    default: {
      const _never: never = type;
      return _never;
    }
  }
}

/** Range.atLeast / Range.between. */
export function range(min: number | undefined, max?: number): Validator {
  return {
    ensureValid(name, value) {
      if (value === null) throw new ConfigException(name, 'Value must be non-null', value);
      const n = value as number;
      if (min !== undefined && n < min)
        throw new ConfigException(name, `Value must be at least ${min}`, value);
      if (max !== undefined && n > max)
        throw new ConfigException(name, `Value must be no more than ${max}`, value);
    },
    describe: () => (max === undefined ? `[${min},...]` : `[${min ?? '...'},...,${max}]`),
  };
}

/** ValidString.in: one of the listed strings (case-sensitive, as Kafka's is). */
export function validString(...allowed: string[]): Validator {
  return {
    ensureValid(name, value) {
      if (typeof value !== 'string' || !allowed.includes(value)) {
        throw new ConfigException(name, `String must be one of: ${allowed.join(', ')}`, value);
      }
    },
    describe: () => `[${allowed.join(', ')}]`,
  };
}

/** NonEmptyString. */
export function nonEmptyString(): Validator {
  return {
    ensureValid(name, value) {
      if (typeof value === 'string' && value.length === 0) {
        throw new ConfigException(name, 'String may not be empty', value);
      }
    },
    describe: () => 'non-empty string',
  };
}

/** A list with no repeated entries (ConfigDef.ValidList / Connect's transforms alias check). */
export function uniqueList(): Validator {
  return {
    ensureValid(name, value) {
      const list = (value ?? []) as string[];
      const dup = list.find((v, i) => list.indexOf(v) !== i);
      if (dup !== undefined)
        throw new ConfigException(name, `Duplicate alias provided: ${dup}`, list.join(','));
    },
    describe: () => 'unique list',
  };
}
