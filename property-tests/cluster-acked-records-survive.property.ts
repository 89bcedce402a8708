// The whole cluster under faults: three simulated brokers (their own simulated disks, one simulated
// network, one simulated clock) with the real controller, metadata replication, heartbeats, fencing
// and leader election. A topic with RF=3, min.insync.replicas=2, produced to with acks=all, while a
// random schedule kills brokers (power loss — unsynced writes lost or torn — when the previous fault has
// healed, else a process kill), restarts them, cuts and heals links and lets time pass — at most one
// broker down at a time.
// Guarantees checked:
//   1. every acknowledged record is present after the faults heal, at its acknowledged offset, in
//      acknowledged order per partition, and no offset holds two different records on two replicas;
//   2. (log matching, at every step) any two live replicas agree below the smaller of their HWs;
//   3. leader epochs in the metadata only increase, and no epoch of a partition has two leaders.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { PartitionLog } from '../core/log/index.ts';
import { batchPositions, encodeRecordBatch, forEachRecord } from '../core/records/index.ts';
import { OneBrokerDown, startFaultyCluster } from './support/faulty-cluster.ts';

const brokerIds = [1, 2, 3] as const;
const partitions = 2;

type Step =
  | { kind: 'produce'; partition: number; count: number }
  | { kind: 'run'; ms: number }
  | { kind: 'kill'; pick: number }
  | { kind: 'restart' }
  | { kind: 'cut'; a: number; b: number }
  | { kind: 'healAll' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('produce' as const),
      partition: fc.integer({ min: 0, max: partitions - 1 }),
      count: fc.integer({ min: 1, max: 3 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('run' as const), ms: fc.integer({ min: 1, max: 12_000 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('kill' as const), pick: fc.integer({ min: 0, max: 2 }) }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'restart' as const }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...brokerIds), fc.constantFrom(...brokerIds))
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => ({ kind: 'cut' as const, a, b })),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'healAll' as const }) },
);

/** offset -> value of every record in a log below `end`. */
function recordsOf(log: PartitionLog, end: number): Map<number, string> {
  const out = new Map<number, string>();
  let offset = log.logStartOffset;
  while (offset < end) {
    const r = log.read(offset, 1 << 20, { maxOffset: end });
    if (r.nextOffset <= offset || r.bytes.length === 0) break;
    for (const [pos, size] of batchPositions(r.bytes)) {
      forEachRecord(r.bytes.subarray(pos, pos + size), (rec) => {
        if (rec.offset < end) out.set(rec.offset, rec.value === null ? '' : rec.value.toString());
      });
    }
    offset = r.nextOffset;
  }
  return out;
}

describe('cluster: acknowledged records survive broker kills, restarts and link cuts (property)', function () {
  this.timeout(600_000);

  it('with RF=3, acks=all and min.insync.replicas=2, every acked record is there after healing, in order, and replicas never disagree below their HWs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.array(stepArb, { minLength: 5, maxLength: 40 }),
        async (seed, steps) => {
          const cluster = await startFaultyCluster(seed, 't', partitions);
          try {
            /** Per partition: acknowledged offset -> value. */
            const acked = Array.from({ length: partitions }, () => new Map<number, string>());
            /** Per partition: leader epoch -> leader seen in any broker's metadata. */
            const epochLeaders = Array.from({ length: partitions }, () => new Map<number, number>());
            const lastEpoch = new Map<string, number>();
            const faults = new OneBrokerDown(cluster);
            let seq = 0;

            const allInSync = (): boolean =>
              cluster.liveBrokers().length === 3 &&
              Array.from({ length: partitions }, (_, p) => p).every(
                (p) => cluster.broker(1).metadata().partition('t', p)?.isr.length === 3,
              );

            const checkInvariants = (): void => {
              for (const b of cluster.liveBrokers()) {
                for (let p = 0; p < partitions; p++) {
                  const info = b.metadata().partition('t', p);
                  if (info === undefined) continue;
                  const key = `${b.brokerId}/${p}`;
                  // A restarted broker replays its metadata from its own log: monotonic per incarnation.
                  const prev = lastEpoch.get(key) ?? -1;
                  assert.ok(info.leaderEpoch >= prev, `broker ${b.brokerId} saw epoch of ${p} go back`);
                  lastEpoch.set(key, info.leaderEpoch);
                  if (info.leader >= 0) {
                    const seen = epochLeaders[p]!.get(info.leaderEpoch);
                    assert.ok(
                      seen === undefined || seen === info.leader,
                      `two leaders in epoch ${info.leaderEpoch}`,
                    );
                    epochLeaders[p]!.set(info.leaderEpoch, info.leader);
                  }
                }
              }
              // Log matching below the smaller HW of any two live replicas.
              for (let p = 0; p < partitions; p++) {
                const replicas = cluster
                  .liveBrokers()
                  .map((b) => b.replicaManager.getPartition({ topic: 't', partition: p }))
                  .filter((r) => r !== undefined);
                for (let i = 0; i < replicas.length; i++) {
                  for (let j = i + 1; j < replicas.length; j++) {
                    const a = replicas[i]!.log;
                    const b = replicas[j]!.log;
                    const end = Math.min(a.highWatermark, b.highWatermark, a.logEndOffset, b.logEndOffset);
                    const ra = recordsOf(a, end);
                    const rb = recordsOf(b, end);
                    for (const [o, v] of ra) {
                      if (rb.has(o)) assert.equal(rb.get(o), v, `partition ${p} offset ${o} differs`);
                    }
                  }
                }
              }
            };

            for (const step of steps) {
              switch (step.kind) {
                case 'produce': {
                  const meta = cluster.liveBrokers()[0]!.metadata().partition('t', step.partition)!;
                  if (meta.leader < 0 || !cluster.isUp(meta.leader)) break;
                  const values = Array.from({ length: step.count }, () => `v${seq++}`);
                  const bytes = Buffer.from(encodeRecordBatch(values.map((v) => ({ key: null, value: v }))));
                  try {
                    const res = await cluster.run(
                      cluster
                        .broker(meta.leader)
                        .replicaManager.appendToLeader(
                          { topic: 't', partition: step.partition },
                          bytes,
                          -1,
                          5000,
                        ),
                    );
                    values.forEach((v, i) => acked[step.partition]!.set(res.baseOffset + i, v));
                  } catch {
                    // Not acknowledged (not leader, not enough replicas, timeout): may or may not be there.
                  }
                  break;
                }
                case 'run':
                  await cluster.sleep(step.ms);
                  break;
                case 'kill':
                  if (faults.down === undefined) {
                    cluster.healAll(); // at most one fault at a time
                    // Power loss (unsynced writes lost or torn) only once the previous fault has healed:
                    // every replica back in every ISR. Otherwise a process kill (the page cache
                    // survives). Two power losses of the only up-to-date copies lose data on any system
                    // that acknowledges before fsync, Kafka included: replication is the durability.
                    await faults.kill(brokerIds[step.pick]!, allInSync());
                  }
                  break;
                case 'restart':
                  await faults.restart();
                  break;
                case 'cut':
                  if (faults.down === undefined) cluster.cutLink(step.a, step.b);
                  break;
                case 'healAll':
                  cluster.healAll();
                  break;
              }
              checkInvariants();
            }

            // Heal everything and let the cluster converge.
            cluster.healAll();
            await faults.restart();
            await cluster.waitFor(
              () =>
                cluster.liveBrokers().length === 3 &&
                Array.from({ length: partitions }, (_, p) => p).every((p) => {
                  const meta = cluster.broker(1).metadata().partition('t', p)!;
                  if (meta.leader < 0 || meta.isr.length !== 3) return false;
                  const logs = brokerIds.map(
                    (id) => cluster.broker(id).replicaManager.getPartition({ topic: 't', partition: p })?.log,
                  );
                  const leaderLog = cluster
                    .broker(meta.leader)
                    .replicaManager.getPartition({ topic: 't', partition: p })?.log;
                  return (
                    leaderLog !== undefined &&
                    logs.every(
                      (l) =>
                        l !== undefined &&
                        l.logEndOffset === leaderLog.logEndOffset &&
                        l.highWatermark === leaderLog.highWatermark,
                    )
                  );
                }),
              300_000,
              'all replicas in sync',
            );
            for (let p = 0; p < partitions; p++) {
              const meta = cluster.broker(1).metadata().partition('t', p)!;
              const leaderLog = cluster
                .broker(meta.leader)
                .replicaManager.getPartition({ topic: 't', partition: p })!.log;
              const leaderRecords = recordsOf(leaderLog, leaderLog.highWatermark);
              let lastOffset = -1;
              for (const [offset, value] of [...acked[p]!].sort((a, b) => a[0] - b[0])) {
                assert.equal(
                  leaderRecords.get(offset),
                  value,
                  `acked ${value} of partition ${p} at ${offset} lost or moved`,
                );
                assert.ok(offset > lastOffset);
                lastOffset = offset;
              }
              for (const id of brokerIds) {
                const log = cluster.broker(id).replicaManager.getPartition({ topic: 't', partition: p })!.log;
                assert.deepEqual(
                  recordsOf(log, log.highWatermark),
                  leaderRecords,
                  `replica on ${id} differs`,
                );
              }
            }
          } finally {
            await cluster.stop();
          }
        },
      ),
    );
  });
});
