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
   * OffsetsForLeaderEpoch: the largest epoch <= `requested` we know, and the offset where the next
   * epoch after it starts (or the log end offset for the latest epoch). Unknown -> (-1, -1).
   */
  endOffsetFor(requested: number, logEndOffset: number): EpochEndOffset {
    if (requested === this.latestEpoch() && requested !== undefinedEpoch) {
      return { epoch: requested, endOffset: logEndOffset };
    }
    let floor = -1;
    for (let i = 0; i < this.entries.length; i++) if (this.entries[i]!.epoch <= requested) floor = i;
    if (floor < 0) return { epoch: undefinedEpoch, endOffset: undefinedEpochOffset };
    const next = this.entries[floor + 1];
    return {
      epoch: this.entries[floor]!.epoch,
      endOffset: next === undefined ? logEndOffset : next.startOffset,
    };
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
    if (this.entries.length > 0 && this.entries[this.entries.length - 1]!.startOffset > startOffset) return;
    this.entries.push({ epoch, startOffset });
  }

  private flush(): void {
    this.checkpoint?.write(this.entries);
  }
}
