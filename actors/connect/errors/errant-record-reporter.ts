import type { ErrantRecordReporter } from '../api/connector.ts';
import type { SinkRecord } from '../api/records.ts';
import type { Converter } from '../converters/converter.ts';
import { ProcessingContext, Stage, type ConsumedRecord } from './processing-context.ts';
import type { RetryWithToleranceOperator } from './retry-with-tolerance-operator.ts';

export interface ErrantRecordReporterOptions {
  readonly operator: RetryWithToleranceOperator;
  readonly keyConverter: Converter;
  readonly valueConverter: Converter;
  /** The sink task's class name, written as the executing class. */
  readonly taskClass: string;
  /**
   * The record as consumed, when the worker still has it (Kafka keeps it since KIP-793); otherwise
   * the reporter re-serialises the SinkRecord with the task's converters, as Kafka did before.
   */
  readonly originalOf?: (record: SinkRecord) => ConsumedRecord | undefined;
}

/**
 * The SinkTaskContext.errantRecordReporter() a task uses to hand over a record it cannot write
 * (WorkerErrantRecordReporter): reported at stage TASK_PUT to the log and DLQ, and the task fails
 * unless `errors.tolerance=all`.
 */
export function createErrantRecordReporter(options: ErrantRecordReporterOptions): ErrantRecordReporter {
  return async (record, error) => {
    const consumed = options.originalOf?.(record) ?? {
      topic: record.topic,
      partition: record.kafkaPartition,
      offset: record.kafkaOffset,
      timestamp: record.timestamp ?? -1,
      key: options.keyConverter.fromConnectData(record.topic, record.keySchema ?? null, record.key),
      value: options.valueConverter.fromConnectData(record.topic, record.valueSchema ?? null, record.value),
      headers: [],
    };
    const context = new ProcessingContext({ consumerRecord: consumed });
    await options.operator.executeFailed(context, Stage.TASK_PUT, options.taskClass, error);
  };
}
