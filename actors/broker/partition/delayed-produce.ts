import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import type { Clock, Timer } from '../../../core/io/index.ts';
import type { AppendResult } from '../../../core/log/index.ts';

interface Waiter {
  /** The high watermark that acknowledges the append: its last offset + 1. */
  readonly requiredHighWatermark: number;
  readonly result: AppendResult;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (err: KafkaError) => void;
  readonly timer: Timer;
  done: boolean;
}

/** Waiters per partition the purgatory holds at most; beyond it acks=all appends fail fast (a bound on memory). */
export const delayedProduceWaitersMax = 100_000;

/**
 * The delayed-produce purgatory of one partition leader: acks=all appends wait here until the high
 * watermark passes their last offset, their timeout passes on the Clock, or the leader gives up
 * (leadership lost, ISR below min.insync.replicas). Waiters arrive in offset order, so completion
 * pops from the head.
 */
export class DelayedProducePurgatory {
  private readonly clock: Clock;
  private waiters: Waiter[] = [];
  private head = 0;
  /** Waiters not yet completed, failed or timed out (timed-out ones stay in the array until the head passes). */
  private live = 0;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  get size(): number {
    return this.live;
  }

  /** Waits until `complete(hw)` sees hw >= result.lastOffset + 1, or `timeoutMs` passes (REQUEST_TIMED_OUT). */
  wait(result: AppendResult, timeoutMs: number): Promise<AppendResult> {
    if (this.size >= delayedProduceWaitersMax) {
      return Promise.reject(
        new KafkaError(ErrorCode.REQUEST_TIMED_OUT, `${this.size} appends already wait for replication`),
      );
    }
    return new Promise<AppendResult>((resolve, reject) => {
      const waiter: Waiter = {
        requiredHighWatermark: result.lastOffset + 1,
        result,
        resolve,
        reject,
        done: false,
        timer: this.clock.setTimeout(() => {
          if (waiter.done) return;
          waiter.done = true;
          this.live--;
          reject(
            new KafkaError(
              ErrorCode.REQUEST_TIMED_OUT,
              `offsets ${result.baseOffset}..${result.lastOffset} not replicated to the ISR within ${timeoutMs} ms`,
            ),
          );
        }, timeoutMs),
      };
      this.waiters.push(waiter);
      this.live++;
    });
  }

  /** Acknowledges every waiter whose records are now below the high watermark. */
  complete(highWatermark: number): void {
    while (this.head < this.waiters.length) {
      const w = this.waiters[this.head]!;
      if (!w.done && w.requiredHighWatermark > highWatermark) break;
      this.head++;
      if (w.done) continue;
      w.done = true;
      this.live--;
      w.timer.cancel();
      w.resolve(w.result);
    }
    this.compact();
  }

  /** Fails every waiting append with `code` (leadership lost, ISR shrank below the minimum). */
  failAll(code: ErrorCode, message: string): void {
    const pending = this.waiters.slice(this.head);
    this.waiters = [];
    this.head = 0;
    this.live = 0;
    for (const w of pending) {
      if (w.done) continue;
      w.done = true;
      w.timer.cancel();
      w.reject(new KafkaError(code, message));
    }
  }

  private compact(): void {
    // Timed-out waiters stay in place until the head passes them; drop the consumed prefix now and then.
    if (this.head > 1024 && this.head * 2 > this.waiters.length) {
      this.waiters = this.waiters.slice(this.head);
      this.head = 0;
    }
  }
}
