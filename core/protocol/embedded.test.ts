import assert from 'node:assert/strict';
import {
  decodeAssignment,
  decodeConsumerOffsetsKey,
  decodeGroupMetadataValue,
  decodeOffsetCommitValue,
  decodeSubscription,
  encodeAssignment,
  encodeGroupMetadataKey,
  encodeGroupMetadataValue,
  encodeOffsetCommitKey,
  encodeOffsetCommitValue,
  encodeSubscription,
} from './embedded.ts';
import type { ConsumerProtocolSubscription } from './generated/index.ts';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('embedded formats', () => {
  const subscription: ConsumerProtocolSubscription = {
    topics: ['a', 'b'],
    userData: null,
    ownedPartitions: [{ topic: 'a', partitions: [0, 2] }],
    generationId: 5,
    rackId: 'r1',
  };

  it('encodes a v0 subscription as kafka clients do: int16 version, topics, user data', () => {
    const bytes = encodeSubscription(
      { ...subscription, ownedPartitions: [], generationId: -1, rackId: null },
      0,
    );
    assert.deepEqual(bytes, hex('0000 00000002 0001 61 0001 62 ffffffff'));
    assert.deepEqual(decodeSubscription(bytes), {
      topics: ['a', 'b'],
      userData: null,
      ownedPartitions: [],
      generationId: -1,
      rackId: null,
    });
  });

  it('round-trips a v3 subscription', () => {
    assert.deepEqual(decodeSubscription(encodeSubscription(subscription)), subscription);
  });

  it('reads a subscription from a newer version, ignoring its trailing bytes', () => {
    const v3 = encodeSubscription(subscription, 3);
    const v9 = Buffer.concat([hex('0009'), v3.subarray(2), hex('deadbeef')]);
    assert.deepEqual(decodeSubscription(v9), subscription);
  });

  it('round-trips an assignment and reads a newer one', () => {
    const a = { assignedPartitions: [{ topic: 't', partitions: [1, 3] }], userData: Buffer.from('u') };
    const bytes = encodeAssignment(a);
    assert.deepEqual(bytes, hex('0003 00000001 0001 74 00000002 00000001 00000003 00000001 75'));
    assert.deepEqual(decodeAssignment(bytes), a);
    assert.deepEqual(decodeAssignment(Buffer.concat([hex('0007'), bytes.subarray(2), hex('00')])), a);
  });

  it('tells offset-commit keys from group-metadata keys by their version', () => {
    const k = encodeOffsetCommitKey({ group: 'g', topic: 't', partition: 3 });
    assert.deepEqual(k, hex('0001 0001 67 0001 74 00000003'));
    assert.deepEqual(decodeConsumerOffsetsKey(k), {
      type: 'offset',
      version: 1,
      key: { group: 'g', topic: 't', partition: 3 },
    });
    const g = encodeGroupMetadataKey({ group: 'g' });
    assert.deepEqual(g, hex('0002 0001 67'));
    assert.deepEqual(decodeConsumerOffsetsKey(g), { type: 'group', version: 2, key: { group: 'g' } });
    assert.throws(() => decodeConsumerOffsetsKey(hex('0003 0001 67')), /INVALID_REQUEST/);
  });

  it('round-trips offset-commit and group-metadata values', () => {
    const v = {
      offset: 42,
      leaderEpoch: 7,
      metadata: 'm',
      commitTimestamp: 1700000000000,
      expireTimestamp: -1,
    };
    const bytes = encodeOffsetCommitValue(v);
    assert.deepEqual(bytes, hex('0003 000000000000002a 00000007 0001 6d 0000018bcfe56800'));
    assert.deepEqual(decodeOffsetCommitValue(bytes), v);
    const gm = {
      protocolType: 'consumer',
      generation: 3,
      protocol: 'range',
      leader: 'm1',
      currentStateTimestamp: 1700000000000,
      members: [
        {
          memberId: 'm1',
          groupInstanceId: null,
          clientId: 'c',
          clientHost: '/127.0.0.1',
          rebalanceTimeout: 60000,
          sessionTimeout: 45000,
          subscription: encodeSubscription(subscription),
          assignment: Buffer.alloc(0),
        },
      ],
    };
    assert.deepEqual(decodeGroupMetadataValue(encodeGroupMetadataValue(gm)), gm);
  });
});
