import type { Processor, ProcessorContext } from '../../processor/processor.ts';
import type { Record } from '../../processor/record.ts';

/** `mapValues`: new value, same key; the mapper sees the key read-only. */
export class KStreamMapValues<K, V, VR> implements Processor<K, V, K, VR> {
  private context!: ProcessorContext<K, VR>;
  private readonly mapper: (value: V, key: K) => VR;

  constructor(mapper: (value: V, key: K) => VR) {
    this.mapper = mapper;
  }
  init(context: ProcessorContext<K, VR>): void {
    this.context = context;
  }
  process(record: Record<K, V>): void {
    this.context.forward(record.withValue(this.mapper(record.value, record.key)));
  }
}
