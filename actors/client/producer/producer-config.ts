/**
 * The producer's configuration: Kafka's keys (`acks`, `batch.size`, `linger.ms`, ...) with Kafka's
 * defaults, validated once at construction with an INVALID_CONFIG error naming the key. Derived
 * settings follow the Java client's rules: idempotence is on by default and quietly turned off when
 * another setting conflicts with it and it was not asked for; asking for it explicitly with a
 * conflicting setting is an error.
 */
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import { Compression, type CompressionType } from '../../../core/records/index.ts';
import {
  metadataMaxAgeMsDefault,
  metadataRequestTimeoutMsDefault as requestTimeoutMsDefault,
} from '../metadata.ts';
import {
  batchSizeBytesDefault,
  bufferMemoryBytesDefault,
  deliveryTimeoutMsDefault,
  lingerMsDefault,
  maxBlockMsDefault,
  maxRequestSizeBytesDefault,
  retryBackoffMsDefault,
} from '../producer-defaults.ts';

/** `acks` as users write it: 0, 1, -1 or 'all' (strings of those too, as in a properties file). */
export type AcksInput = 0 | 1 | -1 | 'all' | '0' | '1' | '-1';

/** `compression.type` names. */
export type CompressionName = keyof typeof Compression;

/** Kafka's `max.in.flight.requests.per.connection` limit with idempotence: the broker caches 5 batches. */
export const idempotentInFlightMax = 5;
/** Kafka's `retries` default (Integer.MAX_VALUE): retry until delivery.timeout.ms. */
export const retriesDefault = 2147483647;
/** Kafka's `max.in.flight.requests.per.connection` default. */
export const maxInFlightRequestsPerConnectionDefault = 5;

/** What a user may pass; every key is optional and keeps Kafka's name. */
export interface ProducerConfigInput {
  /** `client.id`: names this producer in request headers and broker logs. */
  readonly 'client.id'?: string;
  /** `acks`: 0 (no answer), 1 (leader wrote it), all/-1 (the whole ISR has it). Default all. */
  readonly acks?: AcksInput;
  /** `batch.size`: bytes per partition batch before it is sent without waiting for linger.ms. */
  readonly 'batch.size'?: number;
  /**
   * `linger.ms`: how long a batch waits for more records. Default 5, Kafka 4.0's (KIP-1030); Kafka
   * 3.x used 0. Set 0 for Kafka 3.x behaviour.
   */
  readonly 'linger.ms'?: number;
  /** `compression.type`: none, gzip, snappy, lz4 or zstd (zstd needs a broker with Produce v7+). */
  readonly 'compression.type'?: CompressionName;
  /** `max.in.flight.requests.per.connection`: unanswered Produce requests per broker (<= 5 with idempotence). */
  readonly 'max.in.flight.requests.per.connection'?: number;
  /** `retries`: how often a batch is retried after a retriable error (delivery.timeout.ms bounds it too). */
  readonly retries?: number;
  /** `retry.backoff.ms`: wait before a retried batch (and a failed metadata refresh) goes again. */
  readonly 'retry.backoff.ms'?: number;
  /** `delivery.timeout.ms`: a record not acknowledged this long after send() fails. */
  readonly 'delivery.timeout.ms'?: number;
  /** `request.timeout.ms`: how long one request waits for its answer (also the Produce timeout). */
  readonly 'request.timeout.ms'?: number;
  /** `enable.idempotence`: exactly one copy of each record per partition, in order, despite retries. */
  readonly 'enable.idempotence'?: boolean;
  /** `max.request.size`: the largest Produce request, and so the largest record. */
  readonly 'max.request.size'?: number;
  /** `buffer.memory`: bytes of records waiting to be sent; send() waits (max.block.ms) when it is used up. */
  readonly 'buffer.memory'?: number;
  /** `max.block.ms`: how long send() may wait for metadata or buffer memory (0: fail at once). */
  readonly 'max.block.ms'?: number;
  /** `metadata.max.age.ms`: metadata is refreshed at least this often. */
  readonly 'metadata.max.age.ms'?: number;
}

/** The resolved configuration (every key present, acks and compression as numbers). */
export interface ProducerConfig {
  readonly clientId: string;
  readonly acks: 0 | 1 | -1;
  readonly batchSizeBytes: number;
  readonly lingerMs: number;
  readonly compression: CompressionType;
  readonly maxInFlightRequestsPerConnection: number;
  readonly retries: number;
  readonly retryBackoffMs: number;
  readonly deliveryTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly idempotence: boolean;
  /** Idempotence was asked for explicitly (an old broker without InitProducerId is then an error). */
  readonly idempotenceExplicit: boolean;
  readonly maxRequestSizeBytes: number;
  readonly bufferMemoryBytes: number;
  readonly maxBlockMs: number;
  readonly metadataMaxAgeMs: number;
}

function invalid(key: string, message: string): KafkaError {
  return new KafkaError(ErrorCode.INVALID_CONFIG, `${key}: ${message}`);
}

function intIn(key: string, value: number | undefined, fallback: number, min: number, max: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max)
    throw invalid(key, `must be an integer in [${min}, ${max}], got ${String(v)}`);
  return v;
}

function parseAcks(value: AcksInput | undefined): 0 | 1 | -1 {
  switch (value) {
    case undefined:
    case 'all':
    case -1:
    case '-1':
      return -1;
    case 0:
    case '0':
      return 0;
    case 1:
    case '1':
      return 1;
    default:
      throw invalid('acks', `must be 0, 1, -1 or all, got ${String(value)}`);
  }
}

function parseCompression(value: CompressionName | undefined): CompressionType {
  if (value === undefined) return Compression.none;
  if (!Object.hasOwn(Compression, value))
    throw invalid(
      'compression.type',
      `must be one of ${Object.keys(Compression).join(', ')}, got ${String(value)}`,
    );
  return Compression[value];
}

let producerCount = 0;
const int32Max = 2147483647;

/** Validates a user's configuration and fills in Kafka's defaults. */
export function resolveProducerConfig(input: ProducerConfigInput = {}): ProducerConfig {
  const acks = parseAcks(input.acks);
  const lingerMs = intIn('linger.ms', input['linger.ms'], lingerMsDefault, 0, int32Max);
  const requestTimeoutMs = intIn(
    'request.timeout.ms',
    input['request.timeout.ms'],
    requestTimeoutMsDefault,
    1,
    int32Max,
  );
  const maxInFlight = intIn(
    'max.in.flight.requests.per.connection',
    input['max.in.flight.requests.per.connection'],
    maxInFlightRequestsPerConnectionDefault,
    1,
    int32Max,
  );
  const retries = intIn('retries', input.retries, retriesDefault, 0, int32Max);
  // Java: delivery.timeout.ms must cover one linger and one request; if the user left it unset it is
  // raised to that, if they set it lower it is an error.
  const deliveryFloorMs = lingerMs + requestTimeoutMs;
  let deliveryTimeoutMs = intIn(
    'delivery.timeout.ms',
    input['delivery.timeout.ms'],
    deliveryTimeoutMsDefault,
    1,
    int32Max,
  );
  if (deliveryTimeoutMs < deliveryFloorMs) {
    if (input['delivery.timeout.ms'] !== undefined)
      throw invalid(
        'delivery.timeout.ms',
        `must be >= linger.ms + request.timeout.ms (${deliveryFloorMs}), got ${deliveryTimeoutMs}`,
      );
    deliveryTimeoutMs = deliveryFloorMs;
  }
  const idempotenceExplicit = input['enable.idempotence'] === true;
  const conflict =
    acks !== -1
      ? `acks must be all (got ${acks})`
      : maxInFlight > idempotentInFlightMax
        ? `max.in.flight.requests.per.connection must be <= ${idempotentInFlightMax} (got ${maxInFlight})`
        : retries === 0
          ? 'retries must be > 0'
          : undefined;
  if (idempotenceExplicit && conflict !== undefined) throw invalid('enable.idempotence', conflict);
  // Java 3.2+: idempotence left at its default is dropped silently when another setting conflicts.
  const idempotence = (input['enable.idempotence'] ?? true) && conflict === undefined;
  const maxRequestSizeBytes = intIn(
    'max.request.size',
    input['max.request.size'],
    maxRequestSizeBytesDefault,
    1,
    int32Max,
  );
  return {
    clientId: input['client.id'] ?? `producer-${++producerCount}`,
    acks,
    batchSizeBytes: intIn('batch.size', input['batch.size'], batchSizeBytesDefault, 0, int32Max),
    lingerMs,
    compression: parseCompression(input['compression.type']),
    maxInFlightRequestsPerConnection: maxInFlight,
    retries,
    retryBackoffMs: intIn('retry.backoff.ms', input['retry.backoff.ms'], retryBackoffMsDefault, 0, int32Max),
    deliveryTimeoutMs,
    requestTimeoutMs,
    idempotence,
    idempotenceExplicit,
    maxRequestSizeBytes,
    bufferMemoryBytes: intIn('buffer.memory', input['buffer.memory'], bufferMemoryBytesDefault, 1, 2 ** 53),
    maxBlockMs: intIn('max.block.ms', input['max.block.ms'], maxBlockMsDefault, 0, int32Max),
    metadataMaxAgeMs: intIn(
      'metadata.max.age.ms',
      input['metadata.max.age.ms'],
      metadataMaxAgeMsDefault,
      0,
      int32Max,
    ),
  };
}
