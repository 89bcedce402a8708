import assert from 'node:assert/strict';
import { DeserializationError, Serdes } from '../core/serdes/index.ts';
import {
  Consumed,
  FixedKeyRecord,
  KeyValue,
  Named,
  Produced,
  PunctuationType,
  Record,
  StreamsBuilder,
  StreamsException,
  Stores,
  Topology,
  TopologyException,
  TopologyTask,
  TopologyTestDriver,
  type KeyValueStore,
  type Processor,
  type ProcessorContext,
  type RecordMetadata,
} from './index.ts';

const S = Serdes.String();
const I = Serdes.Int();

/** Counts per key in a store and forwards the running count. */
class Counter implements Processor<string, string, string, number> {
  private context!: ProcessorContext<string, number>;
  private store!: KeyValueStore<string, number>;
  init(context: ProcessorContext<string, number>): void {
    this.context = context;
    this.store = context.getStateStore<KeyValueStore<string, number>>('counts');
  }
  process(record: Record<string, string>): void {
    const count = (this.store.get(record.key) ?? 0) + 1;
    this.store.put(record.key, count);
    this.context.forward(record.withValue(count));
  }
}

describe('Processor API in the DSL', () => {
  it('process() with a connected state store counts per key, readable through getKeyValueStore', () => {
    const b = new StreamsBuilder();
    b.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('counts'), S, I));
    b.stream('in', Consumed.with(S, S))
      .process(() => new Counter(), 'counts')
      .to('out', Produced.with(S, I));
    const d = new TopologyTestDriver(b.build());
    const input = d.createInputTopic('in', S, S);
    for (const k of ['a', 'b', 'a', 'a']) input.pipeInput(k, 'x');
    assert.deepEqual(d.createOutputTopic('out', S, I).readValuesToList(), [1, 1, 2, 3]);
    const store = d.getKeyValueStore<string, number>('counts')!;
    assert.deepEqual(
      [...store.all()],
      [
        { key: 'a', value: 3 },
        { key: 'b', value: 1 },
      ],
    );
    assert.deepEqual([...d.getAllStateStores().keys()], ['counts']);
    assert.match(
      b.build().describe().toString(),
      /Processor: KSTREAM-PROCESSOR-0000000001 \(stores: \[counts\]\)/,
    );
  });

  it('a supplier with stores() adds and connects its stores automatically', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, S))
      .process({
        get: () => new Counter(),
        stores: () => [Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('counts'), S, I)],
      })
      .to('out', Produced.with(S, I));
    const d = new TopologyTestDriver(b.build());
    d.createInputTopic('in', S, S).pipeInput('a', 'x');
    assert.equal(d.getKeyValueStore<string, number>('counts')!.get('a'), 1);
  });

  it('exposes record metadata, timestamp and headers, and forwards to one named child', () => {
    const seen: (RecordMetadata | null)[] = [];
    const b = new StreamsBuilder();
    const s = b.stream('in', Consumed.with(S, S)).process<string, string>(() => {
      let ctx: ProcessorContext<string, string>;
      return {
        init: (c) => {
          ctx = c;
        },
        process: (record) => {
          seen.push(ctx.recordMetadata());
          ctx.forward(
            record.withValue(`${record.value}@${record.timestamp}/${record.headers[0]?.key}`),
            'only-me',
          );
        },
      };
    }, Named.as('p'));
    s.mapValues((v) => v, Named.as('only-me')).to('a', Produced.with(S, S));
    s.mapValues((v) => v, Named.as('not-me')).to('b', Produced.with(S, S));
    const d = new TopologyTestDriver(b.build());
    const input = d.createInputTopic('in', S, S);
    input.pipeInput({ key: 'k', value: 'v', timestamp: 9, headers: [{ key: 'h', value: null }] });
    input.pipeInput('k', 'w', 10);
    assert.deepEqual(d.createOutputTopic('a', S, S).readValuesToList(), ['v@9/h', 'w@10/undefined']);
    assert.ok(d.createOutputTopic('b', S, S).isEmpty());
    assert.deepEqual(seen, [
      { topic: 'in', partition: 0, offset: 0 },
      { topic: 'in', partition: 0, offset: 1 },
    ]);
  });

  it('processValues keeps the key and the partitioning', () => {
    const b = new StreamsBuilder();
    const out = b.stream('in', Consumed.with(S, S)).processValues<number>(() => {
      let ctx: { forward(r: FixedKeyRecord<string, number>): void };
      return {
        init: (c) => {
          ctx = c;
        },
        process: (r) => ctx.forward(r.withValue(r.value.length)),
      };
    });
    assert.equal(out.repartitionRequired, false);
    out.to('out', Produced.with(S, I));
    const d = new TopologyTestDriver(b.build());
    d.createInputTopic('in', S, S).pipeInput('key', 'four');
    assert.deepEqual(d.createOutputTopic('out', S, I).readKeyValue(), { key: 'key', value: 4 });
  });

  it('fires STREAM_TIME punctuators on record timestamps, aligned to 0, skipping missed intervals and never going back', () => {
    const fired: number[] = [];
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, S))
      .process<string, string>(() => ({
        init: (ctx) => {
          ctx.schedule(10, PunctuationType.STREAM_TIME, (t) => {
            fired.push(t);
            ctx.forward(new Record('tick', String(t), t));
          });
        },
        process: () => undefined,
      }))
      .to('ticks', Produced.with(S, S));
    const d = new TopologyTestDriver(b.build());
    const input = d.createInputTopic('in', S, S);
    assert.deepEqual(fired, [], 'no punctuation without data');
    for (const ts of [5, 7, 25, 3, 30]) input.pipeInput('k', 'v', ts);
    assert.deepEqual(fired, [5, 25, 30]);
    assert.deepEqual(
      d
        .createOutputTopic('ticks', S, S)
        .readRecordsToList()
        .map((r) => r.timestamp),
      [5, 25, 30],
    );
  });

  it('fires WALL_CLOCK_TIME punctuators only when the driver wall clock advances, and stops after cancel', () => {
    const fired: number[] = [];
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, S)).process(() => ({
      init: (ctx: ProcessorContext<never, never>) => {
        const handle = ctx.schedule(100, PunctuationType.WALL_CLOCK_TIME, (t) => {
          fired.push(t);
          if (fired.length === 3) handle.cancel();
        });
      },
      process: () => undefined,
    }));
    const d = new TopologyTestDriver(b.build(), {}, 1000);
    d.advanceWallClockTime(50);
    assert.deepEqual(fired, []);
    d.advanceWallClockTime(50);
    d.advanceWallClockTime(250);
    d.advanceWallClockTime(50);
    d.advanceWallClockTime(1000);
    assert.deepEqual(fired, [1100, 1350, 1400]);
  });

  it('context.commit() raises the task commit request flag', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, S)).process(() => ({
      init: (c: ProcessorContext<never, never>) => (ctxRef.c = c),
      process: () => ctxRef.c!.commit(),
    }));
    const ctxRef: { c?: ProcessorContext<never, never> } = {};
    const task = new TopologyTask(b.build(), 0, {
      applicationId: 'a',
      partition: 3,
      sink: () => undefined,
      wallClockMs: () => 0,
    });
    task.init();
    assert.equal(task.taskId, '0_3');
    assert.equal(task.commitRequested, false);
    task.process({ topic: 'in', partition: 3, offset: 0, timestamp: 1, key: null, value: null, headers: [] });
    assert.equal(task.commitRequested, true);
    task.commitDone();
    assert.equal(task.commitRequested, false);
  });
});

describe('topology errors', () => {
  it('rejects a process() naming a store that was never added, at build time', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, S)).process(() => new Counter(), 'nope');
    assert.throws(
      () => b.build(),
      (e: unknown) => e instanceof TopologyException && /state store nope/.test(e.message),
    );
  });

  it('rejects duplicate processor names and a topic read by two sources', () => {
    const b = new StreamsBuilder();
    const s = b.stream('in', Consumed.with(S, S));
    s.filter(() => true, Named.as('x'));
    assert.throws(() => s.mapValues((v) => v, Named.as('x')), /processor name x is already used/);
    assert.throws(() => b.stream('in'), /topic in is already registered/);
  });

  it('a processor that reads a store it is not connected to fails with a clear message', () => {
    const b = new StreamsBuilder();
    b.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('counts'), S, I));
    b.stream('in', Consumed.with(S, S)).process(() => new Counter());
    assert.throws(() => new TopologyTestDriver(b.build()), /no access to state store counts/);
  });

  it('wraps user exceptions in StreamsException with task, processor and record position', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, S)).mapValues(() => {
      throw new Error('boom');
    }, Named.as('explode'));
    const d = new TopologyTestDriver(b.build());
    assert.throws(
      () => d.createInputTopic('in', S, S).pipeInput('k', 'v'),
      (e: unknown) =>
        e instanceof StreamsException &&
        e.processorName === 'explode' &&
        e.taskId === '0_0' &&
        /topic=in, partition=0, offset=0: boom/.test(e.message),
    );
  });

  it('fails on undeserializable input by default, and skips it with a CONTINUE handler', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, I)).to('out');
    const failing = new TopologyTestDriver(b.build());
    assert.throws(
      () => failing.createInputTopic('in', S, S).pipeInput('k', 'not-an-int'),
      (e: unknown) =>
        e instanceof StreamsException && e.cause instanceof DeserializationError && e.cause.topic === 'in',
    );
    const errors: string[] = [];
    const skipping = new TopologyTestDriver(b.build(), {
      'default.deserialization.exception.handler': (err) => {
        errors.push(err.topic);
        return 'CONTINUE';
      },
    });
    skipping.createInputTopic('in', S, S).pipeInput('k', 'not-an-int');
    skipping.createInputTopic('in', S, I).pipeInput('k', 5);
    assert.deepEqual(skipping.createOutputTopic('out', S, I).readValuesToList(), [5]);
    assert.deepEqual(errors, ['in']);
  });

  it('fails a negative record timestamp with the default extractor', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, S)).to('out');
    const d = new TopologyTestDriver(b.build());
    assert.throws(() => d.pipeRaw('in', null, null, -1, []), /negative\) timestamp -1/);
  });

  it('refuses input for a topic that is not a source, and use after close', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, S)).to('out');
    const d = new TopologyTestDriver(b.build());
    assert.throws(() => d.createInputTopic('other', S, S), /not a source/);
    d.close();
    assert.throws(() => d.createInputTopic('in', S, S), /closed/);
  });
});

describe('topology shape rules', () => {
  it('allows a sink to a topic that is also a source of the same sub-topology (the driver feeds it back)', () => {
    const b = new StreamsBuilder();
    b.stream('loop', Consumed.with(S, I))
      .filter((_k, v) => v < 3)
      .mapValues((v) => v + 1)
      .to('loop', Produced.with(S, I));
    const t = b.build();
    assert.equal(t.subtopologies().length, 1);
    const d = new TopologyTestDriver(t);
    d.createInputTopic('loop', S, I).pipeInput('k', 0);
    assert.deepEqual(d.createOutputTopic('loop', S, I).readValuesToList(), [1, 2, 3]);
  });

  it('cannot form a cycle: a node may only name existing parents, and sinks have no children', () => {
    const t = new Topology();
    t.addSource('src', ['in']);
    assert.throws(
      () => t.addProcessor('a', () => ({ process: () => undefined }), 'b'),
      /parent b of a is not defined/,
    );
    t.addSink('sink', 'out', {}, 'src');
    assert.throws(
      () => t.addProcessor('c', () => ({ process: () => undefined }), 'sink'),
      /sink sink cannot have children/,
    );
  });

  it('wraps a custom timestamp extractor returning a negative time in StreamsException', () => {
    const b = new StreamsBuilder();
    b.stream(
      'in',
      Consumed.with(S, S).withTimestampExtractor(() => -5),
    ).to('out');
    const d = new TopologyTestDriver(b.build());
    assert.throws(
      () => d.createInputTopic('in', S, S).pipeInput('k', 'v', 1),
      (e: unknown) => e instanceof StreamsException && /invalid record timestamp -5/.test(e.message),
    );
  });

  it('KeyValue.pair builds mapper results and putAll entries', () => {
    const b = new StreamsBuilder();
    b.stream('in', Consumed.with(S, S))
      .map((k, v) => KeyValue.pair(v, k))
      .to('out', Produced.with(S, S));
    const d = new TopologyTestDriver(b.build());
    d.createInputTopic('in', S, S).pipeInput('k', 'v');
    assert.deepEqual(d.createOutputTopic('out', S, S).readKeyValue(), { key: 'v', value: 'k' });
  });
});
