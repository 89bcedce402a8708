// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: core/protocol/messages-extra (hand-written definitions in Kafka's format, older versions only; see its README.md): AlterConfigsRequest.json, AlterConfigsResponse.json.

import type { ApiCodecs, Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { type Writer } from '../writer.ts';
export interface AlterConfigsRequest {
  /** The updates for each resource. (Versions 0+.) */
  resources: AlterConfigsRequestAlterConfigsResource[];
  /** True if we should validate the request, but not change the configurations. (Versions 0+.) */
  validateOnly: boolean;
}

export interface AlterConfigsRequestAlterConfigsResource {
  /** The resource type. (Versions 0+.) */
  resourceType: number;
  /** The resource name. (Versions 0+.) */
  resourceName: string;
  /** The configurations. (Versions 0+.) */
  configs: AlterConfigsRequestAlterableConfig[];
}

export interface AlterConfigsRequestAlterableConfig {
  /** The configuration key name. (Versions 0+.) */
  name: string;
  /** The value to set for the configuration key. (Versions 0+; nullable 0+.) */
  value: string | null;
}

/** AlterConfigsRequest versions 0-1. */
export function encodeAlterConfigsRequestV0To1(w: Writer, v: AlterConfigsRequest): void {
  {
    const arr_0 = v.resources;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt8(el_0.resourceType);
      w.writeString(el_0.resourceName);
      {
        const arr_1 = el_0.configs;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeString(el_1.name);
          w.writeNullableString(el_1.value);
        }
      }
    }
  }
  w.writeBool(v.validateOnly);
}

export function decodeAlterConfigsRequestV0To1(r: Reader): AlterConfigsRequest {
  const f_resources_0_n = r.readArrayLength(7);
  const f_resources_0_a: AlterConfigsRequestAlterConfigsResource[] = [];
  for (let i_0 = 0; i_0 < f_resources_0_n; i_0++) {
    const f_resourceType_1 = r.readInt8();
    const f_resourceName_1 = r.readString();
    const f_configs_1_n = r.readArrayLength(4);
    const f_configs_1_a: AlterConfigsRequestAlterableConfig[] = [];
    for (let i_1 = 0; i_1 < f_configs_1_n; i_1++) {
      const f_name_2 = r.readString();
      const f_value_2 = r.readNullableString();
      f_configs_1_a.push({ name: f_name_2, value: f_value_2 });
    }
    const f_configs_1 = f_configs_1_a;
    f_resources_0_a.push({ resourceType: f_resourceType_1, resourceName: f_resourceName_1, configs: f_configs_1 });
  }
  const f_resources_0 = f_resources_0_a;
  const f_validateOnly_0 = r.readBool();
  return { resources: f_resources_0, validateOnly: f_validateOnly_0 };
}

const alterConfigsRequestCodecV0To1: Codec<AlterConfigsRequest, AlterConfigsRequest> = { encode: encodeAlterConfigsRequestV0To1, decode: decodeAlterConfigsRequestV0To1 };

/** AlterConfigsRequest codecs indexed by version (0-1). */
export const alterConfigsRequestCodecs: readonly (Codec<AlterConfigsRequest, AlterConfigsRequest> | undefined)[] = [
  alterConfigsRequestCodecV0To1,
  alterConfigsRequestCodecV0To1,
];

export interface AlterConfigsResponse {
  /** Duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (Versions 0+.) */
  throttleTimeMs: number;
  /** The responses for each resource. (Versions 0+.) */
  responses: AlterConfigsResponseAlterConfigsResourceResponse[];
}

export interface AlterConfigsResponseAlterConfigsResourceResponse {
  /** The resource error code. (Versions 0+.) */
  errorCode: number;
  /** The resource error message, or null if there was no error. (Versions 0+; nullable 0+.) */
  errorMessage: string | null;
  /** The resource type. (Versions 0+.) */
  resourceType: number;
  /** The resource name. (Versions 0+.) */
  resourceName: string;
}

/** AlterConfigsResponse versions 0-1. */
export function encodeAlterConfigsResponseV0To1(w: Writer, v: AlterConfigsResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.responses;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt16(el_0.errorCode);
      w.writeNullableString(el_0.errorMessage);
      w.writeInt8(el_0.resourceType);
      w.writeString(el_0.resourceName);
    }
  }
}

export function decodeAlterConfigsResponseV0To1(r: Reader): AlterConfigsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_responses_0_n = r.readArrayLength(7);
  const f_responses_0_a: AlterConfigsResponseAlterConfigsResourceResponse[] = [];
  for (let i_0 = 0; i_0 < f_responses_0_n; i_0++) {
    const f_errorCode_1 = r.readInt16();
    const f_errorMessage_1 = r.readNullableString();
    const f_resourceType_1 = r.readInt8();
    const f_resourceName_1 = r.readString();
    f_responses_0_a.push({ errorCode: f_errorCode_1, errorMessage: f_errorMessage_1, resourceType: f_resourceType_1, resourceName: f_resourceName_1 });
  }
  const f_responses_0 = f_responses_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, responses: f_responses_0 };
}

const alterConfigsResponseCodecV0To1: Codec<AlterConfigsResponse, AlterConfigsResponse> = { encode: encodeAlterConfigsResponseV0To1, decode: decodeAlterConfigsResponseV0To1 };

/** AlterConfigsResponse codecs indexed by version (0-1). */
export const alterConfigsResponseCodecs: readonly (Codec<AlterConfigsResponse, AlterConfigsResponse> | undefined)[] = [
  alterConfigsResponseCodecV0To1,
  alterConfigsResponseCodecV0To1,
];

/** AlterConfigs (API key 33): both directions, versions 0-1 of our hand-written definition. */
export const alterConfigsApi: ApiCodecs = {
  apiKey: 33,
  name: "AlterConfigs",
  minVersion: 0,
  maxVersion: 1,
  requestFlexibleMin: -1,
  responseFlexibleMin: -1,
  request: alterConfigsRequestCodecs,
  response: alterConfigsResponseCodecs,
};
