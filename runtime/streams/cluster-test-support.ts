/**
 * Test support for StreamsApp on an in-process 3-broker Cluster on simulated ports: the cluster with its
 * topics, the app config on it, and closing the apps and the cluster after a test.
 */
import { Cluster } from '../cluster/index.ts';
import type { StreamsApp, StreamsAppConfig } from './streams-app.ts';

/**
 * Whole-millisecond network delays: with fractional ones the simulated clock reads fractional times,
 * and the group coordinator writes `now` as an int64 commit timestamp, which it then refuses to encode
 * (reported as a coordinator issue).
 */
const integralDelays = { minDelayMs: 1, maxDelayMs: 1 };

/**
 * A 3-broker cluster on simulated ports (seeded, whole-millisecond network delays) with `topics`
 * (name -> partition count, created in that order) at replication factor 3.
 */
export async function startSimulatedCluster(
  seed: number,
  topics: Readonly<Record<string, number>>,
): Promise<Cluster> {
  const cluster = await Cluster.start({ brokers: 3, simulated: { seed, network: integralDelays } });
  for (const [topic, partitions] of Object.entries(topics)) {
    await cluster.createTopic(topic, { partitions, replicationFactor: 3 });
  }
  return cluster;
}

/** Closes every app of `apps` (emptying it) on the cluster's clock, then stops the cluster. */
export async function closeAppsAndStop(cluster: Cluster, apps: StreamsApp[]): Promise<void> {
  for (const app of apps.splice(0)) await cluster.run(app.close());
  await cluster.stop();
}

/**
 * A StreamsApp config on `cluster`'s connections, clock and random: 200 ms commits, 6 s consumer
 * sessions with 1 s heartbeats, and `settings` (the application id and anything else).
 */
export function simulatedAppConfig(
  cluster: Cluster,
  settings: Partial<StreamsAppConfig> & Pick<StreamsAppConfig, 'application.id'>,
): StreamsAppConfig {
  return {
    'commit.interval.ms': 200,
    'consumer.session.timeout.ms': 6000,
    'consumer.heartbeat.interval.ms': 1000,
    connectionFactory: cluster.connectionFactory(),
    clock: cluster.clock,
    random: cluster.random,
    ...settings,
  };
}
