/**
 * The admin client's configuration under the Java AdminClient's keys and defaults, checked once at
 * construction: a bad value fails with INVALID_CONFIG naming the key.
 */
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import { metadataMaxAgeMsDefault } from '../metadata.ts';

/** Java's `request.timeout.ms` default for the admin client: one request waits this long for its answer. */
export const adminRequestTimeoutMsDefault = 30000;
/** Java's `default.api.timeout.ms` default: one admin call (with its retries) takes at most this long. */
export const adminApiTimeoutMsDefault = 60000;
/** Java's `retry.backoff.ms` default: the first wait before a retried request. */
export const adminRetryBackoffMsDefault = 100;
/** Java's `retry.backoff.max.ms` default (KIP-580): the backoff doubles up to this. */
export const adminRetryBackoffMaxMsDefault = 1000;

/** What a user may pass; every key is optional and keeps Kafka's name. */
export interface AdminConfigInput {
  /** Ignored here: the ConnectionFactory knows where the brokers are. Accepted so Java configs carry over. */
  readonly 'bootstrap.servers'?: string | readonly string[];
  /** `client.id`: names this client in request headers and broker logs. */
  readonly 'client.id'?: string;
  /** `request.timeout.ms`: how long one request waits for its answer. */
  readonly 'request.timeout.ms'?: number;
  /** `default.api.timeout.ms`: how long one admin call may take, retries included (a call's `timeoutMs` overrides it). */
  readonly 'default.api.timeout.ms'?: number;
  /** `retry.backoff.ms`: the first wait before a retry; it doubles per attempt up to `retry.backoff.max.ms`. */
  readonly 'retry.backoff.ms'?: number;
  /** `retry.backoff.max.ms`: the longest wait between retries. */
  readonly 'retry.backoff.max.ms'?: number;
  /** `metadata.max.age.ms`: cached metadata older than this is refreshed. */
  readonly 'metadata.max.age.ms'?: number;
}

/** The resolved configuration (every key present). */
export interface AdminConfig {
  readonly clientId: string;
  readonly requestTimeoutMs: number;
  readonly defaultApiTimeoutMs: number;
  readonly retryBackoffMs: number;
  readonly retryBackoffMaxMs: number;
  readonly metadataMaxAgeMs: number;
}

function invalid(key: string, message: string): KafkaError {
  return new KafkaError(ErrorCode.INVALID_CONFIG, `${key}: ${message}`);
}

function nonNegativeInteger(key: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw invalid(key, `must be a non-negative integer, got ${JSON.stringify(value)}`);
  return value;
}

function positiveInteger(key: string, value: unknown, fallback: number): number {
  const n = nonNegativeInteger(key, value, fallback);
  if (n === 0) throw invalid(key, 'must be positive, got 0');
  return n;
}

/** Resolves and validates an admin configuration (Java's AdminClientConfig). */
export function resolveAdminConfig(input: AdminConfigInput = {}): AdminConfig {
  const clientId = input['client.id'] ?? 'tributary-admin';
  if (typeof clientId !== 'string') throw invalid('client.id', 'must be a string');
  const retryBackoffMs = nonNegativeInteger(
    'retry.backoff.ms',
    input['retry.backoff.ms'],
    adminRetryBackoffMsDefault,
  );
  const retryBackoffMaxMs = nonNegativeInteger(
    'retry.backoff.max.ms',
    input['retry.backoff.max.ms'],
    Math.max(adminRetryBackoffMaxMsDefault, retryBackoffMs),
  );
  if (retryBackoffMaxMs < retryBackoffMs)
    throw invalid(
      'retry.backoff.max.ms',
      `must be at least retry.backoff.ms (${retryBackoffMs}), got ${retryBackoffMaxMs}`,
    );
  return {
    clientId,
    requestTimeoutMs: positiveInteger(
      'request.timeout.ms',
      input['request.timeout.ms'],
      adminRequestTimeoutMsDefault,
    ),
    defaultApiTimeoutMs: positiveInteger(
      'default.api.timeout.ms',
      input['default.api.timeout.ms'],
      adminApiTimeoutMsDefault,
    ),
    retryBackoffMs,
    retryBackoffMaxMs,
    metadataMaxAgeMs: nonNegativeInteger(
      'metadata.max.age.ms',
      input['metadata.max.age.ms'],
      metadataMaxAgeMsDefault,
    ),
  };
}
