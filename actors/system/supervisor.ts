import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import {
  ActorCell,
  type ActorContext,
  type Behavior,
  type BehaviorFactory,
  type Shutdown,
} from './actor-cell.ts';
import type { ActorRef, ReplyTo } from './actor-ref.ts';
import { ask } from './ask.ts';
import {
  supervisorIntensityDefault,
  supervisorPeriodMsDefault,
  workerShutdownMsDefault,
  type AnyChildSpec,
  type Backoff,
  type ChildSpec,
  type RestartType,
  type Strategy,
  type SupervisorFlags,
} from './child-spec.ts';
import { RestartIntensityExceededError } from './errors.ts';
import { exitKilled, isAbnormal, type DownReason } from './exit-reason.ts';

/** Default timeout of the Supervisor handle's calls (a terminateChild may wait for a shutdown timeout). */
export const supervisorCallTimeoutMs = 30_000;

// Caps the backoff exponent so 2^n stays finite; maxMs bounds the delay long before this.
const backoffExponentMax = 52;

/** A snapshot of one child, from `whichChildren`. */
export interface ChildInfo {
  readonly id: string;
  readonly name: string;
  readonly restart: RestartType;
  readonly type: 'worker' | 'supervisor';
  readonly running: boolean;
  /** Incarnations started so far (1 after the first start). */
  readonly generation: number;
}

/** The supervisor's own protocol. Child exits and backoff timers arrive here too, in mailbox order. */
export type SupervisorMsg =
  | {
      readonly type: 'CHILD_EXITED';
      readonly id: string;
      readonly generation: number;
      readonly reason: DownReason;
    }
  | { readonly type: 'RESTART_DUE'; readonly token: number }
  | { readonly type: 'START_CHILD'; readonly spec: AnyChildSpec; readonly replyTo: ReplyTo<string> }
  | { readonly type: 'TERMINATE_CHILD'; readonly id: string; readonly replyTo: ReplyTo<void> }
  | { readonly type: 'WHICH_CHILDREN'; readonly replyTo: ReplyTo<readonly ChildInfo[]> };

interface ChildRecord {
  readonly spec: AnyChildSpec;
  readonly name: string;
  readonly restart: RestartType;
  readonly shutdown: Shutdown;
  generation: number;
  cell: ActorCell<unknown> | undefined;
  unwatch: (() => void) | undefined;
  startedAtMs: number;
  backoffCount: number;
  /** Non-zero while waiting for a backoff restart scheduled with this token. */
  restartToken: number;
}

function validateFlags(flags: SupervisorFlags): void {
  const intensity = flags.intensity ?? supervisorIntensityDefault;
  const periodMs = flags.periodMs ?? supervisorPeriodMsDefault;
  if (!Number.isInteger(intensity) || intensity < 0) {
    throw new KafkaError(
      ErrorCode.INVALID_CONFIG,
      `supervisor intensity must be an integer >= 0, got ${intensity}`,
    );
  }
  if (!(periodMs > 0))
    throw new KafkaError(ErrorCode.INVALID_CONFIG, `supervisor periodMs must be > 0, got ${periodMs}`);
  const b = flags.backoff;
  if (b !== undefined && !(b.minMs > 0 && b.maxMs >= b.minMs && b.jitter >= 0)) {
    throw new KafkaError(
      ErrorCode.INVALID_CONFIG,
      `supervisor backoff needs 0 < minMs <= maxMs and jitter >= 0`,
    );
  }
}

function validateSpecs(specs: readonly AnyChildSpec[]): void {
  const ids = new Set<string>();
  for (const s of specs) {
    if (ids.has(s.id)) throw new KafkaError(ErrorCode.INVALID_CONFIG, `duplicate child id '${s.id}'`);
    ids.add(s.id);
  }
}

/**
 * The behavior of a supervisor cell (OTP semantics). Children start in order; a child exit is handled
 * as a message in the supervisor's own mailbox (never on the failing stack); restarts count against
 * `intensity` in a sliding `periodMs` window on the Clock, and exceeding it stops all children in reverse
 * order and crashes the supervisor with RestartIntensityExceededError, which its own supervisor handles.
 */
class SupervisorBehavior implements Behavior<SupervisorMsg> {
  private readonly cell: ActorCell<SupervisorMsg>;
  private readonly strategy: Strategy;
  private readonly intensity: number;
  private readonly periodMs: number;
  private readonly backoff: Backoff | undefined;
  private readonly children: ChildRecord[] = [];
  private restartTimesMs: number[] = [];
  private tokens = 0;

  constructor(cell: ActorCell<SupervisorMsg>, flags: SupervisorFlags, specs: readonly AnyChildSpec[]) {
    this.cell = cell;
    this.strategy = flags.strategy;
    this.intensity = flags.intensity ?? supervisorIntensityDefault;
    this.periodMs = flags.periodMs ?? supervisorPeriodMsDefault;
    this.backoff = flags.backoff;
    for (const spec of specs) this.children.push(this.record(spec));
    try {
      for (const child of this.children) this.startChild(child);
    } catch (error) {
      this.killAll();
      throw error;
    }
  }

  receive(msg: SupervisorMsg): void | Promise<void> {
    switch (msg.type) {
      case 'CHILD_EXITED':
        return this.childExited(msg.id, msg.generation, msg.reason);
      case 'RESTART_DUE':
        return this.restartDue(msg.token);
      case 'START_CHILD':
        return this.startDynamic(msg.spec, msg.replyTo);
      case 'TERMINATE_CHILD':
        return this.terminateDynamic(msg.id, msg.replyTo);
      case 'WHICH_CHILDREN':
        msg.replyTo.reply(this.children.map((c) => this.info(c)));
        return;
      default: {
        const _never: never = msg;
        throw new KafkaError(
          ErrorCode.INVALID_REQUEST,
          `unknown supervisor message ${JSON.stringify(_never)}`,
        );
      }
    }
  }

  /** Graceful stop: children in reverse start order, each within its own shutdown timeout. */
  async stopping(): Promise<void> {
    await this.stopGroup([...this.children]);
  }

  /** Whatever ended us (crash, kill), no child may outlive its supervisor. */
  release(): void {
    this.killAll();
  }

  private record(spec: AnyChildSpec): ChildRecord {
    const type = spec.type ?? 'worker';
    return {
      spec,
      name: spec.name ?? `${this.cell.name}/${spec.id}`,
      restart: spec.restart ?? 'permanent',
      shutdown: spec.shutdown ?? (type === 'supervisor' ? 'infinity' : workerShutdownMsDefault),
      generation: 0,
      cell: undefined,
      unwatch: undefined,
      startedAtMs: 0,
      backoffCount: 0,
      restartToken: 0,
    };
  }

  private info(c: ChildRecord): ChildInfo {
    return {
      id: c.spec.id,
      name: c.name,
      restart: c.restart,
      type: c.spec.type ?? 'worker',
      running: c.cell !== undefined,
      generation: c.generation,
    };
  }

  private startChild(child: ChildRecord): void {
    child.generation++;
    child.restartToken = 0;
    const generation = child.generation;
    const id = child.spec.id;
    const cell = this.cell.self.host.spawn<unknown>(
      child.name,
      child.spec.start as BehaviorFactory<unknown>,
      child.spec.mailboxLengthMax,
    );
    child.cell = cell;
    child.startedAtMs = this.cell.clock.now();
    // The exit reaches us as a message: watchers run in a later microtask, and post() enqueues.
    child.unwatch = cell.addWatcher((down) => {
      this.cell.post({ type: 'CHILD_EXITED', id, generation, reason: down.reason });
    });
  }

  private async childExited(id: string, generation: number, reason: DownReason): Promise<void> {
    const child = this.children.find((c) => c.spec.id === id);
    // Exits of replaced incarnations, or of children we stopped ourselves, are stale.
    if (child === undefined || child.generation !== generation || child.cell === undefined) return;
    child.cell = undefined;
    child.unwatch = undefined;
    if (!this.restartable(child, reason)) {
      if (child.restart === 'temporary') this.remove(child);
      return;
    }
    const nowMs = this.cell.clock.now();
    this.restartTimesMs = this.restartTimesMs.filter((t) => nowMs - t < this.periodMs);
    this.restartTimesMs.push(nowMs);
    if (this.restartTimesMs.length > this.intensity) {
      await this.stopGroup([...this.children]);
      throw new RestartIntensityExceededError(this.cell.name, this.intensity, this.periodMs, id);
    }
    const group = this.restartGroup(child);
    await this.stopGroup(group);
    const survivors = group.filter((c) => this.children.includes(c));
    const delayMs = this.backoffDelayMs(child, nowMs);
    if (delayMs <= 0) {
      for (const c of survivors) this.startChild(c);
      return;
    }
    const token = ++this.tokens;
    for (const c of survivors) c.restartToken = token;
    this.cell.schedule(delayMs, { type: 'RESTART_DUE', token });
  }

  private restartable(child: ChildRecord, reason: DownReason): boolean {
    switch (child.restart) {
      case 'permanent':
        return true;
      case 'transient':
        return isAbnormal(reason);
      case 'temporary':
        return false;
      default: {
        const _never: never = child.restart;
        return _never;
      }
    }
  }

  /** The children a strategy restarts after `failed` died, in start order. */
  private restartGroup(failed: ChildRecord): ChildRecord[] {
    switch (this.strategy) {
      case 'one_for_one':
        return [failed];
      case 'one_for_all':
        return [...this.children];
      case 'rest_for_one':
        return this.children.slice(this.children.indexOf(failed));
      default: {
        const _never: never = this.strategy;
        return _never;
      }
    }
  }

  private backoffDelayMs(child: ChildRecord, nowMs: number): number {
    const b = this.backoff;
    if (b === undefined) return 0;
    if (nowMs - child.startedAtMs >= (b.resetAfterMs ?? b.maxMs)) child.backoffCount = 0;
    const baseMs = Math.min(b.maxMs, b.minMs * 2 ** Math.min(child.backoffCount, backoffExponentMax));
    child.backoffCount++;
    return Math.round(baseMs * (1 + b.jitter * this.cell.random.next()));
  }

  private restartDue(token: number): void {
    for (const c of this.children) if (c.restartToken === token) this.startChild(c);
  }

  /** Stops the running members of `group` in reverse order, one at a time; drops temporary ones. */
  private async stopGroup(group: readonly ChildRecord[]): Promise<void> {
    for (let i = group.length - 1; i >= 0; i--) {
      const c = group[i]!;
      c.restartToken = 0;
      const cell = c.cell;
      if (cell !== undefined) {
        c.cell = undefined;
        c.unwatch?.();
        c.unwatch = undefined;
        await cell.shutdown(c.shutdown);
      }
      if (c.restart === 'temporary') this.remove(c);
    }
  }

  private killAll(): void {
    for (let i = this.children.length - 1; i >= 0; i--) {
      const c = this.children[i]!;
      const cell = c.cell;
      if (cell === undefined) continue;
      c.cell = undefined;
      c.unwatch?.();
      c.unwatch = undefined;
      void cell.requestStop(exitKilled, 'brutal_kill');
    }
  }

  private remove(child: ChildRecord): void {
    const i = this.children.indexOf(child);
    if (i >= 0) this.children.splice(i, 1);
  }

  private startDynamic(spec: AnyChildSpec, replyTo: ReplyTo<string>): void {
    if (this.children.some((c) => c.spec.id === spec.id)) {
      replyTo.fail(
        new KafkaError(
          ErrorCode.INVALID_REQUEST,
          `supervisor '${this.cell.name}' already has child '${spec.id}'`,
        ),
      );
      return;
    }
    const child = this.record(spec);
    try {
      this.startChild(child);
    } catch (error) {
      replyTo.fail(
        error instanceof Error ? error : new KafkaError(ErrorCode.UNKNOWN_SERVER_ERROR, String(error)),
      );
      return;
    }
    this.children.push(child);
    replyTo.reply(child.name);
  }

  private async terminateDynamic(id: string, replyTo: ReplyTo<void>): Promise<void> {
    const child = this.children.find((c) => c.spec.id === id);
    if (child === undefined) {
      replyTo.fail(
        new KafkaError(ErrorCode.INVALID_REQUEST, `supervisor '${this.cell.name}' has no child '${id}'`),
      );
      return;
    }
    await this.stopGroup([child]);
    this.remove(child);
    replyTo.reply(undefined);
  }
}

/** The behavior factory of a supervisor with these flags and initial children (started in order). */
export function supervisorBehavior(
  flags: SupervisorFlags,
  children: readonly AnyChildSpec[] = [],
): BehaviorFactory<SupervisorMsg> {
  validateFlags(flags);
  validateSpecs(children);
  return (ctx: ActorContext<SupervisorMsg>) => {
    if (!(ctx instanceof ActorCell))
      throw new KafkaError(ErrorCode.UNKNOWN_SERVER_ERROR, 'supervisor needs its cell');
    return new SupervisorBehavior(ctx as ActorCell<SupervisorMsg>, flags, children);
  };
}

/** Options of a nested supervisor's own child spec. */
export interface SupervisorSpecOptions {
  readonly name?: string;
  readonly restart?: RestartType;
  readonly shutdown?: Shutdown;
}

/**
 * A child spec for a nested supervisor (OTP defaults: permanent, shutdown `infinity`).
 *
 * ```ts
 * supervisorSpec('partitions', { strategy: 'one_for_one', intensity: 10, periodMs: 10_000 }, [replicaSpec])
 * ```
 */
export function supervisorSpec(
  id: string,
  flags: SupervisorFlags,
  children: readonly AnyChildSpec[] = [],
  options: SupervisorSpecOptions = {},
): ChildSpec<SupervisorMsg> {
  return {
    id,
    ...(options.name !== undefined ? { name: options.name } : {}),
    start: supervisorBehavior(flags, children),
    restart: options.restart ?? 'permanent',
    shutdown: options.shutdown ?? 'infinity',
    type: 'supervisor',
  };
}

/**
 * A handle to a running supervisor (by name, so it follows restarts): dynamic children such as one
 * actor per partition. Calls are asks to the supervisor's mailbox and are serialised with its restarts.
 */
export class Supervisor {
  readonly ref: ActorRef<SupervisorMsg>;

  constructor(ref: ActorRef<SupervisorMsg>) {
    this.ref = ref;
  }

  /** Starts a child after the existing ones; resolves with a ref to it by name. */
  async startChild<M>(spec: ChildSpec<M>, timeoutMs = supervisorCallTimeoutMs): Promise<ActorRef<M>> {
    const name = await ask<SupervisorMsg, string>(
      this.ref,
      (replyTo) => ({ type: 'START_CHILD', spec: spec as AnyChildSpec, replyTo }),
      timeoutMs,
    );
    return this.ref.host.ref<M>(name);
  }

  /** Stops a child gracefully (within its shutdown timeout) and removes its spec. */
  terminateChild(id: string, timeoutMs = supervisorCallTimeoutMs): Promise<void> {
    return ask<SupervisorMsg, void>(
      this.ref,
      (replyTo) => ({ type: 'TERMINATE_CHILD', id, replyTo }),
      timeoutMs,
    );
  }

  /** The children in start order. */
  whichChildren(timeoutMs = supervisorCallTimeoutMs): Promise<readonly ChildInfo[]> {
    return ask<SupervisorMsg, readonly ChildInfo[]>(
      this.ref,
      (replyTo) => ({ type: 'WHICH_CHILDREN', replyTo }),
      timeoutMs,
    );
  }
}
