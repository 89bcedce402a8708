import {
  RebalanceProtocol,
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

/**
 * What the eager range and round-robin assignors share (Kafka's AbstractPartitionAssignor): the
 * plain subscription as metadata, the member checks, the members in Kafka's order, one (possibly
 * empty) assignment per member, and the conversion to assignments. Subclasses deal the partitions.
 */
export abstract class AbstractPartitionAssignor implements Assignor {
  abstract readonly name: string;
  readonly supportedProtocols = [RebalanceProtocol.eager] as const;

  protocolMetadata(subscription: SubscriptionInput): Buffer {
    return encodeSubscriptionBytes(toSubscription(subscription));
  }

  assign(members: readonly GroupMember[], partitionsPerTopic: PartitionsPerTopic): Map<string, Assignment> {
    checkMembers(members);
    const counts = partitionCounts(partitionsPerTopic);
    const sorted = [...members].sort(compareMembers);
    const byMember = new Map<string, Map<string, number[]>>(sorted.map((m) => [m.memberId, new Map()]));
    this.assignPartitions(sorted, counts, byMember);
    const out = new Map<string, Assignment>();
    for (const [memberId, byTopic] of byMember) out.set(memberId, toAssignment(byTopic));
    return out;
  }

  /**
   * Deals the partitions: `sorted` are the members in Kafka's order, `counts` the partition count per
   * topic, and `byMember` (member id -> topic -> partitions, one entry per member) receives them.
   */
  protected abstract assignPartitions(
    sorted: readonly GroupMember[],
    counts: ReadonlyMap<string, number>,
    byMember: Map<string, Map<string, number[]>>,
  ): void;
}
