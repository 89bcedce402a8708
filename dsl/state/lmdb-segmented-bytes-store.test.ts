import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Serdes } from '../../core/serdes/index.ts';
import {
  Consumed,
  Grouped,
  Materialized,
  Produced,
  SessionWindows,
  StoreType,
  StreamsBuilder,
  TimeWindows,
  TopologyTestDriver,
} from '../index.ts';
import {
  LmdbSessionBytesStore,
  LmdbWindowBytesStore,
  segmentIntervalFor,
} from './lmdb-segmented-bytes-store.ts';
import type { StateStoreContext } from './state-store.ts';

const S = Serdes.String();

describe('persistent (LMDB) window and session stores', () => {
  let dir: string;
  const context = (): StateStoreContext => ({
    applicationId: 'app',
    taskId: '0_0',
    changelogTopic: null,
    logChange: () => {},
    recordTimestamp: () => 0,
    stateDir: dir,
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tributary-lmdb-segmented-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('segments by half the retention (at least a minute) and drops whole expired segments', () => {
    assert.equal(segmentIntervalFor(10_000), 60_000);
    assert.equal(segmentIntervalFor(600_000), 300_000);
    const store = new LmdbWindowBytesStore('w', 600_000, 1000, false);
    store.init(context());
    store.put(Buffer.from('k'), Buffer.from('0'), 0);
    store.put(Buffer.from('k'), Buffer.from('1'), 299_000);
    store.put(Buffer.from('k'), Buffer.from('2'), 300_000);
    assert.equal(store.approximateNumEntries(), 3);
    // Stream time 899_999: earliest live 300_000, segment 0 (0..299_999) is wholly expired.
    store.put(Buffer.from('k'), Buffer.from('3'), 899_999);
    assert.equal(store.approximateNumEntries(), 2);
    assert.equal(store.fetch(Buffer.from('k'), 299_000), null);
    assert.equal(store.fetch(Buffer.from('k'), 300_000)?.toString(), '2');
    store.close();
  });

  it('orders keys by their bytes, a key before its extensions, also with zero bytes', () => {
    const store = new LmdbWindowBytesStore('w', 100, 10, false);
    store.init(context());
    const keys = [
      Buffer.from('ab'),
      Buffer.from([0x61, 0]),
      Buffer.from('a'),
      Buffer.from([0x61, 0, 0]),
      Buffer.from('b'),
    ];
    for (const k of keys) store.put(k, Buffer.from('v'), 5);
    store.put(Buffer.from('a'), Buffer.from('w'), 3);
    const seen = [...store.fetchRange(Buffer.from('a'), Buffer.from('ab'), 0, 10, false)].map(
      (e) => `${e.key.key.toString('hex')}@${e.key.windowStart}`,
    );
    assert.deepEqual(seen, ['61@3', '61@5', '6100@5', '610000@5', '6162@5']);
    store.close();
  });

  it('keeps its data, stream time and duplicate counter across close and reopen', () => {
    const store = new LmdbWindowBytesStore('j', 100, 10, true);
    store.init(context());
    assert.equal(store.put(Buffer.from('k'), Buffer.from('x'), 50), 1);
    store.close();
    const reopened = new LmdbWindowBytesStore('j', 100, 10, true);
    reopened.init(context());
    assert.equal(reopened.put(Buffer.from('k'), Buffer.from('y'), 60), 2);
    assert.deepEqual(
      [...reopened.fetchRange(Buffer.from('k'), Buffer.from('k'), 0, 100, false)].map((e) =>
        e.value.toString(),
      ),
      ['x', 'y'],
    );
    reopened.close();
    const sessions = new LmdbSessionBytesStore('s', 1000);
    sessions.init(context());
    sessions.put(Buffer.from('a'), 1, 5, Buffer.from('s1'));
    sessions.close();
    const again = new LmdbSessionBytesStore('s', 1000);
    again.init(context());
    assert.equal(again.fetchSession(Buffer.from('a'), 1, 5)?.toString(), 's1');
    again.close();
  });

  it('is what Materialized.withStoreType(LMDB) and default.dsl.store give windowed and session aggregations', () => {
    const b = new StreamsBuilder();
    const grouped = b.stream('in', Consumed.with(S, S)).groupByKey(Grouped.with(S, S));
    grouped
      .windowedBy(TimeWindows.ofSizeWithNoGrace(10))
      .count(Materialized.as<string, number>('windowed-counts').withStoreType(StoreType.LMDB))
      .toStream()
      .map((w, c) => ({ key: `${w.key}@${w.window.start}`, value: String(c) }))
      .to('out', Produced.with(S, S));
    grouped
      .windowedBy(SessionWindows.ofInactivityGapWithNoGrace(5))
      .count(Materialized.as<string, number>('session-counts').withStoreType(StoreType.LMDB));
    const t = b.build();
    assert.equal(t.storeBuilders().get('windowed-counts')!.persistent, true);
    assert.equal(t.storeBuilders().get('session-counts')!.persistent, true);
    const d = new TopologyTestDriver(t);
    const input = d.createInputTopic('in', S, S);
    input.pipeInput('a', 'x', 1);
    input.pipeInput('a', 'x', 2);
    input.pipeInput('a', 'x', 12);
    assert.deepEqual(d.createOutputTopic('out', S, S).readKeyValuesToList(), [
      { key: 'a@0', value: '1' },
      { key: 'a@0', value: '2' },
      { key: 'a@10', value: '1' },
    ]);
    const ws = d.getWindowStore<string, number>('windowed-counts')!;
    assert.equal(ws.fetch('a', 10), 1);
    assert.equal(ws.fetch('a', 0), null, 'retention is size + grace: window 0 expired at stream time 12');
    d.close();
  });
});
