// kafkajs 2.2.4 against a 3-broker Tributary cluster over TCP: admin, acks=-1 produce, a consumer
// group of two with explicit commits, a replacement member resuming from the committed offsets,
// and gzip batches stored as sent.
import assert from 'node:assert/strict';
import {
  CompressionTypes,
  Kafka,
  Partitioners,
  logLevel,
  type Consumer,
  type LogEntry,
  type Producer,
} from 'kafkajs';
import { compatClusterPerSuite, readTopic, waitUntil } from './compat-support.ts';
import * as delivery from './group-delivery-test-support.ts';
import type { Received } from './group-delivery-test-support.ts';

const brokersInCluster = 3;
const partitionCount = 6;
const messageCount = 10_000;
const sends = 10;
const keyCount = 256;
/** Offsets per partition of the first member that are left uncommitted before it leaves. */
const uncommittedPerPartition = 50;
const consumeTimeoutMs = 60_000;
const logTail = 40;

/** kafkajs log lines kept in memory (printed only when a test fails). */
const kafkajsLog: string[] = [];
const collectingLogCreator =
  () =>
  ({ namespace, level, log }: LogEntry): void => {
    const { message, timestamp: _timestamp, ...extra } = log;
    kafkajsLog.push(`${level} [${namespace}] ${message} ${JSON.stringify(extra)}`);
    if (kafkajsLog.length > 2000) kafkajsLog.splice(0, 1000);
  };

describe('kafkajs against a Tributary cluster', function () {
  this.timeout(180_000);
  const cluster = compatClusterPerSuite(brokersInCluster);
  let kafka: Kafka;
  const open: Array<Consumer | Producer> = [];

  before(() => {
    kafka = new Kafka({
      clientId: 'compat-kafkajs',
      brokers: [...cluster.env.bootstrapServers],
      logLevel: logLevel.WARN,
      logCreator: collectingLogCreator,
      retry: { retries: 10 },
    });
  });

  afterEach(async function () {
    for (const client of open.splice(0)) await client.disconnect().catch(() => {});
    if (this.currentTest?.state === 'failed') {
      console.log(`kafkajs log (last ${logTail}):\n${kafkajsLog.slice(-logTail).join('\n')}`);
    }
    kafkajsLog.length = 0;
  });

  function producer(): Producer {
    const p = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    open.push(p);
    return p;
  }

  /** A group member that records every message it is handed and its latest assignment. */
  async function member(name: string, groupId: string, topic: string, received: Received[]) {
    const consumer = kafka.consumer({ groupId, heartbeatInterval: 500, maxWaitTimeInMs: 500 });
    open.push(consumer);
    const state = { consumer, partitions: [] as number[] };
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      state.partitions = [...(event.payload.memberAssignment[topic] ?? [])].sort((a, b) => a - b);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        received.push({
          member: name,
          partition,
          offset: Number(message.offset),
          key: message.key?.toString() ?? '',
          value: message.value?.toString() ?? '',
        });
      },
    });
    return state;
  }

  /** True when the members' latest assignments split all partitions between them. */
  function splitsAllPartitions(...members: Array<{ partitions: number[] }>): boolean {
    return delivery.assignmentsSplitAll(
      members.map((m) => m.partitions),
      partitionCount,
    );
  }

  it('creates a 6-partition RF=3 topic, delivers 10,000 acks=-1 keyed messages exactly once in partition order to a group of two, and a replacement member resumes from the committed offsets', async () => {
    const topic = 'kafkajs-group';
    const groupId = 'kafkajs-group-g';
    const admin = kafka.admin();
    await admin.connect();
    try {
      assert.equal(
        await admin.createTopics({
          topics: [{ topic, numPartitions: partitionCount, replicationFactor: brokersInCluster }],
          waitForLeaders: true,
        }),
        true,
      );
      const meta = await admin.fetchTopicMetadata({ topics: [topic] });
      const partitions = meta.topics[0]!.partitions;
      assert.equal(partitions.length, partitionCount);
      for (const p of partitions) {
        assert.equal(p.replicas.length, brokersInCluster);
        assert.ok(p.replicas.includes(p.leader));
      }

      // Both members join before any data exists, so no rebalance hands out consumed-but-uncommitted data.
      const received: Received[] = [];
      const a = await member('a', groupId, topic, received);
      const b = await member('b', groupId, topic, received);
      await waitUntil('both members to share the partitions', consumeTimeoutMs, () =>
        splitsAllPartitions(a, b),
      );

      const p = producer();
      await p.connect();
      for (let s = 0; s < sends; s++) {
        const messages = Array.from({ length: messageCount / sends }, (_, i) => {
          const n = s * (messageCount / sends) + i;
          return { key: `key-${n % keyCount}`, value: String(n) };
        });
        const acked = await p.send({ topic, acks: -1, messages });
        assert.ok(acked.every((r) => r.errorCode === 0));
      }
      await waitUntil(`${messageCount} messages`, consumeTimeoutMs, () => received.length >= messageCount);

      const highs = new Map(
        (await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)] as const),
      );
      delivery.assertDeliveredOnceInOrder(received, highs, {
        messageCount,
        partitionCount,
        aPartitions: a.partitions,
      });

      // Commit everything b consumed, and all but the last offsets of each of a's partitions.
      const committed = new Map<number, number>();
      for (const part of b.partitions) committed.set(part, highs.get(part)!);
      for (const part of a.partitions) committed.set(part, highs.get(part)! - uncommittedPerPartition);
      await b.consumer.commitOffsets(
        b.partitions.map((part) => ({ topic, partition: part, offset: String(committed.get(part)) })),
      );
      await a.consumer.commitOffsets(
        a.partitions.map((part) => ({ topic, partition: part, offset: String(committed.get(part)) })),
      );
      const fetched = await admin.fetchOffsets({ groupId, topics: [topic] });
      assert.deepEqual(
        new Map(fetched[0]!.partitions.map((o) => [o.partition, Number(o.offset)] as const)),
        committed,
      );

      // a leaves, c joins: together b and c must get exactly the uncommitted tail of a's partitions.
      // b pauses meanwhile, so the generation in which b briefly owns every partition (after a left,
      // before c joined) does not hand it a's tail too: that would be a legitimate second delivery.
      const aPartitions = [...a.partitions];
      b.consumer.pause([{ topic }]);
      await a.consumer.disconnect();
      const afterSwitch: Received[] = [];
      const receivedBeforeSwitch = received.length;
      const c = await member('c', groupId, topic, afterSwitch);
      await waitUntil('b and c to share the partitions', consumeTimeoutMs, () => splitsAllPartitions(b, c));
      b.consumer.resume([{ topic }]);
      // b keeps running: its deliveries after the switch land in `received` past receivedBeforeSwitch.
      // A sentinel per partition, consumed after any replay of that partition, ends the wait.
      const sentinels = Array.from({ length: partitionCount }, (_, part) => ({
        partition: part,
        key: 'sentinel',
        value: `sentinel-${part}`,
      }));
      await p.send({ topic, acks: -1, messages: sentinels });
      const seenAfter = (): Received[] => [...received.slice(receivedBeforeSwitch), ...afterSwitch];
      await waitUntil('a sentinel from every partition', consumeTimeoutMs, () => {
        return (
          new Set(
            seenAfter()
              .filter((r) => r.key === 'sentinel')
              .map((r) => r.partition),
          ).size === partitionCount
        );
      });
      delivery.assertReplayedOnlyUncommitted(
        seenAfter().filter((r) => r.key !== 'sentinel'),
        aPartitions,
        highs,
        uncommittedPerPartition,
      );
      for (const part of aPartitions) {
        const offsets = seenAfter()
          .filter((r) => r.partition === part && r.key !== 'sentinel')
          .map((r) => r.offset);
        assert.equal(offsets[0], committed.get(part), `partition ${part} resumes at its committed offset`);
        assert.ok(
          offsets.every((o, i) => i === 0 || o === offsets[i - 1]! + 1),
          `partition ${part} in order`,
        );
      }
    } finally {
      await admin.disconnect();
    }
  });

  it('produces gzip batches that the broker stores compressed and a consumer reads back in order', async () => {
    const topic = 'kafkajs-gzip';
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({
        topics: [{ topic, numPartitions: 2, replicationFactor: brokersInCluster }],
        waitForLeaders: true,
      });
    } finally {
      await admin.disconnect();
    }
    const p = producer();
    await p.connect();
    const total = 600;
    for (let s = 0; s < 3; s++) {
      const messages = Array.from({ length: total / 3 }, (_, i) => {
        const n = s * (total / 3) + i;
        return { key: `k${n % 7}`, value: `gzip-message-${n}-${'x'.repeat(n % 50)}` };
      });
      await p.send({ topic, acks: -1, compression: CompressionTypes.GZIP, messages });
    }
    const stored = await readTopic(cluster.env.bootstrapServers, topic);
    assert.ok(stored.batches.length >= 3);
    assert.ok(
      stored.batches.every((b) => b.codec === 1),
      `all batches gzip: ${JSON.stringify(stored.batches)}`,
    );
    assert.equal(stored.records.length, total);

    const received: Received[] = [];
    await member('g', 'kafkajs-gzip-g', topic, received);
    await waitUntil(`${total} gzip messages`, consumeTimeoutMs, () => received.length >= total);
    delivery.assertReadBackAsStored(
      received,
      stored.records,
      Array.from({ length: total }, (_, n) => `gzip-message-${n}-${'x'.repeat(n % 50)}`),
    );
  });
});
