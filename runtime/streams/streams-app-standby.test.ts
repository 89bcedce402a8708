/**
 * Standby replicas in a StreamsApp on an in-process 3-broker Cluster on simulated ports: the assignor
 * places a standby of each task on another instance, the standby follows the changelog, and on
 * failover the new active task restores only what the standby had not applied yet.
 */
import assert from 'node:assert/strict';
import { Serdes } from '../../core/serdes/index.ts';
import { Consumed, Materialized, Produced, StreamsBuilder, type Topology } from '../../dsl/index.ts';
import type { StateRestoreListener } from '../../actors/streams/index.ts';
import type { Cluster } from '../cluster/index.ts';
import { StreamsApp } from './streams-app.ts';
import { closeAppsAndStop, simulatedAppConfig, startSimulatedCluster } from './cluster-test-support.ts';
import { TopicReader, produceStrings, type KeyValueString } from './streams-test-support.ts';

const S = Serdes.String();

/** input -> groupByKey -> count (in-memory store "counts") -> output (String, Long). */
function countTopology(): Topology {
  const b = new StreamsBuilder();
  b.stream<string, string>('input', Consumed.with(S, S))
    .groupByKey()
    .count(Materialized.as<string, number>('counts'))
    .toStream()
    .to('output', Produced.with(S, Serdes.Long()));
  return b.build();
}

interface Restore {
  readonly start: number;
  readonly end: number;
  restored: number;
}

function listener(events: Restore[]): StateRestoreListener {
  return {
    onRestoreStart: (_tp, _store, start, end) => events.push({ start, end, restored: -1 }),
    onRestoreEnd: (_tp, _store, total) => {
      events[events.length - 1]!.restored = total;
    },
  };
}

function words(n: number, tag: string): KeyValueString[] {
  return Array.from({ length: n }, (_, i) => ({ key: `w${i % 5}`, value: `${tag}${i}` }));
}

describe('StreamsApp standby replicas on a simulated 3-broker cluster', function () {
  this.timeout(300_000);
  let cluster: Cluster;
  const apps: StreamsApp[] = [];

  beforeEach(async () => {
    cluster = await startSimulatedCluster(31, { input: 1, output: 1 });
  });

  afterEach(async () => {
    await closeAppsAndStop(cluster, apps);
  });

  function newApp(standbys: number, events: Restore[]): StreamsApp {
    const config = simulatedAppConfig(cluster, {
      'application.id': 'standby',
      // Every update reaches the output and the changelog (no record cache), which the offsets below count.
      'statestore.cache.max.bytes': 0,
      'num.standby.replicas': standbys,
    });
    const app = new StreamsApp(countTopology(), config);
    app.setGlobalStateRestoreListener(listener(events));
    apps.push(app);
    return app;
  }

  const active = (app: StreamsApp): string[] => app.metadataForLocalThreads().flatMap((t) => t.activeTasks);
  const standby = (app: StreamsApp): string[] => app.metadataForLocalThreads().flatMap((t) => t.standbyTasks);

  it('keeps a warm standby on the other instance, and on failover the new active restores only the tail the standby had not seen', async () => {
    const aEvents: Restore[] = [];
    const bEvents: Restore[] = [];
    const a = newApp(1, aEvents);
    await cluster.run(a.start());
    await cluster.waitFor(() => a.state === 'RUNNING' && active(a).length === 1, 60_000, 'a RUNNING');
    const b = newApp(1, bEvents);
    await cluster.run(b.start());
    await cluster.waitFor(
      () => b.state === 'RUNNING' && a.state === 'RUNNING' && standby(b).length === 1,
      60_000,
      'b RUNNING with a standby',
    );
    assert.deepEqual(active(a), ['0_0']);
    assert.deepEqual(standby(a), [], 'no standby on the instance running the active task');
    assert.deepEqual(active(b), []);
    assert.deepEqual(standby(b), ['0_0']);

    const reader = await TopicReader.open(cluster, 'output', 1, Serdes.Long().deserializer);
    await produceStrings(cluster, 'input', words(20, 'a'));
    await reader.readUntil((rs) => rs.length >= 20);
    // Let the standby catch up with the 20 changelog records.
    await reader.drainFor(2000);

    await cluster.run(a.close());
    await cluster.waitFor(() => b.state === 'RUNNING' && active(b).length === 1, 60_000, 'b takes over');
    assert.deepEqual(standby(b), []);
    assert.deepEqual(
      bEvents.map((e) => [e.start, e.end, e.restored]),
      [[20, 20, 0]],
      'b restored nothing: its standby had applied offsets 0..19',
    );
    await produceStrings(cluster, 'input', words(5, 'b'));
    await reader.readUntil((rs) => rs.length >= 25);
    const last = new Map(reader.records.map((r) => [r.key, r.value]));
    assert.deepEqual(
      [...last].sort(),
      ['w0', 'w1', 'w2', 'w3', 'w4'].map((w) => [w, '5']),
    );
    await reader.close();
  });

  it('without standbys (num.standby.replicas 0) the instance taking over restores the whole changelog', async () => {
    const bEvents: Restore[] = [];
    const a = newApp(0, []);
    await cluster.run(a.start());
    await cluster.waitFor(() => a.state === 'RUNNING' && active(a).length === 1, 60_000, 'a RUNNING');
    const b = newApp(0, bEvents);
    await cluster.run(b.start());
    await cluster.waitFor(() => b.state === 'RUNNING' && a.state === 'RUNNING', 60_000, 'both RUNNING');
    assert.deepEqual(standby(b), []);
    const reader = await TopicReader.open(cluster, 'output', 1, Serdes.Long().deserializer);
    await produceStrings(cluster, 'input', words(20, 'a'));
    await reader.readUntil((rs) => rs.length >= 20);
    await cluster.run(a.close());
    await cluster.waitFor(() => b.state === 'RUNNING' && active(b).length === 1, 60_000, 'b takes over');
    assert.deepEqual(
      bEvents.map((e) => [e.start, e.end, e.restored]),
      [[0, 20, 20]],
    );
    await reader.close();
  });
});
