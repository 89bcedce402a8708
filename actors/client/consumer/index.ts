/**
 * The Kafka consumer: `Consumer` (subscribe/assign, poll and `for await`, seek, pause/resume, commit,
 * offsets by time, group membership with rebalance listeners) and its RxJS adapter.
 */
export {
  Consumer,
  type CommittedOffset,
  type ConsumerOptions,
  type ConsumerStats,
  type IterateOptions,
  type OffsetForTime,
  type PartitionOffset,
} from './consumer.ts';
export {
  consumerConfigDefaults,
  resolveConsumerConfig,
  type AssignmentStrategyName,
  type AutoOffsetReset,
  type ConsumerConfig,
  type DeserializerLike,
  type IsolationLevel,
  type ResolvedConsumerConfig,
} from './consumer-config.ts';
export {
  ConsumerRecord,
  type OffsetAndMetadata,
  type OffsetAndTimestamp,
  type TimestampType,
  type TopicPartition,
  type TopicPartitionOffset,
} from './consumer-record.ts';
export type {
  ConsumerGroupMetadata,
  CoordinatorStats,
  MemberState,
  RebalanceListener,
} from './consumer-coordinator.ts';
export type { FetcherStats } from './fetcher.ts';
export {
  CommitFailedError,
  IllegalStateError,
  NoOffsetForPartitionError,
  OffsetOutOfRangeError,
} from './errors.ts';
export {
  ConsumerObservable,
  observableBufferSizeDefault,
  toObservable,
  type ObservableOptions,
  type PollableConsumer,
} from './observable.ts';
