/**
 * A minimal stand-in for the Connect worker's sink loop, for the connector tests: consume with a
 * group, convert with JsonConverter, put, then commit the consumer offsets preCommit returned.
 */
import {
  JsonConverter,
  topicPartitionKey,
  type PartitionOffsets,
  type SinkRecord,
  type SinkTask,
  type SinkTaskContext,
  type TopicPartition,
} from '../../../../actors/connect/index.ts';
import type { ConnectionFactory } from '../../../../actors/client/connection.ts';
import { Consumer } from '../../../../actors/client/consumer/index.ts';

export class SinkRunner {
  readonly consumer: Consumer<Buffer, Buffer>;
  private readonly task: SinkTask;
  private readonly keyConverter = new JsonConverter();
  private readonly valueConverter = new JsonConverter();
  private readonly current = new Map<string, { tp: TopicPartition; offset: { offset: number } }>();
  /** Records handed to put so far. */
  put = 0;

  constructor(task: SinkTask, connections: ConnectionFactory, group: string, topics: readonly string[]) {
    this.task = task;
    this.keyConverter.configure({}, true);
    this.valueConverter.configure({}, false);
    this.consumer = new Consumer<Buffer, Buffer>(
      { 'group.id': group, 'auto.offset.reset': 'earliest', 'enable.auto.commit': false },
      { connectionFactory: connections },
    );
    this.consumer.subscribe(topics);
  }

  static context(props: Record<string, string>): SinkTaskContext {
    return {
      configs: props,
      offset: () => undefined,
      timeout: () => undefined,
      assignment: () => [],
      pause: () => undefined,
      resume: () => undefined,
      requestCommit: () => undefined,
      errantRecordReporter: () => null,
    };
  }

  /** One poll and put; returns how many records were put. */
  async step(pollMs = 200): Promise<number> {
    const consumed = await this.consumer.poll(pollMs);
    if (consumed.length === 0) return 0;
    const records: SinkRecord[] = consumed.map((c) => {
      const key = this.keyConverter.toConnectData(c.topic, c.rawKey);
      const value = this.valueConverter.toConnectData(c.topic, c.rawValue);
      return {
        topic: c.topic,
        kafkaPartition: c.partition,
        kafkaOffset: c.offset,
        keySchema: key.schema,
        key: key.value,
        valueSchema: value.schema,
        value: value.value,
        timestamp: c.timestamp,
        headers: [],
      };
    });
    await this.task.put(records);
    this.put += records.length;
    for (const c of consumed) {
      const tp = { topic: c.topic, partition: c.partition };
      this.current.set(topicPartitionKey(tp), { tp, offset: { offset: c.offset + 1 } });
    }
    return records.length;
  }

  /** preCommit, then commits what it returned to the group. */
  async commit(): Promise<void> {
    const safe: PartitionOffsets = await (this.task.preCommit?.(this.current) ??
      Promise.resolve(this.current));
    const offsets = [...safe.values()].map(({ tp, offset }) => ({ ...tp, offset: offset.offset }));
    if (offsets.length > 0) await this.consumer.commit(offsets);
  }

  async close(): Promise<void> {
    await this.consumer.close();
  }
}
