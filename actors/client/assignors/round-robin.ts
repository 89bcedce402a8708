/**
 * Kafka's RoundRobinAssignor ("roundrobin"): all subscribed topic-partitions sorted by topic then
 * partition are dealt to the members in member order, round robin, skipping a member that is not
 * subscribed to the partition's topic (it keeps its turn in the circle).
 * Example: t0 and t1 with 3 partitions each, members C0 and C1 -> C0: t0p0 t0p2 t1p1; C1: t0p1 t1p0 t1p2.
 */
import { AbstractPartitionAssignor } from './abstract-partition-assignor.ts';
import { addPartition, compareStrings, type GroupMember } from './types.ts';

export class RoundRobinAssignor extends AbstractPartitionAssignor {
  readonly name = 'roundrobin';

  protected assignPartitions(
    sorted: readonly GroupMember[],
    counts: ReadonlyMap<string, number>,
    byMember: Map<string, Map<string, number[]>>,
  ): void {
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
  }
}
