export {
  LogSchemaRegistry,
  initTimeoutMsDefault,
  readTimeoutMsDefault,
  schemasTopicDefault,
  schemasTopicReplicationFactorDefault,
  type LogSchemaRegistryOptions,
  type LogSchemaRegistryStats,
} from './log-schema-registry.ts';
export {
  configKeyBytes,
  configValueBytes,
  decodeSchemaLogRecord,
  schemaKeyBytes,
  schemaValueBytes,
  type SchemaLogRecord,
} from './schema-records.ts';
export {
  SchemaRegistryServer,
  requestBodyBytesMax,
  type SchemaRegistryServerOptions,
} from './schema-registry-server.ts';
