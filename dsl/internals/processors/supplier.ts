import type { ProcessorSupplier } from '../../processor/processor.ts';
import type { Processor } from '../../processor/processor.ts';

/** Normalizes both supplier shapes (function or `{ get() }`) to a factory. */
export function supplierToFactory<KIn, VIn, KOut, VOut>(
  supplier: ProcessorSupplier<KIn, VIn, KOut, VOut>,
): () => Processor<KIn, VIn, KOut, VOut> {
  if (typeof supplier === 'function') return supplier;
  return () => supplier.get();
}
