// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): ConsumerProtocolSubscription.json.

import type { Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { type Writer } from '../writer.ts';
export interface ConsumerProtocolSubscription {
  /** (Versions 0+.) */
  topics: string[];
  /** (Versions 0+; nullable 0+.) */
  userData: Buffer | null;
  /** (Versions 1+.) */
  ownedPartitions: ConsumerProtocolSubscriptionTopicPartition[];
  /** (Versions 2+.) */
  generationId: number;
  /** (Versions 3+; nullable 3+.) */
  rackId: string | null;
}

export interface ConsumerProtocolSubscriptionTopicPartition {
  /** (Versions 1+.) */
  topic: string;
  /** (Versions 1+.) */
  partitions: number[];
}

/** ConsumerProtocolSubscription versions 0. */
export function encodeConsumerProtocolSubscriptionV0(w: Writer, v: ConsumerProtocolSubscription): void {
  {
    const arr_0 = v.topics;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      w.writeString(arr_0[i_0]);
    }
  }
  w.writeNullableBytes(v.userData);
}

export function decodeConsumerProtocolSubscriptionV0(r: Reader): ConsumerProtocolSubscription {
  const f_topics_0_n = r.readArrayLength(2);
  const f_topics_0_a: string[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    f_topics_0_a.push(r.readString());
  }
  const f_topics_0 = f_topics_0_a;
  const f_userData_0 = r.readNullableBytes();
  return { topics: f_topics_0, userData: f_userData_0, ownedPartitions: [], generationId: -1, rackId: null };
}

const consumerProtocolSubscriptionCodecV0: Codec<ConsumerProtocolSubscription, ConsumerProtocolSubscription> = { encode: encodeConsumerProtocolSubscriptionV0, decode: decodeConsumerProtocolSubscriptionV0 };

/** ConsumerProtocolSubscription versions 1. */
export function encodeConsumerProtocolSubscriptionV1(w: Writer, v: ConsumerProtocolSubscription): void {
  {
    const arr_0 = v.topics;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      w.writeString(arr_0[i_0]);
    }
  }
  w.writeNullableBytes(v.userData);
  {
    const arr_0 = v.ownedPartitions;
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

export function decodeConsumerProtocolSubscriptionV1(r: Reader): ConsumerProtocolSubscription {
  const f_topics_0_n = r.readArrayLength(2);
  const f_topics_0_a: string[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    f_topics_0_a.push(r.readString());
  }
  const f_topics_0 = f_topics_0_a;
  const f_userData_0 = r.readNullableBytes();
  const f_ownedPartitions_0_n = r.readArrayLength(6);
  const f_ownedPartitions_0_a: ConsumerProtocolSubscriptionTopicPartition[] = [];
  for (let i_0 = 0; i_0 < f_ownedPartitions_0_n; i_0++) {
    const f_topic_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(4);
    const f_partitions_1_a: number[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      f_partitions_1_a.push(r.readInt32());
    }
    const f_partitions_1 = f_partitions_1_a;
    f_ownedPartitions_0_a.push({ topic: f_topic_1, partitions: f_partitions_1 });
  }
  const f_ownedPartitions_0 = f_ownedPartitions_0_a;
  return { topics: f_topics_0, userData: f_userData_0, ownedPartitions: f_ownedPartitions_0, generationId: -1, rackId: null };
}

const consumerProtocolSubscriptionCodecV1: Codec<ConsumerProtocolSubscription, ConsumerProtocolSubscription> = { encode: encodeConsumerProtocolSubscriptionV1, decode: decodeConsumerProtocolSubscriptionV1 };

/** ConsumerProtocolSubscription versions 2. */
export function encodeConsumerProtocolSubscriptionV2(w: Writer, v: ConsumerProtocolSubscription): void {
  {
    const arr_0 = v.topics;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      w.writeString(arr_0[i_0]);
    }
  }
  w.writeNullableBytes(v.userData);
  {
    const arr_0 = v.ownedPartitions;
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
  w.writeInt32(v.generationId);
}

export function decodeConsumerProtocolSubscriptionV2(r: Reader): ConsumerProtocolSubscription {
  const f_topics_0_n = r.readArrayLength(2);
  const f_topics_0_a: string[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    f_topics_0_a.push(r.readString());
  }
  const f_topics_0 = f_topics_0_a;
  const f_userData_0 = r.readNullableBytes();
  const f_ownedPartitions_0_n = r.readArrayLength(6);
  const f_ownedPartitions_0_a: ConsumerProtocolSubscriptionTopicPartition[] = [];
  for (let i_0 = 0; i_0 < f_ownedPartitions_0_n; i_0++) {
    const f_topic_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(4);
    const f_partitions_1_a: number[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      f_partitions_1_a.push(r.readInt32());
    }
    const f_partitions_1 = f_partitions_1_a;
    f_ownedPartitions_0_a.push({ topic: f_topic_1, partitions: f_partitions_1 });
  }
  const f_ownedPartitions_0 = f_ownedPartitions_0_a;
  const f_generationId_0 = r.readInt32();
  return { topics: f_topics_0, userData: f_userData_0, ownedPartitions: f_ownedPartitions_0, generationId: f_generationId_0, rackId: null };
}

const consumerProtocolSubscriptionCodecV2: Codec<ConsumerProtocolSubscription, ConsumerProtocolSubscription> = { encode: encodeConsumerProtocolSubscriptionV2, decode: decodeConsumerProtocolSubscriptionV2 };

/** ConsumerProtocolSubscription versions 3. */
export function encodeConsumerProtocolSubscriptionV3(w: Writer, v: ConsumerProtocolSubscription): void {
  {
    const arr_0 = v.topics;
    w.writeArrayLength(arr_0.length);
    for (let i_0 = 0; i_0 < arr_0.length; i_0++) {
      w.writeString(arr_0[i_0]);
    }
  }
  w.writeNullableBytes(v.userData);
  {
    const arr_0 = v.ownedPartitions;
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
  w.writeInt32(v.generationId);
  w.writeNullableString(v.rackId);
}

export function decodeConsumerProtocolSubscriptionV3(r: Reader): ConsumerProtocolSubscription {
  const f_topics_0_n = r.readArrayLength(2);
  const f_topics_0_a: string[] = [];
  for (let i_0 = 0; i_0 < f_topics_0_n; i_0++) {
    f_topics_0_a.push(r.readString());
  }
  const f_topics_0 = f_topics_0_a;
  const f_userData_0 = r.readNullableBytes();
  const f_ownedPartitions_0_n = r.readArrayLength(6);
  const f_ownedPartitions_0_a: ConsumerProtocolSubscriptionTopicPartition[] = [];
  for (let i_0 = 0; i_0 < f_ownedPartitions_0_n; i_0++) {
    const f_topic_1 = r.readString();
    const f_partitions_1_n = r.readArrayLength(4);
    const f_partitions_1_a: number[] = [];
    for (let i_1 = 0; i_1 < f_partitions_1_n; i_1++) {
      f_partitions_1_a.push(r.readInt32());
    }
    const f_partitions_1 = f_partitions_1_a;
    f_ownedPartitions_0_a.push({ topic: f_topic_1, partitions: f_partitions_1 });
  }
  const f_ownedPartitions_0 = f_ownedPartitions_0_a;
  const f_generationId_0 = r.readInt32();
  const f_rackId_0 = r.readNullableString();
  return { topics: f_topics_0, userData: f_userData_0, ownedPartitions: f_ownedPartitions_0, generationId: f_generationId_0, rackId: f_rackId_0 };
}

const consumerProtocolSubscriptionCodecV3: Codec<ConsumerProtocolSubscription, ConsumerProtocolSubscription> = { encode: encodeConsumerProtocolSubscriptionV3, decode: decodeConsumerProtocolSubscriptionV3 };

/** ConsumerProtocolSubscription codecs indexed by version (0-3). */
export const consumerProtocolSubscriptionCodecs: readonly (Codec<ConsumerProtocolSubscription, ConsumerProtocolSubscription> | undefined)[] = [
  consumerProtocolSubscriptionCodecV0,
  consumerProtocolSubscriptionCodecV1,
  consumerProtocolSubscriptionCodecV2,
  consumerProtocolSubscriptionCodecV3,
];
