import { ErrorCode, KafkaError } from '../errors/index.ts';

/**
 * Confluent Schema Registry's error codes: the HTTP status is the first three digits
 * (40401 is a 404, 42201 a 422). A REST facade answers with `{ error_code, message }` from these.
 */
export const SchemaRegistryErrorCode = {
  SUBJECT_NOT_FOUND: 40401,
  VERSION_NOT_FOUND: 40402,
  SCHEMA_NOT_FOUND: 40403,
  INCOMPATIBLE_SCHEMA: 409,
  INVALID_SCHEMA: 42201,
  INVALID_VERSION: 42202,
  INVALID_COMPATIBILITY_LEVEL: 42203,
  STORE_ERROR: 50001,
} as const;

export type SchemaRegistryErrorCode = (typeof SchemaRegistryErrorCode)[keyof typeof SchemaRegistryErrorCode];

/** The Kafka error code each registry error maps to, so callers can treat it as any KafkaError. */
function kafkaCodeOf(code: SchemaRegistryErrorCode): ErrorCode {
  switch (code) {
    case SchemaRegistryErrorCode.SUBJECT_NOT_FOUND:
    case SchemaRegistryErrorCode.VERSION_NOT_FOUND:
    case SchemaRegistryErrorCode.SCHEMA_NOT_FOUND:
      return ErrorCode.RESOURCE_NOT_FOUND;
    case SchemaRegistryErrorCode.INCOMPATIBLE_SCHEMA:
      return ErrorCode.POLICY_VIOLATION;
    case SchemaRegistryErrorCode.INVALID_SCHEMA:
    case SchemaRegistryErrorCode.INVALID_VERSION:
      return ErrorCode.INVALID_REQUEST;
    case SchemaRegistryErrorCode.INVALID_COMPATIBILITY_LEVEL:
      return ErrorCode.INVALID_CONFIG;
    case SchemaRegistryErrorCode.STORE_ERROR:
      return ErrorCode.UNKNOWN_SERVER_ERROR;
    default: {
      const _never: never = code;
      return _never;
    }
  }
}

/** A registry call refused: carries Confluent's `errorCode` and HTTP `status` next to the Kafka code. */
export class SchemaRegistryError extends KafkaError {
  /** Confluent's error_code (40401, 409, 42201, ...). */
  readonly errorCode: SchemaRegistryErrorCode;
  /** The HTTP status Confluent's REST API answers with. */
  readonly status: number;
  /** The message as Confluent words it (without the Kafka error name `message` starts with). */
  readonly detail: string;

  constructor(errorCode: SchemaRegistryErrorCode, message: string, options?: { cause?: unknown }) {
    super(kafkaCodeOf(errorCode), message, options);
    this.name = 'SchemaRegistryError';
    this.errorCode = errorCode;
    this.status = Number(String(errorCode).slice(0, 3));
    this.detail = message;
  }

  /** True when `err` is a SchemaRegistryError with this Confluent code (any when omitted). */
  static isCode(err: unknown, code?: SchemaRegistryErrorCode): err is SchemaRegistryError {
    return err instanceof SchemaRegistryError && (code === undefined || err.errorCode === code);
  }
}

export function subjectNotFound(subject: string): SchemaRegistryError {
  return new SchemaRegistryError(
    SchemaRegistryErrorCode.SUBJECT_NOT_FOUND,
    `Subject '${subject}' not found.`,
  );
}

export function versionNotFound(subject: string, version: number | string): SchemaRegistryError {
  return new SchemaRegistryError(
    SchemaRegistryErrorCode.VERSION_NOT_FOUND,
    `Version ${version} not found for subject '${subject}'.`,
  );
}

export function schemaNotFound(id: number): SchemaRegistryError {
  return new SchemaRegistryError(SchemaRegistryErrorCode.SCHEMA_NOT_FOUND, `Schema ${id} not found`);
}

export function invalidSchema(detail: string, cause?: unknown): SchemaRegistryError {
  return new SchemaRegistryError(
    SchemaRegistryErrorCode.INVALID_SCHEMA,
    `Invalid schema: ${detail}`,
    cause === undefined ? undefined : { cause },
  );
}
