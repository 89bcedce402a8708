// Test support for PartitionLog tests: the log of topic t, partition 0 on a simulated disk and clock.
import { SimulatedClock, SimulatedFileSystem } from '../io/index.ts';
import { LogConfig } from './log-config.ts';
import { PartitionLog, type PartitionLogOptions } from './partition-log.ts';

/** The log's folder on the simulated disk. */
export const logDir = '/data/t-0';

/**
 * A fresh disk and clock with the log opened on them under `config`; `options(extra)` gives the same
 * options (plus `extra`) to reopen it, as after a restart.
 */
export function setupLog(config: Record<string, unknown> = {}): {
  fs: SimulatedFileSystem;
  clock: SimulatedClock;
  options: (extra?: Partial<PartitionLogOptions>) => PartitionLogOptions;
  log: PartitionLog;
} {
  const fs = new SimulatedFileSystem();
  const clock = new SimulatedClock();
  const options = (extra: Partial<PartitionLogOptions> = {}): PartitionLogOptions => ({
    fs,
    clock,
    dir: logDir,
    topic: 't',
    partition: 0,
    config: LogConfig.from(config),
    ...extra,
  });
  return { fs, clock, options, log: PartitionLog.open(options()) };
}
