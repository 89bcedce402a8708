import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { open, type RootDatabase } from 'lmdb';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import { LookAheadIterator, emptyIterator, type KeyValueIterator } from './key-value-iterator.ts';
import type { KeyValue, KeyValueBytesStore } from './key-value-store.ts';
import type { StateStoreContext } from './state-store.ts';

/** LMDB refuses keys over 511 bytes unless built otherwise; lmdb-js allows 1978. One byte is our tag. */
const lmdbKeyBytesMax = 1978 - 1;

/**
 * Every key is stored behind one 0x01 byte: LMDB cannot hold an empty key (Kafka stores can, and
 * WordCount produces one for a line starting with punctuation), and a common prefix keeps the
 * unsigned byte order unchanged. Not 0x00: lmdb-js's reverse scans never return the key [0x00].
 */
const keyTag = Buffer.from([1]);

function tagged(key: Buffer): Buffer {
  if (key.length > lmdbKeyBytesMax) {
    throw new KafkaError(
      ErrorCode.INVALID_REQUEST,
      `key of ${key.length} bytes exceeds the LMDB store limit of ${lmdbKeyBytesMax}`,
    );
  }
  return Buffer.concat([keyTag, key]);
}

/**
 * A persistent key-value store on LMDB (Kafka's RocksDB store, for state larger than memory).
 * It lives in `<state.dir>/<application.id>/<taskId>/lmdb/<store>`; LMDB's B+tree compares keys as
 * unsigned bytes, so iteration order equals the in-memory store's. Writes skip fsync: as in Kafka,
 * durability comes from the changelog topic, and a store lost with its machine is restored from it.
 * This store does real file I/O through LMDB's native code, outside the core/io ports, so tests
 * that need simulated I/O use the in-memory store.
 */
export class LmdbKeyValueBytesStore implements KeyValueBytesStore {
  readonly name: string;
  readonly persistent = true;
  private db: RootDatabase<Buffer, Buffer> | undefined;
  private path: string | undefined;

  constructor(name: string) {
    this.name = name;
  }

  /** Where the store's files are, once initialized. */
  get location(): string | undefined {
    return this.path;
  }

  init(context: StateStoreContext): void {
    if (context.stateDir === undefined) {
      throw new KafkaError(
        ErrorCode.INVALID_CONFIG,
        `persistent store ${this.name} needs state.dir (set it on the runtime or the test driver)`,
      );
    }
    this.path = join(context.stateDir, 'lmdb', this.name);
    mkdirSync(this.path, { recursive: true });
    this.db = open<Buffer, Buffer>({
      path: this.path,
      keyEncoding: 'binary',
      encoding: 'binary',
      compression: false,
      noSync: true,
    });
  }

  /** Every write is already a committed LMDB transaction; fsync is left to the OS (see above). */
  flush(): void {
    this.database();
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }

  isOpen(): boolean {
    return this.db !== undefined;
  }

  /** Closes the store and removes its files (a corrupted task is wiped before it restores). */
  destroy(): void {
    this.close();
    if (this.path !== undefined) rmSync(this.path, { recursive: true, force: true });
  }

  private database(): RootDatabase<Buffer, Buffer> {
    if (this.db === undefined)
      throw new KafkaError(ErrorCode.INVALID_REQUEST, `state store ${this.name} is not open`);
    return this.db;
  }

  get(key: Buffer): Buffer | null {
    return this.database().get(tagged(key)) ?? null;
  }

  put(key: Buffer, value: Buffer | null): void {
    const db = this.database();
    if (value === null) db.removeSync(tagged(key));
    else db.putSync(tagged(key), value);
  }

  putIfAbsent(key: Buffer, value: Buffer): Buffer | null {
    const old = this.get(key);
    if (old === null) this.put(key, value);
    return old;
  }

  putAll(entries: readonly KeyValue<Buffer, Buffer | null>[]): void {
    // One LMDB transaction for the batch instead of one per entry.
    this.database().transactionSync(() => {
      for (const e of entries) this.put(e.key, e.value);
    });
  }

  delete(key: Buffer): Buffer | null {
    const old = this.get(key);
    if (old !== null) this.database().removeSync(tagged(key));
    return old;
  }

  range(from: Buffer | undefined, to: Buffer | undefined): KeyValueIterator<Buffer, Buffer> {
    return this.scan(from, to, false);
  }
  reverseRange(from: Buffer | undefined, to: Buffer | undefined): KeyValueIterator<Buffer, Buffer> {
    return this.scan(from, to, true);
  }
  all(): KeyValueIterator<Buffer, Buffer> {
    return this.scan(undefined, undefined, false);
  }
  reverseAll(): KeyValueIterator<Buffer, Buffer> {
    return this.scan(undefined, undefined, true);
  }

  prefixScan(prefix: Buffer): KeyValueIterator<Buffer, Buffer> {
    const db = this.database();
    const source = db.getRange({ start: tagged(prefix) })[Symbol.iterator]();
    function* entries(): Generator<KeyValue<Buffer, Buffer>> {
      for (let step = source.next(); step.done !== true; step = source.next()) {
        const key = step.value.key.subarray(1);
        if (key.length < prefix.length || key.compare(prefix, 0, prefix.length, 0, prefix.length) !== 0)
          return;
        yield { key, value: step.value.value };
      }
    }
    return new LookAheadIterator(entries(), () => source.return?.());
  }

  approximateNumEntries(): number {
    return (this.database().getStats() as { entryCount: number }).entryCount;
  }

  private scan(
    from: Buffer | undefined,
    to: Buffer | undefined,
    reverse: boolean,
  ): KeyValueIterator<Buffer, Buffer> {
    const db = this.database();
    if (from !== undefined && to !== undefined && Buffer.compare(from, to) > 0) return emptyIterator();
    // LMDB's range end is exclusive and a reverse start is "at or below": walk from the near bound
    // and stop past the far one ourselves, so both bounds are inclusive as in Kafka.
    const start = reverse
      ? to === undefined
        ? undefined
        : tagged(to)
      : from === undefined
        ? undefined
        : tagged(from);
    const source = db.getRange({ start, reverse })[Symbol.iterator]();
    function* entries(): Generator<KeyValue<Buffer, Buffer>> {
      for (let step = source.next(); step.done !== true; step = source.next()) {
        const key = step.value.key.subarray(1);
        if (!reverse && to !== undefined && Buffer.compare(key, to) > 0) return;
        if (reverse && from !== undefined && Buffer.compare(key, from) < 0) return;
        yield { key, value: step.value.value };
      }
    }
    return new LookAheadIterator(entries(), () => source.return?.());
  }
}
