import type { Clock, Random } from '../../core/io/index.ts';
import type { ActorCell, BehaviorFactory } from './actor-cell.ts';
import type { ExitReason } from './exit-reason.ts';

/**
 * What a cell needs from the system it lives in. ActorSystem implements it; tests never need to.
 * @internal
 */
export interface CellHost {
  readonly clock: Clock;
  readonly random: Random;
  readonly mailboxLengthMax: number;
  lookup(name: string): ActorCell<unknown> | undefined;
  /** Creates, registers and starts a new incarnation under `name` (throws ActorNameTakenError if taken). */
  spawn<M>(name: string, factory: BehaviorFactory<M>, mailboxLengthMax?: number): ActorCell<M>;
  register(cell: ActorCell<unknown>): void;
  unregister(cell: ActorCell<unknown>): void;
  ref<M>(name: string): ActorRef<M>;
  /** A message was addressed to no live actor, or dropped from a terminated mailbox. Counted, never silent. */
  deadLetter(name: string, count: number): void;
  /** Called once per terminated incarnation (stats and logging). */
  exited(name: string, reason: ExitReason): void;
  /** An error that must not crash anything (a throwing `release` hook, a throwing watcher). */
  reportError(where: string, error: unknown): void;
}

/**
 * A handle to an actor by **name**. It resolves the name in the registry at send time, so a ref stays
 * valid across restarts: a message goes to whichever incarnation is running when it is sent. Sending to
 * a name with no live actor counts a dead letter (like Erlang's send to a dead pid, it does not throw).
 * Refs are cheap and may be created before the actor exists.
 */
export class ActorRef<M> {
  readonly name: string;
  /** @internal */
  readonly host: CellHost;

  /** @internal use `system.ref(name)` or `ctx.self`. */
  constructor(host: CellHost, name: string) {
    this.host = host;
    this.name = name;
  }

  /**
   * Enqueues `msg` for the current incarnation; never runs the receiver on the caller's stack.
   * Throws MailboxOverflowError when the receiver's mailbox is full.
   */
  tell(msg: M): void {
    const cell = this.host.lookup(this.name);
    if (cell === undefined) {
      this.host.deadLetter(this.name, 1);
      return;
    }
    (cell as ActorCell<M>).tell(msg);
  }

  /** True if an incarnation is registered under the name right now. */
  isAlive(): boolean {
    return this.host.lookup(this.name) !== undefined;
  }

  toString(): string {
    return `ActorRef(${this.name})`;
  }
}

/**
 * The reply channel `ask` puts into a request. The first `reply` or `fail` wins; later calls are ignored
 * (a late reply after a timeout is harmless).
 */
export interface ReplyTo<R> {
  reply(value: R): void;
  fail(error: Error): void;
  /** True once answered, timed out or abandoned: nobody is listening any more. */
  readonly settled: boolean;
}
