import assert from 'node:assert/strict';
import { Serdes } from '../core/serdes/index.ts';
import {
  Branched,
  Consumed,
  Named,
  Printed,
  Produced,
  Repartitioned,
  StreamsBuilder,
  TopologyTestDriver,
} from './index.ts';

const S = Serdes.String();
const I = Serdes.Int();

function driverFor(build: (b: StreamsBuilder) => void): TopologyTestDriver {
  const b = new StreamsBuilder();
  build(b);
  return new TopologyTestDriver(b.build());
}

describe('KStream stateless operators through the TopologyTestDriver', () => {
  it('filter and filterNot keep and drop records by predicate', () => {
    const d = driverFor((b) => {
      const s = b.stream('in', Consumed.with(S, I));
      s.filter((_k, v) => v % 2 === 0).to('even');
      s.filterNot((_k, v) => v % 2 === 0).to('odd');
    });
    const input = d.createInputTopic('in', S, I);
    for (const [k, v] of [
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 4],
    ] as const)
      input.pipeInput(k, v);
    assert.deepEqual(d.createOutputTopic('even', S, I).readKeyValuesToList(), [
      { key: 'b', value: 2 },
      { key: 'd', value: 4 },
    ]);
    assert.deepEqual(d.createOutputTopic('odd', S, I).readValuesToList(), [1, 3]);
  });

  it('map, mapValues (seeing the key), selectKey and flatMap keep the input timestamp', () => {
    const d = driverFor((b) => {
      const s = b.stream('in', Consumed.with(S, S));
      s.map((k, v) => ({ key: v, value: k })).to('mapped', Produced.with(S, S));
      s.mapValues((v, k) => `${k}:${v.toUpperCase()}`).to('mv', Produced.with(S, S));
      s.selectKey((_k, v) => v.length).to('sk', Produced.with(I, S));
      s.flatMap((k, v) => [...v].map((c) => ({ key: `${k}${c}`, value: c }))).to('fm', Produced.with(S, S));
      s.flatMapValues((v) => v.split('-')).to('fmv', Produced.with(S, S));
    });
    d.createInputTopic('in', S, S).pipeInput('k', 'x-yz', 42);
    assert.deepEqual(d.createOutputTopic('mapped', S, S).readRecord(), {
      topic: 'mapped',
      key: 'x-yz',
      value: 'k',
      timestamp: 42,
      headers: [],
    });
    assert.deepEqual(d.createOutputTopic('mv', S, S).readKeyValue(), { key: 'k', value: 'k:X-YZ' });
    assert.deepEqual(d.createOutputTopic('sk', I, S).readKeyValue(), { key: 4, value: 'x-yz' });
    const fm = d.createOutputTopic('fm', S, S).readRecordsToList();
    assert.deepEqual(
      fm.map((r) => [r.key, r.value, r.timestamp]),
      [
        ['kx', 'x', 42],
        ['k-', '-', 42],
        ['ky', 'y', 42],
        ['kz', 'z', 42],
      ],
    );
    assert.deepEqual(d.createOutputTopic('fmv', S, S).readValuesToList(), ['x', 'yz']);
  });

  it('split sends each record to the first matching branch only, and the rest to the default branch', () => {
    const d = driverFor((b) => {
      const branches = b
        .stream('in', Consumed.with(S, I))
        .split(Named.as('n-'))
        .branch((_k, v) => v < 10, Branched.as('small'))
        .branch(
          (_k, v) => v < 100,
          Branched.withFunction(
            (s) => s.mapValues((v) => v * 2, Named.as('double')).repartition(Repartitioned.with(S, I)),
            'medium',
          ),
        )
        .defaultBranch();
      assert.deepEqual([...branches.keys()], ['n-small', 'n-medium', 'n-0']);
      branches.get('n-small')!.to('small');
      branches.get('n-medium')!.to('medium');
      branches.get('n-0')!.to('large');
    });
    const input = d.createInputTopic('in', S, I);
    for (const v of [5, 50, 500, 9]) input.pipeInput('k', v);
    assert.deepEqual(d.createOutputTopic('small', S, I).readValuesToList(), [5, 9]);
    assert.deepEqual(d.createOutputTopic('medium', S, I).readValuesToList(), [100]);
    assert.deepEqual(d.createOutputTopic('large', S, I).readValuesToList(), [500]);
  });

  it('split without a default branch drops unmatched records', () => {
    const d = driverFor((b) => {
      const m = b
        .stream('in', Consumed.with(S, I))
        .split()
        .branch((_k, v) => v > 0)
        .noDefaultBranch();
      [...m.values()][0]!.to('pos');
    });
    const input = d.createInputTopic('in', S, I);
    input.pipeInput('a', -1);
    input.pipeInput('a', 1);
    assert.deepEqual(d.createOutputTopic('pos', S, I).readValuesToList(), [1]);
  });

  it('merge interleaves both inputs in processing order; peek and foreach see every record', () => {
    const seen: string[] = [];
    const d = driverFor((b) => {
      const a = b.stream('a', Consumed.with(S, S));
      const c = b.stream('b', Consumed.with(S, S));
      a.merge(c)
        .peek((k) => seen.push(`peek ${k}`))
        .to('out');
      c.foreach((k, v) => seen.push(`foreach ${k}=${v}`));
    });
    d.createInputTopic('a', S, S).pipeInput('1', 'x');
    d.createInputTopic('b', S, S).pipeInput('2', 'y');
    d.createInputTopic('a', S, S).pipeInput('3', 'z');
    assert.deepEqual(d.createOutputTopic('out', S, S).readValuesToList(), ['x', 'y', 'z']);
    assert.deepEqual(seen, ['peek 1', 'peek 2', 'foreach 2=y', 'peek 3']);
  });

  it('print writes "[label]: key, value", defaulting the label to the parent node name', () => {
    const lines: string[] = [];
    const d = driverFor((b) => {
      const s = b.stream('in', Consumed.with(S, S));
      s.print(Printed.toWriter<string, string>((l) => lines.push(l)));
      s.print(Printed.toWriter<string, string>((l) => lines.push(l)).withLabel('mine'));
    });
    d.createInputTopic('in', S, S).pipeInput('k', 'v');
    assert.deepEqual(lines, ['[KSTREAM-SOURCE-0000000000]: k, v', '[mine]: k, v']);
  });

  it('to() with a TopicNameExtractor routes per record; a StreamPartitioner is offered to the runtime', () => {
    const d = driverFor((b) => {
      b.stream('in', Consumed.with(S, S)).to((k) => `out-${k}`, Produced.with(S, S));
    });
    const input = d.createInputTopic('in', S, S);
    input.pipeInput('a', '1');
    input.pipeInput('b', '2');
    assert.deepEqual(d.createOutputTopic('out-a', S, S).readValuesToList(), ['1']);
    assert.deepEqual(d.createOutputTopic('out-b', S, S).readValuesToList(), ['2']);
  });

  it('repartition() pipes through the internal <app>-<name>-repartition topic', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, S))
      .selectKey((_k, v) => v)
      .repartition(Repartitioned.with(S, S).withName('by-value').withNumberOfPartitions(3))
      .mapValues((v) => v + '!')
      .to('out', Produced.with(S, S));
    const topology = b.build();
    const d = new TopologyTestDriver(topology, { 'application.id': 'app' });
    d.createInputTopic('in', S, S).pipeInput('k', 'v', 7);
    assert.deepEqual(d.createOutputTopic('out', S, S).readRecord(), {
      topic: 'out',
      key: 'v',
      value: 'v!',
      timestamp: 7,
      headers: [],
    });
    assert.equal(d.createOutputTopic('app-by-value-repartition', S, S).readKeyValue().key, 'v');
    assert.equal(topology.internalTopics().get('by-value-repartition')?.numberOfPartitions, 3);
  });

  it('uses default serdes from the driver props when an operator has none', () => {
    const b = new StreamsBuilder();
    b.stream<string, string>('in')
      .mapValues((v) => v.length)
      .to('out', Produced.with(S, I));
    const d = new TopologyTestDriver(b.build(), {
      'default.key.serde': S as never,
      'default.value.serde': S as never,
    });
    d.createInputTopic('in', S, S).pipeInput('k', 'abc');
    assert.equal(d.createOutputTopic('out', S, I).readValue(), 3);
  });

  it('marks key-changing operators as needing repartitioning and value-only ones not', () => {
    const s = new StreamsBuilder().stream('in', Consumed.with(S, S));
    assert.equal(s.repartitionRequired, false);
    assert.equal(s.mapValues((v) => v).filter(() => true).repartitionRequired, false);
    assert.equal(s.selectKey((k) => k).repartitionRequired, true);
    assert.equal(s.map((k, v) => ({ key: k, value: v })).mapValues((v) => v).repartitionRequired, true);
    assert.equal(s.flatMap(() => []).repartitionRequired, true);
    assert.equal(s.selectKey((k) => k).repartition().repartitionRequired, false);
    assert.equal(s.merge(s.selectKey((k) => k)).repartitionRequired, true);
  });

  it('narrows the value type with a type-guard filter', () => {
    type Event = { kind: 'click'; x: number } | { kind: 'view'; page: string };
    const b = new StreamsBuilder();
    const clicks = b
      .stream('in', Consumed.with(S, Serdes.Json<Event>()))
      .filter((_k, e): e is Extract<Event, { kind: 'click' }> => e.kind === 'click');
    clicks.mapValues((c) => c.x).to('xs', Produced.with(S, I));
    const d = new TopologyTestDriver(b.build());
    const input = d.createInputTopic('in', S, Serdes.Json<Event>());
    input.pipeInput('u', { kind: 'view', page: '/' });
    input.pipeInput('u', { kind: 'click', x: 3 });
    assert.deepEqual(d.createOutputTopic('xs', S, I).readValuesToList(), [3]);
  });
});
