import { ErrorCode, KafkaError } from '../../core/errors/index.ts';

/**
 * An `ask` got no reply within its timeout. Maps to Kafka's REQUEST_TIMED_OUT (retriable), which is
 * what a broker returns when an internal wait (e.g. acks=all) outlives the request's timeout.
 */
export class AskTimeoutError extends KafkaError {
  readonly target: string;
  readonly timeoutMs: number;
  constructor(target: string, timeoutMs: number) {
    super(ErrorCode.REQUEST_TIMED_OUT, `no reply from actor '${target}' within ${timeoutMs} ms`);
    this.name = 'AskTimeoutError';
    this.target = target;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The target of an `ask` is not running (no actor under the name, or it terminated before replying).
 * The caller chooses the Kafka code that fits its protocol (a replica uses NOT_LEADER_OR_FOLLOWER,
 * a coordinator NOT_COORDINATOR); the default is UNKNOWN_SERVER_ERROR.
 */
export class ActorUnavailableError extends KafkaError {
  readonly target: string;
  constructor(target: string, detail: string, code: number = ErrorCode.UNKNOWN_SERVER_ERROR) {
    super(code, `actor '${target}' ${detail}`);
    this.name = 'ActorUnavailableError';
    this.target = target;
  }
}

/**
 * A mailbox already holds `mailboxLengthMax` messages. THROTTLING_QUOTA_EXCEEDED is Kafka's retriable
 * "slow down" signal, which is what a full mailbox means to a sender.
 */
export class MailboxOverflowError extends KafkaError {
  readonly target: string;
  readonly mailboxLengthMax: number;
  constructor(target: string, mailboxLengthMax: number) {
    super(
      ErrorCode.THROTTLING_QUOTA_EXCEEDED,
      `mailbox of '${target}' is full (${mailboxLengthMax} messages)`,
    );
    this.name = 'MailboxOverflowError';
    this.target = target;
    this.mailboxLengthMax = mailboxLengthMax;
  }
}

/** A second live actor asked for a name that is already registered (a programming error). */
export class ActorNameTakenError extends KafkaError {
  constructor(name: string) {
    super(ErrorCode.UNKNOWN_SERVER_ERROR, `an actor named '${name}' is already running`);
    this.name = 'ActorNameTakenError';
  }
}

/**
 * A supervisor saw more restarts than its intensity allows within its period, shut its children down
 * and exited with this as its crash reason, so its own supervisor handles the failure (escalation).
 */
export class RestartIntensityExceededError extends KafkaError {
  readonly supervisor: string;
  constructor(supervisor: string, intensity: number, periodMs: number, lastChild: string) {
    super(
      ErrorCode.UNKNOWN_SERVER_ERROR,
      `supervisor '${supervisor}' exceeded ${intensity} restarts in ${periodMs} ms (last failing child '${lastChild}')`,
    );
    this.name = 'RestartIntensityExceededError';
    this.supervisor = supervisor;
  }
}
