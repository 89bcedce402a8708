// The Kafka producer's config defaults this client follows (names are Kafka's keys, units in ours).

/** Kafka's producer `batch.size` default. */
export const batchSizeBytesDefault = 16384;
/**
 * `linger.ms`: Kafka 4.0 (KIP-1030) raised the default from 0 to 5 ms; up to 3.9 it was 0. We take the
 * newer default on purpose: with 0 a busy producer sends one tiny batch per record as soon as the
 * previous request returns, while 5 ms of waiting costs little latency and fills batches far better
 * (and the sticky partitioner's benefit depends on batches getting filled).
 */
export const lingerMsDefault = 5;
/** Kafka's `buffer.memory` default: total bytes of records waiting to be sent. */
export const bufferMemoryBytesDefault = 33554432;
/** Kafka's `max.block.ms` default: how long an append may wait for buffer space. */
export const maxBlockMsDefault = 60000;
/** Kafka's `max.request.size` default: also the largest record the producer accepts. */
export const maxRequestSizeBytesDefault = 1048576;
/** Kafka's `retry.backoff.ms` default: a retried batch waits this long before it is ready again. */
export const retryBackoffMsDefault = 100;
/** Kafka's `delivery.timeout.ms` default: a batch still unsent after this long fails. */
export const deliveryTimeoutMsDefault = 120000;
