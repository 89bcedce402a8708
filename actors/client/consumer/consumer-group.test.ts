import assert from 'node:assert/strict';
import { stringSerde } from '../../../core/serdes/index.ts';
import { Consumer, type ConsumerConfig, type ConsumerRecord, type TopicPartition } from './index.ts';
import { drive, until } from './test-support/drive.ts';
import { FakeCluster } from './test-support/fake-cluster.ts';

type Config = ConsumerConfig<string, string>;

/** A consumer polling in the background, collecting what it receives. */
class Member {
  readonly consumer: Consumer<string, string>;
  readonly received: ConsumerRecord<string, string>[] = [];
  /** While true the loop does not poll (a stuck application). */
  stalled = false;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private readonly cluster: FakeCluster;

  constructor(cluster: FakeCluster, config: Config) {
    this.cluster = cluster;
    this.consumer = new Consumer<string, string>(
      { 'key.deserializer': stringSerde(), 'value.deserializer': stringSerde(), ...config },
      { connectionFactory: cluster, clock: cluster.clock },
    );
  }

  start(topics: readonly string[] | RegExp): this {
    this.consumer.subscribe(topics as string[]);
    this.loop = (async () => {
      while (!this.stopped && !this.consumer.closed) {
        if (this.stalled) {
          await new Promise<void>((resolve) => this.cluster.clock.setTimeout(resolve, 100));
          continue;
        }
        this.received.push(...(await this.consumer.poll(500)));
      }
    })();
    return this;
  }

  assignment(): string[] {
    return this.consumer.assignment().map((tp) => `${tp.topic}-${tp.partition}`);
  }

  values(): string[] {
    return this.received.map((r) => r.value!);
  }

  async close(): Promise<void> {
    this.stopped = true;
    await drive(this.cluster.clock, this.consumer.close());
    if (this.loop !== undefined) await drive(this.cluster.clock, this.loop);
  }
}

function allValues(topic: string, partitions: number, perPartition: number, from = 0): string[] {
  const out: string[] = [];
  for (let p = 0; p < partitions; p++)
    for (let i = from; i < from + perPartition; i++) out.push(`${topic}-${p}-${i}`);
  return out.sort();
}

function covers(received: readonly string[], expected: readonly string[]): boolean {
  const set = new Set(received);
  return expected.every((v) => set.has(v));
}

describe('Consumer (group membership)', () => {
  let cluster: FakeCluster;
  const members: Member[] = [];
  function member(config: Config): Member {
    const m = new Member(cluster, { 'auto.offset.reset': 'earliest', ...config });
    members.push(m);
    return m;
  }

  beforeEach(() => {
    cluster = new FakeCluster({ brokers: 2 });
    cluster.createTopic('t', 4);
    for (let p = 0; p < 4; p++) cluster.produceValues('t', p, 10);
  });

  afterEach(async () => {
    for (const m of members.splice(0)) await m.close();
  });

  it('two members split the partitions; when one leaves the other takes over and nothing is lost', async () => {
    const a = member({ 'group.id': 'g' }).start(['t']);
    const b = member({ 'group.id': 'g' }).start(['t']);
    await until(cluster.clock, () => a.assignment().length === 2 && b.assignment().length === 2);
    const split = [...a.assignment(), ...b.assignment()].sort();
    assert.deepEqual(split, ['t-0', 't-1', 't-2', 't-3']);
    await until(cluster.clock, () => covers([...a.values(), ...b.values()], allValues('t', 4, 10)));
    // Each member read only its own partitions.
    for (const m of [a, b]) {
      const mine = new Set(m.assignment());
      assert.ok(m.received.every((r) => mine.has(`${r.topic}-${r.partition}`)));
    }
    assert.equal(a.consumer.groupMetadata().generationId, b.consumer.groupMetadata().generationId);

    await b.close();
    await until(cluster.clock, () => a.assignment().length === 4);
    for (let p = 0; p < 4; p++) cluster.produceValues('t', p, 5, 5, `t-${p}-new-`);
    const fresh = Array.from({ length: 4 }, (_, p) =>
      Array.from({ length: 5 }, (_, i) => `t-${p}-new-${i}`),
    ).flat();
    await until(cluster.clock, () => covers(a.values(), fresh));
    // b committed on close; a continued b's partitions from there: every record was seen at least once.
    assert.ok(covers([...a.values(), ...b.values()], allValues('t', 4, 10)));
    assert.ok(b.consumer.closed);
    assert.ok(cluster.count(13) >= 1, 'b sent LeaveGroup');
  });

  it('eager rebalancing commits positions before revoking, so the next owner continues from them', async () => {
    const revokedWithCommitted: (number | null)[][] = [];
    const a = member({ 'group.id': 'eager', 'auto.commit.interval.ms': 1_000_000_000 });
    a.consumer.onPartitionsRevoked((partitions) => {
      revokedWithCommitted.push(partitions.map((tp) => tp.partition));
    });
    a.start(['t']);
    await until(cluster.clock, () => a.received.length === 40);
    const b = member({ 'group.id': 'eager', 'auto.commit.interval.ms': 1_000_000_000 }).start(['t']);
    await until(cluster.clock, () => a.assignment().length === 2 && b.assignment().length === 2);
    assert.deepEqual(revokedWithCommitted, [[0, 1, 2, 3]]);
    const committed = await drive(
      cluster.clock,
      a.consumer.committed([0, 1, 2, 3].map((partition) => ({ topic: 't', partition }))),
    );
    assert.deepEqual(
      committed.map((c) => c.offset),
      [10, 10, 10, 10],
    );
    // b starts from the committed offsets: nothing read twice.
    await cluster.clock.runFor(3000);
    assert.equal(b.received.length, 0);
  });

  it('cooperative-sticky moves only the partitions that must move, and never gives one to two members', async () => {
    const owner = new Map<string, string>();
    const events: string[] = [];
    const track = (name: string, m: Member): void => {
      m.consumer.onPartitionsAssigned((tps: TopicPartition[]) => {
        for (const tp of tps) {
          const key = `${tp.topic}-${tp.partition}`;
          assert.equal(
            owner.get(key),
            undefined,
            `${key} assigned to ${name} while ${owner.get(key)} owns it`,
          );
          owner.set(key, name);
        }
        events.push(`${name}+${tps.map((tp) => tp.partition).join(',')}`);
      });
      m.consumer.onPartitionsRevoked((tps: TopicPartition[]) => {
        for (const tp of tps) owner.delete(`${tp.topic}-${tp.partition}`);
        events.push(`${name}-${tps.map((tp) => tp.partition).join(',')}`);
      });
    };
    const config: Config = { 'group.id': 'coop', 'partition.assignment.strategy': 'cooperative-sticky' };
    const a = member(config);
    track('a', a);
    a.start(['t']);
    await until(cluster.clock, () => a.assignment().length === 4);
    const b = member(config);
    track('b', b);
    b.start(['t']);
    await until(cluster.clock, () => a.assignment().length === 2 && b.assignment().length === 2);
    // a gave up exactly two partitions and kept the others throughout.
    const revokedFromA = events.filter((e) => e.startsWith('a-'));
    assert.equal(revokedFromA.length, 1);
    assert.equal(revokedFromA[0]!.slice(2).split(',').length, 2);
    assert.equal(a.consumer.config.rebalanceProtocol, 'COOPERATIVE');
    await until(cluster.clock, () => covers([...a.values(), ...b.values()], allValues('t', 4, 10)));
  });

  it('a member that stops polling for max.poll.interval.ms leaves, and rejoins when it polls again', async () => {
    const config: Config = {
      'group.id': 'slow',
      'max.poll.interval.ms': 20_000,
      'session.timeout.ms': 10_000,
    };
    const a = member(config).start(['t']);
    const b = member(config).start(['t']);
    await until(cluster.clock, () => a.assignment().length === 2 && b.assignment().length === 2);
    a.stalled = true;
    await until(cluster.clock, () => b.assignment().length === 4);
    assert.equal(a.consumer.memberState(), 'UNJOINED');
    a.stalled = false;
    await until(cluster.clock, () => a.assignment().length === 2 && b.assignment().length === 2);
  });

  it('a static member restarting within its session keeps its partitions without a rebalance', async () => {
    const a = member({ 'group.id': 'static', 'group.instance.id': 'a-1' }).start(['t']);
    const b = member({ 'group.id': 'static', 'group.instance.id': 'b-1' }).start(['t']);
    await until(cluster.clock, () => a.assignment().length === 2 && b.assignment().length === 2);
    const before = a.assignment();
    const generation = b.consumer.groupMetadata().generationId;
    const rebalances = cluster.coordinator.stats.rebalancesCompleted;
    await a.close();
    assert.equal(cluster.count(13), 0, 'a static member does not send LeaveGroup');
    const a2 = member({ 'group.id': 'static', 'group.instance.id': 'a-1' }).start(['t']);
    await until(cluster.clock, () => a2.assignment().length === 2);
    assert.deepEqual(a2.assignment(), before);
    assert.equal(cluster.coordinator.stats.rebalancesCompleted, rebalances);
    assert.equal(b.consumer.groupMetadata().generationId, generation);
  });

  it('finds the coordinator again after NOT_COORDINATOR and keeps committing', async () => {
    const a = member({ 'group.id': 'moving', 'enable.auto.commit': false }).start(['t']);
    await until(cluster.clock, () => a.received.length === 40);
    assert.equal(a.consumer.groupMetadata().generationId >= 1, true);
    cluster.coordinatorNode = 1;
    await cluster.clock.runFor(10_000); // heartbeats hit NOT_COORDINATOR and look the coordinator up again
    await drive(cluster.clock, a.consumer.commit());
    const committed = await drive(cluster.clock, a.consumer.committed([{ topic: 't', partition: 3 }]));
    assert.equal(committed[0]!.offset, 10);
    assert.ok(
      cluster.requests.some((r) => r.apiKey === 8 && r.nodeId === 1),
      'committed to broker 1',
    );
    assert.equal(a.assignment().length, 4);
  });

  it('a RegExp subscription follows topics created later', async () => {
    cluster.createTopic('orders-eu', 1);
    cluster.createTopic('orders-us', 1);
    const a = member({ 'group.id': 'pattern', 'metadata.max.age.ms': 5000 }).start(/^orders-/);
    await until(cluster.clock, () => a.assignment().length === 2);
    assert.deepEqual(a.assignment(), ['orders-eu-0', 'orders-us-0']);
    cluster.createTopic('orders-asia', 1);
    cluster.produce('orders-asia', 0, [{ key: 'k', value: 'hello' }]);
    await until(cluster.clock, () => a.values().includes('hello'));
    assert.deepEqual(a.assignment(), ['orders-asia-0', 'orders-eu-0', 'orders-us-0']);
    assert.deepEqual(a.consumer.subscription(), ['orders-asia', 'orders-eu', 'orders-us']);
  });

  it('works at the oldest API versions the broker implements (Fetch v4, JoinGroup v0, OffsetFetch v1, ...)', async () => {
    cluster = new FakeCluster({
      brokers: 2,
      versions: { 1: 4, 2: 1, 3: 1, 8: 2, 9: 1, 10: 0, 11: 0, 12: 0, 13: 0, 14: 0 },
    });
    cluster.createTopic('t', 4);
    for (let p = 0; p < 4; p++) cluster.produceValues('t', p, 10);
    const a = member({ 'group.id': 'old', 'enable.auto.commit': false }).start(['t']);
    const b = member({ 'group.id': 'old', 'enable.auto.commit': false }).start(['t']);
    await until(cluster.clock, () => a.assignment().length === 2 && b.assignment().length === 2);
    await until(cluster.clock, () => covers([...a.values(), ...b.values()], allValues('t', 4, 10)));
    await drive(cluster.clock, a.consumer.commit());
    const committed = await drive(cluster.clock, a.consumer.committed(a.consumer.assignment()));
    assert.deepEqual(
      committed.map((c) => c.offset),
      [10, 10],
    );
    assert.ok(cluster.requests.every((r) => r.apiKey !== 11 || r.version === 0));
  });
});
