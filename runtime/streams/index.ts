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
