// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): DeleteTopicsRequest.json, DeleteTopicsResponse.json.

import type { ApiCodecs, Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { nullField, type Writer } from '../writer.ts';
export interface DeleteTopicsRequest {
  /** The name or topic ID of the topic (Versions 6+.) */
  topics: DeleteTopicsRequestDeleteTopicState[];
  /** The names of the topics to delete (Versions 0-5.) */
  topicNames: string[];
  /** The length of time in milliseconds to wait for the deletions to complete. (Versions 0+.) */
  timeoutMs: number;
}

export interface DeleteTopicsRequestDeleteTopicState {
  /** The topic name (Versions 6+; nullable 6+.) */
  name: string | null;
  /** The unique topic ID (Versions 6+.) */
  topicId: string;
}

/** DeleteTopicsRequest versions 0-3. */
export function encodeDeleteTopicsRequestV0To3(w: Writer, v: DeleteTopicsRequest): void {
  {
    const arr_0 = v.topicNames;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      w.writeString(arr_0[i_0]);
    }
  }
  w.writeInt32(v.timeoutMs);
}

export function decodeDeleteTopicsRequestV0To3(r: Reader): DeleteTopicsRequest {
  const f_topicNames_0_n = r.readArrayLength(2);
  const f_topicNames_0_a: string[] = [];
  for (let i_0 = 0; i_0 < f_topicNames_0_n; i_0++) {
    f_topicNames_0_a.push(r.readString());
  }
  const f_topicNames_0 = f_topicNames_0_a;
  const f_timeoutMs_0 = r.readInt32();
  return { topics: [], topicNames: f_topicNames_0, timeoutMs: f_timeoutMs_0 };
}

const deleteTopicsRequestCodecV0To3: Codec<DeleteTopicsRequest, DeleteTopicsRequest> = { encode: encodeDeleteTopicsRequestV0To3, decode: decodeDeleteTopicsRequestV0To3 };

/** DeleteTopicsRequest versions 4-5. */
export function encodeDeleteTopicsRequestV4To5(w: Writer, v: DeleteTopicsRequest): void {
  {
    const arr_0 = v.topicNames;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      w.writeCompactString(arr_0[i_0]);
    }
  }
  w.writeInt32(v.timeoutMs);
  w.writeUVarint(0);
}

export function decodeDeleteTopicsRequestV4To5(r: Reader): DeleteTopicsRequest {
  const f_topicNames_0_n = r.readCompactArrayLength(1);
  const f_topicNames_0_a: string[] = [];
  for (let i_0 = 0; i_0 < f_topicNames_0_n; i_0++) {
    f_topicNames_0_a.push(r.readCompactString());
  }
  const f_topicNames_0 = f_topicNames_0_a;
  const f_timeoutMs_0 = r.readInt32();
  r.skipTaggedFields();
  return { topics: [], topicNames: f_topicNames_0, timeoutMs: f_timeoutMs_0 };
}

const deleteTopicsRequestCodecV4To5: Codec<DeleteTopicsRequest, DeleteTopicsRequest> = { encode: encodeDeleteTopicsRequestV4To5, decode: decodeDeleteTopicsRequestV4To5 };

/** DeleteTopicsRequest versions 6. */
export function encodeDeleteTopicsRequestV6(w: Writer, v: DeleteTopicsRequest): void {
  {
    const arr_0 = v.topics;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactNullableString(el_0.name);
      w.writeUuid(el_0.topicId);
      w.writeUVarint(0);
    }
  }
  w.writeInt32(v.timeoutMs);
  w.writeUVarint(0);
}

export function decodeDeleteTopicsRequestV6(r: Reader): DeleteTopicsRequest {
  const f_topics_0_n = r.readCompactArrayLength(18);
  const f_topics_0_a: DeleteTopicsRequestDeleteTopicState[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readCompactNullableString();
    const f_topicId_1 = r.readUuid();
    r.skipTaggedFields();
    f_topics_0_a.push({ name: f_name_1, topicId: f_topicId_1 });
  }
  const f_topics_0 = f_topics_0_a;
  const f_timeoutMs_0 = r.readInt32();
  r.skipTaggedFields();
  return { topics: f_topics_0, topicNames: [], timeoutMs: f_timeoutMs_0 };
}

const deleteTopicsRequestCodecV6: Codec<DeleteTopicsRequest, DeleteTopicsRequest> = { encode: encodeDeleteTopicsRequestV6, decode: decodeDeleteTopicsRequestV6 };

/** DeleteTopicsRequest codecs indexed by version (0-6). */
export const deleteTopicsRequestCodecs: readonly (Codec<DeleteTopicsRequest, DeleteTopicsRequest> | undefined)[] = [
  deleteTopicsRequestCodecV0To3,
  deleteTopicsRequestCodecV0To3,
  deleteTopicsRequestCodecV0To3,
  deleteTopicsRequestCodecV0To3,
  deleteTopicsRequestCodecV4To5,
  deleteTopicsRequestCodecV4To5,
  deleteTopicsRequestCodecV6,
];

export interface DeleteTopicsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (Versions 1+.) */
  throttleTimeMs: number;
  /** The results for each topic we tried to delete. (Versions 0+.) */
  responses: DeleteTopicsResponseDeletableTopicResult[];
}

export interface DeleteTopicsResponseDeletableTopicResult {
  /** The topic name (Versions 0+; nullable 6+.) */
  name: string | null;
  /** the unique topic ID (Versions 6+.) */
  topicId: string;
  /** The deletion error, or 0 if the deletion succeeded. (Versions 0+.) */
  errorCode: number;
  /** The error message, or null if there was no error. (Versions 5+; nullable 5+.) */
  errorMessage: string | null;
}

/** DeleteTopicsResponse versions 0. */
export function encodeDeleteTopicsResponseV0(w: Writer, v: DeleteTopicsResponse): void {
  {
    const arr_0 = v.responses;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString((el_0.name ?? nullField("DeleteTopicsResponse.Name")));
      w.writeInt16(el_0.errorCode);
    }
  }
}

export function decodeDeleteTopicsResponseV0(r: Reader): DeleteTopicsResponse {
  const f_responses_0_n = r.readArrayLength(4);
  const f_responses_0_a: DeleteTopicsResponseDeletableTopicResult[] = [];
  for (let i_0 = 0; i_0 < f_responses_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_errorCode_1 = r.readInt16();
    f_responses_0_a.push({ name: f_name_1, topicId: "00000000-0000-0000-0000-000000000000", errorCode: f_errorCode_1, errorMessage: null });
  }
  const f_responses_0 = f_responses_0_a;
  return { throttleTimeMs: 0, responses: f_responses_0 };
}

const deleteTopicsResponseCodecV0: Codec<DeleteTopicsResponse, DeleteTopicsResponse> = { encode: encodeDeleteTopicsResponseV0, decode: decodeDeleteTopicsResponseV0 };

/** DeleteTopicsResponse versions 1-3. */
export function encodeDeleteTopicsResponseV1To3(w: Writer, v: DeleteTopicsResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.responses;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString((el_0.name ?? nullField("DeleteTopicsResponse.Name")));
      w.writeInt16(el_0.errorCode);
    }
  }
}

export function decodeDeleteTopicsResponseV1To3(r: Reader): DeleteTopicsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_responses_0_n = r.readArrayLength(4);
  const f_responses_0_a: DeleteTopicsResponseDeletableTopicResult[] = [];
  for (let i_0 = 0; i_0 < f_responses_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_errorCode_1 = r.readInt16();
    f_responses_0_a.push({ name: f_name_1, topicId: "00000000-0000-0000-0000-000000000000", errorCode: f_errorCode_1, errorMessage: null });
  }
  const f_responses_0 = f_responses_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, responses: f_responses_0 };
}

const deleteTopicsResponseCodecV1To3: Codec<DeleteTopicsResponse, DeleteTopicsResponse> = { encode: encodeDeleteTopicsResponseV1To3, decode: decodeDeleteTopicsResponseV1To3 };

/** DeleteTopicsResponse versions 4. */
export function encodeDeleteTopicsResponseV4(w: Writer, v: DeleteTopicsResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.responses;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString((el_0.name ?? nullField("DeleteTopicsResponse.Name")));
      w.writeInt16(el_0.errorCode);
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeDeleteTopicsResponseV4(r: Reader): DeleteTopicsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_responses_0_n = r.readCompactArrayLength(4);
  const f_responses_0_a: DeleteTopicsResponseDeletableTopicResult[] = [];
  for (let i_0 = 0; i_0 < f_responses_0_n; i_0++) {
    const f_name_1 = r.readCompactString();
    const f_errorCode_1 = r.readInt16();
    r.skipTaggedFields();
    f_responses_0_a.push({ name: f_name_1, topicId: "00000000-0000-0000-0000-000000000000", errorCode: f_errorCode_1, errorMessage: null });
  }
  const f_responses_0 = f_responses_0_a;
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, responses: f_responses_0 };
}

const deleteTopicsResponseCodecV4: Codec<DeleteTopicsResponse, DeleteTopicsResponse> = { encode: encodeDeleteTopicsResponseV4, decode: decodeDeleteTopicsResponseV4 };

/** DeleteTopicsResponse versions 5. */
export function encodeDeleteTopicsResponseV5(w: Writer, v: DeleteTopicsResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.responses;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString((el_0.name ?? nullField("DeleteTopicsResponse.Name")));
      w.writeInt16(el_0.errorCode);
      w.writeCompactNullableString(el_0.errorMessage);
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeDeleteTopicsResponseV5(r: Reader): DeleteTopicsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_responses_0_n = r.readCompactArrayLength(5);
  const f_responses_0_a: DeleteTopicsResponseDeletableTopicResult[] = [];
  for (let i_0 = 0; i_0 < f_responses_0_n; i_0++) {
    const f_name_1 = r.readCompactString();
    const f_errorCode_1 = r.readInt16();
    const f_errorMessage_1 = r.readCompactNullableString();
    r.skipTaggedFields();
    f_responses_0_a.push({ name: f_name_1, topicId: "00000000-0000-0000-0000-000000000000", errorCode: f_errorCode_1, errorMessage: f_errorMessage_1 });
  }
  const f_responses_0 = f_responses_0_a;
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, responses: f_responses_0 };
}

const deleteTopicsResponseCodecV5: Codec<DeleteTopicsResponse, DeleteTopicsResponse> = { encode: encodeDeleteTopicsResponseV5, decode: decodeDeleteTopicsResponseV5 };

/** DeleteTopicsResponse versions 6. */
export function encodeDeleteTopicsResponseV6(w: Writer, v: DeleteTopicsResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.responses;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactNullableString(el_0.name);
      w.writeUuid(el_0.topicId);
      w.writeInt16(el_0.errorCode);
      w.writeCompactNullableString(el_0.errorMessage);
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeDeleteTopicsResponseV6(r: Reader): DeleteTopicsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_responses_0_n = r.readCompactArrayLength(21);
  const f_responses_0_a: DeleteTopicsResponseDeletableTopicResult[] = [];
  for (let i_0 = 0; i_0 < f_responses_0_n; i_0++) {
    const f_name_1 = r.readCompactNullableString();
    const f_topicId_1 = r.readUuid();
    const f_errorCode_1 = r.readInt16();
    const f_errorMessage_1 = r.readCompactNullableString();
    r.skipTaggedFields();
    f_responses_0_a.push({ name: f_name_1, topicId: f_topicId_1, errorCode: f_errorCode_1, errorMessage: f_errorMessage_1 });
  }
  const f_responses_0 = f_responses_0_a;
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, responses: f_responses_0 };
}

const deleteTopicsResponseCodecV6: Codec<DeleteTopicsResponse, DeleteTopicsResponse> = { encode: encodeDeleteTopicsResponseV6, decode: decodeDeleteTopicsResponseV6 };

/** DeleteTopicsResponse codecs indexed by version (0-6). */
export const deleteTopicsResponseCodecs: readonly (Codec<DeleteTopicsResponse, DeleteTopicsResponse> | undefined)[] = [
  deleteTopicsResponseCodecV0,
  deleteTopicsResponseCodecV1To3,
  deleteTopicsResponseCodecV1To3,
  deleteTopicsResponseCodecV1To3,
  deleteTopicsResponseCodecV4,
  deleteTopicsResponseCodecV5,
  deleteTopicsResponseCodecV6,
];

/** DeleteTopics (API key 20): both directions, every version of Kafka 3.8.0. */
export const deleteTopicsApi: ApiCodecs = {
  apiKey: 20,
  name: "DeleteTopics",
  minVersion: 0,
  maxVersion: 6,
  requestFlexibleMin: 4,
  responseFlexibleMin: 4,
  request: deleteTopicsRequestCodecs,
  response: deleteTopicsResponseCodecs,
};
