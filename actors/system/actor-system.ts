import type { Clock, Random } from '../../core/io/index.ts';
import type { ActorCell, BehaviorFactory } from './actor-cell.ts';
import type { ActorRef } from './actor-ref.ts';
import type { AnyChildSpec, SupervisorFlags } from './child-spec.ts';
import { exitShutdown, type ExitReason } from './exit-reason.ts';
import { Registry, silentLogger, type ActorLogger, type ActorSystemStats } from './registry.ts';
import { Supervisor, supervisorBehavior, type SupervisorMsg } from './supervisor.ts';

/** The root supervisor's flags unless given: one_for_one, 3 restarts in 60 s (the design's node supervisor). */
export const rootSupervisorFlagsDefault: SupervisorFlags = {
  strategy: 'one_for_one',
  intensity: 3,
  periodMs: 60_000,
};

/** Options of `ActorSystem.start`. */
export interface ActorSystemOptions {
  /** SimulatedClock in tests, SystemClock in production. */
  readonly clock: Clock;
  /** SeededRandom in tests (backoff jitter). */
  readonly random: Random;
  /** Registry name of the root supervisor; children default to `<name>/<id>` (default `root`). */
  readonly name?: string;
  readonly supervisor?: SupervisorFlags;
  /** Default mailbox bound of every actor (default `mailboxLengthMax`, 10,000). */
  readonly mailboxLengthMax?: number;
  /** Crashes are logged at warn, hook errors at error (default: silent; crashes are still counted in `stats`). */
  readonly logger?: ActorLogger;
  /**
   * Last resort: log an `uncaughtException` and shut the system down instead of letting Node die
   * mid-write. Off by default (and in tests); never a substitute for supervision.
   */
  readonly handleUncaughtExceptions?: boolean;
}

/**
 * The root of a supervision tree: owns the name registry, the Clock and Random ports, and the top
 * supervisor. Everything else is a (nested) child of `root`.
 *
 * ```ts
 * const system = ActorSystem.start({ clock, random }, [{ id: 'echo', start: () => ({ receive: (m) => {} }) }]);
 * system.ref<EchoMsg>('root/echo').tell({ type: 'PING' });
 * await system.stop();
 * ```
 */
export class ActorSystem {
  readonly clock: Clock;
  readonly random: Random;
  /** The top supervisor (dynamic children via `root.startChild`). */
  readonly root: Supervisor;
  private readonly registry: Registry;
  private readonly rootCell: ActorCell<SupervisorMsg>;
  private readonly logger: ActorLogger;
  private uncaughtHandler: ((error: unknown) => void) | undefined;

  private constructor(options: ActorSystemOptions, children: readonly AnyChildSpec[]) {
    this.clock = options.clock;
    this.random = options.random;
    this.logger = options.logger ?? silentLogger;
    this.registry = new Registry(options.clock, options.random, this.logger, options.mailboxLengthMax);
    const name = options.name ?? 'root';
    const factory = supervisorBehavior(options.supervisor ?? rootSupervisorFlagsDefault, children);
    this.rootCell = this.registry.spawn(name, factory);
    this.root = new Supervisor(this.registry.ref<SupervisorMsg>(name));
    if (options.handleUncaughtExceptions === true) this.installUncaughtHandler();
    void this.rootCell.whenTerminated().then((reason) => this.rootExited(reason));
  }

  /** Starts the root supervisor and its children, in order. */
  static start(options: ActorSystemOptions, children: readonly AnyChildSpec[] = []): ActorSystem {
    return new ActorSystem(options, children);
  }

  /** A ref by registry name (valid before the actor exists and across its restarts). */
  ref<M>(name: string): ActorRef<M> {
    return this.registry.ref<M>(name);
  }

  /**
   * Spawns an unsupervised top-level actor. Prefer a supervised child (`root.startChild`); this is for
   * short-lived helpers and tests. Throws ActorNameTakenError when the name is taken.
   */
  spawn<M>(name: string, factory: BehaviorFactory<M>): ActorRef<M> {
    this.registry.spawn(name, factory);
    return this.registry.ref<M>(name);
  }

  /** Names of the live actors. */
  names(): string[] {
    return this.registry.names();
  }

  /** Live counters (crashes, dead letters, ...). */
  get stats(): Readonly<ActorSystemStats> {
    return this.registry.stats;
  }

  /** True until the root supervisor has terminated. */
  get running(): boolean {
    return this.rootCell.alive;
  }

  /** Stops the whole tree gracefully (reverse start order, per-child timeouts); resolves with the root's exit. */
  stop(): Promise<ExitReason> {
    return this.rootCell.requestStop(exitShutdown, 'infinity');
  }

  /** Resolves when the root supervisor has terminated (after `stop`, or when it escalated a failure). */
  whenTerminated(): Promise<ExitReason> {
    return this.rootCell.whenTerminated();
  }

  private rootExited(reason: ExitReason): void {
    this.removeUncaughtHandler();
    if (reason.kind === 'crash') {
      this.logger.error({ err: reason.error }, 'root supervisor crashed: the actor system has stopped');
    }
  }

  private installUncaughtHandler(): void {
    const handler = (error: unknown): void => {
      this.logger.error({ err: error }, 'uncaught exception: shutting the actor system down');
      void this.stop();
    };
    this.uncaughtHandler = handler;
    process.on('uncaughtException', handler);
  }

  private removeUncaughtHandler(): void {
    if (this.uncaughtHandler === undefined) return;
    process.off('uncaughtException', this.uncaughtHandler);
    this.uncaughtHandler = undefined;
  }
}
