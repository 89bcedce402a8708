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
export { InMemorySchemaRegistry, type RegisteredSchema, type SchemaRegistry } from './schema-registry.ts';
export { avroSerde, confluentHeaderBytes, confluentMagicByte, type AvroSerdeOptions } from './avro-serde.ts';
export { Serdes } from './serdes.ts';
