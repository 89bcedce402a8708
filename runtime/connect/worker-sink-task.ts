import { Consumer, Producer, type ConsumerConfig, type ConsumerRecord } from '../../actors/client/index.ts';
import {
  ConnectException,
  RetriableException,
  SinkRecordProcessor,
  WorkerSinkTaskContext,
  createErrantRecordReporter,
  createErrorHandling,
  defaultPreCommit,
  topicPartitionKey,
  type ConsumedRecord,
  type DlqRecord,
  type OffsetAndMetadata,
  type PartitionOffsets,
  type SinkConnectorConfig,
  type SinkRecord,
  type SinkTask,
  type TopicPartition,
} from '../../actors/connect/index.ts';
import type { ActorContext, BehaviorFactory } from '../../actors/system/index.ts';
import { sleep, withTimeout } from './timeouts.ts';
import { WorkerTask, errorText, type WorkerTaskDeps } from './worker-task.ts';

/** The longest one consumer poll of a sink task waits, so commits and stops are not held up. */
export const sinkPollTimeoutMsMax = 1000;
/** Wait before redelivering a batch whose put threw RetriableException, unless the task set a timeout. */
export const sinkRetryBackoffMsDefault = 1000;

export type SinkTaskMsg = { readonly type: 'POLL' };

/** What a sink task actor needs from its worker; `create*` are called once per incarnation. */
export interface SinkTaskDeps extends WorkerTaskDeps<SinkTask> {
  readonly connectorConfig: SinkConnectorConfig;
  readonly consumerConfig: ConsumerConfig;
}

export function sinkTaskBehavior(deps: SinkTaskDeps): BehaviorFactory<SinkTaskMsg> {
  return (ctx) => new WorkerSinkTask(ctx, deps);
}

/**
 * One sink task as an actor (WorkerSinkTask): a consumer in group `connect-<name>` polls records,
 * each goes through the converters and SMTs (failures go to the DLQ under errors.tolerance=all),
 * `put` hands the batch to the task, and every `offset.flush.interval.ms` (and before partitions are
 * revoked, and on stop) the worker calls `preCommit`/`flush` and then commits the consumer offsets
 * the task returned. Nothing is committed that the task has not made durable; after a crash the
 * group redelivers from the last commit: at-least-once delivery.
 */
class WorkerSinkTask extends WorkerTask<SinkTaskMsg, SinkTask, SinkTaskDeps> {
  private readonly consumer: Consumer;
  private readonly dlqProducer: Producer | null;
  private readonly processor: SinkRecordProcessor;
  private readonly context: WorkerSinkTaskContext;
  /** The next offset to read per assigned partition, i.e. what may be committed once flushed. */
  private readonly currentOffsets = new Map<string, { tp: TopicPartition; offset: OffsetAndMetadata }>();
  private readonly lastCommitted = new Map<string, number>();
  /** The consumed form of the records in the current batch, for the errant record reporter. */
  private readonly originals = new Map<string, ConsumedRecord>();
  private assigned: TopicPartition[] = [];
  private nextCommitAtMs: number;

  constructor(ctx: ActorContext<SinkTaskMsg>, deps: SinkTaskDeps) {
    super(ctx, deps);
    const config = deps.connectorConfig;
    const converters = deps.createConverters();
    this.consumer = new Consumer(
      {
        ...deps.consumerConfig,
        'group.id': `connect-${deps.connector}`,
        'client.id': `connector-consumer-${deps.connector}-${deps.taskId}`,
        'enable.auto.commit': false,
        'auto.offset.reset': deps.consumerConfig['auto.offset.reset'] ?? 'earliest',
      },
      { connectionFactory: deps.connections, clock: ctx.clock },
    );
    this.dlqProducer =
      config.dlqTopicName === ''
        ? null
        : new Producer(deps.connections, {
            clock: ctx.clock,
            random: ctx.random,
            config: {
              ...deps.producerConfig,
              'client.id': `connector-dlq-producer-${deps.connector}-${deps.taskId}`,
              acks: 'all',
            },
          });
    const dlq = this.dlqProducer;
    const operator = createErrorHandling(config, {
      ...this.errorHandlingPorts(),
      ...(dlq !== null
        ? {
            sendToDlq: async (r: DlqRecord) => {
              await dlq.send({
                topic: r.topic,
                key: r.key,
                value: r.value,
                headers: r.headers,
                ...(r.timestamp !== undefined ? { timestamp: r.timestamp } : {}),
              });
            },
          }
        : {}),
    });
    this.processor = new SinkRecordProcessor({
      chain: this.chain,
      keyConverter: converters.key,
      valueConverter: converters.value,
      headerConverter: converters.header,
      operator,
    });
    const reporter =
      config.errorsTolerance === 'all' || config.dlqTopicName !== ''
        ? createErrantRecordReporter({
            operator,
            keyConverter: converters.key,
            valueConverter: converters.value,
            taskClass: this.task.constructor.name,
            originalOf: (r) => this.originals.get(recordKey(r.topic, r.kafkaPartition, r.kafkaOffset)),
          })
        : null;
    this.context = new WorkerSinkTaskContext(deps.taskProps, () => this.assigned, reporter);
    this.nextCommitAtMs = ctx.clock.now() + deps.worker.offsetFlushIntervalMs;
    ctx.runInMailbox(() => this.start());
  }

  private async start(): Promise<void> {
    const { taskProps, connectorConfig } = this.deps;
    this.task.initialize(this.context);
    await this.task.start(taskProps);
    const topics =
      connectorConfig.topicsRegex !== ''
        ? new RegExp(`^(?:${connectorConfig.topicsRegex})$`)
        : connectorConfig.topics;
    this.consumer.subscribe(topics, {
      onPartitionsAssigned: (tps) => this.partitionsAssigned(tps),
      onPartitionsRevoked: (tps) => this.partitionsRevoked(tps),
      onPartitionsLost: (tps) => this.partitionsLost(tps),
    });
    this.started = true;
    this.deps.onState('RUNNING', null);
    this.ctx.self.tell({ type: 'POLL' });
  }

  async receive(msg: SinkTaskMsg): Promise<void> {
    switch (msg.type) {
      case 'POLL':
        if (this.stopped) return;
        await this.pollOnce();
        this.ctx.self.tell({ type: 'POLL' });
        return;
      default: {
        const _never: never = msg.type;
        throw new ConnectException(`unknown sink task message ${String(_never)}`);
      }
    }
  }

  private async pollOnce(): Promise<void> {
    this.applyContextRequests();
    const now = this.ctx.clock.now();
    const requested = this.context.takeTimeoutMs();
    const untilCommit = Math.max(0, this.nextCommitAtMs - now);
    const timeoutMs = Math.min(
      requested >= 0 ? requested : sinkPollTimeoutMsMax,
      untilCommit,
      sinkPollTimeoutMsMax,
    );
    const records = await this.consumer.poll(timeoutMs);
    if (records.length > 0) await this.deliver(records);
    if (this.context.takeCommitRequest() || this.ctx.clock.now() >= this.nextCommitAtMs) {
      await this.commitOffsets(this.assigned);
      this.nextCommitAtMs = this.ctx.clock.now() + this.deps.worker.offsetFlushIntervalMs;
    }
  }

  /** Rewinds and pauses the task asked for through its context. */
  private applyContextRequests(): void {
    for (const { tp, offset } of this.context.takeOffsetRequests()) {
      this.consumer.seek(tp, offset);
      this.currentOffsets.set(topicPartitionKey(tp), { tp, offset: { offset } });
    }
    const paused = this.context.pausedPartitions();
    const pausedKeys = new Set(paused.map(topicPartitionKey));
    const wasPaused = this.consumer.paused();
    const resume = wasPaused.filter((tp) => !pausedKeys.has(topicPartitionKey(tp)));
    if (resume.length > 0) this.consumer.resume(resume);
    if (paused.length > 0) this.consumer.pause(paused);
  }

  private async deliver(records: readonly ConsumerRecord<Buffer, Buffer>[]): Promise<void> {
    const batch: SinkRecord[] = [];
    this.originals.clear();
    for (const r of records) {
      const consumed: ConsumedRecord = {
        topic: r.topic,
        partition: r.partition,
        offset: r.offset,
        timestamp: r.timestamp,
        key: r.rawKey,
        value: r.rawValue,
        headers: r.headers,
      };
      const sinkRecord = await this.processor.process(consumed);
      if (sinkRecord === null) continue;
      this.originals.set(recordKey(r.topic, r.partition, r.offset), consumed);
      batch.push(sinkRecord);
    }
    await this.put(batch);
    for (const r of records) {
      const tp = { topic: r.topic, partition: r.partition };
      this.currentOffsets.set(topicPartitionKey(tp), { tp, offset: { offset: r.offset + 1 } });
    }
  }

  /** Hands the batch to the task, again after a backoff while it throws RetriableException. */
  private async put(batch: readonly SinkRecord[]): Promise<void> {
    for (;;) {
      try {
        await this.task.put(batch);
        return;
      } catch (err) {
        if (!(err instanceof RetriableException) || this.stopped) {
          throw new ConnectException(
            `Exiting WorkerSinkTask due to unrecoverable exception: ${errorText(err)}`,
            { cause: err },
          );
        }
        const requested = this.context.takeTimeoutMs();
        await sleep(this.ctx.clock, requested >= 0 ? requested : sinkRetryBackoffMsDefault);
      }
    }
  }

  /**
   * preCommit (flush by default), then a synchronous commit of what it returned for `partitions`.
   * A commit the group refuses (a rebalance in between) is logged; the records come again.
   */
  private async commitOffsets(partitions: readonly TopicPartition[]): Promise<void> {
    const keys = new Set(partitions.map(topicPartitionKey));
    const current: PartitionOffsets = new Map([...this.currentOffsets].filter(([k]) => keys.has(k)));
    if (current.size === 0) return;
    const committable = await defaultPreCommit(this.task, current);
    const offsets = [...committable.values()]
      .filter(
        ({ tp, offset }) =>
          keys.has(topicPartitionKey(tp)) &&
          offset.offset > (this.lastCommitted.get(topicPartitionKey(tp)) ?? -1),
      )
      .map(({ tp, offset }) => ({
        topic: tp.topic,
        partition: tp.partition,
        offset: offset.offset,
        ...(offset.metadata !== undefined ? { metadata: offset.metadata } : {}),
      }));
    if (offsets.length === 0) return;
    try {
      await withTimeout(
        this.ctx.clock,
        this.consumer.commit(offsets),
        this.deps.worker.offsetFlushTimeoutMs,
        `committing offsets of ${this.deps.connector}-${this.deps.taskId}`,
      );
      for (const o of offsets) this.lastCommitted.set(topicPartitionKey(o), o.offset);
    } catch (err) {
      this.deps.logger.error(
        this.logFields(err),
        'commit of sink offsets failed; the records since the last commit will be delivered again',
      );
    }
  }

  private async partitionsAssigned(tps: TopicPartition[]): Promise<void> {
    this.assigned = dedupe([...this.assigned, ...tps]);
    await this.task.open?.(tps);
  }

  private async partitionsRevoked(tps: TopicPartition[]): Promise<void> {
    if (!this.taskStopped) {
      await this.commitOffsets(tps);
      await this.task.close?.(tps);
    }
    this.forget(tps);
  }

  private async partitionsLost(tps: TopicPartition[]): Promise<void> {
    if (!this.taskStopped) await this.task.close?.(tps);
    this.forget(tps);
  }

  private forget(tps: readonly TopicPartition[]): void {
    const gone = new Set(tps.map(topicPartitionKey));
    this.assigned = this.assigned.filter((tp) => !gone.has(topicPartitionKey(tp)));
    for (const key of gone) {
      this.currentOffsets.delete(key);
      this.lastCommitted.delete(key);
    }
  }

  async stopping(): Promise<void> {
    this.stopped = true;
    if (this.deps.killed() || !this.started) return;
    try {
      await this.commitOffsets(this.assigned);
      await this.task.close?.(this.assigned);
    } catch (err) {
      this.deps.logger.error(this.logFields(err), 'final sink commit failed');
    }
    await this.stopTask();
    await this.consumer.close({ timeoutMs: this.deps.worker.offsetFlushTimeoutMs });
    await this.dlqProducer?.close({ timeoutMs: this.deps.worker.offsetFlushTimeoutMs });
    this.deps.onState('UNASSIGNED', null);
  }

  protected closeClientsNow(): void {
    void this.consumer.close({ timeoutMs: 0 }).catch(() => {});
    void this.dlqProducer?.close({ timeoutMs: 0 });
  }
}

function recordKey(topic: string, partition: number, offset: number): string {
  return `${topic}\u0000${partition}\u0000${offset}`;
}

function dedupe(tps: readonly TopicPartition[]): TopicPartition[] {
  const out = new Map<string, TopicPartition>();
  for (const tp of tps) out.set(topicPartitionKey(tp), tp);
  return [...out.values()];
}
