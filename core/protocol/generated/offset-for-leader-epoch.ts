// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): OffsetForLeaderEpochRequest.json, OffsetForLeaderEpochResponse.json.

import type { ApiCodecs, Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { type Writer } from '../writer.ts';
export interface OffsetForLeaderEpochRequest {
  /** The broker ID of the follower, of -1 if this request is from a consumer. (Versions 3+.) */
  replicaId: number;
  /** Each topic to get offsets for. (Versions 0+.) */
  topics: OffsetForLeaderEpochRequestOffsetForLeaderTopic[];
}

export interface OffsetForLeaderEpochRequestOffsetForLeaderTopic {
  /** The topic name. (Versions 0+.) */
  topic: string;
  /** Each partition to get offsets for. (Versions 0+.) */
  partitions: OffsetForLeaderEpochRequestOffsetForLeaderPartition[];
}

export interface OffsetForLeaderEpochRequestOffsetForLeaderPartition {
  /** The partition index. (Versions 0+.) */
  partition: number;
  /** An epoch used to fence consumers/replicas with old metadata. If the epoch provided by the client is larger than the current epoch known to the broker, then the UNKNOWN_LEADER_EPOCH error code will be returned. If the provided epoch is smaller, then the FENCED_LEADER_EPOCH error code will be returned. (Versions 2+.) */
  currentLeaderEpoch: number;
  /** The epoch to look up an offset for. (Versions 0+.) */
  leaderEpoch: number;
}

/** OffsetForLeaderEpochRequest versions 0-1. */
export function encodeOffsetForLeaderEpochRequestV0To1(w: Writer, v: OffsetForLeaderEpochRequest): void {
  {
    const arr_0 = v.topics;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.topic);
      {
        const arr_1 = el_0.partitions;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.partition);
          w.writeInt32(el_1.leaderEpoch);
        }
      }
    }
  }
}

export function decodeOffsetForLeaderEpochRequestV0To1(r: Reader): OffsetForLeaderEpochRequest {
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: OffsetForLeaderEpochRequestOffsetForLeaderTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_topic_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(8);
    const f_partitions_1_a: OffsetForLeaderEpochRequestOffsetForLeaderPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partition_2 = r.readInt32();
      const f_leaderEpoch_2 = r.readInt32();
      f_partitions_1_a.push({ partition: f_partition_2, currentLeaderEpoch: -1, leaderEpoch: f_leaderEpoch_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ topic: f_topic_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { replicaId: -2, topics: f_topics_0 };
}

const offsetForLeaderEpochRequestCodecV0To1: Codec<OffsetForLeaderEpochRequest, OffsetForLeaderEpochRequest> = { encode: encodeOffsetForLeaderEpochRequestV0To1, decode: decodeOffsetForLeaderEpochRequestV0To1 };

/** OffsetForLeaderEpochRequest versions 2. */
export function encodeOffsetForLeaderEpochRequestV2(w: Writer, v: OffsetForLeaderEpochRequest): void {
  {
    const arr_0 = v.topics;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.topic);
      {
        const arr_1 = el_0.partitions;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.partition);
          w.writeInt32(el_1.currentLeaderEpoch);
          w.writeInt32(el_1.leaderEpoch);
        }
      }
    }
  }
}

export function decodeOffsetForLeaderEpochRequestV2(r: Reader): OffsetForLeaderEpochRequest {
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: OffsetForLeaderEpochRequestOffsetForLeaderTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_topic_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(12);
    const f_partitions_1_a: OffsetForLeaderEpochRequestOffsetForLeaderPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partition_2 = r.readInt32();
      const f_currentLeaderEpoch_2 = r.readInt32();
      const f_leaderEpoch_2 = r.readInt32();
      f_partitions_1_a.push({ partition: f_partition_2, currentLeaderEpoch: f_currentLeaderEpoch_2, leaderEpoch: f_leaderEpoch_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ topic: f_topic_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { replicaId: -2, topics: f_topics_0 };
}

const offsetForLeaderEpochRequestCodecV2: Codec<OffsetForLeaderEpochRequest, OffsetForLeaderEpochRequest> = { encode: encodeOffsetForLeaderEpochRequestV2, decode: decodeOffsetForLeaderEpochRequestV2 };

/** OffsetForLeaderEpochRequest versions 3. */
export function encodeOffsetForLeaderEpochRequestV3(w: Writer, v: OffsetForLeaderEpochRequest): void {
  w.writeInt32(v.replicaId);
  {
    const arr_0 = v.topics;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.topic);
      {
        const arr_1 = el_0.partitions;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.partition);
          w.writeInt32(el_1.currentLeaderEpoch);
          w.writeInt32(el_1.leaderEpoch);
        }
      }
    }
  }
}

export function decodeOffsetForLeaderEpochRequestV3(r: Reader): OffsetForLeaderEpochRequest {
  const f_replicaId_0 = r.readInt32();
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: OffsetForLeaderEpochRequestOffsetForLeaderTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_topic_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(12);
    const f_partitions_1_a: OffsetForLeaderEpochRequestOffsetForLeaderPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partition_2 = r.readInt32();
      const f_currentLeaderEpoch_2 = r.readInt32();
      const f_leaderEpoch_2 = r.readInt32();
      f_partitions_1_a.push({ partition: f_partition_2, currentLeaderEpoch: f_currentLeaderEpoch_2, leaderEpoch: f_leaderEpoch_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ topic: f_topic_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { replicaId: f_replicaId_0, topics: f_topics_0 };
}

const offsetForLeaderEpochRequestCodecV3: Codec<OffsetForLeaderEpochRequest, OffsetForLeaderEpochRequest> = { encode: encodeOffsetForLeaderEpochRequestV3, decode: decodeOffsetForLeaderEpochRequestV3 };

/** OffsetForLeaderEpochRequest versions 4. */
export function encodeOffsetForLeaderEpochRequestV4(w: Writer, v: OffsetForLeaderEpochRequest): void {
  w.writeInt32(v.replicaId);
  {
    const arr_0 = v.topics;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.topic);
      {
        const arr_1 = el_0.partitions;
        w.writeCompactArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.partition);
          w.writeInt32(el_1.currentLeaderEpoch);
          w.writeInt32(el_1.leaderEpoch);
          w.writeUVarint(0);
        }
      }
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeOffsetForLeaderEpochRequestV4(r: Reader): OffsetForLeaderEpochRequest {
  const f_replicaId_0 = r.readInt32();
  const f_topics_0_n = r.readCompactArrayLength(3);
  const f_topics_0_a: OffsetForLeaderEpochRequestOffsetForLeaderTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_topic_1 = r.readCompactString();
    const f_partitions_1_n = r.readCompactArrayLength(13);
    const f_partitions_1_a: OffsetForLeaderEpochRequestOffsetForLeaderPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partition_2 = r.readInt32();
      const f_currentLeaderEpoch_2 = r.readInt32();
      const f_leaderEpoch_2 = r.readInt32();
      r.skipTaggedFields();
      f_partitions_1_a.push({ partition: f_partition_2, currentLeaderEpoch: f_currentLeaderEpoch_2, leaderEpoch: f_leaderEpoch_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    r.skipTaggedFields();
    f_topics_0_a.push({ topic: f_topic_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  r.skipTaggedFields();
  return { replicaId: f_replicaId_0, topics: f_topics_0 };
}

const offsetForLeaderEpochRequestCodecV4: Codec<OffsetForLeaderEpochRequest, OffsetForLeaderEpochRequest> = { encode: encodeOffsetForLeaderEpochRequestV4, decode: decodeOffsetForLeaderEpochRequestV4 };

/** OffsetForLeaderEpochRequest codecs indexed by version (0-4). */
export const offsetForLeaderEpochRequestCodecs: readonly (Codec<OffsetForLeaderEpochRequest, OffsetForLeaderEpochRequest> | undefined)[] = [
  offsetForLeaderEpochRequestCodecV0To1,
  offsetForLeaderEpochRequestCodecV0To1,
  offsetForLeaderEpochRequestCodecV2,
  offsetForLeaderEpochRequestCodecV3,
  offsetForLeaderEpochRequestCodecV4,
];

export interface OffsetForLeaderEpochResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (Versions 2+.) */
  throttleTimeMs: number;
  /** Each topic we fetched offsets for. (Versions 0+.) */
  topics: OffsetForLeaderEpochResponseOffsetForLeaderTopicResult[];
}

export interface OffsetForLeaderEpochResponseOffsetForLeaderTopicResult {
  /** The topic name. (Versions 0+.) */
  topic: string;
  /** Each partition in the topic we fetched offsets for. (Versions 0+.) */
  partitions: OffsetForLeaderEpochResponseEpochEndOffset[];
}

export interface OffsetForLeaderEpochResponseEpochEndOffset {
  /** The error code 0, or if there was no error. (Versions 0+.) */
  errorCode: number;
  /** The partition index. (Versions 0+.) */
  partition: number;
  /** The leader epoch of the partition. (Versions 1+.) */
  leaderEpoch: number;
  /** The end offset of the epoch. (Versions 0+.) */
  endOffset: number;
}

/** OffsetForLeaderEpochResponse versions 0. */
export function encodeOffsetForLeaderEpochResponseV0(w: Writer, v: OffsetForLeaderEpochResponse): void {
  {
    const arr_0 = v.topics;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.topic);
      {
        const arr_1 = el_0.partitions;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt16(el_1.errorCode);
          w.writeInt32(el_1.partition);
          w.writeInt64(el_1.endOffset);
        }
      }
    }
  }
}

export function decodeOffsetForLeaderEpochResponseV0(r: Reader): OffsetForLeaderEpochResponse {
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: OffsetForLeaderEpochResponseOffsetForLeaderTopicResult[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_topic_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(14);
    const f_partitions_1_a: OffsetForLeaderEpochResponseEpochEndOffset[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_errorCode_2 = r.readInt16();
      const f_partition_2 = r.readInt32();
      const f_endOffset_2 = r.readInt64();
      f_partitions_1_a.push({ errorCode: f_errorCode_2, partition: f_partition_2, leaderEpoch: -1, endOffset: f_endOffset_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ topic: f_topic_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { throttleTimeMs: 0, topics: f_topics_0 };
}

const offsetForLeaderEpochResponseCodecV0: Codec<OffsetForLeaderEpochResponse, OffsetForLeaderEpochResponse> = { encode: encodeOffsetForLeaderEpochResponseV0, decode: decodeOffsetForLeaderEpochResponseV0 };

/** OffsetForLeaderEpochResponse versions 1. */
export function encodeOffsetForLeaderEpochResponseV1(w: Writer, v: OffsetForLeaderEpochResponse): void {
  {
    const arr_0 = v.topics;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.topic);
      {
        const arr_1 = el_0.partitions;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt16(el_1.errorCode);
          w.writeInt32(el_1.partition);
          w.writeInt32(el_1.leaderEpoch);
          w.writeInt64(el_1.endOffset);
        }
      }
    }
  }
}

export function decodeOffsetForLeaderEpochResponseV1(r: Reader): OffsetForLeaderEpochResponse {
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: OffsetForLeaderEpochResponseOffsetForLeaderTopicResult[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_topic_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(18);
    const f_partitions_1_a: OffsetForLeaderEpochResponseEpochEndOffset[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_errorCode_2 = r.readInt16();
      const f_partition_2 = r.readInt32();
      const f_leaderEpoch_2 = r.readInt32();
      const f_endOffset_2 = r.readInt64();
      f_partitions_1_a.push({ errorCode: f_errorCode_2, partition: f_partition_2, leaderEpoch: f_leaderEpoch_2, endOffset: f_endOffset_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ topic: f_topic_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { throttleTimeMs: 0, topics: f_topics_0 };
}

const offsetForLeaderEpochResponseCodecV1: Codec<OffsetForLeaderEpochResponse, OffsetForLeaderEpochResponse> = { encode: encodeOffsetForLeaderEpochResponseV1, decode: decodeOffsetForLeaderEpochResponseV1 };

/** OffsetForLeaderEpochResponse versions 2-3. */
export function encodeOffsetForLeaderEpochResponseV2To3(w: Writer, v: OffsetForLeaderEpochResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.topics;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.topic);
      {
        const arr_1 = el_0.partitions;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt16(el_1.errorCode);
          w.writeInt32(el_1.partition);
          w.writeInt32(el_1.leaderEpoch);
          w.writeInt64(el_1.endOffset);
        }
      }
    }
  }
}

export function decodeOffsetForLeaderEpochResponseV2To3(r: Reader): OffsetForLeaderEpochResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: OffsetForLeaderEpochResponseOffsetForLeaderTopicResult[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_topic_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(18);
    const f_partitions_1_a: OffsetForLeaderEpochResponseEpochEndOffset[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_errorCode_2 = r.readInt16();
      const f_partition_2 = r.readInt32();
      const f_leaderEpoch_2 = r.readInt32();
      const f_endOffset_2 = r.readInt64();
      f_partitions_1_a.push({ errorCode: f_errorCode_2, partition: f_partition_2, leaderEpoch: f_leaderEpoch_2, endOffset: f_endOffset_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ topic: f_topic_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, topics: f_topics_0 };
}

const offsetForLeaderEpochResponseCodecV2To3: Codec<OffsetForLeaderEpochResponse, OffsetForLeaderEpochResponse> = { encode: encodeOffsetForLeaderEpochResponseV2To3, decode: decodeOffsetForLeaderEpochResponseV2To3 };

/** OffsetForLeaderEpochResponse versions 4. */
export function encodeOffsetForLeaderEpochResponseV4(w: Writer, v: OffsetForLeaderEpochResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.topics;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.topic);
      {
        const arr_1 = el_0.partitions;
        w.writeCompactArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt16(el_1.errorCode);
          w.writeInt32(el_1.partition);
          w.writeInt32(el_1.leaderEpoch);
          w.writeInt64(el_1.endOffset);
          w.writeUVarint(0);
        }
      }
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeOffsetForLeaderEpochResponseV4(r: Reader): OffsetForLeaderEpochResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_topics_0_n = r.readCompactArrayLength(3);
  const f_topics_0_a: OffsetForLeaderEpochResponseOffsetForLeaderTopicResult[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_topic_1 = r.readCompactString();
    const f_partitions_1_n = r.readCompactArrayLength(19);
    const f_partitions_1_a: OffsetForLeaderEpochResponseEpochEndOffset[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_errorCode_2 = r.readInt16();
      const f_partition_2 = r.readInt32();
      const f_leaderEpoch_2 = r.readInt32();
      const f_endOffset_2 = r.readInt64();
      r.skipTaggedFields();
      f_partitions_1_a.push({ errorCode: f_errorCode_2, partition: f_partition_2, leaderEpoch: f_leaderEpoch_2, endOffset: f_endOffset_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    r.skipTaggedFields();
    f_topics_0_a.push({ topic: f_topic_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, topics: f_topics_0 };
}

const offsetForLeaderEpochResponseCodecV4: Codec<OffsetForLeaderEpochResponse, OffsetForLeaderEpochResponse> = { encode: encodeOffsetForLeaderEpochResponseV4, decode: decodeOffsetForLeaderEpochResponseV4 };

/** OffsetForLeaderEpochResponse codecs indexed by version (0-4). */
export const offsetForLeaderEpochResponseCodecs: readonly (Codec<OffsetForLeaderEpochResponse, OffsetForLeaderEpochResponse> | undefined)[] = [
  offsetForLeaderEpochResponseCodecV0,
  offsetForLeaderEpochResponseCodecV1,
  offsetForLeaderEpochResponseCodecV2To3,
  offsetForLeaderEpochResponseCodecV2To3,
  offsetForLeaderEpochResponseCodecV4,
];

/** OffsetForLeaderEpoch (API key 23): both directions, every version of Kafka 3.8.0. */
export const offsetForLeaderEpochApi: ApiCodecs = {
  apiKey: 23,
  name: "OffsetForLeaderEpoch",
  minVersion: 0,
  maxVersion: 4,
  requestFlexibleMin: 4,
  responseFlexibleMin: 4,
  request: offsetForLeaderEpochRequestCodecs,
  response: offsetForLeaderEpochResponseCodecs,
};
