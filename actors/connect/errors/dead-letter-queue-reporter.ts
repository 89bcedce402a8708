import type { ConnectorTaskId, ErrorReporter, ProcessingContext, RawHeader } from './processing-context.ts';

/** The `__connect.errors.*` header names Kafka's DeadLetterQueueReporter writes. */
export const DlqHeaders = {
  ORIG_TOPIC: '__connect.errors.topic',
  ORIG_PARTITION: '__connect.errors.partition',
  ORIG_OFFSET: '__connect.errors.offset',
  CONNECTOR_NAME: '__connect.errors.connector.name',
  TASK_ID: '__connect.errors.task.id',
  STAGE: '__connect.errors.stage',
  EXECUTING_CLASS: '__connect.errors.class.name',
  EXCEPTION: '__connect.errors.exception.class.name',
  EXCEPTION_MESSAGE: '__connect.errors.exception.message',
  EXCEPTION_STACK_TRACE: '__connect.errors.exception.stacktrace',
} as const;

/** The record handed to the producer: partition chosen by the partitioner, as Kafka leaves it null. */
export interface DlqRecord {
  readonly topic: string;
  readonly partition: null;
  /** Absent when the original had no timestamp, so the producer stamps it. */
  readonly timestamp?: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: readonly RawHeader[];
}

export interface DeadLetterQueueOptions {
  /** `errors.deadletterqueue.topic.name`; empty disables the reporter. */
  readonly topic: string;
  /** `errors.deadletterqueue.context.headers.enable`. */
  readonly contextHeadersEnable: boolean;
  readonly taskId: ConnectorTaskId;
  /** The worker's producer. The reporter resolves once this resolves, so the DLQ write is acknowledged. */
  readonly send: (record: DlqRecord) => Promise<void>;
}

function utf8(text: string | null | undefined): Buffer | null {
  return text === null || text === undefined ? null : Buffer.from(text, 'utf8');
}

/**
 * Writes a failed sink record to the dead letter queue (DeadLetterQueueReporter): the original key
 * and value bytes and headers, plus, when context headers are enabled, where it came from and why
 * it failed. Only consumed records go to a DLQ; source-side failures are logged only, as in Kafka.
 */
export class DeadLetterQueueReporter implements ErrorReporter {
  private readonly options: DeadLetterQueueOptions;

  constructor(options: DeadLetterQueueOptions) {
    this.options = options;
  }

  async report(context: ProcessingContext): Promise<void> {
    const dlq = this.dlqRecord(context);
    if (dlq !== null) await this.options.send(dlq);
  }

  /** The record the reporter would send for `context`, or null when there is nothing to send. */
  dlqRecord(context: ProcessingContext): DlqRecord | null {
    const original = context.consumerRecord;
    if (original === null || this.options.topic === '') return null;
    const headers: RawHeader[] = [...original.headers];
    if (this.options.contextHeadersEnable) headers.push(...this.contextHeaders(context));
    return {
      topic: this.options.topic,
      partition: null,
      ...(original.timestamp >= 0 ? { timestamp: original.timestamp } : {}),
      key: original.key,
      value: original.value,
      headers,
    };
  }

  private contextHeaders(context: ProcessingContext): RawHeader[] {
    const original = context.consumerRecord!;
    const { taskId } = this.options;
    const headers: RawHeader[] = [
      { key: DlqHeaders.ORIG_TOPIC, value: utf8(original.topic) },
      { key: DlqHeaders.ORIG_PARTITION, value: utf8(String(original.partition)) },
      { key: DlqHeaders.ORIG_OFFSET, value: utf8(String(original.offset)) },
      { key: DlqHeaders.CONNECTOR_NAME, value: utf8(taskId.connector) },
      { key: DlqHeaders.TASK_ID, value: utf8(String(taskId.task)) },
      { key: DlqHeaders.STAGE, value: utf8(context.stage) },
      { key: DlqHeaders.EXECUTING_CLASS, value: utf8(context.executingClass) },
    ];
    const error = context.error;
    if (error !== null) {
      headers.push({ key: DlqHeaders.EXCEPTION, value: utf8(error.name) });
      headers.push({ key: DlqHeaders.EXCEPTION_MESSAGE, value: utf8(error.message) });
      if (error.stack !== undefined)
        headers.push({ key: DlqHeaders.EXCEPTION_STACK_TRACE, value: utf8(error.stack) });
    }
    return headers;
  }
}
