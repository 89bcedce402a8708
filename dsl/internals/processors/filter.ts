import type { Processor, ProcessorContext } from '../../processor/processor.ts';
import type { Record } from '../../processor/record.ts';

/** `filter` / `filterNot`: forwards records whose predicate result differs from `negate`. */
export class KStreamFilter<K, V> implements Processor<K, V, K, V> {
  private context!: ProcessorContext<K, V>;
  private readonly predicate: (key: K, value: V) => boolean;
  private readonly negate: boolean;

  constructor(predicate: (key: K, value: V) => boolean, negate: boolean) {
    this.predicate = predicate;
    this.negate = negate;
  }
  init(context: ProcessorContext<K, V>): void {
    this.context = context;
  }
  process(record: Record<K, V>): void {
    if (this.predicate(record.key, record.value) !== this.negate) this.context.forward(record);
  }
}
