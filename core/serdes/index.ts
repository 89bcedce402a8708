export type { Header, Headers } from './headers.ts';
export { serdeFrom, type Deserializer, type Serde, type Serializer } from './serde.ts';
export { DeserializationError, SerializationError } from './serialization-errors.ts';
export {
  bytesSerde,
  doubleSerde,
  intSerde,
  jsonSerde,
  longSerde,
  stringSerde,
  voidSerde,
} from './primitive-serdes.ts';
export {
  canonicalSchema,
  type RegisteredSchema,
  type SchemaRegistry,
  type StoredSchema,
} from './schema-registry.ts';
export { InMemorySchemaRegistry } from './in-memory-schema-registry.ts';
export { SchemaRegistryState, type ApplyOutcome, type RegistrationPlan } from './schema-registry-state.ts';
export { SchemaRegistryError, SchemaRegistryErrorCode } from './schema-registry-error.ts';
export {
  checkCompatibility,
  compatibilityLevelDefault,
  compatibilityLevels,
  parseCompatibilityLevel,
  type CompatibilityLevel,
  type CompatibilityResult,
} from './compatibility.ts';
export {
  SubjectNameStrategies,
  avro,
  avroSerde,
  confluentHeaderBytes,
  confluentMagicByte,
  confluentSchemaId,
  type AvroSerde,
  type AvroSerdeConfig,
  type AvroSerdeOptions,
  type AvroSerdeStats,
  type SubjectNameStrategy,
} from './avro-serde.ts';
export { Serdes } from './serdes.ts';
