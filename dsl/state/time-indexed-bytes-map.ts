import { BTree, type BTreeOf } from './btree.ts';

/**
 * The in-memory layout of window and session stores: one ordered map per timestamp (a window's
 * start, a session's end), each ordered by its own comparator (key bytes, then sequence number or
 * session start), as Kafka's in-memory window and session stores keep one map per segment time.
 * Expiry drops whole time slots. Every write replaces a slot with a copy-on-write clone, so an
 * iterator reads a consistent snapshot however the store changes under it (an aggregation writes
 * while it scans).
 */
export class TimeIndexedBytesMap<I> {
  private slots: BTreeOf<number, BTreeOf<I, Buffer>> = new BTree<number, BTreeOf<I, Buffer>>();
  private readonly compareInner: (a: I, b: I) => number;
  private count = 0;

  constructor(compareInner: (a: I, b: I) => number) {
    this.compareInner = compareInner;
  }

  get size(): number {
    return this.count;
  }

  get(time: number, inner: I): Buffer | null {
    return this.slots.get(time)?.get(inner) ?? null;
  }

  /** Stores a copy of `value`; null removes the entry (and an emptied slot). */
  set(time: number, inner: I, value: Buffer | null): Buffer | null {
    const slot = this.slots.get(time);
    const old = slot?.get(inner) ?? null;
    if (value === null) {
      if (slot === undefined || old === null) return null;
      const next = slot.clone();
      next.delete(inner);
      this.count--;
      if (next.size === 0) this.slots.delete(time);
      else this.slots.set(time, next);
      return old;
    }
    const next = slot === undefined ? new BTree<I, Buffer>(undefined, this.compareInner) : slot.clone();
    next.set(inner, Buffer.from(value));
    if (old === null) this.count++;
    this.slots.set(time, next);
    return old;
  }

  /** Removes every slot with time <= `time`. */
  expireThrough(time: number): void {
    for (;;) {
      const first = this.slots.minKey();
      if (first === undefined || first > time) return;
      this.count -= this.slots.get(first)!.size;
      this.slots.delete(first);
    }
  }

  /**
   * Entries with time in [from, to] and inner key in [innerFrom, innerTo] (undefined bounds are
   * open), time-major; `backward` reverses both levels. Reads a snapshot taken now.
   */
  *scan(
    from: number,
    to: number,
    innerFrom: I | undefined,
    innerTo: I | undefined,
    backward: boolean,
  ): Generator<{ time: number; inner: I; value: Buffer }> {
    if (from > to) return;
    const slots = this.slots.clone();
    const times = backward ? slots.entriesReversed(to) : slots.entries(from);
    for (const [time, slot] of times) {
      if (backward ? time < from : time > to) return;
      if (!backward) {
        for (const [inner, value] of slot.entries(innerFrom)) {
          if (innerTo !== undefined && this.compareInner(inner, innerTo) > 0) break;
          yield { time, inner, value };
        }
      } else {
        for (const [inner, value] of slot.entriesReversed(innerTo)) {
          if (innerFrom !== undefined && this.compareInner(inner, innerFrom) < 0) break;
          yield { time, inner, value };
        }
      }
    }
  }
}
