import type {
  ConfigDef,
  ConfigValue,
  ConnectorContext,
  Props,
  SourceConnector,
  SourceTask,
} from '../../../actors/connect/index.ts';
import { parsePostgresSourceConfig, postgresSourceConfigDef } from './postgres-source-config.ts';
import { PostgresSourceTask } from './postgres-source-task.ts';
import type { Clock } from '../../../core/io/index.ts';
import { postgresConnectorVersion } from './version.ts';

/**
 * Change data capture from PostgreSQL through logical replication (pgoutput), in Debezium's
 * PostgreSQL connector's shape: it creates its publication and replication slot, snapshots the
 * captured tables consistently with the slot, then streams every committed row change as a Debezium
 * change event (`before`, `after`, `op` c/u/d/r, `source`, `ts_ms`) keyed by primary key to
 * `<topic.prefix>.<schema>.<table>`; a delete is followed by a tombstone.
 *
 * One task: a replication slot has a single reader. The slot is confirmed only up to transactions
 * whose records the log acknowledged (commitRecord), so a crash at any point loses nothing. A slot is
 * never dropped to take a snapshot again (no committed offsets yet, an interrupted snapshot,
 * snapshot.mode=always): the snapshot is read and then everything the slot holds after its confirmed
 * position is streamed, so changes made meanwhile (deletes included) reach the log at least once.
 */
export class PostgresSourceConnector implements SourceConnector {
  readonly kind = 'source' as const;
  private readonly clock: Clock | undefined;
  private props: Props | undefined;

  /** `clock`: the time source of the tasks (event ts_ms, poll waits); default the system clock. */
  constructor(options: { clock?: Clock } = {}) {
    this.clock = options.clock;
  }

  version(): string {
    return postgresConnectorVersion;
  }

  initialize(_context: ConnectorContext): void {}

  start(props: Props): void {
    parsePostgresSourceConfig(props); // fail fast on a bad config
    this.props = props;
  }

  taskConfigs(_maxTasks: number): Props[] {
    if (this.props === undefined) return [];
    return [{ ...this.props }];
  }

  stop(): void {
    this.props = undefined;
  }

  config(): ConfigDef {
    return postgresSourceConfigDef();
  }

  validate(props: Props): ConfigValue[] {
    return postgresSourceConfigDef().validate(props);
  }

  createTask(): SourceTask {
    return new PostgresSourceTask(this.clock !== undefined ? { clock: this.clock } : {});
  }
}
