// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): DescribeConfigsRequest.json, DescribeConfigsResponse.json.

import type { ApiCodecs, Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { type Writer } from '../writer.ts';
export interface DescribeConfigsRequest {
  /** The resources whose configurations we want to describe. (Versions 0+.) */
  resources: DescribeConfigsRequestDescribeConfigsResource[];
  /** True if we should include all synonyms. (Versions 1+.) */
  includeSynonyms: boolean;
  /** True if we should include configuration documentation. (Versions 3+.) */
  includeDocumentation: boolean;
}

export interface DescribeConfigsRequestDescribeConfigsResource {
  /** The resource type. (Versions 0+.) */
  resourceType: number;
  /** The resource name. (Versions 0+.) */
  resourceName: string;
  /** The configuration keys to list, or null to list all configuration keys. (Versions 0+; nullable 0+.) */
  configurationKeys: string[] | null;
}

/** DescribeConfigsRequest versions 0. */
export function encodeDescribeConfigsRequestV0(w: Writer, v: DescribeConfigsRequest): void {
  {
    const arr_0 = v.resources;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt8(el_0.resourceType);
      w.writeString(el_0.resourceName);
      {
        const arr_1 = el_0.configurationKeys;
        if (arr_1 === null) {
          w.writeArrayLength(-1);
        } else {
          w.writeArrayLength(arr_1.length);
          for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
            w.writeString(arr_1[i_1]);
          }
        }
      }
    }
  }
}

export function decodeDescribeConfigsRequestV0(r: Reader): DescribeConfigsRequest {
  const f_resources_0_n = r.readArrayLength(7);
  const f_resources_0_a: DescribeConfigsRequestDescribeConfigsResource[] = [];
  for (let i_0 = 0; i_0 < f_resources_0_n; i_0++) {
    const f_resourceType_1 = r.readInt8();
    const f_resourceName_1 = r.readString();
    const f_configurationKeys_1_n = r.readNullableArrayLength(2);
    const f_configurationKeys_1_a: string[] = [];
    for (let i_1 = 0; i_1 < f_configurationKeys_1_n; i_1++) {
      f_configurationKeys_1_a.push(r.readString());
    }
    const f_configurationKeys_1 = f_configurationKeys_1_n < 0 ? null : f_configurationKeys_1_a;
    f_resources_0_a.push({ resourceType: f_resourceType_1, resourceName: f_resourceName_1, configurationKeys: f_configurationKeys_1 });
  }
  const f_resources_0 = f_resources_0_a;
  return { resources: f_resources_0, includeSynonyms: false, includeDocumentation: false };
}

const describeConfigsRequestCodecV0: Codec<DescribeConfigsRequest, DescribeConfigsRequest> = { encode: encodeDescribeConfigsRequestV0, decode: decodeDescribeConfigsRequestV0 };

/** DescribeConfigsRequest versions 1-2. */
export function encodeDescribeConfigsRequestV1To2(w: Writer, v: DescribeConfigsRequest): void {
  {
    const arr_0 = v.resources;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt8(el_0.resourceType);
      w.writeString(el_0.resourceName);
      {
        const arr_1 = el_0.configurationKeys;
        if (arr_1 === null) {
          w.writeArrayLength(-1);
        } else {
          w.writeArrayLength(arr_1.length);
          for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
            w.writeString(arr_1[i_1]);
          }
        }
      }
    }
  }
  w.writeBool(v.includeSynonyms);
}

export function decodeDescribeConfigsRequestV1To2(r: Reader): DescribeConfigsRequest {
  const f_resources_0_n = r.readArrayLength(7);
  const f_resources_0_a: DescribeConfigsRequestDescribeConfigsResource[] = [];
  for (let i_0 = 0; i_0 < f_resources_0_n; i_0++) {
    const f_resourceType_1 = r.readInt8();
    const f_resourceName_1 = r.readString();
    const f_configurationKeys_1_n = r.readNullableArrayLength(2);
    const f_configurationKeys_1_a: string[] = [];
    for (let i_1 = 0; i_1 < f_configurationKeys_1_n; i_1++) {
      f_configurationKeys_1_a.push(r.readString());
    }
    const f_configurationKeys_1 = f_configurationKeys_1_n < 0 ? null : f_configurationKeys_1_a;
    f_resources_0_a.push({ resourceType: f_resourceType_1, resourceName: f_resourceName_1, configurationKeys: f_configurationKeys_1 });
  }
  const f_resources_0 = f_resources_0_a;
  const f_includeSynonyms_0 = r.readBool();
  return { resources: f_resources_0, includeSynonyms: f_includeSynonyms_0, includeDocumentation: false };
}

const describeConfigsRequestCodecV1To2: Codec<DescribeConfigsRequest, DescribeConfigsRequest> = { encode: encodeDescribeConfigsRequestV1To2, decode: decodeDescribeConfigsRequestV1To2 };

/** DescribeConfigsRequest versions 3. */
export function encodeDescribeConfigsRequestV3(w: Writer, v: DescribeConfigsRequest): void {
  {
    const arr_0 = v.resources;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt8(el_0.resourceType);
      w.writeString(el_0.resourceName);
      {
        const arr_1 = el_0.configurationKeys;
        if (arr_1 === null) {
          w.writeArrayLength(-1);
        } else {
          w.writeArrayLength(arr_1.length);
          for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
            w.writeString(arr_1[i_1]);
          }
        }
      }
    }
  }
  w.writeBool(v.includeSynonyms);
  w.writeBool(v.includeDocumentation);
}

export function decodeDescribeConfigsRequestV3(r: Reader): DescribeConfigsRequest {
  const f_resources_0_n = r.readArrayLength(7);
  const f_resources_0_a: DescribeConfigsRequestDescribeConfigsResource[] = [];
  for (let i_0 = 0; i_0 < f_resources_0_n; i_0++) {
    const f_resourceType_1 = r.readInt8();
    const f_resourceName_1 = r.readString();
    const f_configurationKeys_1_n = r.readNullableArrayLength(2);
    const f_configurationKeys_1_a: string[] = [];
    for (let i_1 = 0; i_1 < f_configurationKeys_1_n; i_1++) {
      f_configurationKeys_1_a.push(r.readString());
    }
    const f_configurationKeys_1 = f_configurationKeys_1_n < 0 ? null : f_configurationKeys_1_a;
    f_resources_0_a.push({ resourceType: f_resourceType_1, resourceName: f_resourceName_1, configurationKeys: f_configurationKeys_1 });
  }
  const f_resources_0 = f_resources_0_a;
  const f_includeSynonyms_0 = r.readBool();
  const f_includeDocumentation_0 = r.readBool();
  return { resources: f_resources_0, includeSynonyms: f_includeSynonyms_0, includeDocumentation: f_includeDocumentation_0 };
}

const describeConfigsRequestCodecV3: Codec<DescribeConfigsRequest, DescribeConfigsRequest> = { encode: encodeDescribeConfigsRequestV3, decode: decodeDescribeConfigsRequestV3 };

/** DescribeConfigsRequest versions 4. */
export function encodeDescribeConfigsRequestV4(w: Writer, v: DescribeConfigsRequest): void {
  {
    const arr_0 = v.resources;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt8(el_0.resourceType);
      w.writeCompactString(el_0.resourceName);
      {
        const arr_1 = el_0.configurationKeys;
        if (arr_1 === null) {
          w.writeCompactArrayLength(-1);
        } else {
          w.writeCompactArrayLength(arr_1.length);
          for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
            w.writeCompactString(arr_1[i_1]);
          }
        }
      }
      w.writeUVarint(0);
    }
  }
  w.writeBool(v.includeSynonyms);
  w.writeBool(v.includeDocumentation);
  w.writeUVarint(0);
}

export function decodeDescribeConfigsRequestV4(r: Reader): DescribeConfigsRequest {
  const f_resources_0_n = r.readCompactArrayLength(4);
  const f_resources_0_a: DescribeConfigsRequestDescribeConfigsResource[] = [];
  for (let i_0 = 0; i_0 < f_resources_0_n; i_0++) {
    const f_resourceType_1 = r.readInt8();
    const f_resourceName_1 = r.readCompactString();
    const f_configurationKeys_1_n = r.readCompactNullableArrayLength(1);
    const f_configurationKeys_1_a: string[] = [];
    for (let i_1 = 0; i_1 < f_configurationKeys_1_n; i_1++) {
      f_configurationKeys_1_a.push(r.readCompactString());
    }
    const f_configurationKeys_1 = f_configurationKeys_1_n < 0 ? null : f_configurationKeys_1_a;
    r.skipTaggedFields();
    f_resources_0_a.push({ resourceType: f_resourceType_1, resourceName: f_resourceName_1, configurationKeys: f_configurationKeys_1 });
  }
  const f_resources_0 = f_resources_0_a;
  const f_includeSynonyms_0 = r.readBool();
  const f_includeDocumentation_0 = r.readBool();
  r.skipTaggedFields();
  return { resources: f_resources_0, includeSynonyms: f_includeSynonyms_0, includeDocumentation: f_includeDocumentation_0 };
}

const describeConfigsRequestCodecV4: Codec<DescribeConfigsRequest, DescribeConfigsRequest> = { encode: encodeDescribeConfigsRequestV4, decode: decodeDescribeConfigsRequestV4 };

/** DescribeConfigsRequest codecs indexed by version (0-4). */
export const describeConfigsRequestCodecs: readonly (Codec<DescribeConfigsRequest, DescribeConfigsRequest> | undefined)[] = [
  describeConfigsRequestCodecV0,
  describeConfigsRequestCodecV1To2,
  describeConfigsRequestCodecV1To2,
  describeConfigsRequestCodecV3,
  describeConfigsRequestCodecV4,
];

export interface DescribeConfigsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (Versions 0+.) */
  throttleTimeMs: number;
  /** The results for each resource. (Versions 0+.) */
  results: DescribeConfigsResponseDescribeConfigsResult[];
}

export interface DescribeConfigsResponseDescribeConfigsResult {
  /** The error code, or 0 if we were able to successfully describe the configurations. (Versions 0+.) */
  errorCode: number;
  /** The error message, or null if we were able to successfully describe the configurations. (Versions 0+; nullable 0+.) */
  errorMessage: string | null;
  /** The resource type. (Versions 0+.) */
  resourceType: number;
  /** The resource name. (Versions 0+.) */
  resourceName: string;
  /** Each listed configuration. (Versions 0+.) */
  configs: DescribeConfigsResponseDescribeConfigsResourceResult[];
}

export interface DescribeConfigsResponseDescribeConfigsResourceResult {
  /** The configuration name. (Versions 0+.) */
  name: string;
  /** The configuration value. (Versions 0+; nullable 0+.) */
  value: string | null;
  /** True if the configuration is read-only. (Versions 0+.) */
  readOnly: boolean;
  /** True if the configuration is not set. (Versions 0.) */
  isDefault: boolean;
  /** The configuration source. (Versions 1+.) */
  configSource: number;
  /** True if this configuration is sensitive. (Versions 0+.) */
  isSensitive: boolean;
  /** The synonyms for this configuration key. (Versions 1+.) */
  synonyms: DescribeConfigsResponseDescribeConfigsSynonym[];
  /** The configuration data type. Type can be one of the following values - BOOLEAN, STRING, INT, SHORT, LONG, DOUBLE, LIST, CLASS, PASSWORD (Versions 3+.) */
  configType: number;
  /** The configuration documentation. (Versions 3+; nullable 0+.) */
  documentation: string | null;
}

export interface DescribeConfigsResponseDescribeConfigsSynonym {
  /** The synonym name. (Versions 1+.) */
  name: string;
  /** The synonym value. (Versions 1+; nullable 0+.) */
  value: string | null;
  /** The synonym source. (Versions 1+.) */
  source: number;
}

/** DescribeConfigsResponse versions 0. */
export function encodeDescribeConfigsResponseV0(w: Writer, v: DescribeConfigsResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.results;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt16(el_0.errorCode);
      w.writeNullableString(el_0.errorMessage);
      w.writeInt8(el_0.resourceType);
      w.writeString(el_0.resourceName);
      {
        const arr_1 = el_0.configs;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeString(el_1.name);
          w.writeNullableString(el_1.value);
          w.writeBool(el_1.readOnly);
          w.writeBool(el_1.isDefault);
          w.writeBool(el_1.isSensitive);
        }
      }
    }
  }
}

export function decodeDescribeConfigsResponseV0(r: Reader): DescribeConfigsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_results_0_n = r.readArrayLength(11);
  const f_results_0_a: DescribeConfigsResponseDescribeConfigsResult[] = [];
  for (let i_0 = 0; i_0 < f_results_0_n; i_0++) {
    const f_errorCode_1 = r.readInt16();
    const f_errorMessage_1 = r.readNullableString();
    const f_resourceType_1 = r.readInt8();
    const f_resourceName_1 = r.readString();
    const f_configs_1_n = r.readArrayLength(7);
    const f_configs_1_a: DescribeConfigsResponseDescribeConfigsResourceResult[] = [];
    for (let i_1 = 0; i_1 < f_configs_1_n; i_1++) {
      const f_name_2 = r.readString();
      const f_value_2 = r.readNullableString();
      const f_readOnly_2 = r.readBool();
      const f_isDefault_2 = r.readBool();
      const f_isSensitive_2 = r.readBool();
      f_configs_1_a.push({ name: f_name_2, value: f_value_2, readOnly: f_readOnly_2, isDefault: f_isDefault_2, configSource: -1, isSensitive: f_isSensitive_2, synonyms: [], configType: 0, documentation: "" });
    }
    const f_configs_1 = f_configs_1_a;
    f_results_0_a.push({ errorCode: f_errorCode_1, errorMessage: f_errorMessage_1, resourceType: f_resourceType_1, resourceName: f_resourceName_1, configs: f_configs_1 });
  }
  const f_results_0 = f_results_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, results: f_results_0 };
}

const describeConfigsResponseCodecV0: Codec<DescribeConfigsResponse, DescribeConfigsResponse> = { encode: encodeDescribeConfigsResponseV0, decode: decodeDescribeConfigsResponseV0 };

/** DescribeConfigsResponse versions 1-2. */
export function encodeDescribeConfigsResponseV1To2(w: Writer, v: DescribeConfigsResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.results;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt16(el_0.errorCode);
      w.writeNullableString(el_0.errorMessage);
      w.writeInt8(el_0.resourceType);
      w.writeString(el_0.resourceName);
      {
        const arr_1 = el_0.configs;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeString(el_1.name);
          w.writeNullableString(el_1.value);
          w.writeBool(el_1.readOnly);
          w.writeInt8(el_1.configSource);
          w.writeBool(el_1.isSensitive);
          {
            const arr_2 = el_1.synonyms;
            w.writeArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              const el_2 = arr_2[i_2];
              w.writeString(el_2.name);
              w.writeNullableString(el_2.value);
              w.writeInt8(el_2.source);
            }
          }
        }
      }
    }
  }
}

export function decodeDescribeConfigsResponseV1To2(r: Reader): DescribeConfigsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_results_0_n = r.readArrayLength(11);
  const f_results_0_a: DescribeConfigsResponseDescribeConfigsResult[] = [];
  for (let i_0 = 0; i_0 < f_results_0_n; i_0++) {
    const f_errorCode_1 = r.readInt16();
    const f_errorMessage_1 = r.readNullableString();
    const f_resourceType_1 = r.readInt8();
    const f_resourceName_1 = r.readString();
    const f_configs_1_n = r.readArrayLength(11);
    const f_configs_1_a: DescribeConfigsResponseDescribeConfigsResourceResult[] = [];
    for (let i_1 = 0; i_1 < f_configs_1_n; i_1++) {
      const f_name_2 = r.readString();
      const f_value_2 = r.readNullableString();
      const f_readOnly_2 = r.readBool();
      const f_configSource_2 = r.readInt8();
      const f_isSensitive_2 = r.readBool();
      const f_synonyms_2_n = r.readArrayLength(5);
      const f_synonyms_2_a: DescribeConfigsResponseDescribeConfigsSynonym[] = [];
      for (let i_2 = 0; i_2 < f_synonyms_2_n; i_2++) {
        const f_name_3 = r.readString();
        const f_value_3 = r.readNullableString();
        const f_source_3 = r.readInt8();
        f_synonyms_2_a.push({ name: f_name_3, value: f_value_3, source: f_source_3 });
      }
      const f_synonyms_2 = f_synonyms_2_a;
      f_configs_1_a.push({ name: f_name_2, value: f_value_2, readOnly: f_readOnly_2, isDefault: false, configSource: f_configSource_2, isSensitive: f_isSensitive_2, synonyms: f_synonyms_2, configType: 0, documentation: "" });
    }
    const f_configs_1 = f_configs_1_a;
    f_results_0_a.push({ errorCode: f_errorCode_1, errorMessage: f_errorMessage_1, resourceType: f_resourceType_1, resourceName: f_resourceName_1, configs: f_configs_1 });
  }
  const f_results_0 = f_results_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, results: f_results_0 };
}

const describeConfigsResponseCodecV1To2: Codec<DescribeConfigsResponse, DescribeConfigsResponse> = { encode: encodeDescribeConfigsResponseV1To2, decode: decodeDescribeConfigsResponseV1To2 };

/** DescribeConfigsResponse versions 3. */
export function encodeDescribeConfigsResponseV3(w: Writer, v: DescribeConfigsResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.results;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt16(el_0.errorCode);
      w.writeNullableString(el_0.errorMessage);
      w.writeInt8(el_0.resourceType);
      w.writeString(el_0.resourceName);
      {
        const arr_1 = el_0.configs;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeString(el_1.name);
          w.writeNullableString(el_1.value);
          w.writeBool(el_1.readOnly);
          w.writeInt8(el_1.configSource);
          w.writeBool(el_1.isSensitive);
          {
            const arr_2 = el_1.synonyms;
            w.writeArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              const el_2 = arr_2[i_2];
              w.writeString(el_2.name);
              w.writeNullableString(el_2.value);
              w.writeInt8(el_2.source);
            }
          }
          w.writeInt8(el_1.configType);
          w.writeNullableString(el_1.documentation);
        }
      }
    }
  }
}

export function decodeDescribeConfigsResponseV3(r: Reader): DescribeConfigsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_results_0_n = r.readArrayLength(11);
  const f_results_0_a: DescribeConfigsResponseDescribeConfigsResult[] = [];
  for (let i_0 = 0; i_0 < f_results_0_n; i_0++) {
    const f_errorCode_1 = r.readInt16();
    const f_errorMessage_1 = r.readNullableString();
    const f_resourceType_1 = r.readInt8();
    const f_resourceName_1 = r.readString();
    const f_configs_1_n = r.readArrayLength(14);
    const f_configs_1_a: DescribeConfigsResponseDescribeConfigsResourceResult[] = [];
    for (let i_1 = 0; i_1 < f_configs_1_n; i_1++) {
      const f_name_2 = r.readString();
      const f_value_2 = r.readNullableString();
      const f_readOnly_2 = r.readBool();
      const f_configSource_2 = r.readInt8();
      const f_isSensitive_2 = r.readBool();
      const f_synonyms_2_n = r.readArrayLength(5);
      const f_synonyms_2_a: DescribeConfigsResponseDescribeConfigsSynonym[] = [];
      for (let i_2 = 0; i_2 < f_synonyms_2_n; i_2++) {
        const f_name_3 = r.readString();
        const f_value_3 = r.readNullableString();
        const f_source_3 = r.readInt8();
        f_synonyms_2_a.push({ name: f_name_3, value: f_value_3, source: f_source_3 });
      }
      const f_synonyms_2 = f_synonyms_2_a;
      const f_configType_2 = r.readInt8();
      const f_documentation_2 = r.readNullableString();
      f_configs_1_a.push({ name: f_name_2, value: f_value_2, readOnly: f_readOnly_2, isDefault: false, configSource: f_configSource_2, isSensitive: f_isSensitive_2, synonyms: f_synonyms_2, configType: f_configType_2, documentation: f_documentation_2 });
    }
    const f_configs_1 = f_configs_1_a;
    f_results_0_a.push({ errorCode: f_errorCode_1, errorMessage: f_errorMessage_1, resourceType: f_resourceType_1, resourceName: f_resourceName_1, configs: f_configs_1 });
  }
  const f_results_0 = f_results_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, results: f_results_0 };
}

const describeConfigsResponseCodecV3: Codec<DescribeConfigsResponse, DescribeConfigsResponse> = { encode: encodeDescribeConfigsResponseV3, decode: decodeDescribeConfigsResponseV3 };

/** DescribeConfigsResponse versions 4. */
export function encodeDescribeConfigsResponseV4(w: Writer, v: DescribeConfigsResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.results;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt16(el_0.errorCode);
      w.writeCompactNullableString(el_0.errorMessage);
      w.writeInt8(el_0.resourceType);
      w.writeCompactString(el_0.resourceName);
      {
        const arr_1 = el_0.configs;
        w.writeCompactArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeCompactString(el_1.name);
          w.writeCompactNullableString(el_1.value);
          w.writeBool(el_1.readOnly);
          w.writeInt8(el_1.configSource);
          w.writeBool(el_1.isSensitive);
          {
            const arr_2 = el_1.synonyms;
            w.writeCompactArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              const el_2 = arr_2[i_2];
              w.writeCompactString(el_2.name);
              w.writeCompactNullableString(el_2.value);
              w.writeInt8(el_2.source);
              w.writeUVarint(0);
            }
          }
          w.writeInt8(el_1.configType);
          w.writeCompactNullableString(el_1.documentation);
          w.writeUVarint(0);
        }
      }
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeDescribeConfigsResponseV4(r: Reader): DescribeConfigsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_results_0_n = r.readCompactArrayLength(7);
  const f_results_0_a: DescribeConfigsResponseDescribeConfigsResult[] = [];
  for (let i_0 = 0; i_0 < f_results_0_n; i_0++) {
    const f_errorCode_1 = r.readInt16();
    const f_errorMessage_1 = r.readCompactNullableString();
    const f_resourceType_1 = r.readInt8();
    const f_resourceName_1 = r.readCompactString();
    const f_configs_1_n = r.readCompactArrayLength(9);
    const f_configs_1_a: DescribeConfigsResponseDescribeConfigsResourceResult[] = [];
    for (let i_1 = 0; i_1 < f_configs_1_n; i_1++) {
      const f_name_2 = r.readCompactString();
      const f_value_2 = r.readCompactNullableString();
      const f_readOnly_2 = r.readBool();
      const f_configSource_2 = r.readInt8();
      const f_isSensitive_2 = r.readBool();
      const f_synonyms_2_n = r.readCompactArrayLength(4);
      const f_synonyms_2_a: DescribeConfigsResponseDescribeConfigsSynonym[] = [];
      for (let i_2 = 0; i_2 < f_synonyms_2_n; i_2++) {
        const f_name_3 = r.readCompactString();
        const f_value_3 = r.readCompactNullableString();
        const f_source_3 = r.readInt8();
        r.skipTaggedFields();
        f_synonyms_2_a.push({ name: f_name_3, value: f_value_3, source: f_source_3 });
      }
      const f_synonyms_2 = f_synonyms_2_a;
      const f_configType_2 = r.readInt8();
      const f_documentation_2 = r.readCompactNullableString();
      r.skipTaggedFields();
      f_configs_1_a.push({ name: f_name_2, value: f_value_2, readOnly: f_readOnly_2, isDefault: false, configSource: f_configSource_2, isSensitive: f_isSensitive_2, synonyms: f_synonyms_2, configType: f_configType_2, documentation: f_documentation_2 });
    }
    const f_configs_1 = f_configs_1_a;
    r.skipTaggedFields();
    f_results_0_a.push({ errorCode: f_errorCode_1, errorMessage: f_errorMessage_1, resourceType: f_resourceType_1, resourceName: f_resourceName_1, configs: f_configs_1 });
  }
  const f_results_0 = f_results_0_a;
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, results: f_results_0 };
}

const describeConfigsResponseCodecV4: Codec<DescribeConfigsResponse, DescribeConfigsResponse> = { encode: encodeDescribeConfigsResponseV4, decode: decodeDescribeConfigsResponseV4 };

/** DescribeConfigsResponse codecs indexed by version (0-4). */
export const describeConfigsResponseCodecs: readonly (Codec<DescribeConfigsResponse, DescribeConfigsResponse> | undefined)[] = [
  describeConfigsResponseCodecV0,
  describeConfigsResponseCodecV1To2,
  describeConfigsResponseCodecV1To2,
  describeConfigsResponseCodecV3,
  describeConfigsResponseCodecV4,
];

/** DescribeConfigs (API key 32): both directions, every version of Kafka 3.8.0. */
export const describeConfigsApi: ApiCodecs = {
  apiKey: 32,
  name: "DescribeConfigs",
  minVersion: 0,
  maxVersion: 4,
  requestFlexibleMin: 4,
  responseFlexibleMin: 4,
  request: describeConfigsRequestCodecs,
  response: describeConfigsResponseCodecs,
};
