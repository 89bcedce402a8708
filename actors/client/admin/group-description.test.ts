import assert from 'node:assert/strict';
import {
  encodeAssignment,
  encodeSubscription,
  type DescribeGroupsResponseDescribedGroup,
} from '../../../core/protocol/index.ts';
import { groupDescriptionOf } from './group-description.ts';

function group(
  protocolType: string,
  memberMetadata: Buffer,
  memberAssignment: Buffer,
): DescribeGroupsResponseDescribedGroup {
  return {
    errorCode: 0,
    groupId: 'g',
    groupState: 'Stable',
    protocolType,
    protocolData: 'range',
    members: [
      {
        memberId: 'm',
        groupInstanceId: 'i-1',
        clientId: 'c',
        clientHost: '/h',
        memberMetadata,
        memberAssignment,
      },
    ],
    authorizedOperations: 0,
  };
}

describe('groupDescriptionOf', () => {
  const subscription = encodeSubscription({
    topics: ['a', 'b'],
    userData: null,
    ownedPartitions: [{ topic: 'a', partitions: [0] }],
    generationId: 3,
    rackId: 'r1',
  });
  const assignment = encodeAssignment({
    assignedPartitions: [{ topic: 'a', partitions: [0, 2] }],
    userData: null,
  });

  it('decodes a consumer group member’s subscription and assignment', () => {
    const d = groupDescriptionOf(group('consumer', subscription, assignment));
    assert.equal(d.protocol, 'range');
    const m = d.members[0]!;
    assert.equal(m.groupInstanceId, 'i-1');
    assert.deepEqual(m.subscription?.topics, ['a', 'b']);
    assert.deepEqual(m.subscription?.ownedPartitions, [{ topic: 'a', partitions: [0] }]);
    assert.deepEqual(m.assignment?.assignedPartitions, [{ topic: 'a', partitions: [0, 2] }]);
  });

  it('keeps raw bytes only for other protocol types, and for consumer bytes that do not decode', () => {
    const connect = groupDescriptionOf(group('connect', subscription, assignment)).members[0]!;
    assert.equal(connect.subscription, undefined);
    assert.equal(connect.assignment, undefined);
    assert.deepEqual(connect.memberAssignment, assignment);
    const garbage = groupDescriptionOf(group('consumer', Buffer.from([0, 9, 9]), Buffer.alloc(0)))
      .members[0]!;
    assert.equal(garbage.subscription, undefined);
    assert.equal(garbage.assignment, undefined);
    assert.deepEqual(garbage.memberMetadata, Buffer.from([0, 9, 9]));
  });
});
