import {
  MemoryOffsetStorage,
  offsetKey,
  offsetsTopicKey,
  type OffsetMap,
  type OffsetStorageReader,
} from '../../actors/connect/index.ts';
import { KafkaBackedStore } from './kafka-backed-store.ts';
import { jsonBytes, parseJsonBytes, type LogRecord } from './kafka-based-log.ts';

/** A source partition and the offset committed for it. */
export interface SourceOffset {
  readonly partition: OffsetMap;
  readonly offset: OffsetMap;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Source offsets in the compacted offsets topic (KafkaOffsetBackingStore), in Kafka Connect's format:
 * key `["<connector>",{<source partition>}]`, value the offset map as JSON, both without schemas, so
 * the topic reads the same as Kafka's `connect-offsets`. Read once on start; every write is
 * acknowledged by all in-sync replicas before it counts.
 */
export class KafkaOffsetStore extends KafkaBackedStore {
  private readonly byConnector = new Map<string, MemoryOffsetStorage>();
  private readonly partitionsOf = new Map<string, Map<string, SourceOffset>>();

  /** What a connector's tasks read their offsets from. */
  reader(connector: string): OffsetStorageReader {
    return this.storageOf(connector);
  }

  /** The committed offsets of a connector, one per source partition. */
  offsets(connector: string): SourceOffset[] {
    return [...(this.partitionsOf.get(connector)?.values() ?? [])];
  }

  /** Commits offsets; resolves once every one is acknowledged, and only then are they visible to readers. */
  async write(connector: string, offsets: readonly SourceOffset[]): Promise<void> {
    await Promise.all(
      offsets.map((o) => this.log.send(offsetsTopicKey(connector, o.partition), jsonBytes(o.offset))),
    );
    for (const o of offsets) this.remember(connector, o.partition, o.offset);
  }

  /** Deletes a connector's offsets with tombstones (KIP-875's DELETE /connectors/{name}/offsets). */
  async reset(connector: string): Promise<void> {
    const partitions = this.offsets(connector).map((o) => o.partition);
    await Promise.all(partitions.map((p) => this.log.send(offsetsTopicKey(connector, p), null)));
    for (const p of partitions) this.remember(connector, p, null);
  }

  /** Records of the topic that are not Connect offsets are skipped and counted. */
  protected apply(record: LogRecord): void {
    const key = parseJsonBytes(record.key);
    if (!Array.isArray(key) || key.length !== 2 || typeof key[0] !== 'string' || !isMap(key[1])) {
      this.skippedRecords++;
      return;
    }
    const value = parseJsonBytes(record.value);
    if (value !== null && !isMap(value)) {
      this.skippedRecords++;
      return;
    }
    this.remember(key[0], key[1], value);
  }

  private remember(connector: string, partition: OffsetMap, offset: OffsetMap | null): void {
    this.storageOf(connector).put(partition, offset);
    let partitions = this.partitionsOf.get(connector);
    if (partitions === undefined) {
      partitions = new Map();
      this.partitionsOf.set(connector, partitions);
    }
    if (offset === null) partitions.delete(offsetKey(partition));
    else partitions.set(offsetKey(partition), { partition, offset });
  }

  private storageOf(connector: string): MemoryOffsetStorage {
    let storage = this.byConnector.get(connector);
    if (storage === undefined) {
      storage = new MemoryOffsetStorage();
      this.byConnector.set(connector, storage);
    }
    return storage;
  }
}
