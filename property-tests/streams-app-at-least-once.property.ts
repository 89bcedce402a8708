/**
 * StreamsApp at-least-once under failures: app instances on a simulated 3-broker cluster process a
 * keyed input while, between batches of input, a random instance crashes (every record it touches
 * throws until its thread dies past the task-restart intensity and the instance ends in ERROR), is
 * closed and replaced, or a single record fails once (its task restarts). A crash is provoked with a
 * probe record on every partition (keys of their own). At the end every input
 * record's output is on the output topic at least once, and per key the first occurrences are in input
 * order (a replay repeats a suffix, it never reorders).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Serdes } from '../core/serdes/index.ts';
import { Consumed, Produced, StreamsBuilder, type Topology } from '../dsl/index.ts';
import { Cluster } from '../runtime/cluster/index.ts';
import { StreamsApp } from '../runtime/streams/index.ts';
import { TopicReader, produceStrings, type KeyValueString } from '../runtime/streams/streams-test-support.ts';

type Event =
  | { readonly type: 'crashInstance'; readonly pick: number }
  | { readonly type: 'restartInstance'; readonly pick: number }
  | { readonly type: 'failRecord' }
  | { readonly type: 'none' };

const eventArb: fc.Arbitrary<Event> = fc.oneof(
  fc.nat(7).map((pick): Event => ({ type: 'crashInstance', pick })),
  fc.nat(7).map((pick): Event => ({ type: 'restartInstance', pick })),
  fc.constant<Event>({ type: 'failRecord' }),
  fc.constant<Event>({ type: 'none' }),
);

const keys = ['a', 'b', 'c', 'd', 'e'];
/** Simulated time each batch gets before the next event. */
const settleMs = 1500;

interface Instance {
  readonly app: StreamsApp;
  poisoned: boolean;
}

describe('StreamsApp at-least-once under instance crashes and restarts (property)', function () {
  this.timeout(0);

  it('every input has an output at least once, and per key the first occurrences keep input order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(fc.tuple(fc.integer({ min: 5, max: 25 }), eventArb), { minLength: 2, maxLength: 5 }),
        async (seed, plan) => {
          const cluster = await Cluster.start({
            brokers: 3,
            simulated: { seed, network: { minDelayMs: 1, maxDelayMs: 1 } },
          });
          const instances: Instance[] = [];
          let failNext = false;
          const start = async (): Promise<void> => {
            const instance: { app?: StreamsApp; poisoned: boolean } = { poisoned: false };
            const S = Serdes.String();
            const builder = new StreamsBuilder();
            builder
              .stream<string, string>('input', Consumed.with(S, S))
              .peek(() => {
                if (instance.poisoned) throw new Error('instance crash');
                if (failNext) {
                  failNext = false;
                  throw new Error('one record fails');
                }
              })
              .mapValues((v) => `${v}!`)
              .to('output', Produced.with(S, S));
            const topology: Topology = builder.build();
            const app = new StreamsApp(topology, {
              'application.id': 'alo',
              'commit.interval.ms': 300,
              'consumer.session.timeout.ms': 6000,
              'consumer.heartbeat.interval.ms': 1000,
              connectionFactory: cluster.connectionFactory(),
              clock: cluster.clock,
              random: cluster.random,
            });
            instance.app = app;
            instances.push(instance as Instance);
            await cluster.run(app.start());
          };
          const live = (): Instance[] =>
            instances.filter((i) => i.app.state !== 'NOT_RUNNING' && i.app.state !== 'ERROR');
          try {
            await cluster.createTopic('input', { partitions: 3, replicationFactor: 3 });
            await cluster.createTopic('output', { partitions: 3, replicationFactor: 3 });
            await start();
            await start();
            const sent: KeyValueString[] = [];
            for (const [count, event] of plan) {
              const batch = Array.from({ length: count }, (_, i) => {
                const key = keys[(sent.length + i) % keys.length]!;
                return { key, value: `${key}${sent.length + i}` };
              });
              sent.push(...batch);
              await produceStrings(cluster, 'input', batch);
              await cluster.sleep(settleMs);
              const alive = live();
              switch (event.type) {
                case 'crashInstance': {
                  const victim = alive[event.pick % alive.length];
                  if (victim === undefined) break;
                  victim.poisoned = true;
                  // A record on every partition, so the victim meets one whatever tasks it owns.
                  const probes = [0, 1, 2].map((partition) => ({
                    key: `probe${partition}`,
                    value: `probe${sent.length}-${partition}`,
                    partition,
                  }));
                  sent.push(...probes);
                  await produceStrings(cluster, 'input', probes);
                  await cluster.waitFor(
                    () => victim.app.state === 'ERROR',
                    120_000,
                    'poisoned instance dead',
                  );
                  await start();
                  break;
                }
                case 'restartInstance': {
                  const victim = alive[event.pick % alive.length];
                  if (victim === undefined) break;
                  await cluster.run(victim.app.close());
                  await start();
                  break;
                }
                case 'failRecord':
                  failNext = true;
                  break;
                case 'none':
                  break;
                default: {
                  const _never: never = event;
                  throw new Error(`unknown event ${String(_never)}`);
                }
              }
            }
            if (live().length === 0) await start();
            const reader = await TopicReader.open(cluster, 'output', 3);
            const expected = sent.map((r) => `${r.value}!`);
            await reader.readUntil((rs) => {
              const seen = new Set(rs.map((r) => r.value));
              return expected.every((v) => seen.has(v));
            }, 300_000);
            await reader.close();
            for (const key of keys) {
              const inputs = sent.filter((r) => r.key === key).map((r) => `${r.value}!`);
              const firsts: string[] = [];
              for (const r of reader.records)
                if (r.key === key && !firsts.includes(r.value)) firsts.push(r.value);
              assert.deepEqual(firsts, inputs, `key ${key}: first occurrences out of input order`);
            }
          } finally {
            for (const i of instances) await cluster.run(i.app.close());
            await cluster.stop();
          }
        },
      ),
      // Each run starts a cluster and several app instances: fewer runs by default, FC_NUM_RUNS to soak.
      process.env['FC_NUM_RUNS'] === undefined ? { numRuns: 6 } : {},
    );
  });
});
