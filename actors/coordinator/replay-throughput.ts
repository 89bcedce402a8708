/**
 * Measures how fast a coordinator rebuilds its state from `__consumer_offsets` (the COORDINATOR_LOAD_IN_PROGRESS
 * window after a leader change) and how fast it acknowledges commits through the append path:
 *   npx tsx actors/coordinator/replay-throughput.ts [commits=200000]
 * Uses the simulated file system, so it measures CPU work (decode + fold), not the disk.
 */
import { performance } from 'node:perf_hooks';
import type { OffsetCommitRequest } from '../../core/protocol/index.ts';
import { GroupHarness, ctx } from './group-test-harness.ts';

const commits = Number(process.argv[2] ?? 200_000);
const partitionsPerCommit = 10;
const groupId = 'bench-group';

const h = new GroupHarness();
await h.own(groupId);
const request = (i: number): OffsetCommitRequest => ({
  groupId,
  generationIdOrMemberEpoch: -1,
  memberId: '',
  groupInstanceId: null,
  retentionTimeMs: -1,
  topics: [
    {
      name: `topic-${i % 100}`,
      partitions: Array.from({ length: partitionsPerCommit }, (_, p) => ({
        partitionIndex: p,
        committedOffset: i,
        committedLeaderEpoch: 0,
        commitTimestamp: -1,
        committedMetadata: '',
      })),
    },
  ],
});
const requests = commits / partitionsPerCommit;
let t0 = performance.now();
for (let i = 0; i < requests; i++) await h.coordinator.offsetCommit(request(i), ctx(8));
const commitMs = performance.now() - t0;
t0 = performance.now();
await h.restart(groupId);
const loadMs = performance.now() - t0;
console.log(
  `${requests} OffsetCommit requests x ${partitionsPerCommit} partitions: ${((commits / commitMs) * 1000).toFixed(0)} offsets/s committed (append included)`,
);
console.log(
  `reload of ${commits} offset records: ${loadMs.toFixed(0)} ms (${((commits / loadMs) * 1000).toFixed(0)} records/s)`,
);
