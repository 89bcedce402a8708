import { KafkaError } from '../../../core/errors/index.ts';
import type { Clock, Random } from '../../../core/io/index.ts';
import { ConnectException } from '../api/connect-errors.ts';
import { Stage, type ErrorReporter, type ProcessingContext } from './processing-context.ts';

/** The first retry waits this long; each further one doubles it (RetryWithToleranceOperator.RETRIES_DELAY_MIN_MS). */
export const retriesDelayMinMs = 300;

/** Stages where any error may be tolerated; elsewhere only retriable errors are (TOLERABLE_EXCEPTIONS). */
const anyErrorTolerableStages: ReadonlySet<Stage> = new Set([
  Stage.KEY_CONVERTER,
  Stage.VALUE_CONVERTER,
  Stage.HEADER_CONVERTER,
  Stage.TRANSFORMATION,
]);

export interface RetryWithToleranceOptions {
  /** `errors.retry.timeout`: total ms to keep retrying a retriable failure; -1 forever, 0 never. */
  readonly retryTimeoutMs: number;
  /** `errors.retry.delay.max.ms`: the cap on one backoff. */
  readonly retryDelayMaxMs: number;
  /** `errors.tolerance`. */
  readonly tolerance: 'none' | 'all';
  readonly clock: Clock;
  /** Jitter for backoffs past the cap, as Kafka draws one below the cap; without it the cap is used. */
  readonly random?: Random;
  readonly reporters?: readonly ErrorReporter[];
}

/** Counters the worker exposes as Connect's task-error-metrics. */
export interface ErrorHandlingMetrics {
  totalRecordFailures: number;
  totalRetries: number;
  totalRecordErrors: number;
  totalRecordsSkipped: number;
  totalErrorsLogged: number;
}

function isRetriable(err: unknown): boolean {
  return err instanceof KafkaError && err.retriable;
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * Runs one pipeline operation with Connect's error handling (RetryWithToleranceOperator):
 * retriable failures are retried with exponential backoff on the Clock until `errors.retry.timeout`
 * runs out; a failure that remains is reported to every reporter (log, DLQ) and then either fails
 * the task (`errors.tolerance=none`: ConnectException "Tolerance exceeded in error handler") or
 * skips the record (`all`: the operation's result is null and the context is marked failed).
 * Non-retriable errors outside the converter and transformation stages are never tolerated.
 */
export class RetryWithToleranceOperator {
  readonly metrics: ErrorHandlingMetrics = {
    totalRecordFailures: 0,
    totalRetries: 0,
    totalRecordErrors: 0,
    totalRecordsSkipped: 0,
    totalErrorsLogged: 0,
  };
  private readonly options: RetryWithToleranceOptions;
  private totalFailures = 0;
  private stopping = false;

  constructor(options: RetryWithToleranceOptions) {
    this.options = options;
  }

  /** Ends retry loops early (the task is stopping); the current operation then fails. */
  triggerStop(): void {
    this.stopping = true;
  }

  /** True while the failures so far are within `errors.tolerance`. */
  withinToleranceLimits(): boolean {
    return this.options.tolerance === 'all' || this.totalFailures === 0;
  }

  /**
   * Runs `operation` at `stage`; returns its result, or null when it failed and was tolerated
   * (then `context.failed()` is true and the record must be skipped).
   */
  async execute<T>(
    context: ProcessingContext,
    stage: Stage,
    executingClass: string,
    operation: () => T | Promise<T>,
  ): Promise<T | null> {
    if (context.failed()) return null;
    context.stage = stage;
    context.executingClass = executingClass;
    try {
      return await this.execAndRetry(context, operation);
    } catch (err) {
      const error = asError(err);
      this.metrics.totalRecordFailures++;
      this.totalFailures++;
      context.error = error;
      await this.report(context);
      if (!isRetriable(error) && !anyErrorTolerableStages.has(stage)) {
        throw new ConnectException('Unhandled exception in error handler', { cause: error });
      }
      if (!this.withinToleranceLimits()) {
        throw new ConnectException('Tolerance exceeded in error handler', { cause: error });
      }
      this.metrics.totalRecordsSkipped++;
      return null;
    }
  }

  /**
   * Records a failure that happened outside `execute` (the sink's errant record reporter):
   * reports it, then fails the task unless errors are tolerated (executeFailed).
   */
  async executeFailed(
    context: ProcessingContext,
    stage: Stage,
    executingClass: string,
    error: Error,
  ): Promise<void> {
    context.stage = stage;
    context.executingClass = executingClass;
    context.error = error;
    this.metrics.totalRecordFailures++;
    this.totalFailures++;
    await this.report(context);
    if (!this.withinToleranceLimits()) {
      throw new ConnectException('Tolerance exceeded in error handler', { cause: error });
    }
    this.metrics.totalRecordsSkipped++;
  }

  private async execAndRetry<T>(context: ProcessingContext, operation: () => T | Promise<T>): Promise<T> {
    const { retryTimeoutMs, clock } = this.options;
    const start = clock.now();
    const deadline = retryTimeoutMs >= 0 ? start + retryTimeoutMs : Number.POSITIVE_INFINITY;
    for (let attempt = 1; ; attempt++) {
      context.attempt = attempt;
      try {
        return await operation();
      } catch (err) {
        if (!isRetriable(err) || this.stopping || clock.now() >= deadline) throw err;
        this.metrics.totalRecordFailures++;
        await this.backoff(attempt, deadline);
        this.metrics.totalRetries++;
      }
    }
  }

  /** Kafka's backoff: 300 ms doubled per attempt; past the cap, a random delay below the cap; never past the deadline. */
  private async backoff(attempt: number, deadline: number): Promise<void> {
    const { clock, random, retryDelayMaxMs } = this.options;
    let delayMs = retriesDelayMinMs * 2 ** (attempt - 1);
    if (delayMs > retryDelayMaxMs)
      delayMs = random === undefined ? retryDelayMaxMs : random.int(retryDelayMaxMs);
    delayMs = Math.min(delayMs, Math.max(0, deadline - clock.now()));
    await new Promise<void>((resolve) => clock.setTimeout(resolve, delayMs));
  }

  private async report(context: ProcessingContext): Promise<void> {
    this.metrics.totalRecordErrors++;
    for (const reporter of this.options.reporters ?? []) {
      await reporter.report(context);
      this.metrics.totalErrorsLogged++;
    }
  }
}
