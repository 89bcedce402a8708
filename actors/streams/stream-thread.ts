import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { Clock } from '../../core/io/index.ts';
import { DeserializationError } from '../../core/serdes/index.ts';
import {
  RecordCache,
  StreamsException,
  type DeserializationHandlerResponse,
  type StateStore,
  type TaskInputRecord,
  type Topology,
} from '../../dsl/index.ts';
import type { ConnectionFactory } from '../client/connection.ts';
import {
  CommitFailedError,
  Consumer,
  Producer,
  type ConsumerRecord,
  type TopicPartition,
  type TopicPartitionOffset,
} from '../client/index.ts';
import type { StreamTaskState } from '../machines/stream-task.machine.ts';
import {
  ActorUnavailableError,
  Supervisor,
  ask,
  supervisorSpec,
  type ActorContext,
  type ActorRef,
  type Behavior,
  type BehaviorFactory,
  type ChildSpec,
  type ExitReason,
  type ReplyTo,
  type SupervisorMsg,
} from '../system/index.ts';
import { ConsumerChangelogReader, type ChangelogReader } from './changelog-reader.ts';
import { RecordCollector } from './record-collector.ts';
import {
  TaskIncarnationFencedError,
  streamTaskBehavior,
  type StateRestoreListener,
  type TaskMsg,
} from './stream-task-actor.ts';
import type { ResolvedStreamsConfig } from './streams-config.ts';
import {
  AssignorError,
  StreamsTaskAssignor,
  compareTaskIds,
  type StreamsAssignmentInfo,
} from './task-assignor.ts';
import type { TaskLayout, TaskSpec } from './task-layout.ts';
import { StandbyTask, type StandbyHandover } from './standby-task.ts';

/** Kafka Streams' StreamThread states. */
export type StreamThreadState =
  | 'CREATED'
  | 'STARTING'
  | 'PARTITIONS_REVOKED'
  | 'PARTITIONS_ASSIGNED'
  | 'RUNNING'
  | 'PENDING_SHUTDOWN'
  | 'DEAD';

/** The thread loop's protocol. */
export type StreamThreadMsg =
  /** One turn of the loop: poll, process, punctuate, maybe commit; then the next turn is queued. */
  | { readonly type: 'RUN_ONCE' }
  /** A task incarnation started (first start or supervisor restart): rewind if needed, then initialize it. */
  | { readonly type: 'TASK_STARTED'; readonly taskId: string; readonly incarnation: number }
  /** A task finished restoring and runs: its partitions are fetched again. */
  | { readonly type: 'TASK_RUNNING'; readonly taskId: string; readonly incarnation: number }
  /** Commit, close the tasks, leave the group and close the clients; then the loop exits normally. */
  | { readonly type: 'SHUTDOWN'; readonly replyTo: ReplyTo<void> }
  /**
   * SHUTDOWN_APPLICATION: rejoin the group with AssignorError.SHUTDOWN_REQUESTED in the subscription,
   * so the leader tells every member of the application to shut down.
   */
  | { readonly type: 'REQUEST_SHUTDOWN' };

/** Restarts of one thread's tasks allowed within `taskRestartPeriodMs` before the thread dies. */
export const taskRestartIntensity = 5;
export const taskRestartPeriodMs = 60_000;
/** How long a task's restore may take (Kafka's task.timeout.ms). */
export const taskInitTimeoutMs = 300_000;
/** Bound on one batch's processing, flush or close ask to a task. */
export const taskAskTimeoutMs = 60_000;
/** Idle tasks get a wall-clock punctuation at most this often. */
export const idlePunctuateIntervalMs = 100;
/**
 * Unacknowledged output records above which the thread stops polling until half of them are
 * acknowledged. Every one of them (record, buffers, its send promise) is live through each young-
 * generation GC, which copies it: with 20,000 the WordCount bench spent about a quarter of its CPU in
 * scavenges; 5,000 ran it ~15% faster, and a poll of 1,000 lines still fits several times over.
 */
const maxPendingSends = 5_000;

/** How long the thread's graceful stop may take (commit, leave the group, drain the producer). */
export const threadShutdownMs = 60_000;

/** Where a thread reports its own and its tasks' progress (the StreamsApp's view). */
export interface StreamThreadListener {
  onStateChange?(state: StreamThreadState, previous: StreamThreadState): void;
  onTaskStateChange?(taskId: string, state: StreamTaskState, previous: StreamTaskState | null): void;
  /** A task incarnation failed (the error it crashed with); its supervisor restarts it. */
  onTaskError?(taskId: string, error: unknown): void;
  /** Offsets this thread committed. */
  onCommit?(offsets: readonly TopicPartitionOffset[]): void;
  /** The thread loop crashed with this error (the thread then stops). */
  onThreadError?(error: unknown): void;
  /** The group's leader says the whole application shuts down (some instance asked for it). */
  onShutdownRequested?(): void;
  /** Where the group's active tasks run, from the latest assignment. */
  onAssignmentInfo?(info: StreamsAssignmentInfo): void;
  /** A task's stores became queryable (`available`) or stopped being so (interactive queries). */
  onTaskStores?(taskId: string, stores: ReadonlyMap<string, StateStore>, available: boolean): void;
  /** The standby tasks this thread keeps warm changed (sorted ids). */
  onStandbyTasksChanged?(taskIds: readonly string[]): void;
  /** A record could not be deserialized; the handler answered `response`. */
  onDeserializationError?(
    taskId: string,
    error: DeserializationError,
    record: TaskInputRecord,
    response: DeserializationHandlerResponse,
  ): void;
}

/** A failure no task restart can cure (a record the deserialization handler failed on): the thread dies. */
function isFatalTaskError(error: unknown): boolean {
  return error instanceof StreamsException && error.cause instanceof DeserializationError;
}

export interface StreamThreadOptions {
  /** 1-based thread index in the instance. */
  readonly index: number;
  readonly topology: Topology;
  readonly layout: TaskLayout;
  readonly config: ResolvedStreamsConfig;
  readonly connectionFactory: ConnectionFactory;
  readonly clock: Clock;
  /** Registry-name prefix of this thread's actors (`<prefix>/tasks`, `<prefix>/loop`). */
  readonly name: string;
  readonly listener?: StreamThreadListener;
  /** How restores read changelogs (default: a group-less consumer per restore). */
  readonly changelogReader?: ChangelogReader;
  /** Told about every store restore's progress (Kafka's global state-restore listener). */
  readonly restoreListener?: StateRestoreListener;
  /** The instance's global stores, shared by every task (GlobalKTable joins). */
  readonly globalStores?: ReadonlyMap<string, StateStore>;
  /** The instance's id in the group (Kafka's process id): standbys are placed on other instances. */
  readonly processId?: string;
  /** Joins asking for the application's shutdown (a helper thread when no thread was left to ask). */
  readonly requestShutdown?: boolean;
  /** The instance's record cache, shared by its threads (default: one of its own, config's size). */
  readonly recordCache?: RecordCache;
}

type TaskStatus = 'starting' | 'initializing' | 'running' | 'restarting';

interface TaskEntry {
  readonly spec: TaskSpec;
  /** Incarnation the thread feeds; 0 before the first TASK_STARTED. */
  incarnation: number;
  /** Incarnations started so far (the spec's start counter). */
  started: number;
  status: TaskStatus;
  lastPunctuateMs: number;
}

function tpKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

function errorOf(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/**
 * A stream thread's supervision subtree: a `tasks` supervisor (one_for_one, each task `transient`, so
 * a crashed task restarts and a closed one does not) and the thread `loop`, under a one_for_all
 * supervisor with intensity 0: when the loop dies, or the tasks supervisor gives up after
 * `taskRestartIntensity` restarts, the whole thread stops. The thread is `temporary`: whether a dead
 * thread is replaced is the StreamsApp's uncaught-exception handler's decision, as in Kafka.
 */
export function streamThreadSpec(options: StreamThreadOptions, id: string): ChildSpec<SupervisorMsg> {
  const tasksSpec = supervisorSpec(
    'tasks',
    { strategy: 'one_for_one', intensity: taskRestartIntensity, periodMs: taskRestartPeriodMs },
    [],
    { name: `${options.name}/tasks` },
  );
  const loopSpec: ChildSpec<StreamThreadMsg> = {
    id: 'loop',
    name: `${options.name}/loop`,
    start: streamThreadBehavior(options),
    restart: 'permanent',
    shutdown: threadShutdownMs,
  };
  return supervisorSpec(id, { strategy: 'one_for_all', intensity: 0 }, [tasksSpec, loopSpec as never], {
    name: options.name,
    restart: 'temporary',
  });
}

/** The thread loop actor (Kafka's StreamThread): one consumer, one producer, the tasks it was assigned. */
export function streamThreadBehavior(options: StreamThreadOptions): BehaviorFactory<StreamThreadMsg> {
  return (ctx) => new StreamThread(ctx, options);
}

class StreamThread implements Behavior<StreamThreadMsg> {
  private readonly ctx: ActorContext<StreamThreadMsg>;
  private readonly options: StreamThreadOptions;
  private readonly config: ResolvedStreamsConfig;
  private readonly consumer: Consumer<Buffer, Buffer>;
  private readonly producer: Producer<Buffer, Buffer>;
  private readonly collector: RecordCollector;
  private readonly changelogReader: ChangelogReader;
  private readonly tasksSupervisor: Supervisor;
  private readonly tasks = new Map<string, TaskEntry>();
  private readonly taskOfPartition = new Map<string, string>();
  /** Next offsets of processed records, not committed yet. */
  private readonly progress = new Map<string, TopicPartitionOffset>();
  /** Last offsets this thread committed. */
  private readonly committed = new Map<string, number>();
  private lastCommitMs: number;
  private commitRequested = false;
  private stateValue: StreamThreadState = 'CREATED';
  private shutDown = false;
  /** Set once the incarnation ended: listeners called by a closing consumer must not commit. */
  private released = false;
  /** Announced in the subscription: the application must shut down. */
  private shutdownRequested: boolean;
  private readonly standbys = new Map<string, StandbyTask>();
  /** Standbys that became active here: their warm stores wait for the task's first incarnation. */
  private readonly handovers = new Map<string, StandbyHandover>();
  private standbyConsumer: Consumer<Buffer, Buffer> | undefined;
  private readonly standbyOfPartition = new Map<string, StandbyTask>();
  private readonly recordCache: RecordCache;

  constructor(ctx: ActorContext<StreamThreadMsg>, options: StreamThreadOptions) {
    this.ctx = ctx;
    this.options = options;
    this.config = options.config;
    this.recordCache = options.recordCache ?? new RecordCache(this.config.cacheMaxBytes);
    const prefix = `${this.config.clientId}-StreamThread-${options.index}`;
    this.shutdownRequested = options.requestShutdown === true;
    const assignor = new StreamsTaskAssignor(
      options.layout,
      {
        subscriptionInfo: () => ({
          errorCode: this.shutdownRequested ? AssignorError.SHUTDOWN_REQUESTED : AssignorError.NONE,
          applicationServer: this.config.applicationServer ?? null,
          processId: options.processId ?? null,
        }),
        onAssignment: (info, active) => {
          if (this.released) return;
          if (info.errorCode === AssignorError.SHUTDOWN_REQUESTED) {
            this.updateStandbys([], new Set());
            options.listener?.onShutdownRequested?.();
            return;
          }
          this.updateStandbys(info.standbyTasks ?? [], active);
          options.listener?.onAssignmentInfo?.(info);
        },
      },
      this.config.numStandbyReplicas,
    );
    this.consumer = new Consumer<Buffer, Buffer>(
      {
        ...this.config.consumer,
        'group.id': this.config.applicationId,
        'client.id': `${prefix}-consumer`,
        'partition.assignment.strategy': assignor,
      },
      { connectionFactory: options.connectionFactory, clock: options.clock },
    );
    this.producer = new Producer<Buffer, Buffer>(options.connectionFactory, {
      config: { ...this.config.producer, 'client.id': `${prefix}-producer` },
      clock: options.clock,
    });
    // Checkpoints (state.dir) need the changelog offsets the producer acknowledged.
    this.collector = new RecordCollector(this.producer, { trackOffsets: this.config.stateDir !== undefined });
    this.changelogReader =
      options.changelogReader ??
      new ConsumerChangelogReader({
        connectionFactory: options.connectionFactory,
        clock: options.clock,
        clientId: prefix,
        consumerConfig: this.config.consumer,
      });
    this.tasksSupervisor = new Supervisor(ctx.ref<SupervisorMsg>(`${options.name}/tasks`));
    this.lastCommitMs = ctx.clock.now();
    const layout = options.layout;
    const listener = {
      onPartitionsAssigned: (tps: TopicPartition[]) => this.partitionsAssigned(tps),
      onPartitionsRevoked: (tps: TopicPartition[]) => this.partitionsRevoked(tps),
      onPartitionsLost: (tps: TopicPartition[]) => this.partitionsLost(tps),
    };
    if (layout.hasPatterns) this.consumer.subscribe(layout.subscriptionPattern(), listener);
    else this.consumer.subscribe(layout.sourceTopics(), listener);
    this.setState('STARTING');
    ctx.self.tell({ type: 'RUN_ONCE' });
  }

  receive(msg: StreamThreadMsg): void | Promise<void> {
    switch (msg.type) {
      case 'RUN_ONCE':
        return this.runOnce();
      case 'TASK_STARTED':
        return this.taskStarted(msg.taskId, msg.incarnation);
      case 'TASK_RUNNING':
        return this.taskRunning(msg.taskId, msg.incarnation);
      case 'REQUEST_SHUTDOWN':
        this.shutdownRequested = true;
        if (!this.consumer.closed) this.consumer.enforceRebalance();
        return;
      case 'SHUTDOWN':
        return this.shutdown().then(
          () => {
            msg.replyTo.reply(undefined);
            this.ctx.stop();
          },
          (error: unknown) => {
            msg.replyTo.fail(errorOf(error));
            throw error;
          },
        );
      default: {
        const _never: never = msg;
        return _never;
      }
    }
  }

  /** Graceful stop by the supervisor (app close without SHUTDOWN, or a sibling died): best-effort close. */
  async stopping(): Promise<void> {
    await this.shutdown();
  }

  release(reason: ExitReason): void {
    this.released = true;
    if (reason.kind === 'crash') this.options.listener?.onThreadError?.(reason.error);
    if (this.stateValue !== 'DEAD') this.setState('DEAD');
    // A crash: nothing more is committed; the group moves the tasks once the member has left.
    if (!this.consumer.closed) void this.consumer.close({ timeoutMs: 0 }).catch(() => undefined);
    void this.producer.close({ timeoutMs: 0 }).catch(() => undefined);
    this.closeStandbys();
  }

  // ------------------------------------------------------------------ standby tasks

  /**
   * Applies a new assignment's standby tasks: new ones are created and follow their changelogs; ones no
   * longer listed are closed, unless they became active here, in which case their warm stores wait for
   * the active task (Kafka's standby-to-active recycling).
   */
  private updateStandbys(ids: readonly string[], active: ReadonlySet<string>): void {
    const wanted = new Set(ids);
    for (const [id, standby] of [...this.standbys]) {
      if (wanted.has(id)) continue;
      this.standbys.delete(id);
      try {
        if (active.has(id)) this.handovers.set(id, standby.handover());
        else standby.close();
      } catch (error) {
        this.options.listener?.onTaskError?.(id, error);
      }
    }
    for (const id of wanted) {
      if (this.standbys.has(id) || active.has(id)) continue;
      try {
        this.standbys.set(id, new StandbyTask(this.options.topology, id, this.config));
      } catch (error) {
        this.options.listener?.onTaskError?.(id, error);
      }
    }
    this.assignStandbyPartitions();
    this.options.listener?.onStandbyTasksChanged?.([...this.standbys.keys()].sort(compareTaskIds));
  }

  /** Points the standby consumer at every standby's changelog partitions, each at its next offset. */
  private assignStandbyPartitions(): void {
    this.standbyOfPartition.clear();
    const starts: { tp: TopicPartition; from: number | undefined }[] = [];
    for (const standby of this.standbys.values()) {
      for (const c of standby.changelogPartitions()) {
        this.standbyOfPartition.set(tpKey(c.tp.topic, c.tp.partition), standby);
        starts.push(c);
      }
    }
    if (starts.length === 0) {
      if (this.standbyConsumer !== undefined && !this.standbyConsumer.closed) this.standbyConsumer.assign([]);
      return;
    }
    this.standbyConsumer ??= new Consumer<Buffer, Buffer>(
      {
        ...this.restoreConsumerConfig(),
        'client.id': `${this.config.clientId}-StreamThread-${this.options.index}-standby-consumer`,
        'enable.auto.commit': false,
        'auto.offset.reset': 'earliest',
        'allow.auto.create.topics': false,
      },
      { connectionFactory: this.options.connectionFactory, clock: this.options.clock },
    );
    this.standbyConsumer.assign(starts.map((s) => s.tp));
    for (const s of starts) {
      if (s.from === undefined) this.standbyConsumer.seekToBeginning([s.tp]);
      else this.standbyConsumer.seek(s.tp, s.from);
    }
  }

  private restoreConsumerConfig(): ResolvedStreamsConfig['consumer'] {
    const {
      'group.instance.id': _instance,
      'partition.assignment.strategy': _strategy,
      'session.timeout.ms': _session,
      'heartbeat.interval.ms': _heartbeat,
      ...rest
    } = this.config.consumer;
    return rest;
  }

  /** One non-blocking poll of the standbys' changelogs, applied to their stores. */
  private async pollStandbys(): Promise<void> {
    const consumer = this.standbyConsumer;
    if (consumer === undefined || consumer.closed || this.standbys.size === 0) return;
    const records = await consumer.poll(0);
    if (records.length === 0) return;
    const byStandby = new Map<StandbyTask, ConsumerRecord<Buffer, Buffer>[]>();
    for (const r of records) {
      const standby = this.standbyOfPartition.get(tpKey(r.topic, r.partition));
      if (standby === undefined) continue;
      let list = byStandby.get(standby);
      if (list === undefined) byStandby.set(standby, (list = []));
      list.push(r);
    }
    for (const [standby, list] of byStandby) {
      if (this.standbys.get(standby.id) !== standby) continue;
      try {
        standby.apply(list);
      } catch (error) {
        // A standby that cannot apply its changelog is dropped; the active copy is unaffected.
        this.options.listener?.onTaskError?.(standby.id, error);
        this.standbys.delete(standby.id);
        standby.close();
        this.assignStandbyPartitions();
      }
    }
  }

  private closeStandbys(): void {
    for (const standby of this.standbys.values()) {
      try {
        standby.close();
      } catch {
        // Closing is best effort: the changelog still holds everything.
      }
    }
    this.standbys.clear();
    this.handovers.clear();
    const consumer = this.standbyConsumer;
    if (consumer !== undefined && !consumer.closed)
      void consumer.close({ timeoutMs: 0 }).catch(() => undefined);
  }

  // ------------------------------------------------------------------ the loop

  private async runOnce(): Promise<void> {
    if (this.shutDown) return;
    const records = await this.consumer.poll(this.config.pollMs);
    if (this.shutDown) return;
    const now = this.ctx.clock.now();
    await this.dispatch(records, now);
    // Backpressure: tasks make output faster than the producer can deliver it; polling on regardless
    // would queue sends (and their promises) without bound. Let the producer catch up first.
    if (this.collector.pending > maxPendingSends)
      await this.collector.waitForPendingAtMost(maxPendingSends / 2);
    await this.pollStandbys();
    this.punctuateIdle(now);
    if (this.commitRequested || now - this.lastCommitMs >= this.config.commitIntervalMs)
      await this.commitAll();
    this.maybeRunning();
    this.ctx.self.tell({ type: 'RUN_ONCE' });
  }

  private async dispatch(records: readonly ConsumerRecord<Buffer, Buffer>[], nowMs: number): Promise<void> {
    if (records.length === 0) return;
    const byTask = new Map<string, (TaskInputRecord | null)[]>();
    /** Per task: the last record taken from each of its partitions (its next offset is committed). */
    const last = new Map<string, Map<string, ConsumerRecord<Buffer, Buffer>>>();
    const rewind = new Map<string, TopicPartitionOffset>();
    // A poll returns runs of records of one partition: look the partition up once per run.
    let runTopic: string | undefined;
    let runPartition = -1;
    let key = '';
    let batch: (TaskInputRecord | null)[] | undefined;
    let lastOfTask: Map<string, ConsumerRecord<Buffer, Buffer>> | undefined;
    for (const r of records) {
      if (r.topic !== runTopic || r.partition !== runPartition) {
        runTopic = r.topic;
        runPartition = r.partition;
        key = tpKey(r.topic, r.partition);
        const taskId = this.taskOfPartition.get(key);
        const entry = taskId === undefined ? undefined : this.tasks.get(taskId);
        if (entry === undefined || entry.status !== 'running') {
          batch = undefined;
        } else {
          batch = byTask.get(taskId!);
          if (batch === undefined) {
            batch = [];
            byTask.set(taskId!, batch);
            last.set(taskId!, new Map());
          }
          lastOfTask = last.get(taskId!)!;
        }
      }
      if (batch === undefined) {
        // Fetched before its task was paused: read it again once the task runs.
        if (!rewind.has(key)) rewind.set(key, { topic: r.topic, partition: r.partition, offset: r.offset });
        continue;
      }
      // A consumed record is a task input as it is: its key and value are the raw bytes (the thread's
      // consumer has no deserializers), so no copy per record.
      batch.push(r);
      lastOfTask!.set(key, r);
    }
    const assigned = this.assignedKeys();
    for (const [key, tp] of rewind) if (assigned.has(key)) this.consumer.seek(tp, tp.offset);
    let fatal: unknown;
    await Promise.all(
      [...byTask].map(async ([taskId, batch]) => {
        const entry = this.tasks.get(taskId)!;
        entry.lastPunctuateMs = nowMs;
        try {
          const requested = await ask<TaskMsg, boolean>(
            this.taskRef(taskId),
            (replyTo) => ({
              type: 'PROCESS',
              incarnation: entry.incarnation,
              records: batch,
              nowMs,
              replyTo,
            }),
            taskAskTimeoutMs,
          );
          if (requested) this.commitRequested = true;
          for (const [key, r] of last.get(taskId)!)
            this.progress.set(key, { topic: r.topic, partition: r.partition, offset: r.offset + 1 });
        } catch (error) {
          if (isFatalTaskError(error)) fatal ??= error;
          this.taskFailed(entry, error);
        }
      }),
    );
    // Kafka's log-and-fail: the exception kills the thread; the uncaught-exception handler decides.
    if (fatal !== undefined) throw fatal;
  }

  /** A task failed a batch: its incarnation is gone or going; hold its partitions until the restart. */
  private taskFailed(entry: TaskEntry, error: unknown): void {
    if (this.tasks.get(entry.spec.id) !== entry) return;
    // Only the incarnation's own failure is news; a dead or newer incarnation refusing is its echo.
    const echo = error instanceof ActorUnavailableError || error instanceof TaskIncarnationFencedError;
    if (entry.status === 'running' && !echo) this.options.listener?.onTaskError?.(entry.spec.id, error);
    entry.status = 'restarting';
    this.pause(entry.spec.partitions);
  }

  private punctuateIdle(nowMs: number): void {
    for (const entry of this.tasks.values()) {
      if (entry.status !== 'running' || nowMs - entry.lastPunctuateMs < idlePunctuateIntervalMs) continue;
      entry.lastPunctuateMs = nowMs;
      this.taskRef(entry.spec.id).tell({ type: 'PUNCTUATE', incarnation: entry.incarnation, nowMs });
    }
  }

  private maybeRunning(): void {
    if (this.stateValue !== 'PARTITIONS_ASSIGNED') return;
    if (this.consumer.memberState() !== 'STABLE') return;
    for (const entry of this.tasks.values()) if (entry.status !== 'running') return;
    this.setState('RUNNING');
  }

  // ------------------------------------------------------------------ commit

  /**
   * At-least-once commit (Kafka's order): flush the tasks' stores, flush the producer (output and
   * changelog records acknowledged), then commit the consumed offsets. A failed send throws here, before
   * anything is committed, and kills the thread.
   */
  private async commitAll(): Promise<void> {
    await this.commit([...this.tasks.values()]);
  }

  private async commit(entries: readonly TaskEntry[]): Promise<void> {
    this.commitRequested = false;
    this.lastCommitMs = this.ctx.clock.now();
    const offsets: TopicPartitionOffset[] = [];
    for (const entry of entries) {
      if (entry.status !== 'running') continue;
      for (const tp of entry.spec.partitions) {
        const o = this.progress.get(tpKey(tp.topic, tp.partition));
        if (o !== undefined) offsets.push(o);
      }
    }
    await Promise.all(
      entries
        .filter((e) => e.status === 'running')
        .map((e) =>
          ask<TaskMsg, void>(
            this.taskRef(e.spec.id),
            (replyTo) => ({ type: 'FLUSH', incarnation: e.incarnation, replyTo }),
            taskAskTimeoutMs,
          ).catch((error: unknown) => this.taskFailed(e, error)),
        ),
    );
    await this.collector.flush();
    if (this.config.stateDir !== undefined) {
      // The changelog writes are acknowledged: the persistent stores' checkpoints may say so.
      await Promise.all(
        entries
          .filter((e) => e.status === 'running')
          .map((e) =>
            ask<TaskMsg, void>(
              this.taskRef(e.spec.id),
              (replyTo) => ({ type: 'CHECKPOINT', incarnation: e.incarnation, replyTo }),
              taskAskTimeoutMs,
            ).catch((error: unknown) => this.taskFailed(e, error)),
          ),
      );
    }
    if (this.config.stateDir !== undefined)
      for (const standby of this.standbys.values()) standby.checkpoint();
    if (offsets.length === 0) return;
    try {
      await this.consumer.commit(offsets);
    } catch (error) {
      // Fell out of the group (rebalanced away): the partitions are lost, their next owner replays.
      if (!(error instanceof CommitFailedError)) throw error;
      for (const o of offsets) this.progress.delete(tpKey(o.topic, o.partition));
      return;
    }
    for (const o of offsets) {
      const key = tpKey(o.topic, o.partition);
      this.committed.set(key, o.offset);
      if (this.progress.get(key) === o) this.progress.delete(key);
    }
    this.options.listener?.onCommit?.(offsets);
  }

  // ------------------------------------------------------------------ tasks

  private taskRef(taskId: string): ActorRef<TaskMsg> {
    return this.ctx.ref<TaskMsg>(`${this.options.name}/tasks/${taskId}`);
  }

  private taskSpecOf(taskId: string, partitions: readonly TopicPartition[]): TaskSpec {
    const [sub, partition] = taskId.split('_').map(Number) as [number, number];
    return { id: taskId, subtopology: sub, partition, partitions };
  }

  private async createTask(spec: TaskSpec): Promise<void> {
    const entry: TaskEntry = { spec, incarnation: 0, started: 0, status: 'starting', lastPunctuateMs: 0 };
    this.tasks.set(spec.id, entry);
    for (const tp of spec.partitions) this.taskOfPartition.set(tpKey(tp.topic, tp.partition), spec.id);
    this.pause(spec.partitions);
    const self = this.ctx.self;
    const listener = this.options.listener;
    const handover = this.handovers.get(spec.id);
    this.handovers.delete(spec.id);
    await this.tasksSupervisor.startChild<TaskMsg>({
      id: spec.id,
      restart: 'transient',
      shutdown: taskAskTimeoutMs,
      start: (taskCtx) => {
        const incarnation = ++entry.started;
        const behavior = streamTaskBehavior({
          topology: this.options.topology,
          spec,
          config: this.config,
          collector: this.collector,
          changelogReader: this.changelogReader,
          incarnation,
          // Only the first incarnation starts from the standby's stores; a restart rebuilds them.
          ...(handover !== undefined && incarnation === 1 ? { handover } : {}),
          ...(this.options.globalStores !== undefined ? { globalStores: this.options.globalStores } : {}),
          recordCache: this.recordCache,
          ...(this.options.restoreListener !== undefined
            ? { restoreListener: this.options.restoreListener }
            : {}),
          ...(listener?.onTaskStateChange !== undefined
            ? { onStateChange: (id, s, p) => listener.onTaskStateChange!(id, s, p) }
            : {}),
          ...(listener?.onTaskStores !== undefined
            ? { onStores: (id, stores, available) => listener.onTaskStores!(id, stores, available) }
            : {}),
          ...(listener?.onDeserializationError !== undefined
            ? {
                onDeserializationError: (id, e, r, response) =>
                  listener.onDeserializationError!(id, e, r, response),
              }
            : {}),
        })(taskCtx);
        self.tell({ type: 'TASK_STARTED', taskId: spec.id, incarnation });
        return behavior;
      },
    });
  }

  /**
   * A task incarnation is up. After a restart the thread first makes the dead incarnation's output
   * durable (so the restore sees its changelog writes), drops its uncommitted progress and rewinds its
   * partitions to the committed offsets; then the new incarnation restores and runs.
   */
  private async taskStarted(taskId: string, incarnation: number): Promise<void> {
    const entry = this.tasks.get(taskId);
    if (entry === undefined || incarnation <= entry.incarnation || this.shutDown) return;
    const restart = entry.incarnation > 0;
    entry.incarnation = incarnation;
    entry.status = 'initializing';
    this.pause(entry.spec.partitions);
    if (restart) {
      await this.collector.flush();
      await this.rewind(entry.spec.partitions);
    }
    const self = this.ctx.self;
    ask<TaskMsg, void>(
      this.taskRef(taskId),
      (replyTo) => ({ type: 'INITIALIZE', incarnation, replyTo }),
      taskInitTimeoutMs,
    ).then(
      () => self.tell({ type: 'TASK_RUNNING', taskId, incarnation }),
      // The incarnation crashed while restoring: its restart brings the next TASK_STARTED.
      (error: unknown) => this.options.listener?.onTaskError?.(taskId, error),
    );
  }

  private taskRunning(taskId: string, incarnation: number): void {
    const entry = this.tasks.get(taskId);
    if (entry === undefined || entry.incarnation !== incarnation || entry.status !== 'initializing') return;
    entry.status = 'running';
    const assigned = this.assignedKeys();
    const tps = entry.spec.partitions.filter((tp) => assigned.has(tpKey(tp.topic, tp.partition)));
    if (tps.length > 0) this.consumer.resume(tps);
  }

  /** Seeks partitions back to this group's committed offsets (the reset policy where none). */
  private async rewind(partitions: readonly TopicPartition[]): Promise<void> {
    const assigned = this.assignedKeys();
    const tps = partitions.filter((tp) => assigned.has(tpKey(tp.topic, tp.partition)));
    const unknown: TopicPartition[] = [];
    for (const tp of tps) {
      const key = tpKey(tp.topic, tp.partition);
      this.progress.delete(key);
      const offset = this.committed.get(key);
      if (offset === undefined) unknown.push(tp);
      else this.consumer.seek(tp, offset);
    }
    if (unknown.length === 0) return;
    const committed = await this.consumer.committed(unknown);
    const reset: TopicPartition[] = [];
    for (const c of committed) {
      if (c.offset === null) reset.push({ topic: c.topic, partition: c.partition });
      else this.consumer.seek(c, c.offset);
    }
    if (reset.length === 0) return;
    if (this.consumer.config.autoOffsetReset === 'latest') this.consumer.seekToEnd(reset);
    else this.consumer.seekToBeginning(reset);
  }

  private async closeTasks(taskIds: readonly string[]): Promise<void> {
    for (const taskId of taskIds) {
      const entry = this.tasks.get(taskId);
      if (entry === undefined) continue;
      this.tasks.delete(taskId);
      for (const tp of entry.spec.partitions) {
        const key = tpKey(tp.topic, tp.partition);
        this.taskOfPartition.delete(key);
        this.progress.delete(key);
      }
    }
    await Promise.all(
      taskIds.map((id) =>
        this.tasksSupervisor.terminateChild(id).catch(() => {
          // Already gone (the tasks supervisor is stopping): nothing left to close.
        }),
      ),
    );
  }

  // ------------------------------------------------------------------ rebalance listener (inside poll)

  private tasksOf(tps: readonly TopicPartition[]): string[] {
    const ids = new Set<string>();
    for (const tp of tps) {
      const id = this.taskOfPartition.get(tpKey(tp.topic, tp.partition));
      if (id !== undefined) ids.add(id);
    }
    return [...ids];
  }

  private async partitionsAssigned(tps: TopicPartition[]): Promise<void> {
    if (this.released) return;
    this.setState('PARTITIONS_ASSIGNED');
    const byTask = new Map<string, TopicPartition[]>();
    for (const tp of tps) {
      const taskId = this.options.layout.taskOf(tp.topic, tp.partition);
      if (taskId === undefined) continue;
      const list = byTask.get(taskId);
      if (list === undefined) byTask.set(taskId, [tp]);
      else list.push(tp);
    }
    for (const [taskId, partitions] of byTask) {
      const existing = this.tasks.get(taskId);
      if (existing !== undefined) {
        // A co-partitioned input arrived later than the task (cooperative moves): one task reads all.
        await this.closeTasks([taskId]);
        partitions.push(...existing.spec.partitions.filter((p) => !partitions.includes(p)));
      }
      await this.createTask(this.taskSpecOf(taskId, partitions));
    }
  }

  private async partitionsRevoked(tps: TopicPartition[]): Promise<void> {
    if (this.released) return;
    if (this.stateValue !== 'PENDING_SHUTDOWN') this.setState('PARTITIONS_REVOKED');
    const ids = this.tasksOf(tps);
    if (ids.length === 0) return;
    try {
      await this.commit(ids.map((id) => this.tasks.get(id)!));
    } catch (error) {
      // Closing the tasks must go on; their next owner replays from the last commit (at-least-once).
      this.options.listener?.onTaskError?.(ids.join(','), error);
    }
    await this.closeTasks(ids);
  }

  private async partitionsLost(tps: TopicPartition[]): Promise<void> {
    if (this.released) return;
    if (this.stateValue !== 'PENDING_SHUTDOWN') this.setState('PARTITIONS_REVOKED');
    await this.closeTasks(this.tasksOf(tps));
  }

  // ------------------------------------------------------------------ helpers

  private assignedKeys(): Set<string> {
    return new Set(this.consumer.assignment().map((tp) => tpKey(tp.topic, tp.partition)));
  }

  private pause(partitions: readonly TopicPartition[]): void {
    const assigned = this.assignedKeys();
    const tps = partitions.filter((tp) => assigned.has(tpKey(tp.topic, tp.partition)));
    if (tps.length > 0) this.consumer.pause(tps);
  }

  private setState(state: StreamThreadState): void {
    const previous = this.stateValue;
    if (previous === state) return;
    this.stateValue = state;
    this.options.listener?.onStateChange?.(state, previous);
  }

  /** Commit, then leave the group (the revoke listener closes the tasks), then drain the producer. */
  private async shutdown(): Promise<void> {
    if (this.shutDown) return;
    this.shutDown = true;
    this.setState('PENDING_SHUTDOWN');
    let failure: unknown;
    try {
      await this.commitAll();
    } catch (error) {
      failure = error;
    }
    try {
      if (!this.consumer.closed) await this.consumer.close();
    } finally {
      await this.closeTasks([...this.tasks.keys()]);
      this.closeStandbys();
      await this.producer.close();
    }
    if (failure !== undefined) {
      throw failure instanceof KafkaError
        ? failure
        : new KafkaError(
            ErrorCode.UNKNOWN_SERVER_ERROR,
            `shutdown commit failed: ${errorOf(failure).message}`,
          );
    }
  }
}
