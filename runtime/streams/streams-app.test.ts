/**
 * StreamsApp on an in-process 3-broker Cluster on simulated ports: stream threads, task actors,
 * internal topics, rebalances between instances and crash recovery, checked on the output topic.
 */
import assert from 'node:assert/strict';
import { Serdes } from '../../core/serdes/index.ts';
import { Consumed, Grouped, Materialized, Produced, StreamsBuilder } from '../../dsl/index.ts';
import { Admin } from '../../actors/client/index.ts';
import { Cluster } from '../cluster/index.ts';
import { StreamsApp, type StreamsAppConfig, type StreamsAppState } from './streams-app.ts';
import {
  TopicReader,
  countOf,
  produceStrings,
  upperCaseTopology,
  type KeyValueString,
} from './streams-test-support.ts';

/**
 * Whole-millisecond network delays: with fractional ones the simulated clock reads fractional times,
 * and the group coordinator writes `now` as an int64 commit timestamp, which it then refuses to encode
 * (reported as a coordinator issue).
 */
const integralDelays = { minDelayMs: 1, maxDelayMs: 1 };

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
  return {
    'application.id': 'upper',
    'commit.interval.ms': 200,
    'consumer.session.timeout.ms': 6000,
    'consumer.heartbeat.interval.ms': 1000,
    connectionFactory: cluster.connectionFactory(),
    clock: cluster.clock,
    random: cluster.random,
    ...overrides,
  };
}

describe('StreamsApp on a simulated 3-broker cluster', function () {
  this.timeout(300_000);
  let cluster: Cluster;
  const apps: StreamsApp[] = [];

  beforeEach(async () => {
    cluster = await Cluster.start({ brokers: 3, simulated: { seed: 11, network: integralDelays } });
    await cluster.createTopic('input', { partitions: 3, replicationFactor: 3 });
    await cluster.createTopic('output', { partitions: 3, replicationFactor: 3 });
  });

  afterEach(async () => {
    for (const app of apps.splice(0)) await cluster.run(app.close());
    await cluster.stop();
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
});
