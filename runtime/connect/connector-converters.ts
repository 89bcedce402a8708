import type { Converter, PluginRegistry, Props } from '../../actors/connect/index.ts';
import { withPrefix, type WorkerConfig } from './worker-config.ts';

export type ConverterRole = 'key' | 'value' | 'header';

/** A task's converters for keys, values and header values. */
export interface TaskConverters {
  readonly key: Converter;
  readonly value: Converter;
  readonly header: Converter;
}

/**
 * Builds and configures one converter: `className` resolved through the registry, configured with
 * the `<role>.converter.*` settings of `props` (`value.converter.schemas.enable=false` becomes
 * `schemas.enable=false`).
 */
export function buildConverter(
  registry: PluginRegistry,
  role: ConverterRole,
  className: string,
  props: Readonly<Record<string, string>>,
): Converter {
  const key = `${role}.converter`;
  const converter = registry.newConverter(className, key);
  converter.configure(withPrefix(props, `${key}.`), role === 'key');
  return converter;
}

/**
 * The converters a connector's tasks use, as Kafka's Worker picks them: a converter class set in the
 * connector config wins, configured from the connector's `<role>.converter.*` keys; otherwise the
 * worker's class with the worker's keys.
 */
export function taskConverters(
  registry: PluginRegistry,
  worker: WorkerConfig,
  connector: Props,
): TaskConverters {
  const pick = (role: ConverterRole, workerClass: string): Converter => {
    const own = connector[`${role}.converter`];
    return own !== undefined && own.trim() !== ''
      ? buildConverter(registry, role, own, connector)
      : buildConverter(registry, role, workerClass, worker.originals);
  };
  return {
    key: pick('key', worker.keyConverter),
    value: pick('value', worker.valueConverter),
    header: pick('header', worker.headerConverter),
  };
}
