import assert from 'node:assert/strict';
import type { KafkaApis } from '../../actors/broker/index.ts';
import type { DecodedRequest } from '../../core/protocol/index.ts';
import { InProcessConnection, yieldEveryRequests } from './in-process-connection.ts';

/**
 * A broker request layer that answers every request at once (as promise continuations only) and notes
 * each request's timeoutMs (used as a sequence number) or, without one, its correlation id.
 */
function fakeApis(seen: number[]): KafkaApis {
  const handle = (request: DecodedRequest): Promise<unknown> => {
    seen.push((request.body as { timeoutMs?: number }).timeoutMs ?? request.header.correlationId);
    return Promise.resolve({ throttleTimeMs: 0, errorCode: 0, apiKeys: [] });
  };
  return { handle } as unknown as KafkaApis;
}

describe('InProcessConnection', () => {
  it('yields to the event loop between runs of back-to-back requests, so timers fire meanwhile', async () => {
    const seen: number[] = [];
    const apis = fakeApis(seen);
    const conn = new InProcessConnection(0, () => apis, 'test');
    const total = yieldEveryRequests * 4;
    let firedAt = -1;
    setImmediate(() => {
      firedAt = seen.length;
    });
    for (let i = 0; i < total; i++) await conn.send(16, { statesFilter: [], typesFilter: [] });
    assert.ok(firedAt >= 0 && firedAt < total, `the immediate ran after ${firedAt} of ${total} requests`);
  });

  it('keeps the order of requests sent without waiting, across the event-loop turns it takes', async () => {
    const seen: number[] = [];
    const apis = fakeApis(seen);
    const conn = new InProcessConnection(0, () => apis, 'test');
    const total = yieldEveryRequests * 3 + 5;
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < total; i++) {
      const body = { transactionalId: null, acks: 0, timeoutMs: i, topicData: [] };
      pending.push(conn.sendNoResponse(body));
    }
    await Promise.all(pending);
    assert.deepEqual(
      seen,
      Array.from({ length: total }, (_, i) => i),
    );
  });
});
