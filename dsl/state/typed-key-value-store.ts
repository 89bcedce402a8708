import type { Serde } from '../../core/serdes/index.ts';
import type { KeyValue, KeyValueBytesStore, KeyValueStore } from './key-value-store.ts';
import type { StateStoreContext } from './state-store.ts';

/**
 * The typed face of a bytes store (Kafka's MeteredKeyValueStore minus metrics): serializes keys and
 * values with the store's serdes, using the store name as the serde's "topic".
 */
export class TypedKeyValueStore<K, V> implements KeyValueStore<K, V> {
  readonly inner: KeyValueBytesStore;
  private readonly keySerde: Serde<K>;
  private readonly valueSerde: Serde<V>;

  constructor(inner: KeyValueBytesStore, keySerde: Serde<K>, valueSerde: Serde<V>) {
    this.inner = inner;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
  }

  get name(): string {
    return this.inner.name;
  }
  get persistent(): boolean {
    return this.inner.persistent;
  }
  init(context: StateStoreContext): void {
    this.inner.init(context);
  }
  flush(): void {
    this.inner.flush();
  }
  close(): void {
    this.inner.close();
  }
  isOpen(): boolean {
    return this.inner.isOpen();
  }

  private keyBytes(key: K): Buffer {
    const bytes = this.keySerde.serializer(this.name, key);
    if (bytes === null) throw new TypeError(`state store ${this.name} does not accept null keys`);
    return bytes;
  }
  private valueOf(bytes: Buffer | null): V | null {
    return bytes === null ? null : this.valueSerde.deserializer(this.name, bytes);
  }
  private entries(list: KeyValue<Buffer, Buffer>[]): KeyValue<K, V>[] {
    return list.map((e) => ({
      key: this.keySerde.deserializer(this.name, e.key) as K,
      value: this.valueSerde.deserializer(this.name, e.value) as V,
    }));
  }

  get(key: K): V | null {
    return this.valueOf(this.inner.get(this.keyBytes(key)));
  }
  put(key: K, value: V | null): void {
    this.inner.put(this.keyBytes(key), value === null ? null : this.valueSerde.serializer(this.name, value));
  }
  putIfAbsent(key: K, value: V): V | null {
    const old = this.get(key);
    if (old === null) this.put(key, value);
    return old;
  }
  putAll(entries: readonly KeyValue<K, V>[]): void {
    for (const e of entries) this.put(e.key, e.value);
  }
  delete(key: K): V | null {
    return this.valueOf(this.inner.delete(this.keyBytes(key)));
  }
  range(from: K | undefined, to: K | undefined): KeyValue<K, V>[] {
    return this.entries(
      this.inner.range(
        from === undefined ? undefined : this.keyBytes(from),
        to === undefined ? undefined : this.keyBytes(to),
      ),
    );
  }
  all(): KeyValue<K, V>[] {
    return this.entries(this.inner.all());
  }
  reverseAll(): KeyValue<K, V>[] {
    return this.entries(this.inner.reverseAll());
  }
  approximateNumEntries(): number {
    return this.inner.approximateNumEntries();
  }
}
