import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ErrorCode } from '../../core/errors/index.ts';
import type { PartitionLog } from '../../core/log/index.ts';
import { batchPositions, encodeRecordBatch, forEachRecord } from '../../core/records/index.ts';
import type { Broker } from '../../actors/broker/index.ts';
import { Cluster } from './cluster.ts';

const batch = (tag: string, n: number): Buffer =>
  Buffer.from(encodeRecordBatch(Array.from({ length: n }, (_, i) => ({ key: null, value: `${tag}-${i}` }))));

/** The record values of a log, in offset order. */
function values(log: PartitionLog): string[] {
  const out: string[] = [];
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const r = log.read(offset, 1 << 20);
    if (r.nextOffset <= offset) break;
    for (const [pos, size] of batchPositions(r.bytes)) {
      forEachRecord(r.bytes.subarray(pos, pos + size), (rec) => {
        out.push(rec.value === null ? '' : rec.value.toString());
      });
    }
    offset = r.nextOffset;
  }
  return out;
}

/** Appends with acks=all at the current leader of `topic`-`partition`, as the controller sees it. */
async function produce(cluster: Cluster, topic: string, partition: number, data: Buffer): Promise<number> {
  const leader = cluster.activeController().image.partition(topic, partition)!.leader;
  const r = await cluster.run(
    cluster.broker(leader).replicaManager.appendToLeader({ topic, partition }, data, -1, 30_000),
  );
  return r.lastOffset;
}

/** True when `broker` is in the ISR of every partition of `topic` and every live broker agrees. */
function inEveryIsr(cluster: Cluster, topic: string, broker: number): boolean {
  const t = cluster.activeController().image.topicsByName.get(topic);
  if (t === undefined) return false;
  return t.partitions.every(
    (p) =>
      p.isr.includes(broker) &&
      cluster
        .liveBrokers()
        .every((b) => b.metadata().partition(topic, p.partition)?.partitionEpoch === p.partitionEpoch),
  );
}

function folders(dataDir: string, broker: number, topic: string): string[] {
  return fs
    .readdirSync(path.join(dataDir, `broker-${broker}`))
    .filter((name) => name.startsWith(`${topic}-`))
    .sort();
}

describe('Cluster under faults (simulated)', function () {
  this.timeout(60_000);
  let cluster: Cluster | undefined;
  afterEach(async () => {
    await cluster?.stop();
    cluster = undefined;
  });

  it('fences a broker cut off from the controller and moves its leadership; healed, it rejoins every ISR', async () => {
    const c = (cluster = await Cluster.start({ brokers: 3, simulated: { seed: 11 } }));
    await c.createTopic('t', { partitions: 3, replicationFactor: 3 });
    const controllerHost = c.controllerId;
    const image = (): ReturnType<Cluster['activeController']>['image'] => c.activeController().image;
    const victim = [1, 2, 3].find(
      (id) =>
        id !== controllerHost &&
        image()
          .topicsByName.get('t')!
          .partitions.some((p) => p.leader === id),
    )!;
    assert.ok(victim !== undefined, 'a broker other than the controller leads a partition');
    const epoch = c.broker(victim).brokerEpoch;

    c.cutLink(victim, controllerHost);
    await c.waitFor(() => image().brokers.get(victim)!.fenced, 30_000, 'victim fenced');
    // The victim cannot hear of it; the brokers that can agree on the new leaders.
    const others = [1, 2, 3].filter((id) => id !== victim);
    await c.waitFor(
      () =>
        image()
          .topicsByName.get('t')!
          .partitions.every(
            (p) =>
              p.leader !== victim &&
              others.every(
                (id) => c.broker(id).metadata().partition('t', p.partition)?.leader === p.leader,
              ) &&
              c.broker(p.leader).replicaManager.getPartition(p)?.role === 'leader',
          ),
      30_000,
      'leaders moved',
    );
    for (const p of image().topicsByName.get('t')!.partitions) {
      assert.notEqual(p.leader, victim, `partition ${p.partition} moved off the victim`);
      assert.ok(!p.isr.includes(victim));
    }
    // The partitions stay writable meanwhile.
    for (let p = 0; p < 3; p++) await produce(c, 't', p, batch(`during-${p}`, 2));

    c.healAll();
    await c.waitFor(() => !image().brokers.get(victim)!.fenced, 30_000, 'victim unfenced');
    assert.equal(c.broker(victim).brokerEpoch, epoch, 'the same incarnation');
    await c.waitFor(() => inEveryIsr(c, 't', victim), 90_000, 'victim back in every ISR');
    for (let p = 0; p < 3; p++) {
      const leader = image().partition('t', p)!.leader;
      const leaderLog = c.broker(leader).replicaManager.getPartition({ topic: 't', partition: p })!.log;
      const mine = c.broker(victim).replicaManager.getPartition({ topic: 't', partition: p })!.log;
      assert.deepEqual(values(mine), values(leaderLog));
      assert.ok(values(mine).includes(`during-${p}-1`));
    }
  });

  it('lets a crashed broker restart with a higher epoch and rejoin the ISRs with the data it lost or missed', async () => {
    const c = (cluster = await Cluster.start({ brokers: 3, simulated: { seed: 12 } }));
    await c.createTopic('t', { partitions: 2, replicationFactor: 3 });
    const victim = [1, 2, 3].find((id) => id !== c.controllerId)!;
    const epoch = c.broker(victim).brokerEpoch;
    await produce(c, 't', 0, batch('before', 3));

    await c.kill(victim, { crash: true }); // power loss: its unsynced writes are gone too
    await c.waitFor(
      () => c.activeController().image.brokers.get(victim)!.fenced,
      30_000,
      'the dead broker is fenced',
    );
    await c.waitForLeaders('t');
    await produce(c, 't', 0, batch('missed', 4));
    await produce(c, 't', 1, batch('missed', 1));

    await c.restart(victim);
    await c.waitFor(() => c.isUp(victim) && c.broker(victim).ready, 30_000, 'restarted');
    const restarted: Broker = c.broker(victim);
    assert.ok(restarted.brokerEpoch > epoch, `epoch ${restarted.brokerEpoch} > ${epoch}`);
    assert.equal(c.activeController().image.brokers.get(victim)!.brokerEpoch, restarted.brokerEpoch);
    await c.waitFor(() => inEveryIsr(c, 't', victim), 90_000, 'back in every ISR');
    const log0 = restarted.replicaManager.getPartition({ topic: 't', partition: 0 })!.log;
    assert.deepEqual(values(log0), [
      'before-0',
      'before-1',
      'before-2',
      'missed-0',
      'missed-1',
      'missed-2',
      'missed-3',
    ]);
  });

  it('moves the controller off a killed host to a live broker with a higher epoch, and metadata writes continue', async () => {
    const c = (cluster = await Cluster.start({ brokers: 3, simulated: { seed: 13 } }));
    await c.createTopic('before', { partitions: 3, replicationFactor: 3 });
    const oldHost = c.controllerId;
    const oldEpoch = c.activeController().epoch;

    await c.kill(oldHost);
    assert.ok(c.controllerId >= 0 && c.controllerId !== oldHost, 'a new controller host');
    assert.ok(c.isUp(c.controllerId));
    assert.ok(c.activeController().epoch > oldEpoch);
    assert.ok(c.activeController().image.topicsByName.has('before'), 'the new controller has the metadata');

    await c.createTopic('after', { partitions: 2, replicationFactor: 2 });
    for (const b of c.liveBrokers())
      assert.ok(b.metadata().topicsByName.has('after'), `broker ${b.brokerId}`);
    await c.waitFor(
      () => c.activeController().image.brokers.get(oldHost)!.fenced,
      30_000,
      'the old host is fenced when its session runs out',
    );
    await c.waitForLeaders('before');
    for (const p of c.activeController().image.topicsByName.get('before')!.partitions) {
      assert.notEqual(p.leader, oldHost);
    }
    // New metadata batches carry the new controller's epoch.
    const log = c.broker(c.controllerId).metadataLogForController;
    assert.equal(log.leaderEpochCache.latestEpoch(), c.activeController().epoch);

    await c.restart(oldHost);
    await c.waitFor(() => c.isUp(oldHost) && c.broker(oldHost).ready, 30_000, 'old host back');
    await c.waitFor(
      () => c.broker(oldHost).metadataLogForController.logEndOffset === log.logEndOffset,
      10_000,
      'old host caught up with the metadata',
    );
    assert.ok(c.broker(oldHost).metadata().topicsByName.has('after'));
    await c.waitFor(() => inEveryIsr(c, 'before', oldHost), 90_000, 'old host back in the ISRs');
  });

  it('truncates the metadata log of a former controller that kept records no one else got, on restart', async () => {
    const c = (cluster = await Cluster.start({ brokers: 3, simulated: { seed: 14 } }));
    await c.createTopic('kept', { partitions: 1, replicationFactor: 3 });
    const oldHost = c.controllerId;
    const others = [1, 2, 3].filter((id) => id !== oldHost);
    for (const id of others) c.cutLink(oldHost, id);
    const lost = c
      .activeController()
      .createTopic(
        { name: 'lost', numPartitions: -1, replicationFactor: -1, assignments: [[oldHost], [oldHost]] },
        false,
      );
    assert.equal(lost.errorCode, ErrorCode.NONE);
    const divergedEnd = c.broker(oldHost).metadataLogForController.logEndOffset;
    await c.waitFor(
      () => c.broker(oldHost).logManager.getLog('lost', 1) !== undefined,
      5000,
      'the old host applied its own records, creating the replicas',
    );

    await c.kill(oldHost);
    const newHost = c.controllerId;
    assert.ok(others.includes(newHost));
    assert.equal(c.activeController().image.topicsByName.has('lost'), false);
    assert.ok(c.broker(newHost).metadataLogForController.logEndOffset < divergedEnd);
    await c.createTopic('fresh', { partitions: 1, replicationFactor: 2 });
    c.healAll();

    await c.restart(oldHost);
    const controllerLog = c.broker(newHost).metadataLogForController;
    await c.waitFor(
      () =>
        c.isUp(oldHost) &&
        c.broker(oldHost).ready &&
        c.broker(oldHost).metadataLogForController.logEndOffset === controllerLog.logEndOffset,
      30_000,
      'old host caught up',
    );
    const back = c.broker(oldHost);
    assert.equal(back.metadata().topicsByName.has('lost'), false, 'the divergent records are gone');
    assert.ok(back.metadata().topicsByName.has('fresh'));
    assert.equal(back.metadataLogForController.leaderEpochCache.latestEpoch(), c.activeController().epoch);
    assert.equal(back.logManager.getLog('lost', 0), undefined);
    assert.equal(back.logManager.getLog('lost', 1), undefined);
    for (const b of c.liveBrokers()) {
      assert.deepEqual(
        [...b.metadata().topicsByName.keys()].sort(),
        [...c.activeController().image.topicsByName.keys()].sort(),
      );
    }
  });
});

describe('Cluster under faults (real storage)', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-faults-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('removes the partition folders of a deleted topic on every broker, one that was down included', async () => {
    const c = await Cluster.start({ brokers: 3, dataDir: dir });
    try {
      await c.createTopic('doomed', { partitions: 2, replicationFactor: 3 });
      await c.createTopic('kept', { partitions: 1, replicationFactor: 3 });
      await produce(c, 'doomed', 0, batch('x', 3));
      for (const id of [1, 2, 3]) assert.deepEqual(folders(dir, id, 'doomed'), ['doomed-0', 'doomed-1']);

      const down = [1, 2, 3].find((id) => id !== c.controllerId)!;
      await c.kill(down);
      const via = c.liveBrokers()[0]!;
      const [r] = await c.run(via.controller.deleteTopics(['doomed']));
      assert.equal(r!.errorCode, ErrorCode.NONE);
      await c.waitFor(
        () => c.liveBrokers().every((b) => folders(dir, b.brokerId, 'doomed').length === 0),
        10_000,
        'folders gone on the live brokers',
      );
      assert.deepEqual(folders(dir, down, 'doomed'), ['doomed-0', 'doomed-1'], 'still there while down');

      await c.restart(down);
      await c.waitFor(() => c.isUp(down) && c.broker(down).ready, 30_000, 'restarted');
      assert.deepEqual(folders(dir, down, 'doomed'), []);
      for (const id of [1, 2, 3]) assert.deepEqual(folders(dir, id, 'kept'), ['kept-0']);
    } finally {
      await c.stop();
    }
  });

  it('keeps topics, configs, data and producer id blocks across a stop and a start on the same data dir', async () => {
    const first = await Cluster.start({ brokers: 3, dataDir: dir });
    let topicId: string;
    let block: { firstProducerId: number; count: number };
    let controllerEpoch: number;
    try {
      topicId = (
        await first.createTopic('orders', {
          partitions: 3,
          replicationFactor: 3,
          configs: { 'retention.ms': '86400000', 'min.insync.replicas': '2' },
        })
      ).topicId!;
      for (let p = 0; p < 3; p++) await produce(first, 'orders', p, batch(`p${p}`, p + 1));
      block = await first.run(first.broker(1).controller.allocateProducerIds());
      controllerEpoch = first.activeController().epoch;
    } finally {
      await first.stop();
    }

    const second = await Cluster.start({ brokers: 3, dataDir: dir });
    try {
      assert.ok(second.activeController().epoch > controllerEpoch, 'a new controller epoch');
      await second.waitForLeaders('orders');
      for (const b of second.liveBrokers()) {
        const t = b.metadata().topicsByName.get('orders');
        assert.ok(t !== undefined, `broker ${b.brokerId} knows the topic`);
        assert.equal(t.topicId, topicId);
        assert.equal(t.partitions.length, 3);
        assert.equal(t.configs.get('min.insync.replicas'), '2');
      }
      for (let p = 0; p < 3; p++) {
        const leader = second.activeController().image.partition('orders', p)!.leader;
        const log = second.broker(leader).replicaManager.getPartition({ topic: 'orders', partition: p })!.log;
        assert.deepEqual(
          values(log),
          Array.from({ length: p + 1 }, (_, i) => `p${p}-${i}`),
        );
      }
      // Writes continue where they stopped, once the followers are back in the ISRs.
      for (const id of [1, 2, 3]) {
        await second.waitFor(() => inEveryIsr(second, 'orders', id), 30_000, `broker ${id} in the ISRs`);
      }
      assert.equal(await produce(second, 'orders', 0, batch('again', 1)), 1);
      const next = await second.run(second.broker(2).controller.allocateProducerIds());
      assert.ok(
        next.firstProducerId >= block.firstProducerId + block.count,
        'no producer id handed out twice',
      );
      await second.createTopic('more', { partitions: 1, replicationFactor: 3 });
    } finally {
      await second.stop();
    }
  });
});
