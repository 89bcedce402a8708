import assert from 'node:assert/strict';
import { Serdes } from '../core/serdes/index.ts';
import {
  Consumed,
  Materialized,
  Named,
  Produced,
  StreamsBuilder,
  TopologyTestDriver,
  ValueAndTimestamp,
  type DroppedRecordEvent,
  type ProcessorContext,
} from './index.ts';

const S = Serdes.String();
const I = Serdes.Int();

describe('KTable', () => {
  it('builder.table upserts per key, deletes on a tombstone, and toStream emits the changelog', () => {
    const b = new StreamsBuilder();
    const table = b.table('in', Consumed.with(S, I), Materialized.as<string, number>('t'));
    table.toStream().to('out', Produced.with(S, I));
    const d = new TopologyTestDriver(b.build());
    const input = d.createInputTopic('in', S, I);
    input.pipeInput('a', 1, 10);
    input.pipeInput('b', 2, 11);
    input.pipeInput('a', 3, 12);
    input.pipeInput('b', null, 13);
    assert.deepEqual(
      d
        .createOutputTopic('out', S, I)
        .readRecordsToList()
        .map((r) => [r.key, r.value, r.timestamp]),
      [
        ['a', 1, 10],
        ['b', 2, 11],
        ['a', 3, 12],
        ['b', null, 13],
      ],
    );
    const store = d.getTimestampedKeyValueStore<string, number>('t')!;
    assert.deepEqual(store.get('a'), ValueAndTimestamp.make(3, 12));
    assert.equal(store.get('b'), null);
    assert.equal(d.getKeyValueStore<string, number>('t')!.get('a'), 3);
    assert.equal(table.queryableStoreName(), 't');
    d.close();
  });

  it('drops and counts records with a null key, as Kafka does', () => {
    const b = new StreamsBuilder();
    b.table('in', Consumed.with(S, I)).toStream().to('out', Produced.with(S, I));
    const dropped: DroppedRecordEvent[] = [];
    const d = new TopologyTestDriver(b.build(), { onDroppedRecord: (e) => dropped.push(e) });
    const input = d.createInputTopic('in', S, I);
    input.pipeInput(null, 1, 5);
    input.pipeInput('k', 2, 6);
    assert.deepEqual(d.createOutputTopic('out', S, I).readKeyValuesToList(), [{ key: 'k', value: 2 }]);
    assert.equal(d.metrics().get('dropped-records-total'), 1);
    assert.equal(dropped.length, 1);
    assert.equal(dropped[0]!.processorName, 'KTABLE-SOURCE-0000000002');
    assert.match(dropped[0]!.reason, /null key/);
    assert.deepEqual(dropped[0]!.metadata, { topic: 'in', partition: 0, offset: 0 });
  });

  it('table(topic, Materialized) materializes with the given serdes; the changelog topic is prefixed', () => {
    const b = new StreamsBuilder();
    b.table('in', Materialized.as<string, number>('t').withKeySerde(S).withValueSerde(I));
    const topology = b.build();
    assert.deepEqual([...topology.internalTopics().keys()], ['t-changelog']);
    assert.equal(topology.physicalTopic('t-changelog', 'app'), 'app-t-changelog');
    const d = new TopologyTestDriver(topology);
    d.createInputTopic('in', S, I).pipeInput('k', 9);
    assert.equal(d.getKeyValueStore<string, number>('t')!.get('k'), 9);
  });

  it('an unnamed source table is not materialized and not queryable', () => {
    const b = new StreamsBuilder();
    const table = b.table('in', Consumed.with(S, I));
    assert.equal(table.queryableStoreName(), null);
    assert.equal(b.build().storeBuilders().size, 0);
  });

  it('filter turns updates that fail the predicate into tombstones; a named filter is queryable', () => {
    const b = new StreamsBuilder();
    b.table('in', Consumed.with(S, I))
      .filter((_k, v) => v % 2 === 0, Materialized.as<string, number>('even'))
      .toStream()
      .to('out', Produced.with(S, I));
    const d = new TopologyTestDriver(b.build());
    const input = d.createInputTopic('in', S, I);
    input.pipeInput('a', 2, 1);
    input.pipeInput('a', 3, 2);
    input.pipeInput('b', 5, 3);
    input.pipeInput('b', 6, 4);
    assert.deepEqual(d.createOutputTopic('out', S, I).readKeyValuesToList(), [
      { key: 'a', value: 2 },
      { key: 'a', value: null },
      { key: 'b', value: null },
      { key: 'b', value: 6 },
    ]);
    const even = d.getKeyValueStore<string, number>('even')!;
    assert.deepEqual([...even.all()], [{ key: 'b', value: 6 }]);
  });

  it('filterNot keeps what filter drops', () => {
    const b = new StreamsBuilder();
    b.table('in', Consumed.with(S, I))
      .filterNot((_k, v) => v > 10, Named.as('small'))
      .toStream()
      .to('out', Produced.with(S, I));
    const d = new TopologyTestDriver(b.build());
    const input = d.createInputTopic('in', S, I);
    input.pipeInput('a', 5);
    input.pipeInput('a', 50);
    assert.deepEqual(d.createOutputTopic('out', S, I).readValuesToList(), [5, null]);
  });

  it('mapValues maps new values and keeps deletes as deletes (the mapper never sees null)', () => {
    const b = new StreamsBuilder();
    const seen: (number | null)[] = [];
    b.table('in', Consumed.with(S, I))
      .mapValues((v, k) => {
        seen.push(v);
        return `${k}:${v * 10}`;
      })
      .toStream()
      .to('out', Produced.with(S, S));
    const d = new TopologyTestDriver(b.build());
    const input = d.createInputTopic('in', S, I);
    input.pipeInput('a', 1);
    input.pipeInput('a', null);
    assert.deepEqual(d.createOutputTopic('out', S, S).readValuesToList(), ['a:10', null]);
    assert.deepEqual(seen, [1]);
  });

  it('toTable reads a stream as upserts and repartitions first when the key changed upstream', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, I))
      .selectKey((k) => k.toUpperCase())
      .toTable(Materialized.as<string, number>('latest').withKeySerde(S).withValueSerde(I))
      .toStream()
      .to('out', Produced.with(S, I));
    const topology = b.build();
    assert.equal(topology.subtopologies().length, 2);
    assert.match(
      topology.describe().toString(),
      /Sink: KSTREAM-SINK-0000000003 \(topic: KSTREAM-TOTABLE-0000000002-repartition\)/,
    );
    const d = new TopologyTestDriver(topology, { 'application.id': 'app' });
    const input = d.createInputTopic('in', S, I);
    input.pipeInput('x', 1);
    input.pipeInput('X', 2);
    input.pipeInput('x', null);
    assert.deepEqual(d.createOutputTopic('out', S, I).readKeyValuesToList(), [
      { key: 'X', value: 1 },
      { key: 'X', value: 2 },
      { key: 'X', value: null },
    ]);
    assert.equal(d.getKeyValueStore<string, number>('latest')!.get('X'), null);
    assert.equal(d.createOutputTopic('app-KSTREAM-TOTABLE-0000000002-repartition', S, I).getQueueSize(), 3);
  });

  it('a table feeding a table aggregation forwards old values (the source is materialized on demand)', () => {
    const b = new StreamsBuilder();
    const source = b.table('in', Consumed.with(S, I));
    const doubled = source.mapValues((v) => v * 2);
    doubled
      .groupBy((k, v) => ({ key: k, value: v }), undefined)
      .reduce(
        (agg, v) => agg + v,
        (agg, v) => agg - v,
        Materialized.as<string, number>('sum').withKeySerde(S).withValueSerde(I),
      );
    assert.equal(source.state.sendOldValues, true);
    assert.equal(doubled.state.sendOldValues, true);
    assert.equal(source.state.storeName(), 'in-STATE-STORE-0000000000');
    assert.equal(source.queryableStoreName(), null, 'materialized for old values, still not queryable');
  });

  it('value getters read a derived table through its parent (what joins will use)', () => {
    const b = new StreamsBuilder();
    const table = b
      .table('prices', Consumed.with(S, I))
      .filter((_k, v) => v > 0)
      .mapValues((v) => v * 10);
    const getter = table.valueGetterSupplier();
    assert.deepEqual(getter.storeNames(), ['prices-STATE-STORE-0000000000']);
    b.stream('lookups', Consumed.with(S, S))
      .process<string, string>(
        () => {
          let ctx: ProcessorContext<string, string>;
          const lookup = getter.get();
          return {
            init: (c) => {
              ctx = c;
              lookup.init(c);
            },
            process: (r) => {
              const found = lookup.get(r.key);
              ctx.forward(r.withValue(found === null ? 'none' : `${found.value}@${found.timestamp}`));
            },
          };
        },
        ...getter.storeNames(),
      )
      .to('out', Produced.with(S, S));
    const d = new TopologyTestDriver(b.build());
    const prices = d.createInputTopic('prices', S, I);
    prices.pipeInput('apple', 3, 7);
    prices.pipeInput('pear', -1, 8);
    d.createInputTopic('lookups', S, S).pipeKeyValueList([
      { key: 'apple', value: '' },
      { key: 'pear', value: '' },
      { key: 'fig', value: '' },
    ]);
    assert.deepEqual(d.createOutputTopic('out', S, S).readValuesToList(), ['30@7', 'none', 'none']);
  });
});
