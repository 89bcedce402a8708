// `tributary start`: an embedded cluster in the foreground. Broker i listens on port+i (Kafka
// protocol, so kcat, kafkajs, confluent-kafka and kafka-python work against it), the bootstrap
// servers are printed once every broker is ready, and SIGINT/SIGTERM shut down cleanly (controlled
// shutdown, flushed logs, checkpoints and the clean-shutdown marker).
import { pino, type Logger } from 'pino';
import { Cluster } from '../cluster/index.ts';

export interface StartOptions {
  readonly brokers: number;
  readonly port: number;
  readonly host: string;
  /** The host clients are told in Metadata (default: host). */
  readonly advertisedHost?: string | undefined;
  /** Broker i is advertised on this port + i (default: its listener port, port + i). */
  readonly advertisedBasePort?: number | undefined;
  readonly dataDir: string;
  /** num.partitions: partitions of auto-created topics. */
  readonly partitions: number;
  /** default.replication.factor (capped at the broker count). */
  readonly replicationFactor: number | undefined;
  readonly logLevel: string;
}

export interface RunningCluster {
  readonly cluster: Cluster;
  readonly bootstrapServers: string;
  /** Clean shutdown (what SIGINT/SIGTERM do). */
  stop(): Promise<void>;
}

/** Starts the cluster; resolves once it serves clients. */
export async function startCluster(options: StartOptions, logger: Logger): Promise<RunningCluster> {
  const replicationFactor = Math.min(options.replicationFactor ?? 3, options.brokers);
  const cluster = await Cluster.start({
    brokers: options.brokers,
    dataDir: options.dataDir,
    basePort: options.port,
    host: options.host,
    ...(options.advertisedHost !== undefined ? { advertisedHost: options.advertisedHost } : {}),
    ...(options.advertisedBasePort !== undefined
      ? { advertisedPort: (i: number) => options.advertisedBasePort! + i }
      : {}),
    brokerSettings: {
      'num.partitions': options.partitions,
      'default.replication.factor': replicationFactor,
    },
    controller: {
      'num.partitions': options.partitions,
      'default.replication.factor': replicationFactor,
    },
    serverLogger: logger.child({ component: 'server' }),
    onError: (err, where) => logger.debug({ where, err: err instanceof Error ? err.message : err }, 'broker'),
  });
  const bootstrapServers = cluster.bootstrapServers().join(',');
  let stopping: Promise<void> | undefined;
  return {
    cluster,
    bootstrapServers,
    stop: () => (stopping ??= cluster.stop()),
  };
}

/** The CLI command: runs until SIGINT/SIGTERM. */
export async function runStart(options: StartOptions): Promise<void> {
  const logger = pino({ level: options.logLevel, base: { app: 'tributary' } });
  const running = await startCluster(options, logger);
  logger.info(
    { brokers: options.brokers, dataDir: options.dataDir, controller: running.cluster.controllerId },
    'cluster ready',
  );
  // The line scripts wait for (stdout, unstructured).
  process.stdout.write(`Tributary is ready. Bootstrap servers: ${running.bootstrapServers}\n`);
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string): void => {
      logger.info({ signal }, 'shutting down');
      running.stop().then(
        () => {
          logger.info('clean shutdown complete');
          resolve();
        },
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          process.exitCode = 1;
          resolve();
        },
      );
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });
}
