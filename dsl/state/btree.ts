import BTreeModule from 'sorted-btree';

// sorted-btree is CommonJS with an `exports.default`: Node's ESM loader hands us the exports object,
// while tsx/esbuild interop may hand us the class itself. Accept both.
type BTreeClass = typeof BTreeModule.default;
export const BTree: BTreeClass =
  typeof BTreeModule === 'function' ? (BTreeModule as unknown as BTreeClass) : BTreeModule.default;
export type BTreeOf<K, V> = InstanceType<typeof BTree<K, V>>;
