// The Connector API's broker-independent core: what connectors implement, how their configs are
// parsed and validated, converters, single message transforms, error handling and DLQ records, and
// Debezium-compatible PostgreSQL change events. The worker that runs it against the log builds on this.
export { ConnectException, DataException, RetriableException } from './api/connect-errors.ts';
export {
  LogicalTypes,
  SchemaBuilder,
  Schemas,
  SchemaType,
  schemaField,
  schemasEqual,
  validateValue,
  type Field,
  type Schema,
} from './api/schema.ts';
export { Struct } from './api/struct.ts';
export {
  newRecord,
  topicPartitionKey,
  type ConnectHeader,
  type ConnectRecord,
  type OffsetAndMetadata,
  type OffsetMap,
  type RecordMetadata,
  type SinkRecord,
  type SourceRecord,
  type TopicPartition,
} from './api/records.ts';
export {
  defaultPreCommit,
  type Connector,
  type ConnectorContext,
  type ErrantRecordReporter,
  type OffsetStorageReader,
  type PartitionOffsets,
  type Props,
  type SinkConnector,
  type SinkTask,
  type SinkTaskContext,
  type SourceConnector,
  type SourceTask,
  type SourceTaskContext,
} from './api/connector.ts';
export { MemoryOffsetStorage, offsetKey, offsetsTopicKey } from './api/offset-storage.ts';

export {
  ConfigDef,
  ConfigType,
  Importance,
  NO_DEFAULT_VALUE,
  Password,
  nonEmptyString,
  parseType,
  range,
  uniqueList,
  validString,
  type ConfigKey,
  type ConfigProps,
  type ConfigValue,
  type Validator,
} from './config/config-def.ts';
export { ConfigException } from './config/config-exception.ts';
export {
  connectorConfigDef,
  parseConnectorConfig,
  parseSinkConnectorConfig,
  sinkConnectorConfigDef,
  validateConnectorConfig,
  type ConfigInfos,
  type ConnectorConfig,
  type SinkConnectorConfig,
} from './config/connector-config.ts';

export { nullSchemaAndValue, type Converter, type SchemaAndValue } from './converters/converter.ts';
export { StringConverter } from './converters/string-converter.ts';
export { ByteArrayConverter } from './converters/byte-array-converter.ts';
export { JsonConverter } from './converters/json-converter.ts';
export { AvroConverter } from './converters/avro-converter.ts';
export {
  connectDefaultRecordName,
  toAvroSchema,
  toConnectSchema,
  type AvroSchema,
} from './converters/avro-data.ts';

export type { Predicate, Transformation, TransformProps } from './transforms/transformation.ts';
export { InsertField } from './transforms/insert-field.ts';
export { ReplaceField } from './transforms/replace-field.ts';
export { MaskField } from './transforms/mask-field.ts';
export { ExtractField } from './transforms/extract-field.ts';
export { HoistField } from './transforms/hoist-field.ts';
export { ValueToKey } from './transforms/value-to-key.ts';
export { RegexRouter } from './transforms/regex-router.ts';
export { Filter } from './transforms/filter.ts';
export { HasHeaderKey, RecordIsTombstone, TopicNameMatches } from './transforms/predicates.ts';
export { TransformationChain, type TransformationStage } from './transforms/transformation-chain.ts';
export { PluginRegistry } from './plugins.ts';

export {
  ProcessingContext,
  Stage,
  type ConnectorTaskId,
  type ConsumedRecord,
  type ErrorReporter,
  type RawHeader,
} from './errors/processing-context.ts';
export {
  RetryWithToleranceOperator,
  retriesDelayMinMs,
  type ErrorHandlingMetrics,
  type RetryWithToleranceOptions,
} from './errors/retry-with-tolerance-operator.ts';
export {
  DeadLetterQueueReporter,
  DlqHeaders,
  type DeadLetterQueueOptions,
  type DlqRecord,
} from './errors/dead-letter-queue-reporter.ts';
export { LogReporter, type LogReporterOptions } from './errors/log-reporter.ts';
export {
  createErrantRecordReporter,
  type ErrantRecordReporterOptions,
} from './errors/errant-record-reporter.ts';
export { createErrorHandling, type ErrorHandlingPorts } from './errors/error-handling.ts';

export {
  DebeziumTypes,
  PgOid,
  isoUtcFromMicros,
  pgColumnSchema,
  pgValueToConnect,
} from './debezium/pg-types.ts';
export {
  DebeziumChangeEventBuilder,
  UNCHANGED_TOAST,
  debeziumVersionDefault,
  postgresSourceSchema,
  tableSchemas,
  transactionBlockSchema,
  unavailableValuePlaceholderDefault,
  type DebeziumOptions,
  type PgChange,
  type PgColumn,
  type PgRelation,
  type PgRow,
  type TableSchemas,
} from './debezium/change-event.ts';

export {
  SourceRecordProcessor,
  type ProducerRecordBytes,
  type RecordProcessorParts,
} from './pipeline/source-record-processor.ts';
export { SinkRecordProcessor } from './pipeline/sink-record-processor.ts';
export { WorkerSinkTaskContext } from './pipeline/worker-sink-task-context.ts';
