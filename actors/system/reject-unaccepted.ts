import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { ReplyTo } from './actor-ref.ts';

/** An event that expects an answer: it carries the `replyTo` of an `ask`. */
export interface RequestEvent {
  readonly type: string;
  readonly replyTo?: ReplyTo<never>;
}

function replyChannel(event: { readonly type: string }): { fail(error: Error): void } | undefined {
  const r = (event as { replyTo?: unknown }).replyTo;
  if (typeof r !== 'object' || r === null) return undefined;
  const fail = (r as { fail?: unknown }).fail;
  return typeof fail === 'function' ? (r as { fail(error: Error): void }) : undefined;
}

/**
 * The action for a machine's root-level `'*'` transition: an event the current state does not accept is
 * answered with a typed Kafka error on its `replyTo` (if it has one) instead of being dropped silently,
 * so no caller waits for a timeout. Events without `replyTo` are ignored, as xstate would.
 *
 * ```ts
 * on: { '*': { actions: rejectUnaccepted(ErrorCode.NOT_LEADER_OR_FOLLOWER) } }
 * ```
 */
export function rejectUnaccepted(
  code: ErrorCode | ((event: { readonly type: string }) => ErrorCode) = ErrorCode.INVALID_REQUEST,
): (args: {
  readonly event: { readonly type: string };
  readonly self: { getSnapshot(): { readonly value?: unknown } };
}) => void {
  return ({ event, self }) => {
    const channel = replyChannel(event);
    if (channel === undefined) return;
    const errorCode = typeof code === 'function' ? code(event) : code;
    const state = JSON.stringify(self.getSnapshot().value ?? null);
    channel.fail(new KafkaError(errorCode, `${event.type} is not accepted in state ${state}`));
  };
}
