// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: core/protocol/messages-extra (hand-written definitions in Kafka's format, older versions only; see its README.md): DeleteGroupsRequest.json, DeleteGroupsResponse.json.

import type { ApiCodecs, Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { type Writer } from '../writer.ts';
export interface DeleteGroupsRequest {
  /** The group names to delete. (Versions 0+.) */
  groupsNames: string[];
}

/** DeleteGroupsRequest versions 0-1. */
export function encodeDeleteGroupsRequestV0To1(w: Writer, v: DeleteGroupsRequest): void {
  {
    const arr_0 = v.groupsNames;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      w.writeString(arr_0[i_0]);
    }
  }
}

export function decodeDeleteGroupsRequestV0To1(r: Reader): DeleteGroupsRequest {
  const f_groupsNames_0_n = r.readArrayLength(2);
  const f_groupsNames_0_a: string[] = [];
  for (let i_0 = 0; i_0 < f_groupsNames_0_n; i_0++) {
    f_groupsNames_0_a.push(r.readString());
  }
  const f_groupsNames_0 = f_groupsNames_0_a;
  return { groupsNames: f_groupsNames_0 };
}

const deleteGroupsRequestCodecV0To1: Codec<DeleteGroupsRequest, DeleteGroupsRequest> = { encode: encodeDeleteGroupsRequestV0To1, decode: decodeDeleteGroupsRequestV0To1 };

/** DeleteGroupsRequest codecs indexed by version (0-1). */
export const deleteGroupsRequestCodecs: readonly (Codec<DeleteGroupsRequest, DeleteGroupsRequest> | undefined)[] = [
  deleteGroupsRequestCodecV0To1,
  deleteGroupsRequestCodecV0To1,
];

export interface DeleteGroupsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (Versions 0+.) */
  throttleTimeMs: number;
  /** The deletion results. (Versions 0+.) */
  results: DeleteGroupsResponseDeletableGroupResult[];
}

export interface DeleteGroupsResponseDeletableGroupResult {
  /** The group id. (Versions 0+.) */
  groupId: string;
  /** The deletion error, or 0 if the deletion succeeded. (Versions 0+.) */
  errorCode: number;
}

/** DeleteGroupsResponse versions 0-1. */
export function encodeDeleteGroupsResponseV0To1(w: Writer, v: DeleteGroupsResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.results;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.groupId);
      w.writeInt16(el_0.errorCode);
    }
  }
}

export function decodeDeleteGroupsResponseV0To1(r: Reader): DeleteGroupsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_results_0_n = r.readArrayLength(4);
  const f_results_0_a: DeleteGroupsResponseDeletableGroupResult[] = [];
  for (let i_0 = 0; i_0 < f_results_0_n; i_0++) {
    const f_groupId_1 = r.readString();
    const f_errorCode_1 = r.readInt16();
    f_results_0_a.push({ groupId: f_groupId_1, errorCode: f_errorCode_1 });
  }
  const f_results_0 = f_results_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, results: f_results_0 };
}

const deleteGroupsResponseCodecV0To1: Codec<DeleteGroupsResponse, DeleteGroupsResponse> = { encode: encodeDeleteGroupsResponseV0To1, decode: decodeDeleteGroupsResponseV0To1 };

/** DeleteGroupsResponse codecs indexed by version (0-1). */
export const deleteGroupsResponseCodecs: readonly (Codec<DeleteGroupsResponse, DeleteGroupsResponse> | undefined)[] = [
  deleteGroupsResponseCodecV0To1,
  deleteGroupsResponseCodecV0To1,
];

/** DeleteGroups (API key 42): both directions, versions 0-1 of our hand-written definition. */
export const deleteGroupsApi: ApiCodecs = {
  apiKey: 42,
  name: "DeleteGroups",
  minVersion: 0,
  maxVersion: 1,
  requestFlexibleMin: -1,
  responseFlexibleMin: -1,
  request: deleteGroupsRequestCodecs,
  response: deleteGroupsResponseCodecs,
};
