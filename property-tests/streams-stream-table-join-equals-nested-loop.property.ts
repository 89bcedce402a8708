// Guarantee: a KStream-KTable join (inner and left) run through the TopologyTestDriver emits, for
// each stream record in arrival order, exactly what a reference nested-loop join over the table's
// state at that record's arrival gives: the joined value when the table holds the key (inner and
// left), the value joined with null otherwise (left only), always with the stream record's
// timestamp; table updates and deletes never emit.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Serdes } from '../core/serdes/index.ts';
import { Consumed, Produced, StreamsBuilder } from '../dsl/index.ts';
import { TopologyTestDriver } from '../dsl/testing/index.ts';

const S = Serdes.String();

type Event = { side: 'stream' | 'table'; key: string; value: string | null; ts: number };

describe('streams: a stream-table join equals a nested-loop join over the table state at arrival', () => {
  for (const left of [false, true]) {
    it(`${left ? 'leftJoin' : 'join'}`, () => {
      fc.assert(
        fc.property(
          fc.array(
            fc.record({
              side: fc.constantFrom<'stream' | 'table'>('stream', 'table'),
              key: fc.constantFrom('a', 'b', 'c', 'd'),
              value: fc.option(fc.string({ maxLength: 3 }), { nil: null, freq: 5 }),
              ts: fc.integer({ min: 0, max: 1000 }),
            }),
            { maxLength: 60 },
          ),
          (events: Event[]) => {
            const b = new StreamsBuilder();
            const table = b.table('table', Consumed.with(S, S));
            const stream = b.stream('stream', Consumed.with(S, S));
            const joiner = (v: string, t: string | null): string => `${v}|${t ?? '<null>'}`;
            (left ? stream.leftJoin(table, joiner) : stream.join(table, joiner)).to(
              'out',
              Produced.with(S, S),
            );
            const driver = new TopologyTestDriver(b.build());
            try {
              const inputs = {
                stream: driver.createInputTopic('stream', S, S),
                table: driver.createInputTopic('table', S, S),
              };
              const state = new Map<string, string>();
              const expected: string[] = [];
              for (const e of events) {
                inputs[e.side].pipeInput(e.key, e.value, e.ts);
                if (e.side === 'table') {
                  if (e.value === null) state.delete(e.key);
                  else state.set(e.key, e.value);
                  continue;
                }
                if (e.value === null) continue; // a null stream value is dropped
                // The nested loop: every table row whose key equals the record's.
                const matches = [...state].filter(([k]) => k === e.key).map(([, v]) => v);
                if (matches.length > 0)
                  for (const m of matches) expected.push(`${e.key}:${joiner(e.value, m)}@${e.ts}`);
                else if (left) expected.push(`${e.key}:${joiner(e.value, null)}@${e.ts}`);
              }
              const actual = driver
                .createOutputTopic('out', S, S)
                .readRecordsToList()
                .map((r) => `${r.key}:${r.value}@${r.timestamp}`);
              assert.deepEqual(actual, expected);
            } finally {
              driver.close();
            }
          },
        ),
      );
    });
  }
});
