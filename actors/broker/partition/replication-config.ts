import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';

/**
 * The replication settings a partition replica obeys, with Kafka's names and defaults:
 * `min.insync.replicas` is a topic config, the others are broker configs.
 */
export interface ReplicationConfig {
  /** `min.insync.replicas`: acks=all needs at least this many in-sync replicas (and the HW advances only then). */
  readonly minInsyncReplicas: number;
  /** `replica.lag.time.max.ms`: a follower not caught up to the leader's LEO for this long leaves the ISR. */
  readonly replicaLagTimeMaxMs: number;
  /** `replica.fetch.backoff.ms`: how long a follower waits after a failed fetch. */
  readonly replicaFetchBackoffMs: number;
  /** `replica.fetch.max.bytes`: bytes a follower asks for per partition and fetch. */
  readonly replicaFetchMaxBytes: number;
  /** `replica.fetch.wait.max.ms`: how long the leader holds a follower fetch that finds no new data. */
  readonly replicaFetchWaitMaxMs: number;
  /** `replica.socket.timeout.ms`: a follower fetch with no answer in this long fails (and backs off). */
  readonly replicaSocketTimeoutMs: number;
}

export const replicationConfigDefaults: ReplicationConfig = Object.freeze({
  minInsyncReplicas: 1,
  replicaLagTimeMaxMs: 30_000,
  replicaFetchBackoffMs: 1_000,
  replicaFetchMaxBytes: 1024 * 1024,
  replicaFetchWaitMaxMs: 500,
  replicaSocketTimeoutMs: 30_000,
});

const keyNames: Record<keyof ReplicationConfig, string> = {
  minInsyncReplicas: 'min.insync.replicas',
  replicaLagTimeMaxMs: 'replica.lag.time.max.ms',
  replicaFetchBackoffMs: 'replica.fetch.backoff.ms',
  replicaFetchMaxBytes: 'replica.fetch.max.bytes',
  replicaFetchWaitMaxMs: 'replica.fetch.wait.max.ms',
  replicaSocketTimeoutMs: 'replica.socket.timeout.ms',
};

/** The defaults with `overrides` applied; every value must be a positive safe integer (else INVALID_CONFIG naming the key). */
export function replicationConfig(overrides: Partial<ReplicationConfig> = {}): ReplicationConfig {
  const merged: ReplicationConfig = { ...replicationConfigDefaults, ...overrides };
  for (const key of Object.keys(keyNames) as Array<keyof ReplicationConfig>) {
    const value = merged[key];
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new KafkaError(
        ErrorCode.INVALID_CONFIG,
        `${keyNames[key]} must be a positive integer, got ${String(value)}`,
      );
    }
  }
  return Object.freeze(merged);
}
