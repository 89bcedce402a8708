// Issue 4, property 1, end to end through a Consumer: one idempotent producer's records to a partition
// are consumed in send order, across retries, leader failovers and broker restarts, with no duplicate and
// no reordering. A simulated in-process Cluster (3 brokers, an RF=3 topic, min.insync.replicas=2) runs
// a random schedule of sends, waits, kills (some of them power losses that drop unsynced writes) and
// restarts (one broker down at a time) and link cuts between brokers. After healing, a Consumer (manual
// `assign`, no group) polls every partition from the beginning to its end offset; per partition:
//   - the consumed values are a subsequence of the send order (strictly increasing send index),
//   - no value is consumed twice,
//   - every acknowledged record is consumed, exactly once, at the offset its promise reported,
//   - the consumed offsets are strictly increasing.
// The cluster, producer and fault schedule are those of producer-on-cluster-writes-each-record-once.property.ts
// (support/faulty-cluster.ts).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringSerde } from '../core/serdes/index.ts';
import { Consumer, type ConsumerRecord } from '../actors/client/consumer/index.ts';
import type { Cluster } from '../runtime/cluster/index.ts';
import {
  faultyClusterProducer,
  runProducerFaultSchedule,
  startFaultyCluster,
  type ProducerFaultStep,
} from './support/faulty-cluster.ts';

const topic = 't';
const partitionCount = 2;

const stepArb: fc.Arbitrary<ProducerFaultStep> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('send' as const),
      partition: fc.integer({ min: 0, max: partitionCount - 1 }),
      count: fc.integer({ min: 1, max: 5 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('run' as const), ms: fc.integer({ min: 1, max: 8000 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('kill' as const),
      pick: fc.integer({ min: 0, max: 2 }),
      crash: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'restart' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('cut' as const),
      a: fc.integer({ min: 0, max: 2 }),
      b: fc.integer({ min: 0, max: 2 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'heal' as const }) },
);

/** Polls `consumer` until its position in every partition reaches `ends`, appending to `out` per partition. */
async function consumeUntil(
  cluster: Cluster,
  consumer: Consumer<string, string>,
  ends: readonly number[],
  out: ConsumerRecord<string, string>[][],
): Promise<void> {
  const next = out.map((records) => (records.length === 0 ? 0 : records[records.length - 1]!.offset + 1));
  const deadline = cluster.clock.now() + 120_000;
  while (next.some((n, p) => n < ends[p]!)) {
    if (cluster.clock.now() > deadline)
      throw new Error(`consumer stuck at ${next.join(',')} before end offsets ${ends.join(',')}`);
    for (const r of await cluster.run(consumer.poll(500))) {
      out[r.partition]!.push(r);
      next[r.partition] = Math.max(next[r.partition]!, r.offset + 1);
    }
  }
}

/**
 * The property; with `live` the Consumer is assigned before the first send and polls all through the
 * faults (fetching across leader changes, truncations and restarts), otherwise it starts after healing.
 */
async function checkConsumedInSendOrder(live: boolean): Promise<void> {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      fc.array(stepArb, { minLength: 3, maxLength: 25 }),
      async (seed, steps) => {
        const cluster = await startFaultyCluster(seed, topic, partitionCount);
        const producer = faultyClusterProducer(cluster);
        let consumer: Consumer<string, string> | undefined;
        let polling = false;
        try {
          const tps = Array.from({ length: partitionCount }, (_, partition) => ({ topic, partition }));
          const consumed: ConsumerRecord<string, string>[][] = tps.map(() => []);
          const newConsumer = (): Consumer<string, string> => {
            const c = new Consumer<string, string>(
              {
                'auto.offset.reset': 'earliest',
                'key.deserializer': stringSerde(),
                'value.deserializer': stringSerde(),
              },
              { connectionFactory: cluster.connectionFactory(), clock: cluster.clock },
            );
            c.assign(tps);
            return c;
          };
          let loop: Promise<void> = Promise.resolve();
          if (live) {
            const c = (consumer = newConsumer());
            polling = true;
            loop = (async () => {
              while (polling) {
                // Errors while brokers are down are the consumer's to retry; only the records matter.
                const records = await c.poll(200).catch(() => []);
                for (const r of records) consumed[r.partition]!.push(r);
              }
            })();
          }
          const { sent, outcomes } = await runProducerFaultSchedule(
            cluster,
            producer,
            topic,
            partitionCount,
            steps,
          );

          polling = false;
          await cluster.run(loop);
          consumer ??= newConsumer();
          const ends = (await cluster.run(consumer.endOffsets(tps))).map((e) => e.offset);
          await consumeUntil(cluster, consumer, ends, consumed);

          for (let p = 0; p < partitionCount; p++) {
            const records = consumed[p]!;
            const order = new Map(sent[p]!.map((v, i) => [v, i]));
            const seen = new Map<string, number>();
            let lastIndex = -1;
            let lastOffset = -1;
            for (const r of records) {
              const v = r.value ?? '';
              assert.ok(r.offset > lastOffset, `offset ${r.offset} after ${lastOffset} in partition ${p}`);
              lastOffset = r.offset;
              assert.ok(
                !seen.has(v),
                `${v} consumed twice in partition ${p} (offsets ${seen.get(v)} and ${r.offset})`,
              );
              seen.set(v, r.offset);
              const i = order.get(v);
              assert.ok(i !== undefined, `${v} was not sent to partition ${p}`);
              assert.ok(i > lastIndex, `${v} consumed out of send order in partition ${p}`);
              lastIndex = i;
            }
            for (const o of outcomes)
              if (o.meta !== undefined && o.meta.partition === p)
                assert.equal(
                  seen.get(o.value),
                  o.meta.offset,
                  `acknowledged ${o.value} consumed at its offset ${o.meta.offset} in partition ${p}`,
                );
          }
        } finally {
          polling = false;
          if (consumer !== undefined) await cluster.run(consumer.close()).catch(() => undefined);
          await cluster.run(producer.close({ timeoutMs: 0 })).catch(() => undefined);
          await cluster.stop();
        }
      },
    ),
    // Each run starts a cluster: fewer runs by default, FC_NUM_RUNS to soak.
    process.env['FC_NUM_RUNS'] === undefined ? { numRuns: 10 } : {},
  );
}

describe('an idempotent producer on a faulty cluster, read back through a Consumer', function () {
  this.timeout(600_000);

  it('consumes each partition in send order after healing: every acknowledged record once at its offset, no duplicate, no reordering, across kills, restarts and cut links', async () => {
    await checkConsumedInSendOrder(false);
  });

  it('a Consumer polling all through the kills, restarts and cut links sees each partition in send order: every acknowledged record once at its offset, no duplicate, no reordering', async () => {
    await checkConsumedInSendOrder(true);
  });
});
