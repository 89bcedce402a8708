import { Admin, Consumer, Producer, type RecordMetadata } from '../../actors/client/index.ts';
import type { ConnectionFactory } from '../../actors/client/connection.ts';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { Clock } from '../../core/io/index.ts';
import type { InternalTopicConfig } from './worker-config.ts';

/** How long one poll of a read-to-end waits for records. */
const readPollMs = 200;
/** A read-to-end of an internal topic that takes longer than this fails the worker's start. */
export const readToEndTimeoutMsDefault = 60_000;

/** One record of an internal topic, as read back. */
export interface LogRecord {
  readonly partition: number;
  readonly offset: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
}

/**
 * A compacted topic used as a key-value store (Kafka Connect's KafkaBasedLog): created on first use
 * with `cleanup.policy=compact`, read from the beginning to the end on start, written through a
 * producer with acks=all. Later writes of a key win; a null value deletes it.
 */
export class KafkaBasedLog {
  readonly topic: InternalTopicConfig;
  private readonly connections: ConnectionFactory;
  private readonly clock: Clock;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private readonly clientId: string;

  constructor(options: {
    readonly topic: InternalTopicConfig;
    readonly connections: ConnectionFactory;
    readonly clock: Clock;
    /** Shared acks=all producer the worker writes its internal topics with. */
    readonly producer: Producer;
    /** Creates the topic and finds its partitions (never auto-creating it by looking). */
    readonly admin: Admin;
    readonly clientId: string;
  }) {
    this.topic = options.topic;
    this.connections = options.connections;
    this.clock = options.clock;
    this.producer = options.producer;
    this.admin = options.admin;
    this.clientId = options.clientId;
  }

  /** Creates the topic (compacted) unless it exists. */
  async ensureTopic(): Promise<void> {
    const { topic, partitions, replicationFactor } = this.topic;
    try {
      await this.admin.createTopics([
        { topic, numPartitions: partitions, replicationFactor, configs: { 'cleanup.policy': 'compact' } },
      ]);
    } catch (err) {
      if (!KafkaError.is(err, 'TOPIC_ALREADY_EXISTS')) throw err;
      await this.requireCompacted();
    }
  }

  /**
   * An existing topic must be compacted: with deletion, old offsets and configs would be lost to
   * retention (Kafka's worker refuses to start on such a topic too).
   */
  private async requireCompacted(): Promise<void> {
    const { topic } = this.topic;
    const [described] = await this.admin.describeConfigs([
      { type: 'topic', name: topic, configNames: ['cleanup.policy'] },
    ]);
    const policy = described?.configEntries.find((e) => e.name === 'cleanup.policy')?.value ?? 'delete';
    if (
      !policy
        .split(',')
        .map((p) => p.trim())
        .includes('compact')
    ) {
      throw new KafkaError(
        ErrorCode.INVALID_CONFIG,
        `Topic '${topic}' supplied via the '${this.topic.key}' property is required to have 'cleanup.policy=compact' to guarantee consistency and durability of source connector offsets, connector configs and statuses, but found the topic currently has 'cleanup.policy=${policy}'`,
      );
    }
  }

  /** True when the topic exists (a tool reading the worker's state must not create it). */
  async exists(): Promise<boolean> {
    try {
      await this.admin.describeTopics([this.topic.topic]);
      return true;
    } catch (err) {
      if (KafkaError.is(err, 'UNKNOWN_TOPIC_OR_PARTITION')) return false;
      throw err;
    }
  }

  /** Reads every record from the beginning up to the end offsets as of the call, in partition order. */
  async readToEnd(
    onRecord: (record: LogRecord) => void,
    timeoutMs = readToEndTimeoutMsDefault,
  ): Promise<void> {
    const consumer = new Consumer(
      {
        'client.id': `${this.clientId}-reader`,
        'enable.auto.commit': false,
        'auto.offset.reset': 'earliest',
        'allow.auto.create.topics': false,
      },
      { connectionFactory: this.connections, clock: this.clock },
    );
    try {
      const deadline = this.clock.now() + timeoutMs;
      const [description] = await this.admin.describeTopics([this.topic.topic], { timeoutMs });
      const tps = description!.partitions.map((p) => ({ topic: this.topic.topic, partition: p.partition }));
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      const ends = await consumer.endOffsets(tps, timeoutMs);
      const remaining = new Map(ends.filter((e) => e.offset > 0).map((e) => [e.partition, e.offset]));
      while (remaining.size > 0) {
        if (this.clock.now() >= deadline) {
          throw new KafkaError(
            ErrorCode.REQUEST_TIMED_OUT,
            `reading ${this.topic.topic} to its end took more than ${timeoutMs} ms`,
          );
        }
        for (const r of await consumer.poll(readPollMs)) {
          onRecord({ partition: r.partition, offset: r.offset, key: r.rawKey, value: r.rawValue });
        }
        for (const [partition, end] of [...remaining]) {
          const position = await consumer.position({ topic: this.topic.topic, partition });
          if (position >= end) remaining.delete(partition);
        }
      }
    } finally {
      await consumer.close({ timeoutMs: 0 });
    }
  }

  /** Writes one record; resolves once every in-sync replica has it. */
  send(key: Buffer, value: Buffer | null): Promise<RecordMetadata> {
    return this.producer.send({ topic: this.topic.topic, key, value });
  }
}

/** JSON of a value as stored in Connect's internal topics (JsonConverter with schemas disabled). */
export function jsonBytes(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

/** Parses stored JSON; undefined when the bytes are not JSON (a record some other writer left). */
export function parseJsonBytes(bytes: Buffer | null): unknown {
  if (bytes === null) return null;
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
