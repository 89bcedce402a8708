/**
 * PostgreSQL connectors: change data capture from PostgreSQL through logical replication (pgoutput)
 * as Debezium change events, and a sink that upserts and deletes rows by primary key.
 */
export { PostgresSourceConnector } from './postgres-source-connector.ts';
export { PostgresSourceTask, slotBusyRetries, slotBusyRetryDelayMs } from './postgres-source-task.ts';
export {
  parsePostgresSourceConfig,
  postgresSourceConfigDef,
  publicationAutocreateModes,
  snapshotModes,
  type PostgresSourceConfig,
  type PublicationAutocreateMode,
  type SnapshotMode,
} from './postgres-source-config.ts';
export { PostgresSinkConnector } from './postgres-sink-connector.ts';
export { PostgresSinkTask } from './postgres-sink-task.ts';
export {
  parseConnectionUrl,
  parsePostgresSinkConfig,
  postgresSinkConfigDef,
  tableFor,
  type InsertMode,
  type PkMode,
  type PostgresSinkConfig,
} from './postgres-sink-config.ts';
export {
  PgoutputDecoder,
  PgoutputTextPlugin,
  type PgoutputMessage,
  type RelationMessage,
} from './pgoutput-decoder.ts';
export { formatLsn, parseLsn } from './lsn.ts';
export { postgresConnectorVersion } from './version.ts';

/** Connector class names (Debezium's for the source, and short aliases) for a worker's plugin registry. */
export const postgresConnectorClasses = {
  source: [
    'io.debezium.connector.postgresql.PostgresConnector',
    'PostgresConnector',
    'PostgresSourceConnector',
  ],
  sink: ['PostgresSinkConnector'],
} as const;
