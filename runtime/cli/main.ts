import { Command, InvalidArgumentError } from 'commander';
import { runLogDemo } from './log-demo.ts';
import { runRun } from './run.ts';
import { runStart } from './start.ts';
import { registerConnectCommand } from './connect.ts';
import { registerConsumeCommand } from './consume.ts';
import { registerGroupsCommand } from './groups.ts';
import { registerProduceCommand } from './produce.ts';
import { registerTopicsCommand } from './topics.ts';
import { addBootstrapAliases } from './cluster-client.ts';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

const program = new Command('tributary')
  .description('Tributary: a Kafka-class streaming platform for Node.js')
  .showHelpAfterError();

program
  .command('demo')
  .description(
    'run the durable-log job on the embedded default: append, read back, verify, shut down cleanly',
  )
  .option('--data-dir <dir>', 'log directory', './data')
  .option('--records <n>', 'records to append', positiveInt, 1_000_000)
  .option('--batch <n>', 'records per batch', positiveInt, 1000)
  .option('--value-bytes <n>', 'bytes per record value', positiveInt, 100)
  .action((opts: { dataDir: string; records: number; batch: number; valueBytes: number }) => {
    runLogDemo({
      dataDir: opts.dataDir,
      records: opts.records,
      recordsPerBatch: opts.batch,
      valueBytes: opts.valueBytes,
    });
  });

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0 || n > 65535) throw new InvalidArgumentError('must be a TCP port');
  return n;
}

program
  .command('start')
  .description('run an embedded cluster in the foreground, serving the Kafka protocol on port+i for broker i')
  .option('--brokers <n>', 'number of brokers', positiveInt, 3)
  .option('--port <port>', 'port of the first broker', port, 9092)
  .option('--host <host>', 'listener and advertised host', '127.0.0.1')
  .option('--advertised-host <host>', 'host given to clients in Metadata (default: --host)')
  .option(
    '--advertised-base-port <port>',
    'port given to clients for broker i is this + i (default: --port)',
    port,
  )
  .option('--data-dir <dir>', 'data directory (broker i keeps its logs in <dir>/broker-i)', './data')
  .option('--partitions <n>', 'partitions of auto-created topics (num.partitions)', positiveInt, 1)
  .option('--replication-factor <n>', 'default.replication.factor (default: min(3, brokers))', positiveInt)
  .option('--log-level <level>', 'pino log level', 'info')
  .action(
    async (opts: {
      brokers: number;
      port: number;
      host: string;
      advertisedHost?: string;
      advertisedBasePort?: number;
      dataDir: string;
      partitions: number;
      replicationFactor?: number;
      logLevel: string;
    }) => {
      await runStart({
        brokers: opts.brokers,
        port: opts.port,
        host: opts.host,
        advertisedHost: opts.advertisedHost,
        advertisedBasePort: opts.advertisedBasePort,
        dataDir: opts.dataDir,
        partitions: opts.partitions,
        replicationFactor: opts.replicationFactor,
        logLevel: opts.logLevel,
      });
    },
  );

registerTopicsCommand(program);
registerProduceCommand(program);
registerConsumeCommand(program);
registerGroupsCommand(program);
registerConnectCommand(program);

program
  .command('run <app-module>')
  .description('run a module exporting a Streams topology (or a function building one) until SIGINT')
  .option('--bootstrap-servers <list>', 'brokers to connect to (host:port,...)', '127.0.0.1:9092')
  .option('--application-id <id>', "application.id (default: the module's config, else its file name)")
  .option('--threads <n>', 'num.stream.threads', positiveInt)
  .option('--config <key=value...>', 'further Kafka Streams settings', [])
  .option('--log-level <level>', 'pino log level', 'info')
  .action(
    async (
      module: string,
      opts: {
        bootstrapServers: string;
        applicationId?: string;
        threads?: number;
        config: string[];
        logLevel: string;
      },
    ) => {
      await runRun({ module, ...opts, configs: opts.config });
    },
  );

addBootstrapAliases(program);
await program.parseAsync(process.argv);
