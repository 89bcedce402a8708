import assert from 'node:assert/strict';
import { Serdes } from '../../core/serdes/index.ts';
import fc from 'fast-check';
import { compareBytes } from './in-memory-key-value-bytes-store.ts';
import { Stores } from './stores.ts';

const ctx = { applicationId: 'a', taskId: '0_0', changelogTopic: null };

describe('in-memory key-value store', () => {
  it('compareBytes orders exactly as Buffer.compare, for short and long keys', () => {
    const bytes = fc.uint8Array({ maxLength: 80 }).map((a) => Buffer.from(a));
    fc.assert(
      fc.property(bytes, bytes, (a, b) => {
        assert.equal(compareBytes(a, b), Buffer.compare(a, b));
        assert.equal(compareBytes(a, a), 0);
      }),
      { numRuns: 500 },
    );
    assert.equal(compareBytes(Buffer.from([1, 2]), Buffer.from([1, 2, 0])), -1);
    assert.equal(compareBytes(Buffer.from([0xff]), Buffer.from([0x00, 0xff])), 1);
  });

  it('iterates in unsigned byte order of serialized keys, not JS number or string order', () => {
    const store = Stores.keyValueStoreBuilder(
      Stores.inMemoryKeyValueStore('s'),
      Serdes.Int(),
      Serdes.String(),
    ).build();
    store.init(ctx);
    for (const k of [1, -1, 256, 0]) store.put(k, String(k));
    const keys = (it: Iterable<{ key: number }>) => [...it].map((e) => e.key);
    // -1 is 0xffffffff, so it sorts last by bytes.
    assert.deepEqual(keys(store.all()), [0, 1, 256, -1]);
    assert.deepEqual(keys(store.reverseAll()), [-1, 256, 1, 0]);
    assert.deepEqual(keys(store.range(1, 256)), [1, 256]);
    assert.deepEqual(keys(store.reverseRange(1, 256)), [256, 1]);
    assert.deepEqual(keys(store.range(256, undefined)), [256, -1]);
    assert.deepEqual(keys(store.reverseRange(undefined, 1)), [1, 0]);
    assert.deepEqual(keys(store.range(256, 1)), []);
  });

  it('iterators look ahead, close themselves at the end, and do not see writes made while open', () => {
    const store = Stores.keyValueStoreBuilder(
      Stores.inMemoryKeyValueStore('s'),
      Serdes.String(),
      Serdes.Int(),
    ).build();
    store.init(ctx);
    store.put('a', 1);
    store.put('b', 2);
    const it = store.all();
    assert.equal(it.peekNextKey(), 'a');
    store.put('c', 3);
    store.delete('b');
    assert.deepEqual(
      [...it],
      [
        { key: 'a', value: 1 },
        { key: 'b', value: 2 },
      ],
    );
    assert.equal(it.hasNext(), false);
    assert.throws(() => it.peekNextKey(), /no more entries/);
    const early = store.all();
    for (const e of early) if (e.key === 'a') break;
    assert.equal(early.hasNext(), false, 'leaving a for...of closes the iterator');
  });

  it('prefixScan returns the keys whose bytes start with the prefix', () => {
    const store = Stores.keyValueStoreBuilder(
      Stores.inMemoryKeyValueStore('s'),
      Serdes.String(),
      Serdes.Int(),
    ).build();
    store.init(ctx);
    for (const [i, k] of ['ab', 'a', 'abc', 'b', 'aa'].entries()) store.put(k, i);
    const str = Serdes.String().serializer;
    assert.deepEqual(
      [...store.prefixScan('ab', str)].map((e) => e.key),
      ['ab', 'abc'],
    );
    assert.deepEqual(
      [...store.prefixScan('a', str)].map((e) => e.key),
      ['a', 'aa', 'ab', 'abc'],
    );
  });

  it('get/put/putIfAbsent/delete, null put deletes, and refuses use after close', () => {
    const store = Stores.keyValueStoreBuilder(
      Stores.inMemoryKeyValueStore('s'),
      Serdes.String(),
      Serdes.Int(),
    ).build();
    store.init(ctx);
    store.put('a', 1);
    assert.equal(store.putIfAbsent('a', 2), 1);
    assert.equal(store.putIfAbsent('b', 2), null);
    assert.equal(store.approximateNumEntries(), 2);
    store.put('a', null);
    assert.equal(store.get('a'), null);
    assert.equal(store.delete('b'), 2);
    assert.equal(store.approximateNumEntries(), 0);
    store.close();
    assert.throws(() => store.get('a'), /not open/);
  });

  it('falls back to the default serdes from the context when built without serdes', () => {
    const store = Stores.keyValueStoreBuilder<string, number>(
      Stores.inMemoryKeyValueStore('s'),
      undefined,
      undefined,
    ).build();
    assert.throws(() => store.init(ctx), /no key serde for state store s/);
    const withDefaults = Stores.keyValueStoreBuilder<string, number>(
      Stores.inMemoryKeyValueStore('s'),
      undefined,
      undefined,
    ).build();
    withDefaults.init({ ...ctx, defaultKeySerde: Serdes.String(), defaultValueSerde: Serdes.Int() } as never);
    withDefaults.put('x', 7);
    assert.equal(withDefaults.get('x'), 7);
  });

  it('store builders carry logging settings for the changelog layer', () => {
    const b = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('s'), Serdes.String(), Serdes.Int());
    assert.equal(b.loggingEnabled, true);
    assert.equal(b.withLoggingDisabled().loggingEnabled, false);
    assert.deepEqual(b.withLoggingEnabled({ 'cleanup.policy': 'compact' }).logConfig, {
      'cleanup.policy': 'compact',
    });
    assert.throws(() => Stores.inMemoryKeyValueStore('bad name'), /may only use/);
  });
});
