import type { Clock, Random } from '../../core/io/index.ts';
import {
  ActorCell,
  mailboxLengthMax as mailboxLengthMaxDefault,
  type BehaviorFactory,
} from './actor-cell.ts';
import { ActorRef, type CellHost } from './actor-ref.ts';
import { ActorNameTakenError } from './errors.ts';
import { describeExit, type ExitReason } from './exit-reason.ts';

/** The logging shape the runtime needs (pino's `logger.warn(obj, msg)` fits). */
export interface ActorLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** A logger that drops everything; crashes are still counted in `ActorSystemStats`. */
export const silentLogger: ActorLogger = { warn: () => {}, error: () => {} };

/** Counters of the runtime: failures are always counted, even when the logger is silent. */
export interface ActorSystemStats {
  /** Incarnations started (first starts and restarts). */
  spawned: number;
  /** Incarnations that exited with a crash. */
  crashes: number;
  /** Messages sent to no live actor or dropped from a terminated mailbox. */
  deadLetters: number;
  /** Errors in `release` hooks and watchers, which are logged and otherwise ignored. */
  hookErrors: number;
}

/**
 * Name -> current incarnation. A name has at most one live incarnation; it is released when that
 * incarnation terminates, so a restart can take it again and refs (which resolve at send time) follow.
 * @internal the public face is ActorSystem.
 */
export class Registry implements CellHost {
  readonly clock: Clock;
  readonly random: Random;
  readonly mailboxLengthMax: number;
  readonly logger: ActorLogger;
  readonly stats: ActorSystemStats = { spawned: 0, crashes: 0, deadLetters: 0, hookErrors: 0 };
  private readonly cells = new Map<string, ActorCell<unknown>>();
  private incarnations = 0;

  constructor(clock: Clock, random: Random, logger: ActorLogger, mailboxLengthMax?: number) {
    this.clock = clock;
    this.random = random;
    this.logger = logger;
    this.mailboxLengthMax = mailboxLengthMax ?? mailboxLengthMaxDefault;
  }

  lookup(name: string): ActorCell<unknown> | undefined {
    return this.cells.get(name);
  }

  spawn<M>(name: string, factory: BehaviorFactory<M>, mailboxLengthMax?: number): ActorCell<M> {
    if (this.cells.has(name)) throw new ActorNameTakenError(name);
    this.stats.spawned++;
    return new ActorCell<M>(this, name, factory, ++this.incarnations, mailboxLengthMax);
  }

  register(cell: ActorCell<unknown>): void {
    if (this.cells.has(cell.name)) throw new ActorNameTakenError(cell.name);
    this.cells.set(cell.name, cell);
  }

  unregister(cell: ActorCell<unknown>): void {
    // Only the incarnation that holds the name may release it.
    if (this.cells.get(cell.name) === cell) this.cells.delete(cell.name);
  }

  ref<M>(name: string): ActorRef<M> {
    return new ActorRef<M>(this, name);
  }

  /** Names of the live actors, in registration order. */
  names(): string[] {
    return [...this.cells.keys()];
  }

  deadLetter(_name: string, count: number): void {
    this.stats.deadLetters += count;
  }

  exited(name: string, reason: ExitReason): void {
    if (reason.kind !== 'crash') return;
    this.stats.crashes++;
    this.logger.warn({ actor: name, err: reason.error }, `actor ${name} exited: ${describeExit(reason)}`);
  }

  reportError(where: string, error: unknown): void {
    this.stats.hookErrors++;
    this.logger.error({ err: error }, `error in ${where}`);
  }
}
