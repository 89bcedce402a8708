import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KafkaError } from '../../core/errors/index.ts';
import { SimulatedClock, settle } from '../../core/io/index.ts';
import {
  Compression,
  compressionAt,
  decodeRecordsAsync,
  readBatchHeader,
  validateBatch,
  type CompressionType,
} from '../../core/records/index.ts';
import type { ProducerBatch, RecordMetadata } from './producer-batch.ts';
import { DefaultPartitioner } from './partitioner.ts';
import { lingerMsDefault } from './producer-defaults.ts';
import { SeededRandom } from '../../core/io/index.ts';
import { RecordAccumulator, type RecordAccumulatorConfig } from './record-accumulator.ts';

function setup(config: RecordAccumulatorConfig = {}): { clock: SimulatedClock; acc: RecordAccumulator } {
  const clock = new SimulatedClock(1_000_000);
  return { clock, acc: new RecordAccumulator(clock, config) };
}

const value = (n: number, fill = 'x'): string => fill.repeat(n);

async function values(batch: ProducerBatch): Promise<string[]> {
  return (await decodeRecordsAsync(batch.built)).map((r) => r.value!.toString());
}

function isError(name: string): (e: unknown) => boolean {
  return (e: unknown) => KafkaError.is(e) && e.errorName === name;
}

describe('RecordAccumulator', () => {
  it('defaults to linger.ms 5 (Kafka 4.0 / KIP-1030)', () => {
    assert.equal(lingerMsDefault, 5);
    assert.equal(setup().acc.lingerMs, 5);
  });

  it('fills a batch up to batch.size, then opens the next one', async () => {
    const { acc } = setup({ batchSizeBytes: 4096 });
    const results = [];
    // 900-byte values: four fit under 4096 bytes with Kafka's per-record upper bound, a fifth does not.
    for (let i = 0; i < 6; i++) results.push(await acc.append('t', 0, { value: value(900) }));
    assert.deepEqual(
      results.map((r) => r.newBatchCreated),
      [true, false, false, false, true, false],
    );
    assert.equal(
      results[4]!.batchIsFull,
      true,
      'a second batch behind the first makes the partition sendable',
    );
    const [first] = await acc.drain();
    assert.equal(first!.recordCount, 4);
    assert.ok(first!.built.length <= 4096);
  });

  it('gives a record larger than batch.size a batch of its own', async () => {
    const { acc } = setup();
    await acc.append('t', 0, { value: value(10) });
    const big = await acc.append('t', 0, { value: value(20000) });
    const after = await acc.append('t', 0, { value: value(10) });
    assert.equal(big.newBatchCreated, true);
    assert.equal(after.newBatchCreated, true);
    assert.ok(acc.bufferedBytes >= 16384 * 2 + 20000);
    const batches: ProducerBatch[] = [];
    while (acc.hasUndrained()) batches.push(...(await acc.drain(1048576, [{ topic: 't', partition: 0 }])));
    assert.deepEqual(
      batches.map((b) => b.recordCount),
      [1, 1, 1],
    );
  });

  it('refuses a record larger than max.request.size or buffer.memory with MESSAGE_TOO_LARGE', async () => {
    const { acc } = setup({ maxRequestSizeBytes: 1000 });
    await assert.rejects(acc.append('t', 0, { value: value(1000) }), isError('MESSAGE_TOO_LARGE'));
    const small = setup({ bufferMemoryBytes: 500, batchSizeBytes: 100 });
    await assert.rejects(small.acc.append('t', 0, { value: value(600) }), isError('MESSAGE_TOO_LARGE'));
    assert.equal(acc.bufferedBytes, 0);
  });

  it('is ready after linger.ms, or at once when a batch is full', async () => {
    const { clock, acc } = setup({ lingerMs: 20, batchSizeBytes: 2048 });
    await acc.append('t', 0, { value: 'a' });
    let check = acc.ready();
    assert.deepEqual(check.readyPartitions, []);
    assert.equal(check.nextReadyCheckDelayMs, 20);
    clock.advance(15);
    assert.equal(acc.ready().nextReadyCheckDelayMs, 5);
    clock.advance(5);
    assert.deepEqual(acc.ready().readyPartitions, [{ topic: 't', partition: 0 }]);

    for (let i = 0; i < 3; i++) await acc.append('t', 1, { value: value(1000) });
    check = acc.ready();
    assert.deepEqual(
      check.readyPartitions.map((tp) => tp.partition),
      [0, 1],
    );
  });

  it('drains one batch per partition, up to the request size limit', async () => {
    const { clock, acc } = setup({ lingerMs: 0 });
    for (let p = 0; p < 3; p++) await acc.append('t', p, { value: value(500, String(p)) });
    clock.advance(1);
    const batches = await acc.drain(1200);
    assert.equal(batches.length, 2, 'two ~570-byte batches fit in 1200 bytes, the third waits');
    const rest = await acc.drain(600);
    assert.equal(rest.length, 1, 'the last one goes in the next request');
  });

  it('fails a batch that alone exceeds the request limit it is drained for with RECORD_LIST_TOO_LARGE', async () => {
    const { acc } = setup({ lingerMs: 0 });
    const { delivery } = await acc.append('t', 0, { value: value(300) });
    await acc.append('t', 0, { value: value(20000) }); // the second batch
    assert.equal((await acc.drain(200, [{ topic: 't', partition: 0 }])).length, 0);
    await assert.rejects(delivery, isError('RECORD_LIST_TOO_LARGE'));
  });

  it('resolves each record with baseOffset + its index, and the timestamps', async () => {
    const { clock, acc } = setup({ lingerMs: 0 });
    const a = await acc.append('t', 3, { key: 'k', value: 'a', timestamp: 42 });
    const b = await acc.append('t', 3, { value: 'b' });
    const [batch] = await acc.drain();
    assert.deepEqual(await values(batch!), ['a', 'b']);
    acc.complete(batch!, 100);
    assert.deepEqual(await a.delivery, { topic: 't', partition: 3, offset: 100, timestamp: 42 });
    assert.deepEqual(await b.delivery, { topic: 't', partition: 3, offset: 101, timestamp: clock.now() });
    assert.equal(acc.bufferedBytes, 0, 'a completed batch gives its memory back');
    assert.equal(acc.hasIncomplete(), false);
  });

  it('reports the broker LogAppendTime and offset -1 for acks=0', async () => {
    const { acc } = setup({ lingerMs: 0 });
    const a = await acc.append('t', 0, { value: 'a', timestamp: 1 });
    const [batch] = await acc.drain();
    acc.complete(batch!, -1, 777);
    assert.deepEqual(await a.delivery, { topic: 't', partition: 0, offset: -1, timestamp: 777 });
  });

  it('rejects every record of a failed batch with the batch error', async () => {
    const { acc } = setup({ lingerMs: 0 });
    const a = await acc.append('t', 0, { value: 'a' });
    const b = await acc.append('t', 0, { value: 'b' });
    const [batch] = await acc.drain();
    const error = new KafkaError(10);
    acc.fail(batch!, error);
    await assert.rejects(a.delivery, (e) => e === error);
    await assert.rejects(b.delivery, (e) => e === error);
    acc.complete(batch!, 5); // a late answer is ignored
  });

  it('puts a retried batch back at the front, unchanged, and holds it for retry.backoff.ms', async () => {
    const { clock, acc } = setup({ lingerMs: 0, retryBackoffMs: 100 });
    await acc.append('t', 0, { value: 'first' });
    const [first] = await acc.drain();
    await acc.append('t', 0, { value: 'second' });
    const bytes = Buffer.from(first!.built);
    acc.reenqueue(first!);
    assert.deepEqual(acc.ready().readyPartitions, [], 'backing off');
    assert.equal(acc.ready().nextReadyCheckDelayMs, 100);
    clock.advance(100);
    const [again] = await acc.drain();
    assert.equal(again, first);
    assert.ok(again!.built.equals(bytes), 'the same bytes are resent');
    assert.equal(again!.attempts, 1);
    const [second] = await acc.drain();
    assert.deepEqual(await values(second!), ['second']);
  });

  describe('idempotence', () => {
    it('stamps producer id, epoch and per-partition sequences in drain order, with a valid CRC', async () => {
      const { acc } = setup({ lingerMs: 0, batchSizeBytes: 200 });
      acc.setProducerIdAndEpoch(4000, 3);
      for (let i = 0; i < 3; i++) await acc.append('t', 0, { value: value(100) }); // 1 record per batch
      await acc.append('t', 1, { value: 'x' });
      const seq: Array<[number, number]> = [];
      while (acc.hasUndrained())
        for (const b of await acc.drain()) {
          const h = validateBatch(b.built);
          assert.equal(h.producerId, 4000);
          assert.equal(h.producerEpoch, 3);
          seq.push([b.partition, h.baseSequence]);
        }
      assert.deepEqual(
        seq.sort((x, y) => x[0] - y[0] || x[1] - y[1]),
        [
          [0, 0],
          [0, 1],
          [0, 2],
          [1, 0],
        ],
      );
      assert.equal(acc.sequenceFor('t', 0), 3);
    });

    it('advances the sequence by the record count and keeps it on retry', async () => {
      const { clock, acc } = setup({ lingerMs: 0, retryBackoffMs: 10 });
      acc.setProducerIdAndEpoch(7, 0);
      for (let i = 0; i < 5; i++) await acc.append('t', 0, { value: 'v' });
      const [b1] = await acc.drain();
      await acc.append('t', 0, { value: 'w' });
      const [b2] = await acc.drain();
      assert.equal(readBatchHeader(b1!.built).baseSequence, 0);
      assert.equal(readBatchHeader(b2!.built).baseSequence, 5);
      // Both come back (e.g. NOT_LEADER_OR_FOLLOWER); re-enqueued in reverse, they go back in sequence order.
      acc.reenqueue(b2!);
      acc.reenqueue(b1!);
      acc.setProducerIdAndEpoch(7, 0); // same id and epoch: sequences continue
      clock.advance(10);
      const [r1] = await acc.drain();
      const [r2] = await acc.drain();
      assert.equal(r1, b1);
      assert.equal(r2, b2);
      assert.equal(readBatchHeader(r2!.built).baseSequence, 5);
      await acc.append('t', 0, { value: 'z' });
      const [b3] = await acc.drain();
      assert.equal(readBatchHeader(b3!.built).baseSequence, 6);
    });

    it('wraps sequences from 2^31-1 to 0', async () => {
      const { acc } = setup({ lingerMs: 0 });
      acc.setProducerIdAndEpoch(1, 0);
      await acc.append('t', 0, { value: 'a' });
      const [b] = await acc.drain();
      b!.setProducerState(1, 0, 2 ** 31 - 1);
      assert.equal(validateBatch(b!.built).baseSequence, 2 ** 31 - 1);
    });
  });

  describe('buffer.memory', () => {
    it('makes an append wait for memory, and keeps later appends behind it in call order', async () => {
      const { acc } = setup({ lingerMs: 0, batchSizeBytes: 1000, bufferMemoryBytes: 2000 });
      const first = await acc.append('t', 0, { value: 'a' });
      await acc.append('t', 1, { value: 'b' });
      let thirdDone = false;
      let fourthDone = false;
      const third = acc.append('t', 2, { value: 'c' }).then((r) => ((thirdDone = true), r));
      const fourth = acc.append('t', 0, { value: 'd' }).then((r) => ((fourthDone = true), r));
      await settle();
      assert.equal(thirdDone, false);
      assert.equal(fourthDone, false, 'even though partition 0 has room, it waits its turn');
      assert.equal(acc.waitingAppends, 2);
      assert.equal(acc.ready().readyPartitions.length, 2, 'exhausted memory makes batches ready');
      const drained = await acc.drain();
      acc.complete(
        drained.find((b) => b.partition === 0)!,
        0,
      );
      await first.delivery;
      assert.equal((await third).newBatchCreated, true);
      await settle();
      assert.equal(fourthDone, false, 'the drained batch is closed; d needs a new batch and memory for it');
      acc.complete(
        drained.find((b) => b.partition === 1)!,
        0,
      );
      assert.equal((await fourth).newBatchCreated, true);
    });

    it('fails a waiting append with REQUEST_TIMED_OUT after max.block.ms', async () => {
      const { clock, acc } = setup({ batchSizeBytes: 1000, bufferMemoryBytes: 1000, maxBlockMs: 50 });
      await acc.append('t', 0, { value: 'a' });
      const waiting = acc.append('t', 1, { value: 'b' });
      clock.advance(49);
      await settle();
      assert.equal(acc.waitingAppends, 1);
      clock.advance(1);
      await assert.rejects(waiting, isError('REQUEST_TIMED_OUT'));
      assert.equal(acc.waitingAppends, 0);
    });

    it('serves thousands of waiting appends in call order as memory frees up, then expires the rest after max.block.ms', async () => {
      const { clock, acc } = setup({ batchSizeBytes: 1000, bufferMemoryBytes: 1000, maxBlockMs: 1000 });
      const count = 3000;
      const served: number[] = [];
      const appends = Array.from({ length: count }, (_, i) =>
        acc.append('t', 0, { value: `v${String(i).padStart(5, '0')}` }).then((r) => (served.push(i), r)),
      );
      for (const a of appends) a.catch(() => {});
      const batchValues: string[] = [];
      for (let rounds = 0; served.length < 2000; rounds++) {
        assert.ok(rounds < count, 'completing batches keeps serving waiting appends');
        const [batch] = await acc.drain(undefined, [{ topic: 't', partition: 0 }]);
        batchValues.push(...(await values(batch!)));
        acc.complete(batch!, 0);
        await settle();
      }
      assert.deepEqual(
        served,
        Array.from({ length: served.length }, (_, i) => i),
      );
      assert.ok(batchValues.length > 1000);
      assert.deepEqual(
        batchValues,
        Array.from({ length: batchValues.length }, (_, i) => `v${String(i).padStart(5, '0')}`),
        'records reach the batches in call order',
      );
      assert.equal(acc.waitingAppends, count - served.length);
      clock.advance(1000);
      await settle();
      assert.equal(acc.waitingAppends, 0);
      for (const a of appends.slice(served.length)) await assert.rejects(a, isError('REQUEST_TIMED_OUT'));
    });
  });

  for (const [name, compression] of Object.entries(Compression) as Array<[string, CompressionType]>) {
    it(`builds valid ${name} batches that decode to the appended records`, async () => {
      const { acc } = setup({ lingerMs: 0, compression });
      for (let i = 0; i < 50; i++) await acc.append('t', 0, { key: `k${i}`, value: `value-${i}`.repeat(10) });
      const [batch] = await acc.drain();
      assert.equal(compressionAt(batch!.built), compression);
      assert.deepEqual(
        await values(batch!),
        Array.from({ length: 50 }, (_, i) => `value-${i}`.repeat(10)),
      );
    });
  }

  it('flush makes every batch ready and resolves once they completed', async () => {
    const { acc } = setup({ lingerMs: 60000 });
    const a = await acc.append('t', 0, { value: 'a' });
    let flushed = false;
    const flush = acc.flush().then(() => (flushed = true));
    assert.equal(acc.ready().readyPartitions.length, 1);
    const [batch] = await acc.drain();
    await settle();
    assert.equal(flushed, false);
    acc.complete(batch!, 9);
    await flush;
    assert.equal((await a.delivery).offset, 9);
  });

  it('expires batches left unsent past delivery.timeout.ms', async () => {
    const { clock, acc } = setup({ deliveryTimeoutMs: 1000 });
    const a = await acc.append('t', 0, { value: 'a' });
    clock.advance(999);
    assert.equal(acc.expireBatches().length, 0);
    clock.advance(1);
    assert.equal(acc.expireBatches().length, 1);
    await assert.rejects(a.delivery, isError('REQUEST_TIMED_OUT'));
    assert.equal(acc.hasUndrained(), false);
    assert.equal(acc.bufferedBytes, 0);
  });

  it('a muted partition is neither ready nor drained', async () => {
    const { acc } = setup({ lingerMs: 0 });
    await acc.append('t', 0, { value: 'a' });
    acc.mutePartition('t', 0);
    assert.deepEqual(acc.ready().readyPartitions, []);
    assert.deepEqual(await acc.drain(1048576, [{ topic: 't', partition: 0 }]), []);
    acc.unmutePartition('t', 0);
    assert.equal((await acc.drain()).length, 1);
  });

  it('close aborts queued and in-flight batches and waiting appends, and refuses new appends', async () => {
    const { acc } = setup({ lingerMs: 0, batchSizeBytes: 1000, bufferMemoryBytes: 2000 });
    const inFlight = await acc.append('t', 0, { value: 'a' });
    await acc.drain();
    const queued = await acc.append('t', 1, { value: 'b' });
    const waiting = acc.append('t', 2, { value: 'c' }); // memory is full: it waits
    acc.close();
    for (const p of [inFlight.delivery, queued.delivery, waiting])
      await assert.rejects(p, isError('OPERATION_NOT_ATTEMPTED'));
    await assert.rejects(acc.append('t', 0, { value: 'e' }), isError('INVALID_REQUEST'));
    assert.equal(acc.bufferedBytes, 0);
    assert.equal(acc.hasIncomplete(), false);
  });

  it('with the sticky partitioner, null-key records go to one partition per ~batch.size bytes appended', async () => {
    const batchSizeBytes = 2048;
    const { acc } = setup({ batchSizeBytes, lingerMs: 60000 });
    const partitioner = new DefaultPartitioner(new SeededRandom(9), batchSizeBytes);
    const partitionMetadata = Array.from({ length: 6 }, (_, i) => ({ partitionId: i, leader: 1 }));
    const runs: Array<{ partition: number; bytes: number }> = [];
    for (let i = 0; i < 100; i++) {
      const message = { value: value(100) };
      const partition = partitioner.partition({ topic: 't', partitionMetadata, message });
      const r = await acc.append('t', partition, message);
      partitioner.onAppend('t', partition, r.appendedBytes, partitionMetadata);
      const last = runs[runs.length - 1];
      if (last !== undefined && last.partition === partition) last.bytes += r.appendedBytes;
      else runs.push({ partition, bytes: r.appendedBytes });
    }
    assert.ok(runs.length >= 4, `${runs.length} runs`);
    // Every run but the last stops at the first append that reaches batch.size bytes.
    for (const run of runs.slice(0, -1))
      assert.ok(run.bytes >= batchSizeBytes && run.bytes < batchSizeBytes + 120);
  });

  it('validates its config with the Kafka key in the error', () => {
    assert.throws(
      () => new RecordAccumulator(new SimulatedClock(), { bufferMemoryBytes: 0 }),
      (e: unknown) => KafkaError.is(e, 'INVALID_CONFIG') && /buffer\.memory/.test((e as Error).message),
    );
  });

  it('delivers every record once, in append order per partition, with consecutive offsets', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ partition: fc.nat(3), size: fc.integer({ min: 0, max: 3000 }) }), {
          maxLength: 60,
        }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 100, max: 5000 }),
        async (appends, codec, maxRequest) => {
          const { clock, acc } = setup({ batchSizeBytes: 4096, compression: codec as CompressionType });
          const deliveries: Array<{ partition: number; index: number; delivery: Promise<RecordMetadata> }> =
            [];
          const count = [0, 0, 0, 0];
          for (const a of appends) {
            const index = count[a.partition]!++;
            const r = await acc.append('t', a.partition, { value: `${index}:`.padEnd(a.size + 2, '.') });
            deliveries.push({ partition: a.partition, index, delivery: r.delivery });
          }
          clock.advance(acc.lingerMs);
          const nextOffset = [0, 0, 0, 0];
          const seen: string[][] = [[], [], [], []];
          while (acc.hasUndrained()) {
            for (const b of await acc.drain(Math.max(maxRequest, 4096 + 200))) {
              for (const v of await values(b)) seen[b.partition]!.push(v.split(':')[0]!);
              acc.complete(b, nextOffset[b.partition]!);
              nextOffset[b.partition]! += b.recordCount;
            }
          }
          for (const d of deliveries) {
            const m = await d.delivery;
            assert.equal(m.partition, d.partition);
            assert.equal(m.offset, d.index);
          }
          for (let p = 0; p < 4; p++)
            assert.deepEqual(
              seen[p],
              Array.from({ length: count[p]! }, (_, i) => String(i)),
            );
          assert.equal(acc.bufferedBytes, 0);
        },
      ),
    );
  });
});
