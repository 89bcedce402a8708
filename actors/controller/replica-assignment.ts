import { ErrorCode, KafkaError } from '../../core/errors/index.ts';

/**
 * Kafka's rack-unaware replica assignment (AdminUtils.assignReplicasToBrokers): the first replica of
 * partition p goes to broker (start + p) mod n; followers are shifted by an increment that changes
 * every n partitions, so leaders and followers spread evenly and no broker holds two replicas of a
 * partition. `start` and `shift` come from the caller (random in production, fixed in tests).
 */
export function assignReplicas(
  brokerIds: readonly number[],
  partitions: number,
  replicationFactor: number,
  options: { start: number; shift: number; firstPartition?: number },
): number[][] {
  if (partitions <= 0)
    throw new KafkaError(ErrorCode.INVALID_PARTITIONS, `number of partitions must be > 0, got ${partitions}`);
  if (replicationFactor <= 0) {
    throw new KafkaError(
      ErrorCode.INVALID_REPLICATION_FACTOR,
      `replication factor must be > 0, got ${replicationFactor}`,
    );
  }
  const brokers = [...brokerIds].sort((a, b) => a - b);
  const n = brokers.length;
  if (replicationFactor > n) {
    throw new KafkaError(
      ErrorCode.INVALID_REPLICATION_FACTOR,
      `replication factor ${replicationFactor} larger than available brokers ${n}`,
    );
  }
  const first = options.firstPartition ?? 0;
  const start = ((options.start % n) + n) % n;
  let shift = ((options.shift % n) + n) % n;
  const out: number[][] = [];
  for (let i = 0; i < partitions; i++) {
    const p = first + i;
    if (p > 0 && p % n === 0) shift++;
    const firstReplica = (p + start) % n;
    const replicas = [brokers[firstReplica]!];
    for (let j = 0; j < replicationFactor - 1; j++) {
      const offset = 1 + ((shift + j) % (n - 1));
      replicas.push(brokers[(firstReplica + offset) % n]!);
    }
    out.push(replicas);
  }
  return out;
}
