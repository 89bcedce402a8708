/**
 * Issue property 2 (consumer-group safety): under random joins, leaves, crashes (a member goes silent)
 * and session expiries on a SimulatedClock,
 *   - no partition is ever assigned to two members of the same generation, and
 *   - once the churn stops, the group settles Stable with every partition assigned to a live member and
 *     the membership equal to the live consumers.
 * Consumers follow the kafkajs/librdkafka loop: JoinGroup v5 (MEMBER_ID_REQUIRED round trip), SyncGroup
 * (the leader runs a range assignor over the member list it got), heartbeats every 3 s, and rejoin on
 * REBALANCE_IN_PROGRESS / ILLEGAL_GENERATION / UNKNOWN_MEMBER_ID.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ErrorCode } from '../core/errors/index.ts';
import type { JoinGroupResponse, SyncGroupResponse } from '../core/protocol/index.ts';
import { GroupHarness, ctx, joinRequest } from '../actors/coordinator/group-test-harness.ts';

const groupId = 'property-group';
const partitionCount = 6;
const consumerCount = 5;
const sessionTimeoutMs = 10_000;
const rebalanceTimeoutMs = 20_000;
const heartbeatIntervalMs = 3_000;
const stepMs = 500;
/** Simulated time allowed for the group to settle after the last action. */
const settleBudgetMs = 90_000;
/** Clients wait `retry.backoff.ms` before retrying after an error (Kafka's default). */
const retryBackoffMs = 100;

type Action =
  | { readonly type: 'join'; readonly c: number }
  | { readonly type: 'leave'; readonly c: number }
  | { readonly type: 'crash'; readonly c: number }
  | { readonly type: 'wait'; readonly ms: number };

interface Consumer {
  readonly index: number;
  /** Bumped on crash/restart/leave so answers to an earlier incarnation's requests are ignored. */
  incarnation: number;
  alive: boolean;
  wantIn: boolean;
  phase: 'out' | 'joining' | 'syncing' | 'stable';
  memberId: string;
  generation: number;
  assignment: number[];
  nextHeartbeatAt: number;
}

/** The leader's logic: Kafka's range assignor over one topic, members sorted by id. */
function rangeAssign(memberIds: readonly string[]): Map<string, number[]> {
  const sorted = [...memberIds].sort();
  const out = new Map<string, number[]>();
  const per = Math.floor(partitionCount / sorted.length);
  const extra = partitionCount % sorted.length;
  let next = 0;
  sorted.forEach((id, i) => {
    const n = per + (i < extra ? 1 : 0);
    out.set(
      id,
      Array.from({ length: n }, (_, k) => next + k),
    );
    next += n;
  });
  return out;
}

class Simulation {
  readonly h = new GroupHarness({ seed: 11 });
  readonly consumers: Consumer[] = Array.from({ length: consumerCount }, (_, index) => ({
    index,
    incarnation: 0,
    alive: false,
    wantIn: false,
    phase: 'out',
    memberId: '',
    generation: -1,
    assignment: [],
    nextHeartbeatAt: 0,
  }));
  /** generation -> partition -> the member that received it in that generation. */
  readonly ledger = new Map<number, Map<number, string>>();

  private current(c: Consumer, incarnation: number): boolean {
    return c.alive && c.incarnation === incarnation;
  }

  start(c: Consumer): void {
    c.incarnation += 1;
    c.alive = true;
    c.wantIn = true;
    c.memberId = '';
    c.generation = -1;
    c.assignment = [];
    this.join(c);
  }

  crash(c: Consumer): void {
    c.incarnation += 1;
    c.alive = false;
    c.phase = 'out';
  }

  async leave(c: Consumer): Promise<void> {
    if (!c.alive) return;
    const memberId = c.memberId;
    c.incarnation += 1;
    c.wantIn = false;
    c.phase = 'out';
    c.memberId = '';
    if (memberId === '') return;
    await this.h.coordinator.leaveGroup(
      { groupId, memberId: '', members: [{ memberId, groupInstanceId: null, reason: null }] },
      ctx(3),
    );
  }

  private join(c: Consumer): void {
    c.phase = 'joining';
    const incarnation = c.incarnation;
    const request = joinRequest(groupId, {
      memberId: c.memberId,
      sessionTimeoutMs,
      rebalanceTimeoutMs,
      protocols: [{ name: 'range', metadata: Buffer.from('orders') }],
    });
    void this.h.coordinator
      .joinGroup(request, ctx(5, `consumer-${c.index}`))
      .then((r) => this.current(c, incarnation) && this.onJoin(c, r));
  }

  /** Rejoins after the retry backoff (on the Clock), as clients do after an error. */
  private retryJoin(c: Consumer): void {
    c.phase = 'joining';
    const incarnation = c.incarnation;
    this.h.clock.setTimeout(() => {
      if (this.current(c, incarnation)) this.join(c);
    }, retryBackoffMs);
  }

  private onJoin(c: Consumer, r: JoinGroupResponse): void {
    if (r.errorCode === ErrorCode.MEMBER_ID_REQUIRED) {
      c.memberId = r.memberId;
      this.join(c);
      return;
    }
    if (r.errorCode !== ErrorCode.NONE) {
      if (r.errorCode === ErrorCode.UNKNOWN_MEMBER_ID) c.memberId = '';
      this.retryJoin(c);
      return;
    }
    c.memberId = r.memberId;
    c.generation = r.generationId;
    c.phase = 'syncing';
    c.nextHeartbeatAt = this.h.clock.now() + heartbeatIntervalMs;
    const isLeader = r.leader === r.memberId;
    const assignments = isLeader
      ? [...rangeAssign(r.members.map((m) => m.memberId))].map(([memberId, parts]) => ({
          memberId,
          assignment: Buffer.from(JSON.stringify(parts)),
        }))
      : [];
    const incarnation = c.incarnation;
    const generation = r.generationId;
    void this.h.coordinator
      .syncGroup(
        {
          groupId,
          generationId: generation,
          memberId: r.memberId,
          groupInstanceId: null,
          protocolType: 'consumer',
          protocolName: 'range',
          assignments,
        },
        ctx(5),
      )
      .then((s) => this.current(c, incarnation) && this.onSync(c, generation, s));
  }

  private onSync(c: Consumer, generation: number, s: SyncGroupResponse): void {
    if (s.errorCode !== ErrorCode.NONE) {
      if (s.errorCode === ErrorCode.UNKNOWN_MEMBER_ID) c.memberId = '';
      this.retryJoin(c);
      return;
    }
    const parts = s.assignment.length === 0 ? [] : (JSON.parse(s.assignment.toString()) as number[]);
    let owners = this.ledger.get(generation);
    if (owners === undefined) this.ledger.set(generation, (owners = new Map()));
    for (const p of parts) {
      const owner = owners.get(p);
      assert.ok(
        owner === undefined || owner === c.memberId,
        `partition ${p} assigned to ${owner} and ${c.memberId} in generation ${generation}`,
      );
      owners.set(p, c.memberId);
    }
    c.assignment = parts;
    c.phase = 'stable';
  }

  private heartbeat(c: Consumer): void {
    c.nextHeartbeatAt = this.h.clock.now() + heartbeatIntervalMs;
    const incarnation = c.incarnation;
    void this.h.coordinator
      .heartbeat({ groupId, generationId: c.generation, memberId: c.memberId, groupInstanceId: null }, ctx(3))
      .then((r) => {
        if (!this.current(c, incarnation) || c.phase === 'joining' || r.errorCode === ErrorCode.NONE) return;
        if (r.errorCode === ErrorCode.UNKNOWN_MEMBER_ID) c.memberId = '';
        this.retryJoin(c);
      });
  }

  /** Advances simulated time in steps, heartbeating for every live member in a generation. */
  async run(ms: number): Promise<void> {
    for (let elapsed = 0; elapsed < ms; elapsed += stepMs) {
      await this.h.clock.runFor(Math.min(stepMs, ms - elapsed));
      const now = this.h.clock.now();
      for (const c of this.consumers) {
        if (
          c.alive &&
          c.wantIn &&
          (c.phase === 'syncing' || c.phase === 'stable') &&
          now >= c.nextHeartbeatAt
        ) {
          this.heartbeat(c);
        }
      }
    }
  }

  /** Stable, membership = live consumers, all in the latest generation, every partition owned once. */
  settled(): boolean {
    const live = this.consumers.filter((c) => c.alive && c.wantIn);
    const state = this.h.coordinator.groupState(groupId);
    if (live.length === 0) return state === undefined || state === 'Empty';
    if (state !== 'Stable') return false;
    if (!live.every((c) => c.phase === 'stable' && c.generation === live[0]!.generation)) return false;
    const owned = live.flatMap((c) => c.assignment).sort((a, b) => a - b);
    return owned.length === partitionCount && owned.every((p, i) => p === i);
  }

  async membership(): Promise<string[]> {
    const d = await this.h.coordinator.describeGroups(
      { groups: [groupId], includeAuthorizedOperations: false },
      ctx(4),
    );
    return d.groups[0]!.members.map((m) => m.memberId).sort();
  }
}

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ type: fc.constant('join' as const), c: fc.nat(consumerCount - 1) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('leave' as const), c: fc.nat(consumerCount - 1) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('crash' as const), c: fc.nat(consumerCount - 1) }) },
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 30_000 }) }),
  },
);

describe('property: consumer group safety', () => {
  it('never assigns a partition to two members of one generation, and a settled group owns every partition', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(actionArb, { minLength: 1, maxLength: 20 }), async (actions) => {
        const sim = new Simulation();
        await sim.h.own(groupId);
        try {
          for (const action of actions) {
            const c = action.type === 'wait' ? undefined : sim.consumers[action.c]!;
            switch (action.type) {
              case 'join':
                // A join of a live member is a no-op; of a crashed or departed one, a (re)started process.
                if (!c!.alive || !c!.wantIn) sim.start(c!);
                break;
              case 'leave':
                await sim.leave(c!);
                break;
              case 'crash':
                sim.crash(c!);
                break;
              case 'wait':
                await sim.run(action.ms);
                break;
            }
          }
          for (let waited = 0; waited < settleBudgetMs && !sim.settled(); waited += stepMs)
            await sim.run(stepMs);
          assert.ok(sim.settled(), 'the group settles once the churn stops');
          const live = sim.consumers.filter((c) => c.alive && c.wantIn).map((c) => c.memberId);
          assert.deepEqual(await sim.membership(), live.sort(), 'crashed and departed members are gone');
        } finally {
          sim.h.coordinator.close();
        }
      }),
    );
  });
});
