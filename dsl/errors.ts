import { ErrorCode, KafkaError } from '../core/errors/index.ts';

/** A topology that cannot be built: duplicate names, unknown stores, cycles, bad arguments. */
export class TopologyException extends KafkaError {
  constructor(message: string) {
    super(ErrorCode.INVALID_CONFIG, `Invalid topology: ${message}`);
    this.name = 'TopologyException';
  }
}

/** A failure while processing a record or punctuation; the cause is the user's or serde's error. */
export class StreamsException extends KafkaError {
  readonly taskId: string;
  readonly processorName: string | undefined;

  constructor(message: string, taskId: string, processorName: string | undefined, cause?: unknown) {
    super(ErrorCode.UNKNOWN_SERVER_ERROR, message, { cause });
    this.name = 'StreamsException';
    this.taskId = taskId;
    this.processorName = processorName;
  }
}
