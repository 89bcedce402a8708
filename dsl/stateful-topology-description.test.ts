import assert from 'node:assert/strict';
import { Serdes } from '../core/serdes/index.ts';
import { Consumed, Grouped, Materialized, Named, StreamsBuilder } from './index.ts';

const S = Serdes.String();
const L = Serdes.Long();

/** Goldens from Kafka Streams' TopologyTest (…ShouldPreserveTopologyStructure), byte for byte. */
describe('describe() of stateful topologies matches Kafka Streams', () => {
  it('groupByKey().count(): generated store, no repartition', () => {
    const b = new StreamsBuilder();
    b.stream('input-topic').groupByKey().count();
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

  it('groupByKey().count(Materialized.as) uses the store name; count(Materialized.with) burns an index', () => {
    const named = new StreamsBuilder();
    named.stream('input-topic').groupByKey().count(Materialized.as('count-store'));
    assert.match(
      named.build().describe().toString(),
      /Processor: KSTREAM-AGGREGATE-0000000001 \(stores: \[count-store\]\)/,
    );
    const anonymous = new StreamsBuilder();
    anonymous.stream('input-topic').groupByKey().count(Materialized.with(undefined, L));
    assert.match(
      anonymous.build().describe().toString(),
      /Processor: KSTREAM-AGGREGATE-0000000003 \(stores: \[KSTREAM-AGGREGATE-STATE-STORE-0000000002\]\)/,
    );
  });

  it('table().groupBy().count(): materialized source, KTABLE-SELECT, repartition named after the store', () => {
    const b = new StreamsBuilder();
    b.table<string, string>('input-topic')
      .groupBy(() => null)
      .count();
    assert.equal(
      b.build().describe().toString(),
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000001 (topics: [input-topic])\n' +
        '      --> KTABLE-SOURCE-0000000002\n' +
        '    Processor: KTABLE-SOURCE-0000000002 (stores: [input-topic-STATE-STORE-0000000000])\n' +
        '      --> KTABLE-SELECT-0000000003\n' +
        '      <-- KSTREAM-SOURCE-0000000001\n' +
        '    Processor: KTABLE-SELECT-0000000003 (stores: [])\n' +
        '      --> KSTREAM-SINK-0000000005\n' +
        '      <-- KTABLE-SOURCE-0000000002\n' +
        '    Sink: KSTREAM-SINK-0000000005 (topic: KTABLE-AGGREGATE-STATE-STORE-0000000004-repartition)\n' +
        '      <-- KTABLE-SELECT-0000000003\n' +
        '\n' +
        '  Sub-topology: 1\n' +
        '    Source: KSTREAM-SOURCE-0000000006 (topics: [KTABLE-AGGREGATE-STATE-STORE-0000000004-repartition])\n' +
        '      --> KTABLE-AGGREGATE-0000000007\n' +
        '    Processor: KTABLE-AGGREGATE-0000000007 (stores: [KTABLE-AGGREGATE-STATE-STORE-0000000004])\n' +
        '      --> none\n' +
        '      <-- KSTREAM-SOURCE-0000000006\n' +
        '\n',
    );
  });

  it('table().groupBy().count(Materialized.as) names the repartition topic after the store', () => {
    const b = new StreamsBuilder();
    b.table<string, string>('input-topic')
      .groupBy(() => null)
      .count(Materialized.as('count-store'));
    const text = b.build().describe().toString();
    assert.match(text, /Sink: KSTREAM-SINK-0000000004 \(topic: count-store-repartition\)/);
    assert.match(
      text,
      /Source: KSTREAM-SOURCE-0000000005 \(topics: \[count-store-repartition\]\)\n {6}--> KTABLE-AGGREGATE-0000000006/,
    );
    assert.match(text, /Processor: KTABLE-AGGREGATE-0000000006 \(stores: \[count-store\]\)/);
  });

  it('table filter/mapValues are materialized only when the store is named', () => {
    const cases: [(t: ReturnType<StreamsBuilder['table']>) => void, RegExp][] = [
      [
        (t) => t.filter(() => false),
        /KTABLE-SOURCE-0000000002 \(stores: \[\]\)[\s\S]*KTABLE-FILTER-0000000003 \(stores: \[\]\)/,
      ],
      [
        (t) => t.filter(() => false, Materialized.with(undefined, undefined)),
        /KTABLE-FILTER-0000000004 \(stores: \[\]\)/,
      ],
      [
        (t) => t.filter(() => false, Materialized.as('store-name')),
        /KTABLE-FILTER-0000000003 \(stores: \[store-name\]\)/,
      ],
      [(t) => t.mapValues(() => null), /KTABLE-MAPVALUES-0000000003 \(stores: \[\]\)/],
      [
        (t) => t.mapValues(() => null, Materialized.with(undefined, undefined)),
        /KTABLE-MAPVALUES-0000000004 \(stores: \[\]\)/,
      ],
      [
        (t) => t.mapValues(() => null, Materialized.as('store-name')),
        /KTABLE-MAPVALUES-0000000003 \(stores: \[store-name\]\)/,
      ],
    ];
    for (const [op, expected] of cases) {
      const b = new StreamsBuilder();
      op(b.table('input-topic'));
      assert.match(b.build().describe().toString(), expected);
    }
  });

  it('names a grouped repartition after Grouped and keeps generated aggregate names (Kafka naming test)', () => {
    const b = new StreamsBuilder();
    b.table('input-topic')
      .groupBy((k, v) => ({ key: k, value: v }), Grouped.as('group-operation'))
      .count(Named.as('count-operation'));
    const t = b.build();
    const text = t.describe().toString();
    assert.match(text, /Processor: group-operation \(stores: \[\]\)\n {6}--> count-operation-sink/);
    assert.match(text, /Sink: count-operation-sink \(topic: group-operation-repartition\)/);
    assert.match(text, /Source: count-operation-source \(topics: \[group-operation-repartition\]\)/);
    assert.match(text, /Processor: count-operation \(stores: \[KTABLE-AGGREGATE-STATE-STORE-0000000004\]\)/);
    assert.deepEqual([...t.storeBuilders().keys()].sort(), [
      'KTABLE-AGGREGATE-STATE-STORE-0000000004',
      'input-topic-STATE-STORE-0000000000',
    ]);
  });

  it('lists repartition and changelog topics as internal topics, and resolves their partition counts', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, S))
      .groupBy((_k, v) => v, Grouped.as<string, string>('by-value'))
      .count(Materialized.as<string, number>('counts'));
    b.stream('other', Consumed.with(S, S))
      .groupByKey()
      .count(Materialized.as<string, number>('unlogged').withLoggingDisabled());
    const t = b.build();
    const topics = t.internalTopics();
    assert.deepEqual([...topics.keys()].sort(), ['by-value-repartition', 'counts-changelog']);
    assert.equal(topics.get('counts-changelog')!.kind, 'changelog');
    assert.equal(topics.get('counts-changelog')!.config!['cleanup.policy'], 'compact');
    assert.equal(topics.get('by-value-repartition')!.config!['cleanup.policy'], 'delete');
    const counts = t.resolveInternalTopicPartitions((topic) => ({ in: 4, other: 2 })[topic]);
    assert.equal(counts.get('by-value-repartition'), 4);
    assert.equal(
      counts.get('counts-changelog'),
      4,
      'a changelog has one partition per task of its sub-topology',
    );
  });
});
