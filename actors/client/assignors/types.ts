/**
 * The client-side partition assignor port (Java's ConsumerPartitionAssignor, KafkaJS's assigners).
 * The group leader runs one after JoinGroup: it sees every member's decoded Subscription and the
 * partition count of each subscribed topic, and returns each member's Assignment. Assignors work on
 * decoded structures; consumer-protocol.ts turns them into the embedded ConsumerProtocol bytes.
 */
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import type {
  ConsumerProtocolAssignment,
  ConsumerProtocolSubscription,
} from '../../../core/protocol/index.ts';

/** The decoded ConsumerProtocolSubscription (v0-v3 fields; absent ones hold their defaults). */
export type Subscription = ConsumerProtocolSubscription;
/** The decoded ConsumerProtocolAssignment. */
export type Assignment = ConsumerProtocolAssignment;

export interface TopicPartitions {
  topic: string;
  partitions: number[];
}

/** One member of the group as the leader sees it. */
export interface GroupMember {
  memberId: string;
  /** Static membership (KIP-345): orders members before their member id does. */
  groupInstanceId?: string | null;
  subscription: Subscription;
}

/** Topic name -> partition count, for the topics the group subscribes to. */
export type PartitionsPerTopic = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

/** What a member puts in its subscription; the rest takes the protocol defaults. */
export interface SubscriptionInput {
  topics: readonly string[];
  ownedPartitions?: readonly TopicPartitions[];
  /** The generation the owned partitions were assigned in; -1 when none. */
  generationId?: number;
  rackId?: string | null;
  userData?: Buffer | null;
}

/** Java's RebalanceProtocol: EAGER revokes everything before each rebalance; COOPERATIVE only what moves. */
export const RebalanceProtocol = { eager: 'EAGER', cooperative: 'COOPERATIVE' } as const;
export type RebalanceProtocolName = (typeof RebalanceProtocol)[keyof typeof RebalanceProtocol];

export interface Assignor {
  /** The protocol name sent in JoinGroup; Kafka's names, so mixed-client groups agree. */
  readonly name: string;
  readonly supportedProtocols: readonly RebalanceProtocolName[];
  /** The JoinGroup protocol metadata: the version-prefixed ConsumerProtocolSubscription bytes. */
  protocolMetadata(subscription: SubscriptionInput): Buffer;
  /** Every member gets an entry (possibly empty); topics missing from `partitionsPerTopic` are skipped. */
  assign(members: readonly GroupMember[], partitionsPerTopic: PartitionsPerTopic): Map<string, Assignment>;
  /**
   * Java's onAssignment: called on every member with the assignment it received (userData included)
   * before the rebalance listener hears of the partitions.
   */
  onAssignment?(assignment: Assignment, generationId: number): void;
}

/** Protocol default generation (Java's DEFAULT_GENERATION). */
export const generationIdNone = -1;

export function toSubscription(input: SubscriptionInput): Subscription {
  return {
    topics: [...input.topics],
    userData: input.userData ?? null,
    ownedPartitions: (input.ownedPartitions ?? []).map((tp) => ({
      topic: tp.topic,
      partitions: [...tp.partitions],
    })),
    generationId: input.generationId ?? generationIdNone,
    rackId: input.rackId ?? null,
  };
}

export function partitionCounts(partitionsPerTopic: PartitionsPerTopic): Map<string, number> {
  if (partitionsPerTopic instanceof Map) return new Map(partitionsPerTopic);
  return new Map(Object.entries(partitionsPerTopic as Readonly<Record<string, number>>));
}

/**
 * Java's MemberInfo order: static members first, by group instance id; then dynamic members by member
 * id. String comparison on UTF-16 code units, like Java's String.compareTo.
 */
export function compareMembers(a: GroupMember, b: GroupMember): number {
  const ai = a.groupInstanceId ?? null;
  const bi = b.groupInstanceId ?? null;
  if (ai !== null && bi !== null) return compareStrings(ai, bi);
  if (ai !== null) return -1;
  if (bi !== null) return 1;
  return compareStrings(a.memberId, b.memberId);
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Builds an Assignment from topic -> partitions, topics and partitions sorted. */
export function toAssignment(
  byTopic: ReadonlyMap<string, number[]>,
  userData: Buffer | null = null,
): Assignment {
  const topics = [...byTopic.keys()].filter((t) => byTopic.get(t)!.length > 0).sort(compareStrings);
  return {
    assignedPartitions: topics.map((topic) => ({
      topic,
      partitions: [...byTopic.get(topic)!].sort((x, y) => x - y),
    })),
    userData,
  };
}

/** Adds partition p of topic to a topic -> partitions map. */
export function addPartition(byTopic: Map<string, number[]>, topic: string, p: number): void {
  const list = byTopic.get(topic);
  if (list === undefined) byTopic.set(topic, [p]);
  else list.push(p);
}

/** Checks the members' ids are unique, so a caller's bug does not silently merge two members. */
export function checkMembers(members: readonly GroupMember[]): void {
  const seen = new Set<string>();
  for (const m of members) {
    if (seen.has(m.memberId))
      throw new KafkaError(
        ErrorCode.INVALID_REQUEST,
        `duplicate member id ${m.memberId} given to an assignor`,
      );
    seen.add(m.memberId);
  }
}
