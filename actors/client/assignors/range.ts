/**
 * Kafka's RangeAssignor ("range"): per topic, the partitions in order are cut into contiguous ranges,
 * one per subscribed member in member order; the first `partitions % members` members get one extra.
 * Example: t0 and t1 with 3 partitions each, members C0 and C1 -> C0: t0p0 t0p1 t1p0 t1p1; C1: t0p2 t1p2.
 * (Kafka 3.x's rack-aware variant is not implemented: without rack ids it assigns exactly this.)
 */
import {
  RebalanceProtocol,
  addPartition,
  checkMembers,
  compareMembers,
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

export class RangeAssignor implements Assignor {
  readonly name = 'range';
  readonly supportedProtocols = [RebalanceProtocol.eager] as const;

  protocolMetadata(subscription: SubscriptionInput): Buffer {
    return encodeSubscriptionBytes(toSubscription(subscription));
  }

  assign(members: readonly GroupMember[], partitionsPerTopic: PartitionsPerTopic): Map<string, Assignment> {
    checkMembers(members);
    const counts = partitionCounts(partitionsPerTopic);
    const sorted = [...members].sort(compareMembers);
    const byMember = new Map<string, Map<string, number[]>>(sorted.map((m) => [m.memberId, new Map()]));
    const topics = new Set<string>();
    for (const m of sorted) for (const t of m.subscription.topics) topics.add(t);
    for (const topic of topics) {
      const numPartitions = counts.get(topic);
      if (numPartitions === undefined || numPartitions <= 0) continue;
      const consumers = sorted.filter((m) => m.subscription.topics.includes(topic));
      const perConsumer = Math.floor(numPartitions / consumers.length);
      const withExtra = numPartitions % consumers.length;
      for (let i = 0; i < consumers.length; i++) {
        const start = perConsumer * i + Math.min(i, withExtra);
        const length = perConsumer + (i < withExtra ? 1 : 0);
        const target = byMember.get(consumers[i]!.memberId)!;
        for (let p = start; p < start + length; p++) addPartition(target, topic, p);
      }
    }
    const out = new Map<string, Assignment>();
    for (const [memberId, byTopic] of byMember) out.set(memberId, toAssignment(byTopic));
    return out;
  }
}
