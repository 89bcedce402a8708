import { ConfigException, type SinkConnector, type SourceConnector } from '../../actors/connect/index.ts';
import type { Clock, FileSystem, Random } from '../../core/io/index.ts';

/** What a connector may need from the outside world; tests pass simulated ports. */
export interface ConnectorPorts {
  readonly clock: Clock;
  readonly random: Random;
  readonly fs: FileSystem;
  /** The worker's log line for connector-level events (a file rotated, a slot created). */
  readonly log: (level: 'info' | 'warn', message: string, fields?: Record<string, unknown>) => void;
}

export type AnyConnector = SourceConnector | SinkConnector;
export type ConnectorFactory = (ports: ConnectorPorts) => AnyConnector;

/** One installed connector class, as `GET /connector-plugins` lists it. */
export interface ConnectorPluginInfo {
  readonly className: string;
  readonly type: 'source' | 'sink';
  readonly aliases: readonly string[];
}

interface Entry {
  readonly info: ConnectorPluginInfo;
  readonly factory: ConnectorFactory;
}

/**
 * The connector classes a worker can run, found by `connector.class` the way Connect's Plugins
 * resolves it: the fully qualified class name, the simple name (`FileStreamSourceConnector`), or the
 * simple name without the `Connector` suffix (`FileStreamSource`).
 */
export class ConnectorPlugins {
  private readonly entries: Entry[] = [];
  private readonly byName = new Map<string, Entry>();

  /**
   * Adds a connector class, found by its name, its simple name, the simple name without
   * `Connector`, and any `extraAliases`; `type` is checked against what the factory builds.
   */
  register(
    className: string,
    type: 'source' | 'sink',
    factory: ConnectorFactory,
    extraAliases: readonly string[] = [],
  ): this {
    if (this.byName.get(className)?.info.className === className) {
      throw new ConfigException('connector.class', `Connector class ${className} is registered twice`);
    }
    const simple = className.slice(className.lastIndexOf('.') + 1);
    const aliases = [simple, ...extraAliases];
    if (simple.endsWith('Connector') && simple.length > 'Connector'.length) {
      aliases.push(simple.slice(0, -'Connector'.length));
    }
    const usable = [...new Set(aliases)].filter((a) => a !== className && !this.byName.has(a));
    const entry: Entry = { info: { className, type, aliases: usable }, factory };
    this.entries.push(entry);
    this.byName.set(className, entry);
    for (const alias of usable) this.byName.set(alias, entry);
    return this;
  }

  /** The entry for a `connector.class` value; ConfigException listing what is installed if none. */
  resolve(name: string): { readonly info: ConnectorPluginInfo; create(ports: ConnectorPorts): AnyConnector } {
    const entry = this.byName.get(name.trim());
    if (entry === undefined) {
      const known = this.entries.map((e) => e.info.className).join(', ');
      throw new ConfigException(
        'connector.class',
        `Failed to find any class that implements Connector and which name matches ${name}; available connectors are: ${known === '' ? 'none' : known}`,
        name,
      );
    }
    return {
      info: entry.info,
      create: (ports) => {
        const connector = entry.factory(ports);
        if (connector.kind !== entry.info.type) {
          throw new ConfigException(
            'connector.class',
            `${entry.info.className} was registered as a ${entry.info.type} connector but is a ${connector.kind} connector`,
          );
        }
        return connector;
      },
    };
  }

  list(): readonly ConnectorPluginInfo[] {
    return this.entries.map((e) => e.info);
  }
}
