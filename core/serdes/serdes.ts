import { avro, avroSerde } from './avro-serde.ts';
import {
  bytesSerde,
  doubleSerde,
  intSerde,
  jsonSerde,
  longSerde,
  stringSerde,
  voidSerde,
} from './primitive-serdes.ts';
import { serdeFrom } from './serde.ts';

/** Factory for the built-in serdes, named as Kafka's `Serdes`. */
export const Serdes = {
  String: stringSerde,
  Bytes: bytesSerde,
  Json: jsonSerde,
  Int: intSerde,
  Long: longSerde,
  Double: doubleSerde,
  Void: voidSerde,
  /** `await Serdes.Avro({ registry, subject, schema })`: a fixed subject, registered up front. */
  Avro: avroSerde,
  /** `Serdes.avro(schema, registry, { isKey, subjectNameStrategy })`: Confluent's Avro serde. */
  avro,
  serdeFrom,
} as const;
