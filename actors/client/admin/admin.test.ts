import assert from 'node:assert/strict';
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import { encodeAssignment, type RequestInputByKey } from '../../../core/protocol/index.ts';
import { AdminError } from './admin-error.ts';
import {
  coordinatorAnswer,
  metadataResponse,
  metadataTopic,
  type ScriptedHandler,
  type ScriptedRequest,
} from './test-support/scripted-brokers.ts';
import { drive, rejection, setup } from './test-support/admin-harness.ts';

const created = (name: string) => ({
  name,
  topicId: '00000000-0000-0000-0000-000000000000',
  errorCode: 0,
  errorMessage: null,
  topicConfigErrorCode: 0,
  numPartitions: 1,
  replicationFactor: 1,
  configs: [],
});

describe('Admin (scripted brokers)', () => {
  describe('controller-bound requests', () => {
    it('sends CreateTopics to the controller from Metadata and, after NOT_CONTROLLER, to the new controller', async () => {
      let controllerId = 2;
      const { admin, brokers, clock } = setup((r) => {
        if (r.apiKey === 3) return metadataResponse(r, { controllerId, known: [metadataTopic('t', [1])] });
        if (r.apiKey === 19) {
          if (r.nodeId !== controllerId) throw new Error(`CreateTopics reached broker ${r.nodeId}`);
          if (controllerId === 2) {
            controllerId = 3; // the controller moved while the request was in flight
            return { throttleTimeMs: 0, topics: [{ ...created('t'), errorCode: ErrorCode.NOT_CONTROLLER }] };
          }
          return { throttleTimeMs: 0, topics: [created('t')] };
        }
        throw new Error(`unexpected api ${r.apiKey}`);
      });
      const result = await drive(clock, admin.createTopics([{ topic: 't' }], { waitForLeaders: false }));
      assert.deepEqual(
        result.map((t) => t.topic),
        ['t'],
      );
      assert.deepEqual(
        brokers.sent(19).map((r) => r.nodeId),
        [2, 3],
      );
    });

    it('retries a request whose connection dropped, on a new connection', async () => {
      let drops = 1;
      const { admin, brokers, clock } = setup((r) => {
        if (r.apiKey === 3) return metadataResponse(r);
        if (r.apiKey === 20) {
          if (drops-- > 0) throw new KafkaError(ErrorCode.NETWORK_EXCEPTION, 'connection reset');
          return {
            throttleTimeMs: 0,
            responses: [{ name: 'gone', topicId: '', errorCode: 0, errorMessage: null }],
          };
        }
        throw new Error(`unexpected api ${r.apiKey}`);
      });
      await drive(clock, admin.deleteTopics(['gone'], { waitForDeletion: false }));
      assert.equal(brokers.sent(20).length, 2);
      const body = brokers.sent(20)[1]!.body as RequestInputByKey[20];
      assert.deepEqual(body.topicNames, ['gone']);
      assert.deepEqual(
        body.topics.map((t) => t.name),
        ['gone'],
      );
    });

    it('does not retry UNKNOWN_TOPIC_OR_PARTITION from DeleteTopics: one request, the error names the topic', async () => {
      const { admin, brokers, clock } = setup((r) => {
        if (r.apiKey === 3) return metadataResponse(r);
        return {
          throttleTimeMs: 0,
          responses: [
            {
              name: 'ghost',
              topicId: '',
              errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
              errorMessage: null,
            },
          ],
        };
      });
      const e = await rejection(drive(clock, admin.deleteTopics(['ghost'])));
      assert.equal(e.errorName, 'UNKNOWN_TOPIC_OR_PARTITION');
      assert.match(e.message, /topic 'ghost'/);
      assert.equal(brokers.sent(20).length, 1);
    });

    it('gives up on an error that never clears once the call’s timeout has passed, with that error', async () => {
      const { admin, brokers, clock } = setup(
        (r) => {
          if (r.apiKey === 3) return metadataResponse(r);
          return { throttleTimeMs: 0, topics: [{ ...created('t'), errorCode: ErrorCode.NOT_CONTROLLER }] };
        },
        { timeoutMs: 3_000 },
      );
      const e = await rejection(drive(clock, admin.createTopics([{ topic: 't' }])));
      assert.equal(e.errorName, 'NOT_CONTROLLER');
      assert.match(e.message, /gave up after \d+ attempt/);
      const attempts = brokers.sent(19).length;
      // Backoff 100, 200, 400, 800, 1000...: a handful of attempts in 3 s, not a busy loop.
      assert.ok(attempts >= 3 && attempts <= 8, `${attempts} attempts`);
    });

    it('reports every failed topic in one AdminError whose code is the first failure’s', async () => {
      const { admin, clock } = setup((r) => {
        if (r.apiKey === 3) return metadataResponse(r);
        return {
          throttleTimeMs: 0,
          topics: [
            {
              ...created('a'),
              errorCode: ErrorCode.TOPIC_ALREADY_EXISTS,
              errorMessage: "Topic 'a' already exists.",
            },
            created('b'),
            {
              ...created('c'),
              errorCode: ErrorCode.INVALID_CONFIG,
              errorMessage: 'INVALID_CONFIG: retention.ms: must be a number',
            },
          ],
        };
      });
      const e = await rejection(
        drive(
          clock,
          admin.createTopics([{ topic: 'a' }, { topic: 'b' }, { topic: 'c' }], { waitForLeaders: false }),
        ),
      );
      assert.ok(e instanceof AdminError);
      assert.equal(e.errorName, 'TOPIC_ALREADY_EXISTS');
      assert.deepEqual(
        e.failures.map((f) => [f.resource, f.error.errorName]),
        [
          ["topic 'a'", 'TOPIC_ALREADY_EXISTS'],
          ["topic 'c'", 'INVALID_CONFIG'],
        ],
      );
      // The broker's own "INVALID_CONFIG: " prefix is not repeated.
      assert.equal(
        e.failureFor("topic 'c'")!.message,
        "INVALID_CONFIG: topic 'c': retention.ms: must be a number",
      );
      assert.match(
        e.message,
        /^TOPIC_ALREADY_EXISTS: createTopics: topic 'a': Topic 'a' already exists\.; also INVALID_CONFIG/,
      );
    });

    it('waits for leaders on every broker after CreateTopics', async () => {
      let visibleOn = new Set<number>([1]);
      const { admin, brokers, clock } = setup((r) => {
        if (r.apiKey === 3)
          return metadataResponse(r, { known: visibleOn.has(r.nodeId) ? [metadataTopic('t', [1, 2])] : [] });
        visibleOn = new Set([1, 2]);
        return { throttleTimeMs: 0, topics: [{ ...created('t'), numPartitions: 2 }] };
      });
      let resolved = false;
      const creating = admin.createTopics([{ topic: 't', numPartitions: 2 }]).then((r) => {
        resolved = true;
        return r;
      });
      await clock.runFor(1_000);
      assert.ok(
        brokers.sent(3).some((r) => r.nodeId === 3),
        'broker 3 was asked',
      );
      assert.equal(resolved, false, 'resolved while broker 3 did not know the topic');
      visibleOn = new Set([1, 2, 3]);
      await drive(clock, creating);
      assert.equal(resolved, true);
    });
  });

  describe('leader-bound requests', () => {
    it('sends ListOffsets to each partition’s leader with its leader epoch, and re-routes after NOT_LEADER_OR_FOLLOWER', async () => {
      let leaders = [1, 2];
      let epochs = [5, 7];
      const { admin, brokers, clock } = setup((r) => {
        if (r.apiKey === 3) return metadataResponse(r, { known: [metadataTopic('t', leaders, { epochs })] });
        const body = r.body as RequestInputByKey[2];
        return {
          throttleTimeMs: 0,
          topics: body.topics.map((t) => ({
            name: t.name,
            partitions: t.partitions.map((p) => {
              const isLeader = leaders[p.partitionIndex] === r.nodeId;
              if (!isLeader && p.partitionIndex === 1) {
                return {
                  partitionIndex: 1,
                  errorCode: 6,
                  oldStyleOffsets: [],
                  timestamp: -1,
                  offset: -1,
                  leaderEpoch: -1,
                };
              }
              if (p.partitionIndex === 1 && r.nodeId === 2) {
                leaders = [1, 3]; // leadership moves before broker 2 answers
                epochs = [5, 8];
                return {
                  partitionIndex: 1,
                  errorCode: 6,
                  oldStyleOffsets: [],
                  timestamp: -1,
                  offset: -1,
                  leaderEpoch: -1,
                };
              }
              return {
                partitionIndex: p.partitionIndex,
                errorCode: 0,
                oldStyleOffsets: [],
                timestamp: -1,
                offset: 100 * r.nodeId + p.partitionIndex,
                leaderEpoch: p.currentLeaderEpoch,
              };
            }),
          })),
        };
      });
      const listed = await drive(
        clock,
        admin.listOffsets([
          { topic: 't', partition: 1 },
          { topic: 't', partition: 0, spec: 'earliest' },
        ]),
      );
      assert.deepEqual(
        listed.map((o) => [o.partition, o.offset, o.leaderEpoch]),
        [
          [1, 301, 8],
          [0, 100, 5],
        ],
      );
      const sent = brokers.sent(2).map((r) => {
        const p = (r.body as RequestInputByKey[2]).topics[0]!.partitions[0]!;
        return [r.nodeId, p.partitionIndex, p.currentLeaderEpoch, p.timestamp];
      });
      assert.deepEqual(sent, [
        [2, 1, 7, -1],
        [1, 0, 5, -2],
        [3, 1, 8, -1],
      ]);
    });

    it('asks for one partition with several specs in successive requests, and reads ListOffsets v0 answers', async () => {
      const { admin, brokers, clock } = setup(
        (r) => {
          if (r.apiKey === 3) return metadataResponse(r, { known: [metadataTopic('t', [1])] });
          const p = (r.body as RequestInputByKey[2]).topics[0]!.partitions[0]!;
          return {
            throttleTimeMs: 0,
            topics: [
              {
                name: 't',
                partitions: [
                  {
                    partitionIndex: 0,
                    errorCode: 0,
                    oldStyleOffsets: [p.timestamp === -2 ? 4 : 9],
                    timestamp: -1,
                    offset: -1,
                    leaderEpoch: -1,
                  },
                ],
              },
            ],
          };
        },
        { versions: { 2: 0 } },
      );
      assert.deepEqual(await drive(clock, admin.fetchTopicOffsets('t')), [
        { partition: 0, offset: 9, high: 9, low: 4 },
      ]);
      const listed = await drive(
        clock,
        admin.listOffsets([
          { topic: 't', partition: 0, spec: 'earliest' },
          { topic: 't', partition: 0, spec: 'latest' },
          { topic: 't', partition: 0, spec: 'earliest' },
        ]),
      );
      assert.deepEqual(
        listed.map((o) => o.offset),
        [4, 9, 4],
      );
      assert.ok(
        brokers.sent(2).every((r) => (r.body as RequestInputByKey[2]).topics[0]!.partitions.length === 1),
      );
    });

    it('fails a partition of an unknown topic at once, without asking any leader', async () => {
      const { admin, brokers, clock } = setup((r) => metadataResponse(r));
      const e = await rejection(
        drive(clock, admin.deleteRecords([{ topic: 'nope', partition: 0, offset: 3 }])),
      );
      assert.equal(e.errorName, 'UNKNOWN_TOPIC_OR_PARTITION');
      assert.match(e.message, /partition nope-0/);
      assert.equal(brokers.sent(21).length, 0);
    });

    it('retries a partition without a leader until it has one', async () => {
      let metadataCalls = 0;
      const { admin, clock } = setup((r) => {
        if (r.apiKey === 3)
          return metadataResponse(r, { known: [metadataTopic('t', [++metadataCalls < 3 ? -1 : 2])] });
        return {
          throttleTimeMs: 0,
          topics: [{ name: 't', partitions: [{ partitionIndex: 0, lowWatermark: 3, errorCode: 0 }] }],
        };
      });
      assert.deepEqual(await drive(clock, admin.deleteRecords([{ topic: 't', partition: 0, offset: 3 }])), [
        { topic: 't', partition: 0, lowWatermark: 3 },
      ]);
    });
  });

  describe('group coordinators', () => {
    const described = (groupId: string, errorCode = 0) => ({
      errorCode,
      groupId,
      groupState: errorCode === 0 ? 'Stable' : '',
      protocolType: 'consumer',
      protocolData: 'range',
      members: [
        {
          memberId: 'm-1',
          groupInstanceId: null,
          clientId: 'c',
          clientHost: '/10.0.0.1',
          memberMetadata: Buffer.alloc(0),
          memberAssignment: encodeAssignment({
            assignedPartitions: [{ topic: 't', partitions: [0, 1] }],
            userData: null,
          }),
        },
      ],
      authorizedOperations: 0,
    });

    it('finds coordinators in one batched FindCoordinator (v4+) and describes each group at its own coordinator', async () => {
      const coordinatorOf: Record<string, number> = { g1: 2, g2: 3 };
      const { admin, brokers, clock } = setup((r) => {
        if (r.apiKey === 3) return metadataResponse(r);
        if (r.apiKey === 10) return coordinatorAnswer(r, (key) => coordinatorOf[key]!);
        const body = r.body as RequestInputByKey[15];
        assert.ok(body.groups.every((g) => coordinatorOf[g] === r.nodeId));
        return { throttleTimeMs: 0, groups: body.groups.map((g) => described(g)) };
      });
      const { groups } = await drive(clock, admin.describeGroups(['g1', 'g2']));
      assert.deepEqual(
        groups.map((g) => g.groupId),
        ['g1', 'g2'],
      );
      assert.deepEqual(groups[0]!.members[0]!.assignment?.assignedPartitions, [
        { topic: 't', partitions: [0, 1] },
      ]);
      assert.equal(groups[0]!.members[0]!.subscription, undefined);
      assert.equal(brokers.sent(10).length, 1);
      assert.deepEqual((brokers.sent(10)[0]!.body as RequestInputByKey[10]).coordinatorKeys, ['g1', 'g2']);
    });

    it('waits out COORDINATOR_LOAD_IN_PROGRESS at the same coordinator, and looks it up again after NOT_COORDINATOR', async () => {
      const answers = [ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, ErrorCode.NOT_COORDINATOR, ErrorCode.NONE];
      let coordinator = 1;
      const { admin, brokers, clock } = setup(
        (r) => {
          if (r.apiKey === 3) return metadataResponse(r);
          if (r.apiKey === 10)
            return {
              throttleTimeMs: 0,
              errorCode: 0,
              errorMessage: null,
              nodeId: coordinator,
              host: 'broker',
              port: 9000 + coordinator,
              coordinators: [],
            };
          const code = answers.shift()!;
          if (code === ErrorCode.NOT_COORDINATOR) coordinator = 2;
          return { throttleTimeMs: 0, groups: [described('g', code)] };
        },
        { versions: { 10: 2 } },
      );
      const { groups } = await drive(clock, admin.describeGroups(['g']));
      assert.equal(groups[0]!.state, 'Stable');
      assert.deepEqual(
        brokers.sent(15).map((r) => r.nodeId),
        [1, 1, 2],
      );
      assert.equal(brokers.sent(10).length, 2);
      assert.equal((brokers.sent(10)[0]!.body as RequestInputByKey[10]).key, 'g');
    });

    it('reads OffsetFetch v8+ answers from `groups`, and fails a group-level error naming the group', async () => {
      let errorCode: number = ErrorCode.NONE;
      const { admin, brokers, clock } = setup((r) => {
        if (r.apiKey === 3) return metadataResponse(r);
        if (r.apiKey === 10) return coordinatorAnswer(r, () => 1);
        return {
          throttleTimeMs: 0,
          topics: [],
          errorCode: 0,
          groups: [
            {
              groupId: 'g',
              errorCode,
              topics: [
                {
                  name: 'b',
                  partitions: [
                    {
                      partitionIndex: 0,
                      committedOffset: 3,
                      committedLeaderEpoch: 1,
                      metadata: '',
                      errorCode: 0,
                    },
                  ],
                },
                {
                  name: 'a',
                  partitions: [
                    {
                      partitionIndex: 1,
                      committedOffset: 9,
                      committedLeaderEpoch: -1,
                      metadata: null,
                      errorCode: 0,
                    },
                    {
                      partitionIndex: 0,
                      committedOffset: 8,
                      committedLeaderEpoch: -1,
                      metadata: null,
                      errorCode: 0,
                    },
                  ],
                },
              ],
            },
          ],
        };
      });
      assert.deepEqual(await drive(clock, admin.fetchOffsets({ groupId: 'g' })), [
        {
          topic: 'a',
          partitions: [
            { partition: 0, offset: 8, leaderEpoch: -1, metadata: null },
            { partition: 1, offset: 9, leaderEpoch: -1, metadata: null },
          ],
        },
        { topic: 'b', partitions: [{ partition: 0, offset: 3, leaderEpoch: 1, metadata: '' }] },
      ]);
      const body = brokers.sent(9)[0]!.body as RequestInputByKey[9];
      assert.deepEqual(body.groups, [{ groupId: 'g', memberId: null, memberEpoch: -1, topics: null }]);
      errorCode = ErrorCode.GROUP_AUTHORIZATION_FAILED;
      const e = await rejection(drive(clock, admin.fetchOffsets({ groupId: 'g' })));
      assert.ok(e instanceof AdminError);
      assert.equal(e.errorName, 'GROUP_AUTHORIZATION_FAILED');
      assert.match(e.message, /group 'g'/);
    });

    it('lists groups from every broker, merged and sorted', async () => {
      const { admin, brokers, clock } = setup((r) => {
        if (r.apiKey === 3) return metadataResponse(r);
        const groups = r.nodeId === 1 ? ['b', 'a'] : r.nodeId === 2 ? ['c'] : ['a']; // 'a' seen twice while it moves
        return {
          throttleTimeMs: 0,
          errorCode: 0,
          groups: groups.map((groupId) => ({
            groupId,
            protocolType: 'consumer',
            groupState: 'Stable',
            groupType: 'classic',
          })),
        };
      });
      const { groups } = await drive(clock, admin.listGroups());
      assert.deepEqual(
        groups.map((g) => g.groupId),
        ['a', 'b', 'c'],
      );
      assert.deepEqual(
        brokers
          .sent(16)
          .map((r) => r.nodeId)
          .sort(),
        [1, 2, 3],
      );
    });
  });

  describe('configs', () => {
    it('sends a broker resource to that broker and topic resources to any broker; v0 answers map isDefault', async () => {
      const { admin, brokers, clock } = setup(
        (r) => {
          if (r.apiKey === 3) return metadataResponse(r);
          const body = r.body as RequestInputByKey[32];
          return {
            throttleTimeMs: 0,
            results: body.resources.map((res) => ({
              errorCode: 0,
              errorMessage: null,
              resourceType: res.resourceType,
              resourceName: res.resourceName,
              configs: [
                {
                  name: 'k',
                  value: 'v',
                  readOnly: false,
                  isDefault: true,
                  configSource: -1,
                  isSensitive: false,
                  synonyms: [],
                  configType: 0,
                  documentation: '',
                },
              ],
            })),
          };
        },
        { versions: { 32: 0 } },
      );
      const [broker3, topic] = await drive(
        clock,
        admin.describeConfigs([
          { type: 'broker', name: '3' },
          { type: 'topic', name: 't' },
        ]),
      );
      const brokerResourceAt = brokers
        .sent(32)
        .filter((r) => (r.body as RequestInputByKey[32]).resources.some((x) => x.resourceType === 4))
        .map((r) => r.nodeId);
      assert.deepEqual(brokerResourceAt, [3]);
      assert.equal(broker3!.name, '3');
      assert.deepEqual(topic!.configEntries[0], {
        name: 'k',
        value: 'v',
        source: 'DEFAULT_CONFIG',
        isDefault: true,
        isSensitive: false,
        readOnly: false,
        synonyms: [],
        type: 'UNKNOWN',
        documentation: null,
      });
    });
  });

  describe('input checks (no request sent)', () => {
    const noBroker: ScriptedHandler = (r: ScriptedRequest) => {
      throw new Error(`no request expected, got api ${r.apiKey}`);
    };

    it('refuses malformed calls with typed errors naming the resource', async () => {
      const { admin } = setup(noBroker);
      const cases: [Promise<unknown>, string, RegExp][] = [
        [
          admin.createTopics([{ topic: 'a' }, { topic: 'a' }]),
          'INVALID_REQUEST',
          /topic 'a' is listed twice/,
        ],
        [admin.createTopics([{ topic: 'a', numPartitions: 0 }]), 'INVALID_PARTITIONS', /numPartitions/],
        [
          admin.createTopics([{ topic: 'a', replicationFactor: 1.5 }]),
          'INVALID_REPLICATION_FACTOR',
          /replicationFactor/,
        ],
        [
          admin.createTopics([
            { topic: 'a', configEntries: [{ name: 'x', value: '1' }], configs: { x: '2' } },
          ]),
          'INVALID_CONFIG',
          /x is given twice/,
        ],
        [
          admin.createTopics([
            { topic: 'a', numPartitions: 3, replicaAssignment: [{ partition: 0, replicas: [1] }] },
          ]),
          'INVALID_REQUEST',
          /disagrees/,
        ],
        [admin.createPartitions([{ topic: 'a', count: 0 }]), 'INVALID_PARTITIONS', /count/],
        [
          admin.listOffsets([{ topic: 'a', partition: 0, spec: { timestamp: -5 } }]),
          'INVALID_REQUEST',
          /partition a-0: spec/,
        ],
        [
          admin.deleteRecords([{ topic: 'a', partition: 0, offset: -2 }]),
          'OFFSET_OUT_OF_RANGE',
          /partition a-0/,
        ],
        [
          admin.describeConfigs([
            { type: 'topic', name: 'a' },
            { type: 'topic', name: 'a' },
          ]),
          'INVALID_REQUEST',
          /listed twice/,
        ],
        [admin.createTopics([{ topic: 'a' }], { timeoutMs: -1 }), 'INVALID_REQUEST', /timeoutMs/],
      ];
      for (const [promise, name, pattern] of cases) {
        const e = await rejection(promise);
        assert.equal(e.errorName, name, e.message);
        assert.match(e.message, pattern);
      }
    });

    it('answers empty requests without asking a broker', async () => {
      const { admin } = setup(noBroker);
      assert.deepEqual(await admin.createTopics([]), []);
      await admin.deleteTopics([]);
      assert.deepEqual(await admin.describeTopics([]), []);
      assert.deepEqual(await admin.listOffsets([]), []);
      assert.deepEqual(await admin.describeGroups([]), { groups: [] });
      await admin.alterConfigs([]);
    });
  });
});
