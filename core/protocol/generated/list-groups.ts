// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): ListGroupsRequest.json, ListGroupsResponse.json.

import type { ApiCodecs, Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { type Writer } from '../writer.ts';
export interface ListGroupsRequest {
  /** The states of the groups we want to list. If empty, all groups are returned with their state. (Versions 4+.) */
  statesFilter: string[];
  /** The types of the groups we want to list. If empty, all groups are returned with their type. (Versions 5+.) */
  typesFilter: string[];
}

/** ListGroupsRequest versions 0-2. */
export function encodeListGroupsRequestV0To2(w: Writer, v: ListGroupsRequest): void {
}

export function decodeListGroupsRequestV0To2(r: Reader): ListGroupsRequest {
  return { statesFilter: [], typesFilter: [] };
}

const listGroupsRequestCodecV0To2: Codec<ListGroupsRequest, ListGroupsRequest> = { encode: encodeListGroupsRequestV0To2, decode: decodeListGroupsRequestV0To2 };

/** ListGroupsRequest versions 3. */
export function encodeListGroupsRequestV3(w: Writer, v: ListGroupsRequest): void {
  w.writeUVarint(0);
}

export function decodeListGroupsRequestV3(r: Reader): ListGroupsRequest {
  r.skipTaggedFields();
  return { statesFilter: [], typesFilter: [] };
}

const listGroupsRequestCodecV3: Codec<ListGroupsRequest, ListGroupsRequest> = { encode: encodeListGroupsRequestV3, decode: decodeListGroupsRequestV3 };

/** ListGroupsRequest versions 4. */
export function encodeListGroupsRequestV4(w: Writer, v: ListGroupsRequest): void {
  {
    const arr_0 = v.statesFilter;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      w.writeCompactString(arr_0[i_0]);
    }
  }
  w.writeUVarint(0);
}

export function decodeListGroupsRequestV4(r: Reader): ListGroupsRequest {
  const f_statesFilter_0_n = r.readCompactArrayLength(1);
  const f_statesFilter_0_a: string[] = [];
  for (let i_0 = 0; i_0 < f_statesFilter_0_n; i_0++) {
    f_statesFilter_0_a.push(r.readCompactString());
  }
  const f_statesFilter_0 = f_statesFilter_0_a;
  r.skipTaggedFields();
  return { statesFilter: f_statesFilter_0, typesFilter: [] };
}

const listGroupsRequestCodecV4: Codec<ListGroupsRequest, ListGroupsRequest> = { encode: encodeListGroupsRequestV4, decode: decodeListGroupsRequestV4 };

/** ListGroupsRequest versions 5. */
export function encodeListGroupsRequestV5(w: Writer, v: ListGroupsRequest): void {
  {
    const arr_0 = v.statesFilter;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      w.writeCompactString(arr_0[i_0]);
    }
  }
  {
    const arr_0 = v.typesFilter;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      w.writeCompactString(arr_0[i_0]);
    }
  }
  w.writeUVarint(0);
}

export function decodeListGroupsRequestV5(r: Reader): ListGroupsRequest {
  const f_statesFilter_0_n = r.readCompactArrayLength(1);
  const f_statesFilter_0_a: string[] = [];
  for (let i_0 = 0; i_0 < f_statesFilter_0_n; i_0++) {
    f_statesFilter_0_a.push(r.readCompactString());
  }
  const f_statesFilter_0 = f_statesFilter_0_a;
  const f_typesFilter_0_n = r.readCompactArrayLength(1);
  const f_typesFilter_0_a: string[] = [];
  for (let i_0 = 0; i_0 < f_typesFilter_0_n; i_0++) {
    f_typesFilter_0_a.push(r.readCompactString());
  }
  const f_typesFilter_0 = f_typesFilter_0_a;
  r.skipTaggedFields();
  return { statesFilter: f_statesFilter_0, typesFilter: f_typesFilter_0 };
}

const listGroupsRequestCodecV5: Codec<ListGroupsRequest, ListGroupsRequest> = { encode: encodeListGroupsRequestV5, decode: decodeListGroupsRequestV5 };

/** ListGroupsRequest codecs indexed by version (0-5). */
export const listGroupsRequestCodecs: readonly (Codec<ListGroupsRequest, ListGroupsRequest> | undefined)[] = [
  listGroupsRequestCodecV0To2,
  listGroupsRequestCodecV0To2,
  listGroupsRequestCodecV0To2,
  listGroupsRequestCodecV3,
  listGroupsRequestCodecV4,
  listGroupsRequestCodecV5,
];

export interface ListGroupsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (Versions 1+.) */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error. (Versions 0+.) */
  errorCode: number;
  /** Each group in the response. (Versions 0+.) */
  groups: ListGroupsResponseListedGroup[];
}

export interface ListGroupsResponseListedGroup {
  /** The group ID. (Versions 0+.) */
  groupId: string;
  /** The group protocol type. (Versions 0+.) */
  protocolType: string;
  /** The group state name. (Versions 4+.) */
  groupState: string;
  /** The group type name. (Versions 5+.) */
  groupType: string;
}

/** ListGroupsResponse versions 0. */
export function encodeListGroupsResponseV0(w: Writer, v: ListGroupsResponse): void {
  w.writeInt16(v.errorCode);
  {
    const arr_0 = v.groups;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.groupId);
      w.writeString(el_0.protocolType);
    }
  }
}

export function decodeListGroupsResponseV0(r: Reader): ListGroupsResponse {
  const f_errorCode_0 = r.readInt16();
  const f_groups_0_n = r.readArrayLength(4);
  const f_groups_0_a: ListGroupsResponseListedGroup[] = [];
  for (let i_0 = 0; i_0 < f_groups_0_n; i_0++) {
    const f_groupId_1 = r.readString();
    const f_protocolType_1 = r.readString();
    f_groups_0_a.push({ groupId: f_groupId_1, protocolType: f_protocolType_1, groupState: "", groupType: "" });
  }
  const f_groups_0 = f_groups_0_a;
  return { throttleTimeMs: 0, errorCode: f_errorCode_0, groups: f_groups_0 };
}

const listGroupsResponseCodecV0: Codec<ListGroupsResponse, ListGroupsResponse> = { encode: encodeListGroupsResponseV0, decode: decodeListGroupsResponseV0 };

/** ListGroupsResponse versions 1-2. */
export function encodeListGroupsResponseV1To2(w: Writer, v: ListGroupsResponse): void {
  w.writeInt32(v.throttleTimeMs);
  w.writeInt16(v.errorCode);
  {
    const arr_0 = v.groups;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.groupId);
      w.writeString(el_0.protocolType);
    }
  }
}

export function decodeListGroupsResponseV1To2(r: Reader): ListGroupsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_errorCode_0 = r.readInt16();
  const f_groups_0_n = r.readArrayLength(4);
  const f_groups_0_a: ListGroupsResponseListedGroup[] = [];
  for (let i_0 = 0; i_0 < f_groups_0_n; i_0++) {
    const f_groupId_1 = r.readString();
    const f_protocolType_1 = r.readString();
    f_groups_0_a.push({ groupId: f_groupId_1, protocolType: f_protocolType_1, groupState: "", groupType: "" });
  }
  const f_groups_0 = f_groups_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: f_errorCode_0, groups: f_groups_0 };
}

const listGroupsResponseCodecV1To2: Codec<ListGroupsResponse, ListGroupsResponse> = { encode: encodeListGroupsResponseV1To2, decode: decodeListGroupsResponseV1To2 };

/** ListGroupsResponse versions 3. */
export function encodeListGroupsResponseV3(w: Writer, v: ListGroupsResponse): void {
  w.writeInt32(v.throttleTimeMs);
  w.writeInt16(v.errorCode);
  {
    const arr_0 = v.groups;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.groupId);
      w.writeCompactString(el_0.protocolType);
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeListGroupsResponseV3(r: Reader): ListGroupsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_errorCode_0 = r.readInt16();
  const f_groups_0_n = r.readCompactArrayLength(3);
  const f_groups_0_a: ListGroupsResponseListedGroup[] = [];
  for (let i_0 = 0; i_0 < f_groups_0_n; i_0++) {
    const f_groupId_1 = r.readCompactString();
    const f_protocolType_1 = r.readCompactString();
    r.skipTaggedFields();
    f_groups_0_a.push({ groupId: f_groupId_1, protocolType: f_protocolType_1, groupState: "", groupType: "" });
  }
  const f_groups_0 = f_groups_0_a;
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: f_errorCode_0, groups: f_groups_0 };
}

const listGroupsResponseCodecV3: Codec<ListGroupsResponse, ListGroupsResponse> = { encode: encodeListGroupsResponseV3, decode: decodeListGroupsResponseV3 };

/** ListGroupsResponse versions 4. */
export function encodeListGroupsResponseV4(w: Writer, v: ListGroupsResponse): void {
  w.writeInt32(v.throttleTimeMs);
  w.writeInt16(v.errorCode);
  {
    const arr_0 = v.groups;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.groupId);
      w.writeCompactString(el_0.protocolType);
      w.writeCompactString(el_0.groupState);
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeListGroupsResponseV4(r: Reader): ListGroupsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_errorCode_0 = r.readInt16();
  const f_groups_0_n = r.readCompactArrayLength(4);
  const f_groups_0_a: ListGroupsResponseListedGroup[] = [];
  for (let i_0 = 0; i_0 < f_groups_0_n; i_0++) {
    const f_groupId_1 = r.readCompactString();
    const f_protocolType_1 = r.readCompactString();
    const f_groupState_1 = r.readCompactString();
    r.skipTaggedFields();
    f_groups_0_a.push({ groupId: f_groupId_1, protocolType: f_protocolType_1, groupState: f_groupState_1, groupType: "" });
  }
  const f_groups_0 = f_groups_0_a;
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: f_errorCode_0, groups: f_groups_0 };
}

const listGroupsResponseCodecV4: Codec<ListGroupsResponse, ListGroupsResponse> = { encode: encodeListGroupsResponseV4, decode: decodeListGroupsResponseV4 };

/** ListGroupsResponse versions 5. */
export function encodeListGroupsResponseV5(w: Writer, v: ListGroupsResponse): void {
  w.writeInt32(v.throttleTimeMs);
  w.writeInt16(v.errorCode);
  {
    const arr_0 = v.groups;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.groupId);
      w.writeCompactString(el_0.protocolType);
      w.writeCompactString(el_0.groupState);
      w.writeCompactString(el_0.groupType);
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeListGroupsResponseV5(r: Reader): ListGroupsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_errorCode_0 = r.readInt16();
  const f_groups_0_n = r.readCompactArrayLength(5);
  const f_groups_0_a: ListGroupsResponseListedGroup[] = [];
  for (let i_0 = 0; i_0 < f_groups_0_n; i_0++) {
    const f_groupId_1 = r.readCompactString();
    const f_protocolType_1 = r.readCompactString();
    const f_groupState_1 = r.readCompactString();
    const f_groupType_1 = r.readCompactString();
    r.skipTaggedFields();
    f_groups_0_a.push({ groupId: f_groupId_1, protocolType: f_protocolType_1, groupState: f_groupState_1, groupType: f_groupType_1 });
  }
  const f_groups_0 = f_groups_0_a;
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: f_errorCode_0, groups: f_groups_0 };
}

const listGroupsResponseCodecV5: Codec<ListGroupsResponse, ListGroupsResponse> = { encode: encodeListGroupsResponseV5, decode: decodeListGroupsResponseV5 };

/** ListGroupsResponse codecs indexed by version (0-5). */
export const listGroupsResponseCodecs: readonly (Codec<ListGroupsResponse, ListGroupsResponse> | undefined)[] = [
  listGroupsResponseCodecV0,
  listGroupsResponseCodecV1To2,
  listGroupsResponseCodecV1To2,
  listGroupsResponseCodecV3,
  listGroupsResponseCodecV4,
  listGroupsResponseCodecV5,
];

/** ListGroups (API key 16): both directions, every version of Kafka 3.8.0. */
export const listGroupsApi: ApiCodecs = {
  apiKey: 16,
  name: "ListGroups",
  minVersion: 0,
  maxVersion: 5,
  requestFlexibleMin: 3,
  responseFlexibleMin: 3,
  request: listGroupsRequestCodecs,
  response: listGroupsResponseCodecs,
};
