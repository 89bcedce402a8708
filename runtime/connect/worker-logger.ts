/** The worker's log (pino-compatible: `logger.child(...)` output of pino fits). */
export interface WorkerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Drops every line (tests, embedding without logs). */
export const silentWorkerLogger: WorkerLogger = { info: () => {}, warn: () => {}, error: () => {} };
