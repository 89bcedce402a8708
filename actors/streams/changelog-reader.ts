import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { Clock } from '../../core/io/index.ts';
import type { ChangelogRecord } from '../../dsl/index.ts';
import type { ConnectionFactory } from '../client/connection.ts';
import { Consumer, type ConsumerConfig } from '../client/index.ts';

/** Restored records and the offset of the last one. */
export interface ChangelogBatch {
  readonly records: readonly ChangelogRecord[];
  readonly lastOffset: number;
}

export interface ChangelogReadOptions {
  /**
   * The first offset to read (a checkpointed offset + 1); default the log start. An offset past the
   * log end (the changelog was recreated) reads from the log start instead.
   */
  readonly fromOffset?: number;
  /** Called once before the first batch: where the read starts and the end offset it stops at. */
  readonly onStart?: (startOffset: number, endOffset: number) => void;
}

/** Reads a store's changelog partition for a restore (Kafka's restore consumer). */
export interface ChangelogReader {
  /**
   * The records of `topic`-`partition` from `fromOffset` (default the log start) up to the end offset
   * seen when the call begins (Kafka restores up to the end offset captured at assignment), oldest
   * first, in batches.
   */
  read(topic: string, partition: number, options?: ChangelogReadOptions): AsyncIterable<ChangelogBatch>;
}

/** How long one restore may take before the task fails (Kafka's `task.timeout.ms` default). */
export const restoreTimeoutMsDefault = 300_000;
const restorePollMs = 100;

/** A ChangelogReader over a group-less consumer per restore, on any ConnectionFactory. */
export class ConsumerChangelogReader implements ChangelogReader {
  private readonly connectionFactory: ConnectionFactory;
  private readonly clock: Clock;
  private readonly clientId: string;
  private readonly consumerConfig: ConsumerConfig;
  private readonly timeoutMs: number;

  constructor(options: {
    connectionFactory: ConnectionFactory;
    clock: Clock;
    clientId: string;
    /** Fetch settings of the embedded consumer (group settings are dropped). */
    consumerConfig?: ConsumerConfig;
    timeoutMs?: number;
  }) {
    this.connectionFactory = options.connectionFactory;
    this.clock = options.clock;
    this.clientId = options.clientId;
    const {
      'group.instance.id': _instance,
      'partition.assignment.strategy': _strategy,
      'session.timeout.ms': _session,
      'heartbeat.interval.ms': _heartbeat,
      ...fetchSettings
    } = options.consumerConfig ?? {};
    this.consumerConfig = fetchSettings;
    this.timeoutMs = options.timeoutMs ?? restoreTimeoutMsDefault;
  }

  async *read(
    topic: string,
    partition: number,
    options: ChangelogReadOptions = {},
  ): AsyncGenerator<ChangelogBatch, void, undefined> {
    const consumer = new Consumer(
      {
        ...this.consumerConfig,
        'client.id': `${this.clientId}-restore-consumer`,
        'enable.auto.commit': false,
        'auto.offset.reset': 'earliest',
        'allow.auto.create.topics': false,
      },
      { connectionFactory: this.connectionFactory, clock: this.clock },
    );
    const tp = { topic, partition };
    try {
      consumer.assign([tp]);
      const [end] = await consumer.endOffsets([tp]);
      const endOffset = end!.offset;
      const from = options.fromOffset;
      if (from !== undefined && from <= endOffset) consumer.seek(tp, from);
      else consumer.seekToBeginning([tp]);
      const start = await consumer.position(tp);
      options.onStart?.(start, endOffset);
      if (start >= endOffset) return;
      const deadline = this.clock.now() + this.timeoutMs;
      for (;;) {
        const records = await consumer.poll(restorePollMs);
        const batch: ChangelogRecord[] = [];
        let lastOffset = -1;
        for (const r of records) {
          if (r.offset >= endOffset) break;
          batch.push({ key: r.rawKey, value: r.rawValue, timestamp: r.timestamp });
          lastOffset = r.offset;
        }
        if (batch.length > 0) yield { records: batch, lastOffset };
        // Compaction leaves gaps and control batches take offsets: the position says where we are.
        if ((await consumer.position(tp)) >= endOffset) return;
        if (this.clock.now() >= deadline) {
          throw new KafkaError(
            ErrorCode.REQUEST_TIMED_OUT,
            `restoring ${topic}-${partition} did not reach offset ${endOffset} in ${this.timeoutMs} ms`,
          );
        }
      }
    } finally {
      await consumer.close({ timeoutMs: 0 });
    }
  }
}
