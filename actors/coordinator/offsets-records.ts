import {
  decodeConsumerOffsetsKey,
  decodeGroupMetadataValue,
  decodeOffsetCommitValue,
  encodeGroupMetadataKey,
  encodeGroupMetadataValue,
  encodeOffsetCommitKey,
  encodeOffsetCommitValue,
  type GroupMetadataValue,
} from '../../core/protocol/index.ts';
import { batchPositions, forEachRecordAsync, type RecordInput } from '../../core/records/index.ts';

/**
 * The `__consumer_offsets` records in Kafka's own format (shared/kafka-protocol/consumer-offsets/), so
 * Kafka's tools can read our topic, and the replay that rebuilds a coordinator's state from it.
 */

/** One committed offset as the coordinator keeps it. */
export interface CommittedOffset {
  readonly offset: number;
  readonly leaderEpoch: number;
  readonly metadata: string;
  readonly commitTimestamp: number;
  /** Set only by OffsetCommit v1-4 with an explicit retention (value v1); -1 otherwise. */
  readonly expireTimestamp: number;
}

export function offsetCommitRecord(
  group: string,
  topic: string,
  partition: number,
  committed: CommittedOffset | null,
): RecordInput {
  const key = encodeOffsetCommitKey({ group, topic, partition });
  if (committed === null) return { key, value: null };
  // Kafka writes value v1 only when an explicit expire timestamp exists, v3 (with the leader epoch) otherwise.
  const version = committed.expireTimestamp >= 0 ? 1 : 3;
  return { key, value: encodeOffsetCommitValue(committed, version), timestamp: committed.commitTimestamp };
}

export function groupMetadataRecord(
  group: string,
  value: GroupMetadataValue | null,
  timestamp: number,
): RecordInput {
  const key = encodeGroupMetadataKey({ group });
  return { key, value: value === null ? null : encodeGroupMetadataValue(value), timestamp };
}

/** What a partition of `__consumer_offsets` holds once replayed: the latest value per key. */
export interface OffsetsPartitionState {
  /** group -> "topic\u0000partition" -> offset. */
  readonly offsets: Map<string, Map<string, CommittedOffset>>;
  readonly groups: Map<string, GroupMetadataValue>;
}

export function offsetKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

export function splitOffsetKey(key: string): [string, number] {
  const i = key.lastIndexOf('\u0000');
  return [key.slice(0, i), Number(key.slice(i + 1))];
}

/** The read side of a `__consumer_offsets` partition (PartitionLog satisfies it). */
export interface OffsetsLogReader {
  readonly logStartOffset: number;
  readonly logEndOffset: number;
  read(offset: number, maxBytes: number): { readonly bytes: Buffer; readonly nextOffset: number };
}

/** Bytes read per step of a replay (Kafka's `offsets.load.buffer.size` default). */
export const offsetsLoadBufferBytes = 5 * 1024 * 1024;

/**
 * Replays a partition from its start: later records win, tombstones delete. Control batches and records
 * without a key are skipped (transactional offset commits are out of scope here).
 */
export async function replayOffsetsPartition(log: OffsetsLogReader): Promise<OffsetsPartitionState> {
  const state: OffsetsPartitionState = { offsets: new Map(), groups: new Map() };
  let position = log.logStartOffset;
  while (position < log.logEndOffset) {
    const { bytes, nextOffset } = log.read(position, offsetsLoadBufferBytes);
    if (nextOffset <= position) break;
    for (const [pos, size] of batchPositions(bytes)) {
      await forEachRecordAsync(bytes.subarray(pos, pos + size), (record) => {
        if (record.offset < position || record.key === null) return;
        applyRecord(state, record.key, record.value);
      });
    }
    position = nextOffset;
  }
  return state;
}

function applyRecord(state: OffsetsPartitionState, keyBytes: Buffer, value: Buffer | null): void {
  const key = decodeConsumerOffsetsKey(keyBytes);
  if (key.type === 'group') {
    if (value === null) state.groups.delete(key.key.group);
    else state.groups.set(key.key.group, decodeGroupMetadataValue(value));
    return;
  }
  const { group, topic, partition } = key.key;
  let byPartition = state.offsets.get(group);
  if (value === null) {
    byPartition?.delete(offsetKey(topic, partition));
    if (byPartition?.size === 0) state.offsets.delete(group);
    return;
  }
  if (byPartition === undefined) {
    byPartition = new Map();
    state.offsets.set(group, byPartition);
  }
  const v = decodeOffsetCommitValue(value);
  byPartition.set(offsetKey(topic, partition), {
    offset: v.offset,
    leaderEpoch: v.leaderEpoch,
    metadata: v.metadata,
    commitTimestamp: v.commitTimestamp,
    expireTimestamp: v.expireTimestamp,
  });
}
