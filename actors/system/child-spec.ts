import type { BehaviorFactory, Shutdown } from './actor-cell.ts';

/**
 * When a child is restarted (OTP): `permanent` always; `transient` only after an abnormal exit
 * (crash or killed, not normal/shutdown); `temporary` never, not even when a sibling's failure takes it down.
 */
export type RestartType = 'permanent' | 'transient' | 'temporary';

/**
 * Which children restart when one fails (OTP): `one_for_one` only that child; `one_for_all` all of
 * them (the others are stopped in reverse order first); `rest_for_one` that child and those started after it.
 */
export type Strategy = 'one_for_one' | 'one_for_all' | 'rest_for_one';

/**
 * Exponential restart delay for children whose failures are environmental (disk full, peer down):
 * delay = min(maxMs, minMs * 2^n) * (1 + jitter * random), n = restarts of that child since it last ran
 * for `resetAfterMs` (default `maxMs`) without failing. Randomness comes from the system's Random port.
 */
export interface Backoff {
  readonly minMs: number;
  readonly maxMs: number;
  /** 0 for none; 0.2 adds up to 20 %. */
  readonly jitter: number;
  readonly resetAfterMs?: number;
}

/** Supervisor flags (OTP `sup_flags`). */
export interface SupervisorFlags {
  readonly strategy: Strategy;
  /** More than `intensity` restarts within `periodMs` shut the supervisor down (default 1, as OTP). */
  readonly intensity?: number;
  /** Sliding window for `intensity`, in ms on the Clock (default 5000, as OTP). */
  readonly periodMs?: number;
  readonly backoff?: Backoff;
}

/** OTP's default restart intensity: one restart per period. */
export const supervisorIntensityDefault = 1;
/** OTP's default intensity period (5 s). */
export const supervisorPeriodMsDefault = 5000;
/** OTP's default shutdown timeout for workers. */
export const workerShutdownMsDefault = 5000;

/**
 * How to start and supervise one child. Build supervisor children with `supervisorSpec`.
 * A fresh behavior is built from `start` on every (re)start; state is rebuilt, never carried over.
 */
export interface ChildSpec<M> {
  /** Unique among the supervisor's children. */
  readonly id: string;
  /** Registry name (default `<supervisor name>/<id>`): the name refs resolve, stable across restarts. */
  readonly name?: string;
  /** Builds the behavior of a new incarnation. */
  start: BehaviorFactory<M>;
  /** Default `permanent`. */
  readonly restart?: RestartType;
  /** Default 5000 ms for workers, `infinity` for supervisors (OTP defaults). */
  readonly shutdown?: Shutdown;
  /** Default `worker`. */
  readonly type?: 'worker' | 'supervisor';
  /** Mailbox bound of this child (default: the system's `mailboxLengthMax`). */
  readonly mailboxLengthMax?: number;
}

/**
 * A ChildSpec of any message type, as supervisors store them (`never`: through this type a spec is
 * only started, never sent to).
 */
export type AnyChildSpec = ChildSpec<never>;
