// Public face of core/log: Kafka's log on disk (segments, sparse indexes, checkpoints), the partition
// log with append/read/retention/truncation, the log manager over several log dirs, and the cleaner.
export {
  LogConfig,
  logConfigDefaults,
  neverMs,
  type CleanupPolicy,
  type LogConfigValues,
} from './log-config.ts';
export {
  PartitionLog,
  checkZstdRecords,
  type AppendOptions,
  type AppendOrigin,
  type AppendResult,
  type PartitionLogOptions,
  type ReadOptions,
  type ReadResult,
  type TimestampAndOffset,
} from './partition-log.ts';
export {
  LogManager,
  logManagerIntervalDefaults,
  topicNameLengthMax,
  validateTopicName,
  type LogManagerIntervals,
  type LogManagerOptions,
} from './log-manager.ts';
export {
  LeaderEpochCache,
  undefinedEpoch,
  undefinedEpochOffset,
  type EpochEndOffset,
} from './leader-epoch-cache.ts';
export {
  LeaderEpochCheckpointFile,
  OffsetCheckpointFile,
  type EpochEntry,
  type TopicPartitionOffset,
} from './checkpoint-file.ts';
export { LogSegment, type SegmentOptions } from './log-segment.ts';
export { OffsetIndex, offsetIndexEntryBytes } from './offset-index.ts';
export { TimeIndex, timeIndexEntryBytes } from './time-index.ts';
export {
  cleanShutdownFileName,
  leaderEpochCheckpointName,
  logStartOffsetCheckpointName,
  offsetFileStem,
  partitionDirName,
  recoveryPointCheckpointName,
  replicationOffsetCheckpointName,
  cleanerOffsetCheckpointName,
} from './file-names.ts';
export {
  LogCleaner,
  cleanerBackoffMsDefault,
  type CleanResult,
  type LogCleanerOptions,
} from './log-cleaner.ts';
export {
  ProducerStateManager,
  batchHeadersOf,
  incrementSequence,
  producerIdExpirationMsDefault,
  producerSequenceMax,
  producerSnapshotsRetainedDefault,
  type BatchHeaderSource,
  type ProducerCheck,
  type ProducerEntry,
  type ProducerStateManagerOptions,
  type ProducerStateStats,
} from './producer-state.ts';
export {
  producerSnapshotFileSuffix,
  producerSnapshotVersion,
  producerBatchesRetainedMax,
  listProducerSnapshots,
  readProducerSnapshot,
  writeProducerSnapshot,
  encodeProducerSnapshot,
  decodeProducerSnapshot,
  type ProducerBatchMetadata,
  type ProducerSnapshotEntry,
} from './producer-state-snapshot.ts';
