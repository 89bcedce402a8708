// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): OffsetFetchRequest.json, OffsetFetchResponse.json.

import type { ApiCodecs, Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { nullField, type Writer } from '../writer.ts';
export interface OffsetFetchRequest {
  /** The group to fetch offsets for. (Versions 0-7.) */
  groupId: string;
  /** Each topic we would like to fetch offsets for, or null to fetch offsets for all topics. (Versions 0-7; nullable 2-7.) */
  topics: OffsetFetchRequestTopic[] | null;
  /** Each group we would like to fetch offsets for (Versions 8+.) */
  groups: OffsetFetchRequestGroup[];
  /** Whether broker should hold on returning unstable offsets but set a retriable error code for the partitions. (Versions 7+.) */
  requireStable: boolean;
}

export interface OffsetFetchRequestTopic {
  /** The topic name. (Versions 0-7.) */
  name: string;
  /** The partition indexes we would like to fetch offsets for. (Versions 0-7.) */
  partitionIndexes: number[];
}

export interface OffsetFetchRequestGroup {
  /** The group ID. (Versions 8+.) */
  groupId: string;
  /** The member ID assigned by the group coordinator if using the new consumer protocol (KIP-848). (Versions 9+; nullable 9+.) */
  memberId: string | null;
  /** The member epoch if using the new consumer protocol (KIP-848). (Versions 9+.) */
  memberEpoch: number;
  /** Each topic we would like to fetch offsets for, or null to fetch offsets for all topics. (Versions 8+; nullable 8+.) */
  topics: OffsetFetchRequestTopics[] | null;
}

export interface OffsetFetchRequestTopics {
  /** The topic name. (Versions 8+.) */
  name: string;
  /** The partition indexes we would like to fetch offsets for. (Versions 8+.) */
  partitionIndexes: number[];
}

/** OffsetFetchRequest versions 0-1. */
export function encodeOffsetFetchRequestV0To1(w: Writer, v: OffsetFetchRequest): void {
  w.writeString(v.groupId);
  {
    const arr_0 = (v.topics ?? nullField("OffsetFetchRequest.Topics"));
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.name);
      {
        const arr_1 = el_0.partitionIndexes;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          w.writeInt32(arr_1[i_1]);
        }
      }
    }
  }
}

export function decodeOffsetFetchRequestV0To1(r: Reader): OffsetFetchRequest {
  const f_groupId_0 = r.readString();
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: OffsetFetchRequestTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitionIndexes_1_n = r.readArrayLength(4);
    const f_partitionIndexes_1_a: number[] = [];
    for (let i_1 = 0; i_1 < f_partitionIndexes_1_n; i_1++) {
      f_partitionIndexes_1_a.push(r.readInt32());
    }
    const f_partitionIndexes_1 = f_partitionIndexes_1_a;
    f_topics_0_a.push({ name: f_name_1, partitionIndexes: f_partitionIndexes_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { groupId: f_groupId_0, topics: f_topics_0, groups: [], requireStable: false };
}

const offsetFetchRequestCodecV0To1: Codec<OffsetFetchRequest, OffsetFetchRequest> = { encode: encodeOffsetFetchRequestV0To1, decode: decodeOffsetFetchRequestV0To1 };

/** OffsetFetchRequest versions 2-5. */
export function encodeOffsetFetchRequestV2To5(w: Writer, v: OffsetFetchRequest): void {
  w.writeString(v.groupId);
  {
    const arr_0 = v.topics;
    if (arr_0 === null) {
      w.writeArrayLength(-1);
    } else {
      w.writeArrayLength(arr_0.length);
      for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
        const el_0 = arr_0[i_0];
        w.writeString(el_0.name);
        {
          const arr_1 = el_0.partitionIndexes;
          w.writeArrayLength(arr_1.length);
          for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
            w.writeInt32(arr_1[i_1]);
          }
        }
      }
    }
  }
}

export function decodeOffsetFetchRequestV2To5(r: Reader): OffsetFetchRequest {
  const f_groupId_0 = r.readString();
  const f_topics_0_n = r.readNullableArrayLength(6);
  const f_topics_0_a: OffsetFetchRequestTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitionIndexes_1_n = r.readArrayLength(4);
    const f_partitionIndexes_1_a: number[] = [];
    for (let i_1 = 0; i_1 < f_partitionIndexes_1_n; i_1++) {
      f_partitionIndexes_1_a.push(r.readInt32());
    }
    const f_partitionIndexes_1 = f_partitionIndexes_1_a;
    f_topics_0_a.push({ name: f_name_1, partitionIndexes: f_partitionIndexes_1 });
  }
  const f_topics_0 = f_topics_0_n < 0 ? null : f_topics_0_a;
  return { groupId: f_groupId_0, topics: f_topics_0, groups: [], requireStable: false };
}

const offsetFetchRequestCodecV2To5: Codec<OffsetFetchRequest, OffsetFetchRequest> = { encode: encodeOffsetFetchRequestV2To5, decode: decodeOffsetFetchRequestV2To5 };

/** OffsetFetchRequest versions 6. */
export function encodeOffsetFetchRequestV6(w: Writer, v: OffsetFetchRequest): void {
  w.writeCompactString(v.groupId);
  {
    const arr_0 = v.topics;
    if (arr_0 === null) {
      w.writeCompactArrayLength(-1);
    } else {
      w.writeCompactArrayLength(arr_0.length);
      for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
        const el_0 = arr_0[i_0];
        w.writeCompactString(el_0.name);
        {
          const arr_1 = el_0.partitionIndexes;
          w.writeCompactArrayLength(arr_1.length);
          for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
            w.writeInt32(arr_1[i_1]);
          }
        }
        w.writeUVarint(0);
      }
    }
  }
  w.writeUVarint(0);
}

export function decodeOffsetFetchRequestV6(r: Reader): OffsetFetchRequest {
  const f_groupId_0 = r.readCompactString();
  const f_topics_0_n = r.readCompactNullableArrayLength(3);
  const f_topics_0_a: OffsetFetchRequestTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readCompactString();
    const f_partitionIndexes_1_n = r.readCompactArrayLength(4);
    const f_partitionIndexes_1_a: number[] = [];
    for (let i_1 = 0; i_1 < f_partitionIndexes_1_n; i_1++) {
      f_partitionIndexes_1_a.push(r.readInt32());
    }
    const f_partitionIndexes_1 = f_partitionIndexes_1_a;
    r.skipTaggedFields();
    f_topics_0_a.push({ name: f_name_1, partitionIndexes: f_partitionIndexes_1 });
  }
  const f_topics_0 = f_topics_0_n < 0 ? null : f_topics_0_a;
  r.skipTaggedFields();
  return { groupId: f_groupId_0, topics: f_topics_0, groups: [], requireStable: false };
}

const offsetFetchRequestCodecV6: Codec<OffsetFetchRequest, OffsetFetchRequest> = { encode: encodeOffsetFetchRequestV6, decode: decodeOffsetFetchRequestV6 };

/** OffsetFetchRequest versions 7. */
export function encodeOffsetFetchRequestV7(w: Writer, v: OffsetFetchRequest): void {
  w.writeCompactString(v.groupId);
  {
    const arr_0 = v.topics;
    if (arr_0 === null) {
      w.writeCompactArrayLength(-1);
    } else {
      w.writeCompactArrayLength(arr_0.length);
      for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
        const el_0 = arr_0[i_0];
        w.writeCompactString(el_0.name);
        {
          const arr_1 = el_0.partitionIndexes;
          w.writeCompactArrayLength(arr_1.length);
          for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
            w.writeInt32(arr_1[i_1]);
          }
        }
        w.writeUVarint(0);
      }
    }
  }
  w.writeBool(v.requireStable);
  w.writeUVarint(0);
}

export function decodeOffsetFetchRequestV7(r: Reader): OffsetFetchRequest {
  const f_groupId_0 = r.readCompactString();
  const f_topics_0_n = r.readCompactNullableArrayLength(3);
  const f_topics_0_a: OffsetFetchRequestTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readCompactString();
    const f_partitionIndexes_1_n = r.readCompactArrayLength(4);
    const f_partitionIndexes_1_a: number[] = [];
    for (let i_1 = 0; i_1 < f_partitionIndexes_1_n; i_1++) {
      f_partitionIndexes_1_a.push(r.readInt32());
    }
    const f_partitionIndexes_1 = f_partitionIndexes_1_a;
    r.skipTaggedFields();
    f_topics_0_a.push({ name: f_name_1, partitionIndexes: f_partitionIndexes_1 });
  }
  const f_topics_0 = f_topics_0_n < 0 ? null : f_topics_0_a;
  const f_requireStable_0 = r.readBool();
  r.skipTaggedFields();
  return { groupId: f_groupId_0, topics: f_topics_0, groups: [], requireStable: f_requireStable_0 };
}

const offsetFetchRequestCodecV7: Codec<OffsetFetchRequest, OffsetFetchRequest> = { encode: encodeOffsetFetchRequestV7, decode: decodeOffsetFetchRequestV7 };

/** OffsetFetchRequest versions 8. */
export function encodeOffsetFetchRequestV8(w: Writer, v: OffsetFetchRequest): void {
  {
    const arr_0 = v.groups;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.groupId);
      {
        const arr_1 = el_0.topics;
        if (arr_1 === null) {
          w.writeCompactArrayLength(-1);
        } else {
          w.writeCompactArrayLength(arr_1.length);
          for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
            const el_1 = arr_1[i_1];
            w.writeCompactString(el_1.name);
            {
              const arr_2 = el_1.partitionIndexes;
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
  w.writeBool(v.requireStable);
  w.writeUVarint(0);
}

export function decodeOffsetFetchRequestV8(r: Reader): OffsetFetchRequest {
  const f_groups_0_n = r.readCompactArrayLength(3);
  const f_groups_0_a: OffsetFetchRequestGroup[] = [];
  for (let i_0 = 0; i_0 < f_groups_0_n; i_0++) {
    const f_groupId_1 = r.readCompactString();
    const f_topics_1_n = r.readCompactNullableArrayLength(3);
    const f_topics_1_a: OffsetFetchRequestTopics[] = [];
    for (let i_1 = 0; i_1 < f_topics_1_n; i_1++) {
      const f_name_2 = r.readCompactString();
      const f_partitionIndexes_2_n = r.readCompactArrayLength(4);
      const f_partitionIndexes_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_partitionIndexes_2_n; i_2++) {
        f_partitionIndexes_2_a.push(r.readInt32());
      }
      const f_partitionIndexes_2 = f_partitionIndexes_2_a;
      r.skipTaggedFields();
      f_topics_1_a.push({ name: f_name_2, partitionIndexes: f_partitionIndexes_2 });
    }
    const f_topics_1 = f_topics_1_n < 0 ? null : f_topics_1_a;
    r.skipTaggedFields();
    f_groups_0_a.push({ groupId: f_groupId_1, memberId: null, memberEpoch: -1, topics: f_topics_1 });
  }
  const f_groups_0 = f_groups_0_a;
  const f_requireStable_0 = r.readBool();
  r.skipTaggedFields();
  return { groupId: "", topics: [], groups: f_groups_0, requireStable: f_requireStable_0 };
}

const offsetFetchRequestCodecV8: Codec<OffsetFetchRequest, OffsetFetchRequest> = { encode: encodeOffsetFetchRequestV8, decode: decodeOffsetFetchRequestV8 };

/** OffsetFetchRequest versions 9. */
export function encodeOffsetFetchRequestV9(w: Writer, v: OffsetFetchRequest): void {
  {
    const arr_0 = v.groups;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.groupId);
      w.writeCompactNullableString(el_0.memberId);
      w.writeInt32(el_0.memberEpoch);
      {
        const arr_1 = el_0.topics;
        if (arr_1 === null) {
          w.writeCompactArrayLength(-1);
        } else {
          w.writeCompactArrayLength(arr_1.length);
          for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
            const el_1 = arr_1[i_1];
            w.writeCompactString(el_1.name);
            {
              const arr_2 = el_1.partitionIndexes;
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
  w.writeBool(v.requireStable);
  w.writeUVarint(0);
}

export function decodeOffsetFetchRequestV9(r: Reader): OffsetFetchRequest {
  const f_groups_0_n = r.readCompactArrayLength(8);
  const f_groups_0_a: OffsetFetchRequestGroup[] = [];
  for (let i_0 = 0; i_0 < f_groups_0_n; i_0++) {
    const f_groupId_1 = r.readCompactString();
    const f_memberId_1 = r.readCompactNullableString();
    const f_memberEpoch_1 = r.readInt32();
    const f_topics_1_n = r.readCompactNullableArrayLength(3);
    const f_topics_1_a: OffsetFetchRequestTopics[] = [];
    for (let i_1 = 0; i_1 < f_topics_1_n; i_1++) {
      const f_name_2 = r.readCompactString();
      const f_partitionIndexes_2_n = r.readCompactArrayLength(4);
      const f_partitionIndexes_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_partitionIndexes_2_n; i_2++) {
        f_partitionIndexes_2_a.push(r.readInt32());
      }
      const f_partitionIndexes_2 = f_partitionIndexes_2_a;
      r.skipTaggedFields();
      f_topics_1_a.push({ name: f_name_2, partitionIndexes: f_partitionIndexes_2 });
    }
    const f_topics_1 = f_topics_1_n < 0 ? null : f_topics_1_a;
    r.skipTaggedFields();
    f_groups_0_a.push({ groupId: f_groupId_1, memberId: f_memberId_1, memberEpoch: f_memberEpoch_1, topics: f_topics_1 });
  }
  const f_groups_0 = f_groups_0_a;
  const f_requireStable_0 = r.readBool();
  r.skipTaggedFields();
  return { groupId: "", topics: [], groups: f_groups_0, requireStable: f_requireStable_0 };
}

const offsetFetchRequestCodecV9: Codec<OffsetFetchRequest, OffsetFetchRequest> = { encode: encodeOffsetFetchRequestV9, decode: decodeOffsetFetchRequestV9 };

/** OffsetFetchRequest codecs indexed by version (0-9). */
export const offsetFetchRequestCodecs: readonly (Codec<OffsetFetchRequest, OffsetFetchRequest> | undefined)[] = [
  offsetFetchRequestCodecV0To1,
  offsetFetchRequestCodecV0To1,
  offsetFetchRequestCodecV2To5,
  offsetFetchRequestCodecV2To5,
  offsetFetchRequestCodecV2To5,
  offsetFetchRequestCodecV2To5,
  offsetFetchRequestCodecV6,
  offsetFetchRequestCodecV7,
  offsetFetchRequestCodecV8,
  offsetFetchRequestCodecV9,
];

export interface OffsetFetchResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (Versions 3+.) */
  throttleTimeMs: number;
  /** The responses per topic. (Versions 0-7.) */
  topics: OffsetFetchResponseTopic[];
  /** The top-level error code, or 0 if there was no error. (Versions 2-7.) */
  errorCode: number;
  /** The responses per group id. (Versions 8+.) */
  groups: OffsetFetchResponseGroup[];
}

export interface OffsetFetchResponseTopic {
  /** The topic name. (Versions 0-7.) */
  name: string;
  /** The responses per partition (Versions 0-7.) */
  partitions: OffsetFetchResponsePartition[];
}

export interface OffsetFetchResponsePartition {
  /** The partition index. (Versions 0-7.) */
  partitionIndex: number;
  /** The committed message offset. (Versions 0-7.) */
  committedOffset: number;
  /** The leader epoch. (Versions 5-7.) */
  committedLeaderEpoch: number;
  /** The partition metadata. (Versions 0-7; nullable 0-7.) */
  metadata: string | null;
  /** The error code, or 0 if there was no error. (Versions 0-7.) */
  errorCode: number;
}

export interface OffsetFetchResponseGroup {
  /** The group ID. (Versions 8+.) */
  groupId: string;
  /** The responses per topic. (Versions 8+.) */
  topics: OffsetFetchResponseTopics[];
  /** The group-level error code, or 0 if there was no error. (Versions 8+.) */
  errorCode: number;
}

export interface OffsetFetchResponseTopics {
  /** The topic name. (Versions 8+.) */
  name: string;
  /** The responses per partition (Versions 8+.) */
  partitions: OffsetFetchResponsePartitions[];
}

export interface OffsetFetchResponsePartitions {
  /** The partition index. (Versions 8+.) */
  partitionIndex: number;
  /** The committed message offset. (Versions 8+.) */
  committedOffset: number;
  /** The leader epoch. (Versions 8+.) */
  committedLeaderEpoch: number;
  /** The partition metadata. (Versions 8+; nullable 8+.) */
  metadata: string | null;
  /** The partition-level error code, or 0 if there was no error. (Versions 8+.) */
  errorCode: number;
}

/** OffsetFetchResponse versions 0-1. */
export function encodeOffsetFetchResponseV0To1(w: Writer, v: OffsetFetchResponse): void {
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
          w.writeNullableString(el_1.metadata);
          w.writeInt16(el_1.errorCode);
        }
      }
    }
  }
}

export function decodeOffsetFetchResponseV0To1(r: Reader): OffsetFetchResponse {
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: OffsetFetchResponseTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(16);
    const f_partitions_1_a: OffsetFetchResponsePartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_committedOffset_2 = r.readInt64();
      const f_metadata_2 = r.readNullableString();
      const f_errorCode_2 = r.readInt16();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, committedOffset: f_committedOffset_2, committedLeaderEpoch: -1, metadata: f_metadata_2, errorCode: f_errorCode_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { throttleTimeMs: 0, topics: f_topics_0, errorCode: 0, groups: [] };
}

const offsetFetchResponseCodecV0To1: Codec<OffsetFetchResponse, OffsetFetchResponse> = { encode: encodeOffsetFetchResponseV0To1, decode: decodeOffsetFetchResponseV0To1 };

/** OffsetFetchResponse versions 2. */
export function encodeOffsetFetchResponseV2(w: Writer, v: OffsetFetchResponse): void {
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
          w.writeNullableString(el_1.metadata);
          w.writeInt16(el_1.errorCode);
        }
      }
    }
  }
  w.writeInt16(v.errorCode);
}

export function decodeOffsetFetchResponseV2(r: Reader): OffsetFetchResponse {
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: OffsetFetchResponseTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(16);
    const f_partitions_1_a: OffsetFetchResponsePartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_committedOffset_2 = r.readInt64();
      const f_metadata_2 = r.readNullableString();
      const f_errorCode_2 = r.readInt16();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, committedOffset: f_committedOffset_2, committedLeaderEpoch: -1, metadata: f_metadata_2, errorCode: f_errorCode_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  const f_errorCode_0 = r.readInt16();
  return { throttleTimeMs: 0, topics: f_topics_0, errorCode: f_errorCode_0, groups: [] };
}

const offsetFetchResponseCodecV2: Codec<OffsetFetchResponse, OffsetFetchResponse> = { encode: encodeOffsetFetchResponseV2, decode: decodeOffsetFetchResponseV2 };

/** OffsetFetchResponse versions 3-4. */
export function encodeOffsetFetchResponseV3To4(w: Writer, v: OffsetFetchResponse): void {
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
          w.writeInt64(el_1.committedOffset);
          w.writeNullableString(el_1.metadata);
          w.writeInt16(el_1.errorCode);
        }
      }
    }
  }
  w.writeInt16(v.errorCode);
}

export function decodeOffsetFetchResponseV3To4(r: Reader): OffsetFetchResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: OffsetFetchResponseTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(16);
    const f_partitions_1_a: OffsetFetchResponsePartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_committedOffset_2 = r.readInt64();
      const f_metadata_2 = r.readNullableString();
      const f_errorCode_2 = r.readInt16();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, committedOffset: f_committedOffset_2, committedLeaderEpoch: -1, metadata: f_metadata_2, errorCode: f_errorCode_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  const f_errorCode_0 = r.readInt16();
  return { throttleTimeMs: f_throttleTimeMs_0, topics: f_topics_0, errorCode: f_errorCode_0, groups: [] };
}

const offsetFetchResponseCodecV3To4: Codec<OffsetFetchResponse, OffsetFetchResponse> = { encode: encodeOffsetFetchResponseV3To4, decode: decodeOffsetFetchResponseV3To4 };

/** OffsetFetchResponse versions 5. */
export function encodeOffsetFetchResponseV5(w: Writer, v: OffsetFetchResponse): void {
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
          w.writeInt64(el_1.committedOffset);
          w.writeInt32(el_1.committedLeaderEpoch);
          w.writeNullableString(el_1.metadata);
          w.writeInt16(el_1.errorCode);
        }
      }
    }
  }
  w.writeInt16(v.errorCode);
}

export function decodeOffsetFetchResponseV5(r: Reader): OffsetFetchResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: OffsetFetchResponseTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(20);
    const f_partitions_1_a: OffsetFetchResponsePartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_committedOffset_2 = r.readInt64();
      const f_committedLeaderEpoch_2 = r.readInt32();
      const f_metadata_2 = r.readNullableString();
      const f_errorCode_2 = r.readInt16();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, committedOffset: f_committedOffset_2, committedLeaderEpoch: f_committedLeaderEpoch_2, metadata: f_metadata_2, errorCode: f_errorCode_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  const f_errorCode_0 = r.readInt16();
  return { throttleTimeMs: f_throttleTimeMs_0, topics: f_topics_0, errorCode: f_errorCode_0, groups: [] };
}

const offsetFetchResponseCodecV5: Codec<OffsetFetchResponse, OffsetFetchResponse> = { encode: encodeOffsetFetchResponseV5, decode: decodeOffsetFetchResponseV5 };

/** OffsetFetchResponse versions 6-7. */
export function encodeOffsetFetchResponseV6To7(w: Writer, v: OffsetFetchResponse): void {
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
          w.writeInt64(el_1.committedOffset);
          w.writeInt32(el_1.committedLeaderEpoch);
          w.writeCompactNullableString(el_1.metadata);
          w.writeInt16(el_1.errorCode);
          w.writeUVarint(0);
        }
      }
      w.writeUVarint(0);
    }
  }
  w.writeInt16(v.errorCode);
  w.writeUVarint(0);
}

export function decodeOffsetFetchResponseV6To7(r: Reader): OffsetFetchResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_topics_0_n = r.readCompactArrayLength(3);
  const f_topics_0_a: OffsetFetchResponseTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readCompactString();
    const f_partitions_1_n = r.readCompactArrayLength(20);
    const f_partitions_1_a: OffsetFetchResponsePartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_committedOffset_2 = r.readInt64();
      const f_committedLeaderEpoch_2 = r.readInt32();
      const f_metadata_2 = r.readCompactNullableString();
      const f_errorCode_2 = r.readInt16();
      r.skipTaggedFields();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, committedOffset: f_committedOffset_2, committedLeaderEpoch: f_committedLeaderEpoch_2, metadata: f_metadata_2, errorCode: f_errorCode_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    r.skipTaggedFields();
    f_topics_0_a.push({ name: f_name_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  const f_errorCode_0 = r.readInt16();
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, topics: f_topics_0, errorCode: f_errorCode_0, groups: [] };
}

const offsetFetchResponseCodecV6To7: Codec<OffsetFetchResponse, OffsetFetchResponse> = { encode: encodeOffsetFetchResponseV6To7, decode: decodeOffsetFetchResponseV6To7 };

/** OffsetFetchResponse versions 8-9. */
export function encodeOffsetFetchResponseV8To9(w: Writer, v: OffsetFetchResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.groups;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.groupId);
      {
        const arr_1 = el_0.topics;
        w.writeCompactArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeCompactString(el_1.name);
          {
            const arr_2 = el_1.partitions;
            w.writeCompactArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              const el_2 = arr_2[i_2];
              w.writeInt32(el_2.partitionIndex);
              w.writeInt64(el_2.committedOffset);
              w.writeInt32(el_2.committedLeaderEpoch);
              w.writeCompactNullableString(el_2.metadata);
              w.writeInt16(el_2.errorCode);
              w.writeUVarint(0);
            }
          }
          w.writeUVarint(0);
        }
      }
      w.writeInt16(el_0.errorCode);
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeOffsetFetchResponseV8To9(r: Reader): OffsetFetchResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_groups_0_n = r.readCompactArrayLength(5);
  const f_groups_0_a: OffsetFetchResponseGroup[] = [];
  for (let i_0 = 0; i_0 < f_groups_0_n; i_0++) {
    const f_groupId_1 = r.readCompactString();
    const f_topics_1_n = r.readCompactArrayLength(3);
    const f_topics_1_a: OffsetFetchResponseTopics[] = [];
    for (let i_1 = 0; i_1 < f_topics_1_n; i_1++) {
      const f_name_2 = r.readCompactString();
      const f_partitions_2_n = r.readCompactArrayLength(20);
      const f_partitions_2_a: OffsetFetchResponsePartitions[] = [];
      for (let i_2 = 0; i_2 < f_partitions_2_n; i_2++) {
        const f_partitionIndex_3 = r.readInt32();
        const f_committedOffset_3 = r.readInt64();
        const f_committedLeaderEpoch_3 = r.readInt32();
        const f_metadata_3 = r.readCompactNullableString();
        const f_errorCode_3 = r.readInt16();
        r.skipTaggedFields();
        f_partitions_2_a.push({ partitionIndex: f_partitionIndex_3, committedOffset: f_committedOffset_3, committedLeaderEpoch: f_committedLeaderEpoch_3, metadata: f_metadata_3, errorCode: f_errorCode_3 });
      }
      const f_partitions_2 = f_partitions_2_a;
      r.skipTaggedFields();
      f_topics_1_a.push({ name: f_name_2, partitions: f_partitions_2 });
    }
    const f_topics_1 = f_topics_1_a;
    const f_errorCode_1 = r.readInt16();
    r.skipTaggedFields();
    f_groups_0_a.push({ groupId: f_groupId_1, topics: f_topics_1, errorCode: f_errorCode_1 });
  }
  const f_groups_0 = f_groups_0_a;
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, topics: [], errorCode: 0, groups: f_groups_0 };
}

const offsetFetchResponseCodecV8To9: Codec<OffsetFetchResponse, OffsetFetchResponse> = { encode: encodeOffsetFetchResponseV8To9, decode: decodeOffsetFetchResponseV8To9 };

/** OffsetFetchResponse codecs indexed by version (0-9). */
export const offsetFetchResponseCodecs: readonly (Codec<OffsetFetchResponse, OffsetFetchResponse> | undefined)[] = [
  offsetFetchResponseCodecV0To1,
  offsetFetchResponseCodecV0To1,
  offsetFetchResponseCodecV2,
  offsetFetchResponseCodecV3To4,
  offsetFetchResponseCodecV3To4,
  offsetFetchResponseCodecV5,
  offsetFetchResponseCodecV6To7,
  offsetFetchResponseCodecV6To7,
  offsetFetchResponseCodecV8To9,
  offsetFetchResponseCodecV8To9,
];

/** OffsetFetch (API key 9): both directions, every version of Kafka 3.8.0. */
export const offsetFetchApi: ApiCodecs = {
  apiKey: 9,
  name: "OffsetFetch",
  minVersion: 0,
  maxVersion: 9,
  requestFlexibleMin: 6,
  responseFlexibleMin: 6,
  request: offsetFetchRequestCodecs,
  response: offsetFetchResponseCodecs,
};
