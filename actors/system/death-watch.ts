import type { ActorRef } from './actor-ref.ts';
import type { Down } from './exit-reason.ts';

/**
 * DeathWatch for code outside actors (tests, the system, runtime glue): `onDown` runs in a microtask
 * once the incarnation running under `ref.name` now terminates, or at once (reason `noproc`) when none
 * is running. It watches that incarnation, not the name: a restart is a new incarnation to watch again.
 * Inside an actor use `ctx.watch`, which delivers a message to the mailbox instead.
 * Returns an unwatch function.
 */
export function watch(ref: ActorRef<unknown>, onDown: (down: Down) => void): () => void {
  const cell = ref.host.lookup(ref.name);
  if (cell !== undefined) return cell.addWatcher(onDown);
  let cancelled = false;
  queueMicrotask(() => {
    if (cancelled) return;
    try {
      onDown({ name: ref.name, reason: { kind: 'noproc' } });
    } catch (error) {
      ref.host.reportError(`watcher of '${ref.name}'`, error);
    }
  });
  return () => {
    cancelled = true;
  };
}
