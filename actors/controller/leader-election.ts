/**
 * Kafka's leader election: the first replica in assignment order (the preferred replica first) that
 * is alive and in the ISR. With `unclean.leader.election.enable`, and only when no ISR member is
 * alive, the first live replica outside the ISR (committed records it lacks are lost). Returns -1 when
 * no replica can lead: the partition stays offline.
 */
export function electLeader(
  replicas: readonly number[],
  isr: readonly number[],
  isAlive: (brokerId: number) => boolean,
  uncleanLeaderElectionEnable: boolean,
): { leader: number; unclean: boolean } {
  for (const r of replicas) if (isr.includes(r) && isAlive(r)) return { leader: r, unclean: false };
  if (uncleanLeaderElectionEnable) {
    for (const r of replicas) if (isAlive(r)) return { leader: r, unclean: true };
  }
  return { leader: -1, unclean: false };
}
