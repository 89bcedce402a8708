import { ErrorCode, KafkaError } from '../errors/index.ts';

/**
 * Bytes that a deserializer could not turn into a value. It names the topic and keeps the cause so
 * a deserialization-exception handler can log, skip, or route the record to a dead-letter topic.
 */
export class DeserializationError extends KafkaError {
  readonly topic: string;

  constructor(topic: string, message: string, cause?: unknown) {
    super(ErrorCode.CORRUPT_MESSAGE, `cannot deserialize a record of topic ${topic}: ${message}`, { cause });
    this.name = 'DeserializationError';
    this.topic = topic;
  }
}

/** A value that a serializer could not encode (wrong type, out of range, not in the schema). */
export class SerializationError extends KafkaError {
  readonly topic: string;

  constructor(topic: string, message: string, cause?: unknown) {
    super(ErrorCode.INVALID_RECORD, `cannot serialize a record for topic ${topic}: ${message}`, { cause });
    this.name = 'SerializationError';
    this.topic = topic;
  }
}
