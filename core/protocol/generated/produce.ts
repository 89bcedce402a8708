// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): ProduceRequest.json, ProduceResponse.json.

import type { ApiCodecs, Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { Writer, type Records } from '../writer.ts';
export interface ProduceRequest<R extends Records = Buffer | null> {
  /** The transactional ID, or null if the producer is not transactional. (Versions 3+; nullable 3+.) */
  transactionalId: string | null;
  /** The number of acknowledgments the producer requires the leader to have received before considering a request complete. Allowed values: 0 for no acknowledgments, 1 for only the leader and -1 for the full ISR. (Versions 0+.) */
  acks: number;
  /** The timeout to await a response in milliseconds. (Versions 0+.) */
  timeoutMs: number;
  /** Each topic to produce to. (Versions 0+.) */
  topicData: ProduceRequestTopicProduceData<R>[];
}

export interface ProduceRequestTopicProduceData<R extends Records = Buffer | null> {
  /** The topic name. (Versions 0+.) */
  name: string;
  /** Each partition to produce to. (Versions 0+.) */
  partitionData: ProduceRequestPartitionProduceData<R>[];
}

export interface ProduceRequestPartitionProduceData<R extends Records = Buffer | null> {
  /** The partition index. (Versions 0+.) */
  index: number;
  /** The record data to be produced. (Versions 0+; nullable 0+.) */
  records: R;
}

/** ProduceRequest versions 0-2. */
export function encodeProduceRequestV0To2(w: Writer, v: ProduceRequest<Records>): void {
  w.writeInt16(v.acks);
  w.writeInt32(v.timeoutMs);
  {
    const arr_0 = v.topicData;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.name);
      {
        const arr_1 = el_0.partitionData;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.index);
          w.writeRecords(el_1.records);
        }
      }
    }
  }
}

export function decodeProduceRequestV0To2(r: Reader): ProduceRequest {
  const f_acks_0 = r.readInt16();
  const f_timeoutMs_0 = r.readInt32();
  const f_topicData_0_n = r.readArrayLength(6);
  const f_topicData_0_a: ProduceRequestTopicProduceData<Buffer | null>[] = [];
  for (let i_0 = 0; i_0 < f_topicData_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitionData_1_n = r.readArrayLength(8);
    const f_partitionData_1_a: ProduceRequestPartitionProduceData<Buffer | null>[] = [];
    for (let i_1 = 0; i_1 < f_partitionData_1_n; i_1++) {
      const f_index_2 = r.readInt32();
      const f_records_2 = r.readNullableBytes();
      f_partitionData_1_a.push({ index: f_index_2, records: f_records_2 });
    }
    const f_partitionData_1 = f_partitionData_1_a;
    f_topicData_0_a.push({ name: f_name_1, partitionData: f_partitionData_1 });
  }
  const f_topicData_0 = f_topicData_0_a;
  return { transactionalId: null, acks: f_acks_0, timeoutMs: f_timeoutMs_0, topicData: f_topicData_0 };
}

const produceRequestCodecV0To2: Codec<ProduceRequest<Records>, ProduceRequest> = { encode: encodeProduceRequestV0To2, decode: decodeProduceRequestV0To2 };

/** ProduceRequest versions 3-8. */
export function encodeProduceRequestV3To8(w: Writer, v: ProduceRequest<Records>): void {
  w.writeNullableString(v.transactionalId);
  w.writeInt16(v.acks);
  w.writeInt32(v.timeoutMs);
  {
    const arr_0 = v.topicData;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.name);
      {
        const arr_1 = el_0.partitionData;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.index);
          w.writeRecords(el_1.records);
        }
      }
    }
  }
}

export function decodeProduceRequestV3To8(r: Reader): ProduceRequest {
  const f_transactionalId_0 = r.readNullableString();
  const f_acks_0 = r.readInt16();
  const f_timeoutMs_0 = r.readInt32();
  const f_topicData_0_n = r.readArrayLength(6);
  const f_topicData_0_a: ProduceRequestTopicProduceData<Buffer | null>[] = [];
  for (let i_0 = 0; i_0 < f_topicData_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitionData_1_n = r.readArrayLength(8);
    const f_partitionData_1_a: ProduceRequestPartitionProduceData<Buffer | null>[] = [];
    for (let i_1 = 0; i_1 < f_partitionData_1_n; i_1++) {
      const f_index_2 = r.readInt32();
      const f_records_2 = r.readNullableBytes();
      f_partitionData_1_a.push({ index: f_index_2, records: f_records_2 });
    }
    const f_partitionData_1 = f_partitionData_1_a;
    f_topicData_0_a.push({ name: f_name_1, partitionData: f_partitionData_1 });
  }
  const f_topicData_0 = f_topicData_0_a;
  return { transactionalId: f_transactionalId_0, acks: f_acks_0, timeoutMs: f_timeoutMs_0, topicData: f_topicData_0 };
}

const produceRequestCodecV3To8: Codec<ProduceRequest<Records>, ProduceRequest> = { encode: encodeProduceRequestV3To8, decode: decodeProduceRequestV3To8 };

/** ProduceRequest versions 9-11. */
export function encodeProduceRequestV9To11(w: Writer, v: ProduceRequest<Records>): void {
  w.writeCompactNullableString(v.transactionalId);
  w.writeInt16(v.acks);
  w.writeInt32(v.timeoutMs);
  {
    const arr_0 = v.topicData;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.name);
      {
        const arr_1 = el_0.partitionData;
        w.writeCompactArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.index);
          w.writeCompactRecords(el_1.records);
          w.writeUVarint(0);
        }
      }
      w.writeUVarint(0);
    }
  }
  w.writeUVarint(0);
}

export function decodeProduceRequestV9To11(r: Reader): ProduceRequest {
  const f_transactionalId_0 = r.readCompactNullableString();
  const f_acks_0 = r.readInt16();
  const f_timeoutMs_0 = r.readInt32();
  const f_topicData_0_n = r.readCompactArrayLength(3);
  const f_topicData_0_a: ProduceRequestTopicProduceData<Buffer | null>[] = [];
  for (let i_0 = 0; i_0 < f_topicData_0_n; i_0++) {
    const f_name_1 = r.readCompactString();
    const f_partitionData_1_n = r.readCompactArrayLength(6);
    const f_partitionData_1_a: ProduceRequestPartitionProduceData<Buffer | null>[] = [];
    for (let i_1 = 0; i_1 < f_partitionData_1_n; i_1++) {
      const f_index_2 = r.readInt32();
      const f_records_2 = r.readCompactNullableBytes();
      r.skipTaggedFields();
      f_partitionData_1_a.push({ index: f_index_2, records: f_records_2 });
    }
    const f_partitionData_1 = f_partitionData_1_a;
    r.skipTaggedFields();
    f_topicData_0_a.push({ name: f_name_1, partitionData: f_partitionData_1 });
  }
  const f_topicData_0 = f_topicData_0_a;
  r.skipTaggedFields();
  return { transactionalId: f_transactionalId_0, acks: f_acks_0, timeoutMs: f_timeoutMs_0, topicData: f_topicData_0 };
}

const produceRequestCodecV9To11: Codec<ProduceRequest<Records>, ProduceRequest> = { encode: encodeProduceRequestV9To11, decode: decodeProduceRequestV9To11 };

/** ProduceRequest codecs indexed by version (0-11). */
export const produceRequestCodecs: readonly (Codec<ProduceRequest<Records>, ProduceRequest> | undefined)[] = [
  produceRequestCodecV0To2,
  produceRequestCodecV0To2,
  produceRequestCodecV0To2,
  produceRequestCodecV3To8,
  produceRequestCodecV3To8,
  produceRequestCodecV3To8,
  produceRequestCodecV3To8,
  produceRequestCodecV3To8,
  produceRequestCodecV3To8,
  produceRequestCodecV9To11,
  produceRequestCodecV9To11,
  produceRequestCodecV9To11,
];

export interface ProduceResponse {
  /** Each produce response (Versions 0+.) */
  responses: ProduceResponseTopicProduceResponse[];
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (Versions 1+.) */
  throttleTimeMs: number;
  /** Endpoints for all current-leaders enumerated in PartitionProduceResponses, with errors NOT_LEADER_OR_FOLLOWER. (Versions 10+; tag 0 in 10+.) */
  nodeEndpoints: ProduceResponseNodeEndpoint[];
}

export interface ProduceResponseTopicProduceResponse {
  /** The topic name (Versions 0+.) */
  name: string;
  /** Each partition that we produced to within the topic. (Versions 0+.) */
  partitionResponses: ProduceResponsePartitionProduceResponse[];
}

export interface ProduceResponsePartitionProduceResponse {
  /** The partition index. (Versions 0+.) */
  index: number;
  /** The error code, or 0 if there was no error. (Versions 0+.) */
  errorCode: number;
  /** The base offset. (Versions 0+.) */
  baseOffset: number;
  /** The timestamp returned by broker after appending the messages. If CreateTime is used for the topic, the timestamp will be -1. If LogAppendTime is used for the topic, the timestamp will be the broker local time when the messages are appended. (Versions 2+.) */
  logAppendTimeMs: number;
  /** The log start offset. (Versions 5+.) */
  logStartOffset: number;
  /** The batch indices of records that caused the batch to be dropped (Versions 8+.) */
  recordErrors: ProduceResponseBatchIndexAndErrorMessage[];
  /** The global error message summarizing the common root cause of the records that caused the batch to be dropped (Versions 8+; nullable 8+.) */
  errorMessage: string | null;
  /** (Versions 10+; tag 0 in 10+.) */
  currentLeader: ProduceResponseLeaderIdAndEpoch;
}

export interface ProduceResponseBatchIndexAndErrorMessage {
  /** The batch index of the record that cause the batch to be dropped (Versions 8+.) */
  batchIndex: number;
  /** The error message of the record that caused the batch to be dropped (Versions 8+; nullable 8+.) */
  batchIndexErrorMessage: string | null;
}

export interface ProduceResponseLeaderIdAndEpoch {
  /** The ID of the current leader or -1 if the leader is unknown. (Versions 10+.) */
  leaderId: number;
  /** The latest known leader epoch (Versions 10+.) */
  leaderEpoch: number;
}

export interface ProduceResponseNodeEndpoint {
  /** The ID of the associated node. (Versions 10+.) */
  nodeId: number;
  /** The node's hostname. (Versions 10+.) */
  host: string;
  /** The node's port. (Versions 10+.) */
  port: number;
  /** The rack of the node, or null if it has not been assigned to a rack. (Versions 10+; nullable 10+.) */
  rack: string | null;
}

/** ProduceResponse versions 0. */
export function encodeProduceResponseV0(w: Writer, v: ProduceResponse): void {
  {
    const arr_0 = v.responses;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.name);
      {
        const arr_1 = el_0.partitionResponses;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.index);
          w.writeInt16(el_1.errorCode);
          w.writeInt64(el_1.baseOffset);
        }
      }
    }
  }
}

export function decodeProduceResponseV0(r: Reader): ProduceResponse {
  const f_responses_0_n = r.readArrayLength(6);
  const f_responses_0_a: ProduceResponseTopicProduceResponse[] = [];
  for (let i_0 = 0; i_0 < f_responses_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitionResponses_1_n = r.readArrayLength(14);
    const f_partitionResponses_1_a: ProduceResponsePartitionProduceResponse[] = [];
    for (let i_1 = 0; i_1 < f_partitionResponses_1_n; i_1++) {
      const f_index_2 = r.readInt32();
      const f_errorCode_2 = r.readInt16();
      const f_baseOffset_2 = r.readInt64();
      f_partitionResponses_1_a.push({ index: f_index_2, errorCode: f_errorCode_2, baseOffset: f_baseOffset_2, logAppendTimeMs: -1, logStartOffset: -1, recordErrors: [], errorMessage: null, currentLeader: { leaderId: -1, leaderEpoch: -1 } });
    }
    const f_partitionResponses_1 = f_partitionResponses_1_a;
    f_responses_0_a.push({ name: f_name_1, partitionResponses: f_partitionResponses_1 });
  }
  const f_responses_0 = f_responses_0_a;
  return { responses: f_responses_0, throttleTimeMs: 0, nodeEndpoints: [] };
}

const produceResponseCodecV0: Codec<ProduceResponse, ProduceResponse> = { encode: encodeProduceResponseV0, decode: decodeProduceResponseV0 };

/** ProduceResponse versions 1. */
export function encodeProduceResponseV1(w: Writer, v: ProduceResponse): void {
  {
    const arr_0 = v.responses;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.name);
      {
        const arr_1 = el_0.partitionResponses;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.index);
          w.writeInt16(el_1.errorCode);
          w.writeInt64(el_1.baseOffset);
        }
      }
    }
  }
  w.writeInt32(v.throttleTimeMs);
}

export function decodeProduceResponseV1(r: Reader): ProduceResponse {
  const f_responses_0_n = r.readArrayLength(6);
  const f_responses_0_a: ProduceResponseTopicProduceResponse[] = [];
  for (let i_0 = 0; i_0 < f_responses_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitionResponses_1_n = r.readArrayLength(14);
    const f_partitionResponses_1_a: ProduceResponsePartitionProduceResponse[] = [];
    for (let i_1 = 0; i_1 < f_partitionResponses_1_n; i_1++) {
      const f_index_2 = r.readInt32();
      const f_errorCode_2 = r.readInt16();
      const f_baseOffset_2 = r.readInt64();
      f_partitionResponses_1_a.push({ index: f_index_2, errorCode: f_errorCode_2, baseOffset: f_baseOffset_2, logAppendTimeMs: -1, logStartOffset: -1, recordErrors: [], errorMessage: null, currentLeader: { leaderId: -1, leaderEpoch: -1 } });
    }
    const f_partitionResponses_1 = f_partitionResponses_1_a;
    f_responses_0_a.push({ name: f_name_1, partitionResponses: f_partitionResponses_1 });
  }
  const f_responses_0 = f_responses_0_a;
  const f_throttleTimeMs_0 = r.readInt32();
  return { responses: f_responses_0, throttleTimeMs: f_throttleTimeMs_0, nodeEndpoints: [] };
}

const produceResponseCodecV1: Codec<ProduceResponse, ProduceResponse> = { encode: encodeProduceResponseV1, decode: decodeProduceResponseV1 };

/** ProduceResponse versions 2-4. */
export function encodeProduceResponseV2To4(w: Writer, v: ProduceResponse): void {
  {
    const arr_0 = v.responses;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.name);
      {
        const arr_1 = el_0.partitionResponses;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.index);
          w.writeInt16(el_1.errorCode);
          w.writeInt64(el_1.baseOffset);
          w.writeInt64(el_1.logAppendTimeMs);
        }
      }
    }
  }
  w.writeInt32(v.throttleTimeMs);
}

export function decodeProduceResponseV2To4(r: Reader): ProduceResponse {
  const f_responses_0_n = r.readArrayLength(6);
  const f_responses_0_a: ProduceResponseTopicProduceResponse[] = [];
  for (let i_0 = 0; i_0 < f_responses_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitionResponses_1_n = r.readArrayLength(22);
    const f_partitionResponses_1_a: ProduceResponsePartitionProduceResponse[] = [];
    for (let i_1 = 0; i_1 < f_partitionResponses_1_n; i_1++) {
      const f_index_2 = r.readInt32();
      const f_errorCode_2 = r.readInt16();
      const f_baseOffset_2 = r.readInt64();
      const f_logAppendTimeMs_2 = r.readInt64();
      f_partitionResponses_1_a.push({ index: f_index_2, errorCode: f_errorCode_2, baseOffset: f_baseOffset_2, logAppendTimeMs: f_logAppendTimeMs_2, logStartOffset: -1, recordErrors: [], errorMessage: null, currentLeader: { leaderId: -1, leaderEpoch: -1 } });
    }
    const f_partitionResponses_1 = f_partitionResponses_1_a;
    f_responses_0_a.push({ name: f_name_1, partitionResponses: f_partitionResponses_1 });
  }
  const f_responses_0 = f_responses_0_a;
  const f_throttleTimeMs_0 = r.readInt32();
  return { responses: f_responses_0, throttleTimeMs: f_throttleTimeMs_0, nodeEndpoints: [] };
}

const produceResponseCodecV2To4: Codec<ProduceResponse, ProduceResponse> = { encode: encodeProduceResponseV2To4, decode: decodeProduceResponseV2To4 };

/** ProduceResponse versions 5-7. */
export function encodeProduceResponseV5To7(w: Writer, v: ProduceResponse): void {
  {
    const arr_0 = v.responses;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.name);
      {
        const arr_1 = el_0.partitionResponses;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.index);
          w.writeInt16(el_1.errorCode);
          w.writeInt64(el_1.baseOffset);
          w.writeInt64(el_1.logAppendTimeMs);
          w.writeInt64(el_1.logStartOffset);
        }
      }
    }
  }
  w.writeInt32(v.throttleTimeMs);
}

export function decodeProduceResponseV5To7(r: Reader): ProduceResponse {
  const f_responses_0_n = r.readArrayLength(6);
  const f_responses_0_a: ProduceResponseTopicProduceResponse[] = [];
  for (let i_0 = 0; i_0 < f_responses_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitionResponses_1_n = r.readArrayLength(30);
    const f_partitionResponses_1_a: ProduceResponsePartitionProduceResponse[] = [];
    for (let i_1 = 0; i_1 < f_partitionResponses_1_n; i_1++) {
      const f_index_2 = r.readInt32();
      const f_errorCode_2 = r.readInt16();
      const f_baseOffset_2 = r.readInt64();
      const f_logAppendTimeMs_2 = r.readInt64();
      const f_logStartOffset_2 = r.readInt64();
      f_partitionResponses_1_a.push({ index: f_index_2, errorCode: f_errorCode_2, baseOffset: f_baseOffset_2, logAppendTimeMs: f_logAppendTimeMs_2, logStartOffset: f_logStartOffset_2, recordErrors: [], errorMessage: null, currentLeader: { leaderId: -1, leaderEpoch: -1 } });
    }
    const f_partitionResponses_1 = f_partitionResponses_1_a;
    f_responses_0_a.push({ name: f_name_1, partitionResponses: f_partitionResponses_1 });
  }
  const f_responses_0 = f_responses_0_a;
  const f_throttleTimeMs_0 = r.readInt32();
  return { responses: f_responses_0, throttleTimeMs: f_throttleTimeMs_0, nodeEndpoints: [] };
}

const produceResponseCodecV5To7: Codec<ProduceResponse, ProduceResponse> = { encode: encodeProduceResponseV5To7, decode: decodeProduceResponseV5To7 };

/** ProduceResponse versions 8. */
export function encodeProduceResponseV8(w: Writer, v: ProduceResponse): void {
  {
    const arr_0 = v.responses;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeString(el_0.name);
      {
        const arr_1 = el_0.partitionResponses;
        w.writeArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.index);
          w.writeInt16(el_1.errorCode);
          w.writeInt64(el_1.baseOffset);
          w.writeInt64(el_1.logAppendTimeMs);
          w.writeInt64(el_1.logStartOffset);
          {
            const arr_2 = el_1.recordErrors;
            w.writeArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              const el_2 = arr_2[i_2];
              w.writeInt32(el_2.batchIndex);
              w.writeNullableString(el_2.batchIndexErrorMessage);
            }
          }
          w.writeNullableString(el_1.errorMessage);
        }
      }
    }
  }
  w.writeInt32(v.throttleTimeMs);
}

export function decodeProduceResponseV8(r: Reader): ProduceResponse {
  const f_responses_0_n = r.readArrayLength(6);
  const f_responses_0_a: ProduceResponseTopicProduceResponse[] = [];
  for (let i_0 = 0; i_0 < f_responses_0_n; i_0++) {
    const f_name_1 = r.readString();
    const f_partitionResponses_1_n = r.readArrayLength(36);
    const f_partitionResponses_1_a: ProduceResponsePartitionProduceResponse[] = [];
    for (let i_1 = 0; i_1 < f_partitionResponses_1_n; i_1++) {
      const f_index_2 = r.readInt32();
      const f_errorCode_2 = r.readInt16();
      const f_baseOffset_2 = r.readInt64();
      const f_logAppendTimeMs_2 = r.readInt64();
      const f_logStartOffset_2 = r.readInt64();
      const f_recordErrors_2_n = r.readArrayLength(6);
      const f_recordErrors_2_a: ProduceResponseBatchIndexAndErrorMessage[] = [];
      for (let i_2 = 0; i_2 < f_recordErrors_2_n; i_2++) {
        const f_batchIndex_3 = r.readInt32();
        const f_batchIndexErrorMessage_3 = r.readNullableString();
        f_recordErrors_2_a.push({ batchIndex: f_batchIndex_3, batchIndexErrorMessage: f_batchIndexErrorMessage_3 });
      }
      const f_recordErrors_2 = f_recordErrors_2_a;
      const f_errorMessage_2 = r.readNullableString();
      f_partitionResponses_1_a.push({ index: f_index_2, errorCode: f_errorCode_2, baseOffset: f_baseOffset_2, logAppendTimeMs: f_logAppendTimeMs_2, logStartOffset: f_logStartOffset_2, recordErrors: f_recordErrors_2, errorMessage: f_errorMessage_2, currentLeader: { leaderId: -1, leaderEpoch: -1 } });
    }
    const f_partitionResponses_1 = f_partitionResponses_1_a;
    f_responses_0_a.push({ name: f_name_1, partitionResponses: f_partitionResponses_1 });
  }
  const f_responses_0 = f_responses_0_a;
  const f_throttleTimeMs_0 = r.readInt32();
  return { responses: f_responses_0, throttleTimeMs: f_throttleTimeMs_0, nodeEndpoints: [] };
}

const produceResponseCodecV8: Codec<ProduceResponse, ProduceResponse> = { encode: encodeProduceResponseV8, decode: decodeProduceResponseV8 };

/** ProduceResponse versions 9. */
export function encodeProduceResponseV9(w: Writer, v: ProduceResponse): void {
  {
    const arr_0 = v.responses;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.name);
      {
        const arr_1 = el_0.partitionResponses;
        w.writeCompactArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.index);
          w.writeInt16(el_1.errorCode);
          w.writeInt64(el_1.baseOffset);
          w.writeInt64(el_1.logAppendTimeMs);
          w.writeInt64(el_1.logStartOffset);
          {
            const arr_2 = el_1.recordErrors;
            w.writeCompactArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              const el_2 = arr_2[i_2];
              w.writeInt32(el_2.batchIndex);
              w.writeCompactNullableString(el_2.batchIndexErrorMessage);
              w.writeUVarint(0);
            }
          }
          w.writeCompactNullableString(el_1.errorMessage);
          w.writeUVarint(0);
        }
      }
      w.writeUVarint(0);
    }
  }
  w.writeInt32(v.throttleTimeMs);
  w.writeUVarint(0);
}

export function decodeProduceResponseV9(r: Reader): ProduceResponse {
  const f_responses_0_n = r.readCompactArrayLength(3);
  const f_responses_0_a: ProduceResponseTopicProduceResponse[] = [];
  for (let i_0 = 0; i_0 < f_responses_0_n; i_0++) {
    const f_name_1 = r.readCompactString();
    const f_partitionResponses_1_n = r.readCompactArrayLength(33);
    const f_partitionResponses_1_a: ProduceResponsePartitionProduceResponse[] = [];
    for (let i_1 = 0; i_1 < f_partitionResponses_1_n; i_1++) {
      const f_index_2 = r.readInt32();
      const f_errorCode_2 = r.readInt16();
      const f_baseOffset_2 = r.readInt64();
      const f_logAppendTimeMs_2 = r.readInt64();
      const f_logStartOffset_2 = r.readInt64();
      const f_recordErrors_2_n = r.readCompactArrayLength(6);
      const f_recordErrors_2_a: ProduceResponseBatchIndexAndErrorMessage[] = [];
      for (let i_2 = 0; i_2 < f_recordErrors_2_n; i_2++) {
        const f_batchIndex_3 = r.readInt32();
        const f_batchIndexErrorMessage_3 = r.readCompactNullableString();
        r.skipTaggedFields();
        f_recordErrors_2_a.push({ batchIndex: f_batchIndex_3, batchIndexErrorMessage: f_batchIndexErrorMessage_3 });
      }
      const f_recordErrors_2 = f_recordErrors_2_a;
      const f_errorMessage_2 = r.readCompactNullableString();
      r.skipTaggedFields();
      f_partitionResponses_1_a.push({ index: f_index_2, errorCode: f_errorCode_2, baseOffset: f_baseOffset_2, logAppendTimeMs: f_logAppendTimeMs_2, logStartOffset: f_logStartOffset_2, recordErrors: f_recordErrors_2, errorMessage: f_errorMessage_2, currentLeader: { leaderId: -1, leaderEpoch: -1 } });
    }
    const f_partitionResponses_1 = f_partitionResponses_1_a;
    r.skipTaggedFields();
    f_responses_0_a.push({ name: f_name_1, partitionResponses: f_partitionResponses_1 });
  }
  const f_responses_0 = f_responses_0_a;
  const f_throttleTimeMs_0 = r.readInt32();
  r.skipTaggedFields();
  return { responses: f_responses_0, throttleTimeMs: f_throttleTimeMs_0, nodeEndpoints: [] };
}

const produceResponseCodecV9: Codec<ProduceResponse, ProduceResponse> = { encode: encodeProduceResponseV9, decode: decodeProduceResponseV9 };

/** ProduceResponse versions 10-11. */
export function encodeProduceResponseV10To11(w: Writer, v: ProduceResponse): void {
  {
    const arr_0 = v.responses;
    w.writeCompactArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      const el_0 = arr_0[i_0];
      w.writeCompactString(el_0.name);
      {
        const arr_1 = el_0.partitionResponses;
        w.writeCompactArrayLength(arr_1.length);
        for (let i_1 = 0; i_1 < arr_1.length; i_1++) {
          const el_1 = arr_1[i_1];
          w.writeInt32(el_1.index);
          w.writeInt16(el_1.errorCode);
          w.writeInt64(el_1.baseOffset);
          w.writeInt64(el_1.logAppendTimeMs);
          w.writeInt64(el_1.logStartOffset);
          {
            const arr_2 = el_1.recordErrors;
            w.writeCompactArrayLength(arr_2.length);
            for (let i_2 = 0; i_2 < arr_2.length; i_2++) {
              const el_2 = arr_2[i_2];
              w.writeInt32(el_2.batchIndex);
              w.writeCompactNullableString(el_2.batchIndexErrorMessage);
              w.writeUVarint(0);
            }
          }
          w.writeCompactNullableString(el_1.errorMessage);
          let tags_2 = 0;
          if ((el_1.currentLeader.leaderId !== -1) || (el_1.currentLeader.leaderEpoch !== -1)) tags_2++;
          w.writeUVarint(tags_2);
          if ((el_1.currentLeader.leaderId !== -1) || (el_1.currentLeader.leaderEpoch !== -1)) {
            const tw_2 = new Writer();
            {
              const s_2 = el_1.currentLeader;
              tw_2.writeInt32(s_2.leaderId);
              tw_2.writeInt32(s_2.leaderEpoch);
              tw_2.writeUVarint(0);
            }
            w.writeTaggedField(0, tw_2);
          }
        }
      }
      w.writeUVarint(0);
    }
  }
  w.writeInt32(v.throttleTimeMs);
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

export function decodeProduceResponseV10To11(r: Reader): ProduceResponse {
  const f_responses_0_n = r.readCompactArrayLength(3);
  const f_responses_0_a: ProduceResponseTopicProduceResponse[] = [];
  for (let i_0 = 0; i_0 < f_responses_0_n; i_0++) {
    const f_name_1 = r.readCompactString();
    const f_partitionResponses_1_n = r.readCompactArrayLength(33);
    const f_partitionResponses_1_a: ProduceResponsePartitionProduceResponse[] = [];
    for (let i_1 = 0; i_1 < f_partitionResponses_1_n; i_1++) {
      const f_index_2 = r.readInt32();
      const f_errorCode_2 = r.readInt16();
      const f_baseOffset_2 = r.readInt64();
      const f_logAppendTimeMs_2 = r.readInt64();
      const f_logStartOffset_2 = r.readInt64();
      const f_recordErrors_2_n = r.readCompactArrayLength(6);
      const f_recordErrors_2_a: ProduceResponseBatchIndexAndErrorMessage[] = [];
      for (let i_2 = 0; i_2 < f_recordErrors_2_n; i_2++) {
        const f_batchIndex_3 = r.readInt32();
        const f_batchIndexErrorMessage_3 = r.readCompactNullableString();
        r.skipTaggedFields();
        f_recordErrors_2_a.push({ batchIndex: f_batchIndex_3, batchIndexErrorMessage: f_batchIndexErrorMessage_3 });
      }
      const f_recordErrors_2 = f_recordErrors_2_a;
      const f_errorMessage_2 = r.readCompactNullableString();
      let f_currentLeader_2: ProduceResponseLeaderIdAndEpoch = { leaderId: -1, leaderEpoch: -1 };
      const tagCount_2 = r.readUVarint();
      for (let t_2 = 0; t_2 < tagCount_2; t_2++) {
        const tag_2 = r.readUVarint();
        const end_2 = r.pushLimit(r.readUVarint());
        switch (tag_2) {
          case 0: {
            {
              const f_leaderId_3 = r.readInt32();
              const f_leaderEpoch_3 = r.readInt32();
              r.skipTaggedFields();
              f_currentLeader_2 = { leaderId: f_leaderId_3, leaderEpoch: f_leaderEpoch_3 };
            }
            break;
          }
          default:
            break;
        }
        r.popLimit(end_2);
      }
      f_partitionResponses_1_a.push({ index: f_index_2, errorCode: f_errorCode_2, baseOffset: f_baseOffset_2, logAppendTimeMs: f_logAppendTimeMs_2, logStartOffset: f_logStartOffset_2, recordErrors: f_recordErrors_2, errorMessage: f_errorMessage_2, currentLeader: f_currentLeader_2 });
    }
    const f_partitionResponses_1 = f_partitionResponses_1_a;
    r.skipTaggedFields();
    f_responses_0_a.push({ name: f_name_1, partitionResponses: f_partitionResponses_1 });
  }
  const f_responses_0 = f_responses_0_a;
  const f_throttleTimeMs_0 = r.readInt32();
  let f_nodeEndpoints_0: ProduceResponseNodeEndpoint[] = [];
  const tagCount_0 = r.readUVarint();
  for (let t_0 = 0; t_0 < tagCount_0; t_0++) {
    const tag_0 = r.readUVarint();
    const end_0 = r.pushLimit(r.readUVarint());
    switch (tag_0) {
      case 0: {
        const f_nodeEndpoints_0_n = r.readCompactArrayLength(11);
        const f_nodeEndpoints_0_a: ProduceResponseNodeEndpoint[] = [];
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
  return { responses: f_responses_0, throttleTimeMs: f_throttleTimeMs_0, nodeEndpoints: f_nodeEndpoints_0 };
}

const produceResponseCodecV10To11: Codec<ProduceResponse, ProduceResponse> = { encode: encodeProduceResponseV10To11, decode: decodeProduceResponseV10To11 };

/** ProduceResponse codecs indexed by version (0-11). */
export const produceResponseCodecs: readonly (Codec<ProduceResponse, ProduceResponse> | undefined)[] = [
  produceResponseCodecV0,
  produceResponseCodecV1,
  produceResponseCodecV2To4,
  produceResponseCodecV2To4,
  produceResponseCodecV2To4,
  produceResponseCodecV5To7,
  produceResponseCodecV5To7,
  produceResponseCodecV5To7,
  produceResponseCodecV8,
  produceResponseCodecV9,
  produceResponseCodecV10To11,
  produceResponseCodecV10To11,
];

/** Produce (API key 0): both directions, every version of Kafka 3.8.0. */
export const produceApi: ApiCodecs = {
  apiKey: 0,
  name: "Produce",
  minVersion: 0,
  maxVersion: 11,
  requestFlexibleMin: 9,
  responseFlexibleMin: 9,
  request: produceRequestCodecs,
  response: produceResponseCodecs,
};
