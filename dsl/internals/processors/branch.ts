import type { Processor, ProcessorContext } from '../../processor/processor.ts';
import type { Record } from '../../processor/record.ts';

/**
 * The splitter behind `split()`: sends each record to the child of the first matching predicate,
 * else to the default branch if there is one, else drops it.
 */
export class KStreamBranch<K, V> implements Processor<K, V, K, V> {
  private context!: ProcessorContext<K, V>;
  /** Shared with BranchedKStream, which appends while the user declares branches. */
  private readonly predicates: ((key: K, value: V) => boolean)[];
  private readonly childNames: string[];
  private readonly defaultChild: () => string | undefined;

  constructor(
    predicates: ((key: K, value: V) => boolean)[],
    childNames: string[],
    defaultChild: () => string | undefined,
  ) {
    this.predicates = predicates;
    this.childNames = childNames;
    this.defaultChild = defaultChild;
  }
  init(context: ProcessorContext<K, V>): void {
    this.context = context;
  }
  process(record: Record<K, V>): void {
    for (let i = 0; i < this.predicates.length; i++) {
      if (this.predicates[i]!(record.key, record.value)) {
        this.context.forward(record, this.childNames[i]);
        return;
      }
    }
    const fallback = this.defaultChild();
    if (fallback !== undefined) this.context.forward(record, fallback);
  }
}
