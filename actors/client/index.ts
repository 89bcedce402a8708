/**
 * Broker-independent building blocks of Tributary's Kafka client: the Java-compatible partitioner,
 * the consumer group assignors, and the producer's record accumulator.
 */
export {
  DefaultPartitioner,
  StickyPartitionCache,
  checkPartition,
  choosePartition,
  murmur2,
  partitionForKey,
  partitionerFromFunction,
  toPositive,
  type PartitionMetadata,
  type Partitioner,
  type PartitionerArgs,
  type PartitionerFunction,
  type PartitionerMessage,
} from './partitioner.ts';
export * from './assignors/index.ts';
export {
  ProducerBatch,
  recordSizeUpperBound,
  type DeliveryCallback,
  type RecordMetadata,
} from './producer-batch.ts';
export {
  batchSizeBytesDefault,
  bufferMemoryBytesDefault,
  deliveryTimeoutMsDefault,
  lingerMsDefault,
  maxBlockMsDefault,
  maxRequestSizeBytesDefault,
  retryBackoffMsDefault,
} from './producer-defaults.ts';
export {
  RecordAccumulator,
  type AppendResult,
  type ReadyCheck,
  type RecordAccumulatorConfig,
  type TopicPartition,
} from './record-accumulator.ts';
export {
  ClusterMetadata,
  ConnectionPool,
  bootstrapNodeId,
  metadataMaxAgeMsDefault,
  metadataMaxBlockMsDefault,
  metadataRequestTimeoutMsDefault,
  metadataRetryBackoffMsDefault,
  type ClusterMetadataConfig,
  type ConnectionPoolOptions,
  type PartitionInfo,
  type TopicError,
  type TopicInfo,
} from './metadata.ts';
export * from './producer/index.ts';
export * from './consumer/index.ts';
export * from './admin/index.ts';
