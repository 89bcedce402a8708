import type { Clock, Random, Timer } from '../../core/io/index.ts';
import { ActorRef, type CellHost } from './actor-ref.ts';
import { MailboxOverflowError } from './errors.ts';
import { RingQueue } from './ring-queue.ts';
import {
  exitCrash,
  exitKilled,
  exitNormal,
  exitShutdown,
  type Down,
  type DownReason,
  type ExitReason,
} from './exit-reason.ts';

/** Default bound on queued messages per actor; a full mailbox makes `tell` throw MailboxOverflowError. */
export const mailboxLengthMax = 10_000;

/**
 * Messages one cell handles per microtask before it re-queues itself, so one busy actor cannot
 * starve the others that share the microtask queue (Akka's dispatcher "throughput").
 */
export const drainThroughputMax = 256;

/** How a supervisor stops a child: wait at most this many ms for its graceful stop, or kill it at once. */
export type Shutdown = number | 'brutal_kill' | 'infinity';

/**
 * What an actor does. `receive` handles one message at a time; if it returns a promise the mailbox waits
 * for it before the next message. A throw, or a rejected promise, crashes the incarnation.
 */
export interface Behavior<M> {
  receive(msg: M): void | Promise<void>;
  /**
   * Graceful stop (supervisor shutdown, system stop, or `ctx.stop()`): flush and close. Runs after the
   * current message; may be async; bounded by the child's shutdown timeout, after which the cell is killed.
   */
  stopping?(): void | Promise<void>;
  /**
   * Runs exactly once when the incarnation ends, whatever the reason (also after a crash or kill):
   * release sockets, file handles and timers here, synchronously.
   */
  release?(reason: ExitReason): void;
}

/** Builds a fresh behavior for each incarnation (a restart calls it again: state is never carried over). */
export type BehaviorFactory<M> = (ctx: ActorContext<M>) => Behavior<M>;

/** What a behavior gets from its cell. */
export interface ActorContext<M> {
  /** Registry name of this actor (stable across restarts). */
  readonly name: string;
  /** A ref to this actor, by name. */
  readonly self: ActorRef<M>;
  readonly clock: Clock;
  readonly random: Random;
  /** A ref to any actor by name. */
  ref<N>(name: string): ActorRef<N>;
  /** Exit with reason `normal` after the current message (runs `stopping`). */
  stop(): void;
  /**
   * Crash this incarnation after the current message, for errors seen outside `receive` (a timer
   * callback, an xstate delayed transition). Inside `receive`, just throw.
   */
  fail(error: unknown): void;
  /**
   * Runs `task` as a mailbox item (after what is already queued, one at a time with messages), for
   * callbacks from timers or promises that must touch actor state (Akka's pipeToSelf). A throw or a
   * rejected promise crashes the actor; a task queued after the incarnation ended is dropped and counted.
   */
  runInMailbox(task: () => void | Promise<void>): void;
  /** Delivers `msg` to this actor after `delayMs` on the Clock; cancelled automatically when the incarnation ends. */
  schedule(delayMs: number, msg: M): Timer;
  /**
   * DeathWatch: when the actor currently under `ref.name` terminates (or at once if none is running),
   * `toMsg(down)` is delivered to this actor's mailbox. Removed automatically when this incarnation ends.
   * Returns an unwatch function.
   */
  watch(ref: ActorRef<unknown>, toMsg: (down: Down) => M): () => void;
}

type CellState = 'running' | 'stopping' | 'terminated';

/** A callback queued among the messages by `runInMailbox` (a class, so one instanceof tells it apart). */
class MailboxTask {
  readonly run: () => void | Promise<void>;
  constructor(run: () => void | Promise<void>) {
    this.run = run;
  }
}

function isThenable(v: unknown): v is PromiseLike<void> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

/**
 * One incarnation of an actor: a bounded mailbox (a ring-buffer queue drained in a microtask, one
 * message at a time), the behavior, and the exit protocol. A restart creates a new cell under the same
 * name. Exits are announced to watchers in a microtask, never on the failing stack.
 */
export class ActorCell<M> implements ActorContext<M> {
  readonly name: string;
  readonly self: ActorRef<M>;
  /** System-wide unique id of this incarnation. */
  readonly incarnation: number;
  private readonly host: CellHost;
  private readonly lengthMax: number;
  private behavior: Behavior<M> | undefined;
  private readonly queue = new RingQueue<M | MailboxTask>();
  private state: CellState = 'running';
  private scheduled = false;
  private busy = false;
  private stopReason: ExitReason | undefined;
  private crashPending = false;
  private crashError: unknown;
  private killTimer: Timer | undefined;
  private exitReason: ExitReason | undefined;
  private timers: Set<Timer> | undefined;
  private watchers: Set<(down: Down) => void> | undefined;
  private unwatchers: Set<() => void> | undefined;
  private terminatedWaiters: ((reason: ExitReason) => void)[] | undefined;
  // Bound once so the hot path (tell -> microtask -> drain) allocates no closure per message.
  private readonly drainBound = (): void => this.drain();
  private readonly asyncDoneBound = (): void => this.asyncDone();
  private readonly asyncFailedBound = (error: unknown): void => this.asyncFailed(error);

  /** @internal spawned by ActorSystem / Supervisor. Registers the name, then builds the behavior. */
  constructor(
    host: CellHost,
    name: string,
    factory: BehaviorFactory<M>,
    incarnation: number,
    lengthMax?: number,
  ) {
    this.host = host;
    this.name = name;
    this.incarnation = incarnation;
    this.lengthMax = lengthMax ?? host.mailboxLengthMax;
    this.self = host.ref<M>(name);
    host.register(this as ActorCell<unknown>);
    try {
      this.behavior = factory(this);
    } catch (error) {
      // A failing start is a crash like any other, reported asynchronously through the normal exit path.
      this.fail(error);
    }
  }

  get clock(): Clock {
    return this.host.clock;
  }

  get random(): Random {
    return this.host.random;
  }

  /** Messages waiting in the mailbox. */
  get mailboxLength(): number {
    return this.queue.length;
  }

  /** True until the incarnation has terminated. */
  get alive(): boolean {
    return this.state !== 'terminated';
  }

  /** The exit reason once terminated. */
  get exit(): ExitReason | undefined {
    return this.exitReason;
  }

  ref<N>(name: string): ActorRef<N> {
    return this.host.ref<N>(name);
  }

  /** Enqueues a message, bounded by the mailbox limit. */
  tell(msg: M): void {
    if (this.state === 'terminated') {
      this.host.deadLetter(this.name, 1);
      return;
    }
    if (this.queue.length >= this.lengthMax) throw new MailboxOverflowError(this.name, this.lengthMax);
    this.queue.push(msg);
    this.wake();
  }

  /**
   * Enqueues a control message past the mailbox bound (child exits, timers, watch notifications must
   * never be lost to backpressure). @internal
   */
  post(msg: M): void {
    if (this.state === 'terminated') {
      this.host.deadLetter(this.name, 1);
      return;
    }
    this.queue.push(msg);
    this.wake();
  }

  runInMailbox(task: () => void | Promise<void>): void {
    if (this.state === 'terminated') {
      this.host.deadLetter(this.name, 1);
      return;
    }
    this.queue.push(new MailboxTask(task));
    this.wake();
  }

  stop(): void {
    this.requestStop(exitNormal, 'infinity');
  }

  fail(error: unknown): void {
    if (this.state === 'terminated' || this.crashPending) return;
    this.crashPending = true;
    this.crashError = error;
    this.wake();
  }

  schedule(delayMs: number, msg: M): Timer {
    if (this.state === 'terminated') return { cancel: () => {} };
    const timers = (this.timers ??= new Set());
    const timer = this.host.clock.setTimeout(() => {
      timers.delete(timer);
      this.post(msg);
    }, delayMs);
    timers.add(timer);
    return {
      cancel: () => {
        timers.delete(timer);
        timer.cancel();
      },
    };
  }

  watch(ref: ActorRef<unknown>, toMsg: (down: Down) => M): () => void {
    const target = this.host.lookup(ref.name);
    if (target === undefined) {
      queueMicrotask(() => this.post(toMsg({ name: ref.name, reason: { kind: 'noproc' } })));
      return () => {};
    }
    const unwatchers = (this.unwatchers ??= new Set());
    const unwatch = target.addWatcher((down) => {
      unwatchers.delete(unwatch);
      this.post(toMsg(down));
    });
    unwatchers.add(unwatch);
    return () => {
      unwatchers.delete(unwatch);
      unwatch();
    };
  }

  /**
   * Registers `onDown`, called in a microtask after this incarnation terminates (at once, in a
   * microtask, if it already has). Returns an unwatch function. @internal use `watch()` or `ctx.watch`.
   */
  addWatcher(onDown: (down: Down) => void): () => void {
    if (this.state === 'terminated') {
      const down: Down = { name: this.name, reason: this.exitReason as DownReason };
      let cancelled = false;
      queueMicrotask(() => {
        if (!cancelled) this.callWatcher(onDown, down);
      });
      return () => {
        cancelled = true;
      };
    }
    const watchers = (this.watchers ??= new Set());
    watchers.add(onDown);
    return () => {
      watchers.delete(onDown);
    };
  }

  /** Resolves with the exit reason once this incarnation has terminated. */
  whenTerminated(): Promise<ExitReason> {
    if (this.exitReason !== undefined) return Promise.resolve(this.exitReason);
    return new Promise((resolve) => (this.terminatedWaiters ??= []).push(resolve));
  }

  /**
   * Stops this incarnation: `brutal_kill` terminates it now (reason `killed`); otherwise it runs the
   * behavior's `stopping` hook after the current message and exits with `reason`, or is killed when
   * `shutdown` ms pass first. Resolves with the actual exit reason. @internal
   */
  requestStop(reason: ExitReason, shutdown: Shutdown): Promise<ExitReason> {
    if (this.state === 'terminated') return this.whenTerminated();
    if (shutdown === 'brutal_kill') {
      this.terminate(exitKilled);
      return this.whenTerminated();
    }
    if (this.stopReason === undefined) {
      this.stopReason = reason;
      this.wake();
    }
    if (typeof shutdown === 'number' && this.killTimer === undefined) {
      this.killTimer = this.host.clock.setTimeout(() => this.terminate(exitKilled), shutdown);
    }
    return this.whenTerminated();
  }

  /** Graceful stop with reason `shutdown`, as a supervisor does. @internal */
  shutdown(shutdown: Shutdown): Promise<ExitReason> {
    return this.requestStop(exitShutdown, shutdown);
  }

  private wake(): void {
    if (this.scheduled || this.busy) return;
    this.scheduled = true;
    queueMicrotask(this.drainBound);
  }

  private drain(): void {
    this.scheduled = false;
    let handled = 0;
    while (this.state === 'running' && !this.busy) {
      if (this.crashPending) {
        this.terminate(exitCrash(this.crashError));
        return;
      }
      if (this.stopReason !== undefined) {
        this.beginStopping();
        return;
      }
      if (this.queue.length === 0) return;
      if (handled++ === drainThroughputMax) {
        this.wake();
        return;
      }
      this.invoke(this.queue.shift() as M | MailboxTask);
    }
    // A crash requested while stopping (e.g. from a timer) still wins over the graceful exit.
    if (this.state === 'stopping' && this.crashPending && !this.busy)
      this.terminate(exitCrash(this.crashError));
  }

  private invoke(msg: M | MailboxTask): void {
    const behavior = this.behavior;
    if (behavior === undefined) return;
    let result: void | Promise<void>;
    try {
      result = msg instanceof MailboxTask ? msg.run() : behavior.receive(msg);
    } catch (error) {
      this.terminate(exitCrash(error));
      return;
    }
    if (result !== undefined && isThenable(result)) {
      this.busy = true;
      result.then(this.asyncDoneBound, this.asyncFailedBound);
    }
  }

  private asyncDone(): void {
    if (this.state === 'terminated') return;
    this.busy = false;
    if (this.state === 'stopping') {
      this.finishStopping();
      return;
    }
    this.drain();
  }

  private asyncFailed(error: unknown): void {
    if (this.state === 'terminated') return;
    this.busy = false;
    this.terminate(exitCrash(error));
  }

  private beginStopping(): void {
    this.state = 'stopping';
    const hook = this.behavior?.stopping;
    if (hook === undefined) {
      this.finishStopping();
      return;
    }
    let result: void | Promise<void>;
    try {
      result = hook.call(this.behavior);
    } catch (error) {
      this.terminate(exitCrash(error));
      return;
    }
    if (result !== undefined && isThenable(result)) {
      this.busy = true;
      result.then(this.asyncDoneBound, this.asyncFailedBound);
      return;
    }
    this.finishStopping();
  }

  private finishStopping(): void {
    if (this.crashPending) this.terminate(exitCrash(this.crashError));
    else this.terminate(this.stopReason ?? exitNormal);
  }

  /** Ends the incarnation: drops the mailbox, releases resources, unregisters, tells watchers. */
  private terminate(reason: ExitReason): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.exitReason = reason;
    this.killTimer?.cancel();
    if (this.timers !== undefined) for (const t of this.timers) t.cancel();
    if (this.unwatchers !== undefined) for (const u of this.unwatchers) u();
    const dropped = this.queue.clear();
    if (dropped > 0) this.host.deadLetter(this.name, dropped);
    const behavior = this.behavior;
    this.behavior = undefined;
    if (behavior?.release !== undefined) {
      try {
        behavior.release(reason);
      } catch (error) {
        this.host.reportError(`release of '${this.name}'`, error);
      }
    }
    this.host.unregister(this as ActorCell<unknown>);
    this.host.exited(this.name, reason);
    const waiters = this.terminatedWaiters;
    this.terminatedWaiters = undefined;
    if (waiters !== undefined) for (const w of waiters) w(reason);
    const watchers = this.watchers;
    this.watchers = undefined;
    if (watchers !== undefined && watchers.size > 0) {
      const down: Down = { name: this.name, reason };
      // Watchers (supervisors among them) hear about the exit in a later microtask, never on this stack.
      queueMicrotask(() => {
        for (const w of watchers) this.callWatcher(w, down);
      });
    }
  }

  private callWatcher(onDown: (down: Down) => void, down: Down): void {
    try {
      onDown(down);
    } catch (error) {
      this.host.reportError(`watcher of '${this.name}'`, error);
    }
  }
}
