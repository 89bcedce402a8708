import { avroSerde } from './avro-serde.ts';
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
  Avro: avroSerde,
  serdeFrom,
} as const;
