/**
 * Decides how far the replication slot may be confirmed (the flush LSN of a Standby Status Update).
 *
 * A transaction's end LSN may be confirmed only once every record emitted for it, and for every
 * transaction emitted before it, has been acknowledged by our log: confirming tells the server it may
 * drop that WAL and never send those changes again, so confirming earlier would lose them on a crash.
 *
 * Keepalives advance the slot when nothing is pending (an idle database, or only changes to tables
 * that are not captured), so WAL does not pile up behind an idle slot. A keepalive's LSN covers every
 * transaction that committed before it, which arrived on the connection before the keepalive; it may be
 * confirmed once the task has processed all the messages that arrived before it and every emitted
 * record is acknowledged.
 */
export class LsnAckTracker {
  /** Emitted transactions not yet fully acknowledged, in emission (commit) order. */
  private readonly pending: { readonly endLsn: number; readonly unacked: Set<number> }[] = [];
  private readonly byLsn = new Map<number, { readonly endLsn: number; readonly unacked: Set<number> }>();
  private keepalive: { readonly lsn: number; readonly seq: number } | undefined;
  private confirmedLsn: number;
  private lastEmittedLsn = -1;

  /** `confirmedLsn`: the slot's confirmed_flush_lsn when streaming started; never confirmed below. */
  constructor(confirmedLsn: number) {
    this.confirmedLsn = confirmedLsn;
  }

  get confirmed(): number {
    return this.confirmedLsn;
  }

  /** Transactions emitted but not fully acknowledged. */
  get pendingTransactions(): number {
    return this.pending.length;
  }

  /**
   * A transaction was emitted with records numbered `events` (none: it had no captured changes, or all
   * of them were emitted before a restart). Transactions must be registered in commit order.
   */
  emitted(endLsn: number, events: readonly number[]): void {
    if (endLsn <= this.lastEmittedLsn) {
      throw new Error(
        `transaction ending at ${endLsn} registered after one ending at ${this.lastEmittedLsn}`,
      );
    }
    this.lastEmittedLsn = endLsn;
    const entry = { endLsn, unacked: new Set(events) };
    this.pending.push(entry);
    this.byLsn.set(endLsn, entry);
    this.advance();
  }

  /** Our log acknowledged record `event` of the transaction ending at `endLsn`. */
  acked(endLsn: number, event: number): void {
    const entry = this.byLsn.get(endLsn);
    if (entry === undefined) return; // already complete (a duplicate ack), or from before a restart
    entry.unacked.delete(event);
    this.advance();
  }

  /**
   * A keepalive at `lsn` arrived after the `seq`-th data message. It is kept until it can be confirmed
   * (see `idle`); a later keepalive replaces it.
   */
  keepaliveReceived(lsn: number, seq: number): void {
    this.keepalive = { lsn, seq };
  }

  /**
   * Confirms the latest keepalive if the task has processed every message up to `processedSeq`, that
   * covers the keepalive, no transaction is half-read (`inTransaction`), and nothing is pending.
   */
  idle(processedSeq: number, inTransaction: boolean): void {
    const k = this.keepalive;
    if (k === undefined || inTransaction || this.pending.length > 0 || processedSeq < k.seq) return;
    this.keepalive = undefined;
    if (k.lsn > this.confirmedLsn) this.confirmedLsn = k.lsn;
  }

  private advance(): void {
    while (this.pending.length > 0 && this.pending[0]!.unacked.size === 0) {
      const done = this.pending.shift()!;
      this.byLsn.delete(done.endLsn);
      if (done.endLsn > this.confirmedLsn) this.confirmedLsn = done.endLsn;
    }
  }
}
