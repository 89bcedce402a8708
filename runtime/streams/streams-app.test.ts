/**
 * StreamsApp on an in-process 3-broker Cluster on simulated ports: stream threads, task actors,
 * internal topics, rebalances between instances and crash recovery, checked on the output topic.
 */
import assert from 'node:assert/strict';
import { Serdes } from '../../core/serdes/index.ts';
import { Admin } from '../../actors/client/index.ts';
import type { Cluster } from '../cluster/index.ts';
import { StreamsApp, type StreamsAppConfig, type StreamsAppState } from './streams-app.ts';
import { closeAppsAndStop, simulatedAppConfig, startSimulatedCluster } from './cluster-test-support.ts';
import {
  TopicReader,
  countOf,
  produceStrings,
  upperCaseTopology,
  wordCountTopology,
  type KeyValueString,
} from './streams-test-support.ts';

function inputs(n: number, tag = 'v'): KeyValueString[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `k${i % 7}`,
    value: i % 10 === 3 ? `${tag}${i}-drop` : `${tag}${i}`,
  }));
}

function expectedOutputs(records: readonly KeyValueString[]): string[] {
  return records.filter((r) => !r.value.includes('drop')).map((r) => `${r.key}=${r.value.toUpperCase()}`);
}

function appConfig(cluster: Cluster, overrides: Partial<StreamsAppConfig> = {}): StreamsAppConfig {
  return simulatedAppConfig(cluster, { 'application.id': 'upper', ...overrides });
}

describe('StreamsApp on a simulated 3-broker cluster', function () {
  this.timeout(300_000);
  let cluster: Cluster;
  const apps: StreamsApp[] = [];

  beforeEach(async () => {
    cluster = await startSimulatedCluster(11, { input: 3, output: 3 });
  });

  afterEach(async () => {
    await closeAppsAndStop(cluster, apps);
  });

  function newApp(config: StreamsAppConfig, topology = upperCaseTopology()): StreamsApp {
    const app = new StreamsApp(topology, config);
    apps.push(app);
    return app;
  }

  it('processes every input exactly once without failures, going CREATED -> REBALANCING -> RUNNING -> PENDING_SHUTDOWN -> NOT_RUNNING', async () => {
    const records = inputs(300);
    await produceStrings(cluster, 'input', records);
    const app = newApp(appConfig(cluster, { 'num.stream.threads': 2 }));
    const states: string[] = [];
    app.on('stateChange', (s: StreamsAppState, p: StreamsAppState) => states.push(`${p}>${s}`));
    await cluster.run(app.start());
    const reader = await TopicReader.open(cluster, 'output', 3);
    const expected = expectedOutputs(records);
    await reader.readUntil((rs) => rs.length >= expected.length);
    await cluster.waitFor(() => app.state === 'RUNNING', 60_000, 'app RUNNING');
    const tasks = app.metadataForLocalThreads().flatMap((t) => t.activeTasks);
    assert.deepEqual(tasks.sort(), ['0_0', '0_1', '0_2']);
    await reader.drainFor(2000);
    const got = reader.records.map((r) => `${r.key}=${r.value}`);
    assert.deepEqual([...got].sort(), [...expected].sort());
    await cluster.run(app.close());
    await reader.close();
    assert.equal(app.state, 'NOT_RUNNING');
    assert.deepEqual(states.slice(0, 2), ['CREATED>REBALANCING', 'REBALANCING>RUNNING']);
    assert.deepEqual(states.slice(-2), ['RUNNING>PENDING_SHUTDOWN', 'PENDING_SHUTDOWN>NOT_RUNNING']);
  });

  it('delivers every output at least once when a task crashes: the supervisor restarts it and the thread replays from the committed offsets', async () => {
    const records = inputs(300);
    await produceStrings(cluster, 'input', records);
    let thrown = 0;
    const topology = upperCaseTopology('input', 'output', (_k, v) => {
      if (v === 'v150' && thrown === 0) {
        thrown++;
        throw new Error('injected processing failure');
      }
    });
    const app = newApp(appConfig(cluster), topology);
    await cluster.run(app.start());
    const reader = await TopicReader.open(cluster, 'output', 3);
    const expected = expectedOutputs(records);
    const seen = (rs: readonly KeyValueString[]): Set<string> =>
      new Set(rs.map((r) => `${r.key}=${r.value}`));
    await reader.readUntil((rs) => expected.every((e) => seen(rs).has(e)));
    await cluster.waitFor(() => app.state === 'RUNNING', 60_000, 'app RUNNING again');
    assert.equal(thrown, 1);
    assert.equal(app.stats.taskErrors, 1);
    assert.equal(app.stats.threadDeaths, 0);
    const got = countOf(reader.records.map((r) => `${r.key}=${r.value}`));
    for (const e of expected) assert.ok((got.get(e) ?? 0) >= 1, `${e} missing`);
    assert.equal(got.size, expected.length, 'nothing but the expected outputs');
    await reader.close();
  });

  it('replaces a dead thread when the handler says REPLACE_THREAD (task restarts beyond the intensity kill the thread) and still delivers every output', async () => {
    const records = inputs(200);
    await produceStrings(cluster, 'input', records);
    let thrown = 0;
    const topology = upperCaseTopology('input', 'output', (_k, v) => {
      if (v === 'v120' && thrown < 6) {
        thrown++;
        throw new Error(`injected failure ${thrown}`);
      }
    });
    const app = newApp(appConfig(cluster), topology);
    const errors: unknown[] = [];
    app.setUncaughtExceptionHandler((error) => {
      errors.push(error);
      return 'REPLACE_THREAD';
    });
    await cluster.run(app.start());
    const reader = await TopicReader.open(cluster, 'output', 3);
    const expected = expectedOutputs(records);
    await reader.readUntil((rs) => {
      const seen = new Set(rs.map((r) => `${r.key}=${r.value}`));
      return expected.every((e) => seen.has(e));
    });
    await cluster.waitFor(() => app.state === 'RUNNING', 60_000, 'app RUNNING again');
    assert.equal(thrown, 6);
    assert.equal(app.stats.threadDeaths, 1);
    assert.equal(app.stats.threadsReplaced, 1);
    assert.equal(errors.length, 1);
    assert.match(String(errors[0]), /injected failure 6/);
    const threads = app.metadataForLocalThreads();
    assert.deepEqual(
      threads.map((t) => t.threadName.replace(/.*\//, '')),
      ['StreamThread-2'],
    );
    assert.deepEqual([...threads[0]!.activeTasks], ['0_0', '0_1', '0_2']);
    await reader.close();
  });

  it('ends in ERROR when a thread dies under the default handler (SHUTDOWN_CLIENT)', async () => {
    await produceStrings(cluster, 'input', inputs(20));
    const topology = upperCaseTopology('input', 'output', () => {
      throw new Error('always fails');
    });
    const app = newApp(appConfig(cluster), topology);
    const states: StreamsAppState[] = [];
    app.on('stateChange', (s: StreamsAppState) => states.push(s));
    await cluster.run(app.start());
    await cluster.waitFor(() => app.state === 'ERROR', 120_000, 'app ERROR');
    assert.deepEqual(states.slice(-2), ['PENDING_ERROR', 'ERROR']);
    assert.equal(app.stats.threadDeaths, 1);
    assert.deepEqual(app.metadataForLocalThreads(), []);
  });

  it('splits the tasks between two instances, and a leaving instance hands its tasks over without losing or repeating output', async () => {
    const first = inputs(150, 'a');
    await produceStrings(cluster, 'input', first);
    const a = newApp(appConfig(cluster));
    const b = newApp(appConfig(cluster));
    await cluster.run(Promise.all([a.start(), b.start()]));
    const reader = await TopicReader.open(cluster, 'output', 3);
    await reader.readUntil((rs) => rs.length >= expectedOutputs(first).length);
    const tasksOf = (app: StreamsApp): string[] =>
      app.metadataForLocalThreads().flatMap((t) => t.activeTasks);
    await cluster.waitFor(
      () => a.state === 'RUNNING' && b.state === 'RUNNING' && tasksOf(a).length + tasksOf(b).length === 3,
      60_000,
      'both instances RUNNING with all tasks',
    );
    assert.deepEqual([...tasksOf(a), ...tasksOf(b)].sort(), ['0_0', '0_1', '0_2']);
    assert.ok(tasksOf(a).length >= 1 && tasksOf(b).length >= 1, `a=${tasksOf(a)} b=${tasksOf(b)}`);

    await cluster.run(a.close());
    assert.equal(a.state, 'NOT_RUNNING');
    await cluster.waitFor(
      () => b.state === 'RUNNING' && tasksOf(b).length === 3,
      60_000,
      'b takes every task over',
    );
    const second = inputs(150, 'b');
    await produceStrings(cluster, 'input', second);
    const expected = [...expectedOutputs(first), ...expectedOutputs(second)];
    await reader.readUntil((rs) => rs.length >= expected.length);
    await reader.drainFor(2000);
    assert.deepEqual(reader.records.map((r) => `${r.key}=${r.value}`).sort(), [...expected].sort());
    await reader.close();
  });

  it('creates the repartition and compacted changelog topics, counts words exactly, and restores the counts from the changelog when the task moves', async () => {
    await cluster.createTopic('lines', { partitions: 3, replicationFactor: 3 });
    await cluster.createTopic('counts', { partitions: 3, replicationFactor: 3 });
    const lines = (tag: string): KeyValueString[] =>
      Array.from({ length: 30 }, (_, i) => ({ key: `l${i}`, value: `alpha beta ${tag} w${i % 5}` }));
    await produceStrings(cluster, 'lines', lines('one'));
    const config = appConfig(cluster, { 'application.id': 'wordcount' });
    const a = newApp(config, wordCountTopology());
    await cluster.run(a.start());
    const admin = new Admin(cluster.connectionFactory(), { clock: cluster.clock });
    try {
      const topics = (await cluster.run(admin.listTopics())).filter((t) => t.startsWith('wordcount-')).sort();
      assert.deepEqual(topics, ['wordcount-counts-store-changelog', 'wordcount-counts-store-repartition']);
      const described = await cluster.run(admin.describeTopics(topics));
      assert.deepEqual(
        described.map((d) => d.partitions.length),
        [3, 3],
      );
      const [changelog] = await cluster.run(
        admin.describeConfigs([{ type: 'topic', name: 'wordcount-counts-store-changelog' }]),
      );
      const policy = changelog!.configEntries.find((c) => c.name === 'cleanup.policy');
      assert.equal(policy?.value, 'compact');
    } finally {
      await admin.close();
    }
    const reader = await TopicReader.open(cluster, 'counts', 3, Serdes.Long().deserializer);
    const latest = (): Map<string, string> => new Map(reader.records.map((r) => [r.key, r.value]));
    await reader.readUntil(() => latest().get('alpha') === '30');
    // A second instance joins and takes tasks over: their stores restore from the changelog.
    const b = newApp(config, wordCountTopology());
    await cluster.run(b.start());
    const tasksOf = (app: StreamsApp): string[] =>
      app.metadataForLocalThreads().flatMap((t) => t.activeTasks);
    await cluster.waitFor(
      () => b.state === 'RUNNING' && tasksOf(b).length >= 1 && a.state === 'RUNNING',
      60_000,
      'b runs tasks',
    );
    await cluster.run(a.close());
    await produceStrings(cluster, 'lines', lines('two'));
    const expected = new Map([
      ['alpha', '60'],
      ['beta', '60'],
      ['one', '30'],
      ['two', '30'],
      ...Array.from({ length: 5 }, (_, w): [string, string] => [`w${w}`, '12']),
    ]);
    const matches = (): boolean => [...expected].every(([k, v]) => latest().get(k) === v);
    await reader.readUntil(matches);
    await reader.drainFor(2000);
    assert.deepEqual(latest(), expected);
    await reader.close();
  });
});
