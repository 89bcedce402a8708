import { KafkaBackedStore } from './kafka-backed-store.ts';
import { jsonBytes, parseJsonBytes, type LogRecord } from './kafka-based-log.ts';

/** Connect's AbstractStatus.State. */
export type ConnectState = 'UNASSIGNED' | 'RUNNING' | 'PAUSED' | 'FAILED' | 'RESTARTING' | 'STOPPED';

const states: readonly string[] = ['UNASSIGNED', 'RUNNING', 'PAUSED', 'FAILED', 'RESTARTING', 'STOPPED'];

/** The status of a connector or one of its tasks, as `GET /connectors/{name}/status` shows it. */
export interface StatusEntry {
  readonly state: ConnectState;
  /** The failure's stack trace (FAILED only). */
  readonly trace: string | null;
  readonly workerId: string;
  /** Bumped on every start of the connector or task, so a later generation wins over a stale write. */
  readonly generation: number;
}

/** Connector status with its tasks, by task id. */
export interface ConnectorStatus {
  readonly name: string;
  readonly connector: StatusEntry | null;
  readonly tasks: ReadonlyMap<number, StatusEntry>;
}

/**
 * Connector and task states in the compacted status topic (KafkaStatusBackingStore): keys
 * `status-connector-<name>` and `status-task-<name>-<n>`, values
 * `{"state":"RUNNING","trace":null,"worker_id":"...","generation":0}`.
 */
export class KafkaStatusStore extends KafkaBackedStore {
  private readonly connectors = new Map<string, StatusEntry>();
  private readonly tasks = new Map<string, Map<number, StatusEntry>>();

  status(name: string): ConnectorStatus {
    return { name, connector: this.connectors.get(name) ?? null, tasks: this.tasks.get(name) ?? new Map() };
  }

  names(): string[] {
    return [...new Set([...this.connectors.keys(), ...this.tasks.keys()])].sort();
  }

  putConnector(name: string, entry: StatusEntry): Promise<void> {
    return this.write(`status-connector-${name}`, entry);
  }

  putTask(name: string, task: number, entry: StatusEntry): Promise<void> {
    return this.write(`status-task-${name}-${task}`, entry);
  }

  /** Tombstones for the connector's status and its tasks' (a deleted connector). */
  async remove(name: string): Promise<void> {
    const taskIds = [...(this.tasks.get(name)?.keys() ?? [])];
    await Promise.all([
      this.write(`status-connector-${name}`, null),
      ...taskIds.map((t) => this.write(`status-task-${name}-${t}`, null)),
    ]);
  }

  private async write(key: string, entry: StatusEntry | null): Promise<void> {
    const value =
      entry === null
        ? null
        : jsonBytes({
            state: entry.state,
            trace: entry.trace,
            worker_id: entry.workerId,
            generation: entry.generation,
          });
    // Applied at once: the local view answers status queries while the write is in flight.
    this.apply({ partition: 0, offset: -1, key: Buffer.from(key, 'utf8'), value });
    await this.log.send(Buffer.from(key, 'utf8'), value);
  }

  protected apply(record: LogRecord): void {
    const key = record.key?.toString('utf8') ?? '';
    const raw = parseJsonBytes(record.value);
    const entry = raw === null ? null : toEntry(raw);
    if (entry === undefined) {
      this.skippedRecords++;
      return;
    }
    const task = /^status-task-(.+)-(\d+)$/.exec(key);
    if (task !== null) {
      const name = task[1]!;
      let tasks = this.tasks.get(name);
      if (tasks === undefined) this.tasks.set(name, (tasks = new Map()));
      if (entry === null) tasks.delete(Number(task[2]));
      else tasks.set(Number(task[2]), entry);
      if (tasks.size === 0) this.tasks.delete(name);
      return;
    }
    if (key.startsWith('status-connector-')) {
      const name = key.slice('status-connector-'.length);
      if (entry === null) this.connectors.delete(name);
      else this.connectors.set(name, entry);
      return;
    }
    this.skippedRecords++;
  }
}

function toEntry(raw: unknown): StatusEntry | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const v = raw as Record<string, unknown>;
  const state = v['state'];
  if (typeof state !== 'string' || !states.includes(state)) return undefined;
  return {
    state: state as ConnectState,
    trace: typeof v['trace'] === 'string' ? v['trace'] : null,
    workerId: typeof v['worker_id'] === 'string' ? v['worker_id'] : '',
    generation: typeof v['generation'] === 'number' ? v['generation'] : 0,
  };
}
