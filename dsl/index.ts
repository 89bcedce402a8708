// The public face of the Streams DSL: what users and the stream-task runtime import.
export { StreamsBuilder, type TopologyProps } from './streams-builder.ts';
export { KStream, type ProcessArg } from './kstream.ts';
export { KTable, type ForeignKeyJoinArg } from './ktable.ts';
export { TableJoined } from './config/table-joined.ts';
export { KGroupedStream } from './kgrouped-stream.ts';
export { KGroupedTable } from './kgrouped-table.ts';
export { CogroupedKStream } from './cogrouped-kstream.ts';
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
export { Grouped } from './config/grouped.ts';
export { Materialized, StoreType, type StoreSupplier } from './config/materialized.ts';
export { TimeWindowedKStream } from './time-windowed-kstream.ts';
export { SessionWindowedKStream } from './session-windowed-kstream.ts';
export { TimeWindows } from './windows/time-windows.ts';
export { SlidingWindows } from './windows/sliding-windows.ts';
export { SessionWindows } from './windows/session-windows.ts';
export { Window, TimeWindow, SessionWindow, Windowed } from './windows/windowed.ts';
export { WindowedSerdes } from './windows/windowed-serdes.ts';
export { EmitStrategy } from './config/emit-strategy.ts';
export { JoinWindows } from './windows/join-windows.ts';
export { StreamJoined, Joined } from './config/stream-joined.ts';
export { GlobalKTable } from './global-ktable.ts';
export type { ValueJoiner } from './internals/processors/kstream-kstream-join.ts';
export { BufferConfig, Suppressed, type BufferFullStrategy } from './config/suppressed.ts';
export type { TableOpArg } from './internals/operator-args.ts';
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
export type {
  ChangelogRecord,
  StateStore,
  StateStoreContext,
  StoreBuilder,
  StoreCacheProvider,
} from './state/state-store.ts';
export {
  KeyValue,
  type KeyValueBytesStore,
  type KeyValueStore,
  type ReadOnlyKeyValueStore,
} from './state/key-value-store.ts';
export type { KeyValueIterator } from './state/key-value-iterator.ts';
export {
  Stores,
  type KeyValueBytesStoreSupplier,
  type SessionBytesStoreSupplier,
  type WindowBytesStoreSupplier,
} from './state/stores.ts';
export type {
  ReadOnlyWindowStore,
  TimestampedWindowStore,
  WindowBytesKey,
  WindowBytesStore,
  WindowStore,
  WindowStoreIterator,
} from './state/window-store.ts';
export type {
  ReadOnlySessionStore,
  SessionBytesKey,
  SessionBytesStore,
  SessionStore,
} from './state/session-store.ts';
export { InMemoryWindowBytesStore } from './state/in-memory-window-bytes-store.ts';
export { InMemorySessionBytesStore } from './state/in-memory-session-bytes-store.ts';
export { InMemoryKeyValueBytesStore } from './state/in-memory-key-value-bytes-store.ts';
export {
  RecordCache,
  NamedCache,
  defaultCacheMaxBytes,
  cacheEntryOverheadBytes,
  type CacheEntry,
} from './state/record-cache.ts';
export { CachingKeyValueBytesStore, type CacheFlushListener } from './state/caching-key-value-bytes-store.ts';
export { LmdbKeyValueBytesStore } from './state/lmdb-key-value-bytes-store.ts';
export { ValueAndTimestamp, valueAndTimestampSerde } from './state/value-and-timestamp.ts';
export { changelogTopicFor, type TimestampedKeyValueStore } from './state/typed-key-value-store.ts';
export type { InternalTopicConfig, Subtopology } from './internals/node-defs.ts';
export {
  TopologyTask,
  type DeserializationHandlerResponse,
  type DroppedRecordEvent,
  type TaskInputRecord,
  type TaskOutputRecord,
  type TopologyTaskOptions,
} from './runtime/topology-task.ts';
export {
  TopologyTestDriver,
  type DefaultSerde,
  type TestDriverProps,
} from './testing/topology-test-driver.ts';
export { TestInputTopic } from './testing/test-input-topic.ts';
export { TestOutputTopic } from './testing/test-output-topic.ts';
export type { KeyValueRecord, OutputTestRecord, TestRecord } from './testing/test-record.ts';
