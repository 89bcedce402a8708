import { ErrorCode } from '../../core/errors/index.ts';
import type { FindCoordinatorRequest, FindCoordinatorResponse } from '../../core/protocol/index.ts';
import { offsetsTopicNumPartitionsDefault, partitionFor } from './group-partition.ts';

/** FindCoordinator key types: 0 = consumer group, 1 = transactional id. */
export const CoordinatorKeyType = { group: 0, transaction: 1 } as const;

/** Where a broker is reachable. */
export interface CoordinatorNode {
  readonly nodeId: number;
  readonly host: string;
  readonly port: number;
}

/**
 * Answers FindCoordinator for groups: the leader of the group's `__consumer_offsets` partition, or
 * COORDINATOR_NOT_AVAILABLE while that partition has no live leader (clients retry). Transaction
 * coordinators are not implemented here and answer COORDINATOR_NOT_AVAILABLE too. `leaderOf` comes from
 * the broker's metadata image. v0 has no key type (always a group); v4+ batches keys.
 */
export function findCoordinator(
  request: FindCoordinatorRequest,
  apiVersion: number,
  leaderOf: (offsetsPartition: number) => CoordinatorNode | undefined,
  numPartitions = offsetsTopicNumPartitionsDefault,
): FindCoordinatorResponse {
  const keyType = apiVersion === 0 ? CoordinatorKeyType.group : request.keyType;
  const lookup = (key: string): { node: CoordinatorNode | undefined; errorCode: number } => {
    if (keyType !== CoordinatorKeyType.group) {
      return { node: undefined, errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE };
    }
    if (key === '') return { node: undefined, errorCode: ErrorCode.INVALID_GROUP_ID };
    const node = leaderOf(partitionFor(key, numPartitions));
    return { node, errorCode: node === undefined ? ErrorCode.COORDINATOR_NOT_AVAILABLE : ErrorCode.NONE };
  };
  if (apiVersion >= 4) {
    return {
      throttleTimeMs: 0,
      errorCode: 0,
      errorMessage: null,
      nodeId: -1,
      host: '',
      port: -1,
      coordinators: request.coordinatorKeys.map((key) => {
        const { node, errorCode } = lookup(key);
        return {
          key,
          nodeId: node?.nodeId ?? -1,
          host: node?.host ?? '',
          port: node?.port ?? -1,
          errorCode,
          errorMessage: null,
        };
      }),
    };
  }
  const { node, errorCode } = lookup(request.key);
  return {
    throttleTimeMs: 0,
    errorCode,
    errorMessage: null,
    nodeId: node?.nodeId ?? -1,
    host: node?.host ?? '',
    port: node?.port ?? -1,
    coordinators: [],
  };
}
