import assert from 'node:assert/strict';
import { ErrorCode } from '../../core/errors/index.ts';
import {
  ApiKey,
  encodeResponse,
  decodeConsumerOffsetsKey,
  decodeGroupMetadataValue,
  type JoinGroupResponse,
  type OffsetCommitRequest,
} from '../../core/protocol/index.ts';
import { batchPositions, decodeRecords } from '../../core/records/index.ts';
import { javaStringHashCode, partitionFor } from './group-partition.ts';
import { GroupHarness, ctx, joinRequest, joinWithRequiredId, peek, protocols } from './group-test-harness.ts';

const g = 'orders-app';

function sync(
  h: GroupHarness,
  join: JoinGroupResponse,
  assignments: Record<string, string> = {},
  version = 3,
) {
  return h.coordinator.syncGroup(
    {
      groupId: g,
      generationId: join.generationId,
      memberId: join.memberId,
      groupInstanceId: null,
      protocolType: null,
      protocolName: null,
      assignments: Object.entries(assignments).map(([memberId, a]) => ({
        memberId,
        assignment: Buffer.from(a),
      })),
    },
    ctx(version),
  );
}

function heartbeat(
  h: GroupHarness,
  memberId: string,
  generationId: number,
  groupInstanceId: string | null = null,
) {
  return h.coordinator.heartbeat({ groupId: g, memberId, generationId, groupInstanceId }, ctx(3));
}

function commit(
  h: GroupHarness,
  memberId: string,
  generation: number,
  offset: number,
  version = 7,
): OffsetCommitRequest {
  void h;
  return {
    groupId: g,
    generationIdOrMemberEpoch: generation,
    memberId,
    groupInstanceId: null,
    retentionTimeMs: -1,
    topics: [
      {
        name: 'orders',
        partitions: [
          {
            partitionIndex: 0,
            committedOffset: offset,
            committedLeaderEpoch: 3,
            commitTimestamp: -1,
            committedMetadata: `v${version}`,
          },
        ],
      },
    ],
  };
}

async function fetchOffset(h: GroupHarness, topic: string, partition: number): Promise<number> {
  const r = await h.coordinator.offsetFetch(
    {
      groupId: g,
      topics: [{ name: topic, partitionIndexes: [partition] }],
      groups: [],
      requireStable: false,
    },
    ctx(5),
  );
  return r.topics[0]!.partitions[0]!.committedOffset;
}

/** Every (key, value|null) written to the group's partition, in log order. */
function logRecords(h: GroupHarness): Array<{ key: Buffer; value: Buffer | null }> {
  const log = h.logFor(partitionFor(g));
  const out: Array<{ key: Buffer; value: Buffer | null }> = [];
  for (let offset = log.logStartOffset; offset < log.logEndOffset;) {
    const { bytes, nextOffset } = log.read(offset, 1 << 20);
    for (const [pos, size] of batchPositions(bytes)) {
      for (const r of decodeRecords(bytes.subarray(pos, pos + size))) {
        out.push({ key: Buffer.from(r.key!), value: r.value && Buffer.from(r.value) });
      }
    }
    offset = nextOffset;
  }
  return out;
}

/** Brings one v5 member through MEMBER_ID_REQUIRED, the initial delay and the sync: a Stable group. */
async function stableSingle(h: GroupHarness): Promise<JoinGroupResponse> {
  await h.own(g);
  const { joined } = await joinWithRequiredId(h, joinRequest(g));
  await h.clock.runFor(3000);
  const join = await joined;
  await sync(h, join, { [join.memberId]: 'p0' });
  return join;
}

/** Three members joining within the initial delay; returns their join responses (leader first). */
async function stableThree(h: GroupHarness, names = ['a', 'b', 'c']): Promise<JoinGroupResponse[]> {
  await h.own(g);
  const pending: Array<Promise<JoinGroupResponse>> = [];
  for (const name of names) pending.push((await joinWithRequiredId(h, joinRequest(g), 5, name)).joined);
  await h.clock.runFor(6000);
  const joins = await Promise.all(pending);
  const leader = joins.find((j) => j.leader === j.memberId)!;
  const assignments = Object.fromEntries(joins.map((j, i) => [j.memberId, `partition-${i}`]));
  const syncs = joins.map((j) => sync(h, j, j === leader ? assignments : {}));
  await Promise.all(syncs);
  return [leader, ...joins.filter((j) => j !== leader)];
}

/** The member ids of a Stable group, from DescribeGroups. */
async function stableMembers(h: GroupHarness, leader: JoinGroupResponse): Promise<string[]> {
  const d = await h.coordinator.describeGroups({ groups: [g], includeAuthorizedOperations: false }, ctx(4));
  assert.equal(d.groups[0]!.groupState, 'Stable');
  assert.ok(d.groups[0]!.members.some((m) => m.memberId === leader.memberId));
  return d.groups[0]!.members.map((m) => m.memberId);
}

describe('GroupCoordinator', () => {
  describe('partitionFor', () => {
    it("matches Java's String.hashCode and Kafka's Utils.abs, including Integer.MIN_VALUE", () => {
      assert.equal(javaStringHashCode('hello'), 99162322);
      assert.equal(javaStringHashCode(''), 0);
      assert.equal(javaStringHashCode('polygenelubricants'), -2147483648);
      assert.equal(partitionFor('hello'), 22);
      assert.equal(partitionFor('polygenelubricants'), 0);
      assert.equal(partitionFor('hello', 7), 99162322 % 7);
    });
  });

  describe('join and sync', () => {
    it('gives a v4+ member without id MEMBER_ID_REQUIRED with clientId-uuid, then forms generation 1 after the initial delay', async () => {
      const h = new GroupHarness();
      await h.own(g);
      const first = await h.coordinator.joinGroup(joinRequest(g), ctx(5, 'rdkafka'));
      assert.equal(first.errorCode, ErrorCode.MEMBER_ID_REQUIRED);
      assert.match(
        first.memberId,
        /^rdkafka-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      const joined = h.coordinator.joinGroup(joinRequest(g, { memberId: first.memberId }), ctx(5, 'rdkafka'));
      await h.clock.runFor(2999);
      assert.equal(await peek(joined), undefined, 'held for group.initial.rebalance.delay.ms');
      assert.equal(h.coordinator.groupState(g), 'PreparingRebalance');
      await h.clock.runFor(1);
      const join = await joined;
      assert.equal(join.errorCode, ErrorCode.NONE);
      assert.equal(join.generationId, 1);
      assert.equal(join.leader, first.memberId);
      assert.equal(join.protocolName, 'RoundRobinAssigner');
      assert.deepEqual(
        join.members.map((m) => m.memberId),
        [first.memberId],
      );
      assert.equal(h.coordinator.groupState(g), 'CompletingRebalance');

      const synced = await sync(h, join, { [join.memberId]: 'all-partitions' });
      assert.equal(synced.errorCode, ErrorCode.NONE);
      assert.equal(synced.assignment.toString(), 'all-partitions');
      assert.equal(h.coordinator.groupState(g), 'Stable');
      assert.equal((await heartbeat(h, join.memberId, 1)).errorCode, ErrorCode.NONE);

      const groupRecord = logRecords(h).find((r) => decodeConsumerOffsetsKey(r.key).type === 'group')!;
      const value = decodeGroupMetadataValue(groupRecord.value!);
      assert.equal(value.generation, 1);
      assert.equal(value.leader, join.memberId);
      assert.equal(value.members[0]!.assignment.toString(), 'all-partitions');
    });

    it('encodes every JoinGroup answer in the version asked for (no null protocol name before v7)', async () => {
      const h = new GroupHarness();
      await h.own(g);
      for (const version of [0, 1, 2, 3, 4, 5, 6, 7]) {
        const r = await h.coordinator.joinGroup(joinRequest(g, { memberId: 'unknown' }), ctx(version));
        assert.equal(r.errorCode, ErrorCode.UNKNOWN_MEMBER_ID);
        assert.ok(encodeResponse(ApiKey.JoinGroup, version, 1, r).length > 0);
      }
      const required = await h.coordinator.joinGroup(joinRequest(g), ctx(5));
      assert.equal(required.protocolName, '');
      assert.ok(encodeResponse(ApiKey.JoinGroup, 5, 1, required).length > 0);
    });

    it('assigns the id directly for JoinGroup v0-3 (no MEMBER_ID_REQUIRED round trip)', async () => {
      const h = new GroupHarness();
      await h.own(g);
      const joined = h.coordinator.joinGroup(joinRequest(g), ctx(2, 'kafka-python'));
      await h.clock.runFor(3000);
      const join = await joined;
      assert.equal(join.errorCode, ErrorCode.NONE);
      assert.match(join.memberId, /^kafka-python-/);
    });

    it('forms a 3-member generation: each join extends the delay, only the leader gets the member list, followers wait for the leader sync', async () => {
      const h = new GroupHarness();
      await h.own(g);
      const a = await joinWithRequiredId(h, joinRequest(g), 5, 'a');
      await h.clock.runFor(2000);
      const b = await joinWithRequiredId(h, joinRequest(g), 5, 'b');
      await h.clock.runFor(2000);
      const c = await joinWithRequiredId(h, joinRequest(g), 5, 'c');
      await h.clock.runFor(2000); // 6 s: the delay was re-armed because members kept arriving
      assert.equal(await peek(a.joined), undefined);
      await h.clock.runFor(3000);
      const [ja, jb, jc] = await Promise.all([a.joined, b.joined, c.joined]);
      for (const j of [ja!, jb!, jc!]) {
        assert.equal(j.generationId, 1);
        assert.equal(j.leader, a.memberId);
      }
      assert.equal(ja!.members.length, 3);
      assert.equal(jb!.members.length, 0);
      assert.equal(jc!.members.length, 0);

      const followerSync = sync(h, jb!);
      assert.equal(await peek(followerSync), undefined, 'a follower waits for the leader');
      const leaderSync = sync(h, ja!, { [a.memberId]: 'A', [b.memberId]: 'B', [c.memberId]: 'C' });
      const [sb, sa] = await Promise.all([followerSync, leaderSync]);
      assert.equal(sa.assignment.toString(), 'A');
      assert.equal(sb.assignment.toString(), 'B');
      const sc = await sync(h, jc!);
      assert.equal(sc.assignment.toString(), 'C');
      assert.equal(h.coordinator.groupState(g), 'Stable');
    });

    it('selects a protocol every member supports by vote, and rejects a member with none in common (kafkajs vs librdkafka)', async () => {
      const h = new GroupHarness();
      await h.own(g);
      const a = await joinWithRequiredId(
        h,
        joinRequest(g, { protocols: protocols('range', 'roundrobin') }),
        5,
        'a',
      );
      const b = await joinWithRequiredId(
        h,
        joinRequest(g, { protocols: protocols('roundrobin', 'range') }),
        5,
        'b',
      );
      const c = await joinWithRequiredId(
        h,
        joinRequest(g, { protocols: protocols('roundrobin', 'range') }),
        5,
        'c',
      );
      const kafkajs = await h.coordinator.joinGroup(joinRequest(g), ctx(5, 'kafkajs'));
      assert.equal(kafkajs.errorCode, ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
      const otherType = await h.coordinator.joinGroup(
        joinRequest(g, { protocolType: 'connect', protocols: protocols('range') }),
        ctx(5),
      );
      assert.equal(otherType.errorCode, ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
      await h.clock.runFor(9000);
      const joins = await Promise.all([a.joined, b.joined, c.joined]);
      assert.deepEqual(
        joins.map((j) => j.protocolName),
        ['roundrobin', 'roundrobin', 'roundrobin'],
      );
      const leader = joins.find((j) => j.members.length > 0)!;
      assert.equal(
        leader.members.find((m) => m.memberId === a.memberId)!.metadata.toString(),
        'sub:roundrobin',
      );
    });

    it('keeps a kafkajs-only group on RoundRobinAssigner and rejects a librdkafka member', async () => {
      const h = new GroupHarness();
      const join = await stableSingle(h);
      assert.equal(join.protocolName, 'RoundRobinAssigner');
      const rdkafka = await h.coordinator.joinGroup(
        joinRequest(g, { protocols: protocols('range', 'roundrobin') }),
        ctx(5, 'rdkafka'),
      );
      assert.equal(rdkafka.errorCode, ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
      assert.equal(h.coordinator.groupState(g), 'Stable');
    });

    it('answers SyncGroup with ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID and REBALANCE_IN_PROGRESS as Kafka does', async () => {
      const h = new GroupHarness();
      const [leader, follower] = await stableThree(h);
      assert.equal((await sync(h, { ...leader!, generationId: 7 })).errorCode, ErrorCode.ILLEGAL_GENERATION);
      assert.equal((await sync(h, { ...leader!, memberId: 'ghost' })).errorCode, ErrorCode.UNKNOWN_MEMBER_ID);
      // A rejoin from the leader starts a new rebalance: old-generation syncs are told to rejoin.
      void h.coordinator.joinGroup(joinRequest(g, { memberId: leader!.memberId }), ctx(5));
      assert.equal(h.coordinator.groupState(g), 'PreparingRebalance');
      assert.equal((await sync(h, follower!)).errorCode, ErrorCode.REBALANCE_IN_PROGRESS);
      assert.equal((await heartbeat(h, follower!.memberId, 1)).errorCode, ErrorCode.REBALANCE_IN_PROGRESS);
    });
  });

  describe('pending members and ownership changes', () => {
    it('waits for a member holding a MEMBER_ID_REQUIRED id only until its session timeout', async () => {
      const h = new GroupHarness();
      const [leader] = await stableThree(h);
      const pending = await h.coordinator.joinGroup(
        joinRequest(g, { sessionTimeoutMs: 10_000 }),
        ctx(5, 'slow'),
      );
      assert.equal(pending.errorCode, ErrorCode.MEMBER_ID_REQUIRED);
      const rejoins = (await stableMembers(h, leader!)).map((m) =>
        h.coordinator.joinGroup(joinRequest(g, { memberId: m }), ctx(5)),
      );
      await h.clock.runFor(9_999);
      assert.equal(await peek(rejoins[0]!), undefined, 'the pending member may still come back');
      await h.clock.runFor(1);
      const joins = await Promise.all(rejoins);
      assert.deepEqual(
        joins.map((j) => j.generationId),
        [2, 2, 2],
      );
      assert.equal(
        (await h.coordinator.joinGroup(joinRequest(g, { memberId: pending.memberId }), ctx(5))).errorCode,
        ErrorCode.UNKNOWN_MEMBER_ID,
      );
    });

    it('answers parked JoinGroup requests NOT_COORDINATOR when the partition is unloaded', async () => {
      const h = new GroupHarness();
      await h.own(g);
      const { joined } = await joinWithRequiredId(h, joinRequest(g));
      h.coordinator.unloadPartition(h.coordinator.partitionFor(g));
      assert.equal((await joined).errorCode, ErrorCode.NOT_COORDINATOR);
      assert.equal(h.coordinator.groupState(g), undefined);
      await h.clock.runFor(10_000); // no timer of the dropped group fires into the coordinator
      assert.equal(h.coordinator.groupState(g), undefined);
    });
  });

  describe('sessions, leaving and rebalancing', () => {
    it('expires a member that stops heartbeating and rebalances the rest into a new generation', async () => {
      const h = new GroupHarness();
      const [leader, b, c] = await stableThree(h);
      // b and c keep heartbeating; the leader goes silent.
      for (let t = 0; t < 30_000; t += 3_000) {
        await h.clock.runFor(3_000);
        if (h.coordinator.groupState(g) !== 'Stable') break;
        await heartbeat(h, b!.memberId, 1);
        await heartbeat(h, c!.memberId, 1);
      }
      assert.equal(h.coordinator.groupState(g), 'PreparingRebalance');
      assert.equal(h.coordinator.stats.membersExpired, 1);
      assert.equal((await heartbeat(h, b!.memberId, 1)).errorCode, ErrorCode.REBALANCE_IN_PROGRESS);
      assert.equal((await heartbeat(h, leader!.memberId, 1)).errorCode, ErrorCode.UNKNOWN_MEMBER_ID);
      const rb = h.coordinator.joinGroup(joinRequest(g, { memberId: b!.memberId }), ctx(5));
      const rc = h.coordinator.joinGroup(joinRequest(g, { memberId: c!.memberId }), ctx(5));
      const [jb, jc] = await Promise.all([rb, rc]);
      assert.equal(jb.generationId, 2);
      assert.equal(jc.generationId, 2);
      assert.equal(jb.leader, b!.memberId, 'the next member takes over as leader');
      assert.equal(jb.members.length, 2);
    });

    it('removes members that do not rejoin within the rebalance timeout', async () => {
      const h = new GroupHarness();
      const [leader, b, c] = await stableThree(h);
      const rejoin = h.coordinator.joinGroup(joinRequest(g, { memberId: leader!.memberId }), ctx(5));
      const rb = h.coordinator.joinGroup(joinRequest(g, { memberId: b!.memberId }), ctx(5));
      // c stays alive (heartbeats, told REBALANCE_IN_PROGRESS) but never rejoins.
      for (let t = 0; t < 57_000; t += 3_000) {
        await h.clock.runFor(3_000);
        assert.equal((await heartbeat(h, c!.memberId, 1)).errorCode, ErrorCode.REBALANCE_IN_PROGRESS);
      }
      await h.clock.runFor(2_999);
      assert.equal(await peek(rejoin), undefined);
      await h.clock.runFor(1);
      const [jl, jb] = await Promise.all([rejoin, rb]);
      assert.equal(jl.generationId, 2);
      assert.equal(jl.members.length, 2, 'the member that did not rejoin is gone');
      assert.equal(jb.errorCode, ErrorCode.NONE);
    });

    it('rebalances when a member leaves (v0-2 single member, v3+ batch with per-member errors)', async () => {
      const h = new GroupHarness();
      const [leader, b, c] = await stableThree(h);
      const left = await h.coordinator.leaveGroup({ groupId: g, memberId: c!.memberId, members: [] }, ctx(1));
      assert.equal(left.errorCode, ErrorCode.NONE);
      assert.equal(h.coordinator.groupState(g), 'PreparingRebalance');
      const batch = await h.coordinator.leaveGroup(
        {
          groupId: g,
          memberId: '',
          members: [
            { memberId: b!.memberId, groupInstanceId: null, reason: null },
            { memberId: 'ghost', groupInstanceId: null, reason: null },
          ],
        },
        ctx(3),
      );
      assert.equal(batch.errorCode, ErrorCode.NONE);
      assert.deepEqual(
        batch.members.map((m) => m.errorCode),
        [ErrorCode.NONE, ErrorCode.UNKNOWN_MEMBER_ID],
      );
      const jl = await h.coordinator.joinGroup(joinRequest(g, { memberId: leader!.memberId }), ctx(5));
      assert.equal(jl.generationId, 2);
      assert.deepEqual(
        jl.members.map((m) => m.memberId),
        [leader!.memberId],
      );
    });

    it('lets a restarted static member take over its assignment without a rebalance and fences the old id', async () => {
      const h = new GroupHarness();
      await h.own(g);
      const staticJoin = (instance: string, memberId = '') =>
        h.coordinator.joinGroup(joinRequest(g, { groupInstanceId: instance, memberId }), ctx(5, instance));
      const pa = staticJoin('consumer-a');
      const pb = staticJoin('consumer-b');
      await h.clock.runFor(6000);
      const [ja, jb] = await Promise.all([pa, pb]);
      assert.equal(ja.errorCode, ErrorCode.NONE, 'static members skip MEMBER_ID_REQUIRED');
      await Promise.all([sync(h, ja, { [ja.memberId]: 'A', [jb.memberId]: 'B' }), sync(h, jb)]);
      assert.equal(h.coordinator.groupState(g), 'Stable');

      const restarted = await staticJoin('consumer-b');
      assert.equal(restarted.errorCode, ErrorCode.NONE);
      assert.notEqual(restarted.memberId, jb.memberId);
      assert.equal(restarted.generationId, 1, 'no new generation');
      assert.equal(restarted.leader, ja.memberId);
      assert.equal(h.coordinator.groupState(g), 'Stable');
      const s = await sync(h, restarted);
      assert.equal(s.assignment.toString(), 'B');
      assert.equal(
        (await heartbeat(h, jb.memberId, 1, 'consumer-b')).errorCode,
        ErrorCode.FENCED_INSTANCE_ID,
      );
      assert.equal((await heartbeat(h, restarted.memberId, 1, 'consumer-b')).errorCode, ErrorCode.NONE);
      const leave = await h.coordinator.leaveGroup(
        {
          groupId: g,
          memberId: '',
          members: [{ memberId: jb.memberId, groupInstanceId: 'consumer-b', reason: null }],
        },
        ctx(4),
      );
      assert.equal(leave.members[0]!.errorCode, ErrorCode.FENCED_INSTANCE_ID);
    });

    it('rebalances when a restarted static member changes its protocols', async () => {
      const h = new GroupHarness();
      await h.own(g);
      const req = (memberId: string, names: string[]) =>
        joinRequest(g, { groupInstanceId: 'x', memberId, protocols: protocols(...names) });
      const pending = h.coordinator.joinGroup(req('', ['range', 'roundrobin']), ctx(5));
      await h.clock.runFor(3000);
      const j = await pending;
      await sync(h, j, { [j.memberId]: 'A' });
      const j2 = await h.coordinator.joinGroup(req('', ['roundrobin']), ctx(5));
      assert.notEqual(j2.memberId, j.memberId);
      assert.equal(j2.generationId, 2);
      assert.equal(j2.protocolName, 'roundrobin');
    });
  });

  describe('offsets', () => {
    it('validates commits by generation and member, and allows simple commits only without active members', async () => {
      const h = new GroupHarness();
      const join = await stableSingle(h);
      const code = async (r: OffsetCommitRequest, v = 7) =>
        (await h.coordinator.offsetCommit(r, ctx(v))).topics[0]!.partitions[0]!.errorCode;
      assert.equal(await code(commit(h, join.memberId, 1, 10)), ErrorCode.NONE);
      assert.equal(await code(commit(h, join.memberId, 2, 11)), ErrorCode.ILLEGAL_GENERATION);
      assert.equal(await code(commit(h, 'ghost', 1, 12)), ErrorCode.UNKNOWN_MEMBER_ID);
      assert.equal(
        await code(commit(h, '', -1, 13)),
        ErrorCode.UNKNOWN_MEMBER_ID,
        'no simple commit into an active group',
      );
      assert.equal(await fetchOffset(h, 'orders', 0), 10);

      const other = new GroupHarness();
      await other.own(g);
      const simple = await other.coordinator.offsetCommit(commit(other, '', -1, 42), ctx(2));
      assert.equal(simple.topics[0]!.partitions[0]!.errorCode, ErrorCode.NONE);
      assert.equal(await fetchOffset(other, 'orders', 0), 42);
      assert.equal(other.coordinator.groupState(g), 'Empty');
      const stray = await other.coordinator.offsetCommit(commit(other, 'm', 3, 1), ctx(7));
      assert.equal(stray.topics[0]!.partitions[0]!.errorCode, ErrorCode.UNKNOWN_MEMBER_ID);
    });

    it('rejects commits while the group completes a rebalance and metadata larger than offset.metadata.max.bytes', async () => {
      const h = new GroupHarness({ config: { 'offset.metadata.max.bytes': 4 } });
      await h.own(g);
      const { joined } = await joinWithRequiredId(h, joinRequest(g));
      await h.clock.runFor(3000);
      const join = await joined;
      const during = await h.coordinator.offsetCommit(commit(h, join.memberId, 1, 5), ctx(7));
      assert.equal(during.topics[0]!.partitions[0]!.errorCode, ErrorCode.REBALANCE_IN_PROGRESS);
      // As Kafka: the member and generation are checked before the state.
      const stale = await h.coordinator.offsetCommit(commit(h, join.memberId, 0, 5), ctx(7));
      assert.equal(stale.topics[0]!.partitions[0]!.errorCode, ErrorCode.ILLEGAL_GENERATION);
      const nonMember = await h.coordinator.offsetCommit(commit(h, '', -1, 5), ctx(7));
      assert.equal(nonMember.topics[0]!.partitions[0]!.errorCode, ErrorCode.UNKNOWN_MEMBER_ID);
      await sync(h, join, { [join.memberId]: 'p' });
      const big = await h.coordinator.offsetCommit(commit(h, join.memberId, 1, 5, 12345), ctx(7));
      assert.equal(big.topics[0]!.partitions[0]!.errorCode, ErrorCode.OFFSET_METADATA_TOO_LARGE);
    });

    it('acknowledges a commit only after the append, mapping append failures to coordinator errors', async () => {
      const h = new GroupHarness();
      const join = await stableSingle(h);
      h.appendFault = ErrorCode.NOT_ENOUGH_REPLICAS;
      const failed = await h.coordinator.offsetCommit(commit(h, join.memberId, 1, 9), ctx(7));
      assert.equal(failed.topics[0]!.partitions[0]!.errorCode, ErrorCode.COORDINATOR_NOT_AVAILABLE);
      assert.equal(await fetchOffset(h, 'orders', 0), -1, 'a failed commit is not visible');
      h.appendFault = undefined;
      await h.coordinator.offsetCommit(commit(h, join.memberId, 1, 9), ctx(7));
      assert.equal(await fetchOffset(h, 'orders', 0), 9);
    });

    it('answers -1 for partitions without a commit and returns all offsets for a null topic list (v2+)', async () => {
      const h = new GroupHarness();
      const join = await stableSingle(h);
      assert.equal(await fetchOffset(h, 'orders', 5), -1);
      assert.equal(await fetchOffset(h, 'unknown-topic', 0), -1);
      await h.coordinator.offsetCommit(commit(h, join.memberId, 1, 100), ctx(7));
      const all = await h.coordinator.offsetFetch(
        { groupId: g, topics: null, groups: [], requireStable: false },
        ctx(5),
      );
      assert.equal(all.errorCode, ErrorCode.NONE);
      assert.deepEqual(
        all.topics.map((t) => [
          t.name,
          t.partitions.map((p) => [p.partitionIndex, p.committedOffset, p.committedLeaderEpoch, p.metadata]),
        ]),
        [['orders', [[0, 100, 3, 'v7']]]],
      );
      const unknownGroup = await h.coordinator.offsetFetch(
        {
          groupId: 'never-seen',
          topics: [{ name: 'x', partitionIndexes: [0] }],
          groups: [],
          requireStable: false,
        },
        ctx(1),
      );
      assert.equal(unknownGroup.topics[0]?.partitions[0]?.committedOffset ?? -1, -1);
    });

    it('rebuilds groups and committed offsets from __consumer_offsets after a coordinator restart', async () => {
      const h = new GroupHarness();
      const [leader, b] = await stableThree(h);
      await h.coordinator.offsetCommit(commit(h, leader!.memberId, 1, 7), ctx(7));
      await h.coordinator.offsetCommit(commit(h, b!.memberId, 1, 8), ctx(7));
      const c = await h.restart(g);
      assert.equal(await fetchOffset(h, 'orders', 0), 8, 'the latest commit wins');
      assert.equal(c.groupState(g), 'Stable');
      assert.equal(
        (await heartbeat(h, b!.memberId, 1)).errorCode,
        ErrorCode.NONE,
        'members survive the move',
      );
      const described = await c.describeGroups({ groups: [g], includeAuthorizedOperations: false }, ctx(4));
      assert.equal(described.groups[0]!.members.length, 3);
      assert.equal(
        described.groups[0]!.members.find((m) => m.memberId === b!.memberId)!.memberAssignment.toString(),
        'partition-1',
      );
    });

    it('answers COORDINATOR_LOAD_IN_PROGRESS while loading and NOT_COORDINATOR for partitions it does not lead', async () => {
      const h = new GroupHarness();
      const partition = h.coordinator.partitionFor(g);
      const notOurs = await h.coordinator.joinGroup(joinRequest(g), ctx(5));
      assert.equal(notOurs.errorCode, ErrorCode.NOT_COORDINATOR);
      const loading = h.coordinator.loadPartition(partition, h.logFor(partition));
      const during = await h.coordinator.offsetFetch(
        { groupId: g, topics: null, groups: [], requireStable: false },
        ctx(5),
      );
      assert.equal(during.errorCode, ErrorCode.COORDINATOR_LOAD_IN_PROGRESS);
      await loading;
      const after = await h.coordinator.offsetFetch(
        { groupId: g, topics: null, groups: [], requireStable: false },
        ctx(5),
      );
      assert.equal(after.errorCode, ErrorCode.NONE);
      h.coordinator.unloadPartition(partition);
      assert.equal(
        (await h.coordinator.joinGroup(joinRequest(g), ctx(5))).errorCode,
        ErrorCode.NOT_COORDINATOR,
      );
    });

    it('rejects session timeouts outside 6000..1800000 and an empty group id', async () => {
      const h = new GroupHarness();
      await h.own(g);
      for (const sessionTimeoutMs of [5999, 1_800_001]) {
        const r = await h.coordinator.joinGroup(joinRequest(g, { sessionTimeoutMs }), ctx(5));
        assert.equal(r.errorCode, ErrorCode.INVALID_SESSION_TIMEOUT);
      }
      assert.equal(
        (await h.coordinator.joinGroup(joinRequest(''), ctx(5))).errorCode,
        ErrorCode.INVALID_GROUP_ID,
      );
      assert.equal(
        (await h.coordinator.joinGroup(joinRequest(g, { memberId: 'made-up' }), ctx(5))).errorCode,
        ErrorCode.UNKNOWN_MEMBER_ID,
      );
    });

    it('expires offsets offsets.retention.minutes after the group became empty, writing tombstones that survive a reload', async () => {
      const h = new GroupHarness();
      const join = await stableSingle(h);
      await h.coordinator.offsetCommit(commit(h, join.memberId, 1, 50), ctx(7));
      await h.coordinator.leaveGroup({ groupId: g, memberId: join.memberId, members: [] }, ctx(1));
      assert.equal(h.coordinator.groupState(g), 'Empty');
      await h.clock.runFor(6 * 24 * 3600_000);
      assert.equal(await fetchOffset(h, 'orders', 0), 50, 'kept for 7 days');
      await h.clock.runFor(24 * 3600_000 + 600_000);
      assert.equal(await fetchOffset(h, 'orders', 0), -1);
      assert.equal(h.coordinator.groupState(g), undefined, 'the empty group without offsets is gone');
      const last = logRecords(h).slice(-2);
      assert.deepEqual(
        last.map((r) => [decodeConsumerOffsetsKey(r.key).type, r.value]),
        [
          ['offset', null],
          ['group', null],
        ],
      );
      await h.restart(g);
      assert.equal(await fetchOffset(h, 'orders', 0), -1);
      assert.equal(h.coordinator.groupState(g), undefined);
    });
  });

  describe('offset retention', () => {
    it('honours an explicit OffsetCommit v2-4 retention time for a simple-commit group', async () => {
      const h = new GroupHarness();
      await h.own(g);
      const r = await h.coordinator.offsetCommit(
        { ...commit(h, '', -1, 77), retentionTimeMs: 60_000 },
        ctx(2),
      );
      assert.equal(r.topics[0]!.partitions[0]!.errorCode, ErrorCode.NONE);
      await h.clock.runFor(600_000); // the first expiry check, 10 minutes in
      assert.equal(await fetchOffset(h, 'orders', 0), -1, 'expired after its own 60 s retention');
      const v5 = await h.coordinator.offsetCommit(
        { ...commit(h, '', -1, 78), retentionTimeMs: 60_000 },
        ctx(5),
      );
      assert.equal(v5.topics[0]!.partitions[0]!.errorCode, ErrorCode.NONE);
      await h.clock.runFor(600_000);
      assert.equal(
        await fetchOffset(h, 'orders', 0),
        78,
        'v5+ has no retention field: the broker default applies',
      );
    });
  });

  describe('wire compatibility', () => {
    it('produces response bodies that encode in every advertised version of each group API', async () => {
      const h = new GroupHarness();
      const join = await stableSingle(h);
      const c = h.coordinator;
      const cases: Array<[number, number[], (v: number) => Promise<Buffer[]>]> = [
        [
          ApiKey.SyncGroup,
          [0, 1, 2, 3],
          async (v) => encodeResponse(ApiKey.SyncGroup, v, 1, await sync(h, join, {}, v)),
        ],
        [
          ApiKey.Heartbeat,
          [0, 1, 2, 3],
          async (v) => encodeResponse(ApiKey.Heartbeat, v, 1, await heartbeat(h, join.memberId, 1)),
        ],
        [
          ApiKey.OffsetCommit,
          [0, 1, 2, 3, 4, 5, 6, 7],
          async (v) =>
            encodeResponse(
              ApiKey.OffsetCommit,
              v,
              1,
              await c.offsetCommit(commit(h, join.memberId, 1, v), ctx(v)),
            ),
        ],
        [
          ApiKey.OffsetFetch,
          [0, 1, 2, 3, 4, 5],
          async (v) =>
            encodeResponse(
              ApiKey.OffsetFetch,
              v,
              1,
              await c.offsetFetch(
                {
                  groupId: g,
                  topics: [{ name: 'orders', partitionIndexes: [0, 1] }],
                  groups: [],
                  requireStable: false,
                },
                ctx(v),
              ),
            ),
        ],
        [
          ApiKey.DescribeGroups,
          [0, 1, 2, 3, 4],
          async (v) =>
            encodeResponse(
              ApiKey.DescribeGroups,
              v,
              1,
              await c.describeGroups({ groups: [g], includeAuthorizedOperations: false }, ctx(v)),
            ),
        ],
        [
          ApiKey.ListGroups,
          [0, 1, 2],
          async (v) =>
            encodeResponse(
              ApiKey.ListGroups,
              v,
              1,
              await c.listGroups({ statesFilter: [], typesFilter: [] }, ctx(v)),
            ),
        ],
      ];
      for (const [apiKey, versions, run] of cases) {
        for (const v of versions) assert.ok((await run(v)).length > 0, `api ${apiKey} v${v}`);
      }
      const leave = await c.leaveGroup({ groupId: g, memberId: join.memberId, members: [] }, ctx(0));
      assert.ok(encodeResponse(ApiKey.LeaveGroup, 0, 1, leave).length > 0);
      const batch = await c.leaveGroup(
        { groupId: g, memberId: '', members: [{ memberId: 'x', groupInstanceId: null, reason: null }] },
        ctx(3),
      );
      assert.ok(encodeResponse(ApiKey.LeaveGroup, 3, 1, batch).length > 0);
    });
  });

  describe('admin', () => {
    it('describes and lists groups, and deletes only empty ones (NON_EMPTY_GROUP, GROUP_ID_NOT_FOUND)', async () => {
      const h = new GroupHarness();
      const join = await stableSingle(h);
      await h.coordinator.offsetCommit(commit(h, join.memberId, 1, 3), ctx(7));
      // A group id this coordinator owns (same partition) but never saw.
      let nope = 'nope';
      for (let i = 0; h.coordinator.partitionFor(nope) !== h.coordinator.partitionFor(g); i++)
        nope = `nope-${i}`;
      const described = await h.coordinator.describeGroups(
        { groups: [g, nope], includeAuthorizedOperations: false },
        ctx(4),
      );
      assert.equal(described.groups[0]!.groupState, 'Stable');
      assert.equal(described.groups[0]!.protocolData, 'RoundRobinAssigner');
      assert.equal(described.groups[1]!.groupState, 'Dead');
      const listed = await h.coordinator.listGroups({ statesFilter: ['stable'], typesFilter: [] }, ctx(4));
      assert.deepEqual(
        listed.groups.map((x) => x.groupId),
        [g],
      );

      assert.deepEqual(await h.coordinator.deleteGroups([g, nope, 'other-partition']), [
        { groupId: g, errorCode: ErrorCode.NON_EMPTY_GROUP },
        { groupId: nope, errorCode: ErrorCode.GROUP_ID_NOT_FOUND },
        { groupId: 'other-partition', errorCode: ErrorCode.NOT_COORDINATOR },
      ]);
      await h.coordinator.leaveGroup({ groupId: g, memberId: join.memberId, members: [] }, ctx(1));
      assert.deepEqual(await h.coordinator.deleteGroups([g]), [{ groupId: g, errorCode: ErrorCode.NONE }]);
      assert.equal(await fetchOffset(h, 'orders', 0), -1);
      await h.restart(g);
      assert.equal(h.coordinator.groupState(g), undefined, 'tombstones delete the group on reload');
      assert.equal(await fetchOffset(h, 'orders', 0), -1);
    });
  });
});
