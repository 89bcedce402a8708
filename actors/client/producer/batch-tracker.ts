/**
 * Per-partition bookkeeping of the batches the sender has drained and not finished: which are in
 * flight (sent, unanswered) and which came back for a retry and wait in the accumulator. From it
 * follow the ordering rules (Java's `RecordAccumulator.shouldStopDrainBatchesForPartition` and
 * `TransactionManager.canRetry`, KIP-360):
 *
 * - A retried batch of a partition goes out only when none of the partition's batches is in flight,
 *   so retries leave one at a time and in sequence order (the accumulator keeps them at the front).
 * - With idempotence, a new batch is drained only while the partition's batches from the oldest
 *   unfinished one to the newest sent span fewer than 5 (the broker remembers a producer's last 5
 *   batches per partition). So a retry whose earlier attempt was written is always still among the
 *   broker's last 5 and is answered as a duplicate with its original offset, even when later batches
 *   were acknowledged meanwhile (over another connection after a leader change, say).
 * - With idempotence, a new batch is not drained while the partition has batches in flight under an
 *   older producer epoch (the broker would take the new epoch's sequence 0 first and then refuse the
 *   old ones).
 * - With idempotence, until one batch of a partition has been acknowledged under the current producer
 *   id and epoch, only one batch of it is out at a time. A broker with no state for a producer accepts
 *   any sequence (Kafka since KIP-360, and core/log): if the first batch failed retriably while the
 *   second was in flight, the second would be written first and order lost.
 * - OUT_OF_ORDER_SEQUENCE_NUMBER for a batch with an earlier batch of its partition still outstanding
 *   is a consequence of that earlier batch's failure: retry it once the earlier one is through. With
 *   nothing earlier outstanding, the broker really lacks the sequences before it (an earlier batch
 *   failed for good or expired unsent): that batch and all later ones are known not to be in the
 *   log, so the partition is *reset*: the producer epoch is bumped and the partition's queued batches
 *   get sequences from 0 under it. UNKNOWN_PRODUCER_ID (the broker lost our state) resets the same way.
 *   Only batches the broker refused are ever given new sequences, so a reset cannot duplicate.
 */
import { ErrorCode, type KafkaError } from '../../../core/errors/index.ts';
import type { ProducerBatch } from '../producer-batch.ts';
import type { TopicPartition } from '../record-accumulator.ts';
import { idempotentInFlightMax } from './producer-config.ts';

/** Sequence numbers are int32 and wrap to 0 (NOTES 7). */
const sequenceModulus = 2 ** 31;

/** a comes before b in sequence space (differences below 2^30 count as "before"). */
function sequenceBefore(a: number, b: number): boolean {
  const diff = (b - a + sequenceModulus) % sequenceModulus;
  return diff !== 0 && diff < sequenceModulus / 2;
}

interface PartitionEntry {
  readonly tp: TopicPartition;
  /** Counts first sends of the partition's batches; a batch's number is its place in that order. */
  nextSendNumber: number;
  readonly inFlight: Set<ProducerBatch>;
  /** Batches put back into the accumulator for a retry, not yet drained again. */
  readonly retryQueued: Set<ProducerBatch>;
  /** A sequence gap was found: re-sequence under a new epoch once nothing is in flight. */
  resetPending: boolean;
}

/** What to do with a batch after an error. */
export type ErrorDecision = 'retry' | 'fail';

export interface BatchTrackerOptions {
  readonly idempotence: boolean;
  /** Without idempotence, `max.in.flight.requests.per.connection=1` keeps order: one batch per partition out. */
  readonly maxInFlightPerPartition: number;
}

function keyOf(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

export class BatchTracker {
  private readonly idempotence: boolean;
  private readonly maxInFlightPerPartition: number;
  private readonly entries = new Map<string, PartitionEntry>();
  /** Per partition, the `producerId:epoch` of its last acknowledged batch (kept after entries are pruned). */
  private readonly ackedUnder = new Map<string, string>();
  /** Each unfinished batch's number in its partition's send order. */
  private readonly sendNumbers = new WeakMap<ProducerBatch, number>();

  constructor(options: BatchTrackerOptions) {
    this.idempotence = options.idempotence;
    this.maxInFlightPerPartition = options.idempotence
      ? Math.min(options.maxInFlightPerPartition, idempotentInFlightMax)
      : options.maxInFlightPerPartition;
  }

  private entry(topic: string, partition: number): PartitionEntry {
    const key = keyOf(topic, partition);
    let e = this.entries.get(key);
    if (e === undefined) {
      e = {
        tp: { topic, partition },
        nextSendNumber: 0,
        inFlight: new Set(),
        retryQueued: new Set(),
        resetPending: false,
      };
      this.entries.set(key, e);
    }
    return e;
  }

  /** Drops an entry with nothing left in it (so the map does not grow with every partition ever used). */
  private prune(e: PartitionEntry): void {
    if (e.inFlight.size === 0 && e.retryQueued.size === 0 && !e.resetPending)
      this.entries.delete(keyOf(e.tp.topic, e.tp.partition));
  }

  /**
   * Whether the partition's head batch may be drained now, for the producer's current id and epoch.
   * See the file comment for the rules.
   */
  canDrain(tp: TopicPartition, producerId: number, producerEpoch: number): boolean {
    const e = this.entries.get(keyOf(tp.topic, tp.partition));
    if (e === undefined) return true;
    if (e.resetPending) return false;
    if (e.retryQueued.size > 0) return e.inFlight.size === 0;
    if (e.inFlight.size >= this.maxInFlightPerPartition) return false;
    if (!this.idempotence || e.inFlight.size === 0) return true;
    if (e.nextSendNumber - this.oldestSendNumber(e) >= idempotentInFlightMax) return false;
    if (this.ackedUnder.get(keyOf(tp.topic, tp.partition)) !== `${producerId}:${producerEpoch}`) return false;
    for (const b of e.inFlight)
      if (b.producerId !== producerId || b.producerEpoch !== producerEpoch) return false;
    return true;
  }

  /** The lowest send number among the partition's unfinished batches. */
  private oldestSendNumber(e: PartitionEntry): number {
    let oldest = e.nextSendNumber;
    for (const b of e.inFlight) oldest = Math.min(oldest, this.sendNumbers.get(b) ?? oldest);
    for (const b of e.retryQueued) oldest = Math.min(oldest, this.sendNumbers.get(b) ?? oldest);
    return oldest;
  }

  /** The batch was drained and is being sent. */
  onSent(batch: ProducerBatch): void {
    const e = this.entry(batch.topic, batch.partition);
    if (!this.sendNumbers.has(batch)) this.sendNumbers.set(batch, e.nextSendNumber++);
    e.retryQueued.delete(batch);
    e.inFlight.add(batch);
  }

  /** The batch went back into the accumulator for a retry. */
  onRetry(batch: ProducerBatch): void {
    const e = this.entry(batch.topic, batch.partition);
    e.inFlight.delete(batch);
    e.retryQueued.add(batch);
  }

  /** The broker acknowledged the batch. */
  onAcked(batch: ProducerBatch): void {
    if (batch.producerId >= 0)
      this.ackedUnder.set(keyOf(batch.topic, batch.partition), `${batch.producerId}:${batch.producerEpoch}`);
    this.onDone(batch);
  }

  /** The batch is finished (acknowledged, failed or expired). */
  onDone(batch: ProducerBatch): void {
    const e = this.entries.get(keyOf(batch.topic, batch.partition));
    if (e === undefined) return;
    e.inFlight.delete(batch);
    e.retryQueued.delete(batch);
    this.prune(e);
  }

  /** Batches of the partition in flight now. */
  inFlightCount(tp: TopicPartition): number {
    return this.entries.get(keyOf(tp.topic, tp.partition))?.inFlight.size ?? 0;
  }

  /**
   * Retry or fail the batch after `error` (the caller still applies retries and delivery.timeout.ms
   * to a 'retry'). Marks the partition for a reset on a real sequence gap.
   */
  decide(batch: ProducerBatch, error: KafkaError): ErrorDecision {
    if (!this.idempotence || !batch.hasSequence) return error.retriable ? 'retry' : 'fail';
    const e = this.entry(batch.topic, batch.partition);
    switch (error.code) {
      case ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER:
        if (e.resetPending || this.hasEarlierOutstanding(e, batch)) return 'retry';
        e.resetPending = true;
        return 'retry';
      case ErrorCode.UNKNOWN_PRODUCER_ID:
        e.resetPending = true;
        return 'retry';
      default:
        return error.retriable ? 'retry' : 'fail';
    }
  }

  private hasEarlierOutstanding(e: PartitionEntry, batch: ProducerBatch): boolean {
    const earlier = (b: ProducerBatch): boolean =>
      b !== batch &&
      b.hasSequence &&
      b.producerId === batch.producerId &&
      b.producerEpoch === batch.producerEpoch &&
      sequenceBefore(b.baseSequence, batch.baseSequence);
    for (const b of e.inFlight) if (earlier(b)) return true;
    for (const b of e.retryQueued) if (earlier(b)) return true;
    return false;
  }

  /** Partitions waiting for a reset whose in-flight batches have all come back. */
  resetsReady(): TopicPartition[] {
    const ready: TopicPartition[] = [];
    for (const e of this.entries.values()) if (e.resetPending && e.inFlight.size === 0) ready.push(e.tp);
    return ready;
  }

  /** True while some partition waits for a reset (its new batches are held back meanwhile). */
  hasPendingResets(): boolean {
    for (const e of this.entries.values()) if (e.resetPending) return true;
    return false;
  }

  /**
   * Completes a reset after the epoch was bumped: the partition's queued batches (all refused by the
   * broker) lose their sequences, so the accumulator's next drains number them from 0 under the new
   * epoch, in queue order. The bytes are restamped then, while no request holds them.
   */
  completeReset(tp: TopicPartition): void {
    const e = this.entries.get(keyOf(tp.topic, tp.partition));
    if (e === undefined) return;
    if (e.inFlight.size > 0) throw new Error(`reset of ${tp.topic}-${tp.partition} with batches in flight`);
    for (const b of e.retryQueued) b.baseSequence = -1;
    e.resetPending = false;
    this.prune(e);
  }
}
