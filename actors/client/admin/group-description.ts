/**
 * A DescribeGroups answer in the admin client's shape. For consumer groups (protocolType `consumer`)
 * each member's JoinGroup metadata and SyncGroup assignment are decoded with the consumer protocol's
 * codecs; other groups (Connect workers, custom protocols) keep the raw bytes only. Bytes that do not
 * decode as the consumer protocol (a client writing something else under `consumer`) are left raw
 * rather than failing the whole description.
 */
import {
  decodeAssignment,
  decodeSubscription,
  type ConsumerProtocolAssignment,
  type ConsumerProtocolSubscription,
  type DescribeGroupsResponseDescribedGroup,
  type DescribeGroupsResponseDescribedGroupMember,
} from '../../../core/protocol/index.ts';
import type { GroupDescription, GroupMemberDescription } from './admin-types.ts';

/** The protocol type of groups run by Kafka consumers. */
export const consumerProtocolType = 'consumer';

function tryDecode<T>(bytes: Buffer, decode: (b: Buffer) => T): T | undefined {
  if (bytes.length === 0) return undefined;
  try {
    return decode(bytes);
  } catch {
    // Not the consumer protocol's layout: the raw bytes stay available on the member.
    return undefined;
  }
}

function memberOf(m: DescribeGroupsResponseDescribedGroupMember, consumer: boolean): GroupMemberDescription {
  const base = {
    memberId: m.memberId,
    groupInstanceId: m.groupInstanceId,
    clientId: m.clientId,
    clientHost: m.clientHost,
    memberMetadata: m.memberMetadata,
    memberAssignment: m.memberAssignment,
  };
  if (!consumer) return base;
  const subscription: ConsumerProtocolSubscription | undefined = tryDecode(
    m.memberMetadata,
    decodeSubscription,
  );
  const assignment: ConsumerProtocolAssignment | undefined = tryDecode(m.memberAssignment, decodeAssignment);
  return {
    ...base,
    ...(subscription !== undefined ? { subscription } : {}),
    ...(assignment !== undefined ? { assignment } : {}),
  };
}

/** One described group (its error code already checked by the caller). */
export function groupDescriptionOf(g: DescribeGroupsResponseDescribedGroup): GroupDescription {
  const consumer = g.protocolType === consumerProtocolType;
  return {
    groupId: g.groupId,
    state: g.groupState,
    protocolType: g.protocolType,
    protocol: g.protocolData,
    members: g.members.map((m) => memberOf(m, consumer)),
  };
}
