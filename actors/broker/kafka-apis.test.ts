import { strict as assert } from 'node:assert';
import { settle } from '../../core/io/index.ts';
import {
  advertisedApiVersions,
  brokerApiVersions,
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  type RequestInputByKey,
  type ResponseInputByKey,
} from '../../core/protocol/index.ts';
import { fetchRequestOf } from '../../core/protocol/test-support/fetch-messages.ts';
import { ErrorCode } from '../../core/errors/index.ts';
import { CloseConnectionError, KafkaApis, errorResponse } from './kafka-apis.ts';
import { ApiTestClient } from './testing/api-test-client.ts';
import { createSingleBroker, type SingleBroker, type SingleBrokerOptions } from './testing/single-broker.ts';

const zeroUuid = '00000000-0000-0000-0000-000000000000';

/** One request body per API with every field of every version set (encoders skip what a version lacks). */
// Partial, so a codec added to core/protocol does not break the build here: the tests below fail
// instead, naming the API that needs a sample (and a handler).
const sampleRequests: { [K in keyof RequestInputByKey]?: RequestInputByKey[K] } = {
  0: {
    transactionalId: null,
    acks: 1,
    timeoutMs: 1000,
    topicData: [{ name: 'missing', partitionData: [{ index: 0, records: null }] }],
  },
  1: fetchRequestOf([{ topic: 'missing', partition: 0, offset: 0, partitionMaxBytes: 1 << 20 }], {
    maxBytes: 1 << 20,
  }),
  2: {
    replicaId: -1,
    isolationLevel: 0,
    topics: [
      {
        name: 'missing',
        partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1, maxNumOffsets: 1 }],
      },
    ],
  },
  3: {
    topics: [{ topicId: zeroUuid, name: 'missing' }],
    allowAutoTopicCreation: false,
    includeClusterAuthorizedOperations: false,
    includeTopicAuthorizedOperations: false,
  },
  8: {
    groupId: '',
    generationIdOrMemberEpoch: -1,
    memberId: '',
    groupInstanceId: null,
    retentionTimeMs: -1,
    topics: [
      {
        name: 'missing',
        partitions: [
          {
            partitionIndex: 0,
            committedOffset: 1,
            committedLeaderEpoch: -1,
            commitTimestamp: -1,
            committedMetadata: '',
          },
        ],
      },
    ],
  },
  9: { groupId: '', topics: [{ name: 'missing', partitionIndexes: [0] }], groups: [], requireStable: false },
  10: { key: 'g', keyType: 0, coordinatorKeys: ['g'] },
  11: {
    groupId: '',
    sessionTimeoutMs: 10000,
    rebalanceTimeoutMs: 10000,
    memberId: '',
    groupInstanceId: null,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: Buffer.alloc(0) }],
    reason: null,
  },
  12: { groupId: '', generationId: 0, memberId: 'm', groupInstanceId: null },
  13: { groupId: '', memberId: 'm', members: [{ memberId: 'm', groupInstanceId: null, reason: null }] },
  14: {
    groupId: '',
    generationId: 0,
    memberId: 'm',
    groupInstanceId: null,
    protocolType: 'consumer',
    protocolName: 'range',
    assignments: [],
  },
  15: { groups: ['g'], includeAuthorizedOperations: false },
  16: { statesFilter: [], typesFilter: [] },
  17: { mechanism: 'PLAIN' },
  18: { clientSoftwareName: 'test', clientSoftwareVersion: '1.0' },
  19: {
    topics: [{ name: 'bad name', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }],
    timeoutMs: 1000,
    validateOnly: true,
  },
  20: { topics: [{ name: 'missing', topicId: zeroUuid }], topicNames: ['missing'], timeoutMs: 1000 },
  21: { topics: [{ name: 'missing', partitions: [{ partitionIndex: 0, offset: 0 }] }], timeoutMs: 1000 },
  22: { transactionalId: null, transactionTimeoutMs: 1000, producerId: -1, producerEpoch: -1 },
  23: {
    replicaId: -1,
    topics: [{ topic: 'missing', partitions: [{ partition: 0, currentLeaderEpoch: -1, leaderEpoch: 0 }] }],
  },
  32: {
    resources: [{ resourceType: 2, resourceName: 'missing', configurationKeys: null }],
    includeSynonyms: true,
    includeDocumentation: false,
  },
  33: {
    resources: [
      { resourceType: 2, resourceName: 'missing', configs: [{ name: 'retention.ms', value: '1' }] },
    ],
    validateOnly: false,
  },
  37: { topics: [{ name: 'missing', count: 2, assignments: null }], timeoutMs: 1000, validateOnly: false },
  42: { groupsNames: ['g'] },
};

function sample<K extends keyof RequestInputByKey>(key: K): RequestInputByKey[K] {
  const body = sampleRequests[key];
  if (body === undefined)
    throw new Error(`no sample request for api key ${key}: add one, and a handler in KafkaApis`);
  return body;
}

function frame(chunks: readonly Buffer[]): Buffer {
  return Buffer.concat(chunks).subarray(4);
}

describe('KafkaApis', () => {
  let broker: SingleBroker;
  let apis: KafkaApis;
  let client: ApiTestClient;

  function start(options: SingleBrokerOptions = {}): void {
    broker?.shutdown();
    broker = createSingleBroker(options);
    apis = new KafkaApis(broker.services);
    client = new ApiTestClient(apis);
  }

  beforeEach(() => start());
  afterEach(() => broker.shutdown());

  describe('every API', () => {
    it('answers every advertised API at every implemented version with a response that encodes at that version', async () => {
      let answered = 0;
      for (const api of brokerApiVersions) {
        const key = api.apiKey as keyof RequestInputByKey;
        for (let v = api.implementedMin; v <= api.implementedMax; v++) {
          const request = decodeRequest(
            frame(
              encodeRequest({ apiKey: key, apiVersion: v, correlationId: 1, clientId: 'c' }, sample(key)),
            ),
          );
          const response = await apis.handle(request, { clientId: 'c', clientHost: 'h' });
          assert.notEqual(response, null, `${api.name} v${v}`);
          const bytes = frame(encodeResponse(key, v, 1, response as ResponseInputByKey[typeof key]));
          decodeResponse(key, v, bytes);
          answered++;
        }
      }
      assert.ok(answered > 60);
      assert.equal(apis.stats.unexpectedErrors, 0);
    });

    it('builds an error answer for every API and version that encodes at that version', () => {
      for (const api of brokerApiVersions) {
        const key = api.apiKey as keyof RequestInputByKey;
        for (let v = api.advertisedMin; v <= api.advertisedMax; v++) {
          const request = decodeRequest(
            frame(
              encodeRequest({ apiKey: key, apiVersion: v, correlationId: 1, clientId: 'c' }, sample(key)),
            ),
          );
          const body = errorResponse(request, ErrorCode.NOT_COORDINATOR, 'x');
          const decoded = decodeResponse(
            key,
            v,
            frame(encodeResponse(key, v, 1, body as ResponseInputByKey[typeof key])),
          );
          assert.ok(
            JSON.stringify(decoded.body).includes(String(ErrorCode.NOT_COORDINATOR)),
            `${api.name} v${v}`,
          );
        }
      }
    });

    it('answers an unexpected failure with UNKNOWN_SERVER_ERROR and reports it', async () => {
      const reported: unknown[] = [];
      const failing = new KafkaApis(
        {
          ...broker.services,
          metadata: () => {
            throw new TypeError('boom');
          },
        },
        { onError: (err) => reported.push(err) },
      );
      const c = new ApiTestClient(failing);
      const r = await c.call(3, 1, { ...sample(3), topics: [{ topicId: zeroUuid, name: 't' }] });
      assert.equal(r.topics[0]!.errorCode, ErrorCode.UNKNOWN_SERVER_ERROR);
      assert.equal(failing.stats.unexpectedErrors, 1);
      assert.equal(reported.length, 1);
    });

    it('answers SaslHandshake on a listener without SASL with ILLEGAL_SASL_STATE', async () => {
      const r = await client.call(17, 1, { mechanism: 'PLAIN' });
      assert.equal(r.errorCode, ErrorCode.ILLEGAL_SASL_STATE);
    });
  });

  describe('ApiVersions', () => {
    for (const v of [0, 1, 2, 3]) {
      it(`v${v} lists the advertised version ranges`, async () => {
        const r = await client.call(18, v, sample(18));
        assert.equal(r.errorCode, ErrorCode.NONE);
        assert.deepEqual(r.apiKeys, advertisedApiVersions());
      });
    }

    it('v3 refuses an invalid client software name with INVALID_REQUEST', async () => {
      const r = await client.call(18, 3, { clientSoftwareName: '-bad name', clientSoftwareVersion: '1' });
      assert.equal(r.errorCode, ErrorCode.INVALID_REQUEST);
      assert.deepEqual(r.apiKeys, []);
    });
  });

  describe('Metadata', () => {
    const request = (names: string[] | null, allowAutoTopicCreation = true): RequestInputByKey[3] => ({
      topics: names === null ? null : names.map((name) => ({ topicId: zeroUuid, name })),
      allowAutoTopicCreation,
      includeClusterAuthorizedOperations: false,
      includeTopicAuthorizedOperations: false,
    });

    it('lists every topic for a null list (v1+) and an empty list (v0), with brokers, controller and cluster id', async () => {
      await broker.createTopic('a', 2);
      await broker.createTopic('b', 1);
      const v1 = await client.call(3, 1, request(null));
      assert.deepEqual(v1.topics.map((t) => t.name).sort(), ['a', 'b']);
      assert.deepEqual(v1.brokers, [{ nodeId: 1, host: 'localhost', port: 9092, rack: null }]);
      assert.equal(v1.controllerId, 1);
      const v0 = await client.call(3, 0, request([]));
      assert.deepEqual(v0.topics.map((t) => t.name).sort(), ['a', 'b']);
      const v8 = await client.call(3, 8, request(null));
      assert.equal(v8.clusterId, 'tributary-test-cluster');
      const a = v8.topics.find((t) => t.name === 'a')!;
      assert.equal(a.errorCode, ErrorCode.NONE);
      assert.equal(a.isInternal, false);
      assert.deepEqual(
        a.partitions.map((p) => [
          p.partitionIndex,
          p.leaderId,
          p.leaderEpoch,
          p.replicaNodes,
          p.isrNodes,
          p.offlineReplicas,
        ]),
        [
          [0, 1, 0, [1], [1], []],
          [1, 1, 0, [1], [1], []],
        ],
      );
    });

    it('v1+ with an empty list answers no topics', async () => {
      await broker.createTopic('a');
      const r = await client.call(3, 1, request([]));
      assert.deepEqual(r.topics, []);
    });

    it('auto-creates a requested topic: LEADER_NOT_AVAILABLE first, then the topic with its leader', async () => {
      const first = await client.call(3, 4, request(['orders']));
      assert.equal(first.topics[0]!.errorCode, ErrorCode.LEADER_NOT_AVAILABLE);
      await settle();
      const second = await client.call(3, 4, request(['orders']));
      assert.equal(second.topics[0]!.errorCode, ErrorCode.NONE);
      assert.equal(second.topics[0]!.partitions.length, 1);
      assert.equal(second.topics[0]!.partitions[0]!.leaderId, 1);
      assert.equal(broker.controller.operations, 1);
    });

    it('does not auto-create when the request (v4+) or the broker config forbids it', async () => {
      const refused = await client.call(3, 4, request(['orders'], false));
      assert.equal(refused.topics[0]!.errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      start({ config: { 'auto.create.topics.enable': false } });
      const disabled = await client.call(3, 1, request(['orders']));
      assert.equal(disabled.topics[0]!.errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      await settle();
      assert.equal(broker.image.topicsByName.size, 0);
    });

    it('keeps answering LEADER_NOT_AVAILABLE when the controller cannot create the topic, and counts it', async () => {
      start({ config: { 'default.replication.factor': 3 } });
      const first = await client.call(3, 4, request(['orders']));
      assert.equal(first.topics[0]!.errorCode, ErrorCode.LEADER_NOT_AVAILABLE);
      await settle();
      assert.equal(apis.stats.autoCreateFailures, 1);
      assert.equal(broker.image.topicsByName.has('orders'), false);
      const again = await client.call(3, 4, request(['orders']));
      assert.equal(again.topics[0]!.errorCode, ErrorCode.LEADER_NOT_AVAILABLE);
    });

    it('answers INVALID_TOPIC_EXCEPTION for invalid names and creates nothing', async () => {
      const names = ['bad name', '.', '..', 'x'.repeat(250), 'ünicode', ''];
      const r = await client.call(3, 4, request(names));
      assert.deepEqual(
        r.topics.map((t) => t.errorCode),
        names.map(() => ErrorCode.INVALID_TOPIC_EXCEPTION),
      );
      await settle();
      assert.equal(broker.controller.operations, 0);
    });

    it('answers LEADER_NOT_AVAILABLE for a partition without a live leader, and lists offline replicas', async () => {
      broker.registerBroker(2);
      await broker.createTopic('t', 1, {}, [[2, 1]]);
      const topic = broker.image.topicsByName.get('t')!;
      broker.apply({ type: 'FenceBroker', brokerId: 2, brokerEpoch: 1 });
      broker.apply({
        type: 'PartitionChange',
        topicId: topic.topicId,
        partition: 0,
        leader: -1,
        isr: [1],
        replicas: null,
      });
      const r = await client.call(3, 5, request(['t']));
      const p = r.topics[0]!.partitions[0]!;
      assert.equal(p.errorCode, ErrorCode.LEADER_NOT_AVAILABLE);
      assert.equal(p.leaderId, -1);
      assert.deepEqual(p.offlineReplicas, [2]);
      assert.deepEqual(
        r.brokers.map((b) => b.nodeId),
        [1],
      );
    });

    it('marks __consumer_offsets internal', async () => {
      await broker.createTopic('__consumer_offsets', 1, { 'cleanup.policy': 'compact' });
      const r = await client.call(3, 1, request(['__consumer_offsets']));
      assert.equal(r.topics[0]!.isInternal, true);
    });
  });

  describe('CreateTopics', () => {
    const topic = (
      name: string,
      numPartitions = 1,
      replicationFactor = 1,
      configs: Array<{ name: string; value: string | null }> = [],
    ): RequestInputByKey[19]['topics'][number] => ({
      name,
      numPartitions,
      replicationFactor,
      assignments: [],
      configs,
    });

    it('creates topics with broker defaults for -1 and reports per-topic errors', async () => {
      await broker.createTopic('exists');
      const r = await client.call(19, 4, {
        topics: [
          topic('fresh', -1, -1),
          topic('exists'),
          topic('bad/name'),
          topic('zero', 0),
          topic('rf', 1, 3),
          topic('conf', 1, 1, [{ name: 'retention.ms', value: 'soon' }]),
          topic('__cluster_metadata'),
          topic('huge', 2 ** 31 - 1),
        ],
        timeoutMs: 1000,
        validateOnly: false,
      });
      assert.deepEqual(
        r.topics.map((t) => [t.name, t.errorCode]),
        [
          ['fresh', ErrorCode.NONE],
          ['exists', ErrorCode.TOPIC_ALREADY_EXISTS],
          ['bad/name', ErrorCode.INVALID_TOPIC_EXCEPTION],
          ['zero', ErrorCode.INVALID_PARTITIONS],
          ['rf', ErrorCode.INVALID_REPLICATION_FACTOR],
          ['conf', ErrorCode.INVALID_CONFIG],
          ['__cluster_metadata', ErrorCode.INVALID_REQUEST],
          ['huge', ErrorCode.POLICY_VIOLATION],
        ],
      );
      assert.equal(broker.image.topicsByName.get('fresh')!.partitions.length, 1);
      assert.equal(broker.image.topicsByName.has('conf'), false);
      assert.ok(r.topics[5]!.errorMessage!.includes('retention.ms'));
    });

    it('refuses a topic named twice with INVALID_REQUEST, once in the answer', async () => {
      const r = await client.call(19, 2, {
        topics: [topic('dup'), topic('dup')],
        timeoutMs: 1000,
        validateOnly: false,
      });
      assert.deepEqual(
        r.topics.map((t) => [t.name, t.errorCode]),
        [['dup', ErrorCode.INVALID_REQUEST]],
      );
    });

    it('validateOnly checks without creating', async () => {
      const r = await client.call(19, 1, {
        topics: [topic('later', 3)],
        timeoutMs: 1000,
        validateOnly: true,
      });
      assert.equal(r.topics[0]!.errorCode, ErrorCode.NONE);
      assert.equal(broker.image.topicsByName.has('later'), false);
    });

    it('applies explicit assignments and configs', async () => {
      const r = await client.call(19, 3, {
        topics: [
          {
            name: 'placed',
            numPartitions: -1,
            replicationFactor: -1,
            assignments: [
              { partitionIndex: 1, brokerIds: [1] },
              { partitionIndex: 0, brokerIds: [1] },
            ],
            configs: [{ name: 'cleanup.policy', value: 'compact' }],
          },
          {
            name: 'both',
            numPartitions: 2,
            replicationFactor: -1,
            assignments: [{ partitionIndex: 0, brokerIds: [1] }],
            configs: [],
          },
        ],
        timeoutMs: 1000,
        validateOnly: false,
      });
      assert.deepEqual(
        r.topics.map((t) => t.errorCode),
        [ErrorCode.NONE, ErrorCode.INVALID_REQUEST],
      );
      assert.equal(broker.image.topicsByName.get('placed')!.partitions.length, 2);
      assert.equal(broker.logConfigFor('placed').compact, true);
    });

    it('answers REQUEST_TIMED_OUT when the controller does not answer within timeoutMs', async () => {
      const release = broker.controller.hold();
      const pending = client.call(19, 4, { topics: [topic('slow')], timeoutMs: 500, validateOnly: false });
      await settle();
      broker.clock.advance(500);
      const r = await pending;
      assert.equal(r.topics[0]!.errorCode, ErrorCode.REQUEST_TIMED_OUT);
      release();
    });
  });

  describe('DeleteTopics and CreatePartitions', () => {
    it('deletes topics, answering unknown and internal topics with errors', async () => {
      await broker.createTopic('gone', 2);
      await broker.createTopic('__consumer_offsets', 1, { 'cleanup.policy': 'compact' });
      const r = await client.call(20, 3, {
        topics: [],
        topicNames: ['gone', 'never', '__consumer_offsets'],
        timeoutMs: 1000,
      });
      assert.deepEqual(
        r.responses.map((t) => [t.name, t.errorCode]),
        [
          ['gone', ErrorCode.NONE],
          ['never', ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
          ['__consumer_offsets', ErrorCode.INVALID_TOPIC_EXCEPTION],
        ],
      );
      assert.equal(broker.image.topicsByName.has('gone'), false);
      assert.equal(broker.replicaManager.getPartition({ topic: 'gone', partition: 0 }), undefined);
      // The name can be used again, from an empty log.
      await broker.createTopic('gone', 1);
      assert.equal(broker.replicaManager.getPartition({ topic: 'gone', partition: 0 })!.logEndOffset, 0);
    });

    it('grows a topic and refuses shrinking, equal counts and unknown topics', async () => {
      await broker.createTopic('grow', 1);
      await broker.createTopic('same', 2);
      const r = await client.call(37, 1, {
        topics: [
          { name: 'grow', count: 3, assignments: null },
          { name: 'same', count: 2, assignments: null },
          { name: 'none', count: 2, assignments: null },
          { name: 'placed', count: 2, assignments: [{ brokerIds: [1] }] },
          { name: 'grow-a-lot', count: 2 ** 31 - 1, assignments: null },
        ],
        timeoutMs: 1000,
        validateOnly: false,
      });
      assert.deepEqual(
        r.results.map((t) => [t.name, t.errorCode]),
        [
          ['grow', ErrorCode.NONE],
          ['same', ErrorCode.INVALID_PARTITIONS],
          ['none', ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
          ['placed', ErrorCode.INVALID_REPLICA_ASSIGNMENT],
          ['grow-a-lot', ErrorCode.POLICY_VIOLATION],
        ],
      );
      assert.equal(broker.image.topicsByName.get('grow')!.partitions.length, 3);
      assert.equal(broker.replicaManager.getPartition({ topic: 'grow', partition: 2 })!.role, 'leader');
    });
  });

  describe('DescribeConfigs', () => {
    it('describes a topic: overrides as topic configs, the rest as defaults, with synonyms', async () => {
      await broker.createTopic('t', 1, { 'retention.ms': '1000' });
      const r = await client.call(32, 1, {
        resources: [
          {
            resourceType: 2,
            resourceName: 't',
            configurationKeys: ['retention.ms', 'segment.bytes', 'max.message.bytes'],
          },
        ],
        includeSynonyms: true,
        includeDocumentation: false,
      });
      const result = r.results[0]!;
      assert.equal(result.errorCode, ErrorCode.NONE);
      const byName = new Map(result.configs.map((c) => [c.name, c]));
      assert.deepEqual([...byName.keys()].sort(), ['max.message.bytes', 'retention.ms', 'segment.bytes']);
      assert.equal(byName.get('retention.ms')!.value, '1000');
      assert.equal(byName.get('retention.ms')!.configSource, 1);
      assert.deepEqual(
        byName.get('retention.ms')!.synonyms.map((s) => [s.name, s.source]),
        [
          ['retention.ms', 1],
          ['log.retention.ms', 5],
        ],
      );
      assert.equal(byName.get('segment.bytes')!.value, String(1024 * 1024 * 1024));
      assert.equal(byName.get('segment.bytes')!.configSource, 5);
      assert.equal(byName.get('max.message.bytes')!.value, '1048588');
    });

    it('v0 marks defaults with isDefault and shows a static broker override of a default', async () => {
      start({ config: { 'message.max.bytes': 2000 } });
      await broker.createTopic('t', 1, { 'cleanup.policy': 'compact' });
      const r = await client.call(32, 0, {
        resources: [{ resourceType: 2, resourceName: 't', configurationKeys: null }],
        includeSynonyms: false,
        includeDocumentation: false,
      });
      const byName = new Map(r.results[0]!.configs.map((c) => [c.name, c]));
      assert.equal(byName.get('cleanup.policy')!.isDefault, false);
      assert.equal(byName.get('cleanup.policy')!.value, 'compact');
      assert.equal(byName.get('retention.bytes')!.isDefault, true);
      assert.equal(byName.get('max.message.bytes')!.value, '2000');
      assert.equal(byName.get('max.message.bytes')!.isDefault, false);
      assert.equal(byName.get('flush.messages')!.value, '9223372036854775807');
    });

    it('answers errors per resource: unknown topic, invalid name, another broker, unknown type', async () => {
      const r = await client.call(32, 2, {
        resources: [
          { resourceType: 2, resourceName: 'missing', configurationKeys: null },
          { resourceType: 2, resourceName: 'bad name', configurationKeys: null },
          { resourceType: 4, resourceName: '7', configurationKeys: null },
          { resourceType: 99, resourceName: 'x', configurationKeys: null },
          {
            resourceType: 4,
            resourceName: '1',
            configurationKeys: ['num.partitions', 'auto.create.topics.enable'],
          },
        ],
        includeSynonyms: false,
        includeDocumentation: false,
      });
      assert.deepEqual(
        r.results.map((x) => x.errorCode),
        [
          ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
          ErrorCode.INVALID_TOPIC_EXCEPTION,
          ErrorCode.INVALID_REQUEST,
          ErrorCode.INVALID_REQUEST,
          ErrorCode.NONE,
        ],
      );
      assert.deepEqual(
        r.results[4]!.configs.map((c) => [c.name, c.value, c.configSource, c.readOnly]),
        [
          ['auto.create.topics.enable', 'true', 5, true],
          ['num.partitions', '1', 5, true],
        ],
      );
    });

    it('shows dynamic broker configs from the metadata image', async () => {
      broker.apply({
        type: 'Config',
        resourceType: 'broker',
        resourceName: '',
        key: 'log.retention.ms',
        value: '5000',
      });
      await broker.createTopic('t');
      const r = await client.call(32, 1, {
        resources: [
          { resourceType: 2, resourceName: 't', configurationKeys: ['retention.ms'] },
          { resourceType: 4, resourceName: '', configurationKeys: null },
        ],
        includeSynonyms: false,
        includeDocumentation: false,
      });
      assert.deepEqual(
        r.results[0]!.configs.map((c) => [c.name, c.value, c.configSource]),
        [['retention.ms', '5000', 3]],
      );
      assert.deepEqual(
        r.results[1]!.configs.map((c) => [c.name, c.value, c.configSource, c.readOnly]),
        [['log.retention.ms', '5000', 3, false]],
      );
    });
  });

  describe('AlterConfigs', () => {
    const alter = (
      resources: RequestInputByKey[33]['resources'],
      validateOnly = false,
      version = 1,
    ): Promise<{ errorCode: number; resourceName: string }[]> =>
      client
        .call(33, version, { resources, validateOnly })
        .then((r) => r.responses.map((x) => ({ errorCode: x.errorCode, resourceName: x.resourceName })));

    it('replaces all of a topic dynamic configs and the partition logs follow', async () => {
      await broker.createTopic('t', 1, { 'retention.ms': '1000', 'cleanup.policy': 'compact' });
      const r = await alter([
        { resourceType: 2, resourceName: 't', configs: [{ name: 'retention.ms', value: '2000' }] },
      ]);
      assert.deepEqual(r, [{ errorCode: ErrorCode.NONE, resourceName: 't' }]);
      assert.deepEqual([...broker.image.topicsByName.get('t')!.configs], [['retention.ms', '2000']]);
      const log = broker.replicaManager.getPartition({ topic: 't', partition: 0 })!.log;
      assert.equal(log.config.retentionMs, 2000);
      assert.equal(log.config.compact, false);
    });

    it('validateOnly changes nothing; bad values and unknown topics are refused per resource', async () => {
      await broker.createTopic('t', 1, { 'retention.ms': '1000' });
      const checked = await alter(
        [{ resourceType: 2, resourceName: 't', configs: [{ name: 'retention.ms', value: '5' }] }],
        true,
      );
      assert.equal(checked[0]!.errorCode, ErrorCode.NONE);
      assert.equal(broker.image.topicsByName.get('t')!.configs.get('retention.ms'), '1000');
      const r = await alter([
        { resourceType: 2, resourceName: 't', configs: [{ name: 'retention.ms', value: 'later' }] },
        { resourceType: 2, resourceName: 'missing', configs: [] },
        { resourceType: 2, resourceName: 'n', configs: [{ name: 'retention.ms', value: null }] },
        { resourceType: 4, resourceName: 'abc', configs: [] },
        { resourceType: 8, resourceName: '1', configs: [] },
      ]);
      assert.deepEqual(
        r.map((x) => x.errorCode),
        [
          ErrorCode.INVALID_CONFIG,
          ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
          ErrorCode.INVALID_REQUEST,
          ErrorCode.INVALID_REQUEST,
          ErrorCode.INVALID_REQUEST,
        ],
      );
      assert.equal(broker.image.topicsByName.get('t')!.configs.get('retention.ms'), '1000');
    });

    it('sets cluster-wide broker configs and refuses a resource named twice', async () => {
      const r = await alter(
        [{ resourceType: 4, resourceName: '', configs: [{ name: 'log.retention.ms', value: '60000' }] }],
        false,
        0,
      );
      assert.equal(r[0]!.errorCode, ErrorCode.NONE);
      assert.equal(broker.image.brokerConfigs.get('')!.get('log.retention.ms'), '60000');
      await broker.createTopic('t');
      const dup = await alter([
        { resourceType: 2, resourceName: 't', configs: [] },
        { resourceType: 2, resourceName: 't', configs: [] },
      ]);
      assert.deepEqual(
        dup.map((x) => x.errorCode),
        [ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_REQUEST],
      );
    });
  });

  describe('acks=0', () => {
    it('rejects with CloseConnectionError when a partition fails, so the server closes the connection', async () => {
      const { encodeRecordBatch } = await import('../../core/records/index.ts');
      await assert.rejects(
        client.send(0, 3, {
          transactionalId: null,
          acks: 0,
          timeoutMs: 1000,
          topicData: [
            { name: 'missing', partitionData: [{ index: 0, records: encodeRecordBatch([{ value: 'v' }]) }] },
          ],
        }),
        (err: unknown) =>
          err instanceof CloseConnectionError && err.code === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
      );
      assert.equal(apis.stats.acksZeroFailures, 1);
    });
  });
});
