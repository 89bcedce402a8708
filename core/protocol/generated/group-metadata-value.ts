// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): GroupMetadataValue.json.

import type { Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { type Writer } from '../writer.ts';
export interface GroupMetadataValue {
  /** (Versions 0+.) */
  protocolType: string;
  /** (Versions 0+.) */
  generation: number;
  /** (Versions 0+; nullable 0+.) */
  protocol: string | null;
  /** (Versions 0+; nullable 0+.) */
  leader: string | null;
  /** (Versions 2+.) */
  currentStateTimestamp: number;
  /** (Versions 0+.) */
  members: GroupMetadataValueMemberMetadata[];
}

export interface GroupMetadataValueMemberMetadata {
  /** (Versions 0+.) */
  memberId: string;
  /** (Versions 3+; nullable 3+.) */
  groupInstanceId: string | null;
  /** (Versions 0+.) */
  clientId: string;
  /** (Versions 0+.) */
  clientHost: string;
  /** (Versions 1+.) */
  rebalanceTimeout: number;
  /** (Versions 0+.) */
  sessionTimeout: number;
  /** (Versions 0+.) */
  subscription: Buffer;
  /** (Versions 0+.) */
  assignment: Buffer;
}

/** GroupMetadataValue versions 0. */
export function encodeGroupMetadataValueV0(w: Writer, v: GroupMetadataValue): void {
  w.writeString(v.protocolType);
  w.writeInt32(v.generation);
  w.writeNullableString(v.protocol);
  w.writeNullableString(v.leader);
  {
    const arr_0 = v.members;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.memberId);
      w.writeString(el_0.clientId);
      w.writeString(el_0.clientHost);
      w.writeInt32(el_0.sessionTimeout);
      w.writeBytes(el_0.subscription);
      w.writeBytes(el_0.assignment);
    }
  }
}

export function decodeGroupMetadataValueV0(r: Reader): GroupMetadataValue {
  const f_protocolType_0 = r.readString();
  const f_generation_0 = r.readInt32();
  const f_protocol_0 = r.readNullableString();
  const f_leader_0 = r.readNullableString();
  const f_members_0_n = r.readArrayLength(18);
  const f_members_0_a: GroupMetadataValueMemberMetadata[] = [];
  for (let i_0 = 0; i_0 < f_members_0_n; i_0++) {
    const f_memberId_1 = r.readString();
    const f_clientId_1 = r.readString();
    const f_clientHost_1 = r.readString();
    const f_sessionTimeout_1 = r.readInt32();
    const f_subscription_1 = r.readBytes();
    const f_assignment_1 = r.readBytes();
    f_members_0_a.push({ memberId: f_memberId_1, groupInstanceId: null, clientId: f_clientId_1, clientHost: f_clientHost_1, rebalanceTimeout: -1, sessionTimeout: f_sessionTimeout_1, subscription: f_subscription_1, assignment: f_assignment_1 });
  }
  const f_members_0 = f_members_0_a;
  return { protocolType: f_protocolType_0, generation: f_generation_0, protocol: f_protocol_0, leader: f_leader_0, currentStateTimestamp: -1, members: f_members_0 };
}

const groupMetadataValueCodecV0: Codec<GroupMetadataValue, GroupMetadataValue> = { encode: encodeGroupMetadataValueV0, decode: decodeGroupMetadataValueV0 };

/** GroupMetadataValue versions 1. */
export function encodeGroupMetadataValueV1(w: Writer, v: GroupMetadataValue): void {
  w.writeString(v.protocolType);
  w.writeInt32(v.generation);
  w.writeNullableString(v.protocol);
  w.writeNullableString(v.leader);
  {
    const arr_0 = v.members;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.memberId);
      w.writeString(el_0.clientId);
      w.writeString(el_0.clientHost);
      w.writeInt32(el_0.rebalanceTimeout);
      w.writeInt32(el_0.sessionTimeout);
      w.writeBytes(el_0.subscription);
      w.writeBytes(el_0.assignment);
    }
  }
}

export function decodeGroupMetadataValueV1(r: Reader): GroupMetadataValue {
  const f_protocolType_0 = r.readString();
  const f_generation_0 = r.readInt32();
  const f_protocol_0 = r.readNullableString();
  const f_leader_0 = r.readNullableString();
  const f_members_0_n = r.readArrayLength(22);
  const f_members_0_a: GroupMetadataValueMemberMetadata[] = [];
  for (let i_0 = 0; i_0 < f_members_0_n; i_0++) {
    const f_memberId_1 = r.readString();
    const f_clientId_1 = r.readString();
    const f_clientHost_1 = r.readString();
    const f_rebalanceTimeout_1 = r.readInt32();
    const f_sessionTimeout_1 = r.readInt32();
    const f_subscription_1 = r.readBytes();
    const f_assignment_1 = r.readBytes();
    f_members_0_a.push({ memberId: f_memberId_1, groupInstanceId: null, clientId: f_clientId_1, clientHost: f_clientHost_1, rebalanceTimeout: f_rebalanceTimeout_1, sessionTimeout: f_sessionTimeout_1, subscription: f_subscription_1, assignment: f_assignment_1 });
  }
  const f_members_0 = f_members_0_a;
  return { protocolType: f_protocolType_0, generation: f_generation_0, protocol: f_protocol_0, leader: f_leader_0, currentStateTimestamp: -1, members: f_members_0 };
}

const groupMetadataValueCodecV1: Codec<GroupMetadataValue, GroupMetadataValue> = { encode: encodeGroupMetadataValueV1, decode: decodeGroupMetadataValueV1 };

/** GroupMetadataValue versions 2. */
export function encodeGroupMetadataValueV2(w: Writer, v: GroupMetadataValue): void {
  w.writeString(v.protocolType);
  w.writeInt32(v.generation);
  w.writeNullableString(v.protocol);
  w.writeNullableString(v.leader);
  w.writeInt64(v.currentStateTimestamp);
  {
    const arr_0 = v.members;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.memberId);
      w.writeString(el_0.clientId);
      w.writeString(el_0.clientHost);
      w.writeInt32(el_0.rebalanceTimeout);
      w.writeInt32(el_0.sessionTimeout);
      w.writeBytes(el_0.subscription);
      w.writeBytes(el_0.assignment);
    }
  }
}

export function decodeGroupMetadataValueV2(r: Reader): GroupMetadataValue {
  const f_protocolType_0 = r.readString();
  const f_generation_0 = r.readInt32();
  const f_protocol_0 = r.readNullableString();
  const f_leader_0 = r.readNullableString();
  const f_currentStateTimestamp_0 = r.readInt64();
  const f_members_0_n = r.readArrayLength(22);
  const f_members_0_a: GroupMetadataValueMemberMetadata[] = [];
  for (let i_0 = 0; i_0 < f_members_0_n; i_0++) {
    const f_memberId_1 = r.readString();
    const f_clientId_1 = r.readString();
    const f_clientHost_1 = r.readString();
    const f_rebalanceTimeout_1 = r.readInt32();
    const f_sessionTimeout_1 = r.readInt32();
    const f_subscription_1 = r.readBytes();
    const f_assignment_1 = r.readBytes();
    f_members_0_a.push({ memberId: f_memberId_1, groupInstanceId: null, clientId: f_clientId_1, clientHost: f_clientHost_1, rebalanceTimeout: f_rebalanceTimeout_1, sessionTimeout: f_sessionTimeout_1, subscription: f_subscription_1, assignment: f_assignment_1 });
  }
  const f_members_0 = f_members_0_a;
  return { protocolType: f_protocolType_0, generation: f_generation_0, protocol: f_protocol_0, leader: f_leader_0, currentStateTimestamp: f_currentStateTimestamp_0, members: f_members_0 };
}

const groupMetadataValueCodecV2: Codec<GroupMetadataValue, GroupMetadataValue> = { encode: encodeGroupMetadataValueV2, decode: decodeGroupMetadataValueV2 };

/** GroupMetadataValue versions 3. */
export function encodeGroupMetadataValueV3(w: Writer, v: GroupMetadataValue): void {
  w.writeString(v.protocolType);
  w.writeInt32(v.generation);
  w.writeNullableString(v.protocol);
  w.writeNullableString(v.leader);
  w.writeInt64(v.currentStateTimestamp);
  {
    const arr_0 = v.members;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.memberId);
      w.writeNullableString(el_0.groupInstanceId);
      w.writeString(el_0.clientId);
      w.writeString(el_0.clientHost);
      w.writeInt32(el_0.rebalanceTimeout);
      w.writeInt32(el_0.sessionTimeout);
      w.writeBytes(el_0.subscription);
      w.writeBytes(el_0.assignment);
    }
  }
}

export function decodeGroupMetadataValueV3(r: Reader): GroupMetadataValue {
  const f_protocolType_0 = r.readString();
  const f_generation_0 = r.readInt32();
  const f_protocol_0 = r.readNullableString();
  const f_leader_0 = r.readNullableString();
  const f_currentStateTimestamp_0 = r.readInt64();
  const f_members_0_n = r.readArrayLength(24);
  const f_members_0_a: GroupMetadataValueMemberMetadata[] = [];
  for (let i_0 = 0; i_0 < f_members_0_n; i_0++) {
    const f_memberId_1 = r.readString();
    const f_groupInstanceId_1 = r.readNullableString();
    const f_clientId_1 = r.readString();
    const f_clientHost_1 = r.readString();
    const f_rebalanceTimeout_1 = r.readInt32();
    const f_sessionTimeout_1 = r.readInt32();
    const f_subscription_1 = r.readBytes();
    const f_assignment_1 = r.readBytes();
    f_members_0_a.push({ memberId: f_memberId_1, groupInstanceId: f_groupInstanceId_1, clientId: f_clientId_1, clientHost: f_clientHost_1, rebalanceTimeout: f_rebalanceTimeout_1, sessionTimeout: f_sessionTimeout_1, subscription: f_subscription_1, assignment: f_assignment_1 });
  }
  const f_members_0 = f_members_0_a;
  return { protocolType: f_protocolType_0, generation: f_generation_0, protocol: f_protocol_0, leader: f_leader_0, currentStateTimestamp: f_currentStateTimestamp_0, members: f_members_0 };
}

const groupMetadataValueCodecV3: Codec<GroupMetadataValue, GroupMetadataValue> = { encode: encodeGroupMetadataValueV3, decode: decodeGroupMetadataValueV3 };

/** GroupMetadataValue versions 4. */
export function encodeGroupMetadataValueV4(w: Writer, v: GroupMetadataValue): void {
  w.writeCompactString(v.protocolType);
  w.writeInt32(v.generation);
  w.writeCompactNullableString(v.protocol);
  w.writeCompactNullableString(v.leader);
  w.writeInt64(v.currentStateTimestamp);
  {
    const arr_0 = v.members;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.memberId);
      w.writeCompactNullableString(el_0.groupInstanceId);
      w.writeCompactString(el_0.clientId);
      w.writeCompactString(el_0.clientHost);
      w.writeInt32(el_0.rebalanceTimeout);
      w.writeInt32(el_0.sessionTimeout);
      w.writeCompactBytes(el_0.subscription);
      w.writeCompactBytes(el_0.assignment);
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeGroupMetadataValueV4(r: Reader): GroupMetadataValue {
  const f_protocolType_0 = r.readCompactString();
  const f_generation_0 = r.readInt32();
  const f_protocol_0 = r.readCompactNullableString();
  const f_leader_0 = r.readCompactNullableString();
  const f_currentStateTimestamp_0 = r.readInt64();
  const f_members_0_n = r.readCompactArrayLength(15);
  const f_members_0_a: GroupMetadataValueMemberMetadata[] = [];
  for (let i_0 = 0; i_0 < f_members_0_n; i_0++) {
    const f_memberId_1 = r.readCompactString();
    const f_groupInstanceId_1 = r.readCompactNullableString();
    const f_clientId_1 = r.readCompactString();
    const f_clientHost_1 = r.readCompactString();
    const f_rebalanceTimeout_1 = r.readInt32();
    const f_sessionTimeout_1 = r.readInt32();
    const f_subscription_1 = r.readCompactBytes();
    const f_assignment_1 = r.readCompactBytes();
    r.skipTaggedFields();
    f_members_0_a.push({ memberId: f_memberId_1, groupInstanceId: f_groupInstanceId_1, clientId: f_clientId_1, clientHost: f_clientHost_1, rebalanceTimeout: f_rebalanceTimeout_1, sessionTimeout: f_sessionTimeout_1, subscription: f_subscription_1, assignment: f_assignment_1 });
  }
  const f_members_0 = f_members_0_a;
  r.skipTaggedFields();
  return { protocolType: f_protocolType_0, generation: f_generation_0, protocol: f_protocol_0, leader: f_leader_0, currentStateTimestamp: f_currentStateTimestamp_0, members: f_members_0 };
}

const groupMetadataValueCodecV4: Codec<GroupMetadataValue, GroupMetadataValue> = { encode: encodeGroupMetadataValueV4, decode: decodeGroupMetadataValueV4 };

/** GroupMetadataValue codecs indexed by version (0-4). */
export const groupMetadataValueCodecs: readonly (Codec<GroupMetadataValue, GroupMetadataValue> | undefined)[] = [
  groupMetadataValueCodecV0,
  groupMetadataValueCodecV1,
  groupMetadataValueCodecV2,
  groupMetadataValueCodecV3,
  groupMetadataValueCodecV4,
];
