import assert from 'node:assert/strict';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import { SeededRandom, SimulatedClock, settle } from '../../core/io/index.ts';
import { ActorSystem, ActorUnavailableError, AskTimeoutError, ask, type ReplyTo } from './index.ts';

type Msg =
  | { type: 'GET'; replyTo: ReplyTo<number> }
  | { type: 'IGNORE'; replyTo: ReplyTo<number> }
  | { type: 'DIE'; replyTo: ReplyTo<number> };

function setup(): { clock: SimulatedClock; system: ActorSystem } {
  const clock = new SimulatedClock();
  const system = ActorSystem.start({ clock, random: new SeededRandom(1) });
  system.spawn<Msg>('counter', () => {
    let n = 41;
    return {
      receive: (m) => {
        switch (m.type) {
          case 'GET':
            m.replyTo.reply(++n);
            return;
          case 'IGNORE':
            return;
          case 'DIE':
            throw new Error('dying with a request in hand');
          default: {
            const _never: never = m;
            return _never;
          }
        }
      },
    };
  });
  return { clock, system };
}

describe('ask', () => {
  it('resolves with the reply', async () => {
    const { system } = setup();
    const v = await ask<Msg, number>(system.ref('counter'), (replyTo) => ({ type: 'GET', replyTo }), 1000);
    assert.equal(v, 42);
  });

  it('rejects with AskTimeoutError (REQUEST_TIMED_OUT) exactly at the timeout on the clock', async () => {
    const { clock, system } = setup();
    const state: { outcome: unknown } = { outcome: 'pending' };
    ask<Msg, number>(system.ref('counter'), (replyTo) => ({ type: 'IGNORE', replyTo }), 250).then(
      (v) => (state.outcome = v),
      (e: unknown) => (state.outcome = e),
    );
    await clock.runFor(249);
    assert.equal(state.outcome, 'pending');
    await clock.runFor(1);
    const outcome = ((): unknown => state.outcome)(); // re-read: the assert above narrowed the field
    assert.ok(outcome instanceof AskTimeoutError);
    assert.ok(outcome instanceof KafkaError);
    assert.equal(outcome.code, ErrorCode.REQUEST_TIMED_OUT);
    assert.equal(outcome.retriable, true);
  });

  it('rejects at once when no actor runs under the name, with the chosen code', async () => {
    const { system } = setup();
    await assert.rejects(
      ask<Msg, number>(system.ref('ghost'), (replyTo) => ({ type: 'GET', replyTo }), 1000, {
        unavailableCode: ErrorCode.NOT_LEADER_OR_FOLLOWER,
      }),
      (e: unknown) => e instanceof ActorUnavailableError && e.errorName === 'NOT_LEADER_OR_FOLLOWER',
    );
  });

  it('rejects as soon as the target dies without replying, long before the timeout', async () => {
    const { clock, system } = setup();
    const p = ask<Msg, number>(system.ref('counter'), (replyTo) => ({ type: 'DIE', replyTo }), 60_000);
    let rejected: unknown;
    p.catch((e: unknown) => (rejected = e));
    await settle();
    assert.ok(rejected instanceof ActorUnavailableError);
    assert.equal(clock.pending(), 0, 'the timeout timer was cancelled');
  });

  it('is abandoned when its AbortSignal fires, and a late reply is ignored', async () => {
    const { clock, system } = setup();
    const controller = new AbortController();
    let replyTo: ReplyTo<number> | undefined;
    const p = ask<Msg, number>(
      system.ref('counter'),
      (r) => {
        replyTo = r;
        return { type: 'IGNORE', replyTo: r };
      },
      60_000,
      { signal: controller.signal },
    );
    controller.abort(new Error('state left'));
    await assert.rejects(p, /state left/);
    assert.equal(replyTo?.settled, true);
    replyTo?.reply(1);
    assert.equal(clock.pending(), 0, 'the timeout timer was cancelled');
    const aborted = AbortSignal.abort();
    await assert.rejects(
      ask<Msg, number>(system.ref('counter'), (r) => ({ type: 'GET', replyTo: r }), 1000, {
        signal: aborted,
      }),
    );
  });
});
