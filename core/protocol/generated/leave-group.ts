// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): LeaveGroupRequest.json, LeaveGroupResponse.json.

import type { ApiCodecs, Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { type Writer } from '../writer.ts';
export interface LeaveGroupRequest {
  /** The ID of the group to leave. (Versions 0+.) */
  groupId: string;
  /** The member ID to remove from the group. (Versions 0-2.) */
  memberId: string;
  /** List of leaving member identities. (Versions 3+.) */
  members: LeaveGroupRequestMemberIdentity[];
}

export interface LeaveGroupRequestMemberIdentity {
  /** The member ID to remove from the group. (Versions 3+.) */
  memberId: string;
  /** The group instance ID to remove from the group. (Versions 3+; nullable 3+.) */
  groupInstanceId: string | null;
  /** The reason why the member left the group. (Versions 5+; nullable 5+.) */
  reason: string | null;
}

/** LeaveGroupRequest versions 0-2. */
export function encodeLeaveGroupRequestV0To2(w: Writer, v: LeaveGroupRequest): void {
  w.writeString(v.groupId);
  w.writeString(v.memberId);
}

export function decodeLeaveGroupRequestV0To2(r: Reader): LeaveGroupRequest {
  const f_groupId_0 = r.readString();
  const f_memberId_0 = r.readString();
  return { groupId: f_groupId_0, memberId: f_memberId_0, members: [] };
}

const leaveGroupRequestCodecV0To2: Codec<LeaveGroupRequest, LeaveGroupRequest> = { encode: encodeLeaveGroupRequestV0To2, decode: decodeLeaveGroupRequestV0To2 };

/** LeaveGroupRequest versions 3. */
export function encodeLeaveGroupRequestV3(w: Writer, v: LeaveGroupRequest): void {
  w.writeString(v.groupId);
  {
    const arr_0 = v.members;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.memberId);
      w.writeNullableString(el_0.groupInstanceId);
    }
  }
}

export function decodeLeaveGroupRequestV3(r: Reader): LeaveGroupRequest {
  const f_groupId_0 = r.readString();
  const f_members_0_n = r.readArrayLength(4);
  const f_members_0_a: LeaveGroupRequestMemberIdentity[] = [];
  for (let i_0 = 0; i_0 < f_members_0_n; i_0++) {
    const f_memberId_1 = r.readString();
    const f_groupInstanceId_1 = r.readNullableString();
    f_members_0_a.push({ memberId: f_memberId_1, groupInstanceId: f_groupInstanceId_1, reason: null });
  }
  const f_members_0 = f_members_0_a;
  return { groupId: f_groupId_0, memberId: "", members: f_members_0 };
}

const leaveGroupRequestCodecV3: Codec<LeaveGroupRequest, LeaveGroupRequest> = { encode: encodeLeaveGroupRequestV3, decode: decodeLeaveGroupRequestV3 };

/** LeaveGroupRequest versions 4. */
export function encodeLeaveGroupRequestV4(w: Writer, v: LeaveGroupRequest): void {
  w.writeCompactString(v.groupId);
  {
    const arr_0 = v.members;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.memberId);
      w.writeCompactNullableString(el_0.groupInstanceId);
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeLeaveGroupRequestV4(r: Reader): LeaveGroupRequest {
  const f_groupId_0 = r.readCompactString();
  const f_members_0_n = r.readCompactArrayLength(3);
  const f_members_0_a: LeaveGroupRequestMemberIdentity[] = [];
  for (let i_0 = 0; i_0 < f_members_0_n; i_0++) {
    const f_memberId_1 = r.readCompactString();
    const f_groupInstanceId_1 = r.readCompactNullableString();
    r.skipTaggedFields();
    f_members_0_a.push({ memberId: f_memberId_1, groupInstanceId: f_groupInstanceId_1, reason: null });
  }
  const f_members_0 = f_members_0_a;
  r.skipTaggedFields();
  return { groupId: f_groupId_0, memberId: "", members: f_members_0 };
}

const leaveGroupRequestCodecV4: Codec<LeaveGroupRequest, LeaveGroupRequest> = { encode: encodeLeaveGroupRequestV4, decode: decodeLeaveGroupRequestV4 };

/** LeaveGroupRequest versions 5. */
export function encodeLeaveGroupRequestV5(w: Writer, v: LeaveGroupRequest): void {
  w.writeCompactString(v.groupId);
  {
    const arr_0 = v.members;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.memberId);
      w.writeCompactNullableString(el_0.groupInstanceId);
      w.writeCompactNullableString(el_0.reason);
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeLeaveGroupRequestV5(r: Reader): LeaveGroupRequest {
  const f_groupId_0 = r.readCompactString();
  const f_members_0_n = r.readCompactArrayLength(4);
  const f_members_0_a: LeaveGroupRequestMemberIdentity[] = [];
  for (let i_0 = 0; i_0 < f_members_0_n; i_0++) {
    const f_memberId_1 = r.readCompactString();
    const f_groupInstanceId_1 = r.readCompactNullableString();
    const f_reason_1 = r.readCompactNullableString();
    r.skipTaggedFields();
    f_members_0_a.push({ memberId: f_memberId_1, groupInstanceId: f_groupInstanceId_1, reason: f_reason_1 });
  }
  const f_members_0 = f_members_0_a;
  r.skipTaggedFields();
  return { groupId: f_groupId_0, memberId: "", members: f_members_0 };
}

const leaveGroupRequestCodecV5: Codec<LeaveGroupRequest, LeaveGroupRequest> = { encode: encodeLeaveGroupRequestV5, decode: decodeLeaveGroupRequestV5 };

/** LeaveGroupRequest codecs indexed by version (0-5). */
export const leaveGroupRequestCodecs: readonly (Codec<LeaveGroupRequest, LeaveGroupRequest> | undefined)[] = [
  leaveGroupRequestCodecV0To2,
  leaveGroupRequestCodecV0To2,
  leaveGroupRequestCodecV0To2,
  leaveGroupRequestCodecV3,
  leaveGroupRequestCodecV4,
  leaveGroupRequestCodecV5,
];

export interface LeaveGroupResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (Versions 1+.) */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error. (Versions 0+.) */
  errorCode: number;
  /** List of leaving member responses. (Versions 3+.) */
  members: LeaveGroupResponseMemberResponse[];
}

export interface LeaveGroupResponseMemberResponse {
  /** The member ID to remove from the group. (Versions 3+.) */
  memberId: string;
  /** The group instance ID to remove from the group. (Versions 3+; nullable 3+.) */
  groupInstanceId: string | null;
  /** The error code, or 0 if there was no error. (Versions 3+.) */
  errorCode: number;
}

/** LeaveGroupResponse versions 0. */
export function encodeLeaveGroupResponseV0(w: Writer, v: LeaveGroupResponse): void {
  w.writeInt16(v.errorCode);
}

export function decodeLeaveGroupResponseV0(r: Reader): LeaveGroupResponse {
  const f_errorCode_0 = r.readInt16();
  return { throttleTimeMs: 0, errorCode: f_errorCode_0, members: [] };
}

const leaveGroupResponseCodecV0: Codec<LeaveGroupResponse, LeaveGroupResponse> = { encode: encodeLeaveGroupResponseV0, decode: decodeLeaveGroupResponseV0 };

/** LeaveGroupResponse versions 1-2. */
export function encodeLeaveGroupResponseV1To2(w: Writer, v: LeaveGroupResponse): void {
  w.writeInt32(v.throttleTimeMs);
  w.writeInt16(v.errorCode);
}

export function decodeLeaveGroupResponseV1To2(r: Reader): LeaveGroupResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_errorCode_0 = r.readInt16();
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: f_errorCode_0, members: [] };
}

const leaveGroupResponseCodecV1To2: Codec<LeaveGroupResponse, LeaveGroupResponse> = { encode: encodeLeaveGroupResponseV1To2, decode: decodeLeaveGroupResponseV1To2 };

/** LeaveGroupResponse versions 3. */
export function encodeLeaveGroupResponseV3(w: Writer, v: LeaveGroupResponse): void {
  w.writeInt32(v.throttleTimeMs);
  w.writeInt16(v.errorCode);
  {
    const arr_0 = v.members;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.memberId);
      w.writeNullableString(el_0.groupInstanceId);
      w.writeInt16(el_0.errorCode);
    }
  }
}

export function decodeLeaveGroupResponseV3(r: Reader): LeaveGroupResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_errorCode_0 = r.readInt16();
  const f_members_0_n = r.readArrayLength(6);
  const f_members_0_a: LeaveGroupResponseMemberResponse[] = [];
  for (let i_0 = 0; i_0 < f_members_0_n; i_0++) {
    const f_memberId_1 = r.readString();
    const f_groupInstanceId_1 = r.readNullableString();
    const f_errorCode_1 = r.readInt16();
    f_members_0_a.push({ memberId: f_memberId_1, groupInstanceId: f_groupInstanceId_1, errorCode: f_errorCode_1 });
  }
  const f_members_0 = f_members_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: f_errorCode_0, members: f_members_0 };
}

const leaveGroupResponseCodecV3: Codec<LeaveGroupResponse, LeaveGroupResponse> = { encode: encodeLeaveGroupResponseV3, decode: decodeLeaveGroupResponseV3 };

/** LeaveGroupResponse versions 4-5. */
export function encodeLeaveGroupResponseV4To5(w: Writer, v: LeaveGroupResponse): void {
  w.writeInt32(v.throttleTimeMs);
  w.writeInt16(v.errorCode);
  {
    const arr_0 = v.members;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.memberId);
      w.writeCompactNullableString(el_0.groupInstanceId);
      w.writeInt16(el_0.errorCode);
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeLeaveGroupResponseV4To5(r: Reader): LeaveGroupResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_errorCode_0 = r.readInt16();
  const f_members_0_n = r.readCompactArrayLength(5);
  const f_members_0_a: LeaveGroupResponseMemberResponse[] = [];
  for (let i_0 = 0; i_0 < f_members_0_n; i_0++) {
    const f_memberId_1 = r.readCompactString();
    const f_groupInstanceId_1 = r.readCompactNullableString();
    const f_errorCode_1 = r.readInt16();
    r.skipTaggedFields();
    f_members_0_a.push({ memberId: f_memberId_1, groupInstanceId: f_groupInstanceId_1, errorCode: f_errorCode_1 });
  }
  const f_members_0 = f_members_0_a;
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: f_errorCode_0, members: f_members_0 };
}

const leaveGroupResponseCodecV4To5: Codec<LeaveGroupResponse, LeaveGroupResponse> = { encode: encodeLeaveGroupResponseV4To5, decode: decodeLeaveGroupResponseV4To5 };

/** LeaveGroupResponse codecs indexed by version (0-5). */
export const leaveGroupResponseCodecs: readonly (Codec<LeaveGroupResponse, LeaveGroupResponse> | undefined)[] = [
  leaveGroupResponseCodecV0,
  leaveGroupResponseCodecV1To2,
  leaveGroupResponseCodecV1To2,
  leaveGroupResponseCodecV3,
  leaveGroupResponseCodecV4To5,
  leaveGroupResponseCodecV4To5,
];

/** LeaveGroup (API key 13): both directions, every version of Kafka 3.8.0. */
export const leaveGroupApi: ApiCodecs = {
  apiKey: 13,
  name: "LeaveGroup",
  minVersion: 0,
  maxVersion: 5,
  requestFlexibleMin: 4,
  responseFlexibleMin: 4,
  request: leaveGroupRequestCodecs,
  response: leaveGroupResponseCodecs,
};
