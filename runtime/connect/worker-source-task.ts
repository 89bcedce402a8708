import { Producer, type ProducerConfigInput } from '../../actors/client/index.ts';
import type { ConnectionFactory } from '../../actors/client/connection.ts';
import {
  ConnectException,
  SourceRecordProcessor,
  createErrorHandling,
  offsetKey,
  type ConnectorConfig,
  type ProducerRecordBytes,
  type Props,
  type RecordMetadata,
  type SourceTask,
  type TransformationChain,
} from '../../actors/connect/index.ts';
import type { ActorContext, Behavior, BehaviorFactory, ExitReason } from '../../actors/system/index.ts';
import type { TaskConverters } from './connector-converters.ts';
import type { KafkaOffsetStore, SourceOffset } from './offset-store.ts';
import { SubmittedRecords, type SubmittedRecord } from './submitted-records.ts';
import type { TaskStateListener } from './task-state.ts';
import { withTimeout } from './timeouts.ts';
import type { WorkerConfig } from './worker-config.ts';
import type { WorkerLogger } from './worker-logger.ts';

/** After a poll that brought nothing, the next one waits this long. */
export const sourceIdlePollDelayMs = 100;
/** Unacknowledged records a source task may have; beyond it the task waits for the producer. */
export const sourceOutstandingRecordsMax = 10_000;

export type SourceTaskMsg = { readonly type: 'POLL' } | { readonly type: 'COMMIT' };

/** What a source task actor needs from its worker; `create*` are called once per incarnation. */
export interface SourceTaskDeps {
  readonly connector: string;
  readonly taskId: number;
  readonly connectorConfig: ConnectorConfig;
  readonly taskProps: Props;
  readonly worker: WorkerConfig;
  readonly connections: ConnectionFactory;
  readonly offsets: KafkaOffsetStore;
  readonly producerConfig: ProducerConfigInput;
  createTask(): SourceTask;
  createConverters(): TaskConverters;
  createChain(): TransformationChain;
  readonly onState: TaskStateListener;
  readonly logger: WorkerLogger;
  /** True once the worker is being killed: stop without flushing or committing anything. */
  readonly killed: () => boolean;
}

/** The behavior factory of one source task: each incarnation resumes from the committed offsets. */
export function sourceTaskBehavior(deps: SourceTaskDeps): BehaviorFactory<SourceTaskMsg> {
  return (ctx) => new WorkerSourceTask(ctx, deps);
}

/**
 * One source task as an actor (WorkerSourceTask): POLL asks the task for records, runs each through
 * the SMTs and converters and hands it to the task's producer (acks=all); COMMIT, every
 * `offset.flush.interval.ms`, writes the source offsets of the records the log has acknowledged
 * (per source partition, only up to the first record still in flight) to the offsets topic, then
 * calls `task.commit()`. A graceful stop waits for the producer and commits; a failure commits what
 * was acknowledged and crashes the actor, so its supervisor restarts it after a backoff, and the new
 * incarnation resumes at the committed offsets. Records sent but not committed are sent again:
 * at-least-once delivery.
 */
class WorkerSourceTask implements Behavior<SourceTaskMsg> {
  private readonly ctx: ActorContext<SourceTaskMsg>;
  private readonly deps: SourceTaskDeps;
  private readonly task: SourceTask;
  private readonly producer: Producer;
  private readonly chain: TransformationChain;
  private readonly processor: SourceRecordProcessor;
  private readonly submitted = new SubmittedRecords();
  /** Offsets taken from `submitted` whose write has not succeeded yet, by partition key. */
  private readonly uncommitted = new Map<string, SourceOffset>();
  private started = false;
  private stopped = false;
  private taskStopped = false;

  constructor(ctx: ActorContext<SourceTaskMsg>, deps: SourceTaskDeps) {
    this.ctx = ctx;
    this.deps = deps;
    this.task = deps.createTask();
    this.chain = deps.createChain();
    const converters = deps.createConverters();
    this.producer = new Producer(deps.connections, {
      clock: ctx.clock,
      random: ctx.random,
      config: {
        ...deps.producerConfig,
        'client.id': `connector-producer-${deps.connector}-${deps.taskId}`,
        acks: 'all',
      },
    });
    this.processor = new SourceRecordProcessor({
      chain: this.chain,
      keyConverter: converters.key,
      valueConverter: converters.value,
      headerConverter: converters.header,
      operator: createErrorHandling(deps.connectorConfig, {
        clock: ctx.clock,
        random: ctx.random,
        taskId: { connector: deps.connector, task: deps.taskId },
        log: (message, error) => deps.logger.error({ err: error?.message }, message),
      }),
    });
    ctx.runInMailbox(() => this.start());
  }

  private async start(): Promise<void> {
    const { connector, taskProps, offsets } = this.deps;
    this.task.initialize({ configs: taskProps, offsetStorageReader: () => offsets.reader(connector) });
    await this.task.start(taskProps);
    this.started = true;
    this.deps.onState('RUNNING', null);
    this.ctx.self.tell({ type: 'POLL' });
    this.ctx.schedule(this.deps.worker.offsetFlushIntervalMs, { type: 'COMMIT' });
  }

  async receive(msg: SourceTaskMsg): Promise<void> {
    switch (msg.type) {
      case 'POLL':
        await this.guarded(() => this.pollOnce());
        return;
      case 'COMMIT':
        // A failed commit is not a failed task (Kafka logs it too): the offsets stay pending and
        // go out with the next commit.
        if (this.stopped) return;
        try {
          await this.commitOffsets();
        } catch (err) {
          this.deps.logger.error(
            { connector: this.deps.connector, task: this.deps.taskId, err: errorText(err) },
            'offset commit failed; retrying at the next interval',
          );
        }
        this.ctx.schedule(this.deps.worker.offsetFlushIntervalMs, { type: 'COMMIT' });
        return;
      default: {
        const _never: never = msg;
        throw new ConnectException(`unknown source task message ${JSON.stringify(_never)}`);
      }
    }
  }

  /** Runs a step; on failure commits what the log has acknowledged, then crashes the actor. */
  private async guarded(step: () => Promise<void>): Promise<void> {
    if (this.stopped) return;
    try {
      await step();
    } catch (err) {
      try {
        await this.commitOffsets();
      } catch (commitErr) {
        this.deps.logger.error(
          { connector: this.deps.connector, task: this.deps.taskId, err: errorText(commitErr) },
          'offset commit after a task failure failed',
        );
      }
      throw err;
    }
  }

  private async pollOnce(): Promise<void> {
    if (this.submitted.outstanding >= sourceOutstandingRecordsMax) await this.producer.flush();
    const records = await this.task.poll();
    if (records === null || records.length === 0) {
      this.ctx.schedule(sourceIdlePollDelayMs, { type: 'POLL' });
      return;
    }
    for (const record of records) {
      const submitted = this.submitted.submit(record);
      const bytes = await this.processor.process(record);
      if (bytes === null) {
        // Dropped by an SMT or skipped under errors.tolerance=all: its offset may be committed.
        this.acked(submitted, null);
        continue;
      }
      this.send(submitted, bytes);
    }
    this.ctx.self.tell({ type: 'POLL' });
  }

  private send(submitted: SubmittedRecord, bytes: ProducerRecordBytes): void {
    const delivery = this.producer.send({
      topic: bytes.topic,
      key: bytes.key,
      value: bytes.value,
      ...(bytes.partition !== null ? { partition: bytes.partition } : {}),
      ...(bytes.timestamp !== null ? { timestamp: bytes.timestamp } : {}),
      headers: bytes.headers,
    });
    delivery.then(
      (metadata) => this.acked(submitted, metadata),
      (err: unknown) => this.sendFailed(submitted, err),
    );
  }

  private acked(submitted: SubmittedRecord, metadata: RecordMetadata | null): void {
    this.submitted.ack(submitted);
    const commitRecord = this.task.commitRecord;
    if (commitRecord === undefined || this.taskStopped) return;
    Promise.resolve(commitRecord.call(this.task, submitted.record, metadata)).catch((err: unknown) =>
      this.deps.logger.warn(
        { connector: this.deps.connector, task: this.deps.taskId, err: errorText(err) },
        'commitRecord failed',
      ),
    );
  }

  private sendFailed(submitted: SubmittedRecord, err: unknown): void {
    if (this.stopped) return;
    if (this.deps.connectorConfig.errorsTolerance === 'all') {
      // KIP-779: with errors.tolerance=all a record the producer could not write is skipped.
      this.deps.logger.error(
        {
          connector: this.deps.connector,
          task: this.deps.taskId,
          topic: submitted.record.topic,
          err: errorText(err),
        },
        'skipping a record the producer failed to send (errors.tolerance=all)',
      );
      this.acked(submitted, null);
      return;
    }
    // Never acknowledged, so no offset at or after it is committed before the crash.
    this.ctx.fail(
      new ConnectException('Unrecoverable exception from producer send callback', { cause: err }),
    );
  }

  /** Writes the offsets of acknowledged records, then lets the task acknowledge upstream. */
  private async commitOffsets(): Promise<void> {
    for (const o of this.submitted.committableOffsets()) this.uncommitted.set(offsetKey(o.partition), o);
    if (this.uncommitted.size === 0) return;
    const batch = [...this.uncommitted.values()];
    const { worker, connector, offsets } = this.deps;
    await withTimeout(
      this.ctx.clock,
      offsets.write(connector, batch),
      worker.offsetFlushTimeoutMs,
      `committing offsets of ${connector}-${this.deps.taskId}`,
    );
    for (const o of batch) {
      const key = offsetKey(o.partition);
      if (this.uncommitted.get(key) === o) this.uncommitted.delete(key);
    }
    if (this.task.commit !== undefined && !this.taskStopped) await this.task.commit();
  }

  async stopping(): Promise<void> {
    this.stopped = true;
    if (this.deps.killed() || !this.started) return;
    const { worker, connector, taskId, logger } = this.deps;
    try {
      await withTimeout(this.ctx.clock, this.producer.flush(), worker.offsetFlushTimeoutMs, 'producer flush');
      await this.commitOffsets();
    } catch (err) {
      logger.error({ connector, task: taskId, err: errorText(err) }, 'final offset commit failed');
    }
    await this.stopTask();
    await this.producer.close({ timeoutMs: 0 });
    this.deps.onState('UNASSIGNED', null);
  }

  release(reason: ExitReason): void {
    this.stopped = true;
    void this.stopTask();
    void this.producer.close({ timeoutMs: 0 });
    this.chain.close();
    if (reason.kind === 'crash' && !this.deps.killed()) this.deps.onState('FAILED', reason.error);
  }

  private async stopTask(): Promise<void> {
    if (this.taskStopped) return;
    this.taskStopped = true;
    try {
      await this.task.stop();
    } catch (err) {
      this.deps.logger.warn(
        { connector: this.deps.connector, task: this.deps.taskId, err: errorText(err) },
        'task stop failed',
      );
    }
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
