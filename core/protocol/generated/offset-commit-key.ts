// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): OffsetCommitKey.json.

import type { Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { type Writer } from '../writer.ts';
export interface OffsetCommitKey {
  /** (Versions 0-1.) */
  group: string;
  /** (Versions 0-1.) */
  topic: string;
  /** (Versions 0-1.) */
  partition: number;
}

/** OffsetCommitKey versions 0-1. */
export function encodeOffsetCommitKeyV0To1(w: Writer, v: OffsetCommitKey): void {
  w.writeString(v.group);
  w.writeString(v.topic);
  w.writeInt32(v.partition);
}

export function decodeOffsetCommitKeyV0To1(r: Reader): OffsetCommitKey {
  const f_group_0 = r.readString();
  const f_topic_0 = r.readString();
  const f_partition_0 = r.readInt32();
  return { group: f_group_0, topic: f_topic_0, partition: f_partition_0 };
}

const offsetCommitKeyCodecV0To1: Codec<OffsetCommitKey, OffsetCommitKey> = { encode: encodeOffsetCommitKeyV0To1, decode: decodeOffsetCommitKeyV0To1 };

/** OffsetCommitKey codecs indexed by version (0-1). */
export const offsetCommitKeyCodecs: readonly (Codec<OffsetCommitKey, OffsetCommitKey> | undefined)[] = [
  offsetCommitKeyCodecV0To1,
  offsetCommitKeyCodecV0To1,
];
