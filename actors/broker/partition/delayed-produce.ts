import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import type { Clock, Timer } from '../../../core/io/index.ts';
import type { AppendResult } from '../../../core/log/index.ts';

interface Waiter {
  /** The high watermark that acknowledges the append: its last offset + 1. */
  readonly requiredHighWatermark: number;
  readonly result: AppendResult;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (err: KafkaError) => void;
  /** When the append times out, on the Clock. */
  readonly deadlineMs: number;
  readonly timeoutMs: number;
  done: boolean;
}

/** Waiters per partition the purgatory holds at most; beyond it acks=all appends fail fast (a bound on memory). */
export const delayedProduceWaitersMax = 100_000;

/**
 * The delayed-produce purgatory of one partition leader: acks=all appends wait here until the high
 * watermark passes their last offset, their timeout passes on the Clock, or the leader gives up
 * (leadership lost, ISR below min.insync.replicas). Waiters arrive in offset order, so completion
 * pops from the head. One Clock timer serves them all (armed at the earliest deadline, re-armed when it
 * fires): a timer per append cost a timer insert and cancel per produce request on the hot path.
 */
export class DelayedProducePurgatory {
  private readonly clock: Clock;
  private waiters: Waiter[] = [];
  private head = 0;
  /** Waiters not yet completed, failed or timed out (timed-out ones stay in the array until the head passes). */
  private live = 0;
  private timer: Timer | undefined;
  /** The deadline the timer is armed for. */
  private timerDueMs = Number.POSITIVE_INFINITY;

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
      const deadlineMs = this.clock.now() + Math.max(0, timeoutMs);
      this.waiters.push({
        requiredHighWatermark: result.lastOffset + 1,
        result,
        resolve,
        reject,
        deadlineMs,
        timeoutMs,
        done: false,
      });
      this.live++;
      if (deadlineMs < this.timerDueMs) this.arm(deadlineMs);
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
      w.resolve(w.result);
    }
    // A timer armed for a completed waiter stays: when it fires it re-arms for the earliest live one.
    if (this.live === 0) this.disarm();
    this.compact();
  }

  /** Fails every waiting append with `code` (leadership lost, ISR shrank below the minimum). */
  failAll(code: ErrorCode, message: string): void {
    const pending = this.waiters.slice(this.head);
    this.waiters = [];
    this.head = 0;
    this.live = 0;
    this.disarm();
    for (const w of pending) {
      if (w.done) continue;
      w.done = true;
      w.reject(new KafkaError(code, message));
    }
  }

  private arm(dueMs: number): void {
    this.timer?.cancel();
    this.timerDueMs = dueMs;
    this.timer = this.clock.setTimeout(() => this.expire(), Math.max(0, dueMs - this.clock.now()));
  }

  private disarm(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.timerDueMs = Number.POSITIVE_INFINITY;
  }

  /** The timer fired: time out every live waiter whose deadline has passed, then re-arm for the next. */
  private expire(): void {
    this.timer = undefined;
    this.timerDueMs = Number.POSITIVE_INFINITY;
    const now = this.clock.now();
    let next = Number.POSITIVE_INFINITY;
    const expired: Waiter[] = [];
    for (let i = this.head; i < this.waiters.length; i++) {
      const w = this.waiters[i]!;
      if (w.done) continue;
      if (w.deadlineMs <= now) {
        w.done = true;
        this.live--;
        expired.push(w);
      } else if (w.deadlineMs < next) next = w.deadlineMs;
    }
    if (next !== Number.POSITIVE_INFINITY) this.arm(next);
    for (const w of expired) {
      w.reject(
        new KafkaError(
          ErrorCode.REQUEST_TIMED_OUT,
          `offsets ${w.result.baseOffset}..${w.result.lastOffset} not replicated to the ISR within ${w.timeoutMs} ms`,
        ),
      );
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
