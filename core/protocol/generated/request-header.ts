// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): RequestHeader.json.

import type { Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { type Writer } from '../writer.ts';
export interface RequestHeader {
  /** The API key of this request. (Versions 0+.) */
  requestApiKey: number;
  /** The API version of this request. (Versions 0+.) */
  requestApiVersion: number;
  /** The correlation ID of this request. (Versions 0+.) */
  correlationId: number;
  /** The client ID string. (Versions 1+; nullable 1+.) */
  clientId: string | null;
}

/** RequestHeader versions 0. */
export function encodeRequestHeaderV0(w: Writer, v: RequestHeader): void {
  w.writeInt16(v.requestApiKey);
  w.writeInt16(v.requestApiVersion);
  w.writeInt32(v.correlationId);
}

export function decodeRequestHeaderV0(r: Reader): RequestHeader {
  const f_requestApiKey_0 = r.readInt16();
  const f_requestApiVersion_0 = r.readInt16();
  const f_correlationId_0 = r.readInt32();
  return { requestApiKey: f_requestApiKey_0, requestApiVersion: f_requestApiVersion_0, correlationId: f_correlationId_0, clientId: "" };
}

const requestHeaderCodecV0: Codec<RequestHeader, RequestHeader> = { encode: encodeRequestHeaderV0, decode: decodeRequestHeaderV0 };

/** RequestHeader versions 1. */
export function encodeRequestHeaderV1(w: Writer, v: RequestHeader): void {
  w.writeInt16(v.requestApiKey);
  w.writeInt16(v.requestApiVersion);
  w.writeInt32(v.correlationId);
  w.writeNullableString(v.clientId);
}

export function decodeRequestHeaderV1(r: Reader): RequestHeader {
  const f_requestApiKey_0 = r.readInt16();
  const f_requestApiVersion_0 = r.readInt16();
  const f_correlationId_0 = r.readInt32();
  const f_clientId_0 = r.readNullableString();
  return { requestApiKey: f_requestApiKey_0, requestApiVersion: f_requestApiVersion_0, correlationId: f_correlationId_0, clientId: f_clientId_0 };
}

const requestHeaderCodecV1: Codec<RequestHeader, RequestHeader> = { encode: encodeRequestHeaderV1, decode: decodeRequestHeaderV1 };

/** RequestHeader versions 2. */
export function encodeRequestHeaderV2(w: Writer, v: RequestHeader): void {
  w.writeInt16(v.requestApiKey);
  w.writeInt16(v.requestApiVersion);
  w.writeInt32(v.correlationId);
  w.writeNullableString(v.clientId);
  w.writeUVarint(0);
}

export function decodeRequestHeaderV2(r: Reader): RequestHeader {
  const f_requestApiKey_0 = r.readInt16();
  const f_requestApiVersion_0 = r.readInt16();
  const f_correlationId_0 = r.readInt32();
  const f_clientId_0 = r.readNullableString();
  r.skipTaggedFields();
  return { requestApiKey: f_requestApiKey_0, requestApiVersion: f_requestApiVersion_0, correlationId: f_correlationId_0, clientId: f_clientId_0 };
}

const requestHeaderCodecV2: Codec<RequestHeader, RequestHeader> = { encode: encodeRequestHeaderV2, decode: decodeRequestHeaderV2 };

/** RequestHeader codecs indexed by version (0-2). */
export const requestHeaderCodecs: readonly (Codec<RequestHeader, RequestHeader> | undefined)[] = [
  requestHeaderCodecV0,
  requestHeaderCodecV1,
  requestHeaderCodecV2,
];
