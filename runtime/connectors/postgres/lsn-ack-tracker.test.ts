import assert from 'node:assert/strict';
import { LsnAckTracker } from './lsn-ack-tracker.ts';

describe('LsnAckTracker', () => {
  it('confirms a transaction only when all its records and all earlier transactions are acknowledged', () => {
    const t = new LsnAckTracker(100);
    t.emitted(200, [1, 2]);
    t.emitted(300, [1]);
    assert.equal(t.confirmed, 100);
    t.acked(300, 1); // a later transaction acknowledged first (another partition) does not count yet
    assert.equal(t.confirmed, 100);
    t.acked(200, 2);
    assert.equal(t.confirmed, 100);
    t.acked(200, 1);
    assert.equal(t.confirmed, 300);
    assert.equal(t.pendingTransactions, 0);
  });

  it('passes over transactions with no records, and ignores duplicate and unknown acks', () => {
    const t = new LsnAckTracker(100);
    t.emitted(150, []);
    assert.equal(t.confirmed, 150);
    t.emitted(200, [3]);
    t.acked(200, 3);
    t.acked(200, 3);
    t.acked(999, 1);
    assert.equal(t.confirmed, 200);
  });

  it('confirms a keepalive only once everything before it is processed and acknowledged, outside a transaction', () => {
    const t = new LsnAckTracker(100);
    t.emitted(200, [1]);
    t.keepaliveReceived(500, 7);
    t.idle(7, false); // record of 200 not acknowledged yet
    assert.equal(t.confirmed, 100);
    t.acked(200, 1);
    assert.equal(t.confirmed, 200);
    t.idle(6, false); // the 7th message (sent before the keepalive) not processed yet
    assert.equal(t.confirmed, 200);
    t.idle(7, true); // in the middle of a transaction
    assert.equal(t.confirmed, 200);
    t.idle(7, false);
    assert.equal(t.confirmed, 500);
  });

  it('never moves the confirmed LSN backwards', () => {
    const t = new LsnAckTracker(1000);
    t.emitted(1100, []);
    t.keepaliveReceived(900, 1);
    t.idle(1, false);
    assert.equal(t.confirmed, 1100);
    assert.throws(() => t.emitted(1050, [1]), /registered after/);
  });
});
