/**
 * The consumer as an RxJS Observable of records. A pump polls the consumer and hands records to the
 * subscriber through a bounded buffer: while `bufferSize` records are outstanding (polled and not yet
 * processed) it stops polling, and since the fetcher only fetches a partition again once its buffered
 * records were taken, fetching stops too. Memory stays bounded however slow the subscriber is.
 *
 * A record counts as processed when the subscriber's `next` returns (`ackMode: 'next'`, the default, for
 * synchronous pipelines), or when `ack()` is called (`ackMode: 'manual'`, for asynchronous work such as
 * `concatMap(save)` followed by `tap(() => records$.ack())`).
 *
 * ```ts
 * const records$ = consumer.asObservable({ bufferSize: 500, ackMode: 'manual' });
 * records$.pipe(concatMap((r) => from(save(r))), tap(() => records$.ack())).subscribe();
 * ```
 *
 * Unsubscribing stops the pump but does not close the consumer. One subscription at a time (the
 * consumer has one poll loop); a second concurrent subscriber gets an error. With auto-commit the
 * consumer may commit records that are buffered here but not yet processed: for at-least-once, disable
 * auto-commit and commit after processing.
 */
import { Observable, type Subscriber } from 'rxjs';
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import type { ConsumerRecord } from './consumer-record.ts';
import { IllegalStateError } from './errors.ts';

/** What the adapter needs from the consumer (the Consumer class provides it). */
export interface PollableConsumer<K, V> {
  poll(timeoutMs: number): Promise<ConsumerRecord<K, V>[]>;
  wakeup(): void;
  readonly closed: boolean;
}

export interface ObservableOptions {
  /** Outstanding records (polled, not yet processed) at which polling stops. Default 1000. */
  readonly bufferSize?: number;
  /** How long each poll waits. Default 1000 ms. */
  readonly pollTimeoutMs?: number;
  /** When a record counts as processed: when `next` returns (default) or on `ack()`. */
  readonly ackMode?: 'next' | 'manual';
}

export const observableBufferSizeDefault = 1000;
const observablePollTimeoutMsDefault = 1000;

interface PumpState {
  stopped: boolean;
  /** Emitted but not yet processed (manual ack) plus queued. */
  outstanding: number;
  /** Resolves the pump's wait for buffer space. */
  spaceWaiter: (() => void) | null;
}

export class ConsumerObservable<K, V> extends Observable<ConsumerRecord<K, V>> {
  readonly bufferSize: number;
  readonly ackMode: 'next' | 'manual';
  private readonly consumer: PollableConsumer<K, V>;
  private readonly pollTimeoutMs: number;
  private active: PumpState | null = null;
  private pumpDone: Promise<void> = Promise.resolve();
  /** Times the pump found the buffer full and stopped polling. */
  pausedCount = 0;

  constructor(consumer: PollableConsumer<K, V>, options: ObservableOptions = {}) {
    const holder: { self?: ConsumerObservable<K, V> } = {};
    super((subscriber) => holder.self!.start(subscriber));
    holder.self = this;
    this.consumer = consumer;
    this.bufferSize = options.bufferSize ?? observableBufferSizeDefault;
    this.pollTimeoutMs = options.pollTimeoutMs ?? observablePollTimeoutMsDefault;
    this.ackMode = options.ackMode ?? 'next';
    if (!Number.isInteger(this.bufferSize) || this.bufferSize < 1)
      throw new KafkaError(
        ErrorCode.INVALID_CONFIG,
        `bufferSize must be a positive integer, got ${this.bufferSize}`,
      );
    if (!Number.isFinite(this.pollTimeoutMs) || this.pollTimeoutMs < 0)
      throw new KafkaError(ErrorCode.INVALID_CONFIG, `pollTimeoutMs must be >= 0, got ${this.pollTimeoutMs}`);
    if (this.ackMode !== 'next' && this.ackMode !== 'manual')
      throw new KafkaError(
        ErrorCode.INVALID_CONFIG,
        `ackMode must be 'next' or 'manual', got ${String(this.ackMode)}`,
      );
  }

  /** Records polled and not yet processed by the current subscriber. */
  get buffered(): number {
    return this.active?.outstanding ?? 0;
  }

  /** Whether the pump is holding off polling because the buffer is full. */
  get full(): boolean {
    return this.active !== null && this.active.outstanding >= this.bufferSize;
  }

  /** Manual ack mode: marks `count` outstanding records processed (polling resumes below the bound). */
  ack(count = 1): void {
    const state = this.active;
    if (state === null) return;
    state.outstanding = Math.max(0, state.outstanding - count);
    if (state.outstanding < this.bufferSize) {
      const w = state.spaceWaiter;
      state.spaceWaiter = null;
      w?.();
    }
  }

  private start(subscriber: Subscriber<ConsumerRecord<K, V>>): () => void {
    if (this.active !== null) {
      subscriber.error(new IllegalStateError('the consumer observable already has a subscriber'));
      return () => undefined;
    }
    const state: PumpState = { stopped: false, outstanding: 0, spaceWaiter: null };
    this.active = state;
    const previous = this.pumpDone;
    this.pumpDone = previous
      .then(() => this.pump(state, subscriber))
      .catch((error: unknown) => {
        if (!state.stopped) subscriber.error(error);
      })
      .finally(() => {
        if (this.active === state) this.active = null;
      });
    return () => {
      state.stopped = true;
      if (this.active === state) this.active = null;
      const w = state.spaceWaiter;
      state.spaceWaiter = null;
      w?.();
      this.consumer.wakeup();
    };
  }

  private async pump(state: PumpState, subscriber: Subscriber<ConsumerRecord<K, V>>): Promise<void> {
    while (!state.stopped && !this.consumer.closed) {
      if (state.outstanding >= this.bufferSize) {
        this.pausedCount++;
        await new Promise<void>((resolve) => {
          state.spaceWaiter = resolve;
        });
        continue;
      }
      const records = await this.consumer.poll(this.pollTimeoutMs);
      for (const record of records) {
        if (state.stopped) return;
        state.outstanding++;
        subscriber.next(record);
        if (this.ackMode === 'next') state.outstanding--;
      }
    }
    if (!state.stopped) subscriber.complete();
  }
}

/** The consumer as an Observable of records over a bounded buffer (see the file comment). */
export function toObservable<K, V>(
  consumer: PollableConsumer<K, V>,
  options: ObservableOptions = {},
): ConsumerObservable<K, V> {
  return new ConsumerObservable(consumer, options);
}
