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
} from './index.ts';

const S = Serdes.String();
const J = (l: string | null, r: string | null): string => `[${l},${r}]`;

/** The DSL guide's table-table rows (ts, side, value), all on one key. */
const guideRows: [number, 'L' | 'R', string | null][] = [
  [3, 'L', 'A'],
  [4, 'R', 'a'],
  [5, 'L', 'B'],
  [6, 'R', 'b'],
  [7, 'L', null],
  [8, 'R', null],
  [9, 'L', 'C'],
  [10, 'R', 'c'],
  [11, 'R', null],
  [12, 'L', null],
  [14, 'R', 'd'],
  [15, 'L', 'D'],
];

describe('KTable-KTable join', () => {
  const expected: Record<'join' | 'leftJoin' | 'outerJoin', string[]> = {
    join: ['[A,a]@4', '[B,a]@5', '[B,b]@6', 'null@7', '[C,c]@10', 'null@11', '[D,d]@15'],
    leftJoin: [
      '[A,null]@3',
      '[A,a]@4',
      '[B,a]@5',
      '[B,b]@6',
      'null@7',
      '[C,null]@9',
      '[C,c]@10',
      '[C,null]@11',
      'null@12',
      '[D,d]@15',
    ],
    outerJoin: [
      '[A,null]@3',
      '[A,a]@4',
      '[B,a]@5',
      '[B,b]@6',
      '[null,b]@7',
      'null@8',
      '[C,null]@9',
      '[C,c]@10',
      '[C,null]@11',
      'null@12',
      '[null,d]@14',
      '[D,d]@15',
    ],
  };
  for (const kind of ['join', 'leftJoin', 'outerJoin'] as const) {
    it(`${kind} follows the DSL guide truth table; results carry max(left, right) timestamps`, () => {
      const b = new StreamsBuilder();
      const left = b.table('left', Consumed.with(S, S));
      const right = b.table('right', Consumed.with(S, S));
      (kind === 'join'
        ? left.join(right, J)
        : kind === 'leftJoin'
          ? left.leftJoin(right, J)
          : left.outerJoin(right, J)
      )
        .toStream()
        .to('out', Produced.with(S, S));
      const d = new TopologyTestDriver(b.build());
      const inputs = { L: d.createInputTopic('left', S, S), R: d.createInputTopic('right', S, S) };
      for (const [ts, side, value] of guideRows) inputs[side].pipeInput('k', value, ts);
      assert.deepEqual(
        d
          .createOutputTopic('out', S, S)
          .readRecordsToList()
          .map((r) => `${r.value}@${r.timestamp}`),
        expected[kind],
      );
      d.close();
    });
  }

  it('materializes the result with old values, names nodes like Kafka, and records co-partitioning', () => {
    const b = new StreamsBuilder();
    const joined = b
      .table('left', Consumed.with(S, S))
      .leftJoin(
        b.table('right', Consumed.with(S, S)),
        J,
        Materialized.as<string, string>('joined').withValueSerde(S),
      );
    joined
      .groupBy((k, v) => ({ key: v.length > 8 ? 'long' : 'short', value: k }), Grouped.with(S, S))
      .count()
      .toStream()
      .to('counts', Produced.with(S, Serdes.Long()));
    const t = b.build();
    const text = t.describe().toString();
    assert.match(text, /Processor: KTABLE-JOINTHIS-0000000007 \(stores: \[right-STATE-STORE-0000000003\]\)/);
    assert.match(text, /Processor: KTABLE-JOINOTHER-0000000008 \(stores: \[left-STATE-STORE-0000000000\]\)/);
    assert.match(text, /Processor: KTABLE-MERGE-0000000006 \(stores: \[joined\]\)/);
    assert.deepEqual(t.copartitionGroups(), [['left', 'right']]);
    const d = new TopologyTestDriver(t);
    d.createInputTopic('left', S, S).pipeInput('k', 'A', 1);
    d.createInputTopic('right', S, S).pipeInput('k', 'aaaaaaa', 2); // [A,aaaaaaa] is long
    assert.equal(d.getKeyValueStore<string, string>('joined')!.get('k'), '[A,aaaaaaa]');
    const counts = d.createOutputTopic('counts', S, Serdes.Long()).readKeyValuesToMap();
    assert.deepEqual(
      [...counts],
      [
        ['short', 0],
        ['long', 1],
      ],
      'the old result was subtracted from its group',
    );
    d.close();
    const named = new StreamsBuilder();
    named.table('l').join(named.table('r'), J as never, Named.as('j'));
    assert.match(named.build().describe().toString(), /Processor: j-join-this/);
  });
});
