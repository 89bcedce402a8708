// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): OffsetCommitRequest.json, OffsetCommitResponse.json.

import type { ApiCodecs, Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { type Writer } from '../writer.ts';
export interface OffsetCommitRequest {
  /** The unique group identifier. (Versions 0+.) */
  groupId: string;
  /** The generation of the group if using the classic group protocol or the member epoch if using the consumer protocol. (Versions 1+.) */
  generationIdOrMemberEpoch: number;
  /** The member ID assigned by the group coordinator. (Versions 1+.) */
  memberId: string;
  /** The unique identifier of the consumer instance provided by end user. (Versions 7+; nullable 7+.) */
  groupInstanceId: string | null;
  /** The time period in ms to retain the offset. (Versions 2-4.) */
  retentionTimeMs: number;
  /** The topics to commit offsets for. (Versions 0+.) */
  topics: OffsetCommitRequestTopic[];
}

export interface OffsetCommitRequestTopic {
  /** The topic name. (Versions 0+.) */
  name: string;
  /** Each partition to commit offsets for. (Versions 0+.) */
  partitions: OffsetCommitRequestPartition[];
}

export interface OffsetCommitRequestPartition {
  /** The partition index. (Versions 0+.) */
  partitionIndex: number;
  /** The message offset to be committed. (Versions 0+.) */
  committedOffset: number;
  /** The leader epoch of this partition. (Versions 6+.) */
  committedLeaderEpoch: number;
  /** The timestamp of the commit. (Versions 1.) */
  commitTimestamp: number;
  /** Any associated metadata the client wants to keep. (Versions 0+; nullable 0+.) */
  committedMetadata: string | null;
}

/** OffsetCommitRequest versions 0. */
export function encodeOffsetCommitRequestV0(w: Writer, v: OffsetCommitRequest): void {
  w.writeString(v.groupId);
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
          w.writeInt64(el_1.committedOffset);
          w.writeNullableString(el_1.committedMetadata);
        }
      }
    }
  }
}

export function decodeOffsetCommitRequestV0(r: Reader): OffsetCommitRequest {
  const f_groupId_0 = r.readString();
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: OffsetCommitRequestTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(14);
    const f_partitions_1_a: OffsetCommitRequestPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_committedOffset_2 = r.readInt64();
      const f_committedMetadata_2 = r.readNullableString();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, committedOffset: f_committedOffset_2, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: f_committedMetadata_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { groupId: f_groupId_0, generationIdOrMemberEpoch: -1, memberId: "", groupInstanceId: null, retentionTimeMs: -1, topics: f_topics_0 };
}

const offsetCommitRequestCodecV0: Codec<OffsetCommitRequest, OffsetCommitRequest> = { encode: encodeOffsetCommitRequestV0, decode: decodeOffsetCommitRequestV0 };

/** OffsetCommitRequest versions 1. */
export function encodeOffsetCommitRequestV1(w: Writer, v: OffsetCommitRequest): void {
  w.writeString(v.groupId);
  w.writeInt32(v.generationIdOrMemberEpoch);
  w.writeString(v.memberId);
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
          w.writeInt64(el_1.committedOffset);
          w.writeInt64(el_1.commitTimestamp);
          w.writeNullableString(el_1.committedMetadata);
        }
      }
    }
  }
}

export function decodeOffsetCommitRequestV1(r: Reader): OffsetCommitRequest {
  const f_groupId_0 = r.readString();
  const f_generationIdOrMemberEpoch_0 = r.readInt32();
  const f_memberId_0 = r.readString();
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: OffsetCommitRequestTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(22);
    const f_partitions_1_a: OffsetCommitRequestPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_committedOffset_2 = r.readInt64();
      const f_commitTimestamp_2 = r.readInt64();
      const f_committedMetadata_2 = r.readNullableString();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, committedOffset: f_committedOffset_2, committedLeaderEpoch: -1, commitTimestamp: f_commitTimestamp_2, committedMetadata: f_committedMetadata_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { groupId: f_groupId_0, generationIdOrMemberEpoch: f_generationIdOrMemberEpoch_0, memberId: f_memberId_0, groupInstanceId: null, retentionTimeMs: -1, topics: f_topics_0 };
}

const offsetCommitRequestCodecV1: Codec<OffsetCommitRequest, OffsetCommitRequest> = { encode: encodeOffsetCommitRequestV1, decode: decodeOffsetCommitRequestV1 };

/** OffsetCommitRequest versions 2-4. */
export function encodeOffsetCommitRequestV2To4(w: Writer, v: OffsetCommitRequest): void {
  w.writeString(v.groupId);
  w.writeInt32(v.generationIdOrMemberEpoch);
  w.writeString(v.memberId);
  w.writeInt64(v.retentionTimeMs);
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
          w.writeInt64(el_1.committedOffset);
          w.writeNullableString(el_1.committedMetadata);
        }
      }
    }
  }
}

export function decodeOffsetCommitRequestV2To4(r: Reader): OffsetCommitRequest {
  const f_groupId_0 = r.readString();
  const f_generationIdOrMemberEpoch_0 = r.readInt32();
  const f_memberId_0 = r.readString();
  const f_retentionTimeMs_0 = r.readInt64();
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: OffsetCommitRequestTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(14);
    const f_partitions_1_a: OffsetCommitRequestPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_committedOffset_2 = r.readInt64();
      const f_committedMetadata_2 = r.readNullableString();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, committedOffset: f_committedOffset_2, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: f_committedMetadata_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { groupId: f_groupId_0, generationIdOrMemberEpoch: f_generationIdOrMemberEpoch_0, memberId: f_memberId_0, groupInstanceId: null, retentionTimeMs: f_retentionTimeMs_0, topics: f_topics_0 };
}

const offsetCommitRequestCodecV2To4: Codec<OffsetCommitRequest, OffsetCommitRequest> = { encode: encodeOffsetCommitRequestV2To4, decode: decodeOffsetCommitRequestV2To4 };

/** OffsetCommitRequest versions 5. */
export function encodeOffsetCommitRequestV5(w: Writer, v: OffsetCommitRequest): void {
  w.writeString(v.groupId);
  w.writeInt32(v.generationIdOrMemberEpoch);
  w.writeString(v.memberId);
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
          w.writeInt64(el_1.committedOffset);
          w.writeNullableString(el_1.committedMetadata);
        }
      }
    }
  }
}

export function decodeOffsetCommitRequestV5(r: Reader): OffsetCommitRequest {
  const f_groupId_0 = r.readString();
  const f_generationIdOrMemberEpoch_0 = r.readInt32();
  const f_memberId_0 = r.readString();
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: OffsetCommitRequestTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(14);
    const f_partitions_1_a: OffsetCommitRequestPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_committedOffset_2 = r.readInt64();
      const f_committedMetadata_2 = r.readNullableString();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, committedOffset: f_committedOffset_2, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: f_committedMetadata_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { groupId: f_groupId_0, generationIdOrMemberEpoch: f_generationIdOrMemberEpoch_0, memberId: f_memberId_0, groupInstanceId: null, retentionTimeMs: -1, topics: f_topics_0 };
}

const offsetCommitRequestCodecV5: Codec<OffsetCommitRequest, OffsetCommitRequest> = { encode: encodeOffsetCommitRequestV5, decode: decodeOffsetCommitRequestV5 };

/** OffsetCommitRequest versions 6. */
export function encodeOffsetCommitRequestV6(w: Writer, v: OffsetCommitRequest): void {
  w.writeString(v.groupId);
  w.writeInt32(v.generationIdOrMemberEpoch);
  w.writeString(v.memberId);
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
          w.writeInt64(el_1.committedOffset);
          w.writeInt32(el_1.committedLeaderEpoch);
          w.writeNullableString(el_1.committedMetadata);
        }
      }
    }
  }
}

export function decodeOffsetCommitRequestV6(r: Reader): OffsetCommitRequest {
  const f_groupId_0 = r.readString();
  const f_generationIdOrMemberEpoch_0 = r.readInt32();
  const f_memberId_0 = r.readString();
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: OffsetCommitRequestTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(18);
    const f_partitions_1_a: OffsetCommitRequestPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_committedOffset_2 = r.readInt64();
      const f_committedLeaderEpoch_2 = r.readInt32();
      const f_committedMetadata_2 = r.readNullableString();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, committedOffset: f_committedOffset_2, committedLeaderEpoch: f_committedLeaderEpoch_2, commitTimestamp: -1, committedMetadata: f_committedMetadata_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { groupId: f_groupId_0, generationIdOrMemberEpoch: f_generationIdOrMemberEpoch_0, memberId: f_memberId_0, groupInstanceId: null, retentionTimeMs: -1, topics: f_topics_0 };
}

const offsetCommitRequestCodecV6: Codec<OffsetCommitRequest, OffsetCommitRequest> = { encode: encodeOffsetCommitRequestV6, decode: decodeOffsetCommitRequestV6 };

/** OffsetCommitRequest versions 7. */
export function encodeOffsetCommitRequestV7(w: Writer, v: OffsetCommitRequest): void {
  w.writeString(v.groupId);
  w.writeInt32(v.generationIdOrMemberEpoch);
  w.writeString(v.memberId);
  w.writeNullableString(v.groupInstanceId);
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
          w.writeInt64(el_1.committedOffset);
          w.writeInt32(el_1.committedLeaderEpoch);
          w.writeNullableString(el_1.committedMetadata);
        }
      }
    }
  }
}

export function decodeOffsetCommitRequestV7(r: Reader): OffsetCommitRequest {
  const f_groupId_0 = r.readString();
  const f_generationIdOrMemberEpoch_0 = r.readInt32();
  const f_memberId_0 = r.readString();
  const f_groupInstanceId_0 = r.readNullableString();
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: OffsetCommitRequestTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(18);
    const f_partitions_1_a: OffsetCommitRequestPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_committedOffset_2 = r.readInt64();
      const f_committedLeaderEpoch_2 = r.readInt32();
      const f_committedMetadata_2 = r.readNullableString();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, committedOffset: f_committedOffset_2, committedLeaderEpoch: f_committedLeaderEpoch_2, commitTimestamp: -1, committedMetadata: f_committedMetadata_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { groupId: f_groupId_0, generationIdOrMemberEpoch: f_generationIdOrMemberEpoch_0, memberId: f_memberId_0, groupInstanceId: f_groupInstanceId_0, retentionTimeMs: -1, topics: f_topics_0 };
}

const offsetCommitRequestCodecV7: Codec<OffsetCommitRequest, OffsetCommitRequest> = { encode: encodeOffsetCommitRequestV7, decode: decodeOffsetCommitRequestV7 };

/** OffsetCommitRequest versions 8-9. */
export function encodeOffsetCommitRequestV8To9(w: Writer, v: OffsetCommitRequest): void {
  w.writeCompactString(v.groupId);
  w.writeInt32(v.generationIdOrMemberEpoch);
  w.writeCompactString(v.memberId);
  w.writeCompactNullableString(v.groupInstanceId);
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
          w.writeInt64(el_1.committedOffset);
          w.writeInt32(el_1.committedLeaderEpoch);
          w.writeCompactNullableString(el_1.committedMetadata);
          w.writeUVarint(0);
        }
      }
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeOffsetCommitRequestV8To9(r: Reader): OffsetCommitRequest {
  const f_groupId_0 = r.readCompactString();
  const f_generationIdOrMemberEpoch_0 = r.readInt32();
  const f_memberId_0 = r.readCompactString();
  const f_groupInstanceId_0 = r.readCompactNullableString();
  const f_topics_0_n = r.readCompactArrayLength(3);
  const f_topics_0_a: OffsetCommitRequestTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readCompactString();
    const f_partitions_1_n = r.readCompactArrayLength(18);
    const f_partitions_1_a: OffsetCommitRequestPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_committedOffset_2 = r.readInt64();
      const f_committedLeaderEpoch_2 = r.readInt32();
      const f_committedMetadata_2 = r.readCompactNullableString();
      r.skipTaggedFields();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, committedOffset: f_committedOffset_2, committedLeaderEpoch: f_committedLeaderEpoch_2, commitTimestamp: -1, committedMetadata: f_committedMetadata_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    r.skipTaggedFields();
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  r.skipTaggedFields();
  return { groupId: f_groupId_0, generationIdOrMemberEpoch: f_generationIdOrMemberEpoch_0, memberId: f_memberId_0, groupInstanceId: f_groupInstanceId_0, retentionTimeMs: -1, topics: f_topics_0 };
}

const offsetCommitRequestCodecV8To9: Codec<OffsetCommitRequest, OffsetCommitRequest> = { encode: encodeOffsetCommitRequestV8To9, decode: decodeOffsetCommitRequestV8To9 };

/** OffsetCommitRequest codecs indexed by version (0-9). */
export const offsetCommitRequestCodecs: readonly (Codec<OffsetCommitRequest, OffsetCommitRequest> | undefined)[] = [
  offsetCommitRequestCodecV0,
  offsetCommitRequestCodecV1,
  offsetCommitRequestCodecV2To4,
  offsetCommitRequestCodecV2To4,
  offsetCommitRequestCodecV2To4,
  offsetCommitRequestCodecV5,
  offsetCommitRequestCodecV6,
  offsetCommitRequestCodecV7,
  offsetCommitRequestCodecV8To9,
  offsetCommitRequestCodecV8To9,
];

export interface OffsetCommitResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (Versions 3+.) */
  throttleTimeMs: number;
  /** The responses for each topic. (Versions 0+.) */
  topics: OffsetCommitResponseTopic[];
}

export interface OffsetCommitResponseTopic {
  /** The topic name. (Versions 0+.) */
  name: string;
  /** The responses for each partition in the topic. (Versions 0+.) */
  partitions: OffsetCommitResponsePartition[];
}

export interface OffsetCommitResponsePartition {
  /** The partition index. (Versions 0+.) */
  partitionIndex: number;
  /** The error code, or 0 if there was no error. (Versions 0+.) */
  errorCode: number;
}

/** OffsetCommitResponse versions 0-2. */
export function encodeOffsetCommitResponseV0To2(w: Writer, v: OffsetCommitResponse): void {
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
        }
      }
    }
  }
}

export function decodeOffsetCommitResponseV0To2(r: Reader): OffsetCommitResponse {
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: OffsetCommitResponseTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(6);
    const f_partitions_1_a: OffsetCommitResponsePartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_errorCode_2 = r.readInt16();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, errorCode: f_errorCode_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { throttleTimeMs: 0, topics: f_topics_0 };
}

const offsetCommitResponseCodecV0To2: Codec<OffsetCommitResponse, OffsetCommitResponse> = { encode: encodeOffsetCommitResponseV0To2, decode: decodeOffsetCommitResponseV0To2 };

/** OffsetCommitResponse versions 3-7. */
export function encodeOffsetCommitResponseV3To7(w: Writer, v: OffsetCommitResponse): void {
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
        }
      }
    }
  }
}

export function decodeOffsetCommitResponseV3To7(r: Reader): OffsetCommitResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: OffsetCommitResponseTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(6);
    const f_partitions_1_a: OffsetCommitResponsePartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_errorCode_2 = r.readInt16();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, errorCode: f_errorCode_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, topics: f_topics_0 };
}

const offsetCommitResponseCodecV3To7: Codec<OffsetCommitResponse, OffsetCommitResponse> = { encode: encodeOffsetCommitResponseV3To7, decode: decodeOffsetCommitResponseV3To7 };

/** OffsetCommitResponse versions 8-9. */
export function encodeOffsetCommitResponseV8To9(w: Writer, v: OffsetCommitResponse): void {
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
          w.writeUVarint(0);
        }
      }
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeOffsetCommitResponseV8To9(r: Reader): OffsetCommitResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_topics_0_n = r.readCompactArrayLength(3);
  const f_topics_0_a: OffsetCommitResponseTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readCompactString();
    const f_partitions_1_n = r.readCompactArrayLength(7);
    const f_partitions_1_a: OffsetCommitResponsePartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_errorCode_2 = r.readInt16();
      r.skipTaggedFields();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, errorCode: f_errorCode_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    r.skipTaggedFields();
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, topics: f_topics_0 };
}

const offsetCommitResponseCodecV8To9: Codec<OffsetCommitResponse, OffsetCommitResponse> = { encode: encodeOffsetCommitResponseV8To9, decode: decodeOffsetCommitResponseV8To9 };

/** OffsetCommitResponse codecs indexed by version (0-9). */
export const offsetCommitResponseCodecs: readonly (Codec<OffsetCommitResponse, OffsetCommitResponse> | undefined)[] = [
  offsetCommitResponseCodecV0To2,
  offsetCommitResponseCodecV0To2,
  offsetCommitResponseCodecV0To2,
  offsetCommitResponseCodecV3To7,
  offsetCommitResponseCodecV3To7,
  offsetCommitResponseCodecV3To7,
  offsetCommitResponseCodecV3To7,
  offsetCommitResponseCodecV3To7,
  offsetCommitResponseCodecV8To9,
  offsetCommitResponseCodecV8To9,
];

/** OffsetCommit (API key 8): both directions, every version of Kafka 3.8.0. */
export const offsetCommitApi: ApiCodecs = {
  apiKey: 8,
  name: "OffsetCommit",
  minVersion: 0,
  maxVersion: 9,
  requestFlexibleMin: 8,
  responseFlexibleMin: 8,
  request: offsetCommitRequestCodecs,
  response: offsetCommitResponseCodecs,
};
