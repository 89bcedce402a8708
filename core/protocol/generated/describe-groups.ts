// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): DescribeGroupsRequest.json, DescribeGroupsResponse.json.

import type { ApiCodecs, Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { type Writer } from '../writer.ts';
export interface DescribeGroupsRequest {
  /** The names of the groups to describe (Versions 0+.) */
  groups: string[];
  /** Whether to include authorized operations. (Versions 3+.) */
  includeAuthorizedOperations: boolean;
}

/** DescribeGroupsRequest versions 0-2. */
export function encodeDescribeGroupsRequestV0To2(w: Writer, v: DescribeGroupsRequest): void {
  {
    const arr_0 = v.groups;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      w.writeString(arr_0[i_0]);
    }
  }
}

export function decodeDescribeGroupsRequestV0To2(r: Reader): DescribeGroupsRequest {
  const f_groups_0_n = r.readArrayLength(2);
  const f_groups_0_a: string[] = [];
  for (let i_0 = 0; i_0 < f_groups_0_n; i_0++) {
    f_groups_0_a.push(r.readString());
  }
  const f_groups_0 = f_groups_0_a;
  return { groups: f_groups_0, includeAuthorizedOperations: false };
}

const describeGroupsRequestCodecV0To2: Codec<DescribeGroupsRequest, DescribeGroupsRequest> = { encode: encodeDescribeGroupsRequestV0To2, decode: decodeDescribeGroupsRequestV0To2 };

/** DescribeGroupsRequest versions 3-4. */
export function encodeDescribeGroupsRequestV3To4(w: Writer, v: DescribeGroupsRequest): void {
  {
    const arr_0 = v.groups;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      w.writeString(arr_0[i_0]);
    }
  }
  w.writeBool(v.includeAuthorizedOperations);
}

export function decodeDescribeGroupsRequestV3To4(r: Reader): DescribeGroupsRequest {
  const f_groups_0_n = r.readArrayLength(2);
  const f_groups_0_a: string[] = [];
  for (let i_0 = 0; i_0 < f_groups_0_n; i_0++) {
    f_groups_0_a.push(r.readString());
  }
  const f_groups_0 = f_groups_0_a;
  const f_includeAuthorizedOperations_0 = r.readBool();
  return { groups: f_groups_0, includeAuthorizedOperations: f_includeAuthorizedOperations_0 };
}

const describeGroupsRequestCodecV3To4: Codec<DescribeGroupsRequest, DescribeGroupsRequest> = { encode: encodeDescribeGroupsRequestV3To4, decode: decodeDescribeGroupsRequestV3To4 };

/** DescribeGroupsRequest versions 5. */
export function encodeDescribeGroupsRequestV5(w: Writer, v: DescribeGroupsRequest): void {
  {
    const arr_0 = v.groups;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      w.writeCompactString(arr_0[i_0]);
    }
  }
  w.writeBool(v.includeAuthorizedOperations);
  w.writeUVarint(0);
}

export function decodeDescribeGroupsRequestV5(r: Reader): DescribeGroupsRequest {
  const f_groups_0_n = r.readCompactArrayLength(1);
  const f_groups_0_a: string[] = [];
  for (let i_0 = 0; i_0 < f_groups_0_n; i_0++) {
    f_groups_0_a.push(r.readCompactString());
  }
  const f_groups_0 = f_groups_0_a;
  const f_includeAuthorizedOperations_0 = r.readBool();
  r.skipTaggedFields();
  return { groups: f_groups_0, includeAuthorizedOperations: f_includeAuthorizedOperations_0 };
}

const describeGroupsRequestCodecV5: Codec<DescribeGroupsRequest, DescribeGroupsRequest> = { encode: encodeDescribeGroupsRequestV5, decode: decodeDescribeGroupsRequestV5 };

/** DescribeGroupsRequest codecs indexed by version (0-5). */
export const describeGroupsRequestCodecs: readonly (Codec<DescribeGroupsRequest, DescribeGroupsRequest> | undefined)[] = [
  describeGroupsRequestCodecV0To2,
  describeGroupsRequestCodecV0To2,
  describeGroupsRequestCodecV0To2,
  describeGroupsRequestCodecV3To4,
  describeGroupsRequestCodecV3To4,
  describeGroupsRequestCodecV5,
];

export interface DescribeGroupsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (Versions 1+.) */
  throttleTimeMs: number;
  /** Each described group. (Versions 0+.) */
  groups: DescribeGroupsResponseDescribedGroup[];
}

export interface DescribeGroupsResponseDescribedGroup {
  /** The describe error, or 0 if there was no error. (Versions 0+.) */
  errorCode: number;
  /** The group ID string. (Versions 0+.) */
  groupId: string;
  /** The group state string, or the empty string. (Versions 0+.) */
  groupState: string;
  /** The group protocol type, or the empty string. (Versions 0+.) */
  protocolType: string;
  /** The group protocol data, or the empty string. (Versions 0+.) */
  protocolData: string;
  /** The group members. (Versions 0+.) */
  members: DescribeGroupsResponseDescribedGroupMember[];
  /** 32-bit bitfield to represent authorized operations for this group. (Versions 3+.) */
  authorizedOperations: number;
}

export interface DescribeGroupsResponseDescribedGroupMember {
  /** The member ID assigned by the group coordinator. (Versions 0+.) */
  memberId: string;
  /** The unique identifier of the consumer instance provided by end user. (Versions 4+; nullable 4+.) */
  groupInstanceId: string | null;
  /** The client ID used in the member's latest join group request. (Versions 0+.) */
  clientId: string;
  /** The client host. (Versions 0+.) */
  clientHost: string;
  /** The metadata corresponding to the current group protocol in use. (Versions 0+.) */
  memberMetadata: Buffer;
  /** The current assignment provided by the group leader. (Versions 0+.) */
  memberAssignment: Buffer;
}

/** DescribeGroupsResponse versions 0. */
export function encodeDescribeGroupsResponseV0(w: Writer, v: DescribeGroupsResponse): void {
  {
    const arr_0 = v.groups;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt16(el_0.errorCode);
      w.writeString(el_0.groupId);
      w.writeString(el_0.groupState);
      w.writeString(el_0.protocolType);
      w.writeString(el_0.protocolData);
      {
        const arr_1 = el_0.members;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeString(el_1.memberId);
          w.writeString(el_1.clientId);
          w.writeString(el_1.clientHost);
          w.writeBytes(el_1.memberMetadata);
          w.writeBytes(el_1.memberAssignment);
        }
      }
    }
  }
}

export function decodeDescribeGroupsResponseV0(r: Reader): DescribeGroupsResponse {
  const f_groups_0_n = r.readArrayLength(14);
  const f_groups_0_a: DescribeGroupsResponseDescribedGroup[] = [];
  for (let i_0 = 0; i_0 < f_groups_0_n; i_0++) {
    const f_errorCode_1 = r.readInt16();
    const f_groupId_1 = r.readString();
    const f_groupState_1 = r.readString();
    const f_protocolType_1 = r.readString();
    const f_protocolData_1 = r.readString();
    const f_members_1_n = r.readArrayLength(14);
    const f_members_1_a: DescribeGroupsResponseDescribedGroupMember[] = [];
    for (let i_1 = 0; i_1 < f_members_1_n; i_1++) {
      const f_memberId_2 = r.readString();
      const f_clientId_2 = r.readString();
      const f_clientHost_2 = r.readString();
      const f_memberMetadata_2 = r.readBytes();
      const f_memberAssignment_2 = r.readBytes();
      f_members_1_a.push({ memberId: f_memberId_2, groupInstanceId: null, clientId: f_clientId_2, clientHost: f_clientHost_2, memberMetadata: f_memberMetadata_2, memberAssignment: f_memberAssignment_2 });
    }
    const f_members_1 = f_members_1_a;
    f_groups_0_a.push({ errorCode: f_errorCode_1, groupId: f_groupId_1, groupState: f_groupState_1, protocolType: f_protocolType_1, protocolData: f_protocolData_1, members: f_members_1, authorizedOperations: -2147483648 });
  }
  const f_groups_0 = f_groups_0_a;
  return { throttleTimeMs: 0, groups: f_groups_0 };
}

const describeGroupsResponseCodecV0: Codec<DescribeGroupsResponse, DescribeGroupsResponse> = { encode: encodeDescribeGroupsResponseV0, decode: decodeDescribeGroupsResponseV0 };

/** DescribeGroupsResponse versions 1-2. */
export function encodeDescribeGroupsResponseV1To2(w: Writer, v: DescribeGroupsResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.groups;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt16(el_0.errorCode);
      w.writeString(el_0.groupId);
      w.writeString(el_0.groupState);
      w.writeString(el_0.protocolType);
      w.writeString(el_0.protocolData);
      {
        const arr_1 = el_0.members;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeString(el_1.memberId);
          w.writeString(el_1.clientId);
          w.writeString(el_1.clientHost);
          w.writeBytes(el_1.memberMetadata);
          w.writeBytes(el_1.memberAssignment);
        }
      }
    }
  }
}

export function decodeDescribeGroupsResponseV1To2(r: Reader): DescribeGroupsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_groups_0_n = r.readArrayLength(14);
  const f_groups_0_a: DescribeGroupsResponseDescribedGroup[] = [];
  for (let i_0 = 0; i_0 < f_groups_0_n; i_0++) {
    const f_errorCode_1 = r.readInt16();
    const f_groupId_1 = r.readString();
    const f_groupState_1 = r.readString();
    const f_protocolType_1 = r.readString();
    const f_protocolData_1 = r.readString();
    const f_members_1_n = r.readArrayLength(14);
    const f_members_1_a: DescribeGroupsResponseDescribedGroupMember[] = [];
    for (let i_1 = 0; i_1 < f_members_1_n; i_1++) {
      const f_memberId_2 = r.readString();
      const f_clientId_2 = r.readString();
      const f_clientHost_2 = r.readString();
      const f_memberMetadata_2 = r.readBytes();
      const f_memberAssignment_2 = r.readBytes();
      f_members_1_a.push({ memberId: f_memberId_2, groupInstanceId: null, clientId: f_clientId_2, clientHost: f_clientHost_2, memberMetadata: f_memberMetadata_2, memberAssignment: f_memberAssignment_2 });
    }
    const f_members_1 = f_members_1_a;
    f_groups_0_a.push({ errorCode: f_errorCode_1, groupId: f_groupId_1, groupState: f_groupState_1, protocolType: f_protocolType_1, protocolData: f_protocolData_1, members: f_members_1, authorizedOperations: -2147483648 });
  }
  const f_groups_0 = f_groups_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, groups: f_groups_0 };
}

const describeGroupsResponseCodecV1To2: Codec<DescribeGroupsResponse, DescribeGroupsResponse> = { encode: encodeDescribeGroupsResponseV1To2, decode: decodeDescribeGroupsResponseV1To2 };

/** DescribeGroupsResponse versions 3. */
export function encodeDescribeGroupsResponseV3(w: Writer, v: DescribeGroupsResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.groups;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt16(el_0.errorCode);
      w.writeString(el_0.groupId);
      w.writeString(el_0.groupState);
      w.writeString(el_0.protocolType);
      w.writeString(el_0.protocolData);
      {
        const arr_1 = el_0.members;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeString(el_1.memberId);
          w.writeString(el_1.clientId);
          w.writeString(el_1.clientHost);
          w.writeBytes(el_1.memberMetadata);
          w.writeBytes(el_1.memberAssignment);
        }
      }
      w.writeInt32(el_0.authorizedOperations);
    }
  }
}

export function decodeDescribeGroupsResponseV3(r: Reader): DescribeGroupsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_groups_0_n = r.readArrayLength(18);
  const f_groups_0_a: DescribeGroupsResponseDescribedGroup[] = [];
  for (let i_0 = 0; i_0 < f_groups_0_n; i_0++) {
    const f_errorCode_1 = r.readInt16();
    const f_groupId_1 = r.readString();
    const f_groupState_1 = r.readString();
    const f_protocolType_1 = r.readString();
    const f_protocolData_1 = r.readString();
    const f_members_1_n = r.readArrayLength(14);
    const f_members_1_a: DescribeGroupsResponseDescribedGroupMember[] = [];
    for (let i_1 = 0; i_1 < f_members_1_n; i_1++) {
      const f_memberId_2 = r.readString();
      const f_clientId_2 = r.readString();
      const f_clientHost_2 = r.readString();
      const f_memberMetadata_2 = r.readBytes();
      const f_memberAssignment_2 = r.readBytes();
      f_members_1_a.push({ memberId: f_memberId_2, groupInstanceId: null, clientId: f_clientId_2, clientHost: f_clientHost_2, memberMetadata: f_memberMetadata_2, memberAssignment: f_memberAssignment_2 });
    }
    const f_members_1 = f_members_1_a;
    const f_authorizedOperations_1 = r.readInt32();
    f_groups_0_a.push({ errorCode: f_errorCode_1, groupId: f_groupId_1, groupState: f_groupState_1, protocolType: f_protocolType_1, protocolData: f_protocolData_1, members: f_members_1, authorizedOperations: f_authorizedOperations_1 });
  }
  const f_groups_0 = f_groups_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, groups: f_groups_0 };
}

const describeGroupsResponseCodecV3: Codec<DescribeGroupsResponse, DescribeGroupsResponse> = { encode: encodeDescribeGroupsResponseV3, decode: decodeDescribeGroupsResponseV3 };

/** DescribeGroupsResponse versions 4. */
export function encodeDescribeGroupsResponseV4(w: Writer, v: DescribeGroupsResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.groups;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt16(el_0.errorCode);
      w.writeString(el_0.groupId);
      w.writeString(el_0.groupState);
      w.writeString(el_0.protocolType);
      w.writeString(el_0.protocolData);
      {
        const arr_1 = el_0.members;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeString(el_1.memberId);
          w.writeNullableString(el_1.groupInstanceId);
          w.writeString(el_1.clientId);
          w.writeString(el_1.clientHost);
          w.writeBytes(el_1.memberMetadata);
          w.writeBytes(el_1.memberAssignment);
        }
      }
      w.writeInt32(el_0.authorizedOperations);
    }
  }
}

export function decodeDescribeGroupsResponseV4(r: Reader): DescribeGroupsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_groups_0_n = r.readArrayLength(18);
  const f_groups_0_a: DescribeGroupsResponseDescribedGroup[] = [];
  for (let i_0 = 0; i_0 < f_groups_0_n; i_0++) {
    const f_errorCode_1 = r.readInt16();
    const f_groupId_1 = r.readString();
    const f_groupState_1 = r.readString();
    const f_protocolType_1 = r.readString();
    const f_protocolData_1 = r.readString();
    const f_members_1_n = r.readArrayLength(16);
    const f_members_1_a: DescribeGroupsResponseDescribedGroupMember[] = [];
    for (let i_1 = 0; i_1 < f_members_1_n; i_1++) {
      const f_memberId_2 = r.readString();
      const f_groupInstanceId_2 = r.readNullableString();
      const f_clientId_2 = r.readString();
      const f_clientHost_2 = r.readString();
      const f_memberMetadata_2 = r.readBytes();
      const f_memberAssignment_2 = r.readBytes();
      f_members_1_a.push({ memberId: f_memberId_2, groupInstanceId: f_groupInstanceId_2, clientId: f_clientId_2, clientHost: f_clientHost_2, memberMetadata: f_memberMetadata_2, memberAssignment: f_memberAssignment_2 });
    }
    const f_members_1 = f_members_1_a;
    const f_authorizedOperations_1 = r.readInt32();
    f_groups_0_a.push({ errorCode: f_errorCode_1, groupId: f_groupId_1, groupState: f_groupState_1, protocolType: f_protocolType_1, protocolData: f_protocolData_1, members: f_members_1, authorizedOperations: f_authorizedOperations_1 });
  }
  const f_groups_0 = f_groups_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, groups: f_groups_0 };
}

const describeGroupsResponseCodecV4: Codec<DescribeGroupsResponse, DescribeGroupsResponse> = { encode: encodeDescribeGroupsResponseV4, decode: decodeDescribeGroupsResponseV4 };

/** DescribeGroupsResponse versions 5. */
export function encodeDescribeGroupsResponseV5(w: Writer, v: DescribeGroupsResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.groups;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt16(el_0.errorCode);
      w.writeCompactString(el_0.groupId);
      w.writeCompactString(el_0.groupState);
      w.writeCompactString(el_0.protocolType);
      w.writeCompactString(el_0.protocolData);
      {
        const arr_1 = el_0.members;
        w.writeCompactArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeCompactString(el_1.memberId);
          w.writeCompactNullableString(el_1.groupInstanceId);
          w.writeCompactString(el_1.clientId);
          w.writeCompactString(el_1.clientHost);
          w.writeCompactBytes(el_1.memberMetadata);
          w.writeCompactBytes(el_1.memberAssignment);
          w.writeUVarint(0);
        }
      }
      w.writeInt32(el_0.authorizedOperations);
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeDescribeGroupsResponseV5(r: Reader): DescribeGroupsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_groups_0_n = r.readCompactArrayLength(12);
  const f_groups_0_a: DescribeGroupsResponseDescribedGroup[] = [];
  for (let i_0 = 0; i_0 < f_groups_0_n; i_0++) {
    const f_errorCode_1 = r.readInt16();
    const f_groupId_1 = r.readCompactString();
    const f_groupState_1 = r.readCompactString();
    const f_protocolType_1 = r.readCompactString();
    const f_protocolData_1 = r.readCompactString();
    const f_members_1_n = r.readCompactArrayLength(7);
    const f_members_1_a: DescribeGroupsResponseDescribedGroupMember[] = [];
    for (let i_1 = 0; i_1 < f_members_1_n; i_1++) {
      const f_memberId_2 = r.readCompactString();
      const f_groupInstanceId_2 = r.readCompactNullableString();
      const f_clientId_2 = r.readCompactString();
      const f_clientHost_2 = r.readCompactString();
      const f_memberMetadata_2 = r.readCompactBytes();
      const f_memberAssignment_2 = r.readCompactBytes();
      r.skipTaggedFields();
      f_members_1_a.push({ memberId: f_memberId_2, groupInstanceId: f_groupInstanceId_2, clientId: f_clientId_2, clientHost: f_clientHost_2, memberMetadata: f_memberMetadata_2, memberAssignment: f_memberAssignment_2 });
    }
    const f_members_1 = f_members_1_a;
    const f_authorizedOperations_1 = r.readInt32();
    r.skipTaggedFields();
    f_groups_0_a.push({ errorCode: f_errorCode_1, groupId: f_groupId_1, groupState: f_groupState_1, protocolType: f_protocolType_1, protocolData: f_protocolData_1, members: f_members_1, authorizedOperations: f_authorizedOperations_1 });
  }
  const f_groups_0 = f_groups_0_a;
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, groups: f_groups_0 };
}

const describeGroupsResponseCodecV5: Codec<DescribeGroupsResponse, DescribeGroupsResponse> = { encode: encodeDescribeGroupsResponseV5, decode: decodeDescribeGroupsResponseV5 };

/** DescribeGroupsResponse codecs indexed by version (0-5). */
export const describeGroupsResponseCodecs: readonly (Codec<DescribeGroupsResponse, DescribeGroupsResponse> | undefined)[] = [
  describeGroupsResponseCodecV0,
  describeGroupsResponseCodecV1To2,
  describeGroupsResponseCodecV1To2,
  describeGroupsResponseCodecV3,
  describeGroupsResponseCodecV4,
  describeGroupsResponseCodecV5,
];

/** DescribeGroups (API key 15): both directions, every version of Kafka 3.8.0. */
export const describeGroupsApi: ApiCodecs = {
  apiKey: 15,
  name: "DescribeGroups",
  minVersion: 0,
  maxVersion: 5,
  requestFlexibleMin: 5,
  responseFlexibleMin: 5,
  request: describeGroupsRequestCodecs,
  response: describeGroupsResponseCodecs,
};
