import assert from 'node:assert/strict';
import { ErrorCode } from '../../../core/errors/index.ts';
import type { SimulatedClock } from '../../../core/io/index.ts';
import { ask } from '../../system/index.ts';
import { PartitionActors } from './partition-actor.ts';
import type { LeaderAndIsrState } from './replica-manager.ts';
import { SimulatedReplicationCluster } from './testing.ts';
import { batch, logRecords } from './test-records.ts';

/** Awaits `promise` while simulated time runs (the actors, the transport and timers need it to). */
async function resolved<T>(clock: SimulatedClock, promise: Promise<T>): Promise<T> {
  let done = false;
  const watched = promise.finally(() => {
    done = true;
  });
  watched.catch(() => {});
  while (!done) await clock.runFor(1);
  return watched;
}

/** Brokers 1 and 2 replicating partition t-0, with partition actors on each (the controller is the test). */
function setup() {
  const c = new SimulatedReplicationCluster({
    brokerIds: [1, 2],
    seed: 11,
    config: { minInsyncReplicas: 1 },
    network: { minDelayMs: 1, maxDelayMs: 2 },
  });
  const roles: string[] = [];
  const errors: unknown[] = [];
  const actors = new Map<number, PartitionActors>();
  for (const id of [1, 2]) {
    actors.set(
      id,
      new PartitionActors({
        replicaManager: c.manager(id),
        clock: c.clock,
        random: c.random,
        onRoleChanged: (tp, role, epoch) => roles.push(`${id}:${tp.topic}-${tp.partition}:${role}@${epoch}`),
        onError: (err) => errors.push(err),
      }),
    );
  }
  const decision = (
    leader: number,
    leaderEpoch: number,
    partitionEpoch = leaderEpoch,
  ): LeaderAndIsrState => ({
    ...c.tp,
    leader,
    leaderEpoch,
    partitionEpoch,
    isr: [1, 2],
    replicas: [1, 2],
  });
  const applyAll = (s: LeaderAndIsrState): void => {
    for (const a of actors.values()) a.apply(s);
  };
  const stop = async (): Promise<void> => {
    for (const a of actors.values()) await resolved(c.clock, a.stop());
    c.shutdown();
  };
  return { c, actors, roles, errors, decision, applyAll, stop, a1: actors.get(1)!, a2: actors.get(2)! };
}

describe('PartitionActors (a supervised replica machine per hosted replica)', () => {
  it('starts one actor per replica, reachable by name, which leads or follows per the decision', async () => {
    const t = setup();
    t.applyAll(t.decision(1, 1));
    await t.c.clock.runFor(10);
    assert.ok(t.a1.ref(t.c.tp).isAlive());
    assert.equal(t.a1.actorName(t.c.tp), 'broker-1/partitions/t-0');
    assert.equal(t.c.partition(1).role, 'leader');
    assert.equal(t.c.partition(2).role, 'follower');
    assert.deepEqual(t.roles.sort(), ['1:t-0:leader@1', '2:t-0:follower@1']);
    const acked = await resolved(t.c.clock, t.c.manager(1).appendToLeader(t.c.tp, batch('a', 2), -1, 5000));
    assert.equal(acked.lastOffset, 1);
    assert.ok(await t.c.clock.runUntil(() => t.c.partition(2).logEndOffset === 2, 1000));
    await t.stop();
  });

  it('changes roles only at a higher leader epoch: leader -> follower -> leader', async () => {
    const t = setup();
    t.applyAll(t.decision(1, 1));
    await t.c.clock.runFor(10);
    t.applyAll(t.decision(2, 2));
    await t.c.clock.runFor(10);
    assert.equal(t.c.partition(1).role, 'follower');
    assert.equal(t.c.partition(2).role, 'leader');
    assert.equal(t.c.partition(2).leaderEpoch, 2);
    t.applyAll(t.decision(1, 3));
    await t.c.clock.runFor(10);
    assert.equal(t.c.partition(1).role, 'leader');
    assert.equal(t.c.partition(1).leaderEpoch, 3);
    assert.deepEqual(
      t.roles.filter((r) => r.startsWith('1:')),
      ['1:t-0:leader@1', '1:t-0:follower@2', '1:t-0:leader@3'],
    );
    assert.equal(t.a1.stats.transitions, 3);
    assert.equal(t.a1.stats.rejected, 0);
    await t.stop();
  });

  it('refuses a decision with a stale or equal leader epoch (FENCED_LEADER_EPOCH) and keeps its role', async () => {
    const t = setup();
    t.applyAll(t.decision(2, 5));
    await t.c.clock.runFor(10);
    const ref = t.a1.ref(t.c.tp);
    const stale = await resolved(
      t.c.clock,
      ask<Parameters<typeof ref.tell>[0], number>(
        ref,
        (replyTo) => ({ type: 'LEADER_AND_ISR', state: t.decision(1, 4), replyTo }),
        1000,
      ),
    );
    assert.equal(stale, ErrorCode.FENCED_LEADER_EPOCH);
    // Same epoch, another leader: not a newer decision either.
    const equal = await resolved(
      t.c.clock,
      ask<Parameters<typeof ref.tell>[0], number>(
        ref,
        (replyTo) => ({ type: 'LEADER_AND_ISR', state: t.decision(1, 5, 9), replyTo }),
        1000,
      ),
    );
    assert.equal(equal, ErrorCode.FENCED_LEADER_EPOCH);
    assert.equal(t.c.partition(1).role, 'follower');
    assert.equal(t.c.partition(1).leaderEpoch, 5);
    assert.equal(t.a1.stats.rejected, 2);
    // The same epoch with a newer partition epoch (an ISR change) is applied in place.
    const update = await resolved(
      t.c.clock,
      ask<Parameters<typeof ref.tell>[0], number>(
        ref,
        (replyTo) => ({ type: 'LEADER_AND_ISR', state: { ...t.decision(2, 5, 6), isr: [2] }, replyTo }),
        1000,
      ),
    );
    assert.equal(update, ErrorCode.NONE);
    assert.deepEqual(t.c.partition(1).isr, [2]);
    await t.stop();
  });

  it('a crashed partition actor is restarted by its supervisor and recovers its replica from the log', async () => {
    const t = setup();
    t.applyAll(t.decision(1, 1));
    await t.c.clock.runFor(10);
    await resolved(t.c.clock, t.c.manager(1).appendToLeader(t.c.tp, batch('a', 3), -1, 5000));
    const before = t.c.partition(1);
    const recordsBefore = logRecords(before.log);
    t.a1.crash(t.c.tp, new Error('boom'));
    // The crashed incarnation's replica goes offline at once; the restart (after its backoff) recovers it.
    assert.ok(await t.c.clock.runUntil(() => t.a1.stats.incarnations === 2, 2000), 'restarted');
    assert.ok(await t.c.clock.runUntil(() => t.c.manager(1).getPartition(t.c.tp)?.role === 'leader', 2000));
    const after = t.c.partition(1);
    assert.notEqual(after, before, 'a new Partition, rebuilt from the log');
    assert.equal(before.role, 'offline');
    assert.equal(after.logEndOffset, 3);
    // The high watermark comes back once the follower's fetch reports its log end offset.
    assert.ok(await t.c.clock.runUntil(() => after.highWatermark === 3, 2000));
    assert.deepEqual(logRecords(after.log), recordsBefore);
    assert.ok(t.a1.ref(t.c.tp).isAlive(), 'reachable by the same name');
    const supervised = await resolved(t.c.clock, t.a1.supervisor.whichChildren());
    assert.deepEqual(
      supervised.map((ch) => [ch.name, ch.generation, ch.running]),
      [['broker-1/partitions/t-0', 2, true]],
    );
    // It serves again: an acks=all produce replicates to the follower.
    await resolved(t.c.clock, t.c.manager(1).appendToLeader(t.c.tp, batch('b'), -1, 5000));
    assert.ok(await t.c.clock.runUntil(() => t.c.partition(2).logEndOffset === 4, 2000));
    assert.deepEqual(t.errors, []);
    await t.stop();
  });

  it('past the restart intensity the failure escalates: every replica goes offline and the broker is told', async () => {
    const c = new SimulatedReplicationCluster({ brokerIds: [1], seed: 5, config: { minInsyncReplicas: 1 } });
    const errors: unknown[] = [];
    const actors = new PartitionActors({
      replicaManager: c.manager(1),
      clock: c.clock,
      random: c.random,
      supervisor: { strategy: 'one_for_one', intensity: 1, periodMs: 10_000 },
      onError: (err) => errors.push(err),
    });
    actors.apply({ ...c.tp, leader: 1, leaderEpoch: 1, partitionEpoch: 1, isr: [1], replicas: [1] });
    await c.clock.runFor(10);
    actors.crash(c.tp, new Error('first'));
    assert.ok(await c.clock.runUntil(() => actors.stats.incarnations === 2, 1000));
    assert.ok(await c.clock.runUntil(() => c.manager(1).getPartition(c.tp)?.role === 'leader', 1000));
    actors.crash(c.tp, new Error('second'));
    assert.ok(await c.clock.runUntil(() => !actors.running, 1000), 'the actors gave up');
    await c.clock.runFor(10);
    assert.equal(c.manager(1).getPartition(c.tp), undefined);
    assert.equal(errors.length, 1);
    assert.match(String(errors[0]), /intensity|restart/i);
    c.shutdown();
  });

  it('remove takes the replica offline at once and stops its actor', async () => {
    const t = setup();
    t.applyAll(t.decision(1, 1));
    await t.c.clock.runFor(10);
    t.a2.remove(t.c.tp);
    assert.equal(t.c.manager(2).getPartition(t.c.tp), undefined);
    await t.c.clock.runFor(10);
    assert.equal(t.a2.ref(t.c.tp).isAlive(), false);
    assert.equal(t.a2.hosts(t.c.tp), false);
    const children = await resolved(t.c.clock, t.a2.supervisor.whichChildren());
    assert.deepEqual(children, []);
    await t.stop();
  });
});
