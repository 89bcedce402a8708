import assert from 'node:assert/strict';
import { Serdes } from '../core/serdes/index.ts';
import { Consumed, Grouped, Materialized, Produced, StreamsBuilder, TopologyTestDriver } from './index.ts';
import { Change, changeSerde } from './internals/change.ts';

const S = Serdes.String();
const I = Serdes.Int();
const L = Serdes.Long();

/** The DSL guide's table aggregation: user -> region, value = length of the user name. */
function regionTopology() {
  const b = new StreamsBuilder();
  b.table('user-regions', Consumed.with(S, S))
    .groupBy((user, region) => ({ key: region, value: user }), Grouped.with(S, S))
    .aggregate(
      () => 0,
      (_region, user, agg) => agg + user.length,
      (_region, user, agg) => agg - user.length,
      Materialized.as<string, number>('region-lengths').withValueSerde(I),
    )
    .toStream()
    .to('out', Produced.with(S, I));
  return b.build();
}

describe('KGroupedTable', () => {
  it('follows the DSL guide table: an update subtracts from the old group, then adds to the new one', () => {
    const d = new TopologyTestDriver(regionTopology());
    const input = d.createInputTopic('user-regions', S, S);
    const store = d.getKeyValueStore<string, number>('region-lengths')!;
    const state = () => Object.fromEntries([...store.all()].map((e) => [e.key, e.value]));
    const steps: [string | null, string | null, Record<string, number>][] = [
      ['alice', 'E', { E: 5 }],
      ['bob', 'A', { A: 3, E: 5 }],
      ['charlie', 'A', { A: 10, E: 5 }],
      ['alice', 'A', { A: 15, E: 0 }],
      ['charlie', null, { A: 8, E: 0 }],
      [null, 'E', { A: 8, E: 0 }],
      ['bob', 'E', { A: 5, E: 3 }],
    ];
    steps.forEach(([user, region, expected], i) => {
      input.pipeInput(user, region, i + 1);
      assert.deepEqual(state(), expected, `after step ${i + 1}`);
    });
    // Step 4 (alice E -> A) emits the subtraction first, then the addition.
    const out = d
      .createOutputTopic('out', S, I)
      .readRecordsToList()
      .map((r) => `${r.key}=${r.value}@${r.timestamp}`);
    assert.deepEqual(out, ['E=5@1', 'A=3@2', 'A=10@3', 'E=0@4', 'A=15@4', 'A=8@5', 'A=5@7', 'E=3@7']);
    assert.equal(d.metrics().get('dropped-records-total'), 1, 'the null-key row is dropped and counted');
  });

  it('count ends as Confluent UserCountsPerRegion does (europe=1, asia=1)', () => {
    const b = new StreamsBuilder();
    b.table('user-regions', Consumed.with(S, S))
      .groupBy((user, region) => ({ key: region, value: user }), Grouped.with(S, S))
      .count()
      .toStream()
      .to('out', Produced.with(S, L));
    const d = new TopologyTestDriver(b.build());
    const input = d.createInputTopic('user-regions', S, S);
    input.pipeInput('alice', 'asia');
    input.pipeInput('bob', 'europe');
    input.pipeInput('alice', 'europe');
    input.pipeInput('bob', 'asia');
    assert.deepEqual(
      d.createOutputTopic('out', S, L).readKeyValuesToMap(),
      new Map([
        ['asia', 1],
        ['europe', 1],
      ]),
    );
  });

  it('an update that keeps its group travels as one change and emits one result', () => {
    const b = new StreamsBuilder();
    b.table('in', Consumed.with(S, I))
      .groupBy((k, v) => ({ key: k.slice(0, 1), value: v }), Grouped.with(S, I))
      .reduce(
        (agg, v) => agg + v,
        (agg, v) => agg - v,
        Materialized.as<string, number>('sum'),
      )
      .toStream()
      .to('out', Produced.with(S, I));
    const d = new TopologyTestDriver(b.build(), { 'application.id': 'app' });
    const input = d.createInputTopic('in', S, I);
    input.pipeInput('a1', 10);
    input.pipeInput('a2', 5);
    input.pipeInput('a1', 7);
    input.pipeInput('a2', null);
    assert.deepEqual(d.createOutputTopic('out', S, I).readValuesToList(), [10, 15, 12, 7]);
    const repartition = d.createOutputTopic('app-sum-repartition', S, changeSerde(I));
    const changes = repartition.readValuesToList().map((c) => [c!.newValue, c!.oldValue]);
    assert.deepEqual(changes, [
      [10, null],
      [5, null],
      [7, 10],
      [null, 5],
    ]);
  });

  it('a subtractor returning null removes the group, and its next value starts from the initializer', () => {
    const b = new StreamsBuilder();
    b.table('in', Consumed.with(S, I))
      .groupBy((k, v) => ({ key: 'all', value: v }), Grouped.with(S, I))
      .aggregate(
        () => 100,
        (_k, v, agg) => agg + v,
        (_k, v, agg) => (agg - v === 100 ? null : agg - v),
        Materialized.as<string, number>('agg').withValueSerde(I),
      )
      .toStream()
      .to('out', Produced.with(S, I));
    const d = new TopologyTestDriver(b.build());
    const input = d.createInputTopic('in', S, I);
    input.pipeInput('x', 1);
    input.pipeInput('x', null);
    input.pipeInput('y', 2);
    assert.deepEqual(d.createOutputTopic('out', S, I).readValuesToList(), [101, null, 102]);
  });

  it('serializes changes on the repartition topic in Kafka 3.5+ layout', () => {
    const serde = changeSerde(S);
    const both = serde.serializer('t', new Change('new', 'old'))!;
    assert.deepEqual(
      both,
      Buffer.concat([Buffer.from([0, 0, 0, 3]), Buffer.from('newold'), Buffer.from([2])]),
    );
    assert.deepEqual(serde.serializer('t', new Change('n', null)), Buffer.from([0x6e, 1]));
    assert.deepEqual(serde.serializer('t', new Change(null, 'o')), Buffer.from([0x6f, 0]));
    for (const c of [new Change('new', 'old'), new Change('n', null), new Change<string>(null, 'o')])
      assert.deepEqual(serde.deserializer('t', serde.serializer('t', c)), c);
    assert.throws(() => serde.serializer('t', new Change<string>(null, null)), /both old and new/);
  });
});
