// Advertised listeners: the hosts and ports Metadata hands clients can differ from where the brokers
// listen (port forwarding, containers), per broker.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import { freePortRange } from '../compat/compat-support.ts';
import { TcpConnectionFactory } from '../network/index.ts';
import { Cluster, type ClusterOptions } from './cluster.ts';

/** The brokers (node id, host, port) of a Metadata v8 response read from the listener at `port`. */
async function metadataBrokers(port: number): Promise<Array<[number, string, number]>> {
  const factory = new TcpConnectionFactory({ bootstrapServers: [`127.0.0.1:${port}`] });
  const conn = await factory.connect(factory.bootstrap()[0]!, { clientId: 'advertised-test' });
  try {
    const meta = await conn.send(3, {
      topics: [],
      allowAutoTopicCreation: false,
      includeClusterAuthorizedOperations: false,
      includeTopicAuthorizedOperations: false,
    });
    return meta.brokers
      .map((b) => [b.nodeId, b.host, b.port] as [number, string, number])
      .sort((x, y) => x[0] - y[0]);
  } finally {
    conn.close();
  }
}

describe('Cluster advertised listeners', function () {
  this.timeout(60_000);
  let cluster: Cluster | undefined;
  let dataDir = '';

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-advertised-'));
  });
  afterEach(async () => {
    await cluster?.stop();
    cluster = undefined;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(options: Omit<ClusterOptions, 'dataDir' | 'basePort'>): Promise<number> {
    const basePort = await freePortRange(2);
    cluster = await Cluster.start({ brokers: 2, dataDir, basePort, onError: () => {}, ...options });
    return basePort;
  }

  it('advertises advertisedHost with each listener port when only the host is given', async () => {
    const basePort = await start({ advertisedHost: 'broker.example.test' });
    const ids = cluster!
      .bootstrapAddresses()
      .map((a) => a.nodeId)
      .sort((x, y) => x - y);
    assert.deepEqual(await metadataBrokers(basePort + 1), [
      [ids[0]!, 'broker.example.test', basePort],
      [ids[1]!, 'broker.example.test', basePort + 1],
    ]);
    assert.deepEqual(cluster!.bootstrapServers().sort(), [
      `broker.example.test:${basePort}`,
      `broker.example.test:${basePort + 1}`,
    ]);
  });

  it('advertises the port advertisedPort gives each broker while listening on basePort + i', async () => {
    const basePort = await start({ advertisedHost: 'localhost', advertisedPort: (i) => 39_092 + 10 * i });
    const ids = cluster!
      .bootstrapAddresses()
      .map((a) => a.nodeId)
      .sort((x, y) => x - y);
    const expected = [
      [ids[0]!, 'localhost', 39_092],
      [ids[1]!, 'localhost', 39_102],
    ];
    assert.deepEqual(await metadataBrokers(basePort), expected);
    assert.deepEqual(await metadataBrokers(basePort + 1), expected);
  });

  it('refuses an advertised port outside 1..65535', async () => {
    await assert.rejects(
      start({ advertisedPort: () => 70_000 }),
      (err: unknown) => err instanceof KafkaError && err.code === ErrorCode.INVALID_CONFIG,
    );
  });
});
