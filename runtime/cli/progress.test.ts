import assert from 'node:assert/strict';
import { ProgressBar, compactNumber, renderProgress } from './progress.ts';

describe('CLI progress line', () => {
  it('renders a bar, percentage, counts and rate when the total is known', () => {
    assert.equal(
      renderProgress({
        label: 'produce orders',
        unit: 'records',
        confirmedName: 'acked',
        total: 10_000,
        done: 5_000,
        confirmed: 4_000,
        elapsedMs: 2_000,
      }),
      'produce orders [############------------]  50% 5000/10000 records, 4000 acked, 2500 records/s',
    );
  });

  it('renders counts and rate without a bar when the total is unknown', () => {
    assert.equal(
      renderProgress({ label: 'restore', unit: 'records', done: 120_000, elapsedMs: 1_000 }),
      'restore 120000 records, 120.0k records/s',
    );
  });

  it('abbreviates large numbers', () => {
    assert.deepEqual(
      [compactNumber(999), compactNumber(12_345), compactNumber(2_500_000), compactNumber(3e9)],
      ['999', '12.3k', '2.5M', '3.0G'],
    );
  });

  it('draws nothing when the output is not a terminal', () => {
    const written: string[] = [];
    const bar = new ProgressBar({
      label: 'produce t',
      unit: 'records',
      output: { isTTY: false, write: (s) => written.push(s) },
    });
    bar.update(10, 5);
    bar.finish();
    assert.equal(bar.enabled, false);
    assert.deepEqual(written, []);
  });

  it('redraws in place at most once per interval and ends the line on finish', () => {
    let now = 0;
    const written: string[] = [];
    const bar = new ProgressBar({
      label: 'produce t',
      unit: 'records',
      confirmedName: 'acked',
      output: { isTTY: true, write: (s) => written.push(s) },
      intervalMs: 100,
      now: () => now,
    });
    bar.update(1, 0);
    now = 50;
    bar.update(2, 1); // within the interval: not drawn
    now = 1000;
    bar.update(1000, 900);
    bar.finish();
    bar.update(5000, 5000); // after finish: nothing
    assert.deepEqual(written, [
      '\rproduce t 1 records, 0 acked, 0 records/s',
      '\rproduce t 1000 records, 900 acked, 1000 records/s',
      '\rproduce t 1000 records, 900 acked, 1000 records/s',
      '\n',
    ]);
  });

  it('pads a shorter line over a longer previous one', () => {
    let now = 0;
    const written: string[] = [];
    const bar = new ProgressBar({
      label: 'x',
      unit: 'r',
      output: { isTTY: true, write: (s) => written.push(s) },
      now: () => now,
    });
    now = 1;
    bar.update(100_000);
    now = 1_000_000;
    bar.update(100_000);
    assert.equal(written[0], '\rx 100000 r, 100.0M r/s');
    assert.equal(written[1], '\rx 100000 r, 100 r/s   ');
  });
});
