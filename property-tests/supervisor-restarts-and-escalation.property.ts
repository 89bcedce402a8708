// Issue property 4: a supervisor under random child failures restarts exactly the children its strategy
// and their restart types say, in start order after stopping them in reverse order, and escalates
// exactly when more than `intensity` restarts fall within `periodMs`, as a small model of OTP predicts.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SeededRandom, SimulatedClock, settle } from '../core/io/index.ts';
import {
  ActorSystem,
  RestartIntensityExceededError,
  supervisorSpec,
  watch,
  type ChildSpec,
  type Down,
  type RestartType,
  type Strategy,
  type SupervisorFlags,
} from '../actors/index.ts';

type WorkerMsg = { type: 'CRASH' } | { type: 'EXIT_NORMAL' };

interface Step {
  readonly dtMs: number;
  /** Index of the child to stop, modulo the number of children. */
  readonly child: number;
  readonly exit: 'crash' | 'normal';
}

interface Scenario {
  readonly strategy: Strategy;
  readonly intensity: number;
  readonly periodMs: number;
  readonly restarts: readonly RestartType[];
  readonly steps: readonly Step[];
}

const childCountMax = 5;

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  strategy: fc.constantFrom<Strategy>('one_for_one', 'one_for_all', 'rest_for_one'),
  intensity: fc.integer({ min: 0, max: 4 }),
  periodMs: fc.constantFrom(100, 500, 1000, 5000),
  restarts: fc.array(fc.constantFrom<RestartType>('permanent', 'transient', 'temporary'), {
    minLength: 1,
    maxLength: childCountMax,
  }),
  steps: fc.array(
    fc.record({
      // Mostly short gaps, so restart windows fill up and escalations are common; some long ones empty them.
      dtMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 2000 })),
      child: fc.integer({ min: 0, max: childCountMax - 1 }),
      exit: fc.constantFrom<'crash' | 'normal'>('crash', 'crash', 'normal'),
    }),
    { maxLength: 25 },
  ),
});

interface Outcome {
  readonly log: string[];
  /** Index of the step after which the supervisor escalated, or -1. */
  readonly escalatedAtStep: number;
}

/** Flags of a parent supervisor above the one under test (its only child, permanent). */
interface Parent {
  readonly intensity: number;
  readonly periodMs: number;
}

const parentArb: fc.Arbitrary<Parent> = fc.record({
  intensity: fc.integer({ min: 0, max: 2 }),
  periodMs: fc.constantFrom(500, 5000),
});

/**
 * The OTP rules, written as plainly as possible. With a parent, an escalation restarts the supervisor
 * (and so all its children, from their specs) unless that exceeds the parent's own intensity.
 */
function model(s: Scenario, parent?: Parent): Outcome {
  interface Child {
    readonly id: string;
    readonly restart: RestartType;
    alive: boolean;
  }
  const initial = (): Child[] => s.restarts.map((restart, i) => ({ id: `c${i}`, restart, alive: true }));
  let children = initial();
  const log = children.map((c) => `start:${c.id}`);
  let restartTimes: number[] = [];
  let parentRestartTimes: number[] = [];
  let nowMs = 0;
  for (let i = 0; i < s.steps.length; i++) {
    const step = s.steps[i]!;
    nowMs += step.dtMs;
    const child = children.find((c) => c.id === `c${step.child % s.restarts.length}`);
    if (child === undefined || !child.alive) continue;
    child.alive = false;
    log.push(`stop:${child.id}:${step.exit}`);
    const restart = child.restart === 'permanent' || (child.restart === 'transient' && step.exit === 'crash');
    if (!restart) {
      if (child.restart === 'temporary') children.splice(children.indexOf(child), 1);
      continue;
    }
    restartTimes = restartTimes.filter((t) => nowMs - t < s.periodMs);
    restartTimes.push(nowMs);
    if (restartTimes.length > s.intensity) {
      for (const c of [...children].reverse()) if (c.alive) log.push(`stop:${c.id}:shutdown`);
      if (parent === undefined) return { log, escalatedAtStep: i };
      parentRestartTimes = parentRestartTimes.filter((t) => nowMs - t < parent.periodMs);
      parentRestartTimes.push(nowMs);
      if (parentRestartTimes.length > parent.intensity) return { log, escalatedAtStep: i };
      children = initial();
      for (const c of children) log.push(`start:${c.id}`);
      restartTimes = [];
      continue;
    }
    const at = children.indexOf(child);
    const group =
      s.strategy === 'one_for_one'
        ? [child]
        : s.strategy === 'one_for_all'
          ? [...children]
          : children.slice(at);
    for (const c of [...group].reverse()) {
      if (c.alive) {
        c.alive = false;
        log.push(`stop:${c.id}:shutdown`);
      }
      if (c.restart === 'temporary') children.splice(children.indexOf(c), 1);
    }
    for (const c of group) {
      if (!children.includes(c)) continue;
      c.alive = true;
      log.push(`start:${c.id}`);
    }
  }
  return { log, escalatedAtStep: -1 };
}

function worker(log: string[], id: string, restart: RestartType): ChildSpec<WorkerMsg> {
  return {
    id,
    restart,
    start: (ctx) => {
      log.push(`start:${id}`);
      return {
        receive: (m) => {
          if (m.type === 'CRASH') throw new Error(`${id} crashed`);
          ctx.stop();
        },
        release: (reason) => void log.push(`stop:${id}:${reason.kind}`),
      };
    },
  };
}

/**
 * The real supervisor on a SimulatedClock, as a temporary child of the root so its exit stays visible
 * (or, with `parent`, as the permanent child of a parent supervisor that is the root's temporary child).
 */
async function run(s: Scenario, parent?: Parent): Promise<Outcome & { down: Down | undefined }> {
  const clock = new SimulatedClock();
  const log: string[] = [];
  const flags: SupervisorFlags = { strategy: s.strategy, intensity: s.intensity, periodMs: s.periodMs };
  const children = s.restarts.map((r, i) => worker(log, `c${i}`, r));
  const sup = supervisorSpec('sup', flags, children, {
    restart: parent === undefined ? 'temporary' : 'permanent',
  });
  const top =
    parent === undefined
      ? sup
      : supervisorSpec('parent', { strategy: 'one_for_one', ...parent }, [sup], { restart: 'temporary' });
  const system = ActorSystem.start({ clock, random: new SeededRandom(1) }, [top]);
  const prefix = parent === undefined ? 'root/sup' : 'root/parent/sup';
  await settle();
  let down: Down | undefined;
  watch(system.ref(parent === undefined ? 'root/sup' : 'root/parent'), (d) => (down = d));
  let escalatedAtStep = -1;
  for (let i = 0; i < s.steps.length; i++) {
    const step = s.steps[i]!;
    await clock.runFor(step.dtMs);
    system
      .ref<WorkerMsg>(`${prefix}/c${step.child % s.restarts.length}`)
      .tell({ type: step.exit === 'crash' ? 'CRASH' : 'EXIT_NORMAL' });
    await settle();
    if (down !== undefined) {
      escalatedAtStep = i;
      break;
    }
  }
  const logBeforeStop = [...log];
  await system.stop();
  return { log: logBeforeStop, escalatedAtStep, down };
}

describe('supervisor restarts and escalation (property)', () => {
  it('keeps the restart order of its strategy and escalates exactly when the intensity is exceeded', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const expected = model(s);
        const actual = await run(s);
        assert.deepEqual(actual.log, expected.log);
        assert.equal(actual.escalatedAtStep, expected.escalatedAtStep);
        if (expected.escalatedAtStep >= 0) {
          assert.equal(actual.down?.reason.kind, 'crash');
          assert.ok(
            actual.down?.reason.kind === 'crash' &&
              actual.down.reason.error instanceof RestartIntensityExceededError,
          );
        }
      }),
    );
  });

  it('escalates to its parent, which restarts it from its specs until the parent intensity is exceeded too', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, parentArb, async (s, parent) => {
        const expected = model(s, parent);
        const actual = await run(s, parent);
        assert.deepEqual(actual.log, expected.log);
        assert.equal(actual.escalatedAtStep, expected.escalatedAtStep);
        if (expected.escalatedAtStep >= 0) {
          assert.ok(
            actual.down?.reason.kind === 'crash' &&
              actual.down.reason.error instanceof RestartIntensityExceededError,
          );
        }
      }),
    );
  });
});
