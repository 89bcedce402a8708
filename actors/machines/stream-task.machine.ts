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

function stateChanged(state: StreamTaskState) {
  return emit(({ context }: { context: StreamTaskContext }) => ({
    type: 'STATE_CHANGED' as const,
    taskId: context.taskId,
    state,
    previous: context.previous,
  }));
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
      entry: stateChanged('CREATED'),
      exit: assign({ previous: 'CREATED' as const }),
      on: { INITIALIZE: 'RESTORING', SUSPEND: 'SUSPENDED' },
    },
    RESTORING: {
      entry: [stateChanged('RESTORING'), 'restoreState'],
      exit: assign({ previous: 'RESTORING' as const }),
      on: { RESTORED: 'RUNNING', SUSPEND: 'SUSPENDED' },
    },
    RUNNING: {
      entry: stateChanged('RUNNING'),
      exit: assign({ previous: 'RUNNING' as const }),
      on: { SUSPEND: 'SUSPENDED' },
    },
    SUSPENDED: {
      entry: [stateChanged('SUSPENDED'), 'suspendTask'],
      exit: assign({ previous: 'SUSPENDED' as const }),
      on: { RESUME: 'RESTORING', CLOSE: 'CLOSED', SUSPEND: {} },
    },
    CLOSED: {
      type: 'final',
      entry: [stateChanged('CLOSED'), 'closeTask'],
    },
  },
});
