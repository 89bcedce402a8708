import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { Headers, Serde } from '../../core/serdes/index.ts';
import { DeserializationError } from '../../core/serdes/index.ts';
import { BTree, type BTreeOf } from '../state/btree.ts';
import { compareBytes } from '../state/in-memory-key-value-bytes-store.ts';
import type { ChangelogRecord, StateStore, StateStoreContext, StoreBuilder } from '../state/state-store.ts';
import { changelogTopicFor } from '../state/typed-key-value-store.ts';
import { readLong, writeLong } from '../windows/window-key-schema.ts';
import { Change } from './change.ts';

interface BufferKey {
  readonly time: number;
  readonly key: Buffer;
}

interface Buffered<K, V> {
  readonly key: K;
  readonly bufferKey: BufferKey;
  /** The value downstream last saw: the old value of the first buffered update. */
  readonly prior: V | null;
  readonly priorBytes: Buffer | null;
  readonly newValue: V | null;
  readonly newBytes: Buffer | null;
  readonly timestamp: number;
  readonly headers: Headers;
  readonly size: number;
}

/** A buffered update leaving the buffer: the latest new value and the value downstream last saw. */
export interface Eviction<K, V> {
  readonly key: K;
  readonly value: Change<V>;
  readonly timestamp: number;
  readonly headers: Headers;
}

const compareBufferKeys = (a: BufferKey, b: BufferKey): number =>
  a.time - b.time || compareBytes(a.key, b.key);
/** Per-entry bookkeeping Kafka adds to key and value bytes (timestamps, lengths). */
const entryOverheadBytes = 24;

/**
 * The suppression buffer (Kafka's InMemoryTimeOrderedKeyValueBuffer): one entry per key, ordered by
 * buffer time. A key's later updates replace its value but keep its place and time ("non-resetting"),
 * so a rate limit counts from the first buffered update. Every change is logged to
 * `<application.id>-<store>-changelog` (a tombstone on eviction), so a restarted task rebuilds the
 * buffer and final results survive restarts.
 */
export class SuppressBuffer<K, V> implements StateStore {
  readonly name: string;
  readonly persistent = false;
  private readonly declaredKeySerde: Serde<K> | undefined;
  private readonly declaredValueSerde: Serde<V> | undefined;
  private readonly wrapDefaultKeySerde: ((inner: Serde<unknown>) => Serde<unknown>) | undefined;
  private keySerde!: Serde<K>;
  private valueSerde!: Serde<V>;
  private topic: string;
  private context: StateStoreContext | undefined;
  private sorted: BTreeOf<BufferKey, Buffered<K, V>> = new BTree<BufferKey, Buffered<K, V>>(
    undefined,
    compareBufferKeys,
  );
  private readonly index = new Map<string, BufferKey>();
  private bytes = 0;
  private open = false;

  constructor(
    name: string,
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<V> | undefined,
    wrapDefaultKeySerde: ((inner: Serde<unknown>) => Serde<unknown>) | undefined,
  ) {
    this.name = name;
    this.declaredKeySerde = keySerde;
    this.declaredValueSerde = valueSerde;
    this.wrapDefaultKeySerde = wrapDefaultKeySerde;
    this.topic = name;
  }

  init(context: StateStoreContext): void {
    const defaultKey = context.defaultKeySerde;
    const key =
      this.declaredKeySerde ??
      (defaultKey === undefined
        ? undefined
        : ((this.wrapDefaultKeySerde?.(defaultKey) ?? defaultKey) as Serde<K>));
    const value = this.declaredValueSerde ?? (context.defaultValueSerde as Serde<V> | undefined);
    if (key === undefined || value === undefined)
      throw new KafkaError(
        ErrorCode.INVALID_CONFIG,
        `no ${key === undefined ? 'key' : 'value'} serde for suppression buffer ${this.name}: set serdes upstream or default serdes`,
      );
    this.keySerde = key;
    this.valueSerde = value;
    this.topic = changelogTopicFor(context.applicationId, this.name);
    this.context = context;
    this.open = true;
  }
  flush(): void {}
  close(): void {
    this.open = false;
  }
  isOpen(): boolean {
    return this.open;
  }

  get numRecords(): number {
    return this.index.size;
  }
  get bufferSize(): number {
    return this.bytes;
  }
  /** Buffer time of the oldest entry; Infinity when empty. */
  minTimestamp(): number {
    return this.sorted.minKey()?.time ?? Infinity;
  }

  private keyBytes(key: K): Buffer {
    const bytes = this.keySerde.serializer(this.topic, key);
    if (bytes === null)
      throw new KafkaError(ErrorCode.INVALID_REQUEST, `suppression buffer ${this.name} got a null key`);
    return bytes;
  }
  private valueBytes(value: V | null): Buffer | null {
    return value === null ? null : this.valueSerde.serializer(this.topic, value);
  }

  put(time: number, key: K, change: Change<V>, timestamp: number, headers: Headers): void {
    const keyBytes = this.keyBytes(key);
    const id = keyBytes.toString('latin1');
    const previousKey = this.index.get(id);
    const previous = previousKey === undefined ? undefined : this.sorted.get(previousKey);
    const prior = previous === undefined ? change.oldValue : previous.prior;
    const priorBytes = previous === undefined ? this.valueBytes(change.oldValue) : previous.priorBytes;
    const newBytes = this.valueBytes(change.newValue);
    const bufferKey = previousKey ?? { time, key: keyBytes };
    const size = keyBytes.length + (priorBytes?.length ?? 0) + (newBytes?.length ?? 0) + entryOverheadBytes;
    const entry: Buffered<K, V> = {
      key,
      bufferKey,
      prior,
      priorBytes,
      newValue: change.newValue,
      newBytes,
      timestamp,
      headers,
      size,
    };
    this.bytes += size - (previous?.size ?? 0);
    this.index.set(id, bufferKey);
    this.sorted.set(bufferKey, entry);
    this.log(keyBytes, entry);
  }

  /** The value downstream last saw for a buffered key (Kafka's priorValueForBuffered). */
  priorValueForBuffered(key: K): { readonly value: V | null; readonly timestamp: number } | undefined {
    const bufferKey = this.index.get(this.keyBytes(key).toString('latin1'));
    if (bufferKey === undefined) return undefined;
    const entry = this.sorted.get(bufferKey)!;
    return { value: entry.prior, timestamp: entry.timestamp };
  }

  /** Evicts oldest-first while `predicate` holds, handing each entry to `callback`. */
  evictWhile(predicate: () => boolean, callback: (eviction: Eviction<K, V>) => void): void {
    while (this.index.size > 0 && predicate()) {
      const bufferKey = this.sorted.minKey()!;
      const entry = this.sorted.get(bufferKey)!;
      this.sorted.delete(bufferKey);
      this.index.delete(bufferKey.key.toString('latin1'));
      this.bytes -= entry.size;
      this.log(bufferKey.key, null);
      callback({
        key: entry.key,
        value: new Change<V>(entry.newValue, entry.prior),
        timestamp: entry.timestamp,
        headers: entry.headers,
      });
    }
  }

  /** `[time][timestamp][priorLength][prior][newLength][new]`, lengths -1 for null. */
  private log(keyBytes: Buffer, entry: Buffered<K, V> | null): void {
    const context = this.context;
    if (context?.changelogTopic == null || context.logChange === undefined) return;
    if (entry === null) {
      context.logChange(this.name, keyBytes, null, context.recordTimestamp?.() ?? 0);
      return;
    }
    const parts = [entry.priorBytes, entry.newBytes];
    const out = Buffer.allocUnsafe(16 + parts.reduce((n, p) => n + 4 + (p?.length ?? 0), 0));
    writeLong(out, entry.bufferKey.time, 0);
    writeLong(out, entry.timestamp, 8);
    let offset = 16;
    for (const p of parts) {
      out.writeInt32BE(p === null ? -1 : p.length, offset);
      offset += 4;
      if (p !== null) offset += p.copy(out, offset);
    }
    context.logChange(this.name, keyBytes, out, entry.timestamp);
  }

  restore(records: Iterable<ChangelogRecord>): void {
    for (const r of records) {
      if (r.key === null) continue;
      const id = r.key.toString('latin1');
      const old = this.index.get(id);
      if (old !== undefined) {
        this.bytes -= this.sorted.get(old)!.size;
        this.sorted.delete(old);
        this.index.delete(id);
      }
      if (r.value === null) continue;
      const v = r.value;
      if (v.length < 24) throw new DeserializationError(this.topic, 'truncated suppression buffer record');
      const time = readLong(v, 0);
      const timestamp = readLong(v, 8);
      let offset = 16;
      const read = (): Buffer | null => {
        const length = v.readInt32BE(offset);
        offset += 4;
        if (length < 0) return null;
        const bytes = Buffer.from(v.subarray(offset, offset + length));
        offset += length;
        return bytes;
      };
      const priorBytes = read();
      const newBytes = read();
      const keyBytes = Buffer.from(r.key);
      const bufferKey = { time, key: keyBytes };
      const size = keyBytes.length + (priorBytes?.length ?? 0) + (newBytes?.length ?? 0) + entryOverheadBytes;
      this.sorted.set(bufferKey, {
        key: this.keySerde.deserializer(this.topic, keyBytes) as K,
        bufferKey,
        prior: priorBytes === null ? null : this.valueSerde.deserializer(this.topic, priorBytes),
        priorBytes,
        newValue: newBytes === null ? null : this.valueSerde.deserializer(this.topic, newBytes),
        newBytes,
        timestamp,
        headers: [],
        size,
      });
      this.index.set(id, bufferKey);
      this.bytes += size;
    }
  }
}

/** Builds one suppression buffer per task; logged unless disabled. */
export class SuppressBufferBuilder<K, V> implements StoreBuilder<SuppressBuffer<K, V>> {
  readonly name: string;
  readonly loggingEnabled: boolean;
  readonly logConfig: Readonly<Record<string, string>>;
  private readonly keySerde: Serde<K> | undefined;
  private readonly valueSerde: Serde<V> | undefined;
  private readonly wrap: ((inner: Serde<unknown>) => Serde<unknown>) | undefined;

  constructor(
    name: string,
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<V> | undefined,
    wrap: ((inner: Serde<unknown>) => Serde<unknown>) | undefined,
    loggingEnabled = true,
    logConfig: Readonly<Record<string, string>> = {},
  ) {
    this.name = name;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
    this.wrap = wrap;
    this.loggingEnabled = loggingEnabled;
    this.logConfig = logConfig;
  }

  withLoggingEnabled(config: Readonly<Record<string, string>> = {}): StoreBuilder<SuppressBuffer<K, V>> {
    return new SuppressBufferBuilder(this.name, this.keySerde, this.valueSerde, this.wrap, true, config);
  }
  withLoggingDisabled(): StoreBuilder<SuppressBuffer<K, V>> {
    return new SuppressBufferBuilder(this.name, this.keySerde, this.valueSerde, this.wrap, false, {});
  }
  build(): SuppressBuffer<K, V> {
    return new SuppressBuffer(this.name, this.keySerde, this.valueSerde, this.wrap);
  }
}
