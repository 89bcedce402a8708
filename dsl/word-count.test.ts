import assert from 'node:assert/strict';
import { Serdes } from '../core/serdes/index.ts';
import { Consumed, Materialized, Produced, StreamsBuilder, TopologyTestDriver } from './index.ts';

const S = Serdes.String();
const L = Serdes.Long();

/**
 * Java's String.split(regex) drops trailing empty strings (but keeps a leading one); JS keeps both.
 * Mimic Java so the counts match Kafka's WordCountDemo.
 */
function javaSplit(text: string, separator: RegExp): string[] {
  const parts = text.split(separator);
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** The demo's config: String default serdes (the grouping key and the repartitioned words use them). */
const props = { 'default.key.serde': S, 'default.value.serde': S } as const;

/** Kafka's WordCountDemo: flatMapValues, groupBy(word), count(Materialized.as('counts-store')). */
function wordCountTopology() {
  const builder = new StreamsBuilder();
  builder
    .stream('streams-plaintext-input', Consumed.with(S, S))
    .flatMapValues((line) => javaSplit(line.toLowerCase(), /\W+/))
    .groupBy((_key, word) => word)
    .count(Materialized.as<string, number>('counts-store'))
    .toStream()
    .to('streams-wordcount-output', Produced.with(S, L));
  return builder.build();
}

describe('WordCount (Kafka WordCountDemoTest goldens)', () => {
  it('counts one word', () => {
    const d = new TopologyTestDriver(wordCountTopology(), props);
    d.createInputTopic('streams-plaintext-input', S, S).pipeInput(null, 'Hello');
    const out = d.createOutputTopic('streams-wordcount-output', S, L);
    assert.deepEqual(out.readKeyValue(), { key: 'hello', value: 1 });
    assert.ok(out.isEmpty());
  });

  it('counts the three demo lines to the expected map', () => {
    const d = new TopologyTestDriver(wordCountTopology(), props);
    d.createInputTopic('streams-plaintext-input', S, S).pipeValueList([
      'Apache   Kafka Streams   Example',
      'Using  \t\t Kafka   Streams\tTest Utils',
      'Reading and Writing Kafka Topic',
    ]);
    const counts = d.createOutputTopic('streams-wordcount-output', S, L).readKeyValuesToMap();
    assert.deepEqual(
      counts,
      new Map([
        ['apache', 1],
        ['kafka', 3],
        ['streams', 2],
        ['example', 1],
        ['using', 1],
        ['test', 1],
        ['utils', 1],
        ['reading', 1],
        ['and', 1],
        ['writing', 1],
        ['topic', 1],
      ]),
    );
  });

  it('emits the quickstart sequence in order, through the repartition topic', () => {
    const d = new TopologyTestDriver(wordCountTopology(), { ...props, 'application.id': 'wordcount' });
    d.createInputTopic('streams-plaintext-input', S, S).pipeValueList([
      'all streams lead to kafka',
      'hello kafka streams',
      'join kafka summit',
    ]);
    const out = d.createOutputTopic('streams-wordcount-output', S, L).readKeyValuesToList();
    assert.deepEqual(
      out.map((kv) => `${kv.key} ${kv.value}`),
      [
        'all 1',
        'streams 1',
        'lead 1',
        'to 1',
        'kafka 1',
        'hello 1',
        'kafka 2',
        'streams 2',
        'join 1',
        'kafka 3',
        'summit 1',
      ],
    );
    assert.equal(d.createOutputTopic('wordcount-counts-store-repartition', S, S).getQueueSize(), 11);
    assert.equal(d.getKeyValueStore<string, number>('counts-store')!.get('kafka'), 3);
    // The store's changelog holds one update per count, keyed by word.
    const changelog = d.createOutputTopic('wordcount-counts-store-changelog', S, L).readKeyValuesToMap();
    assert.equal(changelog.get('kafka'), 3);
    assert.equal(changelog.get('streams'), 2);
  });

  it('describes the topology exactly as Kafka Streams does (WordCount with counts-store)', () => {
    const expected = [
      'Topologies:',
      '   Sub-topology: 0',
      '    Source: KSTREAM-SOURCE-0000000000 (topics: [streams-plaintext-input])',
      '      --> KSTREAM-FLATMAPVALUES-0000000001',
      '    Processor: KSTREAM-FLATMAPVALUES-0000000001 (stores: [])',
      '      --> KSTREAM-KEY-SELECT-0000000002',
      '      <-- KSTREAM-SOURCE-0000000000',
      '    Processor: KSTREAM-KEY-SELECT-0000000002 (stores: [])',
      '      --> counts-store-repartition-filter',
      '      <-- KSTREAM-FLATMAPVALUES-0000000001',
      '    Processor: counts-store-repartition-filter (stores: [])',
      '      --> counts-store-repartition-sink',
      '      <-- KSTREAM-KEY-SELECT-0000000002',
      '    Sink: counts-store-repartition-sink (topic: counts-store-repartition)',
      '      <-- counts-store-repartition-filter',
      '',
      '  Sub-topology: 1',
      '    Source: counts-store-repartition-source (topics: [counts-store-repartition])',
      '      --> KSTREAM-AGGREGATE-0000000003',
      '    Processor: KSTREAM-AGGREGATE-0000000003 (stores: [counts-store])',
      '      --> KTABLE-TOSTREAM-0000000007',
      '      <-- counts-store-repartition-source',
      '    Processor: KTABLE-TOSTREAM-0000000007 (stores: [])',
      '      --> KSTREAM-SINK-0000000008',
      '      <-- KSTREAM-AGGREGATE-0000000003',
      '    Sink: KSTREAM-SINK-0000000008 (topic: streams-wordcount-output)',
      '      <-- KTABLE-TOSTREAM-0000000007',
      '',
      '',
    ].join('\n');
    assert.equal(wordCountTopology().describe().toString(), expected);
  });

  it('keeps a Java-style leading empty word, drops trailing ones', () => {
    assert.deepEqual(javaSplit('hello world.', /\W+/), ['hello', 'world']);
    assert.deepEqual(javaSplit('.hello', /\W+/), ['', 'hello']);
  });
});
