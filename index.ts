/**
 * Tributary's public API: what users import from 'tributary'.
 * Each part exports its surface through its folder's index.ts; this file re-exports them. Lower-level
 * parts whose names would collide (records, log, protocol, connect, controller) come as namespaces.
 */
export * from './core/errors/index.ts';
export * from './core/io/index.ts';
export * from './core/serdes/index.ts';
export * from './dsl/index.ts';
export * from './actors/index.ts';
export {
  CooperativeStickyAssignor,
  DefaultPartitioner,
  RangeAssignor,
  RoundRobinAssignor,
  murmur2,
  partitionForKey,
  type Assignor,
  type Partitioner,
} from './actors/client/index.ts';
export { LogManager, PartitionLog, LogConfig, LogCleaner, validateTopicName } from './core/log/index.ts';
export type { AppendResult, ReadResult, LogManagerOptions, PartitionLogOptions } from './core/log/index.ts';
export {
  KafkaServer,
  noResponse,
  type KafkaRequestHandler,
  type RequestContext,
} from './runtime/server/kafka-server.ts';
export * as records from './core/records/index.ts';
export * as log from './core/log/index.ts';
export * as protocol from './core/protocol/index.ts';
export * as client from './actors/client/index.ts';
export * as connect from './actors/connect/index.ts';
export * as controller from './actors/controller/index.ts';
export {
  Partition,
  ReplicaManager,
  openReplicatedLog,
  replicationConfig,
  replicationConfigDefaults,
  type Acks,
  type IsrChangeProposal,
  type LeaderAndIsrState,
  type ReplicationConfig,
} from './actors/broker/partition/index.ts';
export {
  GroupCoordinator,
  consumerGroupMachine,
  findCoordinator,
  partitionFor,
  type GroupCoordinatorConfig,
  type GroupCoordinatorOptions,
} from './actors/coordinator/index.ts';
export {
  Broker,
  KafkaApis,
  brokerSettingsDefaults,
  type BrokerOptions,
  type BrokerSettings,
  type BrokerServices,
} from './actors/broker/index.ts';
export { Controller, controllerConfigDefaults, type ControllerConfig } from './actors/controller/index.ts';
export {
  Cluster,
  InProcessConnectionFactory,
  type ClusterOptions,
  type CreateTopicOptions,
} from './runtime/cluster/index.ts';
export { TcpConnectionFactory, TcpConnection } from './runtime/network/index.ts';
export type {
  BrokerAddress,
  BrokerConnection,
  ConnectionFactory,
  RequestOptions,
} from './actors/client/connection.ts';
export {
  Producer,
  Consumer,
  Admin,
  AdminError,
  ClusterMetadata,
  ConnectionPool,
  CommitFailedError,
  NoOffsetForPartitionError,
  toObservable,
  type ProducerConfigInput,
  type ProducerOptions,
  type ProducerRecord,
  type ConsumerConfig,
  type ConsumerOptions,
  type ConsumerRecord,
  type ConsumerObservable,
  type AdminOptions,
} from './actors/client/index.ts';
export {
  StreamsApp,
  InvalidStateStoreException,
  QueryableStoreTypes,
  StateStoreNotAvailableException,
  StreamsNotStartedException,
  StreamsRebalancingException,
  UnknownStateStoreException,
  type HostInfo,
  type KeyQueryMetadata,
  type QueryableStoreType,
  type StreamsMetadata,
  type StreamsAppConfig,
  type StreamsAppState,
  type StreamsUncaughtExceptionHandler,
} from './runtime/streams/index.ts';
export { Worker, ConnectorPlugins, builtinConnectorPlugins } from './runtime/connect/index.ts';
export { FileStreamSourceConnector, FileStreamSinkConnector } from './runtime/connectors/file/index.ts';
export { PostgresSourceConnector, PostgresSinkConnector } from './runtime/connectors/postgres/index.ts';
export {
  LogSchemaRegistry,
  SchemaRegistryServer,
  type LogSchemaRegistryOptions,
  type LogSchemaRegistryStats,
  type SchemaRegistryServerOptions,
} from './runtime/schema-registry/index.ts';
export {
  logAndContinueExceptionHandler,
  logAndFailExceptionHandler,
  type DeserializationExceptionHandler,
} from './actors/streams/index.ts';
