import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RoundRobinAssignor } from './round-robin.ts';
import { flatAll, member } from './test-support.ts';
import {
  assignmentArbitrary,
  checkExactlyOnce,
  equalSubscriptionsArbitrary,
  loads,
} from './property-support.ts';

describe('RoundRobinAssignor', () => {
  const rr = new RoundRobinAssignor();

  it('is named "roundrobin", like the Java client and librdkafka', () => {
    assert.equal(rr.name, 'roundrobin');
  });

  it('deals sorted partitions round robin over sorted members (Kafka RoundRobinAssignorTest two consumers, two topics)', () => {
    const out = rr.assign([member('C1', ['t1', 't2']), member('C0', ['t1', 't2'])], { t1: 3, t2: 3 });
    assert.deepEqual(flatAll(out), {
      C0: ['t1-0', 't1-2', 't2-1'],
      C1: ['t1-1', 't2-0', 't2-2'],
    });
  });

  it('skips members not subscribed to a topic (Kafka testMultipleConsumersMixedTopics)', () => {
    const out = rr.assign(
      [
        member('consumer1', ['topic1']),
        member('consumer2', ['topic1', 'topic2']),
        member('consumer3', ['topic1']),
      ],
      { topic1: 3, topic2: 2 },
    );
    assert.deepEqual(flatAll(out), {
      consumer1: ['topic1-0'],
      consumer2: ['topic1-1', 'topic2-0', 'topic2-1'],
      consumer3: ['topic1-2'],
    });
  });

  it('assigns every subscribed partition exactly once, to a subscriber', () => {
    fc.assert(
      fc.property(assignmentArbitrary, ({ members, partitionsPerTopic }) => {
        checkExactlyOnce(members, partitionsPerTopic, rr.assign(members, partitionsPerTopic));
      }),
    );
  });

  it('balances within one partition when all subscriptions are equal', () => {
    fc.assert(
      fc.property(equalSubscriptionsArbitrary, ({ members, partitionsPerTopic }) => {
        const l = loads(rr.assign(members, partitionsPerTopic));
        assert.ok(Math.max(...l) - Math.min(...l) <= 1, `loads ${l.join(',')}`);
      }),
    );
  });
});
