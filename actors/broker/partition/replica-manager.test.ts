import assert from 'node:assert/strict';
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import type { AppendResult } from '../../../core/log/index.ts';
import { settle } from '../../../core/io/index.ts';
import { SimulatedReplicationCluster } from './testing.ts';
import { batch, logRecords, values } from './test-records.ts';

function cluster(overrides: Partial<ConstructorParameters<typeof SimulatedReplicationCluster>[0]> = {}) {
  return new SimulatedReplicationCluster({
    brokerIds: [1, 2, 3],
    seed: 7,
    config: { minInsyncReplicas: 2, replicaLagTimeMaxMs: 10_000 },
    network: { minDelayMs: 1, maxDelayMs: 5 },
    ...overrides,
  });
}

function track(promise: Promise<AppendResult>): { result?: AppendResult; error?: unknown } {
  const o: { result?: AppendResult; error?: unknown } = {};
  promise.then(
    (r) => (o.result = r),
    (e: unknown) => (o.error = e),
  );
  return o;
}

describe('ReplicaManager (fetchers over the simulated transport)', () => {
  it('acks=all resolves once the fetchers replicated to the ISR; every replica ends identical with the same HW', async () => {
    const c = cluster();
    c.elect(1);
    const acked = track(c.produce(batch('a', 3), -1, 30_000));
    assert.ok(await c.clock.runUntil(() => acked.result !== undefined, 5_000));
    assert.equal(acked.result!.lastOffset, 2);
    assert.ok(c.partition(1).highWatermark >= 3);
    assert.ok(await c.clock.runUntil(() => [2, 3].every((id) => c.partition(id).highWatermark === 3), 5_000));
    for (const id of [2, 3])
      assert.deepEqual(logRecords(c.partition(id).log), logRecords(c.partition(1).log));
    c.shutdown();
  });

  it('a cut follower leaves the ISR after the lag time, acks=all keeps working with min ISR 2, and it rejoins after the heal', async () => {
    const c = cluster();
    c.elect(1);
    await c.clock.runFor(100);
    c.transport.cutLink(1, 3);
    c.transport.cutLink(3, 1);
    const first = track(c.produce(batch('a'), -1, 60_000));
    assert.ok(await c.clock.runUntil(() => c.state.isr.length === 2, 30_000), 'ISR shrank');
    assert.deepEqual([...c.state.isr].sort(), [1, 2]);
    assert.deepEqual([...c.partition(1).isr].sort(), [1, 2]);
    assert.ok(await c.clock.runUntil(() => first.result !== undefined, 5_000), 'acked without the laggard');
    const second = track(c.produce(batch('b'), -1, 30_000));
    assert.ok(await c.clock.runUntil(() => second.result !== undefined, 5_000));
    c.transport.healAll();
    assert.ok(await c.clock.runUntil(() => c.state.isr.length === 3, 30_000), 'follower 3 rejoined');
    assert.deepEqual(logRecords(c.partition(3).log), logRecords(c.partition(1).log));
    c.shutdown();
  });

  it('with the ISR below min.insync.replicas acks=all fails NOT_ENOUGH_REPLICAS and writes nothing', async () => {
    const c = cluster();
    c.elect(1);
    c.crash(2);
    c.crash(3);
    assert.deepEqual(c.state.isr, [1]);
    await assert.rejects(c.produce(batch('a'), -1, 1000), (e: unknown) =>
      KafkaError.is(e, 'NOT_ENOUGH_REPLICAS'),
    );
    assert.equal(c.partition(1).logEndOffset, 0);
    c.shutdown();
  });

  it('acks=all times out with REQUEST_TIMED_OUT while the followers cannot fetch', async () => {
    const c = cluster();
    c.elect(1);
    c.transport.isolate(1, [2, 3]);
    const r = track(c.produce(batch('a'), -1, 2_000));
    await c.clock.runFor(1_999);
    assert.equal(r.error, undefined);
    await c.clock.runFor(2);
    assert.ok(KafkaError.is(r.error, 'REQUEST_TIMED_OUT'));
    c.shutdown();
  });

  it('a follower backs off replica.fetch.backoff.ms after a failed fetch', async () => {
    const c = cluster({ config: { minInsyncReplicas: 1, replicaFetchBackoffMs: 1000 } });
    c.elect(1);
    await c.clock.runFor(50);
    c.manager(1).halt(); // leader's process is gone: connections are refused
    const fetcher = c.manager(2).fetcherFor(1)!;
    const before = fetcher.stats.failedFetches;
    await c.clock.runFor(3_500);
    const failed = fetcher.stats.failedFetches - before;
    assert.ok(failed >= 3 && failed <= 5, `about one refused fetch per second, got ${failed}`);
  });

  it('refuses a stale LeaderAndIsr per partition with FENCED_LEADER_EPOCH', () => {
    const c = cluster();
    c.elect(1);
    c.elect(2);
    const stale = { ...c.state, leader: 1, leaderEpoch: 1 };
    assert.deepEqual(c.manager(1).applyLeaderAndIsr([stale]), [
      { topic: 't', partition: 0, errorCode: ErrorCode.FENCED_LEADER_EPOCH },
    ]);
    assert.equal(c.partition(1).role, 'follower');
    c.shutdown();
  });

  it('divergent tails across two quick leader changes converge through the fetchers (KIP-101)', async () => {
    const c = cluster({ config: { minInsyncReplicas: 1, replicaLagTimeMaxMs: 10_000 } });
    c.elect(1);
    await c.produce(batch('x'), 1, 1000);
    assert.ok(await c.clock.runUntil(() => [2, 3].every((id) => c.partition(id).highWatermark === 1), 5_000));
    // Leader 1 takes a write nobody fetches.
    c.transport.isolate(1, [2, 3]);
    await c.produce(batch('only-on-1'), 1, 1000);
    // Broker 2 leads at epoch 2 and takes its own write; broker 1 is cut off and still has its tail.
    c.elect(2);
    await c.produce(batch('y'), 1, 1000);
    await c.clock.runFor(50);
    // Quickly broker 1 leads again at epoch 3 (still in the controller's ISR).
    c.transport.healAll();
    c.elect(1);
    await c.produce(batch('z'), 1, 1000);
    assert.ok(
      await c.clock.runUntil(
        () =>
          [2, 3].every(
            (id) =>
              c.partition(id).logEndOffset === c.partition(1).logEndOffset &&
              c.partition(id).highWatermark === 3,
          ),
        20_000,
      ),
    );
    const leaderLog = logRecords(c.partition(1).log);
    assert.deepEqual(
      leaderLog.map((r) => r.value),
      ['x0', 'only-on-1', 'z0'].map((v) => (v === 'only-on-1' ? 'only-on-10' : v)),
    );
    for (const id of [2, 3]) assert.deepEqual(logRecords(c.partition(id).log), leaderLog);
    c.shutdown();
  });

  it('a crashed follower recovers from its durable files and catches up', async () => {
    const c = cluster();
    c.elect(1);
    for (let i = 0; i < 3; i++) {
      const r = track(c.produce(batch(`v${i}-`), -1, 30_000));
      assert.ok(await c.clock.runUntil(() => r.result !== undefined, 5_000));
    }
    c.checkpointHighWatermarks();
    c.crash(3);
    assert.deepEqual([...c.state.isr].sort(), [1, 2]);
    const r = track(c.produce(batch('after'), -1, 30_000));
    assert.ok(await c.clock.runUntil(() => r.result !== undefined, 5_000));
    c.restart(3);
    assert.ok(await c.clock.runUntil(() => c.state.isr.length === 3, 30_000));
    assert.deepEqual(logRecords(c.partition(3).log), logRecords(c.partition(1).log));
    c.shutdown();
  });

  it('a fetch held from before a follower crashed cannot put its restarted, emptier self back in the ISR (KIP-903)', async () => {
    // Found by the replication property (seed 776368120): the leader still held broker 2's long-poll
    // fetch at offset 1 when broker 2 lost m0 in a crash and restarted empty; answering that fetch
    // used to re-add broker 2 to the ISR, and electing it then lost the acknowledged m0.
    const c = cluster({
      seed: 776368120,
      config: {
        minInsyncReplicas: 2,
        replicaLagTimeMaxMs: 5_000,
        replicaFetchBackoffMs: 200,
        replicaSocketTimeoutMs: 2_000,
      },
      network: { minDelayMs: 1, maxDelayMs: 20 },
    });
    c.elect(1);
    const acked = track(c.produce(batch('m'), -1, 10_000));
    await c.clock.runFor(2145);
    assert.ok(acked.result !== undefined);
    c.crash(2);
    c.restart(2);
    assert.equal(c.partition(2).logEndOffset, 0, 'the crash lost the unsynced m0 on broker 2');
    // Step in small slices: the ISR must never hold broker 2 while it lacks the committed m0.
    for (let t = 0; t < 600; t++) {
      await c.clock.runFor(1);
      assert.ok(
        !c.state.isr.includes(2) || c.partition(2).logEndOffset >= 1,
        `at +${t} ms ISR ${JSON.stringify(c.state.isr)}`,
      );
    }
    assert.ok(
      await c.clock.runUntil(() => c.state.isr.length === 3, 30_000),
      'it rejoins once it really caught up',
    );
    assert.deepEqual(logRecords(c.partition(2).log), logRecords(c.partition(1).log));
    c.shutdown();
  });

  it('wakes a long-poll consumer wait when the HW advances', async () => {
    const c = cluster();
    c.elect(1);
    await c.clock.runFor(20);
    let woke = false;
    void c
      .manager(1)
      .waitForData([c.tp], 10_000)
      .then(() => (woke = true));
    await c.produce(batch('a'), 1, 1000);
    assert.ok(await c.clock.runUntil(() => woke, 100));
    assert.ok(await c.clock.runUntil(() => c.partition(1).highWatermark === 1, 5_000));
    assert.deepEqual(values(c.manager(1).readForConsumer(c.tp, 0, 1 << 20).records), ['a0']);
    c.shutdown();
  });

  for (const [name, brokerIds] of [
    ['a single-replica partition', [1]],
    ['an ISR of one (RF=3, min.insync.replicas=1, both followers cut off)', [1, 2, 3]],
  ] as const) {
    it(`answers a parked consumer wait as soon as an acks=1 append lands on ${name}, with no time passing`, async () => {
      const c = new SimulatedReplicationCluster({
        brokerIds,
        seed: 3,
        config: { minInsyncReplicas: 1 },
        network: { minDelayMs: 1, maxDelayMs: 2 },
      });
      c.state = { ...c.state, isr: [1] };
      // The followers cannot reach the leader, so they stay out of the ISR.
      for (const id of brokerIds.slice(1)) c.transport.cutLink(id, 1);
      c.elect(1);
      await c.clock.runFor(50);
      assert.deepEqual(c.partition(1).isr, [1]);
      let woke = false;
      void c
        .manager(1)
        .waitForData([c.tp], 500)
        .then(() => (woke = true));
      await c.clock.runFor(100);
      assert.equal(woke, false, 'parked while nothing is new');
      const t0 = c.clock.now();
      await c.produce(batch('x'), 1, 1000);
      // Only microtasks run (settle): no timer may fire, so the max wait cannot be what answers it.
      await settle();
      assert.equal(woke, true);
      assert.equal(c.clock.now(), t0);
      assert.equal(c.partition(1).highWatermark, 1);
      assert.deepEqual(values(c.manager(1).readForConsumer(c.tp, 0, 1 << 20).records), ['x0']);
      c.shutdown();
    });
  }
});
