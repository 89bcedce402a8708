import assert from 'node:assert/strict';
import { Serdes } from '../core/serdes/index.ts';
import {
  Consumed,
  Produced,
  Repartitioned,
  StreamsBuilder,
  Stores,
  TopologyTestDriver,
  type KeyValueStore,
  type ProcessorContext,
  type Record,
} from './index.ts';

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

/** WordCount with the Processor API standing in for groupBy().count() until the stateful DSL lands. */
function wordCountTopology() {
  const builder = new StreamsBuilder();
  builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('counts-store'), S, L));
  builder
    .stream('streams-plaintext-input', Consumed.with(S, S))
    .flatMapValues((line) => javaSplit(line.toLowerCase(), /\W+/))
    .selectKey((_key, word) => word)
    .repartition(Repartitioned.with(S, S).withName('counts'))
    .process<string, number>(() => {
      let ctx: ProcessorContext<string, number>;
      let store: KeyValueStore<string, number>;
      return {
        init: (c) => {
          ctx = c;
          store = c.getStateStore('counts-store');
        },
        process: (record: Record<string, string>) => {
          const count = (store.get(record.key) ?? 0) + 1;
          store.put(record.key, count);
          ctx.forward(record.withValue(count));
        },
      };
    }, 'counts-store')
    .to('streams-wordcount-output', Produced.with(S, L));
  return builder.build();
}

describe('WordCount (Kafka WordCountDemoTest goldens)', () => {
  it('counts one word', () => {
    const d = new TopologyTestDriver(wordCountTopology());
    d.createInputTopic('streams-plaintext-input', S, S).pipeInput(null, 'Hello');
    const out = d.createOutputTopic('streams-wordcount-output', S, L);
    assert.deepEqual(out.readKeyValue(), { key: 'hello', value: 1 });
    assert.ok(out.isEmpty());
  });

  it('counts the three demo lines to the expected map', () => {
    const d = new TopologyTestDriver(wordCountTopology());
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
    const d = new TopologyTestDriver(wordCountTopology(), { 'application.id': 'wordcount' });
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
    assert.equal(d.createOutputTopic('wordcount-counts-repartition', S, S).getQueueSize(), 11);
    assert.equal(d.getKeyValueStore<string, number>('counts-store')!.get('kafka'), 3);
  });

  it('keeps a Java-style leading empty word, drops trailing ones', () => {
    assert.deepEqual(javaSplit('hello world.', /\W+/), ['hello', 'world']);
    assert.deepEqual(javaSplit('.hello', /\W+/), ['', 'hello']);
  });
});
