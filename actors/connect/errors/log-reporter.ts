import type { ConnectorTaskId, ErrorReporter, ProcessingContext } from './processing-context.ts';

/** `connector-task` as Connect prints a ConnectorTaskId. */
export function connectorTaskLabel(id: ConnectorTaskId): string {
  return `${id.connector}-${id.task}`;
}

export interface LogReporterOptions {
  readonly taskId: ConnectorTaskId;
  /** `errors.log.include.messages`: include the record's coordinates (never its bytes) in the line. */
  readonly includeMessages: boolean;
  /** Where lines go; the worker passes its pino logger's error method. */
  readonly log: (message: string, error: Error | null) => void;
}

/** Logs each failure with its stage and class (LogReporter), for `errors.log.enable=true`. */
export class LogReporter implements ErrorReporter {
  private readonly options: LogReporterOptions;

  constructor(options: LogReporterOptions) {
    this.options = options;
  }

  async report(context: ProcessingContext): Promise<void> {
    if (context.error === null) return;
    this.options.log(this.message(context), context.error);
  }

  message(context: ProcessingContext): string {
    let text = `Error encountered in task ${connectorTaskLabel(this.options.taskId)}. Executing stage '${context.stage}' with class '${context.executingClass}'`;
    if (this.options.includeMessages && context.consumerRecord !== null) {
      const r = context.consumerRecord;
      text += `, where consumed record is {topic='${r.topic}', partition=${r.partition}, offset=${r.offset}, timestamp=${r.timestamp}}`;
    } else if (this.options.includeMessages && context.sourceRecord !== null) {
      text += `, where source record is = {topic='${context.sourceRecord.topic}'}`;
    }
    return `${text}.`;
  }
}
