/**
 * Version-prefixed formats carried inside other messages or records: the consumer protocol's
 * Subscription/Assignment (JoinGroup/SyncGroup `metadata`/`assignment` bytes) and the key/value records of
 * `__consumer_offsets`. Each starts with an int16 version. Readers accept versions newer than they know:
 * they decode the fields of the newest known version and ignore the trailing bytes, as Kafka's readers do.
 */
import { ErrorCode, KafkaError } from '../errors/index.ts';
import type { Codec } from './codec.ts';
import {
  consumerProtocolAssignmentCodecs,
  consumerProtocolSubscriptionCodecs,
  groupMetadataKeyCodecs,
  groupMetadataValueCodecs,
  offsetCommitKeyCodecs,
  offsetCommitValueCodecs,
  type ConsumerProtocolAssignment,
  type ConsumerProtocolSubscription,
  type GroupMetadataKey,
  type GroupMetadataValue,
  type OffsetCommitKey,
  type OffsetCommitValue,
} from './generated/index.ts';
import { Reader } from './reader.ts';
import { Writer } from './writer.ts';

function encodeVersioned<T>(
  codecs: readonly (Codec<T> | undefined)[],
  version: number,
  value: T,
  what: string,
): Buffer {
  const codec = codecs[version];
  if (codec === undefined) throw new KafkaError(ErrorCode.UNSUPPORTED_VERSION, `${what} version ${version}`);
  const w = new Writer();
  w.writeInt16(version);
  codec.encode(w, value);
  return w.toBuffer();
}

/** Picks the codec for a version read from the wire: newer versions decode as the newest known one. */
function codecForRead<T>(codecs: readonly (Codec<T> | undefined)[], version: number, what: string): Codec<T> {
  const codec = codecs[Math.min(version, codecs.length - 1)];
  if (codec === undefined)
    throw new KafkaError(ErrorCode.INVALID_REQUEST, `${what} version ${version} is unknown`);
  return codec;
}

function decodeVersioned<T>(codecs: readonly (Codec<T> | undefined)[], buf: Buffer, what: string): T {
  const r = new Reader(buf);
  const version = r.readInt16();
  return codecForRead(codecs, version, what).decode(r);
}

/** Newest ConsumerProtocolSubscription version (v3 adds rackId). */
export const subscriptionVersionMax = consumerProtocolSubscriptionCodecs.length - 1;
export const assignmentVersionMax = consumerProtocolAssignmentCodecs.length - 1;

export function encodeSubscription(
  value: ConsumerProtocolSubscription,
  version = subscriptionVersionMax,
): Buffer {
  return encodeVersioned(consumerProtocolSubscriptionCodecs, version, value, 'ConsumerProtocolSubscription');
}

export function decodeSubscription(buf: Buffer): ConsumerProtocolSubscription {
  return decodeVersioned(consumerProtocolSubscriptionCodecs, buf, 'ConsumerProtocolSubscription');
}

export function encodeAssignment(value: ConsumerProtocolAssignment, version = assignmentVersionMax): Buffer {
  return encodeVersioned(consumerProtocolAssignmentCodecs, version, value, 'ConsumerProtocolAssignment');
}

export function decodeAssignment(buf: Buffer): ConsumerProtocolAssignment {
  return decodeVersioned(consumerProtocolAssignmentCodecs, buf, 'ConsumerProtocolAssignment');
}

/** A `__consumer_offsets` record key: an offset commit (key version 0 or 1) or group metadata (version 2). */
export type ConsumerOffsetsKey =
  | { readonly type: 'offset'; readonly version: number; readonly key: OffsetCommitKey }
  | { readonly type: 'group'; readonly version: number; readonly key: GroupMetadataKey };

const groupMetadataKeyVersion = 2;

/** Offset-commit keys are written at version 1, as Kafka 3.8 does (v0 and v1 have the same layout). */
export function encodeOffsetCommitKey(key: OffsetCommitKey, version = 1): Buffer {
  return encodeVersioned(offsetCommitKeyCodecs, version, key, 'OffsetCommitKey');
}

export function encodeGroupMetadataKey(key: GroupMetadataKey): Buffer {
  return encodeVersioned(groupMetadataKeyCodecs, groupMetadataKeyVersion, key, 'GroupMetadataKey');
}

export function decodeConsumerOffsetsKey(buf: Buffer): ConsumerOffsetsKey {
  const r = new Reader(buf);
  const version = r.readInt16();
  if (version === 0 || version === 1) {
    return {
      type: 'offset',
      version,
      key: (offsetCommitKeyCodecs[version] as Codec<OffsetCommitKey>).decode(r),
    };
  }
  if (version === groupMetadataKeyVersion) {
    return {
      type: 'group',
      version,
      key: (groupMetadataKeyCodecs[version] as Codec<GroupMetadataKey>).decode(r),
    };
  }
  throw new KafkaError(ErrorCode.INVALID_REQUEST, `__consumer_offsets key version ${version} is unknown`);
}

export const offsetCommitValueVersionMax = offsetCommitValueCodecs.length - 1;
export const groupMetadataValueVersionMax = groupMetadataValueCodecs.length - 1;

/**
 * Kafka 3.8 writes offset-commit values at v1 when an expire timestamp is set, v3 otherwise (v4 only with
 * tagged fields); callers choose, with v3 as the default.
 */
export function encodeOffsetCommitValue(value: OffsetCommitValue, version = 3): Buffer {
  return encodeVersioned(offsetCommitValueCodecs, version, value, 'OffsetCommitValue');
}

export function decodeOffsetCommitValue(buf: Buffer): OffsetCommitValue {
  return decodeVersioned(offsetCommitValueCodecs, buf, 'OffsetCommitValue');
}

export function encodeGroupMetadataValue(value: GroupMetadataValue, version = 3): Buffer {
  return encodeVersioned(groupMetadataValueCodecs, version, value, 'GroupMetadataValue');
}

export function decodeGroupMetadataValue(buf: Buffer): GroupMetadataValue {
  return decodeVersioned(groupMetadataValueCodecs, buf, 'GroupMetadataValue');
}
