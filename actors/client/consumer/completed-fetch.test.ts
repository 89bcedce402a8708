import assert from 'node:assert/strict';
import { encodeEndTxnMarker, encodeRecordBatch } from '../../../core/records/index.ts';
import { stringSerde } from '../../../core/serdes/index.ts';
import { CompletedFetch } from './completed-fetch.ts';
import { PartitionState } from './subscription-state.ts';

const t0 = 1_700_000_000_000;

/** A batch of string records at `baseOffset`, one per value. */
function batch(baseOffset: number, values: string[], producerId = -1): Buffer {
  return encodeRecordBatch(
    values.map((value) => ({ key: value, value, timestamp: t0 })),
    producerId >= 0
      ? { baseOffset, producerId, producerEpoch: 0, baseSequence: 0, transactional: true }
      : { baseOffset },
  );
}

function marker(baseOffset: number, producerId: number, commit: boolean): Buffer {
  return encodeEndTxnMarker({
    commit,
    producerId,
    producerEpoch: 0,
    coordinatorEpoch: 0,
    timestamp: t0,
    baseOffset,
  });
}

/**
 * offsets 0-1 plain; 2-3 producer 7 (aborted at 4); 5-6 producer 8 (committed at 7); 8 plain.
 */
function transactionalLog(): Buffer {
  return Buffer.concat([
    batch(0, ['a', 'b']),
    batch(2, ['aborted-1', 'aborted-2'], 7),
    marker(4, 7, false),
    batch(5, ['committed-1', 'committed-2'], 8),
    marker(7, 8, true),
    batch(8, ['c']),
  ]);
}

function completed(
  records: Buffer,
  options: {
    fetchOffset?: number;
    readCommitted?: boolean;
    aborted?: { producerId: number; firstOffset: number }[];
  } = {},
): CompletedFetch<string, string> {
  const state = new PartitionState({ topic: 't', partition: 0 });
  const fetchOffset = options.fetchOffset ?? 0;
  state.position = { offset: fetchOffset, offsetEpoch: -1 };
  return new CompletedFetch({
    state,
    fetchOffset,
    positionVersion: state.positionVersion,
    records,
    abortedTransactions: options.aborted ?? null,
    readCommitted: options.readCommitted ?? false,
    keyDeserializer: stringSerde().deserializer,
    valueDeserializer: stringSerde().deserializer,
  });
}

describe('CompletedFetch', () => {
  it('read_uncommitted returns transactional records and skips control batches, moving past them', async () => {
    const cf = completed(transactionalLog());
    const got = await cf.take(100);
    assert.deepEqual(
      got.map((r) => [r.offset, r.value]),
      [
        [0, 'a'],
        [1, 'b'],
        [2, 'aborted-1'],
        [3, 'aborted-2'],
        [5, 'committed-1'],
        [6, 'committed-2'],
        [8, 'c'],
      ],
    );
    assert.equal(cf.nextFetchOffset, 9);
    assert.ok(cf.drained);
  });

  it('read_committed drops the batches of aborted transactions the response lists', async () => {
    const cf = completed(transactionalLog(), {
      readCommitted: true,
      aborted: [{ producerId: 7, firstOffset: 2 }],
    });
    const got = await cf.take(100);
    assert.deepEqual(
      got.map((r) => r.value),
      ['a', 'b', 'committed-1', 'committed-2', 'c'],
    );
    assert.equal(cf.nextFetchOffset, 9);
  });

  it('skips records below the fetch offset, hands out at most the number asked for, and ignores a partial last batch', async () => {
    const whole = Buffer.concat([batch(0, ['r0', 'r1', 'r2', 'r3']), batch(4, ['r4', 'r5'])]);
    const truncated = whole.subarray(0, whole.length - 5);
    const cf = completed(truncated, { fetchOffset: 2 });
    assert.deepEqual(
      (await cf.take(1)).map((r) => r.offset),
      [2],
    );
    assert.equal(cf.nextFetchOffset, 3);
    assert.deepEqual(
      (await cf.take(10)).map((r) => r.offset),
      [3],
    );
    assert.equal(cf.nextFetchOffset, 4, 'the partial batch is left for the next fetch');
    assert.ok(cf.drained);
  });

  it('records carry their topic, partition, timestamp, leader epoch and headers', async () => {
    const records = encodeRecordBatch(
      [{ key: 'k', value: 'v', timestamp: t0 + 5, headers: [{ key: 'h', value: 'x' }] }],
      { baseOffset: 0, partitionLeaderEpoch: 3 },
    );
    const [r] = await completed(records).take(1);
    assert.equal(r!.topic, 't');
    assert.equal(r!.partition, 0);
    assert.equal(r!.timestamp, t0 + 5);
    assert.equal(r!.timestampType, 'CreateTime');
    assert.equal(r!.leaderEpoch, 3);
    assert.equal(r!.headers[0]!.key, 'h');
    assert.deepEqual(r!.headers[0]!.value, Buffer.from('x'));
  });
});
