// Shared helpers for the assignor tests: build members, flatten assignments, simulate rebalances.
import type { Assignment, GroupMember, TopicPartitions } from './types.ts';
import { toSubscription } from './types.ts';

export function member(
  memberId: string,
  topics: readonly string[],
  options: { groupInstanceId?: string; owned?: readonly TopicPartitions[]; generationId?: number } = {},
): GroupMember {
  return {
    memberId,
    groupInstanceId: options.groupInstanceId ?? null,
    subscription: toSubscription({
      topics,
      ownedPartitions: options.owned ?? [],
      generationId: options.generationId ?? -1,
    }),
  };
}

/** "topic-partition" strings of an assignment, sorted. */
export function flat(a: Assignment | undefined): string[] {
  if (a === undefined) return [];
  const out: string[] = [];
  for (const tp of a.assignedPartitions) for (const p of tp.partitions) out.push(`${tp.topic}-${p}`);
  return out.sort();
}

export function flatAll(assignments: ReadonlyMap<string, Assignment>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [id, a] of [...assignments].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) out[id] = flat(a);
  return out;
}
