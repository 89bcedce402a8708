import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { StateStoreContext } from './state-store.ts';
import { TimeIndexedBytesMap } from './time-indexed-bytes-map.ts';

/**
 * What Kafka's InMemoryWindowStore and InMemorySessionStore share: a TimeIndexedBytesMap keyed by
 * the entry's time (window start, session end), stream time as the largest time written, and a
 * retention below which writes are dropped (counted in `expiredRecords`) and reads see nothing.
 */
export abstract class InMemoryTimeIndexedStore<Slot> {
  readonly name: string;
  readonly persistent = false;
  readonly retentionPeriodMs: number;
  protected readonly map: TimeIndexedBytesMap<Slot>;
  protected observedStreamTime = -1;
  private open = false;
  /** Writes dropped because their window or session had expired (Kafka's expired-window-record-drop). */
  expiredRecords = 0;

  constructor(name: string, retentionPeriodMs: number, compareSlots: (a: Slot, b: Slot) => number) {
    if (!Number.isSafeInteger(retentionPeriodMs) || retentionPeriodMs < 0)
      throw new RangeError(`retention period must be >= 0 ms, got ${retentionPeriodMs}`);
    this.name = name;
    this.retentionPeriodMs = retentionPeriodMs;
    this.map = new TimeIndexedBytesMap<Slot>(compareSlots);
  }

  init(_context: StateStoreContext): void {
    this.open = true;
  }
  flush(): void {}
  close(): void {
    this.open = false;
  }
  isOpen(): boolean {
    return this.open;
  }

  protected checkOpen(): void {
    if (!this.open) throw new KafkaError(ErrorCode.INVALID_REQUEST, `state store ${this.name} is not open`);
  }

  /** Oldest time (window start, session end) still retained. */
  protected get earliestLive(): number {
    return this.observedStreamTime - this.retentionPeriodMs + 1;
  }
}
