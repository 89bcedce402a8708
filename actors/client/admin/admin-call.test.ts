import assert from 'node:assert/strict';
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import { SimulatedClock } from '../../../core/io/index.ts';
import { AdminCall, done, failed, retry, runRounds, type Outcome } from './admin-call.ts';

const settings = { requestTimeoutMs: 30_000, retryBackoffMs: 100, retryBackoffMaxMs: 1_000 };

describe('AdminCall and runRounds', () => {
  it('doubles the backoff per attempt from retry.backoff.ms up to retry.backoff.max.ms', () => {
    const call = new AdminCall('t', new SimulatedClock(), settings, 60_000);
    const backoffs: number[] = [];
    for (let i = 0; i < 7; i++) {
      call.startAttempt();
      backoffs.push(call.backoffMs());
    }
    assert.deepEqual(backoffs, [100, 200, 400, 800, 1000, 1000, 1000]);
  });

  it('caps one request’s timeout at what is left of the call', async () => {
    const clock = new SimulatedClock();
    const call = new AdminCall('t', clock, settings, 5_000);
    assert.equal(call.requestTimeoutMs(), 5_000);
    clock.advance(4_000);
    assert.equal(call.requestTimeoutMs(), 1_000);
  });

  it('retries only the items still pending, and keeps what earlier rounds settled', async () => {
    const clock = new SimulatedClock();
    const call = new AdminCall('t', clock, settings, 60_000);
    const rounds: string[][] = [];
    const promise = runRounds<string, string>(
      call,
      ['a', 'b', 'c'],
      (k) => k,
      async (pending) => {
        rounds.push([...pending]);
        const out = new Map<string, Outcome<string>>();
        for (const k of pending) {
          if (k === 'a') out.set(k, done('A'));
          else if (k === 'b' && rounds.length < 3)
            out.set(k, retry(new KafkaError(ErrorCode.NOT_CONTROLLER)));
          else if (k === 'b') out.set(k, done('B'));
          else out.set(k, failed(new KafkaError(ErrorCode.INVALID_CONFIG, 'c')));
        }
        return out;
      },
    );
    await clock.runUntil(() => rounds.length >= 3, 10_000);
    const settled = await promise;
    assert.deepEqual(rounds, [['a', 'b', 'c'], ['b'], ['b']]);
    assert.deepEqual(settled.get('a'), { ok: true, value: 'A' });
    assert.deepEqual(settled.get('b'), { ok: true, value: 'B' });
    assert.equal(settled.get('c')!.ok, false);
  });

  it('retries every item of a round that failed with a retriable transport error, and fails them on a non-retriable one', async () => {
    const clock = new SimulatedClock();
    const call = new AdminCall('t', clock, settings, 60_000);
    let attempt = 0;
    const promise = runRounds<string, string>(
      call,
      ['a', 'b'],
      (k) => k,
      async () => {
        attempt++;
        if (attempt === 1) throw new KafkaError(ErrorCode.NETWORK_EXCEPTION);
        throw new KafkaError(ErrorCode.CLUSTER_AUTHORIZATION_FAILED);
      },
    );
    await clock.runUntil(() => attempt >= 2, 10_000);
    const settled = await promise;
    assert.equal(attempt, 2);
    for (const k of ['a', 'b']) {
      const s = settled.get(k)!;
      assert.ok(!s.ok && s.error.errorName === 'CLUSTER_AUTHORIZATION_FAILED');
    }
  });

  it('fails an item the round did not answer rather than waiting for it', async () => {
    const call = new AdminCall('t', new SimulatedClock(), settings, 60_000);
    const settled = await runRounds<string, string>(
      call,
      ['a'],
      (k) => k,
      async () => new Map(),
    );
    const s = settled.get('a')!;
    assert.ok(
      !s.ok && s.error.errorName === 'UNKNOWN_SERVER_ERROR' && s.error.message.includes('no answer for a'),
    );
  });

  it('lets errors that are not KafkaErrors (bugs) propagate', async () => {
    const call = new AdminCall('t', new SimulatedClock(), settings, 60_000);
    await assert.rejects(
      runRounds(
        call,
        ['a'],
        (k) => k,
        async () => {
          throw new TypeError('bug');
        },
      ),
      TypeError,
    );
  });
});
