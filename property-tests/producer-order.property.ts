// Guarantee: an idempotent producer (the default) puts every record it sent into its partition's log
// exactly once and in send order, whatever goes wrong in between: responses lost after the broker
// wrote the batch, requests that time out (written or not), requests refused, NOT_LEADER_OR_FOLLOWER
// and other retriable errors, and leaders moving between brokers while batches are in flight. Each
// record's promise resolves with the offset it really has. Runs on a SimulatedClock against fake
// brokers that append to real core/log PartitionLogs (so duplicates and sequence gaps are judged by
// the log's own producer state).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ErrorCode } from '../core/errors/index.ts';
import { SeededRandom, SimulatedClock } from '../core/io/index.ts';
import { FakeCluster, type FaultAction } from '../actors/client/producer/fake-cluster.ts';
import { Producer } from '../actors/client/producer/index.ts';
import type { RecordMetadata } from '../actors/client/index.ts';

type Op =
  | { kind: 'send'; partition: number; count: number }
  | { kind: 'wait'; ms: number }
  /** `hint`: the producer hears of it at once (a KIP-951 leader hint), even while connections hang. */
  | { kind: 'moveLeader'; partition: number; broker: number; hint: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record({ partition: fc.integer({ min: 0, max: 2 }), count: fc.integer({ min: 1, max: 6 }) })
      .map((r) => ({ kind: 'send' as const, ...r })),
  },
  {
    weight: 4,
    arbitrary: fc.integer({ min: 0, max: 40 }).map((ms) => ({ kind: 'wait' as const, ms })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({
        partition: fc.integer({ min: 0, max: 2 }),
        broker: fc.integer({ min: 0, max: 2 }),
        hint: fc.boolean(),
      })
      .map((r) => ({ kind: 'moveLeader' as const, ...r })),
  },
);

const scenarioArb = fc.record({
  seed: fc.integer(),
  ops: fc.array(opArb, { minLength: 1, maxLength: 60 }),
  /** Percent of Produce requests that hit a fault. */
  faultPercent: fc.integer({ min: 0, max: 40 }),
  lingerMs: fc.integer({ min: 0, max: 10 }),
  batchSizeBytes: fc.constantFrom(64, 256, 16384),
  maxInFlight: fc.integer({ min: 1, max: 5 }),
  latencyMs: fc.integer({ min: 0, max: 5 }),
});

const partitions = 3;
const brokers = 3;

/** A fault for a Produce request, drawn from the seeded random (all of them transient). */
function drawFault(random: SeededRandom, faultPercent: number): FaultAction {
  if (random.int(100) >= faultPercent) return { kind: 'none' };
  switch (random.int(5)) {
    case 0:
      return { kind: 'lose-response' };
    case 1:
      return { kind: 'timeout' };
    case 2:
      return { kind: 'drop-request' };
    case 3:
      return { kind: 'error', errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER };
    default:
      return { kind: 'error', errorCode: ErrorCode.NOT_ENOUGH_REPLICAS };
  }
}

describe('property: producer order', () => {
  it('every sent record is in its partition exactly once, in send order, at the offset its promise (or its callback, called once) reports', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const clock = new SimulatedClock(1_000_000);
        const random = new SeededRandom(s.seed);
        const cluster = new FakeCluster({ clock, brokers, latencyMs: s.latencyMs });
        cluster.createTopic('t', partitions);
        cluster.faults = ({ apiKey }) =>
          apiKey === 0 ? drawFault(random, s.faultPercent) : { kind: 'none' };
        const producer = new Producer(cluster, {
          clock,
          random: new SeededRandom(s.seed ^ 0x5eed),
          config: {
            'linger.ms': s.lingerMs,
            'batch.size': s.batchSizeBytes,
            'max.in.flight.requests.per.connection': s.maxInFlight,
            'request.timeout.ms': 500,
            'retry.backoff.ms': 10,
          },
        });
        const sent: string[][] = Array.from({ length: partitions }, () => []);
        const deliveries: Array<{ partition: number; value: string; delivery: Promise<RecordMetadata> }> = [];
        let n = 0;
        /** Every third record goes with Java's callback form: its callback must run exactly once. */
        const callbackCalls = new Map<string, number>();
        const sendOne = (partition: number, value: string): Promise<RecordMetadata> => {
          if (n % 3 !== 0) return producer.send({ topic: 't', partition, value });
          return new Promise<RecordMetadata>((resolve, reject) =>
            producer.send({ topic: 't', partition, value }, (error, metadata) => {
              callbackCalls.set(value, (callbackCalls.get(value) ?? 0) + 1);
              if (error !== null) reject(error);
              else resolve(metadata!);
            }),
          );
        };
        for (const op of s.ops) {
          switch (op.kind) {
            case 'send':
              for (let i = 0; i < op.count; i++) {
                const value = `r${n}`;
                sent[op.partition]!.push(value);
                deliveries.push({ partition: op.partition, value, delivery: sendOne(op.partition, value) });
                n++;
              }
              break;
            case 'wait':
              await clock.runFor(op.ms);
              break;
            case 'moveLeader':
              cluster.moveLeader('t', op.partition, op.broker);
              if (op.hint) {
                const epoch =
                  producer.metadata.partition({ topic: 't', partition: op.partition })?.leaderEpoch ?? 0;
                producer.metadata.updateLeader({ topic: 't', partition: op.partition }, op.broker, epoch + 1);
              }
              break;
            default: {
              const never: never = op;
              throw new Error(`unknown op ${String(never)}`);
            }
          }
        }
        let settled = 0;
        for (const d of deliveries) void d.delivery.finally(() => settled++).catch(() => undefined);
        const allSettled = await clock.runUntil(() => settled === deliveries.length, 600_000, 50);
        assert.ok(allSettled, `${deliveries.length - settled} deliveries still pending`);
        for (const d of deliveries) {
          const meta = await d.delivery;
          assert.equal(meta.partition, d.partition);
          assert.equal(meta.offset, sent[d.partition]!.indexOf(d.value), `offset of ${d.value}`);
        }
        for (let p = 0; p < partitions; p++)
          assert.deepEqual(await cluster.values('t', p), sent[p], `partition ${p}`);
        for (const [value, calls] of callbackCalls) assert.equal(calls, 1, `callback calls of ${value}`);
        assert.equal(callbackCalls.size, Math.ceil(n / 3), 'every callback ran');
        const closed = producer.close();
        await clock.runUntil(() => producer.stats().inFlightRequests === 0, 10_000, 50);
        await closed;
      }),
    );
  });
});
