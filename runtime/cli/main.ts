import { Command, InvalidArgumentError } from 'commander';
import { runLogDemo } from './log-demo.ts';

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

await program.parseAsync(process.argv);
