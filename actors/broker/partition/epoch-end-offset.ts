import {
  undefinedEpoch,
  undefinedEpochOffset,
  type EpochEndOffset,
  type PartitionLog,
} from '../../../core/log/index.ts';

/**
 * OffsetsForLeaderEpoch with Kafka's exact semantics (LeaderEpochFileCache.endOffsetFor), which the
 * replication protocol depends on:
 * - the latest epoch ends at the log end offset;
 * - an epoch older than every known one ends where the first known epoch starts (so a follower whose
 *   log holds only a newer, divergent epoch truncates to that start instead of keeping its tail);
 * - an epoch newer than every known one (other than the latest) is undefined;
 * - otherwise the largest epoch <= the requested one, ending where the next epoch starts.
 */
export function endOffsetForEpoch(log: PartitionLog, requested: number): EpochEndOffset {
  const cache = log.leaderEpochCache;
  if (requested === undefinedEpoch) return { epoch: undefinedEpoch, endOffset: undefinedEpochOffset };
  // The common case on every follower fetch, without copying the entries.
  if (requested === cache.latestEpoch()) return { epoch: requested, endOffset: log.logEndOffset };
  const entries = cache.epochEntries();
  let higher = -1;
  for (let i = 0; i < entries.length; i++) {
    if (entries[i]!.epoch > requested) {
      higher = i;
      break;
    }
  }
  if (higher < 0) return { epoch: undefinedEpoch, endOffset: undefinedEpochOffset };
  const higherStart = entries[higher]!.startOffset;
  if (higher === 0) return { epoch: requested, endOffset: higherStart };
  return { epoch: entries[higher - 1]!.epoch, endOffset: higherStart };
}
