import { assign, emit, setup } from 'xstate';
import { ErrorCode } from '../../core/errors/index.ts';
import type { ReplyTo } from '../system/actor-ref.ts';
import { rejectUnaccepted } from '../system/reject-unaccepted.ts';

/**
 * Lifecycle of one partition replica on one broker (pure: no I/O, effects are emitted).
 *
 *   offline --BECOME_FOLLOWER/BECOME_LEADER(newer epoch)--> follower <--> leader
 *   follower|leader --FENCE(newer epoch)--> fenced --BECOME_*(newer epoch)--> follower|leader
 *   any --TAKE_OFFLINE--> offline;  any --STOP--> stopped (final: the hosting cell exits normally)
 *
 * Every role change is guarded by `leaderEpoch > context.leaderEpoch`; a stale or equal epoch is rejected
 * with FENCED_LEADER_EPOCH (Kafka's LeaderAndIsr rule), so a delayed controller message can never undo a
 * newer decision. The ISR lives in context and changes only through ISR_SHRINK / ISR_EXPAND / ISR_UPDATE
 * while leader.
 * Records never pass through this machine: the data path asks the hosting actor, which reads the snapshot.
 */

/** What a replica reports back to the caller of CHECK_LEADER. */
export interface LeaderCheck {
  readonly leaderEpoch: number;
  readonly isr: readonly number[];
}

/** Messages of the replica lifecycle. Commands carry the epoch they were issued under. */
export type ReplicaEvent =
  | { readonly type: 'BECOME_LEADER'; readonly leaderEpoch: number; readonly isr: readonly number[] }
  | { readonly type: 'BECOME_FOLLOWER'; readonly leaderEpoch: number; readonly leaderId: number }
  | { readonly type: 'ISR_SHRINK'; readonly leaderEpoch: number; readonly replicaIds: readonly number[] }
  | { readonly type: 'ISR_EXPAND'; readonly leaderEpoch: number; readonly replicaId: number }
  /** The controller committed a new ISR at the current leader epoch (a higher partition epoch): take it whole. */
  | { readonly type: 'ISR_UPDATE'; readonly leaderEpoch: number; readonly isr: readonly number[] }
  /** A newer leader epoch was observed elsewhere (e.g. a fetch answered FENCED_LEADER_EPOCH): stop serving. */
  | { readonly type: 'FENCE'; readonly leaderEpoch: number }
  /** The log dir failed: stop serving until the controller reassigns. */
  | { readonly type: 'TAKE_OFFLINE' }
  | { readonly type: 'STOP' }
  /** Am I (still) the leader? Answered in `leader`; any other state answers NOT_LEADER_OR_FOLLOWER. */
  | { readonly type: 'CHECK_LEADER'; readonly replyTo: ReplyTo<LeaderCheck> };

/** Roles a replica reports in ROLE_CHANGED. */
export type ReplicaRole = 'offline' | 'follower' | 'leader' | 'fenced' | 'stopped';

/** Effects the hosting cell executes. */
export type ReplicaEffect =
  | {
      readonly type: 'ROLE_CHANGED';
      readonly role: ReplicaRole;
      readonly leaderEpoch: number;
      readonly leaderId: number;
    }
  | { readonly type: 'ISR_CHANGED'; readonly leaderEpoch: number; readonly isr: readonly number[] }
  | { readonly type: 'LEADER_CONFIRMED'; readonly check: LeaderCheck; readonly replyTo: ReplyTo<LeaderCheck> }
  | {
      readonly type: 'REJECTED';
      readonly request: ReplicaEvent['type'];
      readonly errorCode: ErrorCode;
      readonly requestLeaderEpoch: number;
      readonly currentLeaderEpoch: number;
    };

/** What a (re)started replica knows: its identity and the epoch recovered from its leader-epoch checkpoint. */
export interface ReplicaInput {
  readonly topic: string;
  readonly partition: number;
  readonly replicaId: number;
  /** Latest epoch in the leader-epoch checkpoint; -1 for a new replica. */
  readonly leaderEpoch?: number;
}

/** The replica machine's context: identity, the latest accepted leader epoch, the leader, the ISR. */
export interface ReplicaContext {
  readonly topic: string;
  readonly partition: number;
  readonly replicaId: number;
  readonly leaderEpoch: number;
  /** -1 when unknown (offline). */
  readonly leaderId: number;
  /** In-sync replica ids; meaningful while leader. */
  readonly isr: readonly number[];
}

type EpochEvent = Extract<ReplicaEvent, { leaderEpoch: number }>;

function epochOf(event: ReplicaEvent): number {
  return 'leaderEpoch' in event ? event.leaderEpoch : -1;
}

/** Kafka's answer to a request carrying a leader epoch that is not the current one. */
function epochMismatchCode(requestEpoch: number, currentEpoch: number): ErrorCode {
  return requestEpoch < currentEpoch ? ErrorCode.FENCED_LEADER_EPOCH : ErrorCode.UNKNOWN_LEADER_EPOCH;
}

/** The replica lifecycle machine; host it with `machineBehavior` or `MachineHost`. */
export const replicaMachine = setup({
  types: {
    context: {} as ReplicaContext,
    events: {} as ReplicaEvent,
    emitted: {} as ReplicaEffect,
    input: {} as ReplicaInput,
  },
  guards: {
    newerEpoch: ({ context, event }) => epochOf(event) > context.leaderEpoch,
    currentEpoch: ({ context, event }) => epochOf(event) === context.leaderEpoch,
  },
  actions: {
    takeLeadership: assign(({ context, event }) => {
      const e = event as Extract<ReplicaEvent, { type: 'BECOME_LEADER' }>;
      // The leader is always in its own ISR.
      const isr = e.isr.includes(context.replicaId) ? [...e.isr] : [context.replicaId, ...e.isr];
      return { leaderEpoch: e.leaderEpoch, leaderId: context.replicaId, isr };
    }),
    followLeader: assign(({ event }) => {
      const e = event as Extract<ReplicaEvent, { type: 'BECOME_FOLLOWER' }>;
      return { leaderEpoch: e.leaderEpoch, leaderId: e.leaderId, isr: [] };
    }),
    shrinkIsr: assign(({ context, event }) => {
      const e = event as Extract<ReplicaEvent, { type: 'ISR_SHRINK' }>;
      return { isr: context.isr.filter((id) => id === context.replicaId || !e.replicaIds.includes(id)) };
    }),
    expandIsr: assign(({ context, event }) => {
      const e = event as Extract<ReplicaEvent, { type: 'ISR_EXPAND' }>;
      return { isr: context.isr.includes(e.replicaId) ? context.isr : [...context.isr, e.replicaId] };
    }),
    replaceIsr: assign(({ context, event }) => {
      const e = event as Extract<ReplicaEvent, { type: 'ISR_UPDATE' }>;
      return { isr: e.isr.includes(context.replicaId) ? [...e.isr] : [context.replicaId, ...e.isr] };
    }),
    forgetLeader: assign({ leaderId: -1, isr: [] }),
    announceRole: emit(({ context }, params: { role: ReplicaRole }) => ({
      type: 'ROLE_CHANGED' as const,
      role: params.role,
      leaderEpoch: context.leaderEpoch,
      leaderId: context.leaderId,
    })),
    announceIsr: emit(({ context }) => ({
      type: 'ISR_CHANGED' as const,
      leaderEpoch: context.leaderEpoch,
      isr: context.isr,
    })),
    confirmLeader: emit(({ context, event }) => ({
      type: 'LEADER_CONFIRMED' as const,
      check: { leaderEpoch: context.leaderEpoch, isr: context.isr },
      replyTo: (event as Extract<ReplicaEvent, { type: 'CHECK_LEADER' }>).replyTo,
    })),
    // A role command (BECOME_*, FENCE) must carry a strictly newer epoch; anything else is fenced.
    rejectEpoch: emit(({ context, event }) => ({
      type: 'REJECTED' as const,
      request: event.type,
      errorCode: ErrorCode.FENCED_LEADER_EPOCH,
      requestLeaderEpoch: epochOf(event),
      currentLeaderEpoch: context.leaderEpoch,
    })),
    // An ISR change must carry exactly the current epoch.
    rejectIsrEpoch: emit(({ context, event }) => ({
      type: 'REJECTED' as const,
      request: event.type,
      errorCode: epochMismatchCode(epochOf(event), context.leaderEpoch),
      requestLeaderEpoch: epochOf(event),
      currentLeaderEpoch: context.leaderEpoch,
    })),
    rejectNotLeader: emit(({ context, event }) => ({
      type: 'REJECTED' as const,
      request: event.type,
      errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER,
      requestLeaderEpoch: epochOf(event as EpochEvent),
      currentLeaderEpoch: context.leaderEpoch,
    })),
  },
}).createMachine({
  id: 'replica',
  initial: 'offline',
  context: ({ input }) => ({
    topic: input.topic,
    partition: input.partition,
    replicaId: input.replicaId,
    leaderEpoch: input.leaderEpoch ?? -1,
    leaderId: -1,
    isr: [],
  }),
  // Root-level handlers apply in every state that does not override them.
  on: {
    BECOME_LEADER: [
      {
        guard: 'newerEpoch',
        target: '.leader',
        actions: ['takeLeadership', { type: 'announceRole', params: { role: 'leader' } }],
      },
      { actions: 'rejectEpoch' },
    ],
    BECOME_FOLLOWER: [
      {
        guard: 'newerEpoch',
        target: '.follower',
        actions: ['followLeader', { type: 'announceRole', params: { role: 'follower' } }],
      },
      { actions: 'rejectEpoch' },
    ],
    ISR_SHRINK: { actions: 'rejectNotLeader' },
    ISR_EXPAND: { actions: 'rejectNotLeader' },
    ISR_UPDATE: { actions: 'rejectNotLeader' },
    TAKE_OFFLINE: {
      target: '.offline',
      actions: ['forgetLeader', { type: 'announceRole', params: { role: 'offline' } }],
    },
    STOP: { target: '.stopped', actions: [{ type: 'announceRole', params: { role: 'stopped' } }] },
    '*': { actions: rejectUnaccepted(ErrorCode.NOT_LEADER_OR_FOLLOWER) },
  },
  states: {
    offline: {},
    follower: {
      on: {
        FENCE: [
          {
            guard: 'newerEpoch',
            target: 'fenced',
            actions: { type: 'announceRole', params: { role: 'fenced' } },
          },
          { actions: 'rejectEpoch' },
        ],
      },
    },
    leader: {
      on: {
        ISR_SHRINK: [
          { guard: 'currentEpoch', actions: ['shrinkIsr', 'announceIsr'] },
          { actions: 'rejectIsrEpoch' },
        ],
        ISR_EXPAND: [
          { guard: 'currentEpoch', actions: ['expandIsr', 'announceIsr'] },
          { actions: 'rejectIsrEpoch' },
        ],
        ISR_UPDATE: [
          { guard: 'currentEpoch', actions: ['replaceIsr', 'announceIsr'] },
          { actions: 'rejectIsrEpoch' },
        ],
        FENCE: [
          {
            guard: 'newerEpoch',
            target: 'fenced',
            actions: { type: 'announceRole', params: { role: 'fenced' } },
          },
          { actions: 'rejectEpoch' },
        ],
        CHECK_LEADER: { actions: 'confirmLeader' },
      },
    },
    fenced: {},
    stopped: { type: 'final' },
  },
});
