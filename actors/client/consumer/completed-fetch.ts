/**
 * One partition's records from one Fetch response, drained a few at a time by poll() (Java's
 * CompletedFetch). Batches are decoded one at a time as records are taken, so a 1 MiB response costs
 * per-record objects only for what has been handed out so far. Decoding:
 *  - whole batches only: a trailing partial batch (the broker cut at max bytes) is left for the next fetch;
 *  - records below the requested offset are skipped (the log returns the whole batch holding it);
 *  - compressed batches are decompressed (every codec, zstd included);
 *  - control batches (transaction markers) are skipped, moving the position past them;
 *  - with read_committed, batches of aborted transactions are skipped (the response lists them).
 */
import {
  BatchAttributes,
  RECORD_BATCH_HEADER_BYTES,
  RECORD_BATCH_LOG_OVERHEAD,
  controlRecordType,
  forEachRecordAsync,
  readBatchHeader,
  ControlRecordType,
} from '../../../core/records/index.ts';
import type { FetchResponseAbortedTransaction } from '../../../core/protocol/index.ts';
import type { Deserializer } from '../../../core/serdes/index.ts';
import { ConsumerRecord } from './consumer-record.ts';
import type { PartitionState } from './subscription-state.ts';

export interface CompletedFetchInit<K, V> {
  readonly state: PartitionState;
  /** The position the fetch was sent for; the fetch is stale once the position moved elsewhere. */
  readonly fetchOffset: number;
  readonly positionVersion: number;
  readonly records: Buffer | null;
  readonly abortedTransactions: readonly FetchResponseAbortedTransaction[] | null;
  readonly readCommitted: boolean;
  readonly keyDeserializer: Deserializer<K>;
  readonly valueDeserializer: Deserializer<V>;
}

export class CompletedFetch<K, V> {
  readonly state: PartitionState;
  readonly fetchOffset: number;
  readonly positionVersion: number;
  /** The offset after the last record handed out (or control batch passed). */
  nextFetchOffset: number;
  /** Leader epoch of the last record handed out (-1 before any). */
  lastEpoch = -1;
  /** Every whole batch has been read and handed out. */
  drained = false;
  private readonly records: Buffer | null;
  private readonly init: CompletedFetchInit<K, V>;
  private position = 0;
  private pending: ConsumerRecord<K, V>[] = [];
  private pendingIndex = 0;
  /** The offset after the batch `pending` came from (its tail may hold compacted-away offsets). */
  private pendingBatchEnd = -1;
  private pendingBatchEpoch = -1;
  /** read_committed: aborted transactions not yet reached, in firstOffset order; producers currently aborted. */
  private readonly abortedQueue: FetchResponseAbortedTransaction[];
  private readonly abortedProducers = new Set<number>();

  constructor(init: CompletedFetchInit<K, V>) {
    this.init = init;
    this.state = init.state;
    this.fetchOffset = init.fetchOffset;
    this.positionVersion = init.positionVersion;
    this.nextFetchOffset = init.fetchOffset;
    this.records = init.records;
    this.abortedQueue = [...(init.abortedTransactions ?? [])].sort((a, b) => a.firstOffset - b.firstOffset);
  }

  /** Takes up to `max` records (fewer when the fetch runs out); updates nextFetchOffset. */
  async take(max: number): Promise<ConsumerRecord<K, V>[]> {
    const out: ConsumerRecord<K, V>[] = [];
    while (out.length < max && !this.drained) {
      if (this.pendingIndex < this.pending.length) {
        const r = this.pending[this.pendingIndex++]!;
        out.push(r);
        this.nextFetchOffset = r.offset + 1;
        this.lastEpoch = r.leaderEpoch;
        if (this.pendingIndex === this.pending.length) this.finishBatch();
        continue;
      }
      if (!(await this.loadNextBatch())) this.drained = true;
    }
    return out;
  }

  /** Every record of the batch went out: the position moves past the whole batch. */
  private finishBatch(): void {
    this.nextFetchOffset = Math.max(this.nextFetchOffset, this.pendingBatchEnd);
    this.lastEpoch = this.pendingBatchEpoch;
    this.pending = [];
    this.pendingIndex = 0;
  }

  /** Decodes the next batch that has records for the consumer; false when none is left. */
  private async loadNextBatch(): Promise<boolean> {
    const buf = this.records;
    if (buf === null) return false;
    for (;;) {
      const pos = this.position;
      if (pos + RECORD_BATCH_HEADER_BYTES > buf.length) return false;
      const size = RECORD_BATCH_LOG_OVERHEAD + buf.readInt32BE(pos + 8);
      if (size < RECORD_BATCH_HEADER_BYTES || pos + size > buf.length) return false; // partial tail
      this.position = pos + size;
      const batch = buf.subarray(pos, pos + size);
      const header = readBatchHeader(batch, 0);
      const lastOffset = header.baseOffset + header.lastOffsetDelta;
      if (lastOffset < this.nextFetchOffset) continue; // wholly below the requested offset
      const control = (header.attributes & BatchAttributes.control) !== 0;
      const transactional = (header.attributes & BatchAttributes.transactional) !== 0;
      if (this.init.readCommitted) {
        while (this.abortedQueue.length > 0 && this.abortedQueue[0]!.firstOffset <= lastOffset)
          this.abortedProducers.add(this.abortedQueue.shift()!.producerId);
        if (control && transactional && this.abortedProducers.has(header.producerId)) {
          if (await isAbortMarker(batch)) this.abortedProducers.delete(header.producerId);
        } else if (transactional && this.abortedProducers.has(header.producerId)) {
          this.skipTo(lastOffset + 1, header.partitionLeaderEpoch);
          continue;
        }
      }
      if (control) {
        this.skipTo(lastOffset + 1, header.partitionLeaderEpoch);
        continue;
      }
      const records: ConsumerRecord<K, V>[] = [];
      const from = this.nextFetchOffset;
      const { topic, partition } = this.state.tp;
      const timestampType =
        (header.attributes & BatchAttributes.timestampTypeLogAppend) !== 0 ? 'LogAppendTime' : 'CreateTime';
      await forEachRecordAsync(batch, (r) => {
        if (r.offset < from) return;
        records.push(
          new ConsumerRecord<K, V>({
            topic,
            partition,
            offset: r.offset,
            timestamp: r.timestamp,
            timestampType,
            leaderEpoch: header.partitionLeaderEpoch,
            headers: r.headers,
            rawKey: r.key,
            rawValue: r.value,
            keyDeserializer: this.init.keyDeserializer,
            valueDeserializer: this.init.valueDeserializer,
          }),
        );
      });
      this.pendingBatchEnd = lastOffset + 1;
      this.pendingBatchEpoch = header.partitionLeaderEpoch;
      if (records.length === 0) {
        this.skipTo(lastOffset + 1, header.partitionLeaderEpoch);
        continue;
      }
      this.pending = records;
      this.pendingIndex = 0;
      return true;
    }
  }

  private skipTo(offset: number, epoch: number): void {
    if (offset > this.nextFetchOffset) {
      this.nextFetchOffset = offset;
      this.lastEpoch = epoch;
    }
  }
}

async function isAbortMarker(batch: Buffer): Promise<boolean> {
  let abort = false;
  await forEachRecordAsync(batch, (r) => {
    abort = controlRecordType(r.key) === ControlRecordType.abort;
  });
  return abort;
}
