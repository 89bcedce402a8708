// Guarantee: a tumbling-window count run through the TopologyTestDriver holds, per key and window,
// exactly the number of records a plain bucketed count gives over the records that were not late
// (a record is late when its window end <= max timestamp seen so far - grace), and
// suppress(untilWindowCloses) emits exactly one final result per window, equal to that count, for
// every window that stream time has closed and none for the others.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Serdes } from '../core/serdes/index.ts';
import {
  BufferConfig,
  Consumed,
  Materialized,
  Produced,
  StreamsBuilder,
  Suppressed,
  TimeWindows,
  WindowedSerdes,
} from '../dsl/index.ts';
import { TopologyTestDriver } from '../dsl/testing/index.ts';

const S = Serdes.String();
const L = Serdes.Long();

describe('streams: a tumbling-window count equals a bucketed count of the non-late records', () => {
  it('and suppress(untilWindowCloses) emits one final result per closed window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 15 }),
        fc.array(fc.record({ key: fc.constantFrom('a', 'b', 'c'), ts: fc.integer({ min: 0, max: 120 }) }), {
          maxLength: 60,
        }),
        (size, grace, records) => {
          const W = WindowedSerdes.timeWindowedSerdeFrom(S, size);
          const b = new StreamsBuilder();
          const counts = b
            .stream('in', Consumed.with(S, S))
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeAndGrace(size, grace))
            // Keep every window in the store so it can be compared with the model.
            .count(Materialized.as<string, number>('counts').withRetention(1000));
          counts
            .suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded()))
            .toStream()
            .to('final', Produced.with(W, L));
          const driver = new TopologyTestDriver(b.build());
          try {
            const input = driver.createInputTopic('in', S, S);
            const expected = new Map<string, number>();
            let streamTime = -1;
            let late = 0;
            for (const r of records) {
              input.pipeInput(r.key, 'v', r.ts);
              streamTime = Math.max(streamTime, r.ts);
              const start = Math.floor(r.ts / size) * size;
              if (start + size <= streamTime - grace) {
                late++;
                continue;
              }
              const id = `[${r.key}@${start}/${start + size}]`;
              expected.set(id, (expected.get(id) ?? 0) + 1);
            }
            const store = driver.getWindowStore<string, number>('counts')!;
            const actual = new Map([...store.all()].map((e) => [String(e.key), e.value]));
            assert.deepEqual(actual, expected);
            assert.equal(driver.metrics().get('late-record-drop-total'), late);

            const finals = driver.createOutputTopic('final', W, L).readRecordsToList();
            const seen = new Set<string>();
            for (const f of finals) {
              const id = String(f.key);
              assert.ok(!seen.has(id), `two final results for ${id}`);
              seen.add(id);
              assert.equal(f.value, expected.get(id), `final result of ${id}`);
              assert.ok(f.key!.window.end <= streamTime - grace, `${id} emitted before it closed`);
            }
            for (const [id] of expected) {
              const end = Number(/\/(\d+)\]$/.exec(id)![1]);
              assert.equal(seen.has(id), end <= streamTime - grace, `final result of ${id}`);
            }
          } finally {
            driver.close();
          }
        },
      ),
    );
  });
});
