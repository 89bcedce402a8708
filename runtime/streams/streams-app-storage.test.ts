/**
 * StreamsApp on real storage and real time: a 3-broker Cluster with its logs on disk and TCP listeners,
 * the app reaching it through `bootstrap.servers` only (the path `tributary run` and any Kafka broker use).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Cluster } from '../cluster/index.ts';
import { StreamsApp } from './streams-app.ts';
import { TopicReader, produceStrings, upperCaseTopology } from './streams-test-support.ts';
import { freePortRange } from '../compat/compat-support.ts';

describe('StreamsApp on real storage over TCP', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-streams-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('processes every input of a 3-partition topic exactly once through bootstrap.servers', async () => {
    const basePort = await freePortRange(3);
    const cluster = await Cluster.start({ brokers: 3, dataDir: dir, basePort });
    let app: StreamsApp | undefined;
    try {
      await cluster.createTopic('input', { partitions: 3, replicationFactor: 3 });
      await cluster.createTopic('output', { partitions: 3, replicationFactor: 3 });
      const records = Array.from({ length: 200 }, (_, i) => ({
        key: `k${i % 11}`,
        value: i % 10 === 3 ? `v${i}-drop` : `v${i}`,
      }));
      await produceStrings(cluster, 'input', records);
      app = new StreamsApp(upperCaseTopology(), {
        'application.id': 'upper-tcp',
        'bootstrap.servers': cluster.bootstrapServers().join(','),
        'commit.interval.ms': 100,
        'num.stream.threads': 2,
      });
      await app.start();
      const reader = await TopicReader.open(cluster, 'output', 3);
      const expected = records
        .filter((r) => !r.value.includes('drop'))
        .map((r) => `${r.key}=${r.value.toUpperCase()}`);
      await reader.readUntil((rs) => rs.length >= expected.length, 60_000);
      await reader.drainFor(500);
      assert.deepEqual(reader.records.map((r) => `${r.key}=${r.value}`).sort(), expected.sort());
      await reader.close();
      await app.close();
      assert.equal(app.state, 'NOT_RUNNING');
    } finally {
      await app?.close();
      await cluster.stop();
    }
  });
});
