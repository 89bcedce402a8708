// fast-check arbitraries and checks shared by the assignor tests.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Assignment, GroupMember } from './types.ts';
import { member } from './test-support.ts';

export interface GroupCase {
  members: GroupMember[];
  partitionsPerTopic: Map<string, number>;
}

const topicNames = ['a', 'b', 'c', 'd'];

/** 1-4 topics of 1-12 partitions; 1-7 members, each subscribed to a non-empty subset. */
export const assignmentArbitrary: fc.Arbitrary<GroupCase> = fc
  .record({
    counts: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }),
    subs: fc.array(fc.array(fc.nat(3), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 7 }),
  })
  .map(({ counts, subs }) => ({
    partitionsPerTopic: new Map(counts.map((n, i) => [topicNames[i]!, n])),
    members: subs.map((s, i) => member(`m${i}`, [...new Set(s.map((t) => topicNames[t % counts.length]!))])),
  }));

/** Same shape, every member subscribed to every topic. */
export const equalSubscriptionsArbitrary: fc.Arbitrary<GroupCase> = fc
  .record({
    counts: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }),
    memberCount: fc.integer({ min: 1, max: 7 }),
  })
  .map(({ counts, memberCount }) => {
    const topics = counts.map((_, i) => topicNames[i]!);
    return {
      partitionsPerTopic: new Map(counts.map((n, i) => [topicNames[i]!, n])),
      members: Array.from({ length: memberCount }, (_, i) => member(`m${i}`, topics)),
    };
  });

/** Owner per "topic-partition"; fails if a partition is given twice or to a non-subscriber. */
export function owners(
  members: readonly GroupMember[],
  assignments: ReadonlyMap<string, Assignment>,
): Map<string, string> {
  const byId = new Map(members.map((m) => [m.memberId, m]));
  const owner = new Map<string, string>();
  for (const [id, a] of assignments) {
    const m = byId.get(id);
    assert.ok(m !== undefined, `assignment for unknown member ${id}`);
    for (const tp of a.assignedPartitions) {
      assert.ok(m.subscription.topics.includes(tp.topic), `${id} got ${tp.topic} it does not subscribe to`);
      for (const p of tp.partitions) {
        const key = `${tp.topic}-${p}`;
        assert.ok(!owner.has(key), `${key} assigned to ${owner.get(key)} and ${id}`);
        owner.set(key, id);
      }
    }
  }
  return owner;
}

/** Every partition of a subscribed topic assigned exactly once; every member has an entry. */
export function checkExactlyOnce(
  members: readonly GroupMember[],
  partitionsPerTopic: ReadonlyMap<string, number>,
  assignments: ReadonlyMap<string, Assignment>,
): void {
  assert.deepEqual([...assignments.keys()].sort(), members.map((m) => m.memberId).sort());
  const owner = owners(members, assignments);
  const expected: string[] = [];
  const topics = new Set(members.flatMap((m) => m.subscription.topics));
  for (const t of topics)
    for (let p = 0; p < (partitionsPerTopic.get(t) ?? 0); p++) expected.push(`${t}-${p}`);
  assert.deepEqual([...owner.keys()].sort(), expected.sort());
}

export function loads(assignments: ReadonlyMap<string, Assignment>): number[] {
  return [...assignments.values()].map((a) =>
    a.assignedPartitions.reduce((n, tp) => n + tp.partitions.length, 0),
  );
}
