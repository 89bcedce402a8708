import assert from 'node:assert/strict';
import { restoreProgress } from './run.ts';

describe('tributary run: state restore progress', () => {
  const tp = { topic: 'app-counts-changelog', partition: 0 };

  it('draws one line summing every store restored at once, ending it when the last restore ends', () => {
    let now = 0;
    const written: string[] = [];
    const listener = restoreProgress({
      output: { isTTY: true, write: (s) => written.push(s) },
      intervalMs: 0,
      now: () => now,
    });
    listener.onRestoreStart?.(tp, 'counts', 0, 3000);
    listener.onRestoreStart?.({ ...tp, partition: 1 }, 'counts', 0, 1000);
    now = 1000;
    listener.onBatchRestored?.(tp, 'counts', 999, 1000);
    listener.onBatchRestored?.({ ...tp, partition: 1 }, 'counts', 999, 1000);
    listener.onRestoreEnd?.({ ...tp, partition: 1 }, 'counts', 1000);
    assert.ok(!written.includes('\n'), 'one restore is still running');
    now = 2000;
    listener.onBatchRestored?.(tp, 'counts', 2999, 2000);
    listener.onRestoreEnd?.(tp, 'counts', 3000);
    assert.equal(written.at(-1), '\n');
    assert.equal(written.at(-2)?.trim(), 'restore 4000 records, 2000 records/s');
    assert.equal(written.filter((w) => w === '\n').length, 1);

    // A later restore (after a rebalance) starts a new line from zero.
    listener.onRestoreStart?.(tp, 'counts', 3000, 3500);
    listener.onBatchRestored?.(tp, 'counts', 3499, 500);
    listener.onRestoreEnd?.(tp, 'counts', 500);
    assert.equal(written.filter((w) => w === '\n').length, 2);
    assert.match(written.at(-2) ?? '', /^\rrestore 500 records/);
  });

  it('draws nothing when stderr is not a terminal', () => {
    const written: string[] = [];
    const listener = restoreProgress({ output: { isTTY: false, write: (s) => written.push(s) } });
    listener.onRestoreStart?.(tp, 'counts', 0, 10);
    listener.onBatchRestored?.(tp, 'counts', 9, 10);
    listener.onRestoreEnd?.(tp, 'counts', 10);
    assert.deepEqual(written, []);
  });
});
