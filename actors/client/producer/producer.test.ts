import assert from 'node:assert/strict';
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import { SeededRandom, SimulatedClock, SystemClock } from '../../../core/io/index.ts';
import type { ProduceRequest, Records } from '../../../core/protocol/index.ts';
import { Compression, batchPositions, compressionAt, producerIdAt } from '../../../core/records/index.ts';
import { Serdes } from '../../../core/serdes/index.ts';
import type { RecordMetadata } from '../producer-batch.ts';
import { FakeCluster, type FaultAction, type FakeClusterOptions } from './fake-cluster.ts';
import type { CompressionName, ProducerConfigInput } from './producer-config.ts';
import { Producer, type ProducerOptions } from './producer.ts';

interface Setup<K, V> {
  clock: SimulatedClock;
  cluster: FakeCluster;
  producer: Producer<K, V>;
}

function setup<K = Buffer | string, V = Buffer | string>(
  config: ProducerConfigInput = {},
  options: Omit<ProducerOptions<K, V>, 'config' | 'clock'> = {},
  clusterOptions: Partial<FakeClusterOptions> = {},
): Setup<K, V> {
  const clock = new SimulatedClock(1_000_000);
  const cluster = new FakeCluster({ clock, ...clusterOptions });
  const producer = new Producer<K, V>(cluster, {
    random: new SeededRandom(7),
    ...options,
    config: { 'client.id': 'test', ...config },
    clock,
  });
  return { clock, cluster, producer };
}

/** Runs the simulated clock until `promise` settles (or `maxMs` of simulated time passed). */
async function run<T>(clock: SimulatedClock, promise: Promise<T>, maxMs = 600_000): Promise<T> {
  let done = false;
  const tracked = promise.finally(() => {
    done = true;
  });
  tracked.catch(() => undefined);
  const settled = await clock.runUntil(() => done, maxMs, 1);
  assert.ok(settled, `did not settle within ${maxMs} simulated ms`);
  return tracked;
}

function isKafkaError(name: string): (e: unknown) => boolean {
  return (e: unknown) => {
    assert.ok(KafkaError.is(e), `expected a KafkaError ${name}, got ${String(e)}`);
    assert.equal(e.errorName, name, e.message);
    return true;
  };
}

function produceBodies(cluster: FakeCluster): ProduceRequest<Records>[] {
  return cluster.produceRequests().map((r) => r.body as ProduceRequest<Records>);
}

/** Batches of a partition's log: [compression, producerId] per batch. */
function batchesOf(
  cluster: FakeCluster,
  topic: string,
  partition: number,
): Array<{ compression: number; producerId: number }> {
  const log = cluster.log(topic, partition);
  const { bytes } = log.read(log.logStartOffset, 1 << 22);
  return [...batchPositions(bytes)].map(([pos]) => ({
    compression: compressionAt(bytes, pos),
    producerId: producerIdAt(bytes, pos),
  }));
}

describe('Producer', () => {
  it('puts keyed records on toPositive(murmur2(key)) % partitions, the Java client partitions', async () => {
    const { clock, cluster, producer } = setup();
    cluster.createTopic('keys', 10);
    // NOTES 8 test vectors, "mod 10" column.
    const expected: Record<string, number> = {
      '21': 0,
      foobar: 6,
      'a-little-bit-long-string': 2,
      abc: 7,
      kafka: 0,
      '4': 3,
      '': 1,
    };
    const results = await run(
      clock,
      Promise.all(
        Object.keys(expected).map((key) => producer.send({ topic: 'keys', key, value: `v-${key}` })),
      ),
    );
    for (const [i, key] of Object.keys(expected).entries())
      assert.equal(results[i]!.partition, expected[key], key);
    for (const [key, partition] of Object.entries(expected))
      assert.ok(
        (await cluster.values('keys', partition)).includes(`v-${key}`),
        `${key} in partition ${partition}`,
      );
    await run(clock, producer.close());
  });

  it('resolves each record with its topic, partition, offset and timestamp in send order', async () => {
    const { clock, cluster, producer } = setup();
    cluster.createTopic('t', 1);
    const deliveries = producer.send([
      { topic: 't', value: 'a', timestamp: 5 },
      { topic: 't', value: 'b', timestamp: 6 },
      { topic: 't', value: 'c' },
    ]);
    const metas = await run(clock, Promise.all(deliveries));
    assert.deepEqual(
      metas.map((m) => [m.topic, m.partition, m.offset]),
      [
        ['t', 0, 0],
        ['t', 0, 1],
        ['t', 0, 2],
      ],
    );
    assert.deepEqual([metas[0]!.timestamp, metas[1]!.timestamp], [5, 6]);
    assert.deepEqual(await cluster.values('t', 0), ['a', 'b', 'c']);
    await run(clock, producer.close());
  });

  it('waits linger.ms before sending a batch that is not full, and sends the lingered records as one batch', async () => {
    const { clock, cluster, producer } = setup({ 'linger.ms': 50 });
    cluster.createTopic('t', 1);
    await run(clock, producer.connect());
    const sent = producer.send([1, 2, 3].map((i) => ({ topic: 't', value: `r${i}` })));
    await clock.runFor(40);
    assert.equal(cluster.produceRequests().length, 0, 'nothing sent before linger.ms');
    await run(clock, Promise.all(sent));
    assert.equal(cluster.produceRequests().length, 1);
    assert.equal(batchesOf(cluster, 't', 0).length, 1);
    assert.deepEqual(await cluster.values('t', 0), ['r1', 'r2', 'r3']);
    await run(clock, producer.close());
  });

  it('sends the records of send({ topic, messages }) and sendBatch at once, not after linger.ms, as KafkaJS does', async () => {
    const { clock, cluster, producer } = setup({ 'linger.ms': 60_000 });
    cluster.createTopic('t', 2);
    await run(clock, producer.connect());
    await run(clock, producer.partitionsFor('t'));
    const perRecord = producer.send({ topic: 't', value: 'lingers', partition: 0 });
    const group = producer.send({
      topic: 't',
      messages: [
        { value: 'g1', partition: 1 },
        { value: 'g2', partition: 1 },
      ],
    });
    const batch = producer.sendBatch({
      topicMessages: [{ topic: 't', messages: [{ value: 'b1', partition: 1 }] }],
    });
    // Far less simulated time than linger.ms.
    const metas = await run(clock, Promise.all([group, batch]), 100);
    assert.deepEqual(
      metas.flat().map((m) => [m.partition, m.offset]),
      [
        [1, 0],
        [1, 1],
        [1, 2],
      ],
    );
    assert.deepEqual(await cluster.values('t', 1), ['g1', 'g2', 'b1']);
    assert.deepEqual(await cluster.values('t', 0), [], 'the per-record send still lingers');
    await run(clock, producer.flush());
    assert.equal((await perRecord).offset, 0);
    await run(clock, producer.close());
  });

  it('sends a full batch (batch.size) at once, without waiting for linger.ms', async () => {
    const { clock, cluster, producer } = setup({ 'linger.ms': 60_000, 'batch.size': 300 });
    cluster.createTopic('t', 1);
    await run(clock, producer.connect());
    const sent = producer.send(
      Array.from({ length: 10 }, (_, i) => ({ topic: 't', value: `${i}`.padEnd(80, '.') })),
    );
    // Far less simulated time than linger.ms: only full batches can have gone.
    await clock.runFor(100);
    assert.ok(cluster.produceRequests().length >= 2, `produce requests: ${cluster.produceRequests().length}`);
    await run(clock, producer.flush());
    const metas = await Promise.all(sent);
    assert.deepEqual(
      metas.map((m) => m.offset),
      Array.from({ length: 10 }, (_, i) => i),
    );
    assert.ok(batchesOf(cluster, 't', 0).length >= 4, 'records were split into batch.size batches');
    await run(clock, producer.close());
  });

  it('puts the batches of several partitions with one leader into one Produce request', async () => {
    const { clock, cluster, producer } = setup({ 'linger.ms': 20 });
    cluster.createTopic('t', 4, [1, 1, 1, 1]);
    await run(clock, producer.connect());
    const sent = [0, 1, 2, 3].map((partition) =>
      producer.send({ topic: 't', partition, value: `p${partition}` }),
    );
    await run(clock, Promise.all(sent));
    const bodies = produceBodies(cluster);
    assert.equal(bodies.length, 1);
    assert.deepEqual(bodies[0]!.topicData[0]!.partitionData.map((p) => p.index).sort(), [0, 1, 2, 3]);
    assert.equal(cluster.produceRequests()[0]!.nodeId, 1);
    await run(clock, producer.close());
  });

  it('retries after NOT_LEADER_OR_FOLLOWER at the new leader found by a metadata refresh', async () => {
    const { clock, cluster, producer } = setup({ 'linger.ms': 0 });
    cluster.createTopic('t', 1, [0]);
    assert.equal((await run(clock, producer.send({ topic: 't', value: 'one' }))).offset, 0);
    cluster.moveLeader('t', 0, 2);
    const meta = await run(clock, producer.send({ topic: 't', value: 'two' }));
    assert.equal(meta.offset, 1);
    const nodes = cluster.produceRequests().map((r) => r.nodeId);
    assert.deepEqual(nodes, [0, 0, 2]);
    assert.ok(producer.stats().retries >= 1);
    assert.deepEqual(await cluster.values('t', 0), ['one', 'two']);
    await run(clock, producer.close());
  });

  it('answers a retry after a lost response with the original offset and writes the record once (idempotence)', async () => {
    const { clock, cluster, producer } = setup({ 'linger.ms': 0 });
    cluster.createTopic('t', 1);
    let produces = 0;
    cluster.faults = ({ apiKey }) =>
      apiKey === 0 && produces++ === 0 ? { kind: 'lose-response' } : { kind: 'none' };
    const meta = await run(clock, producer.send({ topic: 't', value: 'once' }));
    assert.equal(meta.offset, 0);
    assert.deepEqual(await cluster.values('t', 0), ['once']);
    const requests = cluster.produceRequests();
    assert.equal(requests.length, 2, 'the batch was sent twice');
    // Zero-copy and idempotence both rest on this: the retry is the very Buffer first sent.
    const records = requests.map(
      (r) => (r.body as ProduceRequest<Records>).topicData[0]!.partitionData[0]!.records,
    );
    assert.ok(Buffer.isBuffer(records[0]) && records[0] === records[1]);
    assert.ok(producerIdAt(records[0] as Buffer, 0) >= 0, 'the batch carries a producer id');
    await run(clock, producer.close());
  });

  it('writes a record twice after a lost response when idempotence is off (what idempotence prevents)', async () => {
    const { clock, cluster, producer } = setup({ 'linger.ms': 0, 'enable.idempotence': false });
    cluster.createTopic('t', 1);
    let produces = 0;
    cluster.faults = ({ apiKey }) =>
      apiKey === 0 && produces++ === 0 ? { kind: 'lose-response' } : { kind: 'none' };
    const meta = await run(clock, producer.send({ topic: 't', value: 'twice' }));
    assert.equal(meta.offset, 1);
    assert.deepEqual(await cluster.values('t', 0), ['twice', 'twice']);
    await run(clock, producer.close());
  });

  it('fails records with REQUEST_TIMED_OUT once delivery.timeout.ms passes without an answer', async () => {
    const { clock, cluster, producer } = setup({
      'linger.ms': 0,
      'request.timeout.ms': 1000,
      'delivery.timeout.ms': 5000,
    });
    cluster.createTopic('t', 1);
    await run(clock, producer.connect());
    cluster.faults = ({ apiKey }) => (apiKey === 0 ? { kind: 'timeout' } : { kind: 'none' });
    const delivery = producer.send({ topic: 't', value: 'late' });
    await assert.rejects(run(clock, delivery), isKafkaError('REQUEST_TIMED_OUT'));
    assert.ok(cluster.produceRequests().length >= 2, 'it was retried before expiring');
    assert.ok(producer.stats().batchesExpired >= 1);
    await run(clock, producer.close());
  });

  it('expires queued records when no leader can be reached within delivery.timeout.ms', async () => {
    const { clock, cluster, producer } = setup({
      'linger.ms': 0,
      'request.timeout.ms': 1000,
      'delivery.timeout.ms': 3000,
    });
    cluster.createTopic('t', 1, [1]);
    await run(clock, producer.connect());
    cluster.setDown(1, true);
    await assert.rejects(
      run(clock, producer.send({ topic: 't', value: 'x' })),
      isKafkaError('REQUEST_TIMED_OUT'),
    );
    assert.equal(cluster.log('t', 0).logEndOffset, 0);
    await run(clock, producer.close());
  });

  it('fails a record with the broker error when it is not retriable', async () => {
    const { clock, cluster, producer } = setup({ 'linger.ms': 0 });
    cluster.createTopic('t', 1);
    cluster.faults = ({ apiKey }) =>
      apiKey === 0 ? { kind: 'error', errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED } : { kind: 'none' };
    await assert.rejects(
      run(clock, producer.send({ topic: 't', value: 'x' })),
      isKafkaError('TOPIC_AUTHORIZATION_FAILED'),
    );
    assert.equal(cluster.produceRequests().length, 1, 'not retried');
    await run(clock, producer.close());
  });

  it('send(record, callback) reports each record once to its callback, in order, with no promise made', async () => {
    const { clock, cluster, producer } = setup<string, unknown>({ 'linger.ms': 0 });
    cluster.createTopic('t', 1);
    await run(clock, producer.partitionsFor('t'));
    const reports: [string | null, number | null][] = [];
    const callback =
      (name: string) =>
      (error: Error | null, metadata: RecordMetadata | null): void => {
        assert.ok((error === null) !== (metadata === null), 'exactly one of error and metadata');
        reports.push([error === null ? name : `${name}: ${error.message}`, metadata?.offset ?? null]);
      };
    const returned: unknown[] = [];
    for (const value of ['a', 'b', 'c']) returned.push(producer.send({ topic: 't', value }, callback(value)));
    // A record that cannot be serialized fails through its callback, after send returned.
    returned.push(producer.send({ topic: 't', value: { not: 'bytes' } }, callback('bad')));
    assert.deepEqual(returned, [undefined, undefined, undefined, undefined]);
    assert.equal(reports.length, 0, 'no callback runs inside send');
    await run(clock, producer.flush());
    assert.deepEqual(
      reports.filter(([name]) => !name!.startsWith('bad')),
      [
        ['a', 0],
        ['b', 1],
        ['c', 2],
      ],
    );
    const bad = reports.filter(([name]) => name!.startsWith('bad'));
    assert.equal(bad.length, 1);
    assert.match(bad[0]![0]!, /topic t/);
    assert.deepEqual(await cluster.values('t', 0), ['a', 'b', 'c']);
    assert.throws(
      () => producer.send([{ topic: 't', value: 'x' }] as never, callback('x')),
      isKafkaError('INVALID_REQUEST'),
    );
    await run(clock, producer.close());
  });

  it('send(record, callback) hands a broker error to the callback', async () => {
    const { clock, cluster, producer } = setup({ 'linger.ms': 0 });
    cluster.createTopic('t', 1);
    cluster.faults = ({ apiKey }) =>
      apiKey === 0 ? { kind: 'error', errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED } : { kind: 'none' };
    const failed = new Promise<unknown>((resolve) =>
      producer.send({ topic: 't', value: 'x' }, (error, metadata) => resolve([error, metadata])),
    );
    const [error, metadata] = (await run(clock, failed)) as [unknown, unknown];
    assert.equal(metadata, null);
    assert.ok(isKafkaError('TOPIC_AUTHORIZATION_FAILED')(error));
    await run(clock, producer.close());
  });

  it('acks=0 resolves with offset -1 once written, and the broker has the record', async () => {
    const { clock, cluster, producer } = setup({ acks: 0, 'linger.ms': 0 });
    cluster.createTopic('t', 1);
    assert.equal(producer.config.idempotence, false, 'idempotence needs acks=all');
    const meta = await run(clock, producer.send({ topic: 't', value: 'fire' }));
    assert.deepEqual([meta.partition, meta.offset], [0, -1]);
    await clock.runFor(10);
    assert.deepEqual(await cluster.values('t', 0), ['fire']);
    assert.equal(produceBodies(cluster)[0]!.acks, 0);
    await run(clock, producer.close());
  });

  for (const codec of ['gzip', 'snappy', 'lz4', 'zstd'] as const satisfies readonly CompressionName[]) {
    it(`compresses batches with ${codec} and the log holds the same records`, async () => {
      const { clock, cluster, producer } = setup({ 'compression.type': codec, 'linger.ms': 10 });
      cluster.createTopic('t', 1);
      const values = Array.from({ length: 50 }, (_, i) => `record-${i}-${'z'.repeat(i)}`);
      await run(
        clock,
        Promise.all(values.map((value) => producer.send({ topic: 't', key: `k${value.length}`, value }))),
      );
      assert.deepEqual(await cluster.values('t', 0), values);
      const batches = batchesOf(cluster, 't', 0);
      assert.ok(batches.length >= 1);
      for (const b of batches) assert.equal(b.compression, Compression[codec]);
      await run(clock, producer.close());
    });
  }

  it('fails zstd batches with UNSUPPORTED_COMPRESSION_TYPE on a broker older than Produce v7', async () => {
    const { clock, cluster, producer } = setup(
      { 'compression.type': 'zstd', 'linger.ms': 0 },
      {},
      { versions: { 0: 5 } },
    );
    cluster.createTopic('t', 1);
    await assert.rejects(
      run(clock, producer.send({ topic: 't', value: 'z' })),
      isKafkaError('UNSUPPORTED_COMPRESSION_TYPE'),
    );
    await run(clock, producer.close());
  });

  it('serializes keys and values with the configured serdes', async () => {
    const { clock, cluster, producer } = setup<string, { n: number }>(
      { 'linger.ms': 0 },
      { keySerde: Serdes.String(), valueSerde: Serdes.Json<{ n: number }>() },
    );
    cluster.createTopic('t', 1);
    await run(clock, producer.send({ topic: 't', key: 'k', value: { n: 42 }, headers: { source: 'test' } }));
    const [record] = await cluster.records('t', 0);
    assert.equal(record!.key!.toString(), 'k');
    assert.deepEqual(JSON.parse(record!.value!.toString()), { n: 42 });
    assert.deepEqual(
      record!.headers.map((h) => [h.key, h.value?.toString()]),
      [['source', 'test']],
    );
    await run(clock, producer.close());
  });

  it('rejects a value it cannot serialize without a serde, naming the topic', async () => {
    const { clock, cluster, producer } = setup<string, unknown>({ 'linger.ms': 0 });
    cluster.createTopic('t', 1);
    await assert.rejects(producer.send({ topic: 't', value: { not: 'bytes' } }), /topic t/);
    await run(clock, producer.close());
  });

  it('accepts KafkaJS shapes: send({ topic, messages }) and sendBatch({ topicMessages })', async () => {
    const { clock, cluster, producer } = setup({ 'linger.ms': 0 });
    cluster.createTopic('a', 1);
    cluster.createTopic('b', 1);
    const first = await run(
      clock,
      producer.send({ topic: 'a', messages: [{ value: 'a1' }, { value: 'a2', timestamp: '77' }] }),
    );
    assert.deepEqual(
      first.map((m) => m.offset),
      [0, 1],
    );
    assert.equal(first[1]!.timestamp, 77);
    const second = await run(
      clock,
      producer.sendBatch({
        topicMessages: [
          { topic: 'a', messages: [{ value: 'a3' }] },
          { topic: 'b', messages: [{ value: 'b1' }] },
        ],
      }),
    );
    assert.deepEqual(
      second.map((m: RecordMetadata) => [m.topic, m.offset]),
      [
        ['a', 2],
        ['b', 0],
      ],
    );
    await run(clock, producer.close());
  });

  it('send({ topic, messages }) resolves once with every record in message order, over partitions and batches', async () => {
    const { clock, cluster, producer } = setup({ 'linger.ms': 0, 'batch.size': 200 });
    cluster.createTopic('m', 2);
    await run(clock, producer.connect());
    const messages = Array.from({ length: 30 }, (_, i) => ({
      value: `v${i}`,
      partition: i % 3 === 0 ? 1 : 0,
    }));
    const metas = await run(clock, producer.send({ topic: 'm', messages }));
    assert.equal(metas.length, 30);
    const next = [0, 0];
    for (let i = 0; i < 30; i++) {
      const m = metas[i]!;
      assert.equal(m.partition, messages[i]!.partition);
      assert.equal(m.offset, next[m.partition]!++, `message ${i}`);
    }
    assert.ok(produceBodies(cluster).length > 2, 'batch.size 200 spreads the records over several batches');
    const values = [await cluster.values('m', 0), await cluster.values('m', 1)];
    for (let i = 0; i < 30; i++) assert.equal(values[metas[i]!.partition]![metas[i]!.offset], `v${i}`);
    await run(clock, producer.close());
  });

  it('send({ topic, messages }) rejects with the failure of one message while the others are still written', async () => {
    const { clock, cluster, producer } = setup<string, unknown>({ 'linger.ms': 0 });
    cluster.createTopic('m', 1);
    await run(clock, producer.connect());
    const sent = producer.send({
      topic: 'm',
      messages: [{ value: 'a' }, { value: { no: 'serde' } }, { value: 'c' }],
    });
    await assert.rejects(run(clock, sent), /topic m/);
    await run(clock, producer.flush());
    assert.deepEqual(await cluster.values('m', 0), ['a', 'c']);
    await run(clock, producer.close());
  });

  it('send({ topic, messages }) waits for buffer.memory in call order and resolves with every record', async () => {
    const { clock, cluster, producer } = setup({
      'linger.ms': 0,
      'batch.size': 256,
      'buffer.memory': 1024,
    });
    cluster.createTopic('m', 1);
    await run(clock, producer.connect());
    const messages = Array.from({ length: 100 }, (_, i) => ({ value: `record-${i}` }));
    const metas = await run(clock, producer.send({ topic: 'm', messages }));
    assert.deepEqual(
      metas.map((m) => m.offset),
      messages.map((_, i) => i),
    );
    assert.deepEqual(
      await cluster.values('m', 0),
      messages.map((m) => m.value),
    );
    await run(clock, producer.close());
  });

  it('a failed record whose send() promise nobody kept raises no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      const { clock, cluster, producer } = setup({ 'linger.ms': 600_000 });
      cluster.createTopic('t', 1);
      await run(clock, producer.partitionsFor('t'));
      void producer.send({ topic: 't', value: 'dropped' });
      const kept = producer.send({ topic: 't', value: 'kept' });
      await run(clock, producer.close({ timeoutMs: 0 }));
      await assert.rejects(kept, isKafkaError('OPERATION_NOT_ATTEMPTED'));
      await new Promise<void>((resolve) => setImmediate(resolve));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('with the system clock, the sends of one synchronous run share a clock reading (up to 32) and a later run reads it again', async () => {
    /** A system clock whose every reading is one ms later than the last: timestamps show the readings. */
    class SteppingClock extends SystemClock {
      private t = 1_000_000;
      override now(): number {
        return this.t++;
      }
    }
    const clock = new SteppingClock();
    const cluster = new FakeCluster({ clock, latencyMs: 0 });
    cluster.createTopic('t', 1);
    const producer = new Producer(cluster, { clock, config: { 'linger.ms': 0 } });
    try {
      await producer.partitionsFor('t');
      const first = await Promise.all(
        Array.from({ length: 40 }, () => producer.send({ topic: 't', value: 'x' })),
      );
      const stamps = first.map((m) => m.timestamp);
      assert.equal(new Set(stamps.slice(0, 32)).size, 1, 'the first 32 sends share one reading');
      assert.ok(stamps[32]! > stamps[0]!, 'the 33rd send reads the clock again');
      const later = await producer.send({ topic: 't', value: 'y' });
      assert.ok(later.timestamp > stamps[39]!, 'a send in a later run reads the clock again');
    } finally {
      await producer.close();
    }
  });

  it('creates an unknown topic through Metadata (retrying while it answers LEADER_NOT_AVAILABLE)', async () => {
    const { clock, cluster, producer } = setup({ 'linger.ms': 0 });
    const meta = await run(clock, producer.send({ topic: 'fresh', key: 'k', value: 'v' }));
    assert.equal(cluster.partitionCount('fresh'), 3);
    assert.deepEqual(await cluster.values('fresh', meta.partition), ['v']);
    await run(clock, producer.close());
  });

  it('fails a send to a topic that does not appear within max.block.ms', async () => {
    const { clock, producer } = setup(
      { 'linger.ms': 0, 'max.block.ms': 2000 },
      {},
      { autoCreateTopics: false },
    );
    await assert.rejects(
      run(clock, producer.send({ topic: 'missing', value: 'v' })),
      isKafkaError('UNKNOWN_TOPIC_OR_PARTITION'),
    );
    await run(clock, producer.close());
  });

  it('keeps call order for sends that wait for metadata and sends that follow them', async () => {
    const { clock, cluster, producer } = setup({ 'linger.ms': 0 });
    cluster.createTopic('known', 1);
    await run(clock, producer.partitionsFor('known'));
    const sent = [
      producer.send({ topic: 'new', partition: 0, value: 'n1' }),
      producer.send({ topic: 'known', value: 'k1' }),
      producer.send({ topic: 'new', partition: 0, value: 'n2' }),
    ];
    await run(clock, Promise.all(sent));
    assert.deepEqual(await cluster.values('new', 0), ['n1', 'n2']);
    assert.deepEqual(await cluster.values('known', 0), ['k1']);
    await run(clock, producer.close());
  });

  it('flush() sends lingering batches at once and resolves when they are acknowledged', async () => {
    const { clock, cluster, producer } = setup({ 'linger.ms': 600_000 });
    cluster.createTopic('t', 1);
    const sent = producer.send([
      { topic: 't', value: 'a' },
      { topic: 't', value: 'b' },
    ]);
    let acked = 0;
    for (const s of sent) void s.then(() => acked++);
    await run(clock, producer.flush(), 1000);
    await clock.runFor(0);
    assert.equal(acked, 2);
    assert.deepEqual(await cluster.values('t', 0), ['a', 'b']);
    await run(clock, producer.close());
  });

  it('close() delivers what was sent, then refuses new sends', async () => {
    const { clock, cluster, producer } = setup({ 'linger.ms': 600_000 });
    cluster.createTopic('t', 1);
    const before = producer.send({ topic: 't', value: 'before' });
    await run(clock, producer.close(), 1000);
    assert.equal((await before).offset, 0);
    await assert.rejects(producer.send({ topic: 't', value: 'after' }), /closed/);
    assert.deepEqual(await cluster.values('t', 0), ['before']);
  });

  it('close({ timeoutMs: 0 }) fails unsent records with OPERATION_NOT_ATTEMPTED', async () => {
    const { clock, cluster, producer } = setup({ 'linger.ms': 600_000 });
    cluster.createTopic('t', 1);
    await run(clock, producer.partitionsFor('t'));
    const pending = producer.send({ topic: 't', value: 'never' });
    await run(clock, producer.close({ timeoutMs: 0 }));
    await assert.rejects(pending, isKafkaError('OPERATION_NOT_ATTEMPTED'));
    assert.equal(cluster.log('t', 0).logEndOffset, 0);
  });

  it('blocks send() while buffer.memory is used up, and fails it after max.block.ms', async () => {
    const { clock, cluster, producer } = setup({
      'linger.ms': 0,
      'batch.size': 1024,
      'buffer.memory': 2048,
      'max.block.ms': 500,
      'request.timeout.ms': 60_000,
      'delivery.timeout.ms': 120_000,
    });
    cluster.createTopic('t', 2, [0, 1]);
    await run(clock, producer.connect());
    cluster.faults = ({ apiKey }) => (apiKey === 0 ? { kind: 'timeout' } : { kind: 'none' });
    // Two batches (one per partition) take all memory while their requests hang.
    producer.send({ topic: 't', partition: 0, value: 'a' });
    producer.send({ topic: 't', partition: 1, value: 'b' });
    await clock.runFor(5);
    const blocked = producer.send({ topic: 't', partition: 0, value: 'c' });
    await assert.rejects(run(clock, blocked, 1000), isKafkaError('REQUEST_TIMED_OUT'));
    await run(clock, producer.close({ timeoutMs: 0 }));
  });

  it('keeps at most max.in.flight.requests.per.connection Produce requests unanswered per broker', async () => {
    const { clock, cluster, producer } = setup(
      { 'linger.ms': 0, 'max.in.flight.requests.per.connection': 2, 'enable.idempotence': false },
      {},
      { latencyMs: 50 },
    );
    cluster.createTopic('t', 8, [0, 0, 0, 0, 0, 0, 0, 0]);
    await run(clock, producer.partitionsFor('t'));
    let maxInFlight = 0;
    const sent: Promise<RecordMetadata>[] = [];
    for (let i = 0; i < 40; i++) {
      sent.push(producer.send({ topic: 't', partition: i % 8, value: `v${i}` }));
      await clock.runFor(1);
      maxInFlight = Math.max(maxInFlight, producer.stats().inFlightRequests);
    }
    await run(clock, Promise.all(sent));
    assert.equal(maxInFlight, 2);
    await run(clock, producer.close());
  });

  it('bumps the epoch and re-sequences after a sequence gap left by a failed batch (KIP-360)', async () => {
    const { clock, cluster, producer } = setup({ 'linger.ms': 0 }, {}, { latencyMs: 20 });
    cluster.createTopic('t', 1);
    assert.equal((await run(clock, producer.send({ topic: 't', value: 'r0' }))).offset, 0);
    let produces = 0;
    cluster.faults = ({ apiKey }): FaultAction =>
      apiKey === 0 && produces++ === 0
        ? { kind: 'error', errorCode: ErrorCode.INVALID_RECORD }
        : { kind: 'none' };
    const r1 = producer.send({ topic: 't', value: 'r1' });
    await clock.runFor(1); // r1's request is on its way; r2 goes in a second request behind it
    const r2 = producer.send({ topic: 't', value: 'r2' });
    await assert.rejects(run(clock, r1), isKafkaError('INVALID_RECORD'));
    assert.equal((await run(clock, r2)).offset, 1);
    assert.deepEqual(await cluster.values('t', 0), ['r0', 'r2']);
    assert.equal(producer.stats().epochBumps, 1);
    assert.equal(producer.stats().producerEpoch, 1);
    await run(clock, producer.close());
  });

  it('holds back a 6th batch of a partition while an older one is unresolved, so its retry is still recognised as a duplicate', async () => {
    const { clock, cluster, producer } = setup({ 'linger.ms': 0, 'request.timeout.ms': 500 });
    cluster.createTopic('t', 1, [0]);
    assert.equal((await run(clock, producer.send({ topic: 't', value: 'r0' }))).offset, 0);
    // B is written by broker 0, whose answer never comes; meanwhile leadership moves to broker 1 and
    // the producer learns it, so later batches are acknowledged there while B is unresolved.
    let hung = false;
    cluster.faults = ({ apiKey, nodeId }): FaultAction => {
      if (apiKey !== 0 || nodeId !== 0 || hung) return { kind: 'none' };
      hung = true;
      return { kind: 'timeout' };
    };
    const deliveries = [producer.send({ topic: 't', value: 'B' })];
    await clock.runFor(5);
    cluster.moveLeader('t', 0, 1);
    // (Broker 0's connection is hung, so the news comes as a KIP-951 leader hint, not a Metadata answer.)
    assert.ok(producer.metadata.updateLeader({ topic: 't', partition: 0 }, 1, 1));
    for (const value of ['C', 'D', 'E', 'F', 'G', 'H']) {
      deliveries.push(producer.send({ topic: 't', value }));
      await clock.runFor(5);
    }
    const metas = await run(clock, Promise.all(deliveries));
    assert.deepEqual(
      metas.map((m) => m.offset),
      [1, 2, 3, 4, 5, 6, 7],
    );
    assert.deepEqual(await cluster.values('t', 0), ['r0', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
    await run(clock, producer.close());
  });

  it('rejects conflicting configuration with INVALID_CONFIG naming the key', () => {
    const clock = new SimulatedClock();
    const cluster = new FakeCluster({ clock });
    assert.throws(
      () => new Producer(cluster, { clock, config: { 'enable.idempotence': true, acks: 1 } }),
      (e: unknown) => KafkaError.is(e, 'INVALID_CONFIG') && /enable.idempotence/.test(e.message),
    );
    assert.throws(
      () =>
        new Producer(cluster, { clock, config: { 'delivery.timeout.ms': 10, 'request.timeout.ms': 30000 } }),
      (e: unknown) => KafkaError.is(e, 'INVALID_CONFIG') && /delivery.timeout.ms/.test(e.message),
    );
    assert.throws(
      () => new Producer(cluster, { clock, config: { 'linger.ms': -1 } }),
      (e: unknown) => KafkaError.is(e, 'INVALID_CONFIG') && /linger.ms/.test(e.message),
    );
    const p = new Producer(cluster, { clock, config: { acks: 1 } });
    assert.equal(p.config.idempotence, false, 'default idempotence yields to acks=1');
  });
});
