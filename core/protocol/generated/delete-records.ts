// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): DeleteRecordsRequest.json, DeleteRecordsResponse.json.

import type { ApiCodecs, Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { type Writer } from '../writer.ts';
export interface DeleteRecordsRequest {
  /** Each topic that we want to delete records from. (Versions 0+.) */
  topics: DeleteRecordsRequestDeleteRecordsTopic[];
  /** How long to wait for the deletion to complete, in milliseconds. (Versions 0+.) */
  timeoutMs: number;
}

export interface DeleteRecordsRequestDeleteRecordsTopic {
  /** The topic name. (Versions 0+.) */
  name: string;
  /** Each partition that we want to delete records from. (Versions 0+.) */
  partitions: DeleteRecordsRequestDeleteRecordsPartition[];
}

export interface DeleteRecordsRequestDeleteRecordsPartition {
  /** The partition index. (Versions 0+.) */
  partitionIndex: number;
  /** The deletion offset. (Versions 0+.) */
  offset: number;
}

/** DeleteRecordsRequest versions 0-1. */
export function encodeDeleteRecordsRequestV0To1(w: Writer, v: DeleteRecordsRequest): void {
  {
    const arr_0 = v.topics;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.name);
      {
        const arr_1 = el_0.partitions;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.partitionIndex);
          w.writeInt64(el_1.offset);
        }
      }
    }
  }
  w.writeInt32(v.timeoutMs);
}

export function decodeDeleteRecordsRequestV0To1(r: Reader): DeleteRecordsRequest {
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: DeleteRecordsRequestDeleteRecordsTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(12);
    const f_partitions_1_a: DeleteRecordsRequestDeleteRecordsPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_offset_2 = r.readInt64();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, offset: f_offset_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  const f_timeoutMs_0 = r.readInt32();
  return { topics: f_topics_0, timeoutMs: f_timeoutMs_0 };
}

const deleteRecordsRequestCodecV0To1: Codec<DeleteRecordsRequest, DeleteRecordsRequest> = { encode: encodeDeleteRecordsRequestV0To1, decode: decodeDeleteRecordsRequestV0To1 };

/** DeleteRecordsRequest versions 2. */
export function encodeDeleteRecordsRequestV2(w: Writer, v: DeleteRecordsRequest): void {
  {
    const arr_0 = v.topics;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.name);
      {
        const arr_1 = el_0.partitions;
        w.writeCompactArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.partitionIndex);
          w.writeInt64(el_1.offset);
          w.writeUVarint(0);
        }
      }
      w.writeUVarint(0);
    }
  }
  w.writeInt32(v.timeoutMs);
  w.writeUVarint(0);
}

export function decodeDeleteRecordsRequestV2(r: Reader): DeleteRecordsRequest {
  const f_topics_0_n = r.readCompactArrayLength(3);
  const f_topics_0_a: DeleteRecordsRequestDeleteRecordsTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readCompactString();
    const f_partitions_1_n = r.readCompactArrayLength(13);
    const f_partitions_1_a: DeleteRecordsRequestDeleteRecordsPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_offset_2 = r.readInt64();
      r.skipTaggedFields();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, offset: f_offset_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    r.skipTaggedFields();
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  const f_timeoutMs_0 = r.readInt32();
  r.skipTaggedFields();
  return { topics: f_topics_0, timeoutMs: f_timeoutMs_0 };
}

const deleteRecordsRequestCodecV2: Codec<DeleteRecordsRequest, DeleteRecordsRequest> = { encode: encodeDeleteRecordsRequestV2, decode: decodeDeleteRecordsRequestV2 };

/** DeleteRecordsRequest codecs indexed by version (0-2). */
export const deleteRecordsRequestCodecs: readonly (Codec<DeleteRecordsRequest, DeleteRecordsRequest> | undefined)[] = [
  deleteRecordsRequestCodecV0To1,
  deleteRecordsRequestCodecV0To1,
  deleteRecordsRequestCodecV2,
];

export interface DeleteRecordsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (Versions 0+.) */
  throttleTimeMs: number;
  /** Each topic that we wanted to delete records from. (Versions 0+.) */
  topics: DeleteRecordsResponseDeleteRecordsTopicResult[];
}

export interface DeleteRecordsResponseDeleteRecordsTopicResult {
  /** The topic name. (Versions 0+.) */
  name: string;
  /** Each partition that we wanted to delete records from. (Versions 0+.) */
  partitions: DeleteRecordsResponseDeleteRecordsPartitionResult[];
}

export interface DeleteRecordsResponseDeleteRecordsPartitionResult {
  /** The partition index. (Versions 0+.) */
  partitionIndex: number;
  /** The partition low water mark. (Versions 0+.) */
  lowWatermark: number;
  /** The deletion error code, or 0 if the deletion succeeded. (Versions 0+.) */
  errorCode: number;
}

/** DeleteRecordsResponse versions 0-1. */
export function encodeDeleteRecordsResponseV0To1(w: Writer, v: DeleteRecordsResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.topics;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.name);
      {
        const arr_1 = el_0.partitions;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.partitionIndex);
          w.writeInt64(el_1.lowWatermark);
          w.writeInt16(el_1.errorCode);
        }
      }
    }
  }
}

export function decodeDeleteRecordsResponseV0To1(r: Reader): DeleteRecordsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: DeleteRecordsResponseDeleteRecordsTopicResult[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(14);
    const f_partitions_1_a: DeleteRecordsResponseDeleteRecordsPartitionResult[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_lowWatermark_2 = r.readInt64();
      const f_errorCode_2 = r.readInt16();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, lowWatermark: f_lowWatermark_2, errorCode: f_errorCode_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, topics: f_topics_0 };
}

const deleteRecordsResponseCodecV0To1: Codec<DeleteRecordsResponse, DeleteRecordsResponse> = { encode: encodeDeleteRecordsResponseV0To1, decode: decodeDeleteRecordsResponseV0To1 };

/** DeleteRecordsResponse versions 2. */
export function encodeDeleteRecordsResponseV2(w: Writer, v: DeleteRecordsResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.topics;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.name);
      {
        const arr_1 = el_0.partitions;
        w.writeCompactArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.partitionIndex);
          w.writeInt64(el_1.lowWatermark);
          w.writeInt16(el_1.errorCode);
          w.writeUVarint(0);
        }
      }
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeDeleteRecordsResponseV2(r: Reader): DeleteRecordsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_topics_0_n = r.readCompactArrayLength(3);
  const f_topics_0_a: DeleteRecordsResponseDeleteRecordsTopicResult[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readCompactString();
    const f_partitions_1_n = r.readCompactArrayLength(15);
    const f_partitions_1_a: DeleteRecordsResponseDeleteRecordsPartitionResult[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_lowWatermark_2 = r.readInt64();
      const f_errorCode_2 = r.readInt16();
      r.skipTaggedFields();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, lowWatermark: f_lowWatermark_2, errorCode: f_errorCode_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    r.skipTaggedFields();
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, topics: f_topics_0 };
}

const deleteRecordsResponseCodecV2: Codec<DeleteRecordsResponse, DeleteRecordsResponse> = { encode: encodeDeleteRecordsResponseV2, decode: decodeDeleteRecordsResponseV2 };

/** DeleteRecordsResponse codecs indexed by version (0-2). */
export const deleteRecordsResponseCodecs: readonly (Codec<DeleteRecordsResponse, DeleteRecordsResponse> | undefined)[] = [
  deleteRecordsResponseCodecV0To1,
  deleteRecordsResponseCodecV0To1,
  deleteRecordsResponseCodecV2,
];

/** DeleteRecords (API key 21): both directions, every version of Kafka 3.8.0. */
export const deleteRecordsApi: ApiCodecs = {
  apiKey: 21,
  name: "DeleteRecords",
  minVersion: 0,
  maxVersion: 2,
  requestFlexibleMin: 2,
  responseFlexibleMin: 2,
  request: deleteRecordsRequestCodecs,
  response: deleteRecordsResponseCodecs,
};
