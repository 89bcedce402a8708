/**
 * Fetch request and response bodies for tests and benchmarks (test-only): a consumer's Fetch with Kafka's
 * defaults in every field the caller does not name, and a Fetch answer whose partitions carry records
 * without errors.
 */
import type { FetchRequest, FetchResponse } from '../generated/index.ts';
import type { Records } from '../writer.ts';

export const zeroTopicId = '00000000-0000-0000-0000-000000000000';

/** One partition to fetch; each target becomes its own topic entry in the request. */
export interface FetchTarget {
  topic: string;
  partition: number;
  offset: number;
  /** Default 1 MiB (Kafka's max.partition.fetch.bytes). */
  partitionMaxBytes?: number;
  /** Default -1 (no leader epoch check). */
  currentLeaderEpoch?: number;
}

export type FetchRequestOptions = Partial<
  Pick<FetchRequest, 'maxWaitMs' | 'minBytes' | 'maxBytes' | 'isolationLevel' | 'sessionEpoch' | 'replicaId'>
>;

/** A consumer's Fetch (no session, read uncommitted, 50 MiB fetch.max.bytes unless `options` say otherwise). */
export function fetchRequestOf(
  targets: readonly FetchTarget[],
  options: FetchRequestOptions = {},
): FetchRequest {
  return {
    clusterId: null,
    replicaId: options.replicaId ?? -1,
    replicaState: { replicaId: -1, replicaEpoch: -1 },
    maxWaitMs: options.maxWaitMs ?? 0,
    minBytes: options.minBytes ?? 1,
    maxBytes: options.maxBytes ?? 50 * 1024 * 1024,
    isolationLevel: options.isolationLevel ?? 0,
    sessionId: 0,
    sessionEpoch: options.sessionEpoch ?? -1,
    topics: targets.map((t) => ({
      topic: t.topic,
      topicId: zeroTopicId,
      partitions: [
        {
          partition: t.partition,
          currentLeaderEpoch: t.currentLeaderEpoch ?? -1,
          fetchOffset: t.offset,
          lastFetchedEpoch: -1,
          logStartOffset: -1,
          partitionMaxBytes: t.partitionMaxBytes ?? 1024 * 1024,
        },
      ],
    })),
    forgottenTopicsData: [],
    rackId: '',
  };
}

/** One partition of a Fetch answer: no error, log start 0, last stable offset at the high watermark. */
export interface FetchedPartition<R extends Records> {
  partitionIndex: number;
  highWatermark: number;
  records: R;
}

/** A Fetch answer without errors or session for `topics`, every other field at Kafka's default. */
export function fetchResponseOf<R extends Records>(
  topics: readonly { topic: string; partitions: readonly FetchedPartition<R>[] }[],
): FetchResponse<R> {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    sessionId: 0,
    responses: topics.map((t) => ({
      topic: t.topic,
      topicId: zeroTopicId,
      partitions: t.partitions.map((p) => ({
        partitionIndex: p.partitionIndex,
        errorCode: 0,
        highWatermark: p.highWatermark,
        lastStableOffset: p.highWatermark,
        logStartOffset: 0,
        divergingEpoch: { epoch: -1, endOffset: -1 },
        currentLeader: { leaderId: -1, leaderEpoch: -1 },
        snapshotId: { endOffset: -1, epoch: -1 },
        abortedTransactions: null,
        preferredReadReplica: -1,
        records: p.records,
      })),
    })),
    nodeEndpoints: [],
  };
}
