import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RangeAssignor } from './range.ts';
import { decodeSubscriptionBytes } from './consumer-protocol.ts';
import { flatAll, member } from './test-support.ts';
import { assignmentArbitrary, checkExactlyOnce } from './property-support.ts';

describe('RangeAssignor', () => {
  const range = new RangeAssignor();

  it('is named "range", like the Java client and librdkafka', () => {
    assert.equal(range.name, 'range');
  });

  it('gives the first members one extra partition per topic (Kafka RangeAssignorTest two consumers, two topics)', () => {
    const out = range.assign([member('C1', ['t1', 't2']), member('C0', ['t1', 't2'])], { t1: 3, t2: 3 });
    assert.deepEqual(flatAll(out), {
      C0: ['t1-0', 't1-1', 't2-0', 't2-1'],
      C1: ['t1-2', 't2-2'],
    });
  });

  it('assigns each topic only among its subscribers (Kafka testMultipleConsumersMixedTopics)', () => {
    const out = range.assign(
      [
        member('consumer1', ['topic1']),
        member('consumer2', ['topic1', 'topic2']),
        member('consumer3', ['topic1']),
      ],
      new Map([
        ['topic1', 3],
        ['topic2', 2],
      ]),
    );
    assert.deepEqual(flatAll(out), {
      consumer1: ['topic1-0'],
      consumer2: ['topic1-1', 'topic2-0', 'topic2-1'],
      consumer3: ['topic1-2'],
    });
  });

  it('gives members beyond the partition count nothing, and skips unknown topics', () => {
    const out = range.assign([member('a', ['t', 'gone']), member('b', ['t']), member('c', ['t'])], { t: 2 });
    assert.deepEqual(flatAll(out), { a: ['t-0'], b: ['t-1'], c: [] });
  });

  it('orders static members by group instance id before dynamic members (Java MemberInfo)', () => {
    const out = range.assign(
      [
        member('a', ['t']),
        member('z', ['t'], { groupInstanceId: 'i2' }),
        member('y', ['t'], { groupInstanceId: 'i1' }),
      ],
      { t: 3 },
    );
    assert.deepEqual(flatAll(out), { a: ['t-2'], y: ['t-0'], z: ['t-1'] });
  });

  it('writes its subscription as ConsumerProtocol bytes', () => {
    const bytes = range.protocolMetadata({ topics: ['a', 'b'] });
    assert.equal(bytes.readInt16BE(0), 3);
    assert.deepEqual(decodeSubscriptionBytes(bytes).topics, ['a', 'b']);
  });

  it('assigns every subscribed partition exactly once, to a subscriber', () => {
    fc.assert(
      fc.property(assignmentArbitrary, ({ members, partitionsPerTopic }) => {
        checkExactlyOnce(members, partitionsPerTopic, range.assign(members, partitionsPerTopic));
      }),
    );
  });
});
