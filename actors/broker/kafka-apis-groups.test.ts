import { strict as assert } from 'node:assert';
import { ErrorCode } from '../../core/errors/index.ts';
import { settle } from '../../core/io/index.ts';
import type { RequestInputByKey } from '../../core/protocol/index.ts';
import { encodeRecordBatch } from '../../core/records/index.ts';
import { KafkaApis } from './kafka-apis.ts';
import { ApiTestClient } from './testing/api-test-client.ts';
import { createSingleBroker, type SingleBroker } from './testing/single-broker.ts';

const group = 'orders-app';

function joinRequest(memberId: string): RequestInputByKey[11] {
  return {
    groupId: group,
    sessionTimeoutMs: 30_000,
    rebalanceTimeoutMs: 60_000,
    memberId,
    groupInstanceId: null,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: Buffer.from('subscription') }],
    reason: null,
  };
}

function commitRequest(
  generation: number,
  memberId: string,
  partitions: Array<{ topic: string; partition: number; offset: number }>,
): RequestInputByKey[8] {
  const topics = new Map<string, RequestInputByKey[8]['topics'][number]>();
  for (const p of partitions) {
    let t = topics.get(p.topic);
    if (t === undefined) topics.set(p.topic, (t = { name: p.topic, partitions: [] }));
    t.partitions.push({
      partitionIndex: p.partition,
      committedOffset: p.offset,
      committedLeaderEpoch: 0,
      commitTimestamp: -1,
      committedMetadata: 'meta',
    });
  }
  return {
    groupId: group,
    generationIdOrMemberEpoch: generation,
    memberId,
    groupInstanceId: null,
    retentionTimeMs: -1,
    topics: [...topics.values()],
  };
}

describe('KafkaApis group APIs', () => {
  let broker: SingleBroker;
  let apis: KafkaApis;
  let client: ApiTestClient;

  beforeEach(() => {
    broker = createSingleBroker();
    apis = new KafkaApis(broker.services);
    client = new ApiTestClient(apis);
  });
  afterEach(() => broker.shutdown());

  async function findCoordinator(version = 1): Promise<number> {
    const r = await client.call(10, version, { key: group, keyType: 0, coordinatorKeys: [] });
    return r.errorCode;
  }

  it('FindCoordinator creates __consumer_offsets on first use, then names this broker', async () => {
    assert.equal(await findCoordinator(0), ErrorCode.COORDINATOR_NOT_AVAILABLE);
    await settle();
    const offsets = broker.image.topicsByName.get('__consumer_offsets')!;
    assert.equal(offsets.partitions.length, 5);
    // offsets.topic.replication.factor is 3, but one broker is all there is.
    assert.deepEqual(offsets.partitions[0]!.replicas, [1]);
    assert.equal(offsets.configs.get('cleanup.policy'), 'compact');
    for (const version of [0, 1, 2]) {
      const r = await client.call(10, version, { key: group, keyType: 0, coordinatorKeys: [] });
      assert.deepEqual([r.errorCode, r.nodeId, r.host, r.port], [ErrorCode.NONE, 1, 'localhost', 9092]);
    }
    assert.equal(broker.controller.operations, 1);
  });

  it('runs one member through join, sync, commit, fetch offsets, heartbeat, describe, list, leave and delete', async () => {
    await broker.createTopic('t', 2);
    await findCoordinator();
    await settle();
    assert.equal(await findCoordinator(), ErrorCode.NONE);

    // KIP-394: the first JoinGroup (v4+) gets a member id to rejoin with.
    const first = await client.call(11, 5, joinRequest(''));
    assert.equal(first.errorCode, ErrorCode.MEMBER_ID_REQUIRED);
    const memberId = first.memberId;
    assert.ok(memberId.length > 0);

    let joined = false;
    const joining = client.call(11, 5, joinRequest(memberId)).then((r) => {
      joined = true;
      return r;
    });
    await settle();
    assert.equal(joined, false, 'waits for group.initial.rebalance.delay.ms');
    broker.clock.advance(3000);
    const join = await joining;
    assert.equal(join.errorCode, ErrorCode.NONE);
    assert.equal(join.generationId, 1);
    assert.equal(join.leader, memberId);
    assert.equal(join.protocolName, 'range');
    assert.deepEqual(
      join.members.map((m) => [m.memberId, m.metadata.toString()]),
      [[memberId, 'subscription']],
    );

    const sync = await client.call(14, 3, {
      groupId: group,
      generationId: 1,
      memberId,
      groupInstanceId: null,
      protocolType: 'consumer',
      protocolName: 'range',
      assignments: [{ memberId, assignment: Buffer.from('t:0,1') }],
    });
    assert.equal(sync.errorCode, ErrorCode.NONE);
    assert.equal(sync.assignment.toString(), 't:0,1');

    const offsetsLogEnd = (): number =>
      broker.replicaManager.getPartition({
        topic: '__consumer_offsets',
        partition: broker.groupCoordinator.partitionFor(group),
      })!.logEndOffset;
    const before = offsetsLogEnd();
    const commit = await client.call(
      8,
      7,
      commitRequest(1, memberId, [
        { topic: 't', partition: 0, offset: 42 },
        { topic: 't', partition: 9, offset: 1 },
        { topic: 'missing', partition: 0, offset: 1 },
      ]),
    );
    assert.deepEqual(
      commit.topics.map((t) => [t.name, t.partitions.map((p) => [p.partitionIndex, p.errorCode])]),
      [
        [
          't',
          [
            [0, ErrorCode.NONE],
            [9, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
          ],
        ],
        ['missing', [[0, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]]],
      ],
    );
    assert.ok(offsetsLogEnd() > before, 'the commit is a record in __consumer_offsets');

    const fetched = await client.call(9, 5, {
      groupId: group,
      topics: [{ name: 't', partitionIndexes: [0, 1] }],
      groups: [],
      requireStable: false,
    });
    assert.equal(fetched.errorCode, ErrorCode.NONE);
    assert.deepEqual(
      fetched.topics[0]!.partitions.map((p) => [
        p.partitionIndex,
        p.committedOffset,
        p.committedLeaderEpoch,
        p.metadata,
      ]),
      [
        [0, 42, 0, 'meta'],
        [1, -1, -1, ''],
      ],
    );

    const heartbeat = await client.call(12, 3, {
      groupId: group,
      generationId: 1,
      memberId,
      groupInstanceId: null,
    });
    assert.equal(heartbeat.errorCode, ErrorCode.NONE);
    const stale = await client.call(12, 3, {
      groupId: group,
      generationId: 0,
      memberId,
      groupInstanceId: null,
    });
    assert.equal(stale.errorCode, ErrorCode.ILLEGAL_GENERATION);

    const described = await client.call(15, 4, {
      groups: [group, 'other'],
      includeAuthorizedOperations: false,
    });
    assert.deepEqual(
      described.groups.map((g) => [g.groupId, g.errorCode, g.groupState, g.members.length]),
      [
        [group, ErrorCode.NONE, 'Stable', 1],
        ['other', ErrorCode.NONE, 'Dead', 0],
      ],
    );
    assert.equal(described.groups[0]!.members[0]!.clientId, 'test-client');

    const listed = await client.call(16, 2, { statesFilter: [], typesFilter: [] });
    assert.deepEqual(
      listed.groups.map((g) => [g.groupId, g.protocolType]),
      [[group, 'consumer']],
    );

    const notEmpty = await client.call(42, 1, { groupsNames: [group] });
    assert.deepEqual(notEmpty.results, [{ groupId: group, errorCode: ErrorCode.NON_EMPTY_GROUP }]);

    const left = await client.call(13, 3, {
      groupId: group,
      memberId: '',
      members: [{ memberId, groupInstanceId: null, reason: null }],
    });
    assert.equal(left.errorCode, ErrorCode.NONE);
    assert.deepEqual(
      left.members.map((m) => [m.memberId, m.errorCode]),
      [[memberId, ErrorCode.NONE]],
    );

    const deleted = await client.call(42, 1, { groupsNames: [group, 'never-was'] });
    assert.deepEqual(deleted.results, [
      { groupId: group, errorCode: ErrorCode.NONE },
      { groupId: 'never-was', errorCode: ErrorCode.GROUP_ID_NOT_FOUND },
    ]);
    const after = await client.call(9, 5, {
      groupId: group,
      topics: [{ name: 't', partitionIndexes: [0] }],
      groups: [],
      requireStable: false,
    });
    assert.equal(after.topics[0]!.partitions[0]!.committedOffset, -1);
  });

  it('answers NOT_COORDINATOR when another broker leads the group offsets partition', async () => {
    broker.registerBroker(2, { host: 'b2', port: 9093 });
    const partitions = broker.config['offsets.topic.num.partitions'];
    await broker.createTopic(
      '__consumer_offsets',
      partitions,
      { 'cleanup.policy': 'compact' },
      Array.from({ length: partitions }, () => [2]),
    );
    const find = await client.call(10, 2, { key: group, keyType: 0, coordinatorKeys: [] });
    assert.deepEqual([find.errorCode, find.nodeId, find.host, find.port], [ErrorCode.NONE, 2, 'b2', 9093]);
    const join = await client.call(11, 2, joinRequest(''));
    assert.equal(join.errorCode, ErrorCode.NOT_COORDINATOR);
    const commit = await client.call(8, 2, commitRequest(-1, '', [{ topic: 'x', partition: 0, offset: 1 }]));
    assert.equal(commit.topics[0]!.partitions[0]!.errorCode, ErrorCode.NOT_COORDINATOR);
    const fetch = await client.call(9, 1, {
      groupId: group,
      topics: [{ name: 'x', partitionIndexes: [0] }],
      groups: [],
      requireStable: false,
    });
    assert.equal(fetch.topics[0]!.partitions[0]!.errorCode, ErrorCode.NOT_COORDINATOR);
    const sync = await client.call(14, 1, {
      groupId: group,
      generationId: 1,
      memberId: 'm',
      groupInstanceId: null,
      protocolType: null,
      protocolName: null,
      assignments: [],
    });
    assert.equal(sync.errorCode, ErrorCode.NOT_COORDINATOR);
    const deleted = await client.call(42, 0, { groupsNames: [group] });
    assert.equal(deleted.results[0]!.errorCode, ErrorCode.NOT_COORDINATOR);
  });

  it('answers COORDINATOR_NOT_AVAILABLE while the offsets partition has no live leader', async () => {
    broker.registerBroker(2);
    const partitions = broker.config['offsets.topic.num.partitions'];
    await broker.createTopic(
      '__consumer_offsets',
      partitions,
      { 'cleanup.policy': 'compact' },
      Array.from({ length: partitions }, () => [2]),
    );
    broker.apply({ type: 'FenceBroker', brokerId: 2, brokerEpoch: 1 });
    const r = await client.call(10, 1, { key: group, keyType: 0, coordinatorKeys: [] });
    assert.equal(r.errorCode, ErrorCode.COORDINATOR_NOT_AVAILABLE);
  });

  it('commits for a simple consumer (no generation) and keeps offsets across a coordinator reload', async () => {
    await broker.createTopic('t', 1);
    await findCoordinator();
    await settle();
    await client.call(0, 3, {
      transactionalId: null,
      acks: 1,
      timeoutMs: 1000,
      topicData: [{ name: 't', partitionData: [{ index: 0, records: encodeRecordBatch([{ value: 'v' }]) }] }],
    });
    const commit = await client.call(8, 2, commitRequest(-1, '', [{ topic: 't', partition: 0, offset: 1 }]));
    assert.equal(commit.topics[0]!.partitions[0]!.errorCode, ErrorCode.NONE);
    const partition = broker.groupCoordinator.partitionFor(group);
    broker.groupCoordinator.unloadPartition(partition);
    const replica = broker.replicaManager.getPartition({ topic: '__consumer_offsets', partition })!;
    await broker.groupCoordinator.loadPartition(partition, replica.log);
    const fetched = await client.call(9, 1, {
      groupId: group,
      topics: [{ name: 't', partitionIndexes: [0] }],
      groups: [],
      requireStable: false,
    });
    assert.equal(fetched.topics[0]!.partitions[0]!.committedOffset, 1);
  });
});
