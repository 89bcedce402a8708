/**
 * The producer: `Producer<K, V>` (Java's KafkaProducer with KafkaJS's call shapes), its configuration
 * with Kafka's keys and defaults, and the record shapes it accepts. The sender, batch tracker and
 * producer identity are internal.
 */
export { Producer, type ProducerOptions, type ProducerStats } from './producer.ts';
export {
  idempotentInFlightMax,
  maxInFlightRequestsPerConnectionDefault,
  resolveProducerConfig,
  retriesDefault,
  type AcksInput,
  type CompressionName,
  type ProducerConfig,
  type ProducerConfigInput,
} from './producer-config.ts';
export type {
  HeaderValueInput,
  Message,
  ProducerBatchRequest,
  ProducerRecord,
  RecordHeadersInput,
  TopicMessages,
} from './producer-record.ts';
