import assert from 'node:assert/strict';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import { SimulatedClock } from '../../core/io/index.ts';
import type { MetadataResponse } from '../../core/protocol/index.ts';
import type { BrokerAddress, BrokerConnection, ConnectionFactory } from './connection.ts';
import { ClusterMetadata, ConnectionPool, type ClusterMetadataConfig } from './metadata.ts';
import { FakeCluster, type FakeClusterOptions } from './producer/fake-cluster.ts';

/** A FakeCluster that counts connects per address and can refuse some. */
class CountingFactory implements ConnectionFactory {
  readonly connects: BrokerAddress[] = [];
  refuse = new Set<number>();
  private readonly inner: FakeCluster;
  private readonly bootstrapAddresses: readonly BrokerAddress[] | undefined;

  constructor(inner: FakeCluster, bootstrapAddresses?: readonly BrokerAddress[]) {
    this.inner = inner;
    this.bootstrapAddresses = bootstrapAddresses;
  }

  connect(address: BrokerAddress, options: { readonly clientId: string }): Promise<BrokerConnection> {
    this.connects.push(address);
    if (this.refuse.has(address.port))
      return Promise.reject(new KafkaError(ErrorCode.NETWORK_EXCEPTION, `refused ${address.port}`));
    return this.inner.connect(address, options);
  }

  bootstrap(): readonly BrokerAddress[] {
    return this.bootstrapAddresses ?? this.inner.bootstrap();
  }
}

function setup(config: ClusterMetadataConfig = {}, clusterOptions: Partial<FakeClusterOptions> = {}) {
  const clock = new SimulatedClock(1_000_000);
  const cluster = new FakeCluster({ clock, ...clusterOptions });
  const factory = new CountingFactory(cluster);
  const pool = new ConnectionPool(factory, { clientId: 'metadata-test' });
  const metadata = new ClusterMetadata(pool, clock, config);
  const metadataRequests = (): number => cluster.seen.filter((r) => r.apiKey === 3).length;
  return { clock, cluster, factory, pool, metadata, metadataRequests };
}

async function run<T>(clock: SimulatedClock, promise: Promise<T>, maxMs = 120_000): Promise<T> {
  let done = false;
  const tracked = promise.finally(() => {
    done = true;
  });
  tracked.catch(() => undefined);
  assert.ok(await clock.runUntil(() => done, maxMs, 1), 'settled');
  return tracked;
}

function isKafkaError(name: string): (e: unknown) => boolean {
  return (e: unknown) => KafkaError.is(e) && e.errorName === name;
}

function metadataResponse(leaderId: number, leaderEpoch: number): MetadataResponse {
  return {
    throttleTimeMs: 0,
    brokers: [0, 1, 2].map((nodeId) => ({ nodeId, host: 'fake', port: 9092 + nodeId, rack: null })),
    clusterId: 'c',
    controllerId: 0,
    topics: [
      {
        errorCode: 0,
        name: 't',
        topicId: '00000000-0000-0000-0000-000000000000',
        isInternal: false,
        partitions: [
          {
            errorCode: 0,
            partitionIndex: 0,
            leaderId,
            leaderEpoch,
            replicaNodes: [0, 1, 2],
            isrNodes: [0, 1, 2],
            offlineReplicas: [],
          },
        ],
        topicAuthorizedOperations: 0,
      },
    ],
    clusterAuthorizedOperations: 0,
  };
}

describe('ClusterMetadata', () => {
  it('fills brokers, partitions, leaders and replicas from a Metadata response', async () => {
    const { clock, cluster, metadata } = setup();
    cluster.createTopic('t', 3, [2, 0, 1]);
    await run(clock, metadata.refresh(['t']));
    assert.deepEqual(
      metadata.brokers().map((b) => b.nodeId),
      [0, 1, 2],
    );
    assert.equal(metadata.clusterId, 'fake-cluster');
    assert.equal(metadata.controllerId, 0);
    assert.deepEqual(
      metadata.topic('t')!.partitions.map((p) => [p.partitionId, p.leader, p.leaderEpoch, p.replicas]),
      [
        [0, 2, 0, [2]],
        [1, 0, 0, [0]],
        [2, 1, 0, [1]],
      ],
    );
    assert.equal(metadata.leaderFor({ topic: 't', partition: 0 }), 2);
    assert.equal(metadata.leaderFor({ topic: 't', partition: 7 }), undefined);
    assert.equal(metadata.leaderFor({ topic: 'other', partition: 0 }), undefined);
  });

  it('partitionsFor asks for an unknown topic, retrying while it is being created (LEADER_NOT_AVAILABLE)', async () => {
    const { clock, metadata, metadataRequests } = setup();
    const partitions = await run(clock, metadata.partitionsFor('created'));
    assert.equal(partitions.length, 3);
    assert.ok(partitions.every((p) => p.leader >= 0));
    assert.equal(metadataRequests(), 2, 'one LEADER_NOT_AVAILABLE answer, then the topic');
    assert.deepEqual(metadata.trackedTopics(), ['created']);
    // Cached now: no further request.
    await run(clock, metadata.partitionsFor('created'));
    assert.equal(metadataRequests(), 2);
  });

  it('partitionsFor fails at once for an unknown topic when auto-creation is not allowed', async () => {
    const { clock, metadata, metadataRequests } = setup({ allowAutoTopicCreation: false });
    await assert.rejects(
      run(clock, metadata.partitionsFor('missing')),
      isKafkaError('UNKNOWN_TOPIC_OR_PARTITION'),
    );
    assert.equal(metadataRequests(), 1);
    assert.deepEqual(metadata.topicError('missing'), {
      topic: 'missing',
      errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
    });
  });

  it('partitionsFor gives up after max.block.ms when the topic never appears', async () => {
    const { clock, metadata, metadataRequests } = setup(
      { maxBlockMs: 1000, retryBackoffMs: 100 },
      { autoCreateTopics: false },
    );
    // The client asks for auto-creation but the broker does not create: retried until the deadline.
    await assert.rejects(
      run(clock, metadata.partitionsFor('never')),
      isKafkaError('UNKNOWN_TOPIC_OR_PARTITION'),
    );
    assert.ok(metadataRequests() >= 5, `retried (${metadataRequests()} requests)`);
  });

  it('partitionsFor retries while no broker is reachable and fails with the network error after max.block.ms', async () => {
    const { clock, factory, metadata } = setup({ maxBlockMs: 500 });
    factory.refuse.add(9092);
    await assert.rejects(run(clock, metadata.partitionsFor('t')), isKafkaError('NETWORK_EXCEPTION'));
    assert.ok(factory.connects.length > 1, 'reconnect attempts');
  });

  it('shares one Metadata request between concurrent refreshes of the same topics', async () => {
    const { clock, cluster, metadata, metadataRequests } = setup();
    cluster.createTopic('t', 1);
    metadata.track(['t']);
    await run(clock, Promise.all([metadata.refresh(), metadata.refresh(), metadata.refresh(['t'])]));
    assert.equal(metadataRequests(), 1);
    // A refresh for a topic the one in flight does not cover waits for it, then asks again.
    await run(clock, Promise.all([metadata.refresh(), metadata.refresh(['u'])]));
    assert.equal(metadataRequests(), 3);
  });

  it('needs a refresh when older than metadata.max.age.ms or after requestUpdate()', async () => {
    const { clock, cluster, metadata } = setup({ metadataMaxAgeMs: 1000 });
    cluster.createTopic('t', 1);
    assert.ok(metadata.needsRefresh(), 'empty cache');
    await run(clock, metadata.refresh(['t']));
    assert.ok(!metadata.needsRefresh());
    metadata.requestUpdate();
    assert.ok(metadata.needsRefresh());
    assert.equal(metadata.timeToNextRefreshMs(), 0);
    await run(clock, metadata.maybeRefresh());
    assert.ok(!metadata.needsRefresh());
    await clock.runFor(1000);
    assert.ok(metadata.needsRefresh(), 'aged out');
  });

  it('sees a moved leader after a refresh and never steps back to an older leader epoch (KIP-320)', async () => {
    const { clock, cluster, metadata } = setup();
    cluster.createTopic('t', 1, [0]);
    await run(clock, metadata.refresh(['t']));
    cluster.moveLeader('t', 0, 1);
    assert.equal(metadata.leaderFor({ topic: 't', partition: 0 }), 0, 'cached until refreshed');
    await run(clock, metadata.refresh());
    assert.equal(metadata.leaderFor({ topic: 't', partition: 0 }), 1);
    assert.equal(metadata.partition({ topic: 't', partition: 0 })!.leaderEpoch, 1);
    // A lagging broker's answer (epoch 0, old leader) is ignored for that partition.
    metadata.apply(metadataResponse(0, 0), new Set(['t']));
    assert.equal(metadata.leaderFor({ topic: 't', partition: 0 }), 1);
    metadata.apply(metadataResponse(2, 5), new Set(['t']));
    assert.equal(metadata.leaderFor({ topic: 't', partition: 0 }), 2);
  });

  it('updateLeader applies a newer leader from a Produce/Fetch answer and ignores older ones', async () => {
    const { clock, cluster, metadata } = setup();
    cluster.createTopic('t', 1, [0]);
    await run(clock, metadata.refresh(['t']));
    const version = metadata.version;
    assert.equal(metadata.updateLeader({ topic: 't', partition: 0 }, 2, 0), false);
    assert.equal(metadata.updateLeader({ topic: 't', partition: 0 }, 2, 3), true);
    assert.equal(metadata.leaderFor({ topic: 't', partition: 0 }), 2);
    assert.ok(metadata.version > version);
  });

  it('refresh(null) lists every topic and drops topics the cluster no longer has', async () => {
    const { clock, cluster, metadata } = setup();
    cluster.createTopic('a', 1);
    cluster.createTopic('b', 2);
    await run(clock, metadata.refresh(null));
    assert.deepEqual(metadata.topicNames().sort(), ['a', 'b']);
    metadata.apply({ ...metadataResponse(0, 9), topics: [] }, null);
    assert.deepEqual(metadata.topicNames(), []);
  });

  it('rejects a negative metadata.max.age.ms with INVALID_CONFIG', () => {
    const { pool } = setup();
    assert.throws(
      () => new ClusterMetadata(pool, new SimulatedClock(), { metadataMaxAgeMs: -1 }),
      (e: unknown) => KafkaError.is(e, 'INVALID_CONFIG') && /metadata.max.age.ms/.test(e.message),
    );
  });
});

describe('ConnectionPool', () => {
  it('uses the bootstrap servers until brokers are known, then connects to advertised addresses', async () => {
    const { clock, factory, pool, metadata } = setup();
    await assert.rejects(pool.get(1), isKafkaError('NETWORK_EXCEPTION'));
    const bootstrap = await run(clock, pool.any());
    assert.equal(bootstrap.nodeId, -1);
    await run(clock, metadata.refresh());
    assert.deepEqual(pool.nodeIds(), [0, 1, 2]);
    const c1 = await run(clock, pool.get(1));
    const again = await run(clock, pool.get(1));
    assert.equal(c1, again, 'one connection per node');
    assert.equal(c1.nodeId, 1);
    assert.deepEqual(
      factory.connects.map((a) => a.nodeId),
      [-1, 1],
    );
  });

  it('replaces a closed connection on the next get', async () => {
    const { clock, pool, metadata } = setup();
    await run(clock, metadata.refresh());
    const first = await run(clock, pool.get(0));
    first.close();
    const second = await run(clock, pool.get(0));
    assert.notEqual(first, second);
    assert.ok(!second.closed);
  });

  it('tries the next bootstrap server when one refuses', async () => {
    const clock = new SimulatedClock();
    const cluster = new FakeCluster({ clock });
    const addresses = [
      { nodeId: -1, host: 'fake', port: 9092 },
      { nodeId: -1, host: 'fake', port: 9093 },
    ];
    const factory = new CountingFactory(cluster, addresses);
    factory.refuse.add(9092);
    const pool = new ConnectionPool(factory, { clientId: 'x' });
    const conn = await run(clock, pool.any());
    assert.ok(!conn.closed);
    assert.deepEqual(
      factory.connects.map((a) => a.port),
      [9092, 9093],
    );
  });

  it('closes a connection to a broker whose advertised address changed', async () => {
    const { clock, pool, metadata } = setup();
    await run(clock, metadata.refresh());
    const conn = await run(clock, pool.get(2));
    pool.updateBrokers([
      { nodeId: 0, host: 'fake', port: 9092 },
      { nodeId: 2, host: 'elsewhere', port: 9094 },
    ]);
    await clock.runFor(0);
    assert.ok(conn.closed);
    assert.equal(pool.addressOf(2)!.host, 'elsewhere');
    assert.equal(pool.addressOf(1), undefined);
  });

  it('close() closes every connection and refuses later requests', async () => {
    const { clock, pool, metadata } = setup();
    await run(clock, metadata.refresh());
    const conn = await run(clock, pool.get(0));
    pool.close();
    await clock.runFor(0);
    assert.ok(conn.closed);
    assert.ok(pool.closed);
    await assert.rejects(pool.get(0), isKafkaError('NETWORK_EXCEPTION'));
    await assert.rejects(pool.any(), isKafkaError('NETWORK_EXCEPTION'));
  });
});
