import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import type { BufferConfig } from '../../config/suppressed.ts';
import type { Processor, ProcessorContext } from '../../processor/processor.ts';
import { Record } from '../../processor/record.ts';
import type { Windowed } from '../../windows/windowed.ts';
import type { Change } from '../change.ts';
import type { Eviction, SuppressBuffer } from '../suppress-buffer.ts';

export interface SuppressOptions {
  readonly storeName: string;
  /** Buffer time of an update: the window end (final results) or the record's timestamp (rate limit). */
  readonly timeOf: 'windowEnd' | 'recordTime';
  /** An entry leaves the buffer once its buffer time <= streamTime - this. */
  readonly suppressDurationMs: number;
  readonly bufferConfig: BufferConfig;
  /** Final results drop tombstones (a merged-away session); a rate limiter forwards them. */
  readonly safeToDropTombstones: boolean;
}

/**
 * `KTable.suppress` (Kafka's KTableSuppressProcessor): buffers each key's latest change and
 * forwards it once stream time (the largest timestamp this processor has seen) is far enough past
 * its buffer time, with the timestamp of the latest buffered update. When the buffer is over its
 * bounds it emits its oldest entries early, or fails the task for a strict buffer.
 */
export class KTableSuppress<K, V> implements Processor<K, Change<V>, K, Change<V>> {
  private context!: ProcessorContext<K, Change<V>>;
  private buffer!: SuppressBuffer<K, V>;
  private readonly options: SuppressOptions;
  private observedStreamTime = -1;

  constructor(options: SuppressOptions) {
    this.options = options;
  }

  init(context: ProcessorContext<K, Change<V>>): void {
    this.context = context;
    this.buffer = context.getStateStore(this.options.storeName);
  }

  process(record: Record<K, Change<V>>): void {
    this.observedStreamTime = Math.max(this.observedStreamTime, record.timestamp);
    const time =
      this.options.timeOf === 'windowEnd' ? (record.key as Windowed<unknown>).window.end : record.timestamp;
    this.buffer.put(time, record.key, record.value, record.timestamp, record.headers);
    this.enforceConstraints();
  }

  private overCapacity(): boolean {
    const c = this.options.bufferConfig;
    return this.buffer.numRecords > c.maxRecords || this.buffer.bufferSize > c.maxBytes;
  }

  private enforceConstraints(): void {
    const expiryTime = this.observedStreamTime - this.options.suppressDurationMs;
    this.buffer.evictWhile(
      () => this.buffer.minTimestamp() <= expiryTime,
      (e) => this.emit(e),
    );
    if (!this.overCapacity()) return;
    const c = this.options.bufferConfig;
    if (c.onFull === 'EMIT_EARLY') {
      this.buffer.evictWhile(
        () => this.overCapacity(),
        (e) => this.emit(e),
      );
      return;
    }
    throw new KafkaError(
      ErrorCode.UNKNOWN_SERVER_ERROR,
      `${this.options.storeName} buffer exceeded its max capacity. Currently [${this.buffer.numRecords}/${c.maxRecords}] records and [${this.buffer.bufferSize}/${c.maxBytes}] bytes.`,
    );
  }

  private emit(eviction: Eviction<K, V>): void {
    if (eviction.value.newValue === null && this.options.safeToDropTombstones) return;
    this.context.forward(new Record(eviction.key, eviction.value, eviction.timestamp, eviction.headers));
  }
}
