import assert from 'node:assert/strict';
import { Serdes } from '../../core/serdes/index.ts';
import {
  PunctuationType,
  Record,
  Stores,
  type KeyValueStore,
  type Processor,
  type ProcessorContext,
} from '../index.ts';
import { MockProcessorContext } from './mock-processor-context.ts';

/** Sums values per key; every 1000 ms of stream time emits all totals. */
class Totals implements Processor<string, number, string, number> {
  private ctx!: ProcessorContext<string, number>;
  private store!: KeyValueStore<string, number>;
  init(ctx: ProcessorContext<string, number>): void {
    this.ctx = ctx;
    this.store = ctx.getStateStore('totals');
    ctx.schedule(1000, PunctuationType.STREAM_TIME, (t) => {
      for (const { key, value } of this.store.all()) ctx.forward(new Record(key, value, t));
    });
  }
  process(record: Record<string, number>): void {
    this.store.put(record.key, (this.store.get(record.key) ?? 0) + record.value);
    if (this.ctx.recordMetadata()?.offset === 2) this.ctx.commit();
  }
}

describe('MockProcessorContext', () => {
  it('unit-tests a processor: stores, metadata, captured punctuators, forwards and commits', () => {
    const ctx = new MockProcessorContext<string, number>();
    ctx.addStateStore(
      Stores.keyValueStoreBuilder(
        Stores.inMemoryKeyValueStore('totals'),
        Serdes.String(),
        Serdes.Int(),
      ).build(),
    );
    const p = new Totals();
    p.init(ctx);
    assert.deepEqual(
      ctx.scheduledPunctuators().map((s) => [s.intervalMs, s.type]),
      [[1000, 'STREAM_TIME']],
    );
    const records: [string, number][] = [
      ['b', 2],
      ['a', 1],
      ['b', 5],
    ];
    records.forEach(([k, v], offset) => {
      ctx.setRecordMetadata('in', 0, offset);
      p.process(new Record(k, v, offset));
    });
    assert.deepEqual(ctx.forwardedRecords(), []);
    assert.equal(ctx.committedSinceReset(), true);
    ctx.scheduledPunctuators()[0]!.punctuator(1000);
    assert.deepEqual(
      ctx.forwardedRecords().map((f) => [f.record.key, f.record.value, f.record.timestamp, f.childName]),
      [
        ['a', 1, 1000, undefined],
        ['b', 7, 1000, undefined],
      ],
    );
    assert.throws(() => ctx.getStateStore('other'), /no state store other/);
  });
});
