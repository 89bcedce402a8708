/**
 * Consumer at-least-once: group members that commit after processing, and crash at random points
 * (after a poll before processing, after processing before committing), together process every record
 * at least once; and the group's committed offsets never move backwards (nobody seeks here, so any step
 * back would be a zombie's commit or a member committing a position it did not reach).
 *
 * Two member slots share one group on a fake broker (real PartitionLogs, the real GroupCoordinator) on a
 * SimulatedClock; each slot is started, stepped (poll, process, commit), crashed (its process dies: no
 * commit, no LeaveGroup; the coordinator notices by session timeout) or closed, while more records are
 * produced. At the end a fresh member reads until it has caught up.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringSerde } from '../core/serdes/index.ts';
import { CommitFailedError, Consumer } from '../actors/client/consumer/index.ts';
import { drive } from '../actors/client/consumer/test-support/drive.ts';
import { FakeCluster } from '../actors/client/consumer/test-support/fake-cluster.ts';

const topic = 'events';
const partitionCount = 3;
const groupId = 'at-least-once';
/** Steps the final member may take to catch up. */
const finalStepsMax = 400;
const pollTimeoutMs = 1000;

type CrashPoint = 'afterPoll' | 'afterProcess';
type Action =
  | { readonly type: 'start'; readonly slot: number }
  | { readonly type: 'step'; readonly slot: number }
  | { readonly type: 'crash'; readonly slot: number; readonly at: CrashPoint }
  | { readonly type: 'close'; readonly slot: number }
  | { readonly type: 'produce'; readonly partition: number; readonly count: number }
  | { readonly type: 'wait'; readonly ms: number };

const slotArb = fc.integer({ min: 0, max: 1 });
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 2, arbitrary: slotArb.map((slot): Action => ({ type: 'start', slot })) },
  { weight: 6, arbitrary: slotArb.map((slot): Action => ({ type: 'step', slot })) },
  {
    weight: 2,
    arbitrary: fc
      .record({ slot: slotArb, at: fc.constantFrom<CrashPoint>('afterPoll', 'afterProcess') })
      .map((a): Action => ({ type: 'crash', ...a })),
  },
  { weight: 1, arbitrary: slotArb.map((slot): Action => ({ type: 'close', slot })) },
  {
    weight: 2,
    arbitrary: fc
      .record({
        partition: fc.integer({ min: 0, max: partitionCount - 1 }),
        count: fc.integer({ min: 1, max: 15 }),
      })
      .map((a): Action => ({ type: 'produce', ...a })),
  },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 20_000 }).map((ms): Action => ({ type: 'wait', ms })) },
);

class Simulation {
  // No initial rebalance delay: members get partitions within a step or two.
  readonly cluster = new FakeCluster({ groupConfig: { 'group.initial.rebalance.delay.ms': 0 } });
  readonly produced: string[] = [];
  readonly processed = new Set<string>();
  readonly slots: (Consumer<string, string> | undefined)[] = [undefined, undefined];
  private incarnation = 0;
  private readonly counters = new Array<number>(partitionCount).fill(0);

  constructor(initial: readonly number[]) {
    this.cluster.createTopic(topic, partitionCount);
    initial.forEach((n, p) => this.produce(p, n));
  }

  produce(partition: number, count: number): void {
    let left = count;
    while (left > 0) {
      const n = Math.min(left, 4);
      const values = Array.from({ length: n }, () => `${partition}:${this.counters[partition]!++}`);
      this.cluster.produce(
        topic,
        partition,
        values.map((value) => ({ key: value, value })),
      );
      this.produced.push(...values);
      left -= n;
    }
  }

  newConsumer(): Consumer<string, string> {
    const c = new Consumer<string, string>(
      {
        'client.id': `member-${++this.incarnation}`,
        'group.id': groupId,
        'enable.auto.commit': false,
        'auto.offset.reset': 'earliest',
        'session.timeout.ms': 10_000,
        'heartbeat.interval.ms': 1_000,
        'max.poll.interval.ms': 30_000,
        'max.poll.records': 7,
        'key.deserializer': stringSerde(),
        'value.deserializer': stringSerde(),
      },
      { connectionFactory: this.cluster, clock: this.cluster.clock },
    );
    c.subscribe([topic]);
    return c;
  }

  /** One application step: poll, process, commit; or die at `crashAt`. */
  async step(c: Consumer<string, string>, crashAt?: CrashPoint): Promise<boolean> {
    const records = await drive(this.cluster.clock, c.poll(pollTimeoutMs));
    if (crashAt === 'afterPoll') return false;
    for (const r of records) this.processed.add(r.value!);
    if (crashAt === 'afterProcess') return false;
    try {
      await drive(this.cluster.clock, c.commit());
    } catch (e) {
      // The group moved on (rebalance): the next owner re-reads from the last commit.
      if (!(e instanceof CommitFailedError)) throw e;
    }
    return true;
  }

  crash(slot: number): void {
    const c = this.slots[slot];
    if (c === undefined) return;
    this.cluster.crash(c.config.clientId);
    this.slots[slot] = undefined;
  }

  async run(action: Action): Promise<void> {
    switch (action.type) {
      case 'start':
        this.slots[action.slot] ??= this.newConsumer();
        return;
      case 'step': {
        const c = this.slots[action.slot];
        if (c !== undefined) await this.step(c);
        return;
      }
      case 'crash': {
        const c = this.slots[action.slot];
        if (c === undefined) return;
        await this.step(c, action.at);
        this.crash(action.slot);
        return;
      }
      case 'close': {
        const c = this.slots[action.slot];
        if (c === undefined) return;
        this.slots[action.slot] = undefined;
        await drive(this.cluster.clock, c.close({ timeoutMs: 5_000 }));
        return;
      }
      case 'produce':
        this.produce(action.partition, action.count);
        return;
      case 'wait':
        await this.cluster.clock.runFor(action.ms);
        return;
    }
  }

  /** Committed offsets per partition never decrease. */
  checkCommitsMonotonic(): void {
    const last = new Map<number, number>();
    for (const c of this.cluster.commitLog) {
      const previous = last.get(c.partition) ?? 0;
      assert.ok(
        c.offset >= previous,
        `committed offset of partition ${c.partition} went back from ${previous} to ${c.offset}`,
      );
      last.set(c.partition, c.offset);
    }
  }
}

describe('consumer: at-least-once under crashes, committed offsets never go back', function () {
  this.timeout(300_000);

  it('every record is processed at least once and commits only move forward', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: partitionCount, maxLength: partitionCount }),
        fc.array(actionArb, { minLength: 1, maxLength: 20 }),
        async (initial, actions) => {
          const sim = new Simulation(initial);
          for (const action of actions) {
            await sim.run(action);
            sim.checkCommitsMonotonic();
          }
          // The survivors stop polling (as if idle); a fresh member must catch up on everything.
          for (let slot = 0; slot < sim.slots.length; slot++) sim.crash(slot);
          const final = sim.newConsumer();
          const all = new Set(sim.produced);
          const partitions = Array.from({ length: partitionCount }, (_, partition) => ({ topic, partition }));
          const ends = partitions.map((tp) => sim.cluster.partition(topic, tp.partition).log.logEndOffset);
          const caughtUp = async (): Promise<boolean> => {
            if ([...all].some((v) => !sim.processed.has(v))) return false;
            const committed = await drive(sim.cluster.clock, final.committed(partitions));
            return committed.every((c, i) => (c.offset ?? 0) === ends[i]);
          };
          let steps = 0;
          while (!(await caughtUp())) {
            assert.ok(
              ++steps <= finalStepsMax,
              `not caught up: missing ${[...all].filter((v) => !sim.processed.has(v)).slice(0, 5)}`,
            );
            await sim.step(final);
          }
          sim.checkCommitsMonotonic();
          await drive(sim.cluster.clock, final.close({ timeoutMs: 5_000 }));
        },
      ),
    );
  });
});
