import assert from 'node:assert/strict';
import { Serdes } from '../../core/serdes/index.ts';
import { Stores } from './stores.ts';

const ctx = { applicationId: 'a', taskId: '0_0', changelogTopic: null };

describe('in-memory key-value store', () => {
  it('iterates in unsigned byte order of serialized keys, not JS number or string order', () => {
    const store = Stores.keyValueStoreBuilder(
      Stores.inMemoryKeyValueStore('s'),
      Serdes.Int(),
      Serdes.String(),
    ).build();
    store.init(ctx);
    for (const k of [1, -1, 256, 0]) store.put(k, String(k));
    // -1 is 0xffffffff, so it sorts last by bytes.
    assert.deepEqual(
      store.all().map((e) => e.key),
      [0, 1, 256, -1],
    );
    assert.deepEqual(
      store.reverseAll().map((e) => e.key),
      [-1, 256, 1, 0],
    );
    assert.deepEqual(
      store.range(1, 256).map((e) => e.key),
      [1, 256],
    );
    assert.deepEqual(
      store.range(256, undefined).map((e) => e.key),
      [256, -1],
    );
    assert.deepEqual(store.range(256, 1), []);
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

  it('store builders carry logging settings for the changelog layer', () => {
    const b = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('s'), Serdes.String(), Serdes.Int());
    assert.equal(b.loggingEnabled, true);
    assert.equal(b.withLoggingDisabled().loggingEnabled, false);
    assert.deepEqual(b.withLoggingEnabled({ 'cleanup.policy': 'compact' }).logConfig, {
      'cleanup.policy': 'compact',
    });
  });
});
