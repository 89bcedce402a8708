import { assign, emit, setup } from 'xstate';

/**
 * Lifecycle of one stream task (pure: no I/O, effects are emitted), Kafka Streams' Task.State:
 *
 *   CREATED --INITIALIZE--> RESTORING --RESTORED--> RUNNING
 *   CREATED | RESTORING | RUNNING --SUSPEND--> SUSPENDED     (revoked, or closing: commit first)
 *   SUSPENDED --RESUME--> RESTORING                          (assigned back before it was closed)
 *   SUSPENDED --CLOSE--> CLOSED (final)                      (never RUNNING -> CLOSED directly)
 *
 * Kafka's CLOSED -> CREATED revival of a corrupted task is a supervisor restart here: a new incarnation
 * with a fresh machine in CREATED, whose state stores restore from their changelogs again.
 *
 * The hosting cell runs the effects: RESTORE_STATE replays the changelogs and answers RESTORED;
 * SUSPEND_TASK flushes the stores; CLOSE_TASK closes processors and stores. An event the current state
 * does not accept emits REJECTED, which the cell treats as a bug and crashes on, so a wrong transition
 * stops at its cause instead of being dropped.
 */

/** Events the task actor feeds its machine. */
export type StreamTaskEvent =
  | { readonly type: 'INITIALIZE' }
  | { readonly type: 'RESTORED' }
  | { readonly type: 'SUSPEND' }
  | { readonly type: 'RESUME' }
  | { readonly type: 'CLOSE' };

/** Kafka Streams' task states (the machine's state values). */
export type StreamTaskState = 'CREATED' | 'RESTORING' | 'RUNNING' | 'SUSPENDED' | 'CLOSED';

/** Effects the hosting cell executes. */
export type StreamTaskEffect =
  | {
      readonly type: 'STATE_CHANGED';
      readonly taskId: string;
      readonly state: StreamTaskState;
      readonly previous: StreamTaskState | null;
    }
  | { readonly type: 'RESTORE_STATE'; readonly taskId: string }
  | { readonly type: 'SUSPEND_TASK'; readonly taskId: string }
  | { readonly type: 'CLOSE_TASK'; readonly taskId: string }
  | {
      readonly type: 'REJECTED';
      readonly taskId: string;
      readonly event: StreamTaskEvent['type'];
      readonly state: StreamTaskState;
    };

export interface StreamTaskInput {
  /** `<subtopologyId>_<partition>`, e.g. `0_3`. */
  readonly taskId: string;
}

export interface StreamTaskContext {
  readonly taskId: string;
  /** The state before the current one (null in CREATED). */
  readonly previous: StreamTaskState | null;
}

/** The stream-task lifecycle machine; host it with `MachineHost` (the task actor does). */
export const streamTaskMachine = setup({
  types: {
    context: {} as StreamTaskContext,
    events: {} as StreamTaskEvent,
    emitted: {} as StreamTaskEffect,
    input: {} as StreamTaskInput,
  },
  actions: {
    stateChanged: emit(({ context }, params: { state: StreamTaskState }) => ({
      type: 'STATE_CHANGED' as const,
      taskId: context.taskId,
      state: params.state,
      previous: context.previous,
    })),
    leave: assign((_, params: { state: StreamTaskState }) => ({ previous: params.state })),
    restoreState: emit(({ context }) => ({ type: 'RESTORE_STATE' as const, taskId: context.taskId })),
    suspendTask: emit(({ context }) => ({ type: 'SUSPEND_TASK' as const, taskId: context.taskId })),
    closeTask: emit(({ context }) => ({ type: 'CLOSE_TASK' as const, taskId: context.taskId })),
    reject: emit(({ context, event, self }) => ({
      type: 'REJECTED' as const,
      taskId: context.taskId,
      event: event.type,
      state: self.getSnapshot().value as StreamTaskState,
    })),
  },
}).createMachine({
  id: 'streamTask',
  initial: 'CREATED',
  context: ({ input }) => ({ taskId: input.taskId, previous: null }),
  on: { '*': { actions: 'reject' } },
  states: {
    CREATED: {
      entry: { type: 'stateChanged', params: { state: 'CREATED' } },
      exit: { type: 'leave', params: { state: 'CREATED' } },
      on: { INITIALIZE: 'RESTORING', SUSPEND: 'SUSPENDED' },
    },
    RESTORING: {
      entry: [{ type: 'stateChanged', params: { state: 'RESTORING' } }, 'restoreState'],
      exit: { type: 'leave', params: { state: 'RESTORING' } },
      on: { RESTORED: 'RUNNING', SUSPEND: 'SUSPENDED' },
    },
    RUNNING: {
      entry: { type: 'stateChanged', params: { state: 'RUNNING' } },
      exit: { type: 'leave', params: { state: 'RUNNING' } },
      on: { SUSPEND: 'SUSPENDED' },
    },
    SUSPENDED: {
      entry: [{ type: 'stateChanged', params: { state: 'SUSPENDED' } }, 'suspendTask'],
      exit: { type: 'leave', params: { state: 'SUSPENDED' } },
      on: { RESUME: 'RESTORING', CLOSE: 'CLOSED', SUSPEND: {} },
    },
    CLOSED: {
      type: 'final',
      entry: [{ type: 'stateChanged', params: { state: 'CLOSED' } }, 'closeTask'],
    },
  },
});
