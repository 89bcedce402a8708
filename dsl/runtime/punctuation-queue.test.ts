import assert from 'node:assert/strict';
import { PunctuationQueue, type PunctuationSchedule } from './punctuation-queue.ts';

describe('PunctuationQueue', () => {
  const firedAt = (queue: PunctuationQueue, nowMs: number): string[] => {
    const fired: string[] = [];
    queue.mayPunctuate(nowMs, (s: PunctuationSchedule, now) => {
      fired.push(`${s.nodeName}@${now}`);
      s.punctuator(now);
    });
    return fired;
  };

  it('fires nothing and reports nothing fired when nothing is scheduled', () => {
    const queue = new PunctuationQueue();
    assert.equal(
      queue.mayPunctuate(1_000, () => assert.fail('nothing is scheduled')),
      false,
    );
  });

  it('fires due schedules in due order and skips missed intervals', () => {
    const queue = new PunctuationQueue();
    queue.schedule('b', 20, 10, () => undefined);
    queue.schedule('a', 10, 10, () => undefined);
    assert.deepEqual(firedAt(queue, 5), []);
    assert.deepEqual(firedAt(queue, 25), ['a@25', 'b@25']);
    // Both are next due at 30: nothing at 29; at 45 each fires once (the missed 40 is not caught
    // up), ties in the order they were scheduled.
    assert.deepEqual(firedAt(queue, 29), []);
    assert.deepEqual(firedAt(queue, 45), ['b@45', 'a@45']);
    assert.deepEqual(firedAt(queue, 49), []);
  });

  it('stops firing a cancelled schedule, also when a punctuator cancels one while others are due', () => {
    const queue = new PunctuationQueue();
    const b = queue.schedule('b', 10, 10, () => undefined);
    queue.schedule('a', 5, 10, () => b.cancel());
    assert.deepEqual(firedAt(queue, 10), ['a@10']);
    assert.deepEqual(firedAt(queue, 20), ['a@20']);
    b.cancel(); // a second cancel changes nothing
    const c = queue.schedule('c', 25, 10, () => undefined);
    assert.deepEqual(firedAt(queue, 25), ['a@25', 'c@25']);
    c.cancel();
    assert.deepEqual(firedAt(queue, 40), ['a@40']);
  });
});
