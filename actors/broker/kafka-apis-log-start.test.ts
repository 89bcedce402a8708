// The log start offset after DeleteRecords, as Fetch v5+ (and Produce v5+) report it to clients.
import { strict as assert } from 'node:assert';
import { ErrorCode } from '../../core/errors/index.ts';
import type { RequestInputByKey } from '../../core/protocol/index.ts';
import { fetchRequestOf } from '../../core/protocol/test-support/fetch-messages.ts';
import { decodeRecords, encodeRecordBatch } from '../../core/records/index.ts';
import { KafkaApis } from './kafka-apis.ts';
import { ApiTestClient } from './testing/api-test-client.ts';
import { createSingleBroker, type SingleBroker } from './testing/single-broker.ts';

const topic = 't';

function produceRequest(values: string[]): RequestInputByKey[0] {
  const records = encodeRecordBatch(
    values.map((value) => ({ key: null, value, timestamp: 1_700_000_000_000 })),
    { partitionLeaderEpoch: 0 },
  );
  return {
    transactionalId: null,
    acks: 1,
    timeoutMs: 1000,
    topicData: [{ name: topic, partitionData: [{ index: 0, records }] }],
  };
}

function fetchRequest(offset: number): RequestInputByKey[1] {
  return fetchRequestOf([{ topic, partition: 0, offset, partitionMaxBytes: 1 << 20 }], { maxBytes: 1 << 20 });
}

function offsetsOf(records: Buffer | null): number[] {
  if (records === null) return [];
  const out: number[] = [];
  let pos = 0;
  while (pos < records.length) {
    const size = 12 + records.readInt32BE(pos + 8);
    for (const r of decodeRecords(records.subarray(pos, pos + size))) out.push(r.offset);
    pos += size;
  }
  return out;
}

describe('KafkaApis log start offset after DeleteRecords', () => {
  let broker: SingleBroker;
  let client: ApiTestClient;

  beforeEach(async () => {
    broker = createSingleBroker();
    client = new ApiTestClient(new KafkaApis(broker.services));
    await broker.createTopic(topic, 1);
    for (const v of ['a', 'b', 'c', 'd', 'e']) await client.call(0, 8, produceRequest([v]));
  });
  afterEach(() => broker.shutdown());

  async function deleteBefore(offset: number): Promise<void> {
    const r = await client.call(21, 1, {
      topics: [{ name: topic, partitions: [{ partitionIndex: 0, offset }] }],
      timeoutMs: 1000,
    });
    assert.equal(r.topics[0]!.partitions[0]!.errorCode, ErrorCode.NONE);
    assert.equal(r.topics[0]!.partitions[0]!.lowWatermark, offset);
  }

  for (const version of [5, 7, 11]) {
    it(`reports the moved log start offset in Fetch v${version} and serves the records from it`, async () => {
      const before = await client.call(1, version, fetchRequest(0));
      assert.equal(before.responses[0]!.partitions[0]!.logStartOffset, 0);
      await deleteBefore(3);
      const f = await client.call(1, version, fetchRequest(3));
      const part = f.responses[0]!.partitions[0]!;
      assert.equal(part.errorCode, ErrorCode.NONE);
      assert.equal(part.logStartOffset, 3);
      assert.equal(part.highWatermark, 5);
      assert.deepEqual(offsetsOf(part.records), [3, 4]);
    });
  }

  // Kafka's ReplicaManager answers a read error with unknown (-1) offsets; clients then ListOffsets.
  it('answers a Fetch v11 below the moved log start with OFFSET_OUT_OF_RANGE and unknown offsets, as Kafka does', async () => {
    await deleteBefore(2);
    const f = await client.call(1, 11, fetchRequest(1));
    const part = f.responses[0]!.partitions[0]!;
    assert.equal(part.errorCode, ErrorCode.OFFSET_OUT_OF_RANGE);
    assert.equal(part.logStartOffset, -1);
    assert.equal(part.highWatermark, -1);
  });

  it('reports the moved log start offset in Produce v8 responses', async () => {
    await deleteBefore(4);
    const r = await client.call(0, 8, produceRequest(['f']));
    const p = r.responses[0]!.partitionResponses[0]!;
    assert.equal(p.errorCode, ErrorCode.NONE);
    assert.equal(p.baseOffset, 5);
    assert.equal(p.logStartOffset, 4);
  });
});
