/**
 * The group coordinator's offset path (actors/coordinator) on a `__consumer_offsets` partition on the
 * real file system (NodeFileSystem in a temp dir, compacted PartitionLog, the real clock):
 *
 * - OffsetCommit: a simple consumer commits 10 partitions per request, one request after the other;
 *   each is validated, encoded in Kafka's offsets format, appended and acknowledged. Baseline:
 *   PartitionLog.append of the identical batches (captured from the coordinator before timing), i.e.
 *   the log write every commit must do anyway.
 * - Reload (the COORDINATOR_LOAD_IN_PROGRESS window after a leader change): a fresh coordinator replays
 *   the partition (decode of every key and value, latest value per key wins). Baseline: reading the
 *   same log in the same 5 MiB steps and iterating every record (forEachRecord), without decoding.
 *
 * Knobs: BENCH_COORDINATOR_OFFSETS (default 100000 committed offsets per run, 10 per request).
 */
import * as nodeFs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import {
  GroupCoordinator,
  consumerOffsetsTopic,
  offsetsLoadBufferBytes,
  offsetsTopicNumPartitionsDefault,
  partitionFor,
} from '../actors/coordinator/index.ts';
import { NodeFileSystem, SeededRandom, SystemClock } from '../core/io/index.ts';
import { LogConfig, PartitionLog } from '../core/log/index.ts';
import type { OffsetCommitRequest } from '../core/protocol/index.ts';
import { batchPositions, forEachRecord } from '../core/records/index.ts';
import { envInt, nowSeconds, type Benchmark, type FigureSpec } from './harness.ts';

const partitionsPerCommit = 10;
const topics = 100;
const groupId = 'bench-group';
const groupPartition = partitionFor(groupId, offsetsTopicNumPartitionsDefault);
const ctx8 = { apiVersion: 8, clientId: 'bench', clientHost: '/127.0.0.1' };

function commitRequest(i: number): OffsetCommitRequest {
  return {
    groupId,
    generationIdOrMemberEpoch: -1,
    memberId: '',
    groupInstanceId: null,
    retentionTimeMs: -1,
    topics: [
      {
        name: `topic-${i % topics}`,
        partitions: Array.from({ length: partitionsPerCommit }, (_, p) => ({
          partitionIndex: p,
          committedOffset: i,
          committedLeaderEpoch: 0,
          commitTimestamp: -1,
          committedMetadata: '',
        })),
      },
    ],
  };
}

let sink = 0;

const benchmark: Benchmark = {
  name: 'coordinator',
  async run(ctx) {
    const requestCount = Math.ceil(envInt('BENCH_COORDINATOR_OFFSETS', 100_000) / partitionsPerCommit);
    const offsets = requestCount * partitionsPerCommit;
    const root = nodeFs.mkdtempSync(nodePath.join(os.tmpdir(), 'tributary-bench-coordinator-'));
    ctx.onTeardown(() => nodeFs.rmSync(root, { recursive: true, force: true }));
    const fs = new NodeFileSystem();
    const clock = new SystemClock();
    const config = LogConfig.from({ 'cleanup.policy': 'compact' });
    let runSeq = 0;
    const openLog = (dir: string, partition: number): PartitionLog =>
      PartitionLog.open({ fs, clock, dir, topic: consumerOffsetsTopic, partition, config });
    /** A coordinator over one log; `captured` receives every batch it appends. */
    const coordinatorOver = (log: PartitionLog, captured?: Buffer[]): GroupCoordinator =>
      new GroupCoordinator({
        clock,
        random: new SeededRandom(7),
        appendToOffsetsTopic: (_partition, batch) => {
          captured?.push(Buffer.from(batch));
          log.append(batch, { leaderEpoch: 0, origin: 'coordinator' });
          return Promise.resolve();
        },
      });
    const requests = Array.from({ length: requestCount }, (_, i) => commitRequest(i));

    /** Commits every request through a fresh coordinator and log; returns seconds (and the log, open). */
    const commitAll = async (dir: string, captured?: Buffer[]): Promise<[number, PartitionLog]> => {
      const log = openLog(dir, groupPartition);
      const coordinator = coordinatorOver(log, captured);
      await coordinator.loadPartition(groupPartition, log);
      let failed = 0;
      const t0 = nowSeconds();
      for (const request of requests) {
        const response = await coordinator.offsetCommit(request, ctx8);
        for (const p of response.topics[0]!.partitions) failed += p.errorCode;
      }
      const seconds = nowSeconds() - t0;
      coordinator.close();
      if (failed !== 0 || log.logEndOffset !== offsets)
        throw new Error(
          `commits failed (error sum ${failed}) or the log holds ${log.logEndOffset} of ${offsets}`,
        );
      return [seconds, log];
    };

    // The reload log, written once; its batches are the commit baseline's input too.
    const captured: Buffer[] = [];
    const [, reloadLog] = await commitAll(nodePath.join(root, 'reload'), captured);
    reloadLog.flush();
    ctx.onTeardown(() => reloadLog.close());
    const logBytes = captured.reduce((n, b) => n + b.length, 0);
    ctx.log(`${requestCount} commits of ${partitionsPerCommit} offsets, ${logBytes} bytes of log`);

    const commitRun = async (): Promise<number> => {
      const dir = nodePath.join(root, `commit-${runSeq++}`);
      const [seconds, log] = await commitAll(dir);
      log.close();
      nodeFs.rmSync(dir, { recursive: true, force: true });
      return offsets / seconds;
    };
    const appendRun = (): number => {
      const dir = nodePath.join(root, `append-${runSeq++}`);
      const log = openLog(dir, groupPartition);
      const batches = captured.map((b) => Buffer.from(b)); // the log assigns offsets in place
      const t0 = nowSeconds();
      for (const b of batches) log.append(b, { leaderEpoch: 0, origin: 'coordinator' });
      const seconds = nowSeconds() - t0;
      if (log.logEndOffset !== offsets)
        throw new Error(`append baseline wrote ${log.logEndOffset} of ${offsets}`);
      log.close();
      nodeFs.rmSync(dir, { recursive: true, force: true });
      return offsets / seconds;
    };

    const reloadRun = async (): Promise<number> => {
      const coordinator = coordinatorOver(reloadLog);
      const t0 = nowSeconds();
      await coordinator.loadPartition(groupPartition, reloadLog);
      const seconds = nowSeconds() - t0;
      // The replayed state must hold the latest offset of every committed partition.
      const fetched = await coordinator.offsetFetch(
        { groupId, topics: null, groups: [], requireStable: false },
        ctx8,
      );
      coordinator.close();
      const last = requests[requestCount - 1]!;
      const lastTopic = fetched.topics.find((t) => t.name === last.topics[0]!.name);
      const partitionsBack = fetched.topics.reduce((n, t) => n + t.partitions.length, 0);
      if (
        partitionsBack !== Math.min(requestCount, topics) * partitionsPerCommit ||
        lastTopic?.partitions[0]?.committedOffset !== requestCount - 1
      )
        throw new Error(`reload lost offsets: ${partitionsBack} partitions back`);
      return offsets / seconds;
    };
    const scanRun = (): number => {
      const t0 = nowSeconds();
      let seen = 0;
      let position = reloadLog.logStartOffset;
      while (position < reloadLog.logEndOffset) {
        const { bytes, nextOffset } = reloadLog.read(position, offsetsLoadBufferBytes);
        for (const [pos, size] of batchPositions(bytes)) {
          forEachRecord(bytes.subarray(pos, pos + size), (r) => {
            seen++;
            sink += r.key!.length + (r.value?.length ?? 0);
          });
        }
        position = nextOffset;
      }
      const seconds = nowSeconds() - t0;
      if (seen !== offsets) throw new Error(`scan saw ${seen} of ${offsets} records`);
      return offsets / seconds;
    };

    const settings = {
      offsets,
      partitionsPerCommit,
      topics,
      logBytes,
      fileSystem: 'NodeFileSystem (temp dir)',
    };
    const figures: FigureSpec[] = [
      {
        name: 'OffsetCommit through the coordinator (10 partitions per request, appended)',
        unit: 'offsets/s',
        settings,
        measure: commitRun,
        baseline: { name: 'PartitionLog.append of the identical batches', measure: appendRun },
      },
      {
        name: 'reload __consumer_offsets (GroupCoordinator.loadPartition)',
        unit: 'records/s',
        settings,
        measure: reloadRun,
        baseline: { name: 'read + forEachRecord over the same log, no decoding', measure: scanRun },
      },
    ];
    ctx.onTeardown(() => {
      if (sink === -1) ctx.log('unreachable');
    });
    return figures;
  },
};

export default benchmark;
