import assert from 'node:assert/strict';
import { encodeRecordBatch } from '../../core/records/index.ts';
import { Cluster } from './cluster.ts';

const batch = (n: number, tag: string): Buffer =>
  Buffer.from(
    encodeRecordBatch(Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `${tag}-${i}` }))),
  );

describe('Cluster (simulated)', function () {
  this.timeout(30_000);

  it('starts 3 brokers, creates an RF=3 topic with a leader per partition and a full ISR', async () => {
    const cluster = await Cluster.start({ brokers: 3, simulated: { seed: 1 } });
    try {
      await cluster.createTopic('orders', { partitions: 3, replicationFactor: 3 });
      const image = cluster.broker(1).metadata();
      const topic = image.topicsByName.get('orders')!;
      assert.equal(topic.partitions.length, 3);
      const leaders = new Set(topic.partitions.map((p) => p.leader));
      assert.equal(leaders.size, 3, 'leaders are spread over the brokers');
      for (const p of topic.partitions) assert.deepEqual([...p.isr].sort(), [1, 2, 3]);
      assert.ok(cluster.controllerId >= 1);
    } finally {
      await cluster.stop();
    }
  });

  it('passes group coordinator settings to every broker (group.initial.rebalance.delay.ms 0, as Kafka dev setups use)', async () => {
    const cluster = await Cluster.start({
      brokers: 2,
      simulated: { seed: 3 },
      groupCoordinator: { 'group.initial.rebalance.delay.ms': 0 },
    });
    try {
      for (const id of cluster.brokerIds)
        assert.equal(cluster.broker(id).groupCoordinator.config['group.initial.rebalance.delay.ms'], 0);
    } finally {
      await cluster.stop();
    }
    const defaults = await Cluster.start({ brokers: 1, simulated: { seed: 3 } });
    try {
      const id = defaults.brokerIds[0]!;
      assert.equal(defaults.broker(id).groupCoordinator.config['group.initial.rebalance.delay.ms'], 3000);
    } finally {
      await defaults.stop();
    }
  });

  it('acks=all appends survive killing the leader: a new leader from the ISR has every acked record', async () => {
    const cluster = await Cluster.start({ brokers: 3, simulated: { seed: 2 } });
    try {
      await cluster.createTopic('t', {
        partitions: 1,
        replicationFactor: 3,
        configs: { 'min.insync.replicas': '2' },
      });
      const tp = { topic: 't', partition: 0 };
      const leader = cluster.broker(1).metadata().partition('t', 0)!.leader;
      const acked = await cluster.run(
        cluster.broker(leader).replicaManager.appendToLeader(tp, batch(10, 'a'), -1, 30_000),
      );
      assert.equal(acked.lastOffset, 9);
      const epochBefore = cluster.broker(1).metadata().partition('t', 0)!.leaderEpoch;
      await cluster.kill(leader);
      await cluster.sleep(15_000); // the controller notices (session timeout) or the kill moved the controller
      const survivor = cluster.liveBrokers()[0]!;
      await cluster.waitForLeaders('t');
      const p = survivor.metadata().partition('t', 0)!;
      assert.notEqual(p.leader, leader);
      assert.ok(p.leaderEpoch > epochBefore, 'a new leader gets a higher epoch');
      const newLeader = cluster.broker(p.leader).replicaManager.getPartition(tp)!;
      assert.ok(newLeader.log.logEndOffset >= 10, 'the new leader has every acknowledged record');
      await cluster.run(
        cluster.broker(p.leader).replicaManager.appendToLeader(tp, batch(5, 'b'), -1, 30_000),
      );
      // The old leader comes back, recovers, catches up and rejoins the ISR.
      await cluster.restart(leader);
      await cluster.waitFor(
        () =>
          cluster.isUp(leader) && cluster.broker(leader).metadata().partition('t', 0)!.isr.includes(leader),
        60_000,
        'old leader back in the ISR',
      );
      const back = cluster.broker(leader).replicaManager.getPartition(tp)!;
      await cluster.waitFor(() => back.log.logEndOffset === 15, 30_000, 'caught up');
    } finally {
      await cluster.stop();
    }
  });
});
