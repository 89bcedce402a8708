import { strict as assert } from 'node:assert';
import { SimulatedClock } from '../../../core/io/index.ts';
import { ConnectException, DataException, RetriableException } from '../api/connect-errors.ts';
import { ProcessingContext, Stage, type ErrorReporter } from './processing-context.ts';
import { RetryWithToleranceOperator } from './retry-with-tolerance-operator.ts';

function recorder(): ErrorReporter & { seen: { stage: string; error: string | undefined }[] } {
  const seen: { stage: string; error: string | undefined }[] = [];
  return {
    seen,
    async report(ctx) {
      seen.push({ stage: ctx.stage, error: ctx.error?.message });
    },
  };
}

const ctx = () => new ProcessingContext({});

/** Runs `promise` while advancing simulated time until it settles; returns the simulated ms spent. */
async function drive<T>(
  clock: SimulatedClock,
  promise: Promise<T>,
): Promise<{ result: T; elapsedMs: number }> {
  const start = clock.now();
  let done = false;
  const tracked = promise.finally(() => {
    done = true;
  });
  await clock.runUntil(() => done, 10 * 60_000, 50);
  return { result: await tracked, elapsedMs: clock.now() - start };
}

describe('RetryWithToleranceOperator', () => {
  it('returns the result of an operation that succeeds', async () => {
    const op = new RetryWithToleranceOperator({
      retryTimeoutMs: 0,
      retryDelayMaxMs: 60_000,
      tolerance: 'none',
      clock: new SimulatedClock(),
    });
    assert.equal(await op.execute(ctx(), Stage.TRANSFORMATION, 'X', () => 42), 42);
  });

  it('fails the task on the first error when errors.tolerance=none, after reporting it', async () => {
    const reporter = recorder();
    const op = new RetryWithToleranceOperator({
      retryTimeoutMs: 0,
      retryDelayMaxMs: 60_000,
      tolerance: 'none',
      clock: new SimulatedClock(),
      reporters: [reporter],
    });
    await assert.rejects(
      op.execute(ctx(), Stage.VALUE_CONVERTER, 'JsonConverter', () => {
        throw new DataException('bad json');
      }),
      (e: unknown) =>
        e instanceof ConnectException && e.message.includes('Tolerance exceeded in error handler'),
    );
    assert.deepEqual(reporter.seen, [{ stage: 'VALUE_CONVERTER', error: 'INVALID_RECORD: bad json' }]);
  });

  it('skips and reports a failed record when errors.tolerance=all', async () => {
    const reporter = recorder();
    const op = new RetryWithToleranceOperator({
      retryTimeoutMs: 0,
      retryDelayMaxMs: 60_000,
      tolerance: 'all',
      clock: new SimulatedClock(),
      reporters: [reporter],
    });
    const context = ctx();
    const result = await op.execute(context, Stage.TRANSFORMATION, 'MaskField', () => {
      throw new DataException('cannot mask');
    });
    assert.equal(result, null);
    assert.ok(context.failed());
    assert.equal(op.metrics.totalRecordsSkipped, 1);
    assert.equal(reporter.seen.length, 1);
    // A failed context short-circuits later stages of the same record.
    assert.equal(await op.execute(context, Stage.KEY_CONVERTER, 'X', () => 1), null);
  });

  it('retries retriable errors with exponential backoff from 300 ms until errors.retry.timeout', async () => {
    const clock = new SimulatedClock();
    const op = new RetryWithToleranceOperator({
      retryTimeoutMs: 10_000,
      retryDelayMaxMs: 60_000,
      tolerance: 'all',
      clock,
    });
    const attemptsAt: number[] = [];
    const start = clock.now();
    const { result } = await drive(
      clock,
      op.execute(ctx(), Stage.TASK_PUT, 'Sink', () => {
        attemptsAt.push(clock.now() - start);
        throw new RetriableException('db down');
      }),
    );
    assert.equal(result, null);
    // 300, 600, 1200, 2400, 4800 ms backoffs, then the 10 s deadline caps the last wait (at 9300 -> 10000).
    assert.deepEqual(attemptsAt, [0, 300, 900, 2100, 4500, 9300, 10000]);
    assert.equal(op.metrics.totalRetries, 6);
  });

  it('succeeds once a retriable failure clears within the timeout', async () => {
    const clock = new SimulatedClock();
    const op = new RetryWithToleranceOperator({
      retryTimeoutMs: 5_000,
      retryDelayMaxMs: 60_000,
      tolerance: 'none',
      clock,
    });
    let calls = 0;
    const { result, elapsedMs } = await drive(
      clock,
      op.execute(ctx(), Stage.TASK_PUT, 'Sink', () => {
        calls++;
        if (calls < 3) throw new RetriableException('flaky');
        return 'ok';
      }),
    );
    assert.equal(result, 'ok');
    assert.ok(elapsedMs >= 900 && elapsedMs < 1000, `elapsed ${elapsedMs}`);
  });

  it('caps one backoff at errors.retry.delay.max.ms', async () => {
    const clock = new SimulatedClock();
    const op = new RetryWithToleranceOperator({
      retryTimeoutMs: 2_000,
      retryDelayMaxMs: 500,
      tolerance: 'all',
      clock,
    });
    const attemptsAt: number[] = [];
    const start = clock.now();
    await drive(
      clock,
      op.execute(ctx(), Stage.TASK_PUT, 'Sink', () => {
        attemptsAt.push(clock.now() - start);
        throw new RetriableException('down');
      }),
    );
    assert.deepEqual(attemptsAt, [0, 300, 800, 1300, 1800, 2000]);
  });

  it('does not retry non-retriable errors and does not tolerate them outside converters and transforms', async () => {
    const op = new RetryWithToleranceOperator({
      retryTimeoutMs: 60_000,
      retryDelayMaxMs: 60_000,
      tolerance: 'all',
      clock: new SimulatedClock(),
    });
    let calls = 0;
    await assert.rejects(
      op.execute(ctx(), Stage.TASK_PUT, 'Sink', () => {
        calls++;
        throw new Error('bug');
      }),
      (e: unknown) =>
        e instanceof ConnectException && e.message.includes('Unhandled exception in error handler'),
    );
    assert.equal(calls, 1);
  });

  it('executeFailed reports then fails under none and skips under all', async () => {
    const none = new RetryWithToleranceOperator({
      retryTimeoutMs: 0,
      retryDelayMaxMs: 1,
      tolerance: 'none',
      clock: new SimulatedClock(),
    });
    await assert.rejects(none.executeFailed(ctx(), Stage.TASK_PUT, 'Sink', new Error('x')), ConnectException);
    const all = new RetryWithToleranceOperator({
      retryTimeoutMs: 0,
      retryDelayMaxMs: 1,
      tolerance: 'all',
      clock: new SimulatedClock(),
    });
    await all.executeFailed(ctx(), Stage.TASK_PUT, 'Sink', new Error('x'));
    assert.equal(all.metrics.totalRecordsSkipped, 1);
  });
});
