// The producer against the real brokers: a simulated in-process Cluster (controller, replication,
// the brokers' request layer, core/log with its producer state) reached only through the
// ConnectionFactory port. Guarantees checked:
//   1. records sent with the defaults (idempotence, acks=all) land once each, in send order, at the
//      offsets their promises report, keyed ones on the Java partition of their key;
//   2. (property) while a random schedule kills and restarts brokers (one down at a time) under an
//      RF=3 topic, every record whose promise resolved is in its partition exactly once, in send order,
//      at its reported offset (records that failed may be missing, never duplicated).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { PartitionLog } from '../core/log/index.ts';
import { batchPositions, forEachRecord } from '../core/records/index.ts';
import { Producer, partitionForKey, type RecordMetadata } from '../actors/client/index.ts';
import { Cluster } from '../runtime/cluster/index.ts';
import {
  faultyClusterProducer,
  runProducerFaultSchedule,
  startFaultyCluster,
  type ProducerFaultStep,
} from './support/faulty-cluster.ts';

/** The values of a log's records below its high watermark, in offset order. */
function valuesOf(log: PartitionLog): string[] {
  const out: string[] = [];
  let offset = log.logStartOffset;
  const end = log.highWatermark;
  while (offset < end) {
    const r = log.read(offset, 1 << 20, { maxOffset: end });
    if (r.nextOffset <= offset || r.bytes.length === 0) break;
    for (const [pos, size] of batchPositions(r.bytes))
      forEachRecord(r.bytes.subarray(pos, pos + size), (rec) => {
        if (rec.offset >= offset && rec.offset < end)
          out.push(rec.value === null ? '' : rec.value.toString());
      });
    offset = r.nextOffset;
  }
  return out;
}

const stepArb: fc.Arbitrary<ProducerFaultStep> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('send' as const),
      partition: fc.integer({ min: 0, max: 1 }),
      count: fc.integer({ min: 1, max: 5 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('run' as const), ms: fc.integer({ min: 1, max: 8000 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('kill' as const), pick: fc.integer({ min: 0, max: 2 }) }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'restart' as const }) },
);

function leaderLog(cluster: Cluster, topic: string, partition: number): PartitionLog {
  const meta = cluster.liveBrokers()[0]!.metadata().partition(topic, partition)!;
  const replica = cluster.broker(meta.leader).replicaManager.getPartition({ topic, partition });
  assert.ok(replica !== undefined, `leader of ${topic}-${partition}`);
  return replica.log;
}

describe('producer on an in-process cluster', function () {
  this.timeout(600_000);

  it('sends keyed and unkeyed records with the defaults; each lands once, in order, at its reported offset', async () => {
    const cluster = await Cluster.start({ brokers: 3, simulated: { seed: 42 } });
    try {
      await cluster.createTopic('orders', { partitions: 3, replicationFactor: 3 });
      const producer = new Producer(cluster.connectionFactory(), {
        clock: cluster.clock,
        random: cluster.random,
        config: { 'compression.type': 'lz4' },
      });
      const keys = ['21', 'foobar', 'kafka', 'abc', null, null];
      const deliveries = keys.map((key, i) => producer.send({ topic: 'orders', key, value: `v${i}` }));
      const metas: RecordMetadata[] = await cluster.run(Promise.all(deliveries));
      const expected: string[][] = [[], [], []];
      metas.forEach((m, i) => {
        const key = keys[i];
        if (key !== null && key !== undefined)
          assert.equal(m.partition, partitionForKey(key, 3), `key ${key}`);
        assert.equal(m.offset, expected[m.partition]!.length);
        expected[m.partition]!.push(`v${i}`);
      });
      await cluster.run(producer.close());
      for (let p = 0; p < 3; p++) assert.deepEqual(valuesOf(leaderLog(cluster, 'orders', p)), expected[p]);
      assert.ok(producer.stats().producerId >= 0, 'an idempotent producer id came from InitProducerId');
    } finally {
      await cluster.stop();
    }
  });

  it('while brokers are killed and restarted, every acknowledged record is in its partition once, in send order, at its offset; none is written twice', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.array(stepArb, { minLength: 3, maxLength: 25 }),
        async (seed, steps) => {
          const cluster = await startFaultyCluster(seed, 't', 2);
          const producer = faultyClusterProducer(cluster);
          try {
            const { sent, outcomes } = await runProducerFaultSchedule(cluster, producer, 't', 2, steps);
            for (let p = 0; p < 2; p++) {
              const log = valuesOf(leaderLog(cluster, 't', p));
              const order = new Map(sent[p]!.map((v, i) => [v, i]));
              let last = -1;
              const seen = new Set<string>();
              for (const v of log) {
                assert.ok(!seen.has(v), `${v} written twice in partition ${p}`);
                seen.add(v);
                const i = order.get(v);
                assert.ok(i !== undefined && i > last, `${v} out of send order in partition ${p}`);
                last = i;
              }
              for (const o of outcomes)
                if (o.meta !== undefined && o.meta.partition === p)
                  assert.equal(
                    log[o.meta.offset],
                    o.value,
                    `acknowledged ${o.value} at offset ${o.meta.offset}`,
                  );
            }
          } finally {
            await cluster.run(producer.close({ timeoutMs: 0 })).catch(() => undefined);
            await cluster.stop();
          }
        },
      ),
      { numRuns: Math.min(fc.readConfigureGlobal().numRuns ?? 10, 10) },
    );
  });
});
