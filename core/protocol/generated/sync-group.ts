// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): SyncGroupRequest.json, SyncGroupResponse.json.

import type { ApiCodecs, Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { type Writer } from '../writer.ts';
export interface SyncGroupRequest {
  /** The unique group identifier. (Versions 0+.) */
  groupId: string;
  /** The generation of the group. (Versions 0+.) */
  generationId: number;
  /** The member ID assigned by the group. (Versions 0+.) */
  memberId: string;
  /** The unique identifier of the consumer instance provided by end user. (Versions 3+; nullable 3+.) */
  groupInstanceId: string | null;
  /** The group protocol type. (Versions 5+; nullable 5+.) */
  protocolType: string | null;
  /** The group protocol name. (Versions 5+; nullable 5+.) */
  protocolName: string | null;
  /** Each assignment. (Versions 0+.) */
  assignments: SyncGroupRequestAssignment[];
}

export interface SyncGroupRequestAssignment {
  /** The ID of the member to assign. (Versions 0+.) */
  memberId: string;
  /** The member assignment. (Versions 0+.) */
  assignment: Buffer;
}

/** SyncGroupRequest versions 0-2. */
export function encodeSyncGroupRequestV0To2(w: Writer, v: SyncGroupRequest): void {
  w.writeString(v.groupId);
  w.writeInt32(v.generationId);
  w.writeString(v.memberId);
  {
    const arr_0 = v.assignments;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.memberId);
      w.writeBytes(el_0.assignment);
    }
  }
}

export function decodeSyncGroupRequestV0To2(r: Reader): SyncGroupRequest {
  const f_groupId_0 = r.readString();
  const f_generationId_0 = r.readInt32();
  const f_memberId_0 = r.readString();
  const f_assignments_0_n = r.readArrayLength(6);
  const f_assignments_0_a: SyncGroupRequestAssignment[] = [];
  for (let i_0 = 0; i_0 < f_assignments_0_n; i_0++) {
    const f_memberId_1 = r.readString();
    const f_assignment_1 = r.readBytes();
    f_assignments_0_a.push({ memberId: f_memberId_1, assignment: f_assignment_1 });
  }
  const f_assignments_0 = f_assignments_0_a;
  return { groupId: f_groupId_0, generationId: f_generationId_0, memberId: f_memberId_0, groupInstanceId: null, protocolType: null, protocolName: null, assignments: f_assignments_0 };
}

const syncGroupRequestCodecV0To2: Codec<SyncGroupRequest, SyncGroupRequest> = { encode: encodeSyncGroupRequestV0To2, decode: decodeSyncGroupRequestV0To2 };

/** SyncGroupRequest versions 3. */
export function encodeSyncGroupRequestV3(w: Writer, v: SyncGroupRequest): void {
  w.writeString(v.groupId);
  w.writeInt32(v.generationId);
  w.writeString(v.memberId);
  w.writeNullableString(v.groupInstanceId);
  {
    const arr_0 = v.assignments;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.memberId);
      w.writeBytes(el_0.assignment);
    }
  }
}

export function decodeSyncGroupRequestV3(r: Reader): SyncGroupRequest {
  const f_groupId_0 = r.readString();
  const f_generationId_0 = r.readInt32();
  const f_memberId_0 = r.readString();
  const f_groupInstanceId_0 = r.readNullableString();
  const f_assignments_0_n = r.readArrayLength(6);
  const f_assignments_0_a: SyncGroupRequestAssignment[] = [];
  for (let i_0 = 0; i_0 < f_assignments_0_n; i_0++) {
    const f_memberId_1 = r.readString();
    const f_assignment_1 = r.readBytes();
    f_assignments_0_a.push({ memberId: f_memberId_1, assignment: f_assignment_1 });
  }
  const f_assignments_0 = f_assignments_0_a;
  return { groupId: f_groupId_0, generationId: f_generationId_0, memberId: f_memberId_0, groupInstanceId: f_groupInstanceId_0, protocolType: null, protocolName: null, assignments: f_assignments_0 };
}

const syncGroupRequestCodecV3: Codec<SyncGroupRequest, SyncGroupRequest> = { encode: encodeSyncGroupRequestV3, decode: decodeSyncGroupRequestV3 };

/** SyncGroupRequest versions 4. */
export function encodeSyncGroupRequestV4(w: Writer, v: SyncGroupRequest): void {
  w.writeCompactString(v.groupId);
  w.writeInt32(v.generationId);
  w.writeCompactString(v.memberId);
  w.writeCompactNullableString(v.groupInstanceId);
  {
    const arr_0 = v.assignments;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.memberId);
      w.writeCompactBytes(el_0.assignment);
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeSyncGroupRequestV4(r: Reader): SyncGroupRequest {
  const f_groupId_0 = r.readCompactString();
  const f_generationId_0 = r.readInt32();
  const f_memberId_0 = r.readCompactString();
  const f_groupInstanceId_0 = r.readCompactNullableString();
  const f_assignments_0_n = r.readCompactArrayLength(3);
  const f_assignments_0_a: SyncGroupRequestAssignment[] = [];
  for (let i_0 = 0; i_0 < f_assignments_0_n; i_0++) {
    const f_memberId_1 = r.readCompactString();
    const f_assignment_1 = r.readCompactBytes();
    r.skipTaggedFields();
    f_assignments_0_a.push({ memberId: f_memberId_1, assignment: f_assignment_1 });
  }
  const f_assignments_0 = f_assignments_0_a;
  r.skipTaggedFields();
  return { groupId: f_groupId_0, generationId: f_generationId_0, memberId: f_memberId_0, groupInstanceId: f_groupInstanceId_0, protocolType: null, protocolName: null, assignments: f_assignments_0 };
}

const syncGroupRequestCodecV4: Codec<SyncGroupRequest, SyncGroupRequest> = { encode: encodeSyncGroupRequestV4, decode: decodeSyncGroupRequestV4 };

/** SyncGroupRequest versions 5. */
export function encodeSyncGroupRequestV5(w: Writer, v: SyncGroupRequest): void {
  w.writeCompactString(v.groupId);
  w.writeInt32(v.generationId);
  w.writeCompactString(v.memberId);
  w.writeCompactNullableString(v.groupInstanceId);
  w.writeCompactNullableString(v.protocolType);
  w.writeCompactNullableString(v.protocolName);
  {
    const arr_0 = v.assignments;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.memberId);
      w.writeCompactBytes(el_0.assignment);
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeSyncGroupRequestV5(r: Reader): SyncGroupRequest {
  const f_groupId_0 = r.readCompactString();
  const f_generationId_0 = r.readInt32();
  const f_memberId_0 = r.readCompactString();
  const f_groupInstanceId_0 = r.readCompactNullableString();
  const f_protocolType_0 = r.readCompactNullableString();
  const f_protocolName_0 = r.readCompactNullableString();
  const f_assignments_0_n = r.readCompactArrayLength(3);
  const f_assignments_0_a: SyncGroupRequestAssignment[] = [];
  for (let i_0 = 0; i_0 < f_assignments_0_n; i_0++) {
    const f_memberId_1 = r.readCompactString();
    const f_assignment_1 = r.readCompactBytes();
    r.skipTaggedFields();
    f_assignments_0_a.push({ memberId: f_memberId_1, assignment: f_assignment_1 });
  }
  const f_assignments_0 = f_assignments_0_a;
  r.skipTaggedFields();
  return { groupId: f_groupId_0, generationId: f_generationId_0, memberId: f_memberId_0, groupInstanceId: f_groupInstanceId_0, protocolType: f_protocolType_0, protocolName: f_protocolName_0, assignments: f_assignments_0 };
}

const syncGroupRequestCodecV5: Codec<SyncGroupRequest, SyncGroupRequest> = { encode: encodeSyncGroupRequestV5, decode: decodeSyncGroupRequestV5 };

/** SyncGroupRequest codecs indexed by version (0-5). */
export const syncGroupRequestCodecs: readonly (Codec<SyncGroupRequest, SyncGroupRequest> | undefined)[] = [
  syncGroupRequestCodecV0To2,
  syncGroupRequestCodecV0To2,
  syncGroupRequestCodecV0To2,
  syncGroupRequestCodecV3,
  syncGroupRequestCodecV4,
  syncGroupRequestCodecV5,
];

export interface SyncGroupResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (Versions 1+.) */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error. (Versions 0+.) */
  errorCode: number;
  /** The group protocol type. (Versions 5+; nullable 5+.) */
  protocolType: string | null;
  /** The group protocol name. (Versions 5+; nullable 5+.) */
  protocolName: string | null;
  /** The member assignment. (Versions 0+.) */
  assignment: Buffer;
}

/** SyncGroupResponse versions 0. */
export function encodeSyncGroupResponseV0(w: Writer, v: SyncGroupResponse): void {
  w.writeInt16(v.errorCode);
  w.writeBytes(v.assignment);
}

export function decodeSyncGroupResponseV0(r: Reader): SyncGroupResponse {
  const f_errorCode_0 = r.readInt16();
  const f_assignment_0 = r.readBytes();
  return { throttleTimeMs: 0, errorCode: f_errorCode_0, protocolType: null, protocolName: null, assignment: f_assignment_0 };
}

const syncGroupResponseCodecV0: Codec<SyncGroupResponse, SyncGroupResponse> = { encode: encodeSyncGroupResponseV0, decode: decodeSyncGroupResponseV0 };

/** SyncGroupResponse versions 1-3. */
export function encodeSyncGroupResponseV1To3(w: Writer, v: SyncGroupResponse): void {
  w.writeInt32(v.throttleTimeMs);
  w.writeInt16(v.errorCode);
  w.writeBytes(v.assignment);
}

export function decodeSyncGroupResponseV1To3(r: Reader): SyncGroupResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_errorCode_0 = r.readInt16();
  const f_assignment_0 = r.readBytes();
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: f_errorCode_0, protocolType: null, protocolName: null, assignment: f_assignment_0 };
}

const syncGroupResponseCodecV1To3: Codec<SyncGroupResponse, SyncGroupResponse> = { encode: encodeSyncGroupResponseV1To3, decode: decodeSyncGroupResponseV1To3 };

/** SyncGroupResponse versions 4. */
export function encodeSyncGroupResponseV4(w: Writer, v: SyncGroupResponse): void {
  w.writeInt32(v.throttleTimeMs);
  w.writeInt16(v.errorCode);
  w.writeCompactBytes(v.assignment);
  w.writeUVarint(0);
}

export function decodeSyncGroupResponseV4(r: Reader): SyncGroupResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_errorCode_0 = r.readInt16();
  const f_assignment_0 = r.readCompactBytes();
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: f_errorCode_0, protocolType: null, protocolName: null, assignment: f_assignment_0 };
}

const syncGroupResponseCodecV4: Codec<SyncGroupResponse, SyncGroupResponse> = { encode: encodeSyncGroupResponseV4, decode: decodeSyncGroupResponseV4 };

/** SyncGroupResponse versions 5. */
export function encodeSyncGroupResponseV5(w: Writer, v: SyncGroupResponse): void {
  w.writeInt32(v.throttleTimeMs);
  w.writeInt16(v.errorCode);
  w.writeCompactNullableString(v.protocolType);
  w.writeCompactNullableString(v.protocolName);
  w.writeCompactBytes(v.assignment);
  w.writeUVarint(0);
}

export function decodeSyncGroupResponseV5(r: Reader): SyncGroupResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_errorCode_0 = r.readInt16();
  const f_protocolType_0 = r.readCompactNullableString();
  const f_protocolName_0 = r.readCompactNullableString();
  const f_assignment_0 = r.readCompactBytes();
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: f_errorCode_0, protocolType: f_protocolType_0, protocolName: f_protocolName_0, assignment: f_assignment_0 };
}

const syncGroupResponseCodecV5: Codec<SyncGroupResponse, SyncGroupResponse> = { encode: encodeSyncGroupResponseV5, decode: decodeSyncGroupResponseV5 };

/** SyncGroupResponse codecs indexed by version (0-5). */
export const syncGroupResponseCodecs: readonly (Codec<SyncGroupResponse, SyncGroupResponse> | undefined)[] = [
  syncGroupResponseCodecV0,
  syncGroupResponseCodecV1To3,
  syncGroupResponseCodecV1To3,
  syncGroupResponseCodecV1To3,
  syncGroupResponseCodecV4,
  syncGroupResponseCodecV5,
];

/** SyncGroup (API key 14): both directions, every version of Kafka 3.8.0. */
export const syncGroupApi: ApiCodecs = {
  apiKey: 14,
  name: "SyncGroup",
  minVersion: 0,
  maxVersion: 5,
  requestFlexibleMin: 4,
  responseFlexibleMin: 4,
  request: syncGroupRequestCodecs,
  response: syncGroupResponseCodecs,
};
