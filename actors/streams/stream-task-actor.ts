import { join } from 'node:path';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { DeserializationError } from '../../core/serdes/index.ts';
import {
  TopologyTask,
  type RecordCache,
  type DeserializationHandlerResponse,
  type TaskInputRecord,
  type StateStore,
  type TaskOutputRecord,
  type Topology,
} from '../../dsl/index.ts';
import {
  streamTaskMachine,
  type StreamTaskEffect,
  type StreamTaskState,
} from '../machines/stream-task.machine.ts';
import { MachineHost, type Behavior, type BehaviorFactory, type ReplyTo } from '../system/index.ts';
import type { TopicPartition } from '../client/index.ts';
import type { ChangelogReader } from './changelog-reader.ts';
import type { StandbyHandover } from './standby-task.ts';
import {
  checkpointFileName,
  checkpointKey,
  readCheckpoint,
  writeCheckpoint,
  type CheckpointEntry,
} from './checkpoint.ts';
import type { RecordCollector } from './record-collector.ts';
import type { ResolvedStreamsConfig } from './streams-config.ts';
import type { TaskSpec } from './task-layout.ts';

/**
 * A message to a task from a thread that addressed an earlier incarnation: the task was restarted
 * meanwhile, and the thread must rewind its partitions before feeding the new one.
 */
export class TaskIncarnationFencedError extends KafkaError {
  readonly taskId: string;
  constructor(taskId: string, expected: number, got: number) {
    super(
      ErrorCode.FENCED_INSTANCE_ID,
      `task ${taskId} is incarnation ${expected}; the message was for incarnation ${got}`,
    );
    this.taskId = taskId;
  }
}

/**
 * The task actor's protocol (control and batches, never one message per record). Every message names
 * the incarnation it is for; another incarnation's messages are refused (TaskIncarnationFencedError).
 */
export type TaskMsg =
  /** Restore the stores from their changelogs, then run (CREATED -> RESTORING -> RUNNING). */
  | { readonly type: 'INITIALIZE'; readonly incarnation: number; readonly replyTo: ReplyTo<void> }
  /**
   * Process a batch of the task's records in order; the reply says whether a processor asked for a
   * commit. A processing error crashes the incarnation (after failing the reply with it). The batch
   * is handed over: the task empties each slot (null) as it takes the record, so records already
   * processed are garbage at once instead of being copied by every young-generation collection that
   * runs while the rest of the batch is processed.
   */
  | {
      readonly type: 'PROCESS';
      readonly incarnation: number;
      readonly records: (TaskInputRecord | null)[];
      readonly nowMs: number;
      readonly replyTo: ReplyTo<boolean>;
    }
  /** Fire due wall-clock punctuators (idle tasks; a busy task does it with each batch). */
  | { readonly type: 'PUNCTUATE'; readonly incarnation: number; readonly nowMs: number }
  /** Flush the stores before the thread flushes its producer and commits. */
  | { readonly type: 'FLUSH'; readonly incarnation: number; readonly replyTo: ReplyTo<void> }
  /**
   * After the producer flushed (changelog writes acknowledged): write `.checkpoint` with the changelog
   * offsets the persistent stores hold.
   */
  | { readonly type: 'CHECKPOINT'; readonly incarnation: number; readonly replyTo: ReplyTo<void> };

/**
 * Kafka's StateRestoreListener: a restore's progress per store and changelog partition. `endOffset`
 * is the changelog's end offset captured when the restore starts (exclusive).
 */
export interface StateRestoreListener {
  onRestoreStart?(tp: TopicPartition, storeName: string, startOffset: number, endOffset: number): void;
  onBatchRestored?(tp: TopicPartition, storeName: string, batchEndOffset: number, numRestored: number): void;
  onRestoreEnd?(tp: TopicPartition, storeName: string, totalRestored: number): void;
}

export interface StreamTaskOptions {
  readonly topology: Topology;
  readonly spec: TaskSpec;
  readonly config: ResolvedStreamsConfig;
  readonly collector: RecordCollector;
  readonly changelogReader: ChangelogReader;
  /** The instance's global stores (bootstrapped by the global thread), for GlobalKTable joins. */
  readonly globalStores?: ReadonlyMap<string, StateStore>;
  /** The instance's record cache (`statestore.cache.max.bytes`); none: no caching. */
  readonly recordCache?: RecordCache;
  /** Which start of this task this is (1 for the first, then one more per supervisor restart). */
  readonly incarnation: number;
  readonly onStateChange?: (taskId: string, state: StreamTaskState, previous: StreamTaskState | null) => void;
  /** Restored changelog records, per store, once RESTORING ends (counted for tests and metrics). */
  readonly onRestored?: (taskId: string, storeName: string, records: number) => void;
  /** Told about every store restore's progress. */
  readonly restoreListener?: StateRestoreListener;
  /**
   * The task's stores became queryable (it runs: `available` true) or stopped being so (it left
   * RUNNING, crashed or closed), for interactive queries.
   */
  readonly onStores?: (taskId: string, stores: ReadonlyMap<string, StateStore>, available: boolean) => void;
  /** Warm stores from the standby this task replaces (first incarnation only): restore only the tail. */
  readonly handover?: StandbyHandover;
  /** The deserialization handler was called for a record, and answered `response`. */
  readonly onDeserializationError?: (
    taskId: string,
    error: DeserializationError,
    record: TaskInputRecord,
    response: DeserializationHandlerResponse,
  ) => void;
}

/** KIP-1034's dead-letter-queue headers (Kafka's ExceptionHandlerUtils names). */
export const deadLetterQueueHeaders = Object.freeze({
  exception: '__streams.errors.exception',
  message: '__streams.errors.message',
  stacktrace: '__streams.errors.stacktrace',
  topic: '__streams.errors.topic',
  partition: '__streams.errors.partition',
  offset: '__streams.errors.offset',
});

/** The raw record as read, plus headers naming the error and where the record came from. */
export function deadLetterRecord(topic: string, error: Error, record: TaskInputRecord): TaskOutputRecord {
  const h = deadLetterQueueHeaders;
  const text = (s: string): Buffer => Buffer.from(s, 'utf8');
  return {
    topic,
    key: record.key,
    value: record.value,
    timestamp: record.timestamp,
    headers: [
      ...record.headers,
      { key: h.exception, value: text(error.name) },
      { key: h.message, value: text(error.message) },
      { key: h.stacktrace, value: text(error.stack ?? '') },
      { key: h.topic, value: text(record.topic) },
      { key: h.partition, value: text(String(record.partition)) },
      { key: h.offset, value: text(String(record.offset)) },
    ],
    partitioner: undefined,
  };
}

/**
 * One stream task as an actor: a TopologyTask (the sub-topology's processors and stores on one input
 * partition) driven by batches from its thread, with the stream-task lifecycle machine as its control
 * plane. A processing error crashes the incarnation; its supervisor starts a fresh one, which restores
 * its stores from their changelogs, while the thread rewinds the task's partitions to the committed
 * offsets (at-least-once). A graceful stop suspends (flushes) and closes the task.
 */
export function streamTaskBehavior(options: StreamTaskOptions): BehaviorFactory<TaskMsg> {
  return (ctx) => {
    const { spec, config, incarnation } = options;
    const task = new TopologyTask(options.topology, spec.subtopology, {
      applicationId: config.applicationId,
      partition: spec.partition,
      sink: (record) => options.collector.send(record),
      wallClockMs: () => ctx.clock.now(),
      defaultKeySerde: config.defaultKeySerde,
      defaultValueSerde: config.defaultValueSerde,
      onDeserializationError: (error, record) => {
        const response = config.onDeserializationError(error, record);
        if (config.deadLetterQueueTopic !== undefined)
          options.collector.send(deadLetterRecord(config.deadLetterQueueTopic, error, record));
        options.onDeserializationError?.(spec.id, error, record, response);
        return response;
      },
      stateDir: config.stateDir,
      ...(options.globalStores !== undefined ? { globalStores: options.globalStores } : {}),
      ...(options.recordCache !== undefined ? { recordCache: options.recordCache } : {}),
      ...(options.handover !== undefined ? { stores: options.handover.stores } : {}),
    });
    let closed = false;
    const builders = options.topology.storeBuilders();
    const checkpointFile =
      config.stateDir === undefined
        ? undefined
        : join(config.stateDir, config.applicationId, spec.id, checkpointFileName);
    /** Changelog offset of the last record each persistent store holds (restored, written or checkpointed). */
    const storeOffsets = new Map<string, number>();
    /** Logged persistent stores: only they keep state across restarts, so only they are checkpointed. */
    const checkpointed = (): [string, string][] =>
      checkpointFile === undefined
        ? []
        : [...task.changelogTopics()].filter(([name]) => builders.get(name)?.persistent === true);

    const checkpoint = (): void => {
      if (checkpointFile === undefined) return;
      const entries: CheckpointEntry[] = [];
      for (const [name, topic] of checkpointed()) {
        const written = options.collector.offset(topic, spec.partition);
        if (written !== undefined && written > (storeOffsets.get(name) ?? -1))
          storeOffsets.set(name, written);
        const offset = storeOffsets.get(name);
        if (offset !== undefined) entries.push({ topic, partition: spec.partition, offset });
      }
      if (entries.length > 0) writeCheckpoint(checkpointFile, entries);
    };

    const readCheckpointOrNone = (): Map<string, CheckpointEntry> => {
      if (checkpointFile === undefined) return new Map();
      try {
        return readCheckpoint(checkpointFile);
      } catch {
        // A torn or foreign file: restore everything (the changelog is the truth).
        return new Map();
      }
    };

    /**
     * Replays each logged store's changelog: persistent stores from their checkpointed offset + 1 (their
     * data survived on disk), in-memory stores from the log start. Then checkpoints what was restored.
     */
    const restore = async (): Promise<void> => {
      task.init();
      const checkpoints = readCheckpointOrNone();
      const persistent = new Set(checkpointed().map(([name]) => name));
      const listener = options.restoreListener;
      for (const [storeName, topic] of task.changelogTopics()) {
        const tp = { topic, partition: spec.partition };
        const handed = options.handover?.offsets.get(storeName);
        const from =
          handed !== undefined
            ? { offset: handed }
            : persistent.has(storeName)
              ? checkpoints.get(checkpointKey(topic, spec.partition))
              : undefined;
        if (from !== undefined) storeOffsets.set(storeName, from.offset);
        let restored = 0;
        const batches = options.changelogReader.read(topic, spec.partition, {
          ...(from !== undefined ? { fromOffset: from.offset + 1 } : {}),
          onStart: (start, end) => listener?.onRestoreStart?.(tp, storeName, start, end),
        });
        for await (const batch of batches) {
          task.restore(storeName, batch.records);
          restored += batch.records.length;
          storeOffsets.set(storeName, batch.lastOffset);
          listener?.onBatchRestored?.(tp, storeName, batch.lastOffset, batch.records.length);
        }
        listener?.onRestoreEnd?.(tp, storeName, restored);
        options.onRestored?.(spec.id, storeName, restored);
      }
      checkpoint();
    };

    const onEffect = (effect: StreamTaskEffect): void | Promise<void> => {
      switch (effect.type) {
        case 'STATE_CHANGED':
          if (effect.state === 'RUNNING') options.onStores?.(spec.id, task.stateStores(), true);
          else if (effect.previous === 'RUNNING') options.onStores?.(spec.id, task.stateStores(), false);
          options.onStateChange?.(spec.id, effect.state, effect.previous);
          return;
        case 'RESTORE_STATE':
          return restore();
        case 'SUSPEND_TASK':
          task.flush();
          return;
        case 'CLOSE_TASK':
          closed = true;
          task.close();
          return;
        case 'REJECTED':
          throw new KafkaError(
            ErrorCode.INVALID_REQUEST,
            `task ${effect.taskId}: ${effect.event} is not a transition from ${effect.state}`,
          );
        default: {
          const _never: never = effect;
          return _never;
        }
      }
    };

    const machine = new MachineHost(streamTaskMachine, ctx.clock, {
      input: { taskId: spec.id },
      onEffect,
      onError: (error) => ctx.fail(error),
      // CLOSED is final; the graceful stop that led there is already under way.
      onDone: () => undefined,
      runInMailbox: (t) => ctx.runInMailbox(t),
    });
    const state = (): StreamTaskState => machine.snapshot.value as StreamTaskState;

    const fenced = (msg: TaskMsg): boolean => {
      if (msg.incarnation === incarnation) return false;
      if ('replyTo' in msg)
        msg.replyTo.fail(new TaskIncarnationFencedError(spec.id, incarnation, msg.incarnation));
      return true;
    };

    const notRunning = (what: string): KafkaError =>
      new KafkaError(ErrorCode.INVALID_REQUEST, `task ${spec.id} cannot ${what} in state ${state()}`);

    const initialize = async (replyTo: ReplyTo<void>): Promise<void> => {
      try {
        await machine.send({ type: 'INITIALIZE' });
        await machine.send({ type: 'RESTORED' });
      } catch (error) {
        replyTo.fail(error instanceof Error ? error : new Error(String(error)));
        throw error;
      }
      replyTo.reply(undefined);
    };

    const process = (records: (TaskInputRecord | null)[], nowMs: number, replyTo: ReplyTo<boolean>): void => {
      if (state() !== 'RUNNING') {
        replyTo.fail(notRunning('process records'));
        return;
      }
      try {
        for (let i = 0; i < records.length; i++) {
          const record = records[i]!;
          records[i] = null;
          task.process(record);
        }
        task.punctuateWallClock(nowMs);
      } catch (error) {
        // The thread learns the cause; the crash makes the supervisor start a fresh incarnation.
        replyTo.fail(error instanceof Error ? error : new Error(String(error)));
        throw error;
      }
      const commitRequested = task.commitRequested;
      if (commitRequested) task.commitDone();
      replyTo.reply(commitRequested);
    };

    const behavior: Behavior<TaskMsg> = {
      receive(msg) {
        if (fenced(msg)) return;
        switch (msg.type) {
          case 'INITIALIZE':
            return initialize(msg.replyTo);
          case 'PROCESS':
            return process(msg.records, msg.nowMs, msg.replyTo);
          case 'PUNCTUATE':
            if (state() === 'RUNNING') task.punctuateWallClock(msg.nowMs);
            return;
          case 'FLUSH':
            if (state() === 'RUNNING') task.flush();
            msg.replyTo.reply(undefined);
            return;
          case 'CHECKPOINT':
            if (state() === 'RUNNING') checkpoint();
            msg.replyTo.reply(undefined);
            return;
          default: {
            const _never: never = msg;
            return _never;
          }
        }
      },
      async stopping() {
        // Kafka never closes a running task directly: suspend (flush) first, then close.
        await machine.send({ type: 'SUSPEND' });
        await machine.send({ type: 'CLOSE' });
      },
      release() {
        options.onStores?.(spec.id, task.stateStores(), false);
        machine.stop();
        // A crash or kill skipped the graceful close: release processors and store handles anyway.
        if (!closed) {
          closed = true;
          task.close();
        }
      },
    };
    return behavior;
  };
}
