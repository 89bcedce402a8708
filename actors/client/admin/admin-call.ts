/**
 * One admin call's retry budget, and the loop that retries the resources a round could not settle.
 *
 * An admin call (createTopics, listOffsets, ...) sends one or more requests per round; each resource
 * in it (a topic, a partition, a group) comes back done, failed, or to be retried (NOT_CONTROLLER,
 * NOT_LEADER_OR_FOLLOWER, COORDINATOR_LOAD_IN_PROGRESS, a dropped connection...). Only the resources
 * to retry go into the next round, after a backoff that doubles from `retry.backoff.ms` up to
 * `retry.backoff.max.ms` (KIP-580, without jitter so simulated runs replay exactly). The call's
 * deadline (`timeoutMs`, default `default.api.timeout.ms`) bounds the whole: a resource still
 * unsettled then fails with its last error. Each round re-reads routing (metadata, coordinators), so
 * a retry goes to the new controller, leader or coordinator.
 */
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import type { Clock } from '../../../core/io/index.ts';
import { sleep } from '../metadata.ts';
import { AdminError, detailOf } from './admin-error.ts';

/** A hard cap on rounds per call, whatever the backoff settings (retry.backoff.ms 0 must not spin forever). */
export const adminCallAttemptsMax = 10000;

/** What a round says about one resource. */
export type Outcome<R> =
  | { readonly kind: 'done'; readonly value: R }
  | { readonly kind: 'retry'; readonly error: KafkaError }
  | { readonly kind: 'failed'; readonly error: KafkaError };

/** A resource's final answer. */
export type Settled<R> =
  { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: KafkaError };

export const done = <R>(value: R): Outcome<R> => ({ kind: 'done', value });
export const retry = <R>(error: KafkaError): Outcome<R> => ({ kind: 'retry', error });
export const failed = <R>(error: KafkaError): Outcome<R> => ({ kind: 'failed', error });

export interface AdminCallSettings {
  readonly requestTimeoutMs: number;
  readonly retryBackoffMs: number;
  readonly retryBackoffMaxMs: number;
}

/** The deadline and attempt count of one admin call. */
export class AdminCall {
  readonly name: string;
  readonly startMs: number;
  readonly deadlineMs: number;
  private readonly clock: Clock;
  private readonly settings: AdminCallSettings;
  private attemptsValue = 0;

  constructor(name: string, clock: Clock, settings: AdminCallSettings, timeoutMs: number) {
    if (!Number.isFinite(timeoutMs) || timeoutMs < 0)
      throw new KafkaError(ErrorCode.INVALID_REQUEST, `${name}: timeoutMs must be >= 0, got ${timeoutMs}`);
    this.name = name;
    this.clock = clock;
    this.settings = settings;
    this.startMs = clock.now();
    this.deadlineMs = this.startMs + timeoutMs;
  }

  /** Rounds started so far. */
  get attempts(): number {
    return this.attemptsValue;
  }

  remainingMs(): number {
    return Math.max(0, this.deadlineMs - this.clock.now());
  }

  /** The timeout for one request now: `request.timeout.ms`, or less when the call's deadline is nearer. */
  requestTimeoutMs(): number {
    return Math.max(1, Math.min(this.settings.requestTimeoutMs, this.remainingMs()));
  }

  /** Counts a round. */
  startAttempt(): void {
    this.attemptsValue++;
  }

  /** The wait before the next round: retry.backoff.ms doubled per round so far, capped. */
  backoffMs(): number {
    const exp = Math.min(30, Math.max(0, this.attemptsValue - 1));
    return Math.min(this.settings.retryBackoffMaxMs, this.settings.retryBackoffMs * 2 ** exp);
  }

  /**
   * Waits out the backoff if another round fits before the deadline; false when the call is out of
   * time (or rounds), and the caller should give up.
   */
  async backoff(): Promise<boolean> {
    if (this.attemptsValue >= adminCallAttemptsMax) return false;
    const waitMs = this.backoffMs();
    if (this.remainingMs() <= waitMs) return false;
    if (waitMs > 0) await sleep(this.clock, waitMs);
    return true;
  }

  /** The error a resource fails with when the call runs out of time, after `last` was retried. */
  gaveUp(last: KafkaError): KafkaError {
    const elapsedMs = this.clock.now() - this.startMs;
    return new KafkaError(
      last.code,
      `${detailOf(last)} (${this.name} gave up after ${this.attemptsValue} attempt(s) in ${elapsedMs} ms)`,
      { cause: last },
    );
  }
}

/**
 * Runs rounds until every item is settled or the call is out of time. `round` gets the items still
 * pending and answers an Outcome per item key; an item it does not answer fails (a bug in the round or
 * a broker skipping it). A round that throws a retriable KafkaError (the connection dropped, the
 * request timed out) retries all its items; a non-retriable one fails them all; anything else is a bug
 * and propagates.
 */
export async function runRounds<I, R>(
  call: AdminCall,
  items: readonly I[],
  keyOf: (item: I) => string,
  round: (pending: readonly I[]) => Promise<ReadonlyMap<string, Outcome<R>>>,
): Promise<Map<string, Settled<R>>> {
  const settled = new Map<string, Settled<R>>();
  let pending = [...items];
  const lastErrors = new Map<string, KafkaError>();
  while (pending.length > 0) {
    call.startAttempt();
    let outcomes: ReadonlyMap<string, Outcome<R>>;
    try {
      outcomes = await round(pending);
    } catch (e) {
      if (!(e instanceof KafkaError)) throw e;
      const outcome: Outcome<R> = e.retriable ? retry(e) : failed(e);
      outcomes = new Map(pending.map((item) => [keyOf(item), outcome]));
    }
    const next: I[] = [];
    for (const item of pending) {
      const key = keyOf(item);
      const o =
        outcomes.get(key) ??
        failed<R>(new KafkaError(ErrorCode.UNKNOWN_SERVER_ERROR, `${call.name}: no answer for ${key}`));
      if (o.kind === 'done') settled.set(key, { ok: true, value: o.value });
      else if (o.kind === 'failed') settled.set(key, { ok: false, error: o.error });
      else {
        lastErrors.set(key, o.error);
        next.push(item);
      }
    }
    pending = next;
    if (pending.length === 0) break;
    if (!(await call.backoff())) {
      for (const item of pending) {
        const key = keyOf(item);
        settled.set(key, { ok: false, error: call.gaveUp(lastErrors.get(key)!) });
      }
      break;
    }
  }
  return settled;
}

/**
 * Retries a single-answer operation (metadata, one group's offsets) by the same rules. A failure is
 * thrown as is, or, when `resource` names what failed, as an AdminError for it.
 */
export async function runOnce<R>(
  call: AdminCall,
  attempt: () => Promise<Outcome<R>>,
  resource?: string,
): Promise<R> {
  const results = await runRounds(
    call,
    ['call'],
    (k) => k,
    async () => new Map([['call', await attempt()]]),
  );
  const r = results.get('call')!;
  if (r.ok) return r.value;
  if (resource === undefined) throw r.error;
  throw new AdminError(call.name, [{ resource, error: r.error }]);
}
