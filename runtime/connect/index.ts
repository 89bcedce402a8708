/**
 * The Connect worker: runs source and sink connectors (actors/connect's API) against the cluster,
 * with source offsets, connector configs and statuses in compacted topics, tasks as supervised
 * actors restarted with exponential backoff, and the connector classes it knows (file source and
 * sink built in).
 */
export { Worker, type ConnectorInfo, type ConnectorStateInfo, type WorkerOptions } from './worker.ts';
export {
  configStorageTopicDefault,
  offsetFlushIntervalMsDefault,
  offsetFlushTimeoutMsDefault,
  offsetStoragePartitionsDefault,
  offsetStorageTopicDefault,
  parseWorkerConfig,
  statusStoragePartitionsDefault,
  statusStorageTopicDefault,
  stringProps,
  taskRestartBackoffMaxMsDefault,
  taskRestartBackoffMsDefault,
  taskRestartMaxDefault,
  taskRestartPeriodMsDefault,
  taskShutdownGracefulTimeoutMsDefault,
  workerConfigDef,
  type InternalTopicConfig,
  type WorkerConfig,
} from './worker-config.ts';
export {
  ConnectorPlugins,
  type AnyConnector,
  type ConnectorFactory,
  type ConnectorPluginInfo,
  type ConnectorPorts,
} from './connector-plugins.ts';
export { builtinConnectorPlugins } from './builtin-connectors.ts';
export {
  ConnectorConfigError,
  requireValidConnector,
  validateConnector,
  type ConfigProblem,
  type ValidatedConnector,
} from './connector-validation.ts';
export { KafkaBasedLog, readToEndTimeoutMsDefault, type LogRecord } from './kafka-based-log.ts';
export { KafkaOffsetStore, type SourceOffset } from './offset-store.ts';
export { KafkaConfigStore, type StoredConnector, type TargetState } from './config-store.ts';
export {
  KafkaStatusStore,
  type ConnectState,
  type ConnectorStatus,
  type StatusEntry,
} from './status-store.ts';
export { silentWorkerLogger, type WorkerLogger } from './worker-logger.ts';
export { loadConnectorConfigFile, loadWorkerConfigFile, parseConnectorConfigJson } from './config-files.ts';
