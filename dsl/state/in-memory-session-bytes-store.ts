import { compareBytes } from './in-memory-key-value-bytes-store.ts';
import { InMemoryTimeIndexedStore } from './in-memory-time-indexed-store.ts';
import { LookAheadIterator, type KeyValueIterator } from './key-value-iterator.ts';
import type { SessionBytesKey, SessionBytesStore } from './session-store.ts';

interface Slot {
  readonly key: Buffer;
  readonly start: number;
}

const compareSlots = (a: Slot, b: Slot): number => compareBytes(a.key, b.key) || a.start - b.start;

/**
 * Kafka's InMemorySessionStore: one ordered map per session end. Stream time is the largest
 * session end written; a session ending at or before `streamTime - retention` is dropped on write
 * and hidden on read.
 */
export class InMemorySessionBytesStore extends InMemoryTimeIndexedStore<Slot> implements SessionBytesStore {
  constructor(name: string, retentionPeriodMs: number) {
    super(name, retentionPeriodMs, compareSlots);
  }

  put(key: Buffer, start: number, end: number, value: Buffer | null): void {
    this.checkOpen();
    if (end < start) throw new RangeError(`session end ${end} is before its start ${start}`);
    this.observedStreamTime = Math.max(this.observedStreamTime, end);
    if (end < this.earliestLive) {
      this.expiredRecords++;
      return;
    }
    this.map.set(end, { key: Buffer.from(key), start }, value);
    this.map.expireThrough(this.earliestLive - 1);
  }

  fetchSession(key: Buffer, start: number, end: number): Buffer | null {
    this.checkOpen();
    if (end < this.earliestLive) return null;
    return this.map.get(end, { key, start });
  }

  findSessions(
    keyFrom: Buffer | undefined,
    keyTo: Buffer | undefined,
    earliestEnd: number,
    latestEnd: number,
    latestStart: number,
    backward: boolean,
  ): KeyValueIterator<SessionBytesKey, Buffer> {
    this.checkOpen();
    if (keyFrom !== undefined && keyTo !== undefined && compareBytes(keyFrom, keyTo) > 0)
      return new LookAheadIterator<SessionBytesKey, Buffer>([][Symbol.iterator]());
    const scan = this.map.scan(
      Math.max(earliestEnd, this.earliestLive, 0),
      latestEnd,
      keyFrom === undefined ? undefined : { key: keyFrom, start: -1 },
      keyTo === undefined ? undefined : { key: keyTo, start: Number.MAX_SAFE_INTEGER },
      backward,
    );
    function* entries(): Generator<{ key: SessionBytesKey; value: Buffer }> {
      for (const e of scan) {
        if (e.inner.start > latestStart) continue;
        yield { key: { key: e.inner.key, start: e.inner.start, end: e.time }, value: e.value };
      }
    }
    return new LookAheadIterator(entries());
  }
}
