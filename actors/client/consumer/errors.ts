/**
 * The consumer's own failures, as typed KafkaErrors (Java's client-side exceptions). Protocol errors from
 * brokers surface as plain KafkaErrors carrying the broker's code.
 */
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import type { TopicPartition } from '../record-accumulator.ts';

function describe(partitions: readonly TopicPartition[]): string {
  return partitions.map((tp) => `${tp.topic}-${tp.partition}`).join(', ');
}

/** `auto.offset.reset=none` and a partition has no committed offset (Java's NoOffsetForPartitionException). */
export class NoOffsetForPartitionError extends KafkaError {
  readonly partitions: readonly TopicPartition[];

  constructor(partitions: readonly TopicPartition[]) {
    super(
      ErrorCode.OFFSET_OUT_OF_RANGE,
      `no committed offset for ${describe(partitions)} and auto.offset.reset is none`,
    );
    this.name = 'NoOffsetForPartitionError';
    this.partitions = partitions;
  }
}

/** `auto.offset.reset=none` and a fetch position left the log's range (Java's OffsetOutOfRangeException). */
export class OffsetOutOfRangeError extends KafkaError {
  /** The positions that were out of range. */
  readonly offsets: ReadonlyMap<string, { readonly tp: TopicPartition; readonly offset: number }>;

  constructor(offsets: readonly { tp: TopicPartition; offset: number }[]) {
    super(
      ErrorCode.OFFSET_OUT_OF_RANGE,
      `fetch positions out of range with auto.offset.reset none: ${offsets
        .map((o) => `${o.tp.topic}-${o.tp.partition}@${o.offset}`)
        .join(', ')}`,
    );
    this.name = 'OffsetOutOfRangeError';
    this.offsets = new Map(offsets.map((o) => [`${o.tp.topic}-${o.tp.partition}`, o]));
  }
}

/**
 * A commit the group refused because this member is no longer part of the generation it committed in
 * (ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID, REBALANCE_IN_PROGRESS, FENCED_INSTANCE_ID): its partitions may
 * already belong to another member. Java's CommitFailedException / RebalanceInProgressException.
 */
export class CommitFailedError extends KafkaError {
  constructor(code: number, detail: string) {
    super(code, `commit failed: ${detail}`);
    this.name = 'CommitFailedError';
  }
}

/** A call the consumer's state does not allow (Java's IllegalStateException); INVALID_REQUEST on the wire. */
export class IllegalStateError extends KafkaError {
  constructor(message: string) {
    super(ErrorCode.INVALID_REQUEST, message);
    this.name = 'IllegalStateError';
  }
}

/** An operation did not finish within its timeout (Java's TimeoutException). */
export function timeoutError(what: string, timeoutMs: number): KafkaError {
  return new KafkaError(ErrorCode.REQUEST_TIMED_OUT, `${what} did not finish within ${timeoutMs} ms`);
}
