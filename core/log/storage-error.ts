import { FileSystemError } from '../io/index.ts';
import { ErrorCode, KafkaError } from '../errors/index.ts';

/**
 * Maps a FileSystemError to KAFKA_STORAGE_ERROR (Kafka's code for a failed log dir); KafkaErrors pass
 * through unchanged, anything else is a bug and is rethrown as is.
 */
export function toStorageError(err: unknown, context: string): unknown {
  if (err instanceof FileSystemError) {
    return new KafkaError(ErrorCode.KAFKA_STORAGE_ERROR, `${context}: ${err.message}`, { cause: err });
  }
  return err;
}

/** Throws when `condition` is false: an invariant the log relies on does not hold, so stop at the cause. */
export function assert(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}
