/**
 * The consumer (actors/client/consumer) against the in-process Cluster on simulated ports: real brokers,
 * replication, the group coordinator in the brokers and __consumer_offsets.
 */
import assert from 'node:assert/strict';
import { encodeRecordBatch } from '../../core/records/index.ts';
import { stringSerde } from '../../core/serdes/index.ts';
import type { ConnectionFactory } from '../../actors/client/connection.ts';
import { Consumer, type ConsumerRecord } from '../../actors/client/consumer/index.ts';
import { Cluster } from './cluster.ts';

/** Produces `count` records per partition with acks=all, straight through the Produce API. */
async function produce(
  cluster: Cluster,
  topic: string,
  partitions: number,
  count: number,
  tag: string,
): Promise<void> {
  const factory: ConnectionFactory = cluster.connectionFactory();
  const bootstrap = await cluster.run(factory.connect(factory.bootstrap()[0]!, { clientId: 'producer' }));
  const meta = await cluster.run(
    bootstrap.send(3, {
      topics: [{ name: topic, topicId: '' }],
      allowAutoTopicCreation: false,
      includeClusterAuthorizedOperations: false,
      includeTopicAuthorizedOperations: false,
    }),
  );
  const t = meta.topics[0]!;
  assert.equal(t.partitions.length, partitions);
  for (const p of t.partitions) {
    const b = meta.brokers.find((x) => x.nodeId === p.leaderId)!;
    const conn = await cluster.run(
      factory.connect({ nodeId: b.nodeId, host: b.host, port: b.port }, { clientId: 'producer' }),
    );
    const records = Array.from({ length: count }, (_, i) => ({
      key: `k${i}`,
      value: `${tag}-${p.partitionIndex}-${i}`,
    }));
    const produced = await cluster.run(
      conn.send(0, {
        transactionalId: null,
        acks: -1,
        timeoutMs: 10_000,
        topicData: [
          { name: topic, partitionData: [{ index: p.partitionIndex, records: encodeRecordBatch(records) }] },
        ],
      }),
    );
    assert.equal(produced.responses[0]!.partitionResponses[0]!.errorCode, 0);
    conn.close();
  }
  bootstrap.close();
}

describe('Consumer against the in-process Cluster (simulated)', function () {
  this.timeout(120_000);

  it('two group members split a replicated topic, read every record and commit; a restart resumes from the commits', async () => {
    const cluster = await Cluster.start({ brokers: 3, simulated: { seed: 5 } });
    const consumers: Consumer<string, string>[] = [];
    try {
      await cluster.createTopic('events', { partitions: 4, replicationFactor: 3 });
      await produce(cluster, 'events', 4, 25, 'first');
      const newConsumer = (): Consumer<string, string> => {
        const c = new Consumer<string, string>(
          {
            'group.id': 'readers',
            'auto.offset.reset': 'earliest',
            'key.deserializer': stringSerde(),
            'value.deserializer': stringSerde(),
          },
          { connectionFactory: cluster.connectionFactory(), clock: cluster.clock },
        );
        consumers.push(c);
        c.subscribe(['events']);
        return c;
      };
      const a = newConsumer();
      const b = newConsumer();
      const received = new Map<Consumer<string, string>, ConsumerRecord<string, string>[]>([
        [a, []],
        [b, []],
      ]);
      let stop = false;
      const loops = [a, b].map(async (c) => {
        while (!stop && !c.closed) received.get(c)!.push(...(await c.poll(500)));
      });
      const total = (): number => received.get(a)!.length + received.get(b)!.length;
      await cluster.run(
        (async () => {
          while (total() < 100 || a.assignment().length + b.assignment().length < 4) await cluster.sleep(50);
        })(),
      );
      assert.equal(a.assignment().length, 2);
      assert.equal(b.assignment().length, 2);
      const values = [...received.get(a)!, ...received.get(b)!].map((r) => r.value).sort();
      const expected = Array.from({ length: 4 }, (_, p) =>
        Array.from({ length: 25 }, (_, i) => `first-${p}-${i}`),
      )
        .flat()
        .sort();
      assert.deepEqual(values, expected);
      await cluster.run(Promise.all([a.commit(), b.commit()]));
      stop = true;
      await cluster.run(Promise.all([a.close(), b.close()]));
      await cluster.run(Promise.all(loops));

      // A new member of the group continues after the committed offsets.
      await produce(cluster, 'events', 4, 5, 'second');
      const c = newConsumer();
      const later: ConsumerRecord<string, string>[] = [];
      await cluster.run(
        (async () => {
          while (later.length < 20) later.push(...(await c.poll(500)));
        })(),
      );
      assert.ok(
        later.every((r) => r.value!.startsWith('second-')),
        later.map((r) => r.value).join(','),
      );
      const committed = await cluster.run(c.committed([{ topic: 'events', partition: 0 }]));
      assert.equal(committed[0]!.offset, 25);
    } finally {
      for (const c of consumers) await cluster.run(c.close());
      await cluster.stop();
    }
  });
});
