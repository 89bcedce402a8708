/**
 * StreamsApp's exception handlers on an in-process 3-broker Cluster on simulated ports: the
 * deserialization exception handler (log-and-fail, log-and-continue, dead-letter queue) and the
 * uncaught-exception handler's SHUTDOWN_APPLICATION across instances.
 */
import assert from 'node:assert/strict';
import type { Cluster } from '../cluster/index.ts';
import { deadLetterQueueHeaders } from '../../actors/streams/index.ts';
import { StreamsApp, type StreamsAppConfig, type StreamsAppState } from './streams-app.ts';
import { closeAppsAndStop, simulatedAppConfig, startSimulatedCluster } from './cluster-test-support.ts';
import {
  TopicReader,
  doublingTopology,
  longBytes,
  produceRaw,
  produceStrings,
  readRaw,
  upperCaseTopology,
  type RawRecord,
} from './streams-test-support.ts';

function appConfig(cluster: Cluster, overrides: Partial<StreamsAppConfig> = {}): StreamsAppConfig {
  return simulatedAppConfig(cluster, { 'application.id': 'handlers', ...overrides });
}

/** 40 longs, with a 3-byte poison value (not a long) at every 10th position. */
function longsWithPoison(): RawRecord[] {
  return Array.from({ length: 40 }, (_, i) => ({
    key: `k${i}`,
    value: i % 10 === 4 ? Buffer.from('bad') : longBytes(i),
  }));
}

function header(r: RawRecord, key: string): string | undefined {
  const h = r.headers?.find((x) => x.key === key);
  return h?.value?.toString('utf8');
}

describe('StreamsApp exception handlers on a simulated 3-broker cluster', function () {
  this.timeout(300_000);
  let cluster: Cluster;
  const apps: StreamsApp[] = [];

  beforeEach(async () => {
    cluster = await startSimulatedCluster(17, { input: 3, output: 3 });
  });

  afterEach(async () => {
    await closeAppsAndStop(cluster, apps);
  });

  function newApp(config: StreamsAppConfig, topology = doublingTopology()): StreamsApp {
    const app = new StreamsApp(topology, config);
    apps.push(app);
    return app;
  }

  it('log-and-fail (the default): a record that cannot be deserialized kills the thread at once, without task restarts, and the app ends in ERROR', async () => {
    await produceRaw(cluster, 'input', longsWithPoison());
    const app = newApp(appConfig(cluster));
    const states: StreamsAppState[] = [];
    app.on('stateChange', (s: StreamsAppState) => states.push(s));
    await cluster.run(app.start());
    await cluster.waitFor(() => app.state === 'ERROR', 120_000, 'app ERROR');
    assert.deepEqual(states.slice(-2), ['PENDING_ERROR', 'ERROR']);
    assert.equal(app.stats.threadDeaths, 1);
    // At most one failure per task (3 tasks): no incarnation was restarted to replay its poison record.
    assert.ok(app.stats.deserializationErrors >= 1 && app.stats.deserializationErrors <= 3);
    assert.equal(app.stats.taskErrors, app.stats.deserializationErrors);
    assert.equal(app.stats.skippedRecords, 0);
  });

  it('log-and-continue: skips every record that cannot be deserialized, counts them, and processes all the others', async () => {
    const records = longsWithPoison();
    await produceRaw(cluster, 'input', records);
    const app = newApp(
      appConfig(cluster, { 'default.deserialization.exception.handler': 'LogAndContinueExceptionHandler' }),
    );
    await cluster.run(app.start());
    const reader = await TopicReader.open(cluster, 'output', 3);
    const expected = records
      .map((r, i) => ({ r, i }))
      .filter(({ i }) => i % 10 !== 4)
      .map(({ r, i }) => `${r.key}=${i * 2}`);
    await reader.readUntil((rs) => rs.length >= expected.length);
    await reader.drainFor(1000);
    assert.deepEqual(reader.records.map((r) => `${r.key}=${r.value}`).sort(), [...expected].sort());
    assert.equal(app.stats.skippedRecords, 4);
    assert.equal(app.stats.deserializationErrors, 4);
    assert.equal(app.stats.threadDeaths, 0);
    assert.equal(app.stats.taskErrors, 0);
    await reader.close();
  });

  it('a handler function decides per record, and with a dead-letter topic every failed record is written there raw with headers saying why and where it came from', async () => {
    await cluster.createTopic('input-dlq', { partitions: 1, replicationFactor: 3 });
    const records = longsWithPoison();
    await produceRaw(cluster, 'input', records);
    const seen: string[] = [];
    const app = newApp(
      appConfig(cluster, {
        'default.deserialization.exception.handler': (error, record) => {
          seen.push(`${record.topic}:${error.name}`);
          return 'CONTINUE';
        },
        'errors.dead.letter.queue.topic.name': 'input-dlq',
      }),
    );
    await cluster.run(app.start());
    const dead = await readRaw(cluster, 'input-dlq', 1, 4);
    assert.deepEqual(dead.map((r) => r.key).sort(), ['k14', 'k24', 'k34', 'k4']);
    for (const r of dead) {
      assert.deepEqual(r.value, Buffer.from('bad'));
      assert.equal(header(r, deadLetterQueueHeaders.exception), 'DeserializationError');
      assert.match(header(r, deadLetterQueueHeaders.message) ?? '', /a long needs 8 bytes, got 3/);
      assert.equal(header(r, deadLetterQueueHeaders.topic), 'input');
      const partition = Number(header(r, deadLetterQueueHeaders.partition));
      const offset = Number(header(r, deadLetterQueueHeaders.offset));
      assert.ok(partition >= 0 && partition < 3 && offset >= 0, `partition ${partition} offset ${offset}`);
    }
    assert.deepEqual(seen, Array(4).fill('input:DeserializationError'));
    const reader = await TopicReader.open(cluster, 'output', 3);
    await reader.readUntil((rs) => rs.length >= 36);
    await reader.close();
    assert.equal(app.stats.skippedRecords, 4);
  });

  it('SHUTDOWN_APPLICATION: a thread dying in one instance shuts down every instance of the application through the group, all ending in ERROR', async () => {
    let failing = false;
    const topology = (): ReturnType<typeof upperCaseTopology> =>
      upperCaseTopology('input', 'output', (_k, v) => {
        if (failing && v === 'boom') throw new Error('boom');
      });
    const config = appConfig(cluster, { 'application.id': 'shutdown-app' });
    const a = newApp(config, topology());
    const b = newApp(config, topology());
    const c = newApp(config, topology());
    const responses: string[] = [];
    for (const app of [a, b, c])
      app.setUncaughtExceptionHandler(() => {
        responses.push('SHUTDOWN_APPLICATION');
        return 'SHUTDOWN_APPLICATION';
      });
    await cluster.run(Promise.all([a.start(), b.start(), c.start()]));
    await cluster.waitFor(
      () => [a, b, c].every((x) => x.state === 'RUNNING'),
      60_000,
      'three instances RUNNING',
    );
    failing = true;
    // One poison record: its task fails on every restart until its thread dies.
    await produceStrings(cluster, 'input', [{ key: 'x', value: 'boom', partition: 0 }]);
    await cluster.waitFor(
      () => [a, b, c].every((x) => x.state === 'ERROR'),
      120_000,
      'every instance in ERROR',
    );
    assert.equal(responses.length, 1);
  });

  it('SHUTDOWN_APPLICATION with live threads left: a surviving thread of the failing instance carries the request, and both instances end in ERROR', async () => {
    let failing = false;
    const topology = (): ReturnType<typeof upperCaseTopology> =>
      upperCaseTopology('input', 'output', (_k, v) => {
        if (failing && v === 'boom') throw new Error('boom');
      });
    const config = appConfig(cluster, { 'application.id': 'shutdown-app-2', 'num.stream.threads': 2 });
    const a = newApp(config, topology());
    const b = newApp(config, topology());
    const responses: string[] = [];
    for (const app of [a, b])
      app.setUncaughtExceptionHandler(() => {
        responses.push('SHUTDOWN_APPLICATION');
        return 'SHUTDOWN_APPLICATION';
      });
    await cluster.run(Promise.all([a.start(), b.start()]));
    await cluster.waitFor(() => [a, b].every((x) => x.state === 'RUNNING'), 60_000, 'two instances RUNNING');
    failing = true;
    // One poison record: its task fails on every restart until its thread dies.
    await produceStrings(cluster, 'input', [{ key: 'x', value: 'boom', partition: 0 }]);
    await cluster.waitFor(() => [a, b].every((x) => x.state === 'ERROR'), 120_000, 'every instance in ERROR');
    assert.equal(responses.length, 1);
  });
});
