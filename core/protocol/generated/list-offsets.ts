// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): ListOffsetsRequest.json, ListOffsetsResponse.json.

import type { ApiCodecs, Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { type Writer } from '../writer.ts';
export interface ListOffsetsRequest {
  /** The broker ID of the requester, or -1 if this request is being made by a normal consumer. (Versions 0+.) */
  replicaId: number;
  /** This setting controls the visibility of transactional records. Using READ_UNCOMMITTED (isolation_level = 0) makes all records visible. With READ_COMMITTED (isolation_level = 1), non-transactional and COMMITTED transactional records are visible. To be more concrete, READ_COMMITTED returns all data from offsets smaller than the current LSO (last stable offset), and enables the inclusion of the list of aborted transactions in the result, which allows consumers to discard ABORTED transactional records (Versions 2+.) */
  isolationLevel: number;
  /** Each topic in the request. (Versions 0+.) */
  topics: ListOffsetsRequestListOffsetsTopic[];
}

export interface ListOffsetsRequestListOffsetsTopic {
  /** The topic name. (Versions 0+.) */
  name: string;
  /** Each partition in the request. (Versions 0+.) */
  partitions: ListOffsetsRequestListOffsetsPartition[];
}

export interface ListOffsetsRequestListOffsetsPartition {
  /** The partition index. (Versions 0+.) */
  partitionIndex: number;
  /** The current leader epoch. (Versions 4+.) */
  currentLeaderEpoch: number;
  /** The current timestamp. (Versions 0+.) */
  timestamp: number;
  /** The maximum number of offsets to report. (Versions 0.) */
  maxNumOffsets: number;
}

/** ListOffsetsRequest versions 0. */
export function encodeListOffsetsRequestV0(w: Writer, v: ListOffsetsRequest): void {
  w.writeInt32(v.replicaId);
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
          w.writeInt64(el_1.timestamp);
          w.writeInt32(el_1.maxNumOffsets);
        }
      }
    }
  }
}

export function decodeListOffsetsRequestV0(r: Reader): ListOffsetsRequest {
  const f_replicaId_0 = r.readInt32();
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: ListOffsetsRequestListOffsetsTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(16);
    const f_partitions_1_a: ListOffsetsRequestListOffsetsPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_timestamp_2 = r.readInt64();
      const f_maxNumOffsets_2 = r.readInt32();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, currentLeaderEpoch: -1, timestamp: f_timestamp_2, maxNumOffsets: f_maxNumOffsets_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { replicaId: f_replicaId_0, isolationLevel: 0, topics: f_topics_0 };
}

const listOffsetsRequestCodecV0: Codec<ListOffsetsRequest, ListOffsetsRequest> = { encode: encodeListOffsetsRequestV0, decode: decodeListOffsetsRequestV0 };

/** ListOffsetsRequest versions 1. */
export function encodeListOffsetsRequestV1(w: Writer, v: ListOffsetsRequest): void {
  w.writeInt32(v.replicaId);
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
          w.writeInt64(el_1.timestamp);
        }
      }
    }
  }
}

export function decodeListOffsetsRequestV1(r: Reader): ListOffsetsRequest {
  const f_replicaId_0 = r.readInt32();
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: ListOffsetsRequestListOffsetsTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(12);
    const f_partitions_1_a: ListOffsetsRequestListOffsetsPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_timestamp_2 = r.readInt64();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, currentLeaderEpoch: -1, timestamp: f_timestamp_2, maxNumOffsets: 1 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { replicaId: f_replicaId_0, isolationLevel: 0, topics: f_topics_0 };
}

const listOffsetsRequestCodecV1: Codec<ListOffsetsRequest, ListOffsetsRequest> = { encode: encodeListOffsetsRequestV1, decode: decodeListOffsetsRequestV1 };

/** ListOffsetsRequest versions 2-3. */
export function encodeListOffsetsRequestV2To3(w: Writer, v: ListOffsetsRequest): void {
  w.writeInt32(v.replicaId);
  w.writeInt8(v.isolationLevel);
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
          w.writeInt64(el_1.timestamp);
        }
      }
    }
  }
}

export function decodeListOffsetsRequestV2To3(r: Reader): ListOffsetsRequest {
  const f_replicaId_0 = r.readInt32();
  const f_isolationLevel_0 = r.readInt8();
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: ListOffsetsRequestListOffsetsTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(12);
    const f_partitions_1_a: ListOffsetsRequestListOffsetsPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_timestamp_2 = r.readInt64();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, currentLeaderEpoch: -1, timestamp: f_timestamp_2, maxNumOffsets: 1 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { replicaId: f_replicaId_0, isolationLevel: f_isolationLevel_0, topics: f_topics_0 };
}

const listOffsetsRequestCodecV2To3: Codec<ListOffsetsRequest, ListOffsetsRequest> = { encode: encodeListOffsetsRequestV2To3, decode: decodeListOffsetsRequestV2To3 };

/** ListOffsetsRequest versions 4-5. */
export function encodeListOffsetsRequestV4To5(w: Writer, v: ListOffsetsRequest): void {
  w.writeInt32(v.replicaId);
  w.writeInt8(v.isolationLevel);
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
          w.writeInt32(el_1.currentLeaderEpoch);
          w.writeInt64(el_1.timestamp);
        }
      }
    }
  }
}

export function decodeListOffsetsRequestV4To5(r: Reader): ListOffsetsRequest {
  const f_replicaId_0 = r.readInt32();
  const f_isolationLevel_0 = r.readInt8();
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: ListOffsetsRequestListOffsetsTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(16);
    const f_partitions_1_a: ListOffsetsRequestListOffsetsPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_currentLeaderEpoch_2 = r.readInt32();
      const f_timestamp_2 = r.readInt64();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, currentLeaderEpoch: f_currentLeaderEpoch_2, timestamp: f_timestamp_2, maxNumOffsets: 1 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { replicaId: f_replicaId_0, isolationLevel: f_isolationLevel_0, topics: f_topics_0 };
}

const listOffsetsRequestCodecV4To5: Codec<ListOffsetsRequest, ListOffsetsRequest> = { encode: encodeListOffsetsRequestV4To5, decode: decodeListOffsetsRequestV4To5 };

/** ListOffsetsRequest versions 6-8. */
export function encodeListOffsetsRequestV6To8(w: Writer, v: ListOffsetsRequest): void {
  w.writeInt32(v.replicaId);
  w.writeInt8(v.isolationLevel);
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
          w.writeInt32(el_1.currentLeaderEpoch);
          w.writeInt64(el_1.timestamp);
          w.writeUVarint(0);
        }
      }
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeListOffsetsRequestV6To8(r: Reader): ListOffsetsRequest {
  const f_replicaId_0 = r.readInt32();
  const f_isolationLevel_0 = r.readInt8();
  const f_topics_0_n = r.readCompactArrayLength(3);
  const f_topics_0_a: ListOffsetsRequestListOffsetsTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readCompactString();
    const f_partitions_1_n = r.readCompactArrayLength(17);
    const f_partitions_1_a: ListOffsetsRequestListOffsetsPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_currentLeaderEpoch_2 = r.readInt32();
      const f_timestamp_2 = r.readInt64();
      r.skipTaggedFields();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, currentLeaderEpoch: f_currentLeaderEpoch_2, timestamp: f_timestamp_2, maxNumOffsets: 1 });
    }
    const f_partitions_1 = f_partitions_1_a;
    r.skipTaggedFields();
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  r.skipTaggedFields();
  return { replicaId: f_replicaId_0, isolationLevel: f_isolationLevel_0, topics: f_topics_0 };
}

const listOffsetsRequestCodecV6To8: Codec<ListOffsetsRequest, ListOffsetsRequest> = { encode: encodeListOffsetsRequestV6To8, decode: decodeListOffsetsRequestV6To8 };

/** ListOffsetsRequest codecs indexed by version (0-8). */
export const listOffsetsRequestCodecs: readonly (Codec<ListOffsetsRequest, ListOffsetsRequest> | undefined)[] = [
  listOffsetsRequestCodecV0,
  listOffsetsRequestCodecV1,
  listOffsetsRequestCodecV2To3,
  listOffsetsRequestCodecV2To3,
  listOffsetsRequestCodecV4To5,
  listOffsetsRequestCodecV4To5,
  listOffsetsRequestCodecV6To8,
  listOffsetsRequestCodecV6To8,
  listOffsetsRequestCodecV6To8,
];

export interface ListOffsetsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (Versions 2+.) */
  throttleTimeMs: number;
  /** Each topic in the response. (Versions 0+.) */
  topics: ListOffsetsResponseListOffsetsTopicResponse[];
}

export interface ListOffsetsResponseListOffsetsTopicResponse {
  /** The topic name (Versions 0+.) */
  name: string;
  /** Each partition in the response. (Versions 0+.) */
  partitions: ListOffsetsResponseListOffsetsPartitionResponse[];
}

export interface ListOffsetsResponseListOffsetsPartitionResponse {
  /** The partition index. (Versions 0+.) */
  partitionIndex: number;
  /** The partition error code, or 0 if there was no error. (Versions 0+.) */
  errorCode: number;
  /** The result offsets. (Versions 0.) */
  oldStyleOffsets: number[];
  /** The timestamp associated with the returned offset. (Versions 1+.) */
  timestamp: number;
  /** The returned offset. (Versions 1+.) */
  offset: number;
  /** (Versions 4+.) */
  leaderEpoch: number;
}

/** ListOffsetsResponse versions 0. */
export function encodeListOffsetsResponseV0(w: Writer, v: ListOffsetsResponse): void {
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
          w.writeInt16(el_1.errorCode);
          {
            const arr_2 = el_1.oldStyleOffsets;
            w.writeArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              w.writeInt64(arr_2[i_2]);
            }
          }
        }
      }
    }
  }
}

export function decodeListOffsetsResponseV0(r: Reader): ListOffsetsResponse {
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: ListOffsetsResponseListOffsetsTopicResponse[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(10);
    const f_partitions_1_a: ListOffsetsResponseListOffsetsPartitionResponse[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_errorCode_2 = r.readInt16();
      const f_oldStyleOffsets_2_n = r.readArrayLength(8);
      const f_oldStyleOffsets_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_oldStyleOffsets_2_n; i_2++) {
        f_oldStyleOffsets_2_a.push(r.readInt64());
      }
      const f_oldStyleOffsets_2 = f_oldStyleOffsets_2_a;
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, errorCode: f_errorCode_2, oldStyleOffsets: f_oldStyleOffsets_2, timestamp: -1, offset: -1, leaderEpoch: -1 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { throttleTimeMs: 0, topics: f_topics_0 };
}

const listOffsetsResponseCodecV0: Codec<ListOffsetsResponse, ListOffsetsResponse> = { encode: encodeListOffsetsResponseV0, decode: decodeListOffsetsResponseV0 };

/** ListOffsetsResponse versions 1. */
export function encodeListOffsetsResponseV1(w: Writer, v: ListOffsetsResponse): void {
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
          w.writeInt16(el_1.errorCode);
          w.writeInt64(el_1.timestamp);
          w.writeInt64(el_1.offset);
        }
      }
    }
  }
}

export function decodeListOffsetsResponseV1(r: Reader): ListOffsetsResponse {
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: ListOffsetsResponseListOffsetsTopicResponse[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(22);
    const f_partitions_1_a: ListOffsetsResponseListOffsetsPartitionResponse[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_errorCode_2 = r.readInt16();
      const f_timestamp_2 = r.readInt64();
      const f_offset_2 = r.readInt64();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, errorCode: f_errorCode_2, oldStyleOffsets: [], timestamp: f_timestamp_2, offset: f_offset_2, leaderEpoch: -1 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { throttleTimeMs: 0, topics: f_topics_0 };
}

const listOffsetsResponseCodecV1: Codec<ListOffsetsResponse, ListOffsetsResponse> = { encode: encodeListOffsetsResponseV1, decode: decodeListOffsetsResponseV1 };

/** ListOffsetsResponse versions 2-3. */
export function encodeListOffsetsResponseV2To3(w: Writer, v: ListOffsetsResponse): void {
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
          w.writeInt16(el_1.errorCode);
          w.writeInt64(el_1.timestamp);
          w.writeInt64(el_1.offset);
        }
      }
    }
  }
}

export function decodeListOffsetsResponseV2To3(r: Reader): ListOffsetsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: ListOffsetsResponseListOffsetsTopicResponse[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(22);
    const f_partitions_1_a: ListOffsetsResponseListOffsetsPartitionResponse[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_errorCode_2 = r.readInt16();
      const f_timestamp_2 = r.readInt64();
      const f_offset_2 = r.readInt64();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, errorCode: f_errorCode_2, oldStyleOffsets: [], timestamp: f_timestamp_2, offset: f_offset_2, leaderEpoch: -1 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, topics: f_topics_0 };
}

const listOffsetsResponseCodecV2To3: Codec<ListOffsetsResponse, ListOffsetsResponse> = { encode: encodeListOffsetsResponseV2To3, decode: decodeListOffsetsResponseV2To3 };

/** ListOffsetsResponse versions 4-5. */
export function encodeListOffsetsResponseV4To5(w: Writer, v: ListOffsetsResponse): void {
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
          w.writeInt16(el_1.errorCode);
          w.writeInt64(el_1.timestamp);
          w.writeInt64(el_1.offset);
          w.writeInt32(el_1.leaderEpoch);
        }
      }
    }
  }
}

export function decodeListOffsetsResponseV4To5(r: Reader): ListOffsetsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: ListOffsetsResponseListOffsetsTopicResponse[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(26);
    const f_partitions_1_a: ListOffsetsResponseListOffsetsPartitionResponse[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_errorCode_2 = r.readInt16();
      const f_timestamp_2 = r.readInt64();
      const f_offset_2 = r.readInt64();
      const f_leaderEpoch_2 = r.readInt32();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, errorCode: f_errorCode_2, oldStyleOffsets: [], timestamp: f_timestamp_2, offset: f_offset_2, leaderEpoch: f_leaderEpoch_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, topics: f_topics_0 };
}

const listOffsetsResponseCodecV4To5: Codec<ListOffsetsResponse, ListOffsetsResponse> = { encode: encodeListOffsetsResponseV4To5, decode: decodeListOffsetsResponseV4To5 };

/** ListOffsetsResponse versions 6-8. */
export function encodeListOffsetsResponseV6To8(w: Writer, v: ListOffsetsResponse): void {
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
          w.writeInt16(el_1.errorCode);
          w.writeInt64(el_1.timestamp);
          w.writeInt64(el_1.offset);
          w.writeInt32(el_1.leaderEpoch);
          w.writeUVarint(0);
        }
      }
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeListOffsetsResponseV6To8(r: Reader): ListOffsetsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_topics_0_n = r.readCompactArrayLength(3);
  const f_topics_0_a: ListOffsetsResponseListOffsetsTopicResponse[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readCompactString();
    const f_partitions_1_n = r.readCompactArrayLength(27);
    const f_partitions_1_a: ListOffsetsResponseListOffsetsPartitionResponse[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_errorCode_2 = r.readInt16();
      const f_timestamp_2 = r.readInt64();
      const f_offset_2 = r.readInt64();
      const f_leaderEpoch_2 = r.readInt32();
      r.skipTaggedFields();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, errorCode: f_errorCode_2, oldStyleOffsets: [], timestamp: f_timestamp_2, offset: f_offset_2, leaderEpoch: f_leaderEpoch_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    r.skipTaggedFields();
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, topics: f_topics_0 };
}

const listOffsetsResponseCodecV6To8: Codec<ListOffsetsResponse, ListOffsetsResponse> = { encode: encodeListOffsetsResponseV6To8, decode: decodeListOffsetsResponseV6To8 };

/** ListOffsetsResponse codecs indexed by version (0-8). */
export const listOffsetsResponseCodecs: readonly (Codec<ListOffsetsResponse, ListOffsetsResponse> | undefined)[] = [
  listOffsetsResponseCodecV0,
  listOffsetsResponseCodecV1,
  listOffsetsResponseCodecV2To3,
  listOffsetsResponseCodecV2To3,
  listOffsetsResponseCodecV4To5,
  listOffsetsResponseCodecV4To5,
  listOffsetsResponseCodecV6To8,
  listOffsetsResponseCodecV6To8,
  listOffsetsResponseCodecV6To8,
];

/** ListOffsets (API key 2): both directions, every version of Kafka 3.8.0. */
export const listOffsetsApi: ApiCodecs = {
  apiKey: 2,
  name: "ListOffsets",
  minVersion: 0,
  maxVersion: 8,
  requestFlexibleMin: 6,
  responseFlexibleMin: 6,
  request: listOffsetsRequestCodecs,
  response: listOffsetsResponseCodecs,
};
