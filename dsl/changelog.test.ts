import assert from 'node:assert/strict';
import { Serdes } from '../core/serdes/index.ts';
import {
  Consumed,
  Materialized,
  StoreType,
  StreamsBuilder,
  TopologyTask,
  TopologyTestDriver,
  type TaskInputRecord,
  type TaskOutputRecord,
  type TimestampedKeyValueStore,
  type Topology,
} from './index.ts';

const S = Serdes.String();
const L = Serdes.Long();

function countTopology(materialized: Materialized<string, number>): Topology {
  const b = new StreamsBuilder();
  b.stream('words', Consumed.with(S, S)).groupByKey().count(materialized);
  return b.build();
}

function input(offset: number, key: string, timestamp: number): TaskInputRecord {
  return {
    topic: 'words',
    partition: 3,
    offset,
    timestamp,
    key: Buffer.from(key),
    value: Buffer.from('x'),
    headers: [],
  };
}

function runTask(topology: Topology, keys: readonly string[], options: { stateDir?: string } = {}) {
  const out: TaskOutputRecord[] = [];
  const task = new TopologyTask(topology, 0, {
    applicationId: 'app',
    partition: 3,
    sink: (r) => out.push(r),
    wallClockMs: () => 0,
    stateDir: options.stateDir,
  });
  task.init();
  keys.forEach((k, i) => task.process(input(i, k, 1000 + i)));
  return { task, out };
}

describe('store changelogs', () => {
  it('every update goes to <application.id>-<store>-changelog with the new value and its timestamp', () => {
    const d = new TopologyTestDriver(countTopology(Materialized.as('counts')), { 'application.id': 'app' });
    const words = d.createInputTopic('words', S, S);
    words.pipeInput('a', 'x', 10);
    words.pipeInput('b', 'x', 11);
    words.pipeInput('a', 'x', 12);
    const changelog = d.createOutputTopic('app-counts-changelog', S, L).readRecordsToList();
    assert.deepEqual(
      changelog.map((r) => [r.key, r.value, r.timestamp]),
      [
        ['a', 1, 10],
        ['b', 1, 11],
        ['a', 2, 12],
      ],
    );
  });

  it('writes changelog records to the task partition, through the task sink', () => {
    const { task, out } = runTask(countTopology(Materialized.as('counts')), ['a', 'b']);
    assert.deepEqual(Object.fromEntries(task.changelogTopics()), { counts: 'app-counts-changelog' });
    assert.deepEqual(
      out.map((r) => [r.topic, r.partitioner?.(8)]),
      [
        ['app-counts-changelog', 3],
        ['app-counts-changelog', 3],
      ],
    );
  });

  it('restoring a fresh task from the changelog rebuilds the same store, and counting continues from it', () => {
    const topology = countTopology(Materialized.as('counts'));
    const keys = ['a', 'b', 'a', 'c', 'a', 'b'];
    const first = runTask(topology, keys);
    const original = first.task.getStateStore('counts') as TimestampedKeyValueStore<string, number>;
    const logged: TaskOutputRecord[] = [];
    const restored = new TopologyTask(topology, 0, {
      applicationId: 'app',
      partition: 3,
      sink: (r) => logged.push(r),
      wallClockMs: () => 0,
    });
    restored.restore(
      'counts',
      first.out.filter((r) => r.topic === 'app-counts-changelog'),
    );
    assert.equal(logged.length, 0, 'restoring does not log again');
    const store = restored.getStateStore('counts') as TimestampedKeyValueStore<string, number>;
    assert.deepEqual([...store.all()], [...original.all()]);
    assert.equal(store.get('a')!.value, 3);
    assert.equal(store.get('a')!.timestamp, 1004);
    restored.process(input(6, 'a', 2000));
    assert.equal(L.deserializer('t', logged[0]!.value), 4);
  });

  it('restores an LMDB store from the changelog an in-memory store wrote (same bytes)', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'tributary-restore-'));
    try {
      const memory = runTask(countTopology(Materialized.as('counts')), ['x', 'y', 'x']);
      const persistent = countTopology(
        Materialized.as<string, number>('counts').withStoreType(StoreType.LMDB),
      );
      const task = new TopologyTask(persistent, 0, {
        applicationId: 'app',
        partition: 3,
        sink: () => undefined,
        wallClockMs: () => 0,
        stateDir: dir,
      });
      task.restore('counts', memory.out);
      const store = task.getStateStore('counts') as TimestampedKeyValueStore<string, number>;
      assert.equal(store.persistent, true);
      assert.deepEqual(
        [...store.all()].map((e) => [e.key, e.value.value]),
        [
          ['x', 2],
          ['y', 1],
        ],
      );
      task.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('withLoggingDisabled writes no changelog, declares no changelog topic, and cannot restore', () => {
    const topology = countTopology(Materialized.as<string, number>('counts').withLoggingDisabled());
    assert.equal(topology.internalTopics().size, 0);
    const { task, out } = runTask(topology, ['a']);
    assert.deepEqual(out, []);
    assert.throws(() => task.restore('counts', []), /not logged/);
  });

  it('passes logging config from Materialized to the changelog topic config', () => {
    const topology = countTopology(
      Materialized.as<string, number>('counts').withLoggingEnabled({ 'min.insync.replicas': '2' }),
    );
    assert.deepEqual(topology.internalTopics().get('counts-changelog')!.config, {
      'cleanup.policy': 'compact',
      'message.timestamp.type': 'CreateTime',
      'min.insync.replicas': '2',
    });
  });
});
