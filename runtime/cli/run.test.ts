import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { Serdes } from '../../core/serdes/index.ts';
import { KafkaError } from '../../core/errors/index.ts';
import { Cluster } from '../cluster/index.ts';
import { TopicReader, produceStrings } from '../streams/streams-test-support.ts';
import { createApp, loadAppModule, parseConfigs, runApp } from './run.ts';
import { freePortRange } from '../compat/compat-support.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const wordcount = path.join(here, '..', '..', 'examples', 'wordcount.ts');

describe('tributary run', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-run-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("loads a module's topology function and its config (the WordCount example)", async () => {
    const loaded = await loadAppModule(wordcount);
    assert.equal(loaded.config['application.id'], 'wordcount');
    const described = loaded.topology.describe().toString();
    assert.match(described, /Processor: KSTREAM-AGGREGATE-\d+ \(stores: \[counts-store\]\)/);
    assert.match(described, /Sink: KSTREAM-SINK-\d+ \(topic: streams-wordcount-output\)/);
  });

  it('refuses a module that exports no topology, naming what to export', async () => {
    const file = path.join(dir, 'empty.mjs');
    fs.writeFileSync(file, 'export const config = {};\n');
    await assert.rejects(loadAppModule(file), (e: unknown) => {
      assert.ok(KafkaError.is(e, 'INVALID_CONFIG'));
      assert.match((e as Error).message, /exports no topology/);
      return true;
    });
  });

  it('parses --config key=value pairs into numbers, booleans and strings, and refuses a pair without =', () => {
    assert.deepEqual(parseConfigs(['commit.interval.ms=100', 'client.id=x', 'a=true', 'b=']), {
      'commit.interval.ms': 100,
      'client.id': 'x',
      a: true,
      b: '',
    });
    assert.throws(() => parseConfigs(['nope']), /key=value/);
  });

  it('runs the WordCount example over TCP against a cluster until stopped, counting every word', async () => {
    const basePort = await freePortRange(1);
    const cluster = await Cluster.start({ brokers: 1, dataDir: dir, basePort });
    try {
      await cluster.createTopic('streams-plaintext-input', { partitions: 2 });
      await cluster.createTopic('streams-wordcount-output', { partitions: 2 });
      await produceStrings(cluster, 'streams-plaintext-input', [
        { key: 'a', value: 'all streams lead to kafka' },
        { key: 'b', value: 'hello kafka streams' },
        { key: 'c', value: 'join kafka summit' },
      ]);
      const app = await createApp({
        module: wordcount,
        bootstrapServers: cluster.bootstrapServers().join(','),
        configs: ['commit.interval.ms=100'],
        logLevel: 'silent',
      });
      assert.equal(app.config.applicationId, 'wordcount');
      const reader = await TopicReader.open(
        cluster,
        'streams-wordcount-output',
        2,
        Serdes.Long().deserializer,
      );
      const latest = (): Map<string, string> => new Map(reader.records.map((r) => [r.key, r.value]));
      const counted = reader.readUntil(() => latest().get('kafka') === '3' && latest().size === 8, 60_000);
      await runApp(app, counted, pino({ level: 'silent' }));
      assert.equal(app.state, 'NOT_RUNNING');
      assert.deepEqual(Object.fromEntries([...latest()].sort()), {
        all: '1',
        hello: '1',
        join: '1',
        kafka: '3',
        lead: '1',
        streams: '2',
        summit: '1',
        to: '1',
      });
      await reader.close();
    } finally {
      await cluster.stop();
    }
  });
});
