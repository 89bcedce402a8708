/** Kafka's on-disk names: segments by 20-digit base offset, partition folders `<topic>-<partition>`. */

export const logFileSuffix = '.log';
export const indexFileSuffix = '.index';
export const timeIndexFileSuffix = '.timeindex';
/** Files waiting for removal after retention or a cleaner swap. */
export const deletedFileSuffix = '.deleted';
/** The cleaner's output before it is promoted. */
export const cleanedFileSuffix = '.cleaned';
/** A cleaned segment promoted but not yet renamed into place. */
export const swapFileSuffix = '.swap';
/** writeFileAtomic's temporary file. */
export const tmpFileSuffix = '.tmp';
/** A partition folder renamed for deletion. */
export const deleteDirSuffix = '-delete';

export const cleanShutdownFileName = '.kafka_cleanshutdown';
export const recoveryPointCheckpointName = 'recovery-point-offset-checkpoint';
export const logStartOffsetCheckpointName = 'log-start-offset-checkpoint';
export const replicationOffsetCheckpointName = 'replication-offset-checkpoint';
export const cleanerOffsetCheckpointName = 'cleaner-offset-checkpoint';
export const leaderEpochCheckpointName = 'leader-epoch-checkpoint';

const offsetDigits = 20;

/** `00000000000000368769` for 368769. */
export function offsetFileStem(offset: number): string {
  return String(offset).padStart(offsetDigits, '0');
}

/** The base offset a segment file name encodes, or undefined for names that are not segment files. */
export function parseOffsetStem(name: string): number | undefined {
  const stem = name.slice(0, name.indexOf('.') === -1 ? name.length : name.indexOf('.'));
  if (stem.length !== offsetDigits || !/^\d+$/.test(stem)) return undefined;
  const value = Number(stem);
  return Number.isSafeInteger(value) ? value : undefined;
}

export interface TopicPartitionName {
  topic: string;
  partition: number;
}

export function partitionDirName(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

/** Splits `<topic>-<partition>` at the last dash; undefined when the name is not a partition folder. */
export function parsePartitionDirName(name: string): TopicPartitionName | undefined {
  const dash = name.lastIndexOf('-');
  if (dash <= 0) return undefined;
  const digits = name.slice(dash + 1);
  if (!/^\d+$/.test(digits)) return undefined;
  const partition = Number(digits);
  if (!Number.isSafeInteger(partition) || partition > 2 ** 31 - 1) return undefined;
  return { topic: name.slice(0, dash), partition };
}
