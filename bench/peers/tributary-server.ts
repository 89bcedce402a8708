/**
 * The Tributary side of the peers benchmark as its own process, the way `tributary start` runs:
 * `Cluster.start({ brokers, dataDir, basePort })` with TCP listeners on basePort + i, then the
 * benchmark's topic (one partition, the given replication factor and min.insync.replicas). Prints
 * `TRIBUTARY READY <bootstrap servers>` once clients can produce to the topic's leader, and shuts down
 * cleanly on SIGTERM/SIGINT or when its parent closes stdin (so it never outlives the benchmark).
 *
 * Usage (bench/peers/servers.ts does it): node --import tsx bench/peers/tributary-server.ts '<json>'
 */
import { Cluster } from '../../runtime/cluster/index.ts';
import { tributaryReadyPrefix, type TributaryServerArgs } from './servers.ts';

function parseArgs(raw: string | undefined): TributaryServerArgs {
  if (raw === undefined) throw new Error('usage: tributary-server.ts <json options>');
  const args = JSON.parse(raw) as TributaryServerArgs;
  for (const key of ['brokers', 'basePort', 'replicationFactor', 'minInsyncReplicas'] as const) {
    if (!Number.isInteger(args[key]) || args[key] <= 0) throw new Error(`${key} must be a positive integer`);
  }
  if (typeof args.dataDir !== 'string' || typeof args.topic !== 'string')
    throw new Error('dataDir and topic must be strings');
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv[2]);
  const errors: string[] = [];
  const cluster = await Cluster.start({
    brokers: args.brokers,
    dataDir: args.dataDir,
    basePort: args.basePort,
    // Background errors (a follower fetch failing while the cluster shuts down) are reported, not fatal.
    onError: (err, where) => {
      if (errors.length < 20) errors.push(`${where}: ${err instanceof Error ? err.message : String(err)}`);
    },
  });
  await cluster.createTopic(args.topic, {
    partitions: 1,
    replicationFactor: args.replicationFactor,
    configs: { 'min.insync.replicas': String(args.minInsyncReplicas) },
  });
  process.stdout.write(`${tributaryReadyPrefix}${cluster.bootstrapServers().join(',')}\n`);

  let stopping: Promise<void> | undefined;
  const stop = (why: string): void => {
    stopping ??= cluster.stop().then(
      () => {
        if (errors.length > 0)
          process.stderr.write(`background errors before ${why}:\n${errors.join('\n')}\n`);
        process.exit(0);
      },
      (err: unknown) => {
        process.stderr.write(`shutdown after ${why} failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  process.stdin.on('end', () => stop('stdin closed'));
  process.stdin.resume();
}

main().catch((err: unknown) => {
  process.stderr.write(
    `tributary-server: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
