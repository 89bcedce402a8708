import type { Processor, ProcessorContext } from '../../processor/processor.ts';
import type { Record } from '../../processor/record.ts';

/** Forwards every record unchanged: branch children and `merge` nodes. */
export class PassThrough<K, V> implements Processor<K, V, K, V> {
  private context!: ProcessorContext<K, V>;
  init(context: ProcessorContext<K, V>): void {
    this.context = context;
  }
  process(record: Record<K, V>): void {
    this.context.forward(record);
  }
}
