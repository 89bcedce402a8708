import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { DeliveryCallback, Producer, RecordMetadata } from '../client/index.ts';
import { RecordCollector } from './record-collector.ts';

interface Pending {
  readonly resolve: (md: RecordMetadata) => void;
  readonly reject: (e: unknown) => void;
}

/** A producer whose sends (Java's callback form, as the collector uses) settle only when the test says so. */
function fakeProducer(): { producer: Producer<Buffer, Buffer>; pending: Pending[] } {
  const pending: Pending[] = [];
  const fake = {
    metadata: { topic: () => undefined },
    send: (_record: unknown, callback: DeliveryCallback) =>
      pending.push({
        resolve: (md) => callback(null, md),
        reject: (e) => callback(e instanceof Error ? e : new Error(String(e)), null),
      }),
    flush: () => Promise.resolve(),
  };
  return { producer: fake as unknown as Producer<Buffer, Buffer>, pending };
}

const record = {
  topic: 't',
  key: Buffer.from('k'),
  value: Buffer.from('v'),
  timestamp: 0,
  headers: [],
  partitioner: undefined,
};
const metadata = (offset: number): RecordMetadata =>
  ({ topic: 't', partition: 0, offset, timestamp: 0 }) as unknown as RecordMetadata;
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('RecordCollector backpressure', () => {
  it('counts unacknowledged sends and waits until at most the limit are left, counting failures as settled', async () => {
    const { producer, pending } = fakeProducer();
    const collector = new RecordCollector(producer);
    for (let i = 0; i < 5; i++) collector.send(record);
    assert.equal(collector.pending, 5);
    let done = false;
    const waiting = collector.waitForPendingAtMost(2).then(() => (done = true));
    pending[0]!.resolve(metadata(0));
    pending[1]!.resolve(metadata(1));
    await tick();
    assert.equal(done, false, 'still 3 unacknowledged');
    pending[2]!.reject(new Error('boom'));
    await waiting;
    assert.equal(done, true);
    assert.equal(collector.pending, 2);
    await collector.waitForPendingAtMost(2);
    pending[3]!.resolve(metadata(3));
    pending[4]!.resolve(metadata(4));
    await assert.rejects(collector.flush(), /boom/);
    assert.equal(collector.pending, 0);
  });
});
