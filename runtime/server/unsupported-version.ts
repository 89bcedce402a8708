// Error responses for requests at a version the broker does not serve (UNSUPPORTED_VERSION, 35), as
// Kafka's `AbstractRequest.getErrorResponse` builds them: every topic-partition of the request gets
// the error. Only the APIs the broker advertises below its implemented minimum are covered (see
// core/protocol/api-keys.ts: Produce v0-2, Fetch v0-3, ListOffsets v0, OffsetCommit v0-1, OffsetFetch
// v0); for any other API the server closes the connection instead.
import { ErrorCode } from '../../core/errors/index.ts';
import type { DecodedRequest } from '../../core/protocol/index.ts';
import type { AnyResponseBody } from './kafka-server.ts';

const unsupported = ErrorCode.UNSUPPORTED_VERSION;

/**
 * The body of an UNSUPPORTED_VERSION response to `request` at the request's own version, or
 * undefined when the server should close the connection instead (an API not covered here, or a
 * Produce with acks=0, which gets no response: Kafka closes the connection to signal its errors).
 */
export function unsupportedVersionResponse(request: DecodedRequest): AnyResponseBody | undefined {
  switch (request.apiKey) {
    case 0: {
      if (request.body.acks === 0) return undefined;
      return {
        responses: request.body.topicData.map((t) => ({
          name: t.name,
          partitionResponses: t.partitionData.map((p) => ({
            index: p.index,
            errorCode: unsupported,
            baseOffset: -1,
            logAppendTimeMs: -1,
            logStartOffset: -1,
            recordErrors: [],
            errorMessage: null,
            currentLeader: { leaderId: -1, leaderEpoch: -1 },
          })),
        })),
        throttleTimeMs: 0,
        nodeEndpoints: [],
      };
    }
    case 1:
      return {
        throttleTimeMs: 0,
        errorCode: unsupported,
        sessionId: 0,
        responses: request.body.topics.map((t) => ({
          topic: t.topic,
          topicId: t.topicId,
          partitions: t.partitions.map((p) => ({
            partitionIndex: p.partition,
            errorCode: unsupported,
            highWatermark: -1,
            lastStableOffset: -1,
            logStartOffset: -1,
            divergingEpoch: { epoch: -1, endOffset: -1 },
            currentLeader: { leaderId: -1, leaderEpoch: -1 },
            snapshotId: { endOffset: -1, epoch: -1 },
            abortedTransactions: null,
            preferredReadReplica: -1,
            records: null,
          })),
        })),
        nodeEndpoints: [],
      };
    case 2:
      return {
        throttleTimeMs: 0,
        topics: request.body.topics.map((t) => ({
          name: t.name,
          partitions: t.partitions.map((p) => ({
            partitionIndex: p.partitionIndex,
            errorCode: unsupported,
            oldStyleOffsets: [],
            timestamp: -1,
            offset: -1,
            leaderEpoch: -1,
          })),
        })),
      };
    case 8:
      return {
        throttleTimeMs: 0,
        topics: request.body.topics.map((t) => ({
          name: t.name,
          partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: unsupported })),
        })),
      };
    case 9: {
      const partitionError = (name: string, partitionIndexes: readonly number[]) => ({
        name,
        partitions: partitionIndexes.map((partitionIndex) => ({
          partitionIndex,
          committedOffset: -1,
          committedLeaderEpoch: -1,
          metadata: '',
          errorCode: unsupported,
        })),
      });
      return {
        throttleTimeMs: 0,
        topics: (request.body.topics ?? []).map((t) => partitionError(t.name, t.partitionIndexes)),
        errorCode: unsupported,
        groups: request.body.groups.map((g) => ({
          groupId: g.groupId,
          topics: (g.topics ?? []).map((t) => partitionError(t.name, t.partitionIndexes)),
          errorCode: unsupported,
        })),
      };
    }
    default:
      return undefined;
  }
}
