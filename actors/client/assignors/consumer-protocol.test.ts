import assert from 'node:assert/strict';
import { encodeSubscription } from '../../../core/protocol/index.ts';
import { CooperativeStickyAssignor, generationOf } from './cooperative-sticky.ts';
import { assignGroup, decodeAssignmentBytes, decodeSubscriptionBytes } from './consumer-protocol.ts';
import { RangeAssignor } from './range.ts';
import { RoundRobinAssignor } from './round-robin.ts';

describe('assignors over ConsumerProtocol bytes', () => {
  it('accepts a v0 subscription (as kafkajs and older clients send) with no owned partitions and no generation', () => {
    const v0 = encodeSubscription(
      { topics: ['t'], userData: null, ownedPartitions: [], generationId: -1, rackId: null },
      0,
    );
    assert.equal(v0.readInt16BE(0), 0);
    const s = decodeSubscriptionBytes(v0);
    assert.deepEqual(s.ownedPartitions, []);
    assert.equal(generationOf({ memberId: 'm', subscription: s }), -1);
    const out = assignGroup(new RangeAssignor(), [{ memberId: 'm', metadata: v0 }], { t: 2 });
    assert.deepEqual(decodeAssignmentBytes(out.get('m')!).assignedPartitions, [
      { topic: 't', partitions: [0, 1] },
    ]);
  });

  it('reads the generation from userData when a v1 subscription cannot carry it (Java cooperative-sticky)', () => {
    const userData = Buffer.alloc(4);
    userData.writeInt32BE(12, 0);
    const v1 = encodeSubscription(
      {
        topics: ['t'],
        userData,
        ownedPartitions: [{ topic: 't', partitions: [1] }],
        generationId: -1,
        rackId: null,
      },
      1,
    );
    const s = decodeSubscriptionBytes(v1);
    assert.equal(s.generationId, -1);
    assert.equal(generationOf({ memberId: 'm', subscription: s }), 12);
  });

  it('keeps a member on its owned partitions across the bytes round trip (cooperative-sticky)', () => {
    const sticky = new CooperativeStickyAssignor();
    const members = [
      {
        memberId: 'a',
        metadata: sticky.protocolMetadata({
          topics: ['t'],
          ownedPartitions: [{ topic: 't', partitions: [2, 3] }],
          generationId: 4,
        }),
      },
      {
        memberId: 'b',
        metadata: sticky.protocolMetadata({
          topics: ['t'],
          ownedPartitions: [{ topic: 't', partitions: [0, 1] }],
          generationId: 4,
        }),
      },
    ];
    const out = assignGroup(sticky, members, new Map([['t', 4]]));
    assert.deepEqual(decodeAssignmentBytes(out.get('a')!).assignedPartitions, [
      { topic: 't', partitions: [2, 3] },
    ]);
    assert.deepEqual(decodeAssignmentBytes(out.get('b')!).assignedPartitions, [
      { topic: 't', partitions: [0, 1] },
    ]);
  });

  it('gives every member an entry, even an empty one, so SyncGroup answers everyone', () => {
    const rr = new RoundRobinAssignor();
    const members = ['a', 'b', 'c'].map((memberId) => ({
      memberId,
      metadata: rr.protocolMetadata({ topics: ['t'] }),
    }));
    const out = assignGroup(rr, members, { t: 1 });
    assert.equal(out.size, 3);
    assert.deepEqual(decodeAssignmentBytes(out.get('c')!).assignedPartitions, []);
  });
});
