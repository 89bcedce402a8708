// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): ResponseHeader.json.

import type { Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { type Writer } from '../writer.ts';
export interface ResponseHeader {
  /** The correlation ID of this response. (Versions 0+.) */
  correlationId: number;
}

/** ResponseHeader versions 0. */
export function encodeResponseHeaderV0(w: Writer, v: ResponseHeader): void {
  w.writeInt32(v.correlationId);
}

export function decodeResponseHeaderV0(r: Reader): ResponseHeader {
  const f_correlationId_0 = r.readInt32();
  return { correlationId: f_correlationId_0 };
}

const responseHeaderCodecV0: Codec<ResponseHeader, ResponseHeader> = { encode: encodeResponseHeaderV0, decode: decodeResponseHeaderV0 };

/** ResponseHeader versions 1. */
export function encodeResponseHeaderV1(w: Writer, v: ResponseHeader): void {
  w.writeInt32(v.correlationId);
  w.writeUVarint(0);
}

export function decodeResponseHeaderV1(r: Reader): ResponseHeader {
  const f_correlationId_0 = r.readInt32();
  r.skipTaggedFields();
  return { correlationId: f_correlationId_0 };
}

const responseHeaderCodecV1: Codec<ResponseHeader, ResponseHeader> = { encode: encodeResponseHeaderV1, decode: decodeResponseHeaderV1 };

/** ResponseHeader codecs indexed by version (0-1). */
export const responseHeaderCodecs: readonly (Codec<ResponseHeader, ResponseHeader> | undefined)[] = [
  responseHeaderCodecV0,
  responseHeaderCodecV1,
];
