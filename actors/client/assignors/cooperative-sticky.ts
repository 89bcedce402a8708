/**
 * Kafka's CooperativeStickyAssignor ("cooperative-sticky"), for incremental cooperative rebalancing
 * (KIP-429). Two goals, in this order:
 *  1. balance: no partition could move to an eligible member holding at least two fewer partitions
 *     (with equal subscriptions: partition counts differ by at most one);
 *  2. stickiness: a member keeps the partitions it owned (its Subscription's ownedPartitions), and only
 *     partitions that must move for balance move.
 * Cooperative rule: a partition moving from one member to another is only revoked in this generation
 * (assigned to nobody); its old owner gives it up and rejoins, and the follow-up rebalance hands it to
 * its new owner. So no partition is ever owned by two consumers at once, and members never stop
 * consuming partitions that stay put.
 *
 * Ownership claims are resolved by generation: when two members claim a partition, the claim from the
 * higher generationId wins (a stale member that missed a rebalance loses); on a tie the first member in
 * member order keeps it. Like Java, the generation is also written as an int32 into userData, so a
 * leader that only reads v0/v1 subscriptions still sees it.
 */
import { encodeSubscriptionBytes } from './consumer-protocol.ts';
import {
  RebalanceProtocol,
  addPartition,
  checkMembers,
  compareMembers,
  compareStrings,
  generationIdNone,
  partitionCounts,
  toAssignment,
  toSubscription,
  type Assignment,
  type Assignor,
  type GroupMember,
  type PartitionsPerTopic,
  type SubscriptionInput,
} from './types.ts';

/** A topic-partition as one string key, for maps; `\u0000` cannot appear in a topic name. */
function tpKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

interface TopicPartition {
  topic: string;
  partition: number;
  key: string;
}

/** The generation of a member's owned partitions: v2+ field, else Java's userData int32, else none. */
export function generationOf(member: GroupMember): number {
  const s = member.subscription;
  if (s.generationId !== generationIdNone) return s.generationId;
  if (s.userData !== null && s.userData.length >= 4) return s.userData.readInt32BE(0);
  return generationIdNone;
}

export class CooperativeStickyAssignor implements Assignor {
  readonly name = 'cooperative-sticky';
  readonly supportedProtocols = [RebalanceProtocol.cooperative, RebalanceProtocol.eager] as const;

  protocolMetadata(subscription: SubscriptionInput): Buffer {
    const s = toSubscription(subscription);
    const userData = Buffer.alloc(4);
    userData.writeInt32BE(s.generationId, 0);
    return encodeSubscriptionBytes({ ...s, userData });
  }

  assign(members: readonly GroupMember[], partitionsPerTopic: PartitionsPerTopic): Map<string, Assignment> {
    checkMembers(members);
    const counts = partitionCounts(partitionsPerTopic);
    const sorted = [...members].sort(compareMembers);
    const subscribed = new Map<string, Set<string>>();
    for (const m of sorted)
      subscribed.set(m.memberId, new Set(m.subscription.topics.filter((t) => (counts.get(t) ?? 0) > 0)));

    // Every partition of every subscribed topic, sorted by topic then partition.
    const topics = new Set<string>();
    for (const s of subscribed.values()) for (const t of s) topics.add(t);
    const all: TopicPartition[] = [];
    for (const topic of [...topics].sort(compareStrings))
      for (let p = 0; p < counts.get(topic)!; p++) all.push({ topic, partition: p, key: tpKey(topic, p) });

    // Members and loads by index into `sorted`, owners by index into `all`: the loops below run
    // O(partitions x members) per pass, so they stay on typed arrays rather than string-keyed maps.
    const memberIndex = new Map(sorted.map((m, i) => [m.memberId, i]));
    const claims = this.resolveClaims(sorted, subscribed, counts);
    const load = new Int32Array(sorted.length);
    const ownerOf = new Int32Array(all.length).fill(-1);
    for (let i = 0; i < all.length; i++) {
      const id = claims.get(all[i]!.key);
      if (id === undefined) continue;
      const m = memberIndex.get(id)!;
      ownerOf[i] = m;
      load[m]!++;
    }
    const previousOf = ownerOf.slice();
    const eligibleByTopic = new Map<string, Int32Array>(); // members subscribed, in member order
    for (const topic of topics) {
      const ids: number[] = [];
      for (let m = 0; m < sorted.length; m++)
        if (subscribed.get(sorted[m]!.memberId)!.has(topic)) ids.push(m);
      eligibleByTopic.set(topic, Int32Array.from(ids));
    }
    const eligibleOf = all.map((tp) => eligibleByTopic.get(tp.topic)!);

    /** The least loaded eligible member; ties go to the first in member order. */
    const leastLoaded = (eligible: Int32Array): number => {
      let best = eligible[0]!;
      for (let j = 1; j < eligible.length; j++) if (load[eligible[j]!]! < load[best]!) best = eligible[j]!;
      return best;
    };

    // Unowned partitions go to the least loaded eligible member.
    for (let i = 0; i < all.length; i++) {
      if (ownerOf[i] !== -1) continue;
      const m = leastLoaded(eligibleOf[i]!);
      ownerOf[i] = m;
      load[m]!++;
    }

    // Balance by single moves from a member to an eligible one with at least two fewer partitions.
    // Each move lowers the sum of squared loads, so this ends; moving only from overloaded members
    // keeps every other partition where it was (stickiness).
    for (let moved = true; moved;) {
      moved = false;
      for (let i = 0; i < all.length; i++) {
        const from = ownerOf[i]!;
        const to = leastLoaded(eligibleOf[i]!);
        if (load[from]! <= load[to]! + 1) continue;
        ownerOf[i] = to;
        load[from]!--;
        load[to]!++;
        moved = true;
      }
    }

    // Cooperative step: a partition going to a member that does not own it while another member does
    // is only revoked now; the follow-up rebalance assigns it.
    const claimedBy = new Map<string, Set<string>>();
    for (const m of sorted)
      for (const tps of m.subscription.ownedPartitions)
        for (const p of tps.partitions) {
          const key = tpKey(tps.topic, p);
          const set = claimedBy.get(key) ?? new Set<string>();
          set.add(m.memberId);
          claimedBy.set(key, set);
        }

    const byMember = new Map<string, Map<string, number[]>>(sorted.map((m) => [m.memberId, new Map()]));
    for (let i = 0; i < all.length; i++) {
      const tp = all[i]!;
      const id = sorted[ownerOf[i]!]!.memberId;
      const claimers = claimedBy.get(tp.key);
      // Revoked from its owner this round: the standing claim is someone else's, or others claim it
      // and the new owner does not (a claim that lost on generation still means the member may hold it).
      if (previousOf[i] !== -1 && previousOf[i] !== ownerOf[i]) continue;
      if (claimers !== undefined && !claimers.has(id)) continue;
      addPartition(byMember.get(id)!, tp.topic, tp.partition);
    }
    const out = new Map<string, Assignment>();
    for (const [memberId, byTopic] of byMember) out.set(memberId, toAssignment(byTopic));
    return out;
  }

  /** Partition key -> the member whose claim stands: subscribed, partition exists, highest generation. */
  private resolveClaims(
    sorted: readonly GroupMember[],
    subscribed: ReadonlyMap<string, ReadonlySet<string>>,
    counts: ReadonlyMap<string, number>,
  ): Map<string, string> {
    const owner = new Map<string, string>();
    const ownerGeneration = new Map<string, number>();
    for (const m of sorted) {
      const generation = generationOf(m);
      const topics = subscribed.get(m.memberId)!;
      for (const tps of m.subscription.ownedPartitions) {
        if (!topics.has(tps.topic)) continue;
        const numPartitions = counts.get(tps.topic)!;
        for (const p of tps.partitions) {
          if (!Number.isInteger(p) || p < 0 || p >= numPartitions) continue;
          const key = tpKey(tps.topic, p);
          const previous = ownerGeneration.get(key);
          if (previous !== undefined && previous >= generation) continue;
          owner.set(key, m.memberId);
          ownerGeneration.set(key, generation);
        }
      }
    }
    return owner;
  }
}
