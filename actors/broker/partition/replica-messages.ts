import type { EpochEndOffset } from '../../../core/log/index.ts';

/** A partition key, `<topic>-<partition>` as Kafka names its folder. */
export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

export function topicPartitionKey(tp: TopicPartition): string {
  return `${tp.topic}-${tp.partition}`;
}

/**
 * One partition of a follower fetch: Kafka's Fetch (v12+) partition fields. The fetch offset is the
 * follower's log end offset (how the leader learns it); `lastFetchedEpoch` is the epoch of the
 * follower's last batch (KIP-595: the leader checks it and answers a diverging epoch instead of data).
 */
export interface FollowerFetchPartition {
  readonly topic: string;
  readonly partition: number;
  /** The leader epoch the follower believes current (KIP-320 fencing). */
  readonly currentLeaderEpoch: number;
  readonly fetchOffset: number;
  /** -1 when the follower's log is empty. */
  readonly lastFetchedEpoch: number;
  readonly maxBytes: number;
}

/** Messages between replicas over the Transport port (the replica fetcher's Fetch, replicaId = broker id). */
export type ReplicaRequest = {
  readonly type: 'FETCH';
  readonly replicaId: number;
  /**
   * The follower broker's epoch (its registration incarnation, KIP-903), -1 when unknown: a fetch
   * from an older incarnation (a request still held from before a crash) must not count.
   */
  readonly replicaEpoch: number;
  /** The leader may hold the fetch this long when no partition has new data (replica.fetch.wait.max.ms). */
  readonly maxWaitMs: number;
  readonly partitions: readonly FollowerFetchPartition[];
};

export interface FollowerFetchPartitionResult {
  readonly topic: string;
  readonly partition: number;
  /** ErrorCode.NONE (0) or the Kafka error. */
  readonly errorCode: number;
  readonly highWatermark: number;
  readonly logStartOffset: number;
  /** The leader's log end offset (lets a follower ahead of the leader truncate on OFFSET_OUT_OF_RANGE). */
  readonly logEndOffset: number;
  /** Whole batches from the fetch offset, as stored; empty on error or divergence. */
  readonly records: Buffer;
  /** Set when the follower's log diverges: the largest epoch <= its last epoch and where it ends on the leader. */
  readonly divergingEpoch?: EpochEndOffset;
}

export type ReplicaResponse = {
  readonly type: 'FETCH';
  readonly partitions: readonly FollowerFetchPartitionResult[];
};
