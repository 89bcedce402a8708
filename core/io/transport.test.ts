import assert from 'node:assert/strict';
import { KafkaError } from '../errors/index.ts';
import { InProcessTransport } from './in-process-transport.ts';
import { SeededRandom } from './random.ts';
import { SimulatedClock } from './simulated-clock.ts';
import { SimulatedTransport } from './simulated-transport.ts';

describe('InProcessTransport', () => {
  it('delivers a request to the listening node off the caller stack and returns its response', async () => {
    const t = new InProcessTransport<string, string>(new SimulatedClock());
    let onStack = true;
    t.listen(1, async (req, from) => {
      assert.equal(onStack, false);
      return `${req} from ${from}`;
    });
    const p = t.request(7, 1, 'hi', 1000);
    onStack = false;
    assert.equal(await p, 'hi from 7');
  });

  it('refuses a request to a node that is not listening with a retriable NETWORK_EXCEPTION', async () => {
    const t = new InProcessTransport<string, string>(new SimulatedClock());
    const stop = t.listen(1, async () => 'x');
    stop();
    await assert.rejects(
      t.request(0, 1, 'a', 10),
      (e: unknown) => KafkaError.is(e, 'NETWORK_EXCEPTION') && e.retriable,
    );
  });
});

describe('SimulatedTransport', () => {
  it('keeps each link FIFO while delays are random', async () => {
    const clock = new SimulatedClock(0);
    const t = new SimulatedTransport<number, number>(clock, new SeededRandom(1), { maxDelayMs: 10 });
    const seen: number[] = [];
    t.listen(2, async (n) => {
      seen.push(n);
      return n;
    });
    const all = Promise.all(Array.from({ length: 20 }, (_, i) => t.request(1, 2, i, 1000)));
    await clock.runFor(100);
    assert.deepEqual(
      await all,
      Array.from({ length: 20 }, (_, i) => i),
    );
    assert.deepEqual(
      seen,
      Array.from({ length: 20 }, (_, i) => i),
    );
  });

  it('times out requests over a cut link and delivers again after healing', async () => {
    const clock = new SimulatedClock(0);
    const t = new SimulatedTransport<string, string>(clock, new SeededRandom(2));
    t.listen(2, async (s) => s.toUpperCase());
    t.cutLink(1, 2);
    const lost = t.request(1, 2, 'a', 50);
    const outcome = lost.then(
      () => 'resolved',
      (e: unknown) => (KafkaError.is(e, 'REQUEST_TIMED_OUT') ? 'timed out' : 'other'),
    );
    await clock.runFor(60);
    assert.equal(await outcome, 'timed out');
    t.healLink(1, 2);
    const ok = t.request(1, 2, 'b', 50);
    await clock.runFor(10);
    assert.equal(await ok, 'B');
  });

  it('replays the same interleaving for the same seed', async () => {
    const run = async (seed: number): Promise<number[]> => {
      const clock = new SimulatedClock(0);
      const t = new SimulatedTransport<number, number>(clock, new SeededRandom(seed), { maxDelayMs: 20 });
      const order: number[] = [];
      t.listen(9, async (n) => {
        order.push(n);
        return n;
      });
      for (let from = 0; from < 5; from++) void t.request(from, 9, from, 1000);
      await clock.runFor(100);
      return order;
    };
    assert.deepEqual(await run(5), await run(5));
  });
});
