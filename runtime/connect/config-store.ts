import type { Props } from '../../actors/connect/index.ts';
import { KafkaBackedStore } from './kafka-backed-store.ts';
import { jsonBytes, parseJsonBytes, type LogRecord } from './kafka-based-log.ts';

/** Where a connector should be (Connect's TargetState). */
export type TargetState = 'STARTED' | 'PAUSED' | 'STOPPED';

/** A connector as the config topic describes it. */
export interface StoredConnector {
  readonly name: string;
  readonly config: Props;
  /** The task configs of the last commit (empty before one). */
  readonly tasks: readonly Props[];
  readonly targetState: TargetState;
}

function isStringMap(v: unknown): v is Record<string, string> {
  return (
    v !== null &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    Object.values(v as Record<string, unknown>).every((x) => typeof x === 'string')
  );
}

const targetStates: readonly string[] = ['STARTED', 'PAUSED', 'STOPPED'];

/**
 * Connector and task configs in the compacted config topic (KafkaConfigBackingStore), with Kafka
 * Connect's keys and JSON values: `connector-<name>` `{"properties":{...}}`, `task-<name>-<n>`
 * `{"properties":{...}}`, `commit-<name>` `{"tasks":<n>}` (task configs count once their commit is
 * written), `target-state-<name>` `{"state":"STARTED"}`. Removing a connector writes tombstones.
 */
export class KafkaConfigStore extends KafkaBackedStore {
  private readonly connectorConfigs = new Map<string, Props>();
  private readonly taskConfigs = new Map<string, Map<number, Props>>();
  private readonly committedTasks = new Map<string, number>();
  private readonly targetStates = new Map<string, TargetState>();

  /** Connectors with a config, by name. */
  connectors(): StoredConnector[] {
    return [...this.connectorConfigs.keys()].sort().map((name) => this.connector(name)!);
  }

  connector(name: string): StoredConnector | undefined {
    const config = this.connectorConfigs.get(name);
    if (config === undefined) return undefined;
    const count = this.committedTasks.get(name) ?? 0;
    const stored = this.taskConfigs.get(name);
    const tasks: Props[] = [];
    for (let i = 0; i < count; i++) {
      const t = stored?.get(i);
      if (t !== undefined) tasks.push(t);
    }
    return { name, config, tasks, targetState: this.targetStates.get(name) ?? 'STARTED' };
  }

  async putConnectorConfig(name: string, config: Props, targetState: TargetState = 'STARTED'): Promise<void> {
    await this.write(`connector-${name}`, { properties: config });
    await this.write(`target-state-${name}`, { state: targetState });
  }

  /** Writes every task config, then the commit record that makes them count. */
  async putTaskConfigs(name: string, tasks: readonly Props[]): Promise<void> {
    await Promise.all(tasks.map((t, i) => this.write(`task-${name}-${i}`, { properties: t })));
    await this.write(`commit-${name}`, { tasks: tasks.length });
  }

  async putTargetState(name: string, state: TargetState): Promise<void> {
    await this.write(`target-state-${name}`, { state });
  }

  async removeConnector(name: string): Promise<void> {
    await this.write(`connector-${name}`, null);
    await this.write(`target-state-${name}`, null);
  }

  private async write(key: string, value: unknown): Promise<void> {
    await this.log.send(Buffer.from(key, 'utf8'), value === null ? null : jsonBytes(value));
    this.apply({
      partition: 0,
      offset: -1,
      key: Buffer.from(key, 'utf8'),
      value: value === null ? null : jsonBytes(value),
    });
  }

  protected apply(record: LogRecord): void {
    const key = record.key?.toString('utf8') ?? '';
    const value = parseJsonBytes(record.value);
    if (value === undefined) {
      this.skippedRecords++;
      return;
    }
    const body = value as Record<string, unknown> | null;
    if (key.startsWith('connector-')) {
      const name = key.slice('connector-'.length);
      if (body === null) {
        this.connectorConfigs.delete(name);
        this.taskConfigs.delete(name);
        this.committedTasks.delete(name);
      } else if (isStringMap(body['properties'])) this.connectorConfigs.set(name, body['properties']);
      else this.skippedRecords++;
    } else if (key.startsWith('task-')) {
      const m = /^task-(.+)-(\d+)$/.exec(key);
      if (m === null || body === null || !isStringMap(body['properties'])) return;
      let tasks = this.taskConfigs.get(m[1]!);
      if (tasks === undefined) this.taskConfigs.set(m[1]!, (tasks = new Map()));
      tasks.set(Number(m[2]), body['properties']);
    } else if (key.startsWith('commit-')) {
      const tasks = body?.['tasks'];
      if (typeof tasks === 'number') this.committedTasks.set(key.slice('commit-'.length), tasks);
    } else if (key.startsWith('target-state-')) {
      const name = key.slice('target-state-'.length);
      const state = body?.['state'];
      if (body === null) this.targetStates.delete(name);
      else if (typeof state === 'string' && targetStates.includes(state)) {
        this.targetStates.set(name, state as TargetState);
      }
    } else {
      this.skippedRecords++;
    }
  }
}
