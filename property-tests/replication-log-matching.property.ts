// Replication guarantees under faults: three replicas of one partition on simulated I/O (file systems,
// clock, network), driven by random schedules of acks=all produces (min.insync.replicas=2), time
// passing (fetcher rounds), link cuts and heals, leader changes (the test plays the controller: a new
// leader from the ISR at a higher epoch) and follower crashes (power loss on its file system, then a
// restart that recovers from the durable files). After every step:
//   (a) log matching: any two replicas agree on every offset below the smaller of their high watermarks;
//   (c) leader epochs only increase on every broker, and no epoch has two leaders.
// After the faults heal:
//   (b) every acknowledged (acks=all resolved) record is on the leader at its acknowledged offset, and
//       every replica's log equals the leader's.
// A second property lets any live replica lead (unclean.leader.election.enable=true): acknowledged
// records may then be lost by design, but epochs still only increase, consumers never read past the
// HW, and after healing every replica's log is identical (divergence handling over many epochs).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { PartitionLog } from '../core/log/index.ts';
import { batchPositions, decodeRecords, encodeRecordBatch, readBatchHeader } from '../core/records/index.ts';
import { SimulatedReplicationCluster } from '../actors/broker/partition/testing.ts';

const brokerIds = [1, 2, 3] as const;

type Step =
  | { kind: 'produce'; count: number }
  | { kind: 'run'; ms: number }
  | { kind: 'cut'; a: number; b: number }
  | { kind: 'heal'; a: number; b: number }
  | { kind: 'healAll' }
  | { kind: 'elect'; pick: number }
  | { kind: 'crash'; pick: number }
  | { kind: 'restart'; pick: number }
  | { kind: 'checkpoint' };

const broker = fc.constantFrom(...brokerIds);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('produce' as const), count: fc.integer({ min: 1, max: 3 }) }),
  },
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('run' as const), ms: fc.integer({ min: 1, max: 3_000 }) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cut' as const), a: broker, b: broker }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('heal' as const), a: broker, b: broker }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'healAll' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('elect' as const), pick: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('crash' as const), pick: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), pick: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'checkpoint' as const }) },
);

interface Entry {
  offset: number;
  epoch: number;
  value: string;
}

function entries(log: PartitionLog, until: number): Entry[] {
  const out: Entry[] = [];
  let offset = log.logStartOffset;
  while (offset < until) {
    const r = log.read(offset, 1 << 20, { maxOffset: until });
    if (r.nextOffset <= offset) break;
    for (const [pos, size] of batchPositions(r.bytes)) {
      const epoch = readBatchHeader(r.bytes, pos).partitionLeaderEpoch;
      for (const rec of decodeRecords(r.bytes.subarray(pos, pos + size))) {
        if (rec.offset >= offset && rec.offset < until)
          out.push({ offset: rec.offset, epoch, value: rec.value!.toString() });
      }
    }
    offset = r.nextOffset;
  }
  return out;
}

class Checker {
  private readonly maxEpochSeen = new Map<number, number>();
  private readonly leaderOfEpoch = new Map<number, number>();

  private readonly c: SimulatedReplicationCluster;
  /** Unclean elections lose committed records by design: log matching below the HW is not promised then. */
  private readonly unclean: boolean;

  constructor(c: SimulatedReplicationCluster, unclean: boolean) {
    this.c = c;
    this.unclean = unclean;
  }

  afterStep(label: string): void {
    const up = brokerIds.filter(
      (id) => this.c.isUp(id) && this.c.manager(id).getPartition(this.c.tp) !== undefined,
    );
    // (c) epochs only increase per broker; one leader per epoch.
    for (const id of up) {
      const p = this.c.partition(id);
      const seen = this.maxEpochSeen.get(id) ?? -1;
      assert.ok(p.leaderEpoch >= seen, `${label}: broker ${id} epoch went from ${seen} to ${p.leaderEpoch}`);
      this.maxEpochSeen.set(id, p.leaderEpoch);
      if (p.role === 'leader') {
        const other = this.leaderOfEpoch.get(p.leaderEpoch);
        assert.ok(
          other === undefined || other === id,
          `${label}: epoch ${p.leaderEpoch} has leaders ${other} and ${id}`,
        );
        this.leaderOfEpoch.set(p.leaderEpoch, id);
      }
    }
    // Consumers on the leader never see an offset at or above the high watermark.
    for (const id of up) {
      const p = this.c.partition(id);
      if (p.role !== 'leader') continue;
      const read = p.readForConsumer(p.logStartOffset, 1 << 20);
      for (const [pos] of batchPositions(read.records)) {
        const h = readBatchHeader(read.records, pos);
        assert.ok(
          h.baseOffset + h.lastOffsetDelta < read.highWatermark,
          `${label}: consumer read past the HW`,
        );
      }
    }
    // (a) log matching below the smaller high watermark.
    if (this.unclean) return;
    for (let i = 0; i < up.length; i++) {
      for (let j = i + 1; j < up.length; j++) {
        const a = this.c.partition(up[i]!);
        const b = this.c.partition(up[j]!);
        const bound = Math.min(a.highWatermark, b.highWatermark);
        assert.deepEqual(
          entries(a.log, bound),
          entries(b.log, bound),
          `${label}: brokers ${up[i]} and ${up[j]} differ below ${bound}`,
        );
      }
    }
  }
}

async function runSchedule(
  unclean: boolean,
  seed: number,
  dropProbability: number,
  steps: readonly Step[],
): Promise<void> {
  const c = new SimulatedReplicationCluster({
    brokerIds,
    seed,
    config: {
      minInsyncReplicas: 2,
      replicaLagTimeMaxMs: 5_000,
      replicaFetchBackoffMs: 200,
      replicaSocketTimeoutMs: 2_000,
    },
    network: { minDelayMs: 1, maxDelayMs: 20, dropProbability },
  });
  const checker = new Checker(c, unclean);
  const acked: Array<{ offset: number; value: string }> = [];
  let produced = 0;
  c.elect(1);
  checker.afterStep('initial election');
  try {
    for (const [n, step] of steps.entries()) {
      const label = `step ${n} ${JSON.stringify(step)}`;
      switch (step.kind) {
        case 'produce': {
          for (let i = 0; i < step.count; i++) {
            const value = `m${produced++}`;
            c.produce(encodeRecordBatch([{ key: null, value }]), -1, 10_000).then(
              (r) => acked.push({ offset: r.baseOffset, value }),
              () => undefined, // NOT_ENOUGH_REPLICAS, timeouts, lost leadership: not acknowledged
            );
          }
          break;
        }
        case 'run':
          await c.clock.runFor(step.ms);
          break;
        case 'cut':
          if (step.a !== step.b) c.transport.cutLink(step.a, step.b, true);
          break;
        case 'heal':
          c.transport.healLink(step.a, step.b);
          break;
        case 'healAll':
          c.transport.healAll();
          break;
        case 'elect': {
          const candidates = (unclean ? brokerIds : c.state.isr).filter((id) => c.isUp(id));
          if (candidates.length > 0) c.elect(candidates[step.pick % candidates.length]!, unclean);
          break;
        }
        case 'crash': {
          const followers = brokerIds.filter((id) => id !== c.leader && c.isUp(id));
          if (followers.length > 0) c.crash(followers[step.pick % followers.length]!);
          break;
        }
        case 'restart': {
          const down = brokerIds.filter((id) => !c.isUp(id));
          if (down.length > 0) c.restart(down[step.pick % down.length]!);
          break;
        }
        case 'checkpoint':
          c.checkpointHighWatermarks();
          break;
        default: {
          const _never: never = step;
          throw new Error(`unknown step ${JSON.stringify(_never)}`);
        }
      }
      checker.afterStep(label);
    }
    // Heal every fault and let replication settle.
    c.transport.healAll();
    c.transport.dropProbability = 0;
    for (const id of brokerIds) c.restart(id);
    const converged = await c.clock.runUntil(() => {
      const leader = c.partition(c.leader);
      return (
        c.state.isr.length === brokerIds.length &&
        brokerIds.every((id) => {
          const p = c.partition(id);
          return p.logEndOffset === leader.logEndOffset && p.highWatermark === leader.logEndOffset;
        })
      );
    }, 120_000);
    checker.afterStep('after healing');
    assert.ok(converged, `replicas did not converge: ISR ${JSON.stringify(c.state.isr)}`);
    // (b) acknowledged records survive at their offsets; all logs equal the leader's.
    const leader = c.partition(c.leader);
    const leaderEntries = entries(leader.log, leader.logEndOffset);
    const byOffset = new Map(leaderEntries.map((e) => [e.offset, e.value]));
    for (const a of unclean ? [] : acked) {
      assert.equal(
        byOffset.get(a.offset),
        a.value,
        `acknowledged ${a.value} at ${a.offset} is missing on the leader`,
      );
    }
    for (const id of brokerIds)
      assert.deepEqual(entries(c.partition(id).log, c.partition(id).logEndOffset), leaderEntries);
  } finally {
    c.shutdown();
  }
}

describe('replication log matching (property)', () => {
  it('replicas agree below their high watermarks, acknowledged records survive, epochs only increase', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.constantFrom(0, 0, 0.02, 0.1),
        fc.array(stepArb, { minLength: 1, maxLength: 80, size: 'max' }),
        (seed, drop, steps) => runSchedule(false, seed, drop, steps),
      ),
    );
  });

  it('with unclean elections (any live replica may lead) the replicas still converge to one identical log', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.constantFrom(0, 0.02),
        fc.array(stepArb, { minLength: 1, maxLength: 80, size: 'max' }),
        (seed, drop, steps) => runSchedule(true, seed, drop, steps),
      ),
    );
  });
});
