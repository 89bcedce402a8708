import type { ConnectState } from './status-store.ts';

/** How a task actor reports its state to the worker; `error` is the failure for FAILED, else null. */
export type TaskStateListener = (state: ConnectState, error: unknown) => void;
