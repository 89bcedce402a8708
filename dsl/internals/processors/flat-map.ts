import type { Processor, ProcessorContext } from '../../processor/processor.ts';
import type { Record } from '../../processor/record.ts';
import type { KeyValuePair } from './map.ts';

/** `flatMap`: zero or more pairs per record, each inheriting the input timestamp and headers. */
export class KStreamFlatMap<K, V, KR, VR> implements Processor<K, V, KR, VR> {
  private context!: ProcessorContext<KR, VR>;
  private readonly mapper: (key: K, value: V) => Iterable<KeyValuePair<KR, VR>>;

  constructor(mapper: (key: K, value: V) => Iterable<KeyValuePair<KR, VR>>) {
    this.mapper = mapper;
  }
  init(context: ProcessorContext<KR, VR>): void {
    this.context = context;
  }
  process(record: Record<K, V>): void {
    for (const out of this.mapper(record.key, record.value)) {
      this.context.forward(record.withKey(out.key).withValue(out.value));
    }
  }
}
