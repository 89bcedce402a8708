// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): CreateTopicsRequest.json, CreateTopicsResponse.json.

import type { ApiCodecs, Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { Writer } from '../writer.ts';
export interface CreateTopicsRequest {
  /** The topics to create. (Versions 0+.) */
  topics: CreateTopicsRequestCreatableTopic[];
  /** How long to wait in milliseconds before timing out the request. (Versions 0+.) */
  timeoutMs: number;
  /** If true, check that the topics can be created as specified, but don't create anything. (Versions 1+.) */
  validateOnly: boolean;
}

export interface CreateTopicsRequestCreatableTopic {
  /** The topic name. (Versions 0+.) */
  name: string;
  /** The number of partitions to create in the topic, or -1 if we are either specifying a manual partition assignment or using the default partitions. (Versions 0+.) */
  numPartitions: number;
  /** The number of replicas to create for each partition in the topic, or -1 if we are either specifying a manual partition assignment or using the default replication factor. (Versions 0+.) */
  replicationFactor: number;
  /** The manual partition assignment, or the empty array if we are using automatic assignment. (Versions 0+.) */
  assignments: CreateTopicsRequestCreatableReplicaAssignment[];
  /** The custom topic configurations to set. (Versions 0+.) */
  configs: CreateTopicsRequestCreateableTopicConfig[];
}

export interface CreateTopicsRequestCreatableReplicaAssignment {
  /** The partition index. (Versions 0+.) */
  partitionIndex: number;
  /** The brokers to place the partition on. (Versions 0+.) */
  brokerIds: number[];
}

export interface CreateTopicsRequestCreateableTopicConfig {
  /** The configuration name. (Versions 0+.) */
  name: string;
  /** The configuration value. (Versions 0+; nullable 0+.) */
  value: string | null;
}

/** CreateTopicsRequest versions 0. */
export function encodeCreateTopicsRequestV0(w: Writer, v: CreateTopicsRequest): void {
  {
    const arr_0 = v.topics;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.name);
      w.writeInt32(el_0.numPartitions);
      w.writeInt16(el_0.replicationFactor);
      {
        const arr_1 = el_0.assignments;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.partitionIndex);
          {
            const arr_2 = el_1.brokerIds;
            w.writeArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              w.writeInt32(arr_2[i_2]);
            }
          }
        }
      }
      {
        const arr_1 = el_0.configs;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeString(el_1.name);
          w.writeNullableString(el_1.value);
        }
      }
    }
  }
  w.writeInt32(v.timeoutMs);
}

export function decodeCreateTopicsRequestV0(r: Reader): CreateTopicsRequest {
  const f_topics_0_n = r.readArrayLength(16);
  const f_topics_0_a: CreateTopicsRequestCreatableTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_numPartitions_1 = r.readInt32();
    const f_replicationFactor_1 = r.readInt16();
    const f_assignments_1_n = r.readArrayLength(8);
    const f_assignments_1_a: CreateTopicsRequestCreatableReplicaAssignment[] = [];
    for (let i_1 = 0; i_1 < f_assignments_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_brokerIds_2_n = r.readArrayLength(4);
      const f_brokerIds_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_brokerIds_2_n; i_2++) {
        f_brokerIds_2_a.push(r.readInt32());
      }
      const f_brokerIds_2 = f_brokerIds_2_a;
      f_assignments_1_a.push({ partitionIndex: f_partitionIndex_2, brokerIds: f_brokerIds_2 });
    }
    const f_assignments_1 = f_assignments_1_a;
    const f_configs_1_n = r.readArrayLength(4);
    const f_configs_1_a: CreateTopicsRequestCreateableTopicConfig[] = [];
    for (let i_1 = 0; i_1 < f_configs_1_n; i_1++) {
      const f_name_2 = r.readString();
      const f_value_2 = r.readNullableString();
      f_configs_1_a.push({ name: f_name_2, value: f_value_2 });
    }
    const f_configs_1 = f_configs_1_a;
    f_topics_0_a.push({ name: f_name_1, numPartitions: f_numPartitions_1, replicationFactor: f_replicationFactor_1, assignments: f_assignments_1, configs: f_configs_1 });
  }
  const f_topics_0 = f_topics_0_a;
  const f_timeoutMs_0 = r.readInt32();
  return { topics: f_topics_0, timeoutMs: f_timeoutMs_0, validateOnly: false };
}

const createTopicsRequestCodecV0: Codec<CreateTopicsRequest, CreateTopicsRequest> = { encode: encodeCreateTopicsRequestV0, decode: decodeCreateTopicsRequestV0 };

/** CreateTopicsRequest versions 1-4. */
export function encodeCreateTopicsRequestV1To4(w: Writer, v: CreateTopicsRequest): void {
  {
    const arr_0 = v.topics;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.name);
      w.writeInt32(el_0.numPartitions);
      w.writeInt16(el_0.replicationFactor);
      {
        const arr_1 = el_0.assignments;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.partitionIndex);
          {
            const arr_2 = el_1.brokerIds;
            w.writeArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              w.writeInt32(arr_2[i_2]);
            }
          }
        }
      }
      {
        const arr_1 = el_0.configs;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeString(el_1.name);
          w.writeNullableString(el_1.value);
        }
      }
    }
  }
  w.writeInt32(v.timeoutMs);
  w.writeBool(v.validateOnly);
}

export function decodeCreateTopicsRequestV1To4(r: Reader): CreateTopicsRequest {
  const f_topics_0_n = r.readArrayLength(16);
  const f_topics_0_a: CreateTopicsRequestCreatableTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_numPartitions_1 = r.readInt32();
    const f_replicationFactor_1 = r.readInt16();
    const f_assignments_1_n = r.readArrayLength(8);
    const f_assignments_1_a: CreateTopicsRequestCreatableReplicaAssignment[] = [];
    for (let i_1 = 0; i_1 < f_assignments_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_brokerIds_2_n = r.readArrayLength(4);
      const f_brokerIds_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_brokerIds_2_n; i_2++) {
        f_brokerIds_2_a.push(r.readInt32());
      }
      const f_brokerIds_2 = f_brokerIds_2_a;
      f_assignments_1_a.push({ partitionIndex: f_partitionIndex_2, brokerIds: f_brokerIds_2 });
    }
    const f_assignments_1 = f_assignments_1_a;
    const f_configs_1_n = r.readArrayLength(4);
    const f_configs_1_a: CreateTopicsRequestCreateableTopicConfig[] = [];
    for (let i_1 = 0; i_1 < f_configs_1_n; i_1++) {
      const f_name_2 = r.readString();
      const f_value_2 = r.readNullableString();
      f_configs_1_a.push({ name: f_name_2, value: f_value_2 });
    }
    const f_configs_1 = f_configs_1_a;
    f_topics_0_a.push({ name: f_name_1, numPartitions: f_numPartitions_1, replicationFactor: f_replicationFactor_1, assignments: f_assignments_1, configs: f_configs_1 });
  }
  const f_topics_0 = f_topics_0_a;
  const f_timeoutMs_0 = r.readInt32();
  const f_validateOnly_0 = r.readBool();
  return { topics: f_topics_0, timeoutMs: f_timeoutMs_0, validateOnly: f_validateOnly_0 };
}

const createTopicsRequestCodecV1To4: Codec<CreateTopicsRequest, CreateTopicsRequest> = { encode: encodeCreateTopicsRequestV1To4, decode: decodeCreateTopicsRequestV1To4 };

/** CreateTopicsRequest versions 5-7. */
export function encodeCreateTopicsRequestV5To7(w: Writer, v: CreateTopicsRequest): void {
  {
    const arr_0 = v.topics;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.name);
      w.writeInt32(el_0.numPartitions);
      w.writeInt16(el_0.replicationFactor);
      {
        const arr_1 = el_0.assignments;
        w.writeCompactArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.partitionIndex);
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
      {
        const arr_1 = el_0.configs;
        w.writeCompactArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeCompactString(el_1.name);
          w.writeCompactNullableString(el_1.value);
          w.writeUVarint(0);
        }
      }
      w.writeUVarint(0);
    }
  }
  w.writeInt32(v.timeoutMs);
  w.writeBool(v.validateOnly);
  w.writeUVarint(0);
}

export function decodeCreateTopicsRequestV5To7(r: Reader): CreateTopicsRequest {
  const f_topics_0_n = r.readCompactArrayLength(10);
  const f_topics_0_a: CreateTopicsRequestCreatableTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readCompactString();
    const f_numPartitions_1 = r.readInt32();
    const f_replicationFactor_1 = r.readInt16();
    const f_assignments_1_n = r.readCompactArrayLength(6);
    const f_assignments_1_a: CreateTopicsRequestCreatableReplicaAssignment[] = [];
    for (let i_1 = 0; i_1 < f_assignments_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_brokerIds_2_n = r.readCompactArrayLength(4);
      const f_brokerIds_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_brokerIds_2_n; i_2++) {
        f_brokerIds_2_a.push(r.readInt32());
      }
      const f_brokerIds_2 = f_brokerIds_2_a;
      r.skipTaggedFields();
      f_assignments_1_a.push({ partitionIndex: f_partitionIndex_2, brokerIds: f_brokerIds_2 });
    }
    const f_assignments_1 = f_assignments_1_a;
    const f_configs_1_n = r.readCompactArrayLength(3);
    const f_configs_1_a: CreateTopicsRequestCreateableTopicConfig[] = [];
    for (let i_1 = 0; i_1 < f_configs_1_n; i_1++) {
      const f_name_2 = r.readCompactString();
      const f_value_2 = r.readCompactNullableString();
      r.skipTaggedFields();
      f_configs_1_a.push({ name: f_name_2, value: f_value_2 });
    }
    const f_configs_1 = f_configs_1_a;
    r.skipTaggedFields();
    f_topics_0_a.push({ name: f_name_1, numPartitions: f_numPartitions_1, replicationFactor: f_replicationFactor_1, assignments: f_assignments_1, configs: f_configs_1 });
  }
  const f_topics_0 = f_topics_0_a;
  const f_timeoutMs_0 = r.readInt32();
  const f_validateOnly_0 = r.readBool();
  r.skipTaggedFields();
  return { topics: f_topics_0, timeoutMs: f_timeoutMs_0, validateOnly: f_validateOnly_0 };
}

const createTopicsRequestCodecV5To7: Codec<CreateTopicsRequest, CreateTopicsRequest> = { encode: encodeCreateTopicsRequestV5To7, decode: decodeCreateTopicsRequestV5To7 };

/** CreateTopicsRequest codecs indexed by version (0-7). */
export const createTopicsRequestCodecs: readonly (Codec<CreateTopicsRequest, CreateTopicsRequest> | undefined)[] = [
  createTopicsRequestCodecV0,
  createTopicsRequestCodecV1To4,
  createTopicsRequestCodecV1To4,
  createTopicsRequestCodecV1To4,
  createTopicsRequestCodecV1To4,
  createTopicsRequestCodecV5To7,
  createTopicsRequestCodecV5To7,
  createTopicsRequestCodecV5To7,
];

export interface CreateTopicsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (Versions 2+.) */
  throttleTimeMs: number;
  /** Results for each topic we tried to create. (Versions 0+.) */
  topics: CreateTopicsResponseCreatableTopicResult[];
}

export interface CreateTopicsResponseCreatableTopicResult {
  /** The topic name. (Versions 0+.) */
  name: string;
  /** The unique topic ID (Versions 7+.) */
  topicId: string;
  /** The error code, or 0 if there was no error. (Versions 0+.) */
  errorCode: number;
  /** The error message, or null if there was no error. (Versions 1+; nullable 0+.) */
  errorMessage: string | null;
  /** Optional topic config error returned if configs are not returned in the response. (Versions 5+; tag 0 in 5+.) */
  topicConfigErrorCode: number;
  /** Number of partitions of the topic. (Versions 5+.) */
  numPartitions: number;
  /** Replication factor of the topic. (Versions 5+.) */
  replicationFactor: number;
  /** Configuration of the topic. (Versions 5+; nullable 5+.) */
  configs: CreateTopicsResponseCreatableTopicConfigs[] | null;
}

export interface CreateTopicsResponseCreatableTopicConfigs {
  /** The configuration name. (Versions 5+.) */
  name: string;
  /** The configuration value. (Versions 5+; nullable 5+.) */
  value: string | null;
  /** True if the configuration is read-only. (Versions 5+.) */
  readOnly: boolean;
  /** The configuration source. (Versions 5+.) */
  configSource: number;
  /** True if this configuration is sensitive. (Versions 5+.) */
  isSensitive: boolean;
}

/** CreateTopicsResponse versions 0. */
export function encodeCreateTopicsResponseV0(w: Writer, v: CreateTopicsResponse): void {
  {
    const arr_0 = v.topics;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.name);
      w.writeInt16(el_0.errorCode);
    }
  }
}

export function decodeCreateTopicsResponseV0(r: Reader): CreateTopicsResponse {
  const f_topics_0_n = r.readArrayLength(4);
  const f_topics_0_a: CreateTopicsResponseCreatableTopicResult[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_errorCode_1 = r.readInt16();
    f_topics_0_a.push({ name: f_name_1, topicId: "00000000-0000-0000-0000-000000000000", errorCode: f_errorCode_1, errorMessage: "", topicConfigErrorCode: 0, numPartitions: -1, replicationFactor: -1, configs: [] });
  }
  const f_topics_0 = f_topics_0_a;
  return { throttleTimeMs: 0, topics: f_topics_0 };
}

const createTopicsResponseCodecV0: Codec<CreateTopicsResponse, CreateTopicsResponse> = { encode: encodeCreateTopicsResponseV0, decode: decodeCreateTopicsResponseV0 };

/** CreateTopicsResponse versions 1. */
export function encodeCreateTopicsResponseV1(w: Writer, v: CreateTopicsResponse): void {
  {
    const arr_0 = v.topics;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.name);
      w.writeInt16(el_0.errorCode);
      w.writeNullableString(el_0.errorMessage);
    }
  }
}

export function decodeCreateTopicsResponseV1(r: Reader): CreateTopicsResponse {
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: CreateTopicsResponseCreatableTopicResult[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_errorCode_1 = r.readInt16();
    const f_errorMessage_1 = r.readNullableString();
    f_topics_0_a.push({ name: f_name_1, topicId: "00000000-0000-0000-0000-000000000000", errorCode: f_errorCode_1, errorMessage: f_errorMessage_1, topicConfigErrorCode: 0, numPartitions: -1, replicationFactor: -1, configs: [] });
  }
  const f_topics_0 = f_topics_0_a;
  return { throttleTimeMs: 0, topics: f_topics_0 };
}

const createTopicsResponseCodecV1: Codec<CreateTopicsResponse, CreateTopicsResponse> = { encode: encodeCreateTopicsResponseV1, decode: decodeCreateTopicsResponseV1 };

/** CreateTopicsResponse versions 2-4. */
export function encodeCreateTopicsResponseV2To4(w: Writer, v: CreateTopicsResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.topics;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.name);
      w.writeInt16(el_0.errorCode);
      w.writeNullableString(el_0.errorMessage);
    }
  }
}

export function decodeCreateTopicsResponseV2To4(r: Reader): CreateTopicsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: CreateTopicsResponseCreatableTopicResult[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_errorCode_1 = r.readInt16();
    const f_errorMessage_1 = r.readNullableString();
    f_topics_0_a.push({ name: f_name_1, topicId: "00000000-0000-0000-0000-000000000000", errorCode: f_errorCode_1, errorMessage: f_errorMessage_1, topicConfigErrorCode: 0, numPartitions: -1, replicationFactor: -1, configs: [] });
  }
  const f_topics_0 = f_topics_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, topics: f_topics_0 };
}

const createTopicsResponseCodecV2To4: Codec<CreateTopicsResponse, CreateTopicsResponse> = { encode: encodeCreateTopicsResponseV2To4, decode: decodeCreateTopicsResponseV2To4 };

/** CreateTopicsResponse versions 5-6. */
export function encodeCreateTopicsResponseV5To6(w: Writer, v: CreateTopicsResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.topics;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.name);
      w.writeInt16(el_0.errorCode);
      w.writeCompactNullableString(el_0.errorMessage);
      w.writeInt32(el_0.numPartitions);
      w.writeInt16(el_0.replicationFactor);
      {
        const arr_1 = el_0.configs;
        if (arr_1 === null) {
          w.writeCompactArrayLength(-1);
        } else {
          w.writeCompactArrayLength(arr_1.length);
          for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
            const el_1 = arr_1[i_1];
            w.writeCompactString(el_1.name);
            w.writeCompactNullableString(el_1.value);
            w.writeBool(el_1.readOnly);
            w.writeInt8(el_1.configSource);
            w.writeBool(el_1.isSensitive);
            w.writeUVarint(0);
          }
        }
      }
      let tags_1 = 0;
      if (el_0.topicConfigErrorCode !== 0) tags_1++;
      w.writeUVarint(tags_1);
      if (el_0.topicConfigErrorCode !== 0) {
        const tw_1 = new Writer();
        tw_1.writeInt16(el_0.topicConfigErrorCode);
        w.writeTaggedField(0, tw_1);
      }
    }
  }
  w.writeUVarint(0);
}

export function decodeCreateTopicsResponseV5To6(r: Reader): CreateTopicsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_topics_0_n = r.readCompactArrayLength(12);
  const f_topics_0_a: CreateTopicsResponseCreatableTopicResult[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readCompactString();
    const f_errorCode_1 = r.readInt16();
    const f_errorMessage_1 = r.readCompactNullableString();
    const f_numPartitions_1 = r.readInt32();
    const f_replicationFactor_1 = r.readInt16();
    const f_configs_1_n = r.readCompactNullableArrayLength(6);
    const f_configs_1_a: CreateTopicsResponseCreatableTopicConfigs[] = [];
    for (let i_1 = 0; i_1 < f_configs_1_n; i_1++) {
      const f_name_2 = r.readCompactString();
      const f_value_2 = r.readCompactNullableString();
      const f_readOnly_2 = r.readBool();
      const f_configSource_2 = r.readInt8();
      const f_isSensitive_2 = r.readBool();
      r.skipTaggedFields();
      f_configs_1_a.push({ name: f_name_2, value: f_value_2, readOnly: f_readOnly_2, configSource: f_configSource_2, isSensitive: f_isSensitive_2 });
    }
    const f_configs_1 = f_configs_1_n < 0 ? null : f_configs_1_a;
    let f_topicConfigErrorCode_1: number = 0;
    const tagCount_1 = r.readUVarint();
    for (let t_1 = 0; t_1 < tagCount_1; t_1++) {
      const tag_1 = r.readUVarint();
      const end_1 = r.pushLimit(r.readUVarint());
      switch (tag_1) {
        case 0: {
          f_topicConfigErrorCode_1 = r.readInt16();
          break;
        }
        default:
          break;
      }
      r.popLimit(end_1);
    }
    f_topics_0_a.push({ name: f_name_1, topicId: "00000000-0000-0000-0000-000000000000", errorCode: f_errorCode_1, errorMessage: f_errorMessage_1, topicConfigErrorCode: f_topicConfigErrorCode_1, numPartitions: f_numPartitions_1, replicationFactor: f_replicationFactor_1, configs: f_configs_1 });
  }
  const f_topics_0 = f_topics_0_a;
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, topics: f_topics_0 };
}

const createTopicsResponseCodecV5To6: Codec<CreateTopicsResponse, CreateTopicsResponse> = { encode: encodeCreateTopicsResponseV5To6, decode: decodeCreateTopicsResponseV5To6 };

/** CreateTopicsResponse versions 7. */
export function encodeCreateTopicsResponseV7(w: Writer, v: CreateTopicsResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.topics;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.name);
      w.writeUuid(el_0.topicId);
      w.writeInt16(el_0.errorCode);
      w.writeCompactNullableString(el_0.errorMessage);
      w.writeInt32(el_0.numPartitions);
      w.writeInt16(el_0.replicationFactor);
      {
        const arr_1 = el_0.configs;
        if (arr_1 === null) {
          w.writeCompactArrayLength(-1);
        } else {
          w.writeCompactArrayLength(arr_1.length);
          for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
            const el_1 = arr_1[i_1];
            w.writeCompactString(el_1.name);
            w.writeCompactNullableString(el_1.value);
            w.writeBool(el_1.readOnly);
            w.writeInt8(el_1.configSource);
            w.writeBool(el_1.isSensitive);
            w.writeUVarint(0);
          }
        }
      }
      let tags_1 = 0;
      if (el_0.topicConfigErrorCode !== 0) tags_1++;
      w.writeUVarint(tags_1);
      if (el_0.topicConfigErrorCode !== 0) {
        const tw_1 = new Writer();
        tw_1.writeInt16(el_0.topicConfigErrorCode);
        w.writeTaggedField(0, tw_1);
      }
    }
  }
  w.writeUVarint(0);
}

export function decodeCreateTopicsResponseV7(r: Reader): CreateTopicsResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_topics_0_n = r.readCompactArrayLength(28);
  const f_topics_0_a: CreateTopicsResponseCreatableTopicResult[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readCompactString();
    const f_topicId_1 = r.readUuid();
    const f_errorCode_1 = r.readInt16();
    const f_errorMessage_1 = r.readCompactNullableString();
    const f_numPartitions_1 = r.readInt32();
    const f_replicationFactor_1 = r.readInt16();
    const f_configs_1_n = r.readCompactNullableArrayLength(6);
    const f_configs_1_a: CreateTopicsResponseCreatableTopicConfigs[] = [];
    for (let i_1 = 0; i_1 < f_configs_1_n; i_1++) {
      const f_name_2 = r.readCompactString();
      const f_value_2 = r.readCompactNullableString();
      const f_readOnly_2 = r.readBool();
      const f_configSource_2 = r.readInt8();
      const f_isSensitive_2 = r.readBool();
      r.skipTaggedFields();
      f_configs_1_a.push({ name: f_name_2, value: f_value_2, readOnly: f_readOnly_2, configSource: f_configSource_2, isSensitive: f_isSensitive_2 });
    }
    const f_configs_1 = f_configs_1_n < 0 ? null : f_configs_1_a;
    let f_topicConfigErrorCode_1: number = 0;
    const tagCount_1 = r.readUVarint();
    for (let t_1 = 0; t_1 < tagCount_1; t_1++) {
      const tag_1 = r.readUVarint();
      const end_1 = r.pushLimit(r.readUVarint());
      switch (tag_1) {
        case 0: {
          f_topicConfigErrorCode_1 = r.readInt16();
          break;
        }
        default:
          break;
      }
      r.popLimit(end_1);
    }
    f_topics_0_a.push({ name: f_name_1, topicId: f_topicId_1, errorCode: f_errorCode_1, errorMessage: f_errorMessage_1, topicConfigErrorCode: f_topicConfigErrorCode_1, numPartitions: f_numPartitions_1, replicationFactor: f_replicationFactor_1, configs: f_configs_1 });
  }
  const f_topics_0 = f_topics_0_a;
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, topics: f_topics_0 };
}

const createTopicsResponseCodecV7: Codec<CreateTopicsResponse, CreateTopicsResponse> = { encode: encodeCreateTopicsResponseV7, decode: decodeCreateTopicsResponseV7 };

/** CreateTopicsResponse codecs indexed by version (0-7). */
export const createTopicsResponseCodecs: readonly (Codec<CreateTopicsResponse, CreateTopicsResponse> | undefined)[] = [
  createTopicsResponseCodecV0,
  createTopicsResponseCodecV1,
  createTopicsResponseCodecV2To4,
  createTopicsResponseCodecV2To4,
  createTopicsResponseCodecV2To4,
  createTopicsResponseCodecV5To6,
  createTopicsResponseCodecV5To6,
  createTopicsResponseCodecV7,
];

/** CreateTopics (API key 19): both directions, every version of Kafka 3.8.0. */
export const createTopicsApi: ApiCodecs = {
  apiKey: 19,
  name: "CreateTopics",
  minVersion: 0,
  maxVersion: 7,
  requestFlexibleMin: 5,
  responseFlexibleMin: 5,
  request: createTopicsRequestCodecs,
  response: createTopicsResponseCodecs,
};
