/** Running Streams topologies on a cluster: StreamsApp (Kafka's KafkaStreams) and its internal-topic set-up. */
export {
  StreamsApp,
  bootstrapServersDefault,
  type StreamThreadExceptionResponse,
  type StreamsAppConfig,
  type StreamsAppState,
  type StreamsAppStats,
  type StreamsUncaughtExceptionHandler,
  type ThreadMetadata,
} from './streams-app.ts';
export { createInternalTopics, type InternalTopicsResult } from './internal-topics.ts';
export {
  InvalidStateStoreException,
  QueryableStoreTypes,
  StateStoreNotAvailableException,
  StreamsNotStartedException,
  StreamsRebalancingException,
  UnknownStateStoreException,
  hostInfoOf,
  type HostInfo,
  type KeyQueryMetadata,
  type QueryableStoreType,
  type StreamsMetadata,
} from './interactive-queries.ts';
