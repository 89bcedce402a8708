import assert from 'node:assert/strict';
import { ErrorCode } from '../../core/errors/index.ts';
import { ApiKey, encodeResponse } from '../../core/protocol/index.ts';
import { findCoordinator, type CoordinatorNode } from './find-coordinator.ts';
import { partitionFor } from './group-partition.ts';

const brokers: CoordinatorNode[] = [
  { nodeId: 1, host: 'b1', port: 9092 },
  { nodeId: 2, host: 'b2', port: 9092 },
];
/** Even partitions led by broker 1, odd by broker 2; partition 22 ('hello') leaderless. */
const leaderOf = (p: number): CoordinatorNode | undefined => (p === 22 ? undefined : brokers[p % 2]);

describe('findCoordinator', () => {
  it("names the leader of the group's __consumer_offsets partition, in every advertised version", () => {
    const group = 'orders-app';
    const expected = brokers[partitionFor(group) % 2]!;
    for (const v of [0, 1, 2]) {
      const r = findCoordinator({ key: group, keyType: 0, coordinatorKeys: [] }, v, leaderOf);
      assert.equal(r.errorCode, ErrorCode.NONE);
      assert.deepEqual([r.nodeId, r.host, r.port], [expected.nodeId, expected.host, expected.port]);
      assert.ok(encodeResponse(ApiKey.FindCoordinator, v, 1, r).length > 0);
    }
  });

  it('answers COORDINATOR_NOT_AVAILABLE without a leader or for transactional ids, INVALID_GROUP_ID for ""', () => {
    const none = findCoordinator({ key: 'hello', keyType: 0, coordinatorKeys: [] }, 1, leaderOf);
    assert.equal(none.errorCode, ErrorCode.COORDINATOR_NOT_AVAILABLE);
    const txn = findCoordinator({ key: 'orders-app', keyType: 1, coordinatorKeys: [] }, 1, leaderOf);
    assert.equal(txn.errorCode, ErrorCode.COORDINATOR_NOT_AVAILABLE);
    const empty = findCoordinator({ key: '', keyType: 0, coordinatorKeys: [] }, 2, leaderOf);
    assert.equal(empty.errorCode, ErrorCode.INVALID_GROUP_ID);
  });

  it('answers each key of a v4+ batch separately', () => {
    const r = findCoordinator({ key: '', keyType: 0, coordinatorKeys: ['orders-app', 'hello'] }, 4, leaderOf);
    assert.deepEqual(
      r.coordinators.map((c) => [c.key, c.errorCode]),
      [
        ['orders-app', ErrorCode.NONE],
        ['hello', ErrorCode.COORDINATOR_NOT_AVAILABLE],
      ],
    );
  });
});
