/**
 * The Streams runtime's actors: stream threads (a consumer, a producer and the tasks assigned to
 * them) and stream tasks (a TopologyTask driven by batches, with the stream-task lifecycle machine),
 * the task assignor that keeps a task's partitions together, and the Streams config. StreamsApp in
 * runtime/streams puts them under one supervision tree.
 */
export {
  logAndContinueExceptionHandler,
  logAndFailExceptionHandler,
  resolveStreamsConfig,
  streamsConfigDefaults,
  type BuiltInDeserializationHandler,
  type DeserializationExceptionHandler,
  type ProcessingGuarantee,
  type ResolvedStreamsConfig,
  type StreamsConfig,
} from './streams-config.ts';
export { TaskLayout, taskIdOf, type TaskSpec } from './task-layout.ts';
export {
  StreamsTaskAssignor,
  balancedAssignment,
  compareTaskIds,
  streamsAssignorName,
} from './task-assignor.ts';
export {
  ConsumerChangelogReader,
  restoreTimeoutMsDefault,
  type ChangelogBatch,
  type ChangelogReadOptions,
  type ChangelogReader,
} from './changelog-reader.ts';
export { RecordCollector } from './record-collector.ts';
export {
  TaskIncarnationFencedError,
  deadLetterQueueHeaders,
  deadLetterRecord,
  streamTaskBehavior,
  type StateRestoreListener,
  type StreamTaskOptions,
  type TaskMsg,
} from './stream-task-actor.ts';
export {
  idlePunctuateIntervalMs,
  streamThreadBehavior,
  streamThreadSpec,
  taskAskTimeoutMs,
  taskInitTimeoutMs,
  taskRestartIntensity,
  taskRestartPeriodMs,
  threadShutdownMs,
  type StreamThreadListener,
  type StreamThreadMsg,
  type StreamThreadOptions,
  type StreamThreadState,
} from './stream-thread.ts';
export {
  streamTaskMachine,
  type StreamTaskContext,
  type StreamTaskEffect,
  type StreamTaskEvent,
  type StreamTaskInput,
  type StreamTaskState,
} from '../machines/stream-task.machine.ts';
export {
  GlobalStateUpdater,
  globalBootstrapTimeoutMsDefault,
  globalThreadSpec,
  type GlobalStateUpdaterOptions,
  type GlobalThreadMsg,
} from './global-stream-thread.ts';
export {
  AssignorError,
  decodeAssignmentInfo,
  decodeSubscriptionInfo,
  encodeAssignmentInfo,
  encodeSubscriptionInfo,
  type StreamsAssignmentInfo,
  type StreamsAssignorHooks,
  type StreamsSubscriptionInfo,
} from './task-assignor.ts';
export {
  checkpointFileName,
  checkpointKey,
  readCheckpoint,
  writeCheckpoint,
  type CheckpointEntry,
} from './checkpoint.ts';
