import assert from 'node:assert/strict';
import { assign, emit, setup } from 'xstate';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import { SeededRandom, SimulatedClock, settle } from '../../core/io/index.ts';
import { replicaMachine, type LeaderCheck, type ReplicaEvent } from '../machines/replica.machine.ts';
import { ActorSystem, ask, machineBehavior, watch, type Down, type ReplyTo } from './index.ts';

type CounterEvent =
  | { type: 'INC' }
  | { type: 'EXPLODE' }
  | { type: 'FINISH' }
  | { type: 'ARM' }
  | { type: 'GET'; replyTo: ReplyTo<number> };

/** A small lifecycle machine: counts, throws from an action on EXPLODE, fails from an `after` when armed. */
const counterMachine = setup({
  types: {
    context: {} as { count: number },
    events: {} as CounterEvent,
    emitted: {} as
      { type: 'COUNTED'; count: number } | { type: 'REPLY'; count: number; replyTo: ReplyTo<number> },
  },
  actions: {
    explode: () => {
      throw new KafkaError(ErrorCode.KAFKA_STORAGE_ERROR, 'action failed');
    },
  },
}).createMachine({
  context: { count: 0 },
  initial: 'active',
  states: {
    active: {
      on: {
        INC: {
          actions: [
            assign({ count: ({ context }) => context.count + 1 }),
            emit(({ context }) => ({ type: 'COUNTED' as const, count: context.count })),
          ],
        },
        EXPLODE: { actions: 'explode' },
        FINISH: 'done',
        ARM: 'armed',
        GET: {
          actions: emit(({ context, event }) => ({
            type: 'REPLY' as const,
            count: context.count,
            replyTo: event.replyTo,
          })),
        },
      },
    },
    armed: { after: { 500: { actions: 'explode' } } },
    done: { type: 'final' },
  },
});

function start(log: string[]) {
  const clock = new SimulatedClock();
  const system = ActorSystem.start({ clock, random: new SeededRandom(3) }, [
    {
      id: 'counter',
      start: machineBehavior(counterMachine, {
        onEffect: (effect) => {
          if (effect.type === 'COUNTED') log.push(`counted ${effect.count}`);
          else effect.replyTo.reply(effect.count);
        },
      }),
      restart: 'transient',
    },
  ]);
  const ref = system.ref<CounterEvent>('root/counter');
  return { clock, system, ref };
}

describe('xstate host', () => {
  it('forwards mailbox messages to the machine and executes emitted effects in the cell', async () => {
    const log: string[] = [];
    const { ref } = start(log);
    ref.tell({ type: 'INC' });
    ref.tell({ type: 'INC' });
    await settle();
    assert.deepEqual(log, ['counted 1', 'counted 2']);
    assert.equal(await ask<CounterEvent, number>(ref, (replyTo) => ({ type: 'GET', replyTo }), 100), 2);
  });

  it('a throwing xstate action crashes the hosting cell and its supervisor restarts it with fresh state', async () => {
    const log: string[] = [];
    const { system, ref } = start(log);
    ref.tell({ type: 'INC' });
    await settle();
    let down: Down | undefined;
    watch(ref, (d) => (down = d));
    ref.tell({ type: 'EXPLODE' });
    await settle();
    assert.equal(down?.reason.kind, 'crash');
    assert.ok(down?.reason.kind === 'crash' && KafkaError.is(down.reason.error, 'KAFKA_STORAGE_ERROR'));
    assert.equal(system.stats.crashes, 1);
    assert.equal(
      await ask<CounterEvent, number>(ref, (replyTo) => ({ type: 'GET', replyTo }), 100),
      0,
      'restarted fresh',
    );
  });

  it('runs `after` delays on the Clock port; a failure there crashes the cell too', async () => {
    const log: string[] = [];
    const { clock, ref } = start(log);
    await settle();
    const seen: Down[] = [];
    watch(ref, (d) => void seen.push(d));
    ref.tell({ type: 'ARM' });
    await clock.runFor(499);
    assert.equal(seen.length, 0);
    await clock.runFor(1);
    assert.deepEqual(
      seen.map((d) => d.reason.kind),
      ['crash'],
    );
  });

  it('a final state is a normal exit (a transient child is not restarted)', async () => {
    const log: string[] = [];
    const { system, ref } = start(log);
    let down: Down | undefined;
    await settle();
    watch(ref, (d) => (down = d));
    ref.tell({ type: 'FINISH' });
    await settle();
    assert.equal(down?.reason.kind, 'normal');
    assert.equal(ref.isAlive(), false);
    assert.deepEqual(
      (await system.root.whichChildren()).map((c) => [c.id, c.running]),
      [['counter', false]],
    );
  });

  it('stopping the cell stops the machine and its pending delays', async () => {
    const log: string[] = [];
    const { clock, system, ref } = start(log);
    ref.tell({ type: 'ARM' });
    await settle();
    assert.equal(clock.pending(), 1);
    await system.stop();
    assert.equal(clock.pending(), 0);
  });

  it('the * helper answers requests the current state does not accept with a typed Kafka error', async () => {
    const clock = new SimulatedClock();
    const system = ActorSystem.start({ clock, random: new SeededRandom(3) }, [
      {
        id: 'replica',
        name: 'replica/t-0',
        start: machineBehavior(replicaMachine, {
          input: () => ({ topic: 't', partition: 0, replicaId: 1 }),
          onEffect: (effect) => {
            if (effect.type === 'LEADER_CONFIRMED') effect.replyTo.reply(effect.check);
          },
        }),
      },
    ]);
    const ref = system.ref<ReplicaEvent>('replica/t-0');
    const check = (): Promise<LeaderCheck> =>
      ask<ReplicaEvent, LeaderCheck>(ref, (replyTo) => ({ type: 'CHECK_LEADER', replyTo }), 1000);
    await assert.rejects(check(), (e: unknown) => KafkaError.is(e, 'NOT_LEADER_OR_FOLLOWER'));
    ref.tell({ type: 'BECOME_LEADER', leaderEpoch: 3, isr: [1, 2] });
    assert.deepEqual(await check(), { leaderEpoch: 3, isr: [1, 2] });
  });

  it('delivers `after` transitions through the mailbox, serialised with an async effect in flight', async () => {
    const timed = setup({
      types: {
        events: {} as { type: 'SLOW' },
        emitted: {} as { type: 'SLOW_WORK' } | { type: 'TIMED_OUT' },
      },
    }).createMachine({
      initial: 'waiting',
      states: {
        waiting: {
          after: { 100: { target: 'late', actions: emit({ type: 'TIMED_OUT' as const }) } },
          on: { SLOW: { actions: emit({ type: 'SLOW_WORK' as const }) } },
        },
        late: {},
      },
    });
    const clock = new SimulatedClock();
    const log: string[] = [];
    const system = ActorSystem.start({ clock, random: new SeededRandom(3) });
    const ref = system.spawn(
      'timed',
      machineBehavior(timed, {
        onEffect: async (effect) => {
          if (effect.type === 'TIMED_OUT') {
            log.push(`timed out at ${clock.now() - t0}`);
            return;
          }
          log.push('slow work starts');
          await new Promise<void>((resolve) => clock.setTimeout(resolve, 200));
          log.push('slow work done');
        },
      }),
    );
    const t0 = clock.now();
    ref.tell({ type: 'SLOW' });
    await clock.runFor(300);
    assert.deepEqual(log, ['slow work starts', 'slow work done', 'timed out at 200']);
  });
});
