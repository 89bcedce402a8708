// Initial slots of a queue; small because most actors (one per partition) are idle most of the time.
const ringCapacityMin = 16;

/**
 * A FIFO on a power-of-two ring buffer: O(1) push and shift with no per-element allocation and no
 * array shifting or splicing (a plain array with a head index must compact, which costs O(n) per compaction
 * once queues run long). Grows by doubling; never shrinks while in use.
 */
export class RingQueue<T> {
  private slots: (T | undefined)[] = new Array<T | undefined>(ringCapacityMin);
  private mask = ringCapacityMin - 1;
  private head = 0;
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(item: T): void {
    if (this.size === this.slots.length) this.grow();
    this.slots[(this.head + this.size) & this.mask] = item;
    this.size++;
  }

  /** Removes and returns the oldest item; undefined when empty. */
  shift(): T | undefined {
    if (this.size === 0) return undefined;
    const item = this.slots[this.head];
    this.slots[this.head] = undefined; // let the message be collected
    this.head = (this.head + 1) & this.mask;
    this.size--;
    return item;
  }

  /** Drops every item; returns how many there were. */
  clear(): number {
    const dropped = this.size;
    if (dropped > 0) this.slots = new Array<T | undefined>(ringCapacityMin);
    this.mask = this.slots.length - 1;
    this.head = 0;
    this.size = 0;
    return dropped;
  }

  private grow(): void {
    const old = this.slots;
    const next = new Array<T | undefined>(old.length * 2);
    for (let i = 0; i < this.size; i++) next[i] = old[(this.head + i) & this.mask];
    this.slots = next;
    this.mask = next.length - 1;
    this.head = 0;
  }
}
