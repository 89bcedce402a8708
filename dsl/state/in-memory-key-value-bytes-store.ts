import BTreeModule from 'sorted-btree';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import { LookAheadIterator, type KeyValueIterator } from './key-value-iterator.ts';
import type { KeyValue, KeyValueBytesStore } from './key-value-store.ts';
import type { StateStoreContext } from './state-store.ts';

// sorted-btree is CommonJS with an `exports.default`: Node's ESM loader hands us the exports object,
// while tsx/esbuild interop may hand us the class itself. Accept both.
type BTreeClass = typeof BTreeModule.default;
const BTree: BTreeClass =
  typeof BTreeModule === 'function' ? (BTreeModule as unknown as BTreeClass) : BTreeModule.default;
type Tree = InstanceType<typeof BTree<Buffer, Buffer>>;

/** A point-read index entry: the store's own copy of a key (the tree's too) and its current value. */
interface Slot {
  readonly key: Buffer;
  value: Buffer;
}

/** Above this length the native compare's call cost is repaid; below it a JS loop wins. */
const nativeCompareBytesMin = 48;

/**
 * Unsigned lexicographic byte order, Buffer.compare's: a tree lookup makes ~log2(n) comparisons,
 * and for typical short keys an inlined loop is several times cheaper than the native call.
 */
export function compareBytes(a: Buffer, b: Buffer): number {
  const length = a.length < b.length ? a.length : b.length;
  if (length >= nativeCompareBytesMin) return Buffer.compare(a, b);
  for (let i = 0; i < length; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Up to this length a JS loop makes a key's latin1 string faster than the native toString call. */
const jsIdMaxBytes = 16;

/**
 * Some key bytes as a string for a hash map: latin1, one char per byte, so distinct bytes stay
 * distinct (the same string as `key.toString('latin1')`).
 */
export function bytesId(key: Buffer): string {
  const n = key.length;
  if (n > jsIdMaxBytes) return key.toString('latin1');
  let id = '';
  for (let i = 0; i < n; i++) id += String.fromCharCode(key[i]!);
  return id;
}

/**
 * An in-memory store ordered by unsigned key bytes (Buffer.compare), so range scans match Kafka's
 * RocksDB/in-memory stores byte for byte, not JS string order. Iterators read an O(1) copy-on-write
 * clone of the tree, so writes during iteration (an aggregate updating what it scans) neither
 * break nor show through an open iterator.
 */
export class InMemoryKeyValueBytesStore implements KeyValueBytesStore {
  readonly name: string;
  readonly persistent = false;
  private tree: Tree = new BTree<Buffer, Buffer>(undefined, compareBytes);
  /**
   * The same entries by key bytes (as latin1 strings) for point reads: a hash lookup instead of a
   * walk down the tree comparing keys byte by byte (several times cheaper at 10,000 keys). The tree
   * still serves every ordered read.
   */
  private readonly index = new Map<string, Slot>();
  private open = false;

  constructor(name: string) {
    this.name = name;
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

  private checkOpen(): void {
    if (!this.open) throw new KafkaError(ErrorCode.INVALID_REQUEST, `state store ${this.name} is not open`);
  }

  get(key: Buffer): Buffer | null {
    this.checkOpen();
    return this.index.get(bytesId(key))?.value ?? null;
  }

  put(key: Buffer, value: Buffer | null): void {
    this.checkOpen();
    const id = bytesId(key);
    if (value === null) {
      if (this.index.delete(id)) this.tree.delete(key);
      return;
    }
    // Copy: the caller may reuse its buffers, and a store must not change under it. The tree keeps
    // the key it is given when it overwrites, so an existing key is updated with the store's own
    // copy of it (an update copies the value only).
    const copy = Buffer.from(value);
    const existing = this.index.get(id);
    if (existing !== undefined) {
      this.tree.set(existing.key, copy);
      existing.value = copy;
      return;
    }
    const ownKey = Buffer.from(key);
    this.tree.set(ownKey, copy);
    this.index.set(id, { key: ownKey, value: copy });
  }

  putIfAbsent(key: Buffer, value: Buffer): Buffer | null {
    const old = this.get(key);
    if (old === null) this.put(key, value);
    return old;
  }

  putAll(entries: readonly KeyValue<Buffer, Buffer | null>[]): void {
    for (const e of entries) this.put(e.key, e.value);
  }

  delete(key: Buffer): Buffer | null {
    this.checkOpen();
    const old = this.get(key);
    if (old !== null) this.put(key, null);
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
    this.checkOpen();
    return new LookAheadIterator(prefixEntries(this.tree.clone(), prefix));
  }

  approximateNumEntries(): number {
    this.checkOpen();
    return this.tree.size;
  }

  private scan(
    from: Buffer | undefined,
    to: Buffer | undefined,
    reverse: boolean,
  ): KeyValueIterator<Buffer, Buffer> {
    this.checkOpen();
    // Kafka returns an empty iterator (and logs) for from > to rather than throwing.
    if (from !== undefined && to !== undefined && compareBytes(from, to) > 0) {
      return new LookAheadIterator<Buffer, Buffer>([][Symbol.iterator]());
    }
    return new LookAheadIterator(rangeEntries(this.tree.clone(), from, to, reverse));
  }
}

function* rangeEntries(
  tree: Tree,
  from: Buffer | undefined,
  to: Buffer | undefined,
  reverse: boolean,
): Generator<KeyValue<Buffer, Buffer>> {
  if (!reverse) {
    for (const [key, value] of tree.entries(from)) {
      if (to !== undefined && compareBytes(key, to) > 0) return;
      yield { key, value };
    }
    return;
  }
  for (const [key, value] of tree.entriesReversed(to)) {
    if (from !== undefined && compareBytes(key, from) < 0) return;
    yield { key, value };
  }
}

function* prefixEntries(tree: Tree, prefix: Buffer): Generator<KeyValue<Buffer, Buffer>> {
  for (const [key, value] of tree.entries(prefix)) {
    if (key.length < prefix.length || key.compare(prefix, 0, prefix.length, 0, prefix.length) !== 0) return;
    yield { key, value };
  }
}
