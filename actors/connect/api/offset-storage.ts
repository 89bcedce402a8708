import type { OffsetStorageReader } from './connector.ts';
import type { OffsetMap } from './records.ts';

/**
 * Canonical JSON of a map with sorted keys, so `{a,b}` and `{b,a}` name the same source partition.
 * Used as the lookup key; the offsets topic key itself is `["<connector>", <partition>]`.
 */
export function offsetKey(map: OffsetMap): string {
  return JSON.stringify(sortKeys(map));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}

/** The offsets-topic key Kafka Connect writes: the JSON array `["<connector>", {partition}]`. */
export function offsetsTopicKey(connectorName: string, partition: OffsetMap): Buffer {
  return Buffer.from(JSON.stringify([connectorName, partition]), 'utf8');
}

/**
 * An OffsetStorageReader over an in-memory map: what standalone mode and tests use, and what the
 * worker fills from `__connect_offsets` on start.
 */
export class MemoryOffsetStorage implements OffsetStorageReader {
  private readonly data = new Map<string, OffsetMap>();

  /** Records the committed offset for a partition (a null offset deletes it, as a tombstone does). */
  put(partition: OffsetMap, offset: OffsetMap | null): void {
    if (offset === null) this.data.delete(offsetKey(partition));
    else this.data.set(offsetKey(partition), offset);
  }

  async offset(partition: OffsetMap): Promise<OffsetMap | null> {
    return this.data.get(offsetKey(partition)) ?? null;
  }

  async offsets(partitions: readonly OffsetMap[]): Promise<Map<string, OffsetMap>> {
    const out = new Map<string, OffsetMap>();
    for (const p of partitions) {
      const key = offsetKey(p);
      const found = this.data.get(key);
      if (found !== undefined) out.set(key, found);
    }
    return out;
  }
}
