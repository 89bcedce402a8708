import type { Processor, ProcessorContext } from '../../processor/processor.ts';
import type { Record } from '../../processor/record.ts';

/** `flatMapValues`: zero or more values per record, same key, inherited timestamp and headers. */
export class KStreamFlatMapValues<K, V, VR> implements Processor<K, V, K, VR> {
  private context!: ProcessorContext<K, VR>;
  private readonly mapper: (value: V, key: K) => Iterable<VR>;

  constructor(mapper: (value: V, key: K) => Iterable<VR>) {
    this.mapper = mapper;
  }
  init(context: ProcessorContext<K, VR>): void {
    this.context = context;
  }
  process(record: Record<K, V>): void {
    for (const value of this.mapper(record.value, record.key)) this.context.forward(record.withValue(value));
  }
}
