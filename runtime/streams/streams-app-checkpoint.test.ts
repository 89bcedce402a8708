/**
 * Checkpoint files and restores in a StreamsApp on an in-process 3-broker Cluster on simulated ports:
 * persistent (LMDB) stores are checkpointed after commits and restore only the changelog's tail;
 * in-memory stores restore from the log start.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Serdes } from '../../core/serdes/index.ts';
import { Consumed, Materialized, Produced, StreamsBuilder, Stores, type Topology } from '../../dsl/index.ts';
import { checkpointFileName, readCheckpoint, type StateRestoreListener } from '../../actors/streams/index.ts';
import type { Cluster } from '../cluster/index.ts';
import { StreamsApp, type StreamsAppConfig } from './streams-app.ts';
import { simulatedAppConfig, startSimulatedCluster } from './cluster-test-support.ts';
import { TopicReader, produceStrings, type KeyValueString } from './streams-test-support.ts';

const S = Serdes.String();
const applicationId = 'ckpt';
const changelog = `${applicationId}-counts-changelog`;

/** input -> groupByKey -> count (store "counts", LMDB or in memory) -> output (String, Long). */
function countTopology(persistent: boolean): Topology {
  const b = new StreamsBuilder();
  b.stream<string, string>('input', Consumed.with(S, S))
    .groupByKey()
    .count(
      persistent
        ? Materialized.as<string, number>(Stores.persistentKeyValueStore('counts'))
        : Materialized.as<string, number>(Stores.inMemoryKeyValueStore('counts')),
    )
    .toStream()
    .to('output', Produced.with(S, Serdes.Long()));
  return b.build();
}

interface RestoreEvent {
  readonly store: string;
  readonly start: number;
  readonly end: number;
  restored: number;
  batches: number;
}

function recordingListener(events: RestoreEvent[]): StateRestoreListener {
  return {
    onRestoreStart: (_tp, store, start, end) => events.push({ store, start, end, restored: -1, batches: 0 }),
    onBatchRestored: () => {
      events[events.length - 1]!.batches++;
    },
    onRestoreEnd: (_tp, _store, total) => {
      events[events.length - 1]!.restored = total;
    },
  };
}

function words(n: number, tag: string): KeyValueString[] {
  return Array.from({ length: n }, (_, i) => ({ key: `w${i % 5}`, value: `${tag}${i}` }));
}

describe('StreamsApp checkpoints and restores on a simulated 3-broker cluster', function () {
  this.timeout(300_000);
  let cluster: Cluster;
  let dirA: string;
  let dirB: string;

  beforeEach(async () => {
    dirA = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-ckpt-a-'));
    dirB = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-ckpt-b-'));
    cluster = await startSimulatedCluster(29, { input: 1, output: 1 });
  });

  afterEach(async () => {
    await cluster.stop();
    fs.rmSync(dirA, { recursive: true, force: true });
    fs.rmSync(dirB, { recursive: true, force: true });
  });

  function config(stateDir: string): StreamsAppConfig {
    return simulatedAppConfig(cluster, {
      'application.id': applicationId,
      // Every update reaches the output and the changelog (no record cache), which the offsets below count.
      'statestore.cache.max.bytes': 0,
      'state.dir': stateDir,
    });
  }

  /** Runs an app until `outputs` output records exist in total, then closes it; returns its restores. */
  async function runUntil(
    persistent: boolean,
    stateDir: string,
    reader: TopicReader,
    outputs: number,
  ): Promise<RestoreEvent[]> {
    const events: RestoreEvent[] = [];
    const app = new StreamsApp(countTopology(persistent), config(stateDir));
    app.setGlobalStateRestoreListener(recordingListener(events));
    try {
      await cluster.run(app.start());
      await reader.readUntil((rs) => rs.length >= outputs);
      await cluster.waitFor(() => app.state === 'RUNNING', 60_000, 'app RUNNING');
    } finally {
      await cluster.run(app.close());
    }
    return events;
  }

  function finalCounts(records: readonly KeyValueString[]): Map<string, string> {
    const out = new Map<string, string>();
    for (const r of records) out.set(r.key, r.value);
    return out;
  }

  it('writes .checkpoint (version 0, count, "topic partition offset") after commits, and a restart restores only the changelog tail after it', async () => {
    const reader = await TopicReader.open(cluster, 'output', 1, Serdes.Long().deserializer);
    await produceStrings(cluster, 'input', words(20, 'a'));
    const first = await runUntil(true, dirA, reader, 20);
    assert.deepEqual(
      first.map((e) => [e.store, e.start, e.end, e.restored]),
      [['counts', 0, 0, 0]],
    );
    const file = path.join(dirA, applicationId, '0_0', checkpointFileName);
    const text = fs.readFileSync(file, 'utf8');
    assert.equal(text, `0\n1\n${changelog} 0 19\n`);
    assert.ok(!fs.existsSync(`${file}.tmp`), 'the temporary file was renamed');

    // Another instance (its own state dir, no checkpoint) moves the changelog on by 10 records.
    await produceStrings(cluster, 'input', words(10, 'b'));
    const second = await runUntil(true, dirB, reader, 30);
    assert.deepEqual(
      second.map((e) => [e.store, e.start, e.end, e.restored]),
      [['counts', 0, 20, 20]],
    );

    // Back on the first state dir: LMDB kept offsets 0..19, so only 20..29 are read.
    await produceStrings(cluster, 'input', words(5, 'c'));
    const third = await runUntil(true, dirA, reader, 35);
    assert.deepEqual(
      third.map((e) => [e.store, e.start, e.end, e.restored]),
      [['counts', 20, 30, 10]],
    );
    assert.ok(third[0]!.batches >= 1);
    assert.equal(readCheckpoint(file).get(`${changelog}\u00000`)?.offset, 34);
    // Every key counted every occurrence: 35 inputs over 5 keys.
    assert.deepEqual(
      [...finalCounts(reader.records)].sort(),
      ['w0', 'w1', 'w2', 'w3', 'w4'].map((w) => [w, '7']),
    );
    await reader.close();
  });

  it('in-memory stores write no checkpoint and restore from the log start', async () => {
    const reader = await TopicReader.open(cluster, 'output', 1, Serdes.Long().deserializer);
    await produceStrings(cluster, 'input', words(10, 'a'));
    await runUntil(false, dirA, reader, 10);
    assert.ok(!fs.existsSync(path.join(dirA, applicationId, '0_0', checkpointFileName)));
    await produceStrings(cluster, 'input', words(5, 'b'));
    const second = await runUntil(false, dirA, reader, 15);
    assert.deepEqual(
      second.map((e) => [e.store, e.start, e.end, e.restored]),
      [['counts', 0, 10, 10]],
    );
    assert.deepEqual(
      [...finalCounts(reader.records)].sort(),
      ['w0', 'w1', 'w2', 'w3', 'w4'].map((w) => [w, '3']),
    );
    await reader.close();
  });
});
