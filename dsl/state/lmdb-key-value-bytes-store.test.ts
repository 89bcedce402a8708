import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Serdes } from '../../core/serdes/index.ts';
import { LmdbKeyValueBytesStore } from './lmdb-key-value-bytes-store.ts';
import { Stores } from './stores.ts';

describe('persistent (LMDB) key-value store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tributary-lmdb-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const ctx = () => ({ applicationId: 'a', taskId: '0_0', changelogTopic: null, stateDir: dir });

  it('orders, scans and counts exactly as the in-memory store does, including an empty key', () => {
    const keys = ['', 'b', 'a', 'ab', '\u00e9', 'z', 'aa'];
    const build = (supplier: ReturnType<typeof Stores.inMemoryKeyValueStore>) => {
      const s = Stores.keyValueStoreBuilder(supplier, Serdes.String(), Serdes.Int()).build();
      s.init(ctx());
      keys.forEach((k, i) => s.put(k, i));
      s.delete('z');
      return s;
    };
    const lmdb = build(Stores.persistentKeyValueStore('p'));
    const mem = build(Stores.inMemoryKeyValueStore('m'));
    assert.deepEqual([...lmdb.all()], [...mem.all()]);
    assert.deepEqual([...lmdb.reverseAll()], [...mem.reverseAll()]);
    assert.deepEqual([...lmdb.range('a', 'b')], [...mem.range('a', 'b')]);
    assert.deepEqual([...lmdb.reverseRange('', 'ab')], [...mem.reverseRange('', 'ab')]);
    assert.deepEqual([...lmdb.range('b', 'a')], []);
    const str = Serdes.String().serializer;
    assert.deepEqual([...lmdb.prefixScan('a', str)], [...mem.prefixScan('a', str)]);
    assert.equal(lmdb.get(''), 0);
    assert.equal(lmdb.approximateNumEntries(), 6);
    assert.equal(lmdb.persistent, true);
    lmdb.close();
  });

  it('keeps its data on disk across close and reopen, under <state.dir>/lmdb/<store>', () => {
    const first = new LmdbKeyValueBytesStore('p');
    first.init(ctx());
    first.put(Buffer.from('k'), Buffer.from('v'));
    first.close();
    assert.ok(existsSync(join(dir, 'lmdb', 'p')));
    const second = new LmdbKeyValueBytesStore('p');
    second.init(ctx());
    assert.deepEqual(second.get(Buffer.from('k')), Buffer.from('v'));
    second.destroy();
    assert.equal(existsSync(join(dir, 'lmdb', 'p')), false);
  });

  it('refuses to open without a state directory', () => {
    const store = new LmdbKeyValueBytesStore('p');
    assert.throws(
      () => store.init({ applicationId: 'a', taskId: '0_0', changelogTopic: null }),
      /state\.dir/,
    );
  });
});
