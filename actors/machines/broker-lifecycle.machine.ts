import { assign, emit, setup } from 'xstate';
import { ErrorCode } from '../../core/errors/index.ts';
import { rejectUnaccepted } from '../system/reject-unaccepted.ts';

/**
 * Lifecycle of a broker (pure: no I/O, effects are emitted), mirroring KRaft's BrokerState:
 *
 *   starting --LOG_DIRS_LOADED--> recovering --RECOVERY_COMPLETED--> registering --REGISTERED--> running
 *   running --FENCED--> fenced --UNFENCED--> running        (heartbeat lease lost / regained)
 *   any but stopped --SHUTDOWN--> shuttingDown --SHUTDOWN_COMPLETED--> stopped (final)
 *
 * While registering, the registration is re-sent every `registrationRetryMs` (an `after` delay, so it runs
 * on the hosting cell's Clock). FENCED/UNFENCED carry the broker epoch the controller granted at
 * registration; a different epoch is rejected with STALE_BROKER_EPOCH.
 */

/** Default interval between broker registration attempts (Kafka retries on the heartbeat interval, 2 s). */
export const brokerRegistrationRetryMsDefault = 2000;

/** Results of the broker's effects and controller decisions, fed back into the machine. */
export type BrokerLifecycleEvent =
  | { readonly type: 'LOG_DIRS_LOADED' }
  | { readonly type: 'RECOVERY_COMPLETED' }
  | { readonly type: 'REGISTERED'; readonly brokerEpoch: number }
  | { readonly type: 'FENCED'; readonly brokerEpoch: number }
  | { readonly type: 'UNFENCED'; readonly brokerEpoch: number }
  | { readonly type: 'SHUTDOWN' }
  | { readonly type: 'SHUTDOWN_COMPLETED' };

/** The broker's lifecycle states (state values of the machine). */
export type BrokerState =
  'starting' | 'recovering' | 'registering' | 'running' | 'fenced' | 'shuttingDown' | 'stopped';

/** Effects the hosting cell executes; each feeds its result back as the next event. */
export type BrokerLifecycleEffect =
  | { readonly type: 'LOAD_LOG_DIRS' }
  | { readonly type: 'RECOVER_LOGS' }
  | { readonly type: 'SEND_REGISTRATION'; readonly brokerId: number; readonly attempt: number }
  | { readonly type: 'START_SERVING'; readonly brokerEpoch: number }
  | { readonly type: 'STOP_SERVING'; readonly brokerEpoch: number }
  | { readonly type: 'CONTROLLED_SHUTDOWN'; readonly brokerEpoch: number }
  | { readonly type: 'STATE_CHANGED'; readonly state: BrokerState }
  | {
      readonly type: 'REJECTED';
      readonly request: BrokerLifecycleEvent['type'];
      readonly errorCode: ErrorCode;
      readonly brokerEpoch: number;
    };

/** Identity and timing of a (re)started broker. */
export interface BrokerLifecycleInput {
  readonly brokerId: number;
  readonly registrationRetryMs?: number;
}

/** The broker machine's context. */
export interface BrokerLifecycleContext {
  readonly brokerId: number;
  /** Granted by the controller at registration; -1 before. */
  readonly brokerEpoch: number;
  readonly registrationAttempts: number;
  readonly registrationRetryMs: number;
}

function brokerEpochOf(event: BrokerLifecycleEvent): number {
  return 'brokerEpoch' in event ? event.brokerEpoch : -1;
}

/** The broker lifecycle machine; host it with `machineBehavior` or `MachineHost`. */
export const brokerLifecycleMachine = setup({
  types: {
    context: {} as BrokerLifecycleContext,
    events: {} as BrokerLifecycleEvent,
    emitted: {} as BrokerLifecycleEffect,
    input: {} as BrokerLifecycleInput,
  },
  delays: {
    registrationRetry: ({ context }) => context.registrationRetryMs,
  },
  guards: {
    currentBrokerEpoch: ({ context, event }) => brokerEpochOf(event) === context.brokerEpoch,
  },
  actions: {
    stateChanged: emit((_, params: { state: BrokerState }) => ({
      type: 'STATE_CHANGED' as const,
      state: params.state,
    })),
    loadLogDirs: emit({ type: 'LOAD_LOG_DIRS' as const }),
    recoverLogs: emit({ type: 'RECOVER_LOGS' as const }),
    countAttempt: assign(({ context }) => ({ registrationAttempts: context.registrationAttempts + 1 })),
    sendRegistration: emit(({ context }) => ({
      type: 'SEND_REGISTRATION' as const,
      brokerId: context.brokerId,
      attempt: context.registrationAttempts,
    })),
    recordEpoch: assign(({ event }) => ({ brokerEpoch: brokerEpochOf(event) })),
    startServing: emit(({ context }) => ({
      type: 'START_SERVING' as const,
      brokerEpoch: context.brokerEpoch,
    })),
    stopServing: emit(({ context }) => ({ type: 'STOP_SERVING' as const, brokerEpoch: context.brokerEpoch })),
    controlledShutdown: emit(({ context }) => ({
      type: 'CONTROLLED_SHUTDOWN' as const,
      brokerEpoch: context.brokerEpoch,
    })),
    rejectStaleEpoch: emit(({ context, event }) => ({
      type: 'REJECTED' as const,
      request: event.type,
      errorCode: ErrorCode.STALE_BROKER_EPOCH,
      brokerEpoch: context.brokerEpoch,
    })),
  },
}).createMachine({
  id: 'brokerLifecycle',
  initial: 'starting',
  context: ({ input }) => ({
    brokerId: input.brokerId,
    brokerEpoch: -1,
    registrationAttempts: 0,
    registrationRetryMs: input.registrationRetryMs ?? brokerRegistrationRetryMsDefault,
  }),
  on: {
    SHUTDOWN: '.shuttingDown',
    '*': { actions: rejectUnaccepted(ErrorCode.BROKER_NOT_AVAILABLE) },
  },
  states: {
    starting: {
      entry: [{ type: 'stateChanged', params: { state: 'starting' } }, 'loadLogDirs'],
      on: { LOG_DIRS_LOADED: 'recovering' },
    },
    recovering: {
      entry: [{ type: 'stateChanged', params: { state: 'recovering' } }, 'recoverLogs'],
      on: { RECOVERY_COMPLETED: 'registering' },
    },
    registering: {
      entry: [{ type: 'stateChanged', params: { state: 'registering' } }, 'countAttempt', 'sendRegistration'],
      after: { registrationRetry: { target: 'registering', reenter: true } },
      on: { REGISTERED: { target: 'running', actions: 'recordEpoch' } },
    },
    running: {
      entry: [{ type: 'stateChanged', params: { state: 'running' } }, 'startServing'],
      on: {
        FENCED: [{ guard: 'currentBrokerEpoch', target: 'fenced' }, { actions: 'rejectStaleEpoch' }],
        UNFENCED: [{ guard: 'currentBrokerEpoch' }, { actions: 'rejectStaleEpoch' }],
      },
    },
    fenced: {
      entry: [{ type: 'stateChanged', params: { state: 'fenced' } }, 'stopServing'],
      on: {
        UNFENCED: [{ guard: 'currentBrokerEpoch', target: 'running' }, { actions: 'rejectStaleEpoch' }],
        FENCED: [{ guard: 'currentBrokerEpoch' }, { actions: 'rejectStaleEpoch' }],
      },
    },
    shuttingDown: {
      entry: [{ type: 'stateChanged', params: { state: 'shuttingDown' } }, 'controlledShutdown'],
      on: { SHUTDOWN: {}, SHUTDOWN_COMPLETED: 'stopped' },
    },
    stopped: {
      type: 'final',
      entry: { type: 'stateChanged', params: { state: 'stopped' } },
    },
  },
});
