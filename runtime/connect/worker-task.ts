import type { ProducerConfigInput } from '../../actors/client/index.ts';
import type { ConnectionFactory } from '../../actors/client/connection.ts';
import type { ErrorHandlingPorts, Props, TransformationChain } from '../../actors/connect/index.ts';
import type { ActorContext, Behavior, ExitReason } from '../../actors/system/index.ts';
import type { TaskConverters } from './connector-converters.ts';
import type { TaskStateListener } from './task-state.ts';
import type { WorkerConfig } from './worker-config.ts';
import type { WorkerLogger } from './worker-logger.ts';

/** What every task actor needs from its worker; `create*` are called once per incarnation. */
export interface WorkerTaskDeps<T> {
  readonly connector: string;
  readonly taskId: number;
  readonly taskProps: Props;
  readonly worker: WorkerConfig;
  readonly connections: ConnectionFactory;
  readonly producerConfig: ProducerConfigInput;
  createTask(): T;
  createConverters(): TaskConverters;
  createChain(): TransformationChain;
  readonly onState: TaskStateListener;
  readonly logger: WorkerLogger;
  /** True once the worker is being killed: stop without flushing or committing anything. */
  readonly killed: () => boolean;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * What a sink and a source task actor share (Kafka's WorkerTask): the task and its SMT chain, made
 * at construction; the started/stopped flags; stopping the task once, logging a failure; and the
 * release of an incarnation (stop the task, close the clients at once, close the chain, report
 * FAILED after a crash unless the worker is being killed). Polling, committing and the graceful
 * stop are each kind's own.
 */
export abstract class WorkerTask<
  M,
  T extends { stop(): void | Promise<void> },
  D extends WorkerTaskDeps<T>,
> implements Behavior<M> {
  protected readonly ctx: ActorContext<M>;
  protected readonly deps: D;
  protected readonly task: T;
  protected readonly chain: TransformationChain;
  protected started = false;
  protected stopped = false;
  protected taskStopped = false;

  constructor(ctx: ActorContext<M>, deps: D) {
    this.ctx = ctx;
    this.deps = deps;
    this.task = deps.createTask();
    this.chain = deps.createChain();
  }

  abstract receive(msg: M): Promise<void>;

  abstract stopping(): Promise<void>;

  release(reason: ExitReason): void {
    this.stopped = true;
    void this.stopTask();
    this.closeClientsNow();
    this.chain.close();
    if (reason.kind === 'crash' && !this.deps.killed()) this.deps.onState('FAILED', reason.error);
  }

  /** Closes the task's clients without waiting (release). */
  protected abstract closeClientsNow(): void;

  protected async stopTask(): Promise<void> {
    if (this.taskStopped) return;
    this.taskStopped = true;
    try {
      await this.task.stop();
    } catch (err) {
      this.deps.logger.warn(this.logFields(err), 'task stop failed');
    }
  }

  /** Log fields naming this task and an error. */
  protected logFields(err: unknown): { connector: string; task: number; err: string } {
    return { connector: this.deps.connector, task: this.deps.taskId, err: errorText(err) };
  }

  /** The error-handling ports of this task (its clock, random, id and the worker's error log). */
  protected errorHandlingPorts(): ErrorHandlingPorts {
    return {
      clock: this.ctx.clock,
      random: this.ctx.random,
      taskId: { connector: this.deps.connector, task: this.deps.taskId },
      log: (message, error) => this.deps.logger.error({ err: error?.message }, message),
    };
  }
}
