import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';

/**
 * Connect's exception family (org.apache.kafka.connect.errors), carried on KafkaError so every
 * failure still has a Kafka error code and a retriable flag the retry operator can read.
 */
export class ConnectException extends KafkaError {
  constructor(message: string, options?: { cause?: unknown; code?: number }) {
    super(options?.code ?? ErrorCode.UNKNOWN_SERVER_ERROR, message, options);
    this.name = 'ConnectException';
  }
}

/** Bad data: a value that does not match its schema, or a record a converter or SMT cannot handle. */
export class DataException extends ConnectException {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { ...options, code: ErrorCode.INVALID_RECORD });
    this.name = 'DataException';
  }
}

/**
 * A failure the operation may succeed on if retried (the external system was briefly unavailable).
 * The code must be one Kafka marks retriable; NETWORK_EXCEPTION is the closest general one.
 */
export class RetriableException extends ConnectException {
  constructor(message: string, options?: { cause?: unknown; code?: number }) {
    super(message, { ...options, code: options?.code ?? ErrorCode.NETWORK_EXCEPTION });
    this.name = 'RetriableException';
  }
}
