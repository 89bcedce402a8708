import type {
  ConfigDef,
  ConfigValue,
  ConnectorContext,
  Props,
  SinkConnector,
  SinkTask,
} from '../../../actors/connect/index.ts';
import { parsePostgresSinkConfig, postgresSinkConfigDef } from './postgres-sink-config.ts';
import { PostgresSinkTask } from './postgres-sink-task.ts';
import { postgresConnectorVersion } from './version.ts';

/**
 * Writes topics to PostgreSQL tables, in the JDBC sink connector's shape: upsert by primary key
 * (`INSERT ... ON CONFLICT DO UPDATE`), delete on a tombstone, multi-row statements of up to
 * `batch.size` rows, and optional table creation from the record schema. Debezium change events are
 * understood as they are: `after` is written, and a delete event deletes.
 *
 * Any number of tasks: upserts and deletes by key are idempotent, so a redelivered record (after a
 * crash, before the consumer offsets were committed) leaves the table as it was.
 */
export class PostgresSinkConnector implements SinkConnector {
  readonly kind = 'sink' as const;
  private props: Props | undefined;

  version(): string {
    return postgresConnectorVersion;
  }

  initialize(_context: ConnectorContext): void {}

  start(props: Props): void {
    parsePostgresSinkConfig(props);
    this.props = props;
  }

  taskConfigs(maxTasks: number): Props[] {
    if (this.props === undefined) return [];
    return Array.from({ length: Math.max(1, maxTasks) }, () => ({ ...this.props }));
  }

  stop(): void {
    this.props = undefined;
  }

  config(): ConfigDef {
    return postgresSinkConfigDef();
  }

  validate(props: Props): ConfigValue[] {
    return postgresSinkConfigDef().validate(props);
  }

  createTask(): SinkTask {
    return new PostgresSinkTask();
  }
}
