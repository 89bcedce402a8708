// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): GroupMetadataKey.json.

import type { Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { type Writer } from '../writer.ts';
export interface GroupMetadataKey {
  /** (Versions 2.) */
  group: string;
}

/** GroupMetadataKey versions 2. */
export function encodeGroupMetadataKeyV2(w: Writer, v: GroupMetadataKey): void {
  w.writeString(v.group);
}

export function decodeGroupMetadataKeyV2(r: Reader): GroupMetadataKey {
  const f_group_0 = r.readString();
  return { group: f_group_0 };
}

const groupMetadataKeyCodecV2: Codec<GroupMetadataKey, GroupMetadataKey> = { encode: encodeGroupMetadataKeyV2, decode: decodeGroupMetadataKeyV2 };

/** GroupMetadataKey codecs indexed by version (2). */
export const groupMetadataKeyCodecs: readonly (Codec<GroupMetadataKey, GroupMetadataKey> | undefined)[] = [
  undefined,
  undefined,
  groupMetadataKeyCodecV2,
];
