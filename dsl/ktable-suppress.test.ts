import assert from 'node:assert/strict';
import { Serdes } from '../core/serdes/index.ts';
import {
  BufferConfig,
  Consumed,
  Materialized,
  Produced,
  SessionWindows,
  StreamsBuilder,
  StreamsException,
  Suppressed,
  TimeWindows,
  TopologyTestDriver,
  WindowedSerdes,
} from './index.ts';

const S = Serdes.String();
const L = Serdes.Long();
const W = WindowedSerdes.timeWindowedSerdeFrom(S, 2);

function rows(topic: {
  readRecordsToList(): { key: unknown; value: unknown; timestamp: number }[];
}): string[] {
  return topic.readRecordsToList().map((r) => `${String(r.key)} ${String(r.value)} @${r.timestamp}`);
}

describe('KTable.suppress', () => {
  it('untilWindowCloses: one final result per window once stream time reaches end + grace (SuppressScenarioTest)', () => {
    const b = new StreamsBuilder();
    b.stream('input', Consumed.with(S, S))
      .groupByKey()
      .windowedBy(TimeWindows.ofSizeAndGrace(2, 1))
      .count(Materialized.as<string, number>('counts').withValueSerde(L))
      .suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded()))
      .toStream()
      .to('output-suppressed', Produced.with(W, L));
    const d = new TopologyTestDriver(b.build());
    const input = d.createInputTopic('input', S, S);
    const out = d.createOutputTopic('output-suppressed', W, L);
    input.pipeInput('k1', 'v1', 0);
    input.pipeInput('k1', 'v1', 1);
    input.pipeInput('k2', 'v2', 2);
    input.pipeInput('k1', 'v1', 0); // still open: [0,2) closes at stream time 3
    assert.deepEqual(rows(out), []);
    input.pipeInput('k1', 'v1', 3); // closes [0,2)
    assert.deepEqual(rows(out), ['[k1@0/2] 3 @1']);
    input.pipeInput('k1', 'v1', 0); // late: dropped by the aggregation, nothing new downstream
    input.pipeInput('k1', 'v1', 5); // closes [2,4)
    // Same buffer time (window end 4): ordered by key bytes, as Kafka's BufferKey.
    assert.deepEqual(rows(out), ['[k1@2/4] 1 @3', '[k2@2/4] 1 @2']);
    d.close();
  });

  it('untilWindowCloses drops the tombstones of merged sessions and emits the merged session once', () => {
    const SW = WindowedSerdes.sessionWindowedSerdeFrom(S);
    const b = new StreamsBuilder();
    b.stream('input', Consumed.with(S, S))
      .groupByKey()
      .windowedBy(SessionWindows.ofInactivityGapAndGrace(5, 10))
      .count(Materialized.with(S, L))
      .suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded()))
      .toStream()
      .to('out', Produced.with(SW, L));
    const d = new TopologyTestDriver(b.build());
    const input = d.createInputTopic('input', S, S);
    input.pipeInput('k', 'v', 0);
    input.pipeInput('k', 'v', 10);
    input.pipeInput('k', 'v', 5); // merges [0,0] and [10,10]
    input.pipeInput('x', 'v', 30); // close time 30 - 10 - 5 = 15: [k@0/10] is final
    assert.deepEqual(rows(d.createOutputTopic('out', SW, L)), ['[k@0/10] 3 @10']);
    d.close();
  });

  it('untilTimeLimit emits the latest value of a key once stream time is the limit past its first buffered update', () => {
    const b = new StreamsBuilder();
    b.table('input', Consumed.with(S, L))
      .suppress(Suppressed.untilTimeLimit(10, BufferConfig.unbounded()))
      .toStream()
      .to('out', Produced.with(S, L));
    const d = new TopologyTestDriver(b.build());
    const input = d.createInputTopic('input', S, L);
    const out = d.createOutputTopic('out', S, L);
    input.pipeInput('a', 1, 0);
    input.pipeInput('a', 2, 5); // replaces the value, keeps the place (buffer time 0)
    input.pipeInput('b', 1, 9);
    assert.deepEqual(rows(out), []);
    input.pipeInput('c', 1, 10); // 0 <= 10 - 10: 'a' goes, with its latest value and timestamp
    assert.deepEqual(rows(out), ['a 2 @5']);
    input.pipeInput('b', null, 19); // a tombstone is forwarded by a rate limiter
    assert.deepEqual(rows(out), ['b null @19']);
    d.close();
  });

  it('a full emit-early buffer emits its oldest entries; a full strict buffer fails the task', () => {
    const build = (config: BufferConfig): TopologyTestDriver => {
      const b = new StreamsBuilder();
      b.table('input', Consumed.with(S, L))
        .suppress(Suppressed.untilTimeLimit(1000, config))
        .toStream()
        .to('out', Produced.with(S, L));
      return new TopologyTestDriver(b.build());
    };
    const early = build(BufferConfig.maxRecords(1));
    const input = early.createInputTopic('input', S, L);
    input.pipeInput('a', 1, 0);
    input.pipeInput('b', 2, 1);
    assert.deepEqual(rows(early.createOutputTopic('out', S, L)), ['a 1 @0']);
    early.close();
    const strict = build(BufferConfig.maxRecords(1).shutDownWhenFull());
    const strictInput = strict.createInputTopic('input', S, L);
    strictInput.pipeInput('a', 1, 0);
    assert.throws(
      () => strictInput.pipeInput('b', 2, 1),
      (err: unknown) => {
        assert.ok(err instanceof StreamsException);
        assert.match(err.message, /buffer exceeded its max capacity. Currently \[2\/1\] records/);
        return true;
      },
    );
    strict.close();
  });

  it('rejects untilWindowCloses on a table that is not windowed, and an eager buffer for final results', () => {
    const b = new StreamsBuilder();
    assert.throws(
      () => b.table('t').suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded())),
      /only applies to windowed KTables/,
    );
    assert.throws(() => Suppressed.untilWindowCloses(BufferConfig.maxRecords(5)), /strict buffer/);
  });

  it('logs the buffer to its changelog and rebuilds it after a restart, so a final result is not lost', () => {
    const build = (): StreamsBuilder => {
      const b = new StreamsBuilder();
      b.stream('input', Consumed.with(S, S))
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeWithNoGrace(2))
        .count(Materialized.as<string, number>('counts').withValueSerde(L))
        .suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded()).withName('final'))
        .toStream()
        .to('out', Produced.with(W, L));
      return b;
    };
    const first = new TopologyTestDriver(build().build());
    const input = first.createInputTopic('input', S, S);
    input.pipeInput('k', 'v', 0);
    input.pipeInput('k', 'v', 1);
    const changelogs = ['counts', 'final-store'].map((store) =>
      first
        .createOutputTopic(`topology-test-driver-${store}-changelog`, Serdes.Bytes(), Serdes.Bytes())
        .readRecordsToList()
        .map((r) => ({ key: r.key, value: r.value, timestamp: r.timestamp })),
    );
    assert.equal(first.createOutputTopic('out', W, L).getQueueSize(), 0);
    first.close();
    const second = new TopologyTestDriver(build().build());
    ['counts', 'final-store'].forEach((store, i) =>
      (second.getStateStore(store) as { restore(r: (typeof changelogs)[number]): void }).restore(
        changelogs[i]!,
      ),
    );
    second.createInputTopic('input', S, S).pipeInput('other', 'v', 2);
    assert.deepEqual(rows(second.createOutputTopic('out', W, L)), ['[k@0/2] 2 @1']);
    second.close();
  });
});
