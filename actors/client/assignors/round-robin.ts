/**
 * Kafka's RoundRobinAssignor ("roundrobin"): all subscribed topic-partitions sorted by topic then
 * partition are dealt to the members in member order, round robin, skipping a member that is not
 * subscribed to the partition's topic (it keeps its turn in the circle).
 * Example: t0 and t1 with 3 partitions each, members C0 and C1 -> C0: t0p0 t0p2 t1p1; C1: t0p1 t1p0 t1p2.
 */
import {
  RebalanceProtocol,
  addPartition,
  checkMembers,
  compareMembers,
  compareStrings,
  partitionCounts,
  toAssignment,
  toSubscription,
  type Assignment,
  type Assignor,
  type GroupMember,
  type PartitionsPerTopic,
  type SubscriptionInput,
} from './types.ts';
import { encodeSubscriptionBytes } from './consumer-protocol.ts';

export class RoundRobinAssignor implements Assignor {
  readonly name = 'roundrobin';
  readonly supportedProtocols = [RebalanceProtocol.eager] as const;

  protocolMetadata(subscription: SubscriptionInput): Buffer {
    return encodeSubscriptionBytes(toSubscription(subscription));
  }

  assign(members: readonly GroupMember[], partitionsPerTopic: PartitionsPerTopic): Map<string, Assignment> {
    checkMembers(members);
    const counts = partitionCounts(partitionsPerTopic);
    const sorted = [...members].sort(compareMembers);
    const byMember = new Map<string, Map<string, number[]>>(sorted.map((m) => [m.memberId, new Map()]));
    const subscribed = sorted.map((m) => new Set(m.subscription.topics));
    const topics = new Set<string>();
    for (const s of subscribed) for (const t of s) topics.add(t);
    let next = 0; // the circular iterator's position over `sorted`
    for (const topic of [...topics].sort(compareStrings)) {
      const numPartitions = counts.get(topic) ?? 0;
      for (let p = 0; p < numPartitions; p++) {
        // Some member subscribes to `topic`, so this loop ends within one turn of the circle.
        while (!subscribed[next]!.has(topic)) next = (next + 1) % sorted.length;
        addPartition(byMember.get(sorted[next]!.memberId)!, topic, p);
        next = (next + 1) % sorted.length;
      }
    }
    const out = new Map<string, Assignment>();
    for (const [memberId, byTopic] of byMember) out.set(memberId, toAssignment(byTopic));
    return out;
  }
}
