/**
 * The classic consumer-group coordinator: JoinGroup/SyncGroup/Heartbeat/LeaveGroup, offset commits and
 * fetches, group admin, persisted to (and rebuilt from) `__consumer_offsets` in Kafka's record format.
 */
export {
  GroupCoordinator,
  groupCoordinatorConfigDefaults,
  type AppendToOffsetsTopic,
  type DeleteGroupsResult,
  type GroupCoordinatorConfig,
  type GroupCoordinatorOptions,
  type GroupCoordinatorStats,
  type GroupRequestContext,
} from './group-coordinator.ts';
export {
  consumerGroupMachine,
  type GroupLifecycleContext,
  type GroupLifecycleEffect,
  type GroupLifecycleEvent,
  type GroupLifecycleInput,
  type GroupState,
} from './consumer-group.machine.ts';
export {
  consumerOffsetsTopic,
  javaStringHashCode,
  kafkaAbs,
  offsetsTopicNumPartitionsDefault,
  partitionFor,
} from './group-partition.ts';
export {
  offsetsLoadBufferBytes,
  replayOffsetsPartition,
  type CommittedOffset,
  type OffsetsLogReader,
  type OffsetsPartitionState,
} from './offsets-records.ts';
export { CoordinatorKeyType, findCoordinator, type CoordinatorNode } from './find-coordinator.ts';
