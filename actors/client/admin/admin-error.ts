/**
 * How the admin client reports failures. A broker answers admin requests per resource (topic,
 * partition, group, config resource); each failed resource becomes a KafkaError carrying Kafka's code
 * and naming the resource (`INVALID_CONFIG: topic 'orders': retention.ms: must be ...`). A call that
 * failed for some resources rejects with an AdminError: itself a KafkaError with the first failure's
 * code, so `KafkaError.is(e, 'TOPIC_ALREADY_EXISTS')` works, and listing every failure.
 */
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';

/** One resource the call failed for. */
export interface AdminFailure {
  /** The resource as the message names it: `topic 'orders'`, `partition orders-0`, `group 'g'`, `broker 1`. */
  readonly resource: string;
  readonly error: KafkaError;
}

/** The text of an error without the `NAME: ` prefix KafkaError puts in front. */
export function detailOf(error: KafkaError): string {
  const prefix = `${error.errorName}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

/**
 * The KafkaError for one resource's error code, naming the resource; the broker's message (if any) is
 * kept, without a repeated error name (our broker's messages start with it, Kafka's do not).
 */
export function resourceError(
  errorCode: number,
  resource: string,
  brokerMessage?: string | null,
): KafkaError {
  const probe = new KafkaError(errorCode);
  let text = brokerMessage ?? '';
  if (text.startsWith(`${probe.errorName}: `)) text = text.slice(probe.errorName.length + 2);
  return new KafkaError(errorCode, text === '' ? resource : `${resource}: ${text}`);
}

/** A call that failed for one or more resources; its code is the first failure's. */
export class AdminError extends KafkaError {
  /** The admin call, e.g. `createTopics`. */
  readonly operation: string;
  /** Every resource that failed, in request order (at least one). */
  readonly failures: readonly AdminFailure[];

  constructor(operation: string, failures: readonly AdminFailure[]) {
    const first = failures[0];
    const code = first?.error.code ?? ErrorCode.UNKNOWN_SERVER_ERROR;
    const rest = failures.slice(1).map((f) => f.error.message);
    const head = first === undefined ? 'failed' : detailOf(first.error);
    super(code, `${operation}: ${head}${rest.length > 0 ? `; also ${rest.join('; ')}` : ''}`, {
      cause: first?.error,
    });
    this.name = 'AdminError';
    this.operation = operation;
    this.failures = failures;
  }

  /** The failure for a resource label (`topic 'orders'`), if that resource failed. */
  failureFor(resource: string): KafkaError | undefined {
    return this.failures.find((f) => f.resource === resource)?.error;
  }
}

/** Throws an AdminError when any resource failed. */
export function throwIfFailed(operation: string, failures: readonly AdminFailure[]): void {
  if (failures.length > 0) throw new AdminError(operation, failures);
}

/** Resource labels used in messages and in `AdminError.failures`. */
export const label = {
  topic: (name: string): string => `topic '${name}'`,
  partition: (topic: string, partition: number): string => `partition ${topic}-${partition}`,
  group: (groupId: string): string => `group '${groupId}'`,
  broker: (nodeId: number | string): string => `broker ${nodeId === '' ? '(cluster default)' : nodeId}`,
  config: (type: string, name: string): string =>
    type === 'broker'
      ? `broker config ${name === '' ? '(cluster default)' : name}`
      : `${type} config '${name}'`,
};
