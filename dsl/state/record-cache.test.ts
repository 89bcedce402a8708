import assert from 'node:assert/strict';
import { Serdes } from '../../core/serdes/index.ts';
import { Consumed, Materialized, Produced, StreamsBuilder } from '../index.ts';
import { TopologyTask, type TaskInputRecord, type TaskOutputRecord } from '../runtime/topology-task.ts';
import type { Topology } from '../topology.ts';
import { CachingKeyValueBytesStore } from './caching-key-value-bytes-store.ts';
import { InMemoryKeyValueBytesStore } from './in-memory-key-value-bytes-store.ts';
import { NamedCache, RecordCache, cacheEntryOverheadBytes, type CacheEntry } from './record-cache.ts';
import type { KeyValueStore } from './key-value-store.ts';
import { TypedKeyValueStore, type TimestampedKeyValueStore } from './typed-key-value-store.ts';
import type { ValueAndTimestamp } from './value-and-timestamp.ts';

const S = Serdes.String();
const L = Serdes.Long();
const b = (s: string): Buffer => Buffer.from(s);
const text = (buf: Buffer | null): string | null => (buf === null ? null : buf.toString());

/** An entry of one byte of key and one of value costs this much of the budget. */
const smallEntry = 2 + cacheEntryOverheadBytes;

/** words (String/String) -> groupByKey -> count(store "counts") -> toStream -> "out" (String/Long). */
function countTopology(materialized: Materialized<string, number> = Materialized.as('counts')): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream('words', Consumed.with(S, S))
    .groupByKey()
    .count(materialized)
    .toStream()
    .to('out', Produced.with(S, L));
  return builder.build();
}

interface Run {
  readonly task: TopologyTask;
  readonly out: TaskOutputRecord[];
  /** Feeds keys as records at offsets from `first`, timestamps 1000 + offset. */
  feed(keys: readonly string[], first?: number): void;
  /** (key, count) pairs written to `topic` so far. */
  written(topic: string): [string, number][];
}

function run(topology: Topology, cache: RecordCache | undefined): Run {
  const out: TaskOutputRecord[] = [];
  const task = new TopologyTask(topology, 0, {
    applicationId: 'app',
    partition: 0,
    sink: (r) => out.push(r),
    wallClockMs: () => 0,
    ...(cache !== undefined ? { recordCache: cache } : {}),
  });
  task.init();
  let next = 0;
  return {
    task,
    out,
    feed(keys, first = next) {
      keys.forEach((k, i) => {
        const input: TaskInputRecord = {
          topic: 'words',
          partition: 0,
          offset: first + i,
          timestamp: 1000 + first + i,
          key: b(k),
          value: b('x'),
          headers: [],
        };
        task.process(input);
      });
      next = first + keys.length;
    },
    written(topic) {
      return out
        .filter((r) => r.topic === topic)
        .map((r) => [S.deserializer(topic, r.key)!, L.deserializer(topic, r.value)!]);
    },
  };
}

function counts(task: TopologyTask): TimestampedKeyValueStore<string, number> {
  return task.getStateStore('counts') as TimestampedKeyValueStore<string, number>;
}

describe('record cache (statestore.cache.max.bytes)', () => {
  it('de-duplicates updates per key: nothing goes downstream or to the changelog until the task flushes, then one update per key', () => {
    const r = run(countTopology(), new RecordCache(1024 * 1024));
    r.feed(['a', 'b', 'a', 'a', 'c', 'b']);
    assert.equal(r.out.length, 0, 'all updates are held in the cache');
    r.task.flush();
    // Flush order is the order of each key's latest update: a's is offset 3, c's 4, b's 5.
    assert.deepEqual(r.written('out'), [
      ['a', 3],
      ['c', 1],
      ['b', 2],
    ]);
    assert.deepEqual(r.written('app-counts-changelog'), [
      ['a', 3],
      ['c', 1],
      ['b', 2],
    ]);
    // The forwarded records keep the timestamp of each key's latest update.
    assert.deepEqual(
      r.out.filter((o) => o.topic === 'out').map((o) => o.timestamp),
      [1003, 1004, 1005],
    );
  });

  it('a flushed update carries the headers of the record that made it, copied out of the input', () => {
    const r = run(countTopology(), new RecordCache(1024 * 1024));
    const value = b('v1');
    r.task.process({
      topic: 'words',
      partition: 0,
      offset: 0,
      timestamp: 5,
      key: b('a'),
      value: b('x'),
      headers: [{ key: 'h', value }],
    });
    value.write('v2'); // the consumed bytes change (a reused fetch buffer): the cache kept its own
    r.task.flush();
    const sent = r.out.find((o) => o.topic === 'out')!;
    assert.deepEqual(
      sent.headers.map((h) => [h.key, text(h.value)]),
      [['h', 'v1']],
    );
  });

  it('a second flush with nothing new writes nothing; later updates are flushed at the next commit', () => {
    const r = run(countTopology(), new RecordCache(1024 * 1024));
    r.feed(['a', 'b']);
    r.task.flush();
    const first = r.out.length;
    r.task.flush();
    assert.equal(r.out.length, first);
    r.feed(['b', 'b']);
    r.task.flush();
    assert.deepEqual(r.written('out').slice(2), [['b', 3]]);
  });

  it('reads see dirty entries: get, range, all and approximateNumEntries before any flush', () => {
    const r = run(countTopology(), new RecordCache(1024 * 1024));
    r.feed(['b', 'a']);
    r.task.flush();
    r.feed(['a', 'c', 'c']);
    const store = counts(r.task);
    assert.equal(store.get('a')?.value, 2, 'dirty update over a flushed one');
    assert.equal(store.get('c')?.value, 2, 'dirty insert');
    assert.equal(store.get('zz'), null);
    const all = [...store.all()].map((e) => [e.key, e.value.value]);
    assert.deepEqual(all, [
      ['a', 2],
      ['b', 1],
      ['c', 2],
    ]);
    assert.deepEqual(
      [...store.reverseRange('a', 'b')].map((e) => [e.key, e.value.value]),
      [
        ['b', 1],
        ['a', 2],
      ],
    );
    assert.equal(store.approximateNumEntries(), 3);
    assert.equal(r.written('out').length, 2, 'reads flush nothing');
  });

  it('a cached delete hides the key from reads until it is flushed, then leaves the cache and the store', () => {
    const r = run(countTopology(), new RecordCache(1024 * 1024));
    r.feed(['a', 'b']);
    r.task.flush();
    const store = counts(r.task) as KeyValueStore<string, ValueAndTimestamp<number>>;
    store.delete('a');
    assert.equal(store.get('a'), null);
    assert.deepEqual(
      [...store.all()].map((e) => e.key),
      ['b'],
    );
    assert.equal(store.approximateNumEntries(), 1);
    r.task.flush();
    const changelog = r.out.filter((o) => o.topic === 'app-counts-changelog');
    assert.equal(changelog.at(-1)!.value, null, 'the delete reaches the changelog as a tombstone');
    assert.equal(text(changelog.at(-1)!.key), 'a');
  });

  it('evicts the least recently used entry when full, flushing the dirty entries of that store in update order', () => {
    // Room for exactly three one-byte keys with their 8+8-byte timestamped counts.
    const entry = 1 + 16 + cacheEntryOverheadBytes;
    const r = run(countTopology(), new RecordCache(3 * entry));
    r.feed(['a', 'b', 'c']);
    assert.equal(r.out.length, 0);
    counts(r.task).get('a'); // a becomes the most recently used: b is now the eldest
    r.feed(['d']);
    // Evicting dirty b flushes b first, then every other dirty entry in update order.
    assert.deepEqual(r.written('out'), [
      ['b', 1],
      ['a', 1],
      ['c', 1],
      ['d', 1],
    ]);
    // b left the cache but not the store.
    assert.equal(counts(r.task).get('b')?.value, 1);
  });

  it('flushes at commit before the task reports done: the changelog then holds the latest value of every key', () => {
    const r = run(countTopology(), new RecordCache(1024 * 1024));
    r.feed(['x', 'y', 'x', 'y', 'x']);
    r.task.flush();
    const changelog = r.out.filter((o) => o.topic === 'app-counts-changelog');
    assert.deepEqual(
      changelog.map((o) => [text(o.key), L.deserializer('t', o.value), o.timestamp, o.partitioner?.(8)]),
      [
        ['y', 2, 1003, 0],
        ['x', 3, 1004, 0],
      ],
    );
  });

  it('Materialized.withCachingDisabled() forwards and logs every update as it happens', () => {
    const r = run(
      countTopology(Materialized.as<string, number>('counts').withCachingDisabled()),
      new RecordCache(),
    );
    r.feed(['a', 'a', 'b']);
    assert.deepEqual(r.written('out'), [
      ['a', 1],
      ['a', 2],
      ['b', 1],
    ]);
    assert.equal(r.written('app-counts-changelog').length, 3);
  });

  it('a cache of 0 bytes turns caching off: every update is forwarded, as without a cache (TopologyTestDriver)', () => {
    for (const cache of [new RecordCache(0), undefined]) {
      const r = run(countTopology(), cache);
      r.feed(['a', 'a', 'b']);
      assert.deepEqual(r.written('out'), [
        ['a', 1],
        ['a', 2],
        ['b', 1],
      ]);
    }
  });

  it('shares one budget across the stores of all tasks, and a closed store gives its bytes back', () => {
    const cache = new RecordCache(1024 * 1024);
    const r1 = run(countTopology(), cache);
    const r2 = run(countTopology(), cache);
    r1.feed(['a', 'b']);
    r2.feed(['a']);
    assert.equal(cache.sizeBytes, 3 * (1 + 16 + cacheEntryOverheadBytes));
    r1.task.close();
    assert.equal(cache.sizeBytes, 1 + 16 + cacheEntryOverheadBytes);
    assert.equal(r1.out.length, 0, 'a close does not flush (a graceful stop flushed before)');
  });

  it('rejects a negative or fractional size', () => {
    assert.throws(() => new RecordCache(-1), RangeError);
    assert.throws(() => new RecordCache(1.5), RangeError);
  });
});

describe('NamedCache', () => {
  function named(maxBytes: number): { cache: NamedCache; flushed: string[][] } {
    const flushed: string[][] = [];
    const cache = new RecordCache(maxBytes).namedCache('s', (entries: readonly CacheEntry[]) =>
      flushed.push(entries.map((e) => `${e.key.toString()}=${text(e.value)}`)),
    );
    return { cache, flushed };
  }
  const put = (cache: NamedCache, k: string, v: string | null): void =>
    cache.put(NamedCache.idOf(b(k)), b(k), v === null ? null : b(v), 0, [], null);

  it('keeps one entry per key and flushes dirty keys in the order of their latest update', () => {
    const { cache, flushed } = named(1024);
    put(cache, 'a', '1');
    put(cache, 'b', '1');
    put(cache, 'a', '2');
    assert.equal(cache.size, 2);
    assert.equal(cache.dirtyCount, 2);
    cache.flush();
    assert.deepEqual(flushed, [['b=1', 'a=2']]);
    assert.equal(cache.dirtyCount, 0);
    assert.equal(cache.size, 2, 'flushed entries stay, clean');
  });

  it('evicts clean entries silently and a dirty one by flushing it first', () => {
    const { cache, flushed } = named(2 * smallEntry);
    put(cache, 'a', '1');
    put(cache, 'b', '1');
    cache.flush();
    put(cache, 'c', '1'); // over budget: a (clean, eldest) goes without a flush
    assert.deepEqual(flushed, [['a=1', 'b=1']]);
    assert.equal(cache.get(NamedCache.idOf(b('a'))), undefined);
    put(cache, 'b', '2');
    put(cache, 'd', '1'); // over budget: eldest is c (dirty)
    assert.deepEqual(flushed[1], ['c=1', 'b=2', 'd=1']);
  });

  it('keeps the record metadata of an entry latest update, and none for an update made without one', () => {
    const { cache } = named(1024);
    const id = NamedCache.idOf(b('a'));
    const metadata = { topic: 't', partition: 2, offset: 7 };
    cache.put(id, b('a'), b('1'), 5, [], metadata);
    assert.deepEqual(cache.get(id)?.metadata, metadata);
    cache.put(id, b('a'), b('2'), 6, [], { topic: 'u', partition: 0, offset: 9 });
    assert.deepEqual(cache.get(id)?.metadata, { topic: 'u', partition: 0, offset: 9 });
    cache.put(id, b('a'), b('3'), 7, [], null);
    assert.equal(cache.get(id)?.metadata, null);
  });

  it('a put right after a get of a key that has since left the cache makes a new entry', () => {
    const { cache, flushed } = named(1024);
    put(cache, 'a', '1');
    const id = NamedCache.idOf(b('a'));
    assert.notEqual(cache.get(id), undefined);
    put(cache, 'a', null);
    cache.flush(); // the flushed delete leaves the cache
    assert.equal(cache.size, 0);
    cache.put(id, b('a'), b('2'), 0, [], null);
    assert.equal(cache.size, 1);
    assert.equal(text(cache.get(id)!.value), '2');
    cache.flush();
    assert.deepEqual(flushed, [['a=null'], ['a=2']]);
  });

  it('gives distinct ids to distinct key bytes, short and long, as latin1 does', () => {
    const keys = [
      b(''),
      Buffer.from([0]),
      Buffer.from([0, 0]),
      Buffer.from([255, 1]),
      b('x'.repeat(16)),
      b('x'.repeat(17)),
      b('x'.repeat(40)),
    ];
    const ids = keys.map((k) => NamedCache.idOf(k));
    assert.equal(new Set(ids).size, keys.length);
    for (let i = 0; i < keys.length; i++) assert.equal(ids[i], keys[i]!.toString('latin1'));
  });

  it('removes flushed deletes from the cache', () => {
    const { cache, flushed } = named(1024);
    put(cache, 'a', '1');
    put(cache, 'a', null);
    cache.flush();
    assert.deepEqual(flushed, [['a=null']]);
    assert.equal(cache.size, 0);
    assert.equal(cache.sizeBytes, 0);
  });
});

describe('CachingKeyValueBytesStore', () => {
  it('passes straight through without a record cache', () => {
    const store = new CachingKeyValueBytesStore(new InMemoryKeyValueBytesStore('s'));
    store.init({ applicationId: 'app', taskId: '0_0', changelogTopic: null });
    assert.equal(store.caching, false);
    assert.equal(
      store.setFlushListener(() => undefined, false),
      false,
    );
    store.put(b('k'), b('v'));
    assert.equal(text((store.inner as InMemoryKeyValueBytesStore).get(b('k'))), 'v');
  });

  it('a typed store writes each key to its own entry whatever it read in between (get a, get b, put a)', () => {
    const inner = new InMemoryKeyValueBytesStore('s');
    const caching = new CachingKeyValueBytesStore(inner);
    const typed = new TypedKeyValueStore<string, string>(caching, S, S);
    const cache = new RecordCache(1024);
    typed.init({
      applicationId: 'app',
      taskId: '0_0',
      changelogTopic: null,
      recordCache: { maxBytes: cache.maxBytes, namedCache: (n, f) => cache.namedCache(n, f) },
    });
    typed.put('a', '1');
    typed.put('b', '1');
    assert.equal(typed.get('a'), '1');
    assert.equal(typed.get('b'), '1');
    typed.put('a', '2'); // read b last: the write of a must not land on b
    assert.equal(typed.get('c'), null);
    typed.put('c', '1'); // a key read as missing gets a new entry
    typed.put('b', '3');
    assert.deepEqual([typed.get('a'), typed.get('b'), typed.get('c')], ['2', '3', '1']);
    caching.flush();
    assert.deepEqual(
      ['a', 'b', 'c'].map((k) => text(inner.get(b(k)))),
      ['2', '3', '1'],
    );
  });

  it('copies the key and value it caches, so a caller reusing its buffers changes nothing', () => {
    const inner = new InMemoryKeyValueBytesStore('s');
    const store = new CachingKeyValueBytesStore(inner);
    const cache = new RecordCache(1024);
    store.init({
      applicationId: 'app',
      taskId: '0_0',
      changelogTopic: null,
      recordCache: { maxBytes: cache.maxBytes, namedCache: (n, f) => cache.namedCache(n, f) },
    });
    const key = b('k1');
    const value = b('v1');
    store.put(key, value);
    key.write('k2');
    value.write('v2');
    assert.equal(text(store.get(b('k1'))), 'v1');
    assert.equal(store.get(b('k2')), null);
    store.flush();
    assert.equal(text(inner.get(b('k1'))), 'v1');
  });
});
