import type { Processor, ProcessorContext } from '../../processor/processor.ts';
import type { Record } from '../../processor/record.ts';

/** `peek` (forwards) and `foreach` (terminal): run a side effect per record. */
export class KStreamPeek<K, V> implements Processor<K, V, K, V> {
  private context!: ProcessorContext<K, V>;
  private readonly action: (key: K, value: V) => void;
  private readonly forwardDownstream: boolean;

  constructor(action: (key: K, value: V) => void, forwardDownstream: boolean) {
    this.action = action;
    this.forwardDownstream = forwardDownstream;
  }
  init(context: ProcessorContext<K, V>): void {
    this.context = context;
  }
  process(record: Record<K, V>): void {
    this.action(record.key, record.value);
    if (this.forwardDownstream) this.context.forward(record);
  }
}
