import assert from 'node:assert/strict';
import { Serdes } from '../core/serdes/index.ts';
import {
  BufferConfig,
  Materialized,
  SessionWindows,
  SlidingWindows,
  StreamsBuilder,
  Suppressed,
  TimeWindows,
  type KGroupedStream,
} from './index.ts';

const L = Serdes.Long();

type Windowing = (g: KGroupedStream<unknown, unknown>) => {
  count(...args: Materialized<unknown, number>[]): unknown;
};

const windowings: [string, Windowing][] = [
  ['timeWindow', (g) => g.windowedBy(TimeWindows.ofSizeWithNoGrace(1))],
  ['slidingWindow', (g) => g.windowedBy(SlidingWindows.ofTimeDifferenceWithNoGrace(1))],
  ['sessionWindow', (g) => g.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(1))],
];

/** Goldens from Kafka Streams' TopologyTest (…WindowZeroArgCount / NamedMaterialized / AnonymousMaterialized). */
describe('describe() of windowed aggregations matches Kafka Streams', () => {
  for (const [kind, windowed] of windowings) {
    it(`${kind}ZeroArgCountShouldPreserveTopologyStructure`, () => {
      const b = new StreamsBuilder();
      windowed(b.stream('input-topic').groupByKey()).count();
      assert.equal(
        b.build().describe().toString(),
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: KSTREAM-SOURCE-0000000000 (topics: [input-topic])\n' +
          '      --> KSTREAM-AGGREGATE-0000000002\n' +
          '    Processor: KSTREAM-AGGREGATE-0000000002 (stores: [KSTREAM-AGGREGATE-STATE-STORE-0000000001])\n' +
          '      --> none\n' +
          '      <-- KSTREAM-SOURCE-0000000000\n\n',
      );
    });

    it(`${kind}NamedMaterializedCountShouldPreserveTopologyStructure`, () => {
      const b = new StreamsBuilder();
      windowed(b.stream('input-topic').groupByKey()).count(Materialized.as('count-store'));
      assert.match(
        b.build().describe().toString(),
        /Source: KSTREAM-SOURCE-0000000000 \(topics: \[input-topic\]\)\n {6}--> KSTREAM-AGGREGATE-0000000001\n {4}Processor: KSTREAM-AGGREGATE-0000000001 \(stores: \[count-store\]\)/,
      );
    });

    it(`${kind}AnonymousMaterializedCountShouldPreserveTopologyStructure`, () => {
      const b = new StreamsBuilder();
      windowed(b.stream('input-topic').groupByKey()).count(Materialized.with<unknown, number>(undefined, L));
      assert.match(
        b.build().describe().toString(),
        /Processor: KSTREAM-AGGREGATE-0000000003 \(stores: \[KSTREAM-AGGREGATE-STATE-STORE-0000000002\]\)/,
      );
    });
  }

  it('suppress adds KTABLE-SUPPRESS-<n> with its buffer store KTABLE-SUPPRESS-STATE-STORE-<n+1>', () => {
    const b = new StreamsBuilder();
    b.stream('input-topic')
      .groupByKey()
      .windowedBy(TimeWindows.ofSizeWithNoGrace(1))
      .count()
      .suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded()))
      .toStream()
      .to('output');
    assert.equal(
      b.build().describe().toString(),
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input-topic])\n' +
        '      --> KSTREAM-AGGREGATE-0000000002\n' +
        '    Processor: KSTREAM-AGGREGATE-0000000002 (stores: [KSTREAM-AGGREGATE-STATE-STORE-0000000001])\n' +
        '      --> KTABLE-SUPPRESS-0000000003\n' +
        '      <-- KSTREAM-SOURCE-0000000000\n' +
        '    Processor: KTABLE-SUPPRESS-0000000003 (stores: [KTABLE-SUPPRESS-STATE-STORE-0000000004])\n' +
        '      --> KTABLE-TOSTREAM-0000000005\n' +
        '      <-- KSTREAM-AGGREGATE-0000000002\n' +
        '    Processor: KTABLE-TOSTREAM-0000000005 (stores: [])\n' +
        '      --> KSTREAM-SINK-0000000006\n' +
        '      <-- KTABLE-SUPPRESS-0000000003\n' +
        '    Sink: KSTREAM-SINK-0000000006 (topic: output)\n' +
        '      <-- KTABLE-TOSTREAM-0000000005\n\n',
    );
    const named = new StreamsBuilder();
    named
      .stream('input-topic')
      .groupByKey()
      .windowedBy(TimeWindows.ofSizeWithNoGrace(1))
      .count()
      .suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded()).withName('final'));
    const t = named.build();
    assert.match(t.describe().toString(), /Processor: final-suppress \(stores: \[final-store\]\)/);
    assert.ok(t.internalTopics().has('final-store-changelog'));
  });
});
