import assert from 'node:assert/strict';
import { ErrorCode } from '../../core/errors/index.ts';
import {
  SeededRandom,
  SimulatedClock,
  SimulatedFileSystem,
  SimulatedTransport,
} from '../../core/io/index.ts';
import type { PartitionLog } from '../../core/log/index.ts';
import { batchPositions, encodeRecordBatch, forEachRecord } from '../../core/records/index.ts';
import {
  Controller,
  controllerConfigDefaults,
  decodeMetadataRecord,
  type ControllerRequest,
  type ControllerResponse,
  type MetadataRecord,
  type CreateTopicSpec,
} from '../controller/index.ts';
import {
  Broker,
  brokerSettingsDefaults,
  metadataTopic,
  offsetsTopic,
  type BrokerSettings,
} from './broker.ts';
import type { ReplicaRequest, ReplicaResponse } from './partition/index.ts';

/** Every record value of a log below its end, keyed by offset. */
function values(log: PartitionLog): Map<number, string> {
  const out = new Map<number, string>();
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const r = log.read(offset, 1 << 20);
    if (r.nextOffset <= offset) break;
    for (const [pos, size] of batchPositions(r.bytes)) {
      forEachRecord(r.bytes.subarray(pos, pos + size), (rec) => {
        out.set(rec.offset, rec.value === null ? '' : rec.value.toString());
      });
    }
    offset = r.nextOffset;
  }
  return out;
}

function metadataRecords(log: PartitionLog): { offset: number; record: MetadataRecord }[] {
  const out: { offset: number; record: MetadataRecord }[] = [];
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const r = log.read(offset, 1 << 20);
    if (r.nextOffset <= offset) break;
    for (const [pos, size] of batchPositions(r.bytes)) {
      forEachRecord(r.bytes.subarray(pos, pos + size), (rec) => {
        if (rec.value !== null) out.push({ offset: rec.offset, record: decodeMetadataRecord(rec.value) });
      });
    }
    offset = r.nextOffset;
  }
  return out;
}

const batch = (tag: string, n: number): Buffer =>
  Buffer.from(encodeRecordBatch(Array.from({ length: n }, (_, i) => ({ key: null, value: `${tag}-${i}` }))));

/**
 * Brokers on simulated ports (one clock, one network per plane, a disk per broker) with the real
 * Controller hosted on one of them, started and moved by the test.
 */
class SimBrokers {
  readonly clock = new SimulatedClock();
  readonly random: SeededRandom;
  readonly replicaTransport: SimulatedTransport<ReplicaRequest, ReplicaResponse>;
  readonly controllerTransport: SimulatedTransport<ControllerRequest, ControllerResponse>;
  readonly brokers = new Map<number, Broker>();
  controller: Controller | undefined;
  controllerHost = -1;
  settings: Partial<BrokerSettings> = {};
  private readonly disks = new Map<number, SimulatedFileSystem>();
  private controllerEpoch = 0;
  private unlisten: (() => void) | undefined;

  constructor(seed: number) {
    this.random = new SeededRandom(seed);
    this.replicaTransport = new SimulatedTransport(this.clock, this.random);
    this.controllerTransport = new SimulatedTransport(this.clock, this.random);
  }

  static async start(
    ids: readonly number[],
    host: number,
    settings: Partial<BrokerSettings> = {},
    seed = 1,
  ): Promise<SimBrokers> {
    const sim = new SimBrokers(seed);
    sim.settings = settings;
    for (const id of ids) sim.startBroker(id);
    sim.startController(host);
    await sim.waitFor(() => [...sim.brokers.values()].every((b) => b.ready), 60_000, 'brokers ready');
    return sim;
  }

  disk(id: number): SimulatedFileSystem {
    let fs = this.disks.get(id);
    if (fs === undefined) {
      fs = new SimulatedFileSystem();
      this.disks.set(id, fs);
    }
    return fs;
  }

  dir(id: number): string {
    return `/data/broker-${id}`;
  }

  /** Partition folders of `topic` on a broker's disk. */
  folders(id: number, topic: string): string[] {
    return this.disk(id)
      .list(this.dir(id))
      .filter((name) => name.startsWith(`${topic}-`));
  }

  broker(id: number): Broker {
    const b = this.brokers.get(id);
    assert.ok(b !== undefined, `broker ${id} is running`);
    return b;
  }

  startBroker(id: number): Broker {
    const b = new Broker({
      brokerId: id,
      port: 0,
      fs: this.disk(id),
      clock: this.clock,
      random: this.random,
      dataDir: this.dir(id),
      replicaTransport: this.replicaTransport,
      controllerTransport: this.controllerTransport,
      controllerId: () => this.controllerHost,
      settings: { 'offsets.topic.replication.factor': 1, ...this.settings },
    });
    this.brokers.set(id, b);
    b.start();
    return b;
  }

  startController(host: number): Controller {
    for (const b of this.brokers.values()) {
      this.controllerEpoch = Math.max(
        this.controllerEpoch,
        b.metadataLogForController.leaderEpochCache.latestEpoch(),
      );
    }
    this.controllerEpoch++;
    const c = new Controller({
      brokerId: host,
      epoch: this.controllerEpoch,
      clock: this.clock,
      random: this.random,
      log: this.broker(host).metadataLogForController,
    });
    c.start();
    this.unlisten = this.controllerTransport.listen(host, (request) => c.handle(request));
    this.controller = c;
    this.controllerHost = host;
    return c;
  }

  stopController(): void {
    this.unlisten?.();
    this.controller?.stop();
    this.controller = undefined;
    this.controllerHost = -1;
  }

  /** A process death: the broker (and the controller it hosts) stop at once; its disk stays. */
  kill(id: number): void {
    if (this.controllerHost === id) this.stopController();
    this.broker(id).halt();
    this.brokers.delete(id);
  }

  activeController(): Controller {
    assert.ok(this.controller !== undefined, 'a controller is running');
    return this.controller;
  }

  /** Awaits `promise` while simulated time runs. */
  async run<T>(promise: Promise<T>): Promise<T> {
    let settled = false;
    const watched = promise.finally(() => {
      settled = true;
    });
    watched.catch(() => {});
    while (!settled) await this.clock.runFor(5);
    return watched;
  }

  async waitFor(condition: () => boolean, maxMs: number, what: string): Promise<void> {
    assert.ok(await this.clock.runUntil(condition, maxMs), `${what} within ${maxMs} simulated ms`);
  }

  /** Creates `topic` through broker `via`'s controller client, checks it succeeded and waits for its leaders. */
  async createTopic(via: number, topic: CreateTopicSpec): Promise<void> {
    const [result] = await this.run(this.broker(via).controller.createTopics([topic], false));
    assert.equal(result!.errorCode, ErrorCode.NONE);
    await this.waitForLeaders(topic.name);
  }

  /** Creates topic `name` of one partition on `replicas` (the first leads) through broker `via`, as createTopic. */
  createAssignedTopic(via: number, name: string, replicas: readonly number[]): Promise<void> {
    return this.createTopic(via, {
      name,
      numPartitions: -1,
      replicationFactor: -1,
      assignments: [[...replicas]],
    });
  }

  /** Resolves once every running broker agrees on a live leader for each partition of `topic`. */
  async waitForLeaders(topic: string): Promise<void> {
    await this.waitFor(
      () => {
        const t = this.activeController().image.topicsByName.get(topic);
        if (t === undefined) return false;
        return t.partitions.every((p) => {
          const leader = this.brokers.get(p.leader);
          if (leader === undefined) return false;
          if (leader.replicaManager.getPartition(p)?.role !== 'leader') return false;
          return [...this.brokers.values()].every(
            (b) => b.metadata().partition(topic, p.partition)?.leaderEpoch === p.leaderEpoch,
          );
        });
      },
      30_000,
      `leaders of ${topic}`,
    );
  }

  stopAll(): void {
    this.stopController();
    for (const id of [...this.brokers.keys()]) this.kill(id);
  }
}

describe('Broker', function () {
  let sim: SimBrokers | undefined;
  afterEach(() => {
    sim?.stopAll();
    sim = undefined;
  });

  it('registers with the epoch of its RegisterBroker record, catches up and keeps a copy of the metadata log', async () => {
    sim = await SimBrokers.start([1, 2, 3], 1);
    const controllerLog = sim.broker(1).metadataLogForController;
    const registrations = metadataRecords(controllerLog).filter((r) => r.record.type === 'RegisterBroker');
    for (const id of [1, 2, 3]) {
      const b = sim.broker(id);
      const mine = registrations.filter(
        (r) => r.record.type === 'RegisterBroker' && r.record.brokerId === id,
      );
      assert.equal(b.brokerEpoch, mine[mine.length - 1]!.offset);
      assert.equal(b.replicaManager.brokerEpoch, b.brokerEpoch, 'follower fetches carry it (KIP-903)');
    }
    const s = sim;
    await s.waitFor(
      () =>
        [2, 3].every(
          (id) => s.broker(id).metadataLogForController.logEndOffset === controllerLog.logEndOffset,
        ),
      5000,
      'metadata replicated',
    );
    for (const id of [2, 3]) {
      assert.deepEqual(
        metadataRecords(sim.broker(id).metadataLogForController),
        metadataRecords(controllerLog),
      );
      assert.deepEqual(sim.broker(id).metadata().liveBrokerIds(), [1, 2, 3]);
    }
  });

  it('takes up leadership and followership from the metadata and forwards ISR changes to the controller', async () => {
    sim = await SimBrokers.start([1, 2, 3], 1);
    await sim.createAssignedTopic(2, 't', [3, 1, 2]);
    const tp = { topic: 't', partition: 0 };
    assert.equal(sim.broker(3).replicaManager.getPartition(tp)?.role, 'leader');
    assert.equal(sim.broker(1).replicaManager.getPartition(tp)?.role, 'follower');
    assert.equal(sim.broker(2).replicaManager.getPartition(tp)?.role, 'follower');
    await sim.run(sim.broker(3).replicaManager.appendToLeader(tp, batch('a', 3), -1, 10_000));

    // Broker 2 stops fetching: the leader shrinks the ISR through the controller.
    sim.replicaTransport.cutLink(2, 3);
    // (A follower at the leader's end counts as caught up however long it is silent, as in Kafka.)
    await sim.run(sim.broker(3).replicaManager.appendToLeader(tp, batch('b', 2), 1, 10_000));
    const s = sim;
    const controller = sim.activeController();
    const epochBefore = controller.image.partition('t', 0)!.partitionEpoch;
    await s.waitFor(() => !controller.image.partition('t', 0)!.isr.includes(2), 60_000, 'ISR shrink');
    assert.deepEqual(controller.image.partition('t', 0)!.isr, [3, 1]);
    assert.ok(controller.image.partition('t', 0)!.partitionEpoch > epochBefore);
    assert.equal(controller.image.partition('t', 0)!.leaderEpoch, 0, 'same leader, same epoch');
    await s.waitFor(
      () => s.broker(3).replicaManager.getPartition(tp)!.isr.length === 2,
      5000,
      'the leader applies the committed ISR',
    );

    sim.replicaTransport.healAll();
    await s.waitFor(() => controller.image.partition('t', 0)!.isr.includes(2), 60_000, 'ISR expansion');
    await s.waitFor(
      () => values(s.broker(2).replicaManager.getPartition(tp)!.log).size === 5,
      10_000,
      'broker 2 caught up',
    );
  });

  it('hosts each replica in a supervised partition actor; a crashed one is restarted and serves again from its log', async () => {
    sim = await SimBrokers.start([1, 2, 3], 1);
    await sim.createAssignedTopic(1, 't', [2, 3, 1]);
    const tp = { topic: 't', partition: 0 };
    const leader = sim.broker(2);
    assert.ok(leader.partitionActors.ref(tp).isAlive());
    assert.equal(leader.partitionActors.actorName(tp), 'broker-2/partitions/t-0');
    await sim.run(leader.replicaManager.appendToLeader(tp, batch('a', 3), -1, 10_000));
    const before = leader.replicaManager.getPartition(tp)!;
    leader.partitionActors.crash(tp);
    const s = sim;
    await s.waitFor(
      () =>
        leader.replicaManager.getPartition(tp) !== before &&
        leader.replicaManager.getPartition(tp)?.role === 'leader',
      5000,
      'the restarted partition actor leads again',
    );
    assert.equal(before.role, 'offline');
    assert.equal(leader.partitionActors.stats.incarnations, 2);
    const after = leader.replicaManager.getPartition(tp)!;
    assert.equal(after.logEndOffset, 3);
    await sim.run(leader.replicaManager.appendToLeader(tp, batch('b', 2), -1, 10_000));
    await s.waitFor(
      () => [1, 3].every((id) => values(s.broker(id).replicaManager.getPartition(tp)!.log).size === 5),
      10_000,
      'followers have every record',
    );
    assert.deepEqual([...values(after.log).values()], ['a-0', 'a-1', 'a-2', 'b-0', 'b-1']);
  });

  it('deletes the partition folders of a deleted topic, also on a broker that was down during the deletion', async () => {
    sim = await SimBrokers.start([1, 2, 3], 1);
    const s = sim;
    for (const name of ['doomed', 'kept'])
      await s.createTopic(1, { name, numPartitions: 2, replicationFactor: 3 });
    for (const id of [1, 2, 3]) assert.deepEqual(sim.folders(id, 'doomed'), ['doomed-0', 'doomed-1']);

    sim.kill(3);
    const [deleted] = await sim.run(sim.broker(2).controller.deleteTopics(['doomed']));
    assert.equal(deleted!.errorCode, ErrorCode.NONE);
    await s.waitFor(
      () => [1, 2].every((id) => s.folders(id, 'doomed').length === 0),
      5000,
      'folders deleted on the live brokers',
    );
    for (const id of [1, 2]) assert.equal(s.broker(id).logManager.getLog('doomed', 0), undefined);
    assert.deepEqual(sim.folders(3, 'doomed'), ['doomed-0', 'doomed-1'], 'broker 3 was down');

    sim.startBroker(3);
    await s.waitFor(() => s.broker(3).ready, 30_000, 'broker 3 back');
    assert.deepEqual(sim.folders(3, 'doomed'), [], 'deleted when it caught up');
    assert.equal(sim.broker(3).logManager.getLog('doomed', 1), undefined);
    assert.deepEqual(sim.folders(3, 'kept'), ['kept-0', 'kept-1'], 'other topics stay');
  });

  it('does not keep the data of a topic deleted and re-created under the same name while it was down', async () => {
    sim = await SimBrokers.start([1, 2, 3], 1);
    const s = sim;
    const create = (): Promise<void> => s.createAssignedTopic(1, 'reborn', [1, 2, 3]);
    const tp = { topic: 'reborn', partition: 0 };
    await create();
    // One batch per record, so that a truncation to offset 2 would keep two of them.
    for (let i = 0; i < 5; i++) {
      await sim.run(sim.broker(1).replicaManager.appendToLeader(tp, batch(`old${i}`, 1), -1, 10_000));
    }
    await s.waitFor(
      () => s.broker(3).replicaManager.getPartition(tp)!.log.logEndOffset === 5,
      5000,
      'replicated',
    );

    sim.kill(3);
    await sim.run(sim.broker(1).controller.deleteTopics(['reborn']));
    await create();
    await sim.run(sim.broker(1).replicaManager.appendToLeader(tp, batch('new', 2), 1, 10_000));

    sim.startBroker(3);
    await s.waitFor(
      () => s.brokers.get(3)?.replicaManager.getPartition(tp)?.log.logEndOffset === 2,
      60_000,
      'broker 3 follows the new topic',
    );
    assert.deepEqual(
      [...values(sim.broker(3).replicaManager.getPartition(tp)!.log).values()],
      ['new-0', 'new-1'],
    );
  });

  it('truncates a metadata log that diverged from the new controller and drops the replicas its lost records created', async () => {
    sim = await SimBrokers.start([1, 2, 3], 1);
    const s = sim;
    // Broker 1, hosting the controller, is cut off; the controller writes records no one else gets.
    sim.controllerTransport.isolate(1, [2, 3]);
    sim.replicaTransport.isolate(1, [2, 3]);
    const common = sim.broker(2).metadataLogForController.logEndOffset;
    const lost = sim
      .activeController()
      .createTopic({ name: 'lost', numPartitions: -1, replicationFactor: -1, assignments: [[1]] }, false);
    assert.equal(lost.errorCode, ErrorCode.NONE);
    await s.waitFor(
      () => s.broker(1).replicaManager.getPartition({ topic: 'lost', partition: 0 })?.role === 'leader',
      5000,
      'broker 1 leads the lost topic',
    );
    assert.deepEqual(sim.folders(1, 'lost'), ['lost-0']);
    const divergedEnd = sim.broker(1).metadataLogForController.logEndOffset;
    assert.ok(divergedEnd > common);

    // Broker 1 dies; the controller moves to broker 2, whose log lacks those records.
    sim.kill(1);
    const next = sim.startController(2);
    assert.equal(next.epoch, 2);
    const [kept] = await sim.run(
      sim
        .broker(2)
        .controller.createTopics([{ name: 'kept', numPartitions: 1, replicationFactor: 2 }], false),
    );
    assert.equal(kept!.errorCode, ErrorCode.NONE);
    sim.controllerTransport.healAll();
    sim.replicaTransport.healAll();

    sim.startBroker(1);
    const controllerLog = sim.broker(2).metadataLogForController;
    await s.waitFor(
      () =>
        s.broker(1).ready &&
        s.broker(1).metadataLogForController.logEndOffset === controllerLog.logEndOffset &&
        !s.broker(1).metadata().brokers.get(1)!.fenced,
      60_000,
      'broker 1 caught up with the new controller',
    );
    const mine = sim.broker(1).metadataLogForController;
    assert.deepEqual(
      metadataRecords(mine),
      metadataRecords(controllerLog),
      'the same log, record for record',
    );
    assert.equal(mine.leaderEpochCache.latestEpoch(), 2);
    assert.equal(sim.broker(1).metadata().topicsByName.has('lost'), false);
    assert.ok(sim.broker(1).metadata().topicsByName.has('kept'));
    assert.equal(sim.broker(1).replicaManager.getPartition({ topic: 'lost', partition: 0 }), undefined);
    assert.equal(sim.broker(1).logManager.getLog('lost', 0), undefined);
    assert.deepEqual(sim.folders(1, 'lost'), [], 'the stray replica is deleted');
  });

  it('writes nothing more to its disk once halted (a dead process has no timers)', async () => {
    sim = await SimBrokers.start([1, 2, 3], 1);
    await sim.createTopic(1, { name: 't', numPartitions: 3, replicationFactor: 3 });
    await sim.run(
      sim
        .broker(sim.activeController().image.partition('t', 0)!.leader)
        .replicaManager.appendToLeader({ topic: 't', partition: 0 }, batch('x', 2), -1, 10_000),
    );
    sim.kill(3);
    const disk = sim.disk(3);
    disk.resetStats();
    await sim.clock.runFor(180_000);
    assert.deepEqual(
      {
        writes: disk.stats.writes,
        opens: disk.stats.opens,
        renames: disk.stats.renames,
        syncs: disk.stats.syncs,
      },
      { writes: 0, opens: 0, renames: 0, syncs: 0 },
    );
  });

  it('never takes its metadata log for a stray replica', async () => {
    sim = await SimBrokers.start([1, 2], 1);
    for (const id of [1, 2]) {
      assert.ok(sim.broker(id).logManager.getLog(metadataTopic, 0) !== undefined);
      assert.equal(
        sim.broker(id).replicaManager.getPartition({ topic: metadataTopic, partition: 0 }),
        undefined,
      );
    }
  });

  it('gets one answer to an admin operation while a dead broker is not yet fenced (no retry of its own change)', async () => {
    assert.ok(
      controllerConfigDefaults['metadata.replication.wait.ms'] <
        brokerSettingsDefaults['controller.request.timeout.ms'],
      'the controller answers before the forwarding broker gives up',
    );
    sim = await SimBrokers.start([1, 2, 3], 1);
    sim.kill(3);
    const created = await sim.run(
      sim.broker(2).controller.createTopics([{ name: 't', numPartitions: 1, replicationFactor: 2 }], false),
    );
    assert.equal(created[0]!.errorCode, ErrorCode.NONE);
    const deleted = await sim.run(sim.broker(2).controller.deleteTopics(['t']));
    assert.equal(deleted[0]!.errorCode, ErrorCode.NONE);
    assert.ok(!sim.activeController().image.brokers.get(3)!.fenced, 'broker 3 was still unfenced');
  });

  it('coordinates the groups of the offsets partitions it leads and takes them over, offsets included, when leadership moves', async () => {
    sim = await SimBrokers.start([1, 2, 3], 1, { 'offsets.topic.num.partitions': 3 });
    const s = sim;
    await s.createTopic(1, { name: offsetsTopic, numPartitions: 3, replicationFactor: 3 });
    const group = 'app';
    const ctx = { apiVersion: 5, clientId: 'test', clientHost: '127.0.0.1' };
    const describe = async (id: number): Promise<number> => {
      const r = await s
        .broker(id)
        .groupCoordinator.describeGroups({ groups: [group], includeAuthorizedOperations: false }, ctx);
      return r.groups[0]!.errorCode;
    };
    const partition = s.broker(1).groupCoordinator.partitionFor(group);
    const leader = s.activeController().image.partition(offsetsTopic, partition)!.leader;
    for (const id of [1, 2, 3]) {
      assert.equal(
        await describe(id),
        id === leader ? ErrorCode.NONE : ErrorCode.NOT_COORDINATOR,
        `broker ${id}`,
      );
    }
    const committed = await s.run(
      s.broker(leader).groupCoordinator.offsetCommit(
        {
          groupId: group,
          generationIdOrMemberEpoch: -1,
          memberId: '',
          groupInstanceId: null,
          retentionTimeMs: -1,
          topics: [
            {
              name: 'orders',
              partitions: [
                {
                  partitionIndex: 0,
                  committedOffset: 42,
                  committedLeaderEpoch: -1,
                  commitTimestamp: -1,
                  committedMetadata: '',
                },
              ],
            },
          ],
        },
        ctx,
      ),
    );
    assert.equal(committed.topics[0]!.partitions[0]!.errorCode, ErrorCode.NONE);

    s.kill(leader);
    if (s.controller === undefined) s.startController([1, 2, 3].find((id) => id !== leader)!);
    await s.waitFor(
      () => {
        const next = s.activeController().image.partition(offsetsTopic, partition)!.leader;
        return (
          next !== leader &&
          next >= 0 &&
          s.brokers.get(next)?.metadata().partition(offsetsTopic, partition)?.leader === next
        );
      },
      30_000,
      'a new leader of the offsets partition',
    );
    const next = s.activeController().image.partition(offsetsTopic, partition)!.leader;
    await s.clock.runFor(100); // the new leader loads the partition
    assert.equal(await describe(next), ErrorCode.NONE);
    const fetched = await s.broker(next).groupCoordinator.offsetFetch(
      {
        groupId: group,
        topics: [{ name: 'orders', partitionIndexes: [0] }],
        groups: [],
        requireStable: false,
      },
      ctx,
    );
    assert.equal(fetched.topics[0]!.partitions[0]!.committedOffset, 42);
  });
});
