import type { Processor, ProcessorContext } from '../../processor/processor.ts';
import { Record } from '../../processor/record.ts';

/** A key-value pair returned by mappers (Kafka's KeyValue). */
export interface KeyValuePair<K, V> {
  readonly key: K;
  readonly value: V;
}

/** `map` / `selectKey`: new key and value, same timestamp and headers. */
export class KStreamMap<K, V, KR, VR> implements Processor<K, V, KR, VR> {
  private context!: ProcessorContext<KR, VR>;
  private readonly mapper: (key: K, value: V) => KeyValuePair<KR, VR>;

  constructor(mapper: (key: K, value: V) => KeyValuePair<KR, VR>) {
    this.mapper = mapper;
  }
  init(context: ProcessorContext<KR, VR>): void {
    this.context = context;
  }
  process(record: Record<K, V>): void {
    const out = this.mapper(record.key, record.value);
    this.context.forward(new Record(out.key, out.value, record.timestamp, record.headers));
  }
}
