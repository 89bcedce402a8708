import avro from 'avsc';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';

/**
 * The records of the `__cluster_metadata` log, modelled on KRaft's metadata records. The controller
 * appends them; every broker (and a controller taking over) rebuilds the cluster image by replaying
 * them. They are encoded with avsc (our internal record schemas), one record per log record value,
 * behind a one-byte format version so the schemas can evolve.
 */
export type MetadataRecord =
  | {
      type: 'RegisterBroker';
      brokerId: number;
      brokerEpoch: number;
      host: string;
      port: number;
      rack: string | null;
    }
  | { type: 'FenceBroker'; brokerId: number; brokerEpoch: number }
  | { type: 'UnfenceBroker'; brokerId: number; brokerEpoch: number }
  | { type: 'Topic'; name: string; topicId: string }
  | { type: 'RemoveTopic'; topicId: string }
  | {
      type: 'Partition';
      topicId: string;
      partition: number;
      replicas: number[];
      isr: number[];
      leader: number;
      leaderEpoch: number;
      partitionEpoch: number;
    }
  | {
      type: 'PartitionChange';
      topicId: string;
      partition: number;
      /** New leader, or null when unchanged. -1 means no leader (offline). */
      leader: number | null;
      /** New ISR, or null when unchanged. */
      isr: number[] | null;
      /** New replica set (reassignment), or null when unchanged. */
      replicas: number[] | null;
    }
  | {
      /** A block of producer ids handed to a broker: the next block starts at `nextProducerId`. */
      type: 'ProducerIds';
      brokerId: number;
      brokerEpoch: number;
      nextProducerId: number;
    }
  | {
      type: 'Config';
      resourceType: 'topic' | 'broker';
      resourceName: string;
      key: string;
      value: string | null;
    };

export type MetadataRecordType = MetadataRecord['type'];

const formatVersion = 0;

const nullableString = ['null', 'string'];
const nullableIntArray = ['null', { type: 'array', items: 'int' }];

/** One avro record schema per metadata record type, in a wrapped union. */
const schemas = [
  {
    type: 'record',
    name: 'RegisterBroker',
    fields: [
      { name: 'brokerId', type: 'int' },
      { name: 'brokerEpoch', type: 'long' },
      { name: 'host', type: 'string' },
      { name: 'port', type: 'int' },
      { name: 'rack', type: nullableString, default: null },
    ],
  },
  {
    type: 'record',
    name: 'FenceBroker',
    fields: [
      { name: 'brokerId', type: 'int' },
      { name: 'brokerEpoch', type: 'long' },
    ],
  },
  {
    type: 'record',
    name: 'UnfenceBroker',
    fields: [
      { name: 'brokerId', type: 'int' },
      { name: 'brokerEpoch', type: 'long' },
    ],
  },
  {
    type: 'record',
    name: 'Topic',
    fields: [
      { name: 'name', type: 'string' },
      { name: 'topicId', type: 'string' },
    ],
  },
  { type: 'record', name: 'RemoveTopic', fields: [{ name: 'topicId', type: 'string' }] },
  {
    type: 'record',
    name: 'Partition',
    fields: [
      { name: 'topicId', type: 'string' },
      { name: 'partition', type: 'int' },
      { name: 'replicas', type: { type: 'array', items: 'int' } },
      { name: 'isr', type: { type: 'array', items: 'int' } },
      { name: 'leader', type: 'int' },
      { name: 'leaderEpoch', type: 'int' },
      { name: 'partitionEpoch', type: 'int' },
    ],
  },
  {
    type: 'record',
    name: 'PartitionChange',
    fields: [
      { name: 'topicId', type: 'string' },
      { name: 'partition', type: 'int' },
      { name: 'leader', type: ['null', 'int'], default: null },
      { name: 'isr', type: nullableIntArray, default: null },
      { name: 'replicas', type: nullableIntArray, default: null },
    ],
  },
  {
    type: 'record',
    name: 'Config',
    fields: [
      {
        name: 'resourceType',
        type: { type: 'enum', name: 'ConfigResourceType', symbols: ['topic', 'broker'] },
      },
      { name: 'resourceName', type: 'string' },
      { name: 'key', type: 'string' },
      { name: 'value', type: nullableString, default: null },
    ],
  },
  // New kinds go last: a record's kind is its index here.
  {
    type: 'record',
    name: 'ProducerIds',
    fields: [
      { name: 'brokerId', type: 'int' },
      { name: 'brokerEpoch', type: 'long' },
      { name: 'nextProducerId', type: 'long' },
    ],
  },
];

/**
 * One avro type per record kind, addressed by its position in `schemas`: a value is
 * [format version, kind index, avro body]. (A wrapped avro union would do the same, but FenceBroker and
 * UnfenceBroker have identical fields, so the kind must be explicit anyway.)
 */
const types = schemas.map((schema) => avro.Type.forSchema(schema as avro.Schema));
const kindIndex = new Map<string, number>(schemas.map((s, i) => [s.name, i]));

/** Encodes a metadata record as a log record value. */
export function encodeMetadataRecord(record: MetadataRecord): Buffer {
  const { type, ...fields } = record;
  const index = kindIndex.get(type)!;
  const body = types[index]!.toBuffer(fields);
  const out = Buffer.allocUnsafe(body.length + 2);
  out[0] = formatVersion;
  out[1] = index;
  body.copy(out, 2);
  return out;
}

/** Decodes a log record value written by encodeMetadataRecord; garbage throws CORRUPT_MESSAGE. */
export function decodeMetadataRecord(value: Buffer): MetadataRecord {
  const type = value.length >= 2 && value[0] === formatVersion ? types[value[1]!] : undefined;
  if (type === undefined) {
    throw new KafkaError(
      ErrorCode.CORRUPT_MESSAGE,
      `metadata record of ${value.length} bytes: unknown format or kind`,
    );
  }
  let fields: Record<string, unknown>;
  try {
    fields = type.fromBuffer(value.subarray(2)) as Record<string, unknown>;
  } catch (err) {
    throw new KafkaError(ErrorCode.CORRUPT_MESSAGE, `undecodable metadata record: ${(err as Error).message}`);
  }
  const plain: Record<string, unknown> = { type: schemas[value[1]!]!.name };
  for (const [k, v] of Object.entries(fields)) plain[k] = Array.isArray(v) ? [...(v as number[])] : v;
  return plain as MetadataRecord;
}
