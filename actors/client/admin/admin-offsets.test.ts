import assert from 'node:assert/strict';
import { ErrorCode } from '../../../core/errors/index.ts';
import type { RequestInputByKey } from '../../../core/protocol/index.ts';
import { AdminError } from './admin-error.ts';
import {
  coordinatorAnswer,
  metadataResponse,
  metadataTopic,
  type ScriptedRequest,
} from './test-support/scripted-brokers.ts';
import { drive, rejection, setup } from './test-support/admin-harness.ts';

/** An OffsetCommit answer with `codeOf(topic, partition)` for each partition asked. */
function commitAnswer(r: ScriptedRequest, codeOf: (topic: string, partition: number) => number): unknown {
  const body = r.body as RequestInputByKey[8];
  return {
    throttleTimeMs: 0,
    topics: body.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({
        partitionIndex: p.partitionIndex,
        errorCode: codeOf(t.name, p.partitionIndex),
      })),
    })),
  };
}

describe('Admin consumer-group offsets (scripted brokers)', () => {
  it('commits as a non-member (generation -1, member id "", no instance id) at the group’s coordinator, one topic entry per topic', async () => {
    const { admin, brokers, clock } = setup((r) => {
      if (r.apiKey === 3) return metadataResponse(r);
      if (r.apiKey === 10) return coordinatorAnswer(r, () => 2);
      if (r.apiKey === 8) return commitAnswer(r, () => ErrorCode.NONE);
      throw new Error(`unexpected api ${r.apiKey}`);
    });
    await drive(
      clock,
      admin.alterConsumerGroupOffsets('g', [
        { topic: 'a', partition: 1, offset: 10, metadata: 'm' },
        { topic: 'b', partition: 0, offset: 0 },
        { topic: 'a', partition: 0, offset: 7, leaderEpoch: 3 },
      ]),
    );
    const [commit, ...more] = brokers.sent(8);
    assert.equal(more.length, 0);
    assert.equal(commit!.nodeId, 2);
    const body = commit!.body as RequestInputByKey[8];
    assert.equal(body.groupId, 'g');
    assert.equal(body.generationIdOrMemberEpoch, -1);
    assert.equal(body.memberId, '');
    assert.equal(body.groupInstanceId, null);
    assert.deepEqual(
      body.topics.map((t) => [
        t.name,
        t.partitions.map((p) => [
          p.partitionIndex,
          p.committedOffset,
          p.committedLeaderEpoch,
          p.committedMetadata,
        ]),
      ]),
      [
        [
          'a',
          [
            [1, 10, -1, 'm'],
            [0, 7, 3, ''],
          ],
        ],
        ['b', [[0, 0, -1, '']]],
      ],
    );
  });

  it('waits out COORDINATOR_LOAD_IN_PROGRESS at the same coordinator and finds it again after NOT_COORDINATOR', async () => {
    const answers = [ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, ErrorCode.NOT_COORDINATOR, ErrorCode.NONE];
    let coordinator = 1;
    const { admin, brokers, clock } = setup((r) => {
      if (r.apiKey === 3) return metadataResponse(r);
      if (r.apiKey === 10) return coordinatorAnswer(r, () => coordinator);
      const code = answers.shift()!;
      if (code === ErrorCode.NOT_COORDINATOR) coordinator = 3;
      return commitAnswer(r, () => code);
    });
    await drive(
      clock,
      admin.setOffsets({ groupId: 'g', topic: 't', partitions: [{ partition: 0, offset: 4 }] }),
    );
    assert.deepEqual(
      brokers.sent(8).map((r) => r.nodeId),
      [1, 1, 3],
    );
    assert.equal(brokers.sent(10).length, 2);
  });

  it('fails at once with UNKNOWN_MEMBER_ID naming the group when the group has active members', async () => {
    const { admin, brokers, clock } = setup((r) => {
      if (r.apiKey === 3) return metadataResponse(r);
      if (r.apiKey === 10) return coordinatorAnswer(r, () => 1);
      return commitAnswer(r, () => ErrorCode.UNKNOWN_MEMBER_ID);
    });
    const e = await rejection(
      drive(
        clock,
        admin.setOffsets({
          groupId: 'busy',
          topic: 't',
          partitions: [
            { partition: 0, offset: 1 },
            { partition: 1, offset: 1 },
          ],
        }),
      ),
    );
    assert.ok(e instanceof AdminError);
    assert.equal(e.errorName, 'UNKNOWN_MEMBER_ID');
    assert.equal(e.operation, 'setOffsets');
    assert.deepEqual(
      e.failures.map((f) => f.resource),
      ["group 'busy'"],
    );
    assert.match(e.message, /active members/);
    assert.equal(brokers.sent(8).length, 1, 'a refusal is not retried');
  });

  it('reports each partition the broker refused (UNKNOWN_TOPIC_OR_PARTITION) in one AdminError', async () => {
    const { admin, clock } = setup((r) => {
      if (r.apiKey === 3) return metadataResponse(r);
      if (r.apiKey === 10) return coordinatorAnswer(r, () => 1);
      return commitAnswer(r, (topic, partition) =>
        topic === 'gone' || partition === 9 ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.NONE,
      );
    });
    const e = await rejection(
      drive(
        clock,
        admin.alterConsumerGroupOffsets('g', [
          { topic: 't', partition: 0, offset: 1 },
          { topic: 't', partition: 9, offset: 1 },
          { topic: 'gone', partition: 0, offset: 1 },
        ]),
      ),
    );
    assert.ok(e instanceof AdminError);
    assert.equal(e.errorName, 'UNKNOWN_TOPIC_OR_PARTITION');
    assert.deepEqual(
      e.failures.map((f) => f.resource),
      ['partition t-9', 'partition gone-0'],
    );
  });

  it('resetOffsets commits each partition’s log start (earliest) or end (default) from its leader', async () => {
    const { admin, brokers, clock } = setup((r) => {
      if (r.apiKey === 3) return metadataResponse(r, { known: [metadataTopic('t', [1, 2])] });
      if (r.apiKey === 10) return coordinatorAnswer(r, () => 3);
      if (r.apiKey === 2) {
        const body = r.body as RequestInputByKey[2];
        return {
          throttleTimeMs: 0,
          topics: body.topics.map((t) => ({
            name: t.name,
            partitions: t.partitions.map((p) => ({
              partitionIndex: p.partitionIndex,
              errorCode: 0,
              oldStyleOffsets: [],
              timestamp: -1,
              // log start 10 + partition, log end 100 + partition
              offset: (p.timestamp === -2 ? 10 : 100) + p.partitionIndex,
              leaderEpoch: 0,
            })),
          })),
        };
      }
      return commitAnswer(r, () => ErrorCode.NONE);
    });
    const committed = (n: number) =>
      (brokers.sent(8)[n]!.body as RequestInputByKey[8]).topics[0]!.partitions.map((p) => [
        p.partitionIndex,
        p.committedOffset,
      ]);
    const earliest = await drive(clock, admin.resetOffsets({ groupId: 'g', topic: 't', earliest: true }));
    assert.deepEqual(earliest, [
      { partition: 0, offset: 10 },
      { partition: 1, offset: 11 },
    ]);
    assert.deepEqual(committed(0), [
      [0, 10],
      [1, 11],
    ]);
    await drive(clock, admin.resetOffsets({ groupId: 'g', topic: 't' }));
    assert.deepEqual(committed(1), [
      [0, 100],
      [1, 101],
    ]);
  });

  it('refuses malformed offsets with typed errors before sending anything', async () => {
    const { admin } = setup((r) => {
      throw new Error(`no request expected, got api ${r.apiKey}`);
    });
    const cases: [Promise<unknown>, string, RegExp][] = [
      [
        admin.setOffsets({ groupId: 'g', topic: 't', partitions: [{ partition: 0, offset: -1 }] }),
        'INVALID_REQUEST',
        /partition t-0: offset must be a non-negative integer, got -1/,
      ],
      [
        admin.alterConsumerGroupOffsets('g', [{ topic: 't', partition: 0, offset: 1.5 }]),
        'INVALID_REQUEST',
        /offset must be a non-negative integer/,
      ],
      [
        admin.alterConsumerGroupOffsets('g', [{ topic: 't', partition: -1, offset: 0 }]),
        'UNKNOWN_TOPIC_OR_PARTITION',
        /partition must be a non-negative integer/,
      ],
      [
        admin.alterConsumerGroupOffsets('g', [
          { topic: 't', partition: 0, offset: 0 },
          { topic: 't', partition: 0, offset: 5 },
        ]),
        'INVALID_REQUEST',
        /partition t-0 is listed twice/,
      ],
      [
        admin.alterConsumerGroupOffsets('', [{ topic: 't', partition: 0, offset: 0 }]),
        'INVALID_GROUP_ID',
        /groupId/,
      ],
      [admin.resetOffsets({ groupId: 'g', topic: '' }), 'INVALID_TOPIC_EXCEPTION', /topic names/],
    ];
    for (const [promise, name, pattern] of cases) {
      const e = await rejection(promise);
      assert.equal(e.errorName, name, e.message);
      assert.match(e.message, pattern);
    }
    await admin.alterConsumerGroupOffsets('g', []);
  });
});
