import { errorInfo, type ErrorCode, type ErrorName } from './error-codes.ts';

/**
 * The one error type Tributary raises for protocol-visible failures. It carries Kafka's error
 * code and name so it maps onto the wire unchanged, and Kafka's retriable flag so clients know
 * whether to retry.
 */
export class KafkaError extends Error {
  readonly code: number;
  readonly errorName: string;
  readonly retriable: boolean;

  constructor(code: ErrorCode | number, message?: string, options?: { cause?: unknown }) {
    const info = errorInfo(code);
    super(message === undefined ? info.name : `${info.name}: ${message}`, options);
    this.name = 'KafkaError';
    this.code = info.code;
    this.errorName = info.name;
    this.retriable = info.retriable;
  }

  /** True when `err` is a KafkaError with the given name, e.g. `KafkaError.is(e, 'OFFSET_OUT_OF_RANGE')`. */
  static is(err: unknown, name?: ErrorName): err is KafkaError {
    return err instanceof KafkaError && (name === undefined || err.errorName === name);
  }
}
