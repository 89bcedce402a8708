import type {
  FixedKeyProcessor,
  FixedKeyProcessorContext,
  Processor,
  ProcessorContext,
} from '../../processor/processor.ts';
import { FixedKeyRecord, type Record } from '../../processor/record.ts';

/** Runs a FixedKeyProcessor as a Processor: the key a child sees is always the input key. */
export class FixedKeyProcessorAdapter<K, V, VOut> implements Processor<K, V, K, VOut> {
  private readonly inner: FixedKeyProcessor<K, V, VOut>;

  constructor(inner: FixedKeyProcessor<K, V, VOut>) {
    this.inner = inner;
  }
  init(context: ProcessorContext<K, VOut>): void {
    const fixed: FixedKeyProcessorContext<K, VOut> = {
      applicationId: context.applicationId,
      taskId: context.taskId,
      schedule: (i, t, p) => context.schedule(i, t, p),
      getStateStore: (name) => context.getStateStore(name),
      recordMetadata: () => context.recordMetadata(),
      currentStreamTimeMs: () => context.currentStreamTimeMs(),
      currentSystemTimeMs: () => context.currentSystemTimeMs(),
      commit: () => context.commit(),
      forward: (record, childName) => context.forward(record.toRecord(), childName),
    };
    this.inner.init?.(fixed);
  }
  process(record: Record<K, V>): void {
    this.inner.process(new FixedKeyRecord(record));
  }
  close(): void {
    this.inner.close?.();
  }
}
