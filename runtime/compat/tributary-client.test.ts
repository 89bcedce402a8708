// Our own client (Producer, Consumer, Admin over TcpConnectionFactory) against a 3-broker Tributary
// cluster over TCP: the scenarios the real-client tests run (kafkajs.test.ts): a 6-partition topic,
// 10,000 keyed acks=-1 messages to a group of two, commits and a restarted consumer resuming from
// them, and one case per compression codec, checked against what the broker stored.
import assert from 'node:assert/strict';
import { Admin, Consumer, Producer } from '../../actors/client/index.ts';
import type { CompressionName } from '../../actors/client/producer/index.ts';
import { TcpConnectionFactory } from '../network/index.ts';
import { compatClusterPerSuite, readTopic, waitUntil } from './compat-support.ts';
import * as delivery from './group-delivery-test-support.ts';
import type { Received } from './group-delivery-test-support.ts';

const brokersInCluster = 3;
const partitionCount = 6;
const messageCount = 10_000;
const keyCount = 256;
/** Offsets per partition of the first member that are left uncommitted before the group restarts. */
const uncommittedPerPartition = 50;
const consumeTimeoutMs = 60_000;
const pollMs = 100;

/** A group member polling in the background until stopped; it records every record it is handed. */
interface Member {
  readonly consumer: Consumer;
  partitions(): number[];
  /** Stops polling and closes the consumer (leaving the group). */
  stop(): Promise<void>;
}

describe('our client against a Tributary cluster over TCP', function () {
  this.timeout(180_000);
  const cluster = compatClusterPerSuite(brokersInCluster);
  const cleanups: Array<() => Promise<void>> = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  });

  function connections(clientId: string): TcpConnectionFactory {
    return new TcpConnectionFactory({ bootstrapServers: [...cluster.env.bootstrapServers], clientId });
  }

  function admin(): Admin {
    const a = new Admin(connections('tributary-admin'));
    cleanups.push(() => a.close());
    return a;
  }

  function producer(compression: CompressionName = 'none'): Producer<string, string> {
    const p = new Producer<string, string>(connections('tributary-producer'), {
      config: { acks: -1, 'compression.type': compression, 'client.id': 'tributary-producer' },
    });
    cleanups.push(() => p.close());
    return p;
  }

  function member(name: string, groupId: string, topic: string, received: Received[]): Member {
    const consumer = new Consumer(
      {
        'client.id': `tributary-${name}`,
        'group.id': groupId,
        'enable.auto.commit': false,
        'auto.offset.reset': 'earliest',
        'heartbeat.interval.ms': 500,
        'fetch.max.wait.ms': 200,
      },
      { connectionFactory: connections(`tributary-${name}`) },
    );
    consumer.subscribe([topic]);
    let running = true;
    let failure: unknown;
    const loop = (async () => {
      while (running) {
        try {
          for (const r of await consumer.poll(pollMs)) {
            received.push({
              member: name,
              partition: r.partition,
              offset: r.offset,
              key: r.rawKey?.toString() ?? '',
              value: r.rawValue?.toString() ?? '',
            });
          }
        } catch (err) {
          if (running) failure ??= err;
        }
      }
    })();
    const stop = async (): Promise<void> => {
      if (!running) return;
      running = false;
      consumer.wakeup();
      await loop;
      await consumer.close({ timeoutMs: 10_000 });
      if (failure !== undefined) throw failure;
    };
    cleanups.push(stop);
    return {
      consumer,
      partitions: () =>
        consumer
          .assignment()
          .filter((tp) => tp.topic === topic)
          .map((tp) => tp.partition)
          .sort((x, y) => x - y),
      stop,
    };
  }

  /** True when the members' current assignments split all partitions between them. */
  function splitsAllPartitions(...members: Member[]): boolean {
    return delivery.assignmentsSplitAll(
      members.map((m) => m.partitions()),
      partitionCount,
    );
  }

  it('creates a 6-partition RF=3 topic, delivers 10,000 acks=-1 keyed messages exactly once in partition order to a group of two, and a restarted consumer resumes from the committed offsets', async () => {
    const topic = 'tributary-group';
    const groupId = 'tributary-group-g';
    const adm = admin();
    await adm.createTopics([{ topic, numPartitions: partitionCount, replicationFactor: brokersInCluster }]);
    const [description] = await adm.describeTopics([topic]);
    assert.equal(description!.partitions.length, partitionCount);
    for (const p of description!.partitions) {
      assert.equal(p.replicas.length, brokersInCluster);
    }

    // Both members join before any data exists, so no rebalance hands out consumed-but-uncommitted data.
    const received: Received[] = [];
    const a = member('a', groupId, topic, received);
    const b = member('b', groupId, topic, received);
    await waitUntil('both members to share the partitions', consumeTimeoutMs, () =>
      splitsAllPartitions(a, b),
    );
    const aPartitions = a.partitions();
    const bPartitions = b.partitions();

    const p = producer();
    const sent = Array.from({ length: messageCount }, (_, n) =>
      p.send({ topic, key: `key-${n % keyCount}`, value: String(n) }),
    );
    const acked = await Promise.all(sent);
    assert.equal(acked.length, messageCount);
    await waitUntil(`${messageCount} messages`, consumeTimeoutMs, () => received.length >= messageCount);

    const highs = new Map((await adm.fetchTopicOffsets(topic)).map((o) => [o.partition, o.high] as const));
    delivery.assertDeliveredOnceInOrder(received, highs, { messageCount, partitionCount, aPartitions });

    // Commit everything b consumed, and all but the last offsets of each of a's partitions.
    const committed = new Map<number, number>();
    for (const part of bPartitions) committed.set(part, highs.get(part)!);
    for (const part of aPartitions) committed.set(part, highs.get(part)! - uncommittedPerPartition);
    await b.consumer.commit(
      bPartitions.map((part) => ({ topic, partition: part, offset: committed.get(part)! })),
    );
    await a.consumer.commit(
      aPartitions.map((part) => ({ topic, partition: part, offset: committed.get(part)! })),
    );
    const fetched = await adm.fetchOffsets({ groupId, topics: [topic] });
    assert.deepEqual(new Map(fetched[0]!.partitions.map((o) => [o.partition, o.offset] as const)), committed);

    // Both stop; a restarted consumer in the group gets exactly the uncommitted tail of a's partitions.
    await a.stop();
    await b.stop();
    const afterRestart: Received[] = [];
    const c = member('c', groupId, topic, afterRestart);
    await waitUntil('the restarted consumer to own every partition', consumeTimeoutMs, () =>
      splitsAllPartitions(c),
    );
    // A sentinel per partition, consumed after any replay of that partition, ends the wait.
    await Promise.all(
      Array.from({ length: partitionCount }, (_, part) =>
        p.send({ topic, partition: part, key: 'sentinel', value: `sentinel-${part}` }),
      ),
    );
    await waitUntil('a sentinel from every partition', consumeTimeoutMs, () => {
      const partitions = afterRestart.filter((r) => r.key === 'sentinel').map((r) => r.partition);
      return new Set(partitions).size === partitionCount;
    });
    delivery.assertReplayedOnlyUncommitted(
      afterRestart.filter((r) => r.key !== 'sentinel'),
      aPartitions,
      highs,
      uncommittedPerPartition,
    );
    for (const part of aPartitions) {
      const offsets = afterRestart.filter((r) => r.partition === part).map((r) => r.offset);
      assert.equal(offsets[0], committed.get(part), `partition ${part} resumes at its committed offset`);
      assert.ok(
        offsets.every((o, i) => i === 0 || o === offsets[i - 1]! + 1),
        `partition ${part} in order`,
      );
    }
    for (const part of bPartitions) {
      const offsets = afterRestart.filter((r) => r.partition === part).map((r) => r.offset);
      assert.deepEqual(offsets, [highs.get(part)!], `partition ${part} resumes past everything committed`);
    }
  });

  const codecs: ReadonlyArray<readonly [CompressionName, number]> = [
    ['gzip', 1],
    ['snappy', 2],
    ['lz4', 3],
    ['zstd', 4],
  ];
  for (const [codec, codecId] of codecs) {
    it(`produces ${codec} batches that the broker stores compressed and a group consumer reads back in order`, async () => {
      const topic = `tributary-${codec}`;
      await admin().createTopics([{ topic, numPartitions: 2, replicationFactor: brokersInCluster }]);
      const p = producer(codec);
      const total = 600;
      const valueOf = (n: number): string => `${codec}-message-${n}-${'x'.repeat(n % 50)}`;
      for (let s = 0; s < 3; s++) {
        await Promise.all(
          Array.from({ length: total / 3 }, (_, i) => {
            const n = s * (total / 3) + i;
            return p.send({ topic, key: `k${n % 7}`, value: valueOf(n) });
          }),
        );
      }
      const stored = await readTopic(cluster.env.bootstrapServers, topic);
      assert.ok(stored.batches.length >= 2);
      assert.ok(
        stored.batches.every((b) => b.codec === codecId),
        `all batches ${codec}: ${JSON.stringify(stored.batches)}`,
      );
      assert.equal(stored.records.length, total);

      const received: Received[] = [];
      member('g', `tributary-${codec}-g`, topic, received);
      await waitUntil(`${total} ${codec} messages`, consumeTimeoutMs, () => received.length >= total);
      delivery.assertReadBackAsStored(
        received,
        stored.records,
        Array.from({ length: total }, (_, n) => valueOf(n)),
      );
    });
  }
});
