import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Serdes } from '../../core/serdes/index.ts';
import { SessionWindow, Stores, ValueAndTimestamp, Windowed } from '../index.ts';
import type { SessionBytesStoreSupplier, WindowBytesStoreSupplier } from './stores.ts';
import type { StateStoreContext } from './state-store.ts';

const S = Serdes.String();
const L = Serdes.Long();

const stateDirs: string[] = [];
after(() => {
  for (const dir of stateDirs) rmSync(dir, { recursive: true, force: true });
});

/** Both implementations pass the same tests; the persistent one gets a fresh state directory per store. */
const impls: {
  name: string;
  window(name: string, retentionMs: number, sizeMs: number, duplicates: boolean): WindowBytesStoreSupplier;
  session(name: string, retentionMs: number): SessionBytesStoreSupplier;
  persistent: boolean;
}[] = [
  {
    name: 'in-memory',
    window: (n, r, w, d) => Stores.inMemoryWindowStore(n, r, w, d),
    session: (n, r) => Stores.inMemorySessionStore(n, r),
    persistent: false,
  },
  {
    name: 'persistent (LMDB)',
    window: (n, r, w, d) => Stores.persistentWindowStore(n, r, w, d),
    session: (n, r) => Stores.persistentSessionStore(n, r),
    persistent: true,
  },
];

for (const impl of impls) {
  function context(log?: { key: Buffer; value: Buffer | null; timestamp: number }[]): StateStoreContext {
    let stateDir: string | undefined;
    if (impl.persistent) {
      stateDir = mkdtempSync(join(tmpdir(), 'tributary-window-store-'));
      stateDirs.push(stateDir);
    }
    return {
      applicationId: 'app',
      taskId: '0_0',
      changelogTopic: log === undefined ? null : 'app-store-changelog',
      logChange: (_s, key, value, timestamp) => log?.push({ key, value, timestamp }),
      recordTimestamp: () => 7,
      stateDir,
    };
  }

  describe(`window store, ${impl.name}`, () => {
    it('fetches by key and time range, forward and backward, and all keys in window-start then key order', () => {
      const store = Stores.windowStoreBuilder(impl.window('w', 100, 10, false), S, L)
        .withLoggingDisabled()
        .build();
      store.init(context());
      store.put('b', 1, 0);
      store.put('a', 2, 0);
      store.put('a', 3, 10);
      store.put('a', 4, 20);
      assert.equal(store.fetch('a', 10), 3);
      assert.equal(store.fetch('a', 5), null);
      assert.deepEqual(
        [...store.fetch('a', 0, 10)].map((e) => `${e.key}:${e.value}`),
        ['0:2', '10:3'],
      );
      assert.deepEqual(
        [...store.backwardFetch('a', 0, 20)].map((e) => e.key),
        [20, 10, 0],
      );
      assert.deepEqual(
        [...store.fetchAll(0, 10)].map((e) => `${e.key}=${e.value}`),
        ['[a@0/10]=2', '[b@0/10]=1', '[a@10/20]=3'],
      );
      assert.deepEqual(
        [...store.fetch('a', 'b', 0, 0)].map((e) => String(e.key)),
        ['[a@0/10]', '[b@0/10]'],
      );
      assert.deepEqual(
        [...store.backwardAll()].map((e) => String(e.key)),
        ['[a@20/30]', '[a@10/20]', '[b@0/10]', '[a@0/10]'],
      );
      store.put('a', null, 10);
      assert.equal(store.fetch('a', 10), null);
    });

    it('drops writes and hides windows at or before stream time - retention', () => {
      const store = Stores.windowStoreBuilder(impl.window('w', 20, 10, false), S, L)
        .withLoggingDisabled()
        .build();
      store.init(context());
      store.put('a', 1, 0);
      store.put('a', 2, 10);
      store.put('a', 3, 20); // stream time 20: windows starting at or before 0 expire
      assert.equal(store.fetch('a', 0), null);
      assert.deepEqual(
        [...store.fetch('a', 0, 100)].map((e) => e.key),
        [10, 20],
      );
      store.put('a', 9, 0); // too old to write
      assert.equal(store.fetch('a', 0), null);
    });

    it('keeps every put under a new sequence number when retaining duplicates', () => {
      const store = Stores.windowStoreBuilder(impl.window('j', 100, 10, true), S, S)
        .withLoggingDisabled()
        .build();
      store.init(context());
      store.put('k', 'x', 5);
      store.put('k', 'y', 5);
      store.put('k', null, 5); // ignored, as Kafka's duplicates store does
      assert.deepEqual(
        [...store.fetch('k', 0, 10)].map((e) => e.value),
        ['x', 'y'],
      );
    });

    it('logs [key][start][seqnum] with the plain value and the timestamp, and restores from it', () => {
      const log: { key: Buffer; value: Buffer | null; timestamp: number }[] = [];
      const builder = Stores.timestampedWindowStoreBuilder(impl.window('w', 100, 10, false), S, L);
      assert.deepEqual(builder.changelogConfig, {
        'cleanup.policy': 'compact,delete',
        'retention.ms': String(100 + 86_400_000),
      });
      const store = builder.build();
      store.init(context(log));
      store.put('a', ValueAndTimestamp.make(5, 42), 10);
      assert.deepEqual([...log[0]!.key], [0x61, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0, 0]);
      assert.deepEqual(L.deserializer('t', log[0]!.value), 5);
      assert.equal(log[0]!.timestamp, 42);
      const restored = builder.build();
      restored.init(context([]));
      restored.restore!(log);
      const v = restored.fetch('a', 10)!;
      assert.deepEqual([v.value, v.timestamp], [5, 42]);
    });
  });

  describe(`session store, ${impl.name}`, () => {
    it('finds sessions ending at or after the earliest end and starting at or before the latest start', () => {
      const store = Stores.sessionStoreBuilder(impl.session('s', 1000), S, L).withLoggingDisabled().build();
      store.init(context());
      store.put(new Windowed('a', new SessionWindow(0, 5)), 1);
      store.put(new Windowed('a', new SessionWindow(10, 20)), 2);
      store.put(new Windowed('b', new SessionWindow(3, 4)), 3);
      assert.deepEqual(
        [...store.findSessions('a', 5, 10)].map((e) => String(e.key)),
        ['[a@0/5]', '[a@10/20]'],
      );
      assert.deepEqual(
        [...store.findSessions('a', 6, 10)].map((e) => String(e.key)),
        ['[a@10/20]'],
      );
      assert.deepEqual(
        [...store.findSessions('a', 0, 9)].map((e) => String(e.key)),
        ['[a@0/5]'],
      );
      assert.deepEqual(
        [...store.findSessions(0, 5)].map((e) => String(e.key)),
        ['[b@3/4]', '[a@0/5]'],
      );
      assert.equal(store.fetchSession('a', 10, 20), 2);
      assert.deepEqual(
        [...store.backwardFetch('a')].map((e) => e.value),
        [2, 1],
      );
      store.remove(new Windowed('a', new SessionWindow(0, 5)));
      assert.deepEqual(
        [...store.fetch('a')].map((e) => e.value),
        [2],
      );
    });

    it('logs Kafka session keys and restores them, removals as tombstones', () => {
      const log: { key: Buffer; value: Buffer | null; timestamp: number }[] = [];
      const builder = Stores.sessionStoreBuilder(impl.session('s', 1000), S, L);
      const store = builder.build();
      store.init(context(log));
      store.put(new Windowed('a', new SessionWindow(1, 2)), 9);
      store.put(new Windowed('a', new SessionWindow(3, 4)), 8);
      store.remove(new Windowed('a', new SessionWindow(1, 2)));
      assert.deepEqual([...log[0]!.key], [0x61, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1]);
      assert.equal(log[2]!.value, null);
      const restored = builder.build();
      restored.init(context([]));
      restored.restore!(log);
      assert.deepEqual(
        [...restored.fetch('a')].map((e) => `${e.key}=${e.value}`),
        ['[a@3/4]=8'],
      );
    });
  });
}
