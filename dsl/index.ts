// The public face of the Streams DSL: what users and the stream-task runtime import.
export { StreamsBuilder, type TopologyProps } from './streams-builder.ts';
export { KStream, type ProcessArg } from './kstream.ts';
export { BranchedKStream } from './branched-kstream.ts';
export { Topology } from './topology.ts';
export {
  TopologyDescription,
  type NodeDescription,
  type SubtopologyDescription,
} from './topology-description.ts';
export { TopologyException, StreamsException } from './errors.ts';
export { Named } from './config/named.ts';
export { Consumed, type OffsetReset } from './config/consumed.ts';
export { Produced } from './config/produced.ts';
export { Repartitioned } from './config/repartitioned.ts';
export { Printed } from './config/printed.ts';
export { Branched } from './config/branched.ts';
export type { StreamPartitioner, TopicNameExtractor } from './config/partitioning.ts';
export {
  failOnInvalidTimestamp,
  usePartitionTimeOnInvalidTimestamp,
  type ConsumedRecord,
  type TimestampExtractor,
} from './config/timestamp-extractor.ts';
export type { KeyValuePair } from './internals/processors/map.ts';
export {
  PunctuationType,
  type Cancellable,
  type FixedKeyProcessor,
  type FixedKeyProcessorContext,
  type FixedKeyProcessorSupplier,
  type ProcessingContextBase,
  type Processor,
  type ProcessorContext,
  type ProcessorSupplier,
  type Punctuator,
  type RecordMetadata,
} from './processor/processor.ts';
export { Record, FixedKeyRecord } from './processor/record.ts';
export type { StateStore, StateStoreContext, StoreBuilder } from './state/state-store.ts';
export { KeyValue, type KeyValueBytesStore, type KeyValueStore } from './state/key-value-store.ts';
export { Stores, type KeyValueBytesStoreSupplier } from './state/stores.ts';
export { InMemoryKeyValueBytesStore } from './state/in-memory-key-value-bytes-store.ts';
export type { InternalTopicConfig, Subtopology } from './internals/node-defs.ts';
export {
  TopologyTask,
  type DeserializationHandlerResponse,
  type TaskInputRecord,
  type TaskOutputRecord,
  type TopologyTaskOptions,
} from './runtime/topology-task.ts';
export { TopologyTestDriver, type TestDriverProps } from './testing/topology-test-driver.ts';
export { TestInputTopic } from './testing/test-input-topic.ts';
export { TestOutputTopic } from './testing/test-output-topic.ts';
export type { KeyValueRecord, OutputTestRecord, TestRecord } from './testing/test-record.ts';
