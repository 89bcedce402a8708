import type { SourceRecord } from '../api/records.ts';

/** Where in a task's pipeline an operation ran (org.apache.kafka.connect.runtime.errors.Stage). */
export const Stage = {
  KEY_CONVERTER: 'KEY_CONVERTER',
  VALUE_CONVERTER: 'VALUE_CONVERTER',
  HEADER_CONVERTER: 'HEADER_CONVERTER',
  TRANSFORMATION: 'TRANSFORMATION',
  TASK_PUT: 'TASK_PUT',
  TASK_POLL: 'TASK_POLL',
  KAFKA_PRODUCE: 'KAFKA_PRODUCE',
  KAFKA_CONSUME: 'KAFKA_CONSUME',
} as const;
export type Stage = (typeof Stage)[keyof typeof Stage];

/** A record header in its stored form: a key and raw bytes. */
export interface RawHeader {
  readonly key: string;
  readonly value: Buffer | null;
}

/** A record as read from the log, bytes untouched: what a sink task's error context points at. */
export interface ConsumedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  /** -1 when the record has no timestamp (RecordBatch.NO_TIMESTAMP). */
  readonly timestamp: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: readonly RawHeader[];
}

/** The task a failure happened in (ConnectorTaskId). */
export interface ConnectorTaskId {
  readonly connector: string;
  readonly task: number;
}

/**
 * The state of one record's trip through a task (ProcessingContext): the original record, the
 * stage and class currently running, how many attempts, and the error if it failed.
 */
export class ProcessingContext {
  readonly consumerRecord: ConsumedRecord | null;
  readonly sourceRecord: SourceRecord | null;
  stage: Stage = Stage.KAFKA_CONSUME;
  executingClass = '';
  attempt = 0;
  error: Error | null = null;

  constructor(original: { consumerRecord?: ConsumedRecord; sourceRecord?: SourceRecord }) {
    this.consumerRecord = original.consumerRecord ?? null;
    this.sourceRecord = original.sourceRecord ?? null;
  }

  failed(): boolean {
    return this.error !== null;
  }
}

/** Something that records a failed operation: the log, the dead letter queue (ErrorReporter). */
export interface ErrorReporter {
  report(context: ProcessingContext): Promise<void>;
}
