import assert from 'node:assert/strict';
import type { SourceRecord } from '../../actors/connect/index.ts';
import { SubmittedRecords } from './submitted-records.ts';

function rec(file: string, position: number): SourceRecord {
  return {
    sourcePartition: { filename: file },
    sourceOffset: { position },
    topic: 't',
    key: null,
    value: String(position),
    headers: [],
  };
}

describe('SubmittedRecords', () => {
  it('commits a partition only up to the last record before the first unacknowledged one', () => {
    const s = new SubmittedRecords();
    const a1 = s.submit(rec('a', 1));
    const a2 = s.submit(rec('a', 2));
    const a3 = s.submit(rec('a', 3));
    s.ack(a1);
    s.ack(a3);
    assert.deepEqual(s.committableOffsets(), [{ partition: { filename: 'a' }, offset: { position: 1 } }]);
    assert.equal(s.outstanding, 1);
    assert.deepEqual(s.committableOffsets(), [], 'nothing new is committable while a2 is in flight');
    s.ack(a2);
    assert.deepEqual(s.committableOffsets(), [{ partition: { filename: 'a' }, offset: { position: 3 } }]);
    assert.equal(s.outstanding, 0);
  });

  it('tracks source partitions independently, so a slow one does not hold back another', () => {
    const s = new SubmittedRecords();
    s.submit(rec('slow', 1));
    const fast = s.submit(rec('fast', 9));
    s.ack(fast);
    assert.deepEqual(s.committableOffsets(), [{ partition: { filename: 'fast' }, offset: { position: 9 } }]);
  });

  it('counts a record acknowledged twice once', () => {
    const s = new SubmittedRecords();
    const r = s.submit(rec('a', 1));
    s.ack(r);
    s.ack(r);
    assert.equal(s.outstanding, 0);
  });
});
