import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KafkaError } from '../../core/errors/index.ts';
import { decodeAssignment, encodeAssignment, encodeSubscription } from '../../core/protocol/index.ts';
import { Admin, AdminError } from '../../actors/client/admin/index.ts';
import type { BrokerConnection, ConnectionFactory } from '../../actors/client/connection.ts';
import { Producer } from '../../actors/client/producer/index.ts';
import { TcpConnectionFactory } from '../network/index.ts';
import { Cluster } from './cluster.ts';
import { freePortRange } from '../compat/compat-support.ts';

/** Asserts that `promise` rejects with a KafkaError of this name whose message contains every fragment. */
async function rejectsWith(
  promise: Promise<unknown>,
  name: string,
  ...fragments: string[]
): Promise<KafkaError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof KafkaError, `expected a KafkaError, got ${String(e)}`);
    assert.equal(e.errorName, name, e.message);
    for (const f of fragments) assert.ok(e.message.includes(f), `"${e.message}" should mention "${f}"`);
    return e;
  }
  assert.fail(`expected ${name}, but the call succeeded`);
}

/** One consumer-group member joined by hand (JoinGroup, SyncGroup, OffsetCommit), leaving the group Stable. */
async function joinConsumerGroup(
  factory: ConnectionFactory,
  groupId: string,
  topic: string,
  commits: ReadonlyMap<number, number>,
): Promise<{ leave: () => Promise<void> }> {
  const any = await factory.connect(factory.bootstrap()[0]!, { clientId: 'member' });
  let coordinator: BrokerConnection | undefined;
  for (let i = 0; i < 200 && coordinator === undefined; i++) {
    const found = await any.send(10, { key: groupId, keyType: 0, coordinatorKeys: [groupId] });
    if (found.errorCode === 0) {
      const address = factory.bootstrap().find((a) => a.nodeId === found.nodeId)!;
      coordinator = await factory.connect(address, { clientId: 'member' });
    } else await new Promise((r) => setTimeout(r, 50));
  }
  any.close();
  assert.ok(coordinator !== undefined, 'no coordinator found');
  const subscription = encodeSubscription({
    topics: [topic],
    userData: null,
    ownedPartitions: [],
    generationId: -1,
    rackId: null,
  });
  const join = (memberId: string) =>
    coordinator!.send(11, {
      groupId,
      sessionTimeoutMs: 30_000,
      rebalanceTimeoutMs: 30_000,
      memberId,
      groupInstanceId: null,
      protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: subscription }],
      reason: null,
    });
  let joined = await join('');
  if (joined.errorCode === 79) joined = await join(joined.memberId); // MEMBER_ID_REQUIRED
  assert.equal(joined.errorCode, 0);
  const memberId = joined.memberId;
  const partitions = [...commits.keys()];
  const synced = await coordinator.send(14, {
    groupId,
    generationId: joined.generationId,
    memberId,
    groupInstanceId: null,
    protocolType: 'consumer',
    protocolName: 'range',
    assignments: [
      {
        memberId,
        assignment: encodeAssignment({ assignedPartitions: [{ topic, partitions }], userData: null }),
      },
    ],
  });
  assert.equal(synced.errorCode, 0);
  const committed = await coordinator.send(8, {
    groupId,
    generationIdOrMemberEpoch: joined.generationId,
    memberId,
    groupInstanceId: null,
    retentionTimeMs: -1,
    topics: [
      {
        name: topic,
        partitions: partitions.map((p) => ({
          partitionIndex: p,
          committedOffset: commits.get(p)!,
          committedLeaderEpoch: -1,
          commitTimestamp: -1,
          committedMetadata: `meta-${p}`,
        })),
      },
    ],
  });
  assert.ok(committed.topics[0]!.partitions.every((p) => p.errorCode === 0));
  return {
    leave: async () => {
      const left = await coordinator!.send(13, {
        groupId,
        memberId,
        members: [{ memberId, groupInstanceId: null, reason: null }],
      });
      assert.equal(left.errorCode, 0);
      coordinator!.close();
    },
  };
}

describe('Admin against a 3-broker cluster (real storage)', function () {
  this.timeout(120_000);
  let dir: string;
  let cluster: Cluster;
  let admin: Admin;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-admin-'));
    cluster = await Cluster.start({ brokers: 3, dataDir: dir });
    admin = new Admin(cluster.connectionFactory(), { config: { 'client.id': 'admin-test' } });
    await admin.connect();
  });
  after(async () => {
    await admin?.close();
    await cluster?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('describes the cluster: its three brokers, the active controller and the cluster id', async () => {
    const d = await admin.describeCluster();
    assert.deepEqual(
      d.brokers.map((b) => b.nodeId),
      [1, 2, 3],
    );
    assert.equal(d.controller, cluster.controllerId);
    assert.equal(d.clusterId, 'tributary-cluster');
  });

  it('creates a topic with partitions, replication and configs, then lists and describes it with leaders on every broker', async () => {
    const created = await admin.createTopics([
      {
        topic: 'orders',
        numPartitions: 3,
        replicationFactor: 3,
        configs: { 'retention.ms': '3600000' },
        configEntries: [{ name: 'cleanup.policy', value: 'delete' }],
      },
    ]);
    assert.equal(created.length, 1);
    assert.equal(created[0]!.topic, 'orders');
    assert.ok((await admin.listTopics()).includes('orders'));
    const [orders] = await admin.describeTopics(['orders']);
    assert.equal(orders!.name, 'orders');
    assert.equal(orders!.isInternal, false);
    assert.deepEqual(
      orders!.partitions.map((p) => p.partition),
      [0, 1, 2],
    );
    for (const p of orders!.partitions) {
      assert.deepEqual([...p.replicas].sort(), [1, 2, 3]);
      assert.ok(p.replicas.includes(p.leader), `leader ${p.leader} is a replica`);
      assert.ok(p.isr.includes(p.leader));
      assert.ok(p.leaderEpoch >= 0);
    }
    // waitForLeaders: every broker already agrees on the leaders.
    for (const b of cluster.liveBrokers()) {
      const t = b.metadata().topicsByName.get('orders');
      assert.ok(t !== undefined && t.partitions.every((p) => p !== undefined && p.leader >= 0));
    }
  });

  it('places partitions as a replicaAssignment says', async () => {
    await admin.createTopics([
      {
        topic: 'placed',
        replicaAssignment: [
          { partition: 0, replicas: [2, 3] },
          { partition: 1, replicas: [3, 1] },
        ],
      },
    ]);
    const [placed] = await admin.describeTopics(['placed']);
    assert.deepEqual(
      placed!.partitions.map((p) => p.replicas),
      [
        [2, 3],
        [3, 1],
      ],
    );
    assert.deepEqual(
      placed!.partitions.map((p) => p.leader),
      [2, 3],
    );
  });

  it('validateOnly checks a topic without creating it', async () => {
    const [checked] = await admin.createTopics(
      [{ topic: 'dry-run', numPartitions: 2, replicationFactor: 2 }],
      {
        validateOnly: true,
      },
    );
    assert.equal(checked!.topic, 'dry-run');
    assert.ok(!(await admin.listTopics()).includes('dry-run'));
    await rejectsWith(admin.describeTopics(['dry-run']), 'UNKNOWN_TOPIC_OR_PARTITION', "topic 'dry-run'");
  });

  it('refuses an existing topic with TOPIC_ALREADY_EXISTS naming it', async () => {
    await admin.createTopics([{ topic: 'twice', numPartitions: 1, replicationFactor: 1 }]);
    const e = await rejectsWith(
      admin.createTopics([{ topic: 'twice', numPartitions: 1, replicationFactor: 1 }]),
      'TOPIC_ALREADY_EXISTS',
      "topic 'twice'",
    );
    assert.ok(e instanceof AdminError);
    assert.equal(e.operation, 'createTopics');
  });

  it('refuses replication factor 4 on 3 brokers with INVALID_REPLICATION_FACTOR', async () => {
    await rejectsWith(
      admin.createTopics([{ topic: 'too-replicated', numPartitions: 1, replicationFactor: 4 }]),
      'INVALID_REPLICATION_FACTOR',
      "topic 'too-replicated'",
    );
    assert.ok(!(await admin.listTopics()).includes('too-replicated'));
  });

  it('refuses an invalid topic name with INVALID_TOPIC_EXCEPTION', async () => {
    await rejectsWith(
      admin.createTopics([{ topic: 'no spaces!' }]),
      'INVALID_TOPIC_EXCEPTION',
      "topic 'no spaces!'",
    );
  });

  it('surfaces the broker’s INVALID_CONFIG naming the key, and still creates the valid topics of the same call', async () => {
    const e = await rejectsWith(
      admin.createTopics([
        { topic: 'bad-config', configs: { 'retention.ms': 'forever' } },
        { topic: 'good-config', configs: { 'retention.ms': '1000' } },
      ]),
      'INVALID_CONFIG',
      "topic 'bad-config'",
      'retention.ms',
    );
    assert.ok(e instanceof AdminError);
    assert.deepEqual(
      e.failures.map((f) => f.resource),
      ["topic 'bad-config'"],
    );
    const names = await admin.listTopics();
    assert.ok(names.includes('good-config'));
    assert.ok(!names.includes('bad-config'));
  });

  it('deletes topics (gone from every broker) and refuses an unknown one with UNKNOWN_TOPIC_OR_PARTITION', async () => {
    await admin.createTopics([{ topic: 'doomed', numPartitions: 2, replicationFactor: 2 }]);
    await admin.deleteTopics(['doomed']);
    assert.ok(!(await admin.listTopics()).includes('doomed'));
    for (const b of cluster.liveBrokers()) assert.ok(!b.metadata().topicsByName.has('doomed'));
    await rejectsWith(admin.deleteTopics(['never-was']), 'UNKNOWN_TOPIC_OR_PARTITION', "topic 'never-was'");
  });

  it('lists internal topics only when asked', async () => {
    // The group test may not have run yet: a FindCoordinator creates __consumer_offsets.
    const conn = await cluster
      .connectionFactory()
      .connect(cluster.bootstrapAddresses()[0]!, { clientId: 't' });
    await conn.send(10, { key: 'any-group', keyType: 0, coordinatorKeys: ['any-group'] });
    conn.close();
    await cluster.waitFor(() => cluster.liveBrokers()[0]!.metadata().topicsByName.has('__consumer_offsets'));
    assert.ok(!(await admin.listTopics()).includes('__consumer_offsets'));
    assert.ok((await admin.listTopics({ listInternal: true })).includes('__consumer_offsets'));
  });

  it('grows a topic’s partitions, and refuses to shrink it with INVALID_PARTITIONS', async () => {
    await admin.createTopics([{ topic: 'growing', numPartitions: 1, replicationFactor: 2 }]);
    await admin.createPartitions([{ topic: 'growing', count: 3 }]);
    const [growing] = await admin.describeTopics(['growing']);
    assert.equal(growing!.partitions.length, 3);
    assert.ok(growing!.partitions.every((p) => p.leader > 0 && p.replicas.length === 2));
    await rejectsWith(
      admin.createPartitions([{ topic: 'growing', count: 2 }]),
      'INVALID_PARTITIONS',
      "topic 'growing'",
    );
    await rejectsWith(
      admin.createPartitions([{ topic: 'no-such-topic', count: 2 }]),
      'UNKNOWN_TOPIC_OR_PARTITION',
      "topic 'no-such-topic'",
    );
  });

  it('describes topic configs with their sources, and broker configs from that broker', async () => {
    await admin.createTopics([{ topic: 'configured', configs: { 'retention.ms': '120000' } }]);
    const [topic, broker] = await admin.describeConfigs(
      [
        { type: 'topic', name: 'configured' },
        { type: 'broker', name: '2', configNames: ['num.partitions'] },
      ],
      { includeSynonyms: true },
    );
    const retention = topic!.configEntries.find((c) => c.name === 'retention.ms')!;
    assert.equal(retention.value, '120000');
    assert.equal(retention.source, 'DYNAMIC_TOPIC_CONFIG');
    assert.equal(retention.isDefault, false);
    assert.ok(retention.synonyms.some((s) => s.source === 'DYNAMIC_TOPIC_CONFIG'));
    const segment = topic!.configEntries.find((c) => c.name === 'segment.bytes')!;
    assert.equal(segment.isDefault, true);
    assert.deepEqual(
      broker!.configEntries.map((c) => c.name),
      ['num.partitions'],
    );
    await rejectsWith(
      admin.describeConfigs([{ type: 'topic', name: 'unknown-topic' }]),
      'UNKNOWN_TOPIC_OR_PARTITION',
      "topic config 'unknown-topic'",
    );
  });

  it('alters topic configs as a whole set, and surfaces INVALID_CONFIG naming the key', async () => {
    await admin.createTopics([{ topic: 'altered', configs: { 'retention.ms': '120000' } }]);
    await admin.alterConfigs([{ type: 'topic', name: 'altered', configs: { 'cleanup.policy': 'compact' } }]);
    const [after] = await admin.describeConfigs([
      { type: 'topic', name: 'altered', configNames: ['cleanup.policy', 'retention.ms'] },
    ]);
    const byName = new Map(after!.configEntries.map((c) => [c.name, c]));
    assert.equal(byName.get('cleanup.policy')!.value, 'compact');
    assert.equal(byName.get('cleanup.policy')!.source, 'DYNAMIC_TOPIC_CONFIG');
    // Not listed in the AlterConfigs call: back to the default.
    assert.equal(byName.get('retention.ms')!.isDefault, true);
    await rejectsWith(
      admin.alterConfigs([
        { type: 'topic', name: 'altered', configEntries: [{ name: 'min.insync.replicas', value: 'x' }] },
      ]),
      'INVALID_CONFIG',
      "topic config 'altered'",
      'min.insync.replicas',
    );
    await admin.alterConfigs([{ type: 'topic', name: 'altered', configs: { 'retention.ms': '5' } }], {
      validateOnly: true,
    });
    const [unchanged] = await admin.describeConfigs([
      { type: 'topic', name: 'altered', configNames: ['retention.ms'] },
    ]);
    assert.equal(unchanged!.configEntries[0]!.isDefault, true);
  });

  it('lists earliest, latest and by-timestamp offsets from each leader, and deleteRecords moves the log start', async () => {
    await admin.createTopics([{ topic: 'offsets', numPartitions: 2, replicationFactor: 3 }]);
    const producer = new Producer(cluster.connectionFactory(), { config: { 'linger.ms': 0 } });
    try {
      await producer.send({
        topic: 'offsets',
        messages: [0, 1, 2, 3, 4].map((i) => ({ partition: 0, value: `v${i}`, timestamp: 1_000 + i * 100 })),
      });
      await producer.send({
        topic: 'offsets',
        messages: [{ partition: 1, value: 'only', timestamp: 5_000 }],
      });
    } finally {
      await producer.close();
    }
    const listed = await admin.listOffsets([
      { topic: 'offsets', partition: 0, spec: 'earliest' },
      { topic: 'offsets', partition: 0 },
      { topic: 'offsets', partition: 1, spec: 'latest' },
    ]);
    assert.deepEqual(
      listed.map((o) => o.offset),
      [0, 5, 1],
    );
    const [at, past] = await admin.listOffsets([
      { topic: 'offsets', partition: 0, spec: { timestamp: 1_250 } },
      { topic: 'offsets', partition: 1, spec: { timestamp: 9_000 } },
    ]);
    assert.equal(at!.offset, 3);
    assert.equal(at!.timestamp, 1_300);
    assert.equal(past!.offset, -1);
    assert.deepEqual(await admin.fetchTopicOffsetsByTimestamp('offsets', 1_250), [
      { partition: 0, offset: 3 },
      { partition: 1, offset: 0 },
    ]);

    const deleted = await admin.deleteRecords([
      { topic: 'offsets', partition: 0, offset: 2 },
      { topic: 'offsets', partition: 1, offset: -1 },
    ]);
    assert.deepEqual(deleted, [
      { topic: 'offsets', partition: 0, lowWatermark: 2 },
      { topic: 'offsets', partition: 1, lowWatermark: 1 },
    ]);
    assert.deepEqual(await admin.fetchTopicOffsets('offsets'), [
      { partition: 0, offset: 5, high: 5, low: 2 },
      { partition: 1, offset: 1, high: 1, low: 1 },
    ]);
    await rejectsWith(
      admin.deleteRecords([{ topic: 'offsets', partition: 0, offset: 99 }]),
      'OFFSET_OUT_OF_RANGE',
      'partition offsets-0',
    );
    await rejectsWith(
      admin.listOffsets([{ topic: 'offsets', partition: 7 }]),
      'UNKNOWN_TOPIC_OR_PARTITION',
      'partition offsets-7',
    );
    await rejectsWith(
      admin.listOffsets([{ topic: 'nowhere', partition: 0 }]),
      'UNKNOWN_TOPIC_OR_PARTITION',
      'partition nowhere-0',
    );
  });

  it('lists, describes (with decoded assignments), fetches the offsets of and deletes a consumer group', async () => {
    await admin.createTopics([{ topic: 'consumed', numPartitions: 3, replicationFactor: 2 }]);
    const member = await joinConsumerGroup(
      cluster.connectionFactory(),
      'readers',
      'consumed',
      new Map([
        [0, 10],
        [2, 7],
      ]),
    );

    const { groups } = await admin.listGroups();
    const listed = groups.find((g) => g.groupId === 'readers');
    assert.ok(listed !== undefined, `readers in ${JSON.stringify(groups)}`);
    assert.equal(listed.protocolType, 'consumer');
    const stable = await admin.listGroups({ states: ['Stable'] });
    assert.deepEqual(
      stable.groups.map((g) => [g.groupId, g.state]),
      [['readers', 'Stable']],
    );
    assert.deepEqual((await admin.listGroups({ states: ['Empty'] })).groups, []);

    const { groups: described } = await admin.describeGroups(['readers', 'nobody']);
    const [readers, nobody] = described;
    assert.equal(readers!.state, 'Stable');
    assert.equal(readers!.protocolType, 'consumer');
    assert.equal(readers!.protocol, 'range');
    assert.equal(readers!.members.length, 1);
    const m = readers!.members[0]!;
    assert.equal(m.clientId, 'member');
    assert.deepEqual(m.subscription?.topics, ['consumed']);
    assert.deepEqual(m.assignment?.assignedPartitions, [{ topic: 'consumed', partitions: [0, 2] }]);
    assert.deepEqual(decodeAssignment(m.memberAssignment), m.assignment);
    assert.equal(nobody!.state, 'Dead');
    assert.deepEqual(nobody!.members, []);

    assert.deepEqual(await admin.fetchOffsets({ groupId: 'readers' }), [
      {
        topic: 'consumed',
        partitions: [
          { partition: 0, offset: 10, leaderEpoch: -1, metadata: 'meta-0' },
          { partition: 2, offset: 7, leaderEpoch: -1, metadata: 'meta-2' },
        ],
      },
    ]);
    const withTopics = await admin.fetchOffsets({ groupId: 'readers', topics: ['consumed'] });
    assert.deepEqual(
      withTopics[0]!.partitions.map((p) => [p.partition, p.offset]),
      [
        [0, 10],
        [1, -1],
        [2, 7],
      ],
    );

    await rejectsWith(admin.deleteGroups(['readers']), 'NON_EMPTY_GROUP', "group 'readers'");
    await member.leave();
    await admin.deleteGroups(['readers']);
    assert.ok(!(await admin.listGroups()).groups.some((g) => g.groupId === 'readers'));
    assert.deepEqual(await admin.fetchOffsets({ groupId: 'readers' }), []);
    await rejectsWith(admin.deleteGroups(['readers']), 'GROUP_ID_NOT_FOUND', "group 'readers'");
  });

  it('rejects calls after close', async () => {
    const other = new Admin(cluster.connectionFactory());
    await other.close();
    await rejectsWith(other.listTopics(), 'INVALID_REQUEST', 'closed');
  });
});

describe('Admin while brokers fail (real storage)', function () {
  this.timeout(120_000);
  let dir: string;
  let cluster: Cluster;
  let admin: Admin;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-admin-faults-'));
    cluster = await Cluster.start({ brokers: 3, dataDir: dir });
    admin = new Admin(cluster.connectionFactory());
    await admin.connect();
  });
  afterEach(async () => {
    await admin?.close();
    await cluster?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends CreateTopics to the new controller after the controller’s broker is killed', async () => {
    const before = (await admin.describeCluster()).controller;
    assert.equal(before, cluster.controllerId);
    await cluster.kill(before);
    assert.notEqual(cluster.controllerId, before);
    const [created] = await admin.createTopics([
      { topic: 'after-failover', numPartitions: 2, replicationFactor: 2 },
    ]);
    assert.equal(created!.topic, 'after-failover');
    assert.equal((await admin.describeCluster()).controller, cluster.controllerId);
    assert.ok((await admin.listTopics()).includes('after-failover'));
  });

  it('asks the new leader for offsets after the old leader’s broker is killed', async () => {
    await admin.createTopics([{ topic: 'moving', numPartitions: 1, replicationFactor: 3 }]);
    const producer = new Producer(cluster.connectionFactory(), { config: { 'linger.ms': 0, acks: 'all' } });
    try {
      await producer.send({ topic: 'moving', messages: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });
    } finally {
      await producer.close();
    }
    const [before] = await admin.describeTopics(['moving']);
    const oldLeader = before!.partitions[0]!.leader;
    await cluster.kill(oldLeader);
    const [latest] = await admin.listOffsets([{ topic: 'moving', partition: 0, spec: 'latest' }]);
    assert.equal(latest!.offset, 3);
    const [after] = await admin.describeTopics(['moving']);
    assert.notEqual(after!.partitions[0]!.leader, oldLeader);
    assert.ok(after!.partitions[0]!.leaderEpoch > before!.partitions[0]!.leaderEpoch);
  });
});

describe('Admin over TCP (Kafka protocol, negotiated versions)', function () {
  this.timeout(120_000);

  it('creates, describes, configures, reads offsets of and deletes a topic through a KafkaServer listener', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-admin-tcp-'));
    const cluster = await Cluster.start({ brokers: 1, dataDir: dir, basePort: await freePortRange(1) });
    const admin = new Admin(new TcpConnectionFactory({ bootstrapServers: cluster.bootstrapServers() }));
    try {
      const d = await admin.describeCluster();
      assert.deepEqual(
        d.brokers.map((b) => b.nodeId),
        [1],
      );
      await admin.createTopics([{ topic: 'wire', numPartitions: 2, configs: { 'retention.ms': '60000' } }]);
      await rejectsWith(admin.createTopics([{ topic: 'wire' }]), 'TOPIC_ALREADY_EXISTS', "topic 'wire'");
      const [wire] = await admin.describeTopics(['wire']);
      assert.deepEqual(
        wire!.partitions.map((p) => [p.partition, p.leader]),
        [
          [0, 1],
          [1, 1],
        ],
      );
      const [configs] = await admin.describeConfigs([
        { type: 'topic', name: 'wire', configNames: ['retention.ms'] },
      ]);
      assert.deepEqual(
        configs!.configEntries.map((c) => [c.name, c.value, c.source]),
        [['retention.ms', '60000', 'DYNAMIC_TOPIC_CONFIG']],
      );
      await admin.alterConfigs([{ type: 'topic', name: 'wire', configs: { 'retention.ms': '120000' } }]);
      const [altered] = await admin.describeConfigs([
        { type: 'topic', name: 'wire', configNames: ['retention.ms'] },
      ]);
      assert.equal(altered!.configEntries[0]!.value, '120000');
      assert.deepEqual(await admin.fetchTopicOffsets('wire'), [
        { partition: 0, offset: 0, high: 0, low: 0 },
        { partition: 1, offset: 0, high: 0, low: 0 },
      ]);
      assert.deepEqual(await admin.fetchOffsets({ groupId: 'nobody', topics: ['wire'] }), [
        {
          topic: 'wire',
          partitions: [
            { partition: 0, offset: -1, leaderEpoch: -1, metadata: '' },
            { partition: 1, offset: -1, leaderEpoch: -1, metadata: '' },
          ],
        },
      ]);
      assert.deepEqual((await admin.describeGroups(['nobody'])).groups[0]!.state, 'Dead');
      await admin.deleteTopics(['wire']);
      assert.deepEqual(await admin.listTopics(), []);
    } finally {
      await admin.close();
      await cluster.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Admin on a simulated cluster', function () {
  this.timeout(120_000);

  it('runs on the cluster’s simulated clock: the same seed gives the same placement, and a killed controller is followed', async () => {
    const placements: number[][][] = [];
    for (let run = 0; run < 2; run++) {
      const cluster = await Cluster.start({ brokers: 3, simulated: { seed: 42 } });
      const admin = new Admin(cluster.connectionFactory(), { clock: cluster.clock });
      try {
        await cluster.run(admin.createTopics([{ topic: 'sim', numPartitions: 4, replicationFactor: 2 }]));
        const [sim] = await cluster.run(admin.describeTopics(['sim']));
        placements.push(sim!.partitions.map((p) => [...p.replicas]));
        await cluster.kill(cluster.controllerId);
        await cluster.run(admin.createTopics([{ topic: 'sim-2', numPartitions: 1, replicationFactor: 2 }]));
        assert.ok((await cluster.run(admin.listTopics())).includes('sim-2'));
      } finally {
        await admin.close();
        await cluster.stop();
      }
    }
    assert.deepEqual(placements[0], placements[1]);
  });
});
