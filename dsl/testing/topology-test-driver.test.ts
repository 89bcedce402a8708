import assert from 'node:assert/strict';
import { Serdes } from '../../core/serdes/index.ts';
import { Consumed, Produced, StreamsBuilder, TopologyTask, type TaskOutputRecord } from '../index.ts';
import { TopologyTestDriver } from './topology-test-driver.ts';

const S = Serdes.String();
const I = Serdes.Int();

function passThrough(source: string | string[] | RegExp, consumed = Consumed.with(S, S)): TopologyTestDriver {
  const b = new StreamsBuilder();
  b.stream(source, consumed).to('out', Produced.with(S, S));
  return new TopologyTestDriver(b.build(), {}, 500);
}

describe('TopologyTestDriver', () => {
  it('stamps records with the input topic start time plus auto-advance, or the wall clock by default', () => {
    const d = passThrough('in');
    const fixed = d.createInputTopic('in', S, S, 100, 10);
    fixed.pipeInput('a', '1');
    fixed.pipeInput('b', '2');
    fixed.advanceTime(1000);
    fixed.pipeInput('c', '3');
    fixed.pipeInput('d', '4', 7);
    d.createInputTopic('in', S, S).pipeInput('e', '5');
    const out = d.createOutputTopic('out', S, S);
    assert.equal(out.getQueueSize(), 5);
    assert.deepEqual(
      out.readRecordsToList().map((r) => r.timestamp),
      [100, 110, 1120, 7, 500],
    );
    assert.ok(out.isEmpty());
    assert.throws(() => out.readRecord(), /no more records/);
  });

  it('pipes value lists, key-value lists and record lists', () => {
    const d = passThrough('in');
    const input = d.createInputTopic('in', S, S);
    input.pipeValueList(['v1', 'v2']);
    input.pipeKeyValueList([{ key: 'k', value: 'v3' }]);
    input.pipeRecordList([{ key: 'r', value: 'v4', timestamp: 9 }]);
    assert.deepEqual(d.createOutputTopic('out', S, S).readKeyValuesToList(), [
      { key: null, value: 'v1' },
      { key: null, value: 'v2' },
      { key: 'k', value: 'v3' },
      { key: 'r', value: 'v4' },
    ]);
  });

  it('readKeyValuesToMap keeps the last value per key and drops keys whose last value is a tombstone', () => {
    const d = passThrough('in');
    const input = d.createInputTopic('in', S, S);
    input.pipeInput('a', '1');
    input.pipeInput('b', '1');
    input.pipeInput('a', '2');
    input.pipeInput('b', null);
    assert.deepEqual([...d.createOutputTopic('out', S, S).readKeyValuesToMap()], [['a', '2']]);
  });

  it('reads several topics and topics matching a pattern', () => {
    const multi = passThrough(['x', 'y']);
    multi.createInputTopic('x', S, S).pipeInput('k', 'from-x');
    multi.createInputTopic('y', S, S).pipeInput('k', 'from-y');
    assert.deepEqual(multi.createOutputTopic('out', S, S).readValuesToList(), ['from-x', 'from-y']);
    const pattern = passThrough(/^orders-.+$/);
    pattern.createInputTopic('orders-eu', S, S).pipeInput('k', 'eu');
    assert.deepEqual(pattern.createOutputTopic('out', S, S).readValuesToList(), ['eu']);
    assert.throws(() => pattern.createInputTopic('orders-', S, S), /not a source/);
  });

  it('uses the Consumed timestamp extractor for event time', () => {
    const d = passThrough(
      'in',
      Consumed.with(S, S).withTimestampExtractor((r) => Number(r.value)),
    );
    d.createInputTopic('in', S, S).pipeInput('k', '12345', 1);
    assert.equal(d.createOutputTopic('out', S, S).readRecord().timestamp, 12345);
  });
});

describe('TopologyTask (runtime-agnostic core)', () => {
  it('hands sink output as bytes with a bound StreamPartitioner, and tracks stream time per task', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, I)).to(
      'out',
      Produced.with(S, I, (_topic, key, _value, n) => (key === 'a' ? n - 1 : undefined)),
    );
    const out: TaskOutputRecord[] = [];
    const task = new TopologyTask(b.build(), 0, {
      applicationId: 'app',
      partition: 2,
      sink: (r) => out.push(r),
      wallClockMs: () => 0,
    });
    task.init();
    assert.deepEqual(task.sourceTopics(), ['in']);
    for (const [key, ts] of [
      ['a', 10],
      ['b', 5],
    ] as const) {
      task.process({
        topic: 'in',
        partition: 2,
        offset: ts,
        timestamp: ts,
        key: Buffer.from(key),
        value: I.serializer('in', 1),
        headers: [],
      });
    }
    assert.equal(task.streamTimeMs, 10, 'stream time never goes back');
    assert.deepEqual(
      out.map((r) => [r.topic, r.key?.toString(), r.value, r.timestamp]),
      [
        ['out', 'a', Buffer.from([0, 0, 0, 1]), 10],
        ['out', 'b', Buffer.from([0, 0, 0, 1]), 5],
      ],
    );
    assert.equal(out[0]!.partitioner?.(6), 5);
    assert.equal(out[1]!.partitioner?.(6), undefined);
    task.close();
    assert.throws(
      () =>
        task.process({
          topic: 'in',
          partition: 2,
          offset: 9,
          timestamp: 1,
          key: null,
          value: null,
          headers: [],
        }),
      /closed/,
    );
  });
});
