import avro from 'avsc';
import type { SchemaRegistry } from './schema-registry.ts';
import type { Serde } from './serde.ts';
import { DeserializationError, SerializationError } from './serialization-errors.ts';

/** Confluent wire format: magic byte 0, then the 4-byte big-endian schema id, then the Avro body. */
export const confluentMagicByte = 0;
export const confluentHeaderBytes = 5;

export interface AvroSerdeOptions {
  readonly registry: SchemaRegistry;
  /** Subject to register the writer schema under, e.g. `orders-value` (TopicNameStrategy). */
  readonly subject: string;
  /** The schema this process writes and, when set, reads into (schema resolution applies). */
  readonly schema: string | object;
}

/** Parsed Avro types by schema id, so each id is parsed once per serde. */
type TypeCache = Map<number, avro.Type>;

/**
 * An Avro serde in Confluent's wire format. Async to build because the writer schema must be
 * registered to learn its id; after that both directions are synchronous. Records written with
 * another schema are decoded with that writer schema and resolved into the reader schema.
 */
export async function avroSerde<T>(options: AvroSerdeOptions): Promise<Serde<T>> {
  const schemaText = typeof options.schema === 'string' ? options.schema : JSON.stringify(options.schema);
  const readerType = avro.Type.forSchema(JSON.parse(schemaText) as avro.Schema);
  const schemaId = await options.registry.register(options.subject, schemaText);
  const types: TypeCache = new Map([[schemaId, readerType]]);
  const resolvers = new Map<number, avro.Resolver>();

  const writerTypeFor = (topic: string, id: number): avro.Type => {
    const known = types.get(id);
    if (known !== undefined) return known;
    const text = options.registry.cachedById(id);
    if (text === undefined) throw new DeserializationError(topic, `unknown Avro schema id ${id}`);
    const parsed = avro.Type.forSchema(JSON.parse(text) as avro.Schema);
    types.set(id, parsed);
    return parsed;
  };

  return {
    serializer: (topic, data) => {
      if (data === null) return null;
      let body: Buffer;
      try {
        body = readerType.toBuffer(data);
      } catch (cause) {
        throw new SerializationError(topic, 'value does not match the Avro schema', cause);
      }
      const out = Buffer.allocUnsafe(confluentHeaderBytes + body.length);
      out.writeUInt8(confluentMagicByte, 0);
      out.writeUInt32BE(schemaId, 1);
      body.copy(out, confluentHeaderBytes);
      return out;
    },
    deserializer: (topic, data) => {
      if (data === null) return null;
      if (data.length < confluentHeaderBytes)
        throw new DeserializationError(topic, 'shorter than the 5-byte header');
      const magic = data.readUInt8(0);
      if (magic !== confluentMagicByte) throw new DeserializationError(topic, `unknown magic byte ${magic}`);
      const id = data.readUInt32BE(1);
      const writerType = writerTypeFor(topic, id);
      const body = data.subarray(confluentHeaderBytes);
      try {
        if (id === schemaId) return readerType.fromBuffer(body) as T;
        let resolver = resolvers.get(id);
        if (resolver === undefined) {
          resolver = readerType.createResolver(writerType);
          resolvers.set(id, resolver);
        }
        return readerType.fromBuffer(body, resolver) as T;
      } catch (cause) {
        throw new DeserializationError(topic, `Avro body does not match schema id ${id}`, cause);
      }
    },
  };
}
