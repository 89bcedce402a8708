import assert from 'node:assert/strict';
import { SeededRandom } from './random.ts';
import { SimulatedClock } from './simulated-clock.ts';

describe('SimulatedClock', () => {
  it('fires timers in time order, then creation order, only when advanced past them', () => {
    const clock = new SimulatedClock(0);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b@20'), 20);
    clock.setTimeout(() => fired.push('a@10'), 10);
    clock.setTimeout(() => fired.push('c@20'), 20);
    clock.advance(15);
    assert.deepEqual(fired, ['a@10']);
    clock.advance(5);
    assert.deepEqual(fired, ['a@10', 'b@20', 'c@20']);
    assert.equal(clock.now(), 20);
  });

  it('repeats intervals and stops them when cancelled', () => {
    const clock = new SimulatedClock(0);
    let n = 0;
    const t = clock.setInterval(() => n++, 10);
    clock.advance(35);
    assert.equal(n, 3);
    t.cancel();
    clock.advance(100);
    assert.equal(n, 3);
  });

  it('lets promise continuations run between timers in runFor', async () => {
    const clock = new SimulatedClock(0);
    const seen: number[] = [];
    clock.setTimeout(() => {
      void Promise.resolve().then(() => clock.setTimeout(() => seen.push(clock.now()), 5));
    }, 10);
    await clock.runFor(20);
    assert.deepEqual(seen, [15]);
  });
});

describe('SeededRandom', () => {
  it('produces the same sequence for the same seed and a different one for another seed', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const c = new SeededRandom(43);
    const sa = Array.from({ length: 5 }, () => a.next());
    assert.deepEqual(
      sa,
      Array.from({ length: 5 }, () => b.next()),
    );
    assert.notDeepEqual(
      sa,
      Array.from({ length: 5 }, () => c.next()),
    );
    for (const x of sa) assert.ok(x >= 0 && x < 1);
  });
});
