import assert from 'node:assert/strict';
import { Serdes } from '../core/serdes/index.ts';
import {
  Consumed,
  Grouped,
  Materialized,
  Named,
  Produced,
  StreamsBuilder,
  TopologyTestDriver,
  ValueAndTimestamp,
} from './index.ts';

const S = Serdes.String();
const I = Serdes.Int();
const L = Serdes.Long();

describe('KGroupedStream', () => {
  it('groupByKey().aggregate() follows the DSL guide table, one update per record', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, I))
      .groupByKey()
      .aggregate(
        () => 0,
        (_k, v, agg) => agg + v,
        Materialized.as<string, number>('agg').withValueSerde(L),
      )
      .toStream()
      .to('out', Produced.with(S, L));
    const d = new TopologyTestDriver(b.build());
    const input = d.createInputTopic('in', S, I);
    for (const [k, t] of [
      ['hello', 1],
      ['kafka', 2],
      ['streams', 3],
      ['kafka', 4],
      ['kafka', 5],
      ['streams', 6],
    ] as const)
      input.pipeInput(k, 1, t);
    assert.deepEqual(
      d
        .createOutputTopic('out', S, L)
        .readKeyValuesToList()
        .map((kv) => `${kv.key}=${kv.value}`),
      ['hello=1', 'kafka=1', 'streams=1', 'kafka=2', 'kafka=3', 'streams=2'],
    );
  });

  it('stamps each aggregate with the max timestamp of the records that made it', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, I))
      .groupByKey()
      .count(Named.as('counter'))
      .toStream()
      .to('out', Produced.with(S, L));
    const d = new TopologyTestDriver(b.build());
    const input = d.createInputTopic('in', S, I);
    input.pipeInput('k', 1, 100);
    input.pipeInput('k', 1, 50); // out of order: the aggregate keeps 100
    input.pipeInput('k', 1, 120);
    assert.deepEqual(
      d
        .createOutputTopic('out', S, L)
        .readRecordsToList()
        .map((r) => [r.value, r.timestamp]),
      [
        [1, 100],
        [2, 100],
        [3, 120],
      ],
    );
  });

  it('count and reduce drop records with a null key or value and count them', () => {
    const b = new StreamsBuilder();
    const grouped = b.stream('in', Consumed.with(S, I)).groupByKey();
    grouped.count(Materialized.as<string, number>('counts'));
    grouped.reduce((a, v) => a + v, Materialized.as<string, number>('sums'));
    const d = new TopologyTestDriver(b.build());
    const input = d.createInputTopic('in', S, I);
    input.pipeInput(null, 1);
    input.pipeInput('a', null);
    input.pipeInput('a', 4);
    input.pipeInput('a', 5);
    assert.equal(d.getKeyValueStore<string, number>('counts')!.get('a'), 2);
    assert.equal(d.getKeyValueStore<string, number>('sums')!.get('a'), 9);
    assert.equal(
      d.metrics().get('dropped-records-total'),
      4,
      'two skipped records, seen by two aggregations',
    );
  });

  it('reduce starts from the first value, with no initializer', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, S))
      .groupByKey()
      .reduce((a, v) => `${a}+${v}`)
      .toStream()
      .to('out', Produced.with(S, S));
    const d = new TopologyTestDriver(b.build());
    const input = d.createInputTopic('in', S, S);
    input.pipeInput('k', 'x');
    input.pipeInput('k', 'y');
    assert.deepEqual(d.createOutputTopic('out', S, S).readValuesToList(), ['x', 'x+y']);
  });

  it('groupByKey does not repartition an unchanged key, but does after a key change', () => {
    const plain = new StreamsBuilder();
    plain.stream('in', Consumed.with(S, I)).groupByKey().count();
    assert.equal(plain.build().subtopologies().length, 1);
    const rekeyed = new StreamsBuilder();
    rekeyed
      .stream('in', Consumed.with(S, I))
      .map((k, v) => ({ key: `${k}!`, value: v }))
      .groupByKey(Grouped.with(S, I))
      .count();
    const t = rekeyed.build();
    assert.equal(t.subtopologies().length, 2);
    assert.deepEqual([...t.internalTopics().keys()].sort(), [
      'KSTREAM-AGGREGATE-STATE-STORE-0000000002-changelog',
      'KSTREAM-AGGREGATE-STATE-STORE-0000000002-repartition',
    ]);
  });

  it('groupBy repartitions through <app>-<Grouped name>-repartition and names the key selector', () => {
    const b = new StreamsBuilder();
    b.stream('orders', Consumed.with(S, I))
      .groupBy((_k, v) => (v >= 100 ? 'big' : 'small'), Grouped.as<string, number>('by-size').withKeySerde(S))
      .count(Materialized.as<string, number>('sizes'))
      .toStream()
      .to('out', Produced.with(S, L));
    const topology = b.build();
    const text = topology.describe().toString();
    assert.match(text, /Processor: by-size-key-select \(stores: \[\]\)\n {6}--> by-size-repartition-filter/);
    assert.match(text, /Sink: by-size-repartition-sink \(topic: by-size-repartition\)/);
    const d = new TopologyTestDriver(topology, { 'application.id': 'shop' });
    const input = d.createInputTopic('orders', S, I);
    for (const v of [5, 500, 7, 100]) input.pipeInput('o', v);
    assert.deepEqual(
      d.createOutputTopic('out', S, L).readKeyValuesToMap(),
      new Map([
        ['small', 2],
        ['big', 2],
      ]),
    );
    assert.equal(d.createOutputTopic('shop-by-size-repartition', S, I).getQueueSize(), 4);
    assert.ok(d.producedTopicNames().includes('shop-sizes-changelog'));
  });

  it('two aggregations of one named grouping share its repartition topic', () => {
    const b = new StreamsBuilder();
    const grouped = b
      .stream('in', Consumed.with(S, I))
      .groupBy((_k, v) => String(v % 2), Grouped.as<string, number>('parity').withKeySerde(S));
    grouped.count(Materialized.as<string, number>('n'));
    grouped.reduce((a, v) => Math.max(a, v), Materialized.as<string, number>('max'));
    const t = b.build();
    assert.deepEqual(
      [...t.internalTopics().values()].filter((x) => x.kind === 'repartition').map((x) => x.name),
      ['parity-repartition'],
    );
    const d = new TopologyTestDriver(t);
    const input = d.createInputTopic('in', S, I);
    for (const v of [1, 2, 3, 8]) input.pipeInput('k', v);
    assert.equal(d.getKeyValueStore<string, number>('n')!.get('1'), 2);
    assert.equal(d.getKeyValueStore<string, number>('max')!.get('0'), 8);
  });

  it('aggregates into a persistent (LMDB) store the same way', () => {
    const b = new StreamsBuilder({ 'default.dsl.store': 'lmdb' });
    b.stream('in', Consumed.with(S, I))
      .groupByKey()
      .aggregate(
        () => '',
        (_k, v, agg) => agg + String(v),
        Materialized.as<string, string>('concat').withValueSerde(S),
      );
    const d = new TopologyTestDriver(b.build());
    try {
      const input = d.createInputTopic('in', S, I);
      input.pipeInput('a', 1, 3);
      input.pipeInput('b', 2, 4);
      input.pipeInput('a', 3, 5);
      const store = d.getTimestampedKeyValueStore<string, string>('concat')!;
      assert.equal(store.persistent, true);
      assert.deepEqual(
        [...store.all()],
        [
          { key: 'a', value: ValueAndTimestamp.make('13', 5) },
          { key: 'b', value: ValueAndTimestamp.make('2', 4) },
        ],
      );
    } finally {
      d.close();
    }
  });
});
