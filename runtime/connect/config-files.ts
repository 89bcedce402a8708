import { ConfigException, type Props } from '../../actors/connect/index.ts';
import type { FileSystem } from '../../core/io/index.ts';
import { stringProps } from './worker-config.ts';

function parseJsonObject(text: string, source: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ConfigException(undefined, `${source} is not valid JSON: ${(err as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigException(undefined, `${source} must hold a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

/**
 * A connector config from JSON, in either of the shapes Kafka accepts: the REST body
 * `{"name": "...", "config": {...}}`, or the flat properties object `{"name": "...", "connector.class": ...}`.
 */
export function parseConnectorConfigJson(text: string, source: string): Props {
  const obj = parseJsonObject(text, source);
  const nested = obj['config'];
  if (nested !== undefined && nested !== null && typeof nested === 'object' && !Array.isArray(nested)) {
    const props = stringProps(nested as Record<string, unknown>, source);
    const name = obj['name'];
    if (typeof name === 'string' && props['name'] !== undefined && props['name'] !== name) {
      throw new ConfigException(
        'name',
        `${source}: name '${name}' and config.name '${props['name']}' differ`,
      );
    }
    if (typeof name === 'string') props['name'] = name;
    return props;
  }
  return stringProps(obj, source);
}

/** Reads a connector config file (see parseConnectorConfigJson). */
export function loadConnectorConfigFile(fs: FileSystem, path: string): Props {
  return parseConnectorConfigJson(readText(fs, path), path);
}

/** Reads a worker config file: one JSON object of the worker's keys. */
export function loadWorkerConfigFile(fs: FileSystem, path: string): Record<string, string> {
  return stringProps(parseJsonObject(readText(fs, path), path), path);
}

function readText(fs: FileSystem, path: string): string {
  if (!fs.exists(path)) throw new ConfigException(undefined, `${path}: no such file`);
  return fs.readFile(path).toString('utf8');
}
