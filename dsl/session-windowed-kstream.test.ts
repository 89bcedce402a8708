import assert from 'node:assert/strict';
import { Serdes } from '../core/serdes/index.ts';
import {
  Consumed,
  EmitStrategy,
  Materialized,
  Produced,
  SessionWindows,
  StreamsBuilder,
  TopologyTestDriver,
  WindowedSerdes,
} from './index.ts';

const S = Serdes.String();
const L = Serdes.Long();
const W = WindowedSerdes.sessionWindowedSerdeFrom(S);

function rows(topic: {
  readRecordsToList(): { key: unknown; value: unknown; timestamp: number }[];
}): string[] {
  return topic.readRecordsToList().map((r) => `${String(r.key)} ${String(r.value)} @${r.timestamp}`);
}

describe('SessionWindowedKStream', () => {
  it('merges sessions a record bridges: a tombstone per old session, then the merged one at its end', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, S))
      .groupByKey()
      .windowedBy(SessionWindows.ofInactivityGapAndGrace(5, 100))
      .aggregate(
        () => '',
        (_k, v, agg) => agg + v,
        (_k, a, c) => a + c,
        Materialized.as<string, string>('sessions').withValueSerde(S),
      )
      .toStream()
      .to('out', Produced.with(W, S));
    const d = new TopologyTestDriver(b.build());
    const input = d.createInputTopic('in', S, S);
    input.pipeInput('a', '1', 0);
    input.pipeInput('a', '2', 10);
    input.pipeInput('a', '3', 5); // gap inclusive: 0..5 and 5..10 merge into [0,10]
    input.pipeInput('a', '4', 16); // 16 - 10 > 5: a new session
    input.pipeInput('b', '5', 3);
    assert.deepEqual(rows(d.createOutputTopic('out', W, S)), [
      '[a@0/0] 1 @0',
      '[a@10/10] 2 @10',
      '[a@0/0] null @0',
      '[a@10/10] null @10',
      '[a@0/10] 123 @10',
      '[a@16/16] 4 @16',
      '[b@3/3] 5 @3',
    ]);
    const store = d.getSessionStore<string, string>('sessions')!;
    assert.deepEqual(
      [...store.fetch('a')].map((e) => `${e.key}=${e.value}`),
      ['[a@0/10]=123', '[a@16/16]=4'],
    );
    d.close();
  });

  it('drops a record whose merged session ends before stream time - grace - gap', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, S))
      .groupByKey()
      .windowedBy(SessionWindows.ofInactivityGapAndGrace(5, 10))
      .count();
    const d = new TopologyTestDriver(b.build());
    const input = d.createInputTopic('in', S, S);
    input.pipeInput('a', 'v', 100);
    input.pipeInput('a', 'v', 85); // 85 >= 100 - 10 - 5: accepted
    input.pipeInput('b', 'v', 84); // 84 < 85: late
    assert.equal(d.metrics().get('late-record-drop-total'), 1);
    d.close();
  });

  it('counts sessions, and with onWindowClose emits each session once after end + gap + grace', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, S))
      .groupByKey()
      .windowedBy(SessionWindows.ofInactivityGapAndGrace(5, 0))
      .emitStrategy(EmitStrategy.onWindowClose())
      .count()
      .toStream()
      .to('out', Produced.with(W, L));
    const d = new TopologyTestDriver(b.build(), { '__emit.interval.ms.kstreams.windowed.aggregation__': 0 });
    const input = d.createInputTopic('in', S, S);
    const out = d.createOutputTopic('out', W, L);
    input.pipeInput('a', 'v', 0);
    input.pipeInput('a', 'v', 4);
    input.pipeInput('a', 'v', 9); // merges into [0,9]
    input.pipeInput('a', 'v', 14); // merges into [0,14]: nothing final yet
    assert.deepEqual(rows(out), []);
    input.pipeInput('b', 'v', 30); // close time 25: [a@0/14] is final
    assert.deepEqual(rows(out), ['[a@0/14] 4 @14']);
    input.pipeInput('b', 'v', 60);
    assert.deepEqual(rows(out), ['[b@30/30] 1 @30']);
    d.close();
  });
});
