/**
 * Kafka's RangeAssignor ("range"): per topic, the partitions in order are cut into contiguous ranges,
 * one per subscribed member in member order; the first `partitions % members` members get one extra.
 * Example: t0 and t1 with 3 partitions each, members C0 and C1 -> C0: t0p0 t0p1 t1p0 t1p1; C1: t0p2 t1p2.
 * (Kafka 3.x's rack-aware variant is not implemented: without rack ids it assigns exactly this.)
 */
import { AbstractPartitionAssignor } from './abstract-partition-assignor.ts';
import { addPartition, type GroupMember } from './types.ts';

export class RangeAssignor extends AbstractPartitionAssignor {
  readonly name = 'range';

  protected assignPartitions(
    sorted: readonly GroupMember[],
    counts: ReadonlyMap<string, number>,
    byMember: Map<string, Map<string, number[]>>,
  ): void {
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
  }
}
