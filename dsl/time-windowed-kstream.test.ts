import assert from 'node:assert/strict';
import { Serdes } from '../core/serdes/index.ts';
import {
  Consumed,
  EmitStrategy,
  Materialized,
  Produced,
  SlidingWindows,
  StreamsBuilder,
  TimeWindows,
  TopologyTestDriver,
  WindowedSerdes,
  type DroppedRecordEvent,
} from './index.ts';

const S = Serdes.String();
const L = Serdes.Long();
const emitNow = { '__emit.interval.ms.kstreams.windowed.aggregation__': 0 } as const;

function rows(topic: {
  readRecordsToList(): { key: unknown; value: unknown; timestamp: number }[];
}): string[] {
  return topic.readRecordsToList().map((r) => `${String(r.key)} ${String(r.value)} @${r.timestamp}`);
}

describe('TimeWindowedKStream', () => {
  it('aggregates hopping windows: every window containing the record, none starting below 0 (KStreamWindowAggregateTest)', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, S))
      .groupByKey()
      .windowedBy(TimeWindows.ofSizeWithNoGrace(10).advanceBy(5))
      .aggregate(
        () => '0',
        (_k, v, agg) => `${agg}+${v}`,
        Materialized.as<string, string>('topic1-Canonized').withValueSerde(S),
      )
      .toStream()
      .to('out', Produced.with(WindowedSerdes.timeWindowedSerdeFrom(S, 10), S));
    const d = new TopologyTestDriver(b.build());
    const input = d.createInputTopic('in', S, S);
    input.pipeInput('A', '1', 0);
    input.pipeInput('B', '2', 1);
    input.pipeInput('A', '1', 4);
    input.pipeInput('A', '1', 5);
    input.pipeInput('B', '2', 13);
    assert.deepEqual(rows(d.createOutputTopic('out', WindowedSerdes.timeWindowedSerdeFrom(S, 10), S)), [
      '[A@0/10] 0+1 @0',
      '[B@0/10] 0+2 @1',
      '[A@0/10] 0+1+1 @4',
      '[A@0/10] 0+1+1+1 @5',
      '[A@5/15] 0+1 @5',
      '[B@5/15] 0+2 @13',
      '[B@10/20] 0+2 @13',
    ]);
    // Retention is size + grace = 10 of stream time (13 now): windows starting at or before 3 are gone.
    const store = d.getWindowStore<string, string>('topic1-Canonized')!;
    assert.deepEqual(
      [...store.fetch('A', 0, 5)].map((e) => `${e.key}:${e.value}`),
      ['5:0+1'],
    );
    assert.deepEqual(
      [...store.fetch('B', 0, 10)].map((e) => `${e.key}:${e.value}`),
      ['5:0+2', '10:0+2'],
    );
    d.close();
  });

  it('drops records for windows whose end <= stream time - grace and counts them as late', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, S))
      .groupByKey()
      .windowedBy(TimeWindows.ofSizeAndGrace(10, 5))
      .count()
      .toStream()
      .to('out', Produced.with(WindowedSerdes.timeWindowedSerdeFrom(S, 10), L));
    const dropped: DroppedRecordEvent[] = [];
    const d = new TopologyTestDriver(b.build(), { onDroppedRecord: (e) => dropped.push(e) });
    const input = d.createInputTopic('in', S, S);
    input.pipeInput('k', 'v', 3);
    input.pipeInput('k', 'v', 14); // stream time 14: window [0,10) closes at 15
    input.pipeInput('k', 'v', 1); // 10 > 14 - 5: still open
    input.pipeInput('k', 'v', 15); // stream time 15: [0,10) closed
    input.pipeInput('k', 'v', 2); // late
    input.pipeInput('k', 'v', 0); // late; stream time never went back
    assert.deepEqual(rows(d.createOutputTopic('out', WindowedSerdes.timeWindowedSerdeFrom(S, 10), L)), [
      '[k@0/10] 1 @3',
      '[k@10/20] 1 @14',
      '[k@0/10] 2 @3',
      '[k@10/20] 2 @15',
    ]);
    assert.equal(d.metrics().get('dropped-records-total'), 2);
    assert.equal(d.metrics().get('late-record-drop-total'), 2);
    assert.equal(dropped.length, 2);
    assert.equal(dropped[0]!.late, true);
    assert.match(dropped[0]!.reason, /^Skipping record for expired window/);
    d.close();
  });

  it('stamps each window result with the max timestamp of its records; null keys are dropped', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, S))
      .groupByKey()
      .windowedBy(TimeWindows.ofSizeAndGrace(100, 100))
      .reduce((a, v) => a + v, Materialized.as<string, string>('r'))
      .toStream()
      .to('out', Produced.with(WindowedSerdes.timeWindowedSerdeFrom(S, 100), S));
    const d = new TopologyTestDriver(b.build());
    const input = d.createInputTopic('in', S, S);
    input.pipeInput('k', 'a', 50);
    input.pipeInput('k', 'b', 20);
    input.pipeInput(null, 'c', 30);
    assert.deepEqual(rows(d.createOutputTopic('out', WindowedSerdes.timeWindowedSerdeFrom(S, 100), S)), [
      '[k@0/100] a @50',
      '[k@0/100] ab @50',
    ]);
    assert.equal(d.metrics().get('dropped-records-total'), 1);
    assert.equal(d.getTimestampedWindowStore<string, string>('r')!.fetch('k', 0)!.timestamp, 50);
    d.close();
  });

  it('emitStrategy(onWindowClose) emits exactly one final result per window, once it closes', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, S))
      .groupByKey()
      .windowedBy(TimeWindows.ofSizeAndGrace(10, 2))
      .emitStrategy(EmitStrategy.onWindowClose())
      .count()
      .toStream()
      .to('out', Produced.with(WindowedSerdes.timeWindowedSerdeFrom(S, 10), L));
    const d = new TopologyTestDriver(b.build(), emitNow);
    const input = d.createInputTopic('in', S, S);
    const out = d.createOutputTopic('out', WindowedSerdes.timeWindowedSerdeFrom(S, 10), L);
    input.pipeInput('a', 'v', 1);
    input.pipeInput('b', 'v', 5);
    input.pipeInput('a', 'v', 11); // close time 9: nothing closed
    assert.deepEqual(rows(out), []);
    input.pipeInput('a', 'v', 8); // still open (10 > 9)
    input.pipeInput('a', 'v', 12); // close time 10: [0,10) closes
    assert.deepEqual(rows(out), ['[a@0/10] 2 @8', '[b@0/10] 1 @5']);
    input.pipeInput('a', 'v', 13);
    input.pipeInput('a', 'v', 40);
    assert.deepEqual(rows(out), ['[a@10/20] 3 @13']);
    d.close();
  });

  it('throttles final results by wall-clock time (1000 ms unless configured)', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, S))
      .groupByKey()
      .windowedBy(TimeWindows.ofSizeWithNoGrace(10))
      .emitStrategy(EmitStrategy.onWindowClose())
      .count()
      .toStream()
      .to('out', Produced.with(WindowedSerdes.timeWindowedSerdeFrom(S, 10), L));
    const d = new TopologyTestDriver(b.build());
    const input = d.createInputTopic('in', S, S);
    const out = d.createOutputTopic('out', WindowedSerdes.timeWindowedSerdeFrom(S, 10), L);
    input.pipeInput('a', 'v', 1); // the first check takes the slot at wall clock 0
    input.pipeInput('a', 'v', 25);
    assert.deepEqual(rows(out), []);
    d.advanceWallClockTime(1000);
    input.pipeInput('a', 'v', 26);
    assert.deepEqual(rows(out), ['[a@0/10] 1 @1']);
    d.close();
  });

  it('sliding windows: left window per record, right windows once a later record falls in them', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, S))
      .groupByKey()
      .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(10, 100))
      .count(Materialized.as('sliding'))
      .toStream()
      .to('out', Produced.with(WindowedSerdes.timeWindowedSerdeFrom(S, 10), L));
    const d = new TopologyTestDriver(b.build());
    const input = d.createInputTopic('in', S, S);
    for (const t of [15, 18, 30, 8]) input.pipeInput('a', 'v', t);
    assert.deepEqual(rows(d.createOutputTopic('out', WindowedSerdes.timeWindowedSerdeFrom(S, 10), L)), [
      '[a@5/15] 1 @15',
      '[a@16/26] 1 @18',
      '[a@8/18] 2 @18',
      '[a@20/30] 1 @30',
      '[a@5/15] 2 @15',
      '[a@8/18] 3 @18',
      '[a@9/19] 2 @18',
      '[a@0/10] 1 @8',
    ]);
    // Every distinct set of records is one window; recomputing each from the records agrees.
    const records = [15, 18, 30, 8];
    for (const { key, value } of d.getWindowStore<string, number>('sliding')!.all()) {
      const inside = records.filter((t) => t >= key.window.start && t <= key.window.end).length;
      assert.equal(value, inside, String(key));
    }
    d.close();
  });

  it('sliding windows count a closed window as late, and drop a record whose right window end <= close time', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, S))
      .groupByKey()
      .windowedBy(SlidingWindows.ofTimeDifferenceWithNoGrace(10))
      .count(Materialized.as('s'));
    const d = new TopologyTestDriver(b.build());
    const input = d.createInputTopic('in', S, S);
    input.pipeInput('a', 'v', 100);
    input.pipeInput('a', 'v', 90); // joins the open [90,100]; its own left window [80,90] is closed
    assert.equal(d.metrics().get('late-record-drop-total'), 1);
    assert.equal(d.getWindowStore<string, number>('s')!.fetch('a', 90), 2);
    input.pipeInput('a', 'v', 89); // 89 + 1 + 10 <= 100: dropped whole (Kafka's check)
    assert.equal(d.metrics().get('late-record-drop-total'), 2);
    assert.equal(d.getWindowStore<string, number>('s')!.fetch('a', 90), 2);
    d.close();
  });

  it('materializes a window store with retention size + grace, logged to a compact,delete changelog', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, S))
      .groupByKey()
      .windowedBy(TimeWindows.ofSizeAndGrace(1000, 500))
      .count(Materialized.as('counts'));
    const t = b.build();
    const changelog = t.internalTopics().get('counts-changelog')!;
    assert.deepEqual(changelog.config, {
      'cleanup.policy': 'compact,delete',
      'message.timestamp.type': 'CreateTime',
      'retention.ms': String(1500 + 86_400_000),
    });
    const d = new TopologyTestDriver(t);
    assert.equal(d.getWindowStore('counts')!.retentionPeriodMs, 1500);
    d.close();
    assert.throws(
      () =>
        new StreamsBuilder()
          .stream('in')
          .groupByKey()
          .windowedBy(TimeWindows.ofSizeAndGrace(1000, 500))
          .count(Materialized.as<unknown, number>('c').withRetention(1000)),
      /must be no smaller than the window size plus the grace period/,
    );
  });

  it('restores a window store from its changelog and keeps aggregating', () => {
    const build = (): StreamsBuilder => {
      const b = new StreamsBuilder();
      b.stream('in', Consumed.with(S, S))
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeAndGrace(10, 100))
        .count(Materialized.as('counts'))
        .toStream()
        .to('out', Produced.with(WindowedSerdes.timeWindowedSerdeFrom(S, 10), L));
      return b;
    };
    const first = new TopologyTestDriver(build().build());
    const input = first.createInputTopic('in', S, S);
    input.pipeInput('a', 'v', 1);
    input.pipeInput('a', 'v', 2);
    input.pipeInput('a', 'v', 12);
    const changelog = first
      .createOutputTopic('topology-test-driver-counts-changelog', Serdes.Bytes(), Serdes.Bytes())
      .readRecordsToList()
      .map((r) => ({ key: r.key, value: r.value, timestamp: r.timestamp }));
    first.close();
    assert.equal(changelog.length, 3);
    const topology = build().build();
    const second = new TopologyTestDriver(topology);
    (second.getStateStore('counts') as { restore(r: typeof changelog): void }).restore(changelog);
    second.createInputTopic('in', S, S).pipeInput('a', 'v', 3);
    assert.deepEqual(rows(second.createOutputTopic('out', WindowedSerdes.timeWindowedSerdeFrom(S, 10), L)), [
      '[a@0/10] 3 @3',
    ]);
    second.close();
  });
});
