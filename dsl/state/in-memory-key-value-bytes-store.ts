import BTreeModule from 'sorted-btree';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { KeyValue, KeyValueBytesStore } from './key-value-store.ts';
import type { StateStoreContext } from './state-store.ts';

// sorted-btree is CommonJS with an `exports.default`: Node's ESM loader hands us the exports object,
// while tsx/esbuild interop may hand us the class itself. Accept both.
type BTreeClass = typeof BTreeModule.default;
const BTree: BTreeClass =
  typeof BTreeModule === 'function' ? (BTreeModule as unknown as BTreeClass) : BTreeModule.default;
type Tree = InstanceType<typeof BTree<Buffer, Buffer>>;

/**
 * An in-memory store ordered by unsigned key bytes (Buffer.compare), so range scans match Kafka's
 * RocksDB/in-memory stores byte for byte, not JS string order.
 */
export class InMemoryKeyValueBytesStore implements KeyValueBytesStore {
  readonly name: string;
  readonly persistent = false;
  private tree: Tree = new BTree<Buffer, Buffer>(undefined, Buffer.compare);
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
    return this.tree.get(key) ?? null;
  }

  put(key: Buffer, value: Buffer | null): void {
    this.checkOpen();
    // Copy: the caller may reuse its buffers, and a store must not change under it.
    if (value === null) this.tree.delete(key);
    else this.tree.set(Buffer.from(key), Buffer.from(value));
  }

  delete(key: Buffer): Buffer | null {
    this.checkOpen();
    const old = this.tree.get(key) ?? null;
    this.tree.delete(key);
    return old;
  }

  range(from: Buffer | undefined, to: Buffer | undefined): KeyValue<Buffer, Buffer>[] {
    this.checkOpen();
    const out: KeyValue<Buffer, Buffer>[] = [];
    if (from !== undefined && to !== undefined && Buffer.compare(from, to) > 0) return out;
    const low = from ?? this.tree.minKey();
    const high = to ?? this.tree.maxKey();
    if (low === undefined || high === undefined) return out;
    this.tree.forRange(low, high, true, (key, value) => {
      out.push({ key, value });
    });
    return out;
  }

  all(): KeyValue<Buffer, Buffer>[] {
    return this.range(undefined, undefined);
  }

  reverseAll(): KeyValue<Buffer, Buffer>[] {
    return this.all().reverse();
  }

  approximateNumEntries(): number {
    return this.tree.size;
  }
}
