import type { ProcessingContextBase } from '../processor/processor.ts';

/**
 * The task's side of Kafka's dropped-records sensor: DSL processors report a record they skip (null
 * key or value) so the runtime counts it and tells `onDroppedRecord`. Not on the public context.
 */
export interface DropRecorder {
  recordDropped(reason: string): void;
}

/** Reports a dropped record if the context can count it (a mock context may not). */
export function recordDropped(context: ProcessingContextBase, reason: string): void {
  (context as Partial<DropRecorder>).recordDropped?.(reason);
}
