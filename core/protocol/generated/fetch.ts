// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): FetchRequest.json, FetchResponse.json.

import type { ApiCodecs, Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { Writer, type Records } from '../writer.ts';
export interface FetchRequest {
  /** The clusterId if known. This is used to validate metadata fetches prior to broker registration. (Versions 12+; nullable 12+; tag 0 in 12+.) */
  clusterId: string | null;
  /** The broker ID of the follower, of -1 if this request is from a consumer. (Versions 0-14.) */
  replicaId: number;
  /** (Versions 15+; tag 1 in 15+.) */
  replicaState: FetchRequestReplicaState;
  /** The maximum time in milliseconds to wait for the response. (Versions 0+.) */
  maxWaitMs: number;
  /** The minimum bytes to accumulate in the response. (Versions 0+.) */
  minBytes: number;
  /** The maximum bytes to fetch. See KIP-74 for cases where this limit may not be honored. (Versions 3+.) */
  maxBytes: number;
  /** This setting controls the visibility of transactional records. Using READ_UNCOMMITTED (isolation_level = 0) makes all records visible. With READ_COMMITTED (isolation_level = 1), non-transactional and COMMITTED transactional records are visible. To be more concrete, READ_COMMITTED returns all data from offsets smaller than the current LSO (last stable offset), and enables the inclusion of the list of aborted transactions in the result, which allows consumers to discard ABORTED transactional records (Versions 4+.) */
  isolationLevel: number;
  /** The fetch session ID. (Versions 7+.) */
  sessionId: number;
  /** The fetch session epoch, which is used for ordering requests in a session. (Versions 7+.) */
  sessionEpoch: number;
  /** The topics to fetch. (Versions 0+.) */
  topics: FetchRequestFetchTopic[];
  /** In an incremental fetch request, the partitions to remove. (Versions 7+.) */
  forgottenTopicsData: FetchRequestForgottenTopic[];
  /** Rack ID of the consumer making this request (Versions 11+.) */
  rackId: string;
}

export interface FetchRequestReplicaState {
  /** The replica ID of the follower, or -1 if this request is from a consumer. (Versions 15+.) */
  replicaId: number;
  /** The epoch of this follower, or -1 if not available. (Versions 15+.) */
  replicaEpoch: number;
}

export interface FetchRequestFetchTopic {
  /** The name of the topic to fetch. (Versions 0-12.) */
  topic: string;
  /** The unique topic ID (Versions 13+.) */
  topicId: string;
  /** The partitions to fetch. (Versions 0+.) */
  partitions: FetchRequestFetchPartition[];
}

export interface FetchRequestFetchPartition {
  /** The partition index. (Versions 0+.) */
  partition: number;
  /** The current leader epoch of the partition. (Versions 9+.) */
  currentLeaderEpoch: number;
  /** The message offset. (Versions 0+.) */
  fetchOffset: number;
  /** The epoch of the last fetched record or -1 if there is none (Versions 12+.) */
  lastFetchedEpoch: number;
  /** The earliest available offset of the follower replica. The field is only used when the request is sent by the follower. (Versions 5+.) */
  logStartOffset: number;
  /** The maximum bytes to fetch from this partition. See KIP-74 for cases where this limit may not be honored. (Versions 0+.) */
  partitionMaxBytes: number;
}

export interface FetchRequestForgottenTopic {
  /** The topic name. (Versions 7-12.) */
  topic: string;
  /** The unique topic ID (Versions 13+.) */
  topicId: string;
  /** The partitions indexes to forget. (Versions 7+.) */
  partitions: number[];
}

/** FetchRequest versions 0-2. */
export function encodeFetchRequestV0To2(w: Writer, v: FetchRequest): void {
  w.writeInt32(v.replicaId);
  w.writeInt32(v.maxWaitMs);
  w.writeInt32(v.minBytes);
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
          w.writeInt64(el_1.fetchOffset);
          w.writeInt32(el_1.partitionMaxBytes);
        }
      }
    }
  }
}

export function decodeFetchRequestV0To2(r: Reader): FetchRequest {
  const f_replicaId_0 = r.readInt32();
  const f_maxWaitMs_0 = r.readInt32();
  const f_minBytes_0 = r.readInt32();
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: FetchRequestFetchTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_topic_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(16);
    const f_partitions_1_a: FetchRequestFetchPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partition_2 = r.readInt32();
      const f_fetchOffset_2 = r.readInt64();
      const f_partitionMaxBytes_2 = r.readInt32();
      f_partitions_1_a.push({ partition: f_partition_2, currentLeaderEpoch: -1, fetchOffset: f_fetchOffset_2, lastFetchedEpoch: -1, logStartOffset: -1, partitionMaxBytes: f_partitionMaxBytes_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ topic: f_topic_1, topicId: "00000000-0000-0000-0000-000000000000", partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { clusterId: null, replicaId: f_replicaId_0, replicaState: { replicaId: -1, replicaEpoch: -1 }, maxWaitMs: f_maxWaitMs_0, minBytes: f_minBytes_0, maxBytes: 2147483647, isolationLevel: 0, sessionId: 0, sessionEpoch: -1, topics: f_topics_0, forgottenTopicsData: [], rackId: "" };
}

const fetchRequestCodecV0To2: Codec<FetchRequest, FetchRequest> = { encode: encodeFetchRequestV0To2, decode: decodeFetchRequestV0To2 };

/** FetchRequest versions 3. */
export function encodeFetchRequestV3(w: Writer, v: FetchRequest): void {
  w.writeInt32(v.replicaId);
  w.writeInt32(v.maxWaitMs);
  w.writeInt32(v.minBytes);
  w.writeInt32(v.maxBytes);
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
          w.writeInt64(el_1.fetchOffset);
          w.writeInt32(el_1.partitionMaxBytes);
        }
      }
    }
  }
}

export function decodeFetchRequestV3(r: Reader): FetchRequest {
  const f_replicaId_0 = r.readInt32();
  const f_maxWaitMs_0 = r.readInt32();
  const f_minBytes_0 = r.readInt32();
  const f_maxBytes_0 = r.readInt32();
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: FetchRequestFetchTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_topic_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(16);
    const f_partitions_1_a: FetchRequestFetchPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partition_2 = r.readInt32();
      const f_fetchOffset_2 = r.readInt64();
      const f_partitionMaxBytes_2 = r.readInt32();
      f_partitions_1_a.push({ partition: f_partition_2, currentLeaderEpoch: -1, fetchOffset: f_fetchOffset_2, lastFetchedEpoch: -1, logStartOffset: -1, partitionMaxBytes: f_partitionMaxBytes_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ topic: f_topic_1, topicId: "00000000-0000-0000-0000-000000000000", partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { clusterId: null, replicaId: f_replicaId_0, replicaState: { replicaId: -1, replicaEpoch: -1 }, maxWaitMs: f_maxWaitMs_0, minBytes: f_minBytes_0, maxBytes: f_maxBytes_0, isolationLevel: 0, sessionId: 0, sessionEpoch: -1, topics: f_topics_0, forgottenTopicsData: [], rackId: "" };
}

const fetchRequestCodecV3: Codec<FetchRequest, FetchRequest> = { encode: encodeFetchRequestV3, decode: decodeFetchRequestV3 };

/** FetchRequest versions 4. */
export function encodeFetchRequestV4(w: Writer, v: FetchRequest): void {
  w.writeInt32(v.replicaId);
  w.writeInt32(v.maxWaitMs);
  w.writeInt32(v.minBytes);
  w.writeInt32(v.maxBytes);
  w.writeInt8(v.isolationLevel);
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
          w.writeInt64(el_1.fetchOffset);
          w.writeInt32(el_1.partitionMaxBytes);
        }
      }
    }
  }
}

export function decodeFetchRequestV4(r: Reader): FetchRequest {
  const f_replicaId_0 = r.readInt32();
  const f_maxWaitMs_0 = r.readInt32();
  const f_minBytes_0 = r.readInt32();
  const f_maxBytes_0 = r.readInt32();
  const f_isolationLevel_0 = r.readInt8();
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: FetchRequestFetchTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_topic_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(16);
    const f_partitions_1_a: FetchRequestFetchPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partition_2 = r.readInt32();
      const f_fetchOffset_2 = r.readInt64();
      const f_partitionMaxBytes_2 = r.readInt32();
      f_partitions_1_a.push({ partition: f_partition_2, currentLeaderEpoch: -1, fetchOffset: f_fetchOffset_2, lastFetchedEpoch: -1, logStartOffset: -1, partitionMaxBytes: f_partitionMaxBytes_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ topic: f_topic_1, topicId: "00000000-0000-0000-0000-000000000000", partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { clusterId: null, replicaId: f_replicaId_0, replicaState: { replicaId: -1, replicaEpoch: -1 }, maxWaitMs: f_maxWaitMs_0, minBytes: f_minBytes_0, maxBytes: f_maxBytes_0, isolationLevel: f_isolationLevel_0, sessionId: 0, sessionEpoch: -1, topics: f_topics_0, forgottenTopicsData: [], rackId: "" };
}

const fetchRequestCodecV4: Codec<FetchRequest, FetchRequest> = { encode: encodeFetchRequestV4, decode: decodeFetchRequestV4 };

/** FetchRequest versions 5-6. */
export function encodeFetchRequestV5To6(w: Writer, v: FetchRequest): void {
  w.writeInt32(v.replicaId);
  w.writeInt32(v.maxWaitMs);
  w.writeInt32(v.minBytes);
  w.writeInt32(v.maxBytes);
  w.writeInt8(v.isolationLevel);
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
          w.writeInt64(el_1.fetchOffset);
          w.writeInt64(el_1.logStartOffset);
          w.writeInt32(el_1.partitionMaxBytes);
        }
      }
    }
  }
}

export function decodeFetchRequestV5To6(r: Reader): FetchRequest {
  const f_replicaId_0 = r.readInt32();
  const f_maxWaitMs_0 = r.readInt32();
  const f_minBytes_0 = r.readInt32();
  const f_maxBytes_0 = r.readInt32();
  const f_isolationLevel_0 = r.readInt8();
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: FetchRequestFetchTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_topic_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(24);
    const f_partitions_1_a: FetchRequestFetchPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partition_2 = r.readInt32();
      const f_fetchOffset_2 = r.readInt64();
      const f_logStartOffset_2 = r.readInt64();
      const f_partitionMaxBytes_2 = r.readInt32();
      f_partitions_1_a.push({ partition: f_partition_2, currentLeaderEpoch: -1, fetchOffset: f_fetchOffset_2, lastFetchedEpoch: -1, logStartOffset: f_logStartOffset_2, partitionMaxBytes: f_partitionMaxBytes_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ topic: f_topic_1, topicId: "00000000-0000-0000-0000-000000000000", partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  return { clusterId: null, replicaId: f_replicaId_0, replicaState: { replicaId: -1, replicaEpoch: -1 }, maxWaitMs: f_maxWaitMs_0, minBytes: f_minBytes_0, maxBytes: f_maxBytes_0, isolationLevel: f_isolationLevel_0, sessionId: 0, sessionEpoch: -1, topics: f_topics_0, forgottenTopicsData: [], rackId: "" };
}

const fetchRequestCodecV5To6: Codec<FetchRequest, FetchRequest> = { encode: encodeFetchRequestV5To6, decode: decodeFetchRequestV5To6 };

/** FetchRequest versions 7-8. */
export function encodeFetchRequestV7To8(w: Writer, v: FetchRequest): void {
  w.writeInt32(v.replicaId);
  w.writeInt32(v.maxWaitMs);
  w.writeInt32(v.minBytes);
  w.writeInt32(v.maxBytes);
  w.writeInt8(v.isolationLevel);
  w.writeInt32(v.sessionId);
  w.writeInt32(v.sessionEpoch);
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
          w.writeInt64(el_1.fetchOffset);
          w.writeInt64(el_1.logStartOffset);
          w.writeInt32(el_1.partitionMaxBytes);
        }
      }
    }
  }
  {
    const arr_0 = v.forgottenTopicsData;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.topic);
      {
        const arr_1 = el_0.partitions;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          w.writeInt32(arr_1[i_1]);
        }
      }
    }
  }
}

export function decodeFetchRequestV7To8(r: Reader): FetchRequest {
  const f_replicaId_0 = r.readInt32();
  const f_maxWaitMs_0 = r.readInt32();
  const f_minBytes_0 = r.readInt32();
  const f_maxBytes_0 = r.readInt32();
  const f_isolationLevel_0 = r.readInt8();
  const f_sessionId_0 = r.readInt32();
  const f_sessionEpoch_0 = r.readInt32();
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: FetchRequestFetchTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_topic_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(24);
    const f_partitions_1_a: FetchRequestFetchPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partition_2 = r.readInt32();
      const f_fetchOffset_2 = r.readInt64();
      const f_logStartOffset_2 = r.readInt64();
      const f_partitionMaxBytes_2 = r.readInt32();
      f_partitions_1_a.push({ partition: f_partition_2, currentLeaderEpoch: -1, fetchOffset: f_fetchOffset_2, lastFetchedEpoch: -1, logStartOffset: f_logStartOffset_2, partitionMaxBytes: f_partitionMaxBytes_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ topic: f_topic_1, topicId: "00000000-0000-0000-0000-000000000000", partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  const f_forgottenTopicsData_0_n = r.readArrayLength(6);
  const f_forgottenTopicsData_0_a: FetchRequestForgottenTopic[] = [];
  for (let i_0 = 0; i_0 < f_forgottenTopicsData_0_n; i_0++) {
    const f_topic_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(4);
    const f_partitions_1_a: number[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      f_partitions_1_a.push(r.readInt32());
    }
    const f_partitions_1 = f_partitions_1_a;
    f_forgottenTopicsData_0_a.push({ topic: f_topic_1, topicId: "00000000-0000-0000-0000-000000000000", partitions: f_partitions_1 });
  }
  const f_forgottenTopicsData_0 = f_forgottenTopicsData_0_a;
  return { clusterId: null, replicaId: f_replicaId_0, replicaState: { replicaId: -1, replicaEpoch: -1 }, maxWaitMs: f_maxWaitMs_0, minBytes: f_minBytes_0, maxBytes: f_maxBytes_0, isolationLevel: f_isolationLevel_0, sessionId: f_sessionId_0, sessionEpoch: f_sessionEpoch_0, topics: f_topics_0, forgottenTopicsData: f_forgottenTopicsData_0, rackId: "" };
}

const fetchRequestCodecV7To8: Codec<FetchRequest, FetchRequest> = { encode: encodeFetchRequestV7To8, decode: decodeFetchRequestV7To8 };

/** FetchRequest versions 9-10. */
export function encodeFetchRequestV9To10(w: Writer, v: FetchRequest): void {
  w.writeInt32(v.replicaId);
  w.writeInt32(v.maxWaitMs);
  w.writeInt32(v.minBytes);
  w.writeInt32(v.maxBytes);
  w.writeInt8(v.isolationLevel);
  w.writeInt32(v.sessionId);
  w.writeInt32(v.sessionEpoch);
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
          w.writeInt64(el_1.fetchOffset);
          w.writeInt64(el_1.logStartOffset);
          w.writeInt32(el_1.partitionMaxBytes);
        }
      }
    }
  }
  {
    const arr_0 = v.forgottenTopicsData;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.topic);
      {
        const arr_1 = el_0.partitions;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          w.writeInt32(arr_1[i_1]);
        }
      }
    }
  }
}

export function decodeFetchRequestV9To10(r: Reader): FetchRequest {
  const f_replicaId_0 = r.readInt32();
  const f_maxWaitMs_0 = r.readInt32();
  const f_minBytes_0 = r.readInt32();
  const f_maxBytes_0 = r.readInt32();
  const f_isolationLevel_0 = r.readInt8();
  const f_sessionId_0 = r.readInt32();
  const f_sessionEpoch_0 = r.readInt32();
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: FetchRequestFetchTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_topic_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(28);
    const f_partitions_1_a: FetchRequestFetchPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partition_2 = r.readInt32();
      const f_currentLeaderEpoch_2 = r.readInt32();
      const f_fetchOffset_2 = r.readInt64();
      const f_logStartOffset_2 = r.readInt64();
      const f_partitionMaxBytes_2 = r.readInt32();
      f_partitions_1_a.push({ partition: f_partition_2, currentLeaderEpoch: f_currentLeaderEpoch_2, fetchOffset: f_fetchOffset_2, lastFetchedEpoch: -1, logStartOffset: f_logStartOffset_2, partitionMaxBytes: f_partitionMaxBytes_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ topic: f_topic_1, topicId: "00000000-0000-0000-0000-000000000000", partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  const f_forgottenTopicsData_0_n = r.readArrayLength(6);
  const f_forgottenTopicsData_0_a: FetchRequestForgottenTopic[] = [];
  for (let i_0 = 0; i_0 < f_forgottenTopicsData_0_n; i_0++) {
    const f_topic_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(4);
    const f_partitions_1_a: number[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      f_partitions_1_a.push(r.readInt32());
    }
    const f_partitions_1 = f_partitions_1_a;
    f_forgottenTopicsData_0_a.push({ topic: f_topic_1, topicId: "00000000-0000-0000-0000-000000000000", partitions: f_partitions_1 });
  }
  const f_forgottenTopicsData_0 = f_forgottenTopicsData_0_a;
  return { clusterId: null, replicaId: f_replicaId_0, replicaState: { replicaId: -1, replicaEpoch: -1 }, maxWaitMs: f_maxWaitMs_0, minBytes: f_minBytes_0, maxBytes: f_maxBytes_0, isolationLevel: f_isolationLevel_0, sessionId: f_sessionId_0, sessionEpoch: f_sessionEpoch_0, topics: f_topics_0, forgottenTopicsData: f_forgottenTopicsData_0, rackId: "" };
}

const fetchRequestCodecV9To10: Codec<FetchRequest, FetchRequest> = { encode: encodeFetchRequestV9To10, decode: decodeFetchRequestV9To10 };

/** FetchRequest versions 11. */
export function encodeFetchRequestV11(w: Writer, v: FetchRequest): void {
  w.writeInt32(v.replicaId);
  w.writeInt32(v.maxWaitMs);
  w.writeInt32(v.minBytes);
  w.writeInt32(v.maxBytes);
  w.writeInt8(v.isolationLevel);
  w.writeInt32(v.sessionId);
  w.writeInt32(v.sessionEpoch);
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
          w.writeInt64(el_1.fetchOffset);
          w.writeInt64(el_1.logStartOffset);
          w.writeInt32(el_1.partitionMaxBytes);
        }
      }
    }
  }
  {
    const arr_0 = v.forgottenTopicsData;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.topic);
      {
        const arr_1 = el_0.partitions;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          w.writeInt32(arr_1[i_1]);
        }
      }
    }
  }
  w.writeString(v.rackId);
}

export function decodeFetchRequestV11(r: Reader): FetchRequest {
  const f_replicaId_0 = r.readInt32();
  const f_maxWaitMs_0 = r.readInt32();
  const f_minBytes_0 = r.readInt32();
  const f_maxBytes_0 = r.readInt32();
  const f_isolationLevel_0 = r.readInt8();
  const f_sessionId_0 = r.readInt32();
  const f_sessionEpoch_0 = r.readInt32();
  const f_topics_0_n = r.readArrayLength(6);
  const f_topics_0_a: FetchRequestFetchTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_topic_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(28);
    const f_partitions_1_a: FetchRequestFetchPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partition_2 = r.readInt32();
      const f_currentLeaderEpoch_2 = r.readInt32();
      const f_fetchOffset_2 = r.readInt64();
      const f_logStartOffset_2 = r.readInt64();
      const f_partitionMaxBytes_2 = r.readInt32();
      f_partitions_1_a.push({ partition: f_partition_2, currentLeaderEpoch: f_currentLeaderEpoch_2, fetchOffset: f_fetchOffset_2, lastFetchedEpoch: -1, logStartOffset: f_logStartOffset_2, partitionMaxBytes: f_partitionMaxBytes_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_topics_0_a.push({ topic: f_topic_1, topicId: "00000000-0000-0000-0000-000000000000", partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  const f_forgottenTopicsData_0_n = r.readArrayLength(6);
  const f_forgottenTopicsData_0_a: FetchRequestForgottenTopic[] = [];
  for (let i_0 = 0; i_0 < f_forgottenTopicsData_0_n; i_0++) {
    const f_topic_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(4);
    const f_partitions_1_a: number[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      f_partitions_1_a.push(r.readInt32());
    }
    const f_partitions_1 = f_partitions_1_a;
    f_forgottenTopicsData_0_a.push({ topic: f_topic_1, topicId: "00000000-0000-0000-0000-000000000000", partitions: f_partitions_1 });
  }
  const f_forgottenTopicsData_0 = f_forgottenTopicsData_0_a;
  const f_rackId_0 = r.readString();
  return { clusterId: null, replicaId: f_replicaId_0, replicaState: { replicaId: -1, replicaEpoch: -1 }, maxWaitMs: f_maxWaitMs_0, minBytes: f_minBytes_0, maxBytes: f_maxBytes_0, isolationLevel: f_isolationLevel_0, sessionId: f_sessionId_0, sessionEpoch: f_sessionEpoch_0, topics: f_topics_0, forgottenTopicsData: f_forgottenTopicsData_0, rackId: f_rackId_0 };
}

const fetchRequestCodecV11: Codec<FetchRequest, FetchRequest> = { encode: encodeFetchRequestV11, decode: decodeFetchRequestV11 };

/** FetchRequest versions 12. */
export function encodeFetchRequestV12(w: Writer, v: FetchRequest): void {
  w.writeInt32(v.replicaId);
  w.writeInt32(v.maxWaitMs);
  w.writeInt32(v.minBytes);
  w.writeInt32(v.maxBytes);
  w.writeInt8(v.isolationLevel);
  w.writeInt32(v.sessionId);
  w.writeInt32(v.sessionEpoch);
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
          w.writeInt64(el_1.fetchOffset);
          w.writeInt32(el_1.lastFetchedEpoch);
          w.writeInt64(el_1.logStartOffset);
          w.writeInt32(el_1.partitionMaxBytes);
          w.writeUVarint(0);
        }
      }
      w.writeUVarint(0);
    }
  }
  {
    const arr_0 = v.forgottenTopicsData;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.topic);
      {
        const arr_1 = el_0.partitions;
        w.writeCompactArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          w.writeInt32(arr_1[i_1]);
        }
      }
      w.writeUVarint(0);
    }
  }
  w.writeCompactString(v.rackId);
  let tags_0 = 0;
  if (v.clusterId !== null) tags_0++;
  w.writeUVarint(tags_0);
  if (v.clusterId !== null) {
    const tw_0 = new Writer();
    tw_0.writeCompactNullableString(v.clusterId);
    w.writeTaggedField(0, tw_0);
  }
}

export function decodeFetchRequestV12(r: Reader): FetchRequest {
  const f_replicaId_0 = r.readInt32();
  const f_maxWaitMs_0 = r.readInt32();
  const f_minBytes_0 = r.readInt32();
  const f_maxBytes_0 = r.readInt32();
  const f_isolationLevel_0 = r.readInt8();
  const f_sessionId_0 = r.readInt32();
  const f_sessionEpoch_0 = r.readInt32();
  const f_topics_0_n = r.readCompactArrayLength(3);
  const f_topics_0_a: FetchRequestFetchTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_topic_1 = r.readCompactString();
    const f_partitions_1_n = r.readCompactArrayLength(33);
    const f_partitions_1_a: FetchRequestFetchPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partition_2 = r.readInt32();
      const f_currentLeaderEpoch_2 = r.readInt32();
      const f_fetchOffset_2 = r.readInt64();
      const f_lastFetchedEpoch_2 = r.readInt32();
      const f_logStartOffset_2 = r.readInt64();
      const f_partitionMaxBytes_2 = r.readInt32();
      r.skipTaggedFields();
      f_partitions_1_a.push({ partition: f_partition_2, currentLeaderEpoch: f_currentLeaderEpoch_2, fetchOffset: f_fetchOffset_2, lastFetchedEpoch: f_lastFetchedEpoch_2, logStartOffset: f_logStartOffset_2, partitionMaxBytes: f_partitionMaxBytes_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    r.skipTaggedFields();
    f_topics_0_a.push({ topic: f_topic_1, topicId: "00000000-0000-0000-0000-000000000000", partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  const f_forgottenTopicsData_0_n = r.readCompactArrayLength(3);
  const f_forgottenTopicsData_0_a: FetchRequestForgottenTopic[] = [];
  for (let i_0 = 0; i_0 < f_forgottenTopicsData_0_n; i_0++) {
    const f_topic_1 = r.readCompactString();
    const f_partitions_1_n = r.readCompactArrayLength(4);
    const f_partitions_1_a: number[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      f_partitions_1_a.push(r.readInt32());
    }
    const f_partitions_1 = f_partitions_1_a;
    r.skipTaggedFields();
    f_forgottenTopicsData_0_a.push({ topic: f_topic_1, topicId: "00000000-0000-0000-0000-000000000000", partitions: f_partitions_1 });
  }
  const f_forgottenTopicsData_0 = f_forgottenTopicsData_0_a;
  const f_rackId_0 = r.readCompactString();
  let f_clusterId_0: string | null = null;
  const tagCount_0 = r.readUVarint();
  for (let t_0 = 0; t_0 < tagCount_0; t_0++) {
    const tag_0 = r.readUVarint();
    const end_0 = r.pushLimit(r.readUVarint());
    switch (tag_0) {
      case 0: {
        f_clusterId_0 = r.readCompactNullableString();
        break;
      }
      default:
        break;
    }
    r.popLimit(end_0);
  }
  return { clusterId: f_clusterId_0, replicaId: f_replicaId_0, replicaState: { replicaId: -1, replicaEpoch: -1 }, maxWaitMs: f_maxWaitMs_0, minBytes: f_minBytes_0, maxBytes: f_maxBytes_0, isolationLevel: f_isolationLevel_0, sessionId: f_sessionId_0, sessionEpoch: f_sessionEpoch_0, topics: f_topics_0, forgottenTopicsData: f_forgottenTopicsData_0, rackId: f_rackId_0 };
}

const fetchRequestCodecV12: Codec<FetchRequest, FetchRequest> = { encode: encodeFetchRequestV12, decode: decodeFetchRequestV12 };

/** FetchRequest versions 13-14. */
export function encodeFetchRequestV13To14(w: Writer, v: FetchRequest): void {
  w.writeInt32(v.replicaId);
  w.writeInt32(v.maxWaitMs);
  w.writeInt32(v.minBytes);
  w.writeInt32(v.maxBytes);
  w.writeInt8(v.isolationLevel);
  w.writeInt32(v.sessionId);
  w.writeInt32(v.sessionEpoch);
  {
    const arr_0 = v.topics;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeUuid(el_0.topicId);
      {
        const arr_1 = el_0.partitions;
        w.writeCompactArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.partition);
          w.writeInt32(el_1.currentLeaderEpoch);
          w.writeInt64(el_1.fetchOffset);
          w.writeInt32(el_1.lastFetchedEpoch);
          w.writeInt64(el_1.logStartOffset);
          w.writeInt32(el_1.partitionMaxBytes);
          w.writeUVarint(0);
        }
      }
      w.writeUVarint(0);
    }
  }
  {
    const arr_0 = v.forgottenTopicsData;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeUuid(el_0.topicId);
      {
        const arr_1 = el_0.partitions;
        w.writeCompactArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          w.writeInt32(arr_1[i_1]);
        }
      }
      w.writeUVarint(0);
    }
  }
  w.writeCompactString(v.rackId);
  let tags_0 = 0;
  if (v.clusterId !== null) tags_0++;
  w.writeUVarint(tags_0);
  if (v.clusterId !== null) {
    const tw_0 = new Writer();
    tw_0.writeCompactNullableString(v.clusterId);
    w.writeTaggedField(0, tw_0);
  }
}

export function decodeFetchRequestV13To14(r: Reader): FetchRequest {
  const f_replicaId_0 = r.readInt32();
  const f_maxWaitMs_0 = r.readInt32();
  const f_minBytes_0 = r.readInt32();
  const f_maxBytes_0 = r.readInt32();
  const f_isolationLevel_0 = r.readInt8();
  const f_sessionId_0 = r.readInt32();
  const f_sessionEpoch_0 = r.readInt32();
  const f_topics_0_n = r.readCompactArrayLength(18);
  const f_topics_0_a: FetchRequestFetchTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_topicId_1 = r.readUuid();
    const f_partitions_1_n = r.readCompactArrayLength(33);
    const f_partitions_1_a: FetchRequestFetchPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partition_2 = r.readInt32();
      const f_currentLeaderEpoch_2 = r.readInt32();
      const f_fetchOffset_2 = r.readInt64();
      const f_lastFetchedEpoch_2 = r.readInt32();
      const f_logStartOffset_2 = r.readInt64();
      const f_partitionMaxBytes_2 = r.readInt32();
      r.skipTaggedFields();
      f_partitions_1_a.push({ partition: f_partition_2, currentLeaderEpoch: f_currentLeaderEpoch_2, fetchOffset: f_fetchOffset_2, lastFetchedEpoch: f_lastFetchedEpoch_2, logStartOffset: f_logStartOffset_2, partitionMaxBytes: f_partitionMaxBytes_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    r.skipTaggedFields();
    f_topics_0_a.push({ topic: "", topicId: f_topicId_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  const f_forgottenTopicsData_0_n = r.readCompactArrayLength(18);
  const f_forgottenTopicsData_0_a: FetchRequestForgottenTopic[] = [];
  for (let i_0 = 0; i_0 < f_forgottenTopicsData_0_n; i_0++) {
    const f_topicId_1 = r.readUuid();
    const f_partitions_1_n = r.readCompactArrayLength(4);
    const f_partitions_1_a: number[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      f_partitions_1_a.push(r.readInt32());
    }
    const f_partitions_1 = f_partitions_1_a;
    r.skipTaggedFields();
    f_forgottenTopicsData_0_a.push({ topic: "", topicId: f_topicId_1, partitions: f_partitions_1 });
  }
  const f_forgottenTopicsData_0 = f_forgottenTopicsData_0_a;
  const f_rackId_0 = r.readCompactString();
  let f_clusterId_0: string | null = null;
  const tagCount_0 = r.readUVarint();
  for (let t_0 = 0; t_0 < tagCount_0; t_0++) {
    const tag_0 = r.readUVarint();
    const end_0 = r.pushLimit(r.readUVarint());
    switch (tag_0) {
      case 0: {
        f_clusterId_0 = r.readCompactNullableString();
        break;
      }
      default:
        break;
    }
    r.popLimit(end_0);
  }
  return { clusterId: f_clusterId_0, replicaId: f_replicaId_0, replicaState: { replicaId: -1, replicaEpoch: -1 }, maxWaitMs: f_maxWaitMs_0, minBytes: f_minBytes_0, maxBytes: f_maxBytes_0, isolationLevel: f_isolationLevel_0, sessionId: f_sessionId_0, sessionEpoch: f_sessionEpoch_0, topics: f_topics_0, forgottenTopicsData: f_forgottenTopicsData_0, rackId: f_rackId_0 };
}

const fetchRequestCodecV13To14: Codec<FetchRequest, FetchRequest> = { encode: encodeFetchRequestV13To14, decode: decodeFetchRequestV13To14 };

/** FetchRequest versions 15-16. */
export function encodeFetchRequestV15To16(w: Writer, v: FetchRequest): void {
  w.writeInt32(v.maxWaitMs);
  w.writeInt32(v.minBytes);
  w.writeInt32(v.maxBytes);
  w.writeInt8(v.isolationLevel);
  w.writeInt32(v.sessionId);
  w.writeInt32(v.sessionEpoch);
  {
    const arr_0 = v.topics;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeUuid(el_0.topicId);
      {
        const arr_1 = el_0.partitions;
        w.writeCompactArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.partition);
          w.writeInt32(el_1.currentLeaderEpoch);
          w.writeInt64(el_1.fetchOffset);
          w.writeInt32(el_1.lastFetchedEpoch);
          w.writeInt64(el_1.logStartOffset);
          w.writeInt32(el_1.partitionMaxBytes);
          w.writeUVarint(0);
        }
      }
      w.writeUVarint(0);
    }
  }
  {
    const arr_0 = v.forgottenTopicsData;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeUuid(el_0.topicId);
      {
        const arr_1 = el_0.partitions;
        w.writeCompactArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          w.writeInt32(arr_1[i_1]);
        }
      }
      w.writeUVarint(0);
    }
  }
  w.writeCompactString(v.rackId);
  let tags_0 = 0;
  if (v.clusterId !== null) tags_0++;
  if ((v.replicaState.replicaId !== -1) || (v.replicaState.replicaEpoch !== -1)) tags_0++;
  w.writeUVarint(tags_0);
  if (v.clusterId !== null) {
    const tw_0 = new Writer();
    tw_0.writeCompactNullableString(v.clusterId);
    w.writeTaggedField(0, tw_0);
  }
  if ((v.replicaState.replicaId !== -1) || (v.replicaState.replicaEpoch !== -1)) {
    const tw_0 = new Writer();
    {
      const s_0 = v.replicaState;
      tw_0.writeInt32(s_0.replicaId);
      tw_0.writeInt64(s_0.replicaEpoch);
      tw_0.writeUVarint(0);
    }
    w.writeTaggedField(1, tw_0);
  }
}

export function decodeFetchRequestV15To16(r: Reader): FetchRequest {
  const f_maxWaitMs_0 = r.readInt32();
  const f_minBytes_0 = r.readInt32();
  const f_maxBytes_0 = r.readInt32();
  const f_isolationLevel_0 = r.readInt8();
  const f_sessionId_0 = r.readInt32();
  const f_sessionEpoch_0 = r.readInt32();
  const f_topics_0_n = r.readCompactArrayLength(18);
  const f_topics_0_a: FetchRequestFetchTopic[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    const f_topicId_1 = r.readUuid();
    const f_partitions_1_n = r.readCompactArrayLength(33);
    const f_partitions_1_a: FetchRequestFetchPartition[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partition_2 = r.readInt32();
      const f_currentLeaderEpoch_2 = r.readInt32();
      const f_fetchOffset_2 = r.readInt64();
      const f_lastFetchedEpoch_2 = r.readInt32();
      const f_logStartOffset_2 = r.readInt64();
      const f_partitionMaxBytes_2 = r.readInt32();
      r.skipTaggedFields();
      f_partitions_1_a.push({ partition: f_partition_2, currentLeaderEpoch: f_currentLeaderEpoch_2, fetchOffset: f_fetchOffset_2, lastFetchedEpoch: f_lastFetchedEpoch_2, logStartOffset: f_logStartOffset_2, partitionMaxBytes: f_partitionMaxBytes_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    r.skipTaggedFields();
    f_topics_0_a.push({ topic: "", topicId: f_topicId_1, partitions: f_partitions_1 });
  }
  const f_topics_0 = f_topics_0_a;
  const f_forgottenTopicsData_0_n = r.readCompactArrayLength(18);
  const f_forgottenTopicsData_0_a: FetchRequestForgottenTopic[] = [];
  for (let i_0 = 0; i_0 < f_forgottenTopicsData_0_n; i_0++) {
    const f_topicId_1 = r.readUuid();
    const f_partitions_1_n = r.readCompactArrayLength(4);
    const f_partitions_1_a: number[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      f_partitions_1_a.push(r.readInt32());
    }
    const f_partitions_1 = f_partitions_1_a;
    r.skipTaggedFields();
    f_forgottenTopicsData_0_a.push({ topic: "", topicId: f_topicId_1, partitions: f_partitions_1 });
  }
  const f_forgottenTopicsData_0 = f_forgottenTopicsData_0_a;
  const f_rackId_0 = r.readCompactString();
  let f_clusterId_0: string | null = null;
  let f_replicaState_0: FetchRequestReplicaState = { replicaId: -1, replicaEpoch: -1 };
  const tagCount_0 = r.readUVarint();
  for (let t_0 = 0; t_0 < tagCount_0; t_0++) {
    const tag_0 = r.readUVarint();
    const end_0 = r.pushLimit(r.readUVarint());
    switch (tag_0) {
      case 0: {
        f_clusterId_0 = r.readCompactNullableString();
        break;
      }
      case 1: {
        {
          const f_replicaId_1 = r.readInt32();
          const f_replicaEpoch_1 = r.readInt64();
          r.skipTaggedFields();
          f_replicaState_0 = { replicaId: f_replicaId_1, replicaEpoch: f_replicaEpoch_1 };
        }
        break;
      }
      default:
        break;
    }
    r.popLimit(end_0);
  }
  return { clusterId: f_clusterId_0, replicaId: -1, replicaState: f_replicaState_0, maxWaitMs: f_maxWaitMs_0, minBytes: f_minBytes_0, maxBytes: f_maxBytes_0, isolationLevel: f_isolationLevel_0, sessionId: f_sessionId_0, sessionEpoch: f_sessionEpoch_0, topics: f_topics_0, forgottenTopicsData: f_forgottenTopicsData_0, rackId: f_rackId_0 };
}

const fetchRequestCodecV15To16: Codec<FetchRequest, FetchRequest> = { encode: encodeFetchRequestV15To16, decode: decodeFetchRequestV15To16 };

/** FetchRequest codecs indexed by version (0-16). */
export const fetchRequestCodecs: readonly (Codec<FetchRequest, FetchRequest> | undefined)[] = [
  fetchRequestCodecV0To2,
  fetchRequestCodecV0To2,
  fetchRequestCodecV0To2,
  fetchRequestCodecV3,
  fetchRequestCodecV4,
  fetchRequestCodecV5To6,
  fetchRequestCodecV5To6,
  fetchRequestCodecV7To8,
  fetchRequestCodecV7To8,
  fetchRequestCodecV9To10,
  fetchRequestCodecV9To10,
  fetchRequestCodecV11,
  fetchRequestCodecV12,
  fetchRequestCodecV13To14,
  fetchRequestCodecV13To14,
  fetchRequestCodecV15To16,
  fetchRequestCodecV15To16,
];

export interface FetchResponse<R extends Records = Buffer | null> {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (Versions 1+.) */
  throttleTimeMs: number;
  /** The top level response error code. (Versions 7+.) */
  errorCode: number;
  /** The fetch session ID, or 0 if this is not part of a fetch session. (Versions 7+.) */
  sessionId: number;
  /** The response topics. (Versions 0+.) */
  responses: FetchResponseFetchableTopicResponse<R>[];
  /** Endpoints for all current-leaders enumerated in PartitionData, with errors NOT_LEADER_OR_FOLLOWER & FENCED_LEADER_EPOCH. (Versions 16+; tag 0 in 16+.) */
  nodeEndpoints: FetchResponseNodeEndpoint[];
}

export interface FetchResponseFetchableTopicResponse<R extends Records = Buffer | null> {
  /** The topic name. (Versions 0-12.) */
  topic: string;
  /** The unique topic ID (Versions 13+.) */
  topicId: string;
  /** The topic partitions. (Versions 0+.) */
  partitions: FetchResponsePartitionData<R>[];
}

export interface FetchResponsePartitionData<R extends Records = Buffer | null> {
  /** The partition index. (Versions 0+.) */
  partitionIndex: number;
  /** The error code, or 0 if there was no fetch error. (Versions 0+.) */
  errorCode: number;
  /** The current high water mark. (Versions 0+.) */
  highWatermark: number;
  /** The last stable offset (or LSO) of the partition. This is the last offset such that the state of all transactional records prior to this offset have been decided (ABORTED or COMMITTED) (Versions 4+.) */
  lastStableOffset: number;
  /** The current log start offset. (Versions 5+.) */
  logStartOffset: number;
  /** In case divergence is detected based on the `LastFetchedEpoch` and `FetchOffset` in the request, this field indicates the largest epoch and its end offset such that subsequent records are known to diverge (Versions 12+; tag 0 in 12+.) */
  divergingEpoch: FetchResponseEpochEndOffset;
  /** (Versions 12+; tag 1 in 12+.) */
  currentLeader: FetchResponseLeaderIdAndEpoch;
  /** In the case of fetching an offset less than the LogStartOffset, this is the end offset and epoch that should be used in the FetchSnapshot request. (Versions 12+; tag 2 in 12+.) */
  snapshotId: FetchResponseSnapshotId;
  /** The aborted transactions. (Versions 4+; nullable 4+.) */
  abortedTransactions: FetchResponseAbortedTransaction[] | null;
  /** The preferred read replica for the consumer to use on its next fetch request (Versions 11+.) */
  preferredReadReplica: number;
  /** The record data. (Versions 0+; nullable 0+.) */
  records: R;
}

export interface FetchResponseEpochEndOffset {
  /** (Versions 12+.) */
  epoch: number;
  /** (Versions 12+.) */
  endOffset: number;
}

export interface FetchResponseLeaderIdAndEpoch {
  /** The ID of the current leader or -1 if the leader is unknown. (Versions 12+.) */
  leaderId: number;
  /** The latest known leader epoch (Versions 12+.) */
  leaderEpoch: number;
}

export interface FetchResponseSnapshotId {
  /** (Versions 0+.) */
  endOffset: number;
  /** (Versions 0+.) */
  epoch: number;
}

export interface FetchResponseAbortedTransaction {
  /** The producer id associated with the aborted transaction. (Versions 4+.) */
  producerId: number;
  /** The first offset in the aborted transaction. (Versions 4+.) */
  firstOffset: number;
}

export interface FetchResponseNodeEndpoint {
  /** The ID of the associated node. (Versions 16+.) */
  nodeId: number;
  /** The node's hostname. (Versions 16+.) */
  host: string;
  /** The node's port. (Versions 16+.) */
  port: number;
  /** The rack of the node, or null if it has not been assigned to a rack. (Versions 16+; nullable 16+.) */
  rack: string | null;
}

/** FetchResponse versions 0. */
export function encodeFetchResponseV0(w: Writer, v: FetchResponse<Records>): void {
  {
    const arr_0 = v.responses;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.topic);
      {
        const arr_1 = el_0.partitions;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.partitionIndex);
          w.writeInt16(el_1.errorCode);
          w.writeInt64(el_1.highWatermark);
          w.writeRecords(el_1.records);
        }
      }
    }
  }
}

export function decodeFetchResponseV0(r: Reader): FetchResponse {
  const f_responses_0_n = r.readArrayLength(6);
  const f_responses_0_a: FetchResponseFetchableTopicResponse<Buffer | null>[] = [];
  for (let i_0 = 0; i_0 < f_responses_0_n; i_0++) {
    const f_topic_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(18);
    const f_partitions_1_a: FetchResponsePartitionData<Buffer | null>[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_errorCode_2 = r.readInt16();
      const f_highWatermark_2 = r.readInt64();
      const f_records_2 = r.readNullableBytes();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, errorCode: f_errorCode_2, highWatermark: f_highWatermark_2, lastStableOffset: -1, logStartOffset: -1, divergingEpoch: { epoch: -1, endOffset: -1 }, currentLeader: { leaderId: -1, leaderEpoch: -1 }, snapshotId: { endOffset: -1, epoch: -1 }, abortedTransactions: [], preferredReadReplica: -1, records: f_records_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_responses_0_a.push({ topic: f_topic_1, topicId: "00000000-0000-0000-0000-000000000000", partitions: f_partitions_1 });
  }
  const f_responses_0 = f_responses_0_a;
  return { throttleTimeMs: 0, errorCode: 0, sessionId: 0, responses: f_responses_0, nodeEndpoints: [] };
}

const fetchResponseCodecV0: Codec<FetchResponse<Records>, FetchResponse> = { encode: encodeFetchResponseV0, decode: decodeFetchResponseV0 };

/** FetchResponse versions 1-3. */
export function encodeFetchResponseV1To3(w: Writer, v: FetchResponse<Records>): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.responses;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.topic);
      {
        const arr_1 = el_0.partitions;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.partitionIndex);
          w.writeInt16(el_1.errorCode);
          w.writeInt64(el_1.highWatermark);
          w.writeRecords(el_1.records);
        }
      }
    }
  }
}

export function decodeFetchResponseV1To3(r: Reader): FetchResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_responses_0_n = r.readArrayLength(6);
  const f_responses_0_a: FetchResponseFetchableTopicResponse<Buffer | null>[] = [];
  for (let i_0 = 0; i_0 < f_responses_0_n; i_0++) {
    const f_topic_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(18);
    const f_partitions_1_a: FetchResponsePartitionData<Buffer | null>[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_errorCode_2 = r.readInt16();
      const f_highWatermark_2 = r.readInt64();
      const f_records_2 = r.readNullableBytes();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, errorCode: f_errorCode_2, highWatermark: f_highWatermark_2, lastStableOffset: -1, logStartOffset: -1, divergingEpoch: { epoch: -1, endOffset: -1 }, currentLeader: { leaderId: -1, leaderEpoch: -1 }, snapshotId: { endOffset: -1, epoch: -1 }, abortedTransactions: [], preferredReadReplica: -1, records: f_records_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_responses_0_a.push({ topic: f_topic_1, topicId: "00000000-0000-0000-0000-000000000000", partitions: f_partitions_1 });
  }
  const f_responses_0 = f_responses_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: 0, sessionId: 0, responses: f_responses_0, nodeEndpoints: [] };
}

const fetchResponseCodecV1To3: Codec<FetchResponse<Records>, FetchResponse> = { encode: encodeFetchResponseV1To3, decode: decodeFetchResponseV1To3 };

/** FetchResponse versions 4. */
export function encodeFetchResponseV4(w: Writer, v: FetchResponse<Records>): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.responses;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.topic);
      {
        const arr_1 = el_0.partitions;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.partitionIndex);
          w.writeInt16(el_1.errorCode);
          w.writeInt64(el_1.highWatermark);
          w.writeInt64(el_1.lastStableOffset);
          {
            const arr_2 = el_1.abortedTransactions;
            if (arr_2 === null) {
              w.writeArrayLength(-1);
            } else {
              w.writeArrayLength(arr_2.length);
              for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
                const el_2 = arr_2[i_2];
                w.writeInt64(el_2.producerId);
                w.writeInt64(el_2.firstOffset);
              }
            }
          }
          w.writeRecords(el_1.records);
        }
      }
    }
  }
}

export function decodeFetchResponseV4(r: Reader): FetchResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_responses_0_n = r.readArrayLength(6);
  const f_responses_0_a: FetchResponseFetchableTopicResponse<Buffer | null>[] = [];
  for (let i_0 = 0; i_0 < f_responses_0_n; i_0++) {
    const f_topic_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(30);
    const f_partitions_1_a: FetchResponsePartitionData<Buffer | null>[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_errorCode_2 = r.readInt16();
      const f_highWatermark_2 = r.readInt64();
      const f_lastStableOffset_2 = r.readInt64();
      const f_abortedTransactions_2_n = r.readNullableArrayLength(16);
      const f_abortedTransactions_2_a: FetchResponseAbortedTransaction[] = [];
      for (let i_2 = 0; i_2 < f_abortedTransactions_2_n; i_2++) {
        const f_producerId_3 = r.readInt64();
        const f_firstOffset_3 = r.readInt64();
        f_abortedTransactions_2_a.push({ producerId: f_producerId_3, firstOffset: f_firstOffset_3 });
      }
      const f_abortedTransactions_2 = f_abortedTransactions_2_n < 0 ? null : f_abortedTransactions_2_a;
      const f_records_2 = r.readNullableBytes();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, errorCode: f_errorCode_2, highWatermark: f_highWatermark_2, lastStableOffset: f_lastStableOffset_2, logStartOffset: -1, divergingEpoch: { epoch: -1, endOffset: -1 }, currentLeader: { leaderId: -1, leaderEpoch: -1 }, snapshotId: { endOffset: -1, epoch: -1 }, abortedTransactions: f_abortedTransactions_2, preferredReadReplica: -1, records: f_records_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_responses_0_a.push({ topic: f_topic_1, topicId: "00000000-0000-0000-0000-000000000000", partitions: f_partitions_1 });
  }
  const f_responses_0 = f_responses_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: 0, sessionId: 0, responses: f_responses_0, nodeEndpoints: [] };
}

const fetchResponseCodecV4: Codec<FetchResponse<Records>, FetchResponse> = { encode: encodeFetchResponseV4, decode: decodeFetchResponseV4 };

/** FetchResponse versions 5-6. */
export function encodeFetchResponseV5To6(w: Writer, v: FetchResponse<Records>): void {
  w.writeInt32(v.throttleTimeMs);
  {
    const arr_0 = v.responses;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.topic);
      {
        const arr_1 = el_0.partitions;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.partitionIndex);
          w.writeInt16(el_1.errorCode);
          w.writeInt64(el_1.highWatermark);
          w.writeInt64(el_1.lastStableOffset);
          w.writeInt64(el_1.logStartOffset);
          {
            const arr_2 = el_1.abortedTransactions;
            if (arr_2 === null) {
              w.writeArrayLength(-1);
            } else {
              w.writeArrayLength(arr_2.length);
              for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
                const el_2 = arr_2[i_2];
                w.writeInt64(el_2.producerId);
                w.writeInt64(el_2.firstOffset);
              }
            }
          }
          w.writeRecords(el_1.records);
        }
      }
    }
  }
}

export function decodeFetchResponseV5To6(r: Reader): FetchResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_responses_0_n = r.readArrayLength(6);
  const f_responses_0_a: FetchResponseFetchableTopicResponse<Buffer | null>[] = [];
  for (let i_0 = 0; i_0 < f_responses_0_n; i_0++) {
    const f_topic_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(38);
    const f_partitions_1_a: FetchResponsePartitionData<Buffer | null>[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_errorCode_2 = r.readInt16();
      const f_highWatermark_2 = r.readInt64();
      const f_lastStableOffset_2 = r.readInt64();
      const f_logStartOffset_2 = r.readInt64();
      const f_abortedTransactions_2_n = r.readNullableArrayLength(16);
      const f_abortedTransactions_2_a: FetchResponseAbortedTransaction[] = [];
      for (let i_2 = 0; i_2 < f_abortedTransactions_2_n; i_2++) {
        const f_producerId_3 = r.readInt64();
        const f_firstOffset_3 = r.readInt64();
        f_abortedTransactions_2_a.push({ producerId: f_producerId_3, firstOffset: f_firstOffset_3 });
      }
      const f_abortedTransactions_2 = f_abortedTransactions_2_n < 0 ? null : f_abortedTransactions_2_a;
      const f_records_2 = r.readNullableBytes();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, errorCode: f_errorCode_2, highWatermark: f_highWatermark_2, lastStableOffset: f_lastStableOffset_2, logStartOffset: f_logStartOffset_2, divergingEpoch: { epoch: -1, endOffset: -1 }, currentLeader: { leaderId: -1, leaderEpoch: -1 }, snapshotId: { endOffset: -1, epoch: -1 }, abortedTransactions: f_abortedTransactions_2, preferredReadReplica: -1, records: f_records_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_responses_0_a.push({ topic: f_topic_1, topicId: "00000000-0000-0000-0000-000000000000", partitions: f_partitions_1 });
  }
  const f_responses_0 = f_responses_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: 0, sessionId: 0, responses: f_responses_0, nodeEndpoints: [] };
}

const fetchResponseCodecV5To6: Codec<FetchResponse<Records>, FetchResponse> = { encode: encodeFetchResponseV5To6, decode: decodeFetchResponseV5To6 };

/** FetchResponse versions 7-10. */
export function encodeFetchResponseV7To10(w: Writer, v: FetchResponse<Records>): void {
  w.writeInt32(v.throttleTimeMs);
  w.writeInt16(v.errorCode);
  w.writeInt32(v.sessionId);
  {
    const arr_0 = v.responses;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.topic);
      {
        const arr_1 = el_0.partitions;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.partitionIndex);
          w.writeInt16(el_1.errorCode);
          w.writeInt64(el_1.highWatermark);
          w.writeInt64(el_1.lastStableOffset);
          w.writeInt64(el_1.logStartOffset);
          {
            const arr_2 = el_1.abortedTransactions;
            if (arr_2 === null) {
              w.writeArrayLength(-1);
            } else {
              w.writeArrayLength(arr_2.length);
              for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
                const el_2 = arr_2[i_2];
                w.writeInt64(el_2.producerId);
                w.writeInt64(el_2.firstOffset);
              }
            }
          }
          w.writeRecords(el_1.records);
        }
      }
    }
  }
}

export function decodeFetchResponseV7To10(r: Reader): FetchResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_errorCode_0 = r.readInt16();
  const f_sessionId_0 = r.readInt32();
  const f_responses_0_n = r.readArrayLength(6);
  const f_responses_0_a: FetchResponseFetchableTopicResponse<Buffer | null>[] = [];
  for (let i_0 = 0; i_0 < f_responses_0_n; i_0++) {
    const f_topic_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(38);
    const f_partitions_1_a: FetchResponsePartitionData<Buffer | null>[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_errorCode_2 = r.readInt16();
      const f_highWatermark_2 = r.readInt64();
      const f_lastStableOffset_2 = r.readInt64();
      const f_logStartOffset_2 = r.readInt64();
      const f_abortedTransactions_2_n = r.readNullableArrayLength(16);
      const f_abortedTransactions_2_a: FetchResponseAbortedTransaction[] = [];
      for (let i_2 = 0; i_2 < f_abortedTransactions_2_n; i_2++) {
        const f_producerId_3 = r.readInt64();
        const f_firstOffset_3 = r.readInt64();
        f_abortedTransactions_2_a.push({ producerId: f_producerId_3, firstOffset: f_firstOffset_3 });
      }
      const f_abortedTransactions_2 = f_abortedTransactions_2_n < 0 ? null : f_abortedTransactions_2_a;
      const f_records_2 = r.readNullableBytes();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, errorCode: f_errorCode_2, highWatermark: f_highWatermark_2, lastStableOffset: f_lastStableOffset_2, logStartOffset: f_logStartOffset_2, divergingEpoch: { epoch: -1, endOffset: -1 }, currentLeader: { leaderId: -1, leaderEpoch: -1 }, snapshotId: { endOffset: -1, epoch: -1 }, abortedTransactions: f_abortedTransactions_2, preferredReadReplica: -1, records: f_records_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_responses_0_a.push({ topic: f_topic_1, topicId: "00000000-0000-0000-0000-000000000000", partitions: f_partitions_1 });
  }
  const f_responses_0 = f_responses_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: f_errorCode_0, sessionId: f_sessionId_0, responses: f_responses_0, nodeEndpoints: [] };
}

const fetchResponseCodecV7To10: Codec<FetchResponse<Records>, FetchResponse> = { encode: encodeFetchResponseV7To10, decode: decodeFetchResponseV7To10 };

/** FetchResponse versions 11. */
export function encodeFetchResponseV11(w: Writer, v: FetchResponse<Records>): void {
  w.writeInt32(v.throttleTimeMs);
  w.writeInt16(v.errorCode);
  w.writeInt32(v.sessionId);
  {
    const arr_0 = v.responses;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.topic);
      {
        const arr_1 = el_0.partitions;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.partitionIndex);
          w.writeInt16(el_1.errorCode);
          w.writeInt64(el_1.highWatermark);
          w.writeInt64(el_1.lastStableOffset);
          w.writeInt64(el_1.logStartOffset);
          {
            const arr_2 = el_1.abortedTransactions;
            if (arr_2 === null) {
              w.writeArrayLength(-1);
            } else {
              w.writeArrayLength(arr_2.length);
              for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
                const el_2 = arr_2[i_2];
                w.writeInt64(el_2.producerId);
                w.writeInt64(el_2.firstOffset);
              }
            }
          }
          w.writeInt32(el_1.preferredReadReplica);
          w.writeRecords(el_1.records);
        }
      }
    }
  }
}

export function decodeFetchResponseV11(r: Reader): FetchResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_errorCode_0 = r.readInt16();
  const f_sessionId_0 = r.readInt32();
  const f_responses_0_n = r.readArrayLength(6);
  const f_responses_0_a: FetchResponseFetchableTopicResponse<Buffer | null>[] = [];
  for (let i_0 = 0; i_0 < f_responses_0_n; i_0++) {
    const f_topic_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(42);
    const f_partitions_1_a: FetchResponsePartitionData<Buffer | null>[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_errorCode_2 = r.readInt16();
      const f_highWatermark_2 = r.readInt64();
      const f_lastStableOffset_2 = r.readInt64();
      const f_logStartOffset_2 = r.readInt64();
      const f_abortedTransactions_2_n = r.readNullableArrayLength(16);
      const f_abortedTransactions_2_a: FetchResponseAbortedTransaction[] = [];
      for (let i_2 = 0; i_2 < f_abortedTransactions_2_n; i_2++) {
        const f_producerId_3 = r.readInt64();
        const f_firstOffset_3 = r.readInt64();
        f_abortedTransactions_2_a.push({ producerId: f_producerId_3, firstOffset: f_firstOffset_3 });
      }
      const f_abortedTransactions_2 = f_abortedTransactions_2_n < 0 ? null : f_abortedTransactions_2_a;
      const f_preferredReadReplica_2 = r.readInt32();
      const f_records_2 = r.readNullableBytes();
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, errorCode: f_errorCode_2, highWatermark: f_highWatermark_2, lastStableOffset: f_lastStableOffset_2, logStartOffset: f_logStartOffset_2, divergingEpoch: { epoch: -1, endOffset: -1 }, currentLeader: { leaderId: -1, leaderEpoch: -1 }, snapshotId: { endOffset: -1, epoch: -1 }, abortedTransactions: f_abortedTransactions_2, preferredReadReplica: f_preferredReadReplica_2, records: f_records_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    f_responses_0_a.push({ topic: f_topic_1, topicId: "00000000-0000-0000-0000-000000000000", partitions: f_partitions_1 });
  }
  const f_responses_0 = f_responses_0_a;
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: f_errorCode_0, sessionId: f_sessionId_0, responses: f_responses_0, nodeEndpoints: [] };
}

const fetchResponseCodecV11: Codec<FetchResponse<Records>, FetchResponse> = { encode: encodeFetchResponseV11, decode: decodeFetchResponseV11 };

/** FetchResponse versions 12. */
export function encodeFetchResponseV12(w: Writer, v: FetchResponse<Records>): void {
  w.writeInt32(v.throttleTimeMs);
  w.writeInt16(v.errorCode);
  w.writeInt32(v.sessionId);
  {
    const arr_0 = v.responses;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.topic);
      {
        const arr_1 = el_0.partitions;
        w.writeCompactArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.partitionIndex);
          w.writeInt16(el_1.errorCode);
          w.writeInt64(el_1.highWatermark);
          w.writeInt64(el_1.lastStableOffset);
          w.writeInt64(el_1.logStartOffset);
          {
            const arr_2 = el_1.abortedTransactions;
            if (arr_2 === null) {
              w.writeCompactArrayLength(-1);
            } else {
              w.writeCompactArrayLength(arr_2.length);
              for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
                const el_2 = arr_2[i_2];
                w.writeInt64(el_2.producerId);
                w.writeInt64(el_2.firstOffset);
                w.writeUVarint(0);
              }
            }
          }
          w.writeInt32(el_1.preferredReadReplica);
          w.writeCompactRecords(el_1.records);
          let tags_2 = 0;
          if ((el_1.divergingEpoch.epoch !== -1) || (el_1.divergingEpoch.endOffset !== -1)) tags_2++;
          if ((el_1.currentLeader.leaderId !== -1) || (el_1.currentLeader.leaderEpoch !== -1)) tags_2++;
          if ((el_1.snapshotId.endOffset !== -1) || (el_1.snapshotId.epoch !== -1)) tags_2++;
          w.writeUVarint(tags_2);
          if ((el_1.divergingEpoch.epoch !== -1) || (el_1.divergingEpoch.endOffset !== -1)) {
            const tw_2 = new Writer();
            {
              const s_2 = el_1.divergingEpoch;
              tw_2.writeInt32(s_2.epoch);
              tw_2.writeInt64(s_2.endOffset);
              tw_2.writeUVarint(0);
            }
            w.writeTaggedField(0, tw_2);
          }
          if ((el_1.currentLeader.leaderId !== -1) || (el_1.currentLeader.leaderEpoch !== -1)) {
            const tw_2 = new Writer();
            {
              const s_2 = el_1.currentLeader;
              tw_2.writeInt32(s_2.leaderId);
              tw_2.writeInt32(s_2.leaderEpoch);
              tw_2.writeUVarint(0);
            }
            w.writeTaggedField(1, tw_2);
          }
          if ((el_1.snapshotId.endOffset !== -1) || (el_1.snapshotId.epoch !== -1)) {
            const tw_2 = new Writer();
            {
              const s_2 = el_1.snapshotId;
              tw_2.writeInt64(s_2.endOffset);
              tw_2.writeInt32(s_2.epoch);
              tw_2.writeUVarint(0);
            }
            w.writeTaggedField(2, tw_2);
          }
        }
      }
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeFetchResponseV12(r: Reader): FetchResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_errorCode_0 = r.readInt16();
  const f_sessionId_0 = r.readInt32();
  const f_responses_0_n = r.readCompactArrayLength(3);
  const f_responses_0_a: FetchResponseFetchableTopicResponse<Buffer | null>[] = [];
  for (let i_0 = 0; i_0 < f_responses_0_n; i_0++) {
    const f_topic_1 = r.readCompactString();
    const f_partitions_1_n = r.readCompactArrayLength(37);
    const f_partitions_1_a: FetchResponsePartitionData<Buffer | null>[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_errorCode_2 = r.readInt16();
      const f_highWatermark_2 = r.readInt64();
      const f_lastStableOffset_2 = r.readInt64();
      const f_logStartOffset_2 = r.readInt64();
      const f_abortedTransactions_2_n = r.readCompactNullableArrayLength(17);
      const f_abortedTransactions_2_a: FetchResponseAbortedTransaction[] = [];
      for (let i_2 = 0; i_2 < f_abortedTransactions_2_n; i_2++) {
        const f_producerId_3 = r.readInt64();
        const f_firstOffset_3 = r.readInt64();
        r.skipTaggedFields();
        f_abortedTransactions_2_a.push({ producerId: f_producerId_3, firstOffset: f_firstOffset_3 });
      }
      const f_abortedTransactions_2 = f_abortedTransactions_2_n < 0 ? null : f_abortedTransactions_2_a;
      const f_preferredReadReplica_2 = r.readInt32();
      const f_records_2 = r.readCompactNullableBytes();
      let f_divergingEpoch_2: FetchResponseEpochEndOffset = { epoch: -1, endOffset: -1 };
      let f_currentLeader_2: FetchResponseLeaderIdAndEpoch = { leaderId: -1, leaderEpoch: -1 };
      let f_snapshotId_2: FetchResponseSnapshotId = { endOffset: -1, epoch: -1 };
      const tagCount_2 = r.readUVarint();
      for (let t_2 = 0; t_2 < tagCount_2; t_2++) {
        const tag_2 = r.readUVarint();
        const end_2 = r.pushLimit(r.readUVarint());
        switch (tag_2) {
          case 0: {
            {
              const f_epoch_3 = r.readInt32();
              const f_endOffset_3 = r.readInt64();
              r.skipTaggedFields();
              f_divergingEpoch_2 = { epoch: f_epoch_3, endOffset: f_endOffset_3 };
            }
            break;
          }
          case 1: {
            {
              const f_leaderId_3 = r.readInt32();
              const f_leaderEpoch_3 = r.readInt32();
              r.skipTaggedFields();
              f_currentLeader_2 = { leaderId: f_leaderId_3, leaderEpoch: f_leaderEpoch_3 };
            }
            break;
          }
          case 2: {
            {
              const f_endOffset_3 = r.readInt64();
              const f_epoch_3 = r.readInt32();
              r.skipTaggedFields();
              f_snapshotId_2 = { endOffset: f_endOffset_3, epoch: f_epoch_3 };
            }
            break;
          }
          default:
            break;
        }
        r.popLimit(end_2);
      }
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, errorCode: f_errorCode_2, highWatermark: f_highWatermark_2, lastStableOffset: f_lastStableOffset_2, logStartOffset: f_logStartOffset_2, divergingEpoch: f_divergingEpoch_2, currentLeader: f_currentLeader_2, snapshotId: f_snapshotId_2, abortedTransactions: f_abortedTransactions_2, preferredReadReplica: f_preferredReadReplica_2, records: f_records_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    r.skipTaggedFields();
    f_responses_0_a.push({ topic: f_topic_1, topicId: "00000000-0000-0000-0000-000000000000", partitions: f_partitions_1 });
  }
  const f_responses_0 = f_responses_0_a;
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: f_errorCode_0, sessionId: f_sessionId_0, responses: f_responses_0, nodeEndpoints: [] };
}

const fetchResponseCodecV12: Codec<FetchResponse<Records>, FetchResponse> = { encode: encodeFetchResponseV12, decode: decodeFetchResponseV12 };

/** FetchResponse versions 13-15. */
export function encodeFetchResponseV13To15(w: Writer, v: FetchResponse<Records>): void {
  w.writeInt32(v.throttleTimeMs);
  w.writeInt16(v.errorCode);
  w.writeInt32(v.sessionId);
  {
    const arr_0 = v.responses;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeUuid(el_0.topicId);
      {
        const arr_1 = el_0.partitions;
        w.writeCompactArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.partitionIndex);
          w.writeInt16(el_1.errorCode);
          w.writeInt64(el_1.highWatermark);
          w.writeInt64(el_1.lastStableOffset);
          w.writeInt64(el_1.logStartOffset);
          {
            const arr_2 = el_1.abortedTransactions;
            if (arr_2 === null) {
              w.writeCompactArrayLength(-1);
            } else {
              w.writeCompactArrayLength(arr_2.length);
              for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
                const el_2 = arr_2[i_2];
                w.writeInt64(el_2.producerId);
                w.writeInt64(el_2.firstOffset);
                w.writeUVarint(0);
              }
            }
          }
          w.writeInt32(el_1.preferredReadReplica);
          w.writeCompactRecords(el_1.records);
          let tags_2 = 0;
          if ((el_1.divergingEpoch.epoch !== -1) || (el_1.divergingEpoch.endOffset !== -1)) tags_2++;
          if ((el_1.currentLeader.leaderId !== -1) || (el_1.currentLeader.leaderEpoch !== -1)) tags_2++;
          if ((el_1.snapshotId.endOffset !== -1) || (el_1.snapshotId.epoch !== -1)) tags_2++;
          w.writeUVarint(tags_2);
          if ((el_1.divergingEpoch.epoch !== -1) || (el_1.divergingEpoch.endOffset !== -1)) {
            const tw_2 = new Writer();
            {
              const s_2 = el_1.divergingEpoch;
              tw_2.writeInt32(s_2.epoch);
              tw_2.writeInt64(s_2.endOffset);
              tw_2.writeUVarint(0);
            }
            w.writeTaggedField(0, tw_2);
          }
          if ((el_1.currentLeader.leaderId !== -1) || (el_1.currentLeader.leaderEpoch !== -1)) {
            const tw_2 = new Writer();
            {
              const s_2 = el_1.currentLeader;
              tw_2.writeInt32(s_2.leaderId);
              tw_2.writeInt32(s_2.leaderEpoch);
              tw_2.writeUVarint(0);
            }
            w.writeTaggedField(1, tw_2);
          }
          if ((el_1.snapshotId.endOffset !== -1) || (el_1.snapshotId.epoch !== -1)) {
            const tw_2 = new Writer();
            {
              const s_2 = el_1.snapshotId;
              tw_2.writeInt64(s_2.endOffset);
              tw_2.writeInt32(s_2.epoch);
              tw_2.writeUVarint(0);
            }
            w.writeTaggedField(2, tw_2);
          }
        }
      }
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeFetchResponseV13To15(r: Reader): FetchResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_errorCode_0 = r.readInt16();
  const f_sessionId_0 = r.readInt32();
  const f_responses_0_n = r.readCompactArrayLength(18);
  const f_responses_0_a: FetchResponseFetchableTopicResponse<Buffer | null>[] = [];
  for (let i_0 = 0; i_0 < f_responses_0_n; i_0++) {
    const f_topicId_1 = r.readUuid();
    const f_partitions_1_n = r.readCompactArrayLength(37);
    const f_partitions_1_a: FetchResponsePartitionData<Buffer | null>[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_errorCode_2 = r.readInt16();
      const f_highWatermark_2 = r.readInt64();
      const f_lastStableOffset_2 = r.readInt64();
      const f_logStartOffset_2 = r.readInt64();
      const f_abortedTransactions_2_n = r.readCompactNullableArrayLength(17);
      const f_abortedTransactions_2_a: FetchResponseAbortedTransaction[] = [];
      for (let i_2 = 0; i_2 < f_abortedTransactions_2_n; i_2++) {
        const f_producerId_3 = r.readInt64();
        const f_firstOffset_3 = r.readInt64();
        r.skipTaggedFields();
        f_abortedTransactions_2_a.push({ producerId: f_producerId_3, firstOffset: f_firstOffset_3 });
      }
      const f_abortedTransactions_2 = f_abortedTransactions_2_n < 0 ? null : f_abortedTransactions_2_a;
      const f_preferredReadReplica_2 = r.readInt32();
      const f_records_2 = r.readCompactNullableBytes();
      let f_divergingEpoch_2: FetchResponseEpochEndOffset = { epoch: -1, endOffset: -1 };
      let f_currentLeader_2: FetchResponseLeaderIdAndEpoch = { leaderId: -1, leaderEpoch: -1 };
      let f_snapshotId_2: FetchResponseSnapshotId = { endOffset: -1, epoch: -1 };
      const tagCount_2 = r.readUVarint();
      for (let t_2 = 0; t_2 < tagCount_2; t_2++) {
        const tag_2 = r.readUVarint();
        const end_2 = r.pushLimit(r.readUVarint());
        switch (tag_2) {
          case 0: {
            {
              const f_epoch_3 = r.readInt32();
              const f_endOffset_3 = r.readInt64();
              r.skipTaggedFields();
              f_divergingEpoch_2 = { epoch: f_epoch_3, endOffset: f_endOffset_3 };
            }
            break;
          }
          case 1: {
            {
              const f_leaderId_3 = r.readInt32();
              const f_leaderEpoch_3 = r.readInt32();
              r.skipTaggedFields();
              f_currentLeader_2 = { leaderId: f_leaderId_3, leaderEpoch: f_leaderEpoch_3 };
            }
            break;
          }
          case 2: {
            {
              const f_endOffset_3 = r.readInt64();
              const f_epoch_3 = r.readInt32();
              r.skipTaggedFields();
              f_snapshotId_2 = { endOffset: f_endOffset_3, epoch: f_epoch_3 };
            }
            break;
          }
          default:
            break;
        }
        r.popLimit(end_2);
      }
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, errorCode: f_errorCode_2, highWatermark: f_highWatermark_2, lastStableOffset: f_lastStableOffset_2, logStartOffset: f_logStartOffset_2, divergingEpoch: f_divergingEpoch_2, currentLeader: f_currentLeader_2, snapshotId: f_snapshotId_2, abortedTransactions: f_abortedTransactions_2, preferredReadReplica: f_preferredReadReplica_2, records: f_records_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    r.skipTaggedFields();
    f_responses_0_a.push({ topic: "", topicId: f_topicId_1, partitions: f_partitions_1 });
  }
  const f_responses_0 = f_responses_0_a;
  r.skipTaggedFields();
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: f_errorCode_0, sessionId: f_sessionId_0, responses: f_responses_0, nodeEndpoints: [] };
}

const fetchResponseCodecV13To15: Codec<FetchResponse<Records>, FetchResponse> = { encode: encodeFetchResponseV13To15, decode: decodeFetchResponseV13To15 };

/** FetchResponse versions 16. */
export function encodeFetchResponseV16(w: Writer, v: FetchResponse<Records>): void {
  w.writeInt32(v.throttleTimeMs);
  w.writeInt16(v.errorCode);
  w.writeInt32(v.sessionId);
  {
    const arr_0 = v.responses;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeUuid(el_0.topicId);
      {
        const arr_1 = el_0.partitions;
        w.writeCompactArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.partitionIndex);
          w.writeInt16(el_1.errorCode);
          w.writeInt64(el_1.highWatermark);
          w.writeInt64(el_1.lastStableOffset);
          w.writeInt64(el_1.logStartOffset);
          {
            const arr_2 = el_1.abortedTransactions;
            if (arr_2 === null) {
              w.writeCompactArrayLength(-1);
            } else {
              w.writeCompactArrayLength(arr_2.length);
              for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
                const el_2 = arr_2[i_2];
                w.writeInt64(el_2.producerId);
                w.writeInt64(el_2.firstOffset);
                w.writeUVarint(0);
              }
            }
          }
          w.writeInt32(el_1.preferredReadReplica);
          w.writeCompactRecords(el_1.records);
          let tags_2 = 0;
          if ((el_1.divergingEpoch.epoch !== -1) || (el_1.divergingEpoch.endOffset !== -1)) tags_2++;
          if ((el_1.currentLeader.leaderId !== -1) || (el_1.currentLeader.leaderEpoch !== -1)) tags_2++;
          if ((el_1.snapshotId.endOffset !== -1) || (el_1.snapshotId.epoch !== -1)) tags_2++;
          w.writeUVarint(tags_2);
          if ((el_1.divergingEpoch.epoch !== -1) || (el_1.divergingEpoch.endOffset !== -1)) {
            const tw_2 = new Writer();
            {
              const s_2 = el_1.divergingEpoch;
              tw_2.writeInt32(s_2.epoch);
              tw_2.writeInt64(s_2.endOffset);
              tw_2.writeUVarint(0);
            }
            w.writeTaggedField(0, tw_2);
          }
          if ((el_1.currentLeader.leaderId !== -1) || (el_1.currentLeader.leaderEpoch !== -1)) {
            const tw_2 = new Writer();
            {
              const s_2 = el_1.currentLeader;
              tw_2.writeInt32(s_2.leaderId);
              tw_2.writeInt32(s_2.leaderEpoch);
              tw_2.writeUVarint(0);
            }
            w.writeTaggedField(1, tw_2);
          }
          if ((el_1.snapshotId.endOffset !== -1) || (el_1.snapshotId.epoch !== -1)) {
            const tw_2 = new Writer();
            {
              const s_2 = el_1.snapshotId;
              tw_2.writeInt64(s_2.endOffset);
              tw_2.writeInt32(s_2.epoch);
              tw_2.writeUVarint(0);
            }
            w.writeTaggedField(2, tw_2);
          }
        }
      }
      w.writeUVarint(0);
    }
  }
  let tags_0 = 0;
  if (v.nodeEndpoints === null || v.nodeEndpoints.length > 0) tags_0++;
  w.writeUVarint(tags_0);
  if (v.nodeEndpoints === null || v.nodeEndpoints.length > 0) {
    const tw_0 = new Writer();
    {
      const arr_0 = v.nodeEndpoints;
      tw_0.writeCompactArrayLength(arr_0.length);
      for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
        const el_0 = arr_0[i_0];
        tw_0.writeInt32(el_0.nodeId);
        tw_0.writeCompactString(el_0.host);
        tw_0.writeInt32(el_0.port);
        tw_0.writeCompactNullableString(el_0.rack);
        tw_0.writeUVarint(0);
      }
    }
    w.writeTaggedField(0, tw_0);
  }
}

export function decodeFetchResponseV16(r: Reader): FetchResponse {
  const f_throttleTimeMs_0 = r.readInt32();
  const f_errorCode_0 = r.readInt16();
  const f_sessionId_0 = r.readInt32();
  const f_responses_0_n = r.readCompactArrayLength(18);
  const f_responses_0_a: FetchResponseFetchableTopicResponse<Buffer | null>[] = [];
  for (let i_0 = 0; i_0 < f_responses_0_n; i_0++) {
    const f_topicId_1 = r.readUuid();
    const f_partitions_1_n = r.readCompactArrayLength(37);
    const f_partitions_1_a: FetchResponsePartitionData<Buffer | null>[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      const f_partitionIndex_2 = r.readInt32();
      const f_errorCode_2 = r.readInt16();
      const f_highWatermark_2 = r.readInt64();
      const f_lastStableOffset_2 = r.readInt64();
      const f_logStartOffset_2 = r.readInt64();
      const f_abortedTransactions_2_n = r.readCompactNullableArrayLength(17);
      const f_abortedTransactions_2_a: FetchResponseAbortedTransaction[] = [];
      for (let i_2 = 0; i_2 < f_abortedTransactions_2_n; i_2++) {
        const f_producerId_3 = r.readInt64();
        const f_firstOffset_3 = r.readInt64();
        r.skipTaggedFields();
        f_abortedTransactions_2_a.push({ producerId: f_producerId_3, firstOffset: f_firstOffset_3 });
      }
      const f_abortedTransactions_2 = f_abortedTransactions_2_n < 0 ? null : f_abortedTransactions_2_a;
      const f_preferredReadReplica_2 = r.readInt32();
      const f_records_2 = r.readCompactNullableBytes();
      let f_divergingEpoch_2: FetchResponseEpochEndOffset = { epoch: -1, endOffset: -1 };
      let f_currentLeader_2: FetchResponseLeaderIdAndEpoch = { leaderId: -1, leaderEpoch: -1 };
      let f_snapshotId_2: FetchResponseSnapshotId = { endOffset: -1, epoch: -1 };
      const tagCount_2 = r.readUVarint();
      for (let t_2 = 0; t_2 < tagCount_2; t_2++) {
        const tag_2 = r.readUVarint();
        const end_2 = r.pushLimit(r.readUVarint());
        switch (tag_2) {
          case 0: {
            {
              const f_epoch_3 = r.readInt32();
              const f_endOffset_3 = r.readInt64();
              r.skipTaggedFields();
              f_divergingEpoch_2 = { epoch: f_epoch_3, endOffset: f_endOffset_3 };
            }
            break;
          }
          case 1: {
            {
              const f_leaderId_3 = r.readInt32();
              const f_leaderEpoch_3 = r.readInt32();
              r.skipTaggedFields();
              f_currentLeader_2 = { leaderId: f_leaderId_3, leaderEpoch: f_leaderEpoch_3 };
            }
            break;
          }
          case 2: {
            {
              const f_endOffset_3 = r.readInt64();
              const f_epoch_3 = r.readInt32();
              r.skipTaggedFields();
              f_snapshotId_2 = { endOffset: f_endOffset_3, epoch: f_epoch_3 };
            }
            break;
          }
          default:
            break;
        }
        r.popLimit(end_2);
      }
      f_partitions_1_a.push({ partitionIndex: f_partitionIndex_2, errorCode: f_errorCode_2, highWatermark: f_highWatermark_2, lastStableOffset: f_lastStableOffset_2, logStartOffset: f_logStartOffset_2, divergingEpoch: f_divergingEpoch_2, currentLeader: f_currentLeader_2, snapshotId: f_snapshotId_2, abortedTransactions: f_abortedTransactions_2, preferredReadReplica: f_preferredReadReplica_2, records: f_records_2 });
    }
    const f_partitions_1 = f_partitions_1_a;
    r.skipTaggedFields();
    f_responses_0_a.push({ topic: "", topicId: f_topicId_1, partitions: f_partitions_1 });
  }
  const f_responses_0 = f_responses_0_a;
  let f_nodeEndpoints_0: FetchResponseNodeEndpoint[] = [];
  const tagCount_0 = r.readUVarint();
  for (let t_0 = 0; t_0 < tagCount_0; t_0++) {
    const tag_0 = r.readUVarint();
    const end_0 = r.pushLimit(r.readUVarint());
    switch (tag_0) {
      case 0: {
        const f_nodeEndpoints_0_n = r.readCompactArrayLength(11);
        const f_nodeEndpoints_0_a: FetchResponseNodeEndpoint[] = [];
        for (let i_0 = 0; i_0 < f_nodeEndpoints_0_n; i_0++) {
          const f_nodeId_1 = r.readInt32();
          const f_host_1 = r.readCompactString();
          const f_port_1 = r.readInt32();
          const f_rack_1 = r.readCompactNullableString();
          r.skipTaggedFields();
          f_nodeEndpoints_0_a.push({ nodeId: f_nodeId_1, host: f_host_1, port: f_port_1, rack: f_rack_1 });
        }
        f_nodeEndpoints_0 = f_nodeEndpoints_0_a;
        break;
      }
      default:
        break;
    }
    r.popLimit(end_0);
  }
  return { throttleTimeMs: f_throttleTimeMs_0, errorCode: f_errorCode_0, sessionId: f_sessionId_0, responses: f_responses_0, nodeEndpoints: f_nodeEndpoints_0 };
}

const fetchResponseCodecV16: Codec<FetchResponse<Records>, FetchResponse> = { encode: encodeFetchResponseV16, decode: decodeFetchResponseV16 };

/** FetchResponse codecs indexed by version (0-16). */
export const fetchResponseCodecs: readonly (Codec<FetchResponse<Records>, FetchResponse> | undefined)[] = [
  fetchResponseCodecV0,
  fetchResponseCodecV1To3,
  fetchResponseCodecV1To3,
  fetchResponseCodecV1To3,
  fetchResponseCodecV4,
  fetchResponseCodecV5To6,
  fetchResponseCodecV5To6,
  fetchResponseCodecV7To10,
  fetchResponseCodecV7To10,
  fetchResponseCodecV7To10,
  fetchResponseCodecV7To10,
  fetchResponseCodecV11,
  fetchResponseCodecV12,
  fetchResponseCodecV13To15,
  fetchResponseCodecV13To15,
  fetchResponseCodecV13To15,
  fetchResponseCodecV16,
];

/** Fetch (API key 1): both directions, every version of Kafka 3.8.0. */
export const fetchApi: ApiCodecs = {
  apiKey: 1,
  name: "Fetch",
  minVersion: 0,
  maxVersion: 16,
  requestFlexibleMin: 12,
  responseFlexibleMin: 12,
  request: fetchRequestCodecs,
  response: fetchResponseCodecs,
};
