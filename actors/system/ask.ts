import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { ActorRef, ReplyTo } from './actor-ref.ts';
import { ActorUnavailableError, AskTimeoutError } from './errors.ts';

/** Options of `ask`. */
export interface AskOptions {
  /** Kafka code of the rejection when the target is not running (default UNKNOWN_SERVER_ERROR). */
  readonly unavailableCode?: ErrorCode;
  /**
   * Abandons the ask when aborted (e.g. xstate's `fromPromise` signal when the invoking state is left):
   * rejects with the signal's reason, and a late reply is ignored.
   */
  readonly signal?: AbortSignal;
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new KafkaError(ErrorCode.UNKNOWN_SERVER_ERROR, 'ask aborted');
}

/**
 * Request/reply over `tell`: builds the request with a one-shot `replyTo`, sends it, and resolves with
 * the reply. Rejects with AskTimeoutError (REQUEST_TIMED_OUT) after `timeoutMs` on the system Clock;
 * rejects at once with ActorUnavailableError when no actor runs under the name, and as soon as the
 * target incarnation terminates without replying; rejects with MailboxOverflowError if its mailbox is full.
 *
 * ```ts
 * const leo = await ask<ReplicaMsg, number>(replica, (replyTo) => ({ type: 'GET_LEO', replyTo }), 1000);
 * ```
 * Inside an actor prefer tell plus a reply message; never await an ask chain across actors.
 */
export function ask<M, R>(
  ref: ActorRef<M>,
  build: (replyTo: ReplyTo<R>) => M,
  timeoutMs: number,
  options?: AskOptions,
): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    const host = ref.host;
    const cell = host.lookup(ref.name);
    if (cell === undefined) {
      reject(new ActorUnavailableError(ref.name, 'is not running', options?.unavailableCode));
      return;
    }
    const signal = options?.signal;
    if (signal?.aborted === true) {
      reject(abortReason(signal));
      return;
    }
    let settled = false;
    const onAbort = (): void => {
      if (settled) return;
      finish();
      reject(abortReason(signal!));
    };
    const finish = (): void => {
      settled = true;
      timer.cancel();
      unwatch();
      signal?.removeEventListener('abort', onAbort);
    };
    const replyTo: ReplyTo<R> = {
      reply(value: R): void {
        if (settled) return;
        finish();
        resolve(value);
      },
      fail(error: Error): void {
        if (settled) return;
        finish();
        reject(error);
      },
      get settled(): boolean {
        return settled;
      },
    };
    const timer = host.clock.setTimeout(() => {
      if (settled) return;
      finish();
      reject(new AskTimeoutError(ref.name, timeoutMs));
    }, timeoutMs);
    const unwatch = cell.addWatcher(() => {
      if (settled) return;
      finish();
      reject(new ActorUnavailableError(ref.name, 'terminated before replying', options?.unavailableCode));
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      cell.tell(build(replyTo) as unknown);
    } catch (error) {
      finish();
      reject(error);
    }
  });
}
