import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KafkaError } from '../../core/errors/index.ts';
import { ClusterImage } from './cluster-image.ts';
import { electLeader } from './leader-election.ts';
import { decodeMetadataRecord, encodeMetadataRecord, type MetadataRecord } from './metadata-records.ts';
import { assignReplicas } from './replica-assignment.ts';

describe('metadata records', () => {
  it('round-trip every record type through the avsc encoding', () => {
    const records: MetadataRecord[] = [
      { type: 'RegisterBroker', brokerId: 1, brokerEpoch: 7, host: '127.0.0.1', port: 9093, rack: null },
      { type: 'FenceBroker', brokerId: 1, brokerEpoch: 7 },
      { type: 'UnfenceBroker', brokerId: 1, brokerEpoch: 7 },
      { type: 'Topic', name: 'orders', topicId: 'abc' },
      {
        type: 'Partition',
        topicId: 'abc',
        partition: 2,
        replicas: [1, 2, 3],
        isr: [1, 2],
        leader: 1,
        leaderEpoch: 4,
        partitionEpoch: 9,
      },
      { type: 'PartitionChange', topicId: 'abc', partition: 2, leader: 2, isr: null, replicas: null },
      {
        type: 'PartitionChange',
        topicId: 'abc',
        partition: 2,
        leader: null,
        isr: [2, 3],
        replicas: [2, 3, 1],
      },
      {
        type: 'Config',
        resourceType: 'topic',
        resourceName: 'orders',
        key: 'cleanup.policy',
        value: 'compact',
      },
      { type: 'Config', resourceType: 'broker', resourceName: '1', key: 'x', value: null },
      { type: 'RemoveTopic', topicId: 'abc' },
    ];
    for (const r of records) assert.deepEqual(decodeMetadataRecord(encodeMetadataRecord(r)), r);
  });

  it('reject garbage and unknown format versions with CORRUPT_MESSAGE', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          decodeMetadataRecord(Buffer.from(bytes));
        } catch (err) {
          assert.ok(KafkaError.is(err, 'CORRUPT_MESSAGE'), String(err));
        }
      }),
    );
    assert.throws(
      () => decodeMetadataRecord(Buffer.from([9, 0])),
      (e: unknown) => KafkaError.is(e, 'CORRUPT_MESSAGE'),
    );
  });
});

describe('ClusterImage', () => {
  it('folds registrations, fencing, topics, partition changes and configs', () => {
    const image = new ClusterImage();
    const apply = (r: MetadataRecord, i: number): void => image.apply(r, i);
    [
      { type: 'RegisterBroker', brokerId: 1, brokerEpoch: 1, host: 'h', port: 1, rack: null },
      { type: 'RegisterBroker', brokerId: 2, brokerEpoch: 1, host: 'h', port: 2, rack: null },
      { type: 'UnfenceBroker', brokerId: 1, brokerEpoch: 1 },
      { type: 'UnfenceBroker', brokerId: 2, brokerEpoch: 1 },
      { type: 'Topic', name: 't', topicId: 'id-t' },
      {
        type: 'Partition',
        topicId: 'id-t',
        partition: 0,
        replicas: [1, 2],
        isr: [1, 2],
        leader: 1,
        leaderEpoch: 0,
        partitionEpoch: 0,
      },
      { type: 'FenceBroker', brokerId: 1, brokerEpoch: 1 },
      { type: 'PartitionChange', topicId: 'id-t', partition: 0, leader: 2, isr: [2], replicas: null },
      { type: 'Config', resourceType: 'topic', resourceName: 't', key: 'retention.ms', value: '1000' },
    ].forEach((r, i) => apply(r as MetadataRecord, i));
    assert.deepEqual(image.liveBrokerIds(), [2]);
    const p = image.partition('t', 0)!;
    assert.equal(p.leader, 2);
    assert.equal(p.leaderEpoch, 1);
    assert.equal(p.partitionEpoch, 1);
    assert.deepEqual(p.isr, [2]);
    assert.equal(image.topicsByName.get('t')!.configs.get('retention.ms'), '1000');
    assert.equal(image.lastOffset, 8);
  });

  it('ignores a fence or unfence carrying a stale broker epoch', () => {
    const image = new ClusterImage();
    image.apply({ type: 'RegisterBroker', brokerId: 1, brokerEpoch: 5, host: 'h', port: 1, rack: null }, 0);
    image.apply({ type: 'UnfenceBroker', brokerId: 1, brokerEpoch: 4 }, 1);
    assert.deepEqual(image.liveBrokerIds(), []);
  });

  it('bumps the leader epoch only when the leader changes', () => {
    const image = new ClusterImage();
    image.apply({ type: 'Topic', name: 't', topicId: 'x' }, 0);
    image.apply(
      {
        type: 'Partition',
        topicId: 'x',
        partition: 0,
        replicas: [1, 2],
        isr: [1, 2],
        leader: 1,
        leaderEpoch: 3,
        partitionEpoch: 0,
      },
      1,
    );
    image.apply(
      { type: 'PartitionChange', topicId: 'x', partition: 0, leader: null, isr: [1], replicas: null },
      2,
    );
    image.apply(
      { type: 'PartitionChange', topicId: 'x', partition: 0, leader: 1, isr: null, replicas: null },
      3,
    );
    const p = image.partition('t', 0)!;
    assert.equal(p.leaderEpoch, 3);
    assert.equal(p.partitionEpoch, 2);
  });
});

describe('assignReplicas', () => {
  it("matches Kafka's layout for 5 brokers, 10 partitions, RF 3 from start 0 shift 0", () => {
    const got = assignReplicas([0, 1, 2, 3, 4], 10, 3, { start: 0, shift: 0 });
    // From Kafka's AdminUtils documentation example (start index 0, shift 0).
    assert.deepEqual(
      got.map((r) => r[0]),
      [0, 1, 2, 3, 4, 0, 1, 2, 3, 4],
    );
    assert.deepEqual(got[0], [0, 1, 2]);
    assert.deepEqual(got[5], [0, 2, 3]);
  });

  it('never places two replicas of a partition on one broker and balances leaders', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 40 }),
        fc.nat(100),
        fc.nat(100),
        fc.integer({ min: 1, max: 7 }),
        (n, partitions, start, shift, rfRaw) => {
          const rf = Math.min(rfRaw, n);
          const brokers = Array.from({ length: n }, (_, i) => i + 1);
          const layout = assignReplicas(brokers, partitions, rf, { start, shift });
          const leaders = new Map<number, number>();
          for (const replicas of layout) {
            assert.equal(new Set(replicas).size, rf);
            leaders.set(replicas[0]!, (leaders.get(replicas[0]!) ?? 0) + 1);
          }
          const counts = [...leaders.values()];
          assert.ok(Math.max(...counts) - Math.min(...counts) <= 1 || leaders.size < n);
        },
      ),
    );
  });

  it('refuses a replication factor above the broker count with INVALID_REPLICATION_FACTOR', () => {
    assert.throws(
      () => assignReplicas([1, 2], 3, 3, { start: 0, shift: 0 }),
      (e: unknown) => KafkaError.is(e, 'INVALID_REPLICATION_FACTOR'),
    );
  });
});

describe('electLeader', () => {
  const alive = (ids: number[]) => (id: number) => ids.includes(id);

  it('picks the first live ISR member in replica order', () => {
    assert.deepEqual(electLeader([3, 1, 2], [1, 2, 3], alive([1, 2]), false), { leader: 1, unclean: false });
  });

  it('leaves the partition offline when no ISR member is alive and unclean election is off', () => {
    assert.deepEqual(electLeader([1, 2, 3], [1], alive([2, 3]), false), { leader: -1, unclean: false });
  });

  it('elects a live out-of-sync replica only with unclean election enabled', () => {
    assert.deepEqual(electLeader([1, 2, 3], [1], alive([2, 3]), true), { leader: 2, unclean: true });
  });
});
