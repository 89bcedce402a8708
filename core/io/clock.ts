/** A cancellable timer returned by a Clock. */
export interface Timer {
  cancel(): void;
}

/**
 * The Clock port: wall-clock time and timers. Logic never calls Date.now() or setTimeout directly,
 * so a SimulatedClock can run hundreds of simulated seconds in milliseconds, identically every run.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `fn` once after `delayMs`. */
  setTimeout(fn: () => void, delayMs: number): Timer;
  /** Runs `fn` every `intervalMs` until cancelled. */
  setInterval(fn: () => void, intervalMs: number): Timer;
}

/** The real clock: Date.now and Node's timers. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
  setTimeout(fn: () => void, delayMs: number): Timer {
    const handle = setTimeout(fn, delayMs);
    return { cancel: () => clearTimeout(handle) };
  }
  setInterval(fn: () => void, intervalMs: number): Timer {
    const handle = setInterval(fn, intervalMs);
    return { cancel: () => clearInterval(handle) };
  }
}
