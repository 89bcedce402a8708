import assert from 'node:assert/strict';
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import { Compression } from '../../../core/records/index.ts';
import { DeserializationError, stringSerde } from '../../../core/serdes/index.ts';
import {
  Consumer,
  NoOffsetForPartitionError,
  OffsetOutOfRangeError,
  type ConsumerConfig,
  type ConsumerRecord,
} from './index.ts';
import { drive } from './test-support/drive.ts';
import { FakeCluster } from './test-support/fake-cluster.ts';

type Config = ConsumerConfig<string, string>;

function newConsumer(cluster: FakeCluster, config: Config = {}): Consumer<string, string> {
  return new Consumer<string, string>(
    { 'key.deserializer': stringSerde(), 'value.deserializer': stringSerde(), ...config },
    { connectionFactory: cluster, clock: cluster.clock },
  );
}

/** Polls until `count` records arrived (or the simulated time budget runs out). */
async function pollRecords(
  cluster: FakeCluster,
  consumer: Consumer<string, string>,
  count: number,
  maxPolls = 200,
): Promise<ConsumerRecord<string, string>[]> {
  const out: ConsumerRecord<string, string>[] = [];
  for (let i = 0; i < maxPolls && out.length < count; i++) {
    out.push(...(await drive(cluster.clock, consumer.poll(1000))));
  }
  return out;
}

function valuesOf(records: readonly ConsumerRecord<string, string>[], partition?: number): string[] {
  return records.filter((r) => partition === undefined || r.partition === partition).map((r) => r.value!);
}

const tp0 = { topic: 't', partition: 0 };
const tp1 = { topic: 't', partition: 1 };

describe('Consumer (assign, fetch, positions)', () => {
  let cluster: FakeCluster;
  const open: Consumer<string, string>[] = [];
  function consumer(config: Config = {}): Consumer<string, string> {
    const c = newConsumer(cluster, config);
    open.push(c);
    return c;
  }

  beforeEach(() => {
    cluster = new FakeCluster({ brokers: 2 });
    cluster.createTopic('t', 2);
  });

  afterEach(async () => {
    for (const c of open.splice(0)) await drive(cluster.clock, c.close());
  });

  it('assign + seek + for await reads every record in order from the seek position', async () => {
    cluster.produceValues('t', 0, 45, 10);
    cluster.produceValues('t', 1, 30, 7);
    const c = consumer({ 'auto.offset.reset': 'earliest' });
    c.assign([tp0, tp1]);
    c.seek(tp0, 5);
    const seen: ConsumerRecord<string, string>[] = [];
    const loop = (async () => {
      for await (const batch of c) {
        seen.push(...batch);
        if (seen.length >= 40 + 30) break;
      }
    })();
    await drive(cluster.clock, loop);
    assert.deepEqual(
      valuesOf(seen, 0),
      Array.from({ length: 40 }, (_, i) => `t-0-${i + 5}`),
    );
    assert.deepEqual(
      valuesOf(seen, 1),
      Array.from({ length: 30 }, (_, i) => `t-1-${i}`),
    );
    assert.deepEqual(
      seen.filter((r) => r.partition === 0).map((r) => r.offset),
      Array.from({ length: 40 }, (_, i) => i + 5),
    );
    assert.equal(await drive(cluster.clock, c.position(tp0)), 45);
    assert.equal(await drive(cluster.clock, c.position(tp1)), 30);
  });

  it('poll returns at most max.poll.records and the next poll continues where it stopped', async () => {
    cluster.produceValues('t', 0, 30, 30);
    const c = consumer({ 'auto.offset.reset': 'earliest', 'max.poll.records': 7 });
    c.assign([tp0]);
    const sizes: number[] = [];
    const all: ConsumerRecord<string, string>[] = [];
    while (all.length < 30) {
      const batch = await drive(cluster.clock, c.poll(1000));
      if (batch.length === 0) continue;
      sizes.push(batch.length);
      all.push(...batch);
    }
    assert.deepEqual(sizes, [7, 7, 7, 7, 2]);
    assert.deepEqual(
      all.map((r) => r.offset),
      Array.from({ length: 30 }, (_, i) => i),
    );
  });

  it('does not long-poll a broker for caught-up partitions while records of its other partitions are buffered', async () => {
    cluster = new FakeCluster({ brokers: 1 });
    cluster.createTopic('t', 2);
    cluster.produceValues('t', 0, 2, 2);
    cluster.produceValues('t', 1, 60, 10);
    const maxWaitMs = 30_000;
    const c = consumer({
      'auto.offset.reset': 'earliest',
      'max.poll.records': 5,
      // One batch (10 records) of partition 1 per fetch: it needs six fetches after partition 0 is done.
      'max.partition.fetch.bytes': 1,
      'fetch.max.wait.ms': maxWaitMs,
    });
    c.assign([tp0, tp1]);
    const start = cluster.clock.now();
    const got = await pollRecords(cluster, c, 62);
    assert.deepEqual(
      valuesOf(got, 1),
      Array.from({ length: 60 }, (_, i) => `t-1-${i}`),
    );
    assert.equal(valuesOf(got, 0).length, 2);
    // A fetch of partition 0 alone would be held by the broker for fetch.max.wait.ms, and partition 1's
    // next fetch would wait behind it (one fetch per broker in flight).
    assert.ok(
      cluster.clock.now() - start < maxWaitMs,
      `took ${cluster.clock.now() - start} ms of simulated time`,
    );
  });

  it('records() hands out every record one at a time across polls; leaving the loop ends it, not the consumer', async () => {
    cluster.produceValues('t', 0, 25, 10);
    const c = consumer({ 'auto.offset.reset': 'earliest', 'max.poll.records': 7 });
    c.assign([tp0]);
    const iterator = c.records({ pollTimeoutMs: 100 });
    const offsets: number[] = [];
    const loop = (async () => {
      for await (const r of iterator) {
        offsets.push(r.offset);
        if (offsets.length === 20) break;
      }
    })();
    await drive(cluster.clock, loop);
    assert.deepEqual(
      offsets,
      Array.from({ length: 20 }, (_, i) => i),
    );
    assert.deepEqual(await drive(cluster.clock, iterator.next()), { value: undefined, done: true });
    // Polls hand out 7 at a time: the 21st record (offset 20) was polled, so the position is past it.
    assert.deepEqual(
      (await pollRecords(cluster, c, 4)).map((r) => r.offset),
      [21, 22, 23, 24],
    );
  });

  it('a loop of polls answered from buffered records still lets the event loop run (socket reads, timers)', async () => {
    cluster.produceValues('t', 0, 100, 100);
    const c = consumer({ 'auto.offset.reset': 'earliest', 'max.poll.records': 1 });
    c.assign([tp0]);
    assert.equal((await pollRecords(cluster, c, 1)).length, 1);
    let turned = false;
    setImmediate(() => {
      turned = true;
    });
    let polls = 0;
    while (!turned && polls < 50) {
      assert.equal((await c.poll(0)).length, 1, 'the records are buffered');
      polls++;
    }
    assert.ok(turned, `no event-loop turn in ${polls} polls`);
  });

  it('poll waits for records produced while it long-polls, and returns empty when none come in time', async () => {
    const c = consumer({ 'auto.offset.reset': 'latest' });
    c.assign([tp0]);
    assert.deepEqual(await drive(cluster.clock, c.poll(2000)), []);
    const pending = c.poll(10_000);
    await cluster.clock.runFor(100);
    cluster.produce('t', 0, [{ key: 'a', value: 'late' }]);
    const got = await drive(cluster.clock, pending);
    assert.deepEqual(valuesOf(got), ['late']);
  });

  it('auto.offset.reset=earliest starts at the log start, latest at the high watermark', async () => {
    cluster.produceValues('t', 0, 10);
    const early = consumer({ 'auto.offset.reset': 'earliest' });
    early.assign([tp0]);
    assert.equal((await pollRecords(cluster, early, 10))[0]!.offset, 0);

    const late = consumer({ 'auto.offset.reset': 'latest' });
    late.assign([tp0]);
    assert.equal(await drive(cluster.clock, late.position(tp0)), 10);
    cluster.produce('t', 0, [{ key: 'x', value: 'new' }]);
    const got = await pollRecords(cluster, late, 1);
    assert.deepEqual(
      got.map((r) => [r.offset, r.value]),
      [[10, 'new']],
    );
  });

  it('auto.offset.reset=none fails poll with NoOffsetForPartitionError when there is no committed offset', async () => {
    cluster.produceValues('t', 0, 3);
    const c = consumer({ 'auto.offset.reset': 'none' });
    c.assign([tp0]);
    await assert.rejects(drive(cluster.clock, c.poll(1000)), (e: unknown) => {
      assert.ok(e instanceof NoOffsetForPartitionError);
      assert.deepEqual(e.partitions, [tp0]);
      return true;
    });
    // A seek gives it a position: then it reads.
    c.seek(tp0, 1);
    assert.deepEqual(valuesOf(await pollRecords(cluster, c, 2)), ['t-0-1', 't-0-2']);
  });

  it('a position out of range is reset by auto.offset.reset, or fails poll with OffsetOutOfRangeError for none', async () => {
    cluster.produceValues('t', 0, 5);
    const reset = consumer({ 'auto.offset.reset': 'earliest' });
    reset.assign([tp0]);
    reset.seek(tp0, 1000);
    assert.deepEqual(valuesOf(await pollRecords(cluster, reset, 5)), [
      't-0-0',
      't-0-1',
      't-0-2',
      't-0-3',
      't-0-4',
    ]);

    const strict = consumer({ 'auto.offset.reset': 'none' });
    strict.assign([tp0]);
    strict.seek(tp0, 1000);
    let error: unknown;
    for (let i = 0; i < 10 && error === undefined; i++) {
      try {
        await drive(cluster.clock, strict.poll(500));
      } catch (e) {
        error = e;
      }
    }
    assert.ok(error instanceof OffsetOutOfRangeError, String(error));
  });

  it('pause stops fetching and returning a partition; resume continues where it stopped', async () => {
    cluster.produceValues('t', 0, 20);
    cluster.produceValues('t', 1, 20);
    const c = consumer({ 'auto.offset.reset': 'earliest', 'max.poll.records': 5 });
    c.assign([tp0, tp1]);
    c.pause([tp1]);
    assert.deepEqual(c.paused(), [tp1]);
    const first = await pollRecords(cluster, c, 20);
    assert.ok(first.every((r) => r.partition === 0));
    assert.equal(first.length, 20);
    // No Fetch since the pause asked for the paused partition.
    for (const r of cluster.requests.filter((q) => q.apiKey === 1)) {
      const body = r.body as { topics: { partitions: { partition: number }[] }[] };
      assert.ok(body.topics.every((t) => t.partitions.every((p) => p.partition !== 1)));
    }
    assert.deepEqual(await drive(cluster.clock, c.poll(1000)), []);
    c.resume([tp1]);
    assert.deepEqual(c.paused(), []);
    const resumed = await pollRecords(cluster, c, 20);
    assert.deepEqual(
      valuesOf(resumed, 1),
      Array.from({ length: 20 }, (_, i) => `t-1-${i}`),
    );
  });

  it('decompresses gzip, snappy, lz4 and zstd batches and skips records below the position in the first batch', async () => {
    const codecs = [Compression.gzip, Compression.snappy, Compression.lz4, Compression.zstd];
    let n = 0;
    for (const compression of codecs) {
      const records = Array.from({ length: 4 }, () => ({ key: `k${n}`, value: `v${n++}` }));
      await cluster.produceAsync('t', 0, records, { compression });
    }
    const c = consumer({ 'auto.offset.reset': 'earliest' });
    c.assign([tp0]);
    c.seek(tp0, 2); // inside the first (gzip) batch
    const got = await pollRecords(cluster, c, 14);
    assert.deepEqual(
      got.map((r) => r.offset),
      Array.from({ length: 14 }, (_, i) => i + 2),
    );
    assert.deepEqual(
      valuesOf(got),
      Array.from({ length: 14 }, (_, i) => `v${i + 2}`),
    );
  });

  it('follows a leader move (NOT_LEADER_OR_FOLLOWER / FENCED_LEADER_EPOCH) and reads on from the new leader', async () => {
    cluster.produceValues('t', 0, 10);
    const c = consumer({ 'auto.offset.reset': 'earliest' });
    c.assign([tp0]);
    assert.equal((await pollRecords(cluster, c, 10)).length, 10);
    assert.equal(cluster.partition('t', 0).leader, 0);
    cluster.moveLeader('t', 0, 1);
    cluster.produce('t', 0, [{ key: 'a', value: 'after-move' }]);
    const got = await pollRecords(cluster, c, 1);
    assert.deepEqual(valuesOf(got), ['after-move']);
    assert.ok(cluster.count(1, 1) > 0, 'fetched from broker 1');
  });

  it('decodes keys and values lazily: a bad value fails only where it is read', async () => {
    cluster.produce('t', 0, [
      { key: 'good', value: 'fine' },
      { key: 'bad', value: Buffer.from([0xff, 0xfe]) },
    ]);
    const c = consumer({ 'auto.offset.reset': 'earliest' });
    c.assign([tp0]);
    const got = await pollRecords(cluster, c, 2);
    assert.equal(got.length, 2);
    assert.equal(got[0]!.value, 'fine');
    assert.equal(got[1]!.key, 'bad');
    assert.deepEqual(got[1]!.rawValue, Buffer.from([0xff, 0xfe]));
    assert.throws(() => got[1]!.value, DeserializationError);
  });

  it('offsetsForTimes, beginningOffsets and endOffsets answer from ListOffsets', async () => {
    const t0 = cluster.clock.now();
    cluster.produce('t', 0, [{ value: 'a', timestamp: t0 }]);
    cluster.produce('t', 0, [{ value: 'b', timestamp: t0 + 1000 }]);
    cluster.produce('t', 0, [{ value: 'c', timestamp: t0 + 2000 }]);
    const c = consumer();
    cluster.produce('t', 1, [{ value: 'x', timestamp: t0 }]);
    const byTime = await drive(
      cluster.clock,
      c.offsetsForTimes([
        { ...tp0, timestamp: t0 + 500 },
        { ...tp1, timestamp: t0 + 5000 },
      ]),
    );
    assert.deepEqual(
      byTime.map((r) => [r.offset, r.timestamp]),
      [
        [1, t0 + 1000],
        [null, null],
      ],
    );
    assert.deepEqual(await drive(cluster.clock, c.beginningOffsets([tp0, tp1])), [
      { ...tp0, offset: 0 },
      { ...tp1, offset: 0 },
    ]);
    assert.deepEqual(await drive(cluster.clock, c.endOffsets([tp0, tp1])), [
      { ...tp0, offset: 3 },
      { ...tp1, offset: 1 },
    ]);
    await assert.rejects(
      () =>
        c.offsetsForTimes([
          { ...tp0, timestamp: 1 },
          { ...tp0, timestamp: 2 },
        ]),
      /twice/,
    );
  });

  it('seekToBeginning and seekToEnd take effect on the next poll', async () => {
    cluster.produceValues('t', 0, 6);
    const c = consumer({ 'auto.offset.reset': 'earliest' });
    c.assign([tp0]);
    assert.equal((await pollRecords(cluster, c, 6)).length, 6);
    c.seekToBeginning([tp0]);
    assert.deepEqual(
      valuesOf(await pollRecords(cluster, c, 6)),
      Array.from({ length: 6 }, (_, i) => `t-0-${i}`),
    );
    c.seekToEnd();
    assert.equal(await drive(cluster.clock, c.position(tp0)), 6);
  });

  it('close ends a waiting poll with no records and ends for-await iteration', async () => {
    const c = consumer({ 'auto.offset.reset': 'latest' });
    c.assign([tp0]);
    let batches = 0;
    const loop = (async () => {
      for await (const _batch of c) batches++;
    })();
    await cluster.clock.runFor(1500);
    await drive(cluster.clock, c.close());
    await drive(cluster.clock, loop);
    assert.equal(batches, 0);
    assert.ok(c.closed);
    await assert.rejects(() => c.poll(10), /closed/);
  });

  it('reports the lag between the position and the high watermark', async () => {
    cluster.produceValues('t', 0, 12, 12);
    const c = consumer({ 'auto.offset.reset': 'earliest', 'max.poll.records': 5 });
    c.assign([tp0]);
    assert.equal(c.currentLag(tp0), undefined);
    await pollRecords(cluster, c, 5);
    assert.equal(c.currentLag(tp0), 7);
  });

  it('rejects bad configuration with INVALID_CONFIG naming the key', () => {
    const bad: [Config, RegExp][] = [
      [{ 'session.timeout.ms': 1000, 'heartbeat.interval.ms': 3000 }, /heartbeat.interval.ms/],
      [{ 'auto.offset.reset': 'smallest' as 'earliest' }, /auto.offset.reset/],
      [{ 'max.poll.records': 0 }, /max.poll.records/],
      [{ 'enable.auto.commit': true }, /enable.auto.commit needs a group.id/],
      [{ 'partition.assignment.strategy': 'sticky' as 'range' }, /partition.assignment.strategy/],
      [{ 'fetch.min.byte': 1 } as Config, /unknown consumer config fetch.min.byte/],
    ];
    for (const [config, message] of bad) {
      assert.throws(
        () => newConsumer(cluster, config),
        (e: unknown) =>
          e instanceof KafkaError && e.code === ErrorCode.INVALID_CONFIG && message.test(e.message),
      );
    }
  });

  it('refuses subscribe and commit without a group.id, and poll without a subscription', async () => {
    const c = consumer();
    assert.throws(
      () => c.subscribe(['t']),
      (e: unknown) => KafkaError.is(e, 'INVALID_GROUP_ID'),
    );
    await assert.rejects(() => c.poll(0), /not subscribed/);
    c.assign([tp0]);
    await assert.rejects(
      () => c.commit(),
      (e: unknown) => KafkaError.is(e, 'INVALID_GROUP_ID'),
    );
  });
});

describe('Consumer (commits)', () => {
  let cluster: FakeCluster;
  beforeEach(() => {
    cluster = new FakeCluster();
    cluster.createTopic('t', 2);
    cluster.produceValues('t', 0, 20);
    cluster.produceValues('t', 1, 20);
  });

  it('commit() commits the positions; committed() reads them; a new consumer of the group starts there', async () => {
    const c = newConsumer(cluster, {
      'group.id': 'g',
      'auto.offset.reset': 'earliest',
      'enable.auto.commit': false,
    });
    c.assign([tp0]);
    const got = await pollRecords(cluster, c, 20);
    assert.equal(got.length, 20);
    assert.deepEqual(await drive(cluster.clock, c.committed([tp0, tp1])), [
      { ...tp0, offset: null, metadata: '', leaderEpoch: -1 },
      { ...tp1, offset: null, metadata: '', leaderEpoch: -1 },
    ]);
    await drive(cluster.clock, c.commit());
    const [committed] = await drive(cluster.clock, c.committed([tp0]));
    assert.equal(committed!.offset, 20);
    // Explicit offsets, with metadata.
    await drive(cluster.clock, c.commit([{ ...tp0, offset: 12, metadata: 'checkpoint' }]));
    const [explicit] = await drive(cluster.clock, c.committed([tp0]));
    assert.equal(explicit!.offset, 12);
    assert.equal(explicit!.metadata, 'checkpoint');
    await drive(cluster.clock, c.close());

    const next = newConsumer(cluster, {
      'group.id': 'g',
      'auto.offset.reset': 'none',
      'enable.auto.commit': false,
    });
    next.assign([tp0]);
    const rest = await pollRecords(cluster, next, 8);
    assert.equal(rest[0]!.offset, 12);
    assert.equal(rest.length, 8);
    await drive(cluster.clock, next.close());
  });

  it('auto-commit commits what earlier polls handed out, every auto.commit.interval.ms and on close', async () => {
    const c = newConsumer(cluster, {
      'group.id': 'auto',
      'auto.offset.reset': 'earliest',
      'auto.commit.interval.ms': 1000,
      'max.poll.records': 5,
    });
    c.assign([tp0]);
    await pollRecords(cluster, c, 5);
    await cluster.clock.runFor(1500);
    await drive(cluster.clock, c.poll(0)); // the poll after the interval commits offset 5
    await cluster.clock.runFor(10);
    const [afterInterval] = await drive(cluster.clock, c.committed([tp0]));
    assert.ok(
      afterInterval!.offset !== null && afterInterval!.offset >= 5,
      `committed ${afterInterval!.offset}`,
    );
    const more = await pollRecords(cluster, c, 5);
    const position = more.at(-1)!.offset + 1;
    await drive(cluster.clock, c.close());
    const check = newConsumer(cluster, { 'group.id': 'auto', 'enable.auto.commit': false });
    const [onClose] = await drive(cluster.clock, check.committed([tp0]));
    assert.equal(onClose!.offset, position);
    await drive(cluster.clock, check.close());
  });
});
