// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): ConsumerProtocolAssignment.json.

import type { Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { type Writer } from '../writer.ts';
export interface ConsumerProtocolAssignment {
  /** (Versions 0+.) */
  assignedPartitions: ConsumerProtocolAssignmentTopicPartition[];
  /** (Versions 0+; nullable 0+.) */
  userData: Buffer | null;
}

export interface ConsumerProtocolAssignmentTopicPartition {
  /** (Versions 0+.) */
  topic: string;
  /** (Versions 0+.) */
  partitions: number[];
}

/** ConsumerProtocolAssignment versions 0-3. */
export function encodeConsumerProtocolAssignmentV0To3(w: Writer, v: ConsumerProtocolAssignment): void {
  {
    const arr_0 = v.assignedPartitions;
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
  w.writeNullableBytes(v.userData);
}

export function decodeConsumerProtocolAssignmentV0To3(r: Reader): ConsumerProtocolAssignment {
  const f_assignedPartitions_0_n = r.readArrayLength(6);
  const f_assignedPartitions_0_a: ConsumerProtocolAssignmentTopicPartition[] = [];
  for (let i_0 = 0; i_0 < f_assignedPartitions_0_n; i_0++) {
    const f_topic_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(4);
    const f_partitions_1_a: number[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      f_partitions_1_a.push(r.readInt32());
    }
    const f_partitions_1 = f_partitions_1_a;
    f_assignedPartitions_0_a.push({ topic: f_topic_1, partitions: f_partitions_1 });
  }
  const f_assignedPartitions_0 = f_assignedPartitions_0_a;
  const f_userData_0 = r.readNullableBytes();
  return { assignedPartitions: f_assignedPartitions_0, userData: f_userData_0 };
}

const consumerProtocolAssignmentCodecV0To3: Codec<ConsumerProtocolAssignment, ConsumerProtocolAssignment> = { encode: encodeConsumerProtocolAssignmentV0To3, decode: decodeConsumerProtocolAssignmentV0To3 };

/** ConsumerProtocolAssignment codecs indexed by version (0-3). */
export const consumerProtocolAssignmentCodecs: readonly (Codec<ConsumerProtocolAssignment, ConsumerProtocolAssignment> | undefined)[] = [
  consumerProtocolAssignmentCodecV0To3,
  consumerProtocolAssignmentCodecV0To3,
  consumerProtocolAssignmentCodecV0To3,
  consumerProtocolAssignmentCodecV0To3,
];
