import assert from 'node:assert/strict';
import { SeededRandom, SimulatedClock, settle } from '../../core/io/index.ts';
import { KafkaError } from '../../core/errors/index.ts';
import {
  ActorSystem,
  MailboxOverflowError,
  drainThroughputMax,
  watch,
  type Behavior,
  type Down,
} from './index.ts';

type Msg =
  | { type: 'ADD'; n: number }
  | { type: 'SLOW'; ms: number }
  | { type: 'THROW' }
  | { type: 'REJECT' }
  | { type: 'STOP' };

function newSystem(clock = new SimulatedClock()): ActorSystem {
  return ActorSystem.start({ clock, random: new SeededRandom(1) });
}

describe('ActorCell', () => {
  it('handles messages one at a time in send order, never on the sender stack', async () => {
    const system = newSystem();
    const seen: number[] = [];
    const ref = system.spawn<Msg>('acc', () => ({
      receive: (m) => {
        if (m.type === 'ADD') seen.push(m.n);
      },
    }));
    for (let i = 0; i < 1000; i++) ref.tell({ type: 'ADD', n: i });
    assert.deepEqual(seen, [], 'tell must not run the handler synchronously');
    await settle();
    assert.deepEqual(
      seen,
      Array.from({ length: 1000 }, (_, i) => i),
    );
  });

  it('waits for an async handler before the next message', async () => {
    const clock = new SimulatedClock();
    const system = newSystem(clock);
    const log: string[] = [];
    const ref = system.spawn<Msg>('slow', (ctx) => ({
      receive: async (m) => {
        if (m.type !== 'SLOW') return;
        log.push(`start ${m.ms}`);
        await new Promise<void>((resolve) => ctx.clock.setTimeout(resolve, m.ms));
        log.push(`end ${m.ms}`);
      },
    }));
    ref.tell({ type: 'SLOW', ms: 100 });
    ref.tell({ type: 'SLOW', ms: 10 });
    await clock.runFor(200);
    assert.deepEqual(log, ['start 100', 'end 100', 'start 10', 'end 10']);
  });

  it('crashes on a synchronous throw: releases resources, drops the mailbox, unregisters the name', async () => {
    const system = newSystem();
    const released: string[] = [];
    const ref = system.spawn<Msg>('thrower', () => ({
      receive: (m) => {
        if (m.type === 'THROW') throw new KafkaError(-1, 'bad message');
      },
      release: (reason) => released.push(reason.kind),
    }));
    const downs: Down[] = [];
    watch(ref, (d) => downs.push(d));
    ref.tell({ type: 'THROW' });
    ref.tell({ type: 'ADD', n: 1 });
    await settle();
    assert.deepEqual(released, ['crash']);
    assert.equal(ref.isAlive(), false);
    assert.equal(downs.length, 1);
    assert.equal(downs[0]!.reason.kind, 'crash');
    assert.equal(system.stats.crashes, 1);
    assert.equal(system.stats.deadLetters, 1, 'the queued ADD was dropped and counted');
    ref.tell({ type: 'ADD', n: 2 });
    assert.equal(system.stats.deadLetters, 2, 'a send to a dead name is counted');
  });

  it('crashes when an async handler rejects', async () => {
    const system = newSystem();
    const ref = system.spawn<Msg>('rejecter', () => ({
      receive: async (m) => {
        if (m.type === 'REJECT') throw new Error('async failure');
      },
    }));
    let down: Down | undefined;
    watch(ref, (d) => (down = d));
    ref.tell({ type: 'REJECT' });
    await settle();
    assert.equal(down?.reason.kind, 'crash');
    assert.equal(down?.reason.kind === 'crash' && (down.reason.error as Error).message, 'async failure');
  });

  it('treats a throwing behavior factory as a crash reported asynchronously', async () => {
    const system = newSystem();
    const ref = system.spawn<Msg>('bad-start', () => {
      throw new Error('cannot open log');
    });
    assert.equal(ref.isAlive(), true, 'the exit is not on the spawner stack');
    await settle();
    assert.equal(ref.isAlive(), false);
    assert.equal(system.stats.crashes, 1);
  });

  it('throws MailboxOverflowError when the mailbox is full', async () => {
    const system = ActorSystem.start({
      clock: new SimulatedClock(),
      random: new SeededRandom(1),
      mailboxLengthMax: 3,
    });
    let handled = 0;
    const ref = system.spawn<Msg>('small', () => ({ receive: () => void handled++ }));
    ref.tell({ type: 'ADD', n: 1 });
    ref.tell({ type: 'ADD', n: 2 });
    ref.tell({ type: 'ADD', n: 3 });
    assert.throws(
      () => ref.tell({ type: 'ADD', n: 4 }),
      (e: unknown) =>
        e instanceof MailboxOverflowError && e.errorName === 'THROTTLING_QUOTA_EXCEEDED' && e.retriable,
    );
    await settle();
    assert.equal(handled, 3);
    ref.tell({ type: 'ADD', n: 5 });
    await settle();
    assert.equal(handled, 4, 'accepts again once drained');
  });

  it('ctx.stop() exits normally after the current message and runs the stopping hook', async () => {
    const system = newSystem();
    const log: string[] = [];
    const ref = system.spawn<Msg>('stopper', (ctx) => ({
      receive: (m) => {
        log.push(m.type);
        if (m.type === 'STOP') ctx.stop();
      },
      stopping: () => void log.push('stopping'),
      release: (r) => void log.push(`release ${r.kind}`),
    }));
    ref.tell({ type: 'STOP' });
    ref.tell({ type: 'ADD', n: 1 });
    await settle();
    assert.deepEqual(log, ['STOP', 'stopping', 'release normal']);
  });

  it('ctx.schedule delivers on the clock and is cancelled when the incarnation ends', async () => {
    const clock = new SimulatedClock();
    const system = newSystem(clock);
    const seen: number[] = [];
    const ref = system.spawn<Msg>('ticker', (ctx) => {
      ctx.schedule(100, { type: 'ADD', n: 1 });
      ctx.schedule(300, { type: 'ADD', n: 3 });
      return {
        receive: (m) => {
          if (m.type === 'ADD') seen.push(m.n);
          if (m.type === 'THROW') throw new Error('x');
        },
      };
    });
    await clock.runFor(99);
    assert.deepEqual(seen, []);
    await clock.runFor(1);
    assert.deepEqual(seen, [1]);
    ref.tell({ type: 'THROW' });
    await settle();
    assert.equal(clock.pending(), 0, 'the 300 ms timer was cancelled by the crash');
  });

  it('DeathWatch fires for an already dead or unknown name with noproc', async () => {
    const system = newSystem();
    const downs: Down[] = [];
    watch(system.ref('nobody'), (d) => downs.push(d));
    await settle();
    assert.deepEqual(downs, [{ name: 'nobody', reason: { kind: 'noproc' } }]);
  });

  it('ctx.watch delivers a message to the watcher when the watched actor stops', async () => {
    const system = newSystem();
    const target = system.spawn<Msg>('target', (ctx) => ({
      receive: (m) => (m.type === 'STOP' ? ctx.stop() : undefined),
    }));
    const got: string[] = [];
    type WMsg = { type: 'TERMINATED'; down: Down };
    system.spawn<WMsg>('watcher', (ctx) => {
      ctx.watch(target, (down) => ({ type: 'TERMINATED', down }));
      const b: Behavior<WMsg> = { receive: (m) => void got.push(`${m.down.name}:${m.down.reason.kind}`) };
      return b;
    });
    target.tell({ type: 'STOP' });
    await settle();
    assert.deepEqual(got, ['target:normal']);
  });

  it('runInMailbox runs callbacks in mailbox order, and a throwing one crashes the actor', async () => {
    const system = newSystem();
    const log: string[] = [];
    let ctxRef: { runInMailbox(task: () => void): void } | undefined;
    const ref = system.spawn<Msg>('piper', (ctx) => {
      ctxRef = ctx;
      return { receive: (m) => void log.push(m.type) };
    });
    ref.tell({ type: 'ADD', n: 1 });
    ctxRef!.runInMailbox(() => void log.push('task'));
    ref.tell({ type: 'STOP' });
    ctxRef!.runInMailbox(() => {
      throw new Error('callback failed');
    });
    ref.tell({ type: 'ADD', n: 2 });
    let down: Down | undefined;
    watch(ref, (d) => (down = d));
    await settle();
    assert.deepEqual(log, ['ADD', 'task', 'STOP']);
    assert.equal(down?.reason.kind, 'crash');
  });

  it('yields after drainThroughputMax messages so one busy actor cannot starve another', async () => {
    const system = newSystem();
    const order: string[] = [];
    const a = system.spawn<Msg>('a', () => ({ receive: () => void order.push('a') }));
    const b = system.spawn<Msg>('b', () => ({ receive: () => void order.push('b') }));
    for (let i = 0; i < 4 * drainThroughputMax; i++) a.tell({ type: 'ADD', n: i });
    b.tell({ type: 'ADD', n: 0 });
    await settle();
    assert.equal(order.length, 4 * drainThroughputMax + 1);
    assert.equal(order.indexOf('b'), drainThroughputMax, 'b runs right after a first slice');
  });
});
