import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fetchRequestOf } from '../../core/protocol/test-support/fetch-messages.ts';
import { encodeRecordBatch, decodeRecords } from '../../core/records/index.ts';
import type { BrokerConnection, ConnectionFactory } from '../../actors/client/connection.ts';
import { TcpConnectionFactory } from '../network/index.ts';
import { Cluster } from './cluster.ts';
import { freePortRange } from '../compat/compat-support.ts';

/** Creates a topic, produces with acks=all to each partition's leader and fetches the batch back. */
async function produceAndFetch(factory: ConnectionFactory, topic: string): Promise<void> {
  const bootstrap = await factory.connect(factory.bootstrap()[0]!, { clientId: 'test' });
  const created = await bootstrap.send(19, {
    topics: [{ name: topic, numPartitions: 2, replicationFactor: -1, assignments: [], configs: [] }],
    timeoutMs: 10_000,
    validateOnly: false,
  });
  assert.equal(created.topics[0]!.errorCode, 0);
  const meta = await bootstrap.send(3, {
    topics: [{ name: topic, topicId: '' }],
    allowAutoTopicCreation: false,
    includeClusterAuthorizedOperations: false,
    includeTopicAuthorizedOperations: false,
  });
  const t = meta.topics[0]!;
  assert.equal(t.errorCode, 0);
  assert.equal(t.partitions.length, 2);
  const connections = new Map<number, BrokerConnection>();
  for (const p of t.partitions) {
    const b = meta.brokers.find((x) => x.nodeId === p.leaderId)!;
    let conn = connections.get(b.nodeId);
    if (conn === undefined) {
      conn = await factory.connect({ nodeId: b.nodeId, host: b.host, port: b.port }, { clientId: 'test' });
      connections.set(b.nodeId, conn);
    }
    const batch = encodeRecordBatch([
      { key: 'k', value: `hello-${p.partitionIndex}` },
      { key: 'k2', value: 'world' },
    ]);
    const produced = await conn.send(0, {
      transactionalId: null,
      acks: -1,
      timeoutMs: 10_000,
      topicData: [{ name: topic, partitionData: [{ index: p.partitionIndex, records: batch }] }],
    });
    const pr = produced.responses[0]!.partitionResponses[0]!;
    assert.equal(pr.errorCode, 0);
    assert.equal(pr.baseOffset, 0);
    const fetched = await conn.send(
      1,
      fetchRequestOf([{ topic, partition: p.partitionIndex, offset: 0, partitionMaxBytes: 1 << 20 }], {
        maxWaitMs: 100,
        maxBytes: 1 << 20,
      }),
    );
    const fp = fetched.responses[0]!.partitions[0]!;
    assert.equal(fp.errorCode, 0);
    assert.equal(fp.highWatermark, 2);
    const values = decodeRecords(fp.records!).map((r) => r.value?.toString());
    assert.deepEqual(values, [`hello-${p.partitionIndex}`, 'world']);
  }
  for (const c of connections.values()) c.close();
  bootstrap.close();
}

describe('Cluster with clients (real ports)', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-cluster-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves CreateTopics, Metadata, acks=all Produce and Fetch to in-process clients on a 3-broker cluster', async () => {
    const cluster = await Cluster.start({ brokers: 3, dataDir: dir });
    try {
      await produceAndFetch(cluster.connectionFactory(), 'in-process');
    } finally {
      await cluster.stop();
    }
  });

  it('serves the same over the Kafka protocol on TCP listeners, and a restart recovers the records from disk', async () => {
    const basePort = await freePortRange(1);
    const cluster = await Cluster.start({ brokers: 1, dataDir: dir, basePort });
    try {
      assert.deepEqual(cluster.bootstrapServers(), [`127.0.0.1:${basePort}`]);
      await produceAndFetch(
        new TcpConnectionFactory({ bootstrapServers: cluster.bootstrapServers() }),
        'tcp',
      );
    } finally {
      await cluster.stop();
    }
    const again = await Cluster.start({ brokers: 1, dataDir: dir });
    try {
      const log = again.broker(1).logManager.getLog('tcp', 0)!;
      assert.equal(log.logEndOffset, 2);
      assert.ok(again.broker(1).metadata().topicsByName.has('tcp'));
    } finally {
      await again.stop();
    }
  });
});
