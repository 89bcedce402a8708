import { offsetKey, type OffsetMap, type SourceRecord } from '../../actors/connect/index.ts';
import type { SourceOffset } from './offset-store.ts';

/** Acknowledged entries at the head of a queue are cut off once this many have piled up. */
const compactAfterEntries = 1024;

/** One record handed to the producer (or dropped), waiting for its acknowledgement. */
export interface SubmittedRecord {
  readonly record: SourceRecord;
  acked: boolean;
}

interface PartitionQueue {
  readonly partition: OffsetMap;
  readonly records: SubmittedRecord[];
  /** Index of the first record not yet taken by `committableOffsets`. */
  head: number;
}

/**
 * The source records in flight, per source partition, in poll order (Kafka's SubmittedRecords). A
 * partition's offset may be committed only up to the last record of its longest acknowledged prefix:
 * committing the offset of a later, acknowledged record while an earlier one is still in flight (or
 * failed) would skip the earlier one after a restart.
 */
export class SubmittedRecords {
  private readonly partitions = new Map<string, PartitionQueue>();
  private inFlight = 0;

  /** Tracks a record; acknowledge it through the returned handle. */
  submit(record: SourceRecord): SubmittedRecord {
    const key = offsetKey(record.sourcePartition);
    let queue = this.partitions.get(key);
    if (queue === undefined) {
      queue = { partition: record.sourcePartition, records: [], head: 0 };
      this.partitions.set(key, queue);
    }
    const submitted: SubmittedRecord = { record, acked: false };
    queue.records.push(submitted);
    this.inFlight++;
    return submitted;
  }

  ack(submitted: SubmittedRecord): void {
    if (submitted.acked) return;
    submitted.acked = true;
    this.inFlight--;
  }

  /** Records submitted and not yet acknowledged. */
  get outstanding(): number {
    return this.inFlight;
  }

  /**
   * The offsets that are safe to commit, one per source partition that moved: the offset of the last
   * record of each acknowledged prefix. The prefixes are forgotten as they are taken.
   */
  committableOffsets(): SourceOffset[] {
    const out: SourceOffset[] = [];
    for (const [key, queue] of this.partitions) {
      let last: SubmittedRecord | undefined;
      while (queue.head < queue.records.length && queue.records[queue.head]!.acked) {
        last = queue.records[queue.head]!;
        queue.head++;
      }
      if (queue.head === queue.records.length) this.partitions.delete(key);
      else if (queue.head > compactAfterEntries) {
        queue.records.splice(0, queue.head);
        queue.head = 0;
      }
      if (last !== undefined) out.push({ partition: queue.partition, offset: last.record.sourceOffset });
    }
    return out;
  }
}
