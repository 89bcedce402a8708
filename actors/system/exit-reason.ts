/**
 * Why an actor incarnation ended, as a supervisor sees it (Erlang's exit reasons):
 * - `normal`: the actor finished its work (`ctx.stop()`, or a hosted machine reached a final state);
 * - `shutdown`: its supervisor (or the system) stopped it gracefully;
 * - `crash`: a handler threw or an async handler rejected; `error` is what was thrown;
 * - `killed`: stopped without running its graceful stop hook (brutal kill, or the shutdown timeout passed).
 */
export type ExitReason =
  | { readonly kind: 'normal' }
  | { readonly kind: 'shutdown' }
  | { readonly kind: 'crash'; readonly error: unknown }
  | { readonly kind: 'killed' };

/** What DeathWatch reports: an exit reason, or `noproc` when nothing lived under the name when watched. */
export type DownReason = ExitReason | { readonly kind: 'noproc' };

/** The notification a watcher receives when a watched actor is gone. */
export interface Down {
  /** Registry name of the watched actor. */
  readonly name: string;
  readonly reason: DownReason;
}

// Shared immutable instances: exits are rare, but there is no reason to allocate for the common ones.
export const exitNormal: ExitReason = Object.freeze({ kind: 'normal' });
export const exitShutdown: ExitReason = Object.freeze({ kind: 'shutdown' });
export const exitKilled: ExitReason = Object.freeze({ kind: 'killed' });

/** A crash exit carrying the thrown value. */
export function exitCrash(error: unknown): ExitReason {
  return { kind: 'crash', error };
}

/**
 * True for exits that OTP calls abnormal: a transient child is restarted only after one of these.
 * `killed` is abnormal (Erlang: `killed` is not `normal`/`shutdown`).
 */
export function isAbnormal(reason: DownReason): boolean {
  return reason.kind === 'crash' || reason.kind === 'killed';
}

/** A one-line description for logs. */
export function describeExit(reason: DownReason): string {
  if (reason.kind !== 'crash') return reason.kind;
  const e = reason.error;
  return `crash(${e instanceof Error ? e.message : String(e)})`;
}
