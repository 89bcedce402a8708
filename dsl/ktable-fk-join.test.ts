import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Serdes } from '../core/serdes/index.ts';
import { encodeResponse } from './internals/foreign-key-join.ts';
import {
  Consumed,
  Materialized,
  Named,
  Produced,
  StreamsBuilder,
  TableJoined,
  TopologyTestDriver,
  type KTable,
} from './index.ts';

const S = Serdes.String();
/** Kafka's ForeignKeyJoin integration tests: left values are `<value>|<foreign key>`. */
const fkOf = (value: string): string | null => {
  const at = value.indexOf('|');
  return at < 0 ? null : value.slice(at + 1);
};
const joiner = (l: string, r: string | null): string => `(${l},${r})`;

type Kind = 'join' | 'leftJoin';

function setUp(kind: Kind, materialized = false) {
  const b = new StreamsBuilder();
  const left = b.table('left_table', Consumed.with(S, S));
  const right = b.table('right_table', Consumed.with(S, S));
  const m = materialized ? [Materialized.as<string, string>('fk-result').withValueSerde(S)] : [];
  const joined: KTable<string, string> =
    kind === 'join' ? left.join(right, fkOf, joiner, ...m) : left.leftJoin(right, fkOf, joiner, ...m);
  joined.toStream().to('output-topic', Produced.with(S, S));
  const d = new TopologyTestDriver(b.build(), { 'application.id': 'fk-app' });
  const l = d.createInputTopic('left_table', S, S);
  const r = d.createInputTopic('right_table', S, S);
  const out = d.createOutputTopic('output-topic', S, S);
  const read = (): string[] => out.readRecordsToList().map((x) => `${x.key}=${x.value}@${x.timestamp}`);
  return { d, l, r, out, read };
}

describe('KTable-KTable foreign-key join', () => {
  for (const kind of ['join', 'leftJoin'] as const) {
    const left = kind === 'leftJoin';

    it(`${kind}: left rows join their foreign row; deleting a left row deletes its result`, () => {
      const { d, l, r, read } = setUp(kind);
      r.pipeInput('rhs1', 'rhsValue1', 1);
      r.pipeInput('rhs2', 'rhsValue2', 2);
      r.pipeInput('rhs3', 'rhsValue3', 3);
      assert.deepEqual(read(), []);
      l.pipeInput('lhs1', 'lhsValue1|rhs1', 4);
      l.pipeInput('lhs2', 'lhsValue2|rhs2', 5);
      assert.deepEqual(read(), ['lhs1=(lhsValue1|rhs1,rhsValue1)@4', 'lhs2=(lhsValue2|rhs2,rhsValue2)@5']);
      l.pipeInput('lhs3', 'lhsValue3|rhs1', 6);
      assert.deepEqual(read(), ['lhs3=(lhsValue3|rhs1,rhsValue1)@6']);
      l.pipeInput('lhs1', null, 7);
      assert.deepEqual(read(), ['lhs1=null@7']);
      d.close();
    });

    it(`${kind}: right-side updates reach every subscribed left row; a right delete ${left ? 'null-joins' : 'deletes'} them`, () => {
      const { d, l, r, read } = setUp(kind);
      l.pipeInput('lhs1', 'lhsValue1|rhs1', 1);
      l.pipeInput('lhs2', 'lhsValue2|rhs2', 2);
      l.pipeInput('lhs3', 'lhsValue3|rhs1', 3);
      assert.deepEqual(
        read(),
        left
          ? ['lhs1=(lhsValue1|rhs1,null)@1', 'lhs2=(lhsValue2|rhs2,null)@2', 'lhs3=(lhsValue3|rhs1,null)@3']
          : // Unlike Kafka, a new row without a match emits a tombstone (see SubscriptionSendProcessor).
            ['lhs1=null@1', 'lhs2=null@2', 'lhs3=null@3'],
      );
      r.pipeInput('rhs1', 'rhsValue1', 4);
      assert.deepEqual(read(), ['lhs1=(lhsValue1|rhs1,rhsValue1)@4', 'lhs3=(lhsValue3|rhs1,rhsValue1)@4']);
      r.pipeInput('rhs2', 'rhsValue2', 5);
      assert.deepEqual(read(), ['lhs2=(lhsValue2|rhs2,rhsValue2)@5']);
      r.pipeInput('rhs1', 'rhsValue1b', 6);
      assert.deepEqual(read(), ['lhs1=(lhsValue1|rhs1,rhsValue1b)@6', 'lhs3=(lhsValue3|rhs1,rhsValue1b)@6']);
      r.pipeInput('rhs1', null, 7);
      assert.deepEqual(
        read(),
        left
          ? ['lhs1=(lhsValue1|rhs1,null)@7', 'lhs3=(lhsValue3|rhs1,null)@7']
          : ['lhs1=null@7', 'lhs3=null@7'],
      );
      d.close();
    });

    it(`${kind}: a changed foreign key unsubscribes the old one and joins the new one`, () => {
      const { d, l, r, read } = setUp(kind);
      r.pipeInput('rhs1', 'rhsValue1', 1);
      r.pipeInput('rhs2', 'rhsValue2', 2);
      l.pipeInput('lhs1', 'lhsValue1|rhs1', 3);
      assert.deepEqual(read(), ['lhs1=(lhsValue1|rhs1,rhsValue1)@3']);
      l.pipeInput('lhs1', 'lhsValue1|rhs2', 4);
      assert.deepEqual(read(), ['lhs1=(lhsValue1|rhs2,rhsValue2)@4']);
      r.pipeInput('rhs1', 'rhsValue1b', 5);
      assert.deepEqual(read(), [], 'the old foreign key no longer triggers the row');
      // To a foreign key without a row: the result is unset (inner) or null-joined (left).
      l.pipeInput('lhs1', 'lhsValue1|rhs9', 6);
      assert.deepEqual(read(), [left ? 'lhs1=(lhsValue1|rhs9,null)@6' : 'lhs1=null@6']);
      r.pipeInput('rhs9', 'rhsValue9', 7);
      assert.deepEqual(read(), ['lhs1=(lhsValue1|rhs9,rhsValue9)@7']);
      d.close();
    });

    it(`${kind}: a null foreign key ${left ? 'joins with null' : 'joins nothing'}, and clears an earlier result`, () => {
      const { d, l, r, out } = setUp(kind);
      r.pipeInput('rhs1', 'rhsValue1', 1);
      l.pipeInput('lhs1', 'lhsValue1', 2);
      const first = out.readRecordsToList().map((x) => `${x.key}=${x.value}@${x.timestamp}`);
      assert.deepEqual(first, [left ? 'lhs1=(lhsValue1,null)@2' : 'lhs1=null@2']);
      l.pipeInput('lhs2', 'lhsValue2|rhs1', 3);
      l.pipeInput('lhs2', 'lhsValue2', 4);
      const final = out.readKeyValuesToMap();
      if (left) assert.deepEqual([...final], [['lhs2', '(lhsValue2,null)']]);
      else assert.deepEqual([...final], []);
      r.pipeInput('rhs1', 'rhsValue1b', 5);
      assert.ok(out.isEmpty(), 'a row whose foreign key became null is no longer subscribed');
      d.close();
    });

    it(`${kind}: deleting a left row that never joined still emits a tombstone; deleting an absent row emits nothing`, () => {
      const { d, l, read } = setUp(kind);
      l.pipeInput('lhs1', 'lhsValue1|rhs1', 1);
      assert.deepEqual(read(), [left ? 'lhs1=(lhsValue1|rhs1,null)@1' : 'lhs1=null@1']);
      l.pipeInput('lhs1', null, 2);
      assert.deepEqual(read(), ['lhs1=null@2']);
      l.pipeInput('lhs9', null, 3);
      assert.deepEqual(read(), []);
      d.close();
    });

    it(`${kind}: the materialized result is queryable and results carry max(left, right) timestamps`, () => {
      const { d, l, r, read } = setUp(kind, true);
      l.pipeInput('lhs1', 'a|rhs1', 10);
      r.pipeInput('rhs1', 'x', 5);
      assert.deepEqual(read().slice(-1), ['lhs1=(a|rhs1,x)@10']);
      r.pipeInput('rhs1', 'y', 20);
      assert.deepEqual(read(), ['lhs1=(a|rhs1,y)@20']);
      const store = d.getTimestampedKeyValueStore<string, string>('fk-result')!;
      const stored = store.get('lhs1');
      assert.deepEqual([stored?.value, stored?.timestamp], ['(a|rhs1,y)', 20]);
      d.close();
    });
  }

  it('drops a response computed from an older left value (hash mismatch) and applies a current one', () => {
    const { d, l, r, read } = setUp('leftJoin');
    r.pipeInput('rhs1', 'rhsValue1', 1);
    l.pipeInput('lhs1', 'v1|rhs1', 2);
    l.pipeInput('lhs1', 'v2|rhs1', 3);
    assert.deepEqual(read(), ['lhs1=(v1|rhs1,rhsValue1)@2', 'lhs1=(v2|rhs1,rhsValue1)@3']);
    const responses = d.createInputTopic(
      'fk-app-KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-0000000014-topic',
      S,
      Serdes.Bytes(),
    );
    const hashOf = (v: string) => createHash('md5').update(Buffer.from(v)).digest();
    const response = (leftValue: string, foreign: string) =>
      encodeResponse({ hash: hashOf(leftValue), foreignValue: Buffer.from(foreign), primaryPartition: 0 });
    responses.pipeInput('lhs1', response('v1|rhs1', 'stale'), 4);
    assert.deepEqual(read(), [], 'the response for v1 is stale once the left row is v2');
    responses.pipeInput('lhs1', response('v2|rhs1', 'fresh'), 5);
    assert.deepEqual(read(), ['lhs1=(v2|rhs1,fresh)@5']);
    d.close();
  });

  it('describes the topology as Kafka does: registration and response topics, subscription store on the right', () => {
    const b = new StreamsBuilder();
    const leftTable = b.table('left_table', Consumed.with(S, S));
    const rightTable = b.table('right_table', Consumed.with(S, S));
    leftTable
      .join(rightTable, fkOf, (l: string, r: string) => joiner(l, r))
      .toStream()
      .to('output-topic', Produced.with(S, S));
    const t = b.build();
    assert.equal(
      t.describe().toString(),
      [
        'Topologies:',
        '   Sub-topology: 0',
        '    Source: KTABLE-SOURCE-0000000016 (topics: [KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-0000000014-topic])',
        '      --> KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-RESOLVER-PROCESSOR-0000000017',
        '    Source: KSTREAM-SOURCE-0000000001 (topics: [left_table])',
        '      --> KTABLE-SOURCE-0000000002',
        '    Processor: KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-RESOLVER-PROCESSOR-0000000017 (stores: [left_table-STATE-STORE-0000000000])',
        '      --> KTABLE-FK-JOIN-OUTPUT-0000000018',
        '      <-- KTABLE-SOURCE-0000000016',
        '    Processor: KTABLE-FK-JOIN-OUTPUT-0000000018 (stores: [])',
        '      --> KTABLE-TOSTREAM-0000000020',
        '      <-- KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-RESOLVER-PROCESSOR-0000000017',
        '    Processor: KTABLE-SOURCE-0000000002 (stores: [left_table-STATE-STORE-0000000000])',
        '      --> KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000007',
        '      <-- KSTREAM-SOURCE-0000000001',
        '    Processor: KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000007 (stores: [])',
        '      --> KTABLE-SINK-0000000008',
        '      <-- KTABLE-SOURCE-0000000002',
        '    Processor: KTABLE-TOSTREAM-0000000020 (stores: [])',
        '      --> KSTREAM-SINK-0000000021',
        '      <-- KTABLE-FK-JOIN-OUTPUT-0000000018',
        '    Sink: KSTREAM-SINK-0000000021 (topic: output-topic)',
        '      <-- KTABLE-TOSTREAM-0000000020',
        '    Sink: KTABLE-SINK-0000000008 (topic: KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic)',
        '      <-- KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000007',
        '',
        '  Sub-topology: 1',
        '    Source: KSTREAM-SOURCE-0000000004 (topics: [right_table])',
        '      --> KTABLE-SOURCE-0000000005',
        '    Source: KTABLE-SOURCE-0000000009 (topics: [KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic])',
        '      --> KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-0000000011',
        '    Processor: KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-0000000011 (stores: [KTABLE-FK-JOIN-SUBSCRIPTION-STATE-STORE-0000000010])',
        '      --> KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-0000000012',
        '      <-- KTABLE-SOURCE-0000000009',
        '    Processor: KTABLE-SOURCE-0000000005 (stores: [right_table-STATE-STORE-0000000003])',
        '      --> KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-0000000013',
        '      <-- KSTREAM-SOURCE-0000000004',
        '    Processor: KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-0000000012 (stores: [right_table-STATE-STORE-0000000003])',
        '      --> KTABLE-SINK-0000000015',
        '      <-- KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-0000000011',
        '    Processor: KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-0000000013 (stores: [KTABLE-FK-JOIN-SUBSCRIPTION-STATE-STORE-0000000010])',
        '      --> KTABLE-SINK-0000000015',
        '      <-- KTABLE-SOURCE-0000000005',
        '    Sink: KTABLE-SINK-0000000015 (topic: KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-0000000014-topic)',
        '      <-- KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-0000000012, KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-0000000013',
        '',
        '',
      ].join('\n'),
    );
    assert.deepEqual([...t.internalTopics().keys()].sort(), [
      'KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic',
      'KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-0000000014-topic',
      'KTABLE-FK-JOIN-SUBSCRIPTION-STATE-STORE-0000000010-changelog',
      'left_table-STATE-STORE-0000000000-changelog',
      'right_table-STATE-STORE-0000000003-changelog',
    ]);
    assert.deepEqual(t.copartitionGroups(), [
      ['right_table', 'KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic'],
      ['left_table', 'KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-0000000014-topic'],
    ]);
    const partitions = t.resolveInternalTopicPartitions((topic) => (topic === 'left_table' ? 4 : 2));
    assert.equal(partitions.get('KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic'), 2);
    assert.equal(partitions.get('KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-0000000014-topic'), 4);
  });

  it('TableJoined (or Named) names the topics, processors and subscription store', () => {
    for (const naming of [TableJoined.as<string, string>('fk'), Named.as('fk')]) {
      const b = new StreamsBuilder();
      b.table('l', Consumed.with(S, S))
        .leftJoin(b.table('r', Consumed.with(S, S)), fkOf, joiner, naming)
        .toStream()
        .to('o', Produced.with(S, S));
      const text = b.build().describe().toString();
      for (const name of [
        'fk-subscription-registration-topic',
        'fk-subscription-registration-processor',
        'fk-subscription-registration-sink',
        'fk-subscription-registration-source',
        'fk-subscription-store',
        'fk-subscription-receive',
        'fk-subscription-join-foreign',
        'fk-foreign-join-subscription',
        'fk-subscription-response-topic',
        'fk-subscription-response-sink',
        'fk-subscription-response-source',
        'fk-subscription-response-resolver',
        'fk-result',
      ])
        assert.ok(text.includes(name), `${name} in\n${text}`);
    }
  });
});
