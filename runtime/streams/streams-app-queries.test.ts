/**
 * Interactive queries on a StreamsApp on an in-process 3-broker Cluster on simulated ports: read-only
 * views over the local active tasks' stores, typed errors while they are unavailable, and the metadata
 * (from the group's assignment) saying which instance hosts a key.
 */
import assert from 'node:assert/strict';
import { Serdes } from '../../core/serdes/index.ts';
import {
  Consumed,
  Grouped,
  Materialized,
  Produced,
  StreamsBuilder,
  TimeWindows,
  type Topology,
} from '../../dsl/index.ts';
import { partitionForKey } from '../../actors/client/index.ts';
import type { Cluster } from '../cluster/index.ts';
import {
  InvalidStateStoreException,
  QueryableStoreTypes,
  StateStoreNotAvailableException,
  StreamsNotStartedException,
  StreamsRebalancingException,
  UnknownStateStoreException,
} from './interactive-queries.ts';
import { StreamsApp, type StreamsAppConfig } from './streams-app.ts';
import { closeAppsAndStop, simulatedAppConfig, startSimulatedCluster } from './cluster-test-support.ts';
import { TopicReader, produceStrings, type KeyValueString } from './streams-test-support.ts';

const S = Serdes.String();

/** input -> groupByKey -> count ("counts") and a 1-minute windowed count ("windowed") -> outputs. */
function countsTopology(): Topology {
  const b = new StreamsBuilder();
  const grouped = b.stream<string, string>('input', Consumed.with(S, S)).groupByKey(Grouped.with(S, S));
  grouped
    .count(Materialized.as<string, number>('counts'))
    .toStream()
    .to('output', Produced.with(S, Serdes.Long()));
  grouped
    .windowedBy(TimeWindows.ofSizeWithNoGrace(60_000))
    .count(Materialized.as<string, number>('windowed'));
  return b.build();
}

function appConfig(cluster: Cluster, server: string): StreamsAppConfig {
  return simulatedAppConfig(cluster, {
    'application.id': 'queries',
    'application.server': server,
    // Every update reaches the output (no record cache): the test waits for each one.
    'statestore.cache.max.bytes': 0,
  });
}

function collect<K, V>(it: Iterator<{ key: K; value: V }> & { close(): void }): [K, V][] {
  const out: [K, V][] = [];
  for (let step = it.next(); step.done !== true; step = it.next())
    out.push([step.value.key, step.value.value]);
  it.close();
  return out;
}

describe('StreamsApp interactive queries on a simulated 3-broker cluster', function () {
  this.timeout(300_000);
  let cluster: Cluster;
  const apps: StreamsApp[] = [];

  beforeEach(async () => {
    cluster = await startSimulatedCluster(37, { input: 4, output: 4 });
  });

  afterEach(async () => {
    await closeAppsAndStop(cluster, apps);
  });

  it('answers get/range/all/approximateNumEntries and window fetches over the local tasks, and says which instance hosts each key', async () => {
    const records: KeyValueString[] = Array.from({ length: 60 }, (_, i) => ({
      key: `k${i % 12}`,
      value: `v${i}`,
    }));
    await produceStrings(cluster, 'input', records);
    const a = new StreamsApp(countsTopology(), appConfig(cluster, 'host-a:7001'));
    const b = new StreamsApp(countsTopology(), appConfig(cluster, 'host-b:7002'));
    apps.push(a, b);
    assert.throws(
      () => a.store('counts', QueryableStoreTypes.keyValueStore<string, number>()),
      StreamsNotStartedException,
    );
    const duringRebalance: string[] = [];
    a.on('stateChange', (state) => {
      if (state !== 'REBALANCING') return;
      try {
        a.store('counts', QueryableStoreTypes.keyValueStore<string, number>());
        duringRebalance.push('no error');
      } catch (e) {
        duringRebalance.push(e instanceof StreamsRebalancingException ? 'rebalancing' : String(e));
      }
    });
    await cluster.run(Promise.all([a.start(), b.start()]));
    const reader = await TopicReader.open(cluster, 'output', 4, Serdes.Long().deserializer);
    await reader.readUntil((rs) => rs.length >= 60);
    const tasks = (app: StreamsApp): string[] => app.metadataForLocalThreads().flatMap((t) => t.activeTasks);
    await cluster.waitFor(
      () =>
        a.state === 'RUNNING' &&
        b.state === 'RUNNING' &&
        tasks(a).length + tasks(b).length === 4 &&
        tasks(a).length > 0 &&
        tasks(b).length > 0,
      60_000,
      'both instances RUNNING with the 4 tasks split',
    );
    await reader.drainFor(1000);

    assert.ok(duringRebalance.length >= 1);
    assert.ok(
      duringRebalance.every((r) => r === 'rebalancing'),
      duringRebalance.join(),
    );
    const storeA = a.store('counts', QueryableStoreTypes.keyValueStore<string, number>());
    const storeB = b.store('counts', QueryableStoreTypes.keyValueStore<string, number>());
    const local = new Map([...collect(storeA.all()), ...collect(storeB.all())]);
    assert.equal(local.size, 12, 'every key is on exactly one instance');
    for (let k = 0; k < 12; k++) assert.equal(local.get(`k${k}`), 5);
    assert.equal(storeA.approximateNumEntries() + storeB.approximateNumEntries(), 12);
    assert.deepEqual(
      collect(storeA.range('k1', 'k3'))
        .concat(collect(storeB.range('k1', 'k3')))
        .map(([k]) => k)
        .sort(),
      ['k1', 'k10', 'k11', 'k2', 'k3'],
    );

    for (let k = 0; k < 12; k++) {
      const key = `k${k}`;
      const meta = a.queryMetadataForKey('counts', key, S.serializer);
      assert.deepEqual(meta, b.queryMetadataForKey('counts', key, S.serializer), 'both instances agree');
      assert.equal(meta.partition, partitionForKey(Buffer.from(key), 4));
      const owner = meta.activeHost.port === 7001 ? storeA : storeB;
      const other = owner === storeA ? storeB : storeA;
      assert.equal(owner.get(key), 5, `${key} is on ${meta.activeHost.host}`);
      assert.equal(other.get(key), null);
    }
    const all = a.metadataForAllStreamsClients();
    assert.deepEqual(
      all.map((m) => `${m.hostInfo.host}:${m.hostInfo.port}`),
      ['host-a:7001', 'host-b:7002'],
    );
    assert.equal(all.flatMap((m) => m.topicPartitions).length, 4);
    for (const m of all) assert.deepEqual(m.stateStoreNames, ['counts', 'windowed']);

    const windowsA = a.store('windowed', QueryableStoreTypes.windowStore<string, number>());
    const windowsB = b.store('windowed', QueryableStoreTypes.windowStore<string, number>());
    const fetched = [
      ...collect(windowsA.fetch('k0', 0, Number.MAX_SAFE_INTEGER)),
      ...collect(windowsB.fetch('k0', 0, Number.MAX_SAFE_INTEGER)),
    ];
    assert.equal(
      fetched.reduce((sum, [, n]) => sum + n, 0),
      5,
      'k0 counted 5 times across its windows',
    );

    assert.throws(
      () => a.store('counts', QueryableStoreTypes.windowStore<string, number>()).all(),
      (e: unknown) => e instanceof InvalidStateStoreException && /does not accept/.test((e as Error).message),
    );
    assert.throws(() => a.store('nope', QueryableStoreTypes.keyValueStore()), UnknownStateStoreException);

    await cluster.run(a.close());
    assert.throws(() => storeA.get('k0'), StateStoreNotAvailableException);
    await reader.close();
  });

  it('with the record cache on, queries see counts no commit has flushed yet, and the output gets one update per key when the app commits on close', async () => {
    const records: KeyValueString[] = Array.from({ length: 60 }, (_, i) => ({
      key: `k${i % 12}`,
      value: `v${i}`,
    }));
    await produceStrings(cluster, 'input', records);
    const app = new StreamsApp(countsTopology(), {
      ...appConfig(cluster, 'host-a:7001'),
      // No commit while the test looks: everything stays in the (default 10 MiB) cache.
      'commit.interval.ms': 3_600_000,
      'statestore.cache.max.bytes': 10 * 1024 * 1024,
    });
    apps.push(app);
    await cluster.run(app.start());
    const counts = (): Map<string, number> => {
      try {
        return new Map(
          collect(app.store('counts', QueryableStoreTypes.keyValueStore<string, number>()).all()),
        );
      } catch {
        return new Map(); // not queryable yet
      }
    };
    await cluster.waitFor(
      () => [...counts().values()].reduce((a, n) => a + n, 0) === 60,
      60_000,
      'every input counted, as queries see it',
    );
    const store = app.store('counts', QueryableStoreTypes.keyValueStore<string, number>());
    for (let k = 0; k < 12; k++) assert.equal(store.get(`k${k}`), 5);
    const reader = await TopicReader.open(cluster, 'output', 4, Serdes.Long().deserializer);
    await reader.drainFor(1000);
    assert.equal(reader.records.length, 0, 'nothing flushed before a commit');
    await cluster.run(app.close());
    await reader.readUntil((rs) => rs.length >= 12);
    await reader.drainFor(1000);
    assert.deepEqual(
      reader.records.map((r) => `${r.key}=${r.value}`).sort(),
      Array.from({ length: 12 }, (_, k) => `k${k}=5`).sort(),
    );
    await reader.close();
  });
});
