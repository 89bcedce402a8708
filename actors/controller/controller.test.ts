import assert from 'node:assert/strict';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import { SeededRandom, SimulatedClock, SimulatedFileSystem } from '../../core/io/index.ts';
import { LogConfig, PartitionLog } from '../../core/log/index.ts';
import { batchPositions, forEachRecord } from '../../core/records/index.ts';
import type { PartitionInfo } from './cluster-image.ts';
import { Controller, topicNameLengthMax, type ControllerConfig } from './controller.ts';
import type {
  ConfigChange,
  ControllerRequest,
  ControllerResponse,
  CreateTopicSpec,
} from './controller-messages.ts';
import { decodeMetadataRecord, type MetadataRecord } from './metadata-records.ts';

/** The controller's host broker is not one of the brokers under test, so every one of them can expire. */
const hostId = 100;
const metadataDir = '/data/__cluster_metadata-0';

type Response<T extends ControllerResponse['type']> = Extract<ControllerResponse, { type: T }>;

/** Every record of a metadata log (or of fetched batches) with its offset. */
function decodeAll(bytes: Buffer): { offset: number; record: MetadataRecord }[] {
  const out: { offset: number; record: MetadataRecord }[] = [];
  for (const [pos, size] of batchPositions(bytes)) {
    forEachRecord(bytes.subarray(pos, pos + size), (rec) => {
      if (rec.value !== null) out.push({ offset: rec.offset, record: decodeMetadataRecord(rec.value) });
    });
  }
  return out;
}

function logRecords(log: PartitionLog): { offset: number; record: MetadataRecord }[] {
  const out: { offset: number; record: MetadataRecord }[] = [];
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const r = log.read(offset, 1 << 20);
    if (r.nextOffset <= offset) break;
    out.push(...decodeAll(r.bytes));
    offset = r.nextOffset;
  }
  return out;
}

/** A plain, ordered picture of a controller's image, for deep comparison. */
function snapshot(c: Controller): unknown {
  const img = c.image;
  return {
    brokers: [...img.brokers.values()].sort((a, b) => a.brokerId - b.brokerId).map((b) => ({ ...b })),
    topics: [...img.topicsByName.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((t) => ({
        name: t.name,
        topicId: t.topicId,
        partitions: t.partitions.map((p) => ({ ...p })),
        configs: [...t.configs].sort(),
      })),
    byId: [...img.topicsById.keys()].sort(),
    brokerConfigs: [...img.brokerConfigs].map(([k, v]) => [k, [...v].sort()]).sort(),
    nextProducerId: img.nextProducerId,
    lastOffset: img.lastOffset,
  };
}

/** A controller on a PartitionLog on a simulated disk, driven by a simulated clock. */
class Harness {
  readonly clock = new SimulatedClock();
  readonly fs = new SimulatedFileSystem();
  readonly random = new SeededRandom(7);
  log: PartitionLog;
  controller: Controller;
  /** The broker epoch each broker under test last registered with. */
  readonly epochs = new Map<number, number>();

  constructor(config: Partial<ControllerConfig> = {}, epoch = 1) {
    this.log = this.openLog(metadataDir);
    this.controller = this.newController(epoch, config);
  }

  openLog(dir: string): PartitionLog {
    return PartitionLog.open({
      fs: this.fs,
      clock: this.clock,
      dir,
      topic: '__cluster_metadata',
      partition: 0,
      config: LogConfig.defaults,
    });
  }

  newController(epoch: number, config: Partial<ControllerConfig> = {}, log = this.log): Controller {
    const c = new Controller({
      brokerId: hostId,
      epoch,
      clock: this.clock,
      random: this.random,
      log,
      config: { 'metadata.replication.wait.ms': 100, ...config },
    });
    c.start();
    return c;
  }

  /**
   * Answers one request, letting simulated time run while the controller waits for its writes to
   * commit; the registered brokers follow the metadata log meanwhile (unless `followers` is false).
   */
  async call(request: ControllerRequest, followers = true): Promise<ControllerResponse> {
    let settled = false;
    const p = this.controller.handle(request).finally(() => {
      settled = true;
    });
    await this.clock.runFor(0);
    while (!settled) {
      if (followers) await this.follow();
      await this.clock.runFor(1);
    }
    return p;
  }

  /** Every registered broker fetches the metadata log to its end (as their replicas of it do). */
  async follow(): Promise<void> {
    for (const brokerId of this.epochs.keys()) {
      await this.controller.handle({
        type: 'FETCH_METADATA',
        brokerId,
        fetchOffset: this.controller.logEndOffset,
        lastFetchedEpoch: this.controller.epoch,
        maxWaitMs: 0,
      });
    }
  }

  async register(brokerId: number): Promise<number> {
    const r = (await this.controller.handle({
      type: 'REGISTER_BROKER',
      brokerId,
      host: '127.0.0.1',
      port: 9000 + brokerId,
      rack: null,
    })) as Response<'REGISTERED'>;
    assert.equal(r.errorCode, ErrorCode.NONE);
    this.epochs.set(brokerId, r.brokerEpoch);
    return r.brokerEpoch;
  }

  async heartbeat(
    brokerId: number,
    options: { metadataOffset?: number; brokerEpoch?: number; wantShutdown?: boolean } = {},
  ): Promise<Response<'HEARTBEAT'>> {
    return (await this.controller.handle({
      type: 'HEARTBEAT',
      brokerId,
      brokerEpoch: options.brokerEpoch ?? this.epochs.get(brokerId) ?? -1,
      metadataOffset: options.metadataOffset ?? this.controller.logEndOffset,
      wantShutdown: options.wantShutdown ?? false,
    })) as Response<'HEARTBEAT'>;
  }

  /** Registers the brokers and unfences them with a caught-up heartbeat. */
  async addBrokers(ids: readonly number[]): Promise<void> {
    for (const id of ids) await this.register(id);
    for (const id of ids) assert.equal((await this.heartbeat(id)).fenced, false);
  }

  /** Heartbeats for `ids` every `everyMs` on the clock until the returned function is called. */
  keepAlive(ids: readonly number[], everyMs = 1000): () => void {
    const timer = this.clock.setInterval(() => {
      for (const id of ids) void this.heartbeat(id);
    }, everyMs);
    return () => timer.cancel();
  }

  createTopic(spec: Partial<CreateTopicSpec> & { name: string }, validateOnly = false) {
    return this.controller.createTopic(
      { numPartitions: -1, replicationFactor: -1, ...spec } as CreateTopicSpec,
      validateOnly,
    );
  }

  partition(topic: string, partition = 0): PartitionInfo {
    const p = this.controller.image.partition(topic, partition);
    assert.ok(p !== undefined, `${topic}-${partition} exists`);
    return p;
  }

  fenced(brokerId: number): boolean {
    return this.controller.image.brokers.get(brokerId)!.fenced;
  }

  async alter(
    from: number,
    topic: string,
    isr: readonly number[],
    overrides: Partial<Extract<ControllerRequest, { type: 'ALTER_PARTITION' }>> & {
      memberEpochs?: ReadonlyMap<number, number>;
    } = {},
  ): Promise<Response<'ALTER_PARTITION'>> {
    const p = this.partition(topic);
    const { memberEpochs, ...rest } = overrides;
    return (await this.call({
      type: 'ALTER_PARTITION',
      brokerId: from,
      brokerEpoch: this.epochs.get(from) ?? -1,
      topic,
      partition: 0,
      leaderEpoch: p.leaderEpoch,
      partitionEpoch: p.partitionEpoch,
      isrWithBrokerEpochs: isr.map((id) => ({
        brokerId: id,
        brokerEpoch: memberEpochs?.get(id) ?? this.epochs.get(id) ?? -1,
      })),
      ...rest,
    })) as Response<'ALTER_PARTITION'>;
  }
}

describe('Controller', function () {
  describe('broker registration', () => {
    it('gives each registration an epoch equal to the offset of its RegisterBroker record, increasing', async () => {
      const h = new Harness();
      const epochs = [await h.register(1), await h.register(2), await h.register(3)];
      assert.ok(epochs[0]! < epochs[1]! && epochs[1]! < epochs[2]!, `increasing: ${epochs}`);
      const registrations = logRecords(h.log).filter((r) => r.record.type === 'RegisterBroker');
      assert.deepEqual(
        registrations.map((r) => [r.record.type === 'RegisterBroker' && r.record.brokerId, r.offset]),
        [
          [1, epochs[0]],
          [2, epochs[1]],
          [3, epochs[2]],
        ],
      );
      for (const r of registrations) {
        assert.ok(r.record.type === 'RegisterBroker' && r.record.brokerEpoch === r.offset);
      }
      // A new registration starts fenced.
      assert.deepEqual(h.controller.image.liveBrokerIds(), []);
    });

    it('fences the old incarnation on re-registration: out of every ISR, leadership moved, old epoch stale', async () => {
      const h = new Harness();
      await h.addBrokers([1, 2, 3]);
      assert.equal(h.createTopic({ name: 't', assignments: [[1, 2, 3]] }).errorCode, ErrorCode.NONE);
      assert.equal(h.partition('t').leader, 1);
      const oldEpoch = h.epochs.get(1)!;

      const newEpoch = await h.register(1);

      assert.ok(newEpoch > oldEpoch);
      const p = h.partition('t');
      assert.equal(p.leader, 2);
      assert.deepEqual(p.isr, [2, 3]);
      assert.equal(p.leaderEpoch, 1);
      assert.equal(h.controller.image.brokers.get(1)!.brokerEpoch, newEpoch);
      assert.ok(h.fenced(1), 'the new incarnation starts fenced');
      const fence = logRecords(h.log).find((r) => r.record.type === 'FenceBroker');
      assert.deepEqual(fence?.record, { type: 'FenceBroker', brokerId: 1, brokerEpoch: oldEpoch });
      assert.ok(fence.offset < newEpoch, 'fenced before the new registration');
      const stale = await h.heartbeat(1, { brokerEpoch: oldEpoch });
      assert.equal(stale.errorCode, ErrorCode.STALE_BROKER_EPOCH);
    });

    it('unfences a broker only once its heartbeat reports metadata past its own registration', async () => {
      const h = new Harness();
      const epoch = await h.register(4);
      const early = await h.heartbeat(4, { metadataOffset: epoch });
      assert.equal(early.errorCode, ErrorCode.NONE);
      assert.equal(early.fenced, true);
      assert.ok(h.fenced(4));
      const caughtUp = await h.heartbeat(4, { metadataOffset: epoch + 1 });
      assert.equal(caughtUp.fenced, false);
      assert.ok(!h.fenced(4));
      assert.deepEqual(h.controller.image.liveBrokerIds(), [4]);
    });

    it('answers a heartbeat from an unknown broker or an unknown epoch with STALE_BROKER_EPOCH', async () => {
      const h = new Harness();
      assert.equal((await h.heartbeat(9, { brokerEpoch: 0 })).errorCode, ErrorCode.STALE_BROKER_EPOCH);
      const epoch = await h.register(1);
      assert.equal(
        (await h.heartbeat(1, { brokerEpoch: epoch + 1 })).errorCode,
        ErrorCode.STALE_BROKER_EPOCH,
      );
      assert.ok(h.fenced(1));
    });
  });

  describe('session expiry', () => {
    it('fences a broker exactly broker.session.timeout.ms after its last heartbeat', async () => {
      const h = new Harness();
      await h.addBrokers([1, 2, 3]);
      const stop = h.keepAlive([1, 2]);
      await h.clock.runFor(777);
      await h.heartbeat(3);
      const last = h.clock.now();
      await h.clock.runFor(9000 - 1);
      assert.ok(!h.fenced(3), 'still within its session');
      await h.clock.runFor(1);
      assert.ok(h.fenced(3), 'fenced when the session ran out');
      assert.equal(h.clock.now() - last, 9000);
      assert.ok(!h.fenced(1) && !h.fenced(2), 'heartbeating brokers stay unfenced');
      stop();
    });

    it('honours a configured session timeout and keeps heartbeating brokers alive indefinitely', async () => {
      const h = new Harness({ 'broker.session.timeout.ms': 3000, 'broker.heartbeat.interval.ms': 500 });
      await h.addBrokers([1, 2]);
      const stop = h.keepAlive([1], 500);
      await h.clock.runFor(2999);
      assert.ok(!h.fenced(2));
      await h.clock.runFor(1);
      assert.ok(h.fenced(2));
      await h.clock.runFor(60_000);
      assert.ok(!h.fenced(1));
      stop();
    });

    it('re-elects the leader from the ISR, and leaves the partition offline rather than elect outside it', async () => {
      const h = new Harness();
      await h.addBrokers([1, 2, 3]);
      h.createTopic({ name: 't', assignments: [[3, 1, 2]] });
      // Broker 2 falls out of the ISR.
      assert.equal((await h.alter(3, 't', [3, 1])).errorCode, ErrorCode.NONE);
      const stopBoth = h.keepAlive([1, 2]);
      await h.clock.runFor(9000);
      assert.ok(h.fenced(3));
      let p = h.partition('t');
      assert.equal(p.leader, 1, 'the first live ISR member in replica order');
      assert.deepEqual(p.isr, [1]);
      assert.equal(p.leaderEpoch, 1);
      stopBoth();

      const stop2 = h.keepAlive([2]);
      await h.clock.runFor(9000);
      assert.ok(h.fenced(1));
      p = h.partition('t');
      assert.equal(p.leader, -1, 'broker 2 is alive but out of sync: no unclean election');
      assert.deepEqual(p.isr, [1], 'the last ISR member stays in the ISR');
      assert.equal(p.leaderEpoch, 2);
      stop2();
    });

    it('answers an ISR change only once it is committed, and REQUEST_TIMED_OUT when it is not', async () => {
      const h = new Harness({ 'metadata.replication.wait.ms': 500 });
      await h.addBrokers([1, 2]);
      h.createTopic({ name: 't', assignments: [[1, 2]] });
      const p = h.partition('t');
      const request: ControllerRequest = {
        type: 'ALTER_PARTITION',
        brokerId: 1,
        brokerEpoch: h.epochs.get(1)!,
        topic: 't',
        partition: 0,
        leaderEpoch: p.leaderEpoch,
        partitionEpoch: p.partitionEpoch,
        isrWithBrokerEpochs: [{ brokerId: 1, brokerEpoch: h.epochs.get(1)! }],
      };
      const unanswered = (await h.call(request, false)) as Response<'ALTER_PARTITION'>;
      assert.equal(unanswered.errorCode, ErrorCode.REQUEST_TIMED_OUT, 'only the controller has the record');
      const again = h.partition('t');
      const answered = (await h.call({
        ...request,
        leaderEpoch: again.leaderEpoch,
        partitionEpoch: again.partitionEpoch,
      })) as Response<'ALTER_PARTITION'>;
      assert.equal(answered.errorCode, ErrorCode.NONE);
      assert.deepEqual(answered.isr, [1]);
    });

    it('elects a live out-of-sync replica with unclean.leader.election.enable, resetting the ISR to it', async () => {
      const h = new Harness({ 'unclean.leader.election.enable': true });
      await h.addBrokers([1, 2]);
      h.createTopic({ name: 't', assignments: [[1, 2]] });
      assert.equal((await h.alter(1, 't', [1])).errorCode, ErrorCode.NONE);
      const stop = h.keepAlive([2]);
      await h.clock.runFor(9000);
      const p = h.partition('t');
      assert.equal(p.leader, 2);
      assert.deepEqual(p.isr, [2]);
      stop();
    });

    it('applies the topic-level unclean.leader.election.enable over the controller default, both ways', async () => {
      const h = new Harness({ 'unclean.leader.election.enable': false });
      await h.addBrokers([1, 2]);
      h.createTopic({
        name: 'dirty',
        assignments: [[1, 2]],
        configs: { 'unclean.leader.election.enable': 'true' },
      });
      h.createTopic({ name: 'clean', assignments: [[1, 2]] });
      assert.equal((await h.alter(1, 'dirty', [1])).errorCode, ErrorCode.NONE);
      assert.equal((await h.alter(1, 'clean', [1])).errorCode, ErrorCode.NONE);
      const stop = h.keepAlive([2]);
      await h.clock.runFor(9000);
      assert.equal(h.partition('dirty').leader, 2);
      assert.equal(h.partition('clean').leader, -1);
      stop();

      const g = new Harness({ 'unclean.leader.election.enable': true });
      await g.addBrokers([1, 2]);
      g.createTopic({
        name: 'clean',
        assignments: [[1, 2]],
        configs: { 'unclean.leader.election.enable': 'false' },
      });
      assert.equal((await g.alter(1, 'clean', [1])).errorCode, ErrorCode.NONE);
      const stop2 = g.keepAlive([2]);
      await g.clock.runFor(9000);
      assert.equal(g.partition('clean').leader, -1);
      assert.deepEqual(g.partition('clean').isr, [1]);
      stop2();
    });

    it('brings an offline partition back under its last ISR member when that broker returns', async () => {
      const h = new Harness();
      await h.addBrokers([1, 2, 3]);
      h.createTopic({ name: 'a', assignments: [[1, 2]] });
      h.createTopic({ name: 'b', assignments: [[1, 3]] });
      assert.equal((await h.alter(1, 'a', [1])).errorCode, ErrorCode.NONE);
      assert.equal((await h.alter(1, 'b', [1])).errorCode, ErrorCode.NONE);
      const stop = h.keepAlive([2, 3]);
      await h.clock.runFor(9000);
      assert.equal(h.partition('a').leader, -1);
      assert.equal(h.partition('b').leader, -1);
      const offlineEpoch = h.partition('a').leaderEpoch;

      // Partition a: broker 1 restarts (a new incarnation); it leads again once unfenced.
      const epoch = await h.register(1);
      assert.equal(h.partition('a').leader, -1, 'not while the new incarnation is fenced');
      await h.heartbeat(1, { metadataOffset: epoch + 1 });
      assert.ok(!h.fenced(1));
      for (const t of ['a', 'b']) {
        const p = h.partition(t);
        assert.equal(p.leader, 1, `${t} is back`);
        assert.deepEqual(p.isr, [1]);
        assert.equal(p.leaderEpoch, offlineEpoch + 1);
      }
      stop();
    });

    it('brings the partition back when the same incarnation heartbeats again after expiring', async () => {
      const h = new Harness();
      await h.addBrokers([1, 2]);
      h.createTopic({ name: 'a', assignments: [[1, 2]] });
      assert.equal((await h.alter(1, 'a', [1])).errorCode, ErrorCode.NONE);
      const stop = h.keepAlive([2]);
      await h.clock.runFor(9000);
      assert.ok(h.fenced(1));
      assert.equal(h.partition('a').leader, -1);
      const hb = await h.heartbeat(1);
      assert.equal(hb.fenced, false);
      assert.equal(h.partition('a').leader, 1);
      stop();
    });

    it('never fences the broker hosting the controller', async () => {
      const h = new Harness();
      h.controller.stop();
      h.controller = new Controller({
        brokerId: 1,
        epoch: 2,
        clock: h.clock,
        random: h.random,
        log: h.log,
      });
      h.controller.start();
      await h.addBrokers([1, 2]);
      await h.clock.runFor(60_000);
      assert.ok(!h.fenced(1));
      assert.ok(h.fenced(2));
    });

    it('gives brokers alive under the previous controller a full session with a new one', async () => {
      const h = new Harness();
      await h.addBrokers([1, 2]);
      await h.clock.runFor(8000);
      h.controller.stop();
      h.controller = h.newController(2);
      await h.clock.runFor(8999);
      assert.ok(!h.fenced(1) && !h.fenced(2));
      await h.clock.runFor(1);
      assert.ok(h.fenced(1) && h.fenced(2));
    });
  });

  describe('controlled shutdown', () => {
    it('moves leadership off a broker asking to shut down and keeps it fenced while it does', async () => {
      const h = new Harness();
      await h.addBrokers([1, 2]);
      h.createTopic({ name: 't', assignments: [[1, 2]] });
      const r = (await h.controller.handle({
        type: 'CONTROLLED_SHUTDOWN',
        brokerId: 1,
        brokerEpoch: h.epochs.get(1)!,
      })) as Response<'HEARTBEAT'>;
      assert.equal(r.errorCode, ErrorCode.NONE);
      assert.equal(r.shouldShutDown, true);
      assert.equal(h.partition('t').leader, 2);
      assert.deepEqual(h.partition('t').isr, [2]);
      assert.equal((await h.heartbeat(1)).fenced, true, 'not unfenced while shutting down');
    });
  });

  describe('AlterPartition', () => {
    async function threeBrokers(): Promise<Harness> {
      const h = new Harness();
      await h.addBrokers([1, 2, 3]);
      h.createTopic({ name: 't', assignments: [[1, 2, 3]] });
      return h;
    }

    it('accepts a valid ISR change from the leader, bumping only the partition epoch', async () => {
      const h = await threeBrokers();
      const end = h.controller.logEndOffset;
      const shrink = await h.alter(1, 't', [1, 2]);
      assert.equal(shrink.errorCode, ErrorCode.NONE);
      assert.deepEqual(shrink.isr, [1, 2]);
      assert.equal(shrink.leaderEpoch, 0);
      assert.equal(shrink.partitionEpoch, 1);
      assert.deepEqual(h.partition('t').isr, [1, 2]);
      assert.equal(h.controller.logEndOffset, end + 1, 'one PartitionChange record');
      const expand = await h.alter(1, 't', [1, 2, 3]);
      assert.equal(expand.errorCode, ErrorCode.NONE);
      assert.equal(expand.partitionEpoch, 2);
      assert.equal(h.partition('t').leaderEpoch, 0);
      assert.deepEqual(h.partition('t').isr, [1, 2, 3]);
    });

    it('accepts members without a broker epoch (-1, older AlterPartition versions)', async () => {
      const h = await threeBrokers();
      const r = await h.alter(1, 't', [1, 2], { memberEpochs: new Map([[2, -1]]) });
      assert.equal(r.errorCode, ErrorCode.NONE);
    });

    it('rejects a request carrying a stale broker epoch of the sender with STALE_BROKER_EPOCH', async () => {
      const h = await threeBrokers();
      const old = h.epochs.get(1)!;
      const r = await h.alter(1, 't', [1, 2], { brokerEpoch: old - 1 });
      assert.equal(r.errorCode, ErrorCode.STALE_BROKER_EPOCH);
      const unknown = await h.alter(7, 't', [1, 2], { brokerEpoch: 0 });
      assert.equal(unknown.errorCode, ErrorCode.STALE_BROKER_EPOCH);
      assert.deepEqual(h.partition('t').isr, [1, 2, 3], 'nothing changed');
    });

    it('rejects a deposed leader with FENCED_LEADER_EPOCH', async () => {
      const h = await threeBrokers();
      await h.register(1); // a restart: leadership moves to 2 at epoch 1
      await h.heartbeat(1);
      assert.equal(h.partition('t').leader, 2);
      const r = await h.alter(1, 't', [1, 2], { leaderEpoch: 0 });
      assert.equal(r.errorCode, ErrorCode.FENCED_LEADER_EPOCH);
      assert.equal(r.leaderEpoch, 1, 'the answer carries the current epochs');
    });

    it('rejects a follower with INVALID_REQUEST, as Kafka does', async () => {
      const h = await threeBrokers();
      const r = await h.alter(2, 't', [2, 3]);
      assert.equal(r.errorCode, ErrorCode.INVALID_REQUEST);
    });

    it('answers NOT_CONTROLLER to leader or partition epochs ahead of its own (this controller is behind)', async () => {
      const h = await threeBrokers();
      const p = h.partition('t');
      const leaderAhead = await h.alter(1, 't', [1, 2], { leaderEpoch: p.leaderEpoch + 1 });
      assert.equal(leaderAhead.errorCode, ErrorCode.NOT_CONTROLLER);
      const partitionAhead = await h.alter(1, 't', [1, 2], { partitionEpoch: p.partitionEpoch + 1 });
      assert.equal(partitionAhead.errorCode, ErrorCode.NOT_CONTROLLER);
      assert.deepEqual(h.partition('t').isr, [1, 2, 3], 'nothing changed');
    });

    it('rejects a stale partition epoch with INVALID_UPDATE_VERSION', async () => {
      const h = await threeBrokers();
      assert.equal((await h.alter(1, 't', [1, 2])).errorCode, ErrorCode.NONE);
      const r = await h.alter(1, 't', [1, 2, 3], { partitionEpoch: 0 });
      assert.equal(r.errorCode, ErrorCode.INVALID_UPDATE_VERSION);
      assert.deepEqual(h.partition('t').isr, [1, 2]);
    });

    it('rejects an ISR holding a fenced broker with INELIGIBLE_REPLICA', async () => {
      const h = await threeBrokers();
      assert.equal((await h.alter(1, 't', [1, 2])).errorCode, ErrorCode.NONE);
      const stop = h.keepAlive([1, 2]);
      await h.clock.runFor(9000);
      assert.ok(h.fenced(3));
      const r = await h.alter(1, 't', [1, 2, 3]);
      assert.equal(r.errorCode, ErrorCode.INELIGIBLE_REPLICA);
      stop();
    });

    it('rejects a member named with the broker epoch of an earlier incarnation with INELIGIBLE_REPLICA (KIP-903)', async () => {
      const h = await threeBrokers();
      const oldEpoch = h.epochs.get(3)!;
      await h.register(3); // restarted, possibly with an empty log
      await h.heartbeat(3);
      assert.ok(!h.fenced(3));
      const r = await h.alter(1, 't', [1, 2, 3], { memberEpochs: new Map([[3, oldEpoch]]) });
      assert.equal(r.errorCode, ErrorCode.INELIGIBLE_REPLICA);
      const ok = await h.alter(1, 't', [1, 2, 3]);
      assert.equal(ok.errorCode, ErrorCode.NONE);
      assert.deepEqual(ok.isr, [1, 2, 3]);
    });

    it('rejects a member in controlled shutdown with INELIGIBLE_REPLICA', async () => {
      const h = await threeBrokers();
      assert.equal((await h.alter(1, 't', [1, 2])).errorCode, ErrorCode.NONE);
      await h.heartbeat(3, { wantShutdown: true });
      const r = await h.alter(1, 't', [1, 2, 3]);
      assert.equal(r.errorCode, ErrorCode.INELIGIBLE_REPLICA);
    });

    it('rejects an ISR without the leader, with a non-replica or with a duplicate member as INVALID_REQUEST', async () => {
      const h = new Harness();
      await h.addBrokers([1, 2, 3, 4]);
      h.createTopic({ name: 't', assignments: [[1, 2, 3]] });
      assert.equal((await h.alter(1, 't', [2, 3])).errorCode, ErrorCode.INVALID_REQUEST);
      assert.equal((await h.alter(1, 't', [1, 4])).errorCode, ErrorCode.INVALID_REQUEST);
      assert.equal((await h.alter(1, 't', [1, 2, 2])).errorCode, ErrorCode.INVALID_REQUEST);
      assert.deepEqual(h.partition('t').isr, [1, 2, 3]);
      assert.equal(h.partition('t').partitionEpoch, 0);
    });

    it('answers UNKNOWN_TOPIC_OR_PARTITION for a partition that does not exist', async () => {
      const h = await threeBrokers();
      const r = await h.alter(1, 't', [1], { partition: 5 });
      assert.equal(r.errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    });
  });

  describe('createTopic', () => {
    async function cluster(n = 3, config: Partial<ControllerConfig> = {}): Promise<Harness> {
      const h = new Harness(config);
      await h.addBrokers(Array.from({ length: n }, (_, i) => i + 1));
      return h;
    }

    it('refuses illegal names with INVALID_TOPIC_EXCEPTION and accepts the longest legal one', async () => {
      const h = await cluster();
      for (const name of ['', '.', '..', 'a b', 'tópico', 'a/b', 'x'.repeat(topicNameLengthMax + 1)]) {
        const r = h.createTopic({ name, numPartitions: 1, replicationFactor: 1 });
        assert.equal(r.errorCode, ErrorCode.INVALID_TOPIC_EXCEPTION, JSON.stringify(name));
      }
      const ok = h.createTopic({
        name: 'x'.repeat(topicNameLengthMax),
        numPartitions: 1,
        replicationFactor: 1,
      });
      assert.equal(ok.errorCode, ErrorCode.NONE);
      assert.equal(h.controller.image.topicsByName.size, 1);
    });

    it('refuses to create the metadata topic itself with INVALID_REQUEST', async () => {
      const h = await cluster();
      const end = h.controller.logEndOffset;
      const r = h.createTopic({ name: '__cluster_metadata', numPartitions: 1, replicationFactor: 1 });
      assert.equal(r.errorCode, ErrorCode.INVALID_REQUEST);
      assert.equal(h.controller.logEndOffset, end);
    });

    it("refuses a name that collides with an existing topic's once '.' and '_' are equated", async () => {
      const h = await cluster();
      assert.equal(h.createTopic({ name: 'a.b' }).errorCode, ErrorCode.NONE);
      const r = h.createTopic({ name: 'a_b' });
      assert.equal(r.errorCode, ErrorCode.INVALID_TOPIC_EXCEPTION);
      assert.match(r.errorMessage ?? '', /collides/);
      assert.equal(h.controller.image.topicsByName.has('a_b'), false);
    });

    it('uses num.partitions and default.replication.factor for -1 and balances leaders', async () => {
      const h = await cluster(3, { 'num.partitions': 6, 'default.replication.factor': 2 });
      const r = h.createTopic({ name: 't' });
      assert.equal(r.errorCode, ErrorCode.NONE);
      assert.equal(r.numPartitions, 6);
      assert.equal(r.replicationFactor, 2);
      assert.equal(r.topicId?.length, 22);
      const topic = h.controller.image.topicsByName.get('t')!;
      assert.equal(topic.topicId, r.topicId);
      const leaders = new Map<number, number>();
      for (const p of topic.partitions) {
        assert.equal(new Set(p.replicas).size, 2);
        assert.deepEqual(p.isr, p.replicas);
        assert.equal(p.leader, p.replicas[0]);
        assert.equal(p.leaderEpoch, 0);
        assert.equal(p.partitionEpoch, 0);
        leaders.set(p.leader, (leaders.get(p.leader) ?? 0) + 1);
      }
      assert.deepEqual([...leaders.values()], [2, 2, 2]);
    });

    it('refuses bad partition counts and replication factors', async () => {
      const h = await cluster();
      const cases: [Partial<CreateTopicSpec>, number][] = [
        [{ numPartitions: 0, replicationFactor: 1 }, ErrorCode.INVALID_PARTITIONS],
        [{ numPartitions: -2, replicationFactor: 1 }, ErrorCode.INVALID_PARTITIONS],
        [{ numPartitions: 1, replicationFactor: 0 }, ErrorCode.INVALID_REPLICATION_FACTOR],
        [{ numPartitions: 1, replicationFactor: -3 }, ErrorCode.INVALID_REPLICATION_FACTOR],
        [{ numPartitions: 1, replicationFactor: 4 }, ErrorCode.INVALID_REPLICATION_FACTOR],
      ];
      for (const [spec, code] of cases) {
        assert.equal(h.createTopic({ name: 't', ...spec }).errorCode, code, JSON.stringify(spec));
      }
      assert.equal(h.controller.image.topicsByName.size, 0);
    });

    it('counts only unfenced brokers for the replication factor', async () => {
      const h = await cluster(3);
      await h.register(3); // re-registered, fenced until it catches up
      const r = h.createTopic({ name: 't', numPartitions: 1, replicationFactor: 3 });
      assert.equal(r.errorCode, ErrorCode.INVALID_REPLICATION_FACTOR);
      assert.match(r.errorMessage ?? '', /available brokers 2/);
      const two = h.createTopic({ name: 't', numPartitions: 4, replicationFactor: 2 });
      assert.equal(two.errorCode, ErrorCode.NONE);
      for (const p of h.controller.image.topicsByName.get('t')!.partitions) {
        assert.ok(!p.replicas.includes(3));
      }
    });

    it('follows an explicit assignment, leading with the first live replica of each', async () => {
      const h = await cluster(3);
      await h.register(2); // fenced
      const r = h.createTopic({
        name: 't',
        assignments: [
          [3, 1],
          [2, 3],
        ],
      });
      assert.equal(r.errorCode, ErrorCode.NONE);
      assert.equal(r.numPartitions, 2);
      assert.equal(r.replicationFactor, 2);
      assert.deepEqual(h.partition('t', 0).replicas, [3, 1]);
      assert.equal(h.partition('t', 0).leader, 3);
      assert.deepEqual(h.partition('t', 1).replicas, [2, 3]);
      assert.equal(h.partition('t', 1).leader, 3, 'broker 2 is fenced');
      assert.deepEqual(h.partition('t', 1).isr, [3]);
    });

    it('refuses invalid explicit assignments with INVALID_REPLICA_ASSIGNMENT', async () => {
      const h = await cluster(3);
      const bad: number[][][] = [[[]], [[1, 1]], [[1, 9]], [[1, 2], [3]], [[-1]]];
      for (const assignments of bad) {
        const r = h.createTopic({ name: 't', assignments });
        assert.equal(r.errorCode, ErrorCode.INVALID_REPLICA_ASSIGNMENT, JSON.stringify(assignments));
      }
      assert.equal(h.controller.image.topicsByName.size, 0);
    });

    it('validates configs, min.insync.replicas included, naming the key', async () => {
      const h = await cluster();
      const bad: Record<string, string>[] = [
        { 'min.insync.replicas': '0' },
        { 'min.insync.replicas': '-1' },
        { 'min.insync.replicas': 'two' },
        { 'unclean.leader.election.enable': 'yes' },
        { 'retention.ms': 'soon' },
        { 'cleanup.policy': 'shred' },
        { 'no.such.config': '1' },
      ];
      for (const configs of bad) {
        const r = h.createTopic({ name: 't', numPartitions: 1, replicationFactor: 1, configs });
        assert.equal(r.errorCode, ErrorCode.INVALID_CONFIG, JSON.stringify(configs));
        assert.ok(r.errorMessage?.includes(Object.keys(configs)[0]!), r.errorMessage ?? '');
      }
      assert.equal(h.controller.image.topicsByName.size, 0);
      const ok = h.createTopic({
        name: 't',
        numPartitions: 1,
        replicationFactor: 3,
        configs: { 'min.insync.replicas': '2', 'cleanup.policy': 'compact', 'retention.ms': '1000' },
      });
      assert.equal(ok.errorCode, ErrorCode.NONE);
      assert.deepEqual([...h.controller.image.topicsByName.get('t')!.configs].sort(), [
        ['cleanup.policy', 'compact'],
        ['min.insync.replicas', '2'],
        ['retention.ms', '1000'],
      ]);
    });

    it('refuses an existing name with TOPIC_ALREADY_EXISTS', async () => {
      const h = await cluster();
      const first = h.createTopic({ name: 't', numPartitions: 2, replicationFactor: 1 });
      const second = h.createTopic({ name: 't', numPartitions: 5, replicationFactor: 1 });
      assert.equal(second.errorCode, ErrorCode.TOPIC_ALREADY_EXISTS);
      assert.equal(h.controller.image.topicsByName.get('t')!.topicId, first.topicId);
      assert.equal(h.controller.image.topicsByName.get('t')!.partitions.length, 2);
    });

    it('writes nothing with validateOnly but still validates and reports the layout', async () => {
      const h = await cluster();
      const end = h.controller.logEndOffset;
      const ok = h.createTopic({ name: 't', numPartitions: 4, replicationFactor: 2 }, true);
      assert.equal(ok.errorCode, ErrorCode.NONE);
      assert.equal(ok.numPartitions, 4);
      assert.equal(ok.replicationFactor, 2);
      const bad = h.createTopic({ name: 'u', numPartitions: 1, replicationFactor: 9 }, true);
      assert.equal(bad.errorCode, ErrorCode.INVALID_REPLICATION_FACTOR);
      assert.equal(h.controller.logEndOffset, end);
      assert.equal(h.controller.image.topicsByName.size, 0);
    });

    it('answers CREATE_TOPICS per topic, with the log end covering the records', async () => {
      const h = await cluster();
      const r = (await h.call({
        type: 'CREATE_TOPICS',
        topics: [
          { name: 'good', numPartitions: 2, replicationFactor: 2 },
          { name: 'bad name', numPartitions: 1, replicationFactor: 1 },
        ],
        validateOnly: false,
      })) as Response<'RESULTS'>;
      assert.deepEqual(
        r.results.map((x) => x.errorCode),
        [ErrorCode.NONE, ErrorCode.INVALID_TOPIC_EXCEPTION],
      );
      assert.equal(r.logEndOffset, h.controller.logEndOffset);
      assert.ok(logRecords(h.log).some((x) => x.record.type === 'Topic' && x.record.name === 'good'));
    });
  });

  describe('createPartitions', () => {
    it('adds partitions with the same replication factor on live brokers, leaving the old ones alone', async () => {
      const h = new Harness();
      await h.addBrokers([1, 2, 3]);
      h.createTopic({ name: 't', numPartitions: 2, replicationFactor: 2 });
      const before = h.controller.image.topicsByName.get('t')!.partitions.map((p) => ({ ...p }));
      assert.equal(h.controller.createPartitions('t', 5, false).errorCode, ErrorCode.NONE);
      const parts = h.controller.image.topicsByName.get('t')!.partitions;
      assert.equal(parts.length, 5);
      assert.deepEqual(
        parts.slice(0, 2).map((p) => ({ ...p })),
        before,
      );
      for (const p of parts.slice(2)) {
        assert.equal(p.replicas.length, 2);
        assert.equal(new Set(p.replicas).size, 2);
        assert.deepEqual(p.isr, p.replicas);
        assert.equal(p.leader, p.replicas[0]);
      }
    });

    it('refuses shrinking, the same count, unknown topics and too few live brokers; validateOnly writes nothing', async () => {
      const h = new Harness();
      await h.addBrokers([1, 2, 3]);
      h.createTopic({ name: 't', numPartitions: 3, replicationFactor: 3 });
      assert.equal(h.controller.createPartitions('t', 2, false).errorCode, ErrorCode.INVALID_PARTITIONS);
      assert.equal(h.controller.createPartitions('t', 3, false).errorCode, ErrorCode.INVALID_PARTITIONS);
      assert.equal(
        h.controller.createPartitions('nope', 4, false).errorCode,
        ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
      );
      const end = h.controller.logEndOffset;
      assert.equal(h.controller.createPartitions('t', 6, true).errorCode, ErrorCode.NONE);
      assert.equal(h.controller.logEndOffset, end);
      assert.equal(h.controller.image.topicsByName.get('t')!.partitions.length, 3);
      await h.register(3); // fenced: two live brokers for RF 3
      assert.equal(
        h.controller.createPartitions('t', 4, false).errorCode,
        ErrorCode.INVALID_REPLICATION_FACTOR,
      );
    });
  });

  describe('deleteTopic', () => {
    it('removes the topic and its configs; a re-created topic gets a new id and fresh configs', async () => {
      const h = new Harness();
      await h.addBrokers([1, 2]);
      const first = h.createTopic({
        name: 't',
        numPartitions: 2,
        replicationFactor: 2,
        configs: { 'retention.ms': '1000' },
      });
      const del = h.controller.deleteTopic('t');
      assert.equal(del.errorCode, ErrorCode.NONE);
      assert.equal(del.topicId, first.topicId);
      assert.equal(h.controller.image.topicsByName.has('t'), false);
      assert.equal(h.controller.image.topicsById.has(first.topicId!), false);
      assert.equal(h.controller.deleteTopic('t').errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      const again = h.createTopic({ name: 't', numPartitions: 1, replicationFactor: 1 });
      assert.notEqual(again.topicId, first.topicId);
      assert.equal(h.controller.image.topicsByName.get('t')!.configs.size, 0);
      assert.equal(h.controller.image.topicsByName.get('t')!.partitions.length, 1);
    });
  });

  describe('alterConfigs', () => {
    it('applies or refuses all changes of one resource together, independently of other resources', async () => {
      const h = new Harness();
      await h.addBrokers([1]);
      h.createTopic({ name: 'a', configs: { 'retention.ms': '1000', 'segment.ms': '5000' } });
      h.createTopic({ name: 'b' });
      const changes: ConfigChange[] = [
        { resourceType: 'topic', resourceName: 'a', key: 'retention.ms', value: '2000' },
        { resourceType: 'topic', resourceName: 'b', key: 'retention.ms', value: '3000' },
        { resourceType: 'topic', resourceName: 'a', key: 'min.insync.replicas', value: '0' },
        { resourceType: 'topic', resourceName: 'nope', key: 'retention.ms', value: '1' },
      ];
      const results = h.controller.alterConfigs(changes, false);
      assert.deepEqual(
        results.map((r) => [r.name, r.errorCode]),
        [
          ['a', ErrorCode.INVALID_CONFIG],
          ['b', ErrorCode.NONE],
          ['nope', ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
        ],
      );
      assert.equal(h.controller.image.topicsByName.get('a')!.configs.get('retention.ms'), '1000');
      assert.equal(h.controller.image.topicsByName.get('a')!.configs.has('min.insync.replicas'), false);
      assert.equal(h.controller.image.topicsByName.get('b')!.configs.get('retention.ms'), '3000');
    });

    it('elects a leader for an offline partition when unclean.leader.election.enable is turned on for its topic', async () => {
      const h = new Harness();
      await h.addBrokers([1, 2]);
      h.createTopic({ name: 't', assignments: [[1, 2]] });
      assert.equal((await h.alter(1, 't', [1])).errorCode, ErrorCode.NONE);
      const stop = h.keepAlive([2]);
      await h.clock.runFor(9000);
      assert.equal(h.partition('t').leader, -1);
      const dry = h.controller.alterConfigs(
        [{ resourceType: 'topic', resourceName: 't', key: 'unclean.leader.election.enable', value: 'true' }],
        true,
      );
      assert.equal(dry[0]!.errorCode, ErrorCode.NONE);
      assert.equal(h.partition('t').leader, -1, 'not with validateOnly');
      h.controller.alterConfigs(
        [{ resourceType: 'topic', resourceName: 't', key: 'unclean.leader.election.enable', value: 'true' }],
        false,
      );
      assert.equal(h.partition('t').leader, 2);
      assert.deepEqual(h.partition('t').isr, [2]);
      stop();
    });

    it('deletes a config with a null value and writes nothing with validateOnly', async () => {
      const h = new Harness();
      await h.addBrokers([1]);
      h.createTopic({ name: 'a', configs: { 'retention.ms': '1000', 'segment.ms': '5000' } });
      const end = h.controller.logEndOffset;
      const dry = h.controller.alterConfigs(
        [{ resourceType: 'topic', resourceName: 'a', key: 'retention.ms', value: null }],
        true,
      );
      assert.equal(dry[0]!.errorCode, ErrorCode.NONE);
      assert.equal(h.controller.logEndOffset, end);
      h.controller.alterConfigs(
        [{ resourceType: 'topic', resourceName: 'a', key: 'retention.ms', value: null }],
        false,
      );
      assert.deepEqual([...h.controller.image.topicsByName.get('a')!.configs], [['segment.ms', '5000']]);
    });
  });

  describe('producer id blocks', () => {
    it('hands out disjoint blocks, continuing after the last one under a new controller on the same log', async () => {
      const h = new Harness({ 'producer.id.block.size': 1000 });
      await h.addBrokers([1, 2]);
      const allocate = async (id: number): Promise<Response<'PRODUCER_IDS'>> =>
        (await h.call({
          type: 'ALLOCATE_PRODUCER_IDS',
          brokerId: id,
          brokerEpoch: h.epochs.get(id)!,
        })) as Response<'PRODUCER_IDS'>;
      const blocks = [await allocate(1), await allocate(2), await allocate(1)];
      assert.deepEqual(
        blocks.map((b) => [b.errorCode, b.firstProducerId, b.count]),
        [
          [0, 0, 1000],
          [0, 1000, 1000],
          [0, 2000, 1000],
        ],
      );
      // The controller stops; a new one (epoch 2) starts on the same log reopened from disk.
      h.controller.stop();
      h.log.close();
      h.log = h.openLog(metadataDir);
      h.controller = h.newController(2);
      await h.heartbeat(1);
      await h.heartbeat(2);
      const next = await allocate(2);
      assert.equal(next.firstProducerId, 3000);
      const stale = (await h.call({
        type: 'ALLOCATE_PRODUCER_IDS',
        brokerId: 1,
        brokerEpoch: h.epochs.get(1)! + 1,
      })) as Response<'PRODUCER_IDS'>;
      assert.equal(stale.errorCode, ErrorCode.STALE_BROKER_EPOCH);
      assert.equal(h.controller.image.nextProducerId, 4000, 'a refused request allocates nothing');
    });
  });

  describe('replay', () => {
    it('rebuilds an identical image from the same log under a new controller', async () => {
      const h = new Harness();
      await h.addBrokers([1, 2, 3]);
      h.createTopic({ name: 'a', numPartitions: 3, replicationFactor: 3, configs: { 'retention.ms': '9' } });
      h.createTopic({ name: 'b', assignments: [[2, 3]] });
      h.createTopic({ name: 'gone', numPartitions: 1, replicationFactor: 1 });
      assert.equal((await h.alter(2, 'b', [2])).errorCode, ErrorCode.NONE);
      h.controller.createPartitions('a', 5, false);
      h.controller.deleteTopic('gone');
      h.controller.alterConfigs(
        [
          { resourceType: 'topic', resourceName: 'a', key: 'retention.ms', value: null },
          { resourceType: 'broker', resourceName: '1', key: 'log.retention.ms', value: '5' },
        ],
        false,
      );
      await h.call({ type: 'ALLOCATE_PRODUCER_IDS', brokerId: 3, brokerEpoch: h.epochs.get(3)! });
      await h.register(2); // fences the old incarnation of 2, moving leaders
      const stop = h.keepAlive([2, 3]);
      await h.clock.runFor(9000); // 1 expires
      stop();
      const before = snapshot(h.controller);

      h.controller.stop();
      h.log.close();
      h.log = h.openLog(metadataDir);
      const replayed = h.newController(2);
      assert.deepEqual(snapshot(replayed), before);
    });
  });

  describe('epochs', () => {
    it('refuses to start with an epoch not above every epoch already in the log (STALE_CONTROLLER_EPOCH)', async () => {
      const h = new Harness({}, 3);
      await h.addBrokers([1]);
      h.controller.stop();
      for (const epoch of [2, 3]) {
        assert.throws(
          () => h.newController(epoch),
          (e: unknown) => KafkaError.is(e, 'STALE_CONTROLLER_EPOCH'),
          `epoch ${epoch}`,
        );
      }
      const end = h.log.logEndOffset;
      h.controller = h.newController(4);
      await h.heartbeat(1);
      assert.equal(h.createTopic({ name: 't' }).errorCode, ErrorCode.NONE);
      assert.ok(h.log.logEndOffset > end);
      assert.equal(h.log.leaderEpochCache.latestEpoch(), 4, 'its batches carry its epoch');
    });
  });

  describe('metadata fetch', () => {
    async function fetch(
      h: Harness,
      brokerId: number,
      fetchOffset: number,
      lastFetchedEpoch: number,
      maxWaitMs = 0,
    ): Promise<Response<'METADATA'>> {
      return (await h.controller.handle({
        type: 'FETCH_METADATA',
        brokerId,
        fetchOffset,
        lastFetchedEpoch,
        maxWaitMs,
      })) as Response<'METADATA'>;
    }

    it('returns the records from the fetch offset, stamped with the controller epoch', async () => {
      const h = new Harness();
      await h.addBrokers([1]);
      const r = await fetch(h, 1, 0, -1);
      assert.equal(r.errorCode, ErrorCode.NONE);
      assert.equal(r.controllerEpoch, 1);
      assert.equal(r.logEndOffset, h.controller.logEndOffset);
      assert.deepEqual(
        decodeAll(r.records).map((x) => x.record.type),
        ['RegisterBroker', 'UnfenceBroker'],
      );
    });

    it('long-polls at the log end until a write wakes it, or for maxWaitMs', async () => {
      const h = new Harness();
      await h.addBrokers([1]);
      const end = h.controller.logEndOffset;
      const got: { woken?: Response<'METADATA'>; quiet?: Response<'METADATA'> } = {};
      // Read through a function: the answers arrive in callbacks the type checker cannot follow.
      const answer = (k: 'woken' | 'quiet'): Response<'METADATA'> | undefined => got[k];
      void fetch(h, 1, end, 1, 500).then((r) => (got.woken = r));
      await h.clock.runFor(499);
      assert.equal(answer('woken'), undefined, 'waiting for news');
      h.createTopic({ name: 't' });
      await h.clock.runFor(0);
      const woken = answer('woken');
      assert.ok(woken !== undefined, 'woken by the write');
      assert.equal(decodeAll(woken.records)[0]!.record.type, 'Topic');
      assert.equal(decodeAll(woken.records)[0]!.offset, end);

      const quietEnd = h.controller.logEndOffset;
      void fetch(h, 1, quietEnd, 1, 500).then((r) => (got.quiet = r));
      await h.clock.runFor(499);
      assert.equal(answer('quiet'), undefined);
      await h.clock.runFor(1);
      const quiet = answer('quiet');
      assert.ok(quiet !== undefined, 'answered after maxWaitMs');
      assert.equal(quiet.records.length, 0);
      assert.equal(quiet.logEndOffset, quietEnd);
    });

    it('answers CreateTopics once a majority of the brokers (the controller among them) has fetched the records', async () => {
      const h = new Harness({ 'metadata.replication.wait.ms': 60_000 });
      await h.addBrokers([1, 2, 3, 4]); // voters: 1..4 and the controller's own broker: a majority is 3
      let answered = false;
      const pending = h.controller
        .handle({
          type: 'CREATE_TOPICS',
          topics: [{ name: 't', numPartitions: 1, replicationFactor: 1 }],
          validateOnly: false,
        })
        .then((r) => {
          answered = true;
          return r as Response<'RESULTS'>;
        });
      await h.clock.runFor(10);
      assert.equal(answered, false);
      const end = h.controller.logEndOffset;
      await fetch(h, 1, end, 1);
      await h.clock.runFor(10);
      assert.equal(answered, false, 'two of five have the records');
      await fetch(h, 2, end, 1);
      await h.clock.runFor(0);
      assert.equal(answered, true, 'three of five: committed, brokers 3 and 4 still behind');
      assert.equal((await pending).results[0]!.errorCode, ErrorCode.NONE);
    });

    it('answers REQUEST_TIMED_OUT (and keeps per-topic errors) when a write does not commit in time', async () => {
      const h = new Harness({ 'metadata.replication.wait.ms': 500 });
      await h.addBrokers([1, 2]);
      const r = (await h.call(
        {
          type: 'CREATE_TOPICS',
          topics: [
            { name: 'ok', numPartitions: 1, replicationFactor: 1 },
            { name: 'bad/name', numPartitions: 1, replicationFactor: 1 },
          ],
          validateOnly: false,
        },
        false,
      )) as Response<'RESULTS'>;
      assert.equal(r.results[0]!.errorCode, ErrorCode.REQUEST_TIMED_OUT);
      assert.match(r.results[0]!.errorMessage ?? '', /1 of 3 brokers fetched it/);
      assert.equal(r.results[1]!.errorCode, ErrorCode.INVALID_TOPIC_EXCEPTION);
      assert.ok(h.controller.image.topicsByName.has('ok'), 'the write stays in the log and may still commit');
    });

    it('refuses a producer-id block that does not commit in time, so no block is used before it is durable', async () => {
      const h = new Harness({ 'metadata.replication.wait.ms': 500 });
      await h.addBrokers([1, 2]);
      const r = (await h.call(
        { type: 'ALLOCATE_PRODUCER_IDS', brokerId: 1, brokerEpoch: h.epochs.get(1)! },
        false,
      )) as Response<'PRODUCER_IDS'>;
      assert.equal(r.errorCode, ErrorCode.REQUEST_TIMED_OUT);
      assert.equal(r.count, 0);
    });

    it('answers NOT_CONTROLLER to writes waiting for commit when the controller stops', async () => {
      const h = new Harness({ 'metadata.replication.wait.ms': 60_000 });
      await h.addBrokers([1, 2]);
      const pending = h.controller.handle({
        type: 'CREATE_TOPICS',
        topics: [{ name: 't', numPartitions: 1, replicationFactor: 1 }],
        validateOnly: false,
      });
      await h.clock.runFor(10);
      h.controller.stop();
      const r = (await pending) as Response<'RESULTS'>;
      assert.equal(r.results[0]!.errorCode, ErrorCode.NOT_CONTROLLER);
    });

    it('tells a broker that fetched records the new controller never had where its log diverges', async () => {
      const h = new Harness();
      await h.addBrokers([1, 2]);
      h.createTopic({ name: 'kept' });
      // The new controller's host copied the log this far...
      const copied = h.controller.logEndOffset;
      const newLog = h.openLog('/other/__cluster_metadata-0');
      newLog.appendAsFollower(h.log.read(0, 1 << 20).bytes);
      assert.equal(newLog.logEndOffset, copied);
      // ...while the old controller went on writing records a third broker fetched.
      h.createTopic({ name: 'lost' });
      h.controller.alterConfigs(
        [{ resourceType: 'topic', resourceName: 'kept', key: 'retention.ms', value: '1' }],
        false,
      );
      const brokerEnd = h.controller.logEndOffset;
      h.controller.stop();

      h.controller = h.newController(2, {}, newLog);
      h.createTopic({ name: 'new' });
      const diverged = await fetch(h, 1, brokerEnd, 1);
      assert.equal(diverged.errorCode, ErrorCode.NONE);
      assert.deepEqual(diverged.divergingEpoch, { epoch: 1, endOffset: copied });
      assert.equal(diverged.records.length, 0);

      // From the common prefix on, the broker gets the new controller's records.
      const resumed = await fetch(h, 1, copied, 1);
      assert.equal(resumed.divergingEpoch, undefined);
      assert.deepEqual(
        decodeAll(resumed.records).map((x) => x.record.type === 'Topic' && x.record.name),
        ['new', false],
      );
      assert.equal(h.controller.image.topicsByName.has('lost'), false);
    });

    it('answers OFFSET_OUT_OF_RANGE for a fetch offset past the log end without an epoch', async () => {
      const h = new Harness();
      await h.addBrokers([1]);
      const r = await fetch(h, 1, h.controller.logEndOffset + 5, -1);
      assert.equal(r.errorCode, ErrorCode.OFFSET_OUT_OF_RANGE);
      assert.equal(r.logEndOffset, h.controller.logEndOffset);
    });

    it('answers NOT_CONTROLLER once stopped', async () => {
      const h = new Harness();
      h.controller.stop();
      const r = await fetch(h, 1, 0, -1);
      assert.equal(r.errorCode, ErrorCode.NOT_CONTROLLER);
    });
  });
});
