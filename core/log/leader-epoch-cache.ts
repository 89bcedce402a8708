import type { EpochEntry, LeaderEpochCheckpointFile } from './checkpoint-file.ts';

/** Kafka's UNDEFINED_EPOCH / UNDEFINED_EPOCH_OFFSET, what OffsetsForLeaderEpoch answers for an unknown epoch. */
export const undefinedEpoch = -1;
export const undefinedEpochOffset = -1;

export interface EpochEndOffset {
  epoch: number;
  endOffset: number;
}

/**
 * Which leader epoch started at which offset (KIP-101): followers use it to find where their log
 * diverges from the leader's. Entries have strictly increasing epochs and non-decreasing start offsets;
 * every change is written to `leader-epoch-checkpoint` at once (tmp + fsync + rename).
 */
export class LeaderEpochCache {
  private entries: EpochEntry[];
  private readonly checkpoint: LeaderEpochCheckpointFile | undefined;

  constructor(checkpoint: LeaderEpochCheckpointFile | undefined, initial: readonly EpochEntry[] = []) {
    this.checkpoint = checkpoint;
    this.entries = [];
    for (const e of initial) this.insert(e.epoch, e.startOffset);
  }

  /** The entries, oldest first (a copy). */
  epochEntries(): EpochEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  latestEpoch(): number {
    return this.entries.length === 0 ? undefinedEpoch : this.entries[this.entries.length - 1]!.epoch;
  }

  /** Records that `epoch` starts at `startOffset` if it is newer than the latest epoch; persists it. */
  assign(epoch: number, startOffset: number): boolean {
    if (epoch < 0 || epoch <= this.latestEpoch()) return false;
    this.insert(epoch, startOffset);
    this.flush();
    return true;
  }

  /**
   * OffsetsForLeaderEpoch, exactly as Kafka's LeaderEpochFileCache.endOffsetFor:
   * - the latest epoch ends at the log end offset;
   * - an epoch newer than every known one is undefined (-1, -1);
   * - an epoch older than every known one answers (requested, start of the first known epoch), so a
   *   follower holding only a divergent older epoch truncates to where the leader's history begins;
   * - otherwise the largest epoch <= requested, ending where the next epoch starts.
   */
  endOffsetFor(requested: number, logEndOffset: number): EpochEndOffset {
    if (requested === undefinedEpoch) return { epoch: undefinedEpoch, endOffset: undefinedEpochOffset };
    if (requested === this.latestEpoch()) return { epoch: requested, endOffset: logEndOffset };
    const higher = this.entries.findIndex((e) => e.epoch > requested);
    if (higher < 0) return { epoch: undefinedEpoch, endOffset: undefinedEpochOffset };
    const higherStart = this.entries[higher]!.startOffset;
    if (higher === 0) return { epoch: requested, endOffset: higherStart };
    return { epoch: this.entries[higher - 1]!.epoch, endOffset: higherStart };
  }

  /** Drops entries starting at or after `endOffset` (the log was truncated there). */
  truncateFromEnd(endOffset: number): void {
    const kept = this.entries.filter((e) => e.startOffset < endOffset);
    if (kept.length === this.entries.length) return;
    this.entries = kept;
    this.flush();
  }

  /** The log now starts at `startOffset`: drop older epochs, keeping the one that covers it (moved up). */
  truncateFromStart(startOffset: number): void {
    let lastBelow = -1;
    for (let i = 0; i < this.entries.length; i++)
      if (this.entries[i]!.startOffset <= startOffset) lastBelow = i;
    if (lastBelow < 0) return;
    const covering = this.entries[lastBelow]!;
    if (lastBelow === 0 && covering.startOffset === startOffset) return;
    this.entries = [{ epoch: covering.epoch, startOffset }, ...this.entries.slice(lastBelow + 1)];
    this.flush();
  }

  /** Replaces everything (recovery rebuilt the cache from the batches). */
  reset(entries: readonly EpochEntry[]): void {
    this.entries = [];
    for (const e of entries) this.insert(e.epoch, e.startOffset);
    this.flush();
  }

  private insert(epoch: number, startOffset: number): void {
    // A newer epoch supersedes entries that claim to start at or after it (Kafka's assign semantics).
    this.entries = this.entries.filter((e) => e.epoch < epoch && e.startOffset < startOffset);
    this.entries.push({ epoch, startOffset });
  }

  private flush(): void {
    this.checkpoint?.write(this.entries);
  }
}
