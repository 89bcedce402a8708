// Guarantee: a key-value store iterates and range-scans in the unsigned byte order of the
// serialized keys (as Kafka's stores do), whatever the key type's own ordering, and holds exactly
// the last value put for each key.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Serdes, type Serde } from '../core/serdes/index.ts';
import { Stores } from '../dsl/index.ts';

const context = { applicationId: 'p', taskId: '0_0', changelogTopic: null };

function checkOrder<K>(keySerde: Serde<K>, keys: fc.Arbitrary<K>): void {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(keys, fc.option(fc.integer(), { nil: null })), { maxLength: 60 }),
      keys,
      keys,
      (ops, a, b) => {
        const store = Stores.keyValueStoreBuilder(
          Stores.inMemoryKeyValueStore('s'),
          keySerde,
          Serdes.Int(),
        ).build();
        store.init(context);
        const model = new Map<string, { key: K; bytes: Buffer; value: number }>();
        for (const [key, value] of ops) {
          store.put(key, value);
          const bytes = keySerde.serializer('s', key)!;
          if (value === null) model.delete(bytes.toString('hex'));
          else model.set(bytes.toString('hex'), { key, bytes, value });
        }
        const sorted = [...model.values()].sort((x, y) => Buffer.compare(x.bytes, y.bytes));
        assert.deepEqual(
          [...store.all()],
          sorted.map((e) => ({ key: e.key, value: e.value })),
        );
        const [lo, hi] = [keySerde.serializer('s', a)!, keySerde.serializer('s', b)!];
        const inRange = sorted.filter(
          (e) => Buffer.compare(e.bytes, lo) >= 0 && Buffer.compare(e.bytes, hi) <= 0,
        );
        assert.deepEqual(
          [...store.range(a, b)],
          inRange.map((e) => ({ key: e.key, value: e.value })),
        );
        assert.equal(store.approximateNumEntries(), model.size);
      },
    ),
  );
}

describe('streams: key-value stores iterate in unsigned key-byte order', () => {
  it('Int keys (negative numbers sort after positive ones by bytes)', () => {
    checkOrder(
      Serdes.Int(),
      fc.integer({ min: -50, max: 50 }).chain((n) => fc.constantFrom(n, n * 1_000_000)),
    );
  });

  it('String keys (UTF-8 bytes, not UTF-16 code units)', () => {
    checkOrder(Serdes.String(), fc.string({ unit: 'binary', maxLength: 4 }));
  });
});
