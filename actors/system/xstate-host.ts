// The ONLY file that imports createActor: every xstate actor in Tributary is a root actor hosted in one
// of our cells, so a future xstate major version touches this file alone (ACTORS.md section 5).
import {
  createActor,
  type Actor,
  type AnyStateMachine,
  type EmittedFrom,
  type EventFromLogic,
  type InputFrom,
} from 'xstate';
import type { Clock, Timer } from '../../core/io/index.ts';
import type { ActorContext, Behavior, BehaviorFactory } from './actor-cell.ts';

/** Callbacks through which a hosted machine reports to its cell. */
export interface MachineHostOptions<TLogic extends AnyStateMachine> {
  readonly input?: InputFrom<TLogic>;
  /** Executes one effect the machine emitted (machines do no I/O; the cell does it here). */
  readonly onEffect?: (effect: EmittedFrom<TLogic>) => void | Promise<void>;
  /** The machine failed outside `send` (a delayed transition's action threw, or an async effect rejected). */
  readonly onError: (error: unknown) => void;
  /** The machine reached a top-level final state. */
  readonly onDone: () => void;
  /**
   * Where a due `after` delay is delivered. Pass the cell's `ctx.runInMailbox` so delayed transitions
   * are serialised with the actor's messages (and a throw in them crashes the cell like any handler);
   * without it they run on the timer's stack.
   */
  readonly runInMailbox?: (task: () => void | Promise<void>) => void;
}

function isThenable(v: unknown): v is PromiseLike<void> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

/** A delayed xstate event: cancelling it also voids a firing that is already queued in the mailbox. */
interface DelayedEvent {
  timer: Timer | undefined;
  cancelled: boolean;
}

/**
 * One root xstate actor, driven by a cell. `send` is synchronous in xstate; the cell calls it from its
 * mailbox, so no sender ever runs the machine on its own stack. Errors are observed (never rethrown by
 * xstate in a timer, P3), emitted effects are collected during `send` and executed after it returns.
 * Compose it into a plain behavior when an actor has both a data path and a lifecycle, and send it only
 * control messages (never one event per record).
 */
export class MachineHost<TLogic extends AnyStateMachine> {
  private readonly actor: Actor<TLogic>;
  private readonly options: MachineHostOptions<TLogic>;
  private inSend = false;
  private sendError: { error: unknown } | undefined;
  private pending: EmittedFrom<TLogic>[] = [];
  private stopped = false;

  constructor(machine: TLogic, clock: Clock, options: MachineHostOptions<TLogic>) {
    this.options = options;
    const actorOptions = {
      clock: this.xstateClock(clock),
      ...(options.input !== undefined ? { input: options.input } : {}),
    };
    this.actor = createActor(machine, actorOptions as Parameters<typeof createActor<TLogic>>[1]);
    this.actor.subscribe({
      error: (error: unknown) => this.failed(error),
      complete: () => {
        if (!this.stopped) options.onDone();
      },
    });
    this.actor.on('*', (effect) => this.emitted(effect as EmittedFrom<TLogic>));
    this.inSend = true;
    try {
      this.actor.start();
    } finally {
      this.inSend = false;
    }
    // Effects of the initial state's entry actions: a throw here fails the cell's start; an async one
    // runs on while the cell takes messages, and its failure crashes the cell through onError.
    const started = this.rethrowAndRunEffects();
    if (started !== undefined) started.then(undefined, (e: unknown) => this.options.onError(e));
  }

  /** The machine's current snapshot (state value, context, status). */
  get snapshot(): ReturnType<Actor<TLogic>['getSnapshot']> {
    return this.actor.getSnapshot();
  }

  /**
   * Delivers one event. Throws if the machine errored while handling it (so the cell crashes); returns a
   * promise when an emitted effect is asynchronous, so the cell handles nothing else until it is done.
   */
  send(event: EventFromLogic<TLogic>): void | Promise<void> {
    this.inSend = true;
    try {
      this.actor.send(event);
    } finally {
      this.inSend = false;
    }
    return this.rethrowAndRunEffects();
  }

  /** Adapts our Clock port to xstate's `clock` option, so `after` delays run on SimulatedClock in tests. */
  private xstateClock(clock: Clock): {
    setTimeout(fn: () => void, ms: number): DelayedEvent;
    clearTimeout(d: DelayedEvent): void;
  } {
    return {
      setTimeout: (fn: () => void, ms: number): DelayedEvent => {
        const delayed: DelayedEvent = { timer: undefined, cancelled: false };
        delayed.timer = clock.setTimeout(() => this.delayedDue(delayed, fn), ms);
        return delayed;
      },
      clearTimeout: (delayed: DelayedEvent): void => {
        delayed.cancelled = true;
        delayed.timer?.cancel();
      },
    };
  }

  private delayedDue(delayed: DelayedEvent, fire: () => void): void {
    const runInMailbox = this.options.runInMailbox;
    if (runInMailbox === undefined) {
      if (!delayed.cancelled && !this.stopped) fire();
      return;
    }
    runInMailbox(() => {
      if (delayed.cancelled || this.stopped) return;
      this.inSend = true;
      try {
        fire();
      } finally {
        this.inSend = false;
      }
      return this.rethrowAndRunEffects();
    });
  }

  /** Stops the xstate actor and its delayed events (idempotent). */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.actor.stop();
  }

  private failed(error: unknown): void {
    if (this.inSend) this.sendError = { error };
    else if (!this.stopped) this.options.onError(error);
  }

  private emitted(effect: EmittedFrom<TLogic>): void {
    if (this.inSend) {
      this.pending.push(effect);
      return;
    }
    // An effect of a delayed (`after`) transition: run it now, report failures through onError.
    try {
      const result = this.options.onEffect?.(effect);
      if (result !== undefined && isThenable(result))
        result.then(undefined, (e: unknown) => this.options.onError(e));
    } catch (error) {
      this.options.onError(error);
    }
  }

  private rethrowAndRunEffects(): void | Promise<void> {
    const failure = this.sendError;
    if (failure !== undefined) {
      this.sendError = undefined;
      this.pending = [];
      throw failure.error;
    }
    if (this.pending.length === 0) return;
    const effects = this.pending;
    this.pending = [];
    return this.runEffects(effects, 0);
  }

  private runEffects(effects: readonly EmittedFrom<TLogic>[], from: number): void | Promise<void> {
    const onEffect = this.options.onEffect;
    if (onEffect === undefined) return;
    for (let i = from; i < effects.length; i++) {
      const result = onEffect(effects[i]!);
      if (result !== undefined && isThenable(result)) {
        return Promise.resolve(result).then(() => this.runEffects(effects, i + 1));
      }
    }
  }
}

/** Options of `machineBehavior`. */
export interface MachineBehaviorOptions<TLogic extends AnyStateMachine> {
  /** Builds the machine's input for each incarnation (e.g. from config and what recovery found). */
  readonly input?: (ctx: ActorContext<EventFromLogic<TLogic>>) => InputFrom<TLogic>;
  /** Executes an emitted effect; may tell other actors, do I/O through ports, or send events back via `ctx.self`. */
  readonly onEffect?: (
    effect: EmittedFrom<TLogic>,
    ctx: ActorContext<EventFromLogic<TLogic>>,
  ) => void | Promise<void>;
  /** Graceful stop hook (e.g. flush), before the machine is stopped. */
  readonly stopping?: (ctx: ActorContext<EventFromLogic<TLogic>>) => void | Promise<void>;
}

/**
 * An actor whose behavior is a lifecycle machine: the mailbox forwards each message to the machine;
 * a machine error is a crash exit, a final state a normal exit. Each incarnation gets a fresh machine.
 *
 * ```ts
 * const spec = { id: 'replica-t-0', start: machineBehavior(replicaMachine, { input: () => ({ replicaId: 1 }), onEffect }) };
 * ```
 */
export function machineBehavior<TLogic extends AnyStateMachine>(
  machine: TLogic,
  options: MachineBehaviorOptions<TLogic> = {},
): BehaviorFactory<EventFromLogic<TLogic>> {
  return (ctx) => {
    const input = options.input?.(ctx);
    const onEffect = options.onEffect;
    const host = new MachineHost<TLogic>(machine, ctx.clock, {
      ...(input !== undefined ? { input: input as InputFrom<TLogic> } : {}),
      ...(onEffect !== undefined ? { onEffect: (effect: EmittedFrom<TLogic>) => onEffect(effect, ctx) } : {}),
      onError: (error) => ctx.fail(error),
      onDone: () => ctx.stop(),
      runInMailbox: (task) => ctx.runInMailbox(task),
    });
    const stoppingHook = options.stopping;
    const behavior: Behavior<EventFromLogic<TLogic>> = {
      receive: (msg) => host.send(msg),
      release: () => host.stop(),
      ...(stoppingHook !== undefined ? { stopping: () => stoppingHook(ctx) } : {}),
    };
    return behavior;
  };
}
