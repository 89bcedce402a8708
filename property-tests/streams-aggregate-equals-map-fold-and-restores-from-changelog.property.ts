// Guarantee: for any keyed input (with null keys and out-of-order timestamps), groupByKey().aggregate()
// run by the TopologyTestDriver emits, per record, exactly what a plain Map-based fold computes —
// the new aggregate stamped with the max timestamp of the records that built it — ends with the
// same store contents, drops and counts exactly the null-key records, and a fresh task restored
// from the store's changelog holds the same contents (in-memory or LMDB).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Serdes } from '../core/serdes/index.ts';
import {
  Consumed,
  Materialized,
  Produced,
  StoreType,
  StreamsBuilder,
  TopologyTask,
  type ChangelogRecord,
  type TimestampedKeyValueStore,
} from '../dsl/index.ts';
import { TopologyTestDriver } from '../dsl/testing/index.ts';

const S = Serdes.String();
const I = Serdes.Int();
const storeName = 'folded';

/** Order-sensitive, so a reordering or a lost update changes the result. */
const fold = (agg: number, value: number): number => (agg * 31 + value) % 1_000_003;
const initial = 7;

interface Input {
  readonly key: string | null;
  readonly value: number;
  readonly timestamp: number;
}

const inputs: fc.Arbitrary<Input[]> = fc.array(
  fc.record({
    key: fc.option(fc.constantFrom('a', 'b', 'c', 'é', ''), { nil: null, freq: 8 }),
    value: fc.integer({ min: 0, max: 1000 }),
    timestamp: fc.nat({ max: 500 }),
  }),
  { maxLength: 60 },
);

function topology(storeType: StoreType) {
  const b = new StreamsBuilder();
  b.stream('in', Consumed.with(S, I))
    .groupByKey()
    .aggregate(
      () => initial,
      (_k, v, agg) => fold(agg, v),
      Materialized.as<string, number>(storeName).withValueSerde(I).withStoreType(storeType),
    )
    .toStream()
    .to('out', Produced.with(S, I));
  return b.build();
}

describe('streams: groupByKey().aggregate() equals a Map fold and restores from its changelog', () => {
  it('matches the fold record by record, in the store, and after restore', () => {
    fc.assert(
      fc.property(inputs, fc.constantFrom(StoreType.IN_MEMORY, StoreType.LMDB), (records, storeType) => {
        const t = topology(storeType);
        const driver = new TopologyTestDriver(t, { 'application.id': 'prop' });
        const restoreDir = mkdtempSync(join(tmpdir(), 'tributary-prop-restore-'));
        try {
          const input = driver.createInputTopic('in', S, I);
          const output = driver.createOutputTopic('out', S, I);
          const model = new Map<string, { value: number; timestamp: number }>();
          for (const r of records) {
            input.pipeInput(r.key, r.value, r.timestamp);
            const emitted = output.readRecordsToList();
            if (r.key === null) {
              assert.equal(emitted.length, 0, 'a null-key record emits nothing');
              continue;
            }
            const old = model.get(r.key);
            const next = {
              value: fold(old?.value ?? initial, r.value),
              timestamp: Math.max(old?.timestamp ?? r.timestamp, r.timestamp),
            };
            model.set(r.key, next);
            assert.deepEqual(
              emitted.map((e) => ({ key: e.key, value: e.value, timestamp: e.timestamp })),
              [{ key: r.key, ...next }],
            );
          }
          const expected = [...model.entries()]
            .sort(([x], [y]) => Buffer.compare(Buffer.from(x), Buffer.from(y)))
            .map(([key, v]) => ({ key, value: v.value, timestamp: v.timestamp }));
          const flat = (store: TimestampedKeyValueStore<string, number>) =>
            [...store.all()].map((e) => ({ key: e.key, value: e.value.value, timestamp: e.value.timestamp }));
          assert.deepEqual(flat(driver.getTimestampedKeyValueStore<string, number>(storeName)!), expected);
          assert.equal(
            driver.metrics().get('dropped-records-total'),
            records.filter((r) => r.key === null).length,
          );

          // Rebuild the store in a fresh task from the changelog bytes, as a runtime would.
          const changelog: ChangelogRecord[] = driver
            .createOutputTopic('prop-folded-changelog', S, I)
            .readRecordsToList()
            .map((r) => ({
              key: S.serializer('t', r.key),
              value: I.serializer('t', r.value),
              timestamp: r.timestamp,
            }));
          const task = new TopologyTask(t, 0, {
            applicationId: 'prop',
            partition: 0,
            sink: () => assert.fail('restoring must not write'),
            wallClockMs: () => 0,
            stateDir: restoreDir,
          });
          task.restore(storeName, changelog);
          assert.deepEqual(
            flat(task.getStateStore(storeName) as TimestampedKeyValueStore<string, number>),
            expected,
          );
          task.close();
        } finally {
          driver.close();
          rmSync(restoreDir, { recursive: true, force: true });
        }
      }),
    );
  });
});
