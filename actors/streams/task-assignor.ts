import {
  RebalanceProtocol,
  compareMembers,
  encodeSubscriptionBytes,
  generationOf,
  toSubscription,
  type Assignment,
  type Assignor,
  type GroupMember,
  type PartitionsPerTopic,
  type SubscriptionInput,
} from '../client/index.ts';
import type { TaskLayout, TaskSpec } from './task-layout.ts';

/** The assignor's protocol name in JoinGroup (Kafka Streams' StreamsPartitionAssignor uses "stream"). */
export const streamsAssignorName = 'stream';

function tpKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

/**
 * Assigns whole stream tasks rather than single partitions (Kafka's StreamsPartitionAssignor, without
 * standbys or client-level placement): every partition of a task goes to the same member, so a task's
 * co-partitioned inputs are read by one consumer. Like the cooperative-sticky assignor:
 *
 * 1. balance: members' task counts differ by at most one;
 * 2. stickiness: a member keeps the tasks it owned (from its subscription's ownedPartitions; the claim of
 *    the higher generation wins), and only tasks that must move for balance move;
 * 3. cooperative (KIP-429): a task moving away from a member that is still in the group is assigned to
 *    nobody in this generation; its owner commits and closes it, rejoins, and the follow-up rebalance
 *    hands it to its new owner, so no task ever runs on two members at once.
 */
export class StreamsTaskAssignor implements Assignor {
  readonly name = streamsAssignorName;
  readonly supportedProtocols = [RebalanceProtocol.cooperative, RebalanceProtocol.eager] as const;
  private readonly layout: TaskLayout;

  constructor(layout: TaskLayout) {
    this.layout = layout;
  }

  protocolMetadata(subscription: SubscriptionInput): Buffer {
    const s = toSubscription(subscription);
    // Java's cooperative assignors also carry the generation in userData for v0/v1 readers.
    const userData = Buffer.alloc(4);
    userData.writeInt32BE(s.generationId, 0);
    return encodeSubscriptionBytes({ ...s, userData });
  }

  assign(members: readonly GroupMember[], partitionsPerTopic: PartitionsPerTopic): Map<string, Assignment> {
    const counts =
      partitionsPerTopic instanceof Map
        ? (partitionsPerTopic as ReadonlyMap<string, number>)
        : new Map(Object.entries(partitionsPerTopic as Readonly<Record<string, number>>));
    const sorted = [...members].sort(compareMembers);
    const topics = new Set<string>();
    for (const m of sorted) for (const t of m.subscription.topics) topics.add(t);
    const tasks = this.layout.tasks(counts, topics);
    const owners = this.previousOwners(sorted, tasks);
    const target = balancedAssignment(
      sorted.map((m) => m.memberId),
      tasks.map((t) => t.id),
      owners,
    );
    const out = new Map<string, Assignment>();
    const byId = new Map(tasks.map((t) => [t.id, t]));
    for (const m of sorted) {
      const byTopic = new Map<string, number[]>();
      for (const taskId of target.get(m.memberId)!) {
        const owner = owners.get(taskId);
        // Cooperative: a task still owned by another member moves only in the follow-up rebalance.
        if (owner !== undefined && owner !== m.memberId) continue;
        for (const tp of byId.get(taskId)!.partitions) {
          const list = byTopic.get(tp.topic);
          if (list === undefined) byTopic.set(tp.topic, [tp.partition]);
          else list.push(tp.partition);
        }
      }
      const assignedPartitions = [...byTopic.keys()]
        .sort()
        .map((topic) => ({ topic, partitions: byTopic.get(topic)!.sort((a, b) => a - b) }));
      out.set(m.memberId, { assignedPartitions, userData: null });
    }
    return out;
  }

  /** Task id -> the member that owns it now (any of its partitions; the higher generation wins). */
  private previousOwners(members: readonly GroupMember[], tasks: readonly TaskSpec[]): Map<string, string> {
    const taskOfPartition = new Map<string, string>();
    for (const t of tasks)
      for (const tp of t.partitions) taskOfPartition.set(tpKey(tp.topic, tp.partition), t.id);
    const owners = new Map<string, { member: string; generation: number }>();
    for (const m of members) {
      const generation = generationOf(m);
      for (const owned of m.subscription.ownedPartitions) {
        for (const p of owned.partitions) {
          const taskId = taskOfPartition.get(tpKey(owned.topic, p));
          if (taskId === undefined) continue;
          const claim = owners.get(taskId);
          if (claim === undefined || generation > claim.generation)
            owners.set(taskId, { member: m.memberId, generation });
        }
      }
    }
    return new Map([...owners].map(([taskId, c]) => [taskId, c.member]));
  }
}

/**
 * Task ids per member: counts differ by at most one, the first `tasks % members` members (in member
 * order, preferring those that already own more) may hold one more, and owners keep what they can.
 */
export function balancedAssignment(
  memberIds: readonly string[],
  taskIds: readonly string[],
  owners: ReadonlyMap<string, string>,
): Map<string, string[]> {
  const out = new Map<string, string[]>(memberIds.map((m) => [m, []]));
  if (memberIds.length === 0) return out;
  const floor = Math.floor(taskIds.length / memberIds.length);
  let extraSlots = taskIds.length % memberIds.length;
  const ownedBy = new Map<string, string[]>(memberIds.map((m) => [m, []]));
  const unassigned: string[] = [];
  for (const t of taskIds) {
    const owner = owners.get(t);
    const list = owner === undefined ? undefined : ownedBy.get(owner);
    if (list === undefined) unassigned.push(t);
    else list.push(t);
  }
  // Keep up to `floor` owned tasks each; then members owning more keep one extra while slots last.
  const surplus: string[][] = [];
  for (const m of memberIds) {
    const owned = ownedBy.get(m)!;
    out.get(m)!.push(...owned.slice(0, floor));
    surplus.push(owned.slice(floor));
  }
  memberIds.forEach((m, i) => {
    const rest = surplus[i]!;
    if (rest.length > 0 && extraSlots > 0) {
      out.get(m)!.push(rest.shift()!);
      extraSlots--;
    }
    unassigned.push(...rest);
  });
  unassigned.sort(compareTaskIds);
  // Fill members below floor first, then hand the remaining extra slots out in member order.
  for (const m of memberIds) {
    const list = out.get(m)!;
    while (list.length < floor && unassigned.length > 0) list.push(unassigned.shift()!);
  }
  for (const m of memberIds) {
    if (unassigned.length === 0) break;
    const list = out.get(m)!;
    if (list.length === floor && extraSlots > 0) {
      list.push(unassigned.shift()!);
      extraSlots--;
    }
  }
  for (const list of out.values()) list.sort(compareTaskIds);
  return out;
}

/** Orders `s_p` task ids by sub-topology, then partition. */
export function compareTaskIds(a: string, b: string): number {
  const [as, ap] = a.split('_').map(Number) as [number, number];
  const [bs, bp] = b.split('_').map(Number) as [number, number];
  return as - bs || ap - bp;
}
