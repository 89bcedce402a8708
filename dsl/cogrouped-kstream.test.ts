import assert from 'node:assert/strict';
import { Serdes } from '../core/serdes/index.ts';
import { Consumed, Materialized, Named, Produced, StreamsBuilder, TopologyTestDriver } from './index.ts';

const S = Serdes.String();
const I = Serdes.Int();

describe('CogroupedKStream', () => {
  it('aggregates several grouped streams into one store, each input with its own aggregator', () => {
    const b = new StreamsBuilder();
    const clicks = b.stream('clicks', Consumed.with(S, I)).groupByKey();
    const views = b.stream('views', Consumed.with(S, I)).groupByKey();
    clicks
      .cogroup<number>((_k, v, agg) => agg + v)
      .cogroup(views, (_k, v, agg) => agg + 100 * v)
      .aggregate(() => 0, Materialized.as<string, number>('score').withValueSerde(I))
      .toStream()
      .to('out', Produced.with(S, I));
    const topology = b.build();
    const text = topology.describe().toString();
    assert.match(
      text,
      /Processor: COGROUPKSTREAM-AGGREGATE-0000000002 \(stores: \[score\]\)\n {6}--> COGROUPKSTREAM-MERGE-0000000004/,
    );
    assert.match(
      text,
      /Processor: COGROUPKSTREAM-MERGE-0000000004 \(stores: \[\]\)\n {6}--> KTABLE-TOSTREAM-0000000005\n {6}<-- COGROUPKSTREAM-AGGREGATE-0000000002, COGROUPKSTREAM-AGGREGATE-0000000003/,
    );
    assert.equal(
      topology.subtopologies().length,
      1,
      'the shared store joins both inputs in one sub-topology',
    );
    const d = new TopologyTestDriver(topology);
    d.createInputTopic('clicks', S, I).pipeInput('u', 1, 5);
    d.createInputTopic('views', S, I).pipeInput('u', 2, 7);
    d.createInputTopic('clicks', S, I).pipeInput('u', 3, 6);
    assert.deepEqual(
      d
        .createOutputTopic('out', S, I)
        .readRecordsToList()
        .map((r) => [r.value, r.timestamp]),
      [
        [1, 5],
        [201, 7],
        [204, 7],
      ],
    );
  });

  it('names nodes <name>-cogroup-agg-<i> and <name>-cogroup-merge with Named', () => {
    const b = new StreamsBuilder();
    const one = b.stream('a', Consumed.with(S, I)).groupByKey();
    const two = b.stream('b', Consumed.with(S, I)).groupByKey();
    one
      .cogroup<number>((_k, v, agg) => agg + v)
      .cogroup(two, (_k, v, agg) => agg - v)
      .aggregate(() => 0, Named.as('net'));
    const text = b.build().describe().toString();
    assert.match(text, /Processor: net-cogroup-agg-0 /);
    assert.match(text, /Processor: net-cogroup-agg-1 /);
    assert.match(text, /Processor: net-cogroup-merge /);
  });
});
