/**
 * The thin adapter between assignors (decoded structures) and the bytes of the group protocol:
 * JoinGroup member metadata in, SyncGroup assignments out. The codec itself is core/protocol's.
 */
import {
  decodeAssignment,
  decodeSubscription,
  encodeAssignment,
  encodeSubscription,
} from '../../../core/protocol/index.ts';
import type { Assignment, Assignor, GroupMember, PartitionsPerTopic, Subscription } from './types.ts';

/** Subscription bytes at the newest version (v3); older brokers and clients ignore the trailing fields. */
export function encodeSubscriptionBytes(subscription: Subscription): Buffer {
  return encodeSubscription(subscription);
}

export function decodeSubscriptionBytes(bytes: Buffer): Subscription {
  return decodeSubscription(bytes);
}

export function encodeAssignmentBytes(assignment: Assignment): Buffer {
  return encodeAssignment(assignment);
}

export function decodeAssignmentBytes(bytes: Buffer): Assignment {
  return decodeAssignment(bytes);
}

/** A member as the JoinGroup response lists it to the leader. */
export interface JoinGroupMember {
  memberId: string;
  groupInstanceId?: string | null;
  metadata: Buffer;
}

/** The leader's step between JoinGroup and SyncGroup: decode, assign, encode. */
export function assignGroup(
  assignor: Assignor,
  members: readonly JoinGroupMember[],
  partitionsPerTopic: PartitionsPerTopic,
): Map<string, Buffer> {
  const decoded: GroupMember[] = members.map((m) => ({
    memberId: m.memberId,
    groupInstanceId: m.groupInstanceId ?? null,
    subscription: decodeSubscriptionBytes(m.metadata),
  }));
  const out = new Map<string, Buffer>();
  for (const [memberId, assignment] of assignor.assign(decoded, partitionsPerTopic))
    out.set(memberId, encodeAssignmentBytes(assignment));
  return out;
}
