// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0 message definitions, Apache-2.0): OffsetCommitValue.json.

import type { Codec } from '../codec.ts';
import type { Reader } from '../reader.ts';
import { type Writer } from '../writer.ts';
export interface OffsetCommitValue {
  /** (Versions 0+.) */
  offset: number;
  /** (Versions 3+.) */
  leaderEpoch: number;
  /** (Versions 0+.) */
  metadata: string;
  /** (Versions 0+.) */
  commitTimestamp: number;
  /** (Versions 1.) */
  expireTimestamp: number;
}

/** OffsetCommitValue versions 0. */
export function encodeOffsetCommitValueV0(w: Writer, v: OffsetCommitValue): void {
  w.writeInt64(v.offset);
  w.writeString(v.metadata);
  w.writeInt64(v.commitTimestamp);
}

export function decodeOffsetCommitValueV0(r: Reader): OffsetCommitValue {
  const f_offset_0 = r.readInt64();
  const f_metadata_0 = r.readString();
  const f_commitTimestamp_0 = r.readInt64();
  return { offset: f_offset_0, leaderEpoch: -1, metadata: f_metadata_0, commitTimestamp: f_commitTimestamp_0, expireTimestamp: -1 };
}

const offsetCommitValueCodecV0: Codec<OffsetCommitValue, OffsetCommitValue> = { encode: encodeOffsetCommitValueV0, decode: decodeOffsetCommitValueV0 };

/** OffsetCommitValue versions 1. */
export function encodeOffsetCommitValueV1(w: Writer, v: OffsetCommitValue): void {
  w.writeInt64(v.offset);
  w.writeString(v.metadata);
  w.writeInt64(v.commitTimestamp);
  w.writeInt64(v.expireTimestamp);
}

export function decodeOffsetCommitValueV1(r: Reader): OffsetCommitValue {
  const f_offset_0 = r.readInt64();
  const f_metadata_0 = r.readString();
  const f_commitTimestamp_0 = r.readInt64();
  const f_expireTimestamp_0 = r.readInt64();
  return { offset: f_offset_0, leaderEpoch: -1, metadata: f_metadata_0, commitTimestamp: f_commitTimestamp_0, expireTimestamp: f_expireTimestamp_0 };
}

const offsetCommitValueCodecV1: Codec<OffsetCommitValue, OffsetCommitValue> = { encode: encodeOffsetCommitValueV1, decode: decodeOffsetCommitValueV1 };

/** OffsetCommitValue versions 2. */
export function encodeOffsetCommitValueV2(w: Writer, v: OffsetCommitValue): void {
  w.writeInt64(v.offset);
  w.writeString(v.metadata);
  w.writeInt64(v.commitTimestamp);
}

export function decodeOffsetCommitValueV2(r: Reader): OffsetCommitValue {
  const f_offset_0 = r.readInt64();
  const f_metadata_0 = r.readString();
  const f_commitTimestamp_0 = r.readInt64();
  return { offset: f_offset_0, leaderEpoch: -1, metadata: f_metadata_0, commitTimestamp: f_commitTimestamp_0, expireTimestamp: -1 };
}

const offsetCommitValueCodecV2: Codec<OffsetCommitValue, OffsetCommitValue> = { encode: encodeOffsetCommitValueV2, decode: decodeOffsetCommitValueV2 };

/** OffsetCommitValue versions 3. */
export function encodeOffsetCommitValueV3(w: Writer, v: OffsetCommitValue): void {
  w.writeInt64(v.offset);
  w.writeInt32(v.leaderEpoch);
  w.writeString(v.metadata);
  w.writeInt64(v.commitTimestamp);
}

export function decodeOffsetCommitValueV3(r: Reader): OffsetCommitValue {
  const f_offset_0 = r.readInt64();
  const f_leaderEpoch_0 = r.readInt32();
  const f_metadata_0 = r.readString();
  const f_commitTimestamp_0 = r.readInt64();
  return { offset: f_offset_0, leaderEpoch: f_leaderEpoch_0, metadata: f_metadata_0, commitTimestamp: f_commitTimestamp_0, expireTimestamp: -1 };
}

const offsetCommitValueCodecV3: Codec<OffsetCommitValue, OffsetCommitValue> = { encode: encodeOffsetCommitValueV3, decode: decodeOffsetCommitValueV3 };

/** OffsetCommitValue versions 4. */
export function encodeOffsetCommitValueV4(w: Writer, v: OffsetCommitValue): void {
  w.writeInt64(v.offset);
  w.writeInt32(v.leaderEpoch);
  w.writeCompactString(v.metadata);
  w.writeInt64(v.commitTimestamp);
  w.writeUVarint(0);
}

export function decodeOffsetCommitValueV4(r: Reader): OffsetCommitValue {
  const f_offset_0 = r.readInt64();
  const f_leaderEpoch_0 = r.readInt32();
  const f_metadata_0 = r.readCompactString();
  const f_commitTimestamp_0 = r.readInt64();
  r.skipTaggedFields();
  return { offset: f_offset_0, leaderEpoch: f_leaderEpoch_0, metadata: f_metadata_0, commitTimestamp: f_commitTimestamp_0, expireTimestamp: -1 };
}

const offsetCommitValueCodecV4: Codec<OffsetCommitValue, OffsetCommitValue> = { encode: encodeOffsetCommitValueV4, decode: decodeOffsetCommitValueV4 };

/** OffsetCommitValue codecs indexed by version (0-4). */
export const offsetCommitValueCodecs: readonly (Codec<OffsetCommitValue, OffsetCommitValue> | undefined)[] = [
  offsetCommitValueCodecV0,
  offsetCommitValueCodecV1,
  offsetCommitValueCodecV2,
  offsetCommitValueCodecV3,
  offsetCommitValueCodecV4,
];
