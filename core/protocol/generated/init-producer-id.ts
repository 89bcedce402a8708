// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): InitProducerIdRequest.json, InitProducerIdResponse.json.

import type { ApiCodecs, Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { type Writer } from '../writer.ts';
export interface InitProducerIdRequest {
  /** The transactional id, or null if the producer is not transactional. (Versions 0+; nullable 0+.) */
  transactionalId: string | null;
  /** The time in ms to wait before aborting idle transactions sent by this producer. This is only relevant if a TransactionalId has been defined. (Versions 0+.) */
  transactionTimeoutMs: number;
  /** The producer id. This is used to disambiguate requests if a transactional id is reused following its expiration. (Versions 3+.) */
  producerId: number;
  /** The producer's current epoch. This will be checked against the producer epoch on the broker, and the request will return an error if they do not match. (Versions 3+.) */
  producerEpoch: number;
}

/** InitProducerIdRequest versions 0-1. */
export function encodeInitProducerIdRequestV0To1(w: Writer, v: InitProducerIdRequest): void {
  w.writeNullableString(v.transactionalId);
  w.writeInt32(v.transactionTimeoutMs);
}

export function decodeInitProducerIdRequestV0To1(r: Reader): InitProducerIdRequest {
  const f_transactionalId_0 = r.readNullableString();
  const f_transactionTimeoutMs_0 = r.readInt32();
  return { transactionalId: f_transactionalId_0, transactionTimeoutMs: f_transactionTimeoutMs_0, producerId: -1, producerEpoch: -1 };
}

const initProducerIdRequestCodecV0To1: Codec<InitProducerIdRequest, InitProducerIdRequest> = { encode: encodeInitProducerIdRequestV0To1, decode: decodeInitProducerIdRequestV0To1 };

/** InitProducerIdRequest versions 2. */
export function encodeInitProducerIdRequestV2(w: Writer, v: InitProducerIdRequest): void {
  w.writeCompactNullableString(v.transactionalId);
  w.writeInt32(v.transactionTimeoutMs);
  w.writeUVarint(0);
}

export function decodeInitProducerIdRequestV2(r: Reader): InitProducerIdRequest {
  const f_transactionalId_0 = r.readCompactNullableString();
  const f_transactionTimeoutMs_0 = r.readInt32();
  r.skipTaggedFields();
  return { transactionalId: f_transactionalId_0, transactionTimeoutMs: f_transactionTimeoutMs_0, producerId: -1, producerEpoch: -1 };
}

const initProducerIdRequestCodecV2: Codec<InitProducerIdRequest, InitProducerIdRequest> = { encode: encodeInitProducerIdRequestV2, decode: decodeInitProducerIdRequestV2 };

/** InitProducerIdRequest versions 3-5. */
export function encodeInitProducerIdRequestV3To5(w: Writer, v: InitProducerIdRequest): void {
  w.writeCompactNullableString(v.transactionalId);
  w.writeInt32(v.transactionTimeoutMs);
  w.writeInt64(v.producerId);
  w.writeInt16(v.producerEpoch);
  w.writeUVarint(0);
}

export function decodeInitProducerIdRequestV3To5(r: Reader): InitProducerIdRequest {
  const f_transactionalId_0 = r.readCompactNullableString();
  const f_transactionTimeoutMs_0 = r.readInt32();
  const f_producerId_0 = r.readInt64();
  const f_producerEpoch_0 = r.readInt16();
  r.skipTaggedFields();
  return { transactionalId: f_transactionalId_0, transactionTimeoutMs: f_transactionTimeoutMs_0, producerId: f_producerId_0, producerEpoch: f_producerEpoch_0 };
}

const initProducerIdRequestCodecV3To5: Codec<InitProducerIdRequest, InitProducerIdRequest> = { encode: encodeInitProducerIdRequestV3To5, decode: decodeInitProducerIdRequestV3To5 };

/** InitProducerIdRequest codecs indexed by version (0-5). */
export const initProducerIdRequestCodecs: readonly (Codec<InitProducerIdRequest, InitProducerIdRequest> | undefined)[] = [
  initProducerIdRequestCodecV0To1,
  initProducerIdRequestCodecV0To1,
  initProducerIdRequestCodecV2,
  initProducerIdRequestCodecV3To5,
  initProducerIdRequestCodecV3To5,
  initProducerIdRequestCodecV3To5,
];

export interface InitProducerIdResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (Versions 0+.) */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error. (Versions 0+.) */
  errorCode: number;
  /** The current producer id. (Versions 0+.) */
  producerId: number;
  /** The current epoch associated with the producer id. (Versions 0+.) */
  producerEpoch: number;
}

/** InitProducerIdResponse versions 0-1. */
export function encodeInitProducerIdResponseV0To1(w: Writer, v: InitProducerIdResponse): void {
  w.writeInt32(v.throttleTimeMs);
  w.writeInt16(v.errorCode);
  w.writeInt64(v.producerId);
  w.writeInt16(v.producerEpoch);
}

export function decodeInitProducerIdResponseV0To1(r: Reader): InitProducerIdResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_errorCode_0 = r.readInt16();
  const f_producerId_0 = r.readInt64();
  const f_producerEpoch_0 = r.readInt16();
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: f_errorCode_0, producerId: f_producerId_0, producerEpoch: f_producerEpoch_0 };
}

const initProducerIdResponseCodecV0To1: Codec<InitProducerIdResponse, InitProducerIdResponse> = { encode: encodeInitProducerIdResponseV0To1, decode: decodeInitProducerIdResponseV0To1 };

/** InitProducerIdResponse versions 2-5. */
export function encodeInitProducerIdResponseV2To5(w: Writer, v: InitProducerIdResponse): void {
  w.writeInt32(v.throttleTimeMs);
  w.writeInt16(v.errorCode);
  w.writeInt64(v.producerId);
  w.writeInt16(v.producerEpoch);
  w.writeUVarint(0);
}

export function decodeInitProducerIdResponseV2To5(r: Reader): InitProducerIdResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_errorCode_0 = r.readInt16();
  const f_producerId_0 = r.readInt64();
  const f_producerEpoch_0 = r.readInt16();
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: f_errorCode_0, producerId: f_producerId_0, producerEpoch: f_producerEpoch_0 };
}

const initProducerIdResponseCodecV2To5: Codec<InitProducerIdResponse, InitProducerIdResponse> = { encode: encodeInitProducerIdResponseV2To5, decode: decodeInitProducerIdResponseV2To5 };

/** InitProducerIdResponse codecs indexed by version (0-5). */
export const initProducerIdResponseCodecs: readonly (Codec<InitProducerIdResponse, InitProducerIdResponse> | undefined)[] = [
  initProducerIdResponseCodecV0To1,
  initProducerIdResponseCodecV0To1,
  initProducerIdResponseCodecV2To5,
  initProducerIdResponseCodecV2To5,
  initProducerIdResponseCodecV2To5,
  initProducerIdResponseCodecV2To5,
];

/** InitProducerId (API key 22): both directions, every version of Kafka 3.8.0. */
export const initProducerIdApi: ApiCodecs = {
  apiKey: 22,
  name: "InitProducerId",
  minVersion: 0,
  maxVersion: 5,
  requestFlexibleMin: 2,
  responseFlexibleMin: 2,
  request: initProducerIdRequestCodecs,
  response: initProducerIdResponseCodecs,
};
