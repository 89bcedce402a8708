import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RingQueue } from './ring-queue.ts';

describe('RingQueue', () => {
  it('keeps FIFO order across wrap-around and growth', () => {
    const q = new RingQueue<number>();
    const out: number[] = [];
    let next = 0;
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 7 + round; i++) q.push(next++);
      for (let i = 0; i < 5; i++) out.push(q.shift()!);
    }
    while (q.length > 0) out.push(q.shift()!);
    assert.deepEqual(
      out,
      Array.from({ length: next }, (_, i) => i),
    );
    assert.equal(q.shift(), undefined);
  });

  it('behaves like an array queue under any push/shift sequence', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer(), fc.constant(null)), { maxLength: 300 }), (ops) => {
        const q = new RingQueue<number>();
        const model: number[] = [];
        for (const op of ops) {
          if (op === null) assert.equal(q.shift(), model.shift());
          else {
            q.push(op);
            model.push(op);
          }
          assert.equal(q.length, model.length);
        }
        assert.equal(q.clear(), model.length);
        assert.equal(q.length, 0);
      }),
    );
  });
});
