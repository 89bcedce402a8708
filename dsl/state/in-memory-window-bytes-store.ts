import { compareBytes } from './in-memory-key-value-bytes-store.ts';
import { InMemoryTimeIndexedStore } from './in-memory-time-indexed-store.ts';
import { LookAheadIterator, type KeyValueIterator } from './key-value-iterator.ts';
import type { WindowBytesKey, WindowBytesStore } from './window-store.ts';

interface Slot {
  readonly key: Buffer;
  readonly seqnum: number;
}

const compareSlots = (a: Slot, b: Slot): number => compareBytes(a.key, b.key) || a.seqnum - b.seqnum;
/** Kafka masks the duplicate counter to a non-negative int32. */
const seqnumMask = 0x7fffffff;

/**
 * Kafka's InMemoryWindowStore: one ordered map per window start. Stream time is the largest window
 * start written; a write at or before `streamTime - retention` is dropped (and counted in
 * `expiredRecords`), and reads never return such windows.
 */
export class InMemoryWindowBytesStore extends InMemoryTimeIndexedStore<Slot> implements WindowBytesStore {
  readonly windowSizeMs: number;
  readonly retainDuplicates: boolean;
  private seqnum = 0;

  constructor(name: string, retentionPeriodMs: number, windowSizeMs: number, retainDuplicates: boolean) {
    super(name, retentionPeriodMs, compareSlots);
    if (!Number.isSafeInteger(windowSizeMs) || windowSizeMs < 0)
      throw new RangeError(`window size must be >= 0 ms, got ${windowSizeMs}`);
    if (windowSizeMs > retentionPeriodMs)
      throw new RangeError(
        `the retention period of window store ${name} (${retentionPeriodMs} ms) must be no smaller than its window size (${windowSizeMs} ms)`,
      );
    this.windowSizeMs = windowSizeMs;
    this.retainDuplicates = retainDuplicates;
  }

  put(key: Buffer, value: Buffer | null, windowStart: number): number {
    this.checkOpen();
    // Kafka bumps the counter for every put of a duplicates store, even a dropped one.
    if (this.retainDuplicates) this.seqnum = (this.seqnum + 1) & seqnumMask;
    const seqnum = this.retainDuplicates ? this.seqnum : 0;
    this.write(key, value, windowStart, seqnum);
    return seqnum;
  }

  putRestored(key: Buffer, value: Buffer | null, windowStart: number, seqnum: number): void {
    this.checkOpen();
    if (this.retainDuplicates) this.seqnum = Math.max(this.seqnum, seqnum);
    this.write(key, value, windowStart, seqnum);
  }

  private write(key: Buffer, value: Buffer | null, windowStart: number, seqnum: number): void {
    this.observedStreamTime = Math.max(this.observedStreamTime, windowStart);
    if (windowStart < this.earliestLive) {
      this.expiredRecords++;
      return;
    }
    // A duplicates store ignores deletes, as Kafka's does: its entries expire with retention.
    if (value === null && this.retainDuplicates) return;
    this.map.set(windowStart, { key: Buffer.from(key), seqnum }, value);
    this.map.expireThrough(this.earliestLive - 1);
  }

  fetch(key: Buffer, windowStart: number): Buffer | null {
    this.checkOpen();
    if (windowStart < this.earliestLive) return null;
    return this.map.get(windowStart, { key, seqnum: 0 });
  }

  fetchRange(
    keyFrom: Buffer | undefined,
    keyTo: Buffer | undefined,
    timeFrom: number,
    timeTo: number,
    backward: boolean,
  ): KeyValueIterator<WindowBytesKey, Buffer> {
    this.checkOpen();
    const from = Math.max(timeFrom, this.earliestLive, 0);
    const lower = keyFrom === undefined ? undefined : { key: keyFrom, seqnum: -1 };
    const upper = keyTo === undefined ? undefined : { key: keyTo, seqnum: seqnumMask + 1 };
    if (keyFrom !== undefined && keyTo !== undefined && compareBytes(keyFrom, keyTo) > 0) {
      return new LookAheadIterator<WindowBytesKey, Buffer>([][Symbol.iterator]());
    }
    const scan = this.map.scan(from, timeTo, lower, upper, backward);
    function* entries(): Generator<{ key: WindowBytesKey; value: Buffer }> {
      for (const e of scan)
        yield { key: { key: e.inner.key, windowStart: e.time, seqnum: e.inner.seqnum }, value: e.value };
    }
    return new LookAheadIterator(entries());
  }

  /** Entries held, expired ones excluded once a write has pruned them. */
  approximateNumEntries(): number {
    return this.map.size;
  }
}
