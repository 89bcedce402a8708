import assert from 'node:assert/strict';
import { Serdes } from '../../core/serdes/index.ts';
import type { ChangelogRecord, StateStoreContext } from './state-store.ts';
import { Stores } from './stores.ts';
import { ValueAndTimestamp } from './value-and-timestamp.ts';

const S = Serdes.String();
const L = Serdes.Long();

interface Logged extends ChangelogRecord {
  readonly store: string;
}

function loggingContext(log: Logged[], now: () => number): StateStoreContext {
  return {
    applicationId: 'app',
    taskId: '0_3',
    partition: 3,
    changelogTopic: 'app-s-changelog',
    logChange: (store, key, value, timestamp) => log.push({ store, key, value, timestamp }),
    recordTimestamp: now,
  };
}

describe('changelogging key-value stores', () => {
  it('log every put and delete (tombstone) with the current record timestamp', () => {
    const log: Logged[] = [];
    let now = 10;
    const store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('s'), S, L).build();
    store.init(loggingContext(log, () => now));
    store.put('a', 1);
    now = 11;
    store.putAll([
      { key: 'b', value: 2 },
      { key: 'a', value: null },
    ]);
    assert.equal(store.putIfAbsent('b', 5), 2);
    store.delete('b');
    assert.deepEqual(
      log.map((r) => [r.store, S.deserializer('t', r.key), L.deserializer('t', r.value), r.timestamp]),
      [
        ['s', 'a', 1, 10],
        ['s', 'b', 2, 11],
        ['s', 'a', null, 11],
        ['s', 'b', null, 11],
      ],
    );
  });

  it('a timestamped store logs the plain value with its own timestamp as the record timestamp', () => {
    const log: Logged[] = [];
    const store = Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore('s'), S, L).build();
    store.init(loggingContext(log, () => 99));
    store.put('k', ValueAndTimestamp.make(42, 7));
    assert.equal(log.length, 1);
    assert.equal(L.deserializer('t', log[0]!.value), 42);
    assert.equal(log[0]!.timestamp, 7);
    assert.deepEqual(store.get('k'), ValueAndTimestamp.make(42, 7));
  });

  it('restoring from the changelog rebuilds the same contents without logging again', () => {
    const keys = ['x', 'y', 'x', 'z', 'y'];
    // Plain store: values as logged.
    const plainLog: Logged[] = [];
    const plain = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('s'), S, L).build();
    plain.init(loggingContext(plainLog, () => 0));
    keys.forEach((k, i) => plain.put(k, i));
    plain.delete('z');
    const plainCopy = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('s'), S, L).build();
    const replayed: Logged[] = [];
    plainCopy.init(loggingContext(replayed, () => 0));
    plainCopy.restore!(plainLog);
    assert.deepEqual([...plainCopy.all()], [...plain.all()]);
    // Timestamped store: the record timestamp goes back in front of the value.
    const tsLog: Logged[] = [];
    const stamped = Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore('s'), S, L).build();
    stamped.init(loggingContext(tsLog, () => 0));
    keys.forEach((k, i) => stamped.put(k, ValueAndTimestamp.make(i, 100 + i)));
    stamped.delete('z');
    const stampedCopy = Stores.timestampedKeyValueStoreBuilder(
      Stores.inMemoryKeyValueStore('s'),
      S,
      L,
    ).build();
    stampedCopy.init(loggingContext(replayed, () => 0));
    stampedCopy.restore!(tsLog);
    assert.deepEqual([...stampedCopy.all()], [...stamped.all()]);
    assert.deepEqual(stampedCopy.get('x'), ValueAndTimestamp.make(2, 102));
    assert.deepEqual(replayed, [], 'restoring logs nothing');
  });

  it('a store with logging disabled writes nothing and cannot be restored', () => {
    const log: Logged[] = [];
    const store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('s'), S, L)
      .withLoggingDisabled()
      .build();
    store.init(loggingContext(log, () => 0));
    store.put('a', 1);
    assert.deepEqual(log, []);
    assert.throws(() => store.restore!([]), /no changelog/);
  });
});
