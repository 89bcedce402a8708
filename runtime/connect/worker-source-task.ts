import { Producer } from '../../actors/client/index.ts';
import {
  ConnectException,
  SourceRecordProcessor,
  createErrorHandling,
  offsetKey,
  type ConnectorConfig,
  type ProducerRecordBytes,
  type RecordMetadata,
  type SourceTask,
} from '../../actors/connect/index.ts';
import type { ActorContext, BehaviorFactory } from '../../actors/system/index.ts';
import type { KafkaOffsetStore, SourceOffset } from './offset-store.ts';
import { SubmittedRecords, type SubmittedRecord } from './submitted-records.ts';
import { withTimeout } from './timeouts.ts';
import { WorkerTask, errorText, type WorkerTaskDeps } from './worker-task.ts';

/** After a poll that brought nothing, the next one waits this long. */
export const sourceIdlePollDelayMs = 100;
/** Unacknowledged records a source task may have; beyond it the task waits for the producer. */
export const sourceOutstandingRecordsMax = 10_000;

export type SourceTaskMsg = { readonly type: 'POLL' } | { readonly type: 'COMMIT' };

/** What a source task actor needs from its worker; `create*` are called once per incarnation. */
export interface SourceTaskDeps extends WorkerTaskDeps<SourceTask> {
  readonly connectorConfig: ConnectorConfig;
  readonly offsets: KafkaOffsetStore;
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
class WorkerSourceTask extends WorkerTask<SourceTaskMsg, SourceTask, SourceTaskDeps> {
  private readonly producer: Producer;
  private readonly processor: SourceRecordProcessor;
  private readonly submitted = new SubmittedRecords();
  /** Offsets taken from `submitted` whose write has not succeeded yet, by partition key. */
  private readonly uncommitted = new Map<string, SourceOffset>();

  constructor(ctx: ActorContext<SourceTaskMsg>, deps: SourceTaskDeps) {
    super(ctx, deps);
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
      operator: createErrorHandling(deps.connectorConfig, this.errorHandlingPorts()),
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
          this.deps.logger.error(this.logFields(err), 'offset commit failed; retrying at the next interval');
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
        this.deps.logger.error(this.logFields(commitErr), 'offset commit after a task failure failed');
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
      this.deps.logger.warn(this.logFields(err), 'commitRecord failed'),
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
    const { worker } = this.deps;
    try {
      await withTimeout(this.ctx.clock, this.producer.flush(), worker.offsetFlushTimeoutMs, 'producer flush');
      await this.commitOffsets();
    } catch (err) {
      this.deps.logger.error(this.logFields(err), 'final offset commit failed');
    }
    await this.stopTask();
    await this.producer.close({ timeoutMs: 0 });
    this.deps.onState('UNASSIGNED', null);
  }

  protected closeClientsNow(): void {
    void this.producer.close({ timeoutMs: 0 });
  }
}
