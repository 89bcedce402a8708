// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): HeartbeatRequest.json, HeartbeatResponse.json.

import type { ApiCodecs, Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { type Writer } from '../writer.ts';
export interface HeartbeatRequest {
  /** The group id. (Versions 0+.) */
  groupId: string;
  /** The generation of the group. (Versions 0+.) */
  generationId: number;
  /** The member ID. (Versions 0+.) */
  memberId: string;
  /** The unique identifier of the consumer instance provided by end user. (Versions 3+; nullable 3+.) */
  groupInstanceId: string | null;
}

/** HeartbeatRequest versions 0-2. */
export function encodeHeartbeatRequestV0To2(w: Writer, v: HeartbeatRequest): void {
  w.writeString(v.groupId);
  w.writeInt32(v.generationId);
  w.writeString(v.memberId);
}

export function decodeHeartbeatRequestV0To2(r: Reader): HeartbeatRequest {
  const f_groupId_0 = r.readString();
  const f_generationId_0 = r.readInt32();
  const f_memberId_0 = r.readString();
  return { groupId: f_groupId_0, generationId: f_generationId_0, memberId: f_memberId_0, groupInstanceId: null };
}

const heartbeatRequestCodecV0To2: Codec<HeartbeatRequest, HeartbeatRequest> = { encode: encodeHeartbeatRequestV0To2, decode: decodeHeartbeatRequestV0To2 };

/** HeartbeatRequest versions 3. */
export function encodeHeartbeatRequestV3(w: Writer, v: HeartbeatRequest): void {
  w.writeString(v.groupId);
  w.writeInt32(v.generationId);
  w.writeString(v.memberId);
  w.writeNullableString(v.groupInstanceId);
}

export function decodeHeartbeatRequestV3(r: Reader): HeartbeatRequest {
  const f_groupId_0 = r.readString();
  const f_generationId_0 = r.readInt32();
  const f_memberId_0 = r.readString();
  const f_groupInstanceId_0 = r.readNullableString();
  return { groupId: f_groupId_0, generationId: f_generationId_0, memberId: f_memberId_0, groupInstanceId: f_groupInstanceId_0 };
}

const heartbeatRequestCodecV3: Codec<HeartbeatRequest, HeartbeatRequest> = { encode: encodeHeartbeatRequestV3, decode: decodeHeartbeatRequestV3 };

/** HeartbeatRequest versions 4. */
export function encodeHeartbeatRequestV4(w: Writer, v: HeartbeatRequest): void {
  w.writeCompactString(v.groupId);
  w.writeInt32(v.generationId);
  w.writeCompactString(v.memberId);
  w.writeCompactNullableString(v.groupInstanceId);
  w.writeUVarint(0);
}

export function decodeHeartbeatRequestV4(r: Reader): HeartbeatRequest {
  const f_groupId_0 = r.readCompactString();
  const f_generationId_0 = r.readInt32();
  const f_memberId_0 = r.readCompactString();
  const f_groupInstanceId_0 = r.readCompactNullableString();
  r.skipTaggedFields();
  return { groupId: f_groupId_0, generationId: f_generationId_0, memberId: f_memberId_0, groupInstanceId: f_groupInstanceId_0 };
}

const heartbeatRequestCodecV4: Codec<HeartbeatRequest, HeartbeatRequest> = { encode: encodeHeartbeatRequestV4, decode: decodeHeartbeatRequestV4 };

/** HeartbeatRequest codecs indexed by version (0-4). */
export const heartbeatRequestCodecs: readonly (Codec<HeartbeatRequest, HeartbeatRequest> | undefined)[] = [
  heartbeatRequestCodecV0To2,
  heartbeatRequestCodecV0To2,
  heartbeatRequestCodecV0To2,
  heartbeatRequestCodecV3,
  heartbeatRequestCodecV4,
];

export interface HeartbeatResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (Versions 1+.) */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error. (Versions 0+.) */
  errorCode: number;
}

/** HeartbeatResponse versions 0. */
export function encodeHeartbeatResponseV0(w: Writer, v: HeartbeatResponse): void {
  w.writeInt16(v.errorCode);
}

export function decodeHeartbeatResponseV0(r: Reader): HeartbeatResponse {
  const f_errorCode_0 = r.readInt16();
  return { throttleTimeMs: 0, errorCode: f_errorCode_0 };
}

const heartbeatResponseCodecV0: Codec<HeartbeatResponse, HeartbeatResponse> = { encode: encodeHeartbeatResponseV0, decode: decodeHeartbeatResponseV0 };

/** HeartbeatResponse versions 1-3. */
export function encodeHeartbeatResponseV1To3(w: Writer, v: HeartbeatResponse): void {
  w.writeInt32(v.throttleTimeMs);
  w.writeInt16(v.errorCode);
}

export function decodeHeartbeatResponseV1To3(r: Reader): HeartbeatResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_errorCode_0 = r.readInt16();
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: f_errorCode_0 };
}

const heartbeatResponseCodecV1To3: Codec<HeartbeatResponse, HeartbeatResponse> = { encode: encodeHeartbeatResponseV1To3, decode: decodeHeartbeatResponseV1To3 };

/** HeartbeatResponse versions 4. */
export function encodeHeartbeatResponseV4(w: Writer, v: HeartbeatResponse): void {
  w.writeInt32(v.throttleTimeMs);
  w.writeInt16(v.errorCode);
  w.writeUVarint(0);
}

export function decodeHeartbeatResponseV4(r: Reader): HeartbeatResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_errorCode_0 = r.readInt16();
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: f_errorCode_0 };
}

const heartbeatResponseCodecV4: Codec<HeartbeatResponse, HeartbeatResponse> = { encode: encodeHeartbeatResponseV4, decode: decodeHeartbeatResponseV4 };

/** HeartbeatResponse codecs indexed by version (0-4). */
export const heartbeatResponseCodecs: readonly (Codec<HeartbeatResponse, HeartbeatResponse> | undefined)[] = [
  heartbeatResponseCodecV0,
  heartbeatResponseCodecV1To3,
  heartbeatResponseCodecV1To3,
  heartbeatResponseCodecV1To3,
  heartbeatResponseCodecV4,
];

/** Heartbeat (API key 12): both directions, every version of Kafka 3.8.0. */
export const heartbeatApi: ApiCodecs = {
  apiKey: 12,
  name: "Heartbeat",
  minVersion: 0,
  maxVersion: 4,
  requestFlexibleMin: 4,
  responseFlexibleMin: 4,
  request: heartbeatRequestCodecs,
  response: heartbeatResponseCodecs,
};
