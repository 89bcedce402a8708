import assert from 'node:assert/strict';
import { KafkaError } from '../../../core/errors/index.ts';
import { SimulatedClock, settle } from '../../../core/io/index.ts';
import { DelayedProducePurgatory } from './delayed-produce.ts';

function track(p: Promise<unknown>): { outcome: string } {
  const o = { outcome: 'waiting' };
  p.then(
    () => (o.outcome = 'acked'),
    (e: unknown) => (o.outcome = KafkaError.is(e, 'REQUEST_TIMED_OUT') ? 'timed out' : String(e)),
  );
  return o;
}

describe('DelayedProducePurgatory', () => {
  it('times each waiter out at its own deadline, also when a later append has a shorter timeout', async () => {
    const clock = new SimulatedClock();
    const purgatory = new DelayedProducePurgatory(clock);
    const a = track(purgatory.wait({ baseOffset: 0, lastOffset: 0 }, 1000));
    clock.advance(100);
    const b = track(purgatory.wait({ baseOffset: 1, lastOffset: 1 }, 200)); // due at 300, before a's 1000
    const c = track(purgatory.wait({ baseOffset: 2, lastOffset: 2 }, 2000)); // due at 2100
    await clock.runFor(199);
    assert.deepEqual([a.outcome, b.outcome, c.outcome], ['waiting', 'waiting', 'waiting']);
    await clock.runFor(1);
    assert.deepEqual([a.outcome, b.outcome, c.outcome], ['waiting', 'timed out', 'waiting']);
    assert.equal(purgatory.size, 2);
    await clock.runFor(700);
    assert.deepEqual([a.outcome, b.outcome, c.outcome], ['timed out', 'timed out', 'waiting']);
    purgatory.complete(3);
    await settle();
    assert.equal(c.outcome, 'acked');
    assert.equal(purgatory.size, 0);
  });

  it('acknowledges in offset order as the high watermark passes, and arms no timer once nothing waits', async () => {
    const clock = new SimulatedClock();
    const purgatory = new DelayedProducePurgatory(clock);
    const waiters = [0, 1, 2].map((i) => track(purgatory.wait({ baseOffset: i, lastOffset: i }, 500)));
    purgatory.complete(2);
    await settle();
    assert.deepEqual(
      waiters.map((w) => w.outcome),
      ['acked', 'acked', 'waiting'],
    );
    purgatory.complete(3);
    await settle();
    assert.equal(clock.pending(), 0);
    await clock.runFor(1000);
    assert.deepEqual(
      waiters.map((w) => w.outcome),
      ['acked', 'acked', 'acked'],
    );
  });
});
