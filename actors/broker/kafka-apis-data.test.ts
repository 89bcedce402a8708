import { strict as assert } from 'node:assert';
import { ErrorCode } from '../../core/errors/index.ts';
import { settle } from '../../core/io/index.ts';
import type { RequestInputByKey } from '../../core/protocol/index.ts';
import { fetchRequestOf } from '../../core/protocol/test-support/fetch-messages.ts';
import {
  Compression,
  compress,
  computeBatchCrc,
  decodeRecords,
  encodeRecordBatch,
  readBatchHeader,
} from '../../core/records/index.ts';
import { KafkaApis } from './kafka-apis.ts';
import type { ReplicaManager } from './partition/index.ts';
import { ApiTestClient } from './testing/api-test-client.ts';
import { createSingleBroker, type SingleBroker, type SingleBrokerOptions } from './testing/single-broker.ts';

const t0 = 1_700_000_000_000;

/** A batch as librdkafka and kafkajs send it (partition leader epoch 0). */
function batch(
  values: string[],
  timestamp = t0,
  options: { producerId?: number; baseSequence?: number } = {},
): Buffer {
  return encodeRecordBatch(
    values.map((value, i) => ({ key: `k${i}`, value, timestamp: timestamp + i })),
    {
      partitionLeaderEpoch: 0,
      ...(options.producerId !== undefined
        ? { producerId: options.producerId, producerEpoch: 0, baseSequence: options.baseSequence ?? 0 }
        : {}),
    },
  );
}

function produceRequest(
  topic: string,
  partition: number,
  records: Buffer | null,
  acks = 1,
  timeoutMs = 1000,
): RequestInputByKey[0] {
  return {
    transactionalId: null,
    acks,
    timeoutMs,
    topicData: [{ name: topic, partitionData: [{ index: partition, records }] }],
  };
}

function listOffsetsRequest(
  topic: string,
  partitions: Array<{ partition: number; timestamp: number; currentLeaderEpoch?: number }>,
  replicaId = -1,
  isolationLevel = 0,
): RequestInputByKey[2] {
  return {
    replicaId,
    isolationLevel,
    topics: [
      {
        name: topic,
        partitions: partitions.map((p) => ({
          partitionIndex: p.partition,
          currentLeaderEpoch: p.currentLeaderEpoch ?? -1,
          timestamp: p.timestamp,
          maxNumOffsets: 1,
        })),
      },
    ],
  };
}

function recordValues(records: Buffer | null): string[] {
  if (records === null || records.length === 0) return [];
  const out: string[] = [];
  let pos = 0;
  while (pos < records.length) {
    const size = 12 + records.readInt32BE(pos + 8);
    for (const r of decodeRecords(records.subarray(pos, pos + size))) out.push(r.value!.toString());
    pos += size;
  }
  return out;
}

describe('KafkaApis data path', () => {
  let broker: SingleBroker;
  let apis: KafkaApis;
  let client: ApiTestClient;

  function start(options: SingleBrokerOptions = {}): void {
    broker?.shutdown();
    broker = createSingleBroker(options);
    apis = new KafkaApis(broker.services);
    client = new ApiTestClient(apis);
  }

  beforeEach(() => start());
  afterEach(() => broker.shutdown());

  const leo = (topic: string, partition = 0): number =>
    broker.replicaManager.getPartition({ topic, partition })!.logEndOffset;

  /** A topic whose only partition this broker leads with a follower (broker 2) that never fetches. */
  async function topicWithIdleFollower(name: string): Promise<void> {
    broker.registerBroker(2);
    await broker.createTopic(name, 1, {}, [[1, 2]]);
  }

  /** Broker 2 fetches from broker 1 at `offset`, as its replica fetcher would. */
  async function followerFetch(topic: string, offset: number): Promise<void> {
    await broker.replicaManager.handleFollowerFetch(
      {
        type: 'FETCH',
        replicaId: 2,
        replicaEpoch: -1,
        maxWaitMs: 0,
        partitions: [
          {
            topic,
            partition: 0,
            currentLeaderEpoch: 0,
            fetchOffset: offset,
            lastFetchedEpoch: -1,
            maxBytes: 1 << 20,
          },
        ],
      },
      2,
    );
  }

  describe('Produce and Fetch', () => {
    for (const [produceVersion, fetchVersion] of [
      [3, 4],
      [5, 7],
      [8, 11],
    ] as const) {
      it(`round-trips the produced bytes unchanged (Produce v${produceVersion}, Fetch v${fetchVersion})`, async () => {
        await broker.createTopic('t', 1);
        const first = batch(['a', 'b', 'c']);
        const second = batch(['d']);
        const original = [Buffer.from(first), Buffer.from(second)];
        const r1 = await client.call(0, produceVersion, produceRequest('t', 0, first));
        const r2 = await client.call(0, produceVersion, produceRequest('t', 0, second));
        const p1 = r1.responses[0]!.partitionResponses[0]!;
        assert.equal(p1.errorCode, ErrorCode.NONE);
        assert.equal(p1.baseOffset, 0);
        assert.equal(p1.logAppendTimeMs, -1);
        if (produceVersion >= 5) assert.equal(p1.logStartOffset, 0);
        assert.equal(r2.responses[0]!.partitionResponses[0]!.baseOffset, 3);

        const f = await client.call(
          1,
          fetchVersion,
          fetchRequestOf([{ topic: 't', partition: 0, offset: 0 }]),
        );
        const part = f.responses[0]!.partitions[0]!;
        assert.equal(part.errorCode, ErrorCode.NONE);
        assert.equal(part.highWatermark, 4);
        assert.equal(part.lastStableOffset, 4);
        if (fetchVersion >= 5) assert.equal(part.logStartOffset, 0);
        if (fetchVersion >= 7) assert.equal(f.sessionId, 0);
        const records = part.records!;
        assert.equal(records.length, original[0]!.length + original[1]!.length);
        // Only the base offset (0-7) and the partition leader epoch (12-15) are the broker's: the rest,
        // CRC included, are the producer's bytes.
        const back = [records.subarray(0, original[0]!.length), records.subarray(original[0]!.length)];
        for (let i = 0; i < 2; i++) {
          assert.deepEqual(back[i]!.subarray(8, 12), original[i]!.subarray(8, 12));
          assert.deepEqual(back[i]!.subarray(16), original[i]!.subarray(16));
        }
        assert.equal(readBatchHeader(back[1]!, 0).baseOffset, 3);
        assert.deepEqual(recordValues(records), ['a', 'b', 'c', 'd']);
      });
    }

    it('stamps LogAppendTime topics with the broker time and answers it', async () => {
      await broker.createTopic('stamped', 1, { 'message.timestamp.type': 'LogAppendTime' });
      const r = await client.call(0, 7, produceRequest('stamped', 0, batch(['x'])));
      assert.equal(r.responses[0]!.partitionResponses[0]!.logAppendTimeMs, broker.clock.now());
    });

    it('acks=0 sends no response and still appends', async () => {
      await broker.createTopic('t', 1);
      const r = await client.send(0, 3, produceRequest('t', 0, batch(['a']), 0));
      assert.equal(r, null);
      assert.equal(leo('t'), 1);
    });

    it('acks=all waits for the follower to replicate, then answers', async () => {
      await topicWithIdleFollower('r');
      let done = false;
      const pending = client.call(0, 7, produceRequest('r', 0, batch(['a', 'b']), -1, 30_000)).then((r) => {
        done = true;
        return r;
      });
      await settle();
      assert.equal(done, false);
      assert.equal(leo('r'), 2);
      await followerFetch('r', 2);
      const r = await pending;
      assert.equal(r.responses[0]!.partitionResponses[0]!.errorCode, ErrorCode.NONE);
      assert.equal(r.responses[0]!.partitionResponses[0]!.baseOffset, 0);
    });

    it('acks=all answers REQUEST_TIMED_OUT when replication does not happen within timeoutMs', async () => {
      await topicWithIdleFollower('r');
      const pending = client.call(0, 7, produceRequest('r', 0, batch(['a']), -1, 2000));
      await settle();
      broker.clock.advance(2000);
      const r = await pending;
      assert.equal(r.responses[0]!.partitionResponses[0]!.errorCode, ErrorCode.REQUEST_TIMED_OUT);
    });

    it('appends the partitions of one request together and answers each', async () => {
      await broker.createTopic('a', 2);
      await broker.createTopic('b', 1);
      const r = await client.call(0, 8, {
        transactionalId: null,
        acks: -1,
        timeoutMs: 1000,
        topicData: [
          {
            name: 'a',
            partitionData: [
              { index: 0, records: batch(['a0']) },
              { index: 1, records: batch(['a1', 'a1']) },
            ],
          },
          { name: 'b', partitionData: [{ index: 0, records: batch(['b0']) }] },
          { name: 'nope', partitionData: [{ index: 0, records: batch(['n']) }] },
        ],
      });
      assert.deepEqual(
        r.responses.map((t) => [t.name, t.partitionResponses.map((p) => [p.index, p.errorCode])]),
        [
          [
            'a',
            [
              [0, ErrorCode.NONE],
              [1, ErrorCode.NONE],
            ],
          ],
          ['b', [[0, ErrorCode.NONE]]],
          ['nope', [[0, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]]],
        ],
      );
      assert.deepEqual([leo('a', 0), leo('a', 1), leo('b')], [1, 2, 1]);
    });

    it('refuses acks outside -1, 0, 1 with INVALID_REQUIRED_ACKS and appends nothing', async () => {
      await broker.createTopic('t', 1);
      const r = await client.call(0, 3, produceRequest('t', 0, batch(['a']), 2));
      assert.equal(r.responses[0]!.partitionResponses[0]!.errorCode, ErrorCode.INVALID_REQUIRED_ACKS);
      assert.equal(leo('t'), 0);
    });

    it('answers CORRUPT_MESSAGE for a batch with a flipped byte and appends nothing', async () => {
      await broker.createTopic('t', 1);
      const corrupt = batch(['hello', 'world']);
      corrupt[corrupt.length - 3]! ^= 0xff;
      const r = await client.call(0, 8, produceRequest('t', 0, corrupt));
      const p = r.responses[0]!.partitionResponses[0]!;
      assert.equal(p.errorCode, ErrorCode.CORRUPT_MESSAGE);
      assert.equal(p.baseOffset, -1);
      assert.ok(p.errorMessage !== null);
      assert.equal(leo('t'), 0);
    });

    it('decompresses zstd batches to check them: a garbled body gets CORRUPT_MESSAGE, a good one is appended', async () => {
      await broker.createTopic('t', 1);
      const plain = batch(['hello', 'world']);
      /** The batch with its records replaced by `body` and marked zstd, with a CRC a producer would compute. */
      const zstdOf = (body: Buffer): Buffer => {
        const b = Buffer.concat([plain.subarray(0, 61), body]);
        b.writeInt32BE(b.length - 12, 8);
        b.writeInt16BE(Compression.zstd, 21);
        b.writeUInt32BE(computeBatchCrc(b), 17);
        return b;
      };
      const frame = await compress(Compression.zstd, plain.subarray(61));
      const garbled = Buffer.from(frame);
      garbled.fill(0x5a, 8);
      for (const body of [garbled, Buffer.from('not zstd at all'), frame.subarray(0, frame.length - 4)]) {
        const r = await client.call(0, 8, produceRequest('t', 0, zstdOf(body)));
        const p = r.responses[0]!.partitionResponses[0]!;
        assert.equal(p.errorCode, ErrorCode.CORRUPT_MESSAGE);
        assert.equal(p.baseOffset, -1);
        assert.equal(leo('t'), 0);
      }
      const ok = await client.call(0, 8, produceRequest('t', 0, zstdOf(frame)));
      assert.equal(ok.responses[0]!.partitionResponses[0]!.errorCode, ErrorCode.NONE);
      assert.equal(leo('t'), 2);
    });

    it('answers INVALID_RECORD for two batches in one partition (v3+), a truncated batch and no records', async () => {
      await broker.createTopic('t', 1);
      const two = Buffer.concat([batch(['a']), batch(['b'])]);
      const r = await client.call(0, 3, produceRequest('t', 0, two));
      assert.equal(r.responses[0]!.partitionResponses[0]!.errorCode, ErrorCode.INVALID_RECORD);
      const truncated = await client.call(0, 3, produceRequest('t', 0, batch(['abc']).subarray(0, 40)));
      assert.equal(truncated.responses[0]!.partitionResponses[0]!.errorCode, ErrorCode.INVALID_RECORD);
      const empty = await client.call(0, 3, produceRequest('t', 0, null));
      assert.equal(empty.responses[0]!.partitionResponses[0]!.errorCode, ErrorCode.INVALID_RECORD);
      assert.equal(leo('t'), 0);
    });

    it('answers MESSAGE_TOO_LARGE for a batch above max.message.bytes (from message.max.bytes)', async () => {
      start({ config: { 'message.max.bytes': 200 } });
      await broker.createTopic('t', 1);
      const big = batch(['x'.repeat(300)]);
      const r = await client.call(0, 3, produceRequest('t', 0, big));
      assert.equal(r.responses[0]!.partitionResponses[0]!.errorCode, ErrorCode.MESSAGE_TOO_LARGE);
      assert.equal(leo('t'), 0);
      const ok = await client.call(0, 3, produceRequest('t', 0, batch(['small'])));
      assert.equal(ok.responses[0]!.partitionResponses[0]!.errorCode, ErrorCode.NONE);
    });

    it('answers UNKNOWN_TOPIC_OR_PARTITION for a missing topic or partition', async () => {
      await broker.createTopic('t', 1);
      const missing = await client.call(0, 3, produceRequest('nope', 0, batch(['a'])));
      assert.equal(
        missing.responses[0]!.partitionResponses[0]!.errorCode,
        ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
      );
      const beyond = await client.call(0, 3, produceRequest('t', 5, batch(['a'])));
      assert.equal(
        beyond.responses[0]!.partitionResponses[0]!.errorCode,
        ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
      );
      const f = await client.call(1, 4, fetchRequestOf([{ topic: 'nope', partition: 0, offset: 0 }]));
      assert.equal(f.responses[0]!.partitions[0]!.errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      assert.equal(f.responses[0]!.partitions[0]!.highWatermark, -1);
    });

    it('answers NOT_LEADER_OR_FOLLOWER for a partition another broker leads', async () => {
      broker.registerBroker(2);
      await broker.createTopic('elsewhere', 1, {}, [[2]]);
      const p = await client.call(0, 5, produceRequest('elsewhere', 0, batch(['a'])));
      assert.equal(p.responses[0]!.partitionResponses[0]!.errorCode, ErrorCode.NOT_LEADER_OR_FOLLOWER);
      const f = await client.call(
        1,
        11,
        fetchRequestOf([{ topic: 'elsewhere', partition: 0, offset: 0 }], { maxWaitMs: 500 }),
      );
      assert.equal(f.responses[0]!.partitions[0]!.errorCode, ErrorCode.NOT_LEADER_OR_FOLLOWER);
      const l = await client.call(2, 1, listOffsetsRequest('elsewhere', [{ partition: 0, timestamp: -1 }]));
      assert.equal(l.topics[0]!.partitions[0]!.errorCode, ErrorCode.NOT_LEADER_OR_FOLLOWER);
    });

    it('refuses client produce to __consumer_offsets with INVALID_TOPIC_EXCEPTION, except from __admin_client', async () => {
      await broker.createTopic('__consumer_offsets', 1, { 'cleanup.policy': 'compact' });
      const r = await client.call(0, 3, produceRequest('__consumer_offsets', 0, batch(['a'])));
      assert.equal(r.responses[0]!.partitionResponses[0]!.errorCode, ErrorCode.INVALID_TOPIC_EXCEPTION);
      const admin = await client.call(
        0,
        3,
        produceRequest('__consumer_offsets', 0, batch(['a'])),
        '__admin_client',
      );
      assert.equal(admin.responses[0]!.partitionResponses[0]!.errorCode, ErrorCode.NONE);
    });

    it('answers an unexpected append failure with UNKNOWN_SERVER_ERROR for that partition only', async () => {
      await broker.createTopic('t', 2);
      const reported: unknown[] = [];
      const real = broker.replicaManager;
      const flaky = Object.create(real) as ReplicaManager;
      flaky.appendToLeader = (tp, batches, acks, timeoutMs) => {
        if (tp.partition === 1) throw new RangeError('disk gremlin');
        return real.appendToLeader(tp, batches, acks, timeoutMs);
      };
      const failing = new KafkaApis(
        { ...broker.services, replicaManager: flaky },
        { onError: (e) => reported.push(e) },
      );
      const c = new ApiTestClient(failing);
      const r = await c.call(0, 8, {
        transactionalId: null,
        acks: 1,
        timeoutMs: 1000,
        topicData: [
          {
            name: 't',
            partitionData: [
              { index: 0, records: batch(['ok']) },
              { index: 1, records: batch(['bad']) },
            ],
          },
        ],
      });
      assert.deepEqual(
        r.responses[0]!.partitionResponses.map((p) => p.errorCode),
        [ErrorCode.NONE, ErrorCode.UNKNOWN_SERVER_ERROR],
      );
      assert.equal(reported.length, 1);
    });
  });

  describe('Fetch', () => {
    it('long-polls until data arrives (on the Clock), then answers with it', async () => {
      await broker.createTopic('t', 1);
      let done = false;
      const pending = client
        .call(
          1,
          11,
          fetchRequestOf([{ topic: 't', partition: 0, offset: 0 }], { maxWaitMs: 10_000, minBytes: 1 }),
        )
        .then((r) => {
          done = true;
          return r;
        });
      await settle();
      assert.equal(done, false);
      await client.call(0, 8, produceRequest('t', 0, batch(['late'])));
      const r = await pending;
      assert.deepEqual(recordValues(r.responses[0]!.partitions[0]!.records), ['late']);
      assert.equal(r.responses[0]!.partitions[0]!.highWatermark, 1);
    });

    it('answers an empty fetch after maxWaitMs when no data arrives', async () => {
      await broker.createTopic('t', 1);
      const before = broker.clock.now();
      const pending = client.call(
        1,
        4,
        fetchRequestOf([{ topic: 't', partition: 0, offset: 0 }], { maxWaitMs: 500 }),
      );
      await settle();
      broker.clock.advance(499);
      await settle();
      broker.clock.advance(1);
      const r = await pending;
      assert.equal(broker.clock.now() - before, 500);
      assert.equal(r.responses[0]!.partitions[0]!.errorCode, ErrorCode.NONE);
      assert.equal(r.responses[0]!.partitions[0]!.records!.length, 0);
    });

    it('waits for minBytes across wake-ups and answers what it has at the deadline', async () => {
      await broker.createTopic('t', 1);
      let done = false;
      const pending = client
        .call(
          1,
          11,
          fetchRequestOf([{ topic: 't', partition: 0, offset: 0 }], { maxWaitMs: 1000, minBytes: 100_000 }),
        )
        .then((r) => {
          done = true;
          return r;
        });
      await settle();
      await client.call(0, 8, produceRequest('t', 0, batch(['one'])));
      await settle();
      assert.equal(done, false);
      broker.clock.advance(1000);
      const r = await pending;
      assert.deepEqual(recordValues(r.responses[0]!.partitions[0]!.records), ['one']);
    });

    it('serves only what is below the high watermark', async () => {
      await topicWithIdleFollower('r');
      await client.call(0, 8, produceRequest('r', 0, batch(['unreplicated'])));
      const r = await client.call(1, 11, fetchRequestOf([{ topic: 'r', partition: 0, offset: 0 }]));
      const p = r.responses[0]!.partitions[0]!;
      assert.equal(p.errorCode, ErrorCode.NONE);
      assert.equal(p.highWatermark, 0);
      assert.equal(p.records!.length, 0);
      await followerFetch('r', 1);
      const after = await client.call(1, 11, fetchRequestOf([{ topic: 'r', partition: 0, offset: 0 }]));
      assert.deepEqual(recordValues(after.responses[0]!.partitions[0]!.records), ['unreplicated']);
    });

    it('answers OFFSET_OUT_OF_RANGE outside [log start, log end]', async () => {
      await broker.createTopic('t', 1);
      await client.call(0, 8, produceRequest('t', 0, batch(['a'])));
      const r = await client.call(
        1,
        11,
        fetchRequestOf([{ topic: 't', partition: 0, offset: 5 }], { maxWaitMs: 1000 }),
      );
      assert.equal(r.responses[0]!.partitions[0]!.errorCode, ErrorCode.OFFSET_OUT_OF_RANGE);
      const atEnd = await client.call(1, 11, fetchRequestOf([{ topic: 't', partition: 0, offset: 1 }]));
      assert.equal(atEnd.responses[0]!.partitions[0]!.errorCode, ErrorCode.NONE);
    });

    it('checks the current leader epoch from v9: FENCED_LEADER_EPOCH below, UNKNOWN_LEADER_EPOCH above', async () => {
      await broker.createTopic('t', 1);
      const info = broker.image.partition('t', 0)!;
      broker.replicaManager.applyLeaderAndIsr([
        {
          topic: 't',
          partition: 0,
          leader: 1,
          leaderEpoch: 3,
          partitionEpoch: 1,
          isr: info.isr,
          replicas: info.replicas,
        },
      ]);
      const codes = async (version: number, epoch: number): Promise<number> =>
        (
          await client.call(
            1,
            version,
            fetchRequestOf([{ topic: 't', partition: 0, offset: 0, currentLeaderEpoch: epoch }]),
          )
        ).responses[0]!.partitions[0]!.errorCode;
      assert.equal(await codes(9, 2), ErrorCode.FENCED_LEADER_EPOCH);
      assert.equal(await codes(9, 4), ErrorCode.UNKNOWN_LEADER_EPOCH);
      assert.equal(await codes(9, 3), ErrorCode.NONE);
      assert.equal(await codes(9, -1), ErrorCode.NONE);
      // Before v9 the field does not exist: no check.
      assert.equal(await codes(8, 2), ErrorCode.NONE);
    });

    it('keeps no fetch sessions: full fetches get session id 0, incremental ones FETCH_SESSION_ID_NOT_FOUND', async () => {
      await broker.createTopic('t', 1);
      const full = await client.call(
        1,
        7,
        fetchRequestOf([{ topic: 't', partition: 0, offset: 0 }], { sessionEpoch: 0 }),
      );
      assert.equal(full.errorCode, ErrorCode.NONE);
      assert.equal(full.sessionId, 0);
      assert.equal(full.responses.length, 1);
      const incremental = await client.call(
        1,
        7,
        fetchRequestOf([{ topic: 't', partition: 0, offset: 0 }], { sessionEpoch: 1 }),
      );
      assert.equal(incremental.errorCode, ErrorCode.FETCH_SESSION_ID_NOT_FOUND);
      assert.deepEqual(incremental.responses, []);
    });

    it('returns the first batch whole beyond the byte limits, then nothing that does not fit (KIP-74)', async () => {
      await broker.createTopic('t', 2);
      await client.call(0, 8, produceRequest('t', 0, batch(['first-partition-batch'])));
      await client.call(0, 8, produceRequest('t', 0, batch(['second-batch'])));
      await client.call(0, 8, produceRequest('t', 1, batch(['other-partition'])));
      const r = await client.call(
        1,
        11,
        fetchRequestOf(
          [
            { topic: 't', partition: 0, offset: 0, partitionMaxBytes: 10 },
            { topic: 't', partition: 1, offset: 0 },
          ],
          { maxBytes: 20 },
        ),
      );
      const [p0, p1] = r.responses[0]!.partitions;
      assert.deepEqual(recordValues(p0!.records), ['first-partition-batch']);
      assert.equal(p1!.errorCode, ErrorCode.NONE);
      assert.equal(p1!.records!.length, 0);
      assert.equal(p1!.highWatermark, 1);
    });

    it('leaves out a later partition batch that only partly fits what is left of maxBytes', async () => {
      await broker.createTopic('t', 2);
      const first = batch(['a']);
      await client.call(0, 8, produceRequest('t', 0, first));
      await client.call(0, 8, produceRequest('t', 1, batch(['a much longer value than the first'])));
      const targets = [
        { topic: 't', partition: 0, offset: 0 },
        { topic: 't', partition: 1, offset: 0 },
      ];
      const tight = await client.call(1, 11, fetchRequestOf(targets, { maxBytes: first.length + 10 }));
      assert.deepEqual(
        tight.responses[0]!.partitions.map((p) => recordValues(p.records)),
        [['a'], []],
      );
      const roomy = await client.call(1, 11, fetchRequestOf(targets, { maxBytes: 10_000 }));
      assert.deepEqual(
        roomy.responses[0]!.partitions.map((p) => recordValues(p.records)),
        [['a'], ['a much longer value than the first']],
      );
    });

    it('bounds the response by fetch.max.bytes as well as the request maxBytes', async () => {
      start({ config: { 'fetch.max.bytes': 1 } });
      await broker.createTopic('t', 2);
      await client.call(0, 8, produceRequest('t', 0, batch(['a'])));
      await client.call(0, 8, produceRequest('t', 1, batch(['b'])));
      const r = await client.call(
        1,
        11,
        fetchRequestOf([
          { topic: 't', partition: 0, offset: 0 },
          { topic: 't', partition: 1, offset: 0 },
        ]),
      );
      assert.deepEqual(
        r.responses[0]!.partitions.map((p) => recordValues(p.records)),
        [['a'], []],
      );
    });

    it('fills lastStableOffset and answers aborted transactions as an empty list for read_committed', async () => {
      await broker.createTopic('t', 1);
      await client.call(0, 8, produceRequest('t', 0, batch(['a', 'b'])));
      const committed = await client.call(
        1,
        11,
        fetchRequestOf([{ topic: 't', partition: 0, offset: 0 }], { isolationLevel: 1 }),
      );
      const p = committed.responses[0]!.partitions[0]!;
      assert.equal(p.lastStableOffset, 2);
      assert.deepEqual(p.abortedTransactions, []);
      const uncommitted = await client.call(1, 11, fetchRequestOf([{ topic: 't', partition: 0, offset: 0 }]));
      assert.equal(uncommitted.responses[0]!.partitions[0]!.abortedTransactions, null);
    });

    it('does not serve fetches from replicas over the Kafka protocol', async () => {
      await broker.createTopic('t', 1);
      const r = await client.call(
        1,
        11,
        fetchRequestOf([{ topic: 't', partition: 0, offset: 0 }], { replicaId: 2 }),
      );
      assert.equal(r.responses[0]!.partitions[0]!.errorCode, ErrorCode.NOT_LEADER_OR_FOLLOWER);
    });
  });

  describe('ListOffsets', () => {
    beforeEach(async () => {
      await broker.createTopic('t', 1);
      await client.call(0, 8, produceRequest('t', 0, batch(['a'], t0)));
      await client.call(0, 8, produceRequest('t', 0, batch(['b', 'c'], t0 + 100)));
    });

    it('answers earliest (-2), latest (-1) and the first offset at or after a timestamp', async () => {
      const r = await client.call(
        2,
        4,
        listOffsetsRequest('t', [
          { partition: 0, timestamp: -2 },
          { partition: 0, timestamp: -1 },
        ]),
      );
      // A partition named twice is refused (v1+).
      assert.deepEqual(
        r.topics[0]!.partitions.map((p) => p.errorCode),
        [ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_REQUEST],
      );
      const ask = async (timestamp: number, version = 4): Promise<[number, number, number, number]> => {
        const p = (await client.call(2, version, listOffsetsRequest('t', [{ partition: 0, timestamp }])))
          .topics[0]!.partitions[0]!;
        return [p.errorCode, p.offset, p.timestamp, p.leaderEpoch];
      };
      assert.deepEqual(await ask(-2), [ErrorCode.NONE, 0, -1, 0]);
      assert.deepEqual(await ask(-1), [ErrorCode.NONE, 3, -1, 0]);
      assert.deepEqual(await ask(t0 + 50), [ErrorCode.NONE, 1, t0 + 100, 0]);
      assert.deepEqual(await ask(t0 + 101), [ErrorCode.NONE, 2, t0 + 101, 0]);
      assert.deepEqual(await ask(t0 + 1000), [ErrorCode.NONE, -1, -1, -1]);
      const v1 = await ask(-1, 1);
      assert.deepEqual(v1.slice(0, 3), [ErrorCode.NONE, 3, -1]);
    });

    it('answers v0 with old-style offsets', async () => {
      const r = await client.call(2, 0, listOffsetsRequest('t', [{ partition: 0, timestamp: -1 }]));
      assert.deepEqual(r.topics[0]!.partitions[0]!.oldStyleOffsets, [3]);
    });

    it('answers the high watermark to consumers and the log end to a debugging client', async () => {
      await topicWithIdleFollower('r');
      await client.call(0, 8, produceRequest('r', 0, batch(['x', 'y'])));
      const consumer = await client.call(2, 2, listOffsetsRequest('r', [{ partition: 0, timestamp: -1 }]));
      assert.equal(consumer.topics[0]!.partitions[0]!.offset, 0);
      const debugging = await client.call(
        2,
        2,
        listOffsetsRequest('r', [{ partition: 0, timestamp: -1 }], -2),
      );
      assert.equal(debugging.topics[0]!.partitions[0]!.offset, 2);
    });

    it('answers unknown topics and fenced epochs with errors', async () => {
      const unknown = await client.call(2, 1, listOffsetsRequest('nope', [{ partition: 0, timestamp: -1 }]));
      assert.equal(unknown.topics[0]!.partitions[0]!.errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      const ahead = await client.call(
        2,
        4,
        listOffsetsRequest('t', [{ partition: 0, timestamp: -1, currentLeaderEpoch: 5 }]),
      );
      assert.equal(ahead.topics[0]!.partitions[0]!.errorCode, ErrorCode.UNKNOWN_LEADER_EPOCH);
    });
  });

  describe('OffsetForLeaderEpoch, DeleteRecords, InitProducerId', () => {
    it('answers where a leader epoch ends', async () => {
      await broker.createTopic('t', 1);
      await client.call(0, 8, produceRequest('t', 0, batch(['a', 'b'])));
      const r = await client.call(23, 3, {
        replicaId: -1,
        topics: [
          {
            topic: 't',
            partitions: [
              { partition: 0, currentLeaderEpoch: 0, leaderEpoch: 0 },
              { partition: 1, currentLeaderEpoch: -1, leaderEpoch: 0 },
            ],
          },
          { topic: 'nope', partitions: [{ partition: 0, currentLeaderEpoch: -1, leaderEpoch: 0 }] },
        ],
      });
      assert.deepEqual(
        r.topics.flatMap((t) => t.partitions.map((p) => [p.errorCode, p.leaderEpoch, p.endOffset])),
        [
          [ErrorCode.NONE, 0, 2],
          [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1, -1],
          [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1, -1],
        ],
      );
      const fenced = await client.call(23, 2, {
        replicaId: -1,
        topics: [{ topic: 't', partitions: [{ partition: 0, currentLeaderEpoch: 7, leaderEpoch: 0 }] }],
      });
      assert.equal(fenced.topics[0]!.partitions[0]!.errorCode, ErrorCode.UNKNOWN_LEADER_EPOCH);
    });

    it('deletes records below an offset: the log start moves and older fetches are out of range', async () => {
      await broker.createTopic('t', 1);
      await broker.createTopic('compacted', 1, { 'cleanup.policy': 'compact' });
      for (const v of ['a', 'b', 'c']) await client.call(0, 8, produceRequest('t', 0, batch([v])));
      const r = await client.call(21, 1, {
        topics: [
          {
            name: 't',
            partitions: [
              { partitionIndex: 0, offset: 2 },
              { partitionIndex: 3, offset: 0 },
            ],
          },
          { name: 'compacted', partitions: [{ partitionIndex: 0, offset: 0 }] },
        ],
        timeoutMs: 1000,
      });
      assert.deepEqual(
        r.topics.flatMap((t) => t.partitions.map((p) => [p.errorCode, p.lowWatermark])),
        [
          [ErrorCode.NONE, 2],
          [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1],
          [ErrorCode.POLICY_VIOLATION, -1],
        ],
      );
      const earliest = await client.call(2, 1, listOffsetsRequest('t', [{ partition: 0, timestamp: -2 }]));
      assert.equal(earliest.topics[0]!.partitions[0]!.offset, 2);
      const f = await client.call(1, 11, fetchRequestOf([{ topic: 't', partition: 0, offset: 0 }]));
      assert.equal(f.responses[0]!.partitions[0]!.errorCode, ErrorCode.OFFSET_OUT_OF_RANGE);
      const toHw = await client.call(21, 0, {
        topics: [{ name: 't', partitions: [{ partitionIndex: 0, offset: -1 }] }],
        timeoutMs: 1000,
      });
      assert.equal(toHw.topics[0]!.partitions[0]!.lowWatermark, 3);
      const beyond = await client.call(21, 0, {
        topics: [{ name: 't', partitions: [{ partitionIndex: 0, offset: 9 }] }],
        timeoutMs: 1000,
      });
      assert.equal(beyond.topics[0]!.partitions[0]!.errorCode, ErrorCode.OFFSET_OUT_OF_RANGE);
    });

    it('hands out distinct producer ids from controller blocks, and refuses transactional ids', async () => {
      const body = { transactionalId: null, transactionTimeoutMs: 60_000, producerId: -1, producerEpoch: -1 };
      const ids = await Promise.all([
        client.call(22, 0, body),
        client.call(22, 1, body),
        client.call(22, 1, body),
      ]);
      assert.deepEqual(
        ids.map((r) => [r.errorCode, r.producerId, r.producerEpoch]),
        [
          [ErrorCode.NONE, 0, 0],
          [ErrorCode.NONE, 1, 0],
          [ErrorCode.NONE, 2, 0],
        ],
      );
      assert.equal(broker.controller.operations, 1);
      const txn = await client.call(22, 1, { ...body, transactionalId: 'tx-1' });
      assert.equal(txn.errorCode, ErrorCode.UNSUPPORTED_VERSION);
      const empty = await client.call(22, 1, { ...body, transactionalId: '' });
      assert.equal(empty.errorCode, ErrorCode.INVALID_REQUEST);
    });

    it('an idempotent producer retrying a batch gets the original offset back', async () => {
      await broker.createTopic('t', 1);
      const { producerId } = await client.call(22, 1, {
        transactionalId: null,
        transactionTimeoutMs: 60_000,
        producerId: -1,
        producerEpoch: -1,
      });
      const first = batch(['once'], t0, { producerId, baseSequence: 0 });
      const retry = Buffer.from(first);
      const r1 = await client.call(0, 8, produceRequest('t', 0, first, -1));
      const r2 = await client.call(0, 8, produceRequest('t', 0, retry, -1));
      assert.equal(r1.responses[0]!.partitionResponses[0]!.baseOffset, 0);
      assert.equal(r2.responses[0]!.partitionResponses[0]!.errorCode, ErrorCode.NONE);
      assert.equal(r2.responses[0]!.partitionResponses[0]!.baseOffset, 0);
      assert.equal(leo('t'), 1);
    });
  });
});
