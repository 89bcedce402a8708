import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CooperativeStickyAssignor, generationOf } from './cooperative-sticky.ts';
import { assignGroup, decodeAssignmentBytes, decodeSubscriptionBytes } from './consumer-protocol.ts';
import { checkExactlyOnce, loads, owners } from './property-support.ts';
import { flat, flatAll, member } from './test-support.ts';
import type { Assignment, GroupMember } from './types.ts';

const sticky = new CooperativeStickyAssignor();

/** A group as its members see it: what each owns after the last rebalance, and the generation. */
class SimulatedGroup {
  readonly topicsOf = new Map<string, string[]>();
  owned = new Map<string, Assignment>();
  generation = 0;
  readonly partitionsPerTopic: Map<string, number>;

  constructor(partitionsPerTopic: Map<string, number>) {
    this.partitionsPerTopic = partitionsPerTopic;
  }

  members(): GroupMember[] {
    return [...this.topicsOf].map(([id, topics]) => {
      const owned = this.owned.get(id);
      return member(id, topics, {
        owned: owned?.assignedPartitions ?? [],
        generationId: owned === undefined ? -1 : this.generation,
      });
    });
  }

  /** One rebalance; checks the cooperative rule; returns how many partitions were revoked. */
  rebalance(): { out: Map<string, Assignment>; revoked: number } {
    const members = this.members();
    const out = sticky.assign(members, this.partitionsPerTopic);
    owners(members, out); // at most one owner per partition
    const revokedAll = new Set<string>();
    const addedAll = new Set<string>();
    for (const m of members) {
      const before = new Set(flat(this.owned.get(m.memberId)));
      const after = new Set(flat(out.get(m.memberId)));
      for (const tp of before) if (!after.has(tp)) revokedAll.add(tp);
      for (const tp of after) if (!before.has(tp)) addedAll.add(tp);
    }
    for (const tp of addedAll)
      assert.ok(!revokedAll.has(tp), `${tp} is revoked from its owner and given to another in one rebalance`);
    // Members that left no longer own anything; the rest own what they were given.
    this.owned = new Map(out);
    this.generation++;
    return { out, revoked: revokedAll.size };
  }

  /** Rebalances until nothing is revoked (the follow-up rebalances of KIP-429); returns the last result. */
  settle(): Map<string, Assignment> {
    for (let round = 0; round < 5; round++) {
      const { out, revoked } = this.rebalance();
      if (revoked === 0) return out;
    }
    assert.fail('the group did not settle within 5 rebalances');
  }
}

describe('CooperativeStickyAssignor', () => {
  it('is named "cooperative-sticky" and speaks the cooperative protocol', () => {
    assert.equal(sticky.name, 'cooperative-sticky');
    assert.deepEqual(sticky.supportedProtocols, ['COOPERATIVE', 'EAGER']);
  });

  it('writes owned partitions and generation into the subscription, and the generation into userData as Java does', () => {
    const bytes = sticky.protocolMetadata({
      topics: ['t'],
      ownedPartitions: [{ topic: 't', partitions: [0, 2] }],
      generationId: 7,
    });
    const s = decodeSubscriptionBytes(bytes);
    assert.deepEqual(s.ownedPartitions, [{ topic: 't', partitions: [0, 2] }]);
    assert.equal(s.generationId, 7);
    assert.equal(s.userData?.readInt32BE(0), 7);
    assert.equal(generationOf({ memberId: 'm', subscription: { ...s, generationId: -1 } }), 7);
  });

  it('spreads a fresh group evenly', () => {
    const out = sticky.assign([member('a', ['t']), member('b', ['t']), member('c', ['t'])], { t: 7 });
    assert.deepEqual(loads(out).sort(), [2, 2, 3]);
  });

  it('revokes first and assigns in the follow-up rebalance when a member joins', () => {
    const owned = [{ topic: 't', partitions: [0, 1, 2, 3, 4, 5] }];
    const first = sticky.assign([member('a', ['t'], { owned, generationId: 1 }), member('b', ['t'])], {
      t: 6,
    });
    assert.equal(flat(first.get('a')).length, 3, 'a keeps half');
    assert.deepEqual(flat(first.get('b')), [], 'b gets nothing while a still owns the moving partitions');
    const kept = first.get('a')!.assignedPartitions;
    const second = sticky.assign(
      [member('a', ['t'], { owned: kept, generationId: 2 }), member('b', ['t'], { generationId: 2 })],
      { t: 6 },
    );
    assert.deepEqual(flat(second.get('a')), flat(first.get('a')), 'a keeps what it kept');
    assert.equal(flat(second.get('b')).length, 3);
  });

  it('hands the partitions of a member that left straight to the others', () => {
    const out = sticky.assign(
      [
        member('a', ['t'], { owned: [{ topic: 't', partitions: [0, 1] }], generationId: 3 }),
        member('b', ['t'], { owned: [{ topic: 't', partitions: [2, 3] }], generationId: 3 }),
      ],
      { t: 6 }, // c owned 4 and 5 and is gone
    );
    assert.deepEqual(flatAll(out), { a: ['t-0', 't-1', 't-4'], b: ['t-2', 't-3', 't-5'] });
  });

  it('lets the claim from the higher generation win when two members claim a partition', () => {
    const out = sticky.assign(
      [
        member('a', ['t'], { owned: [{ topic: 't', partitions: [0] }], generationId: 4 }),
        member('b', ['t'], { owned: [{ topic: 't', partitions: [0, 1] }], generationId: 5 }),
      ],
      { t: 2 },
    );
    // b's claim (generation 5) stands, so t-0 can reach a only after b revoked it: a gets nothing yet.
    assert.deepEqual(flat(out.get('a')), []);
    assert.equal(flat(out.get('b')).length, 1, 'b gives up one partition for balance');
  });

  it('drops owned partitions of topics a member no longer subscribes to, and of vanished partitions', () => {
    const out = sticky.assign(
      [
        member('a', ['u'], {
          owned: [
            { topic: 't', partitions: [0] },
            { topic: 'u', partitions: [0, 9] },
          ],
          generationId: 1,
        }),
      ],
      { t: 1, u: 2 },
    );
    assert.deepEqual(flatAll(out), { a: ['u-0', 'u-1'] });
  });

  it('round-trips through the JoinGroup/SyncGroup bytes', () => {
    const members = [
      { memberId: 'x', metadata: sticky.protocolMetadata({ topics: ['t'] }) },
      { memberId: 'y', metadata: sticky.protocolMetadata({ topics: ['t'] }) },
    ];
    const out = assignGroup(sticky, members, { t: 4 });
    assert.deepEqual(
      [...out.values()].map((b) => decodeAssignmentBytes(b).assignedPartitions[0]!.partitions.length),
      [2, 2],
    );
  });

  describe('properties', () => {
    const topicNames = ['a', 'b', 'c'];
    const eventArb = fc.oneof(
      fc.record({ type: fc.constant('join' as const), topics: fc.subarray([0, 1, 2], { minLength: 1 }) }),
      fc.record({ type: fc.constant('leave' as const), which: fc.nat() }),
      fc.record({ type: fc.constant('stay' as const) }),
    );
    const scenarioArb = fc.record({
      counts: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 3, maxLength: 3 }),
      equal: fc.boolean(),
      events: fc.array(eventArb, { minLength: 1, maxLength: 12 }),
    });

    it('never gives a partition to a new owner in the rebalance that revokes it, settles, and then stays put', () => {
      fc.assert(
        fc.property(scenarioArb, ({ counts, equal, events }) => {
          const group = new SimulatedGroup(new Map(counts.map((n, i) => [topicNames[i]!, n])));
          let next = 0;
          for (const e of events) {
            if (e.type === 'join')
              group.topicsOf.set(`m${next++}`, equal ? topicNames : e.topics.map((i) => topicNames[i]!));
            if (e.type === 'leave' && group.topicsOf.size > 0) {
              const ids = [...group.topicsOf.keys()];
              group.topicsOf.delete(ids[e.which % ids.length]!);
            }
            if (group.topicsOf.size === 0) continue;
            const settled = group.settle();
            checkExactlyOnce(group.members(), group.partitionsPerTopic, settled);
            if (equal) {
              const l = loads(settled);
              assert.ok(Math.max(...l) - Math.min(...l) <= 1, `loads ${l.join(',')}`);
            }
            // Stickiness: the same membership again changes nothing.
            const again = group.rebalance();
            assert.deepEqual(flatAll(again.out), flatAll(settled));
          }
        }),
      );
    });

    it('moves no partition when the assignment was already balanced', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 30 }), (n, partitions) => {
          const group = new SimulatedGroup(new Map([['a', partitions]]));
          for (let i = 0; i < n; i++) group.topicsOf.set(`m${i}`, ['a']);
          const first = group.settle();
          const { out, revoked } = group.rebalance();
          assert.equal(revoked, 0);
          assert.deepEqual(flatAll(out), flatAll(first));
        }),
      );
    });
  });
});
