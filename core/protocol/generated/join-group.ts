// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): JoinGroupRequest.json, JoinGroupResponse.json.

import type { ApiCodecs, Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { nullField, type Writer } from '../writer.ts';
export interface JoinGroupRequest {
  /** The group identifier. (Versions 0+.) */
  groupId: string;
  /** The coordinator considers the consumer dead if it receives no heartbeat after this timeout in milliseconds. (Versions 0+.) */
  sessionTimeoutMs: number;
  /** The maximum time in milliseconds that the coordinator will wait for each member to rejoin when rebalancing the group. (Versions 1+.) */
  rebalanceTimeoutMs: number;
  /** The member id assigned by the group coordinator. (Versions 0+.) */
  memberId: string;
  /** The unique identifier of the consumer instance provided by end user. (Versions 5+; nullable 5+.) */
  groupInstanceId: string | null;
  /** The unique name the for class of protocols implemented by the group we want to join. (Versions 0+.) */
  protocolType: string;
  /** The list of protocols that the member supports. (Versions 0+.) */
  protocols: JoinGroupRequestProtocol[];
  /** The reason why the member (re-)joins the group. (Versions 8+; nullable 8+.) */
  reason: string | null;
}

export interface JoinGroupRequestProtocol {
  /** The protocol name. (Versions 0+.) */
  name: string;
  /** The protocol metadata. (Versions 0+.) */
  metadata: Buffer;
}

/** JoinGroupRequest versions 0. */
export function encodeJoinGroupRequestV0(w: Writer, v: JoinGroupRequest): void {
  w.writeString(v.groupId);
  w.writeInt32(v.sessionTimeoutMs);
  w.writeString(v.memberId);
  w.writeString(v.protocolType);
  {
    const arr_0 = v.protocols;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.name);
      w.writeBytes(el_0.metadata);
    }
  }
}

export function decodeJoinGroupRequestV0(r: Reader): JoinGroupRequest {
  const f_groupId_0 = r.readString();
  const f_sessionTimeoutMs_0 = r.readInt32();
  const f_memberId_0 = r.readString();
  const f_protocolType_0 = r.readString();
  const f_protocols_0_n = r.readArrayLength(6);
  const f_protocols_0_a: JoinGroupRequestProtocol[] = [];
  for (let i_0 = 0; i_0 < f_protocols_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_metadata_1 = r.readBytes();
    f_protocols_0_a.push({ name: f_name_1, metadata: f_metadata_1 });
  }
  const f_protocols_0 = f_protocols_0_a;
  return { groupId: f_groupId_0, sessionTimeoutMs: f_sessionTimeoutMs_0, rebalanceTimeoutMs: -1, memberId: f_memberId_0, groupInstanceId: null, protocolType: f_protocolType_0, protocols: f_protocols_0, reason: null };
}

const joinGroupRequestCodecV0: Codec<JoinGroupRequest, JoinGroupRequest> = { encode: encodeJoinGroupRequestV0, decode: decodeJoinGroupRequestV0 };

/** JoinGroupRequest versions 1-4. */
export function encodeJoinGroupRequestV1To4(w: Writer, v: JoinGroupRequest): void {
  w.writeString(v.groupId);
  w.writeInt32(v.sessionTimeoutMs);
  w.writeInt32(v.rebalanceTimeoutMs);
  w.writeString(v.memberId);
  w.writeString(v.protocolType);
  {
    const arr_0 = v.protocols;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.name);
      w.writeBytes(el_0.metadata);
    }
  }
}

export function decodeJoinGroupRequestV1To4(r: Reader): JoinGroupRequest {
  const f_groupId_0 = r.readString();
  const f_sessionTimeoutMs_0 = r.readInt32();
  const f_rebalanceTimeoutMs_0 = r.readInt32();
  const f_memberId_0 = r.readString();
  const f_protocolType_0 = r.readString();
  const f_protocols_0_n = r.readArrayLength(6);
  const f_protocols_0_a: JoinGroupRequestProtocol[] = [];
  for (let i_0 = 0; i_0 < f_protocols_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_metadata_1 = r.readBytes();
    f_protocols_0_a.push({ name: f_name_1, metadata: f_metadata_1 });
  }
  const f_protocols_0 = f_protocols_0_a;
  return { groupId: f_groupId_0, sessionTimeoutMs: f_sessionTimeoutMs_0, rebalanceTimeoutMs: f_rebalanceTimeoutMs_0, memberId: f_memberId_0, groupInstanceId: null, protocolType: f_protocolType_0, protocols: f_protocols_0, reason: null };
}

const joinGroupRequestCodecV1To4: Codec<JoinGroupRequest, JoinGroupRequest> = { encode: encodeJoinGroupRequestV1To4, decode: decodeJoinGroupRequestV1To4 };

/** JoinGroupRequest versions 5. */
export function encodeJoinGroupRequestV5(w: Writer, v: JoinGroupRequest): void {
  w.writeString(v.groupId);
  w.writeInt32(v.sessionTimeoutMs);
  w.writeInt32(v.rebalanceTimeoutMs);
  w.writeString(v.memberId);
  w.writeNullableString(v.groupInstanceId);
  w.writeString(v.protocolType);
  {
    const arr_0 = v.protocols;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.name);
      w.writeBytes(el_0.metadata);
    }
  }
}

export function decodeJoinGroupRequestV5(r: Reader): JoinGroupRequest {
  const f_groupId_0 = r.readString();
  const f_sessionTimeoutMs_0 = r.readInt32();
  const f_rebalanceTimeoutMs_0 = r.readInt32();
  const f_memberId_0 = r.readString();
  const f_groupInstanceId_0 = r.readNullableString();
  const f_protocolType_0 = r.readString();
  const f_protocols_0_n = r.readArrayLength(6);
  const f_protocols_0_a: JoinGroupRequestProtocol[] = [];
  for (let i_0 = 0; i_0 < f_protocols_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_metadata_1 = r.readBytes();
    f_protocols_0_a.push({ name: f_name_1, metadata: f_metadata_1 });
  }
  const f_protocols_0 = f_protocols_0_a;
  return { groupId: f_groupId_0, sessionTimeoutMs: f_sessionTimeoutMs_0, rebalanceTimeoutMs: f_rebalanceTimeoutMs_0, memberId: f_memberId_0, groupInstanceId: f_groupInstanceId_0, protocolType: f_protocolType_0, protocols: f_protocols_0, reason: null };
}

const joinGroupRequestCodecV5: Codec<JoinGroupRequest, JoinGroupRequest> = { encode: encodeJoinGroupRequestV5, decode: decodeJoinGroupRequestV5 };

/** JoinGroupRequest versions 6-7. */
export function encodeJoinGroupRequestV6To7(w: Writer, v: JoinGroupRequest): void {
  w.writeCompactString(v.groupId);
  w.writeInt32(v.sessionTimeoutMs);
  w.writeInt32(v.rebalanceTimeoutMs);
  w.writeCompactString(v.memberId);
  w.writeCompactNullableString(v.groupInstanceId);
  w.writeCompactString(v.protocolType);
  {
    const arr_0 = v.protocols;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.name);
      w.writeCompactBytes(el_0.metadata);
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeJoinGroupRequestV6To7(r: Reader): JoinGroupRequest {
  const f_groupId_0 = r.readCompactString();
  const f_sessionTimeoutMs_0 = r.readInt32();
  const f_rebalanceTimeoutMs_0 = r.readInt32();
  const f_memberId_0 = r.readCompactString();
  const f_groupInstanceId_0 = r.readCompactNullableString();
  const f_protocolType_0 = r.readCompactString();
  const f_protocols_0_n = r.readCompactArrayLength(3);
  const f_protocols_0_a: JoinGroupRequestProtocol[] = [];
  for (let i_0 = 0; i_0 < f_protocols_0_n; i_0++) {
    const f_name_1 = r.readCompactString();
    const f_metadata_1 = r.readCompactBytes();
    r.skipTaggedFields();
    f_protocols_0_a.push({ name: f_name_1, metadata: f_metadata_1 });
  }
  const f_protocols_0 = f_protocols_0_a;
  r.skipTaggedFields();
  return { groupId: f_groupId_0, sessionTimeoutMs: f_sessionTimeoutMs_0, rebalanceTimeoutMs: f_rebalanceTimeoutMs_0, memberId: f_memberId_0, groupInstanceId: f_groupInstanceId_0, protocolType: f_protocolType_0, protocols: f_protocols_0, reason: null };
}

const joinGroupRequestCodecV6To7: Codec<JoinGroupRequest, JoinGroupRequest> = { encode: encodeJoinGroupRequestV6To7, decode: decodeJoinGroupRequestV6To7 };

/** JoinGroupRequest versions 8-9. */
export function encodeJoinGroupRequestV8To9(w: Writer, v: JoinGroupRequest): void {
  w.writeCompactString(v.groupId);
  w.writeInt32(v.sessionTimeoutMs);
  w.writeInt32(v.rebalanceTimeoutMs);
  w.writeCompactString(v.memberId);
  w.writeCompactNullableString(v.groupInstanceId);
  w.writeCompactString(v.protocolType);
  {
    const arr_0 = v.protocols;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.name);
      w.writeCompactBytes(el_0.metadata);
      w.writeUVarint(0);
    }
  }
  w.writeCompactNullableString(v.reason);
  w.writeUVarint(0);
}

export function decodeJoinGroupRequestV8To9(r: Reader): JoinGroupRequest {
  const f_groupId_0 = r.readCompactString();
  const f_sessionTimeoutMs_0 = r.readInt32();
  const f_rebalanceTimeoutMs_0 = r.readInt32();
  const f_memberId_0 = r.readCompactString();
  const f_groupInstanceId_0 = r.readCompactNullableString();
  const f_protocolType_0 = r.readCompactString();
  const f_protocols_0_n = r.readCompactArrayLength(3);
  const f_protocols_0_a: JoinGroupRequestProtocol[] = [];
  for (let i_0 = 0; i_0 < f_protocols_0_n; i_0++) {
    const f_name_1 = r.readCompactString();
    const f_metadata_1 = r.readCompactBytes();
    r.skipTaggedFields();
    f_protocols_0_a.push({ name: f_name_1, metadata: f_metadata_1 });
  }
  const f_protocols_0 = f_protocols_0_a;
  const f_reason_0 = r.readCompactNullableString();
  r.skipTaggedFields();
  return { groupId: f_groupId_0, sessionTimeoutMs: f_sessionTimeoutMs_0, rebalanceTimeoutMs: f_rebalanceTimeoutMs_0, memberId: f_memberId_0, groupInstanceId: f_groupInstanceId_0, protocolType: f_protocolType_0, protocols: f_protocols_0, reason: f_reason_0 };
}

const joinGroupRequestCodecV8To9: Codec<JoinGroupRequest, JoinGroupRequest> = { encode: encodeJoinGroupRequestV8To9, decode: decodeJoinGroupRequestV8To9 };

/** JoinGroupRequest codecs indexed by version (0-9). */
export const joinGroupRequestCodecs: readonly (Codec<JoinGroupRequest, JoinGroupRequest> | undefined)[] = [
  joinGroupRequestCodecV0,
  joinGroupRequestCodecV1To4,
  joinGroupRequestCodecV1To4,
  joinGroupRequestCodecV1To4,
  joinGroupRequestCodecV1To4,
  joinGroupRequestCodecV5,
  joinGroupRequestCodecV6To7,
  joinGroupRequestCodecV6To7,
  joinGroupRequestCodecV8To9,
  joinGroupRequestCodecV8To9,
];

export interface JoinGroupResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (Versions 2+.) */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error. (Versions 0+.) */
  errorCode: number;
  /** The generation ID of the group. (Versions 0+.) */
  generationId: number;
  /** The group protocol name. (Versions 7+; nullable 7+.) */
  protocolType: string | null;
  /** The group protocol selected by the coordinator. (Versions 0+; nullable 7+.) */
  protocolName: string | null;
  /** The leader of the group. (Versions 0+.) */
  leader: string;
  /** True if the leader must skip running the assignment. (Versions 9+.) */
  skipAssignment: boolean;
  /** The member ID assigned by the group coordinator. (Versions 0+.) */
  memberId: string;
  /** (Versions 0+.) */
  members: JoinGroupResponseMember[];
}

export interface JoinGroupResponseMember {
  /** The group member ID. (Versions 0+.) */
  memberId: string;
  /** The unique identifier of the consumer instance provided by end user. (Versions 5+; nullable 5+.) */
  groupInstanceId: string | null;
  /** The group member metadata. (Versions 0+.) */
  metadata: Buffer;
}

/** JoinGroupResponse versions 0-1. */
export function encodeJoinGroupResponseV0To1(w: Writer, v: JoinGroupResponse): void {
  w.writeInt16(v.errorCode);
  w.writeInt32(v.generationId);
  w.writeString((v.protocolName ?? nullField("JoinGroupResponse.ProtocolName")));
  w.writeString(v.leader);
  w.writeString(v.memberId);
  {
    const arr_0 = v.members;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.memberId);
      w.writeBytes(el_0.metadata);
    }
  }
}

export function decodeJoinGroupResponseV0To1(r: Reader): JoinGroupResponse {
  const f_errorCode_0 = r.readInt16();
  const f_generationId_0 = r.readInt32();
  const f_protocolName_0 = r.readString();
  const f_leader_0 = r.readString();
  const f_memberId_0 = r.readString();
  const f_members_0_n = r.readArrayLength(6);
  const f_members_0_a: JoinGroupResponseMember[] = [];
  for (let i_0 = 0; i_0 < f_members_0_n; i_0++) {
    const f_memberId_1 = r.readString();
    const f_metadata_1 = r.readBytes();
    f_members_0_a.push({ memberId: f_memberId_1, groupInstanceId: null, metadata: f_metadata_1 });
  }
  const f_members_0 = f_members_0_a;
  return { throttleTimeMs: 0, errorCode: f_errorCode_0, generationId: f_generationId_0, protocolType: null, protocolName: f_protocolName_0, leader: f_leader_0, skipAssignment: false, memberId: f_memberId_0, members: f_members_0 };
}

const joinGroupResponseCodecV0To1: Codec<JoinGroupResponse, JoinGroupResponse> = { encode: encodeJoinGroupResponseV0To1, decode: decodeJoinGroupResponseV0To1 };

/** JoinGroupResponse versions 2-4. */
export function encodeJoinGroupResponseV2To4(w: Writer, v: JoinGroupResponse): void {
  w.writeInt32(v.throttleTimeMs);
  w.writeInt16(v.errorCode);
  w.writeInt32(v.generationId);
  w.writeString((v.protocolName ?? nullField("JoinGroupResponse.ProtocolName")));
  w.writeString(v.leader);
  w.writeString(v.memberId);
  {
    const arr_0 = v.members;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.memberId);
      w.writeBytes(el_0.metadata);
    }
  }
}

export function decodeJoinGroupResponseV2To4(r: Reader): JoinGroupResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_errorCode_0 = r.readInt16();
  const f_generationId_0 = r.readInt32();
  const f_protocolName_0 = r.readString();
  const f_leader_0 = r.readString();
  const f_memberId_0 = r.readString();
  const f_members_0_n = r.readArrayLength(6);
  const f_members_0_a: JoinGroupResponseMember[] = [];
  for (let i_0 = 0; i_0 < f_members_0_n; i_0++) {
    const f_memberId_1 = r.readString();
    const f_metadata_1 = r.readBytes();
    f_members_0_a.push({ memberId: f_memberId_1, groupInstanceId: null, metadata: f_metadata_1 });
  }
  const f_members_0 = f_members_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: f_errorCode_0, generationId: f_generationId_0, protocolType: null, protocolName: f_protocolName_0, leader: f_leader_0, skipAssignment: false, memberId: f_memberId_0, members: f_members_0 };
}

const joinGroupResponseCodecV2To4: Codec<JoinGroupResponse, JoinGroupResponse> = { encode: encodeJoinGroupResponseV2To4, decode: decodeJoinGroupResponseV2To4 };

/** JoinGroupResponse versions 5. */
export function encodeJoinGroupResponseV5(w: Writer, v: JoinGroupResponse): void {
  w.writeInt32(v.throttleTimeMs);
  w.writeInt16(v.errorCode);
  w.writeInt32(v.generationId);
  w.writeString((v.protocolName ?? nullField("JoinGroupResponse.ProtocolName")));
  w.writeString(v.leader);
  w.writeString(v.memberId);
  {
    const arr_0 = v.members;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.memberId);
      w.writeNullableString(el_0.groupInstanceId);
      w.writeBytes(el_0.metadata);
    }
  }
}

export function decodeJoinGroupResponseV5(r: Reader): JoinGroupResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_errorCode_0 = r.readInt16();
  const f_generationId_0 = r.readInt32();
  const f_protocolName_0 = r.readString();
  const f_leader_0 = r.readString();
  const f_memberId_0 = r.readString();
  const f_members_0_n = r.readArrayLength(8);
  const f_members_0_a: JoinGroupResponseMember[] = [];
  for (let i_0 = 0; i_0 < f_members_0_n; i_0++) {
    const f_memberId_1 = r.readString();
    const f_groupInstanceId_1 = r.readNullableString();
    const f_metadata_1 = r.readBytes();
    f_members_0_a.push({ memberId: f_memberId_1, groupInstanceId: f_groupInstanceId_1, metadata: f_metadata_1 });
  }
  const f_members_0 = f_members_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: f_errorCode_0, generationId: f_generationId_0, protocolType: null, protocolName: f_protocolName_0, leader: f_leader_0, skipAssignment: false, memberId: f_memberId_0, members: f_members_0 };
}

const joinGroupResponseCodecV5: Codec<JoinGroupResponse, JoinGroupResponse> = { encode: encodeJoinGroupResponseV5, decode: decodeJoinGroupResponseV5 };

/** JoinGroupResponse versions 6. */
export function encodeJoinGroupResponseV6(w: Writer, v: JoinGroupResponse): void {
  w.writeInt32(v.throttleTimeMs);
  w.writeInt16(v.errorCode);
  w.writeInt32(v.generationId);
  w.writeCompactString((v.protocolName ?? nullField("JoinGroupResponse.ProtocolName")));
  w.writeCompactString(v.leader);
  w.writeCompactString(v.memberId);
  {
    const arr_0 = v.members;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.memberId);
      w.writeCompactNullableString(el_0.groupInstanceId);
      w.writeCompactBytes(el_0.metadata);
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeJoinGroupResponseV6(r: Reader): JoinGroupResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_errorCode_0 = r.readInt16();
  const f_generationId_0 = r.readInt32();
  const f_protocolName_0 = r.readCompactString();
  const f_leader_0 = r.readCompactString();
  const f_memberId_0 = r.readCompactString();
  const f_members_0_n = r.readCompactArrayLength(4);
  const f_members_0_a: JoinGroupResponseMember[] = [];
  for (let i_0 = 0; i_0 < f_members_0_n; i_0++) {
    const f_memberId_1 = r.readCompactString();
    const f_groupInstanceId_1 = r.readCompactNullableString();
    const f_metadata_1 = r.readCompactBytes();
    r.skipTaggedFields();
    f_members_0_a.push({ memberId: f_memberId_1, groupInstanceId: f_groupInstanceId_1, metadata: f_metadata_1 });
  }
  const f_members_0 = f_members_0_a;
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: f_errorCode_0, generationId: f_generationId_0, protocolType: null, protocolName: f_protocolName_0, leader: f_leader_0, skipAssignment: false, memberId: f_memberId_0, members: f_members_0 };
}

const joinGroupResponseCodecV6: Codec<JoinGroupResponse, JoinGroupResponse> = { encode: encodeJoinGroupResponseV6, decode: decodeJoinGroupResponseV6 };

/** JoinGroupResponse versions 7-8. */
export function encodeJoinGroupResponseV7To8(w: Writer, v: JoinGroupResponse): void {
  w.writeInt32(v.throttleTimeMs);
  w.writeInt16(v.errorCode);
  w.writeInt32(v.generationId);
  w.writeCompactNullableString(v.protocolType);
  w.writeCompactNullableString(v.protocolName);
  w.writeCompactString(v.leader);
  w.writeCompactString(v.memberId);
  {
    const arr_0 = v.members;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.memberId);
      w.writeCompactNullableString(el_0.groupInstanceId);
      w.writeCompactBytes(el_0.metadata);
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeJoinGroupResponseV7To8(r: Reader): JoinGroupResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_errorCode_0 = r.readInt16();
  const f_generationId_0 = r.readInt32();
  const f_protocolType_0 = r.readCompactNullableString();
  const f_protocolName_0 = r.readCompactNullableString();
  const f_leader_0 = r.readCompactString();
  const f_memberId_0 = r.readCompactString();
  const f_members_0_n = r.readCompactArrayLength(4);
  const f_members_0_a: JoinGroupResponseMember[] = [];
  for (let i_0 = 0; i_0 < f_members_0_n; i_0++) {
    const f_memberId_1 = r.readCompactString();
    const f_groupInstanceId_1 = r.readCompactNullableString();
    const f_metadata_1 = r.readCompactBytes();
    r.skipTaggedFields();
    f_members_0_a.push({ memberId: f_memberId_1, groupInstanceId: f_groupInstanceId_1, metadata: f_metadata_1 });
  }
  const f_members_0 = f_members_0_a;
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: f_errorCode_0, generationId: f_generationId_0, protocolType: f_protocolType_0, protocolName: f_protocolName_0, leader: f_leader_0, skipAssignment: false, memberId: f_memberId_0, members: f_members_0 };
}

const joinGroupResponseCodecV7To8: Codec<JoinGroupResponse, JoinGroupResponse> = { encode: encodeJoinGroupResponseV7To8, decode: decodeJoinGroupResponseV7To8 };

/** JoinGroupResponse versions 9. */
export function encodeJoinGroupResponseV9(w: Writer, v: JoinGroupResponse): void {
  w.writeInt32(v.throttleTimeMs);
  w.writeInt16(v.errorCode);
  w.writeInt32(v.generationId);
  w.writeCompactNullableString(v.protocolType);
  w.writeCompactNullableString(v.protocolName);
  w.writeCompactString(v.leader);
  w.writeBool(v.skipAssignment);
  w.writeCompactString(v.memberId);
  {
    const arr_0 = v.members;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.memberId);
      w.writeCompactNullableString(el_0.groupInstanceId);
      w.writeCompactBytes(el_0.metadata);
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeJoinGroupResponseV9(r: Reader): JoinGroupResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_errorCode_0 = r.readInt16();
  const f_generationId_0 = r.readInt32();
  const f_protocolType_0 = r.readCompactNullableString();
  const f_protocolName_0 = r.readCompactNullableString();
  const f_leader_0 = r.readCompactString();
  const f_skipAssignment_0 = r.readBool();
  const f_memberId_0 = r.readCompactString();
  const f_members_0_n = r.readCompactArrayLength(4);
  const f_members_0_a: JoinGroupResponseMember[] = [];
  for (let i_0 = 0; i_0 < f_members_0_n; i_0++) {
    const f_memberId_1 = r.readCompactString();
    const f_groupInstanceId_1 = r.readCompactNullableString();
    const f_metadata_1 = r.readCompactBytes();
    r.skipTaggedFields();
    f_members_0_a.push({ memberId: f_memberId_1, groupInstanceId: f_groupInstanceId_1, metadata: f_metadata_1 });
  }
  const f_members_0 = f_members_0_a;
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: f_errorCode_0, generationId: f_generationId_0, protocolType: f_protocolType_0, protocolName: f_protocolName_0, leader: f_leader_0, skipAssignment: f_skipAssignment_0, memberId: f_memberId_0, members: f_members_0 };
}

const joinGroupResponseCodecV9: Codec<JoinGroupResponse, JoinGroupResponse> = { encode: encodeJoinGroupResponseV9, decode: decodeJoinGroupResponseV9 };

/** JoinGroupResponse codecs indexed by version (0-9). */
export const joinGroupResponseCodecs: readonly (Codec<JoinGroupResponse, JoinGroupResponse> | undefined)[] = [
  joinGroupResponseCodecV0To1,
  joinGroupResponseCodecV0To1,
  joinGroupResponseCodecV2To4,
  joinGroupResponseCodecV2To4,
  joinGroupResponseCodecV2To4,
  joinGroupResponseCodecV5,
  joinGroupResponseCodecV6,
  joinGroupResponseCodecV7To8,
  joinGroupResponseCodecV7To8,
  joinGroupResponseCodecV9,
];

/** JoinGroup (API key 11): both directions, every version of Kafka 3.8.0. */
export const joinGroupApi: ApiCodecs = {
  apiKey: 11,
  name: "JoinGroup",
  minVersion: 0,
  maxVersion: 9,
  requestFlexibleMin: 6,
  responseFlexibleMin: 6,
  request: joinGroupRequestCodecs,
  response: joinGroupResponseCodecs,
};
