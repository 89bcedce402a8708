import assert from 'node:assert/strict';
import { Serdes } from '../core/serdes/index.ts';
import { Consumed, Named, Produced, Repartitioned, StreamsBuilder, Topology } from './index.ts';

const S = Serdes.String();

describe('Topology.describe() prints Kafka Streams text', () => {
  it('prints a linear stateless pipeline exactly as Kafka Streams does', () => {
    const b = new StreamsBuilder();
    b.stream('input', Consumed.with(S, S))
      .filter((_k, v) => v.length > 0)
      .mapValues((v) => v.toLowerCase())
      .to('output');
    const expected = [
      'Topologies:',
      '   Sub-topology: 0',
      '    Source: KSTREAM-SOURCE-0000000000 (topics: [input])',
      '      --> KSTREAM-FILTER-0000000001',
      '    Processor: KSTREAM-FILTER-0000000001 (stores: [])',
      '      --> KSTREAM-MAPVALUES-0000000002',
      '      <-- KSTREAM-SOURCE-0000000000',
      '    Processor: KSTREAM-MAPVALUES-0000000002 (stores: [])',
      '      --> KSTREAM-SINK-0000000003',
      '      <-- KSTREAM-FILTER-0000000001',
      '    Sink: KSTREAM-SINK-0000000003 (topic: output)',
      '      <-- KSTREAM-MAPVALUES-0000000002',
      '',
      '',
    ].join('\n');
    assert.equal(b.build().describe().toString(), expected);
  });

  it('prints a split/merge with branch children named <splitter><index> and the Kafka node order', () => {
    const b = new StreamsBuilder();
    const branches = b
      .stream('input', Consumed.with(S, S))
      .split()
      .branch((k) => k === 'a')
      .defaultBranch();
    const [first, rest] = [...branches.values()];
    first!.merge(rest!).to('output');
    const expected = [
      'Topologies:',
      '   Sub-topology: 0',
      '    Source: KSTREAM-SOURCE-0000000000 (topics: [input])',
      '      --> KSTREAM-BRANCH-0000000001',
      '    Processor: KSTREAM-BRANCH-0000000001 (stores: [])',
      '      --> KSTREAM-BRANCH-00000000010, KSTREAM-BRANCH-00000000011',
      '      <-- KSTREAM-SOURCE-0000000000',
      '    Processor: KSTREAM-BRANCH-00000000010 (stores: [])',
      '      --> KSTREAM-MERGE-0000000004',
      '      <-- KSTREAM-BRANCH-0000000001',
      '    Processor: KSTREAM-BRANCH-00000000011 (stores: [])',
      '      --> KSTREAM-MERGE-0000000004',
      '      <-- KSTREAM-BRANCH-0000000001',
      '    Processor: KSTREAM-MERGE-0000000004 (stores: [])',
      '      --> KSTREAM-SINK-0000000005',
      '      <-- KSTREAM-BRANCH-00000000010, KSTREAM-BRANCH-00000000011',
      '    Sink: KSTREAM-SINK-0000000005 (topic: output)',
      '      <-- KSTREAM-MERGE-0000000004',
      '',
      '',
    ].join('\n');
    assert.deepEqual([...branches.keys()], ['KSTREAM-BRANCH-00000000011', 'KSTREAM-BRANCH-00000000010']);
    assert.equal(b.build().describe().toString(), expected);
  });

  it('splits at a repartition topic into two sub-topologies, naming the topic without the application id', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, S))
      .selectKey((_k, v) => v)
      .repartition()
      .mapValues((v) => v)
      .to('out', Produced.with(S, S));
    const expected = [
      'Topologies:',
      '   Sub-topology: 0',
      '    Source: KSTREAM-SOURCE-0000000000 (topics: [in])',
      '      --> KSTREAM-KEY-SELECT-0000000001',
      '    Processor: KSTREAM-KEY-SELECT-0000000001 (stores: [])',
      '      --> KSTREAM-FILTER-0000000004',
      '      <-- KSTREAM-SOURCE-0000000000',
      '    Processor: KSTREAM-FILTER-0000000004 (stores: [])',
      '      --> KSTREAM-SINK-0000000003',
      '      <-- KSTREAM-KEY-SELECT-0000000001',
      '    Sink: KSTREAM-SINK-0000000003 (topic: KSTREAM-REPARTITION-0000000002-repartition)',
      '      <-- KSTREAM-FILTER-0000000004',
      '',
      '  Sub-topology: 1',
      '    Source: KSTREAM-SOURCE-0000000005 (topics: [KSTREAM-REPARTITION-0000000002-repartition])',
      '      --> KSTREAM-MAPVALUES-0000000006',
      '    Processor: KSTREAM-MAPVALUES-0000000006 (stores: [])',
      '      --> KSTREAM-SINK-0000000007',
      '      <-- KSTREAM-SOURCE-0000000005',
      '    Sink: KSTREAM-SINK-0000000007 (topic: out)',
      '      <-- KSTREAM-MAPVALUES-0000000006',
      '',
      '',
    ].join('\n');
    const topology = b.build();
    assert.equal(topology.describe().toString(), expected);
    assert.equal(
      topology.physicalTopic('KSTREAM-REPARTITION-0000000002-repartition', 'app'),
      'app-KSTREAM-REPARTITION-0000000002-repartition',
    );
    assert.equal(topology.physicalTopic('out', 'app'), 'out');
    const [sub0, sub1] = topology.subtopologies();
    assert.deepEqual(sub0!.sourceTopics, ['in']);
    assert.deepEqual(sub1!.sourceTopics, ['KSTREAM-REPARTITION-0000000002-repartition']);
  });

  it('names a named repartition topic <name>-repartition with -filter, -sink and -source nodes', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, S)).repartition(Repartitioned.as('rekeyed')).to('out');
    const text = b.build().describe().toString();
    assert.match(
      text,
      /Processor: rekeyed-repartition-filter \(stores: \[\]\)\n {6}--> rekeyed-repartition-sink\n/,
    );
    assert.match(text, /Sink: rekeyed-repartition-sink \(topic: rekeyed-repartition\)/);
    assert.match(text, /Source: rekeyed-repartition-source \(topics: \[rekeyed-repartition\]\)/);
    // Named: no REPARTITION index, but Kafka still burns SINK(1), FILTER(2), SOURCE(3); the next sink gets 4.
    assert.match(text, /Sink: KSTREAM-SINK-0000000004 \(topic: out\)/);
  });

  it('uses Named, Consumed and Produced names, yet takes their indices as Kafka does (NamedInternal burns one)', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, S).withName('read-input'))
      .filter(() => true, Named.as('keep-all'))
      .peek(() => undefined)
      .to('out', Produced.as('write-output'));
    const text = b.build().describe().toString();
    assert.match(text, /Source: read-input \(topics: \[in\]\)\n {6}--> keep-all\n/);
    assert.match(text, /Processor: KSTREAM-PEEK-0000000002 \(stores: \[\]\)/);
    assert.match(text, /Sink: write-output \(topic: out\)\n {6}<-- KSTREAM-PEEK-0000000002/);
  });

  it('prints pattern sources, stores and "none" for a processor without successors', () => {
    const t = new Topology();
    t.addSource('src', /orders-.*/);
    t.addProcessor('proc', () => ({ process: () => undefined }), 'src');
    const text = t.describe().toString();
    assert.equal(
      text,
      'Topologies:\n   Sub-topology: 0\n    Source: src (topics: orders-.*)\n      --> proc\n    Processor: proc (stores: [])\n      --> none\n      <-- src\n\n',
    );
  });

  it('orders sub-topologies by sorted source names and nodes by descending sub-tree size then name', () => {
    const b = new StreamsBuilder();
    b.stream('z', Consumed.with(S, S).withName('b-source')).to('out1');
    const a = b.stream('y', Consumed.with(S, S).withName('a-source'));
    a.to('out2');
    a.mapValues((v) => v)
      .filter(() => true)
      .to('out3');
    const d = b.build().describe();
    assert.deepEqual(
      d.subtopologies.map((s) => s.nodes[0]!.name),
      ['a-source', 'b-source'],
    );
    assert.deepEqual(d.subtopologies[0]!.nodes[0]!.successors, [
      'KSTREAM-MAPVALUES-0000000004',
      'KSTREAM-SINK-0000000003',
    ]);
  });
});

describe('Topology runtime metadata', () => {
  it('resolves repartition partition counts from Repartitioned or from the writing sub-topology sources', () => {
    const b = new StreamsBuilder();
    const s = b.stream(['a', 'b'], Consumed.with(S, S));
    s.repartition(Repartitioned.as<string, string>('fixed').withNumberOfPartitions(7)).to('out1');
    s.repartition(Repartitioned.as('first')).repartition(Repartitioned.as('second')).to('out2');
    const t = b.build();
    const counts = t.resolveInternalTopicPartitions((topic) => ({ a: 2, b: 5 })[topic]);
    assert.deepEqual(Object.fromEntries(counts), {
      'fixed-repartition': 7,
      'first-repartition': 5,
      'second-repartition': 5,
    });
    assert.throws(
      () => t.resolveInternalTopicPartitions((topic) => (topic === 'a' ? 2 : undefined)),
      /first-repartition/,
    );
  });
});
