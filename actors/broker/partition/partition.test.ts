import assert from 'node:assert/strict';
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import { SimulatedClock, SimulatedFileSystem } from '../../../core/io/index.ts';
import { LogConfig } from '../../../core/log/index.ts';
import { Partition, openReplicatedLog, type IsrChangeProposal } from './partition.ts';
import { replicationConfig, type ReplicationConfig } from './replication-config.ts';
import { batch, logRecords, values } from './test-records.ts';

interface Harness {
  clock: SimulatedClock;
  replica(
    brokerId: number,
    overrides?: Partial<ReplicationConfig>,
    proposals?: IsrChangeProposal[],
  ): Partition;
}

function harness(): Harness {
  const clock = new SimulatedClock();
  const fss = new Map<number, SimulatedFileSystem>();
  return {
    clock,
    replica(brokerId, overrides = {}, proposals) {
      const fs = fss.get(brokerId) ?? new SimulatedFileSystem();
      fss.set(brokerId, fs);
      const log = openReplicatedLog({
        fs,
        clock,
        dir: `/b${brokerId}/t-0`,
        topic: 't',
        partition: 0,
        config: LogConfig.defaults,
      });
      return new Partition({
        brokerId,
        log,
        clock,
        config: replicationConfig(overrides),
        ...(proposals !== undefined ? { onIsrChange: (p: IsrChangeProposal) => proposals.push(p) } : {}),
      });
    },
  };
}

/** Leader 1 with followers 2 and 3, all in the ISR, at leader epoch 1. */
function threeReplicas(overrides: Partial<ReplicationConfig> = {}, proposals?: IsrChangeProposal[]) {
  const h = harness();
  const leader = h.replica(1, overrides, proposals);
  leader.makeLeader({ leaderEpoch: 1, isr: [1, 2, 3], replicas: [1, 2, 3] });
  return { ...h, leader };
}

/** Outcome of a promise observed without awaiting it (so a test can check "not yet"). */
function observe<T>(promise: Promise<T>): {
  state: 'pending' | 'resolved' | 'rejected';
  value?: T;
  error?: unknown;
} {
  const o: { state: 'pending' | 'resolved' | 'rejected'; value?: T; error?: unknown } = { state: 'pending' };
  promise.then(
    (v) => {
      o.state = 'resolved';
      o.value = v;
    },
    (e: unknown) => {
      o.state = 'rejected';
      o.error = e;
    },
  );
  return o;
}

const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

/** One follower fetch round done by hand: fetch from the leader, then apply truncation or data. */
function fetchStep(follower: Partition, leader: Partition): void {
  const r = leader.readForFollower(
    follower.brokerId,
    follower.logEndOffset,
    1 << 20,
    follower.leaderEpoch,
    follower.lastFetchedEpoch,
  );
  if (r.errorCode === ErrorCode.OFFSET_OUT_OF_RANGE)
    follower.handleOutOfRange(r.logStartOffset, r.logEndOffset);
  else if (r.errorCode !== ErrorCode.NONE) throw new KafkaError(r.errorCode, 'fetch failed');
  else if (r.divergingEpoch !== undefined) follower.truncateOnDivergence(r.divergingEpoch);
  else follower.appendFromLeader(r.records, r.highWatermark, r.logStartOffset);
}

describe('Partition (replication data plane)', () => {
  describe('acks', () => {
    it('acks=1 and acks=0 resolve after the local append; the HW waits for the followers', async () => {
      const { leader } = threeReplicas();
      const r1 = await leader.appendAsLeader(batch('a', 3), 1, 1000);
      assert.deepEqual([r1.baseOffset, r1.lastOffset], [0, 2]);
      const r0 = await leader.appendAsLeader(batch('b'), 0, 1000);
      assert.equal(r0.baseOffset, 3);
      assert.equal(leader.logEndOffset, 4);
      assert.equal(leader.highWatermark, 0);
    });

    it('acks=all with ISR below min.insync.replicas fails NOT_ENOUGH_REPLICAS and appends nothing', async () => {
      const h = harness();
      const leader = h.replica(1, { minInsyncReplicas: 2 });
      leader.makeLeader({ leaderEpoch: 1, isr: [1], replicas: [1, 2, 3] });
      await assert.rejects(leader.appendAsLeader(batch('a'), -1, 1000), (e: unknown) =>
        KafkaError.is(e, 'NOT_ENOUGH_REPLICAS'),
      );
      assert.equal(leader.logEndOffset, 0);
      // acks=1 is still accepted: min.insync.replicas only guards acks=all.
      await leader.appendAsLeader(batch('a'), 1, 1000);
      assert.equal(leader.logEndOffset, 1);
    });

    it('acks=all resolves only after both followers fetched past the batch', async () => {
      const { leader } = threeReplicas({ minInsyncReplicas: 2 });
      const done = observe(leader.appendAsLeader(batch('a', 2), -1, 30_000));
      await flush();
      assert.equal(done.state, 'pending');
      leader.readForFollower(2, 2, 1 << 20, 1, 1);
      await flush();
      assert.equal(done.state, 'pending', 'follower 3 has not fetched yet');
      assert.equal(leader.highWatermark, 0);
      leader.readForFollower(3, 2, 1 << 20, 1, 1);
      await flush();
      assert.equal(done.state, 'resolved');
      assert.equal(leader.highWatermark, 2);
      assert.equal(done.value?.lastOffset, 1);
    });

    it('acks=all times out with REQUEST_TIMED_OUT on the Clock', async () => {
      const { leader, clock } = threeReplicas();
      const done = observe(leader.appendAsLeader(batch('a'), -1, 5000));
      clock.advance(4999);
      await flush();
      assert.equal(done.state, 'pending');
      clock.advance(1);
      await flush();
      assert.equal(done.state, 'rejected');
      assert.ok(KafkaError.is(done.error, 'REQUEST_TIMED_OUT'));
      assert.equal(leader.delayedProduceCount, 0);
      assert.equal(leader.logEndOffset, 1, 'the data stays written, only unacknowledged');
    });

    it('acks=all fails NOT_ENOUGH_REPLICAS_AFTER_APPEND when the ISR shrinks below the minimum meanwhile', async () => {
      const proposals: IsrChangeProposal[] = [];
      const { leader, clock } = threeReplicas({ minInsyncReplicas: 3 }, proposals);
      const done = observe(leader.appendAsLeader(batch('a'), -1, 120_000));
      leader.readForFollower(2, 1, 1 << 20, 1, 1);
      clock.advance(45_000);
      assert.deepEqual(
        proposals.map((p) => [p.kind, p.isr]),
        [['shrink', [1, 2]]],
      );
      leader.commitIsrChange({ isr: proposals[0]!.isr, partitionEpoch: 1 });
      await flush();
      assert.equal(done.state, 'rejected');
      assert.ok(KafkaError.is(done.error, 'NOT_ENOUGH_REPLICAS_AFTER_APPEND'));
    });

    it('losing leadership fails waiting appends with NOT_LEADER_OR_FOLLOWER; a follower refuses produce', async () => {
      const { leader } = threeReplicas();
      const done = observe(leader.appendAsLeader(batch('a'), -1, 30_000));
      leader.makeFollower({ leaderEpoch: 2, leaderId: 2 });
      await flush();
      assert.ok(KafkaError.is(done.error, 'NOT_LEADER_OR_FOLLOWER'));
      await assert.rejects(leader.appendAsLeader(batch('b'), 1, 1000), (e: unknown) =>
        KafkaError.is(e, 'NOT_LEADER_OR_FOLLOWER'),
      );
    });
  });

  describe('high watermark and ISR', () => {
    it('HW is the minimum LEO over the ISR and never moves backwards', async () => {
      const { leader } = threeReplicas();
      await leader.appendAsLeader(batch('a', 5), 1, 1000);
      leader.readForFollower(2, 5, 1 << 20, 1, 1);
      assert.equal(leader.highWatermark, 0, 'follower 3 unknown yet');
      leader.readForFollower(3, 3, 1 << 20, 1, 1);
      assert.equal(leader.highWatermark, 3);
      leader.readForFollower(3, 5, 1 << 20, 1, 1);
      assert.equal(leader.highWatermark, 5);
      // A fetch at a lower offset (a follower that restarted and lost its tail) does not lower the HW.
      leader.readForFollower(3, 2, 1 << 20, 1, 1);
      assert.equal(leader.highWatermark, 5);
    });

    it('shrinks the ISR after replica.lag.time.max.ms, advances the HW without the laggard, and expands on catch-up', async () => {
      const proposals: IsrChangeProposal[] = [];
      const { leader, clock } = threeReplicas({ replicaLagTimeMaxMs: 10_000 }, proposals);
      await leader.appendAsLeader(batch('a', 2), 1, 1000);
      leader.readForFollower(2, 2, 1 << 20, 1, 1);
      clock.advance(9_000);
      leader.readForFollower(2, 2, 1 << 20, 1, 1);
      assert.equal(proposals.length, 0, 'not yet lagging for 10 s');
      clock.advance(6_000);
      assert.deepEqual(
        proposals.map((p) => [p.kind, p.isr]),
        [['shrink', [1, 2]]],
      );
      assert.deepEqual(leader.isr, [1, 2, 3], 'applied only when committed');
      assert.equal(leader.highWatermark, 0, 'the pending shrink still counts 3 (maximal ISR)');
      leader.commitIsrChange({ isr: [1, 2], partitionEpoch: 1 });
      assert.deepEqual(leader.isr, [1, 2]);
      assert.equal(leader.highWatermark, 2);
      // Follower 3 catches up: proposed back, and counted for the HW while pending.
      leader.readForFollower(3, 2, 1 << 20, 1, 1);
      assert.deepEqual(
        proposals.map((p) => [p.kind, p.isr]),
        [
          ['shrink', [1, 2]],
          ['expand', [1, 2, 3]],
        ],
      );
      assert.deepEqual(leader.maximalIsr.sort(), [1, 2, 3]);
      leader.commitIsrChange({ isr: [1, 2, 3], partitionEpoch: 2 });
      assert.deepEqual(leader.isr, [1, 2, 3]);
      assert.equal(leader.partitionEpoch, 2);
    });

    it('does not advance the HW while the ISR is below min.insync.replicas', async () => {
      const h = harness();
      const leader = h.replica(1, { minInsyncReplicas: 2 });
      leader.makeLeader({ leaderEpoch: 1, isr: [1], replicas: [1, 2] });
      await leader.appendAsLeader(batch('a', 3), 1, 1000);
      assert.equal(leader.highWatermark, 0);
      // Follower 2 is at the HW and in this epoch: it joins (committed locally without a controller).
      leader.readForFollower(2, 0, 1 << 20, 1, -1);
      assert.deepEqual(leader.isr, [1, 2]);
      leader.readForFollower(2, 3, 1 << 20, 1, 1);
      assert.equal(leader.highWatermark, 3);
    });
  });

  describe('leader epochs', () => {
    it('refuses a stale or equal leader epoch with FENCED_LEADER_EPOCH and changes nothing', () => {
      const { leader } = threeReplicas();
      leader.makeLeader({ leaderEpoch: 3, isr: [1, 2, 3], replicas: [1, 2, 3] });
      for (const epoch of [2, 3]) {
        assert.throws(
          () => leader.makeFollower({ leaderEpoch: epoch, leaderId: 2 }),
          (e: unknown) => KafkaError.is(e, 'FENCED_LEADER_EPOCH'),
        );
        assert.throws(
          () => leader.makeLeader({ leaderEpoch: epoch - 1, isr: [1], replicas: [1] }),
          (e: unknown) => KafkaError.is(e, 'FENCED_LEADER_EPOCH'),
        );
      }
      assert.equal(leader.role, 'leader');
      assert.equal(leader.leaderEpoch, 3);
      assert.deepEqual(leader.isr, [1, 2, 3]);
    });

    it('fences a follower fetch from an older epoch and answers UNKNOWN_LEADER_EPOCH to a newer one', () => {
      const { leader } = threeReplicas();
      leader.makeLeader({ leaderEpoch: 2, isr: [1, 2, 3], replicas: [1, 2, 3] });
      assert.equal(leader.readForFollower(2, 0, 100, 1, -1).errorCode, ErrorCode.FENCED_LEADER_EPOCH);
      assert.equal(leader.readForFollower(2, 0, 100, 3, -1).errorCode, ErrorCode.UNKNOWN_LEADER_EPOCH);
      assert.equal(leader.readForFollower(2, 0, 100, 2, -1).errorCode, ErrorCode.NONE);
    });

    it('refuses a fetch from an older broker epoch and restarts tracking for a newer one (KIP-903)', async () => {
      const proposals: IsrChangeProposal[] = [];
      const { leader } = threeReplicas({}, proposals);
      await leader.appendAsLeader(batch('a', 2), 1, 1000);
      assert.equal(leader.readForFollower(2, 2, 100, 1, 1, 5).errorCode, ErrorCode.NONE);
      assert.equal(leader.followerLogEndOffset(2), 2);
      assert.equal(leader.readForFollower(2, 2, 100, 1, 1, 4).errorCode, ErrorCode.STALE_BROKER_EPOCH);
      // Broker 2 restarted (epoch 6) with less data: the leader forgets what epoch 5 reported.
      assert.equal(leader.readForFollower(2, 1, 100, 1, 1, 6).errorCode, ErrorCode.NONE);
      assert.equal(leader.followerLogEndOffset(2), 1);
      // An ISR proposal names the broker epoch each member fetched with.
      leader.makeLeader({ leaderEpoch: 2, partitionEpoch: 1, isr: [1, 3], replicas: [1, 2, 3] });
      leader.readForFollower(3, 2, 100, 2, 1, 9);
      leader.readForFollower(2, 2, 100, 2, 1, 6);
      assert.deepEqual(proposals.at(-1)?.isrWithBrokerEpochs, [
        { brokerId: 1, brokerEpoch: -1 },
        { brokerId: 3, brokerEpoch: 9 },
        { brokerId: 2, brokerEpoch: 6 },
      ]);
    });

    it('stamps the leader epoch in every batch and records where each epoch starts', async () => {
      const { leader } = threeReplicas();
      await leader.appendAsLeader(batch('a', 2), 1, 1000);
      leader.makeLeader({ leaderEpoch: 4, isr: [1, 2, 3], replicas: [1, 2, 3] });
      await leader.appendAsLeader(batch('b'), 1, 1000);
      assert.deepEqual(
        logRecords(leader.log).map((r) => r.epoch),
        [1, 1, 4],
      );
      assert.deepEqual(leader.endOffsetForEpoch(1), { epoch: 1, endOffset: 2 });
      assert.deepEqual(leader.endOffsetForEpoch(3), { epoch: 1, endOffset: 2 });
      assert.deepEqual(leader.endOffsetForEpoch(4), { epoch: 4, endOffset: 3 });
    });

    it('divergent uncommitted tails across two quick leader changes end up identical (KIP-101)', async () => {
      const h = harness();
      const a = h.replica(1);
      const b = h.replica(2);
      a.makeLeader({ leaderEpoch: 1, isr: [1, 2], replicas: [1, 2] });
      b.makeFollower({ leaderEpoch: 1, leaderId: 1 });
      await a.appendAsLeader(batch('x'), 1, 1000); // offset 0, replicated and committed
      fetchStep(b, a);
      fetchStep(b, a);
      assert.equal(a.highWatermark, 1);
      await a.appendAsLeader(batch('lost-on-a'), 1, 1000); // offset 1, only on A
      // B is elected at epoch 2 (A unreachable) and takes its own write at offset 1.
      b.makeLeader({ leaderEpoch: 2, isr: [2], replicas: [1, 2] });
      await b.appendAsLeader(batch('y'), 1, 1000);
      // Quickly A is elected again at epoch 3 (unclean: the controller's choice), B follows.
      a.makeLeader({ leaderEpoch: 3, isr: [1], replicas: [1, 2] });
      b.makeFollower({ leaderEpoch: 3, leaderId: 1 });
      await a.appendAsLeader(batch('z'), 1, 1000);
      for (let i = 0; i < 4; i++) fetchStep(b, a);
      assert.deepEqual(logRecords(b.log), logRecords(a.log));
      assert.deepEqual(
        logRecords(a.log).map((r) => r.value),
        ['x0', 'lost-on-a0', 'z0'],
      );
    });

    it('a follower ahead of a new leader truncates to where its epoch ends on the leader', async () => {
      const h = harness();
      const a = h.replica(1);
      const b = h.replica(2);
      a.makeLeader({ leaderEpoch: 1, isr: [1, 2], replicas: [1, 2] });
      b.makeFollower({ leaderEpoch: 1, leaderId: 1 });
      await a.appendAsLeader(batch('x', 3), 1, 1000);
      fetchStep(b, a);
      await a.appendAsLeader(batch('tail', 2), 1, 1000); // offsets 3..4 never reach B
      // B leads at epoch 2; A follows with a longer log of epoch 1.
      b.makeLeader({ leaderEpoch: 2, isr: [1, 2], replicas: [1, 2] });
      a.makeFollower({ leaderEpoch: 2, leaderId: 2 });
      fetchStep(a, b);
      assert.equal(a.logEndOffset, 3, 'epoch 1 ends at 3 on the new leader');
      await b.appendAsLeader(batch('n'), 1, 1000);
      fetchStep(a, b);
      fetchStep(a, b);
      assert.deepEqual(logRecords(a.log), logRecords(b.log));
      assert.equal(b.highWatermark, 4);
    });
  });

  describe('truncation edge cases found by the replication property', () => {
    it('a former leader that wrote nothing in its epoch follows the next leader (the empty epoch is dropped)', async () => {
      const h = harness();
      const a = h.replica(1);
      const b = h.replica(2);
      a.makeLeader({ leaderEpoch: 1, isr: [1, 2], replicas: [1, 2] });
      b.makeFollower({ leaderEpoch: 1, leaderId: 1 });
      b.makeLeader({ leaderEpoch: 2, isr: [1, 2], replicas: [1, 2] });
      a.makeFollower({ leaderEpoch: 2, leaderId: 2 });
      await b.appendAsLeader(batch('y'), 1, 1000);
      assert.equal(a.lastFetchedEpoch, 1);
      for (let i = 0; i < 3; i++) fetchStep(a, b);
      assert.deepEqual(logRecords(a.log), logRecords(b.log));
      assert.equal(a.lastFetchedEpoch, 2);
    });

    it('a follower whose only epoch is newer than the leader knows, below its own epochs, truncates to its start', async () => {
      const h = harness();
      const a = h.replica(1);
      const b = h.replica(2);
      a.makeLeader({ leaderEpoch: 1, isr: [1, 2], replicas: [1, 2] });
      b.makeFollower({ leaderEpoch: 1, leaderId: 1 });
      await a.appendAsLeader(batch('m'), 1, 1000); // offset 0, epoch 1, only on A
      b.makeLeader({ leaderEpoch: 2, isr: [1, 2], replicas: [1, 2] });
      await b.appendAsLeader(batch('n'), 1, 1000); // offset 0, epoch 2, only on B
      a.makeLeader({ leaderEpoch: 3, isr: [1, 2], replicas: [1, 2] });
      b.makeFollower({ leaderEpoch: 3, leaderId: 1 });
      // A knows epochs 1 and 3: epoch 2 ends (for A) where epoch 3 starts, at 1; B knows no epoch <= 1.
      assert.deepEqual(a.endOffsetForEpoch(2), { epoch: 1, endOffset: 1 });
      assert.deepEqual(b.endOffsetForEpoch(1), { epoch: 1, endOffset: 0 });
      for (let i = 0; i < 3; i++) fetchStep(b, a);
      assert.deepEqual(
        logRecords(b.log).map((r) => r.value),
        ['m0'],
      );
    });
  });

  describe('leader tail cache (follower fetches served from memory)', () => {
    it('answers follower fetches with exactly the bytes the log holds, for any offset and size', () => {
      const { leader } = threeReplicas();
      for (let i = 0; i < 12; i++) void leader.appendAsLeader(batch(`b${i}-`, 1 + (i % 3)), 1, 1000);
      const end = leader.logEndOffset;
      for (let offset = 0; offset <= end; offset++) {
        for (const maxBytes of [1, 150, 400, 1 << 20]) {
          const served = leader.readForFollower(2, offset, maxBytes, 1, -1).records;
          const onDisk = leader.log.read(offset, maxBytes).bytes;
          // Mid-batch offsets fall back to the log; batch starts come from the cache: same bytes either way.
          assert.ok(served.equals(onDisk), `offset ${offset}, maxBytes ${maxBytes}`);
        }
      }
    });

    it('keeps its own copy: a caller reusing or re-appending its buffer cannot change what followers get', () => {
      const { leader } = threeReplicas();
      const reused = batch('r', 2);
      void leader.appendAsLeader(reused, 1, 1000);
      // A non-idempotent retry of the same buffer: appended again, renumbered in place to offsets 2..3.
      void leader.appendAsLeader(reused, 1, 1000);
      reused.fill(0, 61);
      const served = leader.readForFollower(2, 0, 1 << 20, 1, -1).records;
      assert.ok(served.equals(leader.log.read(0, 1 << 20).bytes));
      assert.deepEqual(values(served), ['r0', 'r1', 'r0', 'r1']);
    });

    it('is dropped when leadership moves, so a new leader epoch never serves a stale tail', () => {
      const h = harness();
      const p1 = h.replica(1);
      const p2 = h.replica(2);
      p1.makeLeader({ leaderEpoch: 1, isr: [1, 2], replicas: [1, 2] });
      void p1.appendAsLeader(batch('a', 2), 1, 1000);
      // Broker 2 (which never fetched) leads epoch 2 and writes two other records at the same offsets.
      p2.makeLeader({ leaderEpoch: 2, isr: [1, 2], replicas: [1, 2] });
      p1.makeFollower({ leaderEpoch: 2, leaderId: 2, isr: [1, 2], replicas: [1, 2] });
      void p2.appendAsLeader(batch('z', 2), 1, 1000);
      fetchStep(p1, p2); // diverging epoch: truncate to 0
      fetchStep(p1, p2); // z0, z1 at offsets 0..1: the log end offset is 2 again
      assert.equal(p1.logEndOffset, 2);
      p1.makeLeader({ leaderEpoch: 3, isr: [1, 2], replicas: [1, 2] });
      const served = p1.readForFollower(2, 0, 1 << 20, 3, -1).records;
      assert.deepEqual(values(served), ['z0', 'z1']);
    });
  });

  describe('follower append', () => {
    it('one fetch spanning two leader epochs records where each starts; a trailing partial batch waits for the next fetch', async () => {
      const h = harness();
      const a = h.replica(1);
      const b = h.replica(2);
      a.makeLeader({ leaderEpoch: 1, isr: [1], replicas: [1, 2] });
      b.makeFollower({ leaderEpoch: 1, leaderId: 1 });
      await a.appendAsLeader(batch('p', 2), 1, 1000);
      a.makeLeader({ leaderEpoch: 3, isr: [1], replicas: [1, 2] });
      await a.appendAsLeader(batch('q'), 1, 1000);
      await a.appendAsLeader(batch('r'), 1, 1000);
      b.makeFollower({ leaderEpoch: 3, leaderId: 1 });
      const all = a.readForFollower(2, 0, 1 << 20, 3, b.lastFetchedEpoch).records;
      b.appendFromLeader(all.subarray(0, all.length - 5), 0);
      assert.equal(b.logEndOffset, 3, 'the torn last batch is not appended');
      assert.deepEqual(b.log.leaderEpochCache.epochEntries(), [
        { epoch: 1, startOffset: 0 },
        { epoch: 3, startOffset: 2 },
      ]);
      assert.deepEqual(b.endOffsetForEpoch(1), { epoch: 1, endOffset: 2 });
      fetchStep(b, a);
      assert.deepEqual(logRecords(b.log), logRecords(a.log));
    });
  });

  describe('follower log start', () => {
    it("follows the leader's log start offset (DeleteRecords on the leader reaches the followers)", async () => {
      const h = harness();
      const a = h.replica(1);
      const b = h.replica(2);
      a.makeLeader({ leaderEpoch: 1, isr: [1, 2], replicas: [1, 2] });
      b.makeFollower({ leaderEpoch: 1, leaderId: 1 });
      await a.appendAsLeader(batch('x', 4), 1, 1000);
      fetchStep(b, a);
      fetchStep(b, a);
      assert.equal(a.highWatermark, 4);
      a.log.deleteRecordsBefore(2);
      fetchStep(b, a);
      assert.equal(b.logStartOffset, 2);
      assert.deepEqual(
        logRecords(b.log).map((r) => r.offset),
        [2, 3],
      );
    });
  });

  describe('consumer reads', () => {
    it('never returns records at or above the HW; out of [logStart, LEO] is OFFSET_OUT_OF_RANGE', async () => {
      const { leader } = threeReplicas();
      await leader.appendAsLeader(batch('a', 2), 1, 1000);
      await leader.appendAsLeader(batch('b', 2), 1, 1000);
      let r = leader.readForConsumer(0, 1 << 20);
      assert.equal(r.records.length, 0);
      assert.equal(r.highWatermark, 0);
      leader.readForFollower(2, 2, 1 << 20, 1, 1);
      leader.readForFollower(3, 2, 1 << 20, 1, 1);
      r = leader.readForConsumer(0, 1 << 20);
      assert.deepEqual(values(r.records), ['a0', 'a1']);
      assert.equal(r.highWatermark, 2);
      assert.equal(r.lastStableOffset, 2);
      assert.equal(r.logStartOffset, 0);
      assert.equal(leader.readForConsumer(3, 1 << 20).records.length, 0, 'between HW and LEO: empty');
      assert.throws(
        () => leader.readForConsumer(5, 1 << 20),
        (e: unknown) => KafkaError.is(e, 'OFFSET_OUT_OF_RANGE'),
      );
    });

    it('a follower refuses consumer reads', () => {
      const h = harness();
      const b = h.replica(2);
      b.makeFollower({ leaderEpoch: 1, leaderId: 1 });
      assert.throws(
        () => b.readForConsumer(0, 100),
        (e: unknown) => KafkaError.is(e, 'NOT_LEADER_OR_FOLLOWER'),
      );
    });
  });
});
