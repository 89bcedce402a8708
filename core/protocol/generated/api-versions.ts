// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): ApiVersionsRequest.json, ApiVersionsResponse.json.

import type { ApiCodecs, Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { Writer } from '../writer.ts';
export interface ApiVersionsRequest {
  /** The name of the client. (Versions 3+.) */
  clientSoftwareName: string;
  /** The version of the client. (Versions 3+.) */
  clientSoftwareVersion: string;
}

/** ApiVersionsRequest versions 0-2. */
export function encodeApiVersionsRequestV0To2(w: Writer, v: ApiVersionsRequest): void {
}

export function decodeApiVersionsRequestV0To2(r: Reader): ApiVersionsRequest {
  return { clientSoftwareName: "", clientSoftwareVersion: "" };
}

const apiVersionsRequestCodecV0To2: Codec<ApiVersionsRequest, ApiVersionsRequest> = { encode: encodeApiVersionsRequestV0To2, decode: decodeApiVersionsRequestV0To2 };

/** ApiVersionsRequest versions 3. */
export function encodeApiVersionsRequestV3(w: Writer, v: ApiVersionsRequest): void {
  w.writeCompactString(v.clientSoftwareName);
  w.writeCompactString(v.clientSoftwareVersion);
  w.writeUVarint(0);
}

export function decodeApiVersionsRequestV3(r: Reader): ApiVersionsRequest {
  const f_clientSoftwareName_0 = r.readCompactString();
  const f_clientSoftwareVersion_0 = r.readCompactString();
  r.skipTaggedFields();
  return { clientSoftwareName: f_clientSoftwareName_0, clientSoftwareVersion: f_clientSoftwareVersion_0 };
}

const apiVersionsRequestCodecV3: Codec<ApiVersionsRequest, ApiVersionsRequest> = { encode: encodeApiVersionsRequestV3, decode: decodeApiVersionsRequestV3 };

/** ApiVersionsRequest codecs indexed by version (0-3). */
export const apiVersionsRequestCodecs: readonly (Codec<ApiVersionsRequest, ApiVersionsRequest> | undefined)[] = [
  apiVersionsRequestCodecV0To2,
  apiVersionsRequestCodecV0To2,
  apiVersionsRequestCodecV0To2,
  apiVersionsRequestCodecV3,
];

export interface ApiVersionsResponse {
  /** The top-level error code. (Versions 0+.) */
  errorCode: number;
  /** The APIs supported by the broker. (Versions 0+.) */
  apiKeys: ApiVersionsResponseApiVersion[];
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (Versions 1+.) */
  throttleTimeMs: number;
  /** Features supported by the broker. (Versions 3+; tag 0 in 3+.) */
  supportedFeatures: ApiVersionsResponseSupportedFeatureKey[];
  /** The monotonically increasing epoch for the finalized features information. Valid values are >= 0. A value of -1 is special and represents unknown epoch. (Versions 3+; tag 1 in 3+.) */
  finalizedFeaturesEpoch: number;
  /** List of cluster-wide finalized features. The information is valid only if FinalizedFeaturesEpoch >= 0. (Versions 3+; tag 2 in 3+.) */
  finalizedFeatures: ApiVersionsResponseFinalizedFeatureKey[];
  /** Set by a KRaft controller if the required configurations for ZK migration are present (Versions 3+; tag 3 in 3+.) */
  zkMigrationReady: boolean;
}

export interface ApiVersionsResponseApiVersion {
  /** The API index. (Versions 0+.) */
  apiKey: number;
  /** The minimum supported version, inclusive. (Versions 0+.) */
  minVersion: number;
  /** The maximum supported version, inclusive. (Versions 0+.) */
  maxVersion: number;
}

export interface ApiVersionsResponseSupportedFeatureKey {
  /** The name of the feature. (Versions 3+.) */
  name: string;
  /** The minimum supported version for the feature. (Versions 3+.) */
  minVersion: number;
  /** The maximum supported version for the feature. (Versions 3+.) */
  maxVersion: number;
}

export interface ApiVersionsResponseFinalizedFeatureKey {
  /** The name of the feature. (Versions 3+.) */
  name: string;
  /** The cluster-wide finalized max version level for the feature. (Versions 3+.) */
  maxVersionLevel: number;
  /** The cluster-wide finalized min version level for the feature. (Versions 3+.) */
  minVersionLevel: number;
}

/** ApiVersionsResponse versions 0. */
export function encodeApiVersionsResponseV0(w: Writer, v: ApiVersionsResponse): void {
  w.writeInt16(v.errorCode);
  {
    const arr_0 = v.apiKeys;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt16(el_0.apiKey);
      w.writeInt16(el_0.minVersion);
      w.writeInt16(el_0.maxVersion);
    }
  }
}

export function decodeApiVersionsResponseV0(r: Reader): ApiVersionsResponse {
  const f_errorCode_0 = r.readInt16();
  const f_apiKeys_0_n = r.readArrayLength(6);
  const f_apiKeys_0_a: ApiVersionsResponseApiVersion[] = [];
  for (let i_0 = 0; i_0 < f_apiKeys_0_n; i_0++) {
    const f_apiKey_1 = r.readInt16();
    const f_minVersion_1 = r.readInt16();
    const f_maxVersion_1 = r.readInt16();
    f_apiKeys_0_a.push({ apiKey: f_apiKey_1, minVersion: f_minVersion_1, maxVersion: f_maxVersion_1 });
  }
  const f_apiKeys_0 = f_apiKeys_0_a;
  return { errorCode: f_errorCode_0, apiKeys: f_apiKeys_0, throttleTimeMs: 0, supportedFeatures: [], finalizedFeaturesEpoch: -1, finalizedFeatures: [], zkMigrationReady: false };
}

const apiVersionsResponseCodecV0: Codec<ApiVersionsResponse, ApiVersionsResponse> = { encode: encodeApiVersionsResponseV0, decode: decodeApiVersionsResponseV0 };

/** ApiVersionsResponse versions 1-2. */
export function encodeApiVersionsResponseV1To2(w: Writer, v: ApiVersionsResponse): void {
  w.writeInt16(v.errorCode);
  {
    const arr_0 = v.apiKeys;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt16(el_0.apiKey);
      w.writeInt16(el_0.minVersion);
      w.writeInt16(el_0.maxVersion);
    }
  }
  w.writeInt32(v.throttleTimeMs);
}

export function decodeApiVersionsResponseV1To2(r: Reader): ApiVersionsResponse {
  const f_errorCode_0 = r.readInt16();
  const f_apiKeys_0_n = r.readArrayLength(6);
  const f_apiKeys_0_a: ApiVersionsResponseApiVersion[] = [];
  for (let i_0 = 0; i_0 < f_apiKeys_0_n; i_0++) {
    const f_apiKey_1 = r.readInt16();
    const f_minVersion_1 = r.readInt16();
    const f_maxVersion_1 = r.readInt16();
    f_apiKeys_0_a.push({ apiKey: f_apiKey_1, minVersion: f_minVersion_1, maxVersion: f_maxVersion_1 });
  }
  const f_apiKeys_0 = f_apiKeys_0_a;
  const f_throttleTimeMs_0 = r.readInt32();
  return { errorCode: f_errorCode_0, apiKeys: f_apiKeys_0, throttleTimeMs: f_throttleTimeMs_0, supportedFeatures: [], finalizedFeaturesEpoch: -1, finalizedFeatures: [], zkMigrationReady: false };
}

const apiVersionsResponseCodecV1To2: Codec<ApiVersionsResponse, ApiVersionsResponse> = { encode: encodeApiVersionsResponseV1To2, decode: decodeApiVersionsResponseV1To2 };

/** ApiVersionsResponse versions 3. */
export function encodeApiVersionsResponseV3(w: Writer, v: ApiVersionsResponse): void {
  w.writeInt16(v.errorCode);
  {
    const arr_0 = v.apiKeys;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt16(el_0.apiKey);
      w.writeInt16(el_0.minVersion);
      w.writeInt16(el_0.maxVersion);
      w.writeUVarint(0);
    }
  }
  w.writeInt32(v.throttleTimeMs);
  let tags_0 = 0;
  if (v.supportedFeatures === null || v.supportedFeatures.length > 0) tags_0++;
  if (v.finalizedFeaturesEpoch !== -1) tags_0++;
  if (v.finalizedFeatures === null || v.finalizedFeatures.length > 0) tags_0++;
  if (v.zkMigrationReady !== false) tags_0++;
  w.writeUVarint(tags_0);
  if (v.supportedFeatures === null || v.supportedFeatures.length > 0) {
    const tw_0 = new Writer();
    {
      const arr_0 = v.supportedFeatures;
      tw_0.writeCompactArrayLength(arr_0.length);
      for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
        const el_0 = arr_0[i_0];
        tw_0.writeCompactString(el_0.name);
        tw_0.writeInt16(el_0.minVersion);
        tw_0.writeInt16(el_0.maxVersion);
        tw_0.writeUVarint(0);
      }
    }
    w.writeTaggedField(0, tw_0);
  }
  if (v.finalizedFeaturesEpoch !== -1) {
    const tw_0 = new Writer();
    tw_0.writeInt64(v.finalizedFeaturesEpoch);
    w.writeTaggedField(1, tw_0);
  }
  if (v.finalizedFeatures === null || v.finalizedFeatures.length > 0) {
    const tw_0 = new Writer();
    {
      const arr_0 = v.finalizedFeatures;
      tw_0.writeCompactArrayLength(arr_0.length);
      for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
        const el_0 = arr_0[i_0];
        tw_0.writeCompactString(el_0.name);
        tw_0.writeInt16(el_0.maxVersionLevel);
        tw_0.writeInt16(el_0.minVersionLevel);
        tw_0.writeUVarint(0);
      }
    }
    w.writeTaggedField(2, tw_0);
  }
  if (v.zkMigrationReady !== false) {
    const tw_0 = new Writer();
    tw_0.writeBool(v.zkMigrationReady);
    w.writeTaggedField(3, tw_0);
  }
}

export function decodeApiVersionsResponseV3(r: Reader): ApiVersionsResponse {
  const f_errorCode_0 = r.readInt16();
  const f_apiKeys_0_n = r.readCompactArrayLength(7);
  const f_apiKeys_0_a: ApiVersionsResponseApiVersion[] = [];
  for (let i_0 = 0; i_0 < f_apiKeys_0_n; i_0++) {
    const f_apiKey_1 = r.readInt16();
    const f_minVersion_1 = r.readInt16();
    const f_maxVersion_1 = r.readInt16();
    r.skipTaggedFields();
    f_apiKeys_0_a.push({ apiKey: f_apiKey_1, minVersion: f_minVersion_1, maxVersion: f_maxVersion_1 });
  }
  const f_apiKeys_0 = f_apiKeys_0_a;
  const f_throttleTimeMs_0 = r.readInt32();
  let f_supportedFeatures_0: ApiVersionsResponseSupportedFeatureKey[] = [];
  let f_finalizedFeaturesEpoch_0: number = -1;
  let f_finalizedFeatures_0: ApiVersionsResponseFinalizedFeatureKey[] = [];
  let f_zkMigrationReady_0: boolean = false;
  const tagCount_0 = r.readUVarint();
  for (let t_0 = 0; t_0 < tagCount_0; t_0++) {
    const tag_0 = r.readUVarint();
    const end_0 = r.pushLimit(r.readUVarint());
    switch (tag_0) {
      case 0: {
        const f_supportedFeatures_0_n = r.readCompactArrayLength(6);
        const f_supportedFeatures_0_a: ApiVersionsResponseSupportedFeatureKey[] = [];
        for (let i_0 = 0; i_0 < f_supportedFeatures_0_n; i_0++) {
          const f_name_1 = r.readCompactString();
          const f_minVersion_1 = r.readInt16();
          const f_maxVersion_1 = r.readInt16();
          r.skipTaggedFields();
          f_supportedFeatures_0_a.push({ name: f_name_1, minVersion: f_minVersion_1, maxVersion: f_maxVersion_1 });
        }
        f_supportedFeatures_0 = f_supportedFeatures_0_a;
        break;
      }
      case 1: {
        f_finalizedFeaturesEpoch_0 = r.readInt64();
        break;
      }
      case 2: {
        const f_finalizedFeatures_0_n = r.readCompactArrayLength(6);
        const f_finalizedFeatures_0_a: ApiVersionsResponseFinalizedFeatureKey[] = [];
        for (let i_0 = 0; i_0 < f_finalizedFeatures_0_n; i_0++) {
          const f_name_1 = r.readCompactString();
          const f_maxVersionLevel_1 = r.readInt16();
          const f_minVersionLevel_1 = r.readInt16();
          r.skipTaggedFields();
          f_finalizedFeatures_0_a.push({ name: f_name_1, maxVersionLevel: f_maxVersionLevel_1, minVersionLevel: f_minVersionLevel_1 });
        }
        f_finalizedFeatures_0 = f_finalizedFeatures_0_a;
        break;
      }
      case 3: {
        f_zkMigrationReady_0 = r.readBool();
        break;
      }
      default:
        break;
    }
    r.popLimit(end_0);
  }
  return { errorCode: f_errorCode_0, apiKeys: f_apiKeys_0, throttleTimeMs: f_throttleTimeMs_0, supportedFeatures: f_supportedFeatures_0, finalizedFeaturesEpoch: f_finalizedFeaturesEpoch_0, finalizedFeatures: f_finalizedFeatures_0, zkMigrationReady: f_zkMigrationReady_0 };
}

const apiVersionsResponseCodecV3: Codec<ApiVersionsResponse, ApiVersionsResponse> = { encode: encodeApiVersionsResponseV3, decode: decodeApiVersionsResponseV3 };

/** ApiVersionsResponse codecs indexed by version (0-3). */
export const apiVersionsResponseCodecs: readonly (Codec<ApiVersionsResponse, ApiVersionsResponse> | undefined)[] = [
  apiVersionsResponseCodecV0,
  apiVersionsResponseCodecV1To2,
  apiVersionsResponseCodecV1To2,
  apiVersionsResponseCodecV3,
];

/** ApiVersions (API key 18): both directions, every version of Kafka 3.8.0. */
export const apiVersionsApi: ApiCodecs = {
  apiKey: 18,
  name: "ApiVersions",
  minVersion: 0,
  maxVersion: 3,
  requestFlexibleMin: 3,
  responseFlexibleMin: 3,
  request: apiVersionsRequestCodecs,
  response: apiVersionsResponseCodecs,
};
