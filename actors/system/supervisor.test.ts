import assert from 'node:assert/strict';
import { SeededRandom, SimulatedClock, settle } from '../../core/io/index.ts';
import {
  ActorSystem,
  RestartIntensityExceededError,
  Supervisor,
  supervisorSpec,
  watch,
  type ChildSpec,
  type Down,
  type RestartType,
  type Shutdown,
  type SupervisorFlags,
} from './index.ts';

type WorkerMsg = { type: 'CRASH' } | { type: 'EXIT_NORMAL' } | { type: 'PING'; n: number };

/** A child that logs `start:id`, `stop:id:reason`, crashes on CRASH and exits normally on EXIT_NORMAL. */
function worker(
  log: string[],
  id: string,
  options: { restart?: RestartType; shutdown?: Shutdown; stopMs?: number; name?: string } = {},
): ChildSpec<WorkerMsg> {
  return {
    id,
    ...(options.name !== undefined ? { name: options.name } : {}),
    restart: options.restart ?? 'permanent',
    ...(options.shutdown !== undefined ? { shutdown: options.shutdown } : {}),
    start: (ctx) => {
      log.push(`start:${id}`);
      return {
        receive: (m) => {
          if (m.type === 'CRASH') throw new Error(`${id} crashed`);
          if (m.type === 'EXIT_NORMAL') ctx.stop();
          if (m.type === 'PING') log.push(`ping:${id}:${m.n}`);
        },
        ...(options.stopMs !== undefined
          ? { stopping: () => new Promise<void>((resolve) => ctx.clock.setTimeout(resolve, options.stopMs!)) }
          : {}),
        release: (reason) => void log.push(`stop:${id}:${reason.kind}`),
      };
    },
  };
}

interface Harness {
  clock: SimulatedClock;
  system: ActorSystem;
  log: string[];
  sup: Supervisor;
  /** Exit of the supervisor under test, once it has terminated. */
  supDown: () => Down | undefined;
  crash(id: string): Promise<void>;
}

/** A supervisor under test, as a temporary child of the root, watched. */
async function harness(
  flags: SupervisorFlags,
  children: (log: string[]) => ChildSpec<WorkerMsg>[],
): Promise<Harness> {
  const clock = new SimulatedClock();
  const log: string[] = [];
  const system = ActorSystem.start({ clock, random: new SeededRandom(7) }, [
    supervisorSpec('sup', flags, children(log), { restart: 'temporary' }),
  ]);
  await settle();
  let down: Down | undefined;
  const supRef = system.ref<never>('root/sup');
  watch(supRef, (d) => (down = d));
  return {
    clock,
    system,
    log,
    sup: new Supervisor(system.ref('root/sup')),
    supDown: () => down,
    crash: async (id) => {
      system.ref<WorkerMsg>(`root/sup/${id}`).tell({ type: 'CRASH' });
      await settle();
    },
  };
}

const abc = (log: string[]): ChildSpec<WorkerMsg>[] => [worker(log, 'a'), worker(log, 'b'), worker(log, 'c')];

describe('Supervisor', () => {
  it('starts children in order', async () => {
    const h = await harness({ strategy: 'one_for_one' }, abc);
    assert.deepEqual(h.log, ['start:a', 'start:b', 'start:c']);
  });

  it('one_for_one restarts only the crashed child', async () => {
    const h = await harness({ strategy: 'one_for_one', intensity: 5 }, abc);
    h.log.length = 0;
    await h.crash('b');
    assert.deepEqual(h.log, ['stop:b:crash', 'start:b']);
  });

  it('one_for_all stops the others in reverse order, then restarts all in start order', async () => {
    const h = await harness({ strategy: 'one_for_all', intensity: 5 }, abc);
    h.log.length = 0;
    await h.crash('b');
    assert.deepEqual(h.log, [
      'stop:b:crash',
      'stop:c:shutdown',
      'stop:a:shutdown',
      'start:a',
      'start:b',
      'start:c',
    ]);
  });

  it('rest_for_one restarts the crashed child and the ones started after it', async () => {
    const h = await harness({ strategy: 'rest_for_one', intensity: 5 }, (log) => [
      worker(log, 'a'),
      worker(log, 'b'),
      worker(log, 'c'),
      worker(log, 'd'),
    ]);
    h.log.length = 0;
    await h.crash('b');
    assert.deepEqual(h.log, [
      'stop:b:crash',
      'stop:d:shutdown',
      'stop:c:shutdown',
      'start:b',
      'start:c',
      'start:d',
    ]);
  });

  it('permanent children are restarted even after a normal exit', async () => {
    const h = await harness({ strategy: 'one_for_one', intensity: 5 }, (log) => [worker(log, 'p')]);
    h.log.length = 0;
    h.system.ref<WorkerMsg>('root/sup/p').tell({ type: 'EXIT_NORMAL' });
    await settle();
    assert.deepEqual(h.log, ['stop:p:normal', 'start:p']);
  });

  it('transient children are restarted after a crash but not after a normal exit', async () => {
    const h = await harness({ strategy: 'one_for_one', intensity: 5 }, (log) => [
      worker(log, 't', { restart: 'transient' }),
    ]);
    h.log.length = 0;
    await h.crash('t');
    assert.deepEqual(h.log, ['stop:t:crash', 'start:t']);
    h.log.length = 0;
    h.system.ref<WorkerMsg>('root/sup/t').tell({ type: 'EXIT_NORMAL' });
    await settle();
    assert.deepEqual(h.log, ['stop:t:normal']);
    const children = await h.sup.whichChildren();
    assert.deepEqual(
      children.map((c) => [c.id, c.running]),
      [['t', false]],
      'the spec is kept, not running',
    );
  });

  it('temporary children are never restarted, and are removed when a sibling failure takes them down', async () => {
    const h = await harness({ strategy: 'one_for_all', intensity: 5 }, (log) => [
      worker(log, 'a'),
      worker(log, 'tmp', { restart: 'temporary' }),
      worker(log, 'c'),
    ]);
    h.log.length = 0;
    await h.crash('a');
    assert.deepEqual(h.log, ['stop:a:crash', 'stop:c:shutdown', 'stop:tmp:shutdown', 'start:a', 'start:c']);
    assert.deepEqual(
      (await h.sup.whichChildren()).map((c) => c.id),
      ['a', 'c'],
    );
    const h2 = await harness({ strategy: 'one_for_one', intensity: 5 }, (log) => [
      worker(log, 'tmp', { restart: 'temporary' }),
    ]);
    h2.log.length = 0;
    await h2.crash('tmp');
    assert.deepEqual(h2.log, ['stop:tmp:crash']);
    assert.deepEqual(await h2.sup.whichChildren(), []);
  });

  it('escalates exactly when restarts exceed the intensity within the period', async () => {
    const h = await harness({ strategy: 'one_for_one', intensity: 2, periodMs: 1000 }, abc);
    await h.crash('a');
    await h.clock.runFor(100);
    await h.crash('b');
    await h.clock.runFor(100);
    assert.equal(h.supDown(), undefined, 'two restarts within 1 s are allowed');
    h.log.length = 0;
    await h.crash('c');
    const down = h.supDown();
    assert.equal(down?.reason.kind, 'crash');
    assert.ok(down?.reason.kind === 'crash' && down.reason.error instanceof RestartIntensityExceededError);
    assert.deepEqual(
      h.log,
      ['stop:c:crash', 'stop:b:shutdown', 'stop:a:shutdown'],
      'children stopped in reverse order',
    );
  });

  it('forgets restarts older than the period', async () => {
    const h = await harness({ strategy: 'one_for_one', intensity: 1, periodMs: 1000 }, abc);
    await h.crash('a');
    await h.clock.runFor(999);
    await h.crash('a');
    assert.equal(h.supDown()?.reason.kind, 'crash', '2 restarts in 999 ms exceed intensity 1');
    const h2 = await harness({ strategy: 'one_for_one', intensity: 1, periodMs: 1000 }, abc);
    await h2.crash('a');
    await h2.clock.runFor(1000);
    await h2.crash('a');
    assert.equal(h2.supDown(), undefined, 'the first restart left the window after 1000 ms');
  });

  it('intensity 0 escalates on the first restart', async () => {
    const h = await harness({ strategy: 'one_for_one', intensity: 0 }, abc);
    await h.crash('b');
    assert.equal(h.supDown()?.reason.kind, 'crash');
  });

  it('escalation propagates through nested supervisors to the one that can absorb it', async () => {
    const clock = new SimulatedClock();
    const log: string[] = [];
    const system = ActorSystem.start(
      { clock, random: new SeededRandom(1), supervisor: { strategy: 'one_for_one', intensity: 0 } },
      [
        supervisorSpec('mid', { strategy: 'one_for_one', intensity: 5, periodMs: 10_000 }, [
          worker(log, 'x'),
          supervisorSpec('leaf', { strategy: 'one_for_one', intensity: 1, periodMs: 10_000 }, [
            worker(log, 'w'),
          ]),
        ]),
      ],
    );
    await settle();
    assert.deepEqual(log, ['start:x', 'start:w']);
    log.length = 0;
    system.ref<WorkerMsg>('root/mid/leaf/w').tell({ type: 'CRASH' });
    await settle();
    assert.deepEqual(log, ['stop:w:crash', 'start:w'], 'the leaf absorbs the first crash');
    log.length = 0;
    system.ref<WorkerMsg>('root/mid/leaf/w').tell({ type: 'CRASH' });
    await settle();
    assert.deepEqual(
      log,
      ['stop:w:crash', 'start:w'],
      'leaf escalated to mid, which restarted leaf (and so w); x untouched',
    );
    assert.equal(system.running, true);
    const mid = await new Supervisor(system.ref('root/mid')).whichChildren();
    assert.deepEqual(
      mid.map((c) => [c.id, c.generation]),
      [
        ['x', 1],
        ['leaf', 2],
      ],
    );
  });

  it('an escalation past the root stops the whole system', async () => {
    const clock = new SimulatedClock();
    const log: string[] = [];
    const system = ActorSystem.start(
      { clock, random: new SeededRandom(1), supervisor: { strategy: 'one_for_one', intensity: 0 } },
      [worker(log, 'only')],
    );
    await settle();
    system.ref<WorkerMsg>('root/only').tell({ type: 'CRASH' });
    const exit = await system.whenTerminated();
    assert.equal(exit.kind, 'crash');
    assert.equal(system.running, false);
  });

  it('stops children in reverse order on shutdown, killing one that outlives its timeout', async () => {
    const clock = new SimulatedClock();
    const log: string[] = [];
    const system = ActorSystem.start({ clock, random: new SeededRandom(1) }, [
      worker(log, 'a', { stopMs: 10 }),
      worker(log, 'slow', { stopMs: 60_000, shutdown: 1000 }),
      worker(log, 'c', { stopMs: 10 }),
    ]);
    await settle();
    log.length = 0;
    const stopped = system.stop();
    await clock.runFor(10);
    assert.deepEqual(log, ['stop:c:shutdown']);
    await clock.runFor(999);
    assert.deepEqual(log, ['stop:c:shutdown'], 'slow still has 1 ms');
    await clock.runFor(1);
    assert.deepEqual(log, ['stop:c:shutdown', 'stop:slow:killed']);
    await clock.runFor(10);
    assert.deepEqual(log, ['stop:c:shutdown', 'stop:slow:killed', 'stop:a:shutdown']);
    assert.equal((await stopped).kind, 'shutdown');
    assert.deepEqual(system.names(), []);
  });

  it('brutal_kill stops a child without its graceful stop', async () => {
    const h = await harness({ strategy: 'one_for_all', intensity: 5 }, (log) => [
      worker(log, 'a'),
      worker(log, 'b', { shutdown: 'brutal_kill', stopMs: 100 }),
    ]);
    h.log.length = 0;
    await h.crash('a');
    assert.deepEqual(h.log, ['stop:a:crash', 'stop:b:killed', 'start:a', 'start:b']);
  });

  it('delays restarts with exponential backoff on the clock', async () => {
    const h = await harness(
      {
        strategy: 'one_for_one',
        intensity: 100,
        periodMs: 1000,
        backoff: { minMs: 100, maxMs: 400, jitter: 0 },
      },
      (log) => [worker(log, 'a')],
    );
    const restartDelay = async (): Promise<number> => {
      h.log.length = 0;
      await h.crash('a');
      const t0 = h.clock.now();
      const ok = await h.clock.runUntil(() => h.log.includes('start:a'), 10_000, 1);
      assert.ok(ok);
      return h.clock.now() - t0;
    };
    assert.deepEqual(
      [await restartDelay(), await restartDelay(), await restartDelay(), await restartDelay()],
      [100, 200, 400, 400],
    );
    await h.clock.runFor(400);
    assert.equal(
      await restartDelay(),
      100,
      'reset after running resetAfterMs (default maxMs) without failing',
    );
  });

  it('adds jitter from the Random port to backoff delays', async () => {
    const h = await harness(
      { strategy: 'one_for_one', intensity: 100, backoff: { minMs: 1000, maxMs: 1000, jitter: 0.5 } },
      (log) => [worker(log, 'a')],
    );
    const expected = Math.round(1000 * (1 + 0.5 * new SeededRandom(7).next()));
    h.log.length = 0;
    await h.crash('a');
    await h.clock.runFor(expected - 1);
    assert.deepEqual(h.log, ['stop:a:crash']);
    await h.clock.runFor(1);
    assert.deepEqual(h.log, ['stop:a:crash', 'start:a']);
    assert.ok(expected > 1000 && expected <= 1500);
  });

  it('keeps a restarted child reachable by its name', async () => {
    const h = await harness({ strategy: 'one_for_one', intensity: 5 }, (log) => [
      worker(log, 'a', { name: 'replica/t-0' }),
    ]);
    const ref = h.system.ref<WorkerMsg>('replica/t-0');
    ref.tell({ type: 'CRASH' });
    await settle();
    ref.tell({ type: 'PING', n: 1 });
    await settle();
    assert.ok(h.log.includes('ping:a:1'));
  });

  it('ignores exits of stale incarnations', async () => {
    // b crashes while one_for_all is already restarting everyone because of a: b's own exit arrives
    // afterwards, refers to a replaced incarnation, and must not trigger a second restart round.
    const h = await harness({ strategy: 'one_for_all', intensity: 5 }, abc);
    h.log.length = 0;
    h.system.ref<WorkerMsg>('root/sup/a').tell({ type: 'CRASH' });
    h.system.ref<WorkerMsg>('root/sup/b').tell({ type: 'CRASH' });
    await settle();
    assert.deepEqual(h.log, [
      'stop:a:crash',
      'stop:b:crash',
      'stop:c:shutdown',
      'start:a',
      'start:b',
      'start:c',
    ]);
    const gens = (await h.sup.whichChildren()).map((c) => c.generation);
    assert.deepEqual(gens, [2, 2, 2]);
  });

  it('starts and terminates dynamic children', async () => {
    const h = await harness({ strategy: 'one_for_one', intensity: 5 }, abc);
    h.log.length = 0;
    const ref = await h.sup.startChild(worker(h.log, 'p0', { name: 'partition/t-0' }));
    assert.equal(ref.name, 'partition/t-0');
    ref.tell({ type: 'PING', n: 7 });
    await settle();
    assert.deepEqual(h.log, ['start:p0', 'ping:p0:7']);
    await assert.rejects(h.sup.startChild(worker(h.log, 'p0')), /already has child 'p0'/);
    await h.sup.terminateChild('p0');
    assert.deepEqual(h.log, ['start:p0', 'ping:p0:7', 'stop:p0:shutdown']);
    assert.deepEqual(
      (await h.sup.whichChildren()).map((c) => c.id),
      ['a', 'b', 'c'],
    );
    await assert.rejects(h.sup.terminateChild('p0'), /has no child 'p0'/);
  });

  it('kills its children when it is itself killed, so none is orphaned', async () => {
    const clock = new SimulatedClock();
    const log: string[] = [];
    const system = ActorSystem.start({ clock, random: new SeededRandom(1) }, [
      supervisorSpec('inner', { strategy: 'one_for_one' }, [worker(log, 'w', { stopMs: 60_000 })], {
        shutdown: 'brutal_kill',
      }),
    ]);
    await settle();
    await system.root.terminateChild('inner');
    assert.deepEqual(log, ['start:w', 'stop:w:killed']);
    assert.equal(system.ref('root/inner/w').isAlive(), false);
  });
});

describe('Supervisor edge cases', () => {
  it('a child whose start keeps failing is restarted until the intensity is exceeded, then escalates', async () => {
    const clock = new SimulatedClock();
    let starts = 0;
    const system = ActorSystem.start({ clock, random: new SeededRandom(1) }, [
      supervisorSpec(
        'sup',
        { strategy: 'one_for_one', intensity: 3, periodMs: 1000 },
        [
          {
            id: 'broken',
            start: () => {
              starts++;
              throw new Error('cannot open log dir');
            },
          },
        ],
        { restart: 'temporary' },
      ),
    ]);
    let down: Down | undefined;
    watch(system.ref('root/sup'), (d) => (down = d));
    await settle();
    assert.equal(starts, 4, 'the first start plus 3 restarts');
    assert.ok(down?.reason.kind === 'crash' && down.reason.error instanceof RestartIntensityExceededError);
  });

  it('rejects startChild when the registry name is already taken', async () => {
    const clock = new SimulatedClock();
    const log: string[] = [];
    const system = ActorSystem.start({ clock, random: new SeededRandom(1) }, [
      worker(log, 'a', { name: 'shared' }),
    ]);
    await assert.rejects(system.root.startChild(worker(log, 'b', { name: 'shared' })), /already running/);
    assert.deepEqual(
      (await system.root.whichChildren()).map((c) => c.id),
      ['a'],
    );
  });

  it('validates its flags with a clear error', () => {
    assert.throws(() => supervisorSpec('s', { strategy: 'one_for_one', intensity: -1 }), /intensity/);
    assert.throws(
      () => supervisorSpec('s', { strategy: 'one_for_one', backoff: { minMs: 10, maxMs: 5, jitter: 0 } }),
      /backoff/,
    );
  });
});
