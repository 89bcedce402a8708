// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): SaslHandshakeRequest.json, SaslHandshakeResponse.json.

import type { ApiCodecs, Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { type Writer } from '../writer.ts';
export interface SaslHandshakeRequest {
  /** The SASL mechanism chosen by the client. (Versions 0+.) */
  mechanism: string;
}

/** SaslHandshakeRequest versions 0-1. */
export function encodeSaslHandshakeRequestV0To1(w: Writer, v: SaslHandshakeRequest): void {
  w.writeString(v.mechanism);
}

export function decodeSaslHandshakeRequestV0To1(r: Reader): SaslHandshakeRequest {
  const f_mechanism_0 = r.readString();
  return { mechanism: f_mechanism_0 };
}

const saslHandshakeRequestCodecV0To1: Codec<SaslHandshakeRequest, SaslHandshakeRequest> = { encode: encodeSaslHandshakeRequestV0To1, decode: decodeSaslHandshakeRequestV0To1 };

/** SaslHandshakeRequest codecs indexed by version (0-1). */
export const saslHandshakeRequestCodecs: readonly (Codec<SaslHandshakeRequest, SaslHandshakeRequest> | undefined)[] = [
  saslHandshakeRequestCodecV0To1,
  saslHandshakeRequestCodecV0To1,
];

export interface SaslHandshakeResponse {
  /** The error code, or 0 if there was no error. (Versions 0+.) */
  errorCode: number;
  /** The mechanisms enabled in the server. (Versions 0+.) */
  mechanisms: string[];
}

/** SaslHandshakeResponse versions 0-1. */
export function encodeSaslHandshakeResponseV0To1(w: Writer, v: SaslHandshakeResponse): void {
  w.writeInt16(v.errorCode);
  {
    const arr_0 = v.mechanisms;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      w.writeString(arr_0[i_0]);
    }
  }
}

export function decodeSaslHandshakeResponseV0To1(r: Reader): SaslHandshakeResponse {
  const f_errorCode_0 = r.readInt16();
  const f_mechanisms_0_n = r.readArrayLength(2);
  const f_mechanisms_0_a: string[] = [];
  for (let i_0 = 0; i_0 < f_mechanisms_0_n; i_0++) {
    f_mechanisms_0_a.push(r.readString());
  }
  const f_mechanisms_0 = f_mechanisms_0_a;
  return { errorCode: f_errorCode_0, mechanisms: f_mechanisms_0 };
}

const saslHandshakeResponseCodecV0To1: Codec<SaslHandshakeResponse, SaslHandshakeResponse> = { encode: encodeSaslHandshakeResponseV0To1, decode: decodeSaslHandshakeResponseV0To1 };

/** SaslHandshakeResponse codecs indexed by version (0-1). */
export const saslHandshakeResponseCodecs: readonly (Codec<SaslHandshakeResponse, SaslHandshakeResponse> | undefined)[] = [
  saslHandshakeResponseCodecV0To1,
  saslHandshakeResponseCodecV0To1,
];

/** SaslHandshake (API key 17): both directions, every version of Kafka 3.8.0. */
export const saslHandshakeApi: ApiCodecs = {
  apiKey: 17,
  name: "SaslHandshake",
  minVersion: 0,
  maxVersion: 1,
  requestFlexibleMin: -1,
  responseFlexibleMin: -1,
  request: saslHandshakeRequestCodecs,
  response: saslHandshakeResponseCodecs,
};
