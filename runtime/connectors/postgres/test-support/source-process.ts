/**
 * Runs the PostgreSQL source task in a process of its own against a cluster's TCP listeners, so a
 * test can kill it with SIGKILL at any point, as a crash would. Settings come as JSON in the
 * TRIBUTARY_SOURCE_RUN environment variable: `{ props, bootstrapServers, offsetsFile, commitIntervalMs }`.
 * It prints `progress <acked> <committed>` whenever those counts change; SIGTERM stops it cleanly.
 */
import { Producer } from '../../../../actors/client/producer/index.ts';
import { TcpConnectionFactory } from '../../../network/index.ts';
import { PostgresSourceTask } from '../postgres-source-task.ts';
import { FileOffsetStore, SourceDriver } from './source-driver.ts';

interface RunSettings {
  readonly props: Record<string, string>;
  readonly bootstrapServers: string[];
  readonly offsetsFile: string;
  readonly commitIntervalMs: number;
}

async function main(): Promise<void> {
  const settings = JSON.parse(process.env['TRIBUTARY_SOURCE_RUN'] ?? '') as RunSettings;
  const producer = new Producer<Buffer, Buffer>(
    new TcpConnectionFactory({ bootstrapServers: settings.bootstrapServers, clientId: 'pg-source' }),
    { config: { acks: 'all', 'linger.ms': 5 } },
  );
  const offsets = new FileOffsetStore(settings.offsetsFile);
  const task = new PostgresSourceTask();
  task.initialize({ configs: settings.props, offsetStorageReader: () => offsets });
  await task.start(settings.props);
  const driver = new SourceDriver(task, producer, offsets);
  let stopping = false;
  process.on('SIGTERM', () => {
    stopping = true;
  });
  let lastCommit = Date.now();
  let reported = '';
  while (!stopping) {
    await driver.step();
    if (Date.now() - lastCommit >= settings.commitIntervalMs) {
      await driver.commitOffsets();
      lastCommit = Date.now();
    }
    const line = `progress ${driver.acked} ${driver.committed}`;
    if (line !== reported) {
      process.stdout.write(`${line}\n`);
      reported = line;
    }
  }
  await producer.flush();
  await driver.commitOffsets();
  await task.stop();
  await producer.close();
  process.stdout.write(`stopped ${driver.acked} ${driver.committed}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`source process failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
