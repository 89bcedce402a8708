import type { Serde } from '../../../core/serdes/index.ts';
import type { Processor, ProcessorContext } from '../../processor/processor.ts';
import type { Record } from '../../processor/record.ts';
import type { KeyValueStore } from '../../state/key-value-store.ts';
import type { WindowStore } from '../../state/window-store.ts';
import { readLong, writeLong } from '../../windows/window-key-schema.ts';
import type { JoinWindows } from '../../windows/join-windows.ts';
import {
  InternalConfig,
  TimeTracker,
  defaultEmitIntervalMs,
  numberConfig,
  recordDropped,
  serdeOrDefault,
} from '../drop-recorder.ts';

/** `(leftValue, rightValue, key)`: a join's value joiner; the key is there for joiners that need it. */
export type ValueJoiner<K, V1, V2, VR> = (value1: V1, value2: V2, key: K) => VR;

/**
 * Puts each record of one join side into that side's window store, then forwards it to the join
 * processor (Kafka's KStreamJoinWindow). Records with a null key or value are not stored.
 */
export class KStreamJoinWindow<K, V> implements Processor<K, V, K, V> {
  private context!: ProcessorContext<K, V>;
  private store!: WindowStore<K, V>;
  private readonly storeName: string;

  constructor(storeName: string) {
    this.storeName = storeName;
  }

  init(context: ProcessorContext<K, V>): void {
    this.context = context;
    this.store = context.getStateStore(this.storeName);
  }

  process(record: Record<K, V>): void {
    this.context.forward(record);
    if (record.key !== null && record.value !== null)
      this.store.put(record.key, record.value, record.timestamp);
  }
}

/** What both sides of one join share per task: stream time, throttle, earliest unmatched record. */
export class JoinTimeTrackers {
  private readonly trackers = new Map<string, TimeTracker>();
  forTask(taskId: string): TimeTracker {
    let tracker = this.trackers.get(taskId);
    if (tracker === undefined) {
      tracker = new TimeTracker();
      this.trackers.set(taskId, tracker);
    }
    return tracker;
  }
}

export interface StreamJoinSideOptions<K, V1, V2, VR> {
  readonly isLeftSide: boolean;
  /** This side emits unmatched records (left side of left/outer joins, right side of outer joins). */
  readonly outer: boolean;
  readonly otherStoreName: string;
  /** The shared store of unmatched records (left and outer joins only). */
  readonly outerStoreName: string | undefined;
  readonly windows: JoinWindows;
  /** Always called as (leftValue, rightValue, key), whichever side this is. */
  readonly joiner: ValueJoiner<K, V1 | null, V2 | null, VR>;
  readonly trackers: JoinTimeTrackers;
  readonly keySerde: Serde<K> | undefined;
  readonly leftValueSerde: Serde<V1> | undefined;
  readonly rightValueSerde: Serde<V2> | undefined;
}

/**
 * One side of a stream-stream join (Kafka's KStreamKStreamJoin, 3.x semantics): a record joins
 * every record of the other side's window store within the join window (output timestamp = max of
 * the two). For left/outer joins an unmatched record waits in the shared store and is emitted as
 * `(value, null)` only once stream time passes its timestamp + after + grace, unless a match
 * arrives first; a record already that late is emitted at once. Emission is throttled by
 * `__emit.interval.ms.kstreams.outer.join.spurious.results.fix__` of wall-clock time.
 */
export class KStreamKStreamJoinSide<K, V1, V2, VR> implements Processor<K, unknown, K, VR> {
  private context!: ProcessorContext<K, VR>;
  private otherStore!: WindowStore<K, unknown>;
  private outerStore: KeyValueStore<Buffer, Buffer> | undefined;
  private tracker!: TimeTracker;
  private keySerde!: Serde<K>;
  private leftSerde!: Serde<V1>;
  private rightSerde!: Serde<V2>;
  private readonly o: StreamJoinSideOptions<K, V1, V2, VR>;
  /** Relative to this side: how far before / after its record the other side's records may be. */
  private readonly beforeMs: number;
  private readonly afterMs: number;

  constructor(options: StreamJoinSideOptions<K, V1, V2, VR>) {
    this.o = options;
    this.beforeMs = options.isLeftSide ? options.windows.beforeMs : options.windows.afterMs;
    this.afterMs = options.isLeftSide ? options.windows.afterMs : options.windows.beforeMs;
  }

  init(context: ProcessorContext<K, VR>): void {
    this.context = context;
    this.otherStore = context.getStateStore(this.o.otherStoreName);
    this.tracker = this.o.trackers.forTask(context.taskId);
    this.tracker.emitIntervalMs = numberConfig(
      context,
      InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_OUTER_JOIN_SPURIOUS_RESULTS_FIX,
      defaultEmitIntervalMs,
    );
    if (this.o.outerStoreName !== undefined) {
      this.outerStore = context.getStateStore<KeyValueStore<Buffer, Buffer>>(this.o.outerStoreName);
      this.keySerde = serdeOrDefault(context, this.o.keySerde, 'key', this.o.outerStoreName);
      this.leftSerde = serdeOrDefault(context, this.o.leftValueSerde, 'value', this.o.outerStoreName);
      this.rightSerde = serdeOrDefault(context, this.o.rightValueSerde, 'value', this.o.outerStoreName);
    }
  }

  private join(key: K, mine: unknown, other: unknown): VR {
    return this.o.isLeftSide
      ? this.o.joiner(mine as V1 | null, other as V2 | null, key)
      : this.o.joiner(other as V1 | null, mine as V2 | null, key);
  }

  process(record: Record<K, unknown>): void {
    if (record.value === null || (record.key === null && !this.o.outer)) {
      recordDropped(this.context, 'Skipping record due to null key or value.');
      return;
    }
    if (record.key === null) {
      // Kafka 3.7+: a left/outer join passes a null-key record through unjoined.
      this.context.forward(record.withValue(this.join(record.key, record.value, null)));
      return;
    }
    const key = record.key;
    const t = record.timestamp;
    this.tracker.advanceStreamTime(t);
    if (t === this.tracker.streamTime && this.outerStore !== undefined)
      this.emitNonJoinedOuterRecords(record);
    let needOuterJoin = this.o.outer;
    const iterator = this.otherStore.fetch(
      key,
      Math.max(0, t - this.beforeMs),
      Math.max(0, t + this.afterMs),
    );
    try {
      for (const { key: otherTimestamp, value } of iterator) {
        needOuterJoin = false;
        // The other side's record found a match: it is no longer waiting to be emitted unjoined.
        this.outerStore?.delete(this.outerKey(!this.o.isLeftSide, key, otherTimestamp));
        this.context.forward(
          record.withValue(this.join(key, record.value, value)).withTimestamp(Math.max(t, otherTimestamp)),
        );
      }
    } finally {
      iterator.close();
    }
    if (!needOuterJoin) return;
    if (
      this.outerStore === undefined ||
      t + this.afterMs + this.o.windows.graceMs < this.tracker.streamTime
    ) {
      this.context.forward(record.withValue(this.join(key, record.value, null)));
      return;
    }
    this.tracker.updatedMinTime(t);
    this.outerStore.put(
      this.outerKey(this.o.isLeftSide, key, t),
      this.outerValue(this.o.isLeftSide, record.value),
    );
  }

  /** `[timestamp: int64][isLeftSide: 1 byte][key]`: Kafka's TimestampedKeyAndJoinSide, ordered by time. */
  private outerKey(leftSide: boolean, key: K, timestamp: number): Buffer {
    const keyBytes = this.keySerde.serializer(this.o.outerStoreName!, key) ?? Buffer.alloc(0);
    const out = Buffer.allocUnsafe(9 + keyBytes.length);
    writeLong(out, timestamp, 0);
    out[8] = leftSide ? 1 : 0;
    keyBytes.copy(out, 9);
    return out;
  }

  /** `[isLeftSide: 1 byte][value]`: Kafka's LeftOrRightValue. */
  private outerValue(leftSide: boolean, value: unknown): Buffer {
    const bytes = leftSide
      ? this.leftSerde.serializer(this.o.outerStoreName!, value as V1)
      : this.rightSerde.serializer(this.o.outerStoreName!, value as V2);
    return Buffer.concat([Buffer.from([leftSide ? 1 : 0]), bytes ?? Buffer.alloc(0)]);
  }

  private emitNonJoinedOuterRecords(record: Record<K, unknown>): void {
    const store = this.outerStore!;
    const tracker = this.tracker;
    const grace = this.o.windows.graceMs;
    // Nothing can have closed yet: skip the scan.
    if (
      tracker.minTime + Math.max(this.o.windows.afterMs, this.o.windows.beforeMs) + grace >=
      tracker.streamTime
    )
      return;
    if (!tracker.mayEmit(this.context.currentSystemTimeMs())) return;
    tracker.minTime = Number.MAX_SAFE_INTEGER;
    let leftOpen = false;
    let rightOpen = false;
    const iterator = store.all();
    const done: Buffer[] = [];
    try {
      for (const { key: storeKey, value } of iterator) {
        const timestamp = readLong(storeKey, 0);
        const leftSide = storeKey[8] === 1;
        // A left record waits `after` for right records, a right record `before` for left ones.
        const lookBack = leftSide ? this.o.windows.afterMs : this.o.windows.beforeMs;
        if (timestamp + lookBack + grace >= tracker.streamTime) {
          tracker.minTime = Math.min(tracker.minTime, timestamp);
          if (leftSide) leftOpen = true;
          else rightOpen = true;
          if (leftOpen && rightOpen) break;
          continue;
        }
        const topic = this.o.outerStoreName!;
        const key = this.keySerde.deserializer(topic, storeKey.subarray(9)) as K;
        const raw = value.subarray(1);
        const joined = leftSide
          ? this.o.joiner(this.leftSerde.deserializer(topic, raw), null, key)
          : this.o.joiner(null, this.rightSerde.deserializer(topic, raw), key);
        this.context.forward(record.withKey(key).withValue(joined).withTimestamp(timestamp));
        done.push(storeKey);
      }
    } finally {
      iterator.close();
    }
    for (const k of done) store.delete(k);
  }
}
