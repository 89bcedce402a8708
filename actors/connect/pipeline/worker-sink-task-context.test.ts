import { strict as assert } from 'node:assert';
import { ConnectException } from '../api/connect-errors.ts';
import { WorkerSinkTaskContext } from './worker-sink-task-context.ts';

describe('WorkerSinkTaskContext', () => {
  const p0 = { topic: 'orders', partition: 0 };
  const p1 = { topic: 'orders', partition: 1 };

  it('collects rewinds, the last one per partition winning, and clears them when taken', () => {
    const ctx = new WorkerSinkTaskContext({}, () => [p0, p1], null);
    ctx.offset(p0, 10);
    ctx.offset(
      new Map([
        [{ topic: 'orders', partition: 0 }, 7],
        [p1, 3],
      ]),
    );
    assert.deepEqual(ctx.takeOffsetRequests(), [
      { tp: p0, offset: 7 },
      { tp: p1, offset: 3 },
    ]);
    assert.deepEqual(ctx.takeOffsetRequests(), []);
  });

  it('pauses and resumes only assigned partitions', () => {
    const ctx = new WorkerSinkTaskContext({}, () => [p0], null);
    ctx.pause(p0);
    assert.deepEqual(ctx.pausedPartitions(), [p0]);
    ctx.resume(p0);
    assert.deepEqual(ctx.pausedPartitions(), []);
    assert.throws(() => ctx.pause(p1), ConnectException);
  });

  it('hands a commit request and a timeout to the worker once', () => {
    const ctx = new WorkerSinkTaskContext({}, () => [], null);
    ctx.requestCommit();
    ctx.timeout(250);
    assert.equal(ctx.takeCommitRequest(), true);
    assert.equal(ctx.takeCommitRequest(), false);
    assert.equal(ctx.takeTimeoutMs(), 250);
    assert.equal(ctx.takeTimeoutMs(), -1);
  });
});
