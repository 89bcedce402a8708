// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): CreatePartitionsRequest.json, CreatePartitionsResponse.json.

import type { ApiCodecs, Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { type Writer } from '../writer.ts';
export interface CreatePartitionsRequest {
  /** Each topic that we want to create new partitions inside. (Versions 0+.) */
  topics: CreatePartitionsRequestCreatePartitionsTopic[];
  /** The time in ms to wait for the partitions to be created. (Versions 0+.) */
  timeoutMs: number;
  /** If true, then validate the request, but don't actually increase the number of partitions. (Versions 0+.) */
  validateOnly: boolean;
}

export interface CreatePartitionsRequestCreatePartitionsTopic {
  /** The topic name. (Versions 0+.) */
  name: string;
  /** The new partition count. (Versions 0+.) */
  count: number;
  /** The new partition assignments. (Versions 0+; nullable 0+.) */
  assignments: CreatePartitionsRequestCreatePartitionsAssignment[] | null;
}

export interface CreatePartitionsRequestCreatePartitionsAssignment {
  /** The assigned broker IDs. (Versions 0+.) */
  brokerIds: number[];
}

/** CreatePartitionsRequest versions 0-1. */
export function encodeCreatePartitionsRequestV0To1(w: Writer, v: CreatePartitionsRequest): void {
  {
    const arr_0 = v.topics;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.name);
      w.writeInt32(el_0.count);
      {
        const arr_1 = el_0.assignments;
        if (arr_1 === null) {
          w.writeArrayLength(-1);
        } else {
          w.writeArrayLength(arr_1.length);
          for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
            const el_1 = arr_1[i_1];
            {
              const arr_2 = el_1.brokerIds;
              w.writeArrayLength(arr_2.length);
              for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
                w.writeInt32(arr_2[i_2]);
              }
            }
          }
        }
      }
    }
  }
  w.writeInt32(v.timeoutMs);
  w.writeBool(v.validateOnly);
}

export function decodeCreatePartitionsRequestV0To1(r: Reader): CreatePartitionsRequest {
  const f_topics_0_n = r.readArrayLength(10);
  const f_topics_0_a: CreatePartitionsRequestCreatePartitionsTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_count_1 = r.readInt32();
    const f_assignments_1_n = r.readNullableArrayLength(4);
    const f_assignments_1_a: CreatePartitionsRequestCreatePartitionsAssignment[] = [];
    for (let i_1 = 0; i_1 < f_assignments_1_n; i_1++) {
      const f_brokerIds_2_n = r.readArrayLength(4);
      const f_brokerIds_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_brokerIds_2_n; i_2++) {
        f_brokerIds_2_a.push(r.readInt32());
      }
      const f_brokerIds_2 = f_brokerIds_2_a;
      f_assignments_1_a.push({ brokerIds: f_brokerIds_2 });
    }
    const f_assignments_1 = f_assignments_1_n < 0 ? null : f_assignments_1_a;
    f_topics_0_a.push({ name: f_name_1, count: f_count_1, assignments: f_assignments_1 });
  }
  const f_topics_0 = f_topics_0_a;
  const f_timeoutMs_0 = r.readInt32();
  const f_validateOnly_0 = r.readBool();
  return { topics: f_topics_0, timeoutMs: f_timeoutMs_0, validateOnly: f_validateOnly_0 };
}

const createPartitionsRequestCodecV0To1: Codec<CreatePartitionsRequest, CreatePartitionsRequest> = { encode: encodeCreatePartitionsRequestV0To1, decode: decodeCreatePartitionsRequestV0To1 };

/** CreatePartitionsRequest versions 2-3. */
export function encodeCreatePartitionsRequestV2To3(w: Writer, v: CreatePartitionsRequest): void {
  {
    const arr_0 = v.topics;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.name);
      w.writeInt32(el_0.count);
      {
        const arr_1 = el_0.assignments;
        if (arr_1 === null) {
          w.writeCompactArrayLength(-1);
        } else {
          w.writeCompactArrayLength(arr_1.length);
          for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
            const el_1 = arr_1[i_1];
            {
              const arr_2 = el_1.brokerIds;
              w.writeCompactArrayLength(arr_2.length);
              for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
                w.writeInt32(arr_2[i_2]);
              }
            }
            w.writeUVarint(0);
          }
        }
      }
      w.writeUVarint(0);
    }
  }
  w.writeInt32(v.timeoutMs);
  w.writeBool(v.validateOnly);
  w.writeUVarint(0);
}

export function decodeCreatePartitionsRequestV2To3(r: Reader): CreatePartitionsRequest {
  const f_topics_0_n = r.readCompactArrayLength(7);
  const f_topics_0_a: CreatePartitionsRequestCreatePartitionsTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readCompactString();
    const f_count_1 = r.readInt32();
    const f_assignments_1_n = r.readCompactNullableArrayLength(2);
    const f_assignments_1_a: CreatePartitionsRequestCreatePartitionsAssignment[] = [];
    for (let i_1 = 0; i_1 < f_assignments_1_n; i_1++) {
      const f_brokerIds_2_n = r.readCompactArrayLength(4);
      const f_brokerIds_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_brokerIds_2_n; i_2++) {
        f_brokerIds_2_a.push(r.readInt32());
      }
      const f_brokerIds_2 = f_brokerIds_2_a;
      r.skipTaggedFields();
      f_assignments_1_a.push({ brokerIds: f_brokerIds_2 });
    }
    const f_assignments_1 = f_assignments_1_n < 0 ? null : f_assignments_1_a;
    r.skipTaggedFields();
    f_topics_0_a.push({ name: f_name_1, count: f_count_1, assignments: f_assignments_1 });
  }
  const f_topics_0 = f_topics_0_a;
  const f_timeoutMs_0 = r.readInt32();
  const f_validateOnly_0 = r.readBool();
  r.skipTaggedFields();
  return { topics: f_topics_0, timeoutMs: f_timeoutMs_0, validateOnly: f_validateOnly_0 };
}

const createPartitionsRequestCodecV2To3: Codec<CreatePartitionsRequest, CreatePartitionsRequest> = { encode: encodeCreatePartitionsRequestV2To3, decode: decodeCreatePartitionsRequestV2To3 };

/** CreatePartitionsRequest codecs indexed by version (0-3). */
export const createPartitionsRequestCodecs: readonly (Codec<CreatePartitionsRequest, CreatePartitionsRequest> | undefined)[] = [
  createPartitionsRequestCodecV0To1,
  createPartitionsRequestCodecV0To1,
  createPartitionsRequestCodecV2To3,
  createPartitionsRequestCodecV2To3,
];

export interface CreatePartitionsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (Versions 0+.) */
  throttleTimeMs: number;
  /** The partition creation results for each topic. (Versions 0+.) */
  results: CreatePartitionsResponseCreatePartitionsTopicResult[];
}

export interface CreatePartitionsResponseCreatePartitionsTopicResult {
  /** The topic name. (Versions 0+.) */
  name: string;
  /** The result error, or zero if there was no error. (Versions 0+.) */
  errorCode: number;
  /** The result message, or null if there was no error. (Versions 0+; nullable 0+.) */
  errorMessage: string | null;
}

/** CreatePartitionsResponse versions 0-1. */
export function encodeCreatePartitionsResponseV0To1(w: Writer, v: CreatePartitionsResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.results;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.name);
      w.writeInt16(el_0.errorCode);
      w.writeNullableString(el_0.errorMessage);
    }
  }
}

export function decodeCreatePartitionsResponseV0To1(r: Reader): CreatePartitionsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_results_0_n = r.readArrayLength(6);
  const f_results_0_a: CreatePartitionsResponseCreatePartitionsTopicResult[] = [];
  for (let i_0 = 0; i_0 < f_results_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_errorCode_1 = r.readInt16();
    const f_errorMessage_1 = r.readNullableString();
    f_results_0_a.push({ name: f_name_1, errorCode: f_errorCode_1, errorMessage: f_errorMessage_1 });
  }
  const f_results_0 = f_results_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, results: f_results_0 };
}

const createPartitionsResponseCodecV0To1: Codec<CreatePartitionsResponse, CreatePartitionsResponse> = { encode: encodeCreatePartitionsResponseV0To1, decode: decodeCreatePartitionsResponseV0To1 };

/** CreatePartitionsResponse versions 2-3. */
export function encodeCreatePartitionsResponseV2To3(w: Writer, v: CreatePartitionsResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.results;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.name);
      w.writeInt16(el_0.errorCode);
      w.writeCompactNullableString(el_0.errorMessage);
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeCreatePartitionsResponseV2To3(r: Reader): CreatePartitionsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_results_0_n = r.readCompactArrayLength(5);
  const f_results_0_a: CreatePartitionsResponseCreatePartitionsTopicResult[] = [];
  for (let i_0 = 0; i_0 < f_results_0_n; i_0++) {
    const f_name_1 = r.readCompactString();
    const f_errorCode_1 = r.readInt16();
    const f_errorMessage_1 = r.readCompactNullableString();
    r.skipTaggedFields();
    f_results_0_a.push({ name: f_name_1, errorCode: f_errorCode_1, errorMessage: f_errorMessage_1 });
  }
  const f_results_0 = f_results_0_a;
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, results: f_results_0 };
}

const createPartitionsResponseCodecV2To3: Codec<CreatePartitionsResponse, CreatePartitionsResponse> = { encode: encodeCreatePartitionsResponseV2To3, decode: decodeCreatePartitionsResponseV2To3 };

/** CreatePartitionsResponse codecs indexed by version (0-3). */
export const createPartitionsResponseCodecs: readonly (Codec<CreatePartitionsResponse, CreatePartitionsResponse> | undefined)[] = [
  createPartitionsResponseCodecV0To1,
  createPartitionsResponseCodecV0To1,
  createPartitionsResponseCodecV2To3,
  createPartitionsResponseCodecV2To3,
];

/** CreatePartitions (API key 37): both directions, every version of Kafka 3.8.0. */
export const createPartitionsApi: ApiCodecs = {
  apiKey: 37,
  name: "CreatePartitions",
  minVersion: 0,
  maxVersion: 3,
  requestFlexibleMin: 2,
  responseFlexibleMin: 2,
  request: createPartitionsRequestCodecs,
  response: createPartitionsResponseCodecs,
};
