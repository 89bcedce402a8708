// `tributary connect ...`: the Connect worker in standalone mode (connect-standalone.sh), plus tools
// that read a worker's state from the cluster: status, offsets, plugins and config validation.
import * as nodePath from 'node:path';
import { Option, type Command } from 'commander';
import { pino } from 'pino';
import { Admin, Producer } from '../../actors/client/index.ts';
import { PluginRegistry } from '../../actors/connect/index.ts';
import { NodeFileSystem, SystemClock, SystemRandom } from '../../core/io/index.ts';
import { InMemorySchemaRegistry } from '../../core/serdes/index.ts';
import {
  ConnectorConfigError,
  KafkaBasedLog,
  KafkaConfigStore,
  KafkaOffsetStore,
  KafkaStatusStore,
  Worker,
  builtinConnectorPlugins,
  loadConnectorConfigFile,
  loadWorkerConfigFile,
  parseWorkerConfig,
  validateConnector,
  type WorkerConfig,
} from '../connect/index.ts';
import { LogSchemaRegistry } from '../schema-registry/index.ts';
import {
  cliApiTimeoutMsDefault,
  connectionsFor,
  printTable,
  runCommand,
  withBootstrapServers,
  type ClusterOptions,
} from './cluster-client.ts';

const avroConverterClass = 'io.confluent.connect.avro.AvroConverter';

/** The keys a worker file must have when a tool only reads state (its converters do not matter). */
const readOnlyWorkerDefaults = {
  'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
  'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
};

export interface StandaloneOptions {
  /** Overrides the worker file's bootstrap.servers. */
  readonly bootstrapServers?: string;
  readonly logLevel: string;
}

/**
 * Runs a standalone worker: reads the worker file and every connector file (all are validated
 * before anything starts, and every problem is reported), starts the connectors, prints a ready
 * line, and on SIGINT/SIGTERM stops them cleanly (tasks flush and commit their offsets).
 */
export async function runStandalone(
  workerFile: string,
  connectorFiles: readonly string[],
  options: StandaloneOptions,
): Promise<void> {
  const fs = new NodeFileSystem();
  const raw = loadWorkerConfigFile(fs, workerFile);
  if (options.bootstrapServers !== undefined) raw['bootstrap.servers'] = options.bootstrapServers;
  const config = parseWorkerConfig(raw);
  const connectors = connectorFiles.map((f) => ({ file: f, props: loadConnectorConfigFile(fs, f) }));
  const plugins = builtinConnectorPlugins();
  const connections = connectionsFor(
    { bootstrapServers: config.bootstrapServers.join(',') },
    'connect-worker',
  );
  // The Avro converter keeps its schemas on the cluster's `_schemas` topic (the role Kafka Connect's
  // `schema.registry.url` plays): a registry is started only when some config names the converter.
  const usesAvro = [raw, ...connectors.map((c) => c.props)].some((props) =>
    Object.values(props).some((v) => v === avroConverterClass),
  );
  const schemaRegistry = usesAvro
    ? await LogSchemaRegistry.start({ connections, clientId: 'connect-schema-registry' })
    : undefined;
  const registry = PluginRegistry.withBuiltins(schemaRegistry !== undefined ? { schemaRegistry } : {});
  const logger = pino({ level: options.logLevel, base: { app: 'tributary-connect' } }, pino.destination(2));
  const clock = new SystemClock();
  const ports = { clock, random: new SystemRandom(), fs, log: () => {} };
  const problems = connectors.flatMap(({ file, props }) =>
    validateConnector(plugins, registry, ports, props).problems.map((p) => ({
      key: `${file}: ${p.key}`,
      message: p.message,
    })),
  );
  if (problems.length > 0) {
    await schemaRegistry?.close();
    throw new ConnectorConfigError('', problems);
  }
  const worker = await Worker.start({
    connections,
    config,
    clock,
    fs,
    plugins,
    registry,
    logger: logger.child({ component: 'worker' }),
  });
  try {
    for (const { props } of connectors) await worker.addConnector(props);
  } catch (err) {
    await worker.stop();
    await schemaRegistry?.close();
    throw err;
  }
  process.stdout.write(`Connect worker ready. Connectors: ${worker.connectorNames().join(', ')}\n`);
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string): void => {
      logger.info({ signal }, 'stopping the connect worker');
      resolve();
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });
  await worker.stop();
  await schemaRegistry?.close();
  logger.info('connect worker stopped cleanly');
}

interface StateOptions extends ClusterOptions {
  readonly worker?: string;
}

/** Reads the internal topics named by the worker file (or the defaults) without creating them. */
async function withWorkerState<T>(
  options: StateOptions,
  fn: (state: {
    configs: KafkaConfigStore;
    statuses: KafkaStatusStore;
    offsets: KafkaOffsetStore;
    found: boolean;
  }) => T,
): Promise<T> {
  const fs = new NodeFileSystem();
  const raw = options.worker !== undefined ? loadWorkerConfigFile(fs, options.worker) : {};
  const config: WorkerConfig = parseWorkerConfig({ ...readOnlyWorkerDefaults, ...raw });
  const connections = connectionsFor(options, 'connect-tool');
  const clock = new SystemClock();
  const producer = new Producer(connections, { clock });
  const admin = new Admin(connections, {
    clock,
    config: { 'default.api.timeout.ms': cliApiTimeoutMsDefault },
  });
  const log = (topic: WorkerConfig['offsetStorage'], suffix: string) =>
    new KafkaBasedLog({ topic, connections, clock, producer, admin, clientId: `connect-tool-${suffix}` });
  const configs = new KafkaConfigStore(log(config.configStorage, 'configs'));
  const statuses = new KafkaStatusStore(log(config.statusStorage, 'status'));
  const offsets = new KafkaOffsetStore(log(config.offsetStorage, 'offsets'));
  try {
    const found = [await configs.load(), await statuses.load(), await offsets.load()].some((x) => x);
    return fn({ configs, statuses, offsets, found });
  } finally {
    await producer.close({ timeoutMs: 0 });
    await admin.close();
  }
}

/** Prints connectors with their state and their tasks' states, as the status topic last recorded them. */
export async function printStatus(names: readonly string[], options: StateOptions): Promise<void> {
  await withWorkerState(options, ({ configs, statuses }) => {
    const all = [...new Set([...configs.connectors().map((c) => c.name), ...statuses.names()])].sort();
    const wanted = names.length > 0 ? names : all;
    const rows: string[][] = [];
    for (const name of wanted) {
      const status = statuses.status(name);
      const stored = configs.connector(name);
      if (stored === undefined && status.connector === null) {
        rows.push([name, '-', 'NOT FOUND', '-', '']);
        continue;
      }
      const cls = stored?.config['connector.class'] ?? '-';
      rows.push([name, '-', status.connector?.state ?? 'UNASSIGNED', status.connector?.workerId ?? '-', cls]);
      for (const [id, t] of [...status.tasks].sort((a, b) => a[0] - b[0])) {
        const firstLine = t.trace?.split('\n')[0] ?? '';
        rows.push([name, String(id), t.state, t.workerId, firstLine]);
      }
    }
    if (rows.length === 0) {
      process.stdout.write('No connectors.\n');
      return;
    }
    printTable(['CONNECTOR', 'TASK', 'STATE', 'WORKER', 'DETAIL'], rows);
  });
}

/** Prints a connector's committed source offsets: the source partition and its offset, as JSON. */
export async function printOffsets(name: string, options: StateOptions): Promise<void> {
  await withWorkerState(options, ({ offsets }) => {
    const stored = offsets.offsets(name);
    if (stored.length === 0) {
      process.stdout.write(`No committed offsets for ${name}.\n`);
      return;
    }
    printTable(
      ['PARTITION', 'OFFSET'],
      stored.map((o) => [JSON.stringify(o.partition), JSON.stringify(o.offset)]),
    );
  });
}

/** Validates connector files without a cluster; prints every problem; resolves false if any. */
export function validateFiles(files: readonly string[]): boolean {
  const fs = new NodeFileSystem();
  const plugins = builtinConnectorPlugins();
  // Validation needs no cluster: the Avro converter validates against a registry in memory.
  const registry = PluginRegistry.withBuiltins({ schemaRegistry: new InMemorySchemaRegistry() });
  const ports = { clock: new SystemClock(), random: new SystemRandom(), fs, log: () => {} };
  let ok = true;
  for (const file of files) {
    const props = loadConnectorConfigFile(fs, file);
    const { problems } = validateConnector(plugins, registry, ports, props);
    if (problems.length === 0) {
      process.stdout.write(`${file}: valid (${props['name'] ?? '?'})\n`);
      continue;
    }
    ok = false;
    process.stdout.write(`${file}: ${problems.length} error(s)\n`);
    for (const p of problems) process.stdout.write(`  ${p.key}: ${p.message}\n`);
  }
  return ok;
}

/** Registers `tributary connect ...`. */
export function registerConnectCommand(program: Command): void {
  const connect = program.command('connect').description('run connectors and inspect their state');
  connect
    .command('standalone <worker.json> <connector.json...>')
    .description('run a Connect worker with the given connectors until interrupted')
    .addOption(new Option('--bootstrap-servers <list>', "override the worker file's bootstrap.servers"))
    .option('--log-level <level>', 'pino log level (logs go to stderr)', 'info')
    .action((workerFile: string, connectorFiles: string[], opts: StandaloneOptions) =>
      runCommand(() =>
        runStandalone(
          nodePath.resolve(workerFile),
          connectorFiles.map((f) => nodePath.resolve(f)),
          opts,
        ),
      ),
    );
  const workerOption = (c: Command) =>
    withBootstrapServers(c).option(
      '--worker <worker.json>',
      'worker file naming the internal topics (default __connect_*)',
    );
  workerOption(
    connect.command('status [connectors...]').description('connector and task states from the status topic'),
  ).action((names: string[], opts: StateOptions) => runCommand(() => printStatus(names, opts)));
  workerOption(
    connect.command('offsets <connector>').description("a source connector's committed offsets"),
  ).action((name: string, opts: StateOptions) => runCommand(() => printOffsets(name, opts)));
  connect
    .command('plugins')
    .description('the connector classes this worker can run')
    .action(() => {
      printTable(
        ['CLASS', 'TYPE', 'ALIASES'],
        builtinConnectorPlugins()
          .list()
          .map((p) => [p.className, p.type, p.aliases.join(', ')]),
      );
    });
  connect
    .command('validate <connector.json...>')
    .description('check connector files (keys, connector class, transforms, converters) without running them')
    .action((files: string[]) =>
      runCommand(async () => {
        if (!validateFiles(files.map((f) => nodePath.resolve(f)))) process.exitCode = 1;
      }),
    );
}
