// Guarantee: a KTable re-grouped with groupBy and aggregated with an adder and a subtractor holds,
// after any sequence of inserts, updates (within and across groups) and deletes, exactly what
// recomputing each group from the table's current rows gives: old values are subtracted from the
// group they left, new values added to the group they joined, through the repartition topic.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Serdes } from '../core/serdes/index.ts';
import { Consumed, Grouped, Materialized, StreamsBuilder } from '../dsl/index.ts';
import { TopologyTestDriver } from '../dsl/testing/index.ts';

const S = Serdes.String();
const I = Serdes.Int();
const J = Serdes.Json<{ sum: number; rows: number }>();
const groupOf = (value: number): string => `g${value % 3}`;

describe('streams: a table aggregation equals recomputing each group from the current rows', () => {
  it('subtracts then adds for every update, insert and delete', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            row: fc.constantFrom('r1', 'r2', 'r3', 'r4'),
            value: fc.option(fc.integer({ min: 0, max: 50 }), { nil: null, freq: 4 }),
          }),
          { maxLength: 50 },
        ),
        (updates) => {
          const b = new StreamsBuilder();
          b.table('rows', Consumed.with(S, I))
            .groupBy((row, value) => ({ key: groupOf(value), value }), Grouped.with(S, I))
            .aggregate(
              () => ({ sum: 0, rows: 0 }),
              (_g, v, agg) => ({ sum: agg.sum + v, rows: agg.rows + 1 }),
              (_g, v, agg) => ({ sum: agg.sum - v, rows: agg.rows - 1 }),
              Materialized.as<string, { sum: number; rows: number }>('groups').withValueSerde(J),
            );
          const driver = new TopologyTestDriver(b.build());
          try {
            const input = driver.createInputTopic('rows', S, I);
            const table = new Map<string, number>();
            const touched = new Set<string>();
            updates.forEach((u, i) => {
              input.pipeInput(u.row, u.value, i);
              if (u.value === null) table.delete(u.row);
              else {
                table.set(u.row, u.value);
                touched.add(groupOf(u.value));
              }
            });
            const expected = new Map<string, { sum: number; rows: number }>();
            for (const g of touched) expected.set(g, { sum: 0, rows: 0 });
            for (const v of table.values()) {
              const agg = expected.get(groupOf(v))!;
              agg.sum += v;
              agg.rows += 1;
            }
            const store = driver.getKeyValueStore<string, { sum: number; rows: number }>('groups')!;
            assert.deepEqual(new Map([...store.all()].map((e) => [e.key, e.value])), expected);
          } finally {
            driver.close();
          }
        },
      ),
    );
  });
});
