// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): FindCoordinatorRequest.json, FindCoordinatorResponse.json.

import type { ApiCodecs, Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { type Writer } from '../writer.ts';
export interface FindCoordinatorRequest {
  /** The coordinator key. (Versions 0-3.) */
  key: string;
  /** The coordinator key type. (Group, transaction, etc.) (Versions 1+.) */
  keyType: number;
  /** The coordinator keys. (Versions 4+.) */
  coordinatorKeys: string[];
}

/** FindCoordinatorRequest versions 0. */
export function encodeFindCoordinatorRequestV0(w: Writer, v: FindCoordinatorRequest): void {
  w.writeString(v.key);
}

export function decodeFindCoordinatorRequestV0(r: Reader): FindCoordinatorRequest {
  const f_key_0 = r.readString();
  return { key: f_key_0, keyType: 0, coordinatorKeys: [] };
}

const findCoordinatorRequestCodecV0: Codec<FindCoordinatorRequest, FindCoordinatorRequest> = { encode: encodeFindCoordinatorRequestV0, decode: decodeFindCoordinatorRequestV0 };

/** FindCoordinatorRequest versions 1-2. */
export function encodeFindCoordinatorRequestV1To2(w: Writer, v: FindCoordinatorRequest): void {
  w.writeString(v.key);
  w.writeInt8(v.keyType);
}

export function decodeFindCoordinatorRequestV1To2(r: Reader): FindCoordinatorRequest {
  const f_key_0 = r.readString();
  const f_keyType_0 = r.readInt8();
  return { key: f_key_0, keyType: f_keyType_0, coordinatorKeys: [] };
}

const findCoordinatorRequestCodecV1To2: Codec<FindCoordinatorRequest, FindCoordinatorRequest> = { encode: encodeFindCoordinatorRequestV1To2, decode: decodeFindCoordinatorRequestV1To2 };

/** FindCoordinatorRequest versions 3. */
export function encodeFindCoordinatorRequestV3(w: Writer, v: FindCoordinatorRequest): void {
  w.writeCompactString(v.key);
  w.writeInt8(v.keyType);
  w.writeUVarint(0);
}

export function decodeFindCoordinatorRequestV3(r: Reader): FindCoordinatorRequest {
  const f_key_0 = r.readCompactString();
  const f_keyType_0 = r.readInt8();
  r.skipTaggedFields();
  return { key: f_key_0, keyType: f_keyType_0, coordinatorKeys: [] };
}

const findCoordinatorRequestCodecV3: Codec<FindCoordinatorRequest, FindCoordinatorRequest> = { encode: encodeFindCoordinatorRequestV3, decode: decodeFindCoordinatorRequestV3 };

/** FindCoordinatorRequest versions 4-5. */
export function encodeFindCoordinatorRequestV4To5(w: Writer, v: FindCoordinatorRequest): void {
  w.writeInt8(v.keyType);
  {
    const arr_0 = v.coordinatorKeys;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      w.writeCompactString(arr_0[i_0]);
    }
  }
  w.writeUVarint(0);
}

export function decodeFindCoordinatorRequestV4To5(r: Reader): FindCoordinatorRequest {
  const f_keyType_0 = r.readInt8();
  const f_coordinatorKeys_0_n = r.readCompactArrayLength(1);
  const f_coordinatorKeys_0_a: string[] = [];
  for (let i_0 = 0; i_0 < f_coordinatorKeys_0_n; i_0++) {
    f_coordinatorKeys_0_a.push(r.readCompactString());
  }
  const f_coordinatorKeys_0 = f_coordinatorKeys_0_a;
  r.skipTaggedFields();
  return { key: "", keyType: f_keyType_0, coordinatorKeys: f_coordinatorKeys_0 };
}

const findCoordinatorRequestCodecV4To5: Codec<FindCoordinatorRequest, FindCoordinatorRequest> = { encode: encodeFindCoordinatorRequestV4To5, decode: decodeFindCoordinatorRequestV4To5 };

/** FindCoordinatorRequest codecs indexed by version (0-5). */
export const findCoordinatorRequestCodecs: readonly (Codec<FindCoordinatorRequest, FindCoordinatorRequest> | undefined)[] = [
  findCoordinatorRequestCodecV0,
  findCoordinatorRequestCodecV1To2,
  findCoordinatorRequestCodecV1To2,
  findCoordinatorRequestCodecV3,
  findCoordinatorRequestCodecV4To5,
  findCoordinatorRequestCodecV4To5,
];

export interface FindCoordinatorResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (Versions 1+.) */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error. (Versions 0-3.) */
  errorCode: number;
  /** The error message, or null if there was no error. (Versions 1-3; nullable 1-3.) */
  errorMessage: string | null;
  /** The node id. (Versions 0-3.) */
  nodeId: number;
  /** The host name. (Versions 0-3.) */
  host: string;
  /** The port. (Versions 0-3.) */
  port: number;
  /** Each coordinator result in the response (Versions 4+.) */
  coordinators: FindCoordinatorResponseCoordinator[];
}

export interface FindCoordinatorResponseCoordinator {
  /** The coordinator key. (Versions 4+.) */
  key: string;
  /** The node id. (Versions 4+.) */
  nodeId: number;
  /** The host name. (Versions 4+.) */
  host: string;
  /** The port. (Versions 4+.) */
  port: number;
  /** The error code, or 0 if there was no error. (Versions 4+.) */
  errorCode: number;
  /** The error message, or null if there was no error. (Versions 4+; nullable 4+.) */
  errorMessage: string | null;
}

/** FindCoordinatorResponse versions 0. */
export function encodeFindCoordinatorResponseV0(w: Writer, v: FindCoordinatorResponse): void {
  w.writeInt16(v.errorCode);
  w.writeInt32(v.nodeId);
  w.writeString(v.host);
  w.writeInt32(v.port);
}

export function decodeFindCoordinatorResponseV0(r: Reader): FindCoordinatorResponse {
  const f_errorCode_0 = r.readInt16();
  const f_nodeId_0 = r.readInt32();
  const f_host_0 = r.readString();
  const f_port_0 = r.readInt32();
  return { throttleTimeMs: 0, errorCode: f_errorCode_0, errorMessage: "", nodeId: f_nodeId_0, host: f_host_0, port: f_port_0, coordinators: [] };
}

const findCoordinatorResponseCodecV0: Codec<FindCoordinatorResponse, FindCoordinatorResponse> = { encode: encodeFindCoordinatorResponseV0, decode: decodeFindCoordinatorResponseV0 };

/** FindCoordinatorResponse versions 1-2. */
export function encodeFindCoordinatorResponseV1To2(w: Writer, v: FindCoordinatorResponse): void {
  w.writeInt32(v.throttleTimeMs);
  w.writeInt16(v.errorCode);
  w.writeNullableString(v.errorMessage);
  w.writeInt32(v.nodeId);
  w.writeString(v.host);
  w.writeInt32(v.port);
}

export function decodeFindCoordinatorResponseV1To2(r: Reader): FindCoordinatorResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_errorCode_0 = r.readInt16();
  const f_errorMessage_0 = r.readNullableString();
  const f_nodeId_0 = r.readInt32();
  const f_host_0 = r.readString();
  const f_port_0 = r.readInt32();
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: f_errorCode_0, errorMessage: f_errorMessage_0, nodeId: f_nodeId_0, host: f_host_0, port: f_port_0, coordinators: [] };
}

const findCoordinatorResponseCodecV1To2: Codec<FindCoordinatorResponse, FindCoordinatorResponse> = { encode: encodeFindCoordinatorResponseV1To2, decode: decodeFindCoordinatorResponseV1To2 };

/** FindCoordinatorResponse versions 3. */
export function encodeFindCoordinatorResponseV3(w: Writer, v: FindCoordinatorResponse): void {
  w.writeInt32(v.throttleTimeMs);
  w.writeInt16(v.errorCode);
  w.writeCompactNullableString(v.errorMessage);
  w.writeInt32(v.nodeId);
  w.writeCompactString(v.host);
  w.writeInt32(v.port);
  w.writeUVarint(0);
}

export function decodeFindCoordinatorResponseV3(r: Reader): FindCoordinatorResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_errorCode_0 = r.readInt16();
  const f_errorMessage_0 = r.readCompactNullableString();
  const f_nodeId_0 = r.readInt32();
  const f_host_0 = r.readCompactString();
  const f_port_0 = r.readInt32();
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: f_errorCode_0, errorMessage: f_errorMessage_0, nodeId: f_nodeId_0, host: f_host_0, port: f_port_0, coordinators: [] };
}

const findCoordinatorResponseCodecV3: Codec<FindCoordinatorResponse, FindCoordinatorResponse> = { encode: encodeFindCoordinatorResponseV3, decode: decodeFindCoordinatorResponseV3 };

/** FindCoordinatorResponse versions 4-5. */
export function encodeFindCoordinatorResponseV4To5(w: Writer, v: FindCoordinatorResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.coordinators;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.key);
      w.writeInt32(el_0.nodeId);
      w.writeCompactString(el_0.host);
      w.writeInt32(el_0.port);
      w.writeInt16(el_0.errorCode);
      w.writeCompactNullableString(el_0.errorMessage);
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeFindCoordinatorResponseV4To5(r: Reader): FindCoordinatorResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_coordinators_0_n = r.readCompactArrayLength(14);
  const f_coordinators_0_a: FindCoordinatorResponseCoordinator[] = [];
  for (let i_0 = 0; i_0 < f_coordinators_0_n; i_0++) {
    const f_key_1 = r.readCompactString();
    const f_nodeId_1 = r.readInt32();
    const f_host_1 = r.readCompactString();
    const f_port_1 = r.readInt32();
    const f_errorCode_1 = r.readInt16();
    const f_errorMessage_1 = r.readCompactNullableString();
    r.skipTaggedFields();
    f_coordinators_0_a.push({ key: f_key_1, nodeId: f_nodeId_1, host: f_host_1, port: f_port_1, errorCode: f_errorCode_1, errorMessage: f_errorMessage_1 });
  }
  const f_coordinators_0 = f_coordinators_0_a;
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: 0, errorMessage: "", nodeId: 0, host: "", port: 0, coordinators: f_coordinators_0 };
}

const findCoordinatorResponseCodecV4To5: Codec<FindCoordinatorResponse, FindCoordinatorResponse> = { encode: encodeFindCoordinatorResponseV4To5, decode: decodeFindCoordinatorResponseV4To5 };

/** FindCoordinatorResponse codecs indexed by version (0-5). */
export const findCoordinatorResponseCodecs: readonly (Codec<FindCoordinatorResponse, FindCoordinatorResponse> | undefined)[] = [
  findCoordinatorResponseCodecV0,
  findCoordinatorResponseCodecV1To2,
  findCoordinatorResponseCodecV1To2,
  findCoordinatorResponseCodecV3,
  findCoordinatorResponseCodecV4To5,
  findCoordinatorResponseCodecV4To5,
];

/** FindCoordinator (API key 10): both directions, every version of Kafka 3.8.0. */
export const findCoordinatorApi: ApiCodecs = {
  apiKey: 10,
  name: "FindCoordinator",
  minVersion: 0,
  maxVersion: 5,
  requestFlexibleMin: 3,
  responseFlexibleMin: 3,
  request: findCoordinatorRequestCodecs,
  response: findCoordinatorResponseCodecs,
};
