// Shared setup of the cluster fault properties (cluster-acked-records-survive, producer-consumed-in-send-order,
// producer-on-cluster-writes-each-record-once): a simulated 3-broker cluster with one RF=3 topic, and for
// the producer properties the producer and the schedule of sends and faults it runs under.
import assert from 'node:assert/strict';
import { Producer, type RecordMetadata } from '../../actors/client/index.ts';
import { Cluster } from '../../runtime/cluster/index.ts';

/**
 * A 3-broker cluster on simulated ports and disks (seeded, replicas out of sync after 10 s of lag) with
 * `topic`: `partitions` partitions, RF=3, min.insync.replicas=2.
 */
export async function startFaultyCluster(seed: number, topic: string, partitions: number): Promise<Cluster> {
  const cluster = await Cluster.start({
    brokers: 3,
    simulated: { seed },
    replication: { replicaLagTimeMaxMs: 10_000 },
  });
  try {
    await cluster.createTopic(topic, {
      partitions,
      replicationFactor: 3,
      configs: { 'min.insync.replicas': '2' },
    });
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  return cluster;
}

/** An idempotent producer (the defaults) on the cluster's clock: 5 ms linger, 5 s requests, 60 s delivery. */
export function faultyClusterProducer(cluster: Cluster): Producer {
  return new Producer(cluster.connectionFactory(), {
    clock: cluster.clock,
    random: cluster.random,
    config: { 'linger.ms': 5, 'request.timeout.ms': 5000, 'delivery.timeout.ms': 60_000 },
  });
}

/** Kills and restarts brokers of `cluster` with at most one down at a time. */
export class OneBrokerDown {
  private readonly cluster: Cluster;
  /** The broker down, if any. */
  down: number | undefined;

  constructor(cluster: Cluster) {
    this.cluster = cluster;
  }

  /** Kills broker `id` (a power loss with `crash`) unless one is down already. */
  async kill(id: number, crash: boolean): Promise<void> {
    if (this.down !== undefined) return;
    this.down = id;
    await this.cluster.kill(id, { crash });
  }

  /** Restarts the broker down, if any. */
  async restart(): Promise<void> {
    if (this.down === undefined) return;
    await this.cluster.restart(this.down);
    this.down = undefined;
  }
}

/** One step of a producer's schedule: send `count` values to a partition, let time pass, or a fault. */
export type ProducerFaultStep =
  | { kind: 'send'; partition: number; count: number }
  | { kind: 'run'; ms: number }
  | { kind: 'kill'; pick: number; crash?: boolean }
  | { kind: 'restart' }
  | { kind: 'cut'; a: number; b: number }
  | { kind: 'heal' };

/** A sent value and how its send settled (metadata when acknowledged). */
export interface SendOutcome {
  readonly value: string;
  meta?: RecordMetadata;
  failed?: boolean;
}

/**
 * Runs `steps`: sends values v0, v1, ... without waiting for them, kills (a power loss with `crash`) and
 * restarts brokers with at most one down at a time, cuts and heals links. Then heals every link,
 * restarts the broker left down, waits for leaders of `topic`, flushes the producer and checks every
 * send settled. Returns the values sent per partition in send order, and every send's outcome.
 */
export async function runProducerFaultSchedule(
  cluster: Cluster,
  producer: Producer,
  topic: string,
  partitions: number,
  steps: readonly ProducerFaultStep[],
): Promise<{ sent: string[][]; outcomes: SendOutcome[] }> {
  const sent: string[][] = Array.from({ length: partitions }, () => []);
  const outcomes: SendOutcome[] = [];
  const faults = new OneBrokerDown(cluster);
  let n = 0;
  for (const step of steps) {
    switch (step.kind) {
      case 'send':
        for (let i = 0; i < step.count; i++) {
          const value = `v${n++}`;
          sent[step.partition]!.push(value);
          const outcome: SendOutcome = { value };
          outcomes.push(outcome);
          producer.send({ topic, partition: step.partition, value }).then(
            (meta) => (outcome.meta = meta),
            () => (outcome.failed = true),
          );
        }
        break;
      case 'run':
        await cluster.sleep(step.ms);
        break;
      case 'kill':
        await faults.kill(cluster.brokerIds[step.pick]!, step.crash === true);
        break;
      case 'restart':
        await faults.restart();
        break;
      case 'cut':
        if (step.a !== step.b) cluster.cutLink(cluster.brokerIds[step.a]!, cluster.brokerIds[step.b]!);
        break;
      case 'heal':
        cluster.healAll();
        break;
    }
  }
  // Heal everything, let the producer finish (every send settles).
  cluster.healAll();
  await faults.restart();
  await cluster.waitForLeaders(topic, 120_000);
  await cluster.run(producer.flush());
  assert.ok(
    outcomes.every((o) => o.meta !== undefined || o.failed === true),
    'every send settled',
  );
  return { sent, outcomes };
}
