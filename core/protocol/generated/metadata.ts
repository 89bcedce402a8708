// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): MetadataRequest.json, MetadataResponse.json.

import type { ApiCodecs, Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { nullField, type Writer } from '../writer.ts';
export interface MetadataRequest {
  /** The topics to fetch metadata for. (Versions 0+; nullable 1+.) */
  topics: MetadataRequestTopic[] | null;
  /** If this is true, the broker may auto-create topics that we requested which do not already exist, if it is configured to do so. (Versions 4+.) */
  allowAutoTopicCreation: boolean;
  /** Whether to include cluster authorized operations. (Versions 8-10.) */
  includeClusterAuthorizedOperations: boolean;
  /** Whether to include topic authorized operations. (Versions 8+.) */
  includeTopicAuthorizedOperations: boolean;
}

export interface MetadataRequestTopic {
  /** The topic id. (Versions 10+.) */
  topicId: string;
  /** The topic name. (Versions 0+; nullable 10+.) */
  name: string | null;
}

/** MetadataRequest versions 0. */
export function encodeMetadataRequestV0(w: Writer, v: MetadataRequest): void {
  {
    const arr_0 = (v.topics ?? nullField("MetadataRequest.Topics"));
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString((el_0.name ?? nullField("MetadataRequest.Name")));
    }
  }
}

export function decodeMetadataRequestV0(r: Reader): MetadataRequest {
  const f_topics_0_n = r.readArrayLength(2);
  const f_topics_0_a: MetadataRequestTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    f_topics_0_a.push({ topicId: "00000000-0000-0000-0000-000000000000", name: f_name_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { topics: f_topics_0, allowAutoTopicCreation: true, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false };
}

const metadataRequestCodecV0: Codec<MetadataRequest, MetadataRequest> = { encode: encodeMetadataRequestV0, decode: decodeMetadataRequestV0 };

/** MetadataRequest versions 1-3. */
export function encodeMetadataRequestV1To3(w: Writer, v: MetadataRequest): void {
  {
    const arr_0 = v.topics;
    if (arr_0 === null) {
      w.writeArrayLength(-1);
    } else {
      w.writeArrayLength(arr_0.length);
      for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
        const el_0 = arr_0[i_0];
        w.writeString((el_0.name ?? nullField("MetadataRequest.Name")));
      }
    }
  }
}

export function decodeMetadataRequestV1To3(r: Reader): MetadataRequest {
  const f_topics_0_n = r.readNullableArrayLength(2);
  const f_topics_0_a: MetadataRequestTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    f_topics_0_a.push({ topicId: "00000000-0000-0000-0000-000000000000", name: f_name_1 });
  }
  const f_topics_0 = f_topics_0_n < 0 ? null : f_topics_0_a;
  return { topics: f_topics_0, allowAutoTopicCreation: true, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false };
}

const metadataRequestCodecV1To3: Codec<MetadataRequest, MetadataRequest> = { encode: encodeMetadataRequestV1To3, decode: decodeMetadataRequestV1To3 };

/** MetadataRequest versions 4-7. */
export function encodeMetadataRequestV4To7(w: Writer, v: MetadataRequest): void {
  {
    const arr_0 = v.topics;
    if (arr_0 === null) {
      w.writeArrayLength(-1);
    } else {
      w.writeArrayLength(arr_0.length);
      for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
        const el_0 = arr_0[i_0];
        w.writeString((el_0.name ?? nullField("MetadataRequest.Name")));
      }
    }
  }
  w.writeBool(v.allowAutoTopicCreation);
}

export function decodeMetadataRequestV4To7(r: Reader): MetadataRequest {
  const f_topics_0_n = r.readNullableArrayLength(2);
  const f_topics_0_a: MetadataRequestTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    f_topics_0_a.push({ topicId: "00000000-0000-0000-0000-000000000000", name: f_name_1 });
  }
  const f_topics_0 = f_topics_0_n < 0 ? null : f_topics_0_a;
  const f_allowAutoTopicCreation_0 = r.readBool();
  return { topics: f_topics_0, allowAutoTopicCreation: f_allowAutoTopicCreation_0, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false };
}

const metadataRequestCodecV4To7: Codec<MetadataRequest, MetadataRequest> = { encode: encodeMetadataRequestV4To7, decode: decodeMetadataRequestV4To7 };

/** MetadataRequest versions 8. */
export function encodeMetadataRequestV8(w: Writer, v: MetadataRequest): void {
  {
    const arr_0 = v.topics;
    if (arr_0 === null) {
      w.writeArrayLength(-1);
    } else {
      w.writeArrayLength(arr_0.length);
      for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
        const el_0 = arr_0[i_0];
        w.writeString((el_0.name ?? nullField("MetadataRequest.Name")));
      }
    }
  }
  w.writeBool(v.allowAutoTopicCreation);
  w.writeBool(v.includeClusterAuthorizedOperations);
  w.writeBool(v.includeTopicAuthorizedOperations);
}

export function decodeMetadataRequestV8(r: Reader): MetadataRequest {
  const f_topics_0_n = r.readNullableArrayLength(2);
  const f_topics_0_a: MetadataRequestTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readString();
    f_topics_0_a.push({ topicId: "00000000-0000-0000-0000-000000000000", name: f_name_1 });
  }
  const f_topics_0 = f_topics_0_n < 0 ? null : f_topics_0_a;
  const f_allowAutoTopicCreation_0 = r.readBool();
  const f_includeClusterAuthorizedOperations_0 = r.readBool();
  const f_includeTopicAuthorizedOperations_0 = r.readBool();
  return { topics: f_topics_0, allowAutoTopicCreation: f_allowAutoTopicCreation_0, includeClusterAuthorizedOperations: f_includeClusterAuthorizedOperations_0, includeTopicAuthorizedOperations: f_includeTopicAuthorizedOperations_0 };
}

const metadataRequestCodecV8: Codec<MetadataRequest, MetadataRequest> = { encode: encodeMetadataRequestV8, decode: decodeMetadataRequestV8 };

/** MetadataRequest versions 9. */
export function encodeMetadataRequestV9(w: Writer, v: MetadataRequest): void {
  {
    const arr_0 = v.topics;
    if (arr_0 === null) {
      w.writeCompactArrayLength(-1);
    } else {
      w.writeCompactArrayLength(arr_0.length);
      for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
        const el_0 = arr_0[i_0];
        w.writeCompactString((el_0.name ?? nullField("MetadataRequest.Name")));
        w.writeUVarint(0);
      }
    }
  }
  w.writeBool(v.allowAutoTopicCreation);
  w.writeBool(v.includeClusterAuthorizedOperations);
  w.writeBool(v.includeTopicAuthorizedOperations);
  w.writeUVarint(0);
}

export function decodeMetadataRequestV9(r: Reader): MetadataRequest {
  const f_topics_0_n = r.readCompactNullableArrayLength(2);
  const f_topics_0_a: MetadataRequestTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_name_1 = r.readCompactString();
    r.skipTaggedFields();
    f_topics_0_a.push({ topicId: "00000000-0000-0000-0000-000000000000", name: f_name_1 });
  }
  const f_topics_0 = f_topics_0_n < 0 ? null : f_topics_0_a;
  const f_allowAutoTopicCreation_0 = r.readBool();
  const f_includeClusterAuthorizedOperations_0 = r.readBool();
  const f_includeTopicAuthorizedOperations_0 = r.readBool();
  r.skipTaggedFields();
  return { topics: f_topics_0, allowAutoTopicCreation: f_allowAutoTopicCreation_0, includeClusterAuthorizedOperations: f_includeClusterAuthorizedOperations_0, includeTopicAuthorizedOperations: f_includeTopicAuthorizedOperations_0 };
}

const metadataRequestCodecV9: Codec<MetadataRequest, MetadataRequest> = { encode: encodeMetadataRequestV9, decode: decodeMetadataRequestV9 };

/** MetadataRequest versions 10. */
export function encodeMetadataRequestV10(w: Writer, v: MetadataRequest): void {
  {
    const arr_0 = v.topics;
    if (arr_0 === null) {
      w.writeCompactArrayLength(-1);
    } else {
      w.writeCompactArrayLength(arr_0.length);
      for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
        const el_0 = arr_0[i_0];
        w.writeUuid(el_0.topicId);
        w.writeCompactNullableString(el_0.name);
        w.writeUVarint(0);
      }
    }
  }
  w.writeBool(v.allowAutoTopicCreation);
  w.writeBool(v.includeClusterAuthorizedOperations);
  w.writeBool(v.includeTopicAuthorizedOperations);
  w.writeUVarint(0);
}

export function decodeMetadataRequestV10(r: Reader): MetadataRequest {
  const f_topics_0_n = r.readCompactNullableArrayLength(18);
  const f_topics_0_a: MetadataRequestTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_topicId_1 = r.readUuid();
    const f_name_1 = r.readCompactNullableString();
    r.skipTaggedFields();
    f_topics_0_a.push({ topicId: f_topicId_1, name: f_name_1 });
  }
  const f_topics_0 = f_topics_0_n < 0 ? null : f_topics_0_a;
  const f_allowAutoTopicCreation_0 = r.readBool();
  const f_includeClusterAuthorizedOperations_0 = r.readBool();
  const f_includeTopicAuthorizedOperations_0 = r.readBool();
  r.skipTaggedFields();
  return { topics: f_topics_0, allowAutoTopicCreation: f_allowAutoTopicCreation_0, includeClusterAuthorizedOperations: f_includeClusterAuthorizedOperations_0, includeTopicAuthorizedOperations: f_includeTopicAuthorizedOperations_0 };
}

const metadataRequestCodecV10: Codec<MetadataRequest, MetadataRequest> = { encode: encodeMetadataRequestV10, decode: decodeMetadataRequestV10 };

/** MetadataRequest versions 11-12. */
export function encodeMetadataRequestV11To12(w: Writer, v: MetadataRequest): void {
  {
    const arr_0 = v.topics;
    if (arr_0 === null) {
      w.writeCompactArrayLength(-1);
    } else {
      w.writeCompactArrayLength(arr_0.length);
      for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
        const el_0 = arr_0[i_0];
        w.writeUuid(el_0.topicId);
        w.writeCompactNullableString(el_0.name);
        w.writeUVarint(0);
      }
    }
  }
  w.writeBool(v.allowAutoTopicCreation);
  w.writeBool(v.includeTopicAuthorizedOperations);
  w.writeUVarint(0);
}

export function decodeMetadataRequestV11To12(r: Reader): MetadataRequest {
  const f_topics_0_n = r.readCompactNullableArrayLength(18);
  const f_topics_0_a: MetadataRequestTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_topicId_1 = r.readUuid();
    const f_name_1 = r.readCompactNullableString();
    r.skipTaggedFields();
    f_topics_0_a.push({ topicId: f_topicId_1, name: f_name_1 });
  }
  const f_topics_0 = f_topics_0_n < 0 ? null : f_topics_0_a;
  const f_allowAutoTopicCreation_0 = r.readBool();
  const f_includeTopicAuthorizedOperations_0 = r.readBool();
  r.skipTaggedFields();
  return { topics: f_topics_0, allowAutoTopicCreation: f_allowAutoTopicCreation_0, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: f_includeTopicAuthorizedOperations_0 };
}

const metadataRequestCodecV11To12: Codec<MetadataRequest, MetadataRequest> = { encode: encodeMetadataRequestV11To12, decode: decodeMetadataRequestV11To12 };

/** MetadataRequest codecs indexed by version (0-12). */
export const metadataRequestCodecs: readonly (Codec<MetadataRequest, MetadataRequest> | undefined)[] = [
  metadataRequestCodecV0,
  metadataRequestCodecV1To3,
  metadataRequestCodecV1To3,
  metadataRequestCodecV1To3,
  metadataRequestCodecV4To7,
  metadataRequestCodecV4To7,
  metadataRequestCodecV4To7,
  metadataRequestCodecV4To7,
  metadataRequestCodecV8,
  metadataRequestCodecV9,
  metadataRequestCodecV10,
  metadataRequestCodecV11To12,
  metadataRequestCodecV11To12,
];

export interface MetadataResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (Versions 3+.) */
  throttleTimeMs: number;
  /** A list of brokers present in the cluster. (Versions 0+.) */
  brokers: MetadataResponseBroker[];
  /** The cluster ID that responding broker belongs to. (Versions 2+; nullable 2+.) */
  clusterId: string | null;
  /** The ID of the controller broker. (Versions 1+.) */
  controllerId: number;
  /** Each topic in the response. (Versions 0+.) */
  topics: MetadataResponseTopic[];
  /** 32-bit bitfield to represent authorized operations for this cluster. (Versions 8-10.) */
  clusterAuthorizedOperations: number;
}

export interface MetadataResponseBroker {
  /** The broker ID. (Versions 0+.) */
  nodeId: number;
  /** The broker hostname. (Versions 0+.) */
  host: string;
  /** The broker port. (Versions 0+.) */
  port: number;
  /** The rack of the broker, or null if it has not been assigned to a rack. (Versions 1+; nullable 1+.) */
  rack: string | null;
}

export interface MetadataResponseTopic {
  /** The topic error, or 0 if there was no error. (Versions 0+.) */
  errorCode: number;
  /** The topic name. Null for non-existing topics queried by ID. This is never null when ErrorCode is zero. One of Name and TopicId is always populated. (Versions 0+; nullable 12+.) */
  name: string | null;
  /** The topic id. Zero for non-existing topics queried by name. This is never zero when ErrorCode is zero. One of Name and TopicId is always populated. (Versions 10+.) */
  topicId: string;
  /** True if the topic is internal. (Versions 1+.) */
  isInternal: boolean;
  /** Each partition in the topic. (Versions 0+.) */
  partitions: MetadataResponsePartition[];
  /** 32-bit bitfield to represent authorized operations for this topic. (Versions 8+.) */
  topicAuthorizedOperations: number;
}

export interface MetadataResponsePartition {
  /** The partition error, or 0 if there was no error. (Versions 0+.) */
  errorCode: number;
  /** The partition index. (Versions 0+.) */
  partitionIndex: number;
  /** The ID of the leader broker. (Versions 0+.) */
  leaderId: number;
  /** The leader epoch of this partition. (Versions 7+.) */
  leaderEpoch: number;
  /** The set of all nodes that host this partition. (Versions 0+.) */
  replicaNodes: number[];
  /** The set of nodes that are in sync with the leader for this partition. (Versions 0+.) */
  isrNodes: number[];
  /** The set of offline replicas of this partition. (Versions 5+.) */
  offlineReplicas: number[];
}

/** MetadataResponse versions 0. */
export function encodeMetadataResponseV0(w: Writer, v: MetadataResponse): void {
  {
    const arr_0 = v.brokers;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt32(el_0.nodeId);
      w.writeString(el_0.host);
      w.writeInt32(el_0.port);
    }
  }
  {
    const arr_0 = v.topics;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt16(el_0.errorCode);
      w.writeString((el_0.name ?? nullField("MetadataResponse.Name")));
      {
        const arr_1 = el_0.partitions;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt16(el_1.errorCode);
          w.writeInt32(el_1.partitionIndex);
          w.writeInt32(el_1.leaderId);
          {
            const arr_2 = el_1.replicaNodes;
            w.writeArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              w.writeInt32(arr_2[i_2]);
            }
          }
          {
            const arr_2 = el_1.isrNodes;
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

export function decodeMetadataResponseV0(r: Reader): MetadataResponse {
  const f_brokers_0_n = r.readArrayLength(10);
  const f_brokers_0_a: MetadataResponseBroker[] = [];
  for (let i_0 = 0; i_0 < f_brokers_0_n; i_0++) {
    const f_nodeId_1 = r.readInt32();
    const f_host_1 = r.readString();
    const f_port_1 = r.readInt32();
    f_brokers_0_a.push({ nodeId: f_nodeId_1, host: f_host_1, port: f_port_1, rack: null });
  }
  const f_brokers_0 = f_brokers_0_a;
  const f_topics_0_n = r.readArrayLength(8);
  const f_topics_0_a: MetadataResponseTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_errorCode_1 = r.readInt16();
    const f_name_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(18);
    const f_partitions_1_a: MetadataResponsePartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_errorCode_2 = r.readInt16();
      const f_partitionIndex_2 = r.readInt32();
      const f_leaderId_2 = r.readInt32();
      const f_replicaNodes_2_n = r.readArrayLength(4);
      const f_replicaNodes_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_replicaNodes_2_n; i_2++) {
        f_replicaNodes_2_a.push(r.readInt32());
      }
      const f_replicaNodes_2 = f_replicaNodes_2_a;
      const f_isrNodes_2_n = r.readArrayLength(4);
      const f_isrNodes_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_isrNodes_2_n; i_2++) {
        f_isrNodes_2_a.push(r.readInt32());
      }
      const f_isrNodes_2 = f_isrNodes_2_a;
      f_partitions_1_a.push({ errorCode: f_errorCode_2, partitionIndex: f_partitionIndex_2, leaderId: f_leaderId_2, leaderEpoch: -1, replicaNodes: f_replicaNodes_2, isrNodes: f_isrNodes_2, offlineReplicas: [] });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ errorCode: f_errorCode_1, name: f_name_1, topicId: "00000000-0000-0000-0000-000000000000", isInternal: false, partitions: f_partitions_1, topicAuthorizedOperations: -2147483648 });
  }
  const f_topics_0 = f_topics_0_a;
  return { throttleTimeMs: 0, brokers: f_brokers_0, clusterId: null, controllerId: -1, topics: f_topics_0, clusterAuthorizedOperations: -2147483648 };
}

const metadataResponseCodecV0: Codec<MetadataResponse, MetadataResponse> = { encode: encodeMetadataResponseV0, decode: decodeMetadataResponseV0 };

/** MetadataResponse versions 1. */
export function encodeMetadataResponseV1(w: Writer, v: MetadataResponse): void {
  {
    const arr_0 = v.brokers;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt32(el_0.nodeId);
      w.writeString(el_0.host);
      w.writeInt32(el_0.port);
      w.writeNullableString(el_0.rack);
    }
  }
  w.writeInt32(v.controllerId);
  {
    const arr_0 = v.topics;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt16(el_0.errorCode);
      w.writeString((el_0.name ?? nullField("MetadataResponse.Name")));
      w.writeBool(el_0.isInternal);
      {
        const arr_1 = el_0.partitions;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt16(el_1.errorCode);
          w.writeInt32(el_1.partitionIndex);
          w.writeInt32(el_1.leaderId);
          {
            const arr_2 = el_1.replicaNodes;
            w.writeArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              w.writeInt32(arr_2[i_2]);
            }
          }
          {
            const arr_2 = el_1.isrNodes;
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

export function decodeMetadataResponseV1(r: Reader): MetadataResponse {
  const f_brokers_0_n = r.readArrayLength(12);
  const f_brokers_0_a: MetadataResponseBroker[] = [];
  for (let i_0 = 0; i_0 < f_brokers_0_n; i_0++) {
    const f_nodeId_1 = r.readInt32();
    const f_host_1 = r.readString();
    const f_port_1 = r.readInt32();
    const f_rack_1 = r.readNullableString();
    f_brokers_0_a.push({ nodeId: f_nodeId_1, host: f_host_1, port: f_port_1, rack: f_rack_1 });
  }
  const f_brokers_0 = f_brokers_0_a;
  const f_controllerId_0 = r.readInt32();
  const f_topics_0_n = r.readArrayLength(9);
  const f_topics_0_a: MetadataResponseTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_errorCode_1 = r.readInt16();
    const f_name_1 = r.readString();
    const f_isInternal_1 = r.readBool();
    const f_partitions_1_n = r.readArrayLength(18);
    const f_partitions_1_a: MetadataResponsePartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_errorCode_2 = r.readInt16();
      const f_partitionIndex_2 = r.readInt32();
      const f_leaderId_2 = r.readInt32();
      const f_replicaNodes_2_n = r.readArrayLength(4);
      const f_replicaNodes_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_replicaNodes_2_n; i_2++) {
        f_replicaNodes_2_a.push(r.readInt32());
      }
      const f_replicaNodes_2 = f_replicaNodes_2_a;
      const f_isrNodes_2_n = r.readArrayLength(4);
      const f_isrNodes_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_isrNodes_2_n; i_2++) {
        f_isrNodes_2_a.push(r.readInt32());
      }
      const f_isrNodes_2 = f_isrNodes_2_a;
      f_partitions_1_a.push({ errorCode: f_errorCode_2, partitionIndex: f_partitionIndex_2, leaderId: f_leaderId_2, leaderEpoch: -1, replicaNodes: f_replicaNodes_2, isrNodes: f_isrNodes_2, offlineReplicas: [] });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ errorCode: f_errorCode_1, name: f_name_1, topicId: "00000000-0000-0000-0000-000000000000", isInternal: f_isInternal_1, partitions: f_partitions_1, topicAuthorizedOperations: -2147483648 });
  }
  const f_topics_0 = f_topics_0_a;
  return { throttleTimeMs: 0, brokers: f_brokers_0, clusterId: null, controllerId: f_controllerId_0, topics: f_topics_0, clusterAuthorizedOperations: -2147483648 };
}

const metadataResponseCodecV1: Codec<MetadataResponse, MetadataResponse> = { encode: encodeMetadataResponseV1, decode: decodeMetadataResponseV1 };

/** MetadataResponse versions 2. */
export function encodeMetadataResponseV2(w: Writer, v: MetadataResponse): void {
  {
    const arr_0 = v.brokers;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt32(el_0.nodeId);
      w.writeString(el_0.host);
      w.writeInt32(el_0.port);
      w.writeNullableString(el_0.rack);
    }
  }
  w.writeNullableString(v.clusterId);
  w.writeInt32(v.controllerId);
  {
    const arr_0 = v.topics;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt16(el_0.errorCode);
      w.writeString((el_0.name ?? nullField("MetadataResponse.Name")));
      w.writeBool(el_0.isInternal);
      {
        const arr_1 = el_0.partitions;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt16(el_1.errorCode);
          w.writeInt32(el_1.partitionIndex);
          w.writeInt32(el_1.leaderId);
          {
            const arr_2 = el_1.replicaNodes;
            w.writeArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              w.writeInt32(arr_2[i_2]);
            }
          }
          {
            const arr_2 = el_1.isrNodes;
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

export function decodeMetadataResponseV2(r: Reader): MetadataResponse {
  const f_brokers_0_n = r.readArrayLength(12);
  const f_brokers_0_a: MetadataResponseBroker[] = [];
  for (let i_0 = 0; i_0 < f_brokers_0_n; i_0++) {
    const f_nodeId_1 = r.readInt32();
    const f_host_1 = r.readString();
    const f_port_1 = r.readInt32();
    const f_rack_1 = r.readNullableString();
    f_brokers_0_a.push({ nodeId: f_nodeId_1, host: f_host_1, port: f_port_1, rack: f_rack_1 });
  }
  const f_brokers_0 = f_brokers_0_a;
  const f_clusterId_0 = r.readNullableString();
  const f_controllerId_0 = r.readInt32();
  const f_topics_0_n = r.readArrayLength(9);
  const f_topics_0_a: MetadataResponseTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_errorCode_1 = r.readInt16();
    const f_name_1 = r.readString();
    const f_isInternal_1 = r.readBool();
    const f_partitions_1_n = r.readArrayLength(18);
    const f_partitions_1_a: MetadataResponsePartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_errorCode_2 = r.readInt16();
      const f_partitionIndex_2 = r.readInt32();
      const f_leaderId_2 = r.readInt32();
      const f_replicaNodes_2_n = r.readArrayLength(4);
      const f_replicaNodes_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_replicaNodes_2_n; i_2++) {
        f_replicaNodes_2_a.push(r.readInt32());
      }
      const f_replicaNodes_2 = f_replicaNodes_2_a;
      const f_isrNodes_2_n = r.readArrayLength(4);
      const f_isrNodes_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_isrNodes_2_n; i_2++) {
        f_isrNodes_2_a.push(r.readInt32());
      }
      const f_isrNodes_2 = f_isrNodes_2_a;
      f_partitions_1_a.push({ errorCode: f_errorCode_2, partitionIndex: f_partitionIndex_2, leaderId: f_leaderId_2, leaderEpoch: -1, replicaNodes: f_replicaNodes_2, isrNodes: f_isrNodes_2, offlineReplicas: [] });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ errorCode: f_errorCode_1, name: f_name_1, topicId: "00000000-0000-0000-0000-000000000000", isInternal: f_isInternal_1, partitions: f_partitions_1, topicAuthorizedOperations: -2147483648 });
  }
  const f_topics_0 = f_topics_0_a;
  return { throttleTimeMs: 0, brokers: f_brokers_0, clusterId: f_clusterId_0, controllerId: f_controllerId_0, topics: f_topics_0, clusterAuthorizedOperations: -2147483648 };
}

const metadataResponseCodecV2: Codec<MetadataResponse, MetadataResponse> = { encode: encodeMetadataResponseV2, decode: decodeMetadataResponseV2 };

/** MetadataResponse versions 3-4. */
export function encodeMetadataResponseV3To4(w: Writer, v: MetadataResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.brokers;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt32(el_0.nodeId);
      w.writeString(el_0.host);
      w.writeInt32(el_0.port);
      w.writeNullableString(el_0.rack);
    }
  }
  w.writeNullableString(v.clusterId);
  w.writeInt32(v.controllerId);
  {
    const arr_0 = v.topics;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt16(el_0.errorCode);
      w.writeString((el_0.name ?? nullField("MetadataResponse.Name")));
      w.writeBool(el_0.isInternal);
      {
        const arr_1 = el_0.partitions;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt16(el_1.errorCode);
          w.writeInt32(el_1.partitionIndex);
          w.writeInt32(el_1.leaderId);
          {
            const arr_2 = el_1.replicaNodes;
            w.writeArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              w.writeInt32(arr_2[i_2]);
            }
          }
          {
            const arr_2 = el_1.isrNodes;
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

export function decodeMetadataResponseV3To4(r: Reader): MetadataResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_brokers_0_n = r.readArrayLength(12);
  const f_brokers_0_a: MetadataResponseBroker[] = [];
  for (let i_0 = 0; i_0 < f_brokers_0_n; i_0++) {
    const f_nodeId_1 = r.readInt32();
    const f_host_1 = r.readString();
    const f_port_1 = r.readInt32();
    const f_rack_1 = r.readNullableString();
    f_brokers_0_a.push({ nodeId: f_nodeId_1, host: f_host_1, port: f_port_1, rack: f_rack_1 });
  }
  const f_brokers_0 = f_brokers_0_a;
  const f_clusterId_0 = r.readNullableString();
  const f_controllerId_0 = r.readInt32();
  const f_topics_0_n = r.readArrayLength(9);
  const f_topics_0_a: MetadataResponseTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_errorCode_1 = r.readInt16();
    const f_name_1 = r.readString();
    const f_isInternal_1 = r.readBool();
    const f_partitions_1_n = r.readArrayLength(18);
    const f_partitions_1_a: MetadataResponsePartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_errorCode_2 = r.readInt16();
      const f_partitionIndex_2 = r.readInt32();
      const f_leaderId_2 = r.readInt32();
      const f_replicaNodes_2_n = r.readArrayLength(4);
      const f_replicaNodes_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_replicaNodes_2_n; i_2++) {
        f_replicaNodes_2_a.push(r.readInt32());
      }
      const f_replicaNodes_2 = f_replicaNodes_2_a;
      const f_isrNodes_2_n = r.readArrayLength(4);
      const f_isrNodes_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_isrNodes_2_n; i_2++) {
        f_isrNodes_2_a.push(r.readInt32());
      }
      const f_isrNodes_2 = f_isrNodes_2_a;
      f_partitions_1_a.push({ errorCode: f_errorCode_2, partitionIndex: f_partitionIndex_2, leaderId: f_leaderId_2, leaderEpoch: -1, replicaNodes: f_replicaNodes_2, isrNodes: f_isrNodes_2, offlineReplicas: [] });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ errorCode: f_errorCode_1, name: f_name_1, topicId: "00000000-0000-0000-0000-000000000000", isInternal: f_isInternal_1, partitions: f_partitions_1, topicAuthorizedOperations: -2147483648 });
  }
  const f_topics_0 = f_topics_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, brokers: f_brokers_0, clusterId: f_clusterId_0, controllerId: f_controllerId_0, topics: f_topics_0, clusterAuthorizedOperations: -2147483648 };
}

const metadataResponseCodecV3To4: Codec<MetadataResponse, MetadataResponse> = { encode: encodeMetadataResponseV3To4, decode: decodeMetadataResponseV3To4 };

/** MetadataResponse versions 5-6. */
export function encodeMetadataResponseV5To6(w: Writer, v: MetadataResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.brokers;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt32(el_0.nodeId);
      w.writeString(el_0.host);
      w.writeInt32(el_0.port);
      w.writeNullableString(el_0.rack);
    }
  }
  w.writeNullableString(v.clusterId);
  w.writeInt32(v.controllerId);
  {
    const arr_0 = v.topics;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt16(el_0.errorCode);
      w.writeString((el_0.name ?? nullField("MetadataResponse.Name")));
      w.writeBool(el_0.isInternal);
      {
        const arr_1 = el_0.partitions;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt16(el_1.errorCode);
          w.writeInt32(el_1.partitionIndex);
          w.writeInt32(el_1.leaderId);
          {
            const arr_2 = el_1.replicaNodes;
            w.writeArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              w.writeInt32(arr_2[i_2]);
            }
          }
          {
            const arr_2 = el_1.isrNodes;
            w.writeArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              w.writeInt32(arr_2[i_2]);
            }
          }
          {
            const arr_2 = el_1.offlineReplicas;
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

export function decodeMetadataResponseV5To6(r: Reader): MetadataResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_brokers_0_n = r.readArrayLength(12);
  const f_brokers_0_a: MetadataResponseBroker[] = [];
  for (let i_0 = 0; i_0 < f_brokers_0_n; i_0++) {
    const f_nodeId_1 = r.readInt32();
    const f_host_1 = r.readString();
    const f_port_1 = r.readInt32();
    const f_rack_1 = r.readNullableString();
    f_brokers_0_a.push({ nodeId: f_nodeId_1, host: f_host_1, port: f_port_1, rack: f_rack_1 });
  }
  const f_brokers_0 = f_brokers_0_a;
  const f_clusterId_0 = r.readNullableString();
  const f_controllerId_0 = r.readInt32();
  const f_topics_0_n = r.readArrayLength(9);
  const f_topics_0_a: MetadataResponseTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_errorCode_1 = r.readInt16();
    const f_name_1 = r.readString();
    const f_isInternal_1 = r.readBool();
    const f_partitions_1_n = r.readArrayLength(22);
    const f_partitions_1_a: MetadataResponsePartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_errorCode_2 = r.readInt16();
      const f_partitionIndex_2 = r.readInt32();
      const f_leaderId_2 = r.readInt32();
      const f_replicaNodes_2_n = r.readArrayLength(4);
      const f_replicaNodes_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_replicaNodes_2_n; i_2++) {
        f_replicaNodes_2_a.push(r.readInt32());
      }
      const f_replicaNodes_2 = f_replicaNodes_2_a;
      const f_isrNodes_2_n = r.readArrayLength(4);
      const f_isrNodes_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_isrNodes_2_n; i_2++) {
        f_isrNodes_2_a.push(r.readInt32());
      }
      const f_isrNodes_2 = f_isrNodes_2_a;
      const f_offlineReplicas_2_n = r.readArrayLength(4);
      const f_offlineReplicas_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_offlineReplicas_2_n; i_2++) {
        f_offlineReplicas_2_a.push(r.readInt32());
      }
      const f_offlineReplicas_2 = f_offlineReplicas_2_a;
      f_partitions_1_a.push({ errorCode: f_errorCode_2, partitionIndex: f_partitionIndex_2, leaderId: f_leaderId_2, leaderEpoch: -1, replicaNodes: f_replicaNodes_2, isrNodes: f_isrNodes_2, offlineReplicas: f_offlineReplicas_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ errorCode: f_errorCode_1, name: f_name_1, topicId: "00000000-0000-0000-0000-000000000000", isInternal: f_isInternal_1, partitions: f_partitions_1, topicAuthorizedOperations: -2147483648 });
  }
  const f_topics_0 = f_topics_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, brokers: f_brokers_0, clusterId: f_clusterId_0, controllerId: f_controllerId_0, topics: f_topics_0, clusterAuthorizedOperations: -2147483648 };
}

const metadataResponseCodecV5To6: Codec<MetadataResponse, MetadataResponse> = { encode: encodeMetadataResponseV5To6, decode: decodeMetadataResponseV5To6 };

/** MetadataResponse versions 7. */
export function encodeMetadataResponseV7(w: Writer, v: MetadataResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.brokers;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt32(el_0.nodeId);
      w.writeString(el_0.host);
      w.writeInt32(el_0.port);
      w.writeNullableString(el_0.rack);
    }
  }
  w.writeNullableString(v.clusterId);
  w.writeInt32(v.controllerId);
  {
    const arr_0 = v.topics;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt16(el_0.errorCode);
      w.writeString((el_0.name ?? nullField("MetadataResponse.Name")));
      w.writeBool(el_0.isInternal);
      {
        const arr_1 = el_0.partitions;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt16(el_1.errorCode);
          w.writeInt32(el_1.partitionIndex);
          w.writeInt32(el_1.leaderId);
          w.writeInt32(el_1.leaderEpoch);
          {
            const arr_2 = el_1.replicaNodes;
            w.writeArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              w.writeInt32(arr_2[i_2]);
            }
          }
          {
            const arr_2 = el_1.isrNodes;
            w.writeArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              w.writeInt32(arr_2[i_2]);
            }
          }
          {
            const arr_2 = el_1.offlineReplicas;
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

export function decodeMetadataResponseV7(r: Reader): MetadataResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_brokers_0_n = r.readArrayLength(12);
  const f_brokers_0_a: MetadataResponseBroker[] = [];
  for (let i_0 = 0; i_0 < f_brokers_0_n; i_0++) {
    const f_nodeId_1 = r.readInt32();
    const f_host_1 = r.readString();
    const f_port_1 = r.readInt32();
    const f_rack_1 = r.readNullableString();
    f_brokers_0_a.push({ nodeId: f_nodeId_1, host: f_host_1, port: f_port_1, rack: f_rack_1 });
  }
  const f_brokers_0 = f_brokers_0_a;
  const f_clusterId_0 = r.readNullableString();
  const f_controllerId_0 = r.readInt32();
  const f_topics_0_n = r.readArrayLength(9);
  const f_topics_0_a: MetadataResponseTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_errorCode_1 = r.readInt16();
    const f_name_1 = r.readString();
    const f_isInternal_1 = r.readBool();
    const f_partitions_1_n = r.readArrayLength(26);
    const f_partitions_1_a: MetadataResponsePartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_errorCode_2 = r.readInt16();
      const f_partitionIndex_2 = r.readInt32();
      const f_leaderId_2 = r.readInt32();
      const f_leaderEpoch_2 = r.readInt32();
      const f_replicaNodes_2_n = r.readArrayLength(4);
      const f_replicaNodes_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_replicaNodes_2_n; i_2++) {
        f_replicaNodes_2_a.push(r.readInt32());
      }
      const f_replicaNodes_2 = f_replicaNodes_2_a;
      const f_isrNodes_2_n = r.readArrayLength(4);
      const f_isrNodes_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_isrNodes_2_n; i_2++) {
        f_isrNodes_2_a.push(r.readInt32());
      }
      const f_isrNodes_2 = f_isrNodes_2_a;
      const f_offlineReplicas_2_n = r.readArrayLength(4);
      const f_offlineReplicas_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_offlineReplicas_2_n; i_2++) {
        f_offlineReplicas_2_a.push(r.readInt32());
      }
      const f_offlineReplicas_2 = f_offlineReplicas_2_a;
      f_partitions_1_a.push({ errorCode: f_errorCode_2, partitionIndex: f_partitionIndex_2, leaderId: f_leaderId_2, leaderEpoch: f_leaderEpoch_2, replicaNodes: f_replicaNodes_2, isrNodes: f_isrNodes_2, offlineReplicas: f_offlineReplicas_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ errorCode: f_errorCode_1, name: f_name_1, topicId: "00000000-0000-0000-0000-000000000000", isInternal: f_isInternal_1, partitions: f_partitions_1, topicAuthorizedOperations: -2147483648 });
  }
  const f_topics_0 = f_topics_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, brokers: f_brokers_0, clusterId: f_clusterId_0, controllerId: f_controllerId_0, topics: f_topics_0, clusterAuthorizedOperations: -2147483648 };
}

const metadataResponseCodecV7: Codec<MetadataResponse, MetadataResponse> = { encode: encodeMetadataResponseV7, decode: decodeMetadataResponseV7 };

/** MetadataResponse versions 8. */
export function encodeMetadataResponseV8(w: Writer, v: MetadataResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.brokers;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt32(el_0.nodeId);
      w.writeString(el_0.host);
      w.writeInt32(el_0.port);
      w.writeNullableString(el_0.rack);
    }
  }
  w.writeNullableString(v.clusterId);
  w.writeInt32(v.controllerId);
  {
    const arr_0 = v.topics;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt16(el_0.errorCode);
      w.writeString((el_0.name ?? nullField("MetadataResponse.Name")));
      w.writeBool(el_0.isInternal);
      {
        const arr_1 = el_0.partitions;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt16(el_1.errorCode);
          w.writeInt32(el_1.partitionIndex);
          w.writeInt32(el_1.leaderId);
          w.writeInt32(el_1.leaderEpoch);
          {
            const arr_2 = el_1.replicaNodes;
            w.writeArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              w.writeInt32(arr_2[i_2]);
            }
          }
          {
            const arr_2 = el_1.isrNodes;
            w.writeArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              w.writeInt32(arr_2[i_2]);
            }
          }
          {
            const arr_2 = el_1.offlineReplicas;
            w.writeArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              w.writeInt32(arr_2[i_2]);
            }
          }
        }
      }
      w.writeInt32(el_0.topicAuthorizedOperations);
    }
  }
  w.writeInt32(v.clusterAuthorizedOperations);
}

export function decodeMetadataResponseV8(r: Reader): MetadataResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_brokers_0_n = r.readArrayLength(12);
  const f_brokers_0_a: MetadataResponseBroker[] = [];
  for (let i_0 = 0; i_0 < f_brokers_0_n; i_0++) {
    const f_nodeId_1 = r.readInt32();
    const f_host_1 = r.readString();
    const f_port_1 = r.readInt32();
    const f_rack_1 = r.readNullableString();
    f_brokers_0_a.push({ nodeId: f_nodeId_1, host: f_host_1, port: f_port_1, rack: f_rack_1 });
  }
  const f_brokers_0 = f_brokers_0_a;
  const f_clusterId_0 = r.readNullableString();
  const f_controllerId_0 = r.readInt32();
  const f_topics_0_n = r.readArrayLength(13);
  const f_topics_0_a: MetadataResponseTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_errorCode_1 = r.readInt16();
    const f_name_1 = r.readString();
    const f_isInternal_1 = r.readBool();
    const f_partitions_1_n = r.readArrayLength(26);
    const f_partitions_1_a: MetadataResponsePartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_errorCode_2 = r.readInt16();
      const f_partitionIndex_2 = r.readInt32();
      const f_leaderId_2 = r.readInt32();
      const f_leaderEpoch_2 = r.readInt32();
      const f_replicaNodes_2_n = r.readArrayLength(4);
      const f_replicaNodes_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_replicaNodes_2_n; i_2++) {
        f_replicaNodes_2_a.push(r.readInt32());
      }
      const f_replicaNodes_2 = f_replicaNodes_2_a;
      const f_isrNodes_2_n = r.readArrayLength(4);
      const f_isrNodes_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_isrNodes_2_n; i_2++) {
        f_isrNodes_2_a.push(r.readInt32());
      }
      const f_isrNodes_2 = f_isrNodes_2_a;
      const f_offlineReplicas_2_n = r.readArrayLength(4);
      const f_offlineReplicas_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_offlineReplicas_2_n; i_2++) {
        f_offlineReplicas_2_a.push(r.readInt32());
      }
      const f_offlineReplicas_2 = f_offlineReplicas_2_a;
      f_partitions_1_a.push({ errorCode: f_errorCode_2, partitionIndex: f_partitionIndex_2, leaderId: f_leaderId_2, leaderEpoch: f_leaderEpoch_2, replicaNodes: f_replicaNodes_2, isrNodes: f_isrNodes_2, offlineReplicas: f_offlineReplicas_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    const f_topicAuthorizedOperations_1 = r.readInt32();
    f_topics_0_a.push({ errorCode: f_errorCode_1, name: f_name_1, topicId: "00000000-0000-0000-0000-000000000000", isInternal: f_isInternal_1, partitions: f_partitions_1, topicAuthorizedOperations: f_topicAuthorizedOperations_1 });
  }
  const f_topics_0 = f_topics_0_a;
  const f_clusterAuthorizedOperations_0 = r.readInt32();
  return { throttleTimeMs: f_throttleTimeMs_0, brokers: f_brokers_0, clusterId: f_clusterId_0, controllerId: f_controllerId_0, topics: f_topics_0, clusterAuthorizedOperations: f_clusterAuthorizedOperations_0 };
}

const metadataResponseCodecV8: Codec<MetadataResponse, MetadataResponse> = { encode: encodeMetadataResponseV8, decode: decodeMetadataResponseV8 };

/** MetadataResponse versions 9. */
export function encodeMetadataResponseV9(w: Writer, v: MetadataResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.brokers;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt32(el_0.nodeId);
      w.writeCompactString(el_0.host);
      w.writeInt32(el_0.port);
      w.writeCompactNullableString(el_0.rack);
      w.writeUVarint(0);
    }
  }
  w.writeCompactNullableString(v.clusterId);
  w.writeInt32(v.controllerId);
  {
    const arr_0 = v.topics;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt16(el_0.errorCode);
      w.writeCompactString((el_0.name ?? nullField("MetadataResponse.Name")));
      w.writeBool(el_0.isInternal);
      {
        const arr_1 = el_0.partitions;
        w.writeCompactArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt16(el_1.errorCode);
          w.writeInt32(el_1.partitionIndex);
          w.writeInt32(el_1.leaderId);
          w.writeInt32(el_1.leaderEpoch);
          {
            const arr_2 = el_1.replicaNodes;
            w.writeCompactArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              w.writeInt32(arr_2[i_2]);
            }
          }
          {
            const arr_2 = el_1.isrNodes;
            w.writeCompactArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              w.writeInt32(arr_2[i_2]);
            }
          }
          {
            const arr_2 = el_1.offlineReplicas;
            w.writeCompactArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              w.writeInt32(arr_2[i_2]);
            }
          }
          w.writeUVarint(0);
        }
      }
      w.writeInt32(el_0.topicAuthorizedOperations);
      w.writeUVarint(0);
    }
  }
  w.writeInt32(v.clusterAuthorizedOperations);
  w.writeUVarint(0);
}

export function decodeMetadataResponseV9(r: Reader): MetadataResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_brokers_0_n = r.readCompactArrayLength(11);
  const f_brokers_0_a: MetadataResponseBroker[] = [];
  for (let i_0 = 0; i_0 < f_brokers_0_n; i_0++) {
    const f_nodeId_1 = r.readInt32();
    const f_host_1 = r.readCompactString();
    const f_port_1 = r.readInt32();
    const f_rack_1 = r.readCompactNullableString();
    r.skipTaggedFields();
    f_brokers_0_a.push({ nodeId: f_nodeId_1, host: f_host_1, port: f_port_1, rack: f_rack_1 });
  }
  const f_brokers_0 = f_brokers_0_a;
  const f_clusterId_0 = r.readCompactNullableString();
  const f_controllerId_0 = r.readInt32();
  const f_topics_0_n = r.readCompactArrayLength(10);
  const f_topics_0_a: MetadataResponseTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_errorCode_1 = r.readInt16();
    const f_name_1 = r.readCompactString();
    const f_isInternal_1 = r.readBool();
    const f_partitions_1_n = r.readCompactArrayLength(18);
    const f_partitions_1_a: MetadataResponsePartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_errorCode_2 = r.readInt16();
      const f_partitionIndex_2 = r.readInt32();
      const f_leaderId_2 = r.readInt32();
      const f_leaderEpoch_2 = r.readInt32();
      const f_replicaNodes_2_n = r.readCompactArrayLength(4);
      const f_replicaNodes_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_replicaNodes_2_n; i_2++) {
        f_replicaNodes_2_a.push(r.readInt32());
      }
      const f_replicaNodes_2 = f_replicaNodes_2_a;
      const f_isrNodes_2_n = r.readCompactArrayLength(4);
      const f_isrNodes_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_isrNodes_2_n; i_2++) {
        f_isrNodes_2_a.push(r.readInt32());
      }
      const f_isrNodes_2 = f_isrNodes_2_a;
      const f_offlineReplicas_2_n = r.readCompactArrayLength(4);
      const f_offlineReplicas_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_offlineReplicas_2_n; i_2++) {
        f_offlineReplicas_2_a.push(r.readInt32());
      }
      const f_offlineReplicas_2 = f_offlineReplicas_2_a;
      r.skipTaggedFields();
      f_partitions_1_a.push({ errorCode: f_errorCode_2, partitionIndex: f_partitionIndex_2, leaderId: f_leaderId_2, leaderEpoch: f_leaderEpoch_2, replicaNodes: f_replicaNodes_2, isrNodes: f_isrNodes_2, offlineReplicas: f_offlineReplicas_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    const f_topicAuthorizedOperations_1 = r.readInt32();
    r.skipTaggedFields();
    f_topics_0_a.push({ errorCode: f_errorCode_1, name: f_name_1, topicId: "00000000-0000-0000-0000-000000000000", isInternal: f_isInternal_1, partitions: f_partitions_1, topicAuthorizedOperations: f_topicAuthorizedOperations_1 });
  }
  const f_topics_0 = f_topics_0_a;
  const f_clusterAuthorizedOperations_0 = r.readInt32();
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, brokers: f_brokers_0, clusterId: f_clusterId_0, controllerId: f_controllerId_0, topics: f_topics_0, clusterAuthorizedOperations: f_clusterAuthorizedOperations_0 };
}

const metadataResponseCodecV9: Codec<MetadataResponse, MetadataResponse> = { encode: encodeMetadataResponseV9, decode: decodeMetadataResponseV9 };

/** MetadataResponse versions 10. */
export function encodeMetadataResponseV10(w: Writer, v: MetadataResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.brokers;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt32(el_0.nodeId);
      w.writeCompactString(el_0.host);
      w.writeInt32(el_0.port);
      w.writeCompactNullableString(el_0.rack);
      w.writeUVarint(0);
    }
  }
  w.writeCompactNullableString(v.clusterId);
  w.writeInt32(v.controllerId);
  {
    const arr_0 = v.topics;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt16(el_0.errorCode);
      w.writeCompactString((el_0.name ?? nullField("MetadataResponse.Name")));
      w.writeUuid(el_0.topicId);
      w.writeBool(el_0.isInternal);
      {
        const arr_1 = el_0.partitions;
        w.writeCompactArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt16(el_1.errorCode);
          w.writeInt32(el_1.partitionIndex);
          w.writeInt32(el_1.leaderId);
          w.writeInt32(el_1.leaderEpoch);
          {
            const arr_2 = el_1.replicaNodes;
            w.writeCompactArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              w.writeInt32(arr_2[i_2]);
            }
          }
          {
            const arr_2 = el_1.isrNodes;
            w.writeCompactArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              w.writeInt32(arr_2[i_2]);
            }
          }
          {
            const arr_2 = el_1.offlineReplicas;
            w.writeCompactArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              w.writeInt32(arr_2[i_2]);
            }
          }
          w.writeUVarint(0);
        }
      }
      w.writeInt32(el_0.topicAuthorizedOperations);
      w.writeUVarint(0);
    }
  }
  w.writeInt32(v.clusterAuthorizedOperations);
  w.writeUVarint(0);
}

export function decodeMetadataResponseV10(r: Reader): MetadataResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_brokers_0_n = r.readCompactArrayLength(11);
  const f_brokers_0_a: MetadataResponseBroker[] = [];
  for (let i_0 = 0; i_0 < f_brokers_0_n; i_0++) {
    const f_nodeId_1 = r.readInt32();
    const f_host_1 = r.readCompactString();
    const f_port_1 = r.readInt32();
    const f_rack_1 = r.readCompactNullableString();
    r.skipTaggedFields();
    f_brokers_0_a.push({ nodeId: f_nodeId_1, host: f_host_1, port: f_port_1, rack: f_rack_1 });
  }
  const f_brokers_0 = f_brokers_0_a;
  const f_clusterId_0 = r.readCompactNullableString();
  const f_controllerId_0 = r.readInt32();
  const f_topics_0_n = r.readCompactArrayLength(26);
  const f_topics_0_a: MetadataResponseTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_errorCode_1 = r.readInt16();
    const f_name_1 = r.readCompactString();
    const f_topicId_1 = r.readUuid();
    const f_isInternal_1 = r.readBool();
    const f_partitions_1_n = r.readCompactArrayLength(18);
    const f_partitions_1_a: MetadataResponsePartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_errorCode_2 = r.readInt16();
      const f_partitionIndex_2 = r.readInt32();
      const f_leaderId_2 = r.readInt32();
      const f_leaderEpoch_2 = r.readInt32();
      const f_replicaNodes_2_n = r.readCompactArrayLength(4);
      const f_replicaNodes_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_replicaNodes_2_n; i_2++) {
        f_replicaNodes_2_a.push(r.readInt32());
      }
      const f_replicaNodes_2 = f_replicaNodes_2_a;
      const f_isrNodes_2_n = r.readCompactArrayLength(4);
      const f_isrNodes_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_isrNodes_2_n; i_2++) {
        f_isrNodes_2_a.push(r.readInt32());
      }
      const f_isrNodes_2 = f_isrNodes_2_a;
      const f_offlineReplicas_2_n = r.readCompactArrayLength(4);
      const f_offlineReplicas_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_offlineReplicas_2_n; i_2++) {
        f_offlineReplicas_2_a.push(r.readInt32());
      }
      const f_offlineReplicas_2 = f_offlineReplicas_2_a;
      r.skipTaggedFields();
      f_partitions_1_a.push({ errorCode: f_errorCode_2, partitionIndex: f_partitionIndex_2, leaderId: f_leaderId_2, leaderEpoch: f_leaderEpoch_2, replicaNodes: f_replicaNodes_2, isrNodes: f_isrNodes_2, offlineReplicas: f_offlineReplicas_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    const f_topicAuthorizedOperations_1 = r.readInt32();
    r.skipTaggedFields();
    f_topics_0_a.push({ errorCode: f_errorCode_1, name: f_name_1, topicId: f_topicId_1, isInternal: f_isInternal_1, partitions: f_partitions_1, topicAuthorizedOperations: f_topicAuthorizedOperations_1 });
  }
  const f_topics_0 = f_topics_0_a;
  const f_clusterAuthorizedOperations_0 = r.readInt32();
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, brokers: f_brokers_0, clusterId: f_clusterId_0, controllerId: f_controllerId_0, topics: f_topics_0, clusterAuthorizedOperations: f_clusterAuthorizedOperations_0 };
}

const metadataResponseCodecV10: Codec<MetadataResponse, MetadataResponse> = { encode: encodeMetadataResponseV10, decode: decodeMetadataResponseV10 };

/** MetadataResponse versions 11. */
export function encodeMetadataResponseV11(w: Writer, v: MetadataResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.brokers;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt32(el_0.nodeId);
      w.writeCompactString(el_0.host);
      w.writeInt32(el_0.port);
      w.writeCompactNullableString(el_0.rack);
      w.writeUVarint(0);
    }
  }
  w.writeCompactNullableString(v.clusterId);
  w.writeInt32(v.controllerId);
  {
    const arr_0 = v.topics;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt16(el_0.errorCode);
      w.writeCompactString((el_0.name ?? nullField("MetadataResponse.Name")));
      w.writeUuid(el_0.topicId);
      w.writeBool(el_0.isInternal);
      {
        const arr_1 = el_0.partitions;
        w.writeCompactArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt16(el_1.errorCode);
          w.writeInt32(el_1.partitionIndex);
          w.writeInt32(el_1.leaderId);
          w.writeInt32(el_1.leaderEpoch);
          {
            const arr_2 = el_1.replicaNodes;
            w.writeCompactArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              w.writeInt32(arr_2[i_2]);
            }
          }
          {
            const arr_2 = el_1.isrNodes;
            w.writeCompactArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              w.writeInt32(arr_2[i_2]);
            }
          }
          {
            const arr_2 = el_1.offlineReplicas;
            w.writeCompactArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              w.writeInt32(arr_2[i_2]);
            }
          }
          w.writeUVarint(0);
        }
      }
      w.writeInt32(el_0.topicAuthorizedOperations);
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeMetadataResponseV11(r: Reader): MetadataResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_brokers_0_n = r.readCompactArrayLength(11);
  const f_brokers_0_a: MetadataResponseBroker[] = [];
  for (let i_0 = 0; i_0 < f_brokers_0_n; i_0++) {
    const f_nodeId_1 = r.readInt32();
    const f_host_1 = r.readCompactString();
    const f_port_1 = r.readInt32();
    const f_rack_1 = r.readCompactNullableString();
    r.skipTaggedFields();
    f_brokers_0_a.push({ nodeId: f_nodeId_1, host: f_host_1, port: f_port_1, rack: f_rack_1 });
  }
  const f_brokers_0 = f_brokers_0_a;
  const f_clusterId_0 = r.readCompactNullableString();
  const f_controllerId_0 = r.readInt32();
  const f_topics_0_n = r.readCompactArrayLength(26);
  const f_topics_0_a: MetadataResponseTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_errorCode_1 = r.readInt16();
    const f_name_1 = r.readCompactString();
    const f_topicId_1 = r.readUuid();
    const f_isInternal_1 = r.readBool();
    const f_partitions_1_n = r.readCompactArrayLength(18);
    const f_partitions_1_a: MetadataResponsePartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_errorCode_2 = r.readInt16();
      const f_partitionIndex_2 = r.readInt32();
      const f_leaderId_2 = r.readInt32();
      const f_leaderEpoch_2 = r.readInt32();
      const f_replicaNodes_2_n = r.readCompactArrayLength(4);
      const f_replicaNodes_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_replicaNodes_2_n; i_2++) {
        f_replicaNodes_2_a.push(r.readInt32());
      }
      const f_replicaNodes_2 = f_replicaNodes_2_a;
      const f_isrNodes_2_n = r.readCompactArrayLength(4);
      const f_isrNodes_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_isrNodes_2_n; i_2++) {
        f_isrNodes_2_a.push(r.readInt32());
      }
      const f_isrNodes_2 = f_isrNodes_2_a;
      const f_offlineReplicas_2_n = r.readCompactArrayLength(4);
      const f_offlineReplicas_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_offlineReplicas_2_n; i_2++) {
        f_offlineReplicas_2_a.push(r.readInt32());
      }
      const f_offlineReplicas_2 = f_offlineReplicas_2_a;
      r.skipTaggedFields();
      f_partitions_1_a.push({ errorCode: f_errorCode_2, partitionIndex: f_partitionIndex_2, leaderId: f_leaderId_2, leaderEpoch: f_leaderEpoch_2, replicaNodes: f_replicaNodes_2, isrNodes: f_isrNodes_2, offlineReplicas: f_offlineReplicas_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    const f_topicAuthorizedOperations_1 = r.readInt32();
    r.skipTaggedFields();
    f_topics_0_a.push({ errorCode: f_errorCode_1, name: f_name_1, topicId: f_topicId_1, isInternal: f_isInternal_1, partitions: f_partitions_1, topicAuthorizedOperations: f_topicAuthorizedOperations_1 });
  }
  const f_topics_0 = f_topics_0_a;
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, brokers: f_brokers_0, clusterId: f_clusterId_0, controllerId: f_controllerId_0, topics: f_topics_0, clusterAuthorizedOperations: -2147483648 };
}

const metadataResponseCodecV11: Codec<MetadataResponse, MetadataResponse> = { encode: encodeMetadataResponseV11, decode: decodeMetadataResponseV11 };

/** MetadataResponse versions 12. */
export function encodeMetadataResponseV12(w: Writer, v: MetadataResponse): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.brokers;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt32(el_0.nodeId);
      w.writeCompactString(el_0.host);
      w.writeInt32(el_0.port);
      w.writeCompactNullableString(el_0.rack);
      w.writeUVarint(0);
    }
  }
  w.writeCompactNullableString(v.clusterId);
  w.writeInt32(v.controllerId);
  {
    const arr_0 = v.topics;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeInt16(el_0.errorCode);
      w.writeCompactNullableString(el_0.name);
      w.writeUuid(el_0.topicId);
      w.writeBool(el_0.isInternal);
      {
        const arr_1 = el_0.partitions;
        w.writeCompactArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt16(el_1.errorCode);
          w.writeInt32(el_1.partitionIndex);
          w.writeInt32(el_1.leaderId);
          w.writeInt32(el_1.leaderEpoch);
          {
            const arr_2 = el_1.replicaNodes;
            w.writeCompactArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              w.writeInt32(arr_2[i_2]);
            }
          }
          {
            const arr_2 = el_1.isrNodes;
            w.writeCompactArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              w.writeInt32(arr_2[i_2]);
            }
          }
          {
            const arr_2 = el_1.offlineReplicas;
            w.writeCompactArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              w.writeInt32(arr_2[i_2]);
            }
          }
          w.writeUVarint(0);
        }
      }
      w.writeInt32(el_0.topicAuthorizedOperations);
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeMetadataResponseV12(r: Reader): MetadataResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_brokers_0_n = r.readCompactArrayLength(11);
  const f_brokers_0_a: MetadataResponseBroker[] = [];
  for (let i_0 = 0; i_0 < f_brokers_0_n; i_0++) {
    const f_nodeId_1 = r.readInt32();
    const f_host_1 = r.readCompactString();
    const f_port_1 = r.readInt32();
    const f_rack_1 = r.readCompactNullableString();
    r.skipTaggedFields();
    f_brokers_0_a.push({ nodeId: f_nodeId_1, host: f_host_1, port: f_port_1, rack: f_rack_1 });
  }
  const f_brokers_0 = f_brokers_0_a;
  const f_clusterId_0 = r.readCompactNullableString();
  const f_controllerId_0 = r.readInt32();
  const f_topics_0_n = r.readCompactArrayLength(26);
  const f_topics_0_a: MetadataResponseTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_errorCode_1 = r.readInt16();
    const f_name_1 = r.readCompactNullableString();
    const f_topicId_1 = r.readUuid();
    const f_isInternal_1 = r.readBool();
    const f_partitions_1_n = r.readCompactArrayLength(18);
    const f_partitions_1_a: MetadataResponsePartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_errorCode_2 = r.readInt16();
      const f_partitionIndex_2 = r.readInt32();
      const f_leaderId_2 = r.readInt32();
      const f_leaderEpoch_2 = r.readInt32();
      const f_replicaNodes_2_n = r.readCompactArrayLength(4);
      const f_replicaNodes_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_replicaNodes_2_n; i_2++) {
        f_replicaNodes_2_a.push(r.readInt32());
      }
      const f_replicaNodes_2 = f_replicaNodes_2_a;
      const f_isrNodes_2_n = r.readCompactArrayLength(4);
      const f_isrNodes_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_isrNodes_2_n; i_2++) {
        f_isrNodes_2_a.push(r.readInt32());
      }
      const f_isrNodes_2 = f_isrNodes_2_a;
      const f_offlineReplicas_2_n = r.readCompactArrayLength(4);
      const f_offlineReplicas_2_a: number[] = [];
      for (let i_2 = 0; i_2 < f_offlineReplicas_2_n; i_2++) {
        f_offlineReplicas_2_a.push(r.readInt32());
      }
      const f_offlineReplicas_2 = f_offlineReplicas_2_a;
      r.skipTaggedFields();
      f_partitions_1_a.push({ errorCode: f_errorCode_2, partitionIndex: f_partitionIndex_2, leaderId: f_leaderId_2, leaderEpoch: f_leaderEpoch_2, replicaNodes: f_replicaNodes_2, isrNodes: f_isrNodes_2, offlineReplicas: f_offlineReplicas_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    const f_topicAuthorizedOperations_1 = r.readInt32();
    r.skipTaggedFields();
    f_topics_0_a.push({ errorCode: f_errorCode_1, name: f_name_1, topicId: f_topicId_1, isInternal: f_isInternal_1, partitions: f_partitions_1, topicAuthorizedOperations: f_topicAuthorizedOperations_1 });
  }
  const f_topics_0 = f_topics_0_a;
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, brokers: f_brokers_0, clusterId: f_clusterId_0, controllerId: f_controllerId_0, topics: f_topics_0, clusterAuthorizedOperations: -2147483648 };
}

const metadataResponseCodecV12: Codec<MetadataResponse, MetadataResponse> = { encode: encodeMetadataResponseV12, decode: decodeMetadataResponseV12 };

/** MetadataResponse codecs indexed by version (0-12). */
export const metadataResponseCodecs: readonly (Codec<MetadataResponse, MetadataResponse> | undefined)[] = [
  metadataResponseCodecV0,
  metadataResponseCodecV1,
  metadataResponseCodecV2,
  metadataResponseCodecV3To4,
  metadataResponseCodecV3To4,
  metadataResponseCodecV5To6,
  metadataResponseCodecV5To6,
  metadataResponseCodecV7,
  metadataResponseCodecV8,
  metadataResponseCodecV9,
  metadataResponseCodecV10,
  metadataResponseCodecV11,
  metadataResponseCodecV12,
];

/** Metadata (API key 3): both directions, every version of Kafka 3.8.0. */
export const metadataApi: ApiCodecs = {
  apiKey: 3,
  name: "Metadata",
  minVersion: 0,
  maxVersion: 12,
  requestFlexibleMin: 9,
  responseFlexibleMin: 9,
  request: metadataRequestCodecs,
  response: metadataResponseCodecs,
};
